"""The sample site in a real browser (Debian chromium through Playwright): home, a listing and
an open tender's page at phone and desktop widths. Each load keeps a full-page screenshot in
test-artifacts/, and must show no console error, no failed request and no horizontal overflow
of the content. The browser's clock is the build's "now", so the countdown is exact."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest
from conftest import ARTIFACTS, SAMPLE_NOW

pytestmark = pytest.mark.browser

NOW = datetime.fromisoformat(SAMPLE_NOW)
VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}

# Elements of the content that stick out to the right of the viewport, unless a scrolling
# box (a wide table's wrapper, a code block) holds them.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") return true;
    }
    return false;
  };
  return [...document.querySelectorAll(".md-content *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .slice(0, 10)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} → `
      + `${Math.round(el.getBoundingClientRect().right)}px`);
}"""


def open_tender_path(site: Path) -> str:
    """The open tender with the longest project timeline (the richest page), as a site path."""
    tree = lxml.html.parse(str(site / "open" / "index.html")).getroot()
    ids = [h.rstrip("/").rsplit("/", 1)[-1]
           for h in tree.xpath("//li[contains(@class,'gs-entry')]/a/@href")]
    assert ids, "the sample site has no open tender"

    def timeline_length(notice_id: str) -> int:
        page = lxml.html.parse(str(site / "notices" / notice_id / "index.html")).getroot()
        return len(page.xpath("//ol[contains(@class,'gs-timeline')]/li"))

    return f"/notices/{max(ids, key=timeline_length)}/"


def amended_tender_path(site: Path) -> str:
    """The tender with the most amendments in its banner, as a site path."""
    def amendments(page: Path) -> int:
        tree = lxml.html.parse(str(page)).getroot()
        return len(tree.xpath("//section[contains(@class,'gs-amended')]//ol/li"))

    pages = sorted((site / "notices").glob("*/index.html"))
    best = max(pages, key=amendments)
    assert amendments(best), "the sample site has no amended tender"
    return f"/notices/{best.parent.name}/"


def result_table_path(site: Path, kind: str) -> str:
    """The notice whose result table (gs-candidates, gs-winners) has the longest text: the
    hardest to fit on a phone."""
    def length(page: Path) -> int:
        tree = lxml.html.parse(str(page)).getroot()
        return len(tree.xpath(f"string(//table[contains(@class,'{kind}')]/tbody)"))

    best = max(sorted((site / "notices").glob("*/index.html")), key=length)
    assert length(best), f"the sample site has no {kind} table"
    return f"/notices/{best.parent.name}/"


@dataclass
class Visit:
    url: str
    screenshot: Path
    problems: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    countdown: str | None = None
    deadline: str | None = None


def device_page(browser, device: str):
    """A page in a fresh context sized as `device` (phone or desktop), its clock at NOW."""
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, locale="zh-CN",
                                  is_mobile=device == "phone", has_touch=device == "phone")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    return context, page


def visit(browser, base_url: str, path: str, name: str, device: str) -> Visit:
    context, page = device_page(browser, device)
    seen = Visit(base_url + path, ARTIFACTS / f"{name}-{device}.png")
    page.on("console", lambda m: m.type == "error" and seen.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: seen.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: seen.problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and seen.problems.append(f"{r.status}: {r.url}"))
    try:
        response = page.goto(seen.url, wait_until="networkidle")
        assert response is not None and response.ok, seen.url
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(seen.screenshot), full_page=True)
        seen.overflow = page.evaluate(OVERFLOW_JS)
        countdown = page.locator(".gs-countdown")
        if countdown.count():
            seen.countdown = page.locator(".gs-countdown__value").first.inner_text()
            seen.deadline = countdown.first.get_attribute("data-deadline")
    finally:
        context.close()
    return seen


@pytest.fixture(scope="module")
def visits(browser, site_server: str, sample_site: Path) -> Iterator[dict[tuple[str, str], Visit]]:
    paths = {"home": "/", "listing": "/tenders/", "archive": "/tenders/page/1/",
             "notice": open_tender_path(sample_site),
             "amended-tender": amended_tender_path(sample_site),
             "result-table": result_table_path(sample_site, "gs-candidates")}
    yield {
        (name, device): visit(browser, site_server, path, name, device)
        for name, path in paths.items()
        for device in VIEWPORTS
    }


CASES = [(name, device)
         for name in ("home", "listing", "archive", "notice", "amended-tender", "result-table")
         for device in VIEWPORTS]


@pytest.mark.parametrize("name, device", CASES)
def test_page_loads_without_errors_and_is_kept_as_a_screenshot(
    visits: dict[tuple[str, str], Visit], name: str, device: str
) -> None:
    seen = visits[(name, device)]
    assert not seen.problems, f"{seen.url} at {device} width:\n" + "\n".join(seen.problems)
    assert seen.screenshot.is_file() and seen.screenshot.stat().st_size > 10_000


