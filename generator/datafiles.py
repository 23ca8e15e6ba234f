"""Reading the data folder: every folder listed in full, every file opened as itself.

Nothing that cannot be read is ever skipped: an unlistable folder, an unreadable file or
something that is not a plain file (a symbolic link, a named pipe, a device, a socket) is a
`Refusal` for the caller to report, so a build never publishes a smaller site because part of
the data could not be read. Files are opened without following a link (a link could point at
/dev/zero or outside the data folder) and without blocking (a named pipe would wait for ever);
the open descriptor is checked to be a regular file, and reads are bounded.

This module reports; it does not raise. Callers turn a Refusal into a Problem (validation) or
into BuildFailed (a file that changed under a running build).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Rule

CHUNK_BYTES = 1024 * 1024  # attachments are hashed and copied this much at a time
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
REAL_FILE = "replace it with the real file and commit that"
REAL_FOLDER = "replace it with a real folder holding the files"


@dataclass(frozen=True)
class Refusal:
    """Why a file or folder of the data folder cannot be used: `rule` is the problem's rule id;
    the message reads "<subject> <problem>: <remedy>"."""

    rule: Rule
    problem: str
    remedy: str
    subject: str = "this file"  # when the problem is reported at the path itself

    def message(self, subject: str | None = None) -> str:
        return f"{subject or self.subject} {self.problem}: {self.remedy}"


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in the words of the message."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def not_a_file(mode: int) -> Refusal:
    kind = _kind(mode)
    return Refusal(Rule.FILE_TYPE, f"is {kind}, not a file" if kind.startswith("a ") else f"is {kind}",
                   REAL_FILE, "this")


def unreadable(exc: OSError) -> Refusal:
    return Refusal(Rule.FILE_READ, f"cannot be read ({exc.strerror or exc})",
                   "make it readable (check its permissions and the disk) and try again")


def unlistable(exc: OSError) -> Refusal:
    return Refusal(Rule.FOLDER_READ, f"cannot be listed ({exc.strerror or exc})",
                   "make it readable (check its permissions and the disk) and try again; "
                   "nothing in it was checked", "this folder")


def too_big(size: int) -> Refusal:
    """Over the caller's limit, which the caller words."""
    return Refusal(Rule.FILE_SIZE, f"is {size // 1024} KiB", "")


# --- listing ------------------------------------------------------------------------------------


@dataclass
class Listing:
    """The regular files below a folder, sorted, and everything that could not be used."""

    files: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, Refusal]] = field(default_factory=list)
    missing: bool = False


def list_files(folder: Path) -> Listing:
    """Every regular file below `folder`, skipping hidden names (.git, .DS_Store, editors'
    lock files); folders are descended, links are never followed. The one way the data
    folder is walked: unlike os.walk (which silently skips what it cannot list), every
    failure is in `refused`."""
    listing = Listing()
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        listing.missing = True
        return listing
    except OSError as exc:
        listing.refused.append((folder, unlistable(exc)))
        return listing
    if not stat.S_ISDIR(mode):
        listing.refused.append((folder, _not_a_folder(mode)))
        return listing
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if not entry.name.startswith("."):
                        _take(entry, Path(current, entry.name), listing, pending)
        except OSError as exc:  # opening the folder, or reading its entries
            listing.refused.append((current, unlistable(exc)))
    listing.files.sort()
    listing.refused.sort(key=lambda item: item[0])
    return listing


def _take(entry: os.DirEntry[str], path: Path, listing: Listing, pending: list[Path]) -> None:
    try:
        if entry.is_dir(follow_symlinks=False):
            pending.append(path)
        elif entry.is_file(follow_symlinks=False):
            listing.files.append(path)
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
            is_folder_link = entry.is_symlink() and entry.is_dir(follow_symlinks=True)
            listing.refused.append((path, _not_a_folder(mode) if is_folder_link else not_a_file(mode)))
    except OSError as exc:
        listing.refused.append((path, unreadable(exc)))


def _not_a_folder(mode: int) -> Refusal:
    kind = _kind(mode)
    if stat.S_ISREG(mode):
        return Refusal(Rule.FILE_TYPE, "is a file, not a folder", "make it a folder", "this")
    return Refusal(Rule.FILE_TYPE, f"is {kind}, not a folder", REAL_FOLDER, "this")


# --- reading ------------------------------------------------------------------------------------


def read_file(path: Path, limit: int) -> bytes | Refusal:
    """The bytes of a regular file of at most `limit` bytes, read as itself (never through a
    link, never blocking on a pipe); at most limit + 1 bytes are ever read."""
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as exc:
        return _open_refusal(exc, lambda: os.lstat(path).st_mode)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return not_a_file(info.st_mode)
        if info.st_size > limit:
            return too_big(info.st_size)
        content = _read_at_most(descriptor, limit + 1, info.st_size + 1)
    except OSError as exc:
        return unreadable(exc)
    finally:
        os.close(descriptor)
    if len(content) > limit:  # it grew since fstat
        return too_big(len(content))
    return content


