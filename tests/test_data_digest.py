"""A whole build reads the data folder once: the digest of its bytes that the next build's
"nothing changed" check compares (buildstate.py) is made from the hashes of what the build read
(the parse cache's, for notice files) and of the other files by their stats, not from a second
read of every file; and it is the digest that `data_bytes` gives reading the folder."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from conftest import REPO, VALID_TENDER

from generator.buildstate import STATE_FILE, data_bytes, data_stats, read_state
from generator.commands.build import build, cache_folder
from generator.config import load_settings

CONFIG = REPO / "mkdocs.yml"
NOW = datetime.fromisoformat("2026-03-10T12:00:00+08:00")
FIRST = "2026/420902/XN-GC-2026-001.yaml"
SECOND = "2026/420902/XN-GC-2026-002.yaml"

_watching: list[tuple[str, Counter[str]]] = []  # (folder, opens for reading by path); audit hooks stay


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or not _watching:
        return
    path, _, flags = args
    if isinstance(path, (str, os.PathLike)) and isinstance(flags, int) and not flags & (os.O_WRONLY | os.O_RDWR):
        folder, opened = _watching[-1]
        name = os.fspath(path)
        if isinstance(name, str) and name.startswith(folder + os.sep):
            opened[Path(name).relative_to(folder).as_posix()] += 1


sys.addaudithook(_audit)


@contextmanager
def opens_under(folder: Path) -> Iterator[Counter[str]]:
    """How many times each file under `folder` is opened for reading, by its relative path."""
    opened: Counter[str] = Counter()
    _watching.append((str(folder), opened))
    try:
        yield opened
    finally:
        _watching.pop()


def test_a_build_reads_each_data_file_once(make_data, tmp_path: Path) -> None:
    """A whole build reads each file of the data folder at most once (regions.yaml and a changed
    notice by the loader; a notice file whose stats are unchanged not at all, its hash and
    values being kept by its stats; a file nobody reads not at all), and leaves the digest
    `data_bytes` gives; the "nothing changed" check of a folder whose stats changed reads only
    the files whose stats changed."""
    data = make_data({FIRST: VALID_TENDER,
                      SECOND: VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-002")},
                     files={"spare.txt": b"read by nobody but the digest\n"})
    out = tmp_path / "site"
    settings = load_settings(CONFIG)
    state_file = cache_folder(out) / STATE_FILE
    assert not build(data, out, settings, now=NOW, config_file=CONFIG).unchanged
    state = read_state(state_file)
    assert state is not None and state.data_bytes == data_bytes(data)

    notice = data / "notices" / FIRST
    notice.write_text(notice.read_text(encoding="utf-8").replace("道路改造", "道路修缮"), encoding="utf-8")
    state_file.unlink()  # no check before this build: what it reads is the whole build's
    with opens_under(data) as opened:
        assert not build(data, out, settings, now=NOW, config_file=CONFIG).unchanged
    assert opened[f"notices/{FIRST}"] == 1 and opened[f"notices/{SECOND}"] == 0
    assert opened["regions.yaml"] == 1
    assert opened["files/spare.txt"] == 0
    assert max(opened.values()) == 1, opened
    state = read_state(state_file)
    assert state is not None
    assert state.data_bytes == data_bytes(data) and state.data_stats == data_stats(data)

    touched = data / "notices" / SECOND
    touched.write_bytes(touched.read_bytes())  # the same bytes, new stats
    with opens_under(data) as opened:
        assert build(data, out, settings, now=NOW, config_file=CONFIG).unchanged
    assert opened == Counter({f"notices/{SECOND}": 1})


def test_a_file_changed_under_its_kept_hash_is_read_again(make_data, tmp_path: Path) -> None:
    """A file the build does not hash itself, changed with its size and times put back: its
    inode's change time moves all the same, so its kept hash is not taken for it."""
    data = make_data({FIRST: VALID_TENDER}, files={"spare.txt": b"first\n"})
    out = tmp_path / "site"
    settings = load_settings(CONFIG)
    build(data, out, settings, now=NOW, config_file=CONFIG)
    spare = data / "files" / "spare.txt"
    times = spare.stat()
    spare.write_bytes(b"other\n")
    os.utime(spare, ns=(times.st_atime_ns, times.st_mtime_ns))
    (cache_folder(out) / STATE_FILE).unlink()  # built whole again
    build(data, out, settings, now=NOW, config_file=CONFIG)
    state = read_state(cache_folder(out) / STATE_FILE)
    assert state is not None and state.data_bytes == data_bytes(data)
