"""The ledger's check of its version files on each build (issue 18, item 2), before and after it
follows the change: `python benchmarks/ledger_check.py --count 10000 --work /tmp/ledger-check`.

Writes the corpus of benchmarks/corpus.py in WORK/data (unless there) and records its ledger as
of the corpus's BUILD_NOW, in this process (the ledger's own calls, no site is built), unless
WORK/data/ledger holds one. Then, in one process, warm page cache, best and worst of REPEATS:

- before: `load_ledger` as every build ran it, each readable version file read and hashed;
- after, first build: the data digest with an empty memo (as after --clean: every file not a
  notice read once, buildstate.DataScan.bytes_digest), then `load_ledger` given its hashes;
- after, later builds: the digest with the memo the first one kept, then `load_ledger` given its
  hashes (one stat a version file).

The digest is timed apart: every whole build already makes it for the next build's "nothing
changed" check. The numbers go to stdout; RESULTS.md gives them by hand.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import BUILD_NOW, write  # noqa: E402
from generator.buildstate import HashMemo, scan_data  # noqa: E402
from generator.commands.build import load_valid  # noqa: E402
from generator.config import load_settings  # noqa: E402
from generator.datafiles import Digest, hash_attachment  # noqa: E402
from generator.ledger.site import follow_ledger  # noqa: E402
from generator.ledger.store import (  # noqa: E402
    VERSIONS_FOLDER,
    KnownSha256,
    _check_versions,
    load_ledger,
    record,
)

CONFIG = REPO / "mkdocs.yml"
REPEATS = 3


def record_ledger(data: Path) -> int:
    """The corpus's ledger as `gongshi build --record` would append it; its entries."""
    settings = load_settings(CONFIG)
    dataset = load_valid(data, settings, strict=False)

    def attachment_sha256(relative: str) -> str:
        found = hash_attachment(dataset.files_dir(), relative)
        assert isinstance(found, Digest), relative
        return found.sha256

    now = datetime.fromisoformat(BUILD_NOW)
    stored = load_ledger(data, data.as_posix())
    ledger = follow_ledger(stored, dataset, attachment_sha256, now, settings.tz)
    assert not ledger.plan.problems, ledger.plan.problems[:3]
    record(stored, ledger.plan.appends, settings.log_origin, None)
    return len(ledger.plan.appends)


def digest(data: Path, memo_file: Path, *, fresh: bool) -> tuple[float, KnownSha256]:
    """The build's data digest (scan and bytes) with the memo at `memo_file`, kept after; its
    seconds and the version files' hashes it leaves for the check."""
    started = time.perf_counter()
    memo = HashMemo(memo_file, fresh=fresh)
    scan = scan_data(data)
    assert scan.bytes_digest(data, memo)
    known = memo.known_under(data, VERSIONS_FOLDER)
    memo.save()
    return time.perf_counter() - started, known.sha256


def timed_load(data: Path, known: KnownSha256 | None) -> tuple[float, float, int]:
    """Seconds of `load_ledger` (tiles, entries, the check), of the version files' check alone
    (run again on the loaded ledger, as load_ledger runs it) and the readable versions."""
    started = time.perf_counter()
    stored = load_ledger(data, data.as_posix(), known)
    loaded = time.perf_counter()
    _check_versions(stored, known)
    checked = time.perf_counter()
    readable = sum(v.readable for h in stored.history().histories.values() for v in h.versions)
    return loaded - started, checked - loaded, readable


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f} s" if len(values) > 1 else f"{values[0]:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ledger-check"))
    args = parser.parse_args()
    data = args.work / "data"
    if not data.is_dir():
        started = time.perf_counter()
        write(args.count, args.work)
        print(f"corpus of {args.count:,} notices written in {time.perf_counter() - started:.0f} s")
    if not (data / "ledger" / "log" / "checkpoint").is_file():
        started = time.perf_counter()
        entries = record_ledger(data)
        print(f"ledger recorded: {entries:,} entries in {time.perf_counter() - started:.0f} s")
    memo_file = args.work / "data-hashes.json"

    before = [timed_load(data, None) for _ in range(REPEATS)]
    print(f"{before[0][2]:,} readable version files")
    print(f"before: load_ledger {spread([load for load, _, _ in before])}, "
          f"the check alone {spread([check for _, check, _ in before])}")
    first: list[tuple[float, float, float]] = []
    later: list[tuple[float, float, float]] = []
    for _ in range(REPEATS):
        seconds, known = digest(data, memo_file, fresh=True)
        first.append((seconds, *timed_load(data, known)[:2]))
        seconds, known = digest(data, memo_file, fresh=False)
        later.append((seconds, *timed_load(data, known)[:2]))
    for name, runs in (("after, first build (digest reads every file)", first),
                       ("after, later builds (digest from the memo)", later)):
        print(f"{name}: load_ledger {spread([load for _, load, _ in runs])}, "
              f"the check alone {spread([check for _, _, check in runs])}, "
              f"digest {spread([made for made, _, _ in runs])}")


if __name__ == "__main__":
    main()
