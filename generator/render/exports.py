"""Open data, one set of files per publication month (in the site's time zone), so that a
change rewrites one month's files and not every notice's: `data/<year>/<MM>/notices.json`
and `notices.csv` (one record per public notice, the documented COLUMNS in this order; the
CSV without the body),
`notices.xlsx` (the same records for people, a sheet per family: workbook.py) and
`ocds.json` (see ocds.py); `data/index.json` lists every year's months and each month's
files with their size, SHA-256 and count (render/opendata.py writes it).

All carry the status computed as of the build's "now" (index.json says since when: the moment
the site last changed, `Site.changed_at`, so that a rebuild before the next change writes the
same bytes), the effective deadline (after amendments) and the page URL. Embargoed notices and
penalties past their disclosure are not in the `Site`, so they are in no file.
"""

from __future__ import annotations

import csv
import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from ..config import Settings
from ..dataset import validating_fingerprint
from ..derive import PublicNotice, Site
from ..model import Amendment, Award, Candidates, Penalty, Tender, Termination
from .facts import AttachmentFacts, NoticeFacts, PartyFacts
from .feeds import absolute
from .format import iso
from .jsonout import ENCODER, write_document
from .ocds import RELEASE_TAG, procurement_notices, project_tender, write_release_package
from .pages import RenderContext
from .workbook import notices_workbook

EXPORT_VERSION = 3  # 2: one file per year, `year` in the head instead of `as_of`; 3: per month, `month`

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
# notices.csv leaves out the body, as the workbook does: a spreadsheet is for the facts, Excel
# cuts a cell at 32,767 characters, and the body as HTML was ~5 KB of every notice's ~14 KB of
# open data (benchmarks/RESULTS.md, "Size budget"); notices.json and the page carry it.
CSV_COLUMNS: tuple[Column, ...] = tuple(column for column in COLUMNS if column.name != "body_html")
CSV_COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in CSV_COLUMNS)


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
    if attachment.external:  # a remote file's size and digest as declared; a bare link has none
        return {"title": attachment.title, "url": attachment.url, "bytes": attachment.bytes,
                "sha256": attachment.sha256}
    # the page's link is already percent-encoded (format.url_path): only the site URL is added
    return {"title": attachment.title, "url": settings.site_url + attachment.url,
            "bytes": attachment.bytes, "sha256": attachment.sha256}


# --- files: one set per publication month ---------------------------------------------------------

MONTH_FILES = ("notices.json", "notices.csv", "notices.xlsx", "ocds.json")
INDEX = "data/index.json"
INDEX_VERSION = 2  # 2: each year's files by month (`months`), no longer one set per year


def month_path(month: str, name: str) -> str:
    """Where one of a month's files goes, relative to the site root: month "2026-11",
    data/2026/11/notices.csv."""
    year, number = month.split("-")
    return f"data/{year}/{number}/{name}"


def publication_month(pn: PublicNotice, tz: ZoneInfo) -> str:
    """The month of a notice's publication in the site's time zone: "2026-11"."""
    return pn.published_at.astimezone(tz).strftime("%Y-%m")


def notices_by_month(site: Site) -> dict[str, list[PublicNotice]]:
    """The public notices by their publication month in the site's time zone: the newest
    month first, each month's notices in the site's order (newest first). A month without a
    public notice is not there."""
    months: dict[str, list[PublicNotice]] = {}
    for pn in site.notices:
        months.setdefault(publication_month(pn, site.tz), []).append(pn)
    return dict(sorted(months.items(), reverse=True))


def month_files(notices: Iterable[PublicNotice]) -> tuple[str, ...]:
    """The files of a month of `notices`: MONTH_FILES, but no ocds.json when none of them is a
    procurement notice (a month of penalties only): an OCDS package holds at least one
    release."""
    if any(pn.type in RELEASE_TAG for pn in notices):
        return MONTH_FILES
    return tuple(name for name in MONTH_FILES if name != "ocds.json")


def latest_change(notices: Iterable[PublicNotice]) -> datetime:
    """The last moment at which one of `notices` was published or changed: the time of a
    month's files (OCDS's publishedDate: "the date of the last change to the underlying
    contents"; the workbook's creation time). Not the build's now, which would change the
    files at every build."""
    return max(pn.updated_at for pn in notices)


def month_source(ctx: RenderContext, settings: Settings, month: str,
                 notices: Iterable[PublicNotice],
                 notice_keys: Mapping[str, bytes] | None = None) -> str:
    """Everything a month's files are made of, hashed: the output cache's key of each of them
    (with the code, which the cache's stamp holds). Cheaper than a record: no facts, no body
    conversion. The status of each notice as of now is in it, so a status that moves with
    the clock makes the month's files again; nothing else in them depends on now.

    `notice_keys`: the store's key of each notice (store.notice_keys), when the build has
    them. A key covers all that `add_notice_source` adds (the file's and its project's bytes,
    the project's moments passed, its regions' names, its attachments) and more (its log rows
    and flags, whose change makes its month again: rare), in 32 bytes a notice: a +1 at
    10,000 spent 0.3 s making every month's source the long way."""
    digest = hashlib.sha256(ENCODER.encode([
        EXPORT_VERSION, month, settings.site_url, settings.site_name, settings.language,
        ctx.site.tz.key, settings.ocid_prefix, validation_fingerprint(),
    ]).encode())
    for pn in notices:
        if notice_keys is not None:
            digest.update(notice_keys[pn.id])
        else:
            add_notice_source(digest, ctx, pn)
    return digest.hexdigest()


