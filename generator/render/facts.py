"""The facts of each generated page: one typed declaration, read by the templates in theme/,
the search records (generator/search.py), feeds and exports.

Every kind of fact is a frozen dataclass, made with keyword arguments only: mypy checks every
place one is made or read, and an unknown name is a TypeError when made. A template that asks
for a name no dataclass declares fails the build with MissingFact (Jinja would otherwise render
a renamed fact as blank): the one place a fact's name is spelled is here. Dataclasses, not
pydantic models: a build makes ~20 of them per notice, and validating values our own code
made cost ~0.5 ms a notice, a second of a 3,000-notice rebuild; `key_bytes` serializes them
through pydantic all the same.
"""

from __future__ import annotations

import marshal
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, cast

from pydantic import TypeAdapter

from ..errors import BuildFailed
from ..packed import PackedText
from ..words import COMMANDS


class MissingFact(BuildFailed):
    """A template or reader asked for a fact no model declares."""


class Facts:
    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # Python's own lookups (copy, pickle, __html__) keep their meaning
            raise AttributeError(name)
        # Not an AttributeError: Jinja turns those into a silent Undefined.
        raise MissingFact(COMMANDS.message("missing_fact", model=type(self).__name__, name=name))


# marshal's format 2 writes no references: its bytes follow the values alone, never which
# strings of the facts happen to be one object (that differs between a build that parsed a file
# and one that took it from the parse cache). Format 3 and later write references.
_KEY_FORMAT = 2


def json_values(facts: Facts) -> Any:
    """The facts as the values of JSON (dicts, lists, text, numbers), in declaration order."""
    # (mypy does not see that a dataclass's class is hashable)
    return _adapter(cast(Hashable, type(facts))).dump_python(facts, mode="json")


def key_bytes(facts: Facts) -> bytes:
    """The facts as bytes, in declaration order, equal exactly when the values are: what a
    page's cache key is made of. Their JSON values written by marshal: a third of the time of
    writing them as JSON text, which every page's key paid at every build. (Not pydantic's
    dump_json: it attaches a UTF-8 copy to every string it writes for the string's life,
    CPython's cache, and a build keeps every notice's facts: 51 MB at 10,000. marshal encodes
    each string afresh and keeps nothing.)"""
    return marshal.dumps(json_values(facts), _KEY_FORMAT)


@cache
def _adapter(kind: Hashable) -> TypeAdapter[Any]:
    form: Any = kind  # a dataclass, which pydantic's type stubs of every version take
    return TypeAdapter(form)


