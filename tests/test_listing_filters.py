"""Listings hand over to the search page: every listing page carries a GET form to search/ with
the listing's scope already set and a select for each filter, offering only the values present
in the listing (counted on the first page; on an archive page, the values of the notices up to
it, uncounted, so that a new notice never changes it). The home page's find-tenders form asks
for a region and a category of the open tenders. Expectations come from the data (derive), the
forms from the built sample site."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW
from lxml import html

from generator.commands.build import load_valid
from generator.config import load_settings
from generator.derive import STATUSES, PublicNotice, RegionNode, Site, derive_site
from generator.listings import CATEGORIES, Listing, listings
from generator.model import NOTICE_TYPES

SETTINGS = load_settings(REPO / "mkdocs.yml")
COUNTED = re.compile(r"^(?P<label>.*)（(?P<n>\d+)）$")
INDENT = "\u00a0\u00a0"


@pytest.fixture(scope="module")
def site() -> Site:
    dataset = load_valid(SAMPLE_DATA, SETTINGS, strict=False)
    return derive_site(dataset, datetime.fromisoformat(SAMPLE_NOW), SETTINGS.tz)


@pytest.fixture(scope="module")
def registry(site: Site) -> list[Listing]:
    return list(listings(site))


@dataclass
class Option:
    value: str
    text: str
    selected: bool

    @property
    def label(self) -> str:
        """The text without its count and indentation."""
        match = COUNTED.match(self.text)
        return (match["label"] if match else self.text).lstrip(INDENT)

    @property
    def count(self) -> int | None:
        match = COUNTED.match(self.text)
        return int(match["n"]) if match else None


@dataclass
class Form:
    action: str  # resolved against the page's URL
    method: str
    hidden: list[tuple[str, str]]
    selects: dict[str, list[Option]]
    labels: dict[str, str]  # select name -> its label's text

    def defaults(self) -> dict[str, str]:
        """What the form sends untouched, without the empty "any" values."""
        sent = dict(self.hidden)
        for name, options in self.selects.items():
            chosen = next((o for o in options if o.selected), options[0])
            if chosen.value:
                sent[name] = chosen.value
        return sent

    def values(self, name: str) -> list[str]:
        return [o.value for o in self.selects.get(name, []) if o.value]


def read_form(page: Path, site_dir: Path, selector: str) -> Form:
    tree = html.parse(str(page)).getroot()
    found = tree.cssselect(selector)
    assert len(found) == 1, f"{page}: {len(found)} × {selector}"
    form = found[0]
    url = "http://site/" + page.parent.relative_to(site_dir).as_posix() + "/"
    selects = {s.get("name"): [Option(o.get("value"), o.text_content(), o.get("selected") is not None)
                               for o in s.findall("option")]
               for s in form.findall(".//select")}
    labels = {s.get("name"): s.getparent().cssselect(".gs-filter__name")[0].text_content()
              for s in form.findall(".//select")}
    return Form(urljoin(url.replace("/./", "/"), form.get("action")), form.get("method"),
                [(i.get("name"), i.get("value")) for i in form.findall(".//input[@type='hidden']")],
                selects, labels)


def listing_form(site_dir: Path, page: str) -> Form:
    return read_form(site_dir / page / "index.html", site_dir,
                     "details.gs-filters > form.gs-filters__form")


def year(pn: PublicNotice) -> str:
    return str(pn.published_at.astimezone(SETTINGS.tz).year)


def tree_order(tops: Iterable[RegionNode]) -> Iterator[tuple[RegionNode, int]]:
    for top in tops:
        stack = [(top, 0)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(node.children))


@dataclass
class Expected:
    """What a form made from `notices` offers, per the spec of the form."""

    notices: list[PublicNotice]

    def counts(self, key: str) -> Counter[str]:
        values: Counter[str] = Counter()
        for pn in self.notices:
            values.update({"category": [pn.notice.category] if pn.notice.category else [],
                           "type": [pn.type], "status": [pn.status], "year": [year(pn)],
                           "region": [n.code for n in pn.region.path()]}[key])
        return values

    def ordered(self, key: str) -> list[str]:
        present = self.counts(key)
        order = {"category": CATEGORIES, "type": NOTICE_TYPES, "status": STATUSES,
                 "year": sorted(present, reverse=True)}[key]
        return [code for code in order if present[code]]

    def regions(self, tops: list[RegionNode]) -> list[tuple[str, int]]:
        present = self.counts("region")
        return [(node.code, depth) for node, depth in tree_order(tops) if present[node.code]]

    def sorts(self) -> list[str]:
        deadlines = any(pn.type == "tender" and pn.deadline is not None for pn in self.notices)
        return ["newest", "deadline"] if deadlines else ["newest"]


def check_form(form: Form, shown: Listing, site: Site, expected: Expected, *, counted: bool) -> None:
    where = shown.base
    assert form.method == "get" and form.action == "http://site/search/", where
    # untouched, it asks the search page for exactly the listing, in the listing's order
    assert form.defaults() == {**shown.search, "sort": shown.sort}, where
    tops = [shown.region] if shown.region else sorted(site.roots(), key=lambda n: n.code)
    regions = expected.regions(tops)
    if len(regions) < 2:  # nothing to choose
        assert "region" not in form.selects, where
    else:
        options = [o for o in form.selects["region"] if o.value]
        assert [(o.value, len(o.text) - len(o.text.lstrip(INDENT))) for o in options] == [
            (code, 2 * depth) for code, depth in regions], where
        assert [o.label for o in options] == [site.regions[code].name for code, _ in regions]
        assert [o.count for o in options] == [
            expected.counts("region")[code] if counted else None for code, _ in regions], where
    for key in ("category", "type", "status", "year"):
        values = expected.ordered(key)
        if len(values) < 2:
            assert key not in form.selects, (where, key)
            continue
        assert form.values(key) == values, (where, key)
        assert [o.count for o in form.selects[key] if o.value] == [
            expected.counts(key)[v] if counted else None for v in values], (where, key)
    sorts = expected.sorts()
    if len(sorts) > 1:
        assert form.values("sort") == sorts, where
    else:
        assert "sort" not in form.selects and ("sort", shown.sort) in form.hidden, where
    assert all(form.labels.values()), (where, form.labels)


def test_every_listing_page_hands_over_to_search_with_its_scope_and_present_values(
        sample_site: Path, registry: list[Listing], site: Site) -> None:
    size = SETTINGS.page_size
    for shown in (s for s in registry if s.has_pages):
        notices = list(shown.notices)
        check_form(listing_form(sample_site, shown.base), shown, site, Expected(notices),
                   counted=True)
        pages = sorted((sample_site / shown.base / "page").glob("*/index.html"),
                       key=lambda p: int(p.parent.name))
        for page in pages:
            number = int(page.parent.name)
            form = listing_form(sample_site, f"{shown.base}/page/{number}")
            if shown.archive:  # the notices up to this page, from the oldest: fixed
                check_form(form, shown, site, Expected(notices[::-1][:number * size]),
                           counted=False)
            else:
                check_form(form, shown, site, Expected(notices), counted=False)


def test_the_sample_exercises_forms_with_archives_and_with_every_choice(
        sample_site: Path, registry: list[Listing]) -> None:
    """The test above sees an archive page, and a form with each of the selects."""
    assert list((sample_site / "region" / "420900" / "page").glob("*/index.html"))
    tenders = listing_form(sample_site, "tenders")
    assert set(tenders.selects) == {"region", "category", "type", "status", "year", "sort"}


def test_the_home_page_asks_a_region_and_a_category_of_the_open_tenders(
        sample_site: Path, registry: list[Listing], site: Site) -> None:
    open_tenders = next(s for s in registry if s.kind == "open")
    form = read_form(sample_site / "index.html", sample_site,
                     "section.gs-home__find > form.gs-filters__form")
    assert form.method == "get" and form.action == "http://site/search/"
    assert dict(form.hidden) == {"type": "tender", "status": "open", "period": "all",
                                 "sort": "deadline"}
    assert list(form.selects) == ["region", "category"]
    expected = Expected(list(open_tenders.notices))
    assert expected.notices, "the sample has open tenders"
    regions = expected.regions(sorted(site.roots(), key=lambda n: n.code))
    assert [(o.value, o.label, o.count) for o in form.selects["region"]] == [
        ("", form.selects["region"][0].text, None),
        *((code, site.regions[code].name, expected.counts("region")[code]) for code, _ in regions)]
    assert [(o.value, o.count) for o in form.selects["category"]] == [
        ("", None), *((c, expected.counts("category")[c]) for c in expected.ordered("category"))]
