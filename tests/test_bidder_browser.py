"""A bidder's question in a real browser, at desktop and phone sizes: "open 工程建设 tenders in
孝感市, closing soonest first" from the home page in at most three actions (a click, a select
choice or a submit each), answered completely by the search page; and the hand-over from a
listing page (its folded filter form) to the search page. The site is the sample data with a
few more tenders, so that the answer has several rows to order and each filter excludes
something. Expectations come from the data (derive), never from the pages. Screenshots of the
listing's open form go to test-artifacts/listing-filters-{desktop,phone}.png."""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ARTIFACTS, BROWSER_WAIT_MS, REPO, SAMPLE_DATA, SAMPLE_NOW, VALID_TENDER, serve
from test_site_browser import OVERFLOW_JS, VIEWPORTS, device_page

from generator.cli import main
from generator.commands.validate import validate
from generator.config import load_settings
from generator.derive import PublicNotice, Site, derive_site
from generator.words import value_label

pytestmark = pytest.mark.browser

CITY, CATEGORY = "420900", "construction"  # 孝感市, 工程建设
SEARCH_DONE = "() => Number(document.querySelector('#gs-search')?.dataset.searches || 0) > 0"
MAX_ACTIONS = 3

# More tenders, each a year-2026 project: (id's project code, region, category, deadline).
# Two more answers (a county of the city each, one closing before and one after the sample's
# own); one outside the city, one of another category, one already closed.
EXTRA_TENDERS = [
    ("HC-GC-2026-951", "420984", "construction", "2026-12-02 09:30"),
    ("XN-GC-2026-952", "420902", "construction", "2026-12-18 09:30"),
    ("JA-GC-2026-953", "420102", "construction", "2026-12-01 09:30"),
    ("XN-CG-2026-954", "420902", "procurement", "2026-12-03 09:30"),
    ("XC-GC-2026-955", "420921", "construction", "2026-11-25 09:30"),
]


def extra_tender(code: str, region: str, category: str, deadline: str) -> str:
    return (VALID_TENDER.replace("XN-GC-2026-001", code)
            .replace('region: "420902"', f'region: "{region}"')
            .replace("category: construction", f"category: {category}")
            .replace("施工招标公告", f"施工招标公告（{code}）")
            .replace("2026-03-01 09:00", "2026-11-01 09:00")
            .replace("2026-03-25 09:30", deadline))


@pytest.fixture(scope="module")
def bidder_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Site]]:
    root = tmp_path_factory.mktemp("bidder")
    data, out = root / "data", root / "site"
    shutil.copytree(SAMPLE_DATA, data)
    for code, region, category, deadline in EXTRA_TENDERS:
        path = data / "notices" / "2026" / region / f"{code}-ZB.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(extra_tender(code, region, category, deadline), encoding="utf-8")
    assert main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(data),
                 "--out", str(out), "--now", SAMPLE_NOW]) == 0
    settings = load_settings(REPO / "mkdocs.yml")
    site = derive_site(validate(data, settings), datetime.fromisoformat(SAMPLE_NOW), settings.tz)
    with serve(out) as base:
        yield base, site


@dataclass
class Reader:
    """One tab, counting the reader's actions and recording every problem the page reports."""

    page: object
    actions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def watch(self) -> None:
        page = self.page
        page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}"))

    def choose(self, select, label: str) -> None:
        """Pick, in a select, the option that reads `label` (with its count and indentation)."""
        value = select.evaluate(
            """(s, label) => ([...s.options].find(o =>
                 o.textContent.trim().replace(/[（(]\\d+[)）]$/, '').trim() === label) || {}).value""",
            label)
        assert value, f"no option {label!r}"
        select.select_option(value)
        self.actions.append(f"choose {label}")

    def click(self, target, name: str) -> None:
        target.click()
        self.actions.append(f"click {name}")


def answers(page) -> list[str]:
    """The search page's results once it has searched; every one, pressing "load more" and
    "search earlier" while offered (the test of the bidder's question asserts they are not)."""
    page.wait_for_function(SEARCH_DONE, timeout=BROWSER_WAIT_MS)
    while True:
        if page.is_visible("#gs-more"):
            shown = page.locator("#gs-results > li").count()
            page.click("#gs-more")
            page.wait_for_function(
                "n => document.querySelectorAll('#gs-results > li').length > n", arg=shown)
        elif page.is_visible("#gs-earlier"):
            before = int(page.get_attribute("#gs-search", "data-searches") or 0)
            page.click("#gs-earlier")
            page.wait_for_function(
                "n => Number(document.querySelector('#gs-search').dataset.searches) > n", arg=before)
        else:
            break
    return page.eval_on_selector_all("#gs-results > li", "items => items.map(li => li.dataset.id)")


