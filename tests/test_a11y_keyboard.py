"""Keyboard use (WCAG 2.1 AA 2.1.1, 2.4.1, 2.4.7, 1.4.11) in a real browser on the sample site:
the bidder's task done with keys alone, a skip link in both languages, Escape closing what the
keyboard opened, and a visible focus ring on every control of the key pages. Only
page.keyboard moves focus here: no clicks, no element.focus()."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ARTIFACTS, BROWSER_WAIT_MS, REPO, SAMPLE_DATA, SAMPLE_NOW, serve

from generator.commands.validate import validate
from generator.config import load_settings
from generator.derive import Site, derive_site

pytestmark = pytest.mark.browser

NOW = datetime.fromisoformat(SAMPLE_NOW)
CITY = "420900"  # 孝感市
DESKTOP, PHONE = (1366, 900), (390, 844)
MAX_TABS = 600

# What the focused element looks like, and what lies around it.
FOCUS_STYLE_JS = """(el) => {
  const s = getComputedStyle(el);
  // The ring is drawn outside the element: against its parent's background, the layers from
  // there up laid over white from the root down (alpha blended).
  const layers = [];
  for (let p = el.parentElement; p; p = p.parentElement) {
    const c = getComputedStyle(p).backgroundColor.match(/[\\d.]+/g).map(Number);
    layers.push(c);
    if (c.length < 4 || c[3] === 1) break;
  }
  let rgb = [255, 255, 255];
  for (const c of layers.reverse()) {
    const a = c.length < 4 ? 1 : c[3];
    rgb = rgb.map((v, i) => v * (1 - a) + c[i] * a);
  }
  const bg = `rgb(${rgb.map(Math.round).join(", ")})`;
  return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
          shadow: s.boxShadow, background: bg};
}"""

DESCRIBE_JS = """(el) => `${el.tagName.toLowerCase()}.${el.className} ` +
  `${el.getAttribute('href') || el.getAttribute('name') || ''} «${(el.innerText || '').trim().slice(0, 30)}»`"""


# What has focus, read at once: whether it is the body, its description and its style; the
# element is kept to read its style again once focus has left it.
SNAPSHOT_JS = f"""() => {{
  const el = document.activeElement;
  window.gsLastFocused = el;
  return {{body: el === document.body, name: ({DESCRIBE_JS})(el), style: ({FOCUS_STYLE_JS})(el)}};
}}"""


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+(?:\.\d+)?", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def site() -> Site:
    settings = load_settings(REPO / "mkdocs.yml")
    return derive_site(validate(SAMPLE_DATA, settings), NOW, settings.tz)


@pytest.fixture
def tab_factory(browser) -> Iterator:
    contexts = []

    def open_tab(url: str, size: tuple[int, int] = DESKTOP):
        phone = size == PHONE
        context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                      locale="zh-CN", is_mobile=phone, has_touch=phone)
        contexts.append(context)
        page = context.new_page()
        page.clock.set_fixed_time(NOW)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.errors = errors  # type: ignore[attr-defined]
        page.goto(url, wait_until="networkidle")
        return page

    yield open_tab
    for context in contexts:
        context.close()


def active(page, js: str):
    return page.evaluate(f"() => {{ const el = document.activeElement; return ({js})(el); }}")


def tab_to(page, matches: str, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the focused element satisfies the JS predicate `matches`."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if active(page, matches):
            return
    raise AssertionError(f"{matches} never received focus by {key}")


def searches(page) -> int:
    return int(page.get_attribute("#gs-search", "data-searches") or 0)


def wait_search(page, before: int) -> None:
    page.wait_for_function(
        "n => Number(document.querySelector('#gs-search').dataset.searches || 0) > n",
        arg=before, timeout=BROWSER_WAIT_MS)


def press_and_wait(page, key: str) -> None:
    before = searches(page)
    page.keyboard.press(key)
    wait_search(page, before)


# --- the bidder's task ------------------------------------------------------------------------

def test_open_construction_tenders_of_a_city_closing_soonest_by_keyboard_alone(
        tab_factory, site_server: str, site: Site) -> None:
    page = tab_factory(f"{site_server}/")
    tab_to(page, "el => el.matches('.md-tabs a[href$=\"search/\"]')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_server}/search/")
    wait_search(page, 0)

    tab_to(page, "el => el.name === 'type' && el.value === 'tender'")  # not its amendments
    press_and_wait(page, "Space")
    tab_to(page, "el => el.name === 'category' && el.value === 'construction'")
    press_and_wait(page, "Space")
    tab_to(page, "el => el.name === 'status' && el.value === 'open'")
    press_and_wait(page, "Space")
    tab_to(page, "el => el.name === 'region'")  # the group's checked radio: 全部地区
    for _ in range(60):  # arrow keys walk the region radios, each choice a search
        if active(page, "el => el.value") == CITY:
            break
        press_and_wait(page, "ArrowDown")
    assert active(page, "el => el.value") == CITY
    tab_to(page, "el => el.id === 'gs-sort'", key="Shift+Tab")
    for _ in range(5):
        if active(page, "el => el.value") == "deadline":
            break
        press_and_wait(page, "ArrowDown")
    assert active(page, "el => el.value") == "deadline"
    while page.is_visible("#gs-more") or page.is_visible("#gs-earlier"):
        tab_to(page, "el => el.id === 'gs-more' || el.id === 'gs-earlier'")
        press_and_wait(page, "Enter")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "a11y-keyboard-task.png"), full_page=True)
    shown = page.eval_on_selector_all("#gs-results > li", "items => items.map(li => li.dataset.id)")
    in_city = {pn.id for pn in site.in_region(CITY)}
    expected = sorted((pn for pn in site.notices
                       if pn.id in in_city and pn.type == "tender" and pn.status == "open"
                       and getattr(pn.notice, "category", None) == "construction"),
                      key=lambda pn: pn.deadline)
    assert expected, "the sample data must have open construction tenders in the city"
    assert shown == [pn.id for pn in expected]
    assert "category=construction" in page.url and f"region={CITY}" in page.url
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_pager_jump_box_works_by_keyboard(tab_factory, site_server: str) -> None:
    page = tab_factory(f"{site_server}/tenders/")
    tab_to(page, "el => el.name === 'page'")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_server}/tenders/page/1/")


def test_a_copy_button_works_by_keyboard(tab_factory, site_server: str) -> None:
    page = tab_factory(f"{site_server}/subscribe/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab_to(page, "el => el.classList.contains('gs-copy')")
    copied = active(page, "el => el.dataset.copy")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('gs-copy--done')")
    assert page.evaluate("() => navigator.clipboard.readText()") == copied
    tab_to(page, "el => el.classList.contains('gs-copy')")
    page.keyboard.press("Space")
    page.wait_for_function("() => document.activeElement.classList.contains('gs-copy--done')")


# --- Escape, the drawer and the filter panel ----------------------------------------------------

def test_the_phone_menu_opens_by_keyboard_and_escape_closes_it(tab_factory, site_server) -> None:
    page = tab_factory(f"{site_server}/", PHONE)
    tab_to(page, "el => el.hasAttribute('data-gs-drawer-button')")
    assert active(page, "el => el.getAttribute('aria-expanded')") == "false"
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer")
    page.wait_for_function(
        "() => document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Tab")
    assert active(page, "el => el.closest('.md-sidebar--primary') !== null")
    page.screenshot(path=str(ARTIFACTS / "a11y-drawer-open-phone.png"))
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert active(page, "el => el.hasAttribute('data-gs-drawer-button')")
    assert active(page, "el => el.getAttribute('aria-expanded')") == "false"
    page.keyboard.press("Space")
    assert page.is_checked("#__drawer")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")


def test_the_closed_drawer_takes_no_focus_on_a_phone(tab_factory, site_server) -> None:
    """Every control Tab reaches on a phone is on screen: the closed drawer's links are not."""
    page = tab_factory(f"{site_server}/", PHONE)
    off_screen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        box = active(page, "el => { const r = el.getBoundingClientRect(); "
                           "return [r.left, r.right, r.width, r.height]; }")
        if box[1] <= 0 or box[0] >= PHONE[0] or box[2] == 0 or box[3] == 0:
            off_screen.append(active(page, DESCRIBE_JS))
    assert off_screen == []


