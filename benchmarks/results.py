"""Each benchmark owns one marked section of benchmarks/RESULTS.md and rewrites only that:
`<!-- NAME: begin -->` … `<!-- NAME: end -->`; the rest of the file (notes written by hand,
other benchmarks' sections) is kept as it is."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}: begin -->", f"<!-- {name}: end -->"


def replace_section(text: str, name: str, section: str) -> str:
    """`text` with the section between NAME's markers replaced by `section` (which holds both
    markers), or `section` appended when the markers are not there yet."""
    begin, end = markers(name)
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        return head + section + rest.split(end, 1)[1]
    return text.rstrip("\n") + "\n\n" + section + "\n"


def write_section(name: str, section: str, results: Path = RESULTS) -> None:
    text = results.read_text(encoding="utf-8") if results.is_file() else ""
    results.write_text(replace_section(text, name, section), encoding="utf-8")
