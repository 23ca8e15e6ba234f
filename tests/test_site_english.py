"""The site with one setting changed, `extra.gongshi.language: en`, is English throughout:
every page (navigation, site name, titles, labels, amounts, the hand-written pages), `<html
lang="en">`, the feeds' and calendars' names, the OPML file and the workbook. Only the notices'
own text stays as published, marked lang="zh" wherever a page shows it among English words."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import ARTIFACTS, REPO, SAMPLE_DATA, SAMPLE_NOW, english_config, serve
from lxml import etree, html

from generator.config import load_settings
from generator.errors import Rule, UsageError
from generator.render.format import show_money, show_short_money
from generator.words import MONEY

CHINESE = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Attributes that hold addresses, codes or the search index's copy of the notice's data.
NOT_WORDS = re.compile(r"^(href|src|action|id|class|for|name|type|rel|datetime|data-(?!message|label).*)$")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def english_site(english_sample_site: Path) -> Path:
    """The sample built with only the language changed (conftest.english_config): the suite's
    one English build."""
    return english_sample_site


def data_texts() -> set[str]:
    """Text of the data, which stays as published: region names, notices' titles, projects and
    organisations."""
    regions = yaml.safe_load((SAMPLE_DATA / "regions.yaml").read_text(encoding="utf-8"))
    texts = {region["name"] for region in regions}
    for path in SAMPLE_DATA.glob("notices/**/*.yaml"):
        notice = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts.add(notice["title"])
        texts.add((notice.get("project") or {}).get("name") or "")
        # organisations' names, which their pages and feeds are named by (issue #15)
        for party in (notice.get("buyer"), notice.get("agency"), notice.get("subject"),
                      *(notice.get("candidates") or []), *(notice.get("winners") or [])):
            texts.add((party or {}).get("name") or "")
    return texts - {""}


def without(text: str, known: Iterable[str]) -> str:
    """`text` with every occurrence of the known data texts taken out, longest first."""
    for piece in sorted(known, key=len, reverse=True):
        text = text.replace(piece, " ")
    return text


def marked_chinese(element: html.HtmlElement) -> bool:
    """Inside an element marked lang="zh…" (the page's own <html lang> aside: it must be en)."""
    return bool(element.xpath("ancestor-or-self::*[@lang][not(self::html)][1][starts-with(@lang, 'zh')]"))


def unmarked_chinese(tree: html.HtmlElement, data: set[str]) -> list[str]:
    """Chinese of a page that is not marked lang="zh…": in text, and in attributes people read
    (title, aria-label, placeholder, alt, meta content, messages a script shows). Attributes and
    <title> cannot be marked: there, data the page shows marked as Chinese is allowed."""
    shown_as_data = data | {" ".join(el.text_content().split())
                            for el in tree.xpath("//*[starts-with(@lang, 'zh')]")}
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        parts = [element.text] + [child.tail for child in element]
        if element.tag == "title":
            parts = [without(" ".join((element.text or "").split()), shown_as_data)]
        elif marked_chinese(element):
            parts = []
        for part in parts:
            if part and CHINESE.search(part):
                found.append(f"<{element.tag} class={element.get('class')!r}> {part.strip()[:40]}")
        for attribute, value in element.attrib.items():
            if NOT_WORDS.match(attribute) or marked_chinese(element):
                continue
            if CHINESE.search(without(value, shown_as_data)):
                found.append(f"<{element.tag} {attribute}> {value[:40]}")
    return found


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def test_every_page_is_english_outside_the_notices_own_text(english_site: Path) -> None:
    data = data_texts()
    problems = []
    pages = list(html_pages(english_site))
    assert len(pages) > 100
    for page in pages:
        where = page.relative_to(english_site).as_posix()
        problems += [f"{where}: {found}" for found in unmarked_chinese(html.parse(str(page)).getroot(), data)]
    assert problems == [], f"{len(problems)} places:\n" + "\n".join(problems[:40])


def test_no_words_of_ours_are_marked_chinese(english_site: Path) -> None:
    """An element marked lang="zh" holds the notices' text: never only English words (a listing
    heading like "Construction", an amount, a label)."""
    found = []
    for page in html_pages(english_site):
        for element in html.parse(str(page)).getroot().xpath("//body//*[starts-with(@lang, 'zh')]"):
            text = " ".join(element.text_content().split())
            if not CHINESE.search(text) and re.search(r"[A-Za-z]{4,}", text):
                found.append(f"{page.relative_to(english_site)}: <{element.tag}> {text[:40]}")
    assert found == [], "\n".join(found[:20])


def test_every_page_says_it_is_english(english_site: Path) -> None:
    langs = {page.relative_to(english_site).as_posix(): html.parse(str(page)).getroot().get("lang")
             for page in html_pages(english_site)}
    assert set(langs.values()) == {"en"}, {page: lang for page, lang in langs.items() if lang != "en"}


def test_the_navigation_and_the_site_name_are_english(english_site: Path) -> None:
    tree = html.parse(str(english_site / "index.html")).getroot()
    tabs = [" ".join(a.text_content().split()) for a in tree.xpath("//nav[contains(@class,'md-tabs')]//a")]
    assert tabs == ["Home", "Tenders", "Results", "Penalties", "By region", "Search", "Subscribe",
                    "Downloads", "Red flags", "Statistics", "About"]
    drawer = [" ".join(s.text_content().split())
              for s in tree.xpath("//nav[contains(@class,'md-nav--primary')]//span[@class='md-ellipsis']")]
    for title in ("About this platform", "How to read a notice", "Rules of the platform", "Editor guide"):
        assert title in drawer
    configured = load_settings(REPO / "mkdocs.yml")
    assert configured.site_name == "公示 · 湖北公共资源交易信息发布"
    english = load_settings(english_config(english_site.parent / "again"))
    name = tree.xpath("string(//h1[@class='gs-home__title'])").strip()
    assert name == english.site_name and not CHINESE.search(name)
    assert tree.xpath("string(//title)").strip() == f"Home - {name}"
    description = tree.xpath("string(//meta[@name='description']/@content)")
    assert description == english.site_description and not CHINESE.search(description)


def test_the_chinese_site_keeps_its_chinese_navigation(sample_site: Path) -> None:
    tree = html.parse(str(sample_site / "index.html")).getroot()
    tabs = [" ".join(a.text_content().split()) for a in tree.xpath("//nav[contains(@class,'md-tabs')]//a")]
    assert tabs == ["首页", "招标公告", "结果公示", "处罚公告", "按地区", "搜索", "订阅", "数据下载", "风险提示", "统计", "关于"]
    assert tree.get("lang") == "zh"
    assert tree.xpath("string(//h1[@class='gs-home__title'])").strip() == "公示 · 湖北公共资源交易信息发布"


# --- amounts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "english", "chinese"), [
    ("850000", "CNY 850,000", "850,000 元（85.00 万元）"),
    ("31580000", "CNY 31.58 million", "31,580,000 元（3,158.00 万元）"),
    ("1200000000", "CNY 1.2 billion", "1,200,000,000 元（120,000.00 万元）"),
    ("1000000", "CNY 1 million", "1,000,000 元（100.00 万元）"),
    ("12800000.50", "CNY 12,800,000.50 (12.8 million)", "12,800,000.50 元（1,280.00 万元）"),
    ("84126350.27", "CNY 84,126,350.27 (84.13 million)", "84,126,350.27 元（8,412.64 万元）"),
    ("999999.99", "CNY 999,999.99", "999,999.99 元（100.00 万元）"),
    ("9800", "CNY 9,800", "9,800 元"),
    ("0.5", "CNY 0.50", "0.50 元"),
])
def test_amounts_in_each_languages_form(amount: str, english: str, chinese: str) -> None:
    """English: a million and more in millions (a billion and more in billions) with up to two
    decimals; when that rounds, the exact amount comes first, the rounded one after it.
    Chinese as before: every amount exact, 10,000 元 and more with 万元 beside it."""
    assert show_money(Decimal(amount), MONEY.in_language("en")) == english
    assert show_money(Decimal(amount), MONEY.in_language("zh")) == chinese


