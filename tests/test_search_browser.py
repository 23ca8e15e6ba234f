"""Search in a real browser (Debian chromium through Playwright) on the built sample site,
served over HTTP on localhost: the last 12 months searched completely by default and every
year in one action, Chinese queries, filters (a city includes its counties), the published and
amount ranges, status, sorting, excerpts, the filters in use as chips, the help when nothing is
found, the phone layout, the URL as the whole state, the header box, and nothing from embargoed
notices or expired penalties. Every page must load without a console error or failed request.
The bytes a query downloads from pagefind/ are written to test-artifacts/search-bytes.json, and
screenshots of the page to test-artifacts/search-*.png."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import lxml.html
import pytest
import yaml
from conftest import ARTIFACTS, BROWSER_WAIT_MS, REPO, SAMPLE_DATA, SAMPLE_NOW, serve

from generator.cli import main
from generator.commands.validate import validate
from generator.config import load_settings
from generator.derive import Site, derive_site
from generator.render.pages import shown_amount
from generator.search import AMOUNT_EDGES, FACT_KEYS, recent_from
from generator.words import SITE

pytestmark = pytest.mark.browser

NOW = datetime.fromisoformat(SAMPLE_NOW)
CITY, OTHER_CITY = "420900", "420100"  # 孝感市, 武汉市
ZERO_WIDTH_SPACE = "\u200b"  # Pagefind marks its word boundaries in indexed text with it
PHONE, DESKTOP = (390, 844), (1366, 900)
LABELS = SITE.words("zh")


@pytest.fixture(scope="module")
def site() -> Site:
    settings = load_settings(REPO / "mkdocs.yml")
    return derive_site(validate(SAMPLE_DATA, settings), NOW, settings.tz)


class SearchPage:
    """One browser tab on the sample site that records every problem it sees."""

    def __init__(self, browser, base_url: str, size: tuple[int, int] = DESKTOP,
                 javascript: bool = True) -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                           locale="zh-CN", java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.page.clock.set_fixed_time(NOW)
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("response",
                     lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}"))

    def open(self, query: str = "") -> None:
        self.page.goto(f"{self.base_url}/search/" + (f"?{query}" if query else ""))
        self.wait(0)

    def searches(self) -> int:
        return int(self.page.get_attribute("#gs-search", "data-searches") or 0)

    def wait(self, done_before: int) -> None:
        """Until a search later than `done_before` has been shown."""
        self.page.wait_for_function(
            "n => Number(document.querySelector('#gs-search').dataset.searches || 0) > n",
            arg=done_before, timeout=BROWSER_WAIT_MS)

    def act(self, action) -> None:
        before = self.searches()
        action()
        self.wait(before)

    def results(self) -> list[dict[str, str]]:
        """Every result, pressing "load more" until all are shown."""
        while self.page.is_visible("#gs-more"):
            shown = self.page.locator("#gs-results > li").count()
            self.page.click("#gs-more")
            self.page.wait_for_function(
                "n => document.querySelectorAll('#gs-results > li').length > n", arg=shown)
        return self.page.eval_on_selector_all(
            "#gs-results > li",
            """items => items.map(li => ({id: li.dataset.id, status: li.dataset.status,
                type: li.dataset.type, title: li.querySelector('.gs-entry__title').textContent,
                href: li.querySelector('.gs-entry__title').href,
                excerpt: (li.querySelector('.gs-result__excerpt') || {}).innerHTML || '',
                excerpt_text: (li.querySelector('.gs-result__excerpt') || {}).textContent || '',
                date: li.querySelector('.gs-entry__date').textContent,
                deadline: (li.querySelector('.gs-entry__deadline') || {}).textContent || ''}))""")

    def ids(self) -> list[str]:
        return [r["id"] for r in self.results()]

    def count_line(self) -> str:
        return self.page.text_content("#gs-count") or ""

    def url_state(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser, site_server) -> Iterator[SearchPage]:
    tab = SearchPage(browser, site_server)
    yield tab
    problems = tab.problems
    tab.close()
    assert problems == [], problems


@pytest.fixture
def phone(browser, site_server) -> Iterator[SearchPage]:
    tab = SearchPage(browser, site_server, PHONE)
    yield tab
    problems = tab.problems
    tab.close()
    assert problems == [], problems


def build_sharded(out: Path, group_pages: int, shard_pages: int) -> None:
    from unittest import mock

    from generator import search

    with mock.patch.object(search, "GROUP_PAGES", group_pages), \
            mock.patch.object(search, "SHARD_PAGES", shard_pages):
        code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(SAMPLE_DATA),
                     "--out", str(out), "--now", SAMPLE_NOW])
    assert code == 0


@pytest.fixture(scope="module")
def split(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The sample site with a shard per month and months of more than 3 notices in parts
    (2026-11a, 2026-11b…), served: (base URL, site folder)."""
    out = tmp_path_factory.mktemp("split") / "site"
    build_sharded(out, 0, 3)
    names = shard_names(out)
    assert any(name.endswith("b") for name in names) and any(len(name) == 7 for name in names)
    with serve(out) as base:
        yield base, out


