"""What each notice file's YAML read as, kept between builds: reading YAML is most of what
validation costs, and a rebuild meets the same files again.

Only the reading is cached (the plain values, or the problem that made the file unreadable),
keyed by a hash of the file's bytes and of what shapes the reading (gongshi's YAML reader,
PyYAML and libyaml). Model validation and the cross-file checks run on every build over every
notice as before, so the problems reported are the same with and without the cache; positions
for a problem are read again from the file when one is reported.

The cache is 256 shard files, each a stamp line (generator/cachefile.py: FORMAT and the
fingerprint) then a pickle that the unpickler lets construct only plain values and gongshi's
two number types, so a damaged or foreign file is ignored, never trusted.

Only `gongshi build` keeps one (`parsed/` in the cache folder beside its output, written
once the output folder is known to be usable; `--clean` reads none and writes it afresh).
`gongshi validate` has no output folder and reads every file each time: a check that writes
nothing anywhere is worth its ~3 s at 10,000 notices.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from . import cachefile
from .cachefile import Stamp
from .errors import Rule
from .load import YamlFileError
from .words import FILE_PROBLEMS, FieldName, Value

FORMAT = "gongshi-parse-cache 3"
# What makes an entry: the YAML reader (load.py, yamlsyntax.py, the words of its messages) and
# the reading of a file into an entry (dataset._parsed).
PARSE_CODE = ("generator.load", "generator.yamlsyntax", "generator.words.problems_files",
              "generator.dataset")
# What a cache file may construct besides plain values (dict, list, str, int, bool, None, tuple).
_ALLOWED = {("generator.load", "YamlInt"), ("generator.load", "YamlDecimal")}

# An entry: ("data", plain values) or ("error", (line, column, rule id, message key, values)),
# the message's values plain: text, a number, or a field's name as ("field", key, path).
_RULE_IDS = frozenset(str(rule) for rule in Rule)
Entry = tuple[str, Any]


def fingerprint() -> str:
    """Hash of everything besides a file's bytes that shapes what it reads as."""
    return cachefile.fingerprint(code=PARSE_CODE, packages=("PyYAML",),
                                 values=[{"libyaml": bool(yaml.__with_libyaml__)}])


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a parse cache")


def error_entry(error: YamlFileError) -> Entry | None:
    """What the cache keeps of a file that did not read: its problem as plain values; None if
    a value of its message is of a kind the cache does not keep."""
    values: list[tuple[str, str | int | tuple[str, str, str]]] = []
    for name, value in error.message.values:
        if isinstance(value, FieldName) and not value.in_regions:
            values.append((name, ("field", value.key, value.path)))
        elif isinstance(value, (str, int)):
            values.append((name, value))
        else:
            return None
    return "error", (error.line, error.column, str(error.rule), error.message.key, tuple(values))


def error_from(stored: Any) -> YamlFileError:
    """The problem an error entry keeps, as it was raised; ValueError if it is not one."""
    try:
        line, column, rule, key, values = stored
        section, entry = key.split(".", 1)
        if (section != FILE_PROBLEMS.name or rule not in _RULE_IDS
                or not all(place is None or type(place) is int for place in (line, column))):
            raise ValueError(key)
        message = FILE_PROBLEMS.message(entry, **{name: _value(value) for name, value in values})
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise ValueError("not an error entry") from exc
    return YamlFileError(line, column, message, Rule(rule))


def _value(stored: Any) -> Value:
    if isinstance(stored, (str, int)) and not isinstance(stored, bool):
        return stored
    kind, key, path = stored
    if kind != "field" or type(key) is not str or type(path) is not str:
        raise ValueError(kind)
    return FieldName(key, path)


def _is_error(found: Any) -> bool:
    try:
        error_from(found)
    except ValueError:
        return False
    return True


