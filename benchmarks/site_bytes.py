"""A size budget (issue 18, item 5): the bytes of a built site by kind of file, in total and per
notice, with file counts.

    python benchmarks/site_bytes.py --sizes 1000 10000 --work /tmp/site-bytes
    python benchmarks/site_bytes.py --site site/ --notices 1000 --no-write   # a build you have
    python benchmarks/site_bytes.py --report-only

For each size: the corpus of benchmarks/corpus.py in WORK/N/data and a clean `gongshi build` of
it with this repository's code into WORK/N/site (--now of the corpus; an existing WORK/N/site is
measured as it is unless --rebuild), then every file below the site root is put in one kind.
Bytes are the files' lengths as served (uncompressed), KB = 1,000 bytes; "on disk" adds what
the file system rounds each file up to. Per notice: bytes ÷ notices in the data folder (the
issue's 2.0 GB at 50,000 is ~40 KB per notice); per public notice beside it.

Raw figures go to benchmarks/site_bytes.json (merged by size); the tables go between this
script's markers in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.build_scaling import machine  # noqa: E402
from benchmarks.results import markers, write_section  # noqa: E402
from benchmarks.search_scale import build  # noqa: E402
from benchmarks.stages import commit  # noqa: E402

RAW = REPO / "benchmarks" / "site_bytes.json"
SECTION = "site_bytes.py"
BUDGET_PER_NOTICE = 40_000  # bytes: the 2.0 GB at 50,000 notices, the site before item 5
PROJECTED = 50_000  # the size of that figure

KINDS = ("notice pages", "listing pages", "archive pages", "feed pages", "feeds", "calendars",
         "search index", "open data", "attachments", "theme assets", "other")
# The folders of listing pages (generator/listings.py: `base` of the paged kinds); the home
# page, index.html at the root, lists every family.
LISTING_FOLDERS = {"open", "tenders", "results", "penalties", "region", "category"}
WHOLE_FOLDERS = {"pagefind": "search index", "data": "open data", "files": "attachments",
                 "assets": "theme assets"}
# Feeds, their pages and calendars are also counted by the listing they follow (listing_group):
# site-wide, region, category, region × category, project.
NEW_GROUPS = ("region × category", "project")  # and feed pages: added by 3217db9 (issue 12)


# --- sorting files into kinds --------------------------------------------------------------------


def kind_of(path: PurePosixPath) -> str:
    """The kind of one file, from its path below the site root."""
    top, html = path.parts[0], path.suffix == ".html"
    if top in WHOLE_FOLDERS:
        return WHOLE_FOLDERS[top]
    if path.suffix == ".ics":
        return "calendars"
    if top == "feeds":
        return "feed pages" if html else "feeds"
    if not html:
        return "other"  # sitemap, build.json, the build marker
    if top == "notices":
        return "notice pages"
    if "page" in path.parts[:-1]:  # <listing>/page/<n>/index.html: numbered from the oldest
        return "archive pages"
    if top in LISTING_FOLDERS or path.as_posix() == "index.html":
        return "listing pages"
    return "other"


def listing_group(path: PurePosixPath) -> str | None:
    """Which listing a feed, feed page or calendar follows; None for any other file."""
    if path.parts[0] not in ("feeds", "calendar") or len(path.parts) < 2:
        return None
    if kind_of(path) not in ("feeds", "feed pages", "calendars"):
        return None
    inner = path.parts[1:]
    if path.name == "index.html":
        inner = inner[:-1]  # feeds/region/420100/index.html is the page of feeds/region/420100.xml
    if not inner or inner[0] not in ("region", "category", "project"):
        return "site-wide"  # all, families, deadlines, opml, the feeds/ page itself
    if inner[0] == "region" and len(inner) >= 3:
        return "region × category"
    return inner[0]


def site_files(site: Path) -> Iterator[tuple[PurePosixPath, int, int]]:
    """Every file below the site (its root may be a link, as --out is): path below the root,
    length, bytes on disk. Links inside are not followed."""
    root = site.resolve()
    folders = [root]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                    continue
                stat = entry.stat(follow_symlinks=False)
                relative = PurePosixPath(Path(entry.path).relative_to(root).as_posix())
                yield relative, stat.st_size, stat.st_blocks * 512


def _add(tally: dict[str, dict[str, int]], key: str, size: int) -> None:
    counts = tally.setdefault(key, {"files": 0, "bytes": 0})
    counts["files"] += 1
    counts["bytes"] += size


def tally(files: Iterable[tuple[PurePosixPath, int, int]]) -> dict[str, Any]:
    """Files and bytes per kind (every file in exactly one), per listing group of the feeds and
    calendars, and in total."""
    kinds: dict[str, dict[str, int]] = {kind: {"files": 0, "bytes": 0} for kind in KINDS}
    groups: dict[str, dict[str, int]] = {}
    total = {"files": 0, "bytes": 0, "disk_bytes": 0}
    public = 0
    for path, size, disk in files:
        kind = kind_of(path)
        _add(kinds, kind, size)
        group = listing_group(path)
        if group:
            _add(groups, f"{kind}: {group}", size)
        if kind == "notice pages" and path.name == "index.html":
            public += 1
        total["files"] += 1
        total["bytes"] += size
        total["disk_bytes"] += disk
    return {"kinds": kinds, "groups": dict(sorted(groups.items())), "total": total,
            "public": public}


def measure(site: Path, notices: int | None) -> dict[str, Any]:
    found = tally(site_files(site))
    found["notices"] = notices or found["public"]
    return found


# --- results ----------------------------------------------------------------------------------


def load_raw(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"sizes": {}}


def save(raw: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def _kb(size: float) -> str:
    return f"{size / 1000:,.1f}"


def _mb(size: float) -> str:
    return f"{size / 1e6:,.1f} MB"


def marginal(sizes: dict[str, Any], counts_of: Callable[[dict[str, Any]], dict[str, int]]) -> float | None:
    """Bytes each further notice adds, between the smallest and the largest size measured: what
    a notice costs once the fixed part (theme, feeds capped at their limit) is spread thin."""
    counts = sorted(sizes, key=int)
    if len(counts) < 2:
        return None
    small, big = sizes[counts[0]], sizes[counts[-1]]
    return (counts_of(big)["bytes"] - counts_of(small)["bytes"]) / (big["notices"] - small["notices"])


def kind_table(sizes: dict[str, Any]) -> str:
    counts = sorted(sizes, key=int)
    head = ["kind"]
    for n in counts:
        head += [f"{int(n):,}: files", "MB", "KB / notice"]
    slope = len(counts) > 1
    if slope:
        head.append(f"KB per added notice, {int(counts[0]):,} → {int(counts[-1]):,}")
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    pick: list[tuple[str, Callable[[dict[str, Any]], dict[str, int]]]] = [
        (kind, lambda entry, kind=kind: entry["kinds"][kind]) for kind in KINDS]
    pick.append(("**total**", lambda entry: entry["total"]))
    for name, counted in pick:
        cells = [name]
        for n in counts:
            found = counted(sizes[n])
            cells += [f"{found['files']:,}", _mb(found["bytes"]),
                      _kb(found["bytes"] / sizes[n]["notices"])]
        if slope:
            cells.append(_kb(marginal(sizes, counted) or 0))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def group_table(sizes: dict[str, Any]) -> str:
    counts = sorted(sizes, key=int)
    names = sorted({name for n in counts for name in sizes[n]["groups"]})
    head = ["feeds, feed pages and calendars by listing"]
    for n in counts:
        head += [f"{int(n):,}: files", "KB / notice"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for name in names:
        cells = [name]
        for n in counts:
            found = sizes[n]["groups"].get(name, {"files": 0, "bytes": 0})
            cells += [f"{found['files']:,}", _kb(found["bytes"] / sizes[n]["notices"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def added_bytes(entry: dict[str, Any]) -> int:
    """The bytes of what issue 12 added: feed pages, and the feeds and calendars of regions ×
    categories and of projects."""
    return entry["kinds"]["feed pages"]["bytes"] + sum(
        found["bytes"] for name, found in entry["groups"].items()
        if name.split(": ", 1)[1] in NEW_GROUPS and not name.startswith("feed pages"))


def verdicts(sizes: dict[str, Any]) -> list[str]:
    """The budget at the largest size measured (fixed costs, such as the theme's assets and the
    capped feeds, weigh more per notice on a small site), and at the issue's 50,000 from what
    each further notice adds."""
    if not sizes:
        return ["Not measured yet."]
    count = max(sizes, key=int)
    entry = sizes[count]
    per_notice = entry["total"]["bytes"] / entry["notices"]
    budget = f"budget ≤ {BUDGET_PER_NOTICE / 1000:.0f} KB, the issue's 2.0 GB at 50,000"
    lines = [f"At {int(count):,} notices the site is {_mb(entry['total']['bytes'])}, "
             f"{_kb(per_notice)} KB per notice ({budget}: "
             f"{'met' if per_notice <= BUDGET_PER_NOTICE else 'MISSED'})."]
    added_per_notice = marginal(sizes, lambda found: found["total"])
    if added_per_notice is not None and int(count) < PROJECTED:
        projected = entry["total"]["bytes"] + added_per_notice * (PROJECTED - entry["notices"])
        lines.append(f"Each further notice adds {_kb(added_per_notice)} KB; at {PROJECTED:,} "
                     f"notices that makes ~{projected / 1e9:.1f} GB, {_kb(projected / PROJECTED)} KB "
                     f"per notice ({budget}: {'met' if projected <= PROJECTED * BUDGET_PER_NOTICE else 'MISSED'}).")
    added = added_bytes(entry)
    lines.append(f"Feed pages and the feeds and calendars of regions × categories and of projects "
                 f"(added by 3217db9) are {_kb(added / entry['notices'])} KB per notice at "
                 f"{int(count):,}; without them {_kb((entry['total']['bytes'] - added) / entry['notices'])} KB.")
    biggest = sorted(KINDS, key=lambda kind: -entry["kinds"][kind]["bytes"])[:3]
    lines.append(f"Biggest kinds at {int(count):,}: " + ", ".join(
        f"{kind} {_kb(entry['kinds'][kind]['bytes'] / entry['notices'])} KB" for kind in biggest)
        + " per notice.")
    return lines


def section(raw: dict[str, Any]) -> str:
    sizes = raw["sizes"]
    begin, end = markers(SECTION)
    dates = sorted({entry["date"] for entry in sizes.values()})
    machines = sorted({entry["machine"] for entry in sizes.values()})
    made = "; ".join(f"{int(n):,}: {sizes[n]['commit']}" for n in sorted(sizes, key=int))
    publics = ", ".join(f"{int(n):,}: {sizes[n]['public']:,} public" for n in sorted(sizes, key=int))
    disk = ", ".join(f"{int(n):,}: {_mb(sizes[n]['total']['disk_bytes'])}"
                     for n in sorted(sizes, key=int))
    return "\n".join([
        begin, "## Size budget (issue 18, item 5)", "",
        "`python benchmarks/site_bytes.py --sizes 1000 10000 --work DIR`: a clean build of the corpus "
        "of `corpus.py` (`--now` of the corpus), every file below the site root put in one kind; "
        "bytes as served, uncompressed, MB = 10⁶ bytes and KB = 1,000; per notice: ÷ the notices "
        "in the data folder. Notice pages: `notices/<id>/`; listing pages: the first page of each "
        "listing (and the home page); archive pages: `<listing>/page/<n>/`; feed pages: HTML "
        "below `feeds/`; feeds: `.xml` and `.atom` below `feeds/`; calendars: `.ics`; search "
        "index: `pagefind/`; open data: `data/`; attachments: `files/`; theme assets: `assets/` "
        "(Material's and ours); other: the hand-written pages, search page, sitemap, "
        "`build.json`. Raw figures: `benchmarks/site_bytes.json`.", "",
        f"- Date: {', '.join(dates)}", f"- Machine: {'; '.join(machines)}",
        f"- Commits measured: {made}",
        f"- Public notices: {publics}; on disk (4 KiB blocks): {disk}", "",
        kind_table(sizes), "",
        group_table(sizes), "",
        "### Against the budget", "", *(f"- {line}" for line in verdicts(sizes)), "", end,
    ])


def _today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, help="corpora and builds go to WORK/N/")
    parser.add_argument("--rebuild", action="store_true", help="build again over WORK/N/site")
    parser.add_argument("--site", type=Path, help="measure this build instead of building")
    parser.add_argument("--notices", type=int, help="notices in the data of --site (default: its "
                        "public notices)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--report-only", action="store_true",
                        help=f"rewrite the section from {RAW.name} without measuring")
    args = parser.parse_args()
    raw = load_raw(RAW)
    measured: dict[str, Any] = {}
    if args.site:
        found = measure(args.site, args.notices)
        measured[str(found["notices"])] = found
    elif not args.report_only:
        if not args.work:
            parser.error("--work is needed to build corpora (or give --site)")
        for count in args.sizes:
            measured[str(count)] = measure(build(count, args.work, args.rebuild), count)
    for count, found in measured.items():
        found.update(commit=commit(), date=_today(), machine=machine())
        print(json.dumps({count: found}, ensure_ascii=False))
    if args.no_write:
        return
    raw["sizes"].update(measured)
    save(raw, RAW)
    write_section(SECTION, section(raw))
    print(f"wrote {RAW.relative_to(REPO)} and the {SECTION} section of benchmarks/RESULTS.md",
          file=sys.stderr)


if __name__ == "__main__":
    main()