@pytest.fixture
def split_tab(browser, split) -> Iterator[tuple[SearchPage, list[str]]]:
    """A tab on the split site and the shards it opens, in order."""
    tab = SearchPage(browser, split[0])
    opened: list[str] = []
    tab.page.on("request", lambda r: r.url.endswith(".pf_meta")
                and opened.append(urlsplit(r.url).path.split("/pagefind/")[1].split("/")[0]))
    yield tab, opened
    problems = tab.problems
    tab.close()
    assert problems == [], problems


# --- what the sample holds ------------------------------------------------------------------

RECENT_FROM = recent_from(NOW, NOW.tzinfo)  # 2025-11


def month_of(site: Site, notice_id: str) -> str:
    return site.by_id[notice_id].published_at.astimezone(site.tz).strftime("%Y-%m")


def year_of(site: Site, notice_id: str) -> str:
    return month_of(site, notice_id)[:4]


def recent(site: Site) -> set[str]:
    """The notices of the last 12 months: what a search covers by default."""
    return {pn.id for pn in site.notices if month_of(site, pn.id) >= RECENT_FROM}


def in_region(site: Site, code: str) -> set[str]:
    return {pn.id for pn in site.in_region(code)}


def indexed_texts(sample_site: Path) -> dict[str, str]:
    """Each indexed page's text by notice id, with the index's word breaks between Chinese
    characters taken out again."""
    texts: dict[str, str] = {}
    for path in (sample_site / "pagefind").glob("*/fragment/*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        notice_id = fragment["url"].strip("/").split("/")[-1]
        texts[notice_id] = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])",
                                  "", fragment["content"].replace(ZERO_WIDTH_SPACE, ""))
    return texts


def unique_title_word(page, sample_site: Path, among: set[str]) -> tuple[str, str]:
    """A two-character Chinese word of the title of one of `among` (as written in data/;
    words as the browser's Intl.Segmenter cuts them) that the text of no other indexed notice
    contains: (word, notice id)."""
    texts = indexed_texts(sample_site)
    titles = {}
    for path in sorted(SAMPLE_DATA.glob("notices/**/*.yaml")):
        if path.stem in texts and path.stem in among:
            titles[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))["title"]
    words = page.evaluate(
        """titles => Object.fromEntries(Object.entries(titles).map(([id, title]) => [id,
             [...new Intl.Segmenter("zh", {granularity: "word"}).segment(title)]
               .map(s => s.segment)]))""", titles)
    for notice_id, title_words in words.items():
        for word in title_words:
            if len(word) != 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
                continue
            if [i for i, text in texts.items() if word in text] == [notice_id]:
                return word, notice_id
    raise AssertionError("no title word unique to one notice in the sample data")


def shard_names(sample_site: Path) -> list[str]:
    return [shard["name"] for shard in manifest(sample_site)]


def manifest(sample_site: Path) -> list[dict]:
    return json.loads((sample_site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]


def moment(value: object) -> datetime:
    """A YAML date or datetime (text or parsed), in the site's zone when it has none."""
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=NOW.tzinfo)


def hidden_notices() -> tuple[dict[str, str], dict[str, str]]:
    """Embargoed notices (published after now) and penalties whose disclosure has ended, read
    from the YAML: {id: title} each."""
    embargoed, expired = {}, {}
    for path in sorted(SAMPLE_DATA.glob("notices/**/*.yaml")):
        notice = yaml.safe_load(path.read_text(encoding="utf-8"))
        if moment(notice["published"]) > NOW:
            embargoed[path.stem] = notice["title"]
        elif notice["type"] == "penalty" and moment(notice["publicity_end"]).date() < NOW.date():
            expired[path.stem] = notice["title"]
    return embargoed, expired


def notices_containing(site: Site, *words: str) -> set[str]:
    """The public notices whose data (their YAML in data/notices) contains every word."""
    found = set()
    for path in SAMPLE_DATA.glob("notices/**/*.yaml"):
        text = path.read_text(encoding="utf-8").lower()
        if path.stem in site.by_id and all(word.lower() in text for word in words):
            found.add(path.stem)
    return found


def body_text(sample_site: Path, notice_id: str) -> str:
    """The notice's own text as its page shows it, whitespace collapsed."""
    page = lxml.html.fromstring((sample_site / "notices" / notice_id / "index.html").read_bytes())
    return " ".join(page.xpath("//section[contains(@class, 'gs-body')]")[0].text_content().split())


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


# --- the period: the last 12 months completely, every year in one action --------------------


def test_by_default_every_shard_of_the_last_12_months_is_searched_and_no_other(split_tab, split,
                                                                               site):
    tab, opened = split_tab
    tab.open()
    found = tab.ids()
    assert set(found) == recent(site) and len(found) == len(recent(site))
    assert tab.count_line() == f"近 12 个月 共 {len(found)} 条"
    months = {shard["name"]: set(shard["filters"]["month"]) for shard in manifest(split[1])}
    assert set(opened) == {name for name, held in months.items() if max(held) >= RECENT_FROM}
    assert len(opened) == len(set(opened)) > 10  # each once; the split is invisible
    assert "尚未" not in tab.page.inner_text("#gs-search")
    assert tab.page.is_visible("#gs-all-years")


def test_every_year_is_one_action_away(split_tab, site):
    tab, _ = split_tab
    tab.open(urlencode({"type": "tender"}))
    tenders = {pn.id for pn in site.notices if pn.type == "tender"}
    assert set(tab.ids()) == tenders & recent(site)
    assert tenders - recent(site), "the sample has tenders older than 12 months"
    tab.act(lambda: tab.page.click("#gs-all-years"))
    found = tab.ids()
    assert set(found) == tenders and len(found) == len(tenders)
    assert tab.count_line() == f"全部年份 共 {len(tenders)} 条"
    assert tab.url_state() == {"type": ["tender"], "period": ["all"]}
    assert tab.page.is_hidden("#gs-all-years")


