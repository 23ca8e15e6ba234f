"""JSON exactly as `json.dumps(value, ensure_ascii=False, indent=1)` writes it, but written in
pieces and faster: the open-data files hold every public notice, and the standard library
encodes indented JSON in pure Python (most of the exports stage at 10,000 notices).

Plain values (dict with text keys, list, tuple, str, int, finite float, bool, None) are encoded
here; anything else falls back to `json.dumps` itself, so the bytes never differ."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any, TextIO

_string = json.encoder.encode_basestring  # the C encoder when available; no ASCII escaping
NEWLINE_1 = "\n "


def dumps(value: Any, newline: str = "\n") -> str:
    """`value` as indented JSON, for a place where each new line starts with `newline`."""
    try:
        return _dumps(value, newline)
    except TypeError:  # e.g. a key that is not text: json.dumps converts it (or refuses)
        return _fallback(value, newline)


def _dumps(value: Any, newline: str) -> str:
    kind = type(value)
    if kind is str:
        return _string(value)
    if value is None:
        return "null"
    if kind is dict:
        if not value:
            return "{}"
        inner = newline + " "
        return "{" + inner + ("," + inner).join(
            [_string(key) + ": " + _dumps(item, inner) for key, item in value.items()]
        ) + newline + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = newline + " "
        return "[" + inner + ("," + inner).join([_dumps(item, inner) for item in value]) + newline + "]"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    return _fallback(value, newline)


def _fallback(value: Any, newline: str) -> str:
    # raw line breaks occur only between tokens: strings escape theirs
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", newline)


def write_document(stream: TextIO, head: dict[str, Any], list_key: str, items: Iterable[Any]) -> None:
    """Write `{**head, list_key: [*items]}` and a final line break, one item at a time."""
    stream.write("{")
    for key, value in head.items():
        stream.write(f"\n {_string(key)}: {dumps(value, NEWLINE_1)},")
    stream.write(f"\n {_string(list_key)}: ")
    first = True
    for item in items:
        stream.write(("[\n  " if first else ",\n  ") + dumps(item, "\n  "))
        first = False
    stream.write("[]" if first else "\n ]")
    stream.write("\n}\n")
