"""Feeds for people: every feed link of a page leads to a readable page of that feed (what it
holds, its latest entries as in its XML, its addresses with copy buttons, its calendar, how to
use them); listing pages announce their feed's XML in the head; the 订阅 page starts with a
region and category picker that works without JavaScript; feeds of region × category and of
each project hold exactly their notices, with summaries and links, not bodies; a project's
calendar holds its schedule; an unchanged project's files are neither rendered nor written
again. Expectations are read from data/ by the golden test's oracle, never from the generator."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

import feedparser
import pytest
from conftest import REPO, SAMPLE_DATA, VALID_TENDER
from icalendar import Calendar
from lxml import etree, html
from test_site_golden import NOW, TZ, Oracle, start_of

from generator.commands.build import build
from generator.config import load_settings
from generator.listings import CATEGORIES, project_slug
from generator.publish import OutputPaths
from generator.words import FEED_PAGES, FEEDS, SITE

SITE_URL = "https://gongshi.example.cn/"
HOST = "gongshi.example.cn"
FEED_LIMIT = load_settings(REPO / "mkdocs.yml").feed_limit
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
AMENDED_TENDER = "XG-GC-2026-088-ZB"  # 孝感市, construction; moved to 2026-12-10 09:30 by BG2
AMENDED_PROJECT = "XG-GC-2026-088"
ZH = FEED_PAGES.words("zh")


@pytest.fixture(scope="module")
def oracle() -> Oracle:
    return Oracle(SAMPLE_DATA, NOW)


def parse(site: Path, path: str) -> html.HtmlElement:
    """The page at a site path (a folder URL, as links give it)."""
    file = site / unquote(path).lstrip("/")
    if path.endswith("/") or not path:
        file = file / "index.html"
    assert file.is_file(), f"{path} was not built"
    return html.parse(str(file)).getroot()


def internal(href: str | None) -> bool:
    return bool(href) and (not urlsplit(href).scheme or href.startswith(SITE_URL))


def site_path(page: str, href: str) -> str:
    """A link of the page at `page` as a path below the site root (our absolute URLs too)."""
    if href.startswith(SITE_URL):
        return href.removeprefix(SITE_URL)
    joined = urljoin(f"http://site.test/{page}", href)
    assert joined.startswith("http://site.test/"), href
    return urlsplit(joined).path.removeprefix("/")


def feed(site: Path, relative: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / relative).read_bytes())
    assert not parsed.bozo, f"{relative}: {parsed.get('bozo_exception')}"
    return parsed


def entry_ids(parsed: feedparser.FeedParserDict) -> list[str]:
    return [e.id.removeprefix(f"{SITE_URL}notices/").rstrip("/") for e in parsed.entries]


def feed_pages(site: Path) -> list[str]:
    """Every feed page as a folder path below the site root."""
    return sorted(f"{p.parent.relative_to(site).as_posix()}/"
                  for p in (site / "feeds").glob("**/index.html") if p.parent != site / "feeds")


def alternates(document: html.HtmlElement, page: str) -> dict[str, str]:
    """The page's <link rel="alternate …"> feeds: media type → path below the site root."""
    found = {}
    for link in document.iter("link"):
        if "alternate" in (link.get("rel") or "").split() and "xml" in (link.get("type") or ""):
            found.setdefault(link.get("type"), site_path(page, link.get("href")))
    return found


def copyable(element: html.HtmlElement) -> set[str]:
    return {button.get("data-copy") for button in element.find_class("gs-copy")}


# --- every feed link leads to a page, which links the XML -----------------------------------------


def listing_pages(site: Path) -> list[str]:
    """The first page of every listing (they carry the search link)."""
    return sorted(f"{p.parent.relative_to(site).as_posix()}/"
                  for p in site.rglob("index.html") if "page" not in p.relative_to(site).parts
                  and html.parse(str(p)).getroot().find_class("gs-search-link"))


