"""The Excel template staff fill in: written with XlsxWriter (`write_template`), read back row
by row with openpyxl in read-only mode (`read_workbook`), one notice per row.

A sheet is a notice type when its name is the type's name in either language or its code
(招标公告, Tender, tender); other sheets (the explanation) are not read. A header is a column's
label in either language (columns.py). A cell's value becomes what an editor would write in the
file: numbers typed as text in a money column are numbers, a date-only cell in a time column
stays a date (so the model says a time is needed), a name chosen from a drop-down list its code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..load import Key
from ..model import NOTICE_TYPES
from ..words import (
    FIELDS,
    IMPORT_EXAMPLES,
    IMPORTING,
    LANGUAGES,
    SCHEMA_HELP,
    VOCABULARIES,
    Message,
    Series,
    Word,
)
from .columns import RANKED, Column, choice_codes, column_at, columns_of
from .records import Record, Trace

NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")
HEADER_ROW = 1
EXAMPLE_ROW = 2
VALIDATED_ROWS = 5000  # drop-down lists cover this many rows below the header


# --- reading ----------------------------------------------------------------------------------------


def sheet_type(name: str) -> str | None:
    wanted = name.strip().casefold()
    for code in NOTICE_TYPES:
        names = {code, *(VOCABULARIES["type"].words(language)[code] for language in LANGUAGES)}
        if wanted in {n.casefold() for n in names}:
            return code
    return None


def read_workbook(path: Path, shown: str, notes: list[tuple[Message, Message]]) -> Iterator[Record]:
    """Every filled row of every notice-type sheet, in order; `notes` gets (where, what) of each
    header that names no field. Rows are read one at a time (openpyxl's read-only mode)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            notice_type = sheet_type(sheet.title)
            if notice_type is None:
                continue
            yield from _sheet_records(sheet, notice_type, shown, notes)
    finally:
        book.close()


@dataclass(eq=False)
class SheetOrigin:
    """A notice type's sheet: the header of each column, by the key its values go to. Its rows
    share it (records.Trace)."""

    file: str
    sheet: str
    notice_type: str
    headers: dict[Key, str]

    def row(self, trace: Trace) -> Message:
        return IMPORTING.message("at_row", file=self.file, sheet=self.sheet, row=trace.line)

    def cell(self, trace: Trace, key: Key) -> Message | None:
        header = self.headers.get(_uncompacted(key, trace.groups))
        if header is None:
            return None
        return IMPORTING.message("at_cell", file=self.file, sheet=self.sheet, row=trace.line, header=header)

    def give(self, trace: Trace, key: Key) -> Message:
        column_key = _uncompacted(key, trace.groups)
        header = self.headers.get(column_key)
        if header is not None:
            return IMPORTING.message("give_column", header=header)
        column = column_at(self.notice_type, column_key)
        label: Message | str = column.label() if column is not None else ".".join(map(str, column_key))
        return IMPORTING.message("give_new_column", header=label)


def _sheet_records(sheet: Any, notice_type: str, shown: str,
                   notes: list[tuple[Message, Message]]) -> Iterator[Record]:
    rows = sheet.iter_rows()
    header_cells = next(rows, ())
    by_header = {header: column for column in columns_of(notice_type) for header in column.headers()}
    layout: list[tuple[Column, str] | None] = []
    for cell in header_cells:
        text = str(cell.value).strip() if cell.value is not None else ""
        column = by_header.get(text)
        layout.append((column, text) if column is not None else None)
        if column is None and text:
            notes.append((IMPORTING.message("at_cell", file=shown, sheet=sheet.title, row=HEADER_ROW,
                                            header=text), IMPORTING.message("unknown_header", header=text)))
    origin = SheetOrigin(shown, sheet.title, notice_type,
                         {placed[0].key: placed[1] for placed in layout if placed is not None})
    for number, cells in enumerate(rows, start=HEADER_ROW + 1):
        record = _row_record(cells, layout, origin, number)
        if record is not None:
            yield record


def _row_record(cells: Any, layout: list[tuple[Column, str] | None], origin: SheetOrigin,
                row: int) -> Record | None:
    found: list[tuple[Column, str, Any]] = []
    for cell, placed in zip(cells, layout, strict=False):
        if placed is None:
            continue
        value = _cell_value(cell, placed[0])
        if value is not None:
            found.append((placed[0], placed[1], value))
    if not found:
        return None
    groups = _compacted_groups(found)
    skipping = tuple((name, tuple(sorted(filled))) for name, filled in sorted(groups.items())
                     if sorted(filled) != list(range(len(filled))))
    record = Record(Trace(origin, row, groups=skipping), origin.notice_type, {}, None)
    for column, _header, value in found:
        key = _compacted(column.key, groups)
        assert key is not None
        if key == ("id",):
            record.notice_id = str(value)
        else:
            _set(record.values, key, value)
    if origin.notice_type == "candidates":
        for index, group in enumerate(sorted(groups.get(RANKED, ()))):
            record.values[RANKED][index] = {"rank": group + 1, **record.values[RANKED][index]}
    return record


def _uncompacted(key: Key, groups: tuple[tuple[str, tuple[int, ...]], ...]) -> Key:
    """The column key of a row's `key`, whose group is numbered among the row's filled groups."""
    if len(key) > 2 and isinstance(key[1], int):
        for name, filled in groups:
            if name == key[0] and key[1] < len(filled):
                return (key[0], filled[key[1]], *key[2:])
    return key


def _compacted_groups(found: list[tuple[Column, str, Any]]) -> dict[str, set[int]]:
    """Per list, the groups (from 0) that hold a value: empty groups are left out."""
    groups: dict[str, set[int]] = {}
    for column, _, _ in found:
        if len(column.key) > 2 and isinstance(column.key[1], int):
            groups.setdefault(str(column.key[0]), set()).add(column.key[1])
    return groups


def _compacted(key: Key, groups: dict[str, set[int]]) -> Key | None:
    """`key` with its group numbered among the filled groups; None for an empty group's."""
    if len(key) > 2 and isinstance(key[1], int):
        filled = sorted(groups.get(str(key[0]), ()))
        if key[1] not in filled:
            return None
        return (key[0], filled.index(key[1]), *key[2:])
    return key


def _set(values: dict[str, Any], key: Key, value: Any) -> None:
    holder: Any = values
    for part, following in pairwise(key):
        if isinstance(holder, list):
            while len(holder) <= int(part):
                holder.append({})
            holder = holder[int(part)]
            continue
        holder = holder.setdefault(str(part), [] if isinstance(following, int) else {})
    if isinstance(holder, list):
        while len(holder) <= int(key[-1]):
            holder.append({})
        holder[int(key[-1])] = value
    else:
        holder[str(key[-1])] = value


def _cell_value(cell: Any, column: Column) -> Any:
    value = cell.value
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    if value is None:
        return None
    if column.kind in ("date", "datetime", "date-or-datetime"):
        return _moment(value, getattr(cell, "number_format", "") or "")
    if column.kind == "money":
        return _number(value)
    if column.kind == "integer":
        number = _number(value)
        return int(number) if isinstance(number, Decimal) and number == number.to_integral_value() else number
    if column.kind == "choice" and isinstance(value, str):
        return choice_codes(column).get(value.casefold(), value)
    return _text(value)


def _moment(value: Any, number_format: str) -> Any:
    if isinstance(value, datetime):
        has_time = "h" in number_format.lower() or value.time() != datetime.min.time()
        return value.replace(second=value.second, microsecond=0) if has_time else value.date()
    if isinstance(value, date):
        return value
    return _text(value)


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str) and NUMBER.match(value):
        try:
            return Decimal(value.replace(",", ""))
        except InvalidOperation:
            return value
    return _text(value)