@pytest.mark.parametrize(("amount", "english", "chinese"), [
    ("31580000", "CNY 31.58 million", "3,158.00 万元"),
    ("84126350.27", "CNY 84.13 million", "8,412.64 万元"),
    ("1200000000", "CNY 1.2 billion", "120,000.00 万元"),
    ("850000", "CNY 850,000", "85.00 万元"),
    ("9800.5", "CNY 9,800.50", "9,800.50 元"),
])
def test_a_row_says_an_amount_rounded_in_units(amount: str, english: str, chinese: str) -> None:
    """A listing row has room for the amount in units alone; the notice page gives it exactly."""
    assert show_short_money(Decimal(amount), MONEY.in_language("en")) == english
    assert show_short_money(Decimal(amount), MONEY.in_language("zh")) == chinese


def test_a_notice_page_shows_amounts_in_english(english_site: Path) -> None:
    tree = html.parse(str(english_site / "notices" / "XG-GC-2026-088-ZB" / "index.html")).getroot()
    budget = " ".join(tree.xpath("string(//dd[@class='gs-money'])").split())
    assert re.fullmatch(r"CNY [\d,.]+( million| billion| \([\d.]+ (million|billion)\))?", budget), budget
    awards = [" ".join(td.text_content().split()) for page in english_site.glob("notices/*/index.html")
              for td in html.parse(str(page)).getroot().xpath("//table[contains(@class,'gs-winners')]//td[last()]")]
    assert awards and all(amount.startswith("CNY ") for amount in awards if amount)


