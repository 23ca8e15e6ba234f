"""The publication log's cost in bytes (issue #16, item 7): what the log (`log/`) and the version
files with their proofs (`notices/<id>/v<N>.json`, `.proof`) add to a site, and how long a
recording of every notice takes.

    python benchmarks/ledger_bytes.py --count 10000 --work /tmp/ledger-bytes

Writes the corpus of benchmarks/corpus.py in WORK/data (unless there), records it with
`gongshi build --record --clean` as of the corpus's BUILD_NOW into WORK/site, and prints the
bytes by part (as served, uncompressed; KB = 1,000 bytes) and the log's share of the site, with
and without attachments (the issue's goal: adding under 15 %).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import BUILD_NOW, write  # noqa: E402


def record(work: Path) -> float:
    for stale in (work / "site", work / ".site.gongshi-trees", work / ".site.gongshi-cache",
                  work / "data" / "ledger"):
        if stale.is_symlink() or stale.is_file():
            stale.unlink()
        elif stale.exists():
            shutil.rmtree(stale)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator.cli", "--config", str(REPO / "mkdocs.yml"),
                    "build", "--data", str(work / "data"), "--out", str(work / "site"),
                    "--now", BUILD_NOW, "--clean", "--record"], cwd=REPO, check=True,
                   env={**os.environ, "PYTHONPATH": str(REPO)})
    return time.perf_counter() - started


def part_of(relative: str) -> str:
    if relative.startswith("log/"):
        return "log"
    if relative.startswith("notices/") and relative.endswith(".json"):
        return "version files"
    if relative.startswith("notices/") and relative.endswith(".proof"):
        return "proofs"
    if relative.startswith("files/"):
        return "attachments"
    return "rest of the site"


def measure(site: Path) -> dict[str, list[int]]:
    parts: dict[str, list[int]] = {}
    root = site.resolve()
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            counted = parts.setdefault(part_of(path.relative_to(root).as_posix()), [0, 0])
            counted[0] += 1
            counted[1] += path.stat().st_size
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ledger-bytes"))
    args = parser.parse_args()
    if not (args.work / "data").is_dir():
        write(args.count, args.work)
    seconds = record(args.work)
    parts = measure(args.work / "site")
    total = sum(size for _, size in parts.values())
    ledger = sum(parts.get(name, [0, 0])[1] for name in ("log", "version files", "proofs"))
    without_attachments = total - parts.get("attachments", [0, 0])[1]
    print(f"{args.count:,} notices, recorded and built in {seconds:.0f} s")
    for name, (files, size) in sorted(parts.items()):
        print(f"  {name:<18} {files:>8,} files {size / 1000:>12,.0f} KB")
    before = total - ledger  # the site the log is added to
    print(f"  log + versions + proofs: {ledger / 1000:,.0f} KB, adding {100 * ledger / before:.1f} % to the"
          f" site ({100 * ledger / (without_attachments - ledger):.1f} % to it without attachments)")


if __name__ == "__main__":
    main()
