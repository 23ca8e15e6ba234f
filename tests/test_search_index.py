"""The Pagefind index of the sample site, read from its fragments: every public notice exactly
once, with the filters and metadata its page shows; nothing else is indexed."""

from __future__ import annotations

import dataclasses
import gc
import gzip
import json
import os
import signal
import threading
import time
import weakref
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW, VALID_TENDER
from lxml import html as lxml_html

from generator import pagefind_run, search
from generator.commands.validate import validate
from generator.config import load_settings
from generator.derive import PublicNotice, Site, derive_site
from generator.errors import BuildFailed
from generator.organisations import organisation_index
from generator.packed import PackedText
from generator.render.facts import ContactFacts, PartyFacts, RegionLink
from generator.render.pages import (
    NO_DEADLINE,
    RenderContext,
    notice_facts,
    row_amount,
    row_date,
    search_facts,
    shown_amount,
)
from generator.render.search_page import ROW_AMOUNT_LABELS, ROW_DATE_LABELS
from generator.search import (
    AMOUNT_EDGES,
    BLOCK_BREAK,
    EVERY_NOTICE,
    FACT_BREAK,
    FACT_KEYS,
    SEGMENT_BREAK,
    WORD_BREAK,
    BackgroundIndex,
    SearchRecord,
    amount_band,
    notice_records,
    plain_text,
    recent_from,
    shard_records,
    shard_summary,
)
from generator.words import SITE, VOCABULARIES

# A fragment file is gzip; inside, this signature and then the JSON of one page.
FRAGMENT_SIGNATURE = b"pagefind_dcd"
ZERO_WIDTH_SPACE = "\u200b"  # Pagefind marks word boundaries in the text it keeps with it


