"""The size budget's accounting (benchmarks/site_bytes.py) on a small tree made here: every file
in exactly one kind, the kinds summing to the total; and the marked sections of RESULTS.md."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from benchmarks.results import replace_section
from benchmarks.site_bytes import KINDS, listing_group, site_files, tally

# path below the site root → (kind, listing group of a feed, feed page or calendar)
TREE = {
    "index.html": ("listing pages", None),
    "404.html": ("other", None),
    "build.json": ("other", None),
    "sitemap.xml": ("other", None),
    "about/index.html": ("other", None),
    "search/index.html": ("other", None),
    "notices/XG-GC-2026-001/index.html": ("notice pages", None),
    "notices/CF-2026-007/index.html": ("notice pages", None),
    "tenders/index.html": ("listing pages", None),
    "open/index.html": ("listing pages", None),
    "region/420900/index.html": ("listing pages", None),
    "region/420900/page/3/index.html": ("archive pages", None),
    "category/land/page/1/index.html": ("archive pages", None),
    "feeds/index.html": ("feed pages", "site-wide"),
    "feeds/tenders/index.html": ("feed pages", "site-wide"),
    "feeds/region/420900/index.html": ("feed pages", "region"),
    "feeds/region/420900/land/index.html": ("feed pages", "region × category"),
    "feeds/all.xml": ("feeds", "site-wide"),
    "feeds/opml.xml": ("feeds", "site-wide"),
    "feeds/region/420900.atom": ("feeds", "region"),
    "feeds/region/420900/land.xml": ("feeds", "region × category"),
    "feeds/category/land.xml": ("feeds", "category"),
    "feeds/project/XG-GC-2026-001.atom": ("feeds", "project"),
    "calendar/deadlines.ics": ("calendars", "site-wide"),
    "calendar/region/420900/land.ics": ("calendars", "region × category"),
    "calendar/project/XG-GC-2026-001.ics": ("calendars", "project"),
    "pagefind/pagefind.js": ("search index", None),
    "pagefind/2026-12/index/zh_abc.pf_index": ("search index", None),
    "data/notices.json": ("open data", None),
    "data/2026/11/notices.csv": ("open data", None),
    "files/2026/XG-GC-2026-001/招标文件.pdf": ("attachments", None),
    "assets/gongshi.css": ("theme assets", None),
    "assets/javascripts/bundle.js": ("theme assets", None),
}


def _site(tmp_path: Path) -> Path:
    """TREE written with distinct lengths, behind a link as `gongshi build --out` leaves it."""
    tree = tmp_path / "trees" / "a"
    for length, path in enumerate(TREE, start=1):
        target = tree / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"x" * length * 10)
    link = tmp_path / "site"
    link.symlink_to(tree, target_is_directory=True)
    return link


def test_every_file_is_counted_once_in_its_kind(tmp_path: Path) -> None:
    files = list(site_files(_site(tmp_path)))
    assert sorted(path.as_posix() for path, _, _ in files) == sorted(TREE)
    found = tally(files)

    lengths = {path: length for path, length, _ in files}
    for kind in KINDS:
        expected = [PurePosixPath(p) for p, (k, _) in TREE.items() if k == kind]
        assert found["kinds"][kind] == {"files": len(expected),
                                       "bytes": sum(lengths[p] for p in expected)}, kind
    assert found["total"]["files"] == len(TREE) == sum(k["files"] for k in found["kinds"].values())
    assert found["total"]["bytes"] == sum(lengths.values()) \
        == sum(k["bytes"] for k in found["kinds"].values())
    assert found["total"]["disk_bytes"] >= found["total"]["bytes"]
    assert found["public"] == 2  # the notice pages


def test_feeds_and_calendars_are_grouped_by_the_listing_they_follow(tmp_path: Path) -> None:
    for path, (_, group) in TREE.items():
        assert listing_group(PurePosixPath(path)) == group, path
    found = tally(site_files(_site(tmp_path)))
    grouped = sum(entry["files"] for entry in found["groups"].values())
    assert grouped == sum(found["kinds"][k]["files"] for k in ("feeds", "feed pages", "calendars"))


def test_a_section_is_replaced_between_its_markers_and_the_rest_kept() -> None:
    text = ("# Results\n\nnotes\n<!-- a.py: begin -->\nold a\n<!-- a.py: end -->\nafter\n"
            "<!-- b.py: begin -->\nb\n<!-- b.py: end -->\n")
    new = "<!-- a.py: begin -->\nnew a\n<!-- a.py: end -->"
    assert replace_section(text, "a.py", new) == text.replace("old a", "new a")
    appended = replace_section("# Results\n", "c.py", "<!-- c.py: begin -->\nc\n<!-- c.py: end -->")
    assert appended == "# Results\n\n<!-- c.py: begin -->\nc\n<!-- c.py: end -->\n"
