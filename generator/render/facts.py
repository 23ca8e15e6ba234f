"""The facts of each generated page: one typed declaration, read by the templates in theme/,
the search records (generator/search.py), feeds and exports.

Every model is frozen and refuses unknown fields when made. A template that asks a fact
model for a name it does not declare fails the build with MissingFact (Jinja would otherwise
render a renamed fact as blank): the one place a fact's name is spelled is here.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..errors import BuildFailed


class MissingFact(BuildFailed):
    """A template or reader asked for a fact no model declares."""


class Facts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # Python's and pydantic's own lookups keep their meaning
            return super().__getattr__(name)  # type: ignore[misc]
        # Not an AttributeError: Jinja turns those into a silent Undefined.
        raise MissingFact(f"{type(self).__name__} has no fact {name!r}")


# --- parts -----------------------------------------------------------------------------------


class RegionLink(Facts):
    code: str
    name: str
    url: str


class FeedLinks(Facts):
    rss: str
    atom: str


class SearchFacts(Facts):
    """Filters (code values), sorts and result metadata of a notice in the search index."""

    filters: dict[str, list[str]]
    sorts: dict[str, str]
    meta: dict[str, str]


class ProjectFacts(Facts):
    code: str
    name: str


class Withdrawn(Facts):
    date: str
    reason: str


class PartyFacts(Facts):
    name: str
    uscc: str | None = None


class ContactFacts(Facts):
    name: str | None = None
    phone: str | None = None
    email: str | None = None


class AttachmentFacts(Facts):
    title: str
    url: str  # external: absolute; local: below the site root (templates prefix base_url)
    external: bool
    size: str | None = None
    bytes: int | None = None
    sha256: str | None = None
    name: str | None = None


class TimelineItem(Facts):
    id: str
    url: str
    title: str
    type_label: str
    status: str
    status_label: str
    published: str
    current: bool


class DeadlineFacts(Facts):
    display: str
    iso: str
    superseded: list[str]
    passed: bool


class OpeningFacts(Facts):
    time: str
    place: str | None = None


class AmendsFacts(Facts):
    id: str
    url: str | None
    title: str


class CandidateRow(Facts):
    rank: int
    name: str
    uscc: str | None
    amount: str | None


class WinnerRow(Facts):
    name: str
    uscc: str | None
    amount: str | None


class SubjectFacts(Facts):
    name: str
    kind_label: str
    uscc: str | None


class SanctionRow(Facts):
    kind_label: str
    amount: str | None
    until: str | None


# --- a notice's page ---------------------------------------------------------------------------


class NoticeFacts(Facts):
    """What a notice's page shows. The facts of one notice type are None (or empty) on the
    pages of the others."""

    kind: Literal["notice"] = "notice"
    id: str
    url: str
    title: str
    type: str
    type_label: str
    family: str
    family_label: str
    status: str
    status_label: str
    region_path: list[RegionLink]
    published: str
    published_iso: str
    publisher: str
    category: str | None
    category_label: str | None
    project: ProjectFacts | None
    withdrawn: Withdrawn | None
    body_html: str
    attachments: list[AttachmentFacts]
    contact: ContactFacts | None
    timeline: list[TimelineItem]
    feeds: FeedLinks
    search: SearchFacts
    # tenders (an amendment shows its tender's effective deadline too)
    method_label: str | None = None
    buyer: PartyFacts | None = None
    agency: PartyFacts | None = None
    budget: str | None = None
    deadline: DeadlineFacts | None = None
    opening: OpeningFacts | None = None
    qualification: str | None = None
    # amendments
    amends: AmendsFacts | None = None
    new_deadline: str | None = None
    new_opening: OpeningFacts | None = None
    # candidate publicity (and penalties: publicity_end)
    candidates: list[CandidateRow] = []
    publicity_end: str | None = None
    publicity_end_iso: str | None = None
    # awards
    winners: list[WinnerRow] = []
    award_date: str | None = None
    # terminations
    reason: str | None = None
    # penalties
    subject: SubjectFacts | None = None
    decision_no: str | None = None
    decided: str | None = None
    authority: str | None = None
    violation: str | None = None
    basis: str | None = None
    sanctions: list[SanctionRow] = []


# --- listings ----------------------------------------------------------------------------------


class Entry(Facts):
    """What a listing shows of one notice."""

    id: str
    url: str
    title: str
    type: str
    type_label: str
    status: str
    status_label: str
    region: str
    region_path: str
    published: str
    deadline: str | None
    deadline_iso: str | None


class PagerLink(Facts):
    role: str  # newest, older, newer, oldest, previous, next, number, gap
    url: str | None  # None: the current page (or a gap)
    number: int | None = None
    rel: str | None = None


class Pager(Facts):
    links: list[PagerLink]
    jump: str | None  # the archive's folder, for the "go to page" form
    count: int | None


class SubRegion(Facts):
    code: str
    name: str
    url: str
    count: int | None


class ListingFacts(Facts):
    kind: Literal["listing"] = "listing"
    heading: str
    heading_key: str | None
    base: str
    feeds: FeedLinks
    search_query: str
    region_path: list[RegionLink] | None = None
    total: int | None = None  # None on archive pages: a later notice would change it
    number: int | None = None
    entries: list[Entry]
    pager: Pager | None
    subregions: list[SubRegion] | None = None


class RegionCount(Facts):
    code: str
    name: str
    url: str
    count: int
    children: list[RegionCount]


class LatestGroup(Facts):
    label: str
    url: str
    total: int
    entries: list[Entry]


class LevelCount(Facts):
    level: str
    label: str
    count: int


class CategoryCount(Facts):
    code: str
    label: str
    url: str
    count: int


class HomeFacts(Facts):
    kind: Literal["home"] = "home"
    latest: dict[str, LatestGroup]
    closing_soon: list[Entry]
    open_total: int
    levels: list[LevelCount]
    regions: list[RegionCount]
    categories: list[CategoryCount]
    total: int
    as_of: str
    feeds: FeedLinks


class RegionsFacts(Facts):
    kind: Literal["regions"] = "regions"
    tree: list[RegionCount]
    feeds: FeedLinks | None = None  # the page links the site's feeds of everything


# --- service pages -----------------------------------------------------------------------------


class FacetOption(Facts):
    code: str
    label: str


class Facet(Facts):
    key: str
    heading_key: str
    options: list[FacetOption]


class RegionTree(Facts):
    code: str
    name: str
    children: list[RegionTree]


class SearchPageFacts(Facts):
    kind: Literal["search"] = "search"
    facets: list[Facet]
    regions: list[RegionTree]
    page_size: int
    every_notice: str
    budget: int
    feeds: FeedLinks | None = None  # the page links the site's feeds of everything


class FeedItem(Facts):
    name: str
    title: str
    count: int
    page: str
    rss: str
    atom: str
    ics: str | None = None
    code: str | None = None
    children: list[FeedItem] = []


class CalendarLink(Facts):
    url: str
    count: int


class SubscribeFacts(Facts):
    kind: Literal["subscribe"] = "subscribe"
    feeds: FeedLinks
    feed_limit: int
    families: list[FeedItem]
    regions: list[FeedItem]
    categories: list[FeedItem]
    headings: dict[str, str]
    calendar: CalendarLink
    opml: str
    feed_total: int


class DownloadFile(Facts):
    path: str
    url: str
    format: str
    count: int | None
    key: str


class ColumnFacts(Facts):
    name: str
    kind: str
    description: str


class ShownCharacter(Facts):
    """A printable character as code, a control one by the label that names it."""

    code: str | None = None
    label: str | None = None


class DownloadsFacts(Facts):
    kind: Literal["downloads"] = "downloads"
    feeds: FeedLinks
    as_of: str
    files: list[DownloadFile]
    columns: list[ColumnFacts]
    field_separator: str
    csv_mark: str
    formula_starts: list[ShownCharacter]
    ocid_prefix: str
    subscribe: str


PageFacts = (NoticeFacts | ListingFacts | HomeFacts | RegionsFacts | SearchPageFacts
             | SubscribeFacts | DownloadsFacts)
