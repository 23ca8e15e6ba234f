"""The publication log's cost (issue #16, item 7): `python benchmarks/tlog_cost.py WORK
[--entries 250000] [--batch 1000]`.

1. Appending: WORK/site/log grows to ENTRIES entries in appends of BATCH (TiledLog.append).
   Where the log reaches each size of SAMPLES, appends of k = 1, 16 and 256 entries are timed
   (best of the repeats) and the files each opens counted (an audit hook on `open`): the cost of
   appending k entries to a log of n grows with k and log n, not with n.
2. Verifying: WORK/site gets ENTRIES small version files (notices/<id>/v<N>.json, five
   versions a notice) whose SHA-256 the entries hold, a signed checkpoint and WORK/mkdocs.yml
   with its public key; `gongshi verify WORK/site` then runs as a command (Python's start
   included), and again with --since a checkpoint saved at half the size.
The numbers go to stdout; RESULTS.md gives them by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import tlog  # noqa: E402

ORIGIN = "bench.gongshi.example/log"
VERSIONS = 5  # versions a notice
SAMPLES = (1_000, 10_000, 100_000, 250_000)
APPENDS = (1, 16, 256)
TIME = "2026-03-01T09:00:00+08:00"


def version_files(site: Path, count: int) -> list[bytes]:
    """Write `count` version files; their entries, in order."""
    entries = []
    for n in range(count):
        notice, version = f"BENCH-{n // VERSIONS:06d}", n % VERSIONS + 1
        data = json.dumps({"id": notice, "version": version, "title": f"公告 {n}", "attachments": []},
                          ensure_ascii=False).encode()
        path = site / "notices" / notice / f"v{version}.json"
        if version == 1:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        entries.append(tlog.encode_entry({"event": "public", "id": notice, "version": version, "time": TIME,
                                          "sha256": hashlib.sha256(data).hexdigest()}))
    return entries


class OpenCounter:
    """Files opened under a folder while `counting` (audit hooks cannot be removed)."""

    def __init__(self, folder: Path) -> None:
        self.prefix, self.counting, self.opened = str(folder), False, 0
        sys.addaudithook(self.hook)

    def hook(self, event: str, args: tuple) -> None:
        if self.counting and event == "open" and str(args[0]).startswith(self.prefix):
            self.opened += 1


def timed_append(log_dir: Path, entries: list[bytes], counter: OpenCounter) -> tuple[float, int]:
    """Seconds and files opened by appending `entries` to the log as a fresh TiledLog would."""
    counter.opened, counter.counting = 0, True
    started = time.perf_counter()
    tlog.TiledLog(log_dir).append(entries)
    seconds = time.perf_counter() - started
    counter.counting = False
    return seconds, counter.opened


def grow(site: Path, entries: list[bytes], batch: int) -> Path:
    """The log grown in batches, with timed appends where it reaches each sample size (the
    last just before the end); the checkpoint saved at half the size, for --since."""
    log_dir = site / "log"
    counter = OpenCounter(log_dir)
    signer = tlog.generate_signer(ORIGIN)
    saved = site.parent / "checkpoint-half"
    tail = sum(APPENDS)
    samples = sorted({s for s in SAMPLES if s + tail < len(entries)} | {len(entries) - tail})
    stops = sorted({*samples, len(entries) // 2, len(entries)})
    print("appends of k entries to a log of n:     n     k   seconds  files opened (writes included)")
    batch_seconds: list[float] = []
    at = 0
    while at < len(entries):
        if at in samples:
            samples.remove(at)
            for k in APPENDS:
                seconds, opened = timed_append(log_dir, entries[at:at + k], counter)
                print(f"{'':34}{at:>9,} {k:>5} {seconds:>9.4f} {opened:>6}")
                at += k
            continue
        end = min(at + batch, next(stop for stop in stops if stop > at))
        started = time.perf_counter()
        log = tlog.TiledLog(log_dir)
        log.append(entries[at:end])
        batch_seconds.append(time.perf_counter() - started)
        at = end
        if at == len(entries) // 2:
            saved.write_text(tlog.sign_note(tlog.checkpoint_body(ORIGIN, log.size, log.root()), signer),
                             encoding="utf-8")
    log = tlog.TiledLog(log_dir)
    (log_dir / "checkpoint").write_text(
        tlog.sign_note(tlog.checkpoint_body(ORIGIN, log.size, log.root()), signer), encoding="utf-8")
    print(f"appends of up to {batch} entries: {len(batch_seconds)}, {sum(batch_seconds):.1f} s in all, "
          f"first {batch_seconds[0]:.4f} s, median {sorted(batch_seconds)[len(batch_seconds) // 2]:.4f} s, "
          f"last {batch_seconds[-1]:.4f} s")
    config = site.parent / "mkdocs.yml"
    config.write_text(f"site_name: bench\nextra:\n  gongshi:\n    language: en\n    log:\n"
                      f"      origin: {ORIGIN}\n      public_key: {signer.verifier_key}\n", encoding="utf-8")
    return saved


def run_verify(work: Path, *extra: str) -> None:
    command = [sys.executable, "-m", "generator.cli", "--config", str(work / "mkdocs.yml"), "verify",
               str(work / "site"), *extra]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    seconds = time.perf_counter() - started
    print(f"gongshi verify {' '.join(extra)}: exit {done.returncode} in {seconds:.1f} s: "
          f"{(done.stdout + done.stderr).strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--entries", type=int, default=250_000)
    parser.add_argument("--batch", type=int, default=1_000)
    args = parser.parse_args()
    site = args.work / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    started = time.perf_counter()
    entries = version_files(site, args.entries)
    print(f"{args.entries:,} version files written in {time.perf_counter() - started:.1f} s")
    saved = grow(site, entries, args.batch)
    log_bytes = sum(p.stat().st_size for p in (site / "log").rglob("*") if p.is_file())
    log_files = sum(1 for p in (site / "log").rglob("*") if p.is_file())
    print(f"the log: {log_files:,} files, {log_bytes:,} bytes")
    run_verify(args.work)
    run_verify(args.work, "--since", str(saved))


if __name__ == "__main__":
    main()