# --- parts -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionLink(Facts):
    code: str
    name: str
    url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedLinks(Facts):
    """A feed's files (for <link rel="alternate">) and its readable page, below the site root."""

    rss: str | None  # None: the feed is Atom alone (listings.Listing.atom_only)
    atom: str
    page: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedRef(Facts):
    """A link to a feed's page; `count`: its notices, where the page shows it."""

    title: str
    page: str
    count: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowProject(Facts):
    """A project's feed (Atom alone: listings.Listing.atom_only) and calendar, below the site
    root (percent-encoded)."""

    code: str
    atom: str
    ics: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowFacts(Facts):
    """What a notice's page offers to follow: its project, its region and region × category.
    Nothing here changes when another notice does (no counts): a notice's page stays as it is."""

    project: FollowProject | None
    region: FeedRef
    region_category: FeedRef | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchFacts(Facts):
    """Filters (code values), sorts and result metadata of a notice in the search index."""

    filters: dict[str, list[str]]
    sorts: dict[str, str]
    meta: dict[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectFacts(Facts):
    code: str
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Withdrawn(Facts):
    date: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyFacts(Facts):
    name: str
    uscc: str | None = None
    entity: str | None = None  # its organisation's page, where it has one


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactFacts(Facts):
    name: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AttachmentFacts(Facts):
    title: str
    url: str  # external: absolute; local: below the site root (templates prefix base_url)
    external: bool
    size: str | None = None
    bytes: int | None = None
    sha256: str | None = None
    name: str | None = None
    # external with size and sha256: declared by its publisher; False once this build checked it
    unverified: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineItem(Facts):
    id: str
    url: str
    title: str
    type_label: str
    status: str
    status_label: str
    published: str
    current: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineFacts(Facts):
    display: str
    iso: str
    superseded: list[str]
    passed: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class OpeningFacts(Facts):
    time: str
    place: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendsFacts(Facts):
    id: str
    url: str | None
    title: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendmentLink(Facts):
    """One amendment as its tender's page lists it, numbered in the order amendments apply."""

    number: int
    id: str
    url: str
    published: str
    withdrawn: bool
    attachments: list[AttachmentFacts]


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendedTime(Facts):
    """A time of the tender's schedule as its amendments leave it."""

    display: str
    iso: str
    changed: bool  # an amendment gave it, rather than the tender itself


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendedFacts(Facts):
    """The banner of a tender amended as of now: its current schedule and its amendments."""

    amendments: list[AmendmentLink]
    deadline: AmendedTime | None
    opening: AmendedTime | None
    place: str | None  # the opening's place, only when an amendment changed it


@dataclass(frozen=True, slots=True, kw_only=True)
class CandidateRow(Facts):
    rank: int
    name: str
    uscc: str | None
    amount: str | None
    entity: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WinnerRow(Facts):
    name: str
    uscc: str | None
    amount: str | None
    entity: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SubjectFacts(Facts):
    name: str
    kind_label: str
    uscc: str | None
    entity: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SanctionRow(Facts):
    kind_label: str
    amount: str | None
    until: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagNoticeLink(Facts):
    id: str
    url: str | None  # None: not public (never: a flag reads public notices only)
    title: str
    type_label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagNote(Facts):
    """One red flag of the notice's project, as its 数据提示 box shows it (generator/flags.py)."""

    flag: str
    name: str
    explanation: str
    notices: list[FlagNoticeLink]


# --- a notice's page ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionRow(Facts):
    """One version of a notice in its 版本记录 (generator/render/versions.py)."""

    number: int
    time: str | None  # None while not yet recorded
    time_iso: str | None
    changes: list[str]  # the fields that differ from the version before, by their names
    first: bool  # the first version: nothing to compare with
    comparable: bool  # the version before it is still readable
    json_url: str | None  # None once expired or redacted, or while not yet recorded
    proof_url: str | None
    pending: bool  # public in the data, not yet recorded in the log
    gone: str | None = None  # expired | redacted
    gone_reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionsFacts(Facts):
    rows: list[VersionRow]
    pending: bool  # a version is not yet recorded


@dataclass(frozen=True, slots=True, kw_only=True)
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
    body: PackedText  # its HTML: `body_html`
    attachments: list[AttachmentFacts]
    contact: ContactFacts | None
    timeline: list[TimelineItem]
    feeds: FeedLinks
    follow: FollowFacts
    search: SearchFacts
    versions: VersionsFacts | None = None  # the 版本记录 section (issue #16)
    # tenders (an amendment shows its tender's effective deadline too)
    method_label: str | None = None
    buyer: PartyFacts | None = None
    agency: PartyFacts | None = None
    budget: str | None = None
    deadline: DeadlineFacts | None = None
    opening: OpeningFacts | None = None
    qualification: str | None = None
    amended: AmendedFacts | None = None  # None until an amendment of the tender is public
    # amendments
    amends: AmendsFacts | None = None
    new_deadline: str | None = None
    new_opening: OpeningFacts | None = None
    # candidate publicity (and penalties: publicity_end)
    candidates: list[CandidateRow] = field(default_factory=list)
    publicity_end: str | None = None
    publicity_end_iso: str | None = None
    # awards
    winners: list[WinnerRow] = field(default_factory=list)
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
    sanctions: list[SanctionRow] = field(default_factory=list)
    # the project's red flags (数据提示), empty when none or when the site turns the box off
    flags: list[FlagNote] = field(default_factory=list)

    @property
    def body_html(self) -> str:
        """The body as sanitized HTML (held deflated: generator/packed.py)."""
        return self.body.text()


# --- listings ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RowDate(Facts):
    """The one date that matters in a row: the deadline of a tender, the end of a publicity, the
    date of an award or a decision. `label` names it (a key of the site's labels)."""

    label: str
    display: str
    iso: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RowAmount(Facts):
    """The budget of a tender or the awarded amount of a result, shortened for a row."""

    label: str
    display: str


@dataclass(frozen=True, slots=True, kw_only=True)
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
    category_label: str | None
    key_date: RowDate | None
    amount: RowAmount | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PagerLink(Facts):
    role: str  # newest, older, newer, oldest, previous, next, number, gap
    url: str | None  # None: the current page (or a gap)
    number: int | None = None
    rel: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Pager(Facts):
    links: list[PagerLink]
    jump: str | None  # the archive's folder, for the "go to page" form
    count: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SubRegion(Facts):
    code: str
    name: str
    url: str
    count: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FilterOption(Facts):
    """One value a filter offers: the code the search page takes, and what the reader sees
    (with its count where the page may show one, indented by depth in the region tree)."""

    code: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FilterChoice(Facts):
    """One select of a filter form: the search page's URL parameter, its label (a key of the
    site's labels), the label of "any" (None: one of the options is always chosen) and the
    option chosen to begin with."""

    key: str
    label_key: str
    any_key: str | None
    options: list[FilterOption]
    selected: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FilterParam(Facts):
    name: str
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FilterForm(Facts):
    """A GET form to the search page: the scope of its listing as hidden parameters, the
    choices it offers (only values present in the listing) and its button's label."""

    scope: list[FilterParam]
    choices: list[FilterChoice]
    submit_key: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ListingFacts(Facts):
    kind: Literal["listing"] = "listing"
    heading: str
    heading_key: str | None
    base: str
    feeds: FeedLinks
    search_query: str
    filters: FilterForm
    region_path: list[RegionLink] | None = None
    total: int | None = None  # None on archive pages: a later notice would change it
    number: int | None = None
    entries: list[Entry]
    pager: Pager | None
    subregions: list[SubRegion] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionCount(Facts):
    code: str
    name: str
    url: str
    count: int
    children: list[RegionCount]


@dataclass(frozen=True, slots=True, kw_only=True)
class LatestGroup(Facts):
    label: str
    url: str
    total: int
    entries: list[Entry]


@dataclass(frozen=True, slots=True, kw_only=True)
class LevelCount(Facts):
    level: str
    label: str
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryCount(Facts):
    code: str
    label: str
    url: str
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class HomeFacts(Facts):
    kind: Literal["home"] = "home"
    latest: dict[str, LatestGroup]
    closing_soon: list[Entry]
    open_total: int
    find_tenders: FilterForm
    levels: list[LevelCount]
    regions: list[RegionCount]
    categories: list[CategoryCount]
    total: int
    as_of: str
    feeds: FeedLinks


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionsFacts(Facts):
    kind: Literal["regions"] = "regions"
    tree: list[RegionCount]
    feeds: FeedLinks | None = None  # the page links the site's feeds of everything


# --- service pages -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class FacetOption(Facts):
    code: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Facet(Facts):
    key: str
    heading_key: str
    options: list[FacetOption]


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionTree(Facts):
    code: str
    name: str
    children: list[RegionTree]


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchPageFacts(Facts):
    kind: Literal["search"] = "search"
    facets: list[Facet]
    regions: list[RegionTree]
    page_size: int
    every_notice: str
    recent_from: str  # the first month of "the last 12 months" (generator/search.py)
    months: list[FacetOption]  # every month with a public notice, newest first
    amount_edges: list[FacetOption]  # yuan, with their names
    fact_keys: list[str]  # label keys of the facts in the indexed text, in its order
    row_date_labels: dict[str, str]  # type → label key of the date its rows show
    row_amount_labels: dict[str, str]  # type → label key of the amount its rows show
    feeds: FeedLinks | None = None  # the page links the site's feeds of everything


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedItem(Facts):
    name: str
    title: str
    count: int
    page: str  # its feed page
    rss: str
    atom: str
    ics: str | None = None
    code: str | None = None
    children: list[FeedItem] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class CalendarLink(Facts):
    url: str
    count: int
    webcal: str = ""  # the same address for calendar apps (webcal://), "" where not http(s)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedsIndexFacts(Facts):
    """feeds/: every feed's addresses, by family, region tree and category, and the OPML."""

    kind: Literal["feeds"] = "feeds"
    feeds: FeedLinks
    feed_limit: int
    families: list[FeedItem]
    regions: list[FeedItem]
    categories: list[FeedItem]
    headings: dict[str, str]
    calendar: CalendarLink
    opml: str
    feed_total: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PickerRegion(Facts):
    """A region of the 订阅 page's picker: its feed page, and its categories with notices."""

    code: str
    name: str
    page: str
    count: int
    categories: dict[str, int]
    children: list[PickerRegion]


@dataclass(frozen=True, slots=True, kw_only=True)
class PickerCategory(Facts):
    code: str
    label: str
    page: str
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SubscribeFacts(Facts):
    kind: Literal["subscribe"] = "subscribe"
    feeds: FeedLinks
    site_url: str
    everything: FeedRef
    families: list[FeedRef]
    regions: list[PickerRegion]
    categories: list[PickerCategory]
    # Where the feed and calendar of each kind of choice (all, region, category, region-category)
    # are: {"feed": name below feeds/, "calendar": path}, with {region} and {category} to fill in.
    shapes: dict[str, dict[str, str]]
    pair_title: str  # a region × category's name, with {region} and {category}
    calendar: CalendarLink
    feed_limit: int
    all_feeds: str  # the feeds/ page
    opml: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntryFacts(Facts):
    url: str
    title: str
    type: str
    type_label: str
    published: str
    published_iso: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedPageFacts(Facts):
    """feeds/<name>/: what a feed holds, its addresses, its calendar and its latest entries."""

    kind: Literal["feed"] = "feed"
    name: str
    group: str  # family | region | category | region-category
    title: str
    title_html: str  # the title with a region's name marked as Chinese (lang="zh")
    about_html: str  # what it holds, in a sentence, marked the same way
    count: int  # every notice it follows (the feed holds the latest `limit`)
    limit: int
    summaries_only: bool
    feeds: FeedLinks
    rss: str
    atom: str
    calendar: CalendarLink | None
    listing: str | None  # the page (or search) that lists the same notices
    region_path: list[FeedRef]  # the feeds of the regions above
    categories: list[FeedRef]  # a region's feeds by category
    subregions: list[FeedRef]
    broader: list[FeedRef]  # a region × category: its region's and its category's feed
    entries: list[FeedEntryFacts]


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadFile(Facts):
    path: str
    url: str
    format: str
    count: int | None
    key: str
    bytes: int
    size: str  # as shown: 1.2 MB


@dataclass(frozen=True, slots=True, kw_only=True)
class MonthDownloads(Facts):
    """The files of one publication month (data/<year>/<MM>/): its public notices, its files
    in the order of DownloadsFacts.formats (None: no ocds.json in a month of penalties only)."""

    month: str  # "2026-11"
    count: int
    files: list[DownloadFile | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class YearDownloads(Facts):
    """The months of one publication year that have public notices, newest first."""

    year: int
    count: int
    months: list[MonthDownloads]


@dataclass(frozen=True, slots=True, kw_only=True)
class SheetFacts(Facts):
    """A sheet of a month's notices.xlsx: its name, rows and column headers."""

    name: str
    count: int
    headers: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class ColumnFacts(Facts):
    name: str
    kind: str
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ShownCharacter(Facts):
    """A printable character as code, a control one by the label that names it."""

    code: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadsFacts(Facts):
    kind: Literal["downloads"] = "downloads"
    feeds: FeedLinks
    as_of: str
    files: list[DownloadFile]
    years: list[YearDownloads]  # newest first
    formats: list[str]  # the shown name of each of a month's files, in MonthDownloads' order
    sheets: list[SheetFacts]
    zone: str  # the time zone of the workbook's times: Asia/Shanghai
    sheet_separator: str  # between the items of a list in one cell of the workbook
    columns: list[ColumnFacts]
    field_separator: str
    csv_mark: str
    formula_starts: list[ShownCharacter]
    ocid_prefix: str
    subscribe: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagItem(Facts):
    """One flag raised, as the 风险提示 page lists it; `regions`: its region and those above
    (the region filter keeps a flag under every region it lies in)."""

    flag: str
    project_code: str
    project_name: str
    region_path: str
    regions: list[str]
    category: str | None
    category_label: str | None
    explanation: str
    notices: list[FlagNoticeLink]


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagGroup(Facts):
    flag: str
    name: str
    definition: str
    items: list[FlagItem]


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagFile(Facts):
    path: str
    format: str
    size: str
    bytes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagsFacts(Facts):
    """风险提示 (flags/): every flag raised, grouped in the order of flags.FLAG_IDS, with the
    options of its filters (only values some flag has) and its files."""

    kind: Literal["flags"] = "flags"
    as_of: str
    total: int
    groups: list[FlagGroup]
    flag_options: list[FilterOption]
    region_options: list[FilterOption]
    category_options: list[FilterOption]
    files: list[FlagFile]
    rules_url: str
    feeds: FeedLinks | None = None



# --- an organisation's page (render/organisations.py) --------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgRow(Facts):
    """A notice the organisation appears in: the listing's row, its roles (codes, named by the
    labels org_role_<code>) and its own amount there (its bid, or what it was awarded)."""

    entry: Entry
    roles: list[str]
    amount: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgCount(Facts):
    role: str
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgWin(Facts):
    url: str
    title: str
    published: str
    amount: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgBan(Facts):
    kind_label: str
    start: str
    until: str
    until_iso: str
    penalty_url: str
    decision_no: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgPenalty(Facts):
    url: str
    title: str
    decided: str
    decision_no: str
    authority: str
    sanctions: list[SanctionRow]
    publicity_end: str
    withdrawn: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityFacts(Facts):
    """entities/<USCC>/: the first page holds the record (names, roles, wins, bans,
    penalties) and the newest rows; archive pages page/k/ (from the oldest) hold rows only."""

    kind: Literal["entity"] = "entity"
    uscc: str
    name: str
    names: list[str]
    base: str
    feeds: FeedLinks
    number: int | None = None
    total: int | None = None
    roles: list[OrgCount] = field(default_factory=list)
    won_total: str | None = None
    won_count: int = 0
    won_unstated: int = 0
    wins: list[OrgWin] = field(default_factory=list)
    bans: list[OrgBan] = field(default_factory=list)
    penalties: list[OrgPenalty] = field(default_factory=list)
    rows: list[OrgRow]
    pager: Pager | None


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionLink(Facts):
    number: int
    url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RemovalRow(Facts):
    """One thing taken off the site, on the 撤回记录 page."""

    kind: str  # removed | expired | redacted
    kind_label: str
    id: str
    version: int
    time: str | None  # None while not yet recorded
    time_iso: str | None
    reason: str
    files: list[VersionLink]  # the version files still readable (a removed notice's)
    pending: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class RemovalsFacts(Facts):
    kind: Literal["removals"] = "removals"
    rows: list[RemovalRow]
    feeds: FeedLinks | None = None  # the page links the site's feeds of everything


# --- statistics (render/statistics.py) -------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ChartFacts(Facts):
    """A chart's SVG file (below the site root) and its text alternative."""

    src: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True, slots=True, kw_only=True)
class StatsRow(Facts):
    key: str  # the code of the row (a month, a category…)
    label: str
    cells: list[str]  # as shown, one per column after the first


@dataclass(frozen=True, slots=True, kw_only=True)
class StatsTable(Facts):
    """One table of a statistics page, with the chart of the same numbers when there is any."""

    id: str
    caption: str
    columns: list[str]  # the headers, the row's own first
    rows: list[StatsRow]
    chart: ChartFacts | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StatsFacts(Facts):
    """stats/ (the whole site) and stats/region/<code>/: a region's figures, rolled up."""

    kind: Literal["stats"] = "stats"
    feeds: FeedLinks  # the region's feed (the whole site's on stats/)
    region_code: str
    region_path: list[RegionLink]  # the regions above, each with its statistics page
    # stats/ only: the time of the data's last change. A region's page does not state it, so
    # that it stays as it is (page cache) until one of its own numbers changes.
    as_of: str | None
    zone: str
    summary: list[StatsRow]
    tables: list[StatsTable]
    subregions: list[RegionLink]
    csv: str
    performance: str


@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorFacts(Facts):
    key: str
    label: str
    definition: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PerformanceCell(Facts):
    display: str
    value: str  # the number to sort by ("" when there is none)


@dataclass(frozen=True, slots=True, kw_only=True)
class PerformanceRow(Facts):
    code: str
    name: str
    url: str
    level: Literal["city", "county"]
    group: str  # the city's code: counties sort within it
    cells: list[PerformanceCell]


@dataclass(frozen=True, slots=True, kw_only=True)
class PerformanceFacts(Facts):
    kind: Literal["performance"] = "performance"
    feeds: FeedLinks
    as_of: str
    period: str  # as shown: 2025-12-01至2026-11-25
    period_key: str  # data/stats.csv's period: 2025-12/2026-11
    indicators: list[IndicatorFacts]
    rows: list[PerformanceRow]
    csv: str
    stats: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ShellFacts(Facts):
    """A page whose content our own templates made (render/frames.py), as its engine template
    reads it: the content, already HTML, and what the head reads of the page's facts (its kind,
    the feeds it links, and a notice's project feeds and red flags)."""

    kind: str
    feeds: FeedLinks
    html: str
    project: FollowProject | None = None  # a notice's project: its feeds are linked in the head
    flags: bool = False  # a notice's: it shows red flags, whose stylesheet the head loads


PageFacts = (NoticeFacts | ListingFacts | HomeFacts | RegionsFacts | SearchPageFacts
             | SubscribeFacts | FeedsIndexFacts | FeedPageFacts | DownloadsFacts | FlagsFacts
             | EntityFacts | RemovalsFacts | StatsFacts | PerformanceFacts | ShellFacts)
