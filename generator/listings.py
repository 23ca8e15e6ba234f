"""The one registry of listings: every list of notices the site offers, with the notices it
holds, the URL of its pages, its feed and calendar and the search filter that finds the same
notices. Pages, feeds and their pages, calendars, the 订阅 page, OPML, the sitemap (through the
pages) and search links all iterate `listings(site)`; a new kind of listing is added here and
nowhere else.

Three kinds have a feed but no listing pages: a region × category (the notices of one category in
a region and every region below it; only where there are some), a project (its notices,
followed from its notices' pages) and an organisation (the notices naming its USCC, followed
from its page entities/<USCC>/, generator/organisations.py). Their feeds carry summaries and
links, not bodies."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from .derive import OPEN, ProjectView, PublicNotice, RegionNode, Site
from .organisations import Organisation, organisation_index, organisation_url

FAMILIES = ("tenders", "results", "penalties")
CATEGORIES = (
    "construction", "procurement", "land", "mining", "property", "medical", "franchise", "other",
)


@dataclass(frozen=True)
class Listing:
    kind: str  # all | open | family | region | category | region-category | project | organisation
    key: str  # the family, region code, category, region/category, project code or USCC ("" for all, open)
    notices: tuple[PublicNotice, ...]  # newest published first; open: soonest deadline first
    base: str  # the folder of its pages below the site root ("": none, or the home page for all)
    feed: str  # feeds/<feed>.xml and .atom (an organisation's, a project's: .atom alone, see atom_only)
    search: dict[str, str]  # the search page's parameters that list the same notices
    region: RegionNode | None = None
    depth: int = 0  # in the region tree
    category: str | None = None  # of a category or a region × category
    project: ProjectView | None = None
    organisation: Organisation | None = None

    @property
    def has_pages(self) -> bool:
        """Its own listing pages (all notices are the home page's, which shows each family)."""
        return self.kind in PAGED_KINDS

    @property
    def has_own_feed(self) -> bool:
        """Open tenders are followed by the tenders feed, whose page they are a view of."""
        return self.kind != "open"

    @property
    def has_feed_page(self) -> bool:
        """A readable page of its feed, feeds/<feed>/; a project's feed is offered by a section
        of its notices' pages instead (one page per project would cost a page per ~4 notices)."""
        return self.has_own_feed and self.kind not in ("project", "organisation")

    @property
    def summaries_only(self) -> bool:
        """Its feed's entries carry a summary and a link, not the notice's text: the feeds
        added for people to follow (a feed of 50 full bodies is ~355 KB)."""
        return self.kind in ("region-category", "project", "organisation")

    @property
    def atom_only(self) -> bool:
        """Its feed in one format, Atom (every feed reader takes it): an organisation's or a
        project's, one of thousands, each followed by few. Two formats would double the files
        and their cost (the size budget, issue 18)."""
        return self.kind in ("organisation", "project")

    @property
    def in_opml(self) -> bool:
        """In feeds/opml.xml, the file that subscribes a reader to every feed at once: the feeds
        of the output contract, not the hundreds of regions × categories nor every project."""
        return self.has_own_feed and not self.summaries_only

    @property
    def calendar(self) -> str | None:
        """Its deadline calendar (RFC 5545) below the site root, where it has one."""
        if self.kind in ("all", "open") or (self.kind == "family" and self.key == "tenders"):
            return DEADLINES
        if self.kind in ("region", "category", "region-category", "project"):
            return feed_calendar(self.feed)
        return None  # results and penalties have no deadlines

    @property
    def archive(self) -> bool:
        """Paged from the oldest notice, so that a new one changes only the newest pages; open
        tenders are paged in deadline order instead."""
        return self.kind != "open"

    @property
    def search_query(self) -> str:
        return urlencode(self.search)

    @property
    def sort(self) -> str:
        """The search page's sort that gives this listing's own order."""
        return "deadline" if self.kind == "open" else "newest"


PAGED_KINDS = ("open", "family", "region", "category")
DEADLINES = "calendar/deadlines.ics"


def region_feed(code: str) -> str:
    return f"region/{code}"


def category_feed(category: str) -> str:
    return f"category/{category}"


def feed_calendar(feed: str) -> str:
    """The deadline calendar that goes with a feed (other than the whole site's)."""
    return f"calendar/{feed}.ics"


def region_category_feed(code: str, category: str) -> str:
    return f"region/{code}/{category}"


def project_feed(code: str) -> str:
    return f"project/{project_slug(code)}"


_PLAIN_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9._-]+")