def test_years_ticked_are_searched_completely(browser, site_server, site, sample_site):
    tab = SearchPage(browser, site_server)
    fetched: list[str] = []
    tab.page.on("request", lambda r: "/pagefind/" in r.url and fetched.append(urlsplit(r.url).path))
    try:
        tab.open(urlencode({"year": "2025"}))
        found = tab.ids()
        count = tab.page.text_content('[data-facet="family"] [data-count="tenders"]')
        other = tab.page.text_content('[data-facet="year"] [data-count="2026"]')
        line = tab.count_line()
        assert tab.problems == []
    finally:
        tab.close()
    in_2025 = {pn.id for pn in site.notices if year_of(site, pn.id) == "2025"}
    assert set(found) == in_2025 and in_2025 - recent(site)  # months before the 12 as well
    assert line == f"2025年 共 {len(in_2025)} 条"
    assert count == str(sum(1 for i in in_2025 if site.by_id[i].family == "tenders"))
    assert other == ""  # the other years were not searched: no count shown
    in_shards = [path.split("/pagefind/")[1] for path in fetched]
    assert {path.split("/")[0][:4] for path in in_shards if "/" in path} == {"2025"}, in_shards


def test_a_published_range_finds_every_notice_of_its_months_and_is_bookmarkable(tab, site):
    tab.open()
    tab.act(lambda: tab.page.select_option("#gs-from", "2025-03"))
    tab.act(lambda: tab.page.select_option("#gs-to", "2025-12"))
    expected = {pn.id for pn in site.notices if "2025-03" <= month_of(site, pn.id) <= "2025-12"}
    found = tab.ids()
    assert set(found) == expected and len(found) == len(expected)
    assert tab.count_line() == f"2025年3月至2025年12月 共 {len(expected)} 条"
    assert tab.url_state() == {"from": ["2025-03"], "to": ["2025-12"]}
    assert tab.page.inner_text("#gs-chip-list").split("\n") == ["发布时间：2025年3月至2025年12月", "×"]
    bookmark = tab.page.url
    tab.page.goto(bookmark)
    tab.wait(0)
    assert set(tab.ids()) == expected
    tab.open(urlencode({"from": "2026-09"}))
    assert set(tab.ids()) == {pn.id for pn in site.notices if month_of(site, pn.id) >= "2026-09"}
    assert tab.count_line().startswith("2026年9月以来 共 ")


def test_an_amount_range_finds_the_budgets_and_awards_in_it(tab, site):
    low, high = 1_000_000, 10_000_000
    assert low in AMOUNT_EDGES and high in AMOUNT_EDGES
    tab.open(urlencode({"min": low, "max": high, "period": "all"}))
    amounts = {pn.id: shown[1] for pn in site.notices if (shown := shown_amount(pn))}
    expected = {i for i, amount in amounts.items() if low <= amount < high}
    found = tab.ids()
    assert expected and set(found) == expected and len(found) == len(expected)
    assert tab.page.inner_text("#gs-chip-list").count("金额：100 万元至1,000 万元") == 1
    tab.act(lambda: tab.page.select_option("#gs-max", ""))
    assert set(tab.ids()) == {i for i, amount in amounts.items() if amount >= low}
    assert tab.url_state() == {"min": [str(low)], "period": ["all"]}
    # an amount between edges widens to the edges around it
    tab.open(urlencode({"min": 1_500_000, "max": 9_000_000, "period": "all"}))
    assert (tab.page.input_value("#gs-min"), tab.page.input_value("#gs-max")) == (str(low), str(high))
    assert set(tab.ids()) == expected


# --- queries ---------------------------------------------------------------------------------


def test_a_chinese_title_word_finds_its_notice_first(tab, sample_site, site):
    word, notice_id = unique_title_word(tab.page, sample_site, recent(site))
    tab.open(urlencode({"q": word}))
    results = tab.results()
    assert results and results[0]["id"] == notice_id, (word, results[:3])
    assert results[0]["href"].endswith(f"/notices/{notice_id}/")


def test_a_word_of_the_text_shows_an_excerpt_of_the_text_with_the_word_marked(tab, sample_site,
                                                                              site):
    word = "雨污分流"
    tab.open(urlencode({"q": word, "period": "all"}))
    results = tab.results()
    assert {r["id"] for r in results} == notices_containing(site, word)
    in_body = [r for r in results if word in body_text(sample_site, r["id"])]
    assert in_body
    for result in in_body:
        assert f"<mark>{word}</mark>" in result["excerpt"], result
        shown = result["excerpt_text"].strip("…")
        assert shown in body_text(sample_site, result["id"]), (shown, result["id"])


