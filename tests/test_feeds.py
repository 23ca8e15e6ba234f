"""RSS 2.0 and Atom 1.0 feeds: every feed of the output contract parses (feedparser without
bozo, lxml) and carries the promised fields; entries newest published first with permanent
GUIDs; updates shown; the entry limit; autodiscovery, the 订阅 page and the OPML file."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import yaml
from conftest import REGIONS_YAML, REPO, SAMPLE_DATA, SAMPLE_NOW
from lxml import etree, html
from opendata_support import (
    SITE_URL,
    SMALL_AMENDED,
    SMALL_EMBARGOED,
    SMALL_WITHDRAWN,
    build,
    build_small_site,
    project_copy,
    tender,
)

from generator.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"
DCTERMS = "{http://purl.org/dc/terms/}"
FAMILIES = ("all", "tenders", "results", "penalties")
CATEGORIES = ("construction", "procurement", "land", "mining", "property", "medical", "franchise",
              "other")
FEED_LIMIT = 50  # mkdocs.yml's extra.gongshi.feed_limit

# From data/: a tender amended twice (the second amendment moves its deadline to 2026-12-10
# 09:30), and a withdrawn tender of 应城市 (420981).
AMENDED_TENDER = "XG-GC-2026-088-ZB"
AMENDMENTS = ("XG-GC-2026-088-BG1", "XG-GC-2026-088-BG2")
WITHDRAWN_TENDER = "YC-GC-2026-011-ZB"


def sample_regions() -> list[dict[str, str]]:
    return yaml.safe_load((SAMPLE_DATA / "regions.yaml").read_text(encoding="utf-8"))


def contract_feed_names() -> list[str]:
    regions = [f"region/{r['code']}" for r in sample_regions()]
    return [*FAMILIES, *regions, *(f"category/{c}" for c in CATEGORIES)]


def parsed(site: Path, name: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site / "feeds" / name).read_bytes())
    assert not feed.bozo, f"{name}: {feed.get('bozo_exception')}"
    return feed


def notice_url(notice_id: str) -> str:
    return f"{SITE_URL}notices/{notice_id}/"


def entry_for(feed: feedparser.FeedParserDict, notice_id: str) -> feedparser.FeedParserDict:
    found = [e for e in feed.entries if e.id == notice_url(notice_id)]
    assert found, f"{notice_id} is not in the feed"
    return found[0]


def as_datetime(struct: object) -> datetime:
    return datetime(*struct[:6])  # type: ignore[index]  # feedparser gives UTC struct_time


# --- every contract feed exists and parses --------------------------------------------------------


@pytest.mark.parametrize("name", contract_feed_names())
def test_every_contract_feed_parses_as_rss_and_atom(sample_site, name):
    rss = parsed(sample_site, f"{name}.xml")
    atom = parsed(sample_site, f"{name}.atom")
    assert rss.version == "rss20"
    assert atom.version == "atom10"
    assert etree.fromstring((sample_site / "feeds" / f"{name}.xml").read_bytes()).tag == "rss"
    root = etree.fromstring((sample_site / "feeds" / f"{name}.atom").read_bytes())
    assert root.tag == f"{ATOM}feed"
    assert [e.id for e in rss.entries] == [e.id for e in atom.entries]


def test_feed_level_fields(sample_site):
    rss_root = etree.fromstring((sample_site / "feeds/region/420900.xml").read_bytes())
    channel = rss_root.find("channel")
    assert "孝感市" in channel.findtext("title")
    assert channel.findtext("link") == f"{SITE_URL}region/420900/"
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == f"{SITE_URL}feeds/region/420900.xml"
    assert channel.findtext("language") == "zh-CN"
    assert channel.findtext("description")
    assert channel.findtext("generator") == "gongshi"  # no library version that changes builds

    atom_root = etree.fromstring((sample_site / "feeds/region/420900.atom").read_bytes())
    assert atom_root.findtext(f"{ATOM}id") == f"{SITE_URL}feeds/region/420900.atom"
    links = {link.get("rel"): link.get("href") for link in atom_root.findall(f"{ATOM}link")}
    assert links == {"self": f"{SITE_URL}feeds/region/420900.atom",
                     "alternate": f"{SITE_URL}region/420900/"}
    assert atom_root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"


def test_feed_dates_come_from_the_data(sample_site):
    """The feed's updated / lastBuildDate is its newest entry change, not the build time."""
    atom = parsed(sample_site, "all.atom")
    newest_change = max(as_datetime(e.updated_parsed) for e in atom.entries)
    assert as_datetime(atom.feed.updated_parsed) == newest_change
    rss_root = etree.fromstring((sample_site / "feeds/all.xml").read_bytes())
    last_build = parsedate_to_datetime(rss_root.find("channel").findtext("lastBuildDate"))
    assert last_build == datetime.fromisoformat(atom.feed.updated)
    assert last_build < datetime.fromisoformat(SAMPLE_NOW)