def test_a_listings_feed_link_opens_a_readable_page_not_xml(sample_site: Path) -> None:
    pages = listing_pages(sample_site)
    assert "region/420902/" in pages and "category/construction/" in pages and "open/" in pages
    for page in pages:
        links = parse(sample_site, page).find_class("gs-feed-link")
        assert [link.text_content().strip() for link in links] == ["RSS / Atom"], page
        target = site_path(page, links[0].get("href"))
        assert re.fullmatch(r"feeds/[a-z0-9/]+/", target), (page, target)
        feed_page = parse(sample_site, target)
        assert feed_page.find_class("gs-feed-page"), target
        # the page links the files themselves, and they are feeds
        files = {site_path(target, a.get("href")) for a in feed_page.find_class("gs-url__kind")
                 if a.tag == "a"}
        name = target.removesuffix("/")
        assert {f"{name}.xml", f"{name}.atom"} <= files, (target, files)
        assert feed(sample_site, f"{name}.xml").version == "rss20"


def test_listing_pages_and_feed_pages_announce_the_feed_xml_in_their_head(sample_site: Path) -> None:
    assert "feeds/region/420902/" in feed_pages(sample_site)
    for page in [*listing_pages(sample_site), *feed_pages(sample_site)]:
        found = alternates(parse(sample_site, page), page)
        assert set(found) == {"application/rss+xml", "application/atom+xml"}, page
        rss, atom = found["application/rss+xml"], found["application/atom+xml"]
        assert etree.parse(str(sample_site / rss)).getroot().tag == "rss", (page, rss)
        assert etree.parse(str(sample_site / atom)).getroot().tag == f"{ATOM}feed", (page, atom)
        if page.startswith("feeds/"):  # a feed's page announces that feed
            assert rss == f"{page.removesuffix('/')}.xml", page


def test_a_notice_page_links_its_region_feed_page(sample_site: Path) -> None:
    """The county's feed, followed from a notice, is a page too (it was raw XML)."""
    page = f"notices/{AMENDED_TENDER}/"
    follow = parse(sample_site, page).get_element_by_id("gs-follow")
    targets = {site_path(page, a.get("href")) for a in follow.iter("a") if internal(a.get("href"))}
    assert {"feeds/region/420900/", "feeds/region/420900/construction/"} <= targets
    for target in targets - {"subscribe/"}:
        if target.endswith("/"):
            assert parse(sample_site, target).find_class("gs-feed-page"), target


# --- a feed's page -----------------------------------------------------------------------------------


def test_every_feed_with_a_page_has_one_showing_its_newest_entries_as_in_its_xml(
        sample_site: Path) -> None:
    pages = feed_pages(sample_site)
    expected = {f"{p.relative_to(sample_site / 'feeds').with_suffix('').as_posix()}"
                for p in (sample_site / "feeds").rglob("*.xml")
                if p.name != "opml.xml" and "project" not in p.parts and "entity" not in p.parts}
    assert {p.removeprefix("feeds/").removesuffix("/") for p in pages} == expected
    for page in pages:
        document = parse(sample_site, page)
        name = page.removesuffix("/")
        rss, atom = feed(sample_site, f"{name}.xml"), feed(sample_site, f"{name}.atom")
        items = document.find_class("gs-feed-entry")
        assert len(items) == min(10, len(rss.entries)), page
        shown = [(a.get("href"), a.text_content().strip())
                 for item in items for a in item.find_class("gs-feed-entry__title")]
        for parsed in (rss, atom):
            newest = [(e.link.removeprefix(SITE_URL), e.title) for e in parsed.entries[:len(items)]]
            assert [(site_path(page, href), title) for href, title in shown] == newest, page
        for item, entry in zip(items, atom.entries, strict=False):
            when = datetime.fromisoformat(item.find(".//time").get("datetime"))
            assert when == datetime.fromisoformat(entry.published), page
        assert {f"{SITE_URL}{name}.xml", f"{SITE_URL}{name}.atom"} <= copyable(document), page


