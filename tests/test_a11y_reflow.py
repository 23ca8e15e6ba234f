"""Reflow and zoom (WCAG 2.1 AA 1.4.10, 1.4.4): every page type of the sample site at 320 CSS px
and at 200% zoom, in a real browser, without the page scrolling sideways. Wide tables and code
may scroll inside their own box; the document itself may not.

200% zoom is simulated by a 640 px wide viewport: zooming a 1280 px window to 200% in Chromium
halves its CSS viewport to 640 px, which is what layout sees (media queries included).
device_scale_factor=2 would not do: it doubles device pixels and leaves the CSS width at 1280."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import lxml.html
import pytest
from conftest import ARTIFACTS, BROWSER_WAIT_MS, SAMPLE_NOW

pytestmark = pytest.mark.browser

WIDTHS = {"320px": (320, 640), "zoom200": (640, 800)}
NOTICE_TYPES = ("tender", "amendment", "candidates", "award", "termination", "penalty")
FIXED_PAGES = {
    "home": "/", "tenders": "/tenders/", "results": "/results/", "penalties": "/penalties/",
    "open": "/open/", "archive": "/tenders/page/1/", "category": "/category/construction/",
    "region-tree": "/region/", "region": "/region/420900/", "search": "/search/?q=孝感",
    "search-filtered": "/search/?category=construction&sort=deadline",
    "subscribe": "/subscribe/", "downloads": "/downloads/", "about": "/about/",
    "flags": "/flags/", "flags-notice": "/notices/XG-CG-2026-120-JG/",
    "removals": "/removals/",
    "stats-region": "/stats/region/420900/", "stats-performance": "/stats/performance/",
    "guide-reading": "/guide/reading/", "guide-editor": "/guide/editor/", "rules": "/rules/",
    "404": "/404.html",
    "entity": "/entities/91420100MA48RE2JC6/", "search-entity": "/search/?q=楚天路桥",
}

# The widest elements, to say what sticks out when the page scrolls sideways.
WIDEST_JS = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o !== 'visible') return false; } return true; })
  .slice(0, 8).map(el => `${el.tagName.toLowerCase()}.${el.className}`)"""


def one_notice_of_each_type(site: Path) -> dict[str, str]:
    """A notice page per type, the one with the most text (the likeliest to overflow)."""
    found: dict[str, tuple[int, str]] = {}
    for page in (site / "notices").glob("*/index.html"):
        tree = lxml.html.parse(str(page)).getroot()
        article = tree.xpath("//*[contains(concat(' ', @class, ' '), ' gs-notice ')]")
        if not article:
            continue
        kind = next(c.split("--")[1] for c in article[0].get("class").split()
                    if c.startswith("gs-notice--"))
        size = len(article[0].text_content())
        if size > found.get(kind, (0, ""))[0]:
            found[kind] = (size, f"/notices/{page.parent.name}/")
    assert set(NOTICE_TYPES) <= set(found), found.keys()
    return {f"notice-{kind}": path for kind, (_, path) in found.items()}


@pytest.fixture(scope="module")
def pages(sample_site: Path) -> dict[str, str]:
    return {**FIXED_PAGES, **one_notice_of_each_type(sample_site)}


def page_names() -> list[str]:
    return [*FIXED_PAGES, *(f"notice-{kind}" for kind in NOTICE_TYPES)]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", page_names())
def test_no_page_scrolls_sideways(browser, site_server: str, pages: dict[str, str],
                                  name: str, width: str) -> None:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, locale="zh-CN")
    page = context.new_page()
    page.clock.set_fixed_time(datetime.fromisoformat(SAMPLE_NOW))
    try:
        page.goto(site_server + pages[name], wait_until="networkidle")
        if name.startswith("search"):
            page.wait_for_function(
                "() => document.querySelectorAll('#gs-results > li').length > 0", timeout=BROWSER_WAIT_MS)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"a11y-reflow-{name}-{width}.png"), full_page=True)
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, "
                              "document.documentElement.clientWidth]")
        sticking_out = page.evaluate(WIDEST_JS)
    finally:
        context.close()
    assert sizes[0] <= sizes[1], f"{pages[name]} at {width}: {sizes}, {sticking_out}"
