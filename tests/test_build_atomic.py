"""Builds are atomic and reproducible.

- Invalid data: exit 1, the previous output folder byte-for-byte as it was.
- A crash in any stage (or Ctrl-C, or a failing final rename): the previous output as it was,
  and no half-built or temporary folder left behind.
- The same data and --now: byte-identical output, whether built fresh or over a previous build.
- A folder gongshi did not build is never overwritten (exit 2).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW, VALID_TENDER

import generator.commands.build as build_module
from generator.cli import main

CONFIG = str(REPO / "mkdocs.yml")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (hidden ones too): path → SHA-256 or 'dir'."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def comparable(out: Path) -> dict[str, str]:
    """The output's snapshot, but for the files a fresh Pagefind run writes differently each
    time (Pagefind/pagefind#638): their presence, not their names and bytes."""
    found: dict[str, str] = {}
    for rel, digest in snapshot(out).items():
        if rel.startswith("pagefind/") and (rel.endswith((".pf_filter", ".pf_meta"))
                                            or rel.endswith("pagefind-entry.json")):
            folder, _, name = rel.rpartition("/")
            found[f"{folder}/*{Path(name).suffix}"] = "Pagefind's own bytes"
        else:
            found[rel] = digest
    return found


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    changed = [p for p in before.keys() & after.keys() if before[p] != after[p]]
    return sorted(
        [f"missing {p}" for p in before.keys() - after.keys()]
        + [f"new {p}" for p in after.keys() - before.keys()]
        + [f"changed {p}" for p in changed]
    )


KEPT = ("gongshi-cache", "gongshi-trees", "gongshi-lock")  # what gongshi keeps beside an output


def leftovers(out: Path) -> list[str]:
    """Half-built or temporary siblings of the output (and partial files among the trees)."""
    beside = [p.name for p in out.parent.iterdir()
              if p.name.startswith(f".{out.name}.") and p.name.removeprefix(f".{out.name}.") not in KEPT]
    trees = out.parent / f".{out.name}.gongshi-trees"
    partial = [p.name for p in trees.iterdir() if p.name.endswith((".part", ".tmp"))] \
        if trees.is_dir() else []
    return sorted(beside + partial)


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch) -> Path:
    """The build's temporary folders go here, away from other processes' (tempfile.tempdir)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def build(data: Path, out: Path, now: str = SAMPLE_NOW) -> int:
    return main(["--config", CONFIG, "build", "--data", str(data), "--out", str(out),
                 "--now", now])


@pytest.fixture
def previous(sample_site: Path, tmp_path: Path) -> Path:
    """A copy of the built sample site: an output folder a previous build left."""
    out = tmp_path / "out" / "site"
    shutil.copytree(sample_site, out)
    return out


@pytest.fixture
def small_data(make_data) -> Path:
    return make_data({"2026/420902/XN-GC-2026-001.yaml": VALID_TENDER})


# --- invalid data and crashes ------------------------------------------------------------------


def test_invalid_data_exits_1_and_leaves_the_previous_output_as_it_was(
    previous: Path, make_data, capsys
) -> None:
    bad = VALID_TENDER.replace('region: "420902"', 'region: "999999"')
    data = make_data({"2026/420902/XN-GC-2026-001.yaml": bad})
    before = snapshot(previous)
    assert build(data, previous) == 1
    assert "XN-GC-2026-001.yaml" in capsys.readouterr().err
    assert not differences(before, snapshot(previous))
    assert not leftovers(previous)


STAGES = ["render_pages", "run_engine", "_publish_files", "write_open_data", "cached_exports",
          "BackgroundIndex", "bring_up_to_date", "write_manifest", "switch"]


@pytest.mark.parametrize("stage", STAGES)
def test_a_crash_in_any_stage_leaves_the_previous_output_and_no_temp_folders(
    previous: Path, small_data: Path, private_tmp: Path, monkeypatch, stage: str
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"simulated crash in {stage}")

    monkeypatch.setattr(build_module, stage, crash)  # fails loudly if the stage was renamed
    before = snapshot(previous)
    with pytest.raises(RuntimeError, match="simulated crash"):
        build(small_data, previous)
    assert not differences(before, snapshot(previous))
    assert not leftovers(previous)
    assert not list(private_tmp.iterdir()), "temporary folders left behind"


def test_ctrl_c_during_the_engine_leaves_the_previous_output(
    previous: Path, small_data: Path, monkeypatch
) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "run_engine", interrupt)
    before = snapshot(previous)
    assert build(small_data, previous) == 130
    assert not differences(before, snapshot(previous))
    assert not leftovers(previous)


@pytest.mark.parametrize("layout", ["folder", "link"])
def test_a_failing_switch_leaves_the_previous_output(
    previous: Path, small_data: Path, monkeypatch, capsys, layout: str
) -> None:
    """The switch is one rename of a new link over the output; if it fails, the output is as it
    was, whether it is still a folder of the layout before the two trees or already our link."""
    if layout == "link":  # our link since a build of the small data as of another day
        assert build(small_data, previous, "2026-03-10T12:00:00+08:00") == 0
    real_replace = os.replace

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(source).name.endswith(".gongshi-link"):
            raise OSError("simulated: disk full")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    before = snapshot(previous)
    link = os.readlink(previous) if previous.is_symlink() else None
    assert build(small_data, previous) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("gongshi: 操作系统报告“simulated: disk full”")
    assert not differences(before, snapshot(previous))
    assert (os.readlink(previous) if previous.is_symlink() else None) == link
    assert not leftovers(previous)


def test_a_successful_build_replaces_the_output_whole(previous: Path, small_data: Path) -> None:
    stale = previous / "notices" / "stale-from-an-old-build.txt"
    stale.write_text("old")
    assert build(small_data, previous) == 0
    assert not stale.exists()
    assert (previous / "notices" / "XN-GC-2026-001" / "index.html").is_file()
    assert not (previous / "notices" / "XG-GC-2026-088-ZB").exists()
    assert (previous / build_module.MARKER).is_file()
    assert not leftovers(previous)


# --- reproducible -------------------------------------------------------------------------------


SEARCH_INDEX = "pagefind/"


@pytest.fixture(scope="module")
def rebuilt(sample_site_again: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    """Snapshots of the sample data built again: fresh elsewhere (conftest's sample_site_again),
    then over a copy of that build and the caches beside it (which may reuse cached pages)."""
    root = tmp_path_factory.mktemp("again")
    shutil.copytree(sample_site_again.parent, root, symlinks=True, dirs_exist_ok=True)
    out = root / sample_site_again.name
    snapshots = [snapshot(out)]
    assert build(SAMPLE_DATA, out) == 0
    snapshots.append(snapshot(out))
    return snapshots


def _split(files: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    site = {p: h for p, h in files.items() if not p.startswith(SEARCH_INDEX)}
    index = {p: h for p, h in files.items() if p.startswith(SEARCH_INDEX)}
    return site, index


def test_two_builds_of_the_same_data_and_now_are_byte_identical(
    sample_site: Path, rebuilt: list[dict[str, str]]
) -> None:
    """Every file but the search index: see the next test."""
    reference, _ = _split(snapshot(sample_site))
    for again in rebuilt:
        site, _ = _split(again)
        assert not differences(reference, site), differences(reference, site)[:20]


def test_a_rebuild_over_a_build_keeps_the_search_index_byte_identical(
    rebuilt: list[dict[str, str]]
) -> None:
    """The index of unchanged notice pages is reused from the build's cache, bytes and all."""
    _, first = _split(rebuilt[0])
    _, second = _split(rebuilt[1])
    assert first and not differences(first, second), differences(first, second)[:20]


def test_fresh_builds_index_the_same_records(
    sample_site: Path, rebuilt: list[dict[str, str]]
) -> None:
    """A fresh Pagefind run orders its filter tables differently each time (Pagefind/pagefind#638),
    which is why rebuilds reuse the cached index; the indexed records themselves are the same."""
    def fragments(files: dict[str, str]) -> dict[str, str]:
        return {p: h for p, h in files.items() if p.startswith(SEARCH_INDEX) and "/fragment/" in p}

    reference = fragments(snapshot(sample_site))
    assert reference and not differences(reference, fragments(rebuilt[0]))


def test_a_different_now_changes_the_output(small_data: Path, tmp_path: Path) -> None:
    """The converse: "now" really is an input (statuses and stamps follow it)."""
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "site"
    assert build(small_data, first, "2026-03-10T12:00:00+08:00") == 0
    assert build(small_data, second, "2026-03-30T12:00:00+08:00") == 0
    assert differences(snapshot(first), snapshot(second))


# --- refusing to overwrite ------------------------------------------------------------------------


def test_refuses_to_build_into_a_folder_gongshi_did_not_build(
    tmp_path: Path, small_data: Path, capsys
) -> None:
    theirs = tmp_path / "documents"
    theirs.mkdir()
    (theirs / "thesis.docx").write_bytes(b"years of work")
    before = snapshot(theirs)
    assert build(small_data, theirs) == 2
    assert "不由 gongshi 生成的文件夹" in capsys.readouterr().err
    assert snapshot(theirs) == before
    assert not leftovers(theirs)


@pytest.mark.parametrize("target", ["data", "project"])
def test_refuses_to_build_over_the_data_or_the_project(
    tmp_path: Path, small_data: Path, target: str, capsys
) -> None:
    """On a copy of the project (a failing check must not cost the real working tree)."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    out = small_data if target == "data" else project
    before = snapshot(tmp_path)
    code = main(["--config", str(project / "mkdocs.yml"), "build", "--data", str(small_data),
                 "--out", str(out), "--now", SAMPLE_NOW])
    assert code == 2
    assert "不能生成到" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


def test_builds_into_an_empty_folder(tmp_path: Path, small_data: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(small_data, empty) == 0
    assert (empty / "index.html").is_file()