def test_a_code_found_only_among_the_facts_shows_that_fact_with_its_label(tab, sample_site, site):
    """The notice id is a fact, not in the notice's text: the excerpt is its labelled line,
    never the run of dates and codes the indexed facts are."""
    notice_id = next(pn.id for pn in sorted(site.notices, key=lambda pn: pn.id)
                     if pn.id not in body_text(sample_site, pn.id) and pn.id in recent(site)
                     and pn.type == "tender")
    tab.open(urlencode({"q": notice_id}))
    [result] = [r for r in tab.results() if r["id"] == notice_id]
    assert result["excerpt"].startswith('<span class="gs-muted" lang="zh-CN">公告编号</span> '
                                        f"<mark>{notice_id}</mark>") or result["excerpt"].startswith(
        f'<span class="gs-muted" lang="zh">公告编号</span> <mark>{notice_id}</mark>'), result
    assert not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d \d{4}-\d\d-\d\d", result["excerpt_text"])
    # a code in the notice's text: the words around it
    code = site.by_id[notice_id].notice.project.code
    tab.open(urlencode({"q": code}))
    mine = next(r for r in tab.results() if r["id"] == notice_id)
    assert f"<mark>{code}</mark>" in mine["excerpt"]
    assert mine["excerpt_text"].strip("…") in body_text(sample_site, notice_id)


def test_labels_are_not_words_of_the_index(tab, site):
    """Searching 采购 finds the notices that say 采购, not every notice whose page has a 采购人
    label; a label no notice says finds nothing."""
    tab.open(urlencode({"q": "采购", "period": "all"}))
    found = set(tab.ids())
    assert found == notices_containing(site, "采购") and len(found) < len(site.notices)
    unsaid = [label for key in FACT_KEYS if len(label := LABELS[key]) > 1
              and "/" not in label and not notices_containing(site, label)]
    assert len(unsaid) >= 3, unsaid
    for label in unsaid[:3]:
        tab.act(lambda label=label: (tab.page.fill("#gs-q", label), tab.page.press("#gs-q", "Enter")))
        assert tab.ids() == [], label


def test_every_word_must_occur_even_in_shards_without_one_of_them(split_tab, split, site):
    """Pagefind ignores a query word that occurs nowhere in a shard's index: in the months
    without "XG" the query "XG 工程" must find nothing, not every notice with 工程."""
    tab, _ = split_tab
    texts = indexed_texts(split[1])
    with_xg = {i for i, text in texts.items() if "XG-" in text}
    months = {month_of(site, i) for i in with_xg}
    assert 0 < len(months) < len(shard_names(split[1]))  # "XG" is missing from some shards
    expected = {i for i in with_xg if "工程" in texts[i]}
    assert len({i for i, text in texts.items() if "工程" in text}) > 2 * len(expected)
    tab.open(urlencode({"q": "XG 工程", "period": "all"}))
    found = tab.results()
    count = tab.count_line()
    xg_count = tab.page.text_content('[data-facet="family"] [data-count="tenders"]')
    tab.open(urlencode({"q": "道路 XG", "period": "all"}))
    roads = tab.ids()
    assert {r["id"] for r in found} == expected == notices_containing(site, "XG-", "工程")
    assert len(found) == len(expected) and count == f"全部年份 共 {len(expected)} 条"
    assert xg_count == str(sum(1 for i in expected if site.by_id[i].family == "tenders"))
    # A Chinese word among several stays a phrase: its characters side by side.
    assert set(roads) == {i for i in with_xg if "道路" in texts[i]}
    assert set(roads) == notices_containing(site, "XG-", "道路")


@pytest.mark.parametrize("code", ["XG-GC-2025-031", "XG-GC-2026-088", "HS-GC-2026-045", "XG-GC"])
def test_a_project_code_finds_exactly_its_notices(split_tab, site, code):
    """A code is split at its hyphens into words that must all occur, one after the other; a
    notice citing the code (a penalty naming the project) is found too, and the beginning of
    a code finds every code that begins so."""
    tab, _ = split_tab
    tab.open(urlencode({"q": code, "period": "all"}))
    found = tab.results()
    expected = notices_containing(site, code)
    assert expected and {r["id"] for r in found} == expected, (code, found)
    assert len(found) == len(expected)
    assert any(r["id"].startswith(code) for r in found)


def test_a_phrase_a_shard_lacks_stops_reading_its_word_index_early(split_tab, split):
    """A long Chinese query that no notice holds: each shard is asked for its first characters
    first and reads no chunk for the characters after the first missing phrase."""
    tab, _ = split_tab
    chunks: list[str] = []
    tab.page.on("request", lambda r: r.url.endswith(".pf_index") and chunks.append(r.url))
    tab.open(urlencode({"q": "孝感市政府采购"}))
    assert tab.ids() == []
    per_shard: dict[str, int] = {}
    for url in chunks:
        shard = urlsplit(url).path.split("/pagefind/")[1].split("/")[0]
        per_shard[shard] = per_shard.get(shard, 0) + 1
    assert per_shard and max(per_shard.values()) < len("孝感市政府采购"), per_shard


# --- filters -----------------------------------------------------------------------------------


def test_a_city_filter_includes_its_counties_and_nothing_else(tab, site):
    tab.open(urlencode({"region": CITY}))
    found = tab.ids()
    assert len(found) == len(set(found))
    assert set(found) == in_region(site, CITY) & recent(site)
    counties = {pn.id for pn in site.in_region(CITY) if pn.region.code != CITY} & recent(site)
    assert counties and counties <= set(found)
    assert not set(found) & in_region(site, OTHER_CITY)
    count = tab.page.text_content(f'.gs-facet--region [data-count="{CITY}"]')
    assert count == str(len(found))


