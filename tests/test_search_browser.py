"""Search in a real browser (Debian chromium through Playwright) on the built sample site,
served over HTTP on localhost: Chinese queries, filters (a city includes its counties),
status, sorting, the URL as the whole state, the header box, and nothing from embargoed
notices or expired penalties. Every page must load without a console error or failed request.
The bytes a query downloads from pagefind/ are written to test-artifacts/search-bytes.json."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import yaml
from conftest import ARTIFACTS, REPO, SAMPLE_DATA, SAMPLE_NOW, serve

from generator.cli import main
from generator.commands.validate import validate
from generator.config import load_settings
from generator.derive import Site, derive_site

pytestmark = pytest.mark.browser

NOW = datetime.fromisoformat(SAMPLE_NOW)
CITY, OTHER_CITY = "420900", "420100"  # 孝感市, 武汉市
ZERO_WIDTH_SPACE = "\u200b"  # Pagefind marks its word boundaries in indexed text with it


@pytest.fixture(scope="module")
def site() -> Site:
    settings = load_settings(REPO / "mkdocs.yml")
    return derive_site(validate(SAMPLE_DATA, settings), NOW, settings.tz)


class SearchPage:
    """One browser tab on the sample site that records every problem it sees."""

    def __init__(self, browser, base_url: str, width: int = 1366) -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": width, "height": 900},
                                           locale="zh-CN")
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
            arg=done_before, timeout=15000)

    def act(self, action) -> None:
        before = self.searches()
        action()
        self.wait(before)

    def results(self, earlier: bool = True) -> list[dict[str, str]]:
        """Every result, pressing "load more" until all are shown and, unless `earlier` is
        false, "search earlier notices" until every period is searched."""
        while True:
            if self.page.is_visible("#gs-more"):
                shown = self.page.locator("#gs-results > li").count()
                self.page.click("#gs-more")
                self.page.wait_for_function(
                    "n => document.querySelectorAll('#gs-results > li').length > n", arg=shown)
            elif earlier and self.page.is_visible("#gs-earlier"):
                self.act(lambda: self.page.click("#gs-earlier"))
            else:
                break
        return self.page.eval_on_selector_all(
            "#gs-results > li",
            """items => items.map(li => ({id: li.dataset.id, status: li.dataset.status,
                type: li.dataset.type, title: li.querySelector('.gs-entry__title').textContent,
                href: li.querySelector('.gs-entry__title').href,
                excerpt: (li.querySelector('.gs-result__excerpt') || {}).innerHTML || '',
                date: li.querySelector('.gs-entry__date').textContent,
                deadline: (li.querySelector('.gs-entry__deadline') || {}).textContent || ''}))""")

    def ids(self, earlier: bool = True) -> list[str]:
        return [r["id"] for r in self.results(earlier)]

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


def unique_title_word(page, sample_site: Path) -> tuple[str, str]:
    """A two-character Chinese word of one notice's title (as written in data/; words as the
    browser's Intl.Segmenter cuts them) that the text of no other indexed notice contains:
    (word, notice id)."""
    texts = indexed_texts(sample_site)
    titles = {}
    for path in sorted(SAMPLE_DATA.glob("notices/**/*.yaml")):
        if path.stem in texts:
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
    manifest = json.loads((sample_site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    return [shard["name"] for shard in manifest["shards"]]


def year_of(site: Site, notice_id: str) -> str:
    return str(site.by_id[notice_id].published_at.astimezone(site.tz).year)


def month_of(site: Site, notice_id: str) -> str:
    return site.by_id[notice_id].published_at.astimezone(site.tz).strftime("%Y-%m")


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


# --- the tests ------------------------------------------------------------------------------


def test_a_chinese_title_word_finds_its_notice_first(tab, sample_site):
    word, notice_id = unique_title_word(tab.page, sample_site)
    tab.open(urlencode({"q": word}))
    results = tab.results()
    assert results and results[0]["id"] == notice_id, (word, results[:3])
    assert results[0]["href"].endswith(f"/notices/{notice_id}/")
    assert f"<mark>{word}</mark>" in results[0]["excerpt"]


def test_a_city_filter_includes_its_counties_and_nothing_else(tab, site):
    tab.open(urlencode({"region": CITY}))
    found = tab.ids()
    assert len(found) == len(set(found))
    assert set(found) == in_region(site, CITY)
    counties = {pn.id for pn in site.in_region(CITY) if pn.region.code != CITY}
    assert counties and counties <= set(found)
    assert not set(found) & in_region(site, OTHER_CITY)
    count = tab.page.text_content(f'.gs-facet--region [data-count="{CITY}"]')
    assert count == str(len(found))


def test_a_status_filter_removes_closed_tenders(tab, site):
    tab.open(urlencode({"type": "tender"}))
    tenders = tab.results()
    assert {r["id"] for r in tenders} == {pn.id for pn in site.notices if pn.type == "tender"}
    closed = {r["id"] for r in tenders if r["status"] != "open"}
    assert closed, "the sample data has tenders that are no longer open"
    tab.act(lambda: tab.page.check('input[name="status"][value="open"]'))
    open_now = tab.results()
    assert open_now and all(r["status"] == "open" for r in open_now)
    assert not closed & {r["id"] for r in open_now}
    assert tab.url_state() == {"type": ["tender"], "status": ["open"]}


def test_the_url_is_the_whole_state(tab, browser, site_server, site):
    query = urlencode([("q", "孝感"), ("status", "open"), ("status", "closed"),
                       ("region", CITY), ("sort", "newest")])
    tab.open(query)
    assert tab.page.input_value("#gs-q") == "孝感"
    assert tab.page.is_checked(f'input[name="region"][value="{CITY}"]')
    assert tab.page.is_checked('input[name="status"][value="open"]')
    assert tab.page.is_checked('input[name="status"][value="closed"]')
    assert not tab.page.is_checked('input[name="status"][value="awarded"]')
    assert tab.page.input_value("#gs-sort") == "newest"
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


def test_the_header_box_opens_the_search_page(tab, sample_site):
    word, notice_id = unique_title_word(tab.page, sample_site)
    tab.page.goto(f"{tab.base_url}/about/")
    tab.page.fill(".gs-header-search__input", word)
    tab.page.press(".gs-header-search__input", "Enter")
    tab.page.wait_for_url("**/search/?q=*")
    tab.wait(0)
    assert tab.url_state() == {"q": [word]}
    assert tab.page.input_value("#gs-q") == word
    assert tab.ids()[0] == notice_id


@pytest.mark.parametrize("kind", ["embargoed", "expired"])
def test_hidden_notices_are_not_found(tab, kind):
    embargoed, expired = hidden_notices()
    hidden = embargoed if kind == "embargoed" else expired
    assert hidden, f"the sample data has {kind} notices"
    _, title = next(iter(sorted(hidden.items())))
    tab.open(urlencode({"q": title}))
    assert tab.results() == []
    assert tab.page.text_content("#gs-count") == "没有找到符合条件的公告"
    for other_id, other_title in hidden.items():
        tab.act(lambda t=other_title: (tab.page.fill("#gs-q", t), tab.page.press("#gs-q", "Enter")))
        assert other_id not in tab.ids(), other_id


def test_withdrawn_notices_are_found_and_marked(tab, site):
    withdrawn = next(pn for pn in site.notices if pn.status == "withdrawn")
    tab.open(urlencode({"q": withdrawn.notice.title}))
    result = next(r for r in tab.results() if r["id"] == withdrawn.id)
    assert result["status"] == "withdrawn"
    badge = tab.page.text_content(f'#gs-results li[data-id="{withdrawn.id}"] .gs-status')
    assert badge == "已撤销"


def test_sorting_by_date_and_by_deadline(tab):
    tab.open(urlencode({"sort": "newest"}))
    dates = [r["date"] for r in tab.results()]
    assert len(dates) > 50 and dates == sorted(dates, reverse=True)
    tab.act(lambda: tab.page.select_option("#gs-sort", "deadline"))
    tab.act(lambda: tab.page.check('input[name="type"][value="tender"]'))
    deadlines = [r["deadline"] for r in tab.results(earlier=False)]  # sorted within a batch
    assert deadlines and all(deadlines) and deadlines == sorted(deadlines)


def test_counts_per_filter_value(tab, site):
    tab.open(urlencode({"status": "open"}))
    count = tab.page.text_content('[data-facet="status"] [data-count="closed"]')
    closed = sum(1 for pn in site.notices if pn.status == "closed")
    assert count == str(closed)  # ticking it would add these
    penalties = tab.page.text_content('[data-facet="family"] [data-count="penalties"]')
    assert penalties == "0"  # no penalty is open


def test_a_listing_links_to_its_search(tab, site):
    tab.page.goto(f"{tab.base_url}/region/{CITY}/")
    tab.page.click("a.gs-search-link")
    tab.page.wait_for_url(f"**/search/?region={CITY}")
    tab.wait(0)
    assert tab.page.is_checked(f'input[name="region"][value="{CITY}"]')
    assert set(tab.ids()) == in_region(site, CITY)


def test_the_search_page_works_on_a_phone(browser, site_server):
    tab = SearchPage(browser, site_server, width=390)
    try:
        tab.open(urlencode({"region": CITY}))
        assert not tab.page.is_visible("#gs-facets")  # filters fold away on a phone
        assert tab.page.is_visible("#gs-results > li")
        tab.page.click("#gs-filters-toggle")
        assert tab.page.is_visible("#gs-facets")
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        assert tab.problems == []
    finally:
        tab.close()


def test_bytes_downloaded_for_one_query(browser, site_server, sample_site, site):
    """Measured for the record: index size on disk and what one query costs a browser."""
    tab = SearchPage(browser, site_server)
    word, _ = unique_title_word(tab.page, sample_site)
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
    ui_bundles = sum(p.stat().st_size for p in index_dir.glob("pagefind-*ui*"))
    record_json = {
        "notices": len(site.notices),
        "index_bytes": on_disk,
        "index_bytes_without_unused_ui": on_disk - ui_bundles,
        "query_bytes": sum(downloaded.values()),
        "query_requests": len(downloaded),
        "files": {urlsplit(url).path: size for url, size in sorted(downloaded.items())},
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-bytes.json").write_text(json.dumps(record_json, indent=2))
    assert sum(downloaded.values()) < 400_000


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
    shards = {urlsplit(url).path.split("/")[-3] for url in chunks}
    matching = {shard["name"] for shard in manifest(sample_site)
                if shard["filters"]["region"].get(CITY) and shard["filters"]["status"].get("open")}
    assert len(chunks) == len(shards) and shards == matching, chunks


# --- shards by publication year or month, merged here ------------------------------------


def test_newest_first_across_the_month_shards(tab, site):
    tab.open(urlencode({"sort": "newest"}))
    found = tab.results()
    assert [r["id"] for r in found] and len(found) == len(site.notices)
    years = [year_of(site, r["id"]) for r in found]
    assert len(set(years)) >= 3 and years == sorted(years, reverse=True)
    published = [site.by_id[r["id"]].published_at for r in found]
    assert published == sorted(published, reverse=True)


def test_deadline_soonest_first_across_the_month_shards(browser, monthly, site):
    """One batch (the newest shards up to a page of results) is one order over its shards."""
    tab = SearchPage(browser, monthly[0])
    try:
        tab.open(urlencode({"sort": "deadline", "type": "tender"}))
        found = tab.results(earlier=False)
        assert tab.problems == []
    finally:
        tab.close()
    assert len(found) >= 20 and len({month_of(site, r["id"]) for r in found}) >= 2
    assert all(site.by_id[r["id"]].type == "tender" for r in found)
    deadlines = [site.by_id[r["id"]].deadline for r in found]
    assert deadlines == sorted(deadlines)


def test_counts_are_summed_across_the_month_shards(tab, site, sample_site):
    tab.open()
    tab.results()  # every period searched
    for year in sorted({name[:4] for name in shard_names(sample_site)}):
        count = tab.page.text_content(f'[data-facet="year"] [data-count="{year}"]')
        assert count == str(sum(1 for pn in site.notices if year_of(site, pn.id) == year)), year
    for family in ("tenders", "results", "penalties"):
        count = tab.page.text_content(f'[data-facet="family"] [data-count="{family}"]')
        assert count == str(sum(1 for pn in site.notices if pn.family == family)), family
    assert tab.page.text_content("#gs-count") == f"共 {len(site.notices)} 条结果"


def test_a_year_filter_reads_only_that_years_shards(browser, site_server, site, sample_site):
    tab = SearchPage(browser, site_server)
    fetched: list[str] = []
    tab.page.on("request", lambda r: "/pagefind/" in r.url and fetched.append(urlsplit(r.url).path))
    years = sorted({name[:4] for name in shard_names(sample_site)}, reverse=True)
    year = years[1]
    try:
        tab.open(urlencode({"year": year}))
        found = tab.ids()
        count = tab.page.text_content('[data-facet="family"] [data-count="tenders"]')
        other = tab.page.text_content(f'[data-facet="year"] [data-count="{years[0]}"]')
        assert tab.problems == []
    finally:
        tab.close()
    assert set(found) == {pn.id for pn in site.notices if year_of(site, pn.id) == year}
    assert count == str(sum(1 for pn in site.notices
                            if year_of(site, pn.id) == year and pn.family == "tenders"))
    assert other == ""  # the other years' shards were not read: no count shown
    in_shards = [path.split("/pagefind/")[1] for path in fetched]
    assert {path.split("/")[0][:4] for path in in_shards if "/" in path} == {year}, in_shards


def test_the_code_and_wasm_are_downloaded_once_for_all_shards(browser, site_server, sample_site):
    tab = SearchPage(browser, site_server)
    fetched: list[str] = []
    tab.page.on("request", lambda r: "/pagefind/" in r.url and fetched.append(urlsplit(r.url).path))
    try:
        tab.open(urlencode({"q": "道路"}))
        assert tab.results()
        assert tab.problems == []
    finally:
        tab.close()
    shards = {path.split("/pagefind/")[1].split("/")[0] for path in fetched
              if path.endswith(".pf_meta")}
    assert shards == set(shard_names(sample_site))  # every shard read
    for name in ("pagefind.js", "pagefind-worker.js", ".pagefind"):
        urls = {path for path in fetched if path.endswith(name)}
        assert len(urls) == 1, (name, urls)


def build_sharded(out: Path, year_pages: int, shard_pages: int) -> None:
    from unittest import mock

    from generator import search

    with mock.patch.object(search, "YEAR_PAGES", year_pages), \
            mock.patch.object(search, "SHARD_PAGES", shard_pages):
        code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(SAMPLE_DATA),
                     "--out", str(out), "--now", SAMPLE_NOW])
    assert code == 0


@pytest.fixture(scope="module")
def small_server(tmp_path_factory) -> Iterator[str]:
    """The sample site with years of more than 10 notices split by month and months of more
    than 3 in parts (2026-06a, 2026-06b…), served."""
    out = tmp_path_factory.mktemp("parts") / "site"
    build_sharded(out, 10, 3)
    names = shard_names(out)
    assert any(name.endswith("b") for name in names) and any(len(name) == 4 for name in names)
    with serve(out) as base:
        yield base


@pytest.fixture(scope="module")
def monthly(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The sample site with a shard per month, served: (base URL, site folder)."""
    out = tmp_path_factory.mktemp("monthly") / "site"
    build_sharded(out, 0, 1000)
    assert all(len(name) == 7 for name in shard_names(out))
    with serve(out) as base:
        yield base, out


