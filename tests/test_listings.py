"""The registry of listings (generator/listings.py) is what the built site offers: every listing's
pages, feeds, OPML outline, sitemap entry and search link come from it, and nothing else."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW
from lxml import html

from generator.commands.build import load_valid
from generator.config import load_settings
from generator.derive import Site, derive_site
from generator.listings import Listing, listings

SITE_URL = "https://gongshi.example.cn/"


@pytest.fixture(scope="module")
def site() -> Site:
    settings = load_settings(REPO / "mkdocs.yml")
    dataset = load_valid(SAMPLE_DATA, settings, strict=False)
    return derive_site(dataset, datetime.fromisoformat(SAMPLE_NOW), settings.tz)


@pytest.fixture(scope="module")
def registry(site: Site) -> list[Listing]:
    return list(listings(site))


def _listing_pages(built: Path) -> set[str]:
    """Folders whose first page is a listing page (they carry the search link; the other pages
    of a listing are in its page/ folder)."""
    return {page.parent.relative_to(built).as_posix()
            for page in built.rglob("index.html")
            if "page" not in page.relative_to(built).parts
            and html.parse(str(page)).getroot().cssselect("a.gs-search-link")}


def test_every_listing_page_of_the_site_is_in_the_registry_and_back(
        sample_site: Path, registry: list[Listing]) -> None:
    assert _listing_pages(sample_site) == {shown.base for shown in registry if shown.has_pages}


def test_each_listing_page_links_the_search_for_its_own_notices(
        sample_site: Path, registry: list[Listing], site: Site) -> None:
    for shown in (s for s in registry if s.has_pages):
        page = html.parse(str(sample_site / shown.base / "index.html")).getroot()
        link = page.cssselect("a.gs-search-link")[0].get("href")
        query = dict(parse_qsl(urlsplit(link).query))
        assert query == shown.search, shown.base
        assert query.pop("period") == "all", "a listing holds every year, its search too"
        # the filters find exactly the listing's notices
        found = {pn.id for pn in site.notices if _matches(pn, query, site)}
        assert found == {pn.id for pn in shown.notices}, shown.base


def _matches(pn, query: dict[str, str], site: Site) -> bool:
    facts = {"family": {pn.family}, "type": {pn.type}, "status": {pn.status},
             "category": {pn.notice.category}, "region": {n.code for n in pn.region.path()}}
    return all(value in facts[key] for key, value in query.items())


def test_every_feed_and_opml_outline_comes_from_a_listing(
        sample_site: Path, registry: list[Listing]) -> None:
    feeds = {shown.feed for shown in registry if shown.has_own_feed}
    written = {p.relative_to(sample_site / "feeds").with_suffix("").as_posix()
               for p in (sample_site / "feeds").rglob("*.xml") if p.name != "opml.xml"}
    # RSS beside Atom for every feed but the organisations' and projects' (Atom alone:
    # Listing.atom_only)
    assert written == {shown.feed for shown in registry if shown.has_own_feed and not shown.atom_only}
    assert {shown.kind for shown in registry if shown.atom_only} == {"organisation", "project"}
    assert {p.with_suffix("").as_posix() for p in (sample_site / "feeds").rglob("*.atom")} == {
        (sample_site / "feeds" / feed).as_posix() for feed in feeds}
    opml = ET.parse(sample_site / "feeds" / "opml.xml")
    outlined = {o.get("xmlUrl").removeprefix(f"{SITE_URL}feeds/").removesuffix(".xml")
                for o in opml.iter("outline") if o.get("type") == "rss"}
    # the feeds of the output contract; not those of regions × categories nor of projects
    assert outlined == {shown.feed for shown in registry if shown.in_opml}
    assert {shown.kind for shown in registry if shown.has_own_feed and not shown.in_opml} == {
        "region-category", "project", "organisation"}


def test_every_listing_page_is_in_the_sitemap(sample_site: Path, registry: list[Listing]) -> None:
    names = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ET.parse(sample_site / "sitemap.xml").findall("sm:url/sm:loc", names)}
    for shown in registry:
        if shown.has_pages or shown.kind == "all":
            assert f"{SITE_URL}{shown.base}/".replace(".cn//", ".cn/") in listed, shown.base


def test_open_tenders_are_the_tenders_feeds_view_in_deadline_order(registry: list[Listing]) -> None:
    shown = next(s for s in registry if s.kind == "open")
    assert not shown.has_own_feed and shown.feed == "tenders" and not shown.archive
    deadlines = [pn.deadline for pn in shown.notices]
    assert deadlines == sorted(deadlines) and all(pn.status == "open" for pn in shown.notices)
