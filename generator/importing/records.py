"""One notice read from a source (a workbook row, an OCDS release): its values as a notice file
would hold them, where it came from, and the notice file's text.

Where each value came from is said by the record's `Trace`: the record's own row or release
number (and an OCDS release's ocid), and its `Origin`, which the records of one sheet or one
package share: the sheet's headers by column, the JSON path each field is read from. So what an
import keeps of each record until the cross-file checks have run is a few numbers, never a
message per cell.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from ..commands.new import BLOCK_FIELDS, field_order, field_shape, yaml_scalar
from ..load import Key
from ..model import MODEL_OF_TYPE
from ..words import Message


class Origin(Protocol):
    """Where the records of one sheet or one package come from, shared by its records."""

    def row(self, trace: Trace) -> Message:
        """The row or release itself."""

    def cell(self, trace: Trace, key: Key) -> Message | None:
        """The cell or JSON path the value at `key` is read from; None if none is."""

    def give(self, trace: Trace, key: Key) -> Message:
        """Where a value missing at `key` is to be given: a column (named as the sheet has it,
        or as the template writes it when the sheet has none), a JSON field."""


@dataclass(frozen=True, slots=True)
class Trace:
    """Where one record came from: its origin, its row (workbook) or release number in its
    package (OCDS), the release's ocid, and for a row whose groups of list columns skip one
    (candidate 1 empty, candidate 2 filled) the groups filled, by list."""

    origin: Origin
    line: int
    ocid: str | None = None
    groups: tuple[tuple[str, tuple[int, ...]], ...] = ()

    def row(self) -> Message:
        return self.origin.row(self)

    def at(self, key: Key) -> Message:
        """The cell of the value at `key`, or of the nearest enclosing value that has one, or
        the row."""
        while key:
            found = self.origin.cell(self, key)
            if found is not None:
                return found
            key = key[:-1]
        return self.row()

    def give(self, key: Key) -> Message:
        return self.origin.give(self, key)


@dataclass
class Record:
    """One notice from a source: its fields (absent ones left out), where it came from, and
    the problems found reading it (the key of the value each is about; () the record)."""

    trace: Trace
    notice_type: str | None
    values: dict[str, Any]
    notice_id: str | None
    read_problems: list[tuple[Key, Message]] = field(default_factory=list)


# --- the notice file's text --------------------------------------------------------------------------


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    """A moment as a notice file writes it: the site's local time, without an offset."""
    return moment.astimezone(tz).replace(tzinfo=None) if moment.tzinfo else moment


def notice_text(notice_type: str, values: dict[str, Any]) -> str:
    """The file of a notice of `notice_type` holding `values`, as an editor writes one: the
    fields in `gongshi new`'s order, quoted only where needed, the body as a `|` block."""
    model = MODEL_OF_TYPE[notice_type]
    return "\n".join(_mapping_lines(model, {"type": notice_type, **values}, 0, top=True)) + "\n"


def _mapping_lines(model: type[BaseModel] | None, values: dict[str, Any], indent: int,
                   *, top: bool = False) -> list[str]:
    names = field_order(model, top) if model is not None else []
    ordered = [n for n in names if n in values] + [n for n in values if n not in names]
    lines: list[str] = []
    for name in ordered:
        lines += _field_lines(name, values[name], _inner_model(model, name), indent)
    return lines


def _inner_model(model: type[BaseModel] | None, name: str) -> type[BaseModel] | None:
    if model is None or name not in model.model_fields:
        return None
    kind, target = field_shape(model.model_fields[name].annotation)
    return target if kind in ("model", "list") and isinstance(target, type) else None


def _field_lines(name: str, value: Any, inner: type[BaseModel] | None, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        return [f"{pad}{name}:", *_mapping_lines(inner, value, indent + 2)]
    if isinstance(value, list):
        lines = [f"{pad}{name}:"]
        for item in value:
            if isinstance(item, dict) and item:
                entry = _mapping_lines(inner, item, indent + 2)
                lines += [f"{pad}- {entry[0][indent + 2:]}", *entry[1:]]
            else:
                lines.append(f"{pad}- {_scalar(item)}")
        return lines
    if name in BLOCK_FIELDS and isinstance(value, str) and _fits_block(value):
        return [f"{pad}{name}: |", *(f"{pad}  {line}" if line else "" for line in value.split("\n"))]
    return [f"{pad}{name}: {_scalar(value)}"]


def _fits_block(text: str) -> bool:
    """A `|` block reads back as `text` plus one line break when nothing in it needs escaping."""
    return bool(text.strip()) and not text[0].isspace() and "\r" not in text and not text.endswith("\n\n") \
        and all(ch == "\n" or ch == "\t" or ch.isprintable() for ch in text)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):  # a cell cannot hold one; kept readable if one comes
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str) and _plain_for_sure(value):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return f'"{value}"'  # digits are a number unquoted (a region code, a phone)
    return yaml_scalar(value)


_CODE_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9._-]*$")
_CORE_WORDS = frozenset({"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"})


def _plain_for_sure(text: str) -> bool:
    """Text that reads back as itself unquoted, known without parsing it (yaml_scalar would
    parse it to find out): a code (a letter, then letters, digits, `._-`; not true or null),
    or text that starts with a character beyond ASCII (no indicator, never a number) and has
    no `: ` or ` #`, no surrounding space, nothing unprintable."""
    if _CODE_LIKE.match(text):
        return text not in _CORE_WORDS
    return (text[:1] > "\x7f" and text == text.strip() and ": " not in text and not text.endswith(":")
            and " #" not in text and text.isprintable())