# --- hand-written pages --------------------------------------------------------------------------


def article(site: Path, page: str) -> html.HtmlElement:
    return html.parse(str(site / page / "index.html")).getroot().xpath("//article")[0]


@pytest.mark.parametrize("page", ["about", "guide/reading"])
def test_about_and_the_reading_guide_are_written_in_english(english_site: Path, page: str) -> None:
    text = article(english_site, page)
    assert not CHINESE.search(without(text.text_content(), data_texts() | {
        " ".join(el.text_content().split()) for el in text.xpath(".//*[starts-with(@lang, 'zh')]")}))
    assert len(text.text_content()) > 1500


@pytest.mark.parametrize("page", ["rules", "guide/editor"])
def test_chinese_only_pages_open_with_an_english_summary(english_site: Path, page: str) -> None:
    text = article(english_site, page)
    h1 = text.xpath(".//h1")
    assert len(h1) == 1 and not CHINESE.search(h1[0].text_content())
    summary = text.xpath("./p[1]")[0].text_content()
    assert len(summary) > 100 and not CHINESE.search(summary)
    original = text.xpath(".//div[@lang='zh']")
    assert len(original) == 1 and len(original[0].text_content()) > 1500


@pytest.mark.parametrize("page", ["rules", "guide/editor"])
def test_the_original_after_a_summary_reads_as_on_the_chinese_site(english_site: Path, sample_site: Path,
                                                                   page: str) -> None:
    """Headings, tables, lists, code and links of the original are all there, as Markdown."""
    original = article(english_site, page).xpath(".//div[@lang='zh']")[0]
    chinese = article(sample_site, page)
    for kind in ("h2", "h3", "table", "pre", "li", "a[@href]", "code"):
        assert len(original.xpath(f".//{kind}")) == len(chinese.xpath(f".//{kind}")), kind
    assert "```" not in original.text_content() and "{: #" not in original.text_content()


def test_the_editor_guides_anchors_stay_in_the_english_site(english_site: Path, sample_site: Path) -> None:
    """Problems link to /guide/editor/#<rule> in every language: every anchor the guide names
    (`{#workflow}`, `{: #file-type }`) is on the English page too."""
    def named(site: Path) -> set[str]:
        ids = html.parse(str(site / "guide/editor/index.html")).getroot().xpath("//article//@id")
        return {anchor for anchor in ids if not re.fullmatch(r"_\d+", anchor)}  # numbered: untitled in ASCII

    assert {str(rule) for rule in Rule} <= named(sample_site) <= named(english_site)


