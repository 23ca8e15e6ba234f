"""The Hugo project benchmarks/hugo_reference.py writes for a tiny corpus, read back without
running Hugo (the suite does not need its binary): one page per public notice with its title
and body, front matter that parses, and the listings' taxonomies, terms and pagination."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.corpus import write
from benchmarks.hugo_reference import CONFIG, Project, html_pages, section, write_project
from generator.config import load_settings
from generator.listings import CATEGORIES, FAMILIES

# Between the corpus's first two tenders and their results: some of its notices are not public yet.
NOW = "2026-03-01T12:00:00+08:00"


def _split(path: Path) -> tuple[dict[str, Any], str]:
    """A content file's front matter (parsed) and its body."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    meta, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(meta), body


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Project]:
    root = tmp_path_factory.mktemp("hugo")
    data = write(5, root)
    return data, root / "hugo", write_project(data, root / "hugo", now=NOW)


def _notices(data: Path) -> dict[str, dict[str, Any]]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in (data / "notices").rglob("*.yaml")}


def _public(data: Path) -> dict[str, dict[str, Any]]:
    now = datetime.fromisoformat(NOW)
    return {id_: notice for id_, notice in _notices(data).items()
            if _published(notice["published"]) <= now}


def _published(value: object) -> datetime:
    """A notice's `published` (a day, or a day and time), in the corpus's zone (Beijing)."""
    text = str(value)
    return datetime.fromisoformat(text + (" 00:00" if len(text) == 10 else "") + "+08:00")


def test_one_page_per_public_notice_with_its_title_and_body(made):
    data, hugo, project = made
    public = _public(data)
    assert 0 < len(public) < len(_notices(data))  # the corpus has notices on both sides of NOW
    pages = {path.stem: path for path in (hugo / "content" / "notices").glob("*.md")
             if path.name != "_index.md"}
    assert set(pages) == set(public)
    assert project.notices == len(public) == project.gongshi_pages["notice"]
    for id_, path in pages.items():
        meta, body = _split(path)
        assert meta["title"] == public[id_]["title"]
        assert body == public[id_]["body"]
        assert ["公告编号", id_] in meta["facts"]  # the facts table (zh labels: mkdocs.yml's site)
        assert meta["families"][0] in FAMILIES
        # indexed by Pagefind as gongshi's notice pages are: the same filters
        assert meta["search"]["filters"]["type"] == [public[id_]["type"]]
    assert "data-pagefind-body" in (hugo / "layouts" / "page.html").read_text(encoding="utf-8")


def test_notices_are_filed_under_every_region_above_them(made):
    data, hugo, _ = made
    parents = {r["code"]: r.get("parent") for r in
               yaml.safe_load((data / "regions.yaml").read_text(encoding="utf-8"))}
    for id_, notice in _public(data).items():
        meta, _ = _split(hugo / "content" / "notices" / f"{id_}.md")
        chain, code = [], notice["region"]
        while code is not None:
            chain.insert(0, code)
            code = parents[code]
        assert meta["regions"] == chain
        assert meta["categories"] == [notice["category"]]


def test_listings_are_hugo_taxonomies_paginated_at_the_page_size(made):
    data, hugo, _ = made
    config = json.loads((hugo / "hugo.json").read_text(encoding="utf-8"))
    assert config["taxonomies"] == {"family": "families", "region": "regions",
                                    "category": "categories"}
    assert config["pagination"]["pagerSize"] == load_settings(CONFIG).page_size
    # public as of the corpus's `now`, which is ahead of the real clock: Hugo must not skip them
    assert config["buildFuture"] is True
    content = hugo / "content"
    assert _split(content / "_index.md")[0]["title"]
    assert _split(content / "open" / "_index.md")[0]["title"]
    for family in FAMILIES:
        assert _split(content / "families" / family / "_index.md")[0]["title"]
    for category in CATEGORIES:
        assert _split(content / "categories" / category / "_index.md")[0]["title"]
    regions = yaml.safe_load((data / "regions.yaml").read_text(encoding="utf-8"))
    for region in regions:
        meta, _ = _split(content / "regions" / region["code"] / "_index.md")
        assert meta["title"] == region["name"]
        assert meta["children"] == [r["code"] for r in regions if r.get("parent") == region["code"]]
    for layout in ("term.html", "section.html"):
        assert ".Paginate" in (hugo / "layouts" / layout).read_text(encoding="utf-8")