# --- entries ---------------------------------------------------------------------------------------


def test_entries_newest_published_first_with_permalink_guids(sample_site):
    rss = parsed(sample_site, "all.xml")
    assert len(rss.entries) == FEED_LIMIT  # 97 public notices, 50 per feed
    published = [as_datetime(e.published_parsed) for e in rss.entries]
    assert published == sorted(published, reverse=True)
    assert published[0] > published[-1]
    for entry in rss.entries:
        assert entry.id == entry.link
        assert entry.id.startswith(f"{SITE_URL}notices/") and entry.id.endswith("/")
    root = etree.fromstring((sample_site / "feeds/all.xml").read_bytes())
    assert {g.get("isPermaLink") for g in root.iter("guid")} == {"true"}


def test_entry_title_summary_and_categories(sample_site):
    atom = parsed(sample_site, "region/420900.atom")
    entry = entry_for(atom, AMENDED_TENDER)
    assert entry.title.startswith("孝感市北京路")
    for expected in ("招标公告", "公告中", "孝感市", "2026-12-10 09:30", "31,580,000 元"):
        assert expected in entry.summary, expected
    terms = {(t.term, t.get("scheme"), t.get("label")) for t in entry.tags}
    assert ("tender", None, "招标公告") in terms
    assert ("construction", f"{SITE_URL}category/", "工程建设") in terms
    assert ("420900", f"{SITE_URL}region/", "孝感市") in terms
    assert entry.author == "孝感市公共资源交易中心"


def test_region_feed_rolls_up_the_regions_below(sample_site):
    """孝感市's feed carries 孝南区 (420902) notices and no 武汉市 (4201xx) one."""
    subtree = {"420900"} | {r["code"] for r in sample_regions() if r.get("parent") == "420900"}
    atom = parsed(sample_site, "region/420900.atom")
    codes = {t.term for e in atom.entries for t in e.tags if t.get("scheme") == f"{SITE_URL}region/"}
    assert "420902" in codes
    assert not any(code.startswith("4201") for code in codes)
    assert codes <= subtree
    # the province's feed includes both cities
    province = parsed(sample_site, "region/420000.atom")
    province_codes = {t.term for e in province.entries for t in e.tags}
    assert any(c.startswith("4201") for c in province_codes) and "420902" in province_codes


def test_amended_entry_shows_when_and_what_changed(sample_site):
    for name in ("region/420900.atom", "region/420900.xml"):
        entry = entry_for(parsed(sample_site, name), AMENDED_TENDER)
        assert as_datetime(entry.updated_parsed) > as_datetime(entry.published_parsed), name
        assert entry.updated_parsed[:5] == (2026, 11, 20, 7, 0)  # BG2, 15:00 in Beijing
        assert "变更公告" in entry.summary
        assert "截止时间改为 2026-12-10 09:30" in entry.summary
        assert "2026-12-03 09:30" in entry.summary  # the superseded deadline, named as such
        # and the amendments are entries of their own
        for amendment in AMENDMENTS:
            entry_for(parsed(sample_site, name), amendment)


def test_withdrawn_entry_is_updated_and_says_so(sample_site):
    entry = entry_for(parsed(sample_site, "region/420981.atom"), WITHDRAWN_TENDER)
    assert entry.updated_parsed[:3] == (2026, 5, 24)  # 2026-05-25 00:00 +08:00
    assert "已撤销" in entry.summary


def test_an_entry_without_changes_is_not_marked_modified(sample_site):
    root = etree.fromstring((sample_site / "feeds/all.xml").read_bytes())
    for item in root.iter("item"):
        modified = item.findtext(f"{DCTERMS}modified")
        if modified is not None:
            published = parsedate_to_datetime(item.findtext("pubDate"))
            assert datetime.fromisoformat(modified) > published


# --- stable across builds --------------------------------------------------------------------------


def guids(site: Path) -> dict[str, list[str]]:
    """Feed file name → the ids of its entries, for every RSS and Atom feed."""
    names = [f"{name}.{ext}" for name in contract_feed_names() for ext in ("xml", "atom")]
    return {name: [e.id for e in parsed(site, name).entries] for name in names}


def test_guids_are_the_same_in_a_later_build(sample_site, tmp_path):
    """An hour later nothing new is public: the feeds name the same notices by the same ids."""
    later = tmp_path / "later"
    code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(SAMPLE_DATA), "--out", str(later),
                 "--now", "2026-11-26T13:00:00+08:00"])
    assert code == 0
    first, second = guids(sample_site), guids(later)
    assert first == second
    assert sum(len(ids) for ids in first.values()) > 100