def _text(value: Any) -> Any:
    """What a text cell holds: a whole number as its digits (a phone typed as a number)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- the template ------------------------------------------------------------------------------------

EXAMPLE_PROJECT = "EXAMPLE-2026-001"
EXAMPLE_USCC = "91420900MA4GQUWEE0"
# Texts are the catalogue's entries (Word), written in the template's language.
EXAMPLES: dict[str, dict[str, Any]] = {
    "common": {"publisher": IMPORT_EXAMPLES["trading_center"], "category": "construction",
               "project.code": EXAMPLE_PROJECT, "project.name": IMPORT_EXAMPLES["project_name"]},
    "tender": {"title": IMPORT_EXAMPLES["tender_title"], "published": datetime(2026, 1, 5, 9, 0),
               "method": "open", "buyer.name": IMPORT_EXAMPLES["buyer"], "buyer.uscc": EXAMPLE_USCC,
               "budget": Decimal("1280000.50"), "deadline": datetime(2026, 1, 27, 9, 30),
               "opening.time": datetime(2026, 1, 27, 9, 30), "opening.place": IMPORT_EXAMPLES["opening_place"],
               "contact.phone": "0712-2856123"},
    "amendment": {"title": IMPORT_EXAMPLES["amendment_title"], "published": datetime(2026, 1, 10, 9, 0),
                  "amends": f"{EXAMPLE_PROJECT}-ZB", "changes.deadline": datetime(2026, 2, 10, 9, 30)},
    "candidates": {"title": IMPORT_EXAMPLES["candidates_title"], "published": datetime(2026, 2, 12, 9, 0),
                   "candidates.1.name": IMPORT_EXAMPLES["company"], "candidates.1.uscc": EXAMPLE_USCC,
                   "candidates.1.amount": Decimal("1250000"), "publicity_end": date(2026, 2, 15)},
    "award": {"title": IMPORT_EXAMPLES["award_title"], "published": datetime(2026, 2, 20, 9, 0),
              "winners.1.name": IMPORT_EXAMPLES["company"], "winners.1.uscc": EXAMPLE_USCC,
              "winners.1.amount": Decimal("1250000"), "award_date": date(2026, 2, 18)},
    "termination": {"title": IMPORT_EXAMPLES["termination_title"], "published": datetime(2026, 2, 21, 9, 0),
                    "reason": IMPORT_EXAMPLES["termination_reason"]},
    "penalty": {"title": IMPORT_EXAMPLES["penalty_title"], "published": datetime(2026, 1, 5, 9, 0),
                "subject.name": IMPORT_EXAMPLES["company"], "subject.kind": "company",
                "subject.uscc": EXAMPLE_USCC, "decision_no": IMPORT_EXAMPLES["decision_no"],
                "decided": date(2026, 1, 3), "authority": IMPORT_EXAMPLES["buyer"],
                "violation": IMPORT_EXAMPLES["violation"], "basis": IMPORT_EXAMPLES["basis"],
                "sanctions.1.kind": "fine", "sanctions.1.amount": Decimal("10000"),
                "publicity_end": date(2026, 7, 3)},
}


def template_types(asked: str) -> tuple[str, ...]:
    return NOTICE_TYPES if asked == "all" else (asked,)


def write_template(path: Path, notice_types: tuple[str, ...], language: str, region: str,
                   zone: str) -> None:
    """The template of `notice_types`: a sheet each (headers, drop-down lists, an example
    row), and the sheet explaining every column, in `language`."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    formats = {
        "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True}),
        "required": book.add_format({"bold": True, "bg_color": "#FCE4D6", "text_wrap": True}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "text": book.add_format({"num_format": "@"}),
    }
    help_rows: list[list[str]] = []
    for notice_type in notice_types:
        sheet_name = VOCABULARIES["type"].words(language)[notice_type]
        sheet = book.add_worksheet(sheet_name)
        example = _example(notice_type, region, language)
        for index, column in enumerate(columns_of(notice_type)):
            _write_column(sheet, index, column, example.get(column.dotted()), language, formats)
            help_rows.append(_help_row(sheet_name, column, language))
        sheet.freeze_panes(EXAMPLE_ROW - 1, 0)
    _write_help(book, help_rows, language, zone, formats["header"])
    book.close()


