"""Open data: `data/notices.json` and `data/notices.csv` (one record per public notice, the
documented COLUMNS in this order), `data/notices.xlsx` (the same records for people, a sheet
per family: workbook.py) and `data/ocds.json` (see ocds.py).

All carry the status computed as of the build's "now", the effective deadline (after
amendments) and the page URL; they state the moment the site last changed (`Site.changed_at`),
not the build's now, so a rebuild before the next change writes the same bytes. Embargoed notices and penalties past their disclosure are not
in the `Site`, so they are in no file.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from ..config import Settings
from ..derive import PublicNotice
from ..model import Amendment, Award, Candidates, Penalty, Tender, Termination
from .facts import AttachmentFacts, NoticeFacts, PartyFacts
from .feeds import absolute
from .format import iso
from .jsonout import write_document
from .ocds import write_release_package
from .pages import RenderContext
from .workbook import notices_workbook

EXPORT_VERSION = 1
CSV_LIST_SEPARATOR = "\n"  # list cells (candidates, winners, …): one item per line
CSV_FIELD_SEPARATOR = " | "  # fields of one item
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a formula
CSV_MARK = "'"  # put before such a cell (OWASP's advice on CSV injection)


@dataclass(frozen=True)
class Column:
    """One column of the exports; what it holds, in words, is in the catalogue
    (generator/words/opendata.py, keyed by `name`)."""

    name: str
    kind: str = "text"  # text | datetime | date-or-datetime | date | money | list | url | integer


Record = dict[str, Any]
Value = Callable[[PublicNotice], Any]

COLUMNS: tuple[Column, ...] = (
    Column("id"),
    Column("url", "url"),
    Column("type"),
    Column("type_label"),
    Column("family"),
    Column("status"),
    Column("status_label"),
    Column("title"),
    Column("region_code"),
    Column("region_name"),
    Column("region_path"),
    Column("published", "datetime"),
    Column("updated", "datetime"),
    Column("publisher"),
    Column("category"),
    Column("category_label"),
    Column("project_code"),
    Column("project_name"),
    Column("method"),
    Column("method_label"),
    Column("buyer_name"),
    Column("buyer_uscc"),
    Column("agency_name"),
    Column("agency_uscc"),
    Column("budget", "money"),
    Column("deadline", "datetime"),
    Column("superseded_deadlines", "list"),
    Column("opening_time", "datetime"),
    Column("opening_place"),
    Column("qualification"),
    Column("amends"),
    Column("new_deadline", "datetime"),
    Column("new_opening_time", "datetime"),
    Column("new_opening_place"),
    Column("publicity_end", "date-or-datetime"),
    Column("candidates", "list"),
    Column("winners", "list"),
    Column("award_date", "date"),
    Column("reason"),
    Column("subject_name"),
    Column("subject_kind"),
    Column("subject_uscc"),
    Column("decision_no"),
    Column("decided", "date"),
    Column("authority"),
    Column("violation"),
    Column("basis"),
    Column("sanctions", "list"),
    Column("withdrawn_date", "date"),
    Column("withdrawn_reason"),
    Column("contact_name"),
    Column("contact_phone"),
    Column("contact_email"),
    Column("attachments", "list"),
    Column("body_html"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)


# --- one record per notice ------------------------------------------------------------------------


def notice_record(ctx: RenderContext, settings: Settings, pn: PublicNotice) -> Record:
    """Every column of one notice, JSON-typed (lists stay lists; money is a number). What the
    notice's page shows comes from its facts; times and amounts as data from the notice."""
    facts = ctx.notice_facts(pn)
    tz = ctx.site.tz
    record: Record = {c.name: [] if c.kind == "list" else None for c in COLUMNS}
    record.update({
        "id": facts.id,
        "url": absolute(settings, facts.url),
        "type": facts.type,
        "type_label": facts.type_label,
        "family": facts.family,
        "status": facts.status,
        "status_label": facts.status_label,
        "title": facts.title,
        "region_code": pn.region.code,
        "region_name": pn.region.name,
        "region_path": " › ".join(link.name for link in facts.region_path),
        "published": iso(pn.published_at, tz),
        "updated": iso(pn.updated_at, tz),
        "publisher": facts.publisher,
        "body_html": facts.body_html,
        "attachments": [_attachment(settings, a) for a in facts.attachments],
        "superseded_deadlines": [iso(d, tz) for d in pn.superseded_deadlines],
    })
    if facts.category:
        record["category"] = facts.category
        record["category_label"] = facts.category_label
    if facts.project:
        record["project_code"] = facts.project.code
        record["project_name"] = facts.project.name
    if pn.deadline is not None and pn.type in ("tender", "amendment"):
        record["deadline"] = iso(pn.deadline, tz)
    if pn.opening is not None and pn.type in ("tender", "amendment"):
        record["opening_time"] = iso(pn.opening.time, tz)
        record["opening_place"] = pn.opening.place
    if facts.withdrawn:
        record["withdrawn_date"] = facts.withdrawn.date
        record["withdrawn_reason"] = facts.withdrawn.reason
    if facts.contact:
        record["contact_name"] = facts.contact.name
        record["contact_phone"] = facts.contact.phone
        record["contact_email"] = facts.contact.email
    record.update(_type_fields(ctx, pn, facts))
    return record


def _money(amount: Decimal | None) -> float | int | None:
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _party_fields(prefix: str, party: PartyFacts | None) -> Record:
    if party is None:
        return {}
    return {f"{prefix}_name": party.name, f"{prefix}_uscc": party.uscc}


