"""The statistics pages in a browser (the sample site): the performance table sorts by a column
with counties kept below their city, and screenshots of a region's statistics and of the
performance table at desktop width and at 390 px (test-artifacts/), without sideways scroll."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

ROWS_JS = """() => [...document.querySelectorAll('.gs-performance-table tbody tr')].map(r =>
  [r.dataset.code, r.dataset.level, r.dataset.group,
   r.cells[1].dataset.value === '' ? null : Number(r.cells[1].dataset.value)])"""


def test_performance_table_sorts_with_counties_in_their_city(browser, site_server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_server + "/stats/performance/")
        before = page.evaluate(ROWS_JS)
        cities_first = [code for code, level, *_ in before if level == "city"]
        assert cities_first == sorted(cities_first)  # without sorting: by code
        page.get_by_role("button", name="按公告数排序").click()
        after = page.evaluate(ROWS_JS)
        header = page.locator(".gs-performance-table thead th").nth(1)
        assert header.get_attribute("aria-sort") == "descending"
    finally:
        page.close()
    assert sorted(after) == sorted(before)  # every row is kept
    cities = [row for row in after if row[1] == "city"]
    assert [row[3] for row in cities] == sorted((row[3] for row in cities), reverse=True)
    for index, row in enumerate(after):
        if row[1] == "county":  # below its own city, after that city's earlier counties
            above = next(r for r in reversed(after[:index]) if r[1] == "city")
            assert above[0] == row[2]
    for city in cities:
        counties = [row[3] for row in after if row[1] == "county" and row[2] == city[0]]
        assert counties == sorted(counties, reverse=True)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name, path", [("stats-region", "/stats/region/420900/"),
                                        ("stats-performance", "/stats/performance/")])
def test_screenshots(browser, site_server: str, name: str, path: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(site_server + path)
        for image in page.locator("figure.gs-chart img").all():  # lazy: load every chart
            image.scroll_into_view_if_needed()
        page.wait_for_function("() => [...document.images].every(i => i.complete)")
        loaded = page.evaluate("() => [...document.querySelectorAll('figure.gs-chart img')]"
                               ".map(i => i.naturalWidth)")
        page.evaluate("() => window.scrollTo(0, 0)")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, "
                              "document.documentElement.clientWidth]")
    finally:
        page.close()
    assert all(w > 0 for w in loaded)  # every chart's SVG was found and drawn
    assert sizes[0] <= sizes[1], sizes
