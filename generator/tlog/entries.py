"""The log's entries: one event about one version of one notice, as canonical JSON.

  public    id, version, time, sha256   version N became public at `time`
  removed   id, version, time, reason   the notice left the site (its versions stay)
  expired   id, version, time           that version's file left the site
  redacted  id, version, time, reason   that version's file left the site

The bytes are `json.dumps(…, ensure_ascii=False, sort_keys=True, separators=(",", ":"))` in
UTF-8, no newline; decoding accepts only those bytes, so an entry has one spelling."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .errors import TlogError

FIELDS: dict[str, tuple[str, ...]] = {
    "public": ("id", "version", "time", "sha256"),
    "removed": ("id", "version", "time", "reason"),
    "expired": ("id", "version", "time"),
    "redacted": ("id", "version", "time", "reason"),
}
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _checked(entry: Mapping[str, Any]) -> dict[str, Any]:
    event = entry.get("event")
    if event not in FIELDS:
        raise TlogError("entry_event", event=str(event))
    wanted = {"event", *FIELDS[event]}
    missing = sorted(wanted - entry.keys())
    if missing:
        raise TlogError("entry_field_missing", event=event, field=missing[0])
    unknown = sorted(entry.keys() - wanted)
    if unknown:
        raise TlogError("entry_field_unknown", event=event, field=unknown[0])
    for name in FIELDS[event]:
        if not _valid(name, entry[name]):
            raise TlogError("entry_field_value", event=event, field=name)
    return dict(entry)


def _valid(name: str, value: Any) -> bool:
    if name == "version":
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1
    if not isinstance(value, str) or not value:
        return False
    if name == "sha256":
        return bool(_SHA256.fullmatch(value))
    if name == "time":
        try:
            return datetime.fromisoformat(value).tzinfo is not None
        except ValueError:
            return False
    return True


def encode_entry(entry: Mapping[str, Any]) -> bytes:
    checked = _checked(entry)
    return json.dumps(checked, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def decode_entry(data: bytes) -> dict[str, Any]:
    try:
        entry = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise TlogError("entry_not_json") from None
    if not isinstance(entry, dict):
        raise TlogError("entry_not_json")
    if encode_entry(entry) != data:
        raise TlogError("entry_not_canonical")
    return entry
