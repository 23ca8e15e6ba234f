"""The search page (`search/`): the query form, filter choices, the period and amount controls
and the region tree as front matter for theme/search.html; theme/assets/gongshi-search.js runs
the queries against the Pagefind index in the browser. Filter values are codes, the same as in
the index and in the URL.

Results are drawn like listing rows (render/pages.py `_entry`), from what the index returns of a
notice: its type, status, category and region from its filters, its dates and amount from its
metadata (values only: Pagefind indexes metadata as words, so labels stay in this page), and
an excerpt the script cuts from the indexed text (generator/search.py)."""

from __future__ import annotations

from ..derive import STATUSES, RegionNode
from ..listings import CATEGORIES, FAMILIES
from ..search import AMOUNT_EDGES, EVERY_NOTICE, FACT_KEYS, recent_from
from ..words import SEARCH_PAGE, SITE
from .facts import Facet, FacetOption, RegionTree, SearchPageFacts
from .pages import GeneratedPage, RenderContext

TYPES = ("tender", "amendment", "candidates", "award", "termination", "penalty")
RESULTS_PER_PAGE = 20
# The family a status belongs to, to tell apart two statuses that share a label (公示中).
STATUS_FAMILY = {"publicity": "results", "disclosed": "penalties"}
# The label of the one date and of the amount a row shows, by type (pages.py row_date and
# shown_amount decide; tests/test_search_index.py holds them to these).
ROW_DATE_LABELS = {"tender": "deadline", "amendment": "deadline", "candidates": "publicity_end",
                   "award": "award_date", "penalty": "decided"}
ROW_AMOUNT_LABELS = {"tender": "budget", "award": "awarded_amount"}


def search_page(ctx: RenderContext) -> GeneratedPage:
    words = SEARCH_PAGE.words(ctx.language)
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
        recent_from=recent_from(ctx.site.now, ctx.site.tz),
        months=[FacetOption(code=month, label=words["search_month_name"].format(
            y=month[:4], m=int(month[5:]))) for month in _months(ctx)],
        amount_edges=[FacetOption(code=str(edge), label=words[f"amount_edge_{edge}"])
                      for edge in AMOUNT_EDGES],
        fact_keys=list(FACT_KEYS),
        row_date_labels=dict(ROW_DATE_LABELS),
        row_amount_labels=dict(ROW_AMOUNT_LABELS),
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


def _months(ctx: RenderContext) -> list[str]:
    return sorted({pn.published_at.astimezone(ctx.site.tz).strftime("%Y-%m")
                   for pn in ctx.site.notices}, reverse=True)


def _region(node: RegionNode) -> RegionTree:
    return RegionTree(code=node.code, name=node.name, children=[_region(c) for c in node.children])
