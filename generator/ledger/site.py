"""The ledger as one build sees it as of `now`: what the data publishes, held against the
ledger's histories (plan.py), with what a recording would append now shown as not yet
recorded. Every build makes one; only `--record` appends its plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from .. import rules
from ..dataset import Dataset
from ..derive import is_public
from ..model import Penalty
from .canonical import Form, FormHashes, public_forms
from .declared import Declarations, read_declarations
from .history import GONE, Ledger
from .plan import Append, Plan, plan_entries
from .store import StoredLedger


@dataclass
class SiteLedger:
    stored: StoredLedger
    history: Ledger  # the entries at or before now
    plan: Plan  # what a recording now would append; its problems stop every build
    declared: Declarations
    # Not each public notice's forms: the plan keeps those it would record (its appends), and
    # a recorded site's other forms (~6 KB a notice) would stay alive for the whole build.

    def pending(self, notice_id: str) -> list[Append]:
        return self.plan.pending(notice_id)

    def leaving(self, notice_id: str, number: int) -> Append | None:
        """The expiry or redaction of a version that a recording would append now: its file
        leaves the site from now on, recorded or not."""
        for append in self.pending(notice_id):
            if append.event in GONE and append.entry["version"] == number:
                return append
        return None

    def form(self, notice_id: str, number: int) -> bytes | None:
        """The bytes of a version still readable: its file in the ledger, or, not yet
        recorded, the form the plan would record."""
        for append in self.pending(notice_id):
            if append.entry["version"] == number and append.form is not None:
                return append.form.data
        history = self.history.get(notice_id)
        version = history.version(number) if history is not None else None
        if version is None or not version.readable or self.leaving(notice_id, number) is not None:
            return None
        return self.stored.version_file(notice_id, number).read_bytes()


def follow_ledger(stored: StoredLedger, dataset: Dataset, attachment_sha256: Callable[[str], str],
                  now: datetime, tz: ZoneInfo, memo: FormHashes | None = None) -> SiteLedger:
    """The ledger against the data as of `now` (never drafts: serve's preview records and
    shows only what is public)."""
    forms: dict[str, list[Form]] = {}
    hidden: dict[str, datetime | None] = {}
    for nf in dataset.notices:
        if is_public(nf, now, tz):
            forms[nf.id] = public_forms(nf.id, nf.notice, attachment_sha256, now, tz, memo,
                                        nf.sha256)
        else:
            hidden[nf.id] = _ended(nf.notice, now, tz)
    declared = read_declarations(stored.folder, stored.shown)
    history = stored.history(until=now)
    plan = plan_entries(history, forms, hidden, declared, now, stored.shown)
    return SiteLedger(stored, history, plan, declared)


def _ended(notice: object, now: datetime, tz: ZoneInfo) -> datetime | None:
    """When a notice that is not public stopped being public: a penalty whose publicity
    ended (after it was published); None for one not yet published."""
    if not isinstance(notice, Penalty) or rules.start_of(notice.published, tz) > now:
        return None
    return rules.end_of(notice.publicity_end, tz)
