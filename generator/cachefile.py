"""How gongshi writes what it keeps between builds, and how a cache says what it holds.

Atomic writes: the bytes go to a temporary beside the target, then `os.replace` puts it in
place, so whoever reads the target (a reader, the next build after a kill) finds the old file
or the new one, whole. A temporary is named `.TARGET.PID.N.tmp` and created exclusively, so no
two processes (nor two writes of one process) ever share one; a write that fails removes its
own, and `remove_temporaries` clears what a killed process left.

Caches carry a stamp: their format (the layout of their files, named anew when it changes) and a
fingerprint (a hash of everything besides an entry's own key that shapes the entry, the source
of the code that makes it included). A cache file starts with its stamp, one line of JSON; a
cache folder holds it in `stamp.json`. A missing, damaged or other stamp reads as an empty
cache, never as an error.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from . import __version__

T = TypeVar("T")

TEMPORARY_SUFFIX = ".tmp"
STAMP_FILE = "stamp.json"
_STAMP_LIMIT = 4096  # longer than any stamp line: a first line this long is not ours
_numbers = itertools.count()


# --- atomic writes --------------------------------------------------------------------------------


def _temporary(target: Path, *, folder: bool) -> Path:
    """A new, empty file (or folder) beside `target` that no one else has."""
    while True:
        candidate = target.with_name(
            f".{target.name}.{os.getpid()}.{next(_numbers)}{TEMPORARY_SUFFIX}")
        try:
            if folder:
                os.mkdir(candidate)
            else:
                os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                                 0o666))
            return candidate
        except FileExistsError:  # left by a killed process that had our pid
            continue


@contextmanager
def failures_named(target: Path) -> Iterator[None]:
    """A failed write of an open file (a full disk) says nothing of where: name the target."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None or exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, str(target)) from exc


@contextmanager
def replacing(target: Path, *, durable: bool = False) -> Iterator[Path]:
    """A temporary path to write in the block; it replaces `target` when the block ends, and
    is removed if the block fails. `durable`: on disk before the rename (survives power loss)."""
    partial = _temporary(target, folder=False)
    with failures_named(target):
        try:
            yield partial
            if durable:
                _sync(partial)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise


