"""The 撤回记录 page (`removals/`): what was taken off the site, from the publication ledger."""

from __future__ import annotations

from ..words import LEDGER_PAGE
from .facts import RemovalsFacts
from .pages import GeneratedPage, RenderContext
from .versions import removal_rows

REMOVALS_PAGE = "removals/index.md"


def removals_page(ctx: RenderContext) -> GeneratedPage:
    assert ctx.ledger is not None
    facts = RemovalsFacts(rows=removal_rows(ctx.ledger, ctx.language, ctx.site.tz))
    return GeneratedPage(REMOVALS_PAGE, LEDGER_PAGE.words(ctx.language)["nav_removals"],
                         "removals.html", facts)