def deadline_order(pn: PublicNotice) -> float:
    """The search's deadline sort: tenders by their deadline, everything else after them."""
    return pn.deadline.timestamp() if pn.type == "tender" and pn.deadline else math.inf


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_open_construction_tenders_of_a_city_soonest_first_in_three_actions(
        browser, bidder_site: tuple[str, Site], device: str) -> None:
    base, site = bidder_site
    expected = sorted((pn for pn in site.in_region(CITY) if pn.type == "tender"
                       and pn.status == "open" and pn.notice.category == CATEGORY),
                      key=lambda pn: (pn.deadline, pn.id))
    assert len(expected) >= 3, "the question has several answers to order"
    context, page = device_page(browser, device)
    reader = Reader(page)
    reader.watch()
    try:
        page.goto(base + "/", wait_until="networkidle")
        form = page.locator("form.gs-filters__form").first
        reader.choose(form.locator("select[name=region]"), site.regions[CITY].name)
        reader.choose(form.locator("select[name=category]"), value_label("zh", "category", CATEGORY))
        reader.click(form.get_by_role("button"), "submit")
        page.wait_for_url("**/search/**")
        page.wait_for_function(SEARCH_DONE, timeout=BROWSER_WAIT_MS)
        complete = not page.is_visible("#gs-more") and not page.is_visible("#gs-earlier")
        found = answers(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"bidder-answer-{device}.png"))
    finally:
        context.close()
    assert len(reader.actions) <= MAX_ACTIONS, reader.actions
    assert complete, "the whole answer is on the first screen of results, no more actions"
    assert found == [pn.id for pn in expected]
    assert reader.problems == []


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_a_listing_hands_over_its_scope_with_the_chosen_filter_and_sort(
        browser, bidder_site: tuple[str, Site], device: str) -> None:
    base, site = bidder_site
    expected = [pn for pn in site.in_region(CITY) if pn.notice.category == CATEGORY]
    context, page = device_page(browser, device)
    reader = Reader(page)
    reader.watch()
    try:
        page.goto(f"{base}/region/{CITY}/", wait_until="networkidle")
        filters = page.locator("details.gs-filters")
        assert not filters.locator("select").first.is_visible(), "folded until asked for"
        reader.click(filters.locator("summary"), "filters")
        reader.choose(filters.locator("select[name=category]"), value_label("zh", "category", CATEGORY))
        sort = filters.locator("select[name=sort]")
        sort.select_option("deadline")
        reader.actions.append("choose sort")
        overflow = page.evaluate(OVERFLOW_JS)
        filters.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"listing-filters-{device}.png"))
        reader.click(filters.get_by_role("button"), "submit")
        page.wait_for_url("**/search/**")
        found = answers(page)
    finally:
        context.close()
    assert overflow == [], overflow
    by_id = {pn.id: pn for pn in expected}
    assert sorted(found) == sorted(by_id), "exactly the listing's notices of that category"
    order = [deadline_order(by_id[notice_id]) for notice_id in found]
    assert order == sorted(order), "soonest deadline first"
    assert reader.problems == []


def test_without_script_the_forms_are_plain_links_to_the_search(
        browser, bidder_site: tuple[str, Site]) -> None:
    """Both forms are GET forms: with JavaScript off, the folded form opens (a <details>) and
    each submits the scope and the choices as the search page's URL."""
    base = bidder_site[0]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(base + "/")
        form = page.locator("form.gs-filters__form").first
        form.locator("select[name=region]").select_option(CITY)
        form.locator("select[name=category]").select_option(CATEGORY)
        form.get_by_role("button").click()
        page.wait_for_url("**/search/**")
        from_home = parse_qs(urlsplit(page.url).query)
        page.goto(f"{base}/region/{CITY}/")
        page.locator("details.gs-filters summary").click()
        page.locator("details.gs-filters select[name=category]").select_option(CATEGORY)
        page.locator("details.gs-filters").get_by_role("button").click()
        page.wait_for_url("**/search/**")
        from_listing = parse_qs(urlsplit(page.url).query)
    finally:
        context.close()
    # A listing holds every year, and so does the search it hands over to (period=all).
    assert from_home == {"type": ["tender"], "status": ["open"], "period": ["all"],
                         "sort": ["deadline"], "region": [CITY], "category": [CATEGORY]}
    assert from_listing == {"region": [CITY], "category": [CATEGORY], "period": ["all"],
                            "sort": ["newest"]}