def test_a_feed_page_says_what_it_holds_and_how_to_use_it(sample_site: Path) -> None:
    document = parse(sample_site, "feeds/region/420900/construction/")
    content = " ".join(document.find_class("md-content")[0].text_content().split())
    assert "孝感市及其下辖各地区的工程建设类公告" in content
    assert ZH["feed_entries_summary"] in content  # a new feed: no bodies, and says so
    headings = [h.text_content().strip() for h in document.iter("h2")]
    for heading in ("feed_addresses", "feed_latest", "howto_reader_heading", "howto_phone_heading"):
        assert ZH[heading] in headings, heading
    assert SITE.words("zh")["deadline_calendar"] in headings
    # the matching calendar: its https address to copy, and webcal:// to open in a calendar app
    calendar = f"{SITE_URL}calendar/region/420900/construction.ics"
    assert calendar in copyable(document)
    webcal = [a.get("href") for a in document.find_class("gs-webcal")]
    assert webcal == [calendar.replace("https://", "webcal://")]
    Calendar.from_ical((sample_site / "calendar/region/420900/construction.ics").read_bytes())
    # how to: a reader's "add subscription" (kinds of readers, no brand), a phone's calendar
    assert ZH["howto_reader_paste"] in content and ZH["howto_reader_kinds"] in content
    assert "添加已订阅的日历" in content and "通过网址添加" in content
    # it leads wider (its region, its category) and to the search that lists the same notices
    links = {site_path("feeds/region/420900/construction/", a.get("href"))
             for a in document.iter("a") if internal(a.get("href"))}
    assert {"feeds/region/420900/", "feeds/category/construction/"} <= links
    searches = [urlsplit(a.get("href")) for a in document.iter("a")
                if internal(a.get("href")) and "/search/?" in a.get("href")]
    assert [dict(parse_qsl(s.query)) for s in searches] == [
        {"region": "420900", "category": "construction", "period": "all"}]


def test_a_region_feed_page_offers_its_categories_and_the_regions_below(
        sample_site: Path, oracle: Oracle) -> None:
    document = parse(sample_site, "feeds/region/420900/")
    chips = {site_path("feeds/region/420900/", a.get("href"))
             for a in document.find_class("gs-chip")}
    categories = {n.raw.get("category") for n in oracle.in_region("420900")} - {None}
    assert {f"feeds/region/420900/{c}/" for c in categories} <= chips
    children = {code for code, parent in oracle.parent.items() if parent == "420900"}
    assert {f"feeds/region/{code}/" for code in children} <= chips


def test_the_english_feed_page_speaks_english(english_sample_site: Path) -> None:
    document = parse(english_sample_site, "feeds/region/420900/construction/")
    en = FEED_PAGES.words("en")
    assert document.get("lang") == "en"
    h1 = document.find(".//h1").text_content()
    assert h1.startswith("Feed: ") and "孝感市" in h1
    headings = [h.text_content().strip() for h in document.iter("h2")]
    assert en["howto_reader_heading"] in headings and en["howto_phone_heading"] in headings
    assert document.find_class("gs-feed-page__about")[0].find(".//span[@lang='zh']").text == "孝感市"


# --- feeds of region × category --------------------------------------------------------------------


def test_a_region_category_feed_exists_where_there_are_notices_and_holds_exactly_them(
        sample_site: Path, oracle: Oracle) -> None:
    expected: dict[tuple[str, str], list[str]] = {}
    for code in oracle.parent:
        for category in CATEGORIES:
            found = [n.id for n in oracle.in_region(code) if n.raw.get("category") == category]
            if found:
                expected[(code, category)] = found[:FEED_LIMIT]  # newest first
    built = {(p.parent.name, p.stem) for p in (sample_site / "feeds/region").glob("*/*.xml")}
    assert built == set(expected)
    assert any(len(ids) > 1 for ids in expected.values())
    assert ("420000", "construction") in expected  # rolled up from the cities and counties
    for (code, category), ids in expected.items():
        for extension in ("xml", "atom"):
            parsed = feed(sample_site, f"feeds/region/{code}/{category}.{extension}")
            assert entry_ids(parsed) == ids, (code, category, extension)
    province = entry_ids(feed(sample_site, "feeds/region/420000/construction.atom"))
    assert {oracle.notices[i].region for i in province} > {"420000"}