def _example(notice_type: str, region: str, language: str) -> dict[str, Any]:
    """The example row's value of each column, its texts said in `language`."""
    values = {"region": region, **EXAMPLES["common"], **EXAMPLES[notice_type]} | (
        {"category": None, "project.code": None, "project.name": None} if notice_type == "penalty" else {})
    return {column: value.in_language(language) if isinstance(value, Word) else value
            for column, value in values.items()}


def _write_column(sheet: Any, index: int, column: Column, example: Any, language: str,
                  formats: dict[str, Any]) -> None:
    header_format = formats["required"] if column.required else formats["header"]
    sheet.write_string(HEADER_ROW - 1, index, column.header(language), header_format)
    kind_format = formats.get(column.kind if column.kind != "date-or-datetime" else "date")
    width = 40 if column.path in ("body", "title", "qualification", "violation", "basis") else 18
    sheet.set_column(index, index, width, kind_format if column.kind in ("date", "datetime") else
                     formats["text"] if column.kind == "text" else None)
    codes = column.choices()
    if codes:
        vocabulary = VOCABULARIES[_vocabulary(column)].words(language)
        sheet.data_validation(EXAMPLE_ROW - 1, index, VALIDATED_ROWS, index,
                              {"validate": "list", "source": [vocabulary[code] for code in codes]})
        if example is not None:
            example = vocabulary[example]
    if example is None:
        return
    if isinstance(example, datetime):
        sheet.write_datetime(EXAMPLE_ROW - 1, index, example, formats["datetime"])
    elif isinstance(example, date):
        sheet.write_datetime(EXAMPLE_ROW - 1, index, datetime.combine(example, datetime.min.time()),
                             formats["date"])
    elif isinstance(example, Decimal):
        sheet.write_number(EXAMPLE_ROW - 1, index, float(example))
    else:
        sheet.write_string(EXAMPLE_ROW - 1, index, str(example))