def test_a_status_filter_removes_closed_tenders(tab, site):
    tab.open(urlencode({"type": "tender"}))
    tenders = tab.results()
    assert {r["id"] for r in tenders} == {pn.id for pn in site.notices
                                          if pn.type == "tender"} & recent(site)
    closed = {r["id"] for r in tenders if r["status"] != "open"}
    assert closed, "the sample data has tenders that are no longer open"
    tab.act(lambda: tab.page.check('input[name="status"][value="open"]'))
    open_now = tab.results()
    assert open_now and all(r["status"] == "open" for r in open_now)
    assert not closed & {r["id"] for r in open_now}
    assert tab.url_state() == {"type": ["tender"], "status": ["open"]}


def test_counts_per_filter_value(tab, site):
    tab.open(urlencode({"status": "open"}))
    count = tab.page.text_content('[data-facet="status"] [data-count="closed"]')
    closed = sum(1 for pn in site.notices if pn.status == "closed" and pn.id in recent(site))
    assert count == str(closed)  # ticking it would add these
    penalties = tab.page.text_content('[data-facet="family"] [data-count="penalties"]')
    assert penalties == "0"  # no penalty is open


def test_statuses_follow_the_readers_clock_not_the_builds(browser, site_server, site):
    """The index holds no status: a tender whose deadline passed between the build and the
    reader's clock shows 已截止, leaves status=open and is counted as closed."""
    later_now = NOW + timedelta(days=3)
    later = derive_site(validate(SAMPLE_DATA, load_settings(REPO / "mkdocs.yml")), later_now,
                        site.tz)
    # a notice published since (not in this index) may change its project: left out
    published_since = {later.by_id[i].project_code for i in set(later.by_id) - set(site.by_id)}
    settled = [pn for pn in site.notices if pn.type == "tender" and pn.id in recent(site)
               and pn.project_code not in published_since]
    moved = {pn.id for pn in settled if pn.status == "open" and later.by_id[pn.id].status == "closed"}
    still_open = {pn.id for pn in settled if later.by_id[pn.id].status == "open"}
    assert moved and still_open
    tab = SearchPage(browser, site_server)
    try:
        tab.page.clock.set_fixed_time(later_now)
        tab.open(urlencode({"type": "tender"}))
        rows = {r["id"]: r for r in tab.results()}
        assert {rows[i]["status"] for i in moved} == {"closed"}
        for notice_id in moved:
            badge = tab.page.text_content(f'#gs-results li[data-id="{notice_id}"] .gs-status')
            assert badge.strip() == "已截止"
        tab.act(lambda: tab.page.check('input[name="status"][value="open"]'))
        found = {r["id"]: r["status"] for r in tab.results()}
        assert still_open <= set(found) and not moved & set(found)
        assert set(found.values()) == {"open"}
        closed = tab.page.text_content('[data-facet="status"] [data-count="closed"]')
        assert closed == str(sum(1 for r in rows.values() if r["status"] == "closed"))
        assert tab.problems == []
    finally:
        tab.close()


def test_counts_are_summed_across_the_shards(split_tab, site):
    tab, _ = split_tab
    tab.open(urlencode({"period": "all"}))
    tab.results()
    for year in sorted({year_of(site, pn.id) for pn in site.notices}):
        count = tab.page.text_content(f'[data-facet="year"] [data-count="{year}"]')
        assert count == str(sum(1 for pn in site.notices if year_of(site, pn.id) == year)), year
    for family in ("tenders", "results", "penalties"):
        count = tab.page.text_content(f'[data-facet="family"] [data-count="{family}"]')
        assert count == str(sum(1 for pn in site.notices if pn.family == family)), family
    assert tab.count_line() == f"全部年份 共 {len(site.notices)} 条"
    # By default a year is counted only when the 12 months hold all of it.
    tab.open()
    assert tab.page.text_content('[data-facet="year"] [data-count="2026"]') == str(
        sum(1 for pn in site.notices if year_of(site, pn.id) == "2026"))
    assert tab.page.text_content('[data-facet="year"] [data-count="2025"]') == ""


def test_shards_that_cannot_match_the_filters_are_not_read(split_tab, split, site):
    """A county's notices: only the shards whose summary counts that county are opened."""
    tab, opened = split_tab
    shards = manifest(split[1])
    county = "420921"
    holding = [shard["name"] for shard in shards if shard["filters"].get("region", {}).get(county)]
    assert 0 < len(holding) < len(shards)
    tab.open(urlencode({"region": county, "period": "all"}))
    assert set(tab.ids()) == in_region(site, county)
    assert sorted(opened) == sorted(holding)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_listing_by_filters_alone_fetches_one_chunk_of_the_word_index(browser, site_server,
                                                                     sample_site):
    """A null query would make Pagefind fetch every chunk (20 MB at 10,000 notices): one chunk
    of each shard's word index."""
    tab = SearchPage(browser, site_server)
    chunks: list[str] = []
    tab.page.on("request", lambda r: r.url.endswith(".pf_index") and chunks.append(r.url))
    try:
        tab.open(urlencode({"region": CITY, "status": "open"}))
        assert tab.results()
        assert tab.problems == []
    finally:
        tab.close()
    shards = {urlsplit(url).path.split("/pagefind/")[1].split("/")[0] for url in chunks}
    matching = {shard["name"] for shard in manifest(sample_site)
                if shard["filters"]["region"].get(CITY) and max(shard["filters"]["month"]) >= RECENT_FROM
                and shard["moments"].get("closes", ["", ""])[1] > utc(NOW)}  # a deadline to come
    assert len(chunks) == len(shards) and shards == matching, chunks