def test_the_new_feeds_carry_summaries_and_links_not_bodies(sample_site: Path) -> None:
    new = [*(sample_site / "feeds/region").glob("*/*.atom"), *(sample_site / "feeds/project").glob("*.atom")]
    assert len(new) > 20
    for path in new:
        root = etree.parse(str(path)).getroot()
        entries = root.findall(f"{ATOM}entry")
        for entry in entries:
            assert entry.find(f"{ATOM}content") is None, path
            assert entry.findtext(f"{ATOM}summary"), path
            assert entry.find(f"{ATOM}link").get("href").startswith(f"{SITE_URL}notices/")
        if path.with_suffix(".xml").exists():  # a project's feed is Atom alone
            rss = etree.parse(str(path.with_suffix(".xml"))).getroot()
            assert not list(rss.iter(CONTENT)), path
    # the feeds of the output contract keep their bodies: the test can tell the two apart
    region = etree.parse(str(sample_site / "feeds/region/420900.atom")).getroot()
    assert region.findall(f"{ATOM}entry/{ATOM}content")
    # and so a region × category feed is a fraction of its region's size for as many entries
    narrow = sample_site / "feeds/region/420000/construction.atom"
    wide = sample_site / "feeds/region/420000.atom"
    per_entry = {p: p.stat().st_size / len(etree.parse(str(p)).getroot().findall(f"{ATOM}entry"))
                 for p in (narrow, wide)}
    assert per_entry[narrow] < per_entry[wide] * 0.8, per_entry


# --- feeds and calendars of projects ---------------------------------------------------------------


def projects(oracle: Oracle) -> dict[str, list[str]]:
    """Each project with a public notice: its public notices but penalties, newest first."""
    found: dict[str, list[str]] = {}
    for notice in oracle.public:
        if notice.project and notice.type != "penalty":
            found.setdefault(notice.project, []).append(notice.id)
    return found


def test_a_project_feed_holds_exactly_the_projects_notices(sample_site: Path, oracle: Oracle) -> None:
    expected = projects(oracle)
    built = {p.stem for p in (sample_site / "feeds/project").glob("*.atom")}
    assert built == set(expected)  # the sample's codes are plain file names
    # Atom alone, as an organisation's (listings.Listing.atom_only): no RSS file
    assert [p.name for p in (sample_site / "feeds/project").iterdir() if p.suffix != ".atom"] == []
    for code, ids in expected.items():
        assert entry_ids(feed(sample_site, f"feeds/project/{code}.atom")) == ids, code
    amended = entry_ids(feed(sample_site, f"feeds/project/{AMENDED_PROJECT}.atom"))
    assert {oracle.notices[i].type for i in amended} >= {"tender", "amendment"}
    project = feed(sample_site, f"feeds/project/{AMENDED_PROJECT}.atom")
    assert project.feed.link.startswith(f"{SITE_URL}notices/{AMENDED_TENDER}/")  # its follow section


def _opening(oracle: Oracle, tender_id: str) -> datetime | None:
    """A tender's bid opening as its public amendments leave it."""
    tender = oracle.notices[tender_id]
    opening = tender.raw.get("opening", {}).get("time") if tender.raw.get("opening") else None
    amendments = sorted((n for n in oracle.public
                         if n.type == "amendment" and n.raw["amends"] == tender_id),
                        key=lambda n: (n.published, n.id))
    for amendment in amendments:
        changed = (amendment.raw.get("changes") or {}).get("opening")
        if changed:
            opening = changed["time"]
    return start_of(opening) if opening is not None else None


def expected_events(oracle: Oracle, code: str) -> dict[str, datetime | date]:
    """The project's schedule: deadline and opening of each tender not withdrawn, the end of each
    candidates' publicity not withdrawn."""
    found: dict[str, datetime | date] = {}
    for notice in oracle.public:
        if notice.project != code or notice.withdrawn:
            continue
        if notice.type == "tender":
            assert notice.deadline is not None
            found[f"{notice.id}-deadline@{HOST}"] = notice.deadline
            opening = _opening(oracle, notice.id)
            if opening is not None:
                found[f"{notice.id}-opening@{HOST}"] = opening
        elif notice.type == "candidates":
            end = notice.raw["publicity_end"]
            found[f"{notice.id}-publicity-end@{HOST}"] = (
                end if isinstance(end, date) and not isinstance(end, datetime) else start_of(end))
    return found


