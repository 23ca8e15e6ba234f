"""Scale (issue 7): wall time and peak memory of every step of publishing N synthetic notices,
against a bare `mkdocs build` + Pagefind of the same pages.

    python benchmarks/stages.py                          # 1,000, 10,000 and 50,000 notices
    python benchmarks/stages.py --sizes 1000 --no-write  # print only
    python benchmarks/stages.py --sizes 50000 --skip reindex reference

For each size the corpus (benchmarks/corpus.py) is generated once; then each step runs in its
own fresh interpreter under a small wrapper process that reports the step's wall time, the
peak RSS of its biggest process (`getrusage(RUSAGE_CHILDREN).ru_maxrss` of the wrapper, which
covers Pagefind, a waited-for grandchild) and the peak of the whole process tree's memory summed
as proportional set size (PSS: a page shared by two processes, like a forked child's
copy-on-write heap, counts once), sampled from /proc every 0.2 s; the build, its index process
and Pagefind are alive at the same time. Steps:

1. validate   `gongshi validate --strict`
2. clean      `build(..., clean=True)` into a fresh folder: stage seconds from the build's own
              stopwatch, the build process's peak RSS after each stage, Pagefind's peak
3. weight     bytes of the home page, the province's listing and a category's listing with
              the stylesheets and scripts of ours they load (benchmarks/page_weight.py)
4. reindex    the index stage alone on a copy of the built site without pagefind/
5. search     bytes one query downloads (benchmarks/search_bytes.py, headless chromium)
6. warm       rebuild over (2), same data and --now: a clean build reads no cache but fills
              them all, so this first rebuild after it is already incremental
7. noop       rebuild over (6): same data, same --now, page and index caches present
8. reference  bare `mkdocs build` of the docs folder the build generates, then bare
              `pagefind_extended --site` over its output, default options
9. plus-one   one more tender in the data, rebuild over (7)
10. plus-two  another tender, rebuild over (9): the steady state of a site in use, where both
              trees hold a recent site (the no-op rebuilds only refresh build.json, so (9)
              brings the idle tree up to date from the clean build: it copies every file)

Raw figures go to benchmarks/stages.json (merged by size, so sizes can be run separately);
the tables are written between markers in benchmarks/RESULTS.md, keeping the rest of the file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.build_scaling import machine  # noqa: E402
from benchmarks.corpus import BUILD_NOW, Written, extra_tender, write, write_notice  # noqa: E402
from benchmarks.page_weight import BUDGET as WEIGHT_BUDGET  # noqa: E402
from benchmarks.page_weight import weights  # noqa: E402
from benchmarks.results import markers, write_section  # noqa: E402

CONFIG = REPO / "mkdocs.yml"
RESULTS = REPO / "benchmarks" / "RESULTS.md"
RAW = REPO / "benchmarks" / "stages.json"
BEGIN, END = markers("stages.py")
SIZES = (1000, 10000, 50000)
STEPS = ("validate", "clean", "weight", "reindex", "search", "warm", "noop", "reference",
         "plus-one", "plus-two")
SAMPLE_SECONDS = 0.2
GUARD_BYTES = 20 * 1024**3  # the wrapper kills a step whose process tree passes this
STEP_TIMEOUT = 40 * 60  # seconds; a build gets this per 50,000 notices (step_timeout)
MIB = 1024  # ru_maxrss and /proc figures are in KiB


# --- measuring one step in its own process tree -----------------------------------------------


@dataclass
class Measured:
    seconds: float
    max_rss_kb: int  # the biggest single process of the tree (exact: kernel accounting)
    tree_kb: int  # the tree's PSS summed, sampled
    returncode: int
    stdout: str = ""
    killed: str = ""

    def json(self) -> dict[str, Any]:
        """The last stdout line of an entry point: its own JSON report."""
        return json.loads(self.stdout.strip().splitlines()[-1])


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def _rss_kb(pid: int) -> int:
    """The process's proportional set size: pages shared with another process of the tree (a
    forked child's copy-on-write heap) are shared out between them, not counted twice."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