# --- the filters in use, and what to do when nothing is found ---------------------------------


def test_the_filters_in_use_are_chips_above_the_results_each_removed_in_one_click(tab, site):
    tab.open(urlencode({"type": "tender", "region": CITY, "min": 1_000_000}))
    chips = tab.page.locator("#gs-chip-list .gs-chip")
    assert chips.all_inner_texts() == ["公告类型：招标公告\n×", "地区：孝感市\n×", "金额：100 万元及以上\n×"]
    assert chips.first.get_attribute("aria-label") == "去掉筛选条件：公告类型：招标公告"
    chips_box = tab.page.locator("#gs-chips").bounding_box()
    results_box = tab.page.locator("#gs-results").bounding_box()
    assert chips_box["y"] + chips_box["height"] <= results_box["y"]
    tab.act(lambda: tab.page.click('#gs-chip-list .gs-chip:has-text("地区")'))
    assert tab.url_state() == {"type": ["tender"], "min": ["1000000"]}
    assert not tab.page.is_checked(f'input[name="region"][value="{CITY}"]')
    tab.act(lambda: tab.page.click("#gs-chips-all"))
    assert tab.url_state() == {}
    assert tab.page.is_hidden("#gs-chips")
    assert set(tab.ids()) == recent(site)


def test_nothing_found_names_the_filters_offers_to_remove_them_and_a_shorter_query(tab, site,
                                                                                  sample_site):
    query = urlencode({"q": "孝感市政府采购", "type": "tender", "status": "open"})
    tab.open(query)
    assert tab.ids() == []
    assert tab.count_line() == "近 12 个月没有找到符合条件的公告"
    help_text = tab.page.inner_text("#gs-help")
    assert "公告类型：招标公告" in help_text and "状态：公告中" in help_text
    assert tab.page.locator("#gs-help-chips .gs-chip").all_inner_texts() == [
        "公告类型：招标公告\n×", "状态：公告中\n×", "全部去掉"]
    assert tab.page.is_visible("#gs-help-all-years")
    shorter = tab.page.locator("#gs-help-queries a")
    assert shorter.all_inner_texts() == ["孝感市政府", "孝感"]
    assert parse_qs(urlsplit(shorter.first.get_attribute("href")).query)["q"] == ["孝感市政府"]
    # one click removes one filter
    tab.act(lambda: tab.page.click('#gs-help-chips .gs-chip:has-text("状态")'))
    assert tab.url_state() == {"q": ["孝感市政府采购"], "type": ["tender"]}
    # one click removes them all
    tab.open(query)
    tab.act(lambda: tab.page.click("#gs-help-chips .gs-chip--all"))
    assert tab.url_state() == {"q": ["孝感市政府采购"]}
    # the shorter query is one click too, and finds what the text holds
    tab.act(lambda: tab.page.click("#gs-help-queries a >> nth=1"))
    assert tab.page.input_value("#gs-q") == "孝感"
    texts = indexed_texts(sample_site)
    assert set(tab.ids()) == {i for i, text in texts.items() if "孝感" in text} & recent(site)
    assert tab.page.is_hidden("#gs-help")


# --- the page: URL, header box, phone, screenshots ---------------------------------------------


def test_the_url_is_the_whole_state(tab, browser, site_server, site):
    query = urlencode([("q", "孝感"), ("status", "open"), ("status", "closed"),
                       ("region", CITY), ("from", "2025-06"), ("min", "100000"),
                       ("sort", "newest")])
    tab.open(query)
    assert tab.page.input_value("#gs-q") == "孝感"
    assert tab.page.is_checked(f'input[name="region"][value="{CITY}"]')
    assert tab.page.is_checked('input[name="status"][value="open"]')
    assert tab.page.is_checked('input[name="status"][value="closed"]')
    assert not tab.page.is_checked('input[name="status"][value="awarded"]')
    assert tab.page.input_value("#gs-sort") == "newest"
    assert (tab.page.input_value("#gs-from"), tab.page.input_value("#gs-min")) == ("2025-06", "100000")
    loaded = tab.ids()
    assert loaded and set(loaded) <= in_region(site, CITY)
    assert {site.by_id[i].status for i in loaded} <= {"open", "closed"}

    # The same search made with the controls gives the same results and the same URL.
    other = SearchPage(browser, site_server)
    try:
        other.open()
        other.act(lambda: (other.page.fill("#gs-q", "孝感"), other.page.press("#gs-q", "Enter")))
        other.act(lambda: other.page.check(f'input[name="region"][value="{CITY}"]'))
        other.act(lambda: other.page.check('input[name="status"][value="open"]'))
        other.act(lambda: other.page.check('input[name="status"][value="closed"]'))
        other.act(lambda: other.page.select_option("#gs-from", "2025-06"))
        other.act(lambda: other.page.select_option("#gs-min", "100000"))
        other.act(lambda: other.page.select_option("#gs-sort", "newest"))
        assert other.ids() == loaded
        assert other.url_state() == tab.url_state() == parse_qs(query)
        assert other.problems == []
    finally:
        other.close()

    # Changing a filter updates the URL (replaceState: no new history entry).
    history = tab.page.evaluate("history.length")
    tab.act(lambda: tab.page.check('input[name="family"][value="tenders"]'))
    assert tab.url_state()["family"] == ["tenders"]
    tab.act(lambda: tab.page.check('input[name="region"][value=""]'))
    assert "region" not in tab.url_state()
    assert tab.page.evaluate("history.length") == history


