"""The ledger's entries read back as what happened to each notice: its versions (with the log
index and time of each, and whether its file has left: expired or redacted) and its removal.

Entries are the mappings of the interface (tlog.decode_entry): `public`, `removed`,
`expired`, `redacted`, each with `id`, `version` and `time` (RFC 3339). Pure: no files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

PUBLIC = "public"
REMOVED = "removed"
EXPIRED = "expired"
REDACTED = "redacted"
GONE = (EXPIRED, REDACTED)  # the version's file leaves the site; its hash stays in the log


@dataclass
class Version:
    number: int
    index: int  # its entry's position in the log
    time: datetime
    sha256: str
    gone: str | None = None  # EXPIRED or REDACTED
    gone_at: datetime | None = None
    reason: str | None = None  # a redaction's

    @property
    def readable(self) -> bool:
        return self.gone is None


@dataclass
class Removal:
    index: int
    version: int
    time: datetime
    reason: str


@dataclass
class History:
    """One notice as the ledger knows it."""

    id: str
    versions: list[Version] = field(default_factory=list)
    removal: Removal | None = None

    @property
    def last(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    def version(self, number: int) -> Version | None:
        return self.versions[number - 1] if 0 < number <= len(self.versions) else None

    @property
    def shown(self) -> bool:
        """Public on the site as the ledger has it: a version not removed, not expired."""
        last = self.last
        return last is not None and self.removal is None and last.readable


@dataclass
class Event:
    """One entry that took something off the site (for the 撤回记录 page)."""

    index: int
    kind: str  # REMOVED, EXPIRED, REDACTED
    id: str
    version: int
    time: datetime
    reason: str | None


@dataclass
class Ledger:
    """Every notice's history, and the entries that took something away, in log order."""

    size: int = 0
    histories: dict[str, History] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    latest: datetime | None = None  # the latest time of any entry

    def get(self, notice_id: str) -> History | None:
        return self.histories.get(notice_id)


class LedgerMismatch(ValueError):
    """An entry that does not follow from those before it (a version out of order, an event
    about a version the log does not hold): the log was not written by this ledger."""


def read_history(entries: Iterable[Mapping[str, Any]], *,
                 until: datetime | None = None) -> Ledger:
    """The ledger of these entries, in log order. `until`: only entries whose time is at or
    before it (a build as of an earlier moment sees the ledger as it stood then)."""
    ledger = Ledger()
    for index, entry in enumerate(entries):
        ledger.size = index + 1
        time = datetime.fromisoformat(entry["time"])
        if until is not None and time > until:
            continue
        ledger.latest = time if ledger.latest is None else max(ledger.latest, time)
        _apply(ledger, index, entry, time, skipping=until is not None)
    return ledger


def _apply(ledger: Ledger, index: int, entry: Mapping[str, Any], time: datetime, *,
           skipping: bool) -> None:
    notice_id, number, event = entry["id"], entry["version"], entry["event"]
    history = ledger.histories.setdefault(notice_id, History(notice_id))
    if event == PUBLIC:
        if number != len(history.versions) + 1:
            raise LedgerMismatch(f"entry {index}: {notice_id} v{number} after v{len(history.versions)}")
        history.versions.append(Version(number, index, time, entry["sha256"]))
        history.removal = None
        return
    version = history.version(number)
    if version is None and skipping:
        return  # about a version of after `until`
    if version is None:
        raise LedgerMismatch(f"entry {index}: {event} of {notice_id} v{number}, never public")
    reason = entry.get("reason")
    if event == REMOVED:
        history.removal = Removal(index, number, time, str(reason))
    else:
        version.gone, version.gone_at, version.reason = event, time, reason
    ledger.events.append(Event(index, event, notice_id, number, time, reason))