def test_escape_folds_the_search_filters_on_a_phone(tab_factory, site_server) -> None:
    page = tab_factory(f"{site_server}/search/", PHONE)
    wait_search(page, 0)
    assert page.get_attribute("#gs-filters-toggle", "aria-expanded") == "false"
    tab_to(page, "el => el.id === 'gs-filters-toggle'")
    page.keyboard.press("Enter")
    assert page.get_attribute("#gs-filters-toggle", "aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert active(page, "el => el.closest('#gs-facets') !== null")
    page.keyboard.press("Escape")
    assert page.get_attribute("#gs-filters-toggle", "aria-expanded") == "false"
    assert page.is_hidden("#gs-facets")
    assert active(page, "el => el.id") == "gs-filters-toggle"


# --- skip link ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def english_server(english_sample_site: Path) -> Iterator[str]:
    with serve(english_sample_site) as base:
        yield base


SKIP_PAGES = ["/", "/tenders/", "/search/", "/about/"]


@pytest.mark.parametrize("language, words", [("zh", "跳到正文"), ("en", "Skip to content")])
@pytest.mark.parametrize("path", SKIP_PAGES)
def test_the_skip_link_comes_first_shows_on_focus_and_skips(
        request, tab_factory, language: str, words: str, path: str) -> None:
    base = request.getfixturevalue("site_server" if language == "zh" else "english_server")
    page = tab_factory(base + path)
    page.keyboard.press("Tab")
    assert active(page, "el => el.innerText.trim()") == words
    box = active(page, "el => { const r = el.getBoundingClientRect(); "
                       "return [r.top, r.left, r.width, r.height]; }")
    assert box[0] >= 0 and box[1] >= 0 and box[2] > 20 and box[3] > 10, box
    page.screenshot(path=str(ARTIFACTS / f"a11y-skip-{language}.png"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("#gs-content$"))
    page.keyboard.press("Tab")
    assert active(page, "el => el.closest('#gs-content') !== null"), active(page, DESCRIBE_JS)


# --- a visible focus ring on every control -------------------------------------------------------

FOCUS_PAGES = ["/", "/tenders/", "/search/", "/subscribe/", "/downloads/", "notice"]


def first_notice_with_attachments(sample_site: Path) -> str:
    for page in sorted((sample_site / "notices").glob("*/index.html")):
        if 'class="gs-attachments"' in page.read_text(encoding="utf-8"):
            return f"/notices/{page.parent.name}/"
    raise AssertionError("no notice with attachments in the sample site")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", FOCUS_PAGES)
def test_every_control_shows_a_focus_ring(tab_factory, site_server: str, sample_site: Path,
                                          path: str, size: tuple[int, int]) -> None:
    if path == "notice":
        path = first_notice_with_attachments(sample_site)
    page = tab_factory(site_server + path, size)
    if path == "/search/":
        wait_search(page, 0)
    seen: list[str] = []
    faults: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        # One read of what has focus: Tab past the last control hands focus to the browser a
        # moment later, so two reads could see a control and then the body.
        now_focused = page.evaluate(SNAPSHOT_JS)
        if now_focused["body"]:
            break
        name, focused = now_focused["name"], now_focused["style"]
        if seen and name == seen[0]:
            break  # round the page once
        seen.append(name)
        page.keyboard.press("Shift+Tab")  # focus leaves it: its style without focus
        unfocused = page.evaluate(f"() => ({FOCUS_STYLE_JS})(window.gsLastFocused)")
        page.keyboard.press("Tab")
        if focused["outline"] == unfocused["outline"] and focused["shadow"] == unfocused["shadow"]:
            faults.append(f"{name}: no change on focus")
        elif focused["style"] in ("none", "hidden") or focused["width"] < 2:
            faults.append(f"{name}: outline {focused['outline']}")
        elif contrast(focused["color"], focused["background"]) < 3:
            faults.append(f"{name}: {focused['color']} on {focused['background']}")
    assert len(seen) > 3
    assert faults == [], "\n".join(faults)