def test_a_project_calendar_holds_exactly_its_deadlines_openings_and_publicity_ends(
        sample_site: Path, oracle: Oracle) -> None:
    codes = projects(oracle)
    assert {p.stem for p in (sample_site / "calendar/project").glob("*.ics")} == set(codes)
    kinds = set()
    for code in codes:
        calendar = Calendar.from_ical((sample_site / f"calendar/project/{code}.ics").read_bytes())
        events = {str(e["UID"]): e["DTSTART"].dt for e in calendar.walk("VEVENT")}
        assert events == expected_events(oracle, code), code
        kinds |= {uid.split("@")[0].rsplit("-", 1)[-1] for uid in events}
        assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert kinds >= {"deadline", "opening", "end"}  # the sample exercises each kind of event
    amended = Calendar.from_ical((sample_site / f"calendar/project/{AMENDED_PROJECT}.ics").read_bytes())
    deadline = next(e for e in amended.walk("VEVENT")
                    if str(e["UID"]) == f"{AMENDED_TENDER}-deadline@{HOST}")
    assert deadline["DTSTART"].dt == datetime(2026, 12, 10, 9, 30, tzinfo=TZ)
    assert int(deadline["SEQUENCE"]) == 2  # two amendments


def test_every_notice_of_a_project_offers_to_follow_it(sample_site: Path, oracle: Oracle) -> None:
    codes = projects(oracle)
    for notice in oracle.public:
        page = f"notices/{notice.id}/"
        document = parse(sample_site, page)
        follow = document.get_element_by_id("gs-follow")
        heading = follow.find(".//h2").text_content().strip()
        if notice.project in codes and notice.type != "penalty":
            assert heading == ZH["follow_heading"], page
            files = {f"feeds/project/{notice.project}.atom", f"calendar/project/{notice.project}.ics"}
            assert {url.removeprefix(SITE_URL) for url in copyable(follow)} == files, page
            assert all((sample_site / f).is_file() for f in files)
            assert document.xpath("//a[@href='#gs-follow']"), page  # from the project's facts
        else:
            assert heading == ZH["follow_elsewhere_heading"], page


def test_a_project_code_that_is_no_file_name_gets_a_safe_one(make_data, tmp_path: Path) -> None:
    assert project_slug("XN-GC-2026-001") == "XN-GC-2026-001"
    odd = "孝建/2026?01 号#..%"
    slug = project_slug(odd)
    assert re.fullmatch(r"[A-Za-z0-9._-]+", slug) and ".." not in slug and slug != project_slug("孝建")
    assert project_slug("../etc") != "../etc" and "/" not in project_slug("../etc")
    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml":
                      VALID_TENDER.replace("code: XN-GC-2026-001", f'code: "{odd}"')})
    out = tmp_path / "site"
    config = REPO / "mkdocs.yml"
    build(data, out, load_settings(config), now=datetime(2026, 3, 10, 12, tzinfo=TZ),
          config_file=config)
    assert entry_ids(feed(out, f"feeds/project/{slug}.atom")) == ["XN-GC-2026-001-ZB"]
    assert (out / f"calendar/project/{slug}.ics").is_file()
    follow = parse(out, "notices/XN-GC-2026-001-ZB/").get_element_by_id("gs-follow")
    assert f"{SITE_URL}feeds/project/{slug}.atom" in copyable(follow)
    assert odd in follow.text_content()


# --- the 订阅 page -------------------------------------------------------------------------------


def test_the_subscribe_page_starts_with_the_picker_and_the_calendar(sample_site: Path) -> None:
    document = parse(sample_site, "subscribe/")
    content = document.find_class("md-content")[0]
    headings = [h.text_content().strip() for h in content.iter("h2")]
    assert headings[:2] == [ZH["subscribe_pick_heading"], SITE.words("zh")["deadline_calendar"]]
    assert len(content.find_class("gs-url")) <= 6  # no wall of addresses: the picker's and the calendar's
    calendar = content.get_element_by_id("calendar")
    assert f"{SITE_URL}calendar/deadlines.ics" in copyable(calendar)
    assert "添加已订阅的日历" in calendar.text_content()
    every = [a for a in content.iter("a") if a.get("href", "").endswith("feeds/")]
    assert every, "the list of every feed's addresses is a link away"


