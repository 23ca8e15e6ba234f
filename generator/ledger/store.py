"""The ledger folder of a data folder, `<data>/ledger/`:

  log/                      the tiled log (C2SP tlog-tiles, generator/tlog/) and its latest
                            `checkpoint`; a build copies it to the site's `log/`
  versions/<id>/v<N>.json   the file of each version still readable (its bytes are the entry's
                            SHA-256); an expired or redacted version's file is deleted
  checkpoints/<size>        each checkpoint `--record` wrote: a version's proof is against the
                            checkpoint of the build that recorded it, so pages keep their bytes
  removals.yaml, redactions.yaml   the editors' declarations (declared.py)

Loading reads and checks all of it: tiles that do not hash to the checkpoint, entries that
contradict each other, a version file missing or not matching its entry, each fails the build
with one line (never publish a shorter or different log). A build that already knows a version
file's SHA-256 for the file as it is now (its data digest's, buildstate.KnownHashes: by size,
times and inode, checked with one stat) compares that instead of reading the file again. Only
`record` writes, and only `gongshi build --record` calls it."""

from __future__ import annotations

import bisect
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import tlog
from ..cachefile import write_bytes
from ..errors import BuildFailed
from ..words import LEDGER, Message
from ..words.verifying import log_problem
from .canonical import sha256_hex
from .history import GONE, PUBLIC, Ledger, LedgerMismatch, read_history
from .plan import Append

LEDGER_DIR = "ledger"
LOG = "log"
VERSIONS = "versions"
CHECKPOINTS = "checkpoints"
VERSIONS_FOLDER = f"{LEDGER_DIR}/{VERSIONS}"  # under the data folder

# The hex SHA-256 of a data folder's file (by its path relative to the folder) when the caller
# already knows it for the file as it is now; else None.
KnownSha256 = Callable[[str], str | None]


def version_path(notice_id: str, number: int) -> str:
    """Where a version's file is, under the ledger's folder and under the site's notices/."""
    return f"{notice_id}/v{number}.json"


@dataclass
class StoredLedger:
    folder: Path
    shown: str  # how messages name the folder
    entries: list[dict[str, Any]] = field(default_factory=list)  # decoded, in log order
    levels: tlog.HashLevels | None = None  # every subtree hash, for proofs
    checkpoints: dict[int, str] = field(default_factory=dict)  # size → the checkpoint's text
    _sizes: list[int] | None = field(default=None, repr=False, compare=False)  # of checkpoints, sorted
    _anchors: dict[int, str] = field(default_factory=dict, repr=False, compare=False)  # proof_source's

    @property
    def size(self) -> int:
        return len(self.entries)

    def history(self, until: datetime | None = None) -> Ledger:
        return read_history(self.entries, until=until)

    def version_file(self, notice_id: str, number: int) -> Path:
        return self.folder / VERSIONS / version_path(notice_id, number)

    def log_files(self) -> Iterator[tuple[str, Path]]:
        """Every file of the tiled log (with its checkpoint), by its path under log/."""
        root = self.folder / LOG
        for folder, _, names in os.walk(root):
            for name in names:
                if not name.startswith("."):
                    path = Path(folder) / name
                    yield path.relative_to(root).as_posix(), path

    def proven_against(self, index: int) -> int | None:
        """The size of the checkpoint entry `index` is proven against: that of the recording
        that appended it, the first recorded checkpoint that holds it (None: none does)."""
        if self._sizes is None or len(self._sizes) != len(self.checkpoints):
            self._sizes = sorted(self.checkpoints)
        found = bisect.bisect_right(self._sizes, index)
        return self._sizes[found] if found < len(self._sizes) and self.levels is not None else None

    def proof_source(self, index: int) -> str | None:
        """Everything the bytes of entry `index`'s proof are made of, as text: the index, the
        size of its checkpoint, the tree's root at that size (which fixes every hash of the
        proof) and a hash of the checkpoint's text (its signatures included). None when the
        entry has no proof."""
        size = self.proven_against(index)
        if size is None or self.levels is None:
            return None
        anchor = self._anchors.get(size)
        if anchor is None:
            text = hashlib.sha256(self.checkpoints[size].encode("utf-8")).hexdigest()
            anchor = self._anchors[size] = f"{size} {self.levels.root(size).hex()} {text}"
        return f"{index} {anchor}"

    def proof(self, index: int) -> str | None:
        """The inclusion proof (C2SP tlog-proof) of entry `index` against the checkpoint of
        the recording that appended it (`proven_against`)."""
        size = self.proven_against(index)
        if size is None or self.levels is None:
            return None
        return tlog.proof_text(index, self.levels.inclusion_proof(index, size), self.checkpoints[size])