def _vocabulary(column: Column) -> str:
    from .columns import CODED

    return CODED[column.path]


def _help_row(sheet_name: str, column: Column, language: str) -> list[str]:
    words = IMPORTING.words(language)
    if column.path == "id":
        meaning = IMPORTING.message("id_help").in_language(language)
    else:
        meaning = SCHEMA_HELP[column.path].in_language(language) if column.path in SCHEMA_HELP else \
            FIELDS[column.path].in_language(language)
    if column.path.startswith(RANKED):
        meaning = f"{meaning} ({words['explain_rank']})"
    choices = ""
    if column.choices():
        names = VOCABULARIES[_vocabulary(column)].words(language)
        choices = Series.of([names[code] for code in column.choices()]).in_language(language)
    return [sheet_name, column.header(language), column.dotted(),
            words["yes"] if column.required else words["no"], meaning, choices]


def _write_help(book: Any, rows: list[list[str]], language: str, zone: str, header_format: Any) -> None:
    words = IMPORTING.words(language)
    sheet = book.add_worksheet(words["explain_sheet"])
    sheet.write_string(0, 0, IMPORTING.message("explain_intro", zone=zone).in_language(language))
    headers = [words[key] for key in ("explain_sheets", "explain_column", "explain_field", "explain_required",
                                      "explain_meaning", "explain_choices")]
    for index, header in enumerate(headers):
        sheet.write_string(2, index, header, header_format)
    for number, row in enumerate(rows, start=3):
        for index, text in enumerate(row):
            sheet.write_string(number, index, text)
    for index, width in enumerate((14, 26, 24, 6, 80, 40)):
        sheet.set_column(index, index, width)
