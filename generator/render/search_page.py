"""The search page (`search/`): the query form, filter choices and region tree as front matter
for theme/search.html; theme/assets/gongshi-search.js runs the queries against the Pagefind
index in the browser. Filter values are codes, the same as in the index and in the URL."""

from __future__ import annotations

from ..derive import STATUSES, RegionNode
from ..listings import CATEGORIES, FAMILIES
from ..search import EVERY_NOTICE, SEARCH_BUDGET_PAGES
from ..words import SITE
from .facts import Facet, FacetOption, RegionTree, SearchPageFacts
from .pages import GeneratedPage, RenderContext

TYPES = ("tender", "amendment", "candidates", "award", "termination", "penalty")
RESULTS_PER_PAGE = 20
# The family a status belongs to, to tell apart two statuses that share a label (公示中).
STATUS_FAMILY = {"publicity": "results", "disclosed": "penalties"}


def search_page(ctx: RenderContext) -> GeneratedPage:
    facts = SearchPageFacts(
        facets=[
            _facet(ctx, "family", "families", FAMILIES, "family"),
            _facet(ctx, "type", "type", TYPES, "type"),
            _facet(ctx, "category", "category", CATEGORIES, "category"),
            _status_facet(ctx),
            _year_facet(ctx),
        ],
        regions=[_region(node) for node in ctx.site.roots()],
        page_size=RESULTS_PER_PAGE,
        every_notice=EVERY_NOTICE,
        budget=SEARCH_BUDGET_PAGES,
    )
    title = SITE.words(ctx.language)["search"]
    return GeneratedPage("search/index.md", title, "search.html", facts, hide=("navigation", "toc"))


def _facet(ctx: RenderContext, key: str, heading_key: str, codes: tuple[str, ...],
           vocabulary: str) -> Facet:
    values = [FacetOption(code=code, label=ctx.label(vocabulary, code)) for code in codes]
    return Facet(key=key, heading_key=heading_key, options=values)


def _status_facet(ctx: RenderContext) -> Facet:
    labels = [ctx.label("status", code) for code in STATUSES]
    options = []
    for code, label in zip(STATUSES, labels, strict=True):
        family = STATUS_FAMILY.get(code)
        if family and labels.count(label) > 1:
            label = SITE.words(ctx.language)["status_in_family"].format(
                status=label, family=ctx.label("family", family))
        options.append(FacetOption(code=code, label=label))
    return Facet(key="status", heading_key="status", options=options)


def _year_facet(ctx: RenderContext) -> Facet:
    years = sorted({str(pn.published_at.astimezone(ctx.site.tz).year) for pn in ctx.site.notices},
                   reverse=True)
    return Facet(key="year", heading_key="search_year",
                 options=[FacetOption(code=year, label=year) for year in years])


def _region(node: RegionNode) -> RegionTree:
    return RegionTree(code=node.code, name=node.name, children=[_region(c) for c in node.children])
