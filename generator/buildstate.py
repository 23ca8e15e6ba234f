"""What the last complete build was made from, so that a rebuild in which nothing changed can
say so and stop.

A site depends on its inputs (the data folder, mkdocs.yml, content/, theme/, gongshi's own code
and the packages it uses, the build's options) and on "now" only through a few known moments
(derive.py's change_span: between two of them every output but build.json is the same). After
each complete build its state is kept beside the caches: a fingerprint of everything but the
data, two digests of the data folder (of every file's name and stat, cheap; of every file's name
and bytes, for a fresh checkout where every stat differs), the span of time the site holds for,
and the tree it went live in with the identity of that tree's manifest. A later build with the
same inputs and a "now" inside the span, whose live tree is still that one, has nothing to
render: it writes build.json (the build's time, for the staleness notice) into the live tree
with one atomic rename, and stops. The live tree's files are not checked one by one (a stat of
each of a million files costs more than the whole budget of a rebuild): a file of the
published site edited by hand stays until the next build that changes anything, which puts it
right (publish.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from . import cachefile
from .publish import walk_entries, walk_files

STATE_FILE = "state.json"
STATE_FORMAT = 3  # 3: stats by relative path, links to folders not followed
# Besides gongshi's own code: whatever shapes the output (the engine, its theme and Markdown,
# the search index, feeds, calendars, the workbook).
_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "nh3",
             "pydantic", "PyYAML", "feedgen", "icalendar", "lxml", "tzdata", "XlsxWriter",
             "pagefind-bin-extended")


@dataclass(frozen=True)
class BuildState:
    setup: str  # fingerprint of code, packages, mkdocs.yml, content/, theme/ and options
    data_stats: str  # digest of the data folder's file names and stats
    data_bytes: str  # digest of the data folder's file names and bytes
    tree: str  # the output tree the build made live
    manifest: str  # size and time of that tree's manifest as the build left it
    changed_at: datetime
    changes_next: datetime
    notices: int
    pages: int

    def holds(self, setup: str, now: datetime, tree: str | None, manifest: str) -> bool:
        """Whether a build with this setup, at `now`, into an output whose live tree is `tree`
        with a manifest of this identity, would make the site this state describes (the data
        aside: see `same_data`)."""
        return (self.setup == setup and self.tree == tree and self.manifest == manifest
                and self.changed_at <= now < self.changes_next)


def file_identity(file: Path) -> str:
    """A file's size and modification time; "" when it is missing."""
    try:
        found = os.stat(file)
    except FileNotFoundError:
        return ""
    return f"{found.st_size}:{found.st_mtime_ns}"


def setup_fingerprint(config_file: Path, options: dict[str, object]) -> str:
    root = config_file.parent
    return cachefile.fingerprint(code=["generator"], packages=_PACKAGES,
                                 inputs=[config_file, root / "content", root / "theme"],
                                 values=[options])


@dataclass(frozen=True)
class DataScan:
    """The data folder as a build finds it before reading it: the digest of its files' names
    and stats, and each file's identity (size, times, inode) by its path relative to it."""

    stats: str
    identities: dict[str, str]

    def bytes_digest(self, data_dir: Path, memo: HashMemo,
                     read: Mapping[str, bytes] | None = None) -> str:
        """The digest `data_bytes` gives, made without a second read of the folder: each
        file's hash is the one of the bytes the build read (`read`, the parse cache's), else
        the memo's for its identity, else read now while its identity stays the one scanned
        (the bytes the build saw, if it read them). "" when a file was no longer the one
        scanned: the next build then runs whole. Files added since the scan are left out, so
        the next build sees them as new. The memo keeps every file's hash by its identity."""
        read = read or {}
        hashes: dict[str, bytes] = {}
        for rel, identity in self.identities.items():
            found = read.get(rel) or memo.get(rel, identity) or _hash_if_same(data_dir / rel, identity)
            if found is None:
                return ""
            hashes[rel] = found
            # a file read by the build with this identity still held it when read (a change
            # moves its ctime for good): the entry is never taken for other bytes
            memo.keep(rel, identity, found)
        return _names_and_hashes(hashes)


def _identity(found: os.stat_result) -> str:
    return f"{found.st_size}:{found.st_mtime_ns}:{found.st_ctime_ns}:{found.st_ino}"


def scan_data(data_dir: Path) -> DataScan:
    """Every file's name, size, times and inode (the files `data_bytes` reads: links to
    folders are not followed): any edit, replacement, addition or removal changes `stats`.
    One stat a file (~4 µs here: 1 s for 250,000 files). Unreadable folders raise (the build
    then reports them)."""
    identities = {rel: _identity(entry.stat()) for rel, entry in walk_entries(data_dir)}
    digest = hashlib.sha256()
    for rel in sorted(identities):
        digest.update(f"{rel}\0{identities[rel]}\n".encode())
    return DataScan(digest.hexdigest(), identities)


def data_stats(data_dir: Path) -> str:
    return scan_data(data_dir).stats


def data_bytes(data_dir: Path) -> str:
    """Every file's name and bytes: the same data in a fresh checkout (new stats) reads alike.
    A build makes the same digest from what it read (DataScan.bytes_digest)."""
    digest = hashlib.sha256()
    for rel in sorted(walk_files(data_dir)):
        digest.update(f"{rel}\0".encode())
        with (data_dir / rel).open("rb") as stream:
            digest.update(hashlib.file_digest(stream, "sha256").digest())
    return digest.hexdigest()


