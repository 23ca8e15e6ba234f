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
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import BuildFailed
from ..model import Notice
from ..rules import start_of
from ..words import LEDGER

FORMAT = "gongshi-notice-version/1"


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
    def of(cls, since: datetime, make: Callable[[], bytes]) -> Form:
        return cls(since, sha256_hex(make()), make)

    @property
    def data(self) -> bytes:
        data = self.make()
        if sha256_hex(data) != self.sha256:  # a log entry would name other bytes than its file
            raise BuildFailed(LEDGER.message("form_moved", digest=self.sha256))
        return data


def public_forms(notice_id: str, notice: Notice, attachment_sha256: Callable[[str], str],
                 now: datetime, tz: ZoneInfo) -> list[Form]:
    """The forms a public notice has had by `now`, oldest first: the notice as published and,
    once its withdrawal is in effect (from the start of its date), the notice withdrawn. A
    withdrawal dated on or before publication is in the only form."""
    published = start_of(notice.published, tz)
    withdrawal = notice.withdrawn
    withdrawn_from = start_of(withdrawal.date, tz) if withdrawal is not None else None
    def made(withdrawn: bool) -> Callable[[], bytes]:
        return functools.partial(canonical_form, notice_id, notice, attachment_sha256,
                                 withdrawn=withdrawn)

    if withdrawn_from is None or withdrawn_from > now:
        return [Form.of(published, made(False))]
    if withdrawn_from <= published:
        return [Form.of(published, made(True))]
    return [Form.of(published, made(False)), Form.of(withdrawn_from, made(True))]


def changed_fields(before: bytes, after: bytes) -> list[str]:
    """The notice's top-level fields that differ between two forms (added, removed or
    changed), sorted: what a version changed."""
    old, new = decode(before)["notice"], decode(after)["notice"]
    return sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