@functools.cache
def validation_fingerprint() -> str:
    """The code that makes a notice as validated from its file's bytes (with the time zone, in
    the month's source): the output cache's stamp holds the rendering code, not this."""
    return validating_fingerprint()


def add_notice_source(digest: Any, ctx: RenderContext, pn: PublicNotice) -> None:
    """Add to `digest` what a notice's export record and OCDS release are made of besides the
    code and the settings: the notice as validated (by its file's SHA-256: its JSON was 24 µs
    a notice, and pydantic's JSON attaches a UTF-8 copy to every string it writes for the
    string's life), what the data says of it as of now (status, effective
    deadline, updates, withdrawal in effect), its regions' names, its attachments' digests,
    and the parties of the tender its release names (in another month, perhaps)."""
    tz = ctx.site.tz
    tender = project_tender(ctx, pn) if pn.type in RELEASE_TAG else None
    tender_parties = None
    if tender is not None and tender is not pn and isinstance(tender.notice, Tender):
        tender_parties = [tender.id, tender.notice.buyer.model_dump(mode="json"),
                          tender.notice.agency.model_dump(mode="json") if tender.notice.agency else None]
    derived = ENCODER.encode([
        pn.id,
        pn.status,
        iso(pn.published_at, tz),
        [[iso(u.at, tz), u.notice_id, u.kind] for u in pn.updates],
        iso(pn.deadline, tz) if pn.deadline else None,
        [iso(d, tz) for d in pn.superseded_deadlines],
        pn.opening.model_dump(mode="json") if pn.opening else None,
        iso(pn.ends_at, tz) if pn.ends_at else None,
        pn.withdrawal.model_dump(mode="json") if pn.withdrawal else None,
        pn.project_code,
        [[node.code, node.name] for node in pn.region.path()],
        [_attachment_source(ctx, a.file) for a in pn.notice.attachments or [] if a.file],
        tender.id if tender is not None else None,
        tender_parties,
    ])
    digest.update(b"\0")
    digest.update(derived.encode())
    digest.update(b"\0")
    digest.update(pn.file.sha256)


def _attachment_source(ctx: RenderContext, file: str) -> list[object]:
    published = ctx.attachment_file(file)
    return [file, published.target, published.size, published.sha256]


def write_month_exports(ctx: RenderContext, settings: Settings, month: str,
                        notices: list[PublicNotice], targets: Mapping[str, Path]) -> dict[str, int]:
    """Write one month's notices.json, notices.csv and notices.xlsx in one pass over its notices,
    a record at a time, then its ocds.json, at `targets` (each of month_files(notices) → where
    to write it). Returns how many notices (releases in ocds.json) each file holds."""
    site = ctx.site
    changed = latest_change(notices)
    with open(targets["notices.json"], "w", encoding="utf-8", newline="") as json_file, \
            open(targets["notices.csv"], "w", encoding="utf-8", newline="") as csv_file, \
            notices_workbook(targets["notices.xlsx"], language=ctx.language, tz=site.tz,
                             month=month, changed=changed, author=settings.site_name) as workbook:
        csv_row = csv_writer(csv_file)

        def rows(record: Record) -> Record:
            return workbook.add(csv_row(record))

        head = {
            "version": EXPORT_VERSION,
            "month": month,
            "site_url": settings.site_url,
            "count": len(notices),
            "columns": list(COLUMN_NAMES),
        }
        write_document(json_file, head, "notices", (
            rows(notice_record(ctx, settings, pn)) for pn in notices
        ))
    counts = dict.fromkeys(targets, len(notices))
    if "ocds.json" in targets:
        releases = procurement_notices(notices)
        with open(targets["ocds.json"], "w", encoding="utf-8", newline="") as ocds_file:
            write_release_package(ctx, settings, ocds_file, releases,
                                  uri=month_path(month, "ocds.json"), published=changed)
        counts["ocds.json"] = len(releases)
    return counts


def csv_writer(stream: TextIO) -> Callable[[Record], Record]:
    """notices.csv: UTF-8 with a byte-order mark (so Excel reads Chinese), a header row, CRLF
    line ends. The returned function writes one record's row and hands the record on."""
    stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_COLUMN_NAMES)

    def row(record: Record) -> Record:
        writer.writerow([csv_cell(column, record[column.name]) for column in CSV_COLUMNS])
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
