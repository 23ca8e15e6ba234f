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

Tree files are copies, never links into the caches, and each manifest entry keeps the inode's
change time: a file edited in place after publishing (a deploy step, by hand) no longer
matches its entry and is written afresh by the next build into that tree.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from . import cachefile
from .errors import UsageError
from .faults import fault_point
from .progress import SILENT, Progress, tracked
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


@dataclass(frozen=True)
class Entry:
    """What a manifest knows of one file of a tree: its content, and the inode that holds it."""

    sha256: str
    size: int
    mtime_ns: int
    inode: int
    ctime_ns: int
    source: str  # identity of the immutable cache file it was copied from, "" if none

    def holds(self, found: os.stat_result) -> bool:
        """Whether the file on disk is still the one written (no edit, no replacement)."""
        return (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns) == (
            self.inode, self.size, self.mtime_ns, self.ctime_ns)


Manifest = dict[str, Entry]


@dataclass(frozen=True)
class Source:
    """One file of the new site: made by this build (`owned`: moved into the tree when nothing
    else links to it), or a file of a cache, whose files are never changed in place (copied)."""

    path: Path
    owned: bool


@dataclass
class SyncReport:
    written: int = 0
    deleted: int = 0
    kept: int = 0


def read_manifest(file: Path) -> Manifest:
    """A tree's manifest; empty when missing or unreadable (then every file is written afresh)."""
    try:
        with open(file, encoding="utf-8") as stream:
            stored = json.load(stream)
        return {rel: Entry(*fields) for rel, fields in stored["files"].items()}
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return {}


_MANIFEST_CHUNK = 4096  # entries encoded at a time: never the whole manifest as one string


def write_manifest(file: Path, manifest: Manifest) -> None:
    """`{"files": {path: [sha256, size, mtime_ns, inode, ctime_ns, source], …}}`, by path."""
    with cachefile.writing(file, durable=True) as stream:
        for chunk in _manifest_text(manifest):
            stream.write(chunk.encode())


def _manifest_text(manifest: Manifest) -> Iterator[str]:
    """The manifest's JSON in pieces, each entry encoded by the C encoder of strings (the
    json module's streaming encoder is pure Python: 5.8 against 1.4 µs an entry at 10,000)."""
    quoted = json.encoder.encode_basestring  # non-ASCII kept, as UTF-8
    yield '{"files":{'
    rows = sorted(manifest.items())
    for start in range(0, len(rows), _MANIFEST_CHUNK):
        yield ("," if start else "") + ",".join(
            f"{quoted(rel)}:[{quoted(e.sha256)},{e.size},{e.mtime_ns},{e.inode},"
            f"{e.ctime_ns},{quoted(e.source)}]"
            for rel, e in rows[start:start + _MANIFEST_CHUNK])
    yield "}}"


def staged_files(staging: Path) -> dict[str, Source]:
    return {rel: Source(staging / rel, owned=True) for rel in walk_files(staging)}


def walk_files(folder: Path) -> Iterator[str]:
    """Every entry but folders under `folder`, as relative POSIX paths; links are not followed.
    A folder that cannot be read fails the build: it is never taken as empty."""
    for rel, _ in walk_entries(folder):
        yield rel


def walk_entries(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """walk_files with each entry (its stat without another lookup of its path)."""
    stack = [""]
    while stack:
        relative = stack.pop()
        with os.scandir(folder / relative) as entries:
            for entry in entries:
                rel = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append(rel)
                else:
                    yield rel, entry


def bring_up_to_date(tree: Path, wanted: Mapping[str, Source], known: Manifest,
                     other: Manifest, progress: Progress = SILENT) -> tuple[Manifest, SyncReport]:
    """Make `tree` hold exactly the `wanted` files, writing only what differs from what it
    holds. `other` is the other tree's manifest: a file it has with the same bytes lends its
    hash (no second read of an unchanged cache file) and its modification time, so a file keeps
    its time in both trees and sync tools see it unchanged; a file whose bytes differ from the
    live one's gets a time of this build. Through the link, a file's time changes exactly when
    its bytes change, and only forward. `progress` counts the wanted files brought up to date,
    written or kept (stage `written`)."""
    report = SyncReport()
    tree.mkdir(parents=True, exist_ok=True)
    present = {rel: os.lstat(tree / rel) for rel in walk_files(tree)}
    for rel in present.keys() - wanted.keys():
        (tree / rel).unlink()
        report.deleted += 1
    _remove_empty_folders(tree)
    manifest: Manifest = {}
    for rel, source in tracked(progress, "written", sorted(wanted.items())):
        found_source = os.stat(source.path)
        movable = source.owned and found_source.st_nlink == 1
        identity = "" if movable else _identity(found_source)
        sha = _known_hash(rel, identity, known, other) or sha256_of(source.path)
        entry = known.get(rel)
        found = present.get(rel)
        if entry and found and entry.sha256 == sha and entry.holds(found) \
                and _as_live(sha, other.get(rel)):
            manifest[rel] = Entry(sha, entry.size, entry.mtime_ns, entry.inode, entry.ctime_ns,
                                  identity)
            report.kept += 1
            continue
        manifest[rel] = _write(tree / rel, source.path, movable, sha, identity, other.get(rel))
        report.written += 1
        fault_point("sync-file")
    return manifest, report


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


def _known_hash(rel: str, identity: str, *manifests: Manifest) -> str | None:
    if not identity:
        return None
    for manifest in manifests:
        entry = manifest.get(rel)
        if entry is not None and entry.source == identity:
            return entry.sha256
    return None


def sha256_of(path: Path) -> str:
    """A file's SHA-256, hex."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _write(target: Path, source: Path, movable: bool, sha: str, identity: str,
           twin: Entry | None) -> Entry:
    """A new inode at `target`, never a write into the old one (which the layout before the two
    trees shared with a cache), and never a link into a cache."""
    with suppress(FileNotFoundError):
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    if movable:
        os.replace(source, target)
    else:
        shutil.copyfile(source, target)
    if twin is not None and twin.sha256 == sha:
        os.utime(target, ns=(twin.mtime_ns, twin.mtime_ns))
    found = os.lstat(target)
    return Entry(sha, found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns, identity)


def _remove_empty_folders(tree: Path) -> None:
    for folder, subfolders, files in os.walk(tree, topdown=False, onerror=_raise):
        if not subfolders and not files and Path(folder) != tree:
            with suppress(OSError):  # not empty after all (a subfolder kept): leave it
                os.rmdir(folder)


def _raise(error: OSError) -> None:
    raise error


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
