"""Page structure that axe-core does not fully check, read from the built HTML of every page of
the sample site: one h1, headings without skipped levels, landmarks, data tables with header
cells and a name, no nested <article>, the page's language and search counts announced."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import lxml.html
import pytest

CONTENT = "//*[contains(@class, 'md-content')]"


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(path)).getroot()


def name(site: Path, page: Path) -> str:
    return str(page.relative_to(site))


def test_every_page_has_one_h1_and_headings_in_order(sample_site: Path) -> None:
    problems = []
    for page in pages(sample_site):
        tree = parse(page)
        levels = [int(h.tag[1]) for h in tree.xpath(f"{CONTENT}//*[self::h1 or self::h2 or "
                                                    "self::h3 or self::h4 or self::h5 or self::h6]")]
        if tree.xpath("count(//h1)") != 1:
            problems.append(f"{name(sample_site, page)}: {int(tree.xpath('count(//h1)'))} h1")
        if levels and levels[0] != 1:
            problems.append(f"{name(sample_site, page)}: the first heading is h{levels[0]}")
        skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        if skips:
            problems.append(f"{name(sample_site, page)}: h{skips[0][0]} then h{skips[0][1]}")
    assert problems == [], "\n".join(problems[:20])


def test_every_page_has_its_landmarks_and_language(sample_site: Path) -> None:
    problems = []
    for page in pages(sample_site):
        tree = parse(page)
        if tree.get("lang") != "zh":
            problems.append(f"{name(sample_site, page)}: <html lang={tree.get('lang')!r}>")
        for landmark in ("header", "main", "footer"):
            if len(tree.xpath(f"//{landmark}")) < 1:
                problems.append(f"{name(sample_site, page)}: no <{landmark}>")
        if tree.xpath("//article//article"):
            problems.append(f"{name(sample_site, page)}: an <article> inside an <article>")
    assert problems == [], "\n".join(problems[:20])


def table_name(table: lxml.html.HtmlElement) -> str:
    """A table's name: its caption, or the label of the scrolling region that holds it."""
    caption = table.xpath("./caption")
    if caption:
        return caption[0].text_content().strip()
    region = table.xpath("ancestor::*[@role='region'][1]")
    if not region:
        return ""
    if region[0].get("aria-label"):
        return region[0].get("aria-label").strip()
    labelled = region[0].get("aria-labelledby")
    found = table.getroottree().getroot().get_element_by_id(labelled, None) if labelled else None
    return found.text_content().strip() if found is not None else ""


def test_every_table_has_header_cells_and_a_name(sample_site: Path) -> None:
    problems = []
    tables = 0
    for page in pages(sample_site):
        for table in parse(page).xpath(f"{CONTENT}//table"):
            tables += 1
            where = f"{name(sample_site, page)}: table {table.get('class', '')!r}"
            if not table.xpath(".//thead//th | .//tr[1]/th"):
                problems.append(f"{where} has no header row")
            if not table_name(table):
                problems.append(f"{where} has no caption or name")
    assert tables > 0
    assert problems == [], "\n".join(problems[:20])


def test_scrolling_table_regions_are_focusable_and_named(sample_site: Path) -> None:
    wraps = [(page, wrap) for page in pages(sample_site)
             for wrap in parse(page).xpath("//*[contains(@class, 'gs-table-wrap')]")]
    assert wraps
    for page, wrap in wraps:
        assert wrap.get("tabindex") == "0" and wrap.get("role") == "region", name(sample_site, page)
        assert wrap.get("aria-label") or wrap.get("aria-labelledby"), name(sample_site, page)


@pytest.mark.parametrize("page", ["search/index.html"])
def test_search_result_counts_are_announced(sample_site: Path, page: str) -> None:
    count = parse(sample_site / page).get_element_by_id("gs-count")
    assert count.get("aria-live") == "polite" and count.get("role") == "status"


def test_a_body_table_sits_in_its_named_region_and_the_body_stays_html(sample_site: Path) -> None:
    bodies = [(page, body) for page in sorted(sample_site.glob("notices/*/index.html"))
              for body in parse(page).xpath("//section[contains(@class, 'gs-body')]")]
    with_tables = [(page, body) for page, body in bodies if body.xpath(".//table")]
    assert with_tables, "the sample data has a notice whose body holds a table"
    for page, body in bodies:
        assert "<h2>" not in body.text_content() and "<p>" not in body.text_content(), page
    for page, body in with_tables:
        for table in body.xpath(".//table"):
            region = table.getparent()
            assert region.get("role") == "region" and region.get("tabindex") == "0", page
            assert table_name(table) == "公告正文中的表格", page


CJK = re.compile("[\u4e00-\u9fff]")
# Pages whose words are the site owner's (content/, mkdocs.yml), written in the site's language,
# and the home page's title, which is the site name of mkdocs.yml.
OWNER_WRITTEN = ("about", "guide", "rules", "404.html")
OWNER_ELEMENTS = "[not(contains(@class, 'gs-home__title'))]"