def read_fragments(site_dir: Path, *, entities: bool = False) -> list[dict[str, Any]]:
    """Every indexed notice, from every shard (`entities`: every organisation, from their
    shards instead); `shard` says which."""
    fragments = []
    manifest = json.loads((site_dir / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    for path in sorted((site_dir / "pagefind").glob("*/fragment/*.pf_fragment")):
        if (path.parent.parent.name in manifest["entities"]) != entities:
            continue
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(FRAGMENT_SIGNATURE), path
        fragment = json.loads(raw[len(FRAGMENT_SIGNATURE):])
        fragment["shard"] = path.parent.parent.name
        fragments.append(fragment)
    return fragments


@pytest.fixture(scope="module")
def derived() -> tuple[Site, list[str]]:
    """The sample site as of the fixed now, and the ids of notices that must not be public."""
    settings = load_settings(REPO / "mkdocs.yml")
    dataset = validate(SAMPLE_DATA, settings)
    site = derive_site(dataset, datetime.fromisoformat(SAMPLE_NOW), settings.tz)
    hidden = [nf.id for nf in dataset.notices if nf.id not in site.by_id]
    return site, hidden


@pytest.fixture(scope="module")
def fragments(sample_site) -> dict[str, dict[str, Any]]:
    by_url: dict[str, dict[str, Any]] = {}
    for fragment in read_fragments(sample_site):
        assert fragment["url"] not in by_url, f"{fragment['url']} indexed twice"
        by_url[fragment["url"]] = fragment
    return by_url


def expected_filters(pn: PublicNotice, site: Site) -> dict[str, list[str]]:
    published = pn.published_at.astimezone(site.tz)
    filters = {
        "family": [pn.family],
        "type": [pn.type],
        "region": [node.code for node in pn.region.path()],
        "year": [str(published.year)],
        "month": [f"{published.year}-{published.month:02d}"],
    }
    category = getattr(pn.notice, "category", None)
    if category:
        filters["category"] = [category]
    amount = shown_amount(pn)
    if amount:
        lower = [edge for edge in (0, *AMOUNT_EDGES) if edge <= amount[1]][-1]
        filters["amount"] = [str(lower)]
    return filters


def status_at(filters: dict[str, list[str]], at: datetime) -> str:
    """A notice's status at `at` from its record's filters, as the search page computes it
    (gongshi-search.js statusOf), written again from derive.py's rules."""
    def moment(name: str) -> datetime | None:
        values = filters.get(name)
        return datetime.fromisoformat(values[0].replace("Z", "+00:00")) if values else None

    withdrawn, closes, ends = moment("withdrawn"), moment("closes"), moment("ends")
    kind = filters["type"][0]
    if withdrawn is not None and withdrawn <= at:
        return "withdrawn"
    if kind in ("tender", "amendment"):
        if filters.get("outcome"):
            return filters["outcome"][0]
        return "open" if closes is not None and at < closes else "closed"
    if kind == "candidates":
        return "publicity" if ends is not None and at < ends else "publicity-ended"
    return {"award": "awarded", "termination": "terminated", "penalty": "disclosed"}[kind]


def test_a_record_holds_what_its_status_follows_from_never_the_status(fragments, derived):
    """No status in the index; the statuses computed from each record (built at SAMPLE_NOW) are
    derive's, at the build's now and later on (a notice still public then, whose project saw no
    publication since: a result or amendment published changes its project's records)."""
    site, _ = derived
    dataset = validate(SAMPLE_DATA, load_settings(REPO / "mkdocs.yml"))
    seen = set()
    for pn in site.notices:
        filters = fragments[f"/{pn.url}"]["filters"]
        assert "status" not in filters, pn.id
        assert status_at(filters, site.now) == pn.status, pn.id
    for days in (3, 60):
        later = derive_site(dataset, site.now + timedelta(days=days), site.tz)
        published_since = {later.by_id[i].project_code for i in set(later.by_id) - set(site.by_id)}
        for pn in site.notices:
            if pn.id in later.by_id and pn.project_code not in published_since:
                filters = fragments[f"/{pn.url}"]["filters"]
                assert status_at(filters, later.now) == later.by_id[pn.id].status, (pn.id, days)
                seen.add((pn.status, later.by_id[pn.id].status))
    assert {("open", "closed"), ("publicity", "publicity-ended")} <= seen  # the clock moved them
    assert {pn.status for pn in site.notices} >= {"open", "closed", "awarded", "withdrawn",
                                                 "publicity", "disclosed", "terminated"}


def test_a_record_is_the_same_on_either_side_of_a_deadline(derived):
    """Made a minute before and a minute after a tender's deadline, every record (its filters,
    meta, sorts, text and what the shard's key is made of) is byte for byte the same."""
    site, _ = derived
    settings = load_settings(REPO / "mkdocs.yml")
    dataset = validate(SAMPLE_DATA, settings)
    tender = next(pn for pn in site.notices if pn.status == "open")
    assert tender.deadline is not None

    def made(at: datetime) -> list[SearchRecord]:
        there = derive_site(dataset, at, settings.tz)
        assert there.by_id[tender.id].status == ("open" if at < tender.deadline else "closed")
        ctx = RenderContext(there, "zh", SAMPLE_DATA / "files", 30)
        return notice_records(notice_facts(ctx, pn) for pn in there.notices)

    before, after = made(tender.deadline - timedelta(minutes=1)), made(tender.deadline + timedelta(minutes=1))
    assert [r.url for r in before] == [r.url for r in after]
    for one, other in zip(before, after, strict=True):
        assert (one.published, one.meta, one.filters, one.sort) == (
            other.published, other.meta, other.filters, other.sort), one.url
        assert one.source() == other.source() and one.text() == other.text(), one.url
    setup = search._index_setup()
    assert search._index_key("2026", before, setup) == search._index_key("2026", after, setup)


def test_every_public_notice_is_indexed_exactly_once(fragments, derived):
    site, _ = derived
    assert set(fragments) == {f"/{pn.url}" for pn in site.notices}
    assert len(fragments) == len(site.notices) > 50


def test_every_organisation_is_indexed_once_apart_from_the_notices(sample_site, derived):
    site, _ = derived
    found = read_fragments(sample_site, entities=True)
    expected = organisation_index(site)
    assert sorted(f["url"] for f in found) == [f"/entities/{code}/" for code in expected]
    assert {f["shard"] for f in found} == {"entities"}
    road = next(f for f in found if f["url"] == "/entities/91420100MA48RE2JC6/")
    assert road["meta"]["title"] == "湖北楚天路桥建设有限公司"
    assert road["meta"]["uscc"] == "91420100MA48RE2JC6"
    text = "".join(road["content"].replace("\u200b", "").split())  # the characters, unspaced
    assert "湖北楚天路桥建设有限公司" in text and "91420100MA48RE2JC6" in text
    assert not road["filters"]  # nothing a notice search counts


def test_every_public_notice_is_in_the_shard_of_its_year(fragments, derived):
    """The sample's years are small: a shard each (big years are split by month)."""
    site, _ = derived
    for pn in site.notices:
        year = str(pn.published_at.astimezone(site.tz).year)
        assert fragments[f"/{pn.url}"]["shard"] == year, pn.id
    assert len({f["shard"] for f in fragments.values()}) >= 3


def record(notice_id: str, published: str) -> SearchRecord:
    return SearchRecord(url=f"/notices/{notice_id}/", published=published, meta={},
                        filters={"year": [published[:4]], "closes": ["2026-04-01T01:30:00Z"]},
                        sort={},
                        source=notice_id.encode, text=lambda: notice_id)


def test_a_big_month_is_split_in_parts_in_time_order():
    records = [record(f"N{day:02d}", f"2026-03-{day:02d}T09:00:00+08:00") for day in range(1, 8)]
    records.append(record("OLD", "2026-02-27T09:00:00+08:00"))
    shards = shard_records(reversed(records), limit=3, group_limit=0)
    assert list(shards) == ["2026-03c", "2026-03b", "2026-03a", "2026-02"]
    assert [[r.url.split("/")[2] for r in shards[name]] for name in shards] == [
        ["N07"], ["N04", "N05", "N06"], ["N01", "N02", "N03"], ["OLD"]]
    assert list(shard_records(records, limit=10, group_limit=7)) == ["2026-03", "2026-02"]
    assert list(shard_records(records, limit=10, group_limit=8)) == ["2026"]  # a small year
    assert list(shard_records([])) == ["none"]  # an empty site still gets the search code


def test_months_of_a_year_share_shards_up_to_the_group_size():
    """Oldest month first, a month joins the shard before it while the two hold at most
    `group_limit` notices; a shard is named by its first month and never spans two years."""
    counts = {"2025-12": 2, "2026-01": 2, "2026-02": 1, "2026-03": 2, "2026-04": 3, "2026-05": 1}
    records = [record(f"{month}-{n}", f"{month}-{n + 1:02d}T09:00:00+08:00")
               for month, count in counts.items() for n in range(count)]
    shards = shard_records(records, limit=10, group_limit=4)
    assert {name: sorted({r.published[:7] for r in members}) for name, members in shards.items()} == {
        "2026-04": ["2026-04", "2026-05"], "2026-03": ["2026-03"],
        "2026-01": ["2026-01", "2026-02"], "2025": ["2025-12"]}
    assert list(shards) == ["2026-04", "2026-03", "2026-01", "2025"]  # newest first
    # a notice added to the newest month changes no shard before the newest (which is full
    # now: its last month starts a shard of its own)
    more = shard_records([*records, record("2026-05-new", "2026-05-30T09:00:00+08:00")],
                         limit=10, group_limit=4)
    assert list(more) == ["2026-05", "2026-04", "2026-03", "2026-01", "2025"]
    assert {name: more[name] for name in list(more)[2:]} == {
        name: shards[name] for name in list(shards)[1:]}


def test_the_last_12_months_start_12_months_before_the_builds_month():
    tz = datetime.fromisoformat(SAMPLE_NOW).tzinfo
    assert recent_from(datetime.fromisoformat("2026-11-26T12:00:00+08:00"), tz) == "2025-11"
    assert recent_from(datetime.fromisoformat("2026-01-01T00:30:00+08:00"), tz) == "2025-01"
    # the site's zone decides the month: 16:30 UTC on 31 December is already 1 January here
    assert recent_from(datetime.fromisoformat("2026-12-31T16:30:00+00:00"), tz) == "2026-01"


def test_an_amount_is_in_the_band_of_the_highest_edge_below_it():
    assert [amount_band(Decimal(a)) for a in ("0", "99999.99", "100000", "4999999", "5000000",
                                              "250000000")] == [
        "0", "0", "100000", "1000000", "5000000", "100000000"]


def test_a_shard_summary_counts_its_filter_values():
    records = [record("A", "2026-03-02T09:00:00+08:00"), record("B", "2026-03-30T23:00:00+08:00")]
    summary = shard_summary("2026-03", records)
    assert summary == {"name": "2026-03", "year": "2026", "from": "2026-03-02", "to": "2026-03-30",
                       "pages": 2, "filters": {"year": {"2026": 2}},  # no status source
                       "moments": {"closes": ["2026-04-01T01:30:00Z", "2026-04-01T01:30:00Z"]}}


def test_the_shard_list_is_newest_first_with_summaries(sample_site, fragments, derived):
    site, _ = derived
    manifest = json.loads((sample_site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    names = [shard["name"] for shard in manifest["shards"]]
    assert names == sorted(names, reverse=True)
    assert manifest["entities"] == ["entities"]  # the organisations' own index
    folders = {path.name for path in (sample_site / "pagefind").iterdir() if path.is_dir()}
    assert set(names) | set(manifest["entities"]) == folders
    for shard in manifest["shards"]:
        mine = [f for f in fragments.values() if f["shard"] == shard["name"]]
        assert shard["pages"] == len(mine) > 0
        assert shard["year"] == shard["name"][:4]
        dates = sorted(site.by_id[f["meta"]["id"]].published_at.astimezone(site.tz).date().isoformat()
                       for f in mine)
        assert (shard["from"], shard["to"]) == (dates[0], dates[-1])
        for key, counts in shard["filters"].items():
            for value, count in counts.items():
                assert count == sum(value in f["filters"].get(key, []) for f in mine), (key, value)
        assert sum(shard["filters"]["family"].values()) == len(mine)


def test_the_code_and_wasm_are_shared_by_every_shard(sample_site):
    """pagefind.js and the wasm once, at pagefind/; each shard's entry names that wasm file
    (pagefind.js fetches `{shard}/wasm.{wasm}.pagefind`: dot segments resolved, one URL)."""
    index = sample_site / "pagefind"
    assert (index / "pagefind.js").is_file()
    assert not list(index.glob("pagefind-*ui*")) and not list(index.glob("*/pagefind-*ui*"))
    for shard in (p for p in index.iterdir() if p.is_dir()):
        assert not (shard / "pagefind.js").exists() and not list(shard.glob("wasm.*"))
        assert (shard / "pagefind-worker.js").is_file()
        entry = json.loads((shard / "pagefind-entry.json").read_text(encoding="utf-8"))
        for language in entry["languages"].values():
            url = urljoin(f"https://example.org/pagefind/{shard.name}/",
                          f"wasm.{language['wasm']}.pagefind")
            assert url.startswith("https://example.org/pagefind/wasm."), url
            assert (index / url.rsplit("/", 1)[1]).is_file(), url


def test_embargoed_and_expired_notices_are_absent(sample_site, fragments, derived):
    _, hidden = derived
    assert hidden, "the sample data has embargoed notices and expired penalties"
    for notice_id in hidden:
        assert f"/notices/{notice_id}/" not in fragments
        assert not (sample_site / "notices" / notice_id).exists()
    everything = json.dumps(list(fragments.values()), ensure_ascii=False)
    for notice_id in hidden:
        assert notice_id not in everything, f"{notice_id} leaks into the index"


def test_filters_of_every_notice(fragments, derived):
    site, _ = derived
    for pn in site.notices:
        fragment = fragments[f"/{pn.url}"]
        got = {key: sorted(values) for key, values in fragment["filters"].items()
               if key not in search.STATUS_SOURCES}  # (test_a_record_holds_what_its_status…)
        assert got == {k: sorted(v) for k, v in expected_filters(pn, site).items()}, pn.id


def test_region_filter_holds_every_level(fragments, derived):
    """A 孝南区 notice is found under 湖北省, 孝感市 and 孝南区."""
    site, _ = derived
    county = next(pn for pn in site.notices if pn.region.level == "county"
                  and pn.region.parent is not None and pn.region.parent.level == "city")
    codes = fragments[f"/{county.url}"]["filters"]["region"]
    assert codes == [node.code for node in county.region.path()]
    assert len(codes) == 3


def _text(tree: Any, xpath: str) -> str:
    found = tree.xpath(xpath)
    assert found, xpath
    return " ".join(found[0].text_content().split())


def test_meta_matches_the_notice_page(sample_site, fragments, derived):
    site, _ = derived
    for pn in site.notices:
        fragment = fragments[f"/{pn.url}"]
        meta = fragment["meta"]
        page = lxml_html.fromstring((sample_site / pn.url / "index.html").read_bytes())
        article = page.xpath("//*[@data-pagefind-body]")
        assert len(article) == 1, pn.id
        # the index is made from the facts: the page carries none of Pagefind's attributes for
        # it (0.9 KB a page; only the benchmarks' reference theme adds them)
        assert not page.xpath("//*[@data-pagefind-filter or @data-pagefind-sort or @data-pagefind-meta]")
        assert meta["title"] == _text(page, "//h1[contains(@class, 'gs-title')]") == pn.notice.title
        assert meta["id"] == pn.id
        assert status_at(fragment["filters"], site.now) == article[0].get("data-status") == pn.status
        assert fragment["filters"]["type"] == [pn.type]
        published = article[0].xpath(".//section[@class='gs-facts']//time")[0].text_content()
        assert meta["date"] == published
        if pn.type == "tender":
            assert meta["deadline"] == _text(article[0], ".//*[@class='gs-deadline__time']")
        else:
            assert "deadline" not in meta


def test_a_result_row_shows_the_date_and_amount_its_listing_row_shows(fragments, derived):
    """The result names the date and amount by the notice's type (search_page's maps): the same
    label and value as render/pages.py gives its listing row."""
    site, _ = derived
    ctx = RenderContext(site, "zh", SAMPLE_DATA / "files", 30)
    for pn in site.notices:
        meta = fragments[f"/{pn.url}"]["meta"]
        date, amount = row_date(ctx, pn), row_amount(ctx, pn)
        assert (date.label if date else None) == (ROW_DATE_LABELS.get(pn.type) if date else None)
        assert meta.get("key_date") == (date.display if date else None), pn.id
        assert (amount.label if amount else None) == (ROW_AMOUNT_LABELS.get(pn.type) if amount else None)
        assert meta.get("amount") == (amount.display if amount else None), pn.id
    assert {pn.type for pn in site.notices if row_amount(ctx, pn)} == set(ROW_AMOUNT_LABELS)


def test_no_label_or_code_is_indexed_from_the_metadata(fragments):
    """Pagefind indexes every metadata value as words: the metadata holds values only, so no
    field label, type, status or category name (in either language) makes a notice match."""
    names = {word for language in ("zh", "en")
             for section in (SITE, *VOCABULARIES.values())
             for word in section.words(language).values()}
    names |= {code for section in VOCABULARIES.values() for code in section}
    for url, fragment in fragments.items():
        assert set(fragment["meta"]) == {"title", "id", "date"} | (
            set(fragment["meta"]) & {"deadline", "key_date", "amount"}), url
        for key in ("date", "deadline", "key_date", "amount"):
            assert fragment["meta"].get(key) not in names, (url, key)


def test_only_the_notice_text_is_indexed(fragments, derived):
    """Navigation, footer, breadcrumbs, badges and the project timeline stay out."""
    site, _ = derived
    with_timeline = {f"/{pn.url}" for pn in site.notices
                     if pn.project_code and len(site.projects[pn.project_code].notices) > 1}
    assert with_timeline
    for url, fragment in fragments.items():
        content = fragment["content"]
        assert "湖北公共资源交易信息发布" not in content, url  # site name in header and footer
        assert "回到页面顶部" not in content, url  # Material's back-to-top button
        if url in with_timeline:
            assert "（本公告）" not in content, url


def test_no_other_pages_are_indexed(fragments):
    assert all(url.startswith("/notices/") for url in fragments)


def test_listing_pages_link_to_their_search(sample_site):
    expected = {
        "region/420900/index.html": "search/?region=420900&period=all",
        "category/land/index.html": "search/?category=land&period=all",
        "tenders/index.html": "search/?family=tenders&period=all",
        "open/index.html": "search/?type=tender&status=open&period=all",
    }
    for page, query in expected.items():
        tree = lxml_html.fromstring((sample_site / page).read_bytes())
        links = [a.get("href") for a in tree.xpath("//a[contains(@class, 'gs-search-link')]")]
        assert len(links) == 1 and links[0].endswith(query), (page, links)


def test_sorts_are_comparable_text(derived):
    site, _ = derived
    ctx = RenderContext(site, "zh", SAMPLE_DATA / "files", 30)
    for pn in site.notices:
        sorts = search_facts(ctx, pn).sorts
        assert len(sorts["published"]) == len(NO_DEADLINE) == 20
        if pn.type == "tender":
            assert sorts["deadline"] < NO_DEADLINE
            assert sorts["published"] < sorts["deadline"]
        else:
            assert sorts["deadline"] == NO_DEADLINE


def test_the_search_page_is_generated_and_in_the_nav(sample_site):
    page = lxml_html.fromstring((sample_site / "search" / "index.html").read_bytes())
    assert page.xpath("//form[@id='gs-search-form']")
    assert page.xpath("//input[@name='region'][@value='420921']")  # a county of the tree
    home = lxml_html.fromstring((sample_site / "index.html").read_bytes())
    assert any(a.get("href", "").rstrip("/").endswith("search") for a in home.xpath("//nav//a"))
    form = home.xpath("//form[contains(@class, 'gs-header-search')]")
    assert form and form[0].get("action").endswith("search/")
    assert form[0].xpath(".//input[@name='q']")


def test_pagefind_failure_fails_the_build(make_data, run_cli, tmp_path, monkeypatch):
    """One line, exit 1, and the previous output untouched."""
    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml": VALID_TENDER})
    out = tmp_path / "site"
    args = ("--config", REPO / "mkdocs.yml", "build", "--data", data, "--out", out,
            "--now", "2026-03-10T12:00+08:00")
    assert run_cli(*args).exit_code == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    assert (out / "pagefind" / "pagefind.js").is_file()

    failing = tmp_path / "pagefind-broken"
    failing.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 1\n")
    failing.chmod(0o755)
    monkeypatch.setattr("generator.search._executable", lambda: failing)
    result = run_cli(*args, "--clean")  # --clean: no cached index to fall back on
    assert result.exit_code == 1
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "`Pagefind` 出错：“Error: something broke”" in lines[0], result.err
    assert "Traceback" not in result.err
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_a_missing_binary_is_a_build_failure(tmp_path, monkeypatch):
    from generator import search

    monkeypatch.setattr(search, "_executable", lambda: tmp_path / "no-such-pagefind")
    with pytest.raises(BuildFailed, match="could not run Pagefind"):
        search.index_records(tmp_path / "pagefind", [record("A", "2026-03-02T09:00:00+08:00")])
    assert not (tmp_path / "pagefind").exists()


def test_a_record_holds_the_notice_text_spaced_without_labels(derived):
    """The indexed text: the title, the notice's own text (paragraphs cut by BLOCK_BREAK), its
    facts in FACT_KEYS order cut by FACT_BREAK, the word of every notice; no label anywhere."""
    site, _ = derived
    pn = next(pn for pn in site.notices if pn.type == "tender" and pn.notice.body)
    ctx = RenderContext(site, "zh", SAMPLE_DATA / "files", 30)
    facts = replace(
        notice_facts(ctx, pn),
        type_label="类型标签", status_label="x", published="2026-03-01 09:00",
        published_iso="2026-03-01T09:00:00+08:00", publisher="孝感市公共资源交易中心",
        region_path=[RegionLink(code="420000", name="湖北省", url="region/420000/"),
                     RegionLink(code="420900", name="孝感市", url="region/420900/")],
        buyer=PartyFacts(name="孝南区教育局", uscc="11420902MB1234567X"),
        body=PackedText.of('<h2>项目概况</h2><p title="a>b">预算 <b>100</b>&nbsp;万元 ␞ ␟</p>'),
        contact=ContactFacts(name="王工", phone="0712-1234567"))
    [made] = notice_records([facts])
    assert made.url == f"/{pn.url}" and made.published == "2026-03-01T09:00:00+08:00"
    content = made.text()
    title, text, facts_text, every = [part.replace(WORD_BREAK, "").strip()
                                      for part in content.split(SEGMENT_BREAK)]
    assert (title, every) == (pn.notice.title, EVERY_NOTICE)
    assert text == f"项目概况 {BLOCK_BREAK} 预算 100 万元"  # the separators of the text are not its own
    values = dict(zip(FACT_KEYS, (value.strip() for value in facts_text.split(FACT_BREAK)),
                      strict=True))
    assert values["notice_id"] == pn.id and values["published"] == "2026-03-01 09:00"
    assert values["publisher"] == "孝感市公共资源交易中心"
    assert values["region_path"] == "湖北省 › 孝感市"
    assert values["buyer"] == "孝南区教育局 11420902MB1234567X"
    assert (values["contact_name"], values["phone"], values["email"]) == ("王工", "0712-1234567", "")
    assert values["publicity_end"] == "" and values["winners"] == ""
    for key in ("buyer", "notice_id", "publisher", "contact_name", "phone"):
        for language in ("zh", "en"):
            assert SITE.words(language)[key] not in content.replace(WORD_BREAK, ""), key
    assert "类型标签" not in content and "a>b" not in content  # labels and markup are not text
    assert f"孝{WORD_BREAK}南{WORD_BREAK}区" in content
    assert made.meta["title"] == pn.notice.title and made.meta["id"] == pn.id
    assert made.filters == {k: v for k, v in search_facts(ctx, pn).filters.items() if v}


def test_plain_text_separates_blocks_and_decodes_entities():
    assert plain_text("<p>一</p><p>二&amp;三</p><ul><li>四</li></ul>") == "一 二&三 四"
    assert plain_text("<p>一</p><p> </p><p>二 <b>三</b></p>", between=" | ") == "一 | 二 三"


def _stuck_text(started: Path) -> str:
    """A record's text that never comes: the index process waits where SIGTERM does not reach it
    (as one waiting on a lock that fork copied while another thread held it would)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    started.write_text(str(os.getpid()), encoding="ascii")
    time.sleep(600)
    return ""


def test_discarding_a_stuck_index_process_ends_it(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "STOP_GRACE_SECONDS", 0.5)
    started = tmp_path / "started"
    stuck = dataclasses.replace(record("A", "2026-03-02T09:00:00+08:00"),
                                text=lambda: _stuck_text(started))
    index = BackgroundIndex([stuck], tmp_path / "search", None)
    for _ in range(300):
        if started.is_file():
            break
        time.sleep(0.1)
    pid = int(started.read_text(encoding="ascii"))
    discarding = threading.Thread(target=index.discard)
    discarding.start()
    discarding.join(timeout=60)
    try:
        assert not discarding.is_alive(), "discard waited for ever"
        assert not Path(f"/proc/{pid}").exists()
    finally:
        if discarding.is_alive():
            os.kill(pid, signal.SIGKILL)


def _resident_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


def test_the_index_process_running_pagefind_holds_none_of_the_builds_memory(tmp_path, monkeypatch):
    """Once the pages are written, the index process is a fresh interpreter: a fork of the
    build would keep a copy of every page of memory the build writes while Pagefind runs
    (docs/scale.md). Here Pagefind never ends, so the process is caught while it waits for it,
    and then discarded: it stops Pagefind and leaves no scratch folder."""
    waiting = tmp_path / "pagefind-waits"
    seen = tmp_path / "index-pid"
    waiting.write_text(f'#!/bin/sh\necho $PPID > "{seen}.part" && mv "{seen}.part" "{seen}"\n'
                       "exec sleep 600\n")
    waiting.chmod(0o755)
    monkeypatch.setattr(search, "_executable", lambda: waiting)
    ballast = bytes(range(256)) * (256 * 2**20 // 256)  # 256 MiB of the build's, resident
    assert _resident_kib(os.getpid()) > 256 * 1024
    (tmp_path / "work").mkdir()
    index = BackgroundIndex(given_records(), tmp_path / "work" / "pagefind", None)
    try:
        for _ in range(300):
            if seen.is_file():
                break
            time.sleep(0.1)
        pid = int(seen.read_text(encoding="ascii"))
        assert _resident_kib(pid) < 100 * 1024, "the index process still holds the build's memory"
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        assert b"generator.pagefind_run" in b" ".join(command)
        del ballast
    finally:
        index.discard()
    assert not Path(f"/proc/{pid}").exists()
    assert not list((tmp_path / "work").glob("gongshi-index-*")), "the scratch folder was left"


# --- the index stage is given records: it indexes them as they are and makes no page ---------

def given_records() -> list[SearchRecord]:
    """Records no notice page made: text with markup characters, meta with commas and quotes."""
    def made(notice_id: str, published: str, title: str, text: str) -> SearchRecord:
        return SearchRecord(
            url=f"/notices/{notice_id}/", published=published,
            meta={"title": title, "id": notice_id, "region": '湖北省 › 孝感市, "城区"'},
            filters={"region": ["420000", "420900"], "status": ["open"]},
            sort={"published": published[:10]}, source=notice_id.encode,
            text=lambda: search.space_cjk(f"{text} {EVERY_NOTICE}"))

    return [made("GIVEN-1", "2026-03-02T09:00:00+08:00", "城北道路<改造>", "预算 a<b & c>d 城北道路"),
            made("GIVEN-2", "2025-05-06T10:00:00+08:00", "学校食堂", "食材配送 &amp; 服务")]


def test_the_index_holds_exactly_the_records_it_is_given(tmp_path):
    records = given_records()
    index = BackgroundIndex(records, tmp_path / "work", None)
    try:
        index.finish(tmp_path)
    finally:
        index.discard()
    fragments = {f["url"]: f for f in read_fragments(tmp_path)}
    assert set(fragments) == {r.url for r in records}
    for r in records:
        fragment = fragments[r.url]
        assert fragment["meta"] == r.meta
        assert fragment["filters"] == r.filters
        assert fragment["content"].replace(ZERO_WIDTH_SPACE, "") == r.text().replace(WORD_BREAK, " ")
        assert fragment["shard"] == r.published[:4]


def test_the_build_process_keeps_no_records_once_the_index_has_them(tmp_path):
    """Each record holds what its text is made from: the index process has its own copy, so
    the build's process lets go of them while the engine runs."""
    records = given_records()
    kept = [weakref.ref(r) for r in records]
    index = BackgroundIndex(records, tmp_path / "work", None)
    del records
    gc.collect()
    try:
        assert [ref() for ref in kept] == [None, None]
        assert index.finish(tmp_path).pages == 2
    finally:
        index.discard()


def test_the_index_process_makes_no_pages(make_data, run_cli, tmp_path, monkeypatch):
    """Every notice's facts are made once, in the build's own process: the index process is
    given records, never notices to make pages of a second time."""
    from generator.render import pages

    made_in = tmp_path / "made-in"
    real = pages.notice_facts

    def notice_facts(*args: Any, **kwargs: Any) -> Any:
        with made_in.open("a", encoding="ascii") as log:
            log.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(pages, "notice_facts", notice_facts)
    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml": VALID_TENDER})
    result = run_cli("--config", REPO / "mkdocs.yml", "build", "--data", data,
                     "--out", tmp_path / "site", "--now", "2026-03-10T12:00+08:00")
    assert result.exit_code == 0, result.err
    assert made_in.read_text(encoding="ascii").split() == [str(os.getpid())]  # once, here
    assert len(read_fragments(tmp_path / "site")) == 1


def test_an_empty_site_has_the_search_code_and_no_shard(tmp_path):
    """Pagefind makes no index of nothing: the search page gets its code and an empty list of
    shards, so it finds nothing and says so (an index with no language made it fail)."""
    stats = search.index_records(tmp_path / "pagefind", [])
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    manifest = json.loads((tmp_path / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert manifest == {"shards": [], "entities": []}
    assert not [p for p in (tmp_path / "pagefind").iterdir() if p.is_dir()]
    assert stats.pages == 0


def test_pagefind_settings_of_the_environment_do_not_change_the_index(tmp_path, monkeypatch):
    """Pagefind reads options from PAGEFIND_* variables too: the build's index ignores them."""
    monkeypatch.setenv("PAGEFIND_KEEP_INDEX_URL", "true")
    monkeypatch.setenv("PAGEFIND_ROOT_SELECTOR", "nav")
    search.index_records(tmp_path / "pagefind", given_records())
    assert sorted(f["url"] for f in read_fragments(tmp_path)) == ["/notices/GIVEN-1/",
                                                                  "/notices/GIVEN-2/"]


def test_a_run_that_indexes_fewer_pages_than_given_fails(tmp_path, monkeypatch):
    """Pagefind warns and goes on when a page fails to index: a shard with a notice missing
    is a failed build, not a search that silently misses it."""
    lossy = tmp_path / "pagefind-lossy"
    lossy.write_text(f"""#!/bin/sh
out=""; while [ $# -gt 0 ]; do [ "$1" = --output-path ] && out="$2"; shift; done
mkdir -p "$out" && echo 'export {{}}' > "$out/pagefind.js"
echo '{{"version":"1","languages":{{"zh":{{"hash":"zh_1","wasm":null,"page_count":1}}}}}}' > "$out/{pagefind_run.ENTRY_FILE}"
""")
    lossy.chmod(0o755)
    monkeypatch.setattr(search, "_executable", lambda: lossy)
    with pytest.raises(BuildFailed, match="Pagefind indexed 1 of 2 pages"):
        search.index_records(tmp_path / "pagefind", [record("A", "2026-03-02T09:00:00+08:00"),
                                                     record("B", "2026-03-03T09:00:00+08:00")])


def test_the_index_works_beside_its_target_not_in_the_systems_temporary_folder(
        tmp_path, monkeypatch) -> None:
    """Pagefind's scratch folder is made beside the target (a build's work folder, which the
    next build clears if this one was killed), so a killed build leaves nothing in /tmp."""
    used: list[Path] = []
    real = pagefind_run._run_cli

    def run(executable, pages, output, scratch):
        used.append(Path(scratch))
        return real(executable, pages, output, scratch)

    monkeypatch.setattr(pagefind_run, "_run_cli", run)
    work = tmp_path / "work"
    work.mkdir()
    search.index_records(work / "pagefind", [record("A", "2026-03-02T09:00:00+08:00")])
    assert used and all(path.parent == work for path in used)
    assert [p.name for p in work.iterdir()] == ["pagefind"]  # the scratch is gone after