@contextmanager
def writing(target: Path, stamp: Stamp | None = None, *,
            durable: bool = False) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace `target` when the block ends; with a stamp, the
    stream starts with it (a cache file)."""
    with replacing(target, durable=durable) as partial, open(partial, "wb") as stream:
        if stamp is not None:
            stream.write(stamp.line())
        yield stream


def write_bytes(target: Path, data: bytes, *, durable: bool = False) -> None:
    with writing(target, durable=durable) as stream:
        stream.write(data)


def dump_json(value: Any, stream: BinaryIO, **options: Any) -> None:
    """`value` as UTF-8 JSON, written piece by piece: never the whole text as one string."""
    for chunk in json.JSONEncoder(**{"ensure_ascii": False, **options}).iterencode(value):
        stream.write(chunk.encode())


def copy_file(source: Path, target: Path) -> None:
    with replacing(target) as partial:
        shutil.copyfile(source, partial)


@contextmanager
def replacing_folder(target: Path) -> Iterator[Path]:
    """A temporary folder to fill in the block; it then takes the place of `target`. A folder
    cannot replace a full one in one rename: the old one is first renamed aside, so for an
    instant (and after a kill at that instant) `target` is missing, which a cache reads as empty."""
    partial = _temporary(target, folder=True)
    with failures_named(target):
        try:
            yield partial
            _move_aside_and_remove(target, lambda: os.rename(partial, target))
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise


def _move_aside_and_remove(target: Path, then: Callable[[], None]) -> None:
    """Rename `target` away (to a temporary: cleared by `remove_temporaries` if killed), run
    `then`, and delete what was moved aside, even if `then` failed (a cache may lose entries,
    never mix them)."""
    aside = None
    if target.is_dir() and not target.is_symlink():
        aside = _temporary(target, folder=True)
        os.rename(target, aside)  # onto the empty folder just made: no one else's name is taken
    elif os.path.lexists(target):
        target.unlink()
    try:
        then()
    finally:
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)


def remove_temporaries(folder: Path, *, of: str = "*") -> None:
    """Delete the temporaries in `folder` (of the file named `of`, or of any) that writes of
    killed processes left. Only while nothing else writes there: gongshi calls it under the
    output's lock."""
    if not folder.is_dir():
        return
    for path in folder.glob(f".{of}.*{TEMPORARY_SUFFIX}"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def is_temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(TEMPORARY_SUFFIX)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- what a cache holds -------------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What a cache file or folder was made by: `format` names the layout of its files (e.g.
    "gongshi-page-cache 2"), `fingerprint` everything else that shapes its entries."""

    format: str
    fingerprint: str

    def line(self) -> bytes:
        record = {"format": self.format, "fingerprint": self.fingerprint}
        return json.dumps(record, sort_keys=True).encode() + b"\n"


def read_stamped(file: Path, stamp: Stamp, load: Callable[[BinaryIO], T]) -> T | None:
    """What `load` reads after the stamp of `file`; None when the file is missing, has another
    stamp or cannot be read (by `load` either): then the cache is empty, never in error."""
    try:
        with open(file, "rb") as stream:
            if stream.readline(_STAMP_LIMIT) != stamp.line():
                return None
            return load(stream)
    except Exception:  # a damaged cache of any kind is just not used
        return None


def folder_holds(folder: Path, stamp: Stamp) -> bool:
    """Whether the cache folder's entries were made under `stamp`."""
    return read_stamped(folder / STAMP_FILE, stamp, lambda rest: rest.read(1) == b"") is True


def claim_folder(folder: Path, stamp: Stamp) -> None:
    """Make `folder` a cache of `stamp`, emptied first if it holds anything else: an entry made
    under one stamp is never read under another. The old contents go with one rename, and the
    stamp is written into the new folder before any entry."""
    if folder_holds(folder, stamp):
        return
    folder.parent.mkdir(parents=True, exist_ok=True)

    def fresh() -> None:
        folder.mkdir()
        with writing(folder / STAMP_FILE, stamp):
            pass

    with failures_named(folder):
        _move_aside_and_remove(folder, fresh)


# --- fingerprints ------------------------------------------------------------------------------


def code_files(code: Iterable[str | Path]) -> list[tuple[str, Path]]:
    """The Python source files of `code`, each with the name it is hashed under: a module's
    file name (engine.py), or a package's folder and the path inside it (render/pages.py).
    Items are module names (found, not imported) or paths of .py files or of folders."""
    found: list[tuple[str, Path]] = []
    for item in code:
        path = _module_path(item) if isinstance(item, str) else item
        if path.is_dir():
            found += [(f"{path.name}/{file.relative_to(path).as_posix()}", file)
                      for file in sorted(path.rglob("*.py"))]
        else:
            found.append((path.name, path))
    return found


def _module_path(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"no source for module {name}", name=name)
    origin = Path(spec.origin)
    return origin.parent if spec.submodule_search_locations is not None else origin


def fingerprint(*, code: Iterable[str | Path] = (), packages: Iterable[str] = (),
                inputs: Iterable[Path] = (), values: Iterable[Any] = ()) -> str:
    """A hash of gongshi's version and Python's, plus: the source of the modules in `code`
    (see `code_files`; compiled files are not read), the installed versions of `packages`,
    every file of `inputs` (files or folders; a missing one counts as missing) and `values`
    (as JSON). Where a file lies does not count, only its name and bytes."""
    digest = hashlib.sha256()
    _add(digest, "gongshi", __version__, "python", sys.version)
    for package in packages:
        _add(digest, "package", package, _version(package))
    for label, file in code_files(code):
        _add(digest, "code", label, file.read_bytes())
    for path in inputs:
        for label, content in _input_files(path):
            _add(digest, "input", label, content)
    for value in values:
        _add(digest, "value", json.dumps(value, sort_keys=True, ensure_ascii=False))
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def _input_files(path: Path) -> Iterator[tuple[str, bytes | None]]:
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            yield f"{path.name}/{file.relative_to(path).as_posix()}", file.read_bytes()
    elif path.is_file():
        yield path.name, path.read_bytes()
    else:
        yield path.name, None


def _add(digest: Any, *parts: str | bytes | None) -> None:
    """Each part with its length before it, so that no two different lists hash alike."""
    for part in parts:
        if part is None:
            digest.update(b"-;")
            continue
        data = part.encode() if isinstance(part, str) else part
        digest.update(f"{len(data)}:".encode())
        digest.update(data)


K = TypeVar("K")
V = TypeVar("V")


def by_shard(entries: Mapping[K, V], shard_of: Callable[[K], str]) -> dict[str, dict[K, V]]:
    """A sharded cache's entries grouped by the shard file each belongs in."""
    shards: dict[str, dict[K, V]] = {}
    for key, value in entries.items():
        shards.setdefault(shard_of(key), {})[key] = value
    return shards
