"""A full disk at any stage, and a read-only output, end in one line naming the path; the
previous site stays exactly as it was.

A real small file system: a tmpfs mounted in a mount namespace of its own (`unshare -m`, as
root, which .ci/run is), so nothing outside the test sees it and it goes with the test. The
builds run in that namespace (tests/disk_faults_run.py); this side checks what they report.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def run_in_namespace(tmp_path: Path) -> dict[str, object]:
    mount = tmp_path / "disk"
    mount.mkdir()
    script = Path(__file__).with_name("disk_faults_run.py")
    result = subprocess.run(
        [shutil.which("unshare") or "unshare", "--mount", "--propagation", "private",
         sys.executable, str(script), str(mount), str(REPO)],
        capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_a_full_disk_or_a_read_only_output_leaves_the_previous_site(tmp_path: Path) -> None:
    report = run_in_namespace(tmp_path)
    failures = report["failures"]
    assert isinstance(failures, list)
    assert len(failures) >= 5, report
    for failure in failures:
        assert failure["exit"] == 1, failure
        assert failure["lines"] == 1 and failure["traceback"] is False, failure
        assert failure["message"].startswith("gongshi: 写入 /"), failure
        assert "时磁盘空间不足" in failure["message"], failure
        assert failure["previous_intact"] is True, failure
    # the budgets reach several stages: caches, the engine's scratch, the trees
    places = {failure["where"] for failure in failures}
    assert {"gongshi-cache", "gongshi-work", "gongshi-trees"} <= places, places
    assert report["succeeded_with_room"] is True
    read_only = report["read_only"]
    assert isinstance(read_only, dict)
    assert read_only["exit"] == 1 and read_only["lines"] == 1, read_only
    assert "在只读的文件系统上" in read_only["message"], read_only
    assert read_only["previous_intact"] is True
