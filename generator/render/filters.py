"""The filter forms: a listing's 筛选和排序 and the home page's 查找正在招标的项目.

Listing pages are static archives, so a form does not filter the page it is on: it is a GET
form to the search page (`search/`) carrying the listing's scope as hidden parameters
(`Listing.search`) and a select for each filter, so that what the reader chose becomes a plain
URL that the search page runs and that can be bookmarked and shared. It needs no script.

A form offers only the values present in the notices it was made from (`Tally`). The first page
of a listing counts the listing's notices; an archive page offers the values of the notices up
to it (its own and every older one), without counts, so that a new notice never changes it
(render/pages.py, archive_pages).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol
from zoneinfo import ZoneInfo

from ..derive import STATUSES, PublicNotice, RegionNode
from ..listings import CATEGORIES, Listing
from ..model import NOTICE_TYPES
from .facts import FilterChoice, FilterForm, FilterOption, FilterParam

# One level of the region tree in a select, which shows no indentation of its own.
INDENT = "\u00a0\u00a0"
SORTS = ("newest", "deadline")  # the search page's sorts a listing offers


class Vocabulary(Protocol):
    """What a form's words come from (render/pages.py's RenderContext)."""

    def label(self, vocabulary: str, code: str) -> str: ...

    @property
    def words(self) -> Mapping[str, str]: ...


@dataclass
class Tally:
    """How many notices have each filter value, one notice added at a time."""

    tz: ZoneInfo
    counts: dict[str, Counter[str]] = field(default_factory=lambda: {
        facet: Counter() for facet in ("region", "category", "type", "status", "year")})
    status_family: dict[str, str] = field(default_factory=dict)
    total: int = 0
    deadlines: bool = False  # a tender with a deadline: what the search's deadline sort orders

    def add(self, notices: Iterable[PublicNotice]) -> Tally:
        counts = self.counts
        for pn in notices:
            self.total += 1
            for node in pn.region.path():
                counts["region"][node.code] += 1
            if pn.notice.category:
                counts["category"][pn.notice.category] += 1
            counts["type"][pn.type] += 1
            counts["status"][pn.status] += 1
            counts["year"][str(pn.published_at.astimezone(self.tz).year)] += 1
            self.status_family.setdefault(pn.status, pn.family)
            self.deadlines = self.deadlines or (pn.type == "tender" and pn.deadline is not None)
        return self

    def values_present(self) -> tuple[object, ...]:
        """All that an uncounted form of this tally shows depends on: which values are present
        (a tally only grows, so how many of each facet says which) and whether the deadline sort
        applies."""
        return (*(len(found) for found in self.counts.values()), self.deadlines)


@dataclass(frozen=True)
class FormMaker:
    """The forms of one listing's pages."""

    words: Vocabulary
    shown: Listing
    roots: list[RegionNode]

    def form(self, tally: Tally, *, counts: bool) -> FilterForm:
        region = _region_choice(self.words, tally, self.shown.region, self.roots, counts=counts)
        choices = [choice for choice in (
            region,
            _choice(self.words, tally, "category", CATEGORIES, counts=counts),
            _choice(self.words, tally, "type", NOTICE_TYPES, counts=counts),
            _status_choice(self.words, tally, counts=counts),
            _year_choice(self.words, tally, counts=counts),
        ) if len(choice.options) > 1]
        scope = [FilterParam(name=name, value=value) for name, value in self.shown.search.items()
                 if not (name == "region" and region in choices)]  # the select carries it
        sorts = [code for code in SORTS if code != "deadline" or tally.deadlines]
        if len(sorts) > 1:
            choices.append(FilterChoice(
                key="sort", label_key="filters_sort", any_key=None, selected=self.shown.sort,
                options=[FilterOption(code=code, label=self.words.words[f"sort_{code}"])
                         for code in sorts]))
        else:
            scope.append(FilterParam(name="sort", value=self.shown.sort))
        return FilterForm(scope=scope, choices=choices, submit_key="filters_submit")


def find_tenders_form(words: Vocabulary, open_tenders: Listing, roots: list[RegionNode],
                      tz: ZoneInfo) -> FilterForm:
    """The home page's form for a bidder's question ("open construction tenders in 孝感市,
    closing soonest first"): a region and a category, each with how many tenders are open,
    then one button; the open tenders' scope and deadline order are set."""
    tally = Tally(tz).add(open_tenders.notices)
    region = _region_choice(words, tally, None, roots, counts=True)
    category = _choice(words, tally, "category", CATEGORIES, counts=True)
    scope = [FilterParam(name=name, value=value) for name, value in open_tenders.search.items()]
    scope.append(FilterParam(name="sort", value=open_tenders.sort))
    return FilterForm(scope=scope, choices=[region, category], submit_key="find_submit")


def _shown(words: Vocabulary, label: str, count: int, counts: bool) -> str:
    return words.words["filters_count"].format(label=label, n=count) if counts else label


def _choice(words: Vocabulary, tally: Tally, key: str, codes: Iterable[str], *,
            counts: bool) -> FilterChoice:
    found = tally.counts[key]
    return FilterChoice(
        key=key, label_key=key, any_key=f"filters_any_{key}",
        options=[FilterOption(code=code, label=_shown(words, words.label(key, code), found[code], counts))
                 for code in codes if found[code]])


def _status_choice(words: Vocabulary, tally: Tally, *, counts: bool) -> FilterChoice:
    """Statuses present; one named alike in two families (公示中) says its family."""
    found = tally.counts["status"]
    present = [code for code in STATUSES if found[code]]
    labels = {code: words.label("status", code) for code in present}
    options = []
    for code in present:
        label = labels[code]
        if list(labels.values()).count(label) > 1:
            label = words.words["status_in_family"].format(
                status=label, family=words.label("family", tally.status_family[code]))
        options.append(FilterOption(code=code, label=_shown(words, label, found[code], counts)))
    return FilterChoice(key="status", label_key="status", any_key="filters_any_status",
                        options=options)


def _year_choice(words: Vocabulary, tally: Tally, *, counts: bool) -> FilterChoice:
    found = tally.counts["year"]
    return FilterChoice(
        key="year", label_key="filters_year", any_key="filters_any_year",
        options=[FilterOption(code=year, label=_shown(words, year, found[year], counts))
                 for year in sorted(found, reverse=True)])


def _region_choice(words: Vocabulary, tally: Tally, node: RegionNode | None,
                   roots: list[RegionNode], *, counts: bool) -> FilterChoice:
    """The regions below a region listing's node, the node itself first and chosen (it is the
    listing's scope); elsewhere every region, after "all regions". Only regions with notices,
    each counting everything below it."""
    found = tally.counts["region"]
    tops = [node] if node is not None else sorted(roots, key=lambda root: root.code)
    options = [
        FilterOption(code=region.code,
                     label=INDENT * depth + _shown(words, region.name, found[region.code], counts))
        for region, depth in _tree(tops) if found[region.code]
    ]
    if node is not None:
        return FilterChoice(key="region", label_key="region", any_key=None, options=options,
                            selected=node.code)
    return FilterChoice(key="region", label_key="region", any_key="filters_any_region",
                        options=options)


def _tree(tops: list[RegionNode]) -> Iterator[tuple[RegionNode, int]]:
    def walk(region: RegionNode, depth: int) -> Iterator[tuple[RegionNode, int]]:
        yield region, depth
        for child in region.children:
            yield from walk(child, depth + 1)

    for top in tops:
        yield from walk(top, 0)
