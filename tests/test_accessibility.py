"""WCAG 2.1 AA, checked by axe-core (tests/vendor/axe-core/) in Debian's chromium on every page
type of the sample site, at desktop and phone widths, in Chinese and in English. Any violation
of the WCAG 2.0/2.1 A and AA rules, of any impact, fails; the message names the rule, the page
and the element. Each page's result is also kept as JSON in test-artifacts/axe/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from conftest import ARTIFACTS, BROWSER_WAIT_MS, REPO, SAMPLE_DATA, SAMPLE_NOW, serve

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
LANGUAGES = ["zh", "en"]
SEARCH_DONE = "() => Number(document.querySelector('#gs-search').dataset.searches || 0) > 0"


def _first_notice(kind: str, marker: str | None = None) -> str:
    """The id of the first sample notice of a type (and holding `marker`, if given)."""
    for path in sorted(SAMPLE_DATA.glob("notices/**/*.yaml")):
        text = path.read_text(encoding="utf-8")
        if yaml.safe_load(text).get("type") == kind and (marker is None or marker in text):
            return path.stem
    raise AssertionError(f"the sample data has no {kind} notice" + (f" with {marker}" if marker else ""))


def _amended_tender() -> str:
    """The id of a tender that an amendment public as of the build's now has amended (its page
    carries the amended banner)."""
    now = datetime.fromisoformat(SAMPLE_NOW)
    for path in sorted(SAMPLE_DATA.glob("notices/**/*.yaml")):
        notice = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = datetime.fromisoformat(str(notice["published"])).replace(tzinfo=now.tzinfo)
        if notice["type"] == "amendment" and notice.get("changes") and published <= now:
            return notice["amends"]
    raise AssertionError("the sample data has no tender amended as of the build's now")


NOTICES = {
    "tender": _first_notice("tender"),
    "amended-tender": _amended_tender(),
    "withdrawn": _first_notice("tender", "\nwithdrawn:"),
    "amendment": _first_notice("amendment"),
    "termination": _first_notice("termination"),
    "candidates": _first_notice("candidates"),
    "award": _first_notice("award"),
    "penalty": _first_notice("penalty"),
}

# Every page type: name -> site path (search pages are waited for until their search is shown).
PAGES = {
    "home": "/",
    "tenders": "/tenders/",
    "tenders-page-2": "/tenders/page/2/",
    "results": "/results/",
    "results-page-2": "/results/page/2/",
    "penalties": "/penalties/",
    "open": "/open/",
    "category": "/category/construction/",
    "category-page-2": "/category/construction/page/2/",
    "region": "/region/420900/",
    "region-page-2": "/region/420900/page/2/",
    "region-filters": "/region/420900/?filters=open",
    "region-tree": "/region/",
    **{f"notice-{kind}": f"/notices/{notice_id}/" for kind, notice_id in NOTICES.items()},
    "search": "/search/",
    "search-results": "/search/?q=道路",
    "search-none": "/search/?q=qqxyzzy",
    "search-filters": "/search/?q=工程&status=open&region=420900&filters=open",
    "search-help": "/search/?q=孝感市政府采购&type=tender&status=open&min=1000000",
    "entity": "/entities/91420100MA48RE2JC6/",  # candidate, winner, penalised, a ban in force
    "search-entity": "/search/?q=楚天路桥",  # an organisation found above the notices
    "subscribe": "/subscribe/",
    "subscribe-picked": "/subscribe/?region=420900&category=construction",
    "feeds": "/feeds/",
    "feed-region": "/feeds/region/420900/",
    "feed-region-category": "/feeds/region/420900/construction/",
    "feed-all": "/feeds/all/",
    "downloads": "/downloads/",
    "flags": "/flags/",
    "flags-filtered": "/flags/?flag=repeat-winner&region=420900",
    "flags-notice": "/notices/XG-CG-2026-120-JG/",
    "stats": "/stats/",
    "stats-region": "/stats/region/420900/",
    "stats-performance": "/stats/performance/",
    "about": "/about/",
    "removals": "/removals/",
    "guide-reading": "/guide/reading/",
    "rules": "/rules/",
    "guide-editor": "/guide/editor/",
    "404": "/404.html",
}


@pytest.fixture(scope="session")
def english_server(english_sample_site: Path) -> Iterator[str]:
    with serve(english_sample_site) as base:
        yield base


@pytest.fixture(scope="module")
def tabs(browser, site_server: str, english_server: str) -> Iterator[dict]:
    """One tab per language and width, with axe loaded into every page it opens."""
    bases = {"zh": site_server, "en": english_server}
    contexts, pages = [], {}
    for language in LANGUAGES:
        for name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height},
                                          locale="zh-CN" if language == "zh" else "en-US")
            context.add_init_script(path=str(AXE))
            page = context.new_page()
            contexts.append(context)
            pages[(language, name)] = (page, bases[language])
    yield pages
    for context in contexts:
        context.close()


def open_page(page, url: str) -> None:
    page.goto(url)
    if "filters=open" in url and "/search/" not in url:  # a listing's folded filter form
        page.locator("details.gs-filters > summary").click()
    if "/search/" in url:
        page.wait_for_function(SEARCH_DONE, timeout=BROWSER_WAIT_MS)
        if "filters=open" in url:
            toggle = page.locator("#gs-filters-toggle")
            if toggle.get_attribute("aria-expanded") != "true":
                toggle.click()


def run_axe(page) -> list[dict]:
    """The violations axe finds in the page, each with its rule, impact and elements."""
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})""",
        WCAG_TAGS)
    return [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [" ".join(map(str, node["target"])) for node in v["nodes"]]}
            for v in result["violations"]]


def describe(violations: list[dict], where: str) -> str:
    lines = []
    for v in violations:
        shown = ", ".join(v["targets"][:5]) + (" …" if len(v["targets"]) > 5 else "")
        lines.append(f"{v['rule']} ({v['impact']}, {len(v['targets'])} element(s)) on {where}: "
                     f"{v['help']} — {shown}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violation(tabs: dict, name: str, language: str, viewport: str) -> None:
    page, base = tabs[(language, viewport)]
    path = PAGES[name]
    open_page(page, base + path)
    violations = run_axe(page)
    record = ARTIFACTS / "axe" / f"{language}-{viewport}-{name}.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8")
    assert violations == [], "\n" + describe(violations, f"{path} ({language}, {viewport})")