def test_pages_of_the_output_are_counted_by_kind(tmp_path):
    for path in ("index.html", "notices/a/index.html", "notices/b/index.html", "regions/index.html",
                 "regions/420000/index.html", "regions/420000/page/2/index.html",
                 "open/index.html", "families/tenders/index.html", "pagefind/x.js"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    assert html_pages(tmp_path) == {"home": 1, "regions index": 1, "listing": 4, "notice": 2}


def _row(text: str, head: str, count: str) -> list[str]:
    """The cells of `count`'s row in the table whose header starts with `head`."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith(f"| {head}"))
    row = next(line for line in lines[top:] if line.startswith(f"| {count} |"))
    return [cell.strip() for cell in row.strip("|").split("|")]


def test_the_section_states_gongshi_over_hugo():
    def ref(mkdocs: float, pagefind: float) -> dict[str, Any]:
        return {"mkdocs": {"seconds": mkdocs, "tree_kb": 1024},
                "pagefind": {"seconds": pagefind, "tree_kb": 2048}}

    figures = {"notices": 1000, "public": 860, "open_tenders": 10,
               "gongshi_pages": {"notice": 860, "listing": 180}, "hugo_pages": {"notice": 860},
               "hugo": {"seconds": 2.0, "max_rss_kb": 1, "tree_kb": 2048},
               "pagefind": {"seconds": 3.0, "max_rss_kb": 1, "tree_kb": 1024},
               "reference": ref(9.0, 6.0),  # measured beside Hugo: a busier machine
               "load": [6.0, 7.0], "hugo_version": "v0", "commit": "c", "date": "d", "machine": "m"}
    stages = {"sizes": {"1000": {"steps": {"clean": {"seconds": 12.0, "tree_kb": 4096},
                                           "reference": ref(6.0, 4.0)}}}}
    text = section({"sizes": {"1000": figures}}, stages, "50,000: not run.")
    times = _row(text, "notices | public", "1,000")
    assert times[2] == "1,040 / 860"
    assert times[5].startswith("5.0 s")  # Hugo + Pagefind
    assert times[6].startswith("15.0 s") and times[7].startswith("10.0 s")  # the two references
    ratios = _row(text, "notices | gongshi ÷ Hugo", "1,000")
    # gongshi ÷ Hugo, ÷ (Hugo + Pagefind); reference ÷ (Hugo + Pagefind); gongshi ÷ reference
    assert ratios[1:] == ["×6.00", "×2.40", "×3.00", "×1.20"]
    assert "load average 6.0 before, 7.0 after" in text
    assert "50,000: not run." in text


def test_the_reference_config_names_the_site_as_the_engine_does(tmp_path):
    """Bare MkDocs needs site_name, which mkdocs.yml leaves to extra.gongshi (the engine gives
    it, and Material's language, to MkDocs): the reference config must give them too."""
    from mkdocs.config import load_config

    from benchmarks.stages import reference_config

    (tmp_path / "docs").mkdir()
    path = reference_config(tmp_path, tmp_path / "docs", {"labels": {}})
    settings = load_settings(CONFIG)
    config = load_config(config_file=str(path))
    assert config["site_name"] == settings.site_name
    assert config["site_description"] == settings.site_description
    assert config["theme"]["language"] == settings.language


def test_the_reference_theme_gives_pagefind_what_the_site_leaves_out(tmp_path):
    """The site's notice pages carry no Pagefind filters (its index is made from the facts);
    the reference build's theme is gongshi's with the partial that writes them laid over it,
    so that the bare Pagefind run indexes the notices as gongshi does."""
    import jinja2

    from benchmarks.stages import reference_theme

    theme = reference_theme(tmp_path)
    repo_theme = CONFIG.parent / "theme"
    assert not (repo_theme / "partials" / "gongshi-search-index.html").exists()
    ours = {p.relative_to(repo_theme) for p in repo_theme.rglob("*") if p.is_file()}
    assert ours <= {p.relative_to(theme) for p in theme.rglob("*") if p.is_file()}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme)))
    search = {"filters": {"region": ["420000", "420900"]}, "sorts": {"published": "2026"},
              "meta": {"date": "2026-11-02"}}
    html = env.get_template("partials/gongshi-search-index.html").render(
        gongshi={"search": search, "title": "某某项目", "id": "X-1"})
    assert 'data-pagefind-filter="region:420900"' in html
    assert 'data-pagefind-meta="title:某某项目"' in html
