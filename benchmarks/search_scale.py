"""What a search downloads at each size (issue 18 item 3, issue 12 item 2): the first action
(the page opened with a query: the last 12 months, completely) and every year (one more
action), for a query that finds something, one that finds nothing and a listing by a filter.

    python benchmarks/search_scale.py --sizes 1000 10000 --work /tmp/search-scale
    python benchmarks/search_scale.py --sizes 10000 --work /tmp/search-scale --json out.json

For each size: the corpus of benchmarks/corpus.py (generated once into WORK/N/data), a clean
`gongshi build` of it with this repository's code (--now of the corpus; skipped when
WORK/N/site exists and --rebuild is not given), then benchmarks/search_bytes.py over the site.
Prints one line per query and size; writes nothing into benchmarks/ (stages.py keeps
RESULTS.md's tables).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import BUILD_NOW, write  # noqa: E402

QUERIES = ("q=道路", "q=孝感市政府采购", "region=420900&status=open", "q=XG-GC",
           "q=工程&family=tenders&sort=newest")


def build(count: int, work: Path, rebuild: bool) -> Path:
    folder = work / str(count)
    if not (folder / "data").is_dir():
        write(count, folder)
    site = folder / "site"
    if rebuild or not site.exists():
        for stale in (site, folder / ".site.gongshi-trees", folder / ".site.gongshi-cache"):
            if stale.is_symlink() or stale.is_file():
                stale.unlink()
            elif stale.exists():
                shutil.rmtree(stale)
        subprocess.run([sys.executable, "-m", "generator.cli", "--config", str(REPO / "mkdocs.yml"),
                        "build", "--data", str(folder / "data"), "--out", str(site),
                        "--now", BUILD_NOW, "--clean"], cwd=REPO, check=True,
                       env={**os.environ, "PYTHONPATH": str(REPO)})
    return site


def measure(site: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "search_bytes.py"),
                           str(site.resolve()), *QUERIES], cwd=REPO, capture_output=True,
                          text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def line(count: int, query: dict[str, Any]) -> str:
    first, every = query["first"], query["all_years"]
    return (f"{count:>7,} {query['query']:<34} first {first['bytes'] / 1000:6,.0f} KB "
            f"(code {first['runtime_bytes'] / 1000:4,.0f}, meta {first['meta_bytes'] / 1000:4,.0f}, "
            f"filters {first['filters_bytes'] / 1000:4,.0f}, chunks {first['chunks_bytes'] / 1000:5,.0f}, "
            f"fragments {first['fragments_bytes'] / 1000:4,.0f}; {first['shards_read']} shards) "
            f"[{first['shown']}] | all years {every['bytes'] / 1000:6,.0f} KB "
            f"({every['shards_read']} shards) [{every['shown']}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report: dict[str, Any] = {}
    for count in args.sizes:
        site = build(count, args.work, args.rebuild)
        report[str(count)] = measure(site)
        for query in report[str(count)]["queries"]:
            print(line(count, query), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