def test_parts_of_a_big_month_sort_filter_and_count(browser, small_server, site):
    tab = SearchPage(browser, small_server)
    try:
        tab.open(urlencode({"sort": "newest"}))
        published = [site.by_id[i].published_at for i in tab.ids()]
        assert len(published) == len(site.notices) and published == sorted(published, reverse=True)

        tab.open(urlencode({"year": "2026"}))
        assert set(tab.ids()) == {pn.id for pn in site.notices if year_of(site, pn.id) == "2026"}
        assert tab.page.text_content('[data-facet="year"] [data-count="2026"]') == str(
            sum(1 for pn in site.notices if year_of(site, pn.id) == "2026"))
        assert tab.page.text_content('[data-facet="year"] [data-count="2025"]') == ""
        assert tab.problems == []
    finally:
        tab.close()


# --- progressive search: newest shards first, a budget per batch, then earlier ones --------

BUDGET = 10  # pages a batch reads at most (after its first shard), set before the page loads


@contextmanager
def small_budget_tab(browser, base: str) -> Iterator[tuple[SearchPage, list[str]]]:
    """A tab whose search reads batches of ~BUDGET pages, and the shards it opens (in order);
    by the end the page must have reported no problem (console error, failed request)."""
    tab = SearchPage(browser, base)
    tab.page.add_init_script(f"window.gongshiSearchBudget = {BUDGET};")
    opened: list[str] = []
    tab.page.on("request", lambda r: r.url.endswith(".pf_meta")
                and opened.append(urlsplit(r.url).path.split("/pagefind/")[1].split("/")[0]))
    try:
        yield tab, opened
        assert tab.problems == [], tab.problems
    finally:
        tab.close()


