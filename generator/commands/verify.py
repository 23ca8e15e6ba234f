"""`gongshi verify SITE [--since CHECKPOINT]`: audit a site's publication log (issue #16).

SITE is a folder or an http(s) address. In order, each failure the first discrepancy named:
1. `log/checkpoint`: signed by `extra.gongshi.log.public_key` when one is configured (else an
   unsigned or unchecked one is reported, not failed); of `extra.gongshi.log.origin` when one
   is configured.
2. The tree, recomputed from every entry bundle; every hash tile must be the recomputed one,
   and the root the checkpoint's.
3. With --since, an earlier checkpoint (signed by the same key when one is configured): the
   consistency proof from it to the current tree, computed from the served tiles, verifies.
4. Every `public` entry's `notices/<id>/v<N>.json` has the entry's SHA-256, unless a later
   `expired` or `redacted` entry for that id and version records that it left."""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import tlog
from ..config import Settings
from ..errors import UsageError, VerifyFailed
from ..words import VERIFYING, Message
from ..words.commands import as_said
from ..words.verifying import log_problem

CHECKPOINT = "log/checkpoint"
LEFT_EVENTS = ("expired", "redacted")
_SAFE_ID = re.compile(r"[^/\\\s.][^/\\\s]*")  # one path element, not hidden, not ..
HTTP_TIMEOUT = 30


class Site:
    """The files of a published site, by their path under its root."""

    def __init__(self, where: str) -> None:
        self.where = where
        self._url = where.rstrip("/") + "/" if _is_url(where) else None
        if self._url is None and not Path(where).is_dir():
            raise UsageError(VERIFYING.message("site_unreachable", site=where,
                                               reason=VERIFYING.message("not_a_folder")))

    def read(self, path: str) -> bytes | None:
        """The file's bytes; None when the site has no such file."""
        if self._url is None:
            try:  # os.path, not pathlib: a quarter of a million files are read
                with open(os.path.join(self.where, path), "rb") as file:
                    data: bytes = file.read()
                    return data
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                return None
        return _fetch(self._url + path, lambda reason: UsageError(
            VERIFYING.message("site_unreachable", site=self.where, reason=reason)))


def _is_url(where: str) -> bool:
    return where.startswith(("http://", "https://"))


def _fetch(url: str, unreachable: Callable[[str], Exception]) -> bytes | None:
    """The bytes at `url`; None for 404 or 410; `unreachable(reason)` raised for anything else."""
    try:
        with urllib.request.urlopen(url, timeout=HTTP_TIMEOUT) as response:
            data: bytes = response.read()
            return data
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return None
        raise unreachable(as_said(f"HTTP {exc.code}")) from None
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        raise unreachable(as_said(getattr(exc, "reason", exc))) from None


@dataclass(frozen=True)
class Verified:
    size: int
    versions: int  # version files checked
    since: int | None  # the earlier checkpoint's size, with --since
    notes: tuple[Message, ...]  # said before the summary: an unsigned checkpoint

    def summary(self) -> Message:
        if self.since is None:
            return VERIFYING.message("verified", size=self.size, versions=self.versions)
        return VERIFYING.message("verified_since", size=self.size, versions=self.versions, old_size=self.since)


def _failed(problem: Message) -> VerifyFailed:
    return VerifyFailed(problem)


