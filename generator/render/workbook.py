"""`data/<year>/<MM>/notices.xlsx`: a month's public notices for people who work in Excel, written by
XlsxWriter.

One sheet per family (tenders and amendments, results, penalties; named by the `family`
vocabulary), one row per notice in the exports' order, the columns a reader needs to find and
compare notices: headers in the site's language (generator/words/workbook.py), typed cells,
a frozen header row, an autofilter. Made from the same records as notices.csv and
notices.json (exports.py), in the same pass: the workbook is a view of those records.

- Times are Excel datetimes in the site's time zone: Excel keeps no time zone, so each time
  column's header names the zone (`发布时间（Asia/Shanghai）`). Dates are dates.
- Amounts are numbers in yuan (format `#,##0.00`, the unit in the header). Codes (notice ids,
  region codes, USCCs, project codes) are text cells in text format, never numbers.
- No body: the notice's page is one click away (a HYPERLINK formula with its URL as the
  cached value; real hyperlinks are kept in memory until the sheet is written, and Excel
  takes at most 65,530 of them per sheet). Lists (winners, candidates, sanctions) are said on
  one line.
- Streamed: XlsxWriter's `constant_memory` mode writes each row to a temporary file beside
  the workbook as it comes (rows in order, strings inline), so memory does not grow with the
  notices.
- Reproducible: the document's creation time is the last change of its notices (not the
  build's `now`: a month's workbook changes only with its notices); XlsxWriter stamps every
  zip entry with the same fixed time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.worksheet import Worksheet

from ..words import VOCABULARIES, WORKBOOK, value_label

Record = dict[str, Any]
Cell = str | int | float | date | datetime | None

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"
MAX_TEXT = 32767  # characters in one Excel cell
FILTER_BUTTON = 3  # widths: room for the autofilter's drop-down beside a header


@dataclass(frozen=True)
class Words:
    """The words cells are said in: the site's language and the workbook's catalogue."""

    language: str
    workbook: Mapping[str, str]


@dataclass(frozen=True)
class SheetColumn:
    """One column of a sheet: its header's key in WORKBOOK, the kind of its cells
    (text | code | datetime | date | money | link), its width in characters, and its value
    from a notice's export record and the words of the site's language."""

    key: str
    kind: str
    width: float
    value: Callable[[Record, Words], Cell]


def field(name: str) -> Callable[[Record, Words], Cell]:
    def value(record: Record, words: Words) -> Cell:
        cell: Cell = record[name]
        return cell

    return value


# --- derived cells: lists on one line, amounts that add up ----------------------------------------


def _joined(words: Words, items: Iterator[str | None]) -> str | None:
    said = [item for item in items if item]
    return words.workbook["separator"].join(said) or None


def _total(amounts: Iterator[int | float | None]) -> float | None:
    """The sum of the amounts given, exact in decimal; None when no amount is given."""
    given = [Decimal(str(amount)) for amount in amounts if amount is not None]
    return float(sum(given)) if given else None


def _suppliers(record: Record) -> list[Record]:
    """An award's winners, or a candidates notice's first-ranked bidder."""
    if record["winners"]:
        return list(record["winners"])
    return [c for c in record["candidates"] if c["rank"] == 1]


def supplier(record: Record, words: Words) -> Cell:
    return _joined(words, (s["name"] for s in _suppliers(record)))


def supplier_uscc(record: Record, words: Words) -> Cell:
    """The suppliers' codes in the order of their names; one without a code (a natural
    person) is a dash, so that the codes stay beside their names."""
    codes = [s["uscc"] for s in _suppliers(record)]
    if not any(codes):
        return None
    return words.workbook["separator"].join(code or "—" for code in codes)


def amount(record: Record, words: Words) -> Cell:
    return _total(s["amount"] for s in _suppliers(record))


def candidates(record: Record, words: Words) -> Cell:
    return _joined(words, (c["name"] for c in record["candidates"]))  # ranked in the record


def subject_kind(record: Record, words: Words) -> Cell:
    kind = record["subject_kind"]
    return value_label(words.language, "subject", kind) if kind else None


def _sanction(sanction: Record, words: Words) -> str:
    said = value_label(words.language, "sanction", sanction["kind"])
    if sanction["amount"] is not None:
        said = words.workbook["sanction_amount"].format(kind=said, amount=f"{sanction['amount']:,.2f}")
    if sanction["until"] is not None:
        said = words.workbook["sanction_until"].format(kind=said, until=sanction["until"])
    return said


def sanctions(record: Record, words: Words) -> Cell:
    return _joined(words, (_sanction(s, words) for s in record["sanctions"]))


def fines(record: Record, words: Words) -> Cell:
    return _total(s["amount"] for s in record["sanctions"])


# --- the sheets -------------------------------------------------------------------------------------

_ID = SheetColumn("id", "code", 22, field("id"))
_TITLE = SheetColumn("title", "text", 50, field("title"))
_WHERE = (
    SheetColumn("status", "text", 10, field("status_label")),
    SheetColumn("region", "text", 12, field("region_name")),
    SheetColumn("region_code", "code", 10, field("region_code")),
    SheetColumn("category", "text", 14, field("category_label")),
)
_HEAD = (_ID, _TITLE, SheetColumn("type", "text", 14, field("type_label")), *_WHERE)
_PROJECT = (
    SheetColumn("project_code", "code", 20, field("project_code")),
    SheetColumn("project_name", "text", 36, field("project_name")),
)
_TAIL = (
    SheetColumn("withdrawn_date", "date", 11, field("withdrawn_date")),
    SheetColumn("link", "link", 40, field("url")),
)

SHEETS: dict[str, tuple[SheetColumn, ...]] = {
    "tenders": (
        *_HEAD, *_PROJECT,
        SheetColumn("method", "text", 12, field("method_label")),
        SheetColumn("buyer", "text", 28, field("buyer_name")),
        SheetColumn("buyer_uscc", "code", 20, field("buyer_uscc")),
        SheetColumn("agency", "text", 28, field("agency_name")),
        SheetColumn("budget", "money", 16, field("budget")),
        SheetColumn("published", "datetime", 16, field("published")),
        SheetColumn("deadline", "datetime", 16, field("deadline")),
        SheetColumn("opening_time", "datetime", 16, field("opening_time")),
        SheetColumn("opening_place", "text", 28, field("opening_place")),
        SheetColumn("amends", "code", 22, field("amends")),
        *_TAIL,
    ),
    "results": (
        *_HEAD, *_PROJECT,
        SheetColumn("published", "datetime", 16, field("published")),
        SheetColumn("publicity_end", "datetime", 16, field("publicity_end")),
        SheetColumn("award_date", "date", 11, field("award_date")),
        SheetColumn("supplier", "text", 30, supplier),
        SheetColumn("supplier_uscc", "code", 20, supplier_uscc),
        SheetColumn("amount", "money", 16, amount),
        SheetColumn("candidates", "text", 40, candidates),
        SheetColumn("reason", "text", 30, field("reason")),
        *_TAIL,
    ),
    "penalties": (  # one type: no type column
        _ID, _TITLE, *_WHERE,
        SheetColumn("subject", "text", 28, field("subject_name")),
        SheetColumn("subject_kind", "text", 10, subject_kind),
        SheetColumn("subject_uscc", "code", 20, field("subject_uscc")),
        SheetColumn("decision_no", "code", 26, field("decision_no")),
        SheetColumn("decided", "date", 11, field("decided")),
        SheetColumn("authority", "text", 26, field("authority")),
        SheetColumn("violation", "text", 50, field("violation")),
        SheetColumn("basis", "text", 40, field("basis")),
        SheetColumn("sanctions", "text", 36, sanctions),
        SheetColumn("fines", "money", 16, fines),
        SheetColumn("published", "datetime", 16, field("published")),
        SheetColumn("publicity_end", "datetime", 16, field("publicity_end")),
        *_TAIL,
    ),
}


def header(column: SheetColumn, words: Words, zone: str) -> str:
    """A column's header; a time column's names the zone its times are in."""
    name = words.workbook[column.key]
    if column.kind == "datetime":
        return words.workbook["in_zone"].format(name=name, zone=zone)
    return name


def sheet_headers(language: str, zone: str) -> dict[str, tuple[str, list[str]]]:
    """Each family's sheet: its name and column headers, as the workbook writes them."""
    words = Words(language, WORKBOOK.words(language))
    names = VOCABULARIES["family"].words(language)
    return {family: (names[family], [header(column, words, zone) for column in columns])
            for family, columns in SHEETS.items()}


