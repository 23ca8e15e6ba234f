"""The one registry of listings: every list of notices the site offers, with the notices it
holds, the URL of its pages, its feed and the search filter that finds the same notices.
Pages, feeds, the 订阅 page, OPML, the sitemap (through the pages) and search links all
iterate `listings(site)`; a new kind of listing is added here and nowhere else."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from .derive import OPEN, PublicNotice, RegionNode, Site

FAMILIES = ("tenders", "results", "penalties")
CATEGORIES = (
    "construction", "procurement", "land", "mining", "property", "medical", "franchise", "other",
)


@dataclass(frozen=True)
class Listing:
    kind: str  # all | open | family | region | category
    key: str  # the family, region code or category ("" for all and open)
    notices: tuple[PublicNotice, ...]  # newest published first; open: soonest deadline first
    base: str  # the folder of its pages below the site root ("" for all: the home page)
    feed: str  # feeds/<feed>.xml and .atom
    search: dict[str, str]  # the search page's parameters that list the same notices
    region: RegionNode | None = None
    depth: int = 0  # in the region tree

    @property
    def has_pages(self) -> bool:
        """Its own listing pages (all notices are the home page's, which shows each family)."""
        return self.kind != "all"

    @property
    def has_own_feed(self) -> bool:
        """Open tenders are followed by the tenders feed, whose page they are a view of."""
        return self.kind != "open"

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


def listings(site: Site) -> Iterator[Listing]:
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
                      f"region/{node.code}", _every_year(region=node.code), node, depth)
    for category in CATEGORIES:
        yield Listing("category", category,
                      tuple(pn for pn in notices if pn.notice.category == category),
                      f"category/{category}", f"category/{category}",
                      _every_year(category=category))


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
