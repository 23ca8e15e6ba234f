"""One notice read from a source (a workbook row, an OCDS release): its values as a notice file
would hold them, where each value came from, and the notice file's text.

A record's places are numbered: 0 is the row or release itself, then one per cell or JSON path.
Its `SourcePositions` gives a problem about the value at a key the position (line, place): the
line is the row or release number, the column the place's number, so that the problems the
models and the cross-file checks make for a notice file say the cell instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from ..commands.new import BLOCK_FIELDS, field_order, field_shape, yaml_scalar
from ..load import Key, Position, Positions
from ..model import MODEL_OF_TYPE
from ..words import Message


@dataclass
class Record:
    """One notice from a source. `values`: its fields, absent ones left out; `places[0]` says
    the row or release, `place_of` the place of each key that came from somewhere."""

    source: str  # unique among the records of one import: names the record in cross-file messages
    line: int  # the row (workbook) or the release's number in its package (OCDS)
    notice_type: str | None
    values: dict[str, Any]
    notice_id: str | None
    places: list[Message]
    place_of: dict[Key, int] = field(default_factory=dict)
    read_problems: list[tuple[int, Message]] = field(default_factory=list)  # (place, what)

    def place(self, key: Key) -> int:
        """The place of the value at `key`, or of the nearest enclosing value that has one."""
        while key and key not in self.place_of:
            key = key[:-1]
        return self.place_of.get(key, 0)

    def add_place(self, key: Key, where: Message) -> int:
        self.places.append(where)
        self.place_of[key] = len(self.places) - 1
        return self.place_of[key]


class SourcePositions(Positions):
    """A record's values placed at its cells: (row or release number, place number)."""

    def __init__(self, record: Record) -> None:
        super().__init__()
        self._record = record

    def of_value(self, key: Key) -> Position:
        return Position(self._record.line, self._record.place(key))

    def of_key(self, key: Key) -> Position:
        return self.of_value(key)


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
