"""A build killed (SIGKILL: nothing cleaned up) at any point leaves a complete site: the
previous one up to the switch, the new one after it; the next build completes the new site
and clears what the killed one left.

The points are generator/faults.py's FAULT_POINTS, the one fault-injection hook, passed in
GONGSHI_KILL_AT; `sync-file:N` kills while the idle tree is half brought up to date. A point
no build passes fails its test: the build then ends normally instead of by SIGKILL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REGIONS_YAML, REPO, SAMPLE_NOW, VALID_TENDER
from test_build_atomic import comparable, differences, leftovers

from generator.cli import main
from generator.faults import FAULT_POINTS

CONFIG = str(REPO / "mkdocs.yml")
# Three versions of the site, built in turn: the idle tree always holds the version before the
# live one, so a build has files to write into it.
NOWS = (SAMPLE_NOW, "2026-04-10T12:00:00+08:00", "2026-03-10T12:00:00+08:00")
AFTER_SWITCH = {"switched", "done"}
KILLS = [*(p for p in FAULT_POINTS if p != "sync-file"), "sync-file:1", "sync-file:7"]


def build(data: Path, out: Path, now: str) -> int:
    return main(["--config", CONFIG, "build", "--data", str(data), "--out", str(out), "--now", now])


def killed_build(data: Path, out: Path, now: str, point: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "--config", CONFIG, "build", "--data", str(data),
         "--out", str(out), "--now", now],
        env={**os.environ, "PYTHONPATH": str(REPO), "GONGSHI_KILL_AT": point},
        capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, dict[str, str]]]:
    """A data folder, an output, and the output's snapshot when built as of each `now`."""
    root = tmp_path_factory.mktemp("crash")
    data = root / "data"
    (data / "notices" / "2026").mkdir(parents=True)
    (data / "files").mkdir()
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for number in ("001", "002", "003"):
        text = VALID_TENDER.replace("XN-GC-2026-001", f"XN-GC-2026-{number}")
        (data / "notices" / "2026" / f"XN-GC-2026-{number}.yaml").write_text(text, encoding="utf-8")
    out = root / "site"
    states = {}
    for now in NOWS:
        assert build(data, out, now) == 0
        states[now] = comparable(out)
    return data, out, states


def live_version(out: Path, states: dict[str, dict[str, str]]) -> str:
    found = comparable(out)
    matching = [now for now, state in states.items() if not differences(state, found)]
    assert len(matching) == 1, "the output is not exactly one complete version of the site"
    return matching[0]


@pytest.mark.parametrize("point", KILLS)
def test_a_build_killed_at_any_point_leaves_a_complete_site(
    versions: tuple[Path, Path, dict[str, dict[str, str]]], point: str
) -> None:
    data, out, states = versions
    live_now = live_version(out, states)
    target = NOWS[(NOWS.index(live_now) + 1) % len(NOWS)]

    run = killed_build(data, out, target, point)
    assert run.returncode == -signal.SIGKILL, (run.returncode, run.stderr[-2000:])
    assert live_version(out, states) == (target if point.split(":")[0] in AFTER_SWITCH else live_now)

    assert build(data, out, target) == 0  # the next build completes the new site
    assert live_version(out, states) == target
    assert not leftovers(out)
