"""Reading the data folder: every folder listed in full, every file opened as itself.

Nothing that cannot be read is ever skipped: an unlistable folder, an unreadable file or
something that is not a plain file (a symbolic link, a named pipe, a device, a socket) is a
`Refusal` for the caller to report, so a build never publishes a smaller site because part of
the data could not be read. Files are opened without following a link (a link could point at
/dev/zero or outside the data folder) and without blocking (a named pipe would wait for ever);
the open descriptor is checked to be a regular file, and reads are bounded.

This module reports; it does not raise. Callers turn a Refusal into a Problem (validation) or
into BuildFailed (a file that changed under a running build); a Refusal words itself
(`message()`), in the catalogue's words (FILE_PROBLEMS), never in the system's: "Permission
denied" is said as 没有读取权限 / permission denied.
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
from .words import FILE_PROBLEMS, FieldName, Message, Value, Word

CHUNK_BYTES = 1024 * 1024  # attachments are hashed and copied this much at a time
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Refusal:
    """Why a file or folder of the data folder cannot be used: `rule` is the problem's rule id,
    `entry` the FILE_PROBLEMS sentence said at the path itself, `attachment_entry` the one said
    at the notice that names the path as an attachment (it takes `{file}`), and `values` the
    values of both. A refusal only met while opening an attachment has no sentence of its own
    (`entry` None), one only met while listing the data folder no attachment sentence."""

    rule: Rule
    entry: str | None
    attachment_entry: str | None
    values: tuple[tuple[str, Value], ...] = ()

    def message(self, attachment: str | None = None) -> Message:
        """Said at the path itself or, given the attachment's path as shown (files/…), at the
        notice that names it."""
        if attachment is not None and self.attachment_entry is not None:
            return FILE_PROBLEMS.message(self.attachment_entry, file=attachment, **dict(self.values))
        if attachment is None and self.entry is not None:
            return FILE_PROBLEMS.message(self.entry, **dict(self.values))
        raise ValueError(f"a {self.rule} refusal is not said {'of an attachment' if attachment else 'alone'}")


def _kind(mode: int) -> Word:
    """What a file that is not a regular file is, in the words of the message."""
    if stat.S_ISLNK(mode):
        return FILE_PROBLEMS["kind_link"]
    if stat.S_ISFIFO(mode):
        return FILE_PROBLEMS["kind_pipe"]
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return FILE_PROBLEMS["kind_device"]
    if stat.S_ISSOCK(mode):
        return FILE_PROBLEMS["kind_socket"]
    if stat.S_ISDIR(mode):
        return FILE_PROBLEMS["kind_folder"]
    if stat.S_ISREG(mode):
        return FILE_PROBLEMS["kind_file"]
    return FILE_PROBLEMS["kind_other"]


def reason(exc: OSError) -> Word | Message:
    """Why the system refused, in our words: never its own (strerror is English, whatever the
    site's language)."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FILE_PROBLEMS["reason_denied"]
    if exc.errno == errno.EIO:
        return FILE_PROBLEMS["reason_io"]
    if exc.errno == errno.ENOENT:
        return FILE_PROBLEMS["reason_gone"]
    if exc.errno == errno.ENAMETOOLONG:
        return FILE_PROBLEMS["reason_name_too_long"]
    if exc.errno in (errno.EILSEQ, errno.EINVAL):
        return FILE_PROBLEMS["reason_name_refused"]
    code = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno is not None else type(exc).__name__
    return FILE_PROBLEMS.message("reason_other", code=code)


def not_a_file(mode: int) -> Refusal:
    return Refusal(Rule.FILE_TYPE, "not_a_file", "attachment_not_a_file", (("kind", _kind(mode)),))


def unreadable(exc: OSError) -> Refusal:
    return Refusal(Rule.FILE_READ, "file_read", "attachment_read", (("reason", reason(exc)),))


def unlistable(exc: OSError) -> Refusal:
    """A folder of the data folder that cannot be listed (said at the folder itself)."""
    return Refusal(Rule.FOLDER_READ, "folder_list", None, (("reason", reason(exc)),))


def too_big(size: int, limit: int) -> Refusal:
    """More than `limit` bytes: said in KiB, the file's and the limit's."""
    values: tuple[tuple[str, Value], ...] = (
        ("size", size // 1024), ("limit", limit // 1024), ("body", FieldName("body", "body")),
    )
    return Refusal(Rule.FILE_SIZE, "file_size", None, values)


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
    return Refusal(Rule.FILE_TYPE, "not_a_folder", None, (("kind", _kind(mode)),))


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
            return too_big(info.st_size, limit)
        content = _read_at_most(descriptor, limit + 1, info.st_size + 1)
    except OSError as exc:
        return unreadable(exc)
    finally:
        os.close(descriptor)
    if len(content) > limit:  # it grew since fstat
        return too_big(len(content), limit)
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
    reason: Word | Message | None = None  # why, when the name itself cannot be (e.g. too long)


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
        return Refusal(Rule.FOLDER_READ, None, "attachment_data_folder",
                       (("reason", reason(exc)),))
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
        return Missing(shown, reason(exc))
    try:
        mode = os.stat(part, dir_fd=folder, follow_symlinks=False).st_mode
    except OSError:
        return unreadable(exc)
    if last and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return not_a_file(mode)
    if not last and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return Refusal(Rule.FILE_TYPE, None, "attachment_through",
                       (("folder", shown), ("kind", _kind(mode))))
    if exc.errno == errno.ENOTDIR:  # a file where the path needs a folder
        return Missing(shown)
    if last:
        return unreadable(exc)
    return Refusal(Rule.FOLDER_READ, None, "attachment_folder_list",
                   (("folder", shown), ("reason", reason(exc))))


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
