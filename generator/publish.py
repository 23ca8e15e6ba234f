"""The output switch: `--out` is a symbolic link to one of two complete trees beside it.

    site -> .site.gongshi-trees/a        what readers and the web server see
    .site.gongshi-trees/a/, b/           two complete sites; a.json, b.json say what each holds
    .site.gongshi-work/                  this build's scratch (docs, staged pages, search)
    .site.gongshi-lock                   one build at a time per output
    .site.gongshi-cache/                 pages, bodies, parsed files, search shards

A build stages what it made in the work folder, brings the idle tree up to date with it
(writing only files whose bytes changed, deleting files that are gone), then points the link
at that tree with one rename, which the operating system makes atomic: at every instant a
reader finds the old site or the new one, whole, and a crash leaves the link on a complete
tree. The tree that was live becomes the idle one; the next build brings it up to date with
the changes of both builds, since its manifest says what it holds.

Tree files are never links into the caches. A file the live tree holds with the bytes wanted
is linked into the idle tree rather than copied (the first build after a clean one would copy
the whole site); no file of either tree is ever written in place, so the link never carries a
change from one tree to the other. Each manifest entry keeps the inode's change time: a file
edited in place after publishing (a deploy step, by hand) no longer matches its entry and is
written afresh by the next build into that tree.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from . import cachefile
from .errors import UsageError
from .faults import fault_point
from .gcpause import collector_paused
from .progress import SILENT, Progress
from .words import COMMANDS, shown
from .words.commands import as_said

MARKER = ".gongshi-build"  # in every tree: gongshi made this folder and may replace it
TREES = ("a", "b")


@dataclass(frozen=True)
class OutputPaths:
    """Where an output and everything gongshi keeps beside it live."""

    out: Path  # absolute, its last part not resolved: it is (or will be) our link

    @classmethod
    def of(cls, out: Path) -> OutputPaths:
        out = Path(os.path.abspath(out))
        return cls(out.parent.resolve() / out.name)

    def _beside(self, purpose: str) -> Path:
        return self.out.parent / f".{self.out.name}.gongshi-{purpose}"

    @property
    def trees(self) -> Path:
        return self._beside("trees")

    @property
    def work(self) -> Path:
        return self._beside("work")

    @property
    def lock(self) -> Path:
        return self._beside("lock")

    @property
    def cache(self) -> Path:
        return self._beside("cache")

    @property
    def new_link(self) -> Path:
        return self._beside("link")

    def tree(self, name: str) -> Path:
        return self.trees / name

    def manifest(self, name: str) -> Path:
        return self.trees / f"{name}.json"

    def link_text(self, name: str) -> str:
        """The link's target, relative so that the whole folder can move."""
        return f"{self.trees.name}/{name}"


# --- before a build: is this an output we may replace? --------------------------------------------


def check_output(paths: OutputPaths, data_dir: Path, project_dir: Path) -> None:
    """Refuse an output that would overwrite or be inside the data or the project's sources, a
    file, a folder gongshi did not build, or a link gongshi did not make."""
    out = paths.out
    data = data_dir.resolve()
    project = project_dir.resolve()
    sources = [data, project / "content", project / "theme"]
    if any(out == s or out.is_relative_to(s) for s in sources) or data.is_relative_to(out) \
            or project.is_relative_to(out) or out in (Path.home().resolve(), Path("/")):
        raise UsageError(COMMANDS.message("out_overlaps", out=str(out)))
    if out.is_symlink():
        if live_tree(paths) is None:
            raise UsageError(COMMANDS.message("out_foreign_link", out=str(out),
                                              target=as_said(os.readlink(out))))
        return
    if out.exists() and not out.is_dir():
        raise UsageError(COMMANDS.message("out_is_file", out=str(out)))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UsageError(COMMANDS.message("out_not_ours", out=str(out)))


def live_tree(paths: OutputPaths) -> str | None:
    """The tree the output link points at, if it is one of ours."""
    try:
        target = os.readlink(paths.out)
    except OSError:
        return None
    return next((name for name in TREES if target == paths.link_text(name)), None)


# --- one build at a time ---------------------------------------------------------------------------


