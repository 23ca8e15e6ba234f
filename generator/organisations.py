"""The organisations of the site as of "now": every organisation that appears with a 统一社会信用
代码 (USCC) in a public notice, the names it appears under, each notice it appears in with its
role, what it won, the penalties still public against it and the bans they impose.

Pure: a derived site in, an index out; nothing here reads the clock (a question about a day or
a moment takes it). A page, a feed and a search record are made of an organisation
(render/organisations.py); the red flags ask `barred_on`.

Who has no organisation here (and so no page): a natural person, i.e. a penalty's subject of
kind `expert` or `person` (validation refuses a USCC for them; a constructed one is ignored
too), and any code beginning with `92`, an individually owned business (个体工商户), which the
law treats as a person. Their notices stay as they are; only no record across notices is kept.

Which penalties count: those of the site, which holds a penalty only while it is public (its
`publicity_end` not passed, derive.is_public). A penalty withdrawn by now stays in the list, as
its page does, but imposes no ban. A ban is a sanction `suspension` or `debarment` with an
`until` date: it holds from the penalty's `decided` date through `until`, both days included,
in the site's time zone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property

from . import rules
from .derive import PublicNotice, Site
from .model import Award, Candidates, Party, Penalty, Tender

# Roles in the order a notice's row names them.
BUYER = "buyer"
AGENCY = "agency"
CANDIDATE = "candidate"
WINNER = "winner"
PENALISED = "penalised"
ROLES = (BUYER, AGENCY, CANDIDATE, WINNER, PENALISED)

BAN_SANCTIONS = frozenset({"suspension", "debarment"})
PERSON_KINDS = frozenset({"expert", "person"})
INDIVIDUAL_BUSINESS_PREFIX = "92"  # 个体工商户: a person in law, never an organisation page


def is_organisation_code(uscc: str | None) -> bool:
    """A USCC that gets an organisation's record: any but an individually owned business's."""
    return uscc is not None and uscc != "" and not uscc.startswith(INDIVIDUAL_BUSINESS_PREFIX)


@dataclass(frozen=True)
class Appearance:
    """One role of an organisation in one notice; `amount`: its bid (candidate) or what it
    was awarded (winner), where the notice states one."""

    notice: PublicNotice
    role: str
    name: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class Ban:
    """A bar from bidding: a `suspension` or `debarment` of a public penalty not withdrawn."""

    kind: str
    start: date  # the penalty's decision
    until: date  # the last day barred
    penalty: PublicNotice

    def holds_on(self, day: date) -> bool:
        return self.start <= day <= self.until


@dataclass(frozen=True)
class Organisation:
    """One organisation and every appearance of it, complete when made (organisation_index).
    What is read of it is worked out once and kept: a page per notice of a frequent winner, and
    a red-flag check per bid, each scanned every appearance, ~A² for an organisation that
    appears A times (thousands, at 250,000 notices)."""

    uscc: str
    appearances: tuple[Appearance, ...] = ()  # newest notice first

    @property
    def notices(self) -> list[PublicNotice]:
        """Each notice it appears in once, newest first."""
        seen: dict[str, PublicNotice] = {}
        for appearance in self.appearances:
            seen.setdefault(appearance.notice.id, appearance.notice)
        return list(seen.values())

    @cached_property
    def names(self) -> list[str]:
        """The names it appears under, the most recent first."""
        return list(dict.fromkeys(appearance.name for appearance in self.appearances))

    @property
    def name(self) -> str:
        return self.names[0]

    @cached_property
    def _by_notice(self) -> dict[str, list[Appearance]]:
        found: dict[str, list[Appearance]] = defaultdict(list)
        for appearance in self.appearances:
            found[appearance.notice.id].append(appearance)
        return dict(found)

    def appearances_in(self, notice_id: str) -> list[Appearance]:
        """Its appearances in one notice, in ROLES order."""
        return self._by_notice.get(notice_id, [])

    def roles_in(self, notice_id: str) -> list[str]:
        found = {a.role for a in self.appearances_in(notice_id)}
        return [role for role in ROLES if role in found]

    @cached_property
    def wins(self) -> list[Appearance]:
        """Its places among the winners of awards not withdrawn, newest first."""
        return [a for a in self.appearances if a.role == WINNER and a.notice.withdrawal is None]

    @property
    def won_total(self) -> Decimal:
        """What it was awarded, added up over the wins that state an amount."""
        return sum((a.amount for a in self.wins if a.amount is not None), Decimal(0))

    @cached_property
    def penalties(self) -> list[PublicNotice]:
        """The penalties against it still public, newest first."""
        return [a.notice for a in self.appearances if a.role == PENALISED]

    @cached_property
    def bans(self) -> list[Ban]:
        """Every ban of its public penalties not withdrawn, the latest end first."""
        found = [ban for pn in self.penalties if pn.withdrawal is None for ban in _bans_of(pn)]
        return sorted(found, key=lambda ban: (ban.until, ban.start, ban.penalty.id), reverse=True)

    def bans_on(self, day: date) -> list[Ban]:
        return [ban for ban in self.bans if ban.holds_on(day)]

    def active_bans(self, now: datetime, site: Site) -> list[Ban]:
        """The bans in force at `now` (the site's day)."""
        return self.bans_on(rules.local_date(now, site.tz))


def _bans_of(pn: PublicNotice) -> Iterator[Ban]:
    notice = pn.notice
    assert isinstance(notice, Penalty)
    for sanction in notice.sanctions:
        if sanction.kind in BAN_SANCTIONS and sanction.until is not None:
            yield Ban(sanction.kind, notice.decided, sanction.until, pn)


def organisation_index(site: Site) -> dict[str, Organisation]:
    """Every organisation of the site's public notices by USCC, sorted by USCC; each one's
    appearances in the site's order (newest notice first), roles in ROLES order within one."""
    found: dict[str, list[Appearance]] = defaultdict(list)
    for pn in site.notices:
        for role, name, uscc, amount in _parties(pn):
            if not is_organisation_code(uscc):
                continue
            assert uscc is not None
            found[uscc].append(Appearance(pn, role, name, amount))
    return {code: Organisation(code, tuple(found[code])) for code in sorted(found)}


def _parties(pn: PublicNotice) -> Iterator[tuple[str, str, str | None, Decimal | None]]:
    """(role, name, USCC, amount) of every party a notice names, in ROLES order."""
    notice = pn.notice
    if isinstance(notice, Tender):
        yield from _party(BUYER, notice.buyer)
        yield from _party(AGENCY, notice.agency)
    elif isinstance(notice, Candidates):
        for candidate in sorted(notice.candidates, key=lambda c: c.rank):
            yield CANDIDATE, candidate.name, candidate.uscc, candidate.amount
    elif isinstance(notice, Award):
        for winner in notice.winners:
            yield WINNER, winner.name, winner.uscc, winner.amount
    elif isinstance(notice, Penalty) and notice.subject.kind not in PERSON_KINDS:
        yield PENALISED, notice.subject.name, notice.subject.uscc, None


def _party(role: str, party: Party | None) -> Iterator[tuple[str, str, str | None, Decimal | None]]:
    if party is not None:
        yield role, party.name, party.uscc, None


def barred_on(index: Mapping[str, Organisation], uscc: str, day: date) -> list[Ban]:
    """The bans that barred `uscc` from bidding on `day`, by penalties still public as of the
    site's now and not withdrawn (an expired penalty is never cited again); [] for a code with
    no organisation (a person's, an individually owned business's, or one never seen)."""
    organisation = index.get(uscc)
    return organisation.bans_on(day) if organisation is not None else []


def organisation_url(uscc: str) -> str:
    """The organisation's page below the site root."""
    return f"entities/{uscc}/"


def page_of(uscc: str | None, subject_kind: str | None = None) -> str | None:
    """The page of the organisation a notice names with `uscc` (a penalty's subject: of
    `subject_kind`), None for a person, an individually owned business or no code."""
    if subject_kind in PERSON_KINDS or uscc is None or not is_organisation_code(uscc):
        return None
    return organisation_url(uscc)


def by_role(organisation: Organisation) -> dict[str, int]:
    """How many notices name it in each role it has."""
    counts: dict[str, set[str]] = defaultdict(set)
    for appearance in organisation.appearances:
        counts[appearance.role].add(appearance.notice.id)
    return {role: len(counts[role]) for role in ROLES if counts[role]}