def test_the_picker_leads_to_a_region_category_feed_by_links_without_javascript(
        sample_site: Path) -> None:
    """No script: a region's link, then its category's, reach the feed page of the pair."""
    page = "subscribe/"
    browse = parse(sample_site, page).find_class("gs-picker__browse")[0]
    region = next(a for a in browse.iter("a") if a.text_content().strip() == "孝感市")
    page = site_path(page, region.get("href"))
    assert page == "feeds/region/420900/"
    categories = parse(sample_site, page).get_element_by_id("gs-narrower").getparent()
    construction = next(a for a in categories.iter("a") if a.text.strip() == "工程建设")
    page = site_path(page, construction.get("href"))
    assert page == "feeds/region/420900/construction/"
    document = parse(sample_site, page)
    assert f"{SITE_URL}feeds/region/420900/construction.xml" in copyable(document)
    assert "孝感市" in document.find(".//h1").text_content()
    # a category alone, for every region
    browse = parse(sample_site, "subscribe/").find_class("gs-picker__browse")[0]
    chips = {a.text_content().split()[0]: site_path("subscribe/", a.get("href"))
             for a in browse.find_class("gs-chip")}
    assert chips["工程建设"] == "feeds/category/construction/"
    assert parse(sample_site, chips["工程建设"]).find_class("gs-feed-page")
    assert chips[FEEDS.words("zh")["all"]] == "feeds/all/"


def test_the_picker_knows_every_region_and_its_categories(sample_site: Path, oracle: Oracle) -> None:
    """What the script reads: each region's option says which categories have a feed there."""
    form = parse(sample_site, "subscribe/").find_class("gs-picker__form")[0]
    options = {o.get("value"): o for o in form.get_element_by_id("gs-pick-region").iter("option")}
    assert set(options) == {"", *oracle.parent}
    for code in oracle.parent:
        said = dict(pair.split(":") for pair in options[code].get("data-categories").split())
        counts = {}
        for notice in oracle.in_region(code):
            if notice.raw.get("category"):
                counts[notice.raw["category"]] = counts.get(notice.raw["category"], 0) + 1
        assert {c: int(n) for c, n in said.items()} == counts, code
        for category in said:
            assert (sample_site / f"feeds/region/{code}/{category}.xml").is_file()


# --- incremental: an unchanged project's files stay as they are --------------------------------------


def _stats(tree: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(tree).as_posix(): (os.stat(p).st_ino, os.stat(p).st_mtime_ns)
            for folder in ("feeds/project", "calendar/project") for p in (tree / folder).glob("*")}


def test_an_unchanged_projects_files_are_neither_rendered_nor_written_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render import feeds, opendata

    rendered: list[str] = []
    real_feed, real_calendar = feeds._generator, opendata.render_calendar
    # every feed rendered, wherever from: the contract's feeds with their notices' text too
    monkeypatch.setattr(feeds, "_generator",
                        lambda source: rendered.append(source.self_rss) or real_feed(source))
    monkeypatch.setattr(opendata, "render_calendar",
                        lambda source, zones: rendered.append(source.name) or real_calendar(source, zones))
    data, out = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    config = REPO / "mkdocs.yml"

    def build_now() -> Path:
        rendered.clear()
        # whole builds: the last build's word that nothing changed is not taken (buildstate.py)
        (OutputPaths.of(out).cache / "state.json").unlink(missing_ok=True)
        build(data, out, load_settings(config), now=NOW, config_file=config)
        return out.resolve()  # the tree now live

    first = build_now()
    assert len(rendered) > 50
    before = _stats(first)
    second = build_now()  # nothing changed: nothing is rendered (the other tree is filled)
    assert rendered == []
    # the feeds with the notices' text that hold the edited notice among their newest entries
    holding = {f"{SITE_URL}{path.relative_to(second).as_posix()}"
               for path in (second / "feeds").rglob("*.xml")
               if f"notices/{AMENDED_TENDER}/" in path.read_text(encoding="utf-8")}
    assert f"{SITE_URL}feeds/all.xml" in holding
    edited = next(data.rglob(f"{AMENDED_TENDER}.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: （更正）", 1),
                      encoding="utf-8")
    third = build_now()
    assert third == first  # the two trees take turns
    # the project's feed and calendar, and the region × category feeds and calendars holding it
    touched = {*holding, f"{SITE_URL}feeds/project/{AMENDED_PROJECT}.xml",
               *(f"{SITE_URL}feeds/region/{code}/construction.xml" for code in ("420000", "420900")),
               # and the feeds of the organisations it names (its buyer, its agency)
               *(f"{SITE_URL}feeds/entity/{code}.xml" for code in re.findall(
                   r"uscc: ([0-9A-Z]{18})", edited.read_text(encoding="utf-8")))}
    feeds_rendered = {name for name in rendered if name.startswith(SITE_URL)}
    assert feeds_rendered == touched, feeds_rendered
    after = _stats(third)
    changed = {path for path in before if before[path] != after.get(path)}
    assert changed == {f"feeds/project/{AMENDED_PROJECT}.atom", f"calendar/project/{AMENDED_PROJECT}.ics"}


