"""The canonical published form of a notice version: the bytes of `notices/<id>/v<N>.json`,
whose SHA-256 is the version's entry in the log.

It is the notice's data as validated (pydantic's JSON form of the model: dates and times as
ISO 8601 with their offset, amounts as decimal text, absent fields left out), with the
SHA-256 of each attachment published with the site beside its `file`, and a linked
attachment by its `url` as written. Not the status, nor anything else that moves with the
clock. One object `{"format", "id", "notice"}` as JSON with sorted keys and no whitespace
between tokens, UTF-8 (characters not escaped), ending in one newline: the same bytes on
every machine and at every build.

A withdrawal dated later is not part of the form until its date: before it, the site shows
the notice as not withdrawn, so the form published then has no `withdrawn`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from .. import cachefile
from ..dataset import validating_fingerprint
from ..errors import BuildFailed
from ..model import Notice
from ..rules import start_of
from ..words import LEDGER

FORMAT = "gongshi-notice-version/1"
FORM_HASHES_FORMAT = "gongshi-form-hashes 1"


def canonical_form(notice_id: str, notice: Notice, attachment_sha256: Callable[[str], str], *,
                   withdrawn: bool) -> bytes:
    """The form's bytes. `attachment_sha256` gives the SHA-256 (hex) of a local attachment by
    its path under files/ (the build's digest of it); `withdrawn`: the withdrawal, if the
    notice has one, is in effect."""
    data: dict[str, Any] = notice.model_dump(mode="json", exclude_none=True)
    if not withdrawn:
        data.pop("withdrawn", None)
    for attachment in data.get("attachments", []):
        if "file" in attachment:
            attachment["sha256"] = attachment_sha256(attachment["file"])
    return encode({"format": FORMAT, "id": notice_id, "notice": data})


def encode(form: dict[str, Any]) -> bytes:
    return (json.dumps(form, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            + "\n").encode("utf-8")


def decode(form: bytes) -> dict[str, Any]:
    """A version file read back (for what changed between two versions)."""
    decoded: dict[str, Any] = json.loads(form)
    return decoded


def sha256_hex(form: bytes) -> str:
    return hashlib.sha256(form).hexdigest()


@dataclass(frozen=True)
class Form:
    """One form a notice has published: from `since` on, the bytes `make` gives. They are made
    again when read, not kept: a build plans every public notice's forms (~6 KB each, all of
    them on a site never recorded) and reads few of them back."""

    since: datetime
    sha256: str
    make: Callable[[], bytes]

    @classmethod
    def of(cls, since: datetime, make: Callable[[], bytes], known: str | None = None) -> Form:
        """`known`: its SHA-256 as a memo kept it (FormHashes); checked when its bytes are read."""
        return cls(since, known or sha256_hex(make()), make)

    @property
    def data(self) -> bytes:
        data = self.make()
        if sha256_hex(data) != self.sha256:  # a log entry would name other bytes than its file
            raise BuildFailed(LEDGER.message("form_moved", digest=self.sha256))
        return data


def public_forms(notice_id: str, notice: Notice, attachment_sha256: Callable[[str], str],
                 now: datetime, tz: ZoneInfo, memo: FormHashes | None = None,
                 file_sha256: bytes = b"") -> list[Form]:
    """The forms a public notice has had by `now`, oldest first: the notice as published and,
    once its withdrawal is in effect (from the start of its date), the notice withdrawn. A
    withdrawal dated on or before publication is in the only form. With a `memo`, each form's
    SHA-256 comes from it when the notice's file (`file_sha256`) and its attachments are those
    it was made from."""
    published = start_of(notice.published, tz)
    withdrawal = notice.withdrawn
    withdrawn_from = start_of(withdrawal.date, tz) if withdrawal is not None else None

    def form(since: datetime, withdrawn: bool) -> Form:
        make = functools.partial(canonical_form, notice_id, notice, attachment_sha256,
                                 withdrawn=withdrawn)
        if memo is None or not file_sha256:
            return Form.of(since, make)
        key = memo.key(notice_id, file_sha256, withdrawn,
                       [attachment_sha256(a.file) for a in notice.attachments or [] if a.file])
        made = Form.of(since, make, memo.get(key))
        memo.keep(key, made.sha256)
        return made

    if withdrawn_from is None or withdrawn_from > now:
        return [form(published, False)]
    if withdrawn_from <= published:
        return [form(published, True)]
    return [form(published, False), form(withdrawn_from, True)]


class FormHashes:
    """Each form's SHA-256 by what it is made of (the notice's id, its file's SHA-256, whether
    withdrawn, its attachments' SHA-256), kept between builds in the cache folder: making every
    public notice's form to hash it was ~0.2 ms a notice at every build (9.5 s of a one-new-
    notice build at 50,000 notices, loaded). The code that makes a form is in the file's stamp.
    A form's bytes, when read (to record or compare), are checked against the hash (Form.data)."""

    def __init__(self, file: Path | None, zone: str, *, fresh: bool = False) -> None:
        self.file = file
        # the zone too: a notice's times without an offset are validated in the site's zone
        self._stamp = cachefile.Stamp(FORM_HASHES_FORMAT, validating_fingerprint(
            more_code=[__name__], values=[zone]))
        stored = (cachefile.read_stamped(file, self._stamp, _hashes)
                  if file is not None and not fresh else None)
        self.known: dict[str, str] = stored or {}
        self.used: dict[str, str] = {}

    @staticmethod
    def key(notice_id: str, file_sha256: bytes, withdrawn: bool, attachments: list[str]) -> str:
        digest = hashlib.sha256(f"{notice_id}\0{int(withdrawn)}\0".encode() + file_sha256)
        digest.update("\0".join(attachments).encode())
        return digest.hexdigest()

    def get(self, key: str) -> str | None:
        return self.known.get(key)

    def keep(self, key: str, sha256: str) -> None:
        self.used[key] = sha256

    def save(self) -> None:
        """Keep the hashes this build used; the file stays as it is when they are those it held."""
        if self.file is None or self.used == self.known:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        with cachefile.writing(self.file, self._stamp) as stream:
            cachefile.dump_json(self.used, stream, separators=(",", ":"))


def _hashes(stream: BinaryIO) -> dict[str, str]:
    stored = json.loads(stream.read())
    if not isinstance(stored, dict):
        raise ValueError("not a table of hashes")
    return {key: value for key, value in stored.items()
            if isinstance(key, str) and isinstance(value, str) and len(value) == 64}


def changed_fields(before: bytes, after: bytes) -> list[str]:
    """The notice's top-level fields that differ between two forms (added, removed or
    changed), sorted: what a version changed."""
    old, new = decode(before)["notice"], decode(after)["notice"]
    return sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