def load_ledger(data_dir: Path, shown_data: str, known: KnownSha256 | None = None) -> StoredLedger:
    """The ledger of a data folder, read and checked; an empty one when the folder has none.
    `known`: the SHA-256 of version files the caller has already read (see the module's note)."""
    folder = data_dir / LEDGER_DIR
    stored = StoredLedger(folder, f"{shown_data}/{LEDGER_DIR}")
    try:
        stored.checkpoints = _checkpoints(folder / CHECKPOINTS)
        if not (folder / LOG / "checkpoint").exists():
            if stored.checkpoints:  # recorded once: the log cannot have gone on its own
                raise FileNotFoundError(0, "no checkpoint", str(folder / LOG / "checkpoint"))
            return stored
        checkpoint = tlog.parse_checkpoint((folder / LOG / "checkpoint").read_text(encoding="utf-8"))
        entries, levels = tlog.read_tiled(_reader(folder / LOG), checkpoint.size)
        stored.entries = [tlog.decode_entry(entry) for entry in entries]
        stored.levels = levels
    except OSError as exc:
        raise BuildFailed(LEDGER.message("ledger_unreadable", path=stored.shown,
                                         reason=f"{exc.filename or ''} {exc.strerror or exc}".strip())) from None
    except tlog.TlogError as exc:
        raise BuildFailed(_mismatch(stored, log_problem(exc.key, exc.values))) from None
    if levels.root(checkpoint.size) != checkpoint.root:
        raise BuildFailed(_mismatch(stored, LEDGER.message(
            "mismatch_checkpoint", file=f"{stored.shown}/{LOG}/checkpoint", size=checkpoint.size)))
    _check_versions(stored, known)
    return stored


def _reader(root: Path) -> Any:
    def read(path: str) -> bytes:
        try:
            return (root / path).read_bytes()
        except FileNotFoundError:
            raise tlog.TlogError("tile_missing", path=path) from None
    return read


def _checkpoints(folder: Path) -> dict[int, str]:
    if not folder.is_dir():
        return {}
    return {int(path.name): path.read_text(encoding="utf-8")
            for path in folder.iterdir() if path.name.isdigit()}


def _mismatch(stored: StoredLedger, detail: Message) -> Message:
    return LEDGER.message("ledger_mismatch", path=stored.shown, detail=detail)


def _check_versions(stored: StoredLedger, known: KnownSha256 | None) -> None:
    """Every version still readable has its file, with the entry's SHA-256: the one `known`
    gives for the file as it is, else that of its bytes, read now."""
    try:
        history = stored.history()
    except LedgerMismatch as exc:
        raise BuildFailed(_mismatch(stored, LEDGER.message("mismatch_entries", detail=str(exc)))) from None
    for notice in history.histories.values():
        for version in notice.versions:
            if not version.readable:
                continue
            relative = version_path(notice.id, version.number)
            if known is not None and known(f"{VERSIONS_FOLDER}/{relative}") == version.sha256:
                continue
            shown = f"{stored.shown}/{VERSIONS}/{relative}"
            try:
                data = stored.version_file(notice.id, version.number).read_bytes()
            except FileNotFoundError:
                raise BuildFailed(_mismatch(stored, LEDGER.message(
                    "mismatch_file_missing", file=shown, index=version.index))) from None
            except OSError as exc:
                raise BuildFailed(LEDGER.message("ledger_unreadable", path=shown,
                                                 reason=str(exc.strerror or exc))) from None
            if sha256_hex(data) != version.sha256:
                raise BuildFailed(_mismatch(stored, LEDGER.message(
                    "mismatch_file_differs", file=shown, index=version.index)))


def record(stored: StoredLedger, appends: list[Append], origin: str,
           signer: tlog.Signer | None) -> str:
    """Append the plan's entries: the new versions' files first, then the entries, then the
    checkpoint (in checkpoints/ and as log/checkpoint); last, delete the files of versions
    that expired or were redacted. Returns the checkpoint's text."""
    for append in appends:
        if append.event == PUBLIC and append.form is not None:
            _write(stored.version_file(append.id, append.entry["version"]), append.form.data)
    log = tlog.TiledLog(stored.folder / LOG)
    size = log.append([tlog.encode_entry(append.entry) for append in appends])
    body = tlog.checkpoint_body(origin, size, log.root())
    text = tlog.sign_note(body, signer) if signer is not None else body
    _write(stored.folder / CHECKPOINTS / str(size), text.encode("utf-8"))
    _write(stored.folder / LOG / "checkpoint", text.encode("utf-8"))
    for append in appends:
        if append.event in GONE:
            stored.version_file(append.id, append.entry["version"]).unlink(missing_ok=True)
    return text


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, data, durable=True)
