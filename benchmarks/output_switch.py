"""Reliability (issue 11, item 5): what publishing into two trees, by copies that share no
storage with the caches, costs against the layout before it (one new folder per build, its
files hard links into the caches, swapped in by two renames).

    python benchmarks/output_switch.py --count 10000 --code /path/to/checkout [--code …]

For each checkout given (its `generator` package is run with PYTHONPATH), in turn over one
corpus: a clean build, then rebuilds into the same output with the same data and --now (the
first of which fills the second tree), then one new tender published. Each build runs in its own
interpreter; the figure is its wall time. Rounds are interleaved so that the machine's drift
falls on every checkout alike; the median of the rounds is reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import BUILD_NOW, extra_tender, write, write_notice  # noqa: E402

STEPS = ("clean", "rebuild 1", "rebuild 2", "rebuild 3", "plus one")


def timed_build(code: Path, data: Path, out: Path, *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sys; from generator.cli import main; "
                    "sys.exit(main(sys.argv[1:]))",
                    "--config", str(code / "mkdocs.yml"), "build", "--data", str(data),
                    "--out", str(out), "--now", BUILD_NOW, *extra],
                   env={**os.environ, "PYTHONPATH": str(code)}, check=True,
                   stdout=subprocess.DEVNULL, cwd=code)
    return time.perf_counter() - started


def one_round(code: Path, corpus: Path, work: Path) -> dict[str, float]:
    data = work / "data"
    subprocess.run(["cp", "-a", str(corpus), str(data)], check=True)
    out = work / "site"
    times = {"clean": timed_build(code, data, out, "--clean")}
    for step in STEPS[1:4]:
        times[step] = timed_build(code, data, out)
    write_notice(data, extra_tender())
    times["plus one"] = timed_build(code, data, out)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--code", type=Path, action="append", required=True,
                        help="a checkout of gongshi to measure (repeat to compare)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongshi-switch-") as root:
        corpus = write(args.count, Path(root) / "corpus")
        results: dict[Path, list[dict[str, float]]] = {code: [] for code in args.code}
        for round_ in range(args.rounds):
            for code in args.code:
                with tempfile.TemporaryDirectory(dir=root) as work:
                    results[code].append(one_round(code.resolve(), corpus, Path(work)))
                    print(f"round {round_ + 1} {code}: {results[code][-1]}", file=sys.stderr)
    print(f"| checkout | {' | '.join(STEPS)} |")
    print(f"|---|{'---:|' * len(STEPS)}")
    for code, rounds in results.items():
        medians = [statistics.median(r[step] for r in rounds) for step in STEPS]
        print(f"| {code} | {' | '.join(f'{m:.1f} s' for m in medians)} |")


if __name__ == "__main__":
    main()