def unmarked_chinese(tree: lxml.html.HtmlElement) -> list[str]:
    """Text in the page content with Chinese characters and no lang="zh…" on it or around it."""
    found = []
    for element in tree.xpath(f"{CONTENT}//*[not(self::script or self::style)]{OWNER_ELEMENTS}"):
        texts = [element.text] + [child.tail for child in element]
        if not any(t and CJK.search(t) for t in texts):
            continue
        langs = [a.get("lang") for a in [element, *element.iterancestors()] if a.get("lang")]
        if not (langs and langs[0].startswith("zh")):
            found.append(f"<{element.tag} class={element.get('class')!r}> "
                         f"{next(t for t in texts if t and CJK.search(t)).strip()[:30]}")
    return found


def test_chinese_data_in_english_pages_is_marked_zh(english_sample_site: Path) -> None:
    problems = []
    for page in pages(english_sample_site):
        where = name(english_sample_site, page)
        if where.startswith(OWNER_WRITTEN):
            continue
        problems += [f"{where}: {found}" for found in unmarked_chinese(parse(page))]
    assert problems == [], f"{len(problems)} unmarked:\n" + "\n".join(problems[:30])


# --- the navigation and tabs: our partials (theme/partials/nav*.html, tabs*.html) ---------------

# what theme/partials/nav-item.html does not draw (Material's does)
NAV_FEATURES_NOT_DRAWN = {"navigation.indexes", "navigation.sections", "navigation.prune",
                          "navigation.expand"}


def test_the_site_turns_on_no_navigation_feature_our_nav_partials_do_not_draw() -> None:
    config = (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    features = set(re.findall(r"(?m)^    - (navigation\.[\w.]+|toc\.[\w.]+)$", config))
    assert "navigation.tabs" in features
    assert not features & NAV_FEATURES_NOT_DRAWN


def _slice(page: str, start: str, end: str) -> str:
    """From `start` to the first match of the pattern `end` after it."""
    at = page.index(start)
    found = re.compile(end).search(page, at)
    assert found
    return page[at:found.end()]


def test_the_navigation_and_the_tabs_carry_no_indentation(sample_site: Path) -> None:
    page = (sample_site / "tenders" / "index.html").read_text(encoding="utf-8")
    tabs = _slice(page, '<nav class="md-tabs"', "</nav>")
    # the nav's list of pages (its logo is Material's partials/logo.html)
    nav = _slice(page, '<ul class="md-nav__list"', r"</ul></nav>(?!</li>)")
    assert "<li" in tabs and "<li" in nav
    assert not re.search(r">\s+<", tabs)
    assert not re.search(r"\n\s", nav)


def test_the_tabs_and_the_navigation_name_the_same_pages(sample_site: Path) -> None:
    """On a page of a section (about.md in 关于): its tab active, its section open, itself current;
    one tab per top-level entry of the nav, linking its page or its section's first page."""
    tree = parse(sample_site / "about" / "index.html")
    tabs = tree.xpath("//nav[@class='md-tabs']//li")
    top = tree.xpath("//nav[contains(@class, 'md-nav--primary')]/ul/li")
    assert len(tabs) == len(top) > 5
    for tab, item in zip(tabs, top, strict=True):
        first = item.xpath("(.//a/@href)[1]")
        assert tab.xpath("a/@href") == first
        assert "".join(tab.xpath("a//text()")).strip() == " ".join(
            item.xpath("string((./a | ./label)[1])").split())
    active = [t for t in tabs if "md-tabs__item--active" in t.get("class")]
    assert [t.xpath("string(a)") for t in active] == [tabs[-1].xpath("string(a)")]
    section = top[-1]
    assert "md-nav__item--section" in section.get("class")
    toggle = section.xpath("input")[0]
    assert toggle.get("checked") is not None
    (label,) = section.xpath("label")
    assert section.xpath("nav/@aria-labelledby") == [label.get("id")] == [f"{toggle.get('id')}_label"]
    assert section.xpath("nav/@aria-expanded") == ["true"]
    current = section.xpath(".//a[contains(@class, 'md-nav__link--active')]/@href")
    assert current == ["./"]
    # elsewhere: no tab active, every section closed and reachable from the keyboard
    notice = parse(next((sample_site / "notices").glob("*/index.html")))
    assert not notice.xpath("//li[contains(@class, 'md-tabs__item--active')]")
    closed = notice.xpath("//nav[contains(@class, 'md-nav--primary')]//li[contains(@class, 'md-nav__item--nested')]")
    assert closed and all(li.xpath("input")[0].get("checked") is None for li in closed)
    assert all(li.xpath("label/@tabindex") == ["0"] for li in closed)