def _names_and_hashes(hashes: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for rel in sorted(hashes):
        digest.update(f"{rel}\0".encode())
        digest.update(hashes[rel])
    return digest.hexdigest()


def is_still(file: Path, identity: str) -> bool:
    """Whether a stat finds the file with this identity (its bytes unchanged since)."""
    try:
        return _identity(os.stat(file)) == identity
    except OSError:
        return False


def _hash_if_same(file: Path, identity: str) -> bytes | None:
    """The SHA-256 of the file's bytes if its identity is `identity` before and after they
    are read; else None."""
    try:
        with file.open("rb") as stream:
            if _identity(os.fstat(stream.fileno())) != identity:
                return None
            found = hashlib.file_digest(stream, "sha256").digest()
            if _identity(os.fstat(stream.fileno())) != identity:
                return None
    except OSError:
        return None
    return found


HASHES_FILE = "data-hashes.json"
_HASHES_STAMP = cachefile.Stamp("gongshi-data-hashes 2", "")  # 2: the cache files' stamp line


class HashMemo:
    """The SHA-256 of each file of the data folder by its path and identity (size, times,
    inode), as the last digest found them, kept beside the caches: the files the build does not
    hash itself (regions.yaml, attachments, the ledger, anything else) and the "nothing
    changed" check read only files whose stats changed. A file's bytes are trusted from its
    identity as `data_stats` trusts them. A damaged or foreign file is ignored."""

    def __init__(self, file: Path, *, fresh: bool = False) -> None:
        self.file = file
        self.known: dict[str, str] = {} if fresh else self._read()  # path → "identity sha256"
        self.used: dict[str, str] = {}

    def _read(self) -> dict[str, str]:
        return cachefile.read_stamped(self.file, _HASHES_STAMP, _kept_hashes) or {}

    def get(self, rel: str, identity: str) -> bytes | None:
        sha256 = _kept_sha256(self.known.get(rel, ""), identity)
        try:
            return bytes.fromhex(sha256) if sha256 is not None else None
        except ValueError:
            return None

    def keep(self, rel: str, identity: str, sha256: bytes) -> None:
        self.used[rel] = f"{identity} {sha256.hex()}"

    def known_under(self, data_dir: Path, folder: str) -> KnownHashes:
        """The hashes of this digest for the files under `folder` (a path relative to the data
        folder), before `save` lets go of them."""
        prefix = folder.rstrip("/") + "/"
        return KnownHashes(data_dir, {rel: kept for rel, kept in self.used.items()
                                      if rel.startswith(prefix)})

    def save(self) -> None:
        """Keep the files of this digest (the file stays as it is when they are those it
        held), then let go of them."""
        cachefile.remove_temporaries(self.file.parent, of=self.file.name)
        if self.used != self.known:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with cachefile.writing(self.file, _HASHES_STAMP) as stream:
                cachefile.dump_json(self.used, stream)
        self.known, self.used = {}, {}


class KnownHashes:
    """The SHA-256 of some files of the data folder as this build's digest found them (read by
    it, or kept in the memo for the same identity): a later reader that finds a file with that
    identity still (one stat) has its hash without reading it (the ledger's check of its
    version files, ledger/store.py). A file changed since has a new ctime, so a new identity."""

    def __init__(self, data_dir: Path, kept: dict[str, str]) -> None:
        self.data_dir = os.fspath(data_dir)
        self.kept = kept  # path relative to the data folder → "identity sha256", as HashMemo's

    def sha256(self, rel: str) -> str | None:
        """The hex SHA-256 of the file at `rel` if known for its identity now; else None."""
        kept = self.kept.get(rel)
        if kept is None:
            return None
        try:
            found = os.stat(os.path.join(self.data_dir, rel))
        except OSError:
            return None
        return _kept_sha256(kept, _identity(found))


def _kept_sha256(kept: str, identity: str) -> str | None:
    """The hex SHA-256 of a memo's entry ("identity sha256") when it is for this identity."""
    kept_identity, _, sha256 = kept.partition(" ")
    return sha256 if kept_identity == identity and len(sha256) == 64 else None


def _kept_hashes(stream: BinaryIO) -> dict[str, str]:
    stored = json.loads(stream.read())
    if not isinstance(stored, dict):
        raise ValueError("not a table of hashes")
    return {rel: kept for rel, kept in stored.items() if isinstance(kept, str)}


def same_data(state: BuildState, data_dir: Path, memo_file: Path) -> BuildState | None:
    """The state again if the data folder holds what it was built from (with today's stats
    when only those changed), else None. Only the files whose stats changed since the build
    are read (their hashes are kept in `memo_file` by their stats)."""
    scan = scan_data(data_dir)
    if scan.stats == state.data_stats:
        return state
    memo = HashMemo(memo_file)
    if scan.bytes_digest(data_dir, memo) != state.data_bytes:
        return None
    memo.save()
    return replace(state, data_stats=scan.stats)


def read_state(file: Path) -> BuildState | None:
    """The kept state; None when missing, damaged or of another format (then builds run whole)."""
    try:
        stored = json.loads(file.read_bytes())
        if stored.pop("format") != STATE_FORMAT:
            return None
        stored["changed_at"] = datetime.fromisoformat(stored["changed_at"])
        stored["changes_next"] = datetime.fromisoformat(stored["changes_next"])
        return BuildState(**stored)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(file: Path, state: BuildState) -> None:
    stored = {"format": STATE_FORMAT, **asdict(state),
              "changed_at": state.changed_at.isoformat(),
              "changes_next": state.changes_next.isoformat()}
    cachefile.write_bytes(file, json.dumps(stored, indent=1).encode(), durable=True)


def forget_state(file: Path) -> None:
    """Before a build changes the output: if it fails half-way, no later build may trust the
    state of the one before."""
    file.unlink(missing_ok=True)