def test_the_listings_hand_over_to_search_as_they_link_it(tab, site):
    """The parameters listings hand over keep working: their scope, sort and year."""
    tab.open(urlencode({"type": "tender", "status": "open", "category": "construction",
                        "region": CITY, "sort": "deadline", "family": "tenders", "year": "2026"}))
    found = tab.results()
    expected = sorted((pn for pn in site.notices if pn.id in in_region(site, CITY)
                       and pn.type == "tender" and pn.status == "open"
                       and pn.notice.category == "construction" and year_of(site, pn.id) == "2026"),
                      key=lambda pn: pn.deadline)
    assert [r["id"] for r in found] == [pn.id for pn in expected] and expected


def test_the_header_box_opens_the_search_page(tab, sample_site, site):
    word, notice_id = unique_title_word(tab.page, sample_site, recent(site))
    tab.page.goto(f"{tab.base_url}/about/")
    tab.page.fill(".gs-header-search__input", word)
    tab.page.press(".gs-header-search__input", "Enter")
    tab.page.wait_for_url("**/search/?q=*")
    tab.wait(0)
    assert tab.url_state() == {"q": [word]}
    assert tab.page.input_value("#gs-q") == word
    assert tab.ids()[0] == notice_id


def test_a_listing_links_to_its_search(tab, site):
    # loaded whole first: a click while its build.json or favicon is in flight aborts them,
    # which the tab counts as failed requests
    tab.page.goto(f"{tab.base_url}/region/{CITY}/", wait_until="networkidle")
    tab.page.click("a.gs-search-link")
    tab.page.wait_for_url(f"**/search/?region={CITY}&period=all")
    tab.wait(0)
    assert tab.page.is_checked(f'input[name="region"][value="{CITY}"]')
    assert set(tab.ids()) == in_region(site, CITY), "a listing's every year, as the listing"


def test_on_a_phone_the_filters_fold_under_one_button_that_counts_them(phone, browser,
                                                                        site_server):
    phone.open(urlencode({"q": "工程"}))
    phone.page.click("#gs-filters-toggle")
    panel = phone.page.locator("#gs-facets").bounding_box()
    assert panel["height"] < PHONE[1] * 0.75  # opened, one line per group of filters
    assert phone.page.eval_on_selector_all("details.gs-facet[open]", "groups => groups.length") == 0
    phone.open(urlencode({"q": "工程", "category": "construction", "type": "tender"}))
    assert phone.page.is_hidden("#gs-facets")  # filters fold away on a phone
    assert phone.page.inner_text("#gs-filters-toggle").split() == ["筛选", "(2)"]
    first = phone.page.locator("#gs-results > li").first.bounding_box()
    assert first["y"] + 40 < PHONE[1]  # the first result is on the first screen
    assert phone.page.is_visible("#gs-chips")
    shot(phone.page, "search-phone.png")
    phone.page.click("#gs-filters-toggle")
    assert phone.page.is_visible("#gs-facets")
    open_groups = phone.page.eval_on_selector_all(
        "details.gs-facet[open]", "groups => groups.map(g => g.dataset.facet)")
    assert open_groups == ["type", "category"]  # the groups in use start open
    phone.page.click("#gs-filters-done")
    assert phone.page.is_hidden("#gs-facets")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    # folded from the first paint, before (or without) the script
    still = SearchPage(browser, site_server, PHONE, javascript=False)
    try:
        still.page.goto(f"{site_server}/search/?type=tender")
        assert still.page.is_hidden("#gs-facets")
    finally:
        still.close()


def test_the_page_reads_well_on_a_desktop_and_a_phone_when_nothing_is_found(tab, phone):
    tab.open(urlencode({"q": "道路", "category": "construction"}))
    assert len(tab.results()) > 3 and tab.page.is_visible("#gs-chips")
    assert tab.page.is_visible("#gs-facets")
    shot(tab.page, "search-desktop.png")
    phone.open(urlencode({"q": "孝感市政府采购", "type": "tender", "status": "open"}))
    assert phone.page.is_visible("#gs-help")
    assert phone.page.is_hidden("#gs-chips") and phone.page.is_hidden("#gs-all-years")  # in the help
    help_box = phone.page.locator("#gs-help").bounding_box()
    assert help_box["y"] < PHONE[1]  # the help is on the first screen
    shot(phone.page, "search-empty-phone.png")


# --- order -----------------------------------------------------------------------------------


def test_sorting_by_date_and_by_deadline(tab):
    tab.open(urlencode({"sort": "newest", "period": "all"}))
    dates = [r["date"] for r in tab.results()]
    assert len(dates) > 50 and dates == sorted(dates, reverse=True)
    tab.act(lambda: tab.page.select_option("#gs-sort", "deadline"))
    tab.act(lambda: tab.page.check('input[name="type"][value="tender"]'))
    deadlines = [r["deadline"] for r in tab.results()]
    assert deadlines and all(deadlines) and deadlines == sorted(deadlines)


