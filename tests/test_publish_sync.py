"""Bringing a tree up to date (publish.bring_up_to_date), without a build.

- Folders left empty (a deleted file's, one made by hand, nested ones) are removed; a folder
  that still holds a wanted file stays.
- A folder of the tree that cannot be listed fails the sync before anything is deleted.
- A file edited in place with its size and modification time put back is still found edited
  (by its inode's change time) and written afresh.
- A cache file is copied, never moved nor linked; a staged file nothing else links to is moved.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.publish import Source, bring_up_to_date, staged_files


def stage(folder: Path, files: dict[str, bytes]) -> dict[str, Source]:
    for rel, content in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(content)
    return staged_files(folder)


def folders(tree: Path) -> set[str]:
    return {p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_dir()}


def test_folders_left_empty_are_removed_and_others_stay(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    first = stage(tmp_path / "s1", {"notices/a/index.html": b"a", "notices/b/index.html": b"b",
                                    "keep/deep/x.html": b"x"})
    manifest, _ = bring_up_to_date(tree, first, {}, {})
    (tree / "by-hand" / "empty" / "nested").mkdir(parents=True)
    second = stage(tmp_path / "s2", {"notices/a/index.html": b"a", "keep/deep/x.html": b"x"})
    _, report = bring_up_to_date(tree, second, manifest, {})
    assert report.deleted == 1 and report.kept == 2
    assert folders(tree) == {"notices", "notices/a", "keep", "keep/deep"}


def test_a_folder_that_cannot_be_listed_fails_the_sync(tmp_path: Path, monkeypatch) -> None:
    tree = tmp_path / "tree"
    manifest, _ = bring_up_to_date(tree, stage(tmp_path / "s1", {"a/x.html": b"x",
                                                                 "b/y.html": b"y"}), {}, {})
    real_scandir = os.scandir
    denied = os.fspath(tree / "a")

    def scandir(path: str = ".") -> object:
        if os.fspath(path).rstrip("/") == denied:
            raise PermissionError(13, "Permission denied", denied)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(PermissionError):
        bring_up_to_date(tree, stage(tmp_path / "s2", {"c/z.html": b"z"}), manifest, {})
    monkeypatch.undo()
    assert (tree / "a" / "x.html").read_bytes() == b"x"  # not taken as empty, nor deleted
    assert (tree / "b" / "y.html").read_bytes() == b"y"


def test_an_edit_that_keeps_size_and_time_is_still_found(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    manifest, _ = bring_up_to_date(tree, stage(tmp_path / "s1", {"page.html": b"v1"}), {}, {})
    page = tree / "page.html"
    before = page.stat()
    with open(page, "r+b") as stream:  # in place: same inode, same size
        stream.write(b"XX")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_mtime_ns == before.st_mtime_ns and page.stat().st_ino == before.st_ino
    _, report = bring_up_to_date(tree, stage(tmp_path / "s2", {"page.html": b"v1"}), manifest, {})
    assert report.written == 1 and page.read_bytes() == b"v1"


def test_cache_files_are_copied_and_lone_staged_files_moved(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "entry.html"
    cache.parent.mkdir()
    cache.write_bytes(b"cached")
    staged = stage(tmp_path / "s1", {"made.html": b"made"})
    wanted = {**staged, "borrowed.html": Source(cache, owned=False)}
    tree = tmp_path / "tree"
    manifest, _ = bring_up_to_date(tree, wanted, {}, {})
    assert cache.stat().st_nlink == 1 and (tree / "borrowed.html").read_bytes() == b"cached"
    assert (tree / "borrowed.html").stat().st_ino != cache.stat().st_ino
    assert not (tmp_path / "s1" / "made.html").exists()  # moved: nothing else linked to it
    assert manifest["borrowed.html"].source and not manifest["made.html"].source
