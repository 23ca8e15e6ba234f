"""The search page (`search/`): the query form, filter choices and region tree as front matter
for theme/search.html; theme/assets/gongshi-search.js runs the queries against the Pagefind
index in the browser. Filter values are codes, the same as in the index and in the URL."""

from __future__ import annotations

from typing import Any

from ..derive import STATUSES, RegionNode
from ..search import EVERY_NOTICE, SEARCH_BUDGET_PAGES
from ..words import SITE
from .pages import CATEGORIES, FAMILIES, GeneratedPage, RenderContext

TYPES = ("tender", "amendment", "candidates", "award", "termination", "penalty")
RESULTS_PER_PAGE = 20
# The family a status belongs to, to tell apart two statuses that share a label (公示中).
STATUS_FAMILY = {"publicity": "results", "disclosed": "penalties"}


def search_page(ctx: RenderContext) -> GeneratedPage:
    facts = {
        "kind": "search",
        "facets": [
            _facet(ctx, "family", "families", FAMILIES, "family"),
            _facet(ctx, "type", "type", TYPES, "type"),
            _facet(ctx, "category", "category", CATEGORIES, "category"),
            _status_facet(ctx),
            _year_facet(ctx),
        ],
        "regions": [_region(node) for node in ctx.site.roots()],
        "page_size": RESULTS_PER_PAGE,
        "every_notice": EVERY_NOTICE,
        "budget": SEARCH_BUDGET_PAGES,
    }
    title = SITE.words(ctx.language)["search"]
    meta = {"title": title, "template": "search.html", "hide": ["navigation", "toc"],
            "gongshi": facts}
    return GeneratedPage("search/index.md", meta)


def _facet(ctx: RenderContext, key: str, heading_key: str, codes: tuple[str, ...],
           vocabulary: str) -> dict[str, Any]:
    values = [{"code": code, "label": ctx.label(vocabulary, code)} for code in codes]
    return {"key": key, "heading_key": heading_key, "options": values}


def _status_facet(ctx: RenderContext) -> dict[str, Any]:
    facet = _facet(ctx, "status", "status", STATUSES, "status")
    labels = [value["label"] for value in facet["options"]]
    for value in facet["options"]:
        family = STATUS_FAMILY.get(value["code"])
        if family and labels.count(value["label"]) > 1:
            value["label"] = SITE.words(ctx.language)["status_in_family"].format(
                status=value["label"], family=ctx.label("family", family))
    return facet


def _year_facet(ctx: RenderContext) -> dict[str, Any]:
    years = sorted({str(pn.published_at.astimezone(ctx.site.tz).year) for pn in ctx.site.notices},
                   reverse=True)
    values = [{"code": year, "label": year} for year in years]
    return {"key": "year", "heading_key": "search_year", "options": values}


def _region(node: RegionNode) -> dict[str, Any]:
    return {"code": node.code, "name": node.name, "children": [_region(c) for c in node.children]}