def _read_at_most(descriptor: int, most: int, expected: int) -> bytes:
    """Up to `most` bytes, asking for `expected` at a time (the size fstat gave, plus one to
    see the end), so that small files do not each cost a large buffer."""
    chunks = []
    left = most
    while left > 0:
        chunk = os.read(descriptor, min(left, max(expected, 4096), CHUNK_BYTES))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _open_refusal(exc: OSError, lstat_mode: Callable[[], int]) -> Refusal:
    """Why opening failed: ELOOP under O_NOFOLLOW means the name is a link, ENXIO a socket."""
    if exc.errno in (errno.ELOOP, errno.ENXIO):
        try:
            mode = lstat_mode()
        except OSError:
            return unreadable(exc)
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            return not_a_file(mode)
    return unreadable(exc)


# --- attachments: a path below data/files/, every part of it real ---------------------------------


@dataclass(frozen=True)
class Missing:
    """No file at that path (or a part of the path is not a folder): a wrong name."""

    part: str  # the first part of the path that is not there, relative to the data folder
    reason: str | None = None  # why, when the name itself cannot be (e.g. too long)


@contextmanager
def _opened(descriptor: int) -> Iterator[int]:
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def open_attachment(files_dir: Path, name: str) -> int | Refusal | Missing:
    """A descriptor open for reading on files_dir/name, a regular file reached without
    following any link (neither files/ nor any folder on the way may be one); the caller
    closes it. `name` is a plain relative path (the model refuses '..' and absolute paths)."""
    parts = [files_dir.name, *name.split("/")]
    try:
        folder = os.open(files_dir.parent, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return Refusal(Rule.FOLDER_READ, f"is in the data folder, which {unlistable(exc).problem}",
                       unlistable(exc).remedy)
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        try:
            opened = os.open(part, _READ_FLAGS if last else _FOLDER_FLAGS, dir_fd=folder)
        except OSError as exc:
            return _part_refusal(exc, folder, part, last, "/".join(parts[: index + 1]))
        finally:
            os.close(folder)
        folder = opened
    found = _regular(folder, "/".join(parts))
    if not isinstance(found, int):
        os.close(folder)
    return found


def _regular(descriptor: int, shown: str) -> int | Refusal | Missing:
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError as exc:
        return unreadable(exc)
    if stat.S_ISDIR(mode):
        return Missing(shown)
    if not stat.S_ISREG(mode):
        return not_a_file(mode)
    return descriptor


def _part_refusal(exc: OSError, folder: int, part: str, last: bool, shown: str) -> Refusal | Missing:
    if exc.errno == errno.ENOENT:
        return Missing(shown)
    if exc.errno in (errno.ENAMETOOLONG, errno.EILSEQ, errno.EINVAL):
        return Missing(shown, exc.strerror)
    try:
        mode = os.stat(part, dir_fd=folder, follow_symlinks=False).st_mode
    except OSError:
        return unreadable(exc)
    if last and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return not_a_file(mode)
    if not last and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return Refusal(Rule.FILE_TYPE, f"is reached through {shown}, which is {_kind(mode)}, not a folder",
                       f"replace {shown} with a real folder holding the files")
    if exc.errno == errno.ENOTDIR:  # a file where the path needs a folder
        return Missing(shown)
    if last:
        return unreadable(exc)
    return Refusal(Rule.FOLDER_READ, f"is in {shown}, which {unlistable(exc).problem}",
                   unlistable(exc).remedy)


def attachment_refusal(files_dir: Path, name: str) -> Refusal | Missing | None:
    """Why files_dir/name cannot be published, or None when it can."""
    opened = open_attachment(files_dir, name)
    if isinstance(opened, int):
        os.close(opened)
        return None
    return opened


@dataclass(frozen=True)
class Digest:
    size: int
    sha256: str


def hash_attachment(files_dir: Path, name: str) -> Digest | Refusal | Missing:
    """Size and SHA-256 of an attachment, read in chunks (memory does not grow with the file)."""
    return copy_attachment(files_dir, name, None)


def copy_attachment(files_dir: Path, name: str, target: Path | None) -> Digest | Refusal | Missing:
    """Copy an attachment to `target` (None: only hash it), hashing what was
    copied, in chunks. A failure to read is a Refusal; a failure to write raises OSError."""
    opened = open_attachment(files_dir, name)
    if not isinstance(opened, int):
        return opened
    with _opened(opened) as source:
        if target is None:
            return _copied(source, None)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        with _opened(os.open(target, flags, 0o644)) as out:
            return _copied(source, out)


def _copied(source: int, out: int | None) -> Digest | Refusal:
    digest = hashlib.sha256()
    size = 0
    while True:
        try:
            chunk = os.read(source, CHUNK_BYTES)
        except OSError as exc:
            return unreadable(exc)
        if not chunk:
            return Digest(size, digest.hexdigest())
        digest.update(chunk)
        size += len(chunk)
        if out is not None:
            _write_all(out, chunk)


def _write_all(descriptor: int, chunk: bytes) -> None:
    view = memoryview(chunk)
    while view:
        view = view[os.write(descriptor, view):]