def manifest(sample_site: Path) -> list[dict]:
    return json.loads((sample_site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]


def test_a_first_search_reads_only_the_newest_shards(browser, monthly, site):
    site_server, sample_site = monthly
    shards = manifest(sample_site)
    with small_budget_tab(browser, site_server) as (tab, opened):
        tab.open(urlencode({"sort": "newest"}))
        first = tab.ids(earlier=False)
        count_line = tab.page.text_content("#gs-count")
        assert tab.page.is_visible("#gs-earlier")
        assert tab.page.text_content("#gs-earlier") == "继续搜索更早的公告"
    # Newest first, one batch: shards up to the first that reaches a page (20) of results
    # or the budget of pages.
    names = [shard["name"] for shard in shards]
    assert opened == names[:len(opened)] and 0 < len(opened) < len(names)
    pages = [shard["pages"] for shard in shards[:len(opened)]]
    assert sum(pages[:-1]) < BUDGET <= sum(pages) or len(first) >= 20
    read = {shard["name"] for shard in shards[:len(opened)]}
    assert {month_of(site, i) for i in first} <= read
    assert len(first) == sum(pages)  # every notice of the months read, nothing else
    newest, oldest = shards[0]["to"], shards[len(opened) - 1]["from"]
    period = (f"{int(oldest[:4])}年{int(oldest[5:7])}月至{int(newest[:4])}年{int(newest[5:7])}月"
              if oldest[:7] != newest[:7] else f"{int(newest[:4])}年{int(newest[5:7])}月")
    assert count_line == f"{period} 共 {len(first)} 条，更早的公告尚未搜索"


def test_searching_earlier_appends_older_results_until_all_are_searched(
        browser, monthly, site):
    site_server, sample_site = monthly
    shards = manifest(sample_site)
    with small_budget_tab(browser, site_server) as (tab, opened):
        tab.open(urlencode({"sort": "newest"}))
        first = tab.ids(earlier=False)
        batches = 1
        while tab.page.is_visible("#gs-earlier"):
            tab.act(lambda: tab.page.click("#gs-earlier"))
            batches += 1
            shown = tab.ids(earlier=False)
            assert shown[:len(first)] == first  # what was shown stays, in place
            first = shown
        count_line = tab.page.text_content("#gs-count")
    assert batches > 2
    assert opened == [shard["name"] for shard in shards]  # each shard once, newest first
    published = [site.by_id[i].published_at for i in first]
    assert len(first) == len(site.notices) and published == sorted(published, reverse=True)
    assert count_line == f"共 {len(site.notices)} 条结果"


def test_shards_that_cannot_match_the_filters_are_not_read(browser, monthly, site):
    """A county's notices: only the shards whose summary counts that county are opened."""
    site_server, sample_site = monthly
    shards = manifest(sample_site)
    county = "420921"
    holding = [shard["name"] for shard in shards if shard["filters"].get("region", {}).get(county)]
    assert 0 < len(holding) < len(shards)
    with small_budget_tab(browser, site_server) as (tab, opened):
        tab.open(urlencode({"region": county}))
        found = tab.ids()
    assert set(found) == in_region(site, county)
    assert opened == holding


def test_relevance_is_ordered_within_each_batch(browser, monthly, site):
    """A word found in several periods: the newer period's matches come first, the order
    within a period by relevance; results already shown never move."""
    site_server, _ = monthly
    with small_budget_tab(browser, site_server) as (tab, _):
        tab.open(urlencode({"q": "工程"}))
        first = tab.ids(earlier=False)
        assert tab.page.is_visible("#gs-earlier")
        everything = tab.ids()
    assert everything[:len(first)] == first
    first_months = {month_of(site, i) for i in first}
    assert all(month_of(site, i) < min(first_months) for i in everything[len(first):])


# --- every word of a query must occur, in every shard ------------------------------------


def notices_containing(site: Site, *words: str) -> set[str]:
    """The public notices whose data (their YAML in data/notices) contains every word."""
    found = set()
    for path in SAMPLE_DATA.glob("notices/**/*.yaml"):
        text = path.read_text(encoding="utf-8").lower()
        if path.stem in site.by_id and all(word.lower() in text for word in words):
            found.add(path.stem)
    return found


def test_every_word_must_occur_even_in_shards_without_one_of_them(browser, monthly, site):
    """Pagefind ignores a query word that occurs nowhere in a shard's index: in the months
    without "XG" the query "XG 工程" must find nothing, not every notice with 工程."""
    site_server, sample_site = monthly
    texts = indexed_texts(sample_site)
    with_xg = {i for i, text in texts.items() if "XG-" in text}
    months = {month_of(site, i) for i in with_xg}
    assert 0 < len(months) < len(shard_names(sample_site))  # "XG" is missing from some shards
    expected = {i for i in with_xg if "工程" in texts[i]}
    assert len({i for i, text in texts.items() if "工程" in text}) > 2 * len(expected)
    with small_budget_tab(browser, site_server) as (tab, _):
        tab.open(urlencode({"q": "XG 工程"}))
        found = tab.results()
        count = tab.page.text_content("#gs-count")
        xg_count = tab.page.text_content('[data-facet="family"] [data-count="tenders"]')
        tab.open(urlencode({"q": "道路 XG"}))
        roads = tab.ids()
    assert {r["id"] for r in found} == expected == notices_containing(site, "XG-", "工程")
    assert len(found) == len(expected) and count == f"共 {len(expected)} 条结果"
    assert xg_count == str(sum(1 for i in expected if site.by_id[i].family == "tenders"))
    # A Chinese word among several stays a phrase: its characters side by side.
    assert set(roads) == {i for i in with_xg if "道路" in texts[i]}
    assert set(roads) == notices_containing(site, "XG-", "道路")


@pytest.mark.parametrize("code", ["XG-GC-2025-031", "XG-GC-2026-088", "HS-GC-2026-045", "XG-GC"])
def test_a_project_code_finds_exactly_its_notices(browser, monthly, site, code):
    """A code is split at its hyphens into words that must all occur, one after the other; a
    notice citing the code (a penalty naming the project) is found too, and the beginning of
    a code finds every code that begins so."""
    site_server, _ = monthly
    with small_budget_tab(browser, site_server) as (tab, _):
        tab.open(urlencode({"q": code}))
        found = tab.results()
    expected = notices_containing(site, code)
    assert expected and {r["id"] for r in found} == expected, (code, found)
    assert len(found) == len(expected)
    assert any(r["id"].startswith(code) for r in found)


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
                assert tab.page.text_content("#gs-count") == "没有找到符合条件的公告"
            assert tab.problems == []
        finally:
            tab.close()