def test_each_entry_is_written_once_for_the_keys_of_every_feed_that_holds_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A notice is in up to ten feeds: its entry (with its text as HTML, in the full-text
    feeds) is written for the output cache's keys once per build, and each feed's key holds
    its digest, so an edit still changes the key of every feed that holds the notice. A digest
    kept from an earlier build (store.py) stands for its entry: the entry is not made."""
    from generator.commands.build import load_valid
    from generator.derive import derive_site
    from generator.render import feeds
    from generator.render.pages import RenderContext

    settings = load_settings(REPO / "mkdocs.yml")
    site = derive_site(load_valid(SAMPLE_DATA, settings, False), NOW, settings.tz)
    ctx = RenderContext(site, settings.language, SAMPLE_DATA / "files", settings.page_size)
    sources = feeds.FeedSources(ctx, settings)
    written: list[tuple[str, bool]] = []
    real_plain = feeds.plain
    monkeypatch.setattr(feeds, "plain", lambda value: (
        written.append((value.url, bool(value.content))) if isinstance(value, feeds.EntrySource)
        else None) or real_plain(value))
    specs = list(feeds.feed_specs(ctx))
    keys = [sources.key_text(spec) for spec in specs]
    held = [(entry.url, bool(entry.content)) for spec in specs for entry in sources.of(spec).entries]
    assert len(held) > 2 * len(set(held)) and sorted(written) == sorted(set(held))
    made = sources.made_keys()
    spec = next(spec for spec in specs if sources.of(spec).entries and sources.of(spec).entries[0].content)
    newest = feeds.newest_first(spec.notices, settings.feed_limit)[0]
    # the same digests, kept: the same keys, and no entry is made
    written.clear()
    kept = feeds.FeedSources(ctx, settings, dict(made))
    assert [kept.key_text(spec) for spec in specs] == keys and written == []
    # a kept digest that differs (the notice was edited): the key of its feed differs
    edited = feeds.FeedSources(ctx, settings, {**made, (newest.id, True): "0" * 64})
    assert edited.key_text(spec) != keys[specs.index(spec)]


def test_every_feed_listing_is_newest_first_so_a_feed_shows_its_first_notices() -> None:
    """feeds.newest_first takes a listing's first `feed_limit` notices without sorting, and a
    feed's input in the store is the keys of those alone: that holds only while every listing
    with a feed keeps its notices newest published first (ties: id descending)."""
    from generator.commands.build import load_valid
    from generator.derive import derive_site
    from generator.render import feeds
    from generator.render.pages import RenderContext

    settings = load_settings(REPO / "mkdocs.yml")
    site = derive_site(load_valid(SAMPLE_DATA, settings, False), NOW, settings.tz)
    ctx = RenderContext(site, settings.language, SAMPLE_DATA / "files", settings.page_size)
    specs = feeds.feed_specs(ctx)
    kinds = {spec.listing.kind for spec in specs}
    assert {"all", "family", "region", "category", "region-category", "project",
            "organisation"} <= kinds
    for spec in specs:
        ordered = sorted(spec.notices, key=lambda pn: (pn.published_at, pn.id), reverse=True)
        assert list(spec.notices) == ordered, spec.name
        assert feeds.newest_first(spec.notices, 3) == ordered[:3]