def display_width(text: str) -> int:
    """Width in Excel's character units: a Chinese character takes two."""
    return sum(2 if ord(character) > 0x2E80 else 1 for character in text)


# --- writing -----------------------------------------------------------------------------------------


class NoticesWorkbook:
    """The workbook being written: `add(record)` puts a notice's row on its family's sheet."""

    def __init__(self, book: xlsxwriter.Workbook, language: str, tz: ZoneInfo) -> None:
        self.book = book
        self.tz = tz
        self.words = Words(language, WORKBOOK.words(language))
        self.formats = {
            "head": book.add_format({"bold": True, "bg_color": "#E7EEF7", "bottom": 1}),
            "text": book.add_format({}),
            "code": book.add_format({"num_format": TEXT_FORMAT}),
            "datetime": book.add_format({"num_format": DATETIME_FORMAT}),
            "date": book.add_format({"num_format": DATE_FORMAT}),
            "money": book.add_format({"num_format": MONEY_FORMAT}),
            "link": book.add_format({"font_color": "#0563C1", "underline": 1}),
        }
        self.sheets: dict[str, Worksheet] = {}
        for family, (name, headers) in sheet_headers(language, tz.key).items():
            self.sheets[family] = book.add_worksheet(name)
            self._head(self.sheets[family], SHEETS[family], headers)
        self.rows = dict.fromkeys(SHEETS, 0)

    def _head(self, sheet: Worksheet, columns: tuple[SheetColumn, ...], headers: list[str]) -> None:
        for index, (column, text) in enumerate(zip(columns, headers, strict=True)):
            width = max(column.width, display_width(text) + FILTER_BUTTON)
            sheet.set_column(index, index, width, self.formats[_column_format(column.kind)])
            sheet.write_string(0, index, text, self.formats["head"])
        sheet.freeze_panes(1, 0)
        sheet.repeat_rows(0)  # printed: the header on every page
        sheet.set_landscape()

    def add(self, record: Record) -> Record:
        """Write the notice's row (rows come in the exports' order) and hand the record on."""
        family = record["family"]
        sheet, row = self.sheets[family], self.rows[family] + 1
        for index, column in enumerate(SHEETS[family]):
            self._cell(sheet, row, index, column.kind, column.value(record, self.words))
        self.rows[family] = row
        return record

    def _cell(self, sheet: Worksheet, row: int, col: int, kind: str, value: Cell) -> None:
        if value is None or value == "":
            return
        if kind == "money":
            sheet.write_number(row, col, value, self.formats["money"])
        elif kind in ("datetime", "date"):
            moment = self._moment(str(value))
            shown = "datetime" if isinstance(moment, datetime) else "date"
            sheet.write_datetime(row, col, moment, self.formats[shown])
        elif kind == "link":
            sheet.write_formula(row, col, hyperlink(str(value)), self.formats["link"], str(value))
        else:
            sheet.write_string(row, col, one_line(str(value)), self.formats[kind])

    def _moment(self, iso: str) -> date | datetime:
        """An export's ISO date or datetime as Excel takes it: a date, or the local time in
        the site's zone without an offset."""
        if len(iso) == len("2026-01-01"):
            return date.fromisoformat(iso)
        return datetime.fromisoformat(iso).astimezone(self.tz).replace(tzinfo=None)

    def finish(self) -> None:
        for family, sheet in self.sheets.items():
            sheet.autofilter(0, 0, self.rows[family], len(SHEETS[family]) - 1)


