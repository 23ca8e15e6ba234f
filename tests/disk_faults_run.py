"""Run by tests/test_disk_faults.py inside a private mount namespace: MOUNT REPO.

Mounts a tmpfs at MOUNT, builds a site there, then builds a changed site again and again with
the file system resized so that the build runs out of space at a later point each time, and
once with the file system read-only. Prints a JSON report; the test judges it."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MOUNT = Path(sys.argv[1])
REPO = Path(sys.argv[2])
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import REGIONS_YAML, VALID_TENDER  # noqa: E402
from test_build_atomic import comparable  # noqa: E402

from generator.cli import main  # noqa: E402

CONFIG = str(REPO / "mkdocs.yml")
FIRST, SECOND = "2026-03-10T12:00:00+08:00", "2026-04-10T12:00:00+08:00"
MIB = 1 << 20


def mount(options: str) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(MOUNT)], check=True)


def remount(options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(MOUNT)], check=True)


def used_bytes() -> int:
    stats = os.statvfs(MOUNT)
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize


def build(data: Path, out: Path, now: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--config", CONFIG, "build", "--data", str(data), "--out", str(out),
                     "--now", now])
    return code, err.getvalue()


def outcome(code: int, err: str, before: dict[str, str], out: Path) -> dict[str, object]:
    lines = err.strip().splitlines()
    message = lines[-1] if lines else ""
    where = next((part for part in ("gongshi-cache", "gongshi-work", "gongshi-trees",
                                    "gongshi-lock") if part in message), "elsewhere")
    return {"exit": code, "lines": len(lines), "message": message, "where": where,
            "traceback": "Traceback" in err, "previous_intact": comparable(out) == before}


def main_() -> None:
    data = Path(tempfile.mkdtemp(prefix="disk-faults-data-"))  # outside the small disk
    try:
        run(data)
    finally:
        shutil.rmtree(data)


def run(data: Path) -> None:
    (data / "notices").mkdir()
    (data / "files").mkdir(exist_ok=True)
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for number in ("001", "002", "003", "004"):
        text = VALID_TENDER.replace("XN-GC-2026-001", f"XN-GC-2026-{number}")
        (data / "notices" / f"XN-GC-2026-{number}.yaml").write_text(text, encoding="utf-8")

    mount(f"size={256 * MIB}")
    out = MOUNT / "site"
    code, err = build(data, out, FIRST)
    assert code == 0, err
    before = comparable(out)

    failures = sweep(data, out, SECOND, before)
    assert comparable(out) != before, "with room enough, the second build went live"
    # The idle tree gone (an operator saving space): the same build again takes every page from
    # the caches and copies the whole site into a new tree, and runs out of space there.
    shutil.rmtree(out.parent / ".site.gongshi-trees" / "a")
    # and the state that says nothing changed since (buildstate.py) gone with it, so that the
    # build runs whole
    (out.parent / ".site.gongshi-cache" / "state.json").unlink()
    second = comparable(out)
    failures += sweep(data, out, SECOND, second)
    print(json.dumps({"failures": failures, "succeeded_with_room": comparable(out) == second,
                      "read_only": read_only(data, out)}))


def sweep(data: Path, out: Path, now: str, before: dict[str, str]) -> list[dict[str, object]]:
    """Build as of `now` with more and more room until it succeeds; what each failure said.
    The caches keep what a failed build stored, as they would when an operator retries, so each
    try runs out of space at a later stage."""
    failures = []
    for spare_kib in (4, 64, 256, *range(512, 60 * 512, 384)):
        remount(f"size={256 * MIB}")
        remount(f"size={used_bytes() + spare_kib * 1024}")
        code, err = build(data, out, now)
        if code == 0:
            break
        failures.append({**outcome(code, err, before, out), "spare_kib": spare_kib})
    remount(f"size={256 * MIB}")
    assert code == 0, err
    return failures


def read_only(data: Path, out: Path) -> dict[str, object]:
    before = comparable(out)
    remount("ro")
    code, err = build(data, out, SECOND)
    return outcome(code, err, before, out)


main_()
