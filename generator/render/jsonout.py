"""The big open-data JSON files, written one record at a time: each record of the list on a line
of its own, compact, by the standard library's C encoder (indented JSON is encoded in pure
Python, most of the exports stage at 10,000 notices). A line per record keeps the files
readable with grep, diffable between builds, and smaller to download."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def write_document(stream: TextIO, head: dict[str, Any], list_key: str, items: Iterable[Any]) -> None:
    """Write `{**head, list_key: [*items]}` and a final line break, one item at a time."""
    stream.write("{")
    for key, value in head.items():
        stream.write(f"{ENCODER.encode(key)}:{ENCODER.encode(value)},\n")
    stream.write(f"{ENCODER.encode(list_key)}:[")
    separator = "\n"
    for item in items:
        stream.write(separator + ENCODER.encode(item))
        separator = ",\n"
    stream.write("\n]}\n")