def _column_format(kind: str) -> str:
    return {"datetime": "datetime", "date": "date", "money": "money", "code": "code"}.get(kind, "text")


def hyperlink(url: str) -> str:
    """A HYPERLINK formula to `url` (a string in a formula doubles its quotes)."""
    quoted = url.replace('"', '""')
    return f'=HYPERLINK("{quoted}")'


def one_line(text: str) -> str:
    """Text on one line, within a cell's limit (notices' short texts are one line already)."""
    line = " ".join(text.split())
    return line if len(line) <= MAX_TEXT else line[: MAX_TEXT - 1] + "…"


@contextmanager
def notices_workbook(target: Path, *, language: str, tz: ZoneInfo, month: str, changed: datetime,
                     author: str) -> Iterator[NoticesWorkbook]:
    """The workbook of the notices published in `month` ("2026-11"), at `target`, written when the block
    ends without an error; `changed`: the last change of its notices, its creation time.
    Temporary row files go beside it (the build's folder, not /tmp, which may be memory)."""
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True, "tmpdir": str(target.parent)})
    words = WORKBOOK.words(language)
    book.set_properties({
        "title": words["document_title"].format(year=int(month[:4]), number=int(month[5:])),
        "author": author,
        "comments": words["document_comments"].format(zone=tz.key),
        # XlsxWriter writes this as UTC ("…Z") without converting: give it UTC
        "created": changed.astimezone(UTC).replace(tzinfo=None),
    })
    workbook = NoticesWorkbook(book, language, tz)
    yield workbook
    workbook.finish()
    try:
        book.close()
    except FileCreateError as exc:  # XlsxWriter wraps the OSError of a full disk: unwrap it
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
        if cause is None:
            raise
        raise cause from None