def organisation_feed(uscc: str) -> str:
    """A USCC is 18 of [0-9A-Z]: a plain file name as it is."""
    return f"entity/{uscc}"


def project_slug(code: str) -> str:
    """A project code as a file name: itself when it is plain ASCII (XN-GC-2026-001); else its
    plain characters and a hash of the whole code (an editor's code may hold "/", Chinese,
    "?" or "..", which a path or a URL must not take as such)."""
    if _PLAIN_CODE.fullmatch(code) and ".." not in code:
        return code
    digest = hashlib.sha256(code.encode()).hexdigest()[:12]
    plain = _NOT_PLAIN.sub("-", code).strip("-.")[:40]
    return f"{plain}-{digest}" if plain else digest


def listings(site: Site, organisations: Mapping[str, Organisation] | None = None) -> Iterator[Listing]:
    """Every listing, in the order the 订阅 page and the OPML list their feeds."""
    notices = tuple(site.notices)
    yield Listing("all", "", notices, "", "all", _every_year())
    yield Listing("open", "", tuple(open_tenders(notices)), "open", "tenders",
                  _every_year(type="tender", status=OPEN))
    for family in FAMILIES:
        yield Listing("family", family, tuple(pn for pn in notices if pn.family == family), family,
                      family, _every_year(family=family))
    for node, depth in region_tree_order(site):
        yield Listing("region", node.code, tuple(site.in_region(node.code)), f"region/{node.code}",
                      region_feed(node.code), _every_year(region=node.code), node, depth)
    for category in CATEGORIES:
        yield Listing("category", category,
                      tuple(pn for pn in notices if pn.notice.category == category),
                      f"category/{category}", category_feed(category),
                      _every_year(category=category),
                      category=category)
    yield from region_categories(site)
    for code in sorted(site.projects):
        project = site.projects[code]
        members = tuple(sorted(project.notices, key=lambda pn: (pn.published_at, pn.id),
                               reverse=True))
        yield Listing("project", code, members, "", project_feed(code), {}, project=project)
    if organisations is None:
        organisations = organisation_index(site)
    for uscc, organisation in organisations.items():
        # its page is entities/<USCC>/ (render/organisations.py), not a listing's pages
        yield Listing("organisation", uscc, tuple(organisation.notices),
                      organisation_url(uscc).rstrip("/"), organisation_feed(uscc), {},
                      organisation=organisation)


def region_categories(site: Site) -> Iterator[Listing]:
    """Every region × category that has notices, in region tree order, then category order."""
    for node, depth in region_tree_order(site):
        by_category: dict[str, list[PublicNotice]] = defaultdict(list)
        for pn in site.in_region(node.code):
            if pn.notice.category is not None:
                by_category[pn.notice.category].append(pn)
        for category in CATEGORIES:
            if by_category.get(category):
                yield Listing("region-category", f"{node.code}/{category}",
                              tuple(by_category[category]), "",
                              region_category_feed(node.code, category),
                              _every_year(region=node.code, category=category), node, depth,
                              category=category)


def _every_year(**filters: str) -> dict[str, str]:
    """A listing holds every year, so its search does too (the search page's default is the
    last 12 months)."""
    return {**filters, "period": "all"}


def open_tenders(notices: tuple[PublicNotice, ...] | list[PublicNotice]) -> list[PublicNotice]:
    """Open tenders, the soonest deadline first."""
    open_ones = [pn for pn in notices
                 if pn.type == "tender" and pn.status == OPEN and pn.deadline is not None]
    return sorted(open_ones, key=lambda pn: (pn.deadline, pn.id))


def region_tree_order(site: Site) -> Iterator[tuple[RegionNode, int]]:
    """Every region node, depth first from the roots, with its depth."""

    def walk(node: RegionNode, depth: int) -> Iterator[tuple[RegionNode, int]]:
        yield node, depth
        for child in node.children:
            yield from walk(child, depth + 1)

    for root in sorted(site.roots(), key=lambda node: node.code):
        yield from walk(root, 0)
