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
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from . import cachefile
from .publish import walk_files

STATE_FILE = "state.json"
STATE_FORMAT = 2
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


def data_stats(data_dir: Path) -> str:
    """Every file's name, size, times and inode: any edit, replacement, addition or removal
    changes it. One stat a file (~4 µs here: 1 s for 250,000 files). Unreadable folders raise
    (the build then reports them)."""
    digest = hashlib.sha256()
    folders = [str(data_dir)]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if entry.is_dir():
                folders.append(entry.path)
                continue
            found = entry.stat()
            digest.update(f"{entry.path}\0{found.st_size}\0{found.st_mtime_ns}\0"
                          f"{found.st_ctime_ns}\0{found.st_ino}\n".encode())
    return digest.hexdigest()


def data_bytes(data_dir: Path) -> str:
    """Every file's name and bytes: the same data in a fresh checkout (new stats) reads alike."""
    digest = hashlib.sha256()
    for rel in sorted(walk_files(data_dir)):
        digest.update(f"{rel}\0".encode())
        with (data_dir / rel).open("rb") as stream:
            digest.update(hashlib.file_digest(stream, "sha256").digest())
    return digest.hexdigest()


def same_data(state: BuildState, data_dir: Path) -> BuildState | None:
    """The state again if the data folder holds what it was built from (with today's stats
    when only those changed), else None."""
    stats = data_stats(data_dir)
    if stats == state.data_stats:
        return state
    if data_bytes(data_dir) == state.data_bytes:
        return replace(state, data_stats=stats)
    return None


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