class ParseCache:
    """Parsed notice files by the hash of their bytes, in 256 shard files by the hash's first
    byte: adding or editing a notice rewrites one shard, not the whole cache. `save` keeps only
    the files this build read."""

    def __init__(self, folder: Path | None, *, fresh: bool = False,
                 unchanged: Callable[[Path], bytes | None] | None = None) -> None:
        self.folder = folder
        # a file's SHA-256 when a stat finds it as the data digest's memo knew it: not read again
        self.unchanged = unchanged
        self.fingerprint = fingerprint()
        self._stamp = Stamp(FORMAT, self.fingerprint)
        self.fresh = fresh
        self.known: dict[bytes, Entry] = {}
        if folder is not None and not fresh and folder.is_dir():
            for file in folder.glob("*.pickle"):
                self.known.update(self._read(file))
        self.used: dict[bytes, Entry] = {}
        self.hashed: dict[Path, bytes] = {}  # each file read, by its path: the hash of its bytes

    def _read(self, file: Path) -> dict[bytes, Entry]:
        stored = cachefile.read_stamped(file, self._stamp, _unpickle)
        if not isinstance(stored, dict):
            return {}
        return {key: entry for key, entry in stored.items()
                if isinstance(key, bytes) and len(key) == 32 and _shard(key) == file.stem}

    def key(self, path: Path, raw: bytes) -> bytes:
        """The entry's key of the file at `path` that read as `raw`: the SHA-256 of its bytes,
        kept by path (`read_hashes`)."""
        key = hashlib.sha256(raw).digest()
        self.hashed[path] = key
        return key

    def read_hashes(self, folder: Path) -> dict[str, bytes]:
        """The SHA-256 of every file under `folder` read through this cache, by its path
        relative to it (the data folder's digest is made from them: buildstate.py); then
        forgets them."""
        found: dict[str, bytes] = {}
        for path, key in self.hashed.items():
            if path.is_relative_to(folder):
                found[path.relative_to(folder).as_posix()] = key
        self.hashed = {}
        return found

    def values_unread(self, path: Path) -> tuple[bytes, Any] | None:
        """The hash and values of a file this cache holds whose identity is unchanged since the
        build that read it (`unchanged`): a stat instead of a read and a hash."""
        key = self.unchanged(path) if self.unchanged is not None else None
        entry = self.get(key) if key is not None else None
        if key is None or entry is None or entry[0] != "data":
            return None
        self.hashed[path] = key
        return key, entry[1]

    def get(self, key: bytes) -> Entry | None:
        entry = self.known.get(key)
        if not (isinstance(entry, tuple) and len(entry) == 2 and
                (entry[0] == "data" or (entry[0] == "error" and _is_error(entry[1])))):
            return None
        self.used[key] = entry
        return entry

    def put(self, key: bytes, entry: Entry) -> None:
        self.used[key] = entry

    def save(self) -> None:
        """Rewrite the shards whose entries changed, remove those no file needs any more, then
        let go of everything."""
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            used, known = cachefile.by_shard(self.used, _shard), cachefile.by_shard(self.known, _shard)
            for shard, entries in used.items():
                if self.fresh or entries.keys() != known.get(shard, {}).keys():
                    self._write(self.folder / f"{shard}.pickle", entries)
            for file in self.folder.glob("*.pickle"):
                if file.stem not in used:
                    file.unlink(missing_ok=True)
            cachefile.remove_temporaries(self.folder)
        self.known = {}
        self.used = {}
        self.unchanged = None  # and the data scan's identities it holds

    def _write(self, file: Path, entries: dict[bytes, Entry]) -> None:
        with cachefile.writing(file, self._stamp) as stream:
            pickle.dump(_unshared(entries), stream, protocol=pickle.HIGHEST_PROTOCOL)


def _unshared(value: Any) -> Any:
    """The values with a copy of each non-ASCII string: pickling a string attaches its UTF-8 to
    it for the string's life (CPython's cache), and the notices' models hold these strings for
    the whole build (~5 KB a notice of Chinese text). A copy takes it and is let go after."""
    if isinstance(value, str):
        return value if value.isascii() else value.encode("utf-8", "surrogatepass").decode(
            "utf-8", "surrogatepass")
    if isinstance(value, dict):
        return {_unshared(key): _unshared(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unshared(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_unshared(item) for item in value)
    return value


def _unpickle(stream: BinaryIO) -> Any:
    return _SafeUnpickler(stream).load()


def _shard(key: bytes) -> str:
    return key[:1].hex()