# --- a small site with a feed limit of 2 -----------------------------------------------------------


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    return build_small_site(tmp_path_factory.mktemp("small-feeds"))


def test_entry_limit_keeps_the_newest(small_site):
    rss = parsed(small_site, "all.xml")
    atom = parsed(small_site, "all.atom")
    expected = [notice_url("XN-CG-2026-001-BG1"), notice_url(SMALL_WITHDRAWN)]
    assert [e.id for e in rss.entries] == expected
    assert [e.id for e in atom.entries] == expected
    region = parsed(small_site, "region/420900.atom")
    assert [e.id for e in region.entries] == expected  # 孝感市: 3 notices, limit 2


def test_feed_date_is_the_newest_change_of_its_entries(small_site):
    atom = parsed(small_site, "all.atom")
    assert atom.feed.updated == "2026-03-12T00:00:00+08:00"  # the withdrawal
    # 江岸区's only notice, published 2026-03-05 and never changed
    assert parsed(small_site, "region/420102.atom").feed.updated == "2026-03-05T09:00:00+08:00"


def test_an_empty_feed_still_parses_with_a_date_from_the_data(small_site):
    for name in ("penalties", "category/mining", "region/429004"):
        atom = parsed(small_site, f"{name}.atom")
        rss = parsed(small_site, f"{name}.xml")
        assert atom.entries == [] and rss.entries == []
        assert atom.feed.updated == "2026-03-12T00:00:00+08:00"  # the site's latest change


def test_embargoed_notice_and_hostile_body_stay_out_of_feeds(small_site):
    for path in (small_site / "feeds").rglob("*"):
        if path.is_file() and path.suffix in (".xml", ".atom"):  # feeds/ holds their pages too
            text = path.read_text(encoding="utf-8")
            assert SMALL_EMBARGOED not in text, path
            for hostile in ("<script", "&lt;script", "javascript:", "onerror", "alert("):
                assert hostile not in text, (path, hostile)
    region = parsed(small_site, "region/420902.atom")
    assert [e.id for e in region.entries] == [notice_url("XN-CG-2026-001-BG1"),
                                              notice_url(SMALL_AMENDED)]
    tender = entry_for(region, SMALL_AMENDED)
    assert "正文" in tender.content[0].value


# --- markup in a region's name or a title stays text ---------------------------------------------

MARKED_REGION = "孝南区<b>粗体</b><script>alert(1)</script> & <i>"
MARKED_TITLE = "孝南区<em>强调</em>采购询价公告 & <img src=x onerror=alert(2)>"
SITE_NAME = "公示 · 湖北公共资源交易信息发布"


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory) -> Path:
    """A region whose name, and a notice whose title, hold markup."""
    root = tmp_path_factory.mktemp("marked-feeds")
    data = root / "data"
    (data / "notices" / "2026").mkdir(parents=True)
    (data / "files").mkdir()
    regions = REGIONS_YAML.replace("name: 孝南区", "name: '" + MARKED_REGION + "'")
    (data / "regions.yaml").write_text(regions, encoding="utf-8")
    notice = tender(title="'" + MARKED_TITLE + "'", published="2026-03-01 09:00",
                    deadline="2026-04-20 09:30", project="XN-CG-2026-081")
    (data / "notices" / "2026" / "XN-CG-2026-081-ZB.yaml").write_text(notice, encoding="utf-8")
    return build(project_copy(root / "project"), data, root / "site", "2026-03-20T12:00:00+08:00")


def shown_as_html(text: str) -> str:
    """What a reader that renders the text as HTML shows; it must create no element."""
    fragment = html.fragment_fromstring(text, create_parent="div")
    assert len(fragment) == 0, f"markup became elements: {text!r}"
    return fragment.text_content()


def plain_element(element) -> str:
    """An XML element that holds only text (no child element)."""
    assert element is not None and len(element) == 0, etree.tostring(element)
    return element.text or ""


def test_rss_titles_and_description_show_markup_as_text(marked_site):
    channel = etree.fromstring((marked_site / "feeds/region/420902.xml").read_bytes()).find("channel")
    # RSS readers render title and description as HTML: escaped once more, they show the text
    assert shown_as_html(plain_element(channel.find("title"))) == f"{MARKED_REGION} · {SITE_NAME}"
    assert MARKED_REGION in shown_as_html(plain_element(channel.find("description")))
    item_title = plain_element(channel.find("item/title"))
    assert shown_as_html(item_title) == MARKED_TITLE
    feed = parsed(marked_site, "region/420902.xml")
    for detail in (feed.feed.title_detail, feed.feed.subtitle_detail, feed.entries[0].title_detail):
        assert detail.type == "text/html", detail
    assert shown_as_html(feed.feed.title) == f"{MARKED_REGION} · {SITE_NAME}"
    assert MARKED_REGION in shown_as_html(feed.feed.subtitle)
    assert shown_as_html(feed.entries[0].title) == MARKED_TITLE


