"""Review by region, as GitHub's CODEOWNERS says it: regions in, text out (no files read here).

Who owns what (GitHub asks an owner of every changed file to approve a pull request when the
branch requires review from code owners; the last pattern that matches a file wins):

- a region's notice folders `<data>/notices/*/<code>/` (the layout `gongshi new` writes, year
  then region code): the region's `reviewers`, or, when it names none, those of its nearest
  ancestor that names some; a region with no such ancestor gets no line;
- `<data>/notices/` as a whole (a notice outside the region folders), the region table and the
  CODEOWNERS file itself: the reviewers of the top regions (no parent), so that who reviews
  what is changed only with their approval;
- attachments `<data>/files/`: the reviewers of every region. Attachments are filed by year and
  project, not by region, and arrive with their notice, which its region's reviewers approve.

The generated part follows whatever is written by hand above it (owners of the code, say),
which is kept: it begins at the first comment line that names `gongshi codeowners`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .words import Message, shown
from .words.review import REVIEW

if TYPE_CHECKING:
    from .model import Region

COMMAND = "gongshi codeowners"

# GitHub's forms: a user or organisation is letters, digits and hyphens, not starting with a
# hyphen, at most 39; a team's slug letters, digits, hyphens and underscores.
_ACCOUNT = r"[A-Za-z0-9][A-Za-z0-9-]{0,38}"
REVIEWER = re.compile(rf"@{_ACCOUNT}(?:/[A-Za-z0-9][A-Za-z0-9_-]{{0,99}})?")


def reviewer_problem(text: str) -> Message | None:
    """What is wrong with one entry of `reviewers` (a GitHub user `@name` or team
    `@org/team`), or None."""
    if REVIEWER.fullmatch(text):
        return None
    if REVIEWER.fullmatch(f"@{text}"):
        return REVIEW.message("reviewer_without_at", value=text)
    return REVIEW.message("reviewer_form", value=shown(text))




@dataclass(frozen=True)
class Layout:
    """Where things are, as paths from the repository's root (posix, no leading slash)."""

    data: str = "data"
    codeowners: str = ".github/CODEOWNERS"

    def command(self) -> str:
        """`gongshi codeowners` as run from the repository's root."""
        return COMMAND if self.data == "data" else f"{COMMAND} --data {self.data}"


@dataclass(frozen=True)
class Ownership:
    """One line of CODEOWNERS: a pattern and who owns what it matches; `note` is the comment
    line above it (the region's code and name), if any."""

    pattern: str
    owners: tuple[str, ...]
    note: str = ""

    def lines(self) -> list[str]:
        rule = " ".join([self.pattern, *self.owners])
        return [f"# {self.note}", rule] if self.note else [rule]


def names_reviewers(regions: Iterable[Region]) -> bool:
    return any(region.reviewers for region in regions)


def ownerships(regions: Iterable[Region], layout: Layout) -> list[Ownership]:
    """Every line of the generated part but its head, in the order GitHub must read them."""
    by_code = {region.code: region for region in regions}
    ordered = [by_code[code] for code in sorted(by_code)]
    data = _pattern(layout.data)
    top = _unique(name for region in ordered if region.parent is None
                  for name in region.reviewers or ())
    everyone = tuple(sorted(_unique(name for region in ordered for name in region.reviewers or ()),
                            key=str.lower))
    lines: list[Ownership] = []
    if top:
        lines += [Ownership(f"/{data}/regions.yaml", top),
                  Ownership(f"/{_pattern(layout.codeowners)}", top),
                  Ownership(f"/{data}/notices/", top)]
    if everyone:
        lines.append(Ownership(f"/{data}/files/", everyone))
    for region in ordered:
        owners = _effective_reviewers(region, by_code)
        if owners:
            lines.append(Ownership(f"/{data}/notices/*/{region.code}/", owners,
                                   f"{region.code} {region.name}"))
    return lines


def owned_regions(regions: Iterable[Region]) -> int:
    """How many regions have reviewers, their own or an ancestor's."""
    by_code = {region.code: region for region in regions}
    return sum(1 for region in by_code.values() if _effective_reviewers(region, by_code))


def _effective_reviewers(region: Region, by_code: dict[str, Region]) -> tuple[str, ...]:
    """The region's own reviewers, else its nearest ancestor's (a cycle or an unlisted parent,
    reported by `gongshi validate`, ends the search)."""
    seen: set[str] = set()
    current: Region | None = region
    while current is not None and current.code not in seen:
        if current.reviewers:
            return _unique(current.reviewers)
        seen.add(current.code)
        current = by_code.get(current.parent) if current.parent else None
    return ()


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    """Each reviewer once, as first written (GitHub's names ignore case)."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
    return tuple(seen.values())


def _pattern(path: str) -> str:
    return path.replace(" ", "\\ ")  # CODEOWNERS separates a pattern from its owners by spaces


def generated_part(regions: Iterable[Region], layout: Layout, language: str) -> str:
    """The part of CODEOWNERS that `gongshi codeowners` writes: its head, then each line."""
    regions = list(regions)
    data = layout.data
    head: Sequence[Message] = (
        REVIEW.message("header_generated", command=layout.command(), regions=f"{data}/regions.yaml"),
        REVIEW.message("header_folders", notices=f"{data}/notices"),
        REVIEW.message("header_top", files=f"{data}/files"),
        REVIEW.message("header_kept"),
    )
    lines = [message.in_language(language) for message in head]
    for ownership in ownerships(regions, layout):
        lines += ownership.lines()
    return "\n".join(lines) + "\n"


def _is_head(line: str) -> bool:
    return line.lstrip().startswith("#") and f"`{COMMAND}" in line


def hand_written_part(existing: str) -> str:
    """What precedes the generated part of an existing CODEOWNERS; a file gongshi never wrote
    is hand-written whole, and is followed by a blank line."""
    lines = existing.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if _is_head(line):
            return "".join(lines[:index])
    if not existing.strip():
        return ""
    return existing.rstrip("\n") + "\n\n"


def codeowners_text(regions: Iterable[Region], layout: Layout, language: str,
                    existing: str | None = None) -> str:
    """The whole CODEOWNERS: the hand-written part of `existing`, then the generated part."""
    kept = hand_written_part(existing) if existing is not None else ""
    return kept + generated_part(regions, layout, language)


def first_difference(existing: str, wanted: str) -> int | None:
    """The 1-based line of `existing` where it first differs from `wanted`, or None."""
    have, want = existing.splitlines(), wanted.splitlines()
    for number, (line, wanted_line) in enumerate(zip(have, want, strict=False), start=1):
        if line != wanted_line:
            return number
    if len(have) == len(want) and existing.endswith("\n") == wanted.endswith("\n"):
        return None
    return max(1, min(len(have), len(want) + 1))
