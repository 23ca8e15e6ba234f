"""Build cost per notice must not grow with the corpus: build 1,000 and 5,000 synthetic notices
(benchmarks/corpus.py) and report seconds per notice for each, with the time of each stage.

    python benchmarks/build_scaling.py                  # 1000 and 5000, writes RESULTS.md
    python benchmarks/build_scaling.py --sizes 200 1000 --no-write
    python benchmarks/build_scaling.py --profile 5000   # cProfile of one build, top 30

Each size is generated and built in its own process (a fresh interpreter, as a user runs
`gongshi build`), into a fresh output folder (no page cache from an earlier build).
The guide's budget: seconds per notice at 5,000 at most 1.25 × the figure at 1,000.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import BUILD_NOW, write  # noqa: E402

RESULTS = REPO / "benchmarks" / "RESULTS.md"
FLAT = 1.25


@dataclass
class Run:
    notices: int
    public: int
    pages: int
    seconds: float
    cpu: float  # CPU seconds of the build and its subprocesses (Pagefind): less load-sensitive
    stages: dict[str, float]

    @property
    def per_notice(self) -> float:
        return self.seconds / self.notices

    @property
    def cpu_per_notice(self) -> float:
        return self.cpu / self.notices


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_once(count: int, workdir: Path) -> dict[str, Any]:
    """Generate `count` notices and build them (in this process); the facts as a dict."""
    from generator.commands.build import build
    from generator.config import load_settings

    data = write(count, workdir)
    config = REPO / "mkdocs.yml"
    started, cpu = time.perf_counter(), cpu_seconds()
    report = build(data, workdir / "site", load_settings(config),
                   now=datetime.fromisoformat(BUILD_NOW), config_file=config)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {"notices": count, "public": report.notices, "pages": report.pages,
            "seconds": seconds, "cpu": cpu, "stages": report.stage_seconds}


def run_in_subprocess(count: int) -> Run:
    with tempfile.TemporaryDirectory(prefix=f"gongshi-bench-{count}-") as workdir:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(count), "--workdir", workdir],
            cwd=REPO, capture_output=True, text=True, check=False,
        )
    if done.returncode != 0:
        raise SystemExit(f"build of {count} notices failed:\n{done.stderr[-3000:]}")
    return Run(**json.loads(done.stdout.strip().splitlines()[-1]))


def profile(count: int, top: int = 30) -> None:
    with tempfile.TemporaryDirectory(prefix=f"gongshi-profile-{count}-") as workdir:
        write(count, Path(workdir))
        profiler = cProfile.Profile()
        profiler.enable()
        build_once_existing(Path(workdir))
        profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def build_once_existing(workdir: Path) -> None:
    from generator.commands.build import build
    from generator.config import load_settings

    config = REPO / "mkdocs.yml"
    build(workdir / "data", workdir / "site", load_settings(config),
          now=datetime.fromisoformat(BUILD_NOW), config_file=config)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        total_kb = int(meminfo.read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.1f} GiB RAM"
    return (f"{cpu}, {os.cpu_count()} CPU(s){memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}")


def table(runs: list[Run]) -> str:
    stage_names = list(dict.fromkeys(name for run in runs for name in run.stages))  # build order
    head = ["notices", "public", "pages", "seconds", "s / notice", "CPU s / notice",
            *stage_names]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for run in runs:
        cells = [str(run.notices), str(run.public), str(run.pages), f"{run.seconds:.1f}",
                 f"{run.per_notice:.4f}", f"{run.cpu_per_notice:.4f}",
                 *(f"{run.stages.get(n, 0):.1f}" for n in stage_names)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(runs: list[Run]) -> str:
    ratio = runs[-1].per_notice / runs[0].per_notice
    cpu_ratio = runs[-1].cpu_per_notice / runs[0].cpu_per_notice
    flat = "flat" if ratio <= FLAT else "NOT flat"
    return (f"Seconds per notice, {runs[-1].notices} vs {runs[0].notices} notices: "
            f"×{ratio:.2f} ({flat}; budget ≤ ×{FLAT}); CPU seconds per notice ×{cpu_ratio:.2f}.")


def report(runs: list[Run]) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "# Build scaling\n\n"
        "`python benchmarks/build_scaling.py`: synthetic notices from `benchmarks/corpus.py` "
        f"(valid under `gongshi validate --strict`, ~1,500 Chinese characters of body each), "
        f"built with `--now {BUILD_NOW}` into a fresh folder, one process per build, the fastest "
        "of `--repeat` builds per size. Stages are the build's own stopwatch (seconds); CPU "
        "includes Pagefind's. The machine may be shared: compare the rows of one run, not runs "
        "on different days.\n\n"
        f"- Date: {stamp}\n- Machine: {machine()}\n\n{table(runs)}\n\n{verdict(runs)}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=2, help="builds per size; the fastest counts")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile one build of N notices")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(build_once(args.one, args.workdir)))
        return
    if args.profile:
        profile(args.profile)
        return
    runs = []
    for size in args.sizes:
        run = min((run_in_subprocess(size) for _ in range(args.repeat)), key=lambda r: r.seconds)
        print(f"{size:>6} notices: {run.seconds:7.1f} s, {run.per_notice:.4f} s per notice "
              f"({', '.join(f'{k} {v:.1f}' for k, v in run.stages.items())})", flush=True)
        runs.append(run)
    print(verdict(runs))
    if not args.no_write:
        RESULTS.write_text(report(runs), encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