def test_no_english_page_is_published_beside_its_original(english_site: Path, sample_site: Path) -> None:
    for site in (english_site, sample_site):
        assert not list(site.rglob("*.en")) and not list(site.rglob("*.en/index.html"))
        assert ".en/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_translation_without_its_original_is_refused(tmp_path: Path, make_data, run_cli) -> None:
    config = english_config(tmp_path / "project")
    (tmp_path / "project" / "content" / "guide" / "missing.en.md").write_text("# Missing\n", encoding="utf-8")
    result = run_cli("--config", config, "--lang", "en", "build", "--data", make_data(),
                     "--out", tmp_path / "site", "--now", SAMPLE_NOW)
    assert result.exit_code == 1
    assert "content/guide/missing.en.md translates content/guide/missing.md, which does not exist" in result.err


@pytest.mark.parametrize(("written", "language", "shown"), [
    ("", "en", "en"), ("", "zh", "zh"), ("  language: zh\n", "en", "en"),
    ("  language: zh-Hant\n", "zh", "zh-Hant"), ("  language: en\n", "zh", "zh"),
])
def test_materials_language_follows_the_sites(tmp_path: Path, make_data, run_cli, written: str,
                                              language: str, shown: str) -> None:
    """`<html lang>` and Material's own words are the site's language; a variant of it stays."""
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"theme:\n  name: material\n  custom_dir: theme\n{written}"
                      f"extra:\n  gongshi:\n    language: {language}\n", encoding="utf-8")
    result = run_cli("--config", config, "build", "--data", make_data(), "--out", tmp_path / "site",
                     "--now", SAMPLE_NOW)
    assert result.exit_code == 0, result.err
    assert html.parse(str(tmp_path / "site" / "index.html")).getroot().get("lang") == shown


# --- feeds, calendars, OPML, exports --------------------------------------------------------------


def test_feeds_calendars_and_the_opml_file_are_named_in_english(english_site: Path) -> None:
    data = data_texts()
    said: list[tuple[str, str]] = []
    for feed in sorted((english_site / "feeds").rglob("*.xml")):
        root = etree.parse(str(feed)).getroot()
        if root.tag == "opml":
            said += [(feed.name, root.findtext("head/title") or "")]
            said += [(feed.name, f"{o.get('text')} {o.get('title')}") for o in root.iter("outline")]
        else:
            said += [(feed.name, root.findtext(f"channel/{tag}") or "") for tag in ("title", "description")]
    for feed in sorted((english_site / "feeds").rglob("*.atom")):
        root = etree.parse(str(feed)).getroot()
        said += [(feed.name, root.findtext(f"{ATOM}{tag}") or "") for tag in ("title", "subtitle")]
    for calendar in sorted((english_site / "calendar").rglob("*.ics")):
        # bytes, not read_text: universal newlines would turn the folds' CRLF into LF
        lines = calendar.read_bytes().decode("utf-8").replace("\r\n ", "").splitlines()
        said += [(calendar.name, line) for line in lines if line.startswith(("X-WR-CALNAME", "X-WR-CALDESC"))]
    assert len(said) > 100
    chinese = [f"{where}: {text}" for where, text in said if CHINESE.search(without(text, data))]
    assert chinese == [], "\n".join(chinese[:20])


def test_the_workbook_and_csv_speak_english(english_site: Path) -> None:
    book = openpyxl.load_workbook(english_site / "data" / "2026" / "11" / "notices.xlsx", read_only=True)
    headers = [cell.value for sheet in book.worksheets for cell in next(sheet.iter_rows(max_row=1))]
    properties = book.properties
    words = [*book.sheetnames, *headers, properties.title, properties.creator, properties.subject,
             properties.description]
    assert [word for word in words if word and CHINESE.search(word)] == []
    with (english_site / "data" / "2026" / "11" / "notices.csv").open(encoding="utf-8-sig") as rows:
        assert not CHINESE.search(",".join(next(csv.reader(rows))))


# --- configuration -------------------------------------------------------------------------------


def test_site_name_and_description_are_set_per_language_or_once(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Top\nextra:\n  gongshi:\n    language: en\n"
                      "    site_name: {zh: 公示, en: Notices}\n    site_description: One for all\n",
                      encoding="utf-8")
    settings = load_settings(config)
    assert (settings.site_name, settings.site_description) == ("Notices", "One for all")
    config.write_text("site_name: Top\nsite_description: Below\nextra:\n  gongshi:\n    language: en\n",
                      encoding="utf-8")
    settings = load_settings(config)
    assert (settings.site_name, settings.site_description) == ("Top", "Below")


