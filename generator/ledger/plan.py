"""What to append to the ledger as of `now`, and what no build may publish: a pure function of
the ledger, what the data publishes as of now and the editors' declarations.

- A notice never recorded enters with each form it has had (canonical.public_forms), each at
  the moment it became public: its publication, then its withdrawal's date.
- A notice whose form is no longer its last version's gets a new version. If only its
  withdrawal took effect, at the start of the withdrawal's date (not before the last version);
  any other change, at `now`: the data does not say when an edit was made, and the recording
  build is the first moment the ledger can vouch for it. (Recording runs on every push to
  main and on the schedule, so `now` is within the workflow's delay of the edit.)
- A penalty whose publicity ended gets an `expired` entry for each version still readable, at
  the moment it ended.
- A declared removal or redaction not yet in the ledger gets its entry, at `now`.

A build fails (ledger-missing) when a notice the ledger shows public is not in the data
(its file deleted or renamed) or no longer public, unless its removal is declared; and
(ledger-declaration) when a declaration cannot be followed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..errors import Problem, Rule, Severity
from ..words import LEDGER
from .canonical import Form
from .declared import Declarations
from .history import EXPIRED, PUBLIC, REDACTED, REMOVED, History, Ledger


@dataclass(frozen=True)
class Append:
    """One entry to append; `form`: the version file of a `public` entry (its bytes: form.data)."""

    entry: dict[str, Any]
    form: Form | None = None

    @property
    def id(self) -> str:
        notice_id: str = self.entry["id"]
        return notice_id

    @property
    def event(self) -> str:
        event: str = self.entry["event"]
        return event


@dataclass
class Plan:
    appends: list[Append] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _by_id: dict[str, list[Append]] | None = field(default=None, init=False, repr=False,
                                                   compare=False)

    def pending(self, notice_id: str) -> list[Append]:
        """The appends of one notice. Asked once per notice page: indexed on the first call
        (a plan is complete once plan_entries returns it), not a scan of every append each time,
        which was quadratic in a site whose notices are not yet recorded (81 million
        comparisons at 10,000)."""
        if self._by_id is None:
            self._by_id = {}
            for append in self.appends:
                self._by_id.setdefault(append.id, []).append(append)
        return self._by_id.get(notice_id, [])


def rfc3339(moment: datetime) -> str:
    return moment.isoformat()


def plan_entries(ledger: Ledger, public: Mapping[str, list[Form]],
                 hidden: Mapping[str, datetime | None], declared: Declarations,
                 now: datetime, shown_dir: str) -> Plan:
    """`ledger`: as of now (history.read_history(until=now)); `public`: every public notice's
    forms by id; `hidden`: every notice in the data that is not public, with the moment its
    publicity ended (an expired penalty) or None (not yet public); `shown_dir`: how problems
    name the ledger folder."""
    plan = Plan(problems=list(declared.problems))
    for notice_id in sorted(public):
        plan.appends += _versions(ledger.get(notice_id), notice_id, public[notice_id], now)
    for notice_id in sorted(hidden):
        ended = hidden[notice_id]
        history = ledger.get(notice_id)
        if ended is not None and history is not None and history.removal is None:
            plan.appends += [Append(_entry(EXPIRED, notice_id, version.number, ended))
                             for version in history.versions if version.readable]
    plan.appends += _redactions(ledger, public, declared, now, plan)
    plan.appends += _removals(ledger, public, hidden, declared, now, plan)
    plan.problems += _missing(ledger, public, hidden, declared, shown_dir)
    return plan


def _entry(event: str, notice_id: str, version: int, time: datetime, **more: str) -> dict[str, Any]:
    return {"event": event, "id": notice_id, "version": version, "time": rfc3339(time), **more}


def _public(notice_id: str, number: int, time: datetime, form: Form) -> Append:
    return Append(_entry(PUBLIC, notice_id, number, time, sha256=form.sha256), form)


def _versions(history: History | None, notice_id: str, forms: list[Form],
              now: datetime) -> list[Append]:
    last = history.last if history is not None else None
    current = forms[-1]
    if last is None or history is None:
        return [_public(notice_id, number, form.since, form)
                for number, form in enumerate(forms, start=1)]
    if last.sha256 == current.sha256 and last.readable and history.removal is None:
        return []
    number = last.number + 1
    if len(forms) == 2 and last.sha256 == forms[0].sha256 and last.readable:
        return [_public(notice_id, number, max(current.since, last.time), current)]
    return [_public(notice_id, number, max(now, last.time), current)]


def _redactions(ledger: Ledger, public: Mapping[str, list[Form]], declared: Declarations,
                now: datetime, plan: Plan) -> list[Append]:
    appends = []
    for redaction in declared.redactions:
        history = ledger.get(redaction.id)
        version = history.version(redaction.version) if history is not None else None
        if version is None:
            plan.problems.append(_declaration(redaction.where, "redaction_unknown", id=redaction.id,
                                              version=redaction.version))
            continue
        forms = public.get(redaction.id, [])
        if forms and forms[-1].sha256 == version.sha256:
            plan.problems.append(_declaration(redaction.where, "redaction_still_published",
                                              id=redaction.id, version=redaction.version))
            continue
        if version.gone != REDACTED:
            appends.append(Append(_entry(REDACTED, redaction.id, redaction.version, now,
                                         reason=redaction.reason)))
    return appends


def _removals(ledger: Ledger, public: Mapping[str, list[Form]],
              hidden: Mapping[str, datetime | None], declared: Declarations, now: datetime,
              plan: Plan) -> list[Append]:
    appends = []
    for removal in declared.removals.values():
        history = ledger.get(removal.id)
        if removal.id in public or removal.id in hidden:
            plan.problems.append(_declaration(removal.where, "removal_still_in_data", id=removal.id))
        elif history is None or history.last is None:
            plan.problems.append(_declaration(removal.where, "removal_unknown", id=removal.id))
        elif history.removal is None:
            appends.append(Append(_entry(REMOVED, removal.id, history.last.number, now,
                                         reason=removal.reason)))
    return appends


def _missing(ledger: Ledger, public: Mapping[str, list[Form]],
             hidden: Mapping[str, datetime | None], declared: Declarations,
             shown_dir: str) -> list[Problem]:
    problems = []
    for notice_id, history in sorted(ledger.histories.items()):
        last = history.last
        if (last is None or not history.shown or notice_id in public
                or notice_id in declared.removals):
            continue
        if notice_id in hidden and hidden[notice_id] is not None:
            continue  # an expired penalty: its expiry is appended
        key = "notice_not_public" if notice_id in hidden else "notice_missing"
        where = f"{shown_dir}/versions/{notice_id}/v{last.number}.json"
        problems.append(Problem(where, None, None, Severity.ERROR, Rule.LEDGER_MISSING,
                                LEDGER.message(key, id=notice_id, version=last.number)))
    return problems


def _declaration(where: tuple[str, int, int], key: str, **values: str | int) -> Problem:
    return Problem(where[0], where[1], where[2], Severity.ERROR, Rule.LEDGER_DECLARATION,
                   LEDGER.message(key, **values))
