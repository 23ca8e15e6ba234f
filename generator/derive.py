"""What the data means as of "now": which notices are public, their statuses, effective
deadlines, projects' lifecycles and the region tree's roll-up.

Everything time-dependent takes `now` as a parameter; nothing here reads the clock. What the
data means changes only at known moments (a publication, a deadline, the end of a publicity, a
withdrawal's date, a month's start): between two of them every output but build.json is the
same, which is what lets a rebuild with no changed file skip the work (commands/build.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from . import rules
from .checks import effective_deadlines
from .dataset import Dataset, NoticeFile
from .model import (
    Amendment,
    Award,
    Candidates,
    Notice,
    Opening,
    Penalty,
    Region,
    Tender,
    Termination,
    Withdrawal,
)

# Status codes; their shown names live in words/values.py.
OPEN = "open"
CLOSED = "closed"
AWARDED = "awarded"
TERMINATED = "terminated"
WITHDRAWN = "withdrawn"
PUBLICITY = "publicity"
PUBLICITY_ENDED = "publicity-ended"
DISCLOSED = "disclosed"
STATUSES = (OPEN, CLOSED, AWARDED, TERMINATED, WITHDRAWN, PUBLICITY, PUBLICITY_ENDED, DISCLOSED)


@dataclass
class RegionNode:
    region: Region
    parent: RegionNode | None = None
    children: list[RegionNode] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.region.code

    @property
    def name(self) -> str:
        return self.region.name

    @property
    def level(self) -> str:
        return rules.region_level(self.code)

    def path(self) -> list[RegionNode]:
        """From the province down to this region."""
        node: RegionNode | None = self
        chain: list[RegionNode] = []
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass
class Update:
    """A later event that changed what a notice says: an amendment, a result, a withdrawal."""

    at: datetime
    notice_id: str
    kind: str  # amendment | candidates | award | termination | withdrawn


@dataclass
class PublicNotice:
    file: NoticeFile
    status: str
    published_at: datetime
    region: RegionNode
    project_code: str | None = None
    deadline: datetime | None = None
    superseded_deadlines: list[datetime] = field(default_factory=list)
    opening: Opening | None = None
    ends_at: datetime | None = None  # end of a publicity period
    updates: list[Update] = field(default_factory=list)
    # The withdrawal once in effect (see withdrawal_as_of); every output reads this one, never
    # the notice's own `withdrawn`, so a withdrawal dated later shows nowhere before its date.
    withdrawal: Withdrawal | None = None

    # The file's id and notice, and the notice's type and family, as plain attributes: every
    # listing, feed and key reads them for every notice (properties were ~5% of a +1 at 10,000)
    id: str = field(init=False, repr=False, compare=False)
    notice: Notice = field(init=False, repr=False, compare=False)
    type: str = field(init=False, repr=False, compare=False)
    family: str = field(init=False, repr=False, compare=False)
    # the path of its page under the site root: one string, which its facts, rows and entries
    # share (made afresh by each reader, it was ~0.4 KB a notice of the build's memory)
    url: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.id = self.file.id
        self.notice = self.file.notice
        self.type = self.notice.type
        self.family = self.notice.family
        self.url = f"notices/{self.id}/"

    @property
    def updated_at(self) -> datetime:
        return max([self.published_at, *(u.at for u in self.updates)])


@dataclass
class ProjectView:
    code: str
    name: str
    notices: list[PublicNotice]  # in lifecycle order
    status: str


@dataclass
class Site:
    now: datetime
    tz: ZoneInfo
    regions: dict[str, RegionNode]
    notices: list[PublicNotice]  # newest first
    projects: dict[str, ProjectView]
    # The site as of `now` is the site of every moment from `changed_at` (the last moment at
    # or before now at which it changed) until, not including, `changes_next`. Outputs state
    # `changed_at`, never `now` (build.json aside), so that they hold for the whole span.
    changed_at: datetime
    changes_next: datetime

    @cached_property
    def by_id(self) -> dict[str, PublicNotice]:
        return {pn.id: pn for pn in self.notices}

    @cached_property
    def amendments(self) -> dict[str, list[PublicNotice]]:
        """Per tender id, its public amendments in the order they apply (published, then id:
        the order of effective deadlines), withdrawn ones included as they still apply."""
        found: dict[str, list[PublicNotice]] = defaultdict(list)
        for pn in self.notices:
            if isinstance(pn.notice, Amendment):
                found[pn.notice.amends].append(pn)
        for members in found.values():
            members.sort(key=lambda pn: (pn.published_at, pn.id))
        return dict(found)

    def roots(self) -> list[RegionNode]:
        return [node for node in self.regions.values() if node.parent is None]

    def in_region(self, code: str) -> list[PublicNotice]:
        """Notices of this region and of every region below it, newest first (do not modify)."""
        return self._rolled_up.get(code, [])

    @cached_property
    def _rolled_up(self) -> dict[str, list[PublicNotice]]:
        """Every region's notices with those below it, in one pass: listings, counts, feeds and
        calendars ask for each region several times."""
        rolled: dict[str, list[PublicNotice]] = {code: [] for code in self.regions}
        for pn in self.notices:
            for node in pn.region.path():
                rolled[node.code].append(pn)
        return rolled


LIFECYCLE_ORDER = {"tender": 0, "amendment": 1, "candidates": 2, "award": 3, "termination": 3}


def build_region_tree(regions: dict[str, Region]) -> dict[str, RegionNode]:
    nodes = {code: RegionNode(region) for code, region in regions.items()}
    for node in nodes.values():
        parent_code = node.region.parent
        if parent_code is not None and parent_code in nodes:
            node.parent = nodes[parent_code]
            nodes[parent_code].children.append(node)
    for node in nodes.values():
        node.children.sort(key=lambda child: child.code)
    return nodes


def is_public(nf: NoticeFile, now: datetime, tz: ZoneInfo, *, drafts: bool = False) -> bool:
    """Not embargoed (published by now) and, for a penalty, still within its disclosure.
    `drafts` (serve's preview only) shows embargoed notices too."""
    notice = nf.notice
    if not drafts and rules.start_of(notice.published, tz) > now:
        return False
    return not (isinstance(notice, Penalty) and rules.end_of(notice.publicity_end, tz) <= now)


def withdrawal_as_of(notice: Notice, now: datetime, tz: ZoneInfo) -> Withdrawal | None:
    """The notice's withdrawal if it is in effect by `now`: from the start of its date (site
    time zone) on. Before that day the notice is shown, fed and exported as not withdrawn."""
    withdrawal = notice.withdrawn
    if withdrawal is None or rules.start_of(withdrawal.date, tz) > now:
        return None
    return withdrawal


def derive_site(dataset: Dataset, now: datetime, tz: ZoneInfo, *, drafts: bool = False) -> Site:
    if now.tzinfo is None:
        now = now.replace(tzinfo=tz)
    regions = build_region_tree(dataset.regions)
    public_files = [nf for nf in dataset.notices if is_public(nf, now, tz, drafts=drafts)]
    deadlines = effective_deadlines(public_files, tz)
    openings = _effective_openings(public_files, tz)
    by_project = files_by_project(public_files)
    public: list[PublicNotice] = []
    for nf in public_files:
        public.append(_public_notice(nf, regions, deadlines, openings, by_project, now, tz))
    public.sort(key=lambda pn: (pn.published_at, pn.id), reverse=True)
    _attach_updates(public, tz)
    projects = _project_views(public, now, tz)
    changed_at, changes_next = change_span(dataset.notices, now, tz)
    return Site(now, tz, regions, public, projects, changed_at, changes_next)


def change_moments(notices: Iterable[NoticeFile], tz: ZoneInfo) -> Iterator[datetime]:
    """Every moment at which a notice can change what the site shows: it becomes public, its
    tender's deadline (as first set or as amended) passes, a publicity ends, a withdrawal takes
    effect, a sanction's `until` ends (an organisation's active bans). A superset: a moment
    that changes nothing only costs a rebuild."""
    for nf in notices:
        notice = nf.notice
        yield rules.start_of(notice.published, tz)
        if notice.withdrawn is not None:
            yield rules.start_of(notice.withdrawn.date, tz)
        if isinstance(notice, (Penalty, Candidates)):
            yield rules.end_of(notice.publicity_end, tz)
        if isinstance(notice, Penalty):
            yield from (rules.end_of(s.until, tz) for s in notice.sanctions if s.until is not None)
        if isinstance(notice, Tender):
            yield rules.start_of(notice.deadline, tz)
        if isinstance(notice, Amendment) and notice.changes and notice.changes.deadline:
            yield rules.start_of(notice.changes.deadline, tz)


def change_span(notices: Iterable[NoticeFile], now: datetime,
                tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The span of time around `now` in which the site stays as it is: from the last change
    at or before `now` to the first after it. A month's start counts as a change: the search
    page's "last 12 months" are counted in months of the site's zone."""
    month_start = now.astimezone(tz).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    last, upcoming = month_start, next_month
    for moment in change_moments(notices, tz):
        if moment <= now:
            last = max(last, moment)
        else:
            upcoming = min(upcoming, moment)
    return last, upcoming.astimezone(tz)


def files_by_project(files: Iterable[NoticeFile]) -> dict[str, list[NoticeFile]]:
    """The notice files of each project, in the order given (a penalty is in none)."""
    groups: dict[str, list[NoticeFile]] = defaultdict(list)
    for nf in files:
        if nf.notice.project is not None:
            groups[nf.notice.project.code].append(nf)
    return groups


def _effective_openings(files: list[NoticeFile], tz: ZoneInfo) -> dict[str, Opening | None]:
    openings: dict[str, Opening | None] = {
        nf.id: nf.notice.opening for nf in files if isinstance(nf.notice, Tender)
    }
    amendments = sorted(
        (nf for nf in files if isinstance(nf.notice, Amendment)),
        key=lambda nf: (rules.start_of(nf.notice.published, tz), nf.id),
    )
    for nf in amendments:
        notice = nf.notice
        assert isinstance(notice, Amendment)
        if notice.amends in openings and notice.changes and notice.changes.opening:
            openings[notice.amends] = notice.changes.opening
    return openings


def _is_live(nf: NoticeFile, now: datetime, tz: ZoneInfo) -> bool:
    return withdrawal_as_of(nf.notice, now, tz) is None


def project_outcome(files: list[NoticeFile], now: datetime, tz: ZoneInfo) -> str | None:
    """AWARDED or TERMINATED when the project has such a public result, not withdrawn by now."""
    if any(isinstance(nf.notice, Award) and _is_live(nf, now, tz) for nf in files):
        return AWARDED
    if any(isinstance(nf.notice, Termination) and _is_live(nf, now, tz) for nf in files):
        return TERMINATED
    return None


def _public_notice(
    nf: NoticeFile,
    regions: dict[str, RegionNode],
    deadlines: dict[str, tuple[datetime, list[datetime]]],
    openings: dict[str, Opening | None],
    by_project: dict[str, list[NoticeFile]],
    now: datetime,
    tz: ZoneInfo,
) -> PublicNotice:
    notice = nf.notice
    project_code = notice.project.code if notice.project is not None else None
    pn = PublicNotice(
        file=nf,
        status=DISCLOSED,
        published_at=rules.start_of(notice.published, tz),
        region=regions[notice.region],
        project_code=project_code,
        withdrawal=withdrawal_as_of(notice, now, tz),
    )
    tender_id = nf.id if isinstance(notice, Tender) else getattr(notice, "amends", None)
    if tender_id in deadlines:
        pn.deadline, pn.superseded_deadlines = deadlines[tender_id]
        pn.opening = openings.get(tender_id)
    elif isinstance(notice, Amendment):
        pn.deadline = notice.changes.deadline if notice.changes else None
    outcome = project_outcome(by_project.get(project_code, []), now, tz) if project_code else None
    pn.status = _status(pn, outcome, now, tz)
    return pn


def _status(pn: PublicNotice, outcome: str | None, now: datetime, tz: ZoneInfo) -> str:
    notice = pn.notice
    if pn.withdrawal is not None:
        return WITHDRAWN
    if isinstance(notice, (Tender, Amendment)):
        if outcome is not None:
            return outcome
        return OPEN if pn.deadline is not None and now < pn.deadline else CLOSED
    if isinstance(notice, Candidates):
        pn.ends_at = rules.end_of(notice.publicity_end, tz)
        return PUBLICITY if now < pn.ends_at else PUBLICITY_ENDED
    if isinstance(notice, Award):
        return AWARDED
    if isinstance(notice, Termination):
        return TERMINATED
    assert isinstance(notice, Penalty)
    pn.ends_at = rules.end_of(notice.publicity_end, tz)
    return DISCLOSED


def _attach_updates(public: list[PublicNotice], tz: ZoneInfo) -> None:
    """Record on each tender what later public notices changed it (for feeds' updated time)."""
    by_project: dict[str, list[PublicNotice]] = defaultdict(list)
    for pn in public:
        if pn.project_code is not None:
            by_project[pn.project_code].append(pn)
        if pn.withdrawal is not None:
            withdrawn_at = rules.start_of(pn.withdrawal.date, tz)
            pn.updates.append(Update(max(withdrawn_at, pn.published_at), pn.id, "withdrawn"))
    for members in by_project.values():
        tenders = [pn for pn in members if isinstance(pn.notice, Tender)]
        for tender in tenders:
            for other in members:
                if other is tender or other.published_at < tender.published_at:
                    continue
                if isinstance(other.notice, Amendment) and other.notice.amends != tender.id:
                    continue
                tender.updates.append(Update(other.published_at, other.id, other.type))
        for pn in members:
            pn.updates.sort(key=lambda u: (u.at, u.notice_id))


def _project_views(public: list[PublicNotice], now: datetime,
                   tz: ZoneInfo) -> dict[str, ProjectView]:
    groups: dict[str, list[PublicNotice]] = defaultdict(list)
    for pn in public:
        if pn.project_code is not None and pn.type != "penalty":
            groups[pn.project_code].append(pn)
    views: dict[str, ProjectView] = {}
    for code, members in groups.items():
        members.sort(key=lambda pn: (pn.published_at, LIFECYCLE_ORDER[pn.type], pn.id))
        name = members[0].notice.project.name  # type: ignore[union-attr]
        status = project_outcome([pn.file for pn in members], now, tz) or _tender_state(members)
        views[code] = ProjectView(code, name, members, status)
    return views


def _tender_state(members: list[PublicNotice]) -> str:
    tenders = [pn for pn in members if pn.type == "tender"]
    if any(pn.status == OPEN for pn in tenders):
        return OPEN
    if tenders and all(pn.status == WITHDRAWN for pn in tenders):
        return WITHDRAWN
    return CLOSED
