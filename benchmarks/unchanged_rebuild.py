"""The cost of a rebuild with nothing to build (generator/buildstate.py) at a size no build has
to reach first: `python benchmarks/unchanged_rebuild.py WORK --corpus DATA --copies 25`.

WORK/data gets DATA's regions and files and COPIES copies of its notices (the 10,000-notice
corpus of corpus.py copied 25 times: 250,000 notice files of real sizes). The state a complete
build would leave is written from the same digests, over an output whose live tree holds only
its marker and manifest: the check reads nothing else of the tree, so what is timed is what a
real rebuild with nothing changed does. Then `gongshi build` runs as a command (Python's start
included): twice as it is, twice after every data file was touched (the same bytes with new
stats, as in a fresh checkout). The numbers go to stdout; RESULTS.md gives them by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.buildstate import (  # noqa: E402
    STATE_FILE,
    BuildState,
    data_bytes,
    data_stats,
    file_identity,
    write_state,
)
from generator.commands.build import build_setup  # noqa: E402
from generator.config import load_settings  # noqa: E402
from generator.publish import MARKER, OutputPaths  # noqa: E402

CONFIG = REPO / "mkdocs.yml"
NOW = datetime.fromisoformat("2026-12-31T12:00:00+08:00")


def copy_corpus(corpus: Path, data: Path, copies: int) -> None:
    if data.exists():
        shutil.rmtree(data)
    (data / "notices").mkdir(parents=True)
    shutil.copyfile(corpus / "regions.yaml", data / "regions.yaml")
    shutil.copytree(corpus / "files", data / "files")
    for number in range(copies):  # notice ids repeat: the check never parses them
        shutil.copytree(corpus / "notices", data / "notices" / f"copy{number:02d}")


def state_of_a_complete_build(data: Path, out: Path) -> None:
    paths = OutputPaths.of(out)
    tree = paths.tree("a")
    tree.mkdir(parents=True, exist_ok=True)
    (tree / MARKER).write_text("gongshi build output; replaced whole by each build\n")
    paths.manifest("a").write_text('{"files":{}}')
    if out.is_symlink():
        out.unlink()
    os.symlink(paths.link_text("a"), out)
    started = time.perf_counter()
    stats = data_stats(data)
    print(f"data folder stats: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    digest = data_bytes(data)
    print(f"data folder bytes: {time.perf_counter() - started:.2f} s")
    paths.cache.mkdir(parents=True, exist_ok=True)
    write_state(paths.cache / STATE_FILE, BuildState(
        setup=build_setup(CONFIG, data, load_settings(CONFIG), strict=False), data_stats=stats,
        data_bytes=digest, tree="a", manifest=file_identity(paths.manifest("a")),
        changed_at=NOW - timedelta(hours=1), changes_next=NOW + timedelta(hours=1), notices=0,
        pages=0))


def rebuild(data: Path, out: Path, label: str) -> None:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator.cli", "--config", str(CONFIG), "build",
                           "--data", str(data), "--out", str(out), "--now", NOW.isoformat()],
                          capture_output=True, text=True, cwd=REPO, check=False)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    print(f"{label}: {seconds:.2f} s: {done.stdout.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--corpus", type=Path, required=True, help="a data folder to copy")
    parser.add_argument("--copies", type=int, default=25)
    args = parser.parse_args()
    data, out = args.work / "data", args.work / "site"
    copy_corpus(args.corpus, data, args.copies)
    print(f"{sum(len(files) for _, _, files in os.walk(data)):,} data files")
    state_of_a_complete_build(data, out)
    rebuild(data, out, "nothing changed")
    rebuild(data, out, "nothing changed, again")
    for folder, _, files in os.walk(data):
        for name in files:
            os.utime(os.path.join(folder, name))
    rebuild(data, out, "every data file touched")
    rebuild(data, out, "again")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import generator.commands.build"], cwd=REPO, check=True)
    print(f"Python and gongshi's imports alone: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