@contextmanager
def exclusive(paths: OutputPaths) -> Iterator[None]:
    """Hold the output's lock, or refuse at once: two builds into one output would both write
    the same idle tree and caches, and the slower one would win with whatever `now` it had."""
    paths.out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(paths.lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise UsageError(COMMANDS.message("out_busy", out=str(paths.out),
                                              process=shown(holder))) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays, empty of meaning


def clear_leftovers(paths: OutputPaths) -> None:
    """What builds that were killed left beside the output (under the lock, none is running)."""
    shutil.rmtree(paths.work, ignore_errors=True)
    with suppress(FileNotFoundError):
        paths.new_link.unlink()
    parent, name = paths.out.parent, paths.out.name
    for legacy in ("building", "search", "previous"):  # the names of gongshi before 0.2
        for folder in parent.glob(f".{name}.{legacy}-*"):
            shutil.rmtree(folder, ignore_errors=True)
    if paths.trees.is_dir():
        for partial in paths.trees.glob("*.part"):  # manifests half written before cachefile.py
            partial.unlink(missing_ok=True)
    cachefile.remove_temporaries(paths.trees)


def idle_tree(paths: OutputPaths) -> str:
    """The tree this build may write: the one readers are not shown."""
    live = live_tree(paths)
    return "b" if live == "a" else "a"


# --- bringing the idle tree up to date --------------------------------------------------------------


class Entry(NamedTuple):
    """What a manifest knows of one file of a tree: its content, and the inode that holds it.
    (A tuple, not a dataclass: a manifest holds one for every file of the site.)"""

    sha256: str
    size: int
    mtime_ns: int
    inode: int
    ctime_ns: int
    source: str  # identity of the immutable cache file it was copied from, "" if none

    def holds(self, found: os.stat_result) -> bool:
        """Whether the file on disk is still the one written (no edit, no replacement)."""
        return (found.st_ino == self.inode and found.st_size == self.size
                and found.st_mtime_ns == self.mtime_ns and found.st_ctime_ns == self.ctime_ns)


Manifest = dict[str, Entry]
StrPath = str | Path  # where a file is; a plain str where there are many (no pathlib joins)


class Source(NamedTuple):
    """One file of the new site: made by this build (`owned`: moved into the tree when nothing
    else links to it), or a file of a cache, whose files are never changed in place (copied)."""

    path: StrPath
    owned: bool


@dataclass
class SyncReport:
    written: int = 0
    deleted: int = 0
    kept: int = 0
    linked: int = 0  # of the written: links to the other tree's file with the same bytes
    # the other tree's manifest after those links (their change times), None if none was made
    other: Manifest | None = None


def read_manifest(file: Path) -> Manifest:
    """A tree's manifest; empty when missing or unreadable (then every file is written afresh)."""
    try:
        with open(file, encoding="utf-8") as stream, collector_paused():  # no cycles, many objects
            stored = json.load(stream)
            make = Entry._make
            return {rel: make(fields) for rel, fields in stored["files"].items()}
    except (FileNotFoundError, ValueError, KeyError, TypeError, AttributeError):
        return {}


_MANIFEST_CHUNK = 4096  # entries encoded at a time: never the whole manifest as one string


def write_manifest(file: Path, manifest: Manifest) -> None:
    """`{"files": {path: [sha256, size, mtime_ns, inode, ctime_ns, source], …}}`, by path."""
    with cachefile.writing(file, durable=True) as stream, collector_paused():
        for chunk in _manifest_text(manifest):
            stream.write(chunk.encode())


def _manifest_text(manifest: Manifest) -> Iterator[str]:
    """The manifest's JSON in pieces, each entry encoded by the C encoder of strings (the
    json module's streaming encoder is pure Python: 5.8 against 1.4 µs an entry at 10,000)."""
    quoted = json.encoder.encode_basestring  # non-ASCII kept, as UTF-8
    yield '{"files":{'
    paths = sorted(manifest)  # strings only: no tuple per entry for the collector to count
    for start in range(0, len(paths), _MANIFEST_CHUNK):
        yield ("," if start else "") + ",".join(
            _manifest_row(quoted, rel, manifest[rel])
            for rel in paths[start:start + _MANIFEST_CHUNK])
    yield "}}"


def _manifest_row(quoted: Callable[[str], str], rel: str, e: Entry) -> str:
    return (f"{quoted(rel)}:[{quoted(e.sha256)},{e.size},{e.mtime_ns},{e.inode},{e.ctime_ns},"
            f"{quoted(e.source)}]")


def staged_files(staging: Path) -> dict[str, Source]:
    base = os.fspath(staging)
    return {rel: Source(f"{base}/{rel}", True) for rel in walk_files(staging)}


def walk_files(folder: Path) -> Iterator[str]:
    """Every entry but folders under `folder`, as relative POSIX paths; links are not followed.
    A folder that cannot be read fails the build: it is never taken as empty."""
    for rel, _ in walk_entries(folder):
        yield rel


def walk_entries(folder: StrPath, empty: list[str] | None = None
                 ) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """walk_files with each entry (its stat without another lookup of its path). `empty`, if
    given, receives each folder found without entries."""
    base = os.fspath(folder)
    stack = [""]
    while stack:
        relative = stack.pop()
        with os.scandir(f"{base}/{relative}" if relative else base) as entries:
            seen = False
            for entry in entries:
                seen = True
                rel = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append(rel)
                else:
                    yield rel, entry
        if not seen and relative and empty is not None:
            empty.append(relative)


_PROGRESS_STEP = 512  # files brought up to date between two reports of progress


def bring_up_to_date(tree: Path, wanted: Mapping[str, Source], known: Manifest,
                     other: Manifest, progress: Progress = SILENT, *,
                     lend_from: Path | None = None) -> tuple[Manifest, SyncReport]:
    """Make `tree` hold exactly the `wanted` files, writing only what differs from what it
    holds. `other` is the other tree's manifest: a file it has with the same bytes lends its
    hash (no second read of an unchanged cache file) and its modification time, so a file keeps
    its time in both trees and sync tools see it unchanged; a file whose bytes differ from the
    live one's gets a time of this build. Through the link, a file's time changes exactly when
    its bytes change, and only forward. `progress` counts the wanted files brought up to date,
    written or kept (stage `written`).

    `lend_from`: the other tree, whose file is linked rather than copied when it has the bytes
    wanted and is still the file its manifest names (the first build after a clean one would
    otherwise copy the whole site). A link changes the file's change time, so the other tree's
    manifest comes back with it (`SyncReport.other`), for the caller to write: else the next
    build would take that tree's files for edited ones.

    The loop runs once for every file of the site, most of them unchanged: paths are plain
    strings (no pathlib), and a tree file's stat is the one its folder's listing gives."""
    with collector_paused():  # an entry, a stat, a source for every file: no cycles
        return _bring_up_to_date(tree, wanted, known, other, progress, lend_from)


def _bring_up_to_date(tree: Path, wanted: Mapping[str, Source], known: Manifest,
                      other: Manifest, progress: Progress,
                      lend_from: Path | None) -> tuple[Manifest, SyncReport]:
    report = SyncReport()
    lender = os.fspath(lend_from) if lend_from is not None else None
    refreshed: Manifest | None = None
    tree.mkdir(parents=True, exist_ok=True)
    base = os.fspath(tree)
    empty: list[str] = []
    present = {rel: entry.stat(follow_symlinks=False) for rel, entry in walk_entries(base, empty)}
    gone = sorted(present.keys() - wanted.keys())
    for rel in gone:
        os.unlink(f"{base}/{rel}")
    report.deleted = len(gone)
    _remove_empty_folders(base, {rel.rpartition("/")[0] for rel in gone} | set(empty))
    manifest: Manifest = {}
    stage = progress.stage("written", len(wanted))
    for count, (rel, source) in enumerate(sorted(wanted.items()), 1):
        if not count % _PROGRESS_STEP:
            stage.advance(_PROGRESS_STEP)
        found_source = os.stat(source.path)
        movable = source.owned and found_source.st_nlink == 1
        identity = "" if movable else _identity(found_source)
        entry = known.get(rel)
        live = other.get(rel)
        if entry is not None and identity and entry.source == identity:
            sha = entry.sha256
        elif live is not None and identity and live.source == identity:
            sha = live.sha256
        else:
            sha = sha256_of(source.path)
        found = present.get(rel)
        if entry is not None and found is not None and entry.sha256 == sha \
                and entry.holds(found) and _as_live(sha, live):
            manifest[rel] = entry if entry.source == identity else entry._replace(source=identity)
            report.kept += 1
            continue
        report.written += 1
        lent = None
        if lender is not None and live is not None and live.sha256 == sha:
            lent = _link(f"{lender}/{rel}", f"{base}/{rel}", live, identity)
            if lent is not None:
                refreshed = dict(other) if refreshed is None else refreshed
                refreshed[rel] = live._replace(ctime_ns=lent.ctime_ns)
                report.linked += 1
        manifest[rel] = lent or _write(f"{base}/{rel}", source.path, movable, sha, identity, live)
        fault_point("sync-file")
    stage.advance(len(wanted) % _PROGRESS_STEP)
    stage.done()
    report.other = refreshed
    return manifest, report


def _link(lent: str, target: str, live: Entry, identity: str) -> Entry | None:
    """`target` as a link to the other tree's file `lent`, if that is still the file `live`
    names (not edited since it was written); None to copy instead (also where links fail).
    Neither tree is ever written in place (`_write` makes a new inode), so a change to one
    never reaches the other through the link."""
    try:
        if not live.holds(os.lstat(lent)):
            return None
        _make_room(target)
        os.link(lent, target)
    except OSError:
        return None
    found = os.lstat(target)
    return Entry(live.sha256, found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns, identity)


def _as_live(sha: str, live: Entry | None) -> bool:
    """Whether readers saw these bytes at this path before the switch (or nothing there). Bytes
    that come back (v1, v2, v1) are written afresh although the idle tree kept them: with their
    old time they would look older than the live v2, and tools that take the newer file (`rclone
    --update`, HTTP caches asking If-Modified-Since) would keep v2."""
    return live is None or live.sha256 == sha


def _identity(found: os.stat_result) -> str:
    """A cache file's inode identity: its bytes never change while it stands (a cache writes a
    new file and renames it into place)."""
    return f"{found.st_dev}:{found.st_ino}:{found.st_size}:{found.st_mtime_ns}:{found.st_ctime_ns}"


def sha256_of(path: StrPath) -> str:
    """A file's SHA-256, hex."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _write(target: str, source: StrPath, movable: bool, sha: str, identity: str,
           twin: Entry | None) -> Entry:
    """A new inode at `target`, never a write into the old one (which the layout before the two
    trees shared with a cache), and never a link into a cache."""
    _make_room(target)
    if movable:
        os.replace(source, target)
    else:
        shutil.copyfile(source, target)
    if twin is not None and twin.sha256 == sha:
        os.utime(target, ns=(twin.mtime_ns, twin.mtime_ns))
    found = os.lstat(target)
    return Entry(sha, found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns, identity)


def _make_room(target: str) -> None:
    """Take the old file at `target` away (its inode stays whole, for whatever else links to
    it) and make the folders a new one needs."""
    with suppress(FileNotFoundError):
        os.unlink(target)
    os.makedirs(os.path.dirname(target), exist_ok=True)


def _remove_empty_folders(base: str, candidates: set[str]) -> None:
    """Remove each of `candidates` (folders relative to `base`: those found empty, those a file
    was deleted from) that is empty, then each folder above it that this leaves empty."""
    candidates.discard("")
    while candidates:
        above: set[str] = set()
        for folder in sorted(candidates, key=lambda rel: rel.count("/"), reverse=True):
            try:
                os.rmdir(f"{base}/{folder}")
            except OSError:  # not empty (a file or a folder kept), or already gone
                continue
            above.add(folder.rpartition("/")[0])
        above.discard("")
        candidates = above


# --- the switch ----------------------------------------------------------------------------------


def switch(paths: OutputPaths, name: str) -> None:
    """Point the output at tree `name` with one rename over the old link."""
    os.symlink(paths.link_text(name), paths.new_link)
    try:
        fault_point("before-switch")
        if paths.out.is_dir() and not paths.out.is_symlink():
            _replace_folder(paths, name)
        else:
            os.replace(paths.new_link, paths.out)
    finally:
        with suppress(FileNotFoundError):
            paths.new_link.unlink()


def _replace_folder(paths: OutputPaths, name: str) -> None:
    """An output folder from before the two trees (or an empty one) becomes the other tree. A
    link cannot replace a folder in one rename: for this one switch the output is missing for
    the instant between two renames (and put back if the second fails)."""
    other = paths.tree("b" if name == "a" else "a")
    if other.exists():
        shutil.rmtree(other)
    paths.manifest(other.name).unlink(missing_ok=True)
    paths.out.rename(other)
    try:
        os.replace(paths.new_link, paths.out)
    except OSError:
        other.rename(paths.out)
        raise