def tree_rss_kb(root: int) -> int:
    children, total, todo = _children_map(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(children.get(pid, []))
    return total


def wrap(argv: list[str], report: Path, cwd: Path, timeout: float = STEP_TIMEOUT) -> int:
    """The wrapper process: run `argv`, sample its tree, write a Measured (sans stdout)."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, start_new_session=True)
    peak, killed = 0, ""
    while child.poll() is None:
        peak = max(peak, tree_rss_kb(child.pid))
        elapsed = time.perf_counter() - started
        if peak * 1024 > GUARD_BYTES or elapsed > timeout:
            killed = "memory guard" if peak * 1024 > GUARD_BYTES else "timeout"
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            break
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = Measured(seconds, rss, max(peak, rss), child.returncode, killed=killed)
    report.write_text(json.dumps(asdict(result)))
    return 0


class StepFailed(Exception):
    """A step was killed (memory guard, timeout) or failed; what it measured is recorded."""


def measure(argv: list[str], name: str, cwd: Path = REPO,
            timeout: float = STEP_TIMEOUT) -> Measured:
    """Run `argv` under a fresh wrapper process; StepFailed if it failed or was killed."""
    with tempfile.TemporaryDirectory(prefix="gongshi-measure-") as tmp:
        report = Path(tmp) / "measured.json"
        done = subprocess.run([sys.executable, __file__, "--wrap", str(report), str(cwd),
                               str(timeout), "--",
                               *argv], capture_output=True, text=True, check=False)
        if not report.is_file():
            raise SystemExit(f"{name}: the wrapper failed:\n{done.stderr[-3000:]}")
        result = Measured(**json.loads(report.read_text()))
    result.stdout = done.stdout
    if result.returncode != 0 or result.killed:
        reason = result.killed or f"exit status {result.returncode}"
        print(f"  {name} failed ({reason}) after {result.seconds:.0f} s, tree peak "
              f"{result.tree_kb / MIB:,.0f} MiB:\n{done.stderr[-2000:]}", flush=True)
        raise StepFailed(json.dumps({**asdict(result), "stdout": "", "failed": reason}))
    print(f"  {name:<10} {result.seconds:8.1f} s  {result.tree_kb / MIB:8.0f} MiB tree peak",
          flush=True)
    return result


def _entry(*args: str) -> list[str]:
    return [sys.executable, __file__, "--entry", *args]


# --- entry points: what runs inside a measured process ----------------------------------------


def entry_build(data: Path, out: Path, clean: bool) -> dict[str, Any]:
    """One `gongshi build`, reporting its stopwatch and the process's peak RSS at each lap."""
    from generator.commands import build as build_module
    from generator.config import load_settings

    peaks: dict[str, int] = {}
    lap = build_module._Stopwatch.lap

    def lap_with_peak(self: Any, stage: str) -> None:
        lap(self, stage)
        peaks[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    build_module._Stopwatch.lap = lap_with_peak  # type: ignore[method-assign]
    report = build_module.build(data, out, load_settings(CONFIG), now=datetime.fromisoformat(BUILD_NOW),
                                strict=True, config_file=CONFIG, clean=clean)
    return {"notices": report.notices, "pages": report.pages, "engine_pages": report.engine_pages,
            "seconds": report.seconds, "live_seconds": report.live_seconds,
            "stages": report.stage_seconds, "peak_after_kb": peaks,
            "pagefind_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def entry_index(site: Path, data: Path) -> dict[str, Any]:
    """The index stage as the build runs it (same records and shards, from the data; `site`
    is not read); loading and rendering the data are not timed."""
    import tempfile

    from generator.commands.build import load_valid
    from generator.config import load_settings
    from generator.derive import derive_site
    from generator.render.pages import RenderContext
    from generator.search import index_records, notice_records

    settings = load_settings(CONFIG)
    dataset = load_valid(data, settings, strict=True)
    derived = derive_site(dataset, datetime.fromisoformat(BUILD_NOW), settings.tz)
    ctx = RenderContext(derived, settings.language, dataset.files_dir(), settings.page_size)
    records = notice_records(ctx.notice_facts(pn) for pn in derived.notices)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gongshi-index-bench-") as scratch:
        stats = index_records(Path(scratch) / "pagefind", records)
    return {"pages": stats.pages, "bytes": stats.bytes, "seconds": time.perf_counter() - started,
            "python_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "pagefind_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def entry_docs(data: Path, docs: Path) -> dict[str, Any]:
    """The pages a clean build hands the engine as a docs folder, each page's facts in its front
    matter (benchmarks/reference_hook.py hands them to the templates), and the `extra` the
    build adds to the config."""
    from generator.commands.build import _engine_extra, load_valid
    from generator.config import load_settings
    from generator.derive import derive_site
    from generator.pagecache import OutputCache, output_fingerprint
    from generator.render.facts import json_values
    from generator.render.opendata import cached_exports, open_data_pages, write_open_data
    from generator.render.pages import RenderContext, render_pages
    from generator.render.search_page import search_page

    settings = load_settings(CONFIG)
    dataset = load_valid(data, settings, strict=True)
    site = derive_site(dataset, datetime.fromisoformat(BUILD_NOW), settings.tz)
    ctx = RenderContext(site, settings.language, dataset.files_dir(), settings.page_size)
    shutil.copytree(REPO / "content", docs)
    with tempfile.TemporaryDirectory() as open_data:  # the 数据下载 page states the files' sizes
        sizes = write_open_data(site, ctx, settings, Path(open_data))
        outputs = OutputCache(Path(open_data) / "outputs", output_fingerprint(), fresh=True)
        exports = cached_exports(ctx, settings, outputs, Path(open_data))
    count = 0
    for page in [*render_pages(ctx), search_page(ctx),
                 *open_data_pages(ctx, settings, sizes, exports)]:
        meta: dict[str, Any] = {"title": page.title, "template": page.template,
                                "hide": list(page.hide), "gongshi": json_values(page.facts)}
        if page.description is not None:
            meta["description"] = page.description
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n", encoding="utf-8")
        count += 1
    return {"pages": count, "extra": _engine_extra(settings)}


def run_entry(args: list[str]) -> None:
    kind, *rest = args
    if kind == "build":
        result = entry_build(Path(rest[0]), Path(rest[1]), clean=rest[2:] == ["--clean"])
    elif kind == "index":
        result = entry_index(Path(rest[0]), Path(rest[1]))
    else:
        result = entry_docs(Path(rest[0]), Path(rest[1]))
    print(json.dumps(result, ensure_ascii=False))


# --- the steps of one size --------------------------------------------------------------------


@dataclass
class SizeRun:
    notices: int
    steps: dict[str, dict[str, Any]] = field(default_factory=dict)

    def record(self, step: str, measured: Measured, **facts: Any) -> None:
        self.steps[step] = {"seconds": measured.seconds, "max_rss_kb": measured.max_rss_kb,
                            "tree_kb": measured.tree_kb, **facts}


def step_validate(run: SizeRun, work: Path, repeat: int = 3) -> None:
    """Cheap, so the median of three runs (the issue's own figures are medians of three)."""
    argv = ["gongshi", "--config", str(CONFIG), "validate", "--strict", "--data",
            str(work / "data")]
    runs = sorted((measure(argv, "validate") for _ in range(repeat)), key=lambda m: m.seconds)
    run.record("validate", runs[len(runs) // 2], all_seconds=[m.seconds for m in runs])


def step_timeout(notices: int) -> float:
    """A clean build is ~linear in notices: 250,000 takes over an hour on this machine."""
    return max(STEP_TIMEOUT, STEP_TIMEOUT * notices / 50_000)


def step_build(run: SizeRun, work: Path, step: str, clean: bool) -> None:
    args = [str(work / "data"), str(work / "site")] + (["--clean"] if clean else [])
    m = measure(_entry("build", *args), step, timeout=step_timeout(run.notices))
    run.record(step, m, build=m.json())


def step_weight(run: SizeRun, work: Path) -> None:
    """Bytes, not time: the clean build's pages as a browser gets them."""
    run.steps["weight"] = {"pages": weights(work / "site")}
    worst = max(page["total"] for page in run.steps["weight"]["pages"].values())
    print(f"  weight     {worst / 1000:8.1f} KB for the heaviest page", flush=True)


def step_reindex(run: SizeRun, work: Path) -> None:
    copy = work / "reindex-site"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(work / "site", copy, ignore=shutil.ignore_patterns("pagefind"))
    m = measure(_entry("index", str(copy), str(work / "data")), "reindex")
    run.record("reindex", m, index=m.json())
    shutil.rmtree(copy)


def step_search(run: SizeRun, work: Path) -> None:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "search_bytes.py"),
                           str(work / "site")], cwd=REPO, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        run.steps["search"] = {"skipped": done.stderr.strip().splitlines()[-1:]}
        print(f"  search     skipped: {done.stderr[-500:]}", flush=True)
        return
    run.steps["search"] = json.loads(done.stdout)
    worst = max(_first(q)["bytes"] for q in run.steps["search"]["queries"])
    print(f"  search     {worst / 1000:8.0f} KB for the costliest first action", flush=True)


def _first(query: dict[str, Any]) -> dict[str, Any]:
    """What the first action of a search downloaded (older runs measured one action only)."""
    return query.get("first", query)


def _query_cell(query: dict[str, Any]) -> str:
    first = _first(query)
    text = (f"`{query['query']}` {first['bytes'] / 1000:,.0f} KB, of which index "
            f"{first['index_bytes'] / 1000:,.0f} ({first['shown']})")
    every = query.get("all_years")
    if every:
        text += (f"; all years {every['bytes'] / 1000:,.0f} KB, {every['shards_read']} shards "
                 f"({every['shown']})")
    older = query.get("all_periods")  # runs before the 12-month default: batches of shards
    if older:
        text += (f"; all periods {older['bytes'] / 1000:,.0f} KB in {older['batches']} "
                 f"batch(es), {older['shards_read']} shards ({older['shown']})")
    return text


def reference_config(work: Path, docs: Path, extra: dict[str, Any]) -> Path:
    """mkdocs.yml with docs_dir pointing at the generated docs and our `extra` written in."""
    import yaml

    from generator.config import load_settings

    text = CONFIG.read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    # what gongshi's engine hands MkDocs from extra.gongshi (bare MkDocs requires a site_name)
    settings = load_settings(CONFIG)
    config.setdefault("site_name", settings.site_name)
    if settings.site_description is not None:
        config.setdefault("site_description", settings.site_description)
    config["theme"].setdefault("language", settings.language)
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(reference_theme(work))
    config["extra"].update(extra)
    config["hooks"] = [str(REPO / "benchmarks" / "reference_hook.py")]
    path = work / "reference-mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def reference_theme(work: Path) -> Path:
    """gongshi's theme with benchmarks/reference_theme/ laid over it: the Pagefind attributes
    that the site's pages leave out, since its own index is made from the facts."""
    theme = work / "reference-theme"
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(REPO / "theme", theme)
    shutil.copytree(REPO / "benchmarks" / "reference_theme", theme, dirs_exist_ok=True)
    return theme


def step_reference(run: SizeRun, work: Path) -> None:
    from pagefind_bin_extended import get_executable

    docs, out = work / "reference-docs", work / "reference-site"
    for folder in (docs, out):
        shutil.rmtree(folder, ignore_errors=True)
    made = subprocess.run(_entry("docs", str(work / "data"), str(docs)), capture_output=True,
                          text=True, check=True)
    extra = json.loads(made.stdout.strip().splitlines()[-1])["extra"]
    config = reference_config(work, docs, extra)
    mkdocs = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                      "-d", str(out)], "mkdocs", cwd=work)
    pagefind = measure([str(get_executable()), "--site", str(out)], "pagefind", cwd=work)
    run.steps["reference"] = {
        "mkdocs": {"seconds": mkdocs.seconds, "max_rss_kb": mkdocs.max_rss_kb,
                   "tree_kb": mkdocs.tree_kb},
        "pagefind": {"seconds": pagefind.seconds, "max_rss_kb": pagefind.max_rss_kb,
                     "tree_kb": pagefind.tree_kb},
    }
    for folder in (docs, out):
        shutil.rmtree(folder)


def step_plus_one(run: SizeRun, work: Path, step: str = "plus-one",
                  tender: Written | None = None) -> None:
    added = write_notice(work / "data", tender or extra_tender())
    step_build(run, work, step, clean=False)
    run.steps[step]["added"] = added.relative_to(work).as_posix()


def run_size(count: int, skip: set[str], keep: Path | None, raw: Path,
             resume: bool = False) -> SizeRun:
    work = keep or Path(tempfile.mkdtemp(prefix=f"gongshi-stages-{count}-"))
    print(f"{count} notices in {work}", flush=True)
    if not resume:
        write(count, work)
    run = SizeRun(count)
    steps = {
        "validate": lambda: step_validate(run, work),
        "clean": lambda: step_build(run, work, "clean", clean=True),
        "weight": lambda: step_weight(run, work),
        "reindex": lambda: step_reindex(run, work),
        "search": lambda: step_search(run, work),
        "warm": lambda: step_build(run, work, "warm", clean=False),
        "noop": lambda: step_build(run, work, "noop", clean=False),
        "reference": lambda: step_reference(run, work),
        "plus-one": lambda: step_plus_one(run, work),
        "plus-two": lambda: step_plus_one(run, work, "plus-two", extra_tender(seed=8, seq=999_998)),
    }
    try:
        for name in STEPS:
            if name not in skip:
                measured_commit = commit()
                try:
                    steps[name]()
                except StepFailed as failed:  # later steps need this one's output: stop here
                    run.steps[name] = json.loads(str(failed))
                    break
                finally:
                    if name in run.steps:  # a rerun of some steps may be on another day and machine
                        run.steps[name].update(commit=measured_commit, date=_today(),
                                               machine=machine())
                    save(run, raw)  # a long run keeps what it measured so far
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return run


# --- results ----------------------------------------------------------------------------------


def load_raw(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"sizes": {}}


def commit() -> str:
    """The commit whose generator a step runs (the package is installed editable)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                              check=False).stdout.strip()

    dirty = git("status", "--porcelain", "--", "generator", "theme", "content", "mkdocs.yml")
    return git("rev-parse", "--short", "HEAD") + ("+dirty" if dirty else "")


def save(run: SizeRun, path: Path) -> None:
    """Merge this run's steps into the size's record (a rerun of some steps keeps the rest)."""
    raw = load_raw(path)
    entry = raw["sizes"].setdefault(str(run.notices), {"steps": {}})
    entry["steps"].update(run.steps)
    entry.setdefault("date", _today())  # the size's first run; each step has its own since
    entry.setdefault("machine", machine())
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def _today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _s(step: dict[str, Any] | None) -> str:
    return f"{step['seconds']:.1f} s" if step else "–"


def _mb(kb: int | None) -> str:
    return f"{kb / MIB:,.0f} MiB" if kb else "–"


def _peak(step: dict[str, Any] | None) -> str:
    """Tree peak (biggest single process)."""
    if not step:
        return "–"
    return f"{_mb(step['tree_kb'])} ({step['max_rss_kb'] / MIB:,.0f})"


def _failed(step: dict[str, Any]) -> str:
    return (f"killed ({step['failed']}) after {step['seconds']:.0f} s at "
            f"{step['tree_kb'] / MIB:,.0f} MiB")


def _rebuild(step: dict[str, Any] | None) -> str:
    if not step:
        return "–"
    if "failed" in step:
        return _failed(step)
    build = step["build"]
    live = f" (live after {build['live_seconds']:.1f} s)" if "live_seconds" in build else ""
    return f"{_s(step)}{live}, {build['engine_pages']} of {build['pages']} pages rendered"


def reference_seconds(steps: dict[str, Any]) -> float | None:
    ref = steps.get("reference")
    return ref["mkdocs"]["seconds"] + ref["pagefind"]["seconds"] if ref else None


def whole_table(sizes: dict[str, Any]) -> str:
    head = ["notices", "public", "validate --strict", "clean build", "s / notice",
            "first rebuild after clean", "no-op rebuild", "+1 notice rebuild",
            "another +1 (both trees recent)", "reference MkDocs", "reference Pagefind",
            "build ÷ reference"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for count, entry in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        steps = entry["steps"]
        clean, ref = steps.get("clean"), steps.get("reference")
        if clean and "failed" in clean:
            lines.append(f"| {int(count):,} | – | {_s(steps.get('validate'))}, "
                         f"{_peak(steps.get('validate'))} | {_failed(clean)} |" + " – |" * 7)
            continue
        ref_s = reference_seconds(steps)
        cells = [
            f"{int(count):,}", str(clean["build"]["notices"]) if clean else "–",
            f"{_s(steps.get('validate'))}, {_peak(steps.get('validate'))}",
            f"{_s(clean)}, {_peak(clean)}",
            f"{clean['seconds'] / int(count):.4f}" if clean else "–",
            _rebuild(steps.get("warm")), _rebuild(steps.get("noop")), _rebuild(steps.get("plus-one")),
            _rebuild(steps.get("plus-two")),
            f"{_s(ref['mkdocs'])}, {_peak(ref['mkdocs'])}" if ref else "–",
            f"{_s(ref['pagefind'])}, {_peak(ref['pagefind'])}" if ref else "–",
            f"×{clean['seconds'] / ref_s:.2f}" if clean and ref_s else "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


BUILDS = {"clean": "clean", "warm": "first rebuild after clean", "noop": "no-op rebuild",
          "plus-one": "+1 notice rebuild", "plus-two": "another +1 (both trees recent)"}


def stage_table(sizes: dict[str, Any]) -> str:
    names = ("validate", "derive", "render", "engine", "exports", "search", "cleanup")
    head = ["notices", "build", *names, "total", "live after", "pages rendered",
            "build process peak after each stage (MiB)", "Pagefind peak"]
    lines = ["| " + " | ".join(head) + " |", "|---:|---|" + "---:|" * (len(head) - 2)]
    for count, entry in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        for step, label in BUILDS.items():
            if "build" not in entry["steps"].get(step, {}):
                continue
            build = entry["steps"][step]["build"]
            # render and engine run interleaved (batches): no peak after render alone
            peaks = " / ".join(f"{build['peak_after_kb'][n] / MIB:,.0f}"
                               if n in build["peak_after_kb"] else "–" for n in names)
            cells = [f"{int(count):,}", label, *(f"{build['stages'].get(n, 0):.1f}" for n in names),
                     f"{build['seconds']:.1f}",
                     f"{build['live_seconds']:.1f}" if "live_seconds" in build else "–",
                     f"{build['engine_pages']} of {build['pages']}",
                     peaks, _mb(build["pagefind_kb"])]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def index_table(sizes: dict[str, Any]) -> str:
    head = ["notices", "index stage alone", "of which Pagefind peak", "index size",
            "bytes per query (shown results)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for count, entry in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        steps = entry["steps"]
        re = steps.get("reindex")
        search = steps.get("search", {})
        queries = "<br>".join(_query_cell(q) for q in search.get("queries", [])) \
            or search.get("skipped", "–")
        size = search.get("index", {}).get("total")
        cells = [f"{int(count):,}", f"{_s(re)}, {_peak(re)}" if re else "–",
                 _mb(re["index"]["pagefind_kb"]) if re else "–",
                 f"{size / 1e6:,.1f} MB" if size else "–", str(queries)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def weight_table(sizes: dict[str, Any]) -> str:
    head = ["notices", "page", "HTML", "our CSS and JS", "total", "budget"]
    lines = ["| " + " | ".join(head) + " |", "|---:|---|" + "---:|" * (len(head) - 2)]
    for count, entry in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        for name, page in entry["steps"].get("weight", {}).get("pages", {}).items():
            assets = sum(page["assets"].values())
            cells = [f"{int(count):,}", f"{name} (`{page['page']}`)", f"{page['html'] / 1000:.1f} KB",
                     f"{assets / 1000:.1f} KB ({len(page['assets'])} files)",
                     f"{page['total'] / 1000:.1f} KB",
                     "met" if page["total"] < WEIGHT_BUDGET else "MISSED"]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _ratio(a: float, b: float) -> str:
    return f"×{a / b:.2f}"


def verdicts(sizes: dict[str, Any]) -> list[str]:
    """Each target of issue 7 against the figures measured (or what is missing)."""
    steps = {int(k): v["steps"] for k, v in sizes.items()}
    out = []

    def clean(n: int) -> dict[str, Any] | None:
        step = steps.get(n, {}).get("clean")
        return step if step and "failed" not in step else None

    built = [n for n in steps if clean(n)]
    small, big = (min(built), max(built)) if built else (0, 0)
    if big > small:
        ratio = (clean(big)["seconds"] / big) / (clean(small)["seconds"] / small)
        out.append(f"Per-notice cost of a full build, {big:,} vs {small:,}: ×{ratio:.2f} "
                   f"(target ≤ ×1.25: {'met' if ratio <= 1.25 else 'MISSED'}).")
    for n, s in sorted(steps.items()):
        ref = reference_seconds(s)
        if clean(n) and ref:
            ratio = clean(n)["seconds"] / ref
            out.append(f"Full build vs bare MkDocs + Pagefind at {n:,}: {clean(n)['seconds']:.1f} s "
                       f"vs {ref:.1f} s, ×{ratio:.2f} (target ≤ ×1.2: "
                       f"{'met' if ratio <= 1.2 else 'MISSED'}).")
    if "plus-one" in steps.get(10000, {}):
        seconds = steps[10000]["plus-one"]["seconds"]
        live = steps[10000]["plus-one"].get("build", {}).get("live_seconds")
        live_note = f", live after {live:.1f} s in the build process" if live is not None else ""
        out.append(f"One new notice into the 10,000-notice site: {seconds:.1f} s{live_note} "
                   f"(target < ~12 s, Hugo's full 10k build: {'met' if seconds < 12 else 'MISSED'}).")
    if "validate" in steps.get(10000, {}):
        seconds = steps[10000]["validate"]["seconds"]
        out.append(f"`gongshi validate --strict` on 10,000: {seconds:.1f} s (target ≤ 10 s: "
                   f"{'met' if seconds <= 10 else 'MISSED'}).")
    if "clean" in steps.get(50000, {}):
        peak = steps[50000]["clean"]["tree_kb"]
        out.append(f"Peak memory of a full build at 50,000: {peak / MIB / 1024:.2f} GiB (process "
                   f"tree; target ≤ 2 GiB: {'met' if peak <= 2 * 1024 * MIB else 'MISSED'}).")
    else:
        out.append("Peak memory of a full build at 50,000: not measured in this run.")
    pages = steps.get(10000, {}).get("weight", {}).get("pages")
    if pages:
        heaviest = max(pages.values(), key=lambda page: page["total"])
        out.append(f"A listing page with its controls at 10,000: at most {heaviest['total'] / 1000:.1f} KB "
                   f"(`{heaviest['page']}`; target < {WEIGHT_BUDGET / 1000:.0f} KB of our HTML, CSS "
                   f"and JS: {'met' if heaviest['total'] < WEIGHT_BUDGET else 'MISSED'}).")
    else:
        out.append("A listing page's weight at 10,000: not measured in this run.")
    queries = steps.get(50000, {}).get("search", {}).get("queries")
    if queries:
        worst = max(_first(q)["bytes"] for q in queries)
        out.append(f"One search at 50,000: at most {worst / 1000:,.0f} KB over the default queries' "
                   "first actions "
                   f"(target ≤ 300 KB: {'met' if worst <= 300_000 else 'MISSED'}).")
    else:
        out.append("One search at 50,000: not measured in this run.")
    return out


def section(raw: dict[str, Any]) -> str:
    sizes = raw["sizes"]
    steps = [(step, entry) for entry in sizes.values() for step in entry["steps"].values()]
    dates = sorted({step.get("date", entry["date"]) for step, entry in steps})
    machines = sorted({step.get("machine", entry["machine"]) for step, entry in steps})
    parts = [
        BEGIN, "## Scale (issue 7)", "",
        "`python benchmarks/stages.py`: each step in a fresh process under a wrapper; "
        f"`--now {BUILD_NOW}`, `--strict`; one run per size and step (validate: median of "
        "three), so the figures carry the noise of a shared 2-core machine. Peak memory is the whole process "
        "tree's proportional set size summed (PSS, sampled every 0.2 s; the build, its index process "
        "and Pagefind run at once; copy-on-write pages shared after a fork count once), in brackets "
        "the biggest single process (kernel accounting, exact). Raw figures: "
        "`benchmarks/stages.json`.", "",
        f"- Date: {', '.join(dates)}", f"- Machine: {'; '.join(machines)}",
        f"- Commits measured: {commits(sizes)}", "",
        "### Whole steps", "", whole_table(sizes), "",
        "First rebuild after clean: `gongshi build` over the `--clean` build, same data and "
        "`--now`; a clean build reads no cache but fills them all, so this one already reuses "
        "every page and shard. No-op rebuild: the same again. +1 notice: one more public tender, published on the build's day, "
        "added to the data and rebuilt over the no-op build; live after: when the new site was "
        "swapped in (the old one is deleted after). The no-op rebuilds only refresh build.json, so "
        "this first +1 also fills the idle tree whole; another +1: a second new tender over it, "
        "both trees now recent, as in a site in use. Reference: the same generated docs folder, bare `mkdocs build`, then "
        "`pagefind_extended --site` with default options over its output.", "",
        "### Stages of each build (seconds, the build's own stopwatch)", "",
        "The index runs in a process forked from the build beside the engine; the search column "
        "is only the build's wait for it once exports are done. Pagefind peak: the biggest "
        "child of the build (`RUSAGE_CHILDREN`: the index process or a Pagefind run, whichever "
        "is larger). Render and engine run interleaved in batches, so the build process has no "
        "peak of its own after render (–).", "",
        stage_table(sizes), "",
        "### Search", "",
        "Index stage re-run alone (`generator.search.index_records`, from the data, as the build "
        "runs it beside the engine); bytes a search downloads from `pagefind/` in headless "
        "chromium (`benchmarks/search_bytes.py`, fresh browser context per query): the Pagefind "
        "runtime (JS + WebAssembly, the same at every size), `shards.json`, and the index "
        "chunks, fragments and filters the search needs. First action: the search page opened "
        "with the query (the last 12 months, every shard of them); all years: then 搜索全部年份 "
        "pressed (the bytes of both actions). Runs before the 12-month default measured the "
        "newest batch of shards and 继续搜索更早的公告 pressed until every shard was searched "
        "(all periods).", "",
        index_table(sizes), "",
        "### Page weight (issue 12)", "",
        "The first page of a listing as a browser gets it, uncompressed: its HTML and the "
        "stylesheets and scripts of ours (`theme/assets/`) it loads; Material's bundle is not "
        "counted (`benchmarks/page_weight.py`, after the clean build). KB = 1,000 bytes.", "",
        weight_table(sizes), "",
        "### Against the targets", "", *(f"- {line}" for line in verdicts(sizes)), "", END,
    ]
    return "\n".join(parts)


def commits(sizes: dict[str, Any]) -> str:
    parts = []
    for count, entry in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        by_commit: dict[str, list[str]] = {}
        for step, facts in entry["steps"].items():
            by_commit.setdefault(facts.get("commit", "?"), []).append(step)
        parts.append(f"{int(count):,}: " + ", ".join(
            f"{c} ({' '.join(steps)})" if len(by_commit) > 1 else c
            for c, steps in by_commit.items()))
    return "; ".join(parts)


def write_results(raw: dict[str, Any]) -> None:
    write_section("stages.py", section(raw), RESULTS)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--wrap":
        sep = sys.argv.index("--")
        sys.exit(wrap(sys.argv[sep + 1:], Path(sys.argv[2]), Path(sys.argv[3]),
                      float(sys.argv[4])))
    if len(sys.argv) > 1 and sys.argv[1] == "--entry":
        run_entry(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--skip", nargs="*", choices=STEPS, default=[])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (one size)")
    parser.add_argument("--resume", action="store_true",
                        help="with --keep: go on over the data and site there (skip the steps "
                             "done: the corpus is not written again)")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    parser.add_argument("--raw", type=Path, default=RAW, help="where raw figures are merged")
    parser.add_argument("--report-only", action="store_true",
                        help=f"rewrite the section from {RAW.name} without measuring")
    args = parser.parse_args()
    if not args.report_only:
        for count in args.sizes:
            run_size(count, set(args.skip), args.keep, args.raw, args.resume and args.keep is not None)
    raw = load_raw(args.raw)
    print(section(raw))
    if not args.no_write:
        write_results(raw)
        print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