@pytest.mark.parametrize("written", ["{zh: 公示}", "{zh: 公示, en: ''}", "{zh: 公示, en: X, fr: Y}", "[a, b]"])
def test_a_site_name_missing_a_language_is_refused(tmp_path: Path, written: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nextra:\n  gongshi:\n    site_name: {written}\n", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        load_settings(config)
    said = refused.value.message.in_language("en")
    assert "extra.gongshi.site_name" in said and "zh" in said and "en" in said, said


# --- in a browser ----------------------------------------------------------------------------------

VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}
# Text the reader sees (scripts' too) that has Chinese outside an element marked lang="zh…".
SEEN_CHINESE_JS = r"""() => {
  const chinese = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const owner = node.parentElement;
    if (!chinese.test(node.textContent) || owner.closest("script, style")) continue;
    const marked = owner.closest("[lang]");
    if (marked && marked.lang.startsWith("zh")) continue;
    if (!owner.checkVisibility()) continue;
    found.push(owner.tagName + ": " + node.textContent.trim().slice(0, 40));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def english_server(english_site: Path) -> Iterator[str]:
    with serve(english_site) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_the_english_home_page_in_a_browser(browser, english_server: str, device: str) -> None:
    """Kept as test-artifacts/home-en-<device>.png; what a script writes is English too."""
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                                  locale="en-US", is_mobile=device == "phone", has_touch=device == "phone")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(datetime.fromisoformat(SAMPLE_NOW))  # the build's now: fresh data
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        for path in ("/", "/notices/XG-GC-2026-088-ZB/"):
            page.goto(english_server + path, wait_until="networkidle")
            if path == "/":
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"home-en-{device}.png"), full_page=True)
            assert page.evaluate(SEEN_CHINESE_JS) == [], path
            assert page.evaluate("document.documentElement.lang") == "en"
        countdown = page.locator(".gs-countdown__value").first.inner_text()
        assert re.fullmatch(r"\d+ days? \d+ hours? \d+ minutes?", countdown), countdown
        assert not problems
    finally:
        context.close()


class _Markdown:
    """What engine._page_in reads of a page's file: its Markdown."""

    def __init__(self, text: str) -> None:
        self.content_string = text


def test_a_section_the_summary_translates_keeps_its_anchor_there_only() -> None:
    from generator.engine import _page_in

    summary = _Markdown("---\noriginal: after\n---\n\n# Guide\n\nIn short.\n\n## Importing {#import}\n\nText.\n")
    original = _Markdown("# 指南\n\n## 工作流程 {#workflow}\n\n## 批量导入 {#import}\n\n**`x`** 说明\n"
                         "{: #import-source }\n")
    page = _page_in(summary, original)  # type: ignore[arg-type]
    assert page.count("{#import}") == 1 and page.index("{#import}") < page.index('<div lang="zh"')
    assert "{#workflow}" in page and "{: #import-source }" in page and "## 批量导入\n" in page.replace(" \n", "\n")


def test_the_english_editor_guide_has_the_import_sections_and_every_anchor_once() -> None:
    from collections import Counter

    from generator.engine import ANCHOR, _page_in

    guide = REPO / "content" / "guide"
    english = (guide / "editor.en.md").read_text(encoding="utf-8")
    original = (guide / "editor.md").read_text(encoding="utf-8")
    page = _page_in(_Markdown(english), _Markdown(original))  # type: ignore[arg-type]
    anchors = Counter(ANCHOR.findall(page))
    assert set(anchors) == set(ANCHOR.findall(original)) and set(anchors.values()) == {1}
    summary = page[:page.index('<div lang="zh"')]
    assert "{#import}" in summary and "{#import-ocds}" in summary
    section = summary[summary.index("{#import}"):]
    for words in ("--partial", "--update", "--template all", "import-exists", "procurementMethodDetails",
                  "mainProcurementCategory", "publicity_end", "--region"):
        assert words in section, words
