"""Deploying past one server (README, "Deploying past one server"): what sync tools see.

- Through the output link, a file's modification time changes exactly when its bytes change,
  and never goes back, although the link alternates between two trees: tools that compare size
  and time (rclone, rsync) move only changed files, and tools that upload what is newer than
  the remote copy (`rclone --update`) never keep a stale one.
- deploy/rclone-sync, run with Debian's rclone against a local folder remote: the first sync
  copies the whole site; after one new notice, the second moves exactly the files the build
  changed (from the build's own manifests), new files before changed ones, and deletes what
  the build deleted.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from conftest import REPO, VALID_TENDER

from generator.cli import main
from generator.publish import (
    MARKER,
    Manifest,
    OutputPaths,
    bring_up_to_date,
    live_tree,
    read_manifest,
    staged_files,
)

SYNC_SCRIPT = REPO / "deploy" / "rclone-sync"
SECOND = 1_000_000_000


# --- modification times through the link (publish.bring_up_to_date, no build) -------------------


class TwoTrees:
    """The output switch in miniature: each build stages files, brings the idle tree up to date
    and becomes the live one, as commands/build.py does."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifests: dict[str, Manifest] = {"a": {}, "b": {}}
        self.live = "b"
        self.builds = 0

    def build(self, files: dict[str, bytes], staged_at: int) -> None:
        """Stage `files` with the modification time `staged_at` (seconds), then publish them."""
        self.builds += 1
        staging = self.root / f"staging-{self.builds}"
        for rel, content in files.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).write_bytes(content)
            os.utime(staging / rel, ns=(staged_at * SECOND, staged_at * SECOND))
        idle = "a" if self.live == "b" else "b"
        self.manifests[idle], _ = bring_up_to_date(
            self.root / idle, staged_files(staging), self.manifests[idle], self.manifests[self.live])
        self.live = idle

    def mtime(self, rel: str) -> int:
        return os.stat(self.root / self.live / rel).st_mtime_ns // SECOND


def test_unchanged_bytes_keep_their_time_through_the_link(tmp_path: Path) -> None:
    trees = TwoTrees(tmp_path)
    for build, staged_at in enumerate((1000, 2000, 3000, 4000)):
        trees.build({"same.html": b"unchanged", "news.html": f"build {build}".encode()}, staged_at)
        assert trees.mtime("same.html") == 1000  # in tree a, b, a, b alike
        assert trees.mtime("news.html") == staged_at


def test_bytes_that_come_back_get_a_newer_time_than_the_live_file(tmp_path: Path) -> None:
    """v1, v2, then v1 again: the idle tree still holds v1 from two builds ago, unchanged on its
    side, but readers saw v2. Keeping v1's old time would show a change with a time older than
    the live file's: `rclone copy --update` and HTTP caches asking If-Modified-Since would keep
    v2."""
    trees = TwoTrees(tmp_path)
    trees.build({"page.html": b"v1"}, 1000)
    trees.build({"page.html": b"v2"}, 2000)
    trees.build({"page.html": b"v1"}, 3000)
    assert (tmp_path / trees.live / "page.html").read_bytes() == b"v1"
    assert trees.mtime("page.html") == 3000
    trees.build({"page.html": b"v1"}, 4000)  # then unchanged: its time stays
    assert trees.mtime("page.html") == 3000


# --- deploy/rclone-sync with Debian's rclone, to a local folder remote ---------------------------

CONFIG = str(REPO / "mkdocs.yml")
NOW = "2026-03-10T12:00:00+08:00"  # the tenders below are open: their pages list them as such


def tender(code: str, street: str) -> str:
    return VALID_TENDER.replace("XN-GC-2026-001", code).replace("书院街", street)


def build(data: Path, out: Path) -> Manifest:
    """Build, and return the manifest of the tree now live: what readers (and rclone) see."""
    assert main(["--config", CONFIG, "build", "--data", str(data), "--out", str(out),
                 "--now", NOW]) == 0
    paths = OutputPaths.of(out)
    live = live_tree(paths)
    assert live is not None
    return {rel: entry for rel, entry in read_manifest(paths.manifest(live)).items()
            if rel != MARKER}


def sync(out: Path, remote: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """Run the deploy script as an operator would; (message, file) for each file rclone moved
    or deleted, in the order of its log."""
    config = tmp_path / "rclone.conf"
    config.touch()  # no remote needs configuring for a plain path; never read the user's
    result = subprocess.run([str(SYNC_SCRIPT), str(out), str(remote), "-v", "--use-json-log"],
                            env={**os.environ, "RCLONE_CONFIG": str(config)},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    log = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    return [(entry["msg"], entry["object"]) for entry in log if entry.get("object")]


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


def published(out: Path) -> dict[str, bytes]:
    """What the remote should hold: the live tree but gongshi's marker."""
    return {rel: content for rel, content in files_of(out.resolve()).items() if rel != MARKER}


def test_a_second_sync_moves_exactly_what_the_build_changed(make_data, tmp_path: Path) -> None:
    data = make_data({"2026/420902/XN-GC-2026-001.yaml": tender("XN-GC-2026-001", "书院街")})
    out, remote = tmp_path / "site", tmp_path / "remote"

    first = build(data, out)
    moved = sync(out, remote, tmp_path)
    assert sorted(moved) == sorted(("Copied (new)", rel) for rel in first)
    assert files_of(remote) == published(out)

    (data / "notices" / "2026" / "420902" / "XN-GC-2026-002.yaml").write_text(
        tender("XN-GC-2026-002", "西湖路"), encoding="utf-8")  # one notice published
    second = build(data, out)
    new = second.keys() - first.keys()
    changed = {rel for rel in second.keys() & first.keys() if second[rel].sha256 != first[rel].sha256}
    gone = first.keys() - second.keys()
    assert "notices/XN-GC-2026-002/index.html" in new and "index.html" in changed and gone
    assert len(new) + len(changed) < len(second) / 2  # most of the site did not change

    moved = sync(out, remote, tmp_path)
    assert sorted(moved) == sorted([("Copied (new)", rel) for rel in new]
                                   + [("Copied (replaced existing)", rel) for rel in changed]
                                   + [("Deleted", rel) for rel in gone])
    kinds = [message for message, _ in moved]
    # new files before any changed file can link to them; deletions after every transfer
    assert kinds == sorted(kinds, key=["Copied (new)", "Copied (replaced existing)",
                                       "Deleted"].index)
    assert files_of(remote) == published(out)
    assert sync(out, remote, tmp_path) == []  # nothing changed since: nothing moves