def test_newest_first_across_the_shards(split_tab, site):
    tab, _ = split_tab
    tab.open(urlencode({"sort": "newest", "period": "all"}))
    found = tab.ids()
    assert len(found) == len(site.notices)
    published = [site.by_id[i].published_at for i in found]
    assert published == sorted(published, reverse=True)


def test_deadline_soonest_first_across_the_shards(split_tab, site):
    tab, _ = split_tab
    tab.open(urlencode({"sort": "deadline", "type": "tender", "period": "all"}))
    found = tab.ids()
    tenders = [pn for pn in site.notices if pn.type == "tender"]
    assert len(found) == len(tenders) >= 20
    assert len({month_of(site, i) for i in found}) >= 4
    deadlines = [site.by_id[i].deadline for i in found]
    assert deadlines == sorted(deadlines)


def test_parts_of_a_big_month_filter_and_count(split_tab, split, site):
    tab, opened = split_tab
    parts = [name for name in shard_names(split[1]) if name.startswith("2026-11")]
    assert len(parts) > 2
    tab.open(urlencode({"from": "2026-11", "to": "2026-11"}))
    in_month = {pn.id for pn in site.notices if month_of(site, pn.id) == "2026-11"}
    assert set(tab.ids()) == in_month
    assert sorted(opened) == sorted(parts)
    assert tab.page.text_content('[data-facet="family"] [data-count="tenders"]') == str(
        sum(1 for i in in_month if site.by_id[i].family == "tenders"))


# --- what is never found ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["embargoed", "expired"])
def test_hidden_notices_are_not_found(tab, kind):
    embargoed, expired = hidden_notices()
    hidden = embargoed if kind == "embargoed" else expired
    assert hidden, f"the sample data has {kind} notices"
    _, title = next(iter(sorted(hidden.items())))
    tab.open(urlencode({"q": title, "period": "all"}))
    assert tab.results() == []
    assert tab.count_line() == "全部年份没有找到符合条件的公告"
    for other_id, other_title in hidden.items():
        tab.act(lambda t=other_title: (tab.page.fill("#gs-q", t), tab.page.press("#gs-q", "Enter")))
        assert other_id not in tab.ids(), other_id


def test_withdrawn_notices_are_found_and_marked(tab, site):
    withdrawn = next(pn for pn in site.notices if pn.status == "withdrawn")
    tab.open(urlencode({"q": withdrawn.notice.title, "period": "all"}))
    result = next(r for r in tab.results() if r["id"] == withdrawn.id)
    assert result["status"] == "withdrawn"
    badge = tab.page.text_content(f'#gs-results li[data-id="{withdrawn.id}"] .gs-status')
    assert badge == "已撤销"


def test_a_site_without_notices_searches_and_finds_nothing(browser, make_data, tmp_path):
    """Pagefind makes no index of nothing: the page gets its code and no shard, and says that
    nothing was found (an index without a language made it fail: 搜索暂时无法使用)."""
    out = tmp_path / "site"
    code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(make_data({})),
                 "--out", str(out), "--now", SAMPLE_NOW])
    assert code == 0
    with serve(out) as base:
        tab = SearchPage(browser, base)
        try:
            for query in ("", urlencode({"q": "道路"})):
                tab.open(query)
                assert tab.results() == []
                assert tab.count_line() == "近 12 个月没有找到符合条件的公告"
                assert tab.page.is_hidden("#gs-all-years")
            assert tab.problems == []
        finally:
            tab.close()


# --- bytes -----------------------------------------------------------------------------------


def test_the_code_and_wasm_are_downloaded_once_for_all_shards(browser, site_server, sample_site):
    tab = SearchPage(browser, site_server)
    fetched: list[str] = []
    tab.page.on("request", lambda r: "/pagefind/" in r.url and fetched.append(urlsplit(r.url).path))
    try:
        tab.open(urlencode({"q": "道路", "period": "all"}))
        assert tab.results()
        assert tab.problems == []
    finally:
        tab.close()
    shards = {path.split("/pagefind/")[1].split("/")[0] for path in fetched
              if path.endswith(".pf_meta")}
    # every notice shard read, and the organisations' index (the query has words)
    assert shards == {*shard_names(sample_site), "entities"}
    for name in ("pagefind.js", "pagefind-worker.js", ".pagefind"):
        urls = {path for path in fetched if path.endswith(name)}
        assert len(urls) == 1, (name, urls)


def test_bytes_downloaded_for_one_query(browser, site_server, sample_site, site):
    """Measured for the record: index size on disk and what one query costs a browser."""
    tab = SearchPage(browser, site_server)
    word, _ = unique_title_word(tab.page, sample_site, recent(site))
    downloaded: dict[str, int] = {}

    def record(response) -> None:
        if "/pagefind/" in response.url:
            downloaded[response.url] = len(response.body())

    tab.page.on("response", record)
    try:
        tab.open(urlencode({"q": word}))
        assert tab.results()
    finally:
        tab.close()
    index_dir = sample_site / "pagefind"
    on_disk = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())
    record_json = {
        "notices": len(site.notices),
        "index_bytes": on_disk,
        "query_bytes": sum(downloaded.values()),
        "query_requests": len(downloaded),
        "files": {urlsplit(url).path: size for url, size in sorted(downloaded.items())},
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-bytes.json").write_text(json.dumps(record_json, indent=2))
    assert sum(downloaded.values()) < 400_000
