"""Open data: `data/notices.json` and `data/notices.csv` (one record per public notice, the
documented COLUMNS in this order) and `data/ocds.json` (see ocds.py).

Both files carry the status computed as of the build's "now", the effective deadline (after
amendments) and the page URL. Embargoed notices and penalties past their disclosure are not
in the `Site`, so they are in neither file.
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
from ..model import Amendment, Award, Candidates, Party, Penalty, Tender, Termination
from .feeds import absolute
from .format import iso
from .jsonout import write_document
from .ocds import write_release_package
from .pages import RenderContext

EXPORT_VERSION = 1
CSV_LIST_SEPARATOR = "\n"  # list cells (candidates, winners, …): one item per line
CSV_FIELD_SEPARATOR = " | "  # fields of one item
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a formula
CSV_MARK = "'"  # put before such a cell (OWASP's advice on CSV injection)


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    en: str
    kind: str = "text"  # text | datetime | date-or-datetime | date | money | list | url | integer


Record = dict[str, Any]
Value = Callable[[PublicNotice], Any]

COLUMNS: tuple[Column, ...] = (
    Column("id", "公告编号（文件名），永久不变", "notice id (file name), permanent"),
    Column("url", "公告页面的绝对地址", "absolute URL of the notice page", "url"),
    Column("type", "公告类型代码：tender, amendment, candidates, award, termination, penalty",
           "notice type code"),
    Column("type_label", "公告类型名称", "notice type, as shown"),
    Column("family", "分类：tenders 招标公告, results 结果公示, penalties 处罚公告",
           "family: tenders, results, penalties"),
    Column("status", "状态代码（截至 as_of）：open, closed, awarded, terminated, withdrawn, "
           "publicity, publicity-ended, disclosed",
           "status code as of as_of"),
    Column("status_label", "状态名称，如 公告中、已截止、已成交", "status, as shown"),
    Column("title", "公告标题", "title"),
    Column("region_code", "发布地区代码（GB/T 2260）", "region code (GB/T 2260)"),
    Column("region_name", "发布地区名称", "region name"),
    Column("region_path", "从省到发布地区，以 › 分隔", "region path from the province, › separated"),
    Column("published", "发布时间", "published", "datetime"),
    Column("updated", "最后变化时间：发布，或之后的变更、结果、撤销", "last change: published, or a "
           "later amendment, result or withdrawal", "datetime"),
    Column("publisher", "发布单位", "publisher"),
    Column("category", "交易类别代码", "category code"),
    Column("category_label", "交易类别名称", "category, as shown"),
    Column("project_code", "项目编号", "project code"),
    Column("project_name", "项目名称", "project name"),
    Column("method", "交易方式代码（招标公告）", "procedure code (tenders)"),
    Column("method_label", "交易方式名称", "procedure, as shown"),
    Column("buyer_name", "招标人/采购人/出让人", "buyer"),
    Column("buyer_uscc", "招标人统一社会信用代码", "buyer's unified social credit code"),
    Column("agency_name", "代理机构", "agency"),
    Column("agency_uscc", "代理机构统一社会信用代码", "agency's unified social credit code"),
    Column("budget", "预算/起始价（元）", "budget / reserve price (yuan)", "money"),
    Column("deadline", "有效投标截止时间（招标和变更公告：已应用全部变更）",
           "effective deadline (tenders and amendments: every amendment applied)", "datetime"),
    Column("superseded_deadlines", "被变更取代的原截止时间，由早到晚",
           "former deadlines replaced by amendments, oldest first", "list"),
    Column("opening_time", "有效开标时间", "effective bid opening", "datetime"),
    Column("opening_place", "有效开标地点", "effective bid opening venue"),
    Column("qualification", "资格要求", "qualification"),
    Column("amends", "变更公告所变更的招标公告编号", "id of the tender an amendment changes"),
    Column("new_deadline", "变更公告给出的新截止时间", "new deadline given by an amendment",
           "datetime"),
    Column("new_opening_time", "变更公告给出的新开标时间", "new bid opening given by an amendment",
           "datetime"),
    Column("new_opening_place", "变更公告给出的新开标地点", "new venue given by an amendment"),
    Column("publicity_end", "公示截止（候选人公示、处罚公告）；日期表示当天结束",
           "end of publicity (candidates, penalties); a date means the end of that day",
           "date-or-datetime"),
    Column("candidates", "中标候选人：排名 | 名称 | 统一社会信用代码 | 报价（元）",
           "preferred bidders: rank | name | USCC | amount (yuan)", "list"),
    Column("winners", "中标/成交人：名称 | 统一社会信用代码 | 金额（元）",
           "winners: name | USCC | amount (yuan)", "list"),
    Column("award_date", "中标/成交日期", "award date", "date"),
    Column("reason", "终止/流标原因", "termination reason"),
    Column("subject_name", "处罚对象", "penalised subject"),
    Column("subject_kind", "处罚对象类别代码：company, agency, buyer, expert, person",
           "subject kind code"),
    Column("subject_uscc", "处罚对象统一社会信用代码", "subject's USCC"),
    Column("decision_no", "处罚决定书文号", "decision number"),
    Column("decided", "处罚决定日期", "decision date", "date"),
    Column("authority", "处罚机关", "authority"),
    Column("violation", "违法事实", "violation"),
    Column("basis", "处罚依据", "legal basis"),
    Column("sanctions", "处罚措施：种类 | 金额（元） | 期限至", "sanctions: kind | amount | until",
           "list"),
    Column("withdrawn_date", "撤销日期（已撤销的公告）", "withdrawal date", "date"),
    Column("withdrawn_reason", "撤销原因", "withdrawal reason"),
    Column("contact_name", "联系人", "contact person"),
    Column("contact_phone", "联系电话", "contact phone"),
    Column("contact_email", "联系邮箱", "contact email"),
    Column("attachments", "附件：名称 | 地址 | 字节数 | SHA-256（外部链接无后两项）",
           "attachments: title | URL | bytes | SHA-256 (not for external links)", "list"),
    Column("body_html", "正文（已清理的 HTML：无脚本、无原始 HTML）",
           "body (sanitized HTML: no scripts, no raw HTML)"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)


# --- one record per notice ------------------------------------------------------------------------


def notice_record(ctx: RenderContext, settings: Settings, pn: PublicNotice) -> Record:
    """Every column of one notice, JSON-typed (lists stay lists; money is a number)."""
    notice = pn.notice
    tz = ctx.site.tz
    record: Record = {c.name: [] if c.kind == "list" else None for c in COLUMNS}
    record.update({
        "id": pn.id,
        "url": absolute(settings, pn.url),
        "type": pn.type,
        "type_label": ctx.label("type", pn.type),
        "family": pn.family,
        "status": pn.status,
        "status_label": ctx.label("status", pn.status),
        "title": notice.title,
        "region_code": pn.region.code,
        "region_name": pn.region.name,
        "region_path": " › ".join(node.name for node in pn.region.path()),
        "published": iso(pn.published_at, tz),
        "updated": iso(pn.updated_at, tz),
        "publisher": notice.publisher,
        "body_html": ctx.body_html(pn),
        "attachments": [_attachment(ctx, settings, a) for a in notice.attachments or []],
        "superseded_deadlines": [iso(d, tz) for d in pn.superseded_deadlines],
    })
    if notice.category:
        record["category"] = notice.category
        record["category_label"] = ctx.label("category", notice.category)
    if notice.project:
        record["project_code"] = notice.project.code
        record["project_name"] = notice.project.name
    if pn.deadline is not None and pn.type in ("tender", "amendment"):
        record["deadline"] = iso(pn.deadline, tz)
    if pn.opening is not None and pn.type in ("tender", "amendment"):
        record["opening_time"] = iso(pn.opening.time, tz)
        record["opening_place"] = pn.opening.place
    if pn.withdrawal:
        record["withdrawn_date"] = pn.withdrawal.date.isoformat()
        record["withdrawn_reason"] = pn.withdrawal.reason
    if notice.contact:
        record["contact_name"] = notice.contact.name
        record["contact_phone"] = notice.contact.phone
        record["contact_email"] = notice.contact.email
    record.update(_type_fields(ctx, pn))
    return record


def _money(amount: Decimal | None) -> float | int | None:
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _party_fields(prefix: str, party: Party | None) -> Record:
    if party is None:
        return {}
    return {f"{prefix}_name": party.name, f"{prefix}_uscc": party.uscc}


def _type_fields(ctx: RenderContext, pn: PublicNotice) -> Record:
    notice = pn.notice
    tz = ctx.site.tz
    if isinstance(notice, Tender):
        return {
            "method": notice.method,
            "method_label": ctx.label("method", notice.method),
            **_party_fields("buyer", notice.buyer),
            **_party_fields("agency", notice.agency),
            "budget": _money(notice.budget),
            "qualification": notice.qualification,
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


def _attachment(ctx: RenderContext, settings: Settings, attachment: Any) -> Record:
    if attachment.url:
        return {"title": attachment.title, "url": attachment.url, "bytes": None, "sha256": None}
    published = ctx.attachment_file(attachment.file)
    return {"title": attachment.title, "url": absolute(settings, published.target),
            "bytes": published.size, "sha256": published.sha256}


# --- files ----------------------------------------------------------------------------------------


def write_exports(ctx: RenderContext, settings: Settings, site_dir: Path) -> list[str]:
    """Write notices.json and notices.csv in one pass over the notices, a record at a time,
    then ocds.json; returns the paths written, relative to the site root."""
    data_dir = site_dir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "notices.json", "w", encoding="utf-8", newline="") as json_file, \
            open(data_dir / "notices.csv", "w", encoding="utf-8", newline="") as csv_file:
        rows = csv_writer(csv_file)
        head = {
            "version": EXPORT_VERSION,
            "as_of": iso(ctx.site.now, ctx.site.tz),
            "site_url": settings.site_url,
            "count": len(ctx.site.notices),
            "columns": list(COLUMN_NAMES),
        }
        write_document(json_file, head, "notices", (
            rows(notice_record(ctx, settings, pn)) for pn in ctx.site.notices
        ))
    with open(data_dir / "ocds.json", "w", encoding="utf-8", newline="") as ocds_file:
        write_release_package(ctx, settings, ocds_file)
    return ["data/notices.json", "data/notices.csv", "data/ocds.json"]


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