@pytest.mark.parametrize("name, device", CASES)
def test_content_fits_the_width(
    visits: dict[tuple[str, str], Visit], name: str, device: str
) -> None:
    seen = visits[(name, device)]
    assert not seen.overflow, f"{seen.url} overflows at {device} width: {seen.overflow}"


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_the_countdown_on_an_open_tender_shows_time_left(
    visits: dict[tuple[str, str], Visit], device: str
) -> None:
    seen = visits[("notice", device)]
    assert seen.deadline is not None, "an open tender's page must have a countdown"
    left = datetime.fromisoformat(seen.deadline) - NOW
    minutes = int(left.total_seconds() // 60)
    assert minutes > 0
    expected = f"{minutes // 1440} 天 {minutes % 1440 // 60} 小时 {minutes % 60} 分钟"
    assert seen.countdown == expected


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_the_pager_goes_older_and_jumps_to_a_page(browser, site_server: str, device: str) -> None:
    """From a listing's first page: "更早 ›" to the archive, then the go-to-page box (shown
    by the script) to page 1, the oldest, whose pager offers the way back to the newest."""
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                  is_mobile=device == "phone", has_touch=device == "phone")
    page = context.new_page()
    try:
        page.goto(f"{site_server}/tenders/", wait_until="networkidle")
        page.get_by_role("link", name="更早 ›").click()
        page.wait_for_load_state("networkidle")
        older = page.url
        assert "/tenders/page/" in older
        box = page.locator("form.gs-pager__jump")
        assert box.is_visible()
        box.locator("input").fill("1")
        box.get_by_role("button").click()
        page.wait_for_url(f"{site_server}/tenders/page/1/")
        assert page.locator(".gs-pager [aria-current]").inner_text() == "1"
        page.get_by_role("link", name="最新").click()
        page.wait_for_url(f"{site_server}/tenders/")
    finally:
        context.close()


# --- result tables on a phone -------------------------------------------------------------------