def test_atom_titles_and_subtitle_are_the_text_as_written(marked_site):
    root = etree.fromstring((marked_site / "feeds/region/420902.atom").read_bytes())
    for element in (root.find(f"{ATOM}title"), root.find(f"{ATOM}subtitle"),
                    root.find(f"{ATOM}entry/{ATOM}title")):
        assert element.get("type", "text") == "text"  # Atom text: shown as written
    assert plain_element(root.find(f"{ATOM}title")) == f"{MARKED_REGION} · {SITE_NAME}"
    assert MARKED_REGION in plain_element(root.find(f"{ATOM}subtitle"))
    assert plain_element(root.find(f"{ATOM}entry/{ATOM}title")) == MARKED_TITLE
    feed = parsed(marked_site, "region/420902.atom")
    assert feed.feed.title_detail.type == "text/plain"
    assert feed.feed.title == f"{MARKED_REGION} · {SITE_NAME}"
    assert feed.entries[0].title == MARKED_TITLE


# --- autodiscovery, the 订阅 page, OPML -----------------------------------------------------------


def discovered(site: Path, page: str) -> set[str]:
    """The feed paths a page's <link rel="alternate …"> elements point at, site-root relative."""
    document = html.fromstring((site / page / "index.html").read_bytes())
    base = f"http://site.test/{page}/" if page else "http://site.test/"
    found = set()
    for link in document.iter("link"):
        if "alternate" in (link.get("rel") or "").split() and "xml" in (link.get("type") or ""):
            found.add(urljoin(base, link.get("href")).removeprefix("http://site.test/"))
    return found


@pytest.mark.parametrize(("page", "feed"), [
    ("", "all"),
    ("tenders", "tenders"),
    ("results", "results"),
    ("penalties", "penalties"),
    ("region/420900", "region/420900"),
    ("category/land", "category/land"),
    (f"notices/{AMENDED_TENDER}", "region/420900"),  # a notice: its region's feed (and project's)
    ("about", "all"),  # a hand-written page
    ("subscribe", "all"),
    ("downloads", "all"),
])
def test_every_page_announces_its_matching_feed(sample_site, page, feed):
    expected = {f"feeds/{feed}.xml", f"feeds/{feed}.atom"}
    if page.startswith("notices/"):  # a notice of a project: the project's feed too, Atom alone
        project = AMENDED_TENDER.removesuffix("-ZB")
        expected |= {f"feeds/project/{project}.atom"}
    assert discovered(sample_site, page) == expected


def test_every_feed_list_offers_every_contract_feed_with_a_copy_button(sample_site):
    """feeds/: what the 订阅 page listed before it started with a picker."""
    document = html.fromstring((sample_site / "feeds/index.html").read_bytes())
    copyable = {button.get("data-copy") for button in document.find_class("gs-copy")}
    shown = {code.text_content() for code in document.find_class("gs-url__text")}
    for name in contract_feed_names():
        for extension in ("xml", "atom"):
            url = f"{SITE_URL}feeds/{name}.{extension}"
            assert url in copyable and url in shown, url
    for region in sample_regions():
        assert f"{SITE_URL}calendar/region/{region['code']}.ics" in copyable
    assert f"{SITE_URL}feeds/opml.xml" in copyable
    assert f"{SITE_URL}calendar/deadlines.ics" in copyable
    assert (sample_site / "assets/gongshi-copy.js").is_file()
    scripts = {s.get("src") or "" for s in document.iter("script")}
    assert any(src.endswith("assets/gongshi-copy.js") for src in scripts)
    # grouped: families, the region tree (nested), categories
    tree = document.find_class("gs-feed-tree")[0]
    xiaogan = tree.xpath(".//div[@data-feed='region/420900']")[0]
    nested = xiaogan.getparent().xpath("./ul//div[@data-feed='region/420902']")
    assert nested, "孝南区 sits under 孝感市 in the tree"


def test_opml_lists_every_rss_feed(sample_site):
    root = etree.fromstring((sample_site / "feeds/opml.xml").read_bytes())
    assert root.tag == "opml" and root.get("version") == "2.0"
    outlines = root.findall("./body/outline")
    assert [o.get("text") for o in outlines] == ["按公告类型", "按地区", "按交易类别"]
    urls = [o.get("xmlUrl") for o in root.iter("outline") if o.get("type") == "rss"]
    assert sorted(urls) == sorted(f"{SITE_URL}feeds/{n}.xml" for n in contract_feed_names())
    assert root.findtext("head/dateModified")
