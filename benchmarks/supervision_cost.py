"""What supervision costs (issue 15: organisation pages, statistics, red flags): clean builds
of the same corpus (Hubei's full region tree, benchmarks/hubei_regions.yaml) with and without
them, alternated, each in a fresh process and a fresh output folder; the fastest of each kind
counts, in wall time and in CPU seconds (the build and its children). Issue 15's budget: with
them at most 1.15 × without, at 10,000 notices.

    python benchmarks/supervision_cost.py --count 10000 --repeat 2 --work /tmp/supervision-cost

"Without" is the same code with the three left out, replaced in the benchmark's own process:
no organisation index (so no organisation pages, feeds, search records or links), no red flags
(no boxes on notices; the flags page and the two flag files stay, empty: the rules page links
to them), no statistics (pages, charts, CSVs), and mkdocs.yml's nav
without stats/index.md: what a build cost before them, measured on the same
machine at the same moment.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import BUILD_NOW, HUBEI, write  # noqa: E402

BUDGET = 1.15


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


SUPERVISION_PAGES = ("stats/", "entities/")  # the flags page stays: the rules page links to it


def project_without(work: Path) -> Path:
    """A copy of mkdocs.yml, theme/ and content/ whose nav does not name stats/."""
    root = work / "without"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in ("theme", "content"):
        shutil.copytree(REPO / name, root / name)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - stats/index.md\n", "")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def leave_out_supervision() -> None:
    """The build module of this process without issue 15's work (see the module's text)."""
    from generator.commands import build as build_module
    from generator.render.statistics import StatisticsOutput

    build_module.organisation_index = lambda site: {}  # type: ignore[assignment]
    build_module.find_flags = lambda site, limits, organisations: []  # type: ignore[assignment]
    build_module.site_statistics = lambda site: None  # type: ignore[assignment,return-value]
    build_module.statistics_output = (  # type: ignore[assignment]
        lambda ctx, statistics, cache: StatisticsOutput())
    every_page = build_module._generated_pages

    def pages_without(*args: Any) -> Any:
        return (page for page in every_page(*args) if not page.path.startswith(SUPERVISION_PAGES))

    build_module._generated_pages = pages_without  # type: ignore[assignment]


def build_once(data: Path, out: Path, config: Path, with_supervision: bool) -> dict[str, Any]:
    """One clean build in this process (run as a child of main)."""
    from generator.commands import build as build_module
    from generator.config import load_settings

    if not with_supervision:
        leave_out_supervision()
    started, cpu = time.perf_counter(), cpu_seconds()
    report = build_module.build(data, out, load_settings(config),
                                now=datetime.fromisoformat(BUILD_NOW), config_file=config)
    return {"seconds": time.perf_counter() - started, "cpu": cpu_seconds() - cpu,
            "pages": report.pages, "notices": report.notices, "stages": report.stage_seconds}


# In a build the engine renders the two frames (first page, archive page); here a stand-in of a
# frame's size (~14 KB of the engine's HTML around the content) with its tokens and content mark.
STAND_IN_FRAME = ("<!doctype html><title>gsframe-name · 单位记录</title>" + "x" * 14000
                  + "<!--gsframe-content-->" + "<a href='../../feeds/entity/gsframe-uscc.xml'>" * 3)


def parts(data: Path, cache_folder: Path) -> dict[str, float]:
    """CPU seconds of each part of what issue 15 adds to a clean build, on its own in one
    process, after every notice's facts are made (as a build makes them before these parts):
    the organisation index and the red flags; the organisations' pages (facts, then each made
    from its frame: fragment rendered, frame filled, written into a page cache), their feeds
    through an empty output cache and their search records; the statistics (counting, pages
    with every chart drawn, the same with every chart cached, the CSVs)."""
    from generator.commands.build import load_valid
    from generator.config import load_settings
    from generator.derive import derive_site
    from generator.flags import Thresholds, find_flags
    from generator.organisations import organisation_index
    from generator.pagecache import OutputCache, PageCache, output_fingerprint, page_url
    from generator.render.feeds import FeedSources, feed_specs, render_feed
    from generator.render.frames import Fragments, fill
    from generator.render.organisations import organisation_pages
    from generator.render.pages import RenderContext
    from generator.render.statistics import StatsPages, performance_csv, stats_csv
    from generator.search import organisation_records
    from generator.statistics import site_statistics
    from generator.words import labels_for

    settings = load_settings(REPO / "mkdocs.yml")
    site = derive_site(load_valid(data, settings, False), datetime.fromisoformat(BUILD_NOW),
                       settings.tz)
    if cache_folder.exists():
        shutil.rmtree(cache_folder)
    timed: dict[str, float] = {}

    def timing(name: str, work: Any) -> Any:
        started = time.process_time()
        result = work()
        timed[name] = round(time.process_time() - started, 2)
        return result

    organisations = timing("organisation index", lambda: organisation_index(site))
    ctx = RenderContext(site, settings.language, data / "files", settings.page_size,
                        organisations=organisations)
    for pn in site.notices:  # as the build does first, for the search records
        ctx.notice_facts(pn)
    timing("red flags", lambda: find_flags(site, Thresholds.of(settings), organisations))
    pages = timing("organisation pages: facts", lambda: list(organisation_pages(ctx)))
    fragments = Fragments(REPO / "theme", labels_for(settings.language, settings.labels),
                          settings.site_url)
    cache = PageCache(cache_folder / "pages", "benchmark")
    frame_html = {page.framing.key: STAND_IN_FRAME for page in pages if page.framing is not None}

    def made_from_frames() -> None:
        for page in pages:
            assert page.framing is not None
            content = fragments.html(page.framing.fragment, page.facts, page_url(page.path))
            cache.store_text(cache.key(page.path, page.key_bytes()),
                             fill(frame_html[page.framing.key], page.framing, content))

    timing("organisation pages: made from frames", made_from_frames)
    specs = [spec for spec in feed_specs(ctx) if spec.group == "organisation"]
    outputs = OutputCache(cache_folder / "outputs", output_fingerprint())

    def feeds() -> None:
        sources = FeedSources(ctx, settings)
        for spec in specs:
            source = sources.of(spec)
            text = sources.key_text(spec)
            for path, made in zip(spec.files, render_feed(source, atom_only=spec.atom_only),
                                  strict=True):
                outputs.put(outputs.key(path, text), made)

    timing("organisation feeds", feeds)
    timing("organisation search records", lambda: organisation_records(organisations.values()))
    statistics = timing("statistics: counting", lambda: site_statistics(site))
    for name in ("statistics: pages and charts drawn", "statistics: pages, charts cached"):
        charts = OutputCache(cache_folder / "charts", output_fingerprint())
        made = timing(name, lambda charts=charts: list(StatsPages(ctx, statistics, charts, {}).all()))
    timing("statistics: CSVs", lambda: (stats_csv(statistics), performance_csv(statistics)))
    timed["organisations"] = len(organisations)
    timed["organisation pages"] = len(pages)
    timed["organisation feed files"] = sum(len(spec.files) for spec in specs)
    timed["statistics pages"] = len(made)
    return timed


def run(data: Path, out: Path, config: Path, with_supervision: bool) -> dict[str, Any]:
    if out.parent.exists():
        shutil.rmtree(out.parent)
    out.parent.mkdir(parents=True)
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(data), str(out), str(config),
         "with" if with_supervision else "without"],
        cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    shutil.rmtree(out.parent)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gongshi-supervision-cost"))
    parser.add_argument("--reuse", action="store_true", help="keep WORK/corpus if it is there")
    parser.add_argument("--parts", action="store_true",
                        help="only time the statistics' own work in one process (CPU seconds)")
    parser.add_argument("--one", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        data, out, config, kind = args.one
        print(json.dumps(build_once(Path(data), Path(out), Path(config), kind == "with")))
        return
    data = args.work / "corpus" / "data"
    if not (args.reuse and data.is_dir()):
        data = write(args.count, args.work / "corpus", tree=HUBEI)
    if args.parts:
        print(json.dumps(parts(data, args.work / "parts"), indent=1))
        return
    configs = {"without": project_without(args.work), "with": REPO / "mkdocs.yml"}
    runs: dict[str, list[dict[str, Any]]] = {"without": [], "with": []}
    for _ in range(args.repeat):
        for kind in ("without", "with"):
            result = run(data, args.work / "out" / "site", configs[kind], kind == "with")
            runs[kind].append(result)
            print(f"{kind}: {result['seconds']:.1f} s, CPU {result['cpu']:.1f} s, "
                  f"{result['pages']} pages", flush=True)
    best = {kind: min(results, key=lambda r: r["seconds"]) for kind, results in runs.items()}
    cpu = {kind: min(r["cpu"] for r in results) for kind, results in runs.items()}
    ratio = best["with"]["seconds"] / best["without"]["seconds"]
    print(f"\n{args.count} notices, Hubei's tree: without {best['without']['seconds']:.1f} s "
          f"({best['without']['pages']} pages), with {best['with']['seconds']:.1f} s "
          f"({best['with']['pages']} pages): ×{ratio:.3f} (budget ×{BUDGET}: "
          f"{'met' if ratio <= BUDGET else 'MISSED'}); CPU {cpu['without']:.1f} s → "
          f"{cpu['with']:.1f} s, ×{cpu['with'] / cpu['without']:.3f}")
    for kind in ("without", "with"):
        stages = ", ".join(f"{k} {v:.1f}" for k, v in best[kind]["stages"].items())
        print(f"  {kind} stages: {stages}")


if __name__ == "__main__":
    main()