# What makes a result table hard to read, measured on its laid-out text (the cells' own text,
# not the labels a phone shows beside it): the table needs a sideways scroll, a cell's text
# spills out of the cell or the viewport, a text that wraps has no line as wide as 4 characters
# (1 em each: "湖北楚/天路桥/建设有"), or two cells' texts on one line stand less than half a
# character apart ("有限公司91420100MA48RE2JC684,126,350.27").
TABLE_JS = """(table) => {
  const problems = [];
  const wrap = table.closest(".gs-table-wrap") || table.parentElement;
  if (wrap.scrollWidth > wrap.clientWidth + 1)
    problems.push(`scrolls sideways: ${wrap.scrollWidth}px in ${wrap.clientWidth}px`);
  const viewport = document.documentElement.clientWidth;
  const textLines = (cell) => {
    const lines = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width < 1) continue;
        const line = lines.find((l) => r.top < l.bottom - 1 && r.bottom > l.top + 1);
        if (line) {
          line.left = Math.min(line.left, r.left); line.right = Math.max(line.right, r.right);
        } else {
          lines.push({top: r.top, bottom: r.bottom, left: r.left, right: r.right});
        }
      }
    }
    return lines;
  };
  for (const row of table.tBodies[0].rows) {
    const texts = [];
    for (const cell of row.cells) {
      const em = parseFloat(getComputedStyle(cell).fontSize);
      const box = cell.getBoundingClientRect();
      const lines = textLines(cell);
      const name = `"${cell.textContent.trim()}"`;
      if (box.right > viewport + 1) problems.push(`${name} ends at ${box.right}px`);
      if (lines.some((l) => l.right > box.right + 1 || l.left < box.left - 1))
        problems.push(`${name} spills out of its cell`);
      const widest = Math.max(...lines.map((l) => l.right - l.left));
      if (lines.length > 1 && widest < 4 * em)
        problems.push(`${name} wraps in ${lines.length} lines of at most ${(widest / em).toFixed(1)} em`);
      texts.push(...lines.map((l) => ({...l, name, em})));
    }
    for (const a of texts) for (const b of texts) {
      const sameLine = a.top < b.bottom - 1 && b.top < a.bottom - 1;
      const gap = b.left - a.right;
      if (a.name !== b.name && sameLine && a.right <= b.left + 1 && gap < a.em / 2)
        problems.push(`${a.name} and ${b.name} are ${gap.toFixed(1)}px apart`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("kind", ["gs-candidates", "gs-winners"])
@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_result_tables_read_well(browser, site_server: str, sample_site: Path, kind: str,
                                 device: str) -> None:
    context, page = device_page(browser, device)
    path = result_table_path(sample_site, kind)
    try:
        page.goto(site_server + path, wait_until="networkidle")
        table = page.locator(f"table.{kind}")
        ARTIFACTS.mkdir(exist_ok=True)
        table.screenshot(path=str(ARTIFACTS / f"result-table-{kind.removeprefix('gs-')}-{device}.png"))
        problems = table.evaluate(TABLE_JS)
        # stacked on a phone, it is still a table to a screen reader, cell by cell
        cells = table.get_by_role("cell").count()
        assert cells and cells == table.locator("td").count()
    finally:
        context.close()
    assert problems == [], f"{path} at {device} width:\n" + "\n".join(problems)


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_an_amended_tender_warns_on_its_first_screen(browser, site_server: str,
                                                      sample_site: Path, device: str) -> None:
    """The banner's heading and its current deadline are seen without scrolling (they were
    ~3,700 px down on a phone, at the end of the page); kept as a screenshot of that screen."""
    context, page = device_page(browser, device)
    try:
        page.goto(site_server + amended_tender_path(sample_site), wait_until="networkidle")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"amended-tender-first-screen-{device}.png"))
        banner = page.get_by_role("region", name="本公告已变更")
        deadline = banner.locator("dd time").first
        seen = [box["y"] + box["height"] for box in (banner.locator("h2").bounding_box(),
                                                     deadline.bounding_box()) if box]
    finally:
        context.close()
    assert len(seen) == 2 and max(seen) <= VIEWPORTS[device][1], seen


# --- feeds for people ---------------------------------------------------------------------------

SITE_URL = "https://gongshi.example.cn/"
FEED_PAGE = "/feeds/region/420900/construction/"  # 孝感市 · 工程建设: entries, calendar, how-to


def _watched(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    return problems


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_a_feed_page_fits_copies_its_address_and_is_kept_as_a_screenshot(
        browser, site_server: str, device: str) -> None:
    context, page = device_page(browser, device)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    problems = _watched(page)
    try:
        page.goto(site_server + FEED_PAGE, wait_until="networkidle")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"feed-page-{device}.png"), full_page=True)
        overflow = page.evaluate(OVERFLOW_JS)
        rss = page.locator('.gs-url[data-kind="RSS"]').first
        button = rss.get_by_role("button")
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        said = button.inner_text()
    finally:
        context.close()
    assert not problems and not overflow, (problems, overflow)
    assert copied == f"{SITE_URL}feeds/region/420900/construction.xml"
    assert said == "已复制"


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_the_subscribe_picker_shows_the_chosen_feed_in_place(
        browser, site_server: str, device: str) -> None:
    context, page = device_page(browser, device)
    problems = _watched(page)
    try:
        page.goto(site_server + "/subscribe/", wait_until="networkidle")
        assert not page.locator(".gs-picker__browse").is_visible()  # the lists replace the links
        page.get_by_label("地区", exact=True).select_option("420900")
        page.get_by_label("交易类别", exact=True).select_option("construction")
        result = page.locator(".gs-picker__result")
        shown = {kind: result.locator(f'.gs-url[data-kind="{kind}"] code').inner_text()
                 for kind in ("RSS", "Atom", "iCal")}
        copy = result.locator('.gs-url[data-kind="RSS"] button').get_attribute("data-copy")
        title = result.locator(".gs-picker__title").inner_text()
        query = page.evaluate("location.search")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"subscribe-picker-{device}.png"))
        # a region with no notice of a category: it says so and offers the region's feed
        empty = page.evaluate("""() => [...document.querySelectorAll('#gs-pick-region option')]
            .find(o => o.value && !(o.dataset.categories || '').includes('mining')).value""")
        page.get_by_label("地区", exact=True).select_option(empty)
        page.get_by_label("交易类别", exact=True).select_option("mining")
        missing = result.locator(".gs-picker__none").is_visible()
        fallback = result.locator('.gs-url[data-kind="RSS"] code').inner_text()
        # the choice survives a reload (it is in the address), and its page link works
        page.goto(f"{site_server}/subscribe/?region=420900&category=construction",
                  wait_until="networkidle")
        page.locator(".gs-picker__page").click()
        page.wait_for_url(f"{site_server}{FEED_PAGE}")
        landed = page.locator("h1").inner_text()
    finally:
        context.close()
    assert not problems, problems
    assert shown == {"RSS": f"{SITE_URL}feeds/region/420900/construction.xml",
                     "Atom": f"{SITE_URL}feeds/region/420900/construction.atom",
                     "iCal": f"{SITE_URL}calendar/region/420900/construction.ics"}
    assert copy == shown["RSS"] and title == "孝感市 · 工程建设"
    assert query == "?region=420900&category=construction"
    assert missing and fallback == f"{SITE_URL}feeds/region/{empty}.xml"
    assert "孝感市" in landed and "工程建设" in landed
