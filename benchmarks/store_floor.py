"""The floor of a build that follows the change through a per-notice store (docs/scale.md):
what such a build cannot avoid doing however little changed, measured before the store is
built, so that the design is known to fit the goal of one new notice in 10 s.

    python benchmarks/store_floor.py --rows 250000 [--data DATA]

1. starting Python and importing the build (`gongshi --version` would not import it);
2. the stat of every file of a data folder (DATA, e.g. a corpus of corpus.py; skipped without);
3. SQLite (the standard library's), a table of one row per notice as the design keeps it
   (the file's path, identity and SHA-256, id, project, month, three digests and a listing
   row): writing ROWS rows (what a clean build adds), reading every file's identity (what a
   build compares the stats with), a project's rows by its index (the cross-file checks and
   derive of one project), and one row written and committed (a +1).

The figures go to stdout; docs/scale.md gives them by hand. The rows are synthetic (random
digests, ~450 bytes a row, about what the design keeps).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.buildstate import scan_data  # noqa: E402

SCHEMA = """
create table notices (
    path text primary key, identity text not null, sha256 blob not null,
    id text not null, project text, month text not null,
    page_key blob, record_key blob, row_key blob, row blob
);
create index notices_by_project on notices (project);
create index notices_by_id on notices (id);
"""


def timed(work: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def startup_seconds() -> float:
    command = [sys.executable, "-c", "import generator.commands.build, generator.cli"]
    return timed(lambda: subprocess.run(command, check=True, cwd=REPO))


def synthetic_rows(count: int) -> list[tuple[object, ...]]:
    rng = random.Random(18)
    rows: list[tuple[object, ...]] = []
    for number in range(count):
        year, region = 2022 + number % 5, 420100 + number % 97
        path = f"notices/{year}/{region}/SYN-GC-{year}-{number:06d}-ZB.yaml"
        identity = f"{rng.randrange(10**4)}:{rng.randrange(10**18)}:{rng.randrange(10**18)}:{rng.randrange(10**9)}"
        rows.append((path, identity, hashlib.sha256(path.encode()).digest(), path[-24:-5],
                     f"SYN-GC-{year}-{number // 3:06d}", f"{year}-{1 + number % 12:02d}",
                     rng.randbytes(32), rng.randbytes(32), rng.randbytes(32), rng.randbytes(240)))
    return rows


def sqlite_figures(folder: Path, count: int) -> dict[str, float]:
    database = folder / "notices.sqlite"
    rows = synthetic_rows(count)
    connection = sqlite3.connect(database)
    connection.executescript(SCHEMA)
    started = time.perf_counter()
    with connection:
        connection.executemany("insert into notices values (?,?,?,?,?,?,?,?,?,?)", rows)
    figures = {"write every row (s)": time.perf_counter() - started,
               "file (MiB)": database.stat().st_size / 2**20}
    connection.close()
    connection = sqlite3.connect(database)
    figures["read every identity (s)"] = timed(
        lambda: dict(connection.execute("select path, identity from notices")))
    projects = [row[4] for row in random.Random(1).sample(rows, 200)]
    figures["a project's rows (ms)"] = timed(lambda: [
        connection.execute("select path, row from notices where project = ?", (code,)).fetchall()
        for code in projects]) / len(projects) * 1e3

    def one_more() -> None:
        with connection:
            connection.execute("insert or replace into notices values (?,?,?,?,?,?,?,?,?,?)",
                               ("notices/new.yaml", "1:2:3:4", b"", "NEW", "P", "2026-12",
                                b"", b"", b"", b""))
    figures["one row written and committed (ms)"] = timed(one_more) * 1e3
    connection.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=250_000)
    parser.add_argument("--data", type=Path, help="a data folder whose files are stat'ed")
    args = parser.parse_args()
    print(f"Python and the build's imports: {startup_seconds():.2f} s")
    if args.data is not None:
        files = sum(1 for _ in args.data.rglob("*") if _.is_file())
        print(f"stat of every file of {args.data} ({files:,} files): "
              f"{timed(lambda: scan_data(args.data)):.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        for name, value in sqlite_figures(Path(folder), args.rows).items():
            print(f"SQLite, {args.rows:,} rows, {name}: {value:.3f}")
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)")


if __name__ == "__main__":
    main()
