"""The output switch (generator/publish.py): `--out` is a link to one of two complete trees.

- Readers polling the output during rebuilds never find a file missing.
- A rebuild writes only the files whose bytes changed; unchanged files keep inode and time.
- The output shares no storage with the caches, and an edit to the published output is gone
  at the next build into that tree (and after `rm -rf site`).
- A link gongshi did not make, an output inside the data (or the data inside it) is refused.
- Concurrent builds into one output: one builds, the other refuses with one line, exit 2.
- What killed builds leave beside the output is cleared by the next one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_NOW, VALID_TENDER
from test_build_atomic import differences, leftovers, snapshot

from generator.cli import main
from generator.publish import OutputPaths, exclusive

CONFIG = str(REPO / "mkdocs.yml")
LATER = "2026-04-10T12:00:00+08:00"  # the small tender is closed by then: its pages change


def build(data: Path, out: Path, now: str = SAMPLE_NOW) -> int:
    return main(["--config", CONFIG, "build", "--data", str(data), "--out", str(out), "--now", now])


@pytest.fixture
def small_data(make_data) -> Path:
    second = VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-002").replace(
        "书院街", "西湖路")
    return make_data({"2026/420902/XN-GC-2026-001.yaml": VALID_TENDER,
                      "2026/420902/XN-GC-2026-002.yaml": second})


def build_whole(data: Path, out: Path, now: str = SAMPLE_NOW) -> int:
    """A build that does not take the last build's word that nothing changed (buildstate.py):
    what publishing does with a site it builds again."""
    (OutputPaths.of(out).cache / "state.json").unlink(missing_ok=True)
    return build(data, out, now)


def trees(out: Path) -> Path:
    return OutputPaths.of(out).trees


def test_the_output_is_a_relative_link_to_a_complete_tree(small_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(small_data, out) == 0
    assert out.is_symlink()
    assert os.readlink(out) == ".site.gongshi-trees/a"
    assert (out / "index.html").is_file() and (out / ".gongshi-build").is_file()
    assert build(small_data, out, LATER) == 0
    assert os.readlink(out) == ".site.gongshi-trees/b"
    moved = tmp_path.parent / f"{tmp_path.name}-moved"
    tmp_path.rename(moved)  # a relative link still finds its tree when the folder moves
    assert (moved / "site" / "index.html").is_file()


def test_readers_never_see_a_missing_file_during_rebuilds(small_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(small_data, out) == 0
    watched = ["index.html", "notices/XN-GC-2026-001/index.html", "feeds/all.xml",
               "data/index.json", "data/2026/03/notices.json", "pagefind/shards.json"]
    assert all((out / rel).is_file() for rel in watched)
    missing: list[str] = []
    reads = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal reads
        while not stop.is_set():
            for rel in watched:
                try:
                    (out / rel).read_bytes()
                    reads += 1
                except OSError:
                    missing.append(rel)

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        for round_ in range(8):  # each rebuild changes statuses and so pages, feeds and exports
            assert build(small_data, out, LATER if round_ % 2 == 0 else SAMPLE_NOW) == 0
    finally:
        stop.set()
        reader.join()
    assert reads > 100
    assert not missing, f"{len(missing)} reads found a file missing: {sorted(set(missing))}"


def inodes(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_writes_only_what_changed_and_keeps_unchanged_files_as_they_were(
    small_data: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "site"
    for _ in range(2):  # both trees hold this site now
        assert build_whole(small_data, out) == 0
    idle = trees(out) / "a"
    before = inodes(idle)
    capsys.readouterr()
    assert build_whole(small_data, out) == 0  # nothing changed: the idle tree is the site
    assert "写入 0 个文件，删除 0 个" in capsys.readouterr().out
    assert out.resolve() == idle.resolve() and inodes(idle) == before
    (small_data / "notices" / "2026" / "420902" / "XN-GC-2026-002.yaml").unlink()
    previous_tree = inodes(out.resolve())
    assert build(small_data, out) == 0
    report = capsys.readouterr().out
    after = inodes(out.resolve())
    written = int(report.split(" 个文件")[0].rsplit("写入 ", 1)[1])
    assert 0 < written < len(after) / 2, report
    unchanged = [rel for rel in after if rel in previous_tree]
    kept_time = [rel for rel in unchanged if after[rel][1] == previous_tree[rel][1]]
    assert len(kept_time) > len(after) / 2  # unchanged files keep their modification time
    assert not (out / "notices" / "XN-GC-2026-002").exists()


def test_the_output_shares_no_storage_with_the_caches(small_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    for now in (SAMPLE_NOW, SAMPLE_NOW, LATER):  # the later builds take pages from the caches
        assert build(small_data, out, now) == 0
    # the trees may share a file with each other (a link instead of a copy), never with a cache
    cached = {(p.stat().st_dev, p.stat().st_ino)
              for p in OutputPaths.of(out).cache.rglob("*") if p.is_file()}
    files = [p for p in trees(out).rglob("*") if p.is_file()]
    linked = [p for p in files if (p.stat().st_dev, p.stat().st_ino) in cached]
    assert files and not linked, linked[:5]
    for tree, other in (("a", "b"), ("b", "a")):  # a shared file is its own twin in the other tree
        for file in (f for f in (trees(out) / tree).rglob("*") if f.is_file() and f.stat().st_nlink > 1):
            twin = trees(out) / other / file.relative_to(trees(out) / tree)
            assert file.stat().st_nlink == 2 and twin.exists() and os.path.samefile(file, twin), file


def test_the_build_after_a_clean_one_links_unchanged_files_from_the_live_tree(
        small_data: Path, tmp_path: Path, capsys) -> None:
    """The idle tree takes the live tree's file by a link when the bytes are the same, instead
    of a copy of the whole site; a file that changed gets its own. The live tree's manifest
    follows the link's change time: the next build takes its files as they are."""
    out = tmp_path / "site"
    assert build(small_data, out) == 0
    first = out.resolve()
    assert build(small_data, out, LATER) == 0  # statuses move: a few pages change
    second = out.resolve()
    assert second != first
    files = [p.relative_to(second) for p in second.rglob("*") if p.is_file()]
    same = [rel for rel in files if (first / rel).exists() and os.path.samefile(first / rel, second / rel)]
    differ = [rel for rel in files if (first / rel).exists() and (first / rel).read_bytes() != (second / rel).read_bytes()]
    assert len(same) > len(files) / 2 and differ
    assert not [rel for rel in differ if os.path.samefile(first / rel, second / rel)]
    capsys.readouterr()
    assert build_whole(small_data, out, LATER) == 0  # into the first tree: only what changed
    report = capsys.readouterr().out
    written = int(report.split(" 个文件")[0].rsplit("写入 ", 1)[1])
    assert out.resolve() == first and 0 < written <= len(differ) + 5, (written, len(differ))


