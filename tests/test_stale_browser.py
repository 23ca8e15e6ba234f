"""A stale site says so, in a real browser (Debian chromium through Playwright): the sample site
built as of SAMPLE_NOW, visited with the visitor's clock just inside and just past the
configured threshold (`extra.gongshi.stale_after_hours`), at desktop and phone widths. Fresh,
the status region stays empty and takes no room; stale, it says in the page's language when the
site was built. Screenshots go to test-artifacts/."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from conftest import ARTIFACTS, REPO, SAMPLE_NOW

from generator.config import load_settings
from generator.words import SITE

pytestmark = pytest.mark.browser

NOW = datetime.fromisoformat(SAMPLE_NOW)
THRESHOLD = timedelta(hours=load_settings(REPO / "mkdocs.yml").stale_after_hours)
VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}
CLOCKS = {"fresh": NOW + THRESHOLD - timedelta(minutes=1),
          "stale": NOW + THRESHOLD + timedelta(minutes=1)}
PAGES = {"home": "/", "notice": "/notices/XG-GC-2026-088-ZB/"}


def expected_notice() -> str:
    """The label with the build's time as the site shows times, and the configured hours."""
    return (SITE.words("zh")["stale_notice"].replace("{built}", NOW.strftime("%Y-%m-%d %H:%M"))
            .replace("{hours}", str(int(THRESHOLD.total_seconds() // 3600))))


def visit(browser, base_url: str, path: str, clock: datetime, device: str, name: str) -> dict:
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, locale="zh-CN",
                                  is_mobile=device == "phone", has_touch=device == "phone")
    page = context.new_page()
    page.clock.set_fixed_time(clock)
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    try:
        with page.expect_response(lambda r: r.url.endswith("/build.json")) as stamp:
            page.goto(base_url + path, wait_until="networkidle")
        assert stamp.value.ok
        region = page.get_by_role("status").filter(has=page.locator(".gs-stale__text"))
        if clock > NOW + THRESHOLD:
            region.wait_for(state="visible")
        shot = ARTIFACTS / f"stale-{name}-{device}.png"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(shot))
        status = page.locator(".gs-stale")
        return {
            "problems": problems,
            "regions": status.count(),
            "role": status.first.get_attribute("role"),
            "text": status.first.inner_text().strip(),
            "height": status.first.bounding_box()["height"],
            "visible_text": page.locator(".gs-stale__text").is_visible()
            if page.locator(".gs-stale__text").count() else False,
            "lang": page.locator("html").get_attribute("lang"),
            "shot": shot,
        }
    finally:
        context.close()


CASES = [(state, page, device) for state in CLOCKS for page in PAGES for device in VIEWPORTS]


@pytest.mark.parametrize("state, name, device", CASES)
def test_the_page_says_whether_its_data_may_be_out_of_date(
    browser, site_server: str, state: str, name: str, device: str
) -> None:
    seen = visit(browser, site_server, PAGES[name], CLOCKS[state], device, f"{state}-{name}")
    assert not seen["problems"], seen["problems"]
    assert seen["regions"] == 1 and seen["role"] == "status"
    assert seen["shot"].is_file()
    if state == "fresh":
        assert seen["text"] == "" and seen["height"] == 0 and not seen["visible_text"]
    else:
        assert seen["lang"].startswith("zh")
        assert seen["visible_text"] and seen["text"] == expected_notice()
        assert seen["height"] > 0