def _type_fields(ctx: RenderContext, pn: PublicNotice, facts: NoticeFacts) -> Record:
    notice = pn.notice
    tz = ctx.site.tz
    if isinstance(notice, Tender):
        return {
            "method": notice.method,
            "method_label": facts.method_label,
            **_party_fields("buyer", facts.buyer),
            **_party_fields("agency", facts.agency),
            "budget": _money(notice.budget),
            "qualification": facts.qualification,
        }
    if isinstance(notice, Amendment):
        changes = notice.changes
        opening = changes.opening if changes else None
        return {
            "amends": notice.amends,
            "new_deadline": iso(changes.deadline, tz) if changes and changes.deadline else None,
            "new_opening_time": iso(opening.time, tz) if opening else None,
            "new_opening_place": opening.place if opening else None,
        }
    if isinstance(notice, Candidates):
        return {
            "publicity_end": iso(notice.publicity_end, tz),
            "candidates": [
                {"rank": c.rank, "name": c.name, "uscc": c.uscc, "amount": _money(c.amount)}
                for c in sorted(notice.candidates, key=lambda c: c.rank)
            ],
        }
    if isinstance(notice, Award):
        return {
            "winners": [
                {"name": w.name, "uscc": w.uscc, "amount": _money(w.amount)} for w in notice.winners
            ],
            "award_date": notice.award_date.isoformat() if notice.award_date else None,
        }
    if isinstance(notice, Termination):
        return {"reason": notice.reason}
    assert isinstance(notice, Penalty)
    return {
        "subject_name": notice.subject.name,
        "subject_kind": notice.subject.kind,
        "subject_uscc": notice.subject.uscc,
        "decision_no": notice.decision_no,
        "decided": notice.decided.isoformat(),
        "authority": notice.authority,
        "violation": notice.violation,
        "basis": notice.basis,
        "sanctions": [
            {"kind": s.kind, "amount": _money(s.amount),
             "until": s.until.isoformat() if s.until else None}
            for s in notice.sanctions
        ],
        "publicity_end": iso(notice.publicity_end, tz),
    }


def _attachment(settings: Settings, attachment: AttachmentFacts) -> Record:
    if attachment.external:
        return {"title": attachment.title, "url": attachment.url, "bytes": None, "sha256": None}
    # the page's link is already percent-encoded (format.url_path): only the site URL is added
    return {"title": attachment.title, "url": settings.site_url + attachment.url,
            "bytes": attachment.bytes, "sha256": attachment.sha256}


# --- files ----------------------------------------------------------------------------------------


def write_exports(ctx: RenderContext, settings: Settings, site_dir: Path) -> list[str]:
    """Write notices.json, notices.csv and notices.xlsx in one pass over the notices, a record
    at a time, then ocds.json; returns the paths written, relative to the site root."""
    data_dir = site_dir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    site = ctx.site
    with open(data_dir / "notices.json", "w", encoding="utf-8", newline="") as json_file, \
            open(data_dir / "notices.csv", "w", encoding="utf-8", newline="") as csv_file, \
            notices_workbook(data_dir / "notices.xlsx", language=ctx.language, tz=site.tz,
                             now=site.changed_at, author=settings.site_name) as workbook:
        csv_row = csv_writer(csv_file)

        def rows(record: Record) -> Record:
            return workbook.add(csv_row(record))

        head = {
            "version": EXPORT_VERSION,
            "as_of": iso(ctx.site.changed_at, ctx.site.tz),
            "site_url": settings.site_url,
            "count": len(ctx.site.notices),
            "columns": list(COLUMN_NAMES),
        }
        write_document(json_file, head, "notices", (
            rows(notice_record(ctx, settings, pn)) for pn in ctx.site.notices
        ))
    with open(data_dir / "ocds.json", "w", encoding="utf-8", newline="") as ocds_file:
        write_release_package(ctx, settings, ocds_file)
    return ["data/notices.json", "data/notices.csv", "data/notices.xlsx", "data/ocds.json"]


def csv_writer(stream: TextIO) -> Callable[[Record], Record]:
    """notices.csv: UTF-8 with a byte-order mark (so Excel reads Chinese), a header row, CRLF
    line ends. The returned function writes one record's row and hands the record on."""
    stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)

    def row(record: Record) -> Record:
        writer.writerow([csv_cell(column, record[column.name]) for column in COLUMNS])
        return record

    return row


def csv_cell(column: Column, value: Any) -> str:
    """Text of one CSV cell (lists one item per line), guarded against formulas."""
    return guarded(_cell_text(column, value))


def guarded(text: str) -> str:
    """A cell a spreadsheet would run as a formula (first character one of FORMULA_STARTS) gets
    a leading apostrophe, whatever its column: text, list or number. So does a cell that starts
    with an apostrophe itself, so that removing one leading apostrophe always gives the value
    back (stated on the 数据下载 page)."""
    return CSV_MARK + text if text.startswith((*FORMULA_STARTS, CSV_MARK)) else text


def _cell_text(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == "list":
        return CSV_LIST_SEPARATOR.join(_list_item(item) for item in value)
    if isinstance(value, float | int):
        return _number(value)
    return str(value)


def _list_item(item: Any) -> str:
    if isinstance(item, dict):
        return CSV_FIELD_SEPARATOR.join(
            "" if value is None else _number(value) if isinstance(value, float | int) else str(value)
            for value in item.values()
        )
    return str(item)


def _number(value: float | int) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)
