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


@dataclass
class Visit:
    url: str
    screenshot: Path
    problems: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    countdown: str | None = None
    deadline: str | None = None


def visit(browser, base_url: str, path: str, name: str, device: str) -> Visit:
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, locale="zh-CN",
                                  is_mobile=device == "phone", has_touch=device == "phone")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
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
             "notice": open_tender_path(sample_site)}
    yield {
        (name, device): visit(browser, site_server, path, name, device)
        for name, path in paths.items()
        for device in VIEWPORTS
    }


CASES = [(name, device) for name in ("home", "listing", "archive", "notice")
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