def test_an_edit_to_the_published_output_never_comes_back(small_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(small_data, out) == 0
    pristine = snapshot(out)
    page = out / "notices" / "XN-GC-2026-001" / "index.html"
    with open(page, "a", encoding="utf-8") as stream:  # a deploy step edits in place
        stream.write("<script>analytics()</script>")
    (out / "robots-added-by-hand.txt").write_text("x")
    # Whole builds (a rebuild with nothing to build does not read the live tree file by file:
    # buildstate.py): into the other tree, then into the edited one, then the other again
    for _ in range(3):
        assert build_whole(small_data, out) == 0
        assert not differences(pristine, snapshot(out))
    out.unlink()  # rm -rf site: the link goes, the trees stay
    assert build(small_data, out) == 0
    assert not differences(pristine, snapshot(out))
    for tree in ("a", "b"):
        assert "analytics" not in (trees(out) / tree / "notices/XN-GC-2026-001/index.html").read_text()


def test_a_link_gongshi_did_not_make_is_refused(small_data: Path, tmp_path: Path, capsys) -> None:
    webroot = tmp_path / "var" / "www"
    webroot.mkdir(parents=True)
    (webroot / "index.html").write_text("the web root")
    out = tmp_path / "site"
    out.symlink_to(webroot)
    assert build(small_data, out) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "不由 gongshi 创建的符号链接" in err and "网站服务器" in err
    assert out.is_symlink() and os.readlink(out) == str(webroot)
    assert [p.name for p in webroot.iterdir()] == ["index.html"]
    assert not leftovers(out)


def test_a_link_that_only_looks_like_ours_is_refused(small_data: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / ".site.gongshi-trees" / "a"
    elsewhere.mkdir(parents=True)
    out = tmp_path / "site"
    out.symlink_to(elsewhere)  # absolute, into another folder's trees
    assert build(small_data, out) == 2


@pytest.mark.parametrize("where", ["out inside data", "data inside out", "out inside content"])
def test_an_output_inside_the_data_or_around_it_is_refused(
    small_data: Path, tmp_path: Path, capsys, where: str
) -> None:
    out = {"out inside data": small_data / "site",
           "data inside out": small_data.parent,
           "out inside content": REPO / "content" / "site"}[where]
    before = snapshot(small_data)
    assert build(small_data, out) == 2
    assert "不能生成到" in capsys.readouterr().err
    assert not differences(before, snapshot(small_data))
    assert not (REPO / "content" / "site").exists()


def test_a_second_build_into_the_same_output_refuses_while_one_runs(
    small_data: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "site"
    assert build(small_data, out) == 0
    before = snapshot(out)
    capsys.readouterr()
    with exclusive(OutputPaths.of(out)):  # as a running build holds it
        assert build(small_data, out, LATER) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"gongshi: 另一个 gongshi 正在生成到 {out}（进程 {os.getpid()}）：请等它结束后再生成"
    assert not differences(before, snapshot(out))
    assert build(small_data, out, LATER) == 0  # the lock went with its holder


def test_concurrent_builds_one_builds_the_other_refuses(small_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    command = [sys.executable, "-m", "generator.cli", "--config", CONFIG, "build",
               "--data", str(small_data), "--out", str(out), "--now"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for attempt in range(3):
        runs = [subprocess.Popen([*command, now], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
                for now in (SAMPLE_NOW, LATER)]
        results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
        for run in runs:
            run.stdout.close()
            run.stderr.close()
        codes = sorted(code for code, _ in results)
        assert codes in ([0, 0], [0, 2]), results  # both in turn, or one refused
        for code, err in results:
            assert "Traceback" not in err
            if code == 2:
                assert err.count("\n") == 1 and "正在生成到" in err
        assert (out / "index.html").is_file() and not leftovers(out), attempt


def test_what_killed_builds_left_is_cleared_by_the_next(small_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(small_data, out) == 0
    for name in (".site.gongshi-work/site/notices", ".site.building-4242/notices",
                 ".site.search-4242", ".site.previous-4242/x"):
        (tmp_path / name).mkdir(parents=True)
    (tmp_path / ".site.gongshi-link").symlink_to(".site.gongshi-trees/b")
    (trees(out) / "b.json.part").write_text("{")
    assert leftovers(out)
    assert build(small_data, out) == 0
    assert not leftovers(out)