def _text(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _failed(VERIFYING.message("in_checkpoint", where=where,
                                        problem=VERIFYING.message("not_text"))) from None


def _checkpoint(text: str, where: str, settings: Settings, notes: list[Message]) -> tlog.Checkpoint:
    """The checkpoint in `text`, its signature checked as the configuration asks."""
    key = settings.log.public_key
    try:
        if key is not None:
            try:
                tlog.parse_verifier(key)
            except tlog.TlogError as exc:
                raise UsageError(VERIFYING.message("configured_key",
                                                   problem=log_problem(exc.key, exc.values))) from None
            body = tlog.verify_note(text, key)
        else:
            body, signatures = tlog.split_note(text)
            notes.append(VERIFYING.message("unchecked_signature" if signatures else "unsigned"))
        checkpoint = tlog.parse_checkpoint(body)
    except tlog.TlogError as exc:
        raise _failed(VERIFYING.message("in_checkpoint", where=where,
                                        problem=log_problem(exc.key, exc.values))) from None
    expected = settings.log.origin
    if expected is not None and checkpoint.origin != expected:
        raise _failed(VERIFYING.message("origin_differs", where=where, found=checkpoint.origin,
                                        expected=expected))
    return checkpoint


def verify(site_address: str, settings: Settings, since: str | None = None) -> Verified:
    site = Site(site_address)
    notes: list[Message] = []
    data = site.read(CHECKPOINT)
    if data is None:
        raise _failed(VERIFYING.message("checkpoint_missing", path=CHECKPOINT))
    checkpoint = _checkpoint(_text(data, CHECKPOINT), CHECKPOINT, settings, notes)
    entries, levels = _recomputed(site, checkpoint)
    earlier = None if since is None else _consistent_since(since, checkpoint, levels, settings, notes)
    versions = _check_versions(site, entries)
    return Verified(checkpoint.size, versions, earlier, tuple(notes))


def _recomputed(site: Site, checkpoint: tlog.Checkpoint) -> tuple[list[bytes], tlog.HashLevels]:
    def read(path: str) -> bytes:
        data = site.read(f"log/{path}")
        if data is None:
            raise tlog.TlogError("tile_missing", path=f"log/{path}")
        return data

    try:
        entries, levels = tlog.read_tiled(read, checkpoint.size)
    except tlog.TlogError as exc:
        values = {**exc.values}
        if "path" in values and not str(values["path"]).startswith("log/"):
            values["path"] = f"log/{values['path']}"
        raise _failed(log_problem(exc.key, values)) from None
    if levels.root(checkpoint.size) != checkpoint.root:
        raise _failed(VERIFYING.message("root_differs", size=checkpoint.size, path=CHECKPOINT))
    return entries, levels


def _consistent_since(since: str, checkpoint: tlog.Checkpoint, levels: tlog.HashLevels,
                      settings: Settings, notes: list[Message]) -> int:
    old = _checkpoint(_text(_read_since(since), since), since, settings, notes)
    if old.origin != checkpoint.origin:
        raise _failed(VERIFYING.message("since_origin", path=since, found=old.origin, expected=checkpoint.origin))
    if old.size > checkpoint.size:
        raise _failed(VERIFYING.message("since_larger", path=since, old_size=old.size, size=checkpoint.size))
    inconsistent = VERIFYING.message("since_inconsistent", path=since, old_size=old.size, size=checkpoint.size)
    if old.size == 0:  # the empty tree is a prefix of every tree, if it is the empty tree
        if old.root != tlog.EMPTY_ROOT:
            raise _failed(inconsistent)
        return 0
    try:
        tlog.verify_consistency(old.size, checkpoint.size, old.root, checkpoint.root,
                                levels.consistency_proof(old.size, checkpoint.size))
    except tlog.TlogError:
        raise _failed(inconsistent) from None
    return old.size


def _read_since(since: str) -> bytes:
    def unreadable(reason: str) -> UsageError:
        return UsageError(VERIFYING.message("since_unreadable", path=since, reason=reason))

    if _is_url(since):
        data = _fetch(since, unreadable)
        if data is None:
            raise unreadable(as_said("HTTP 404"))
        return data
    try:
        return Path(since).read_bytes()
    except OSError as exc:
        raise unreadable(as_said(exc.strerror or exc)) from None


def _check_versions(site: Site, entries: list[bytes]) -> int:
    """Every public version's file, as its entry says; the number of files checked."""
    decoded: list[dict[str, Any]] = []
    for index, raw in enumerate(entries):
        try:
            decoded.append(tlog.decode_entry(raw))
        except tlog.TlogError as exc:
            raise _failed(VERIFYING.message("in_entry", index=index,
                                            problem=log_problem(exc.key, exc.values))) from None
    left = {(e["id"], e["version"]): index for index, e in enumerate(decoded) if e["event"] in LEFT_EVENTS}
    checked = 0
    for index, entry in enumerate(decoded):
        if entry["event"] != "public" or left.get((entry["id"], entry["version"]), -1) > index:
            continue
        if not _SAFE_ID.fullmatch(entry["id"]):
            raise _failed(VERIFYING.message("entry_id", index=index, id=entry["id"]))
        path = f"notices/{entry['id']}/v{entry['version']}.json"
        data = site.read(path)
        if data is None:
            raise _failed(VERIFYING.message("version_missing", index=index, id=entry["id"],
                                            version=entry["version"], path=path))
        found = hashlib.sha256(data).hexdigest()
        if found != entry["sha256"]:
            raise _failed(VERIFYING.message("version_differs", path=path, found=found, index=index,
                                            expected=entry["sha256"]))
        checked += 1
    return checked


def write_key(name: str, out: Path) -> tuple[Message, str]:
    """A new signing key named `name`, its private line written to `out` (never overwritten,
    readable by its owner only); what to say, and the public key to configure."""
    try:
        signer = tlog.generate_signer(name)
    except tlog.TlogError as exc:
        raise UsageError(log_problem(exc.key, exc.values)) from None
    try:
        with out.open("x", encoding="utf-8") as file:  # "x": a key is never overwritten
            out.chmod(0o600)
            file.write(signer.private_key_line + "\n")
    except FileExistsError:
        raise UsageError(VERIFYING.message("key_exists", path=str(out))) from None
    return VERIFYING.message("key_written", path=str(out)), signer.verifier_key
