"""Red flags (issue #15, after the Open Contracting Partnership's red-flag methodology): facts
of a project's public notices that are a reason to look more closely, never a verdict.

Pure: the derived site (public notices as of its `now`, effective deadlines), the thresholds
→ flags, each raised on one project (its code) and naming the notices it is about. Every
definition is on the rules page (content/rules.md, 风险提示); the thresholds are
`extra.gongshi.flags` and the table of legal minimums `extra.gongshi.legal_minimum_days`
(config.py), the one the validator's `period-tender` warning reads too.

Common rules of every flag:
- a notice whose withdrawal is in effect neither raises a flag nor counts towards one; the
  deadline in force is the site's (derive.py: amendments apply in order, withdrawn or not);
- days are calendar days in the site's time zone (rules.calendar_days);
- amounts are compared exactly (Decimal), never through floats;
- nothing reads the clock: a flag changes only when the public notices do (a publication, a
  withdrawal, a penalty's disclosure ending), which are the site's change moments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from itertools import combinations

from . import rules
from .config import SALE_CATEGORIES, Settings
from .derive import PublicNotice, Site
from .model import Amendment, Award, Candidates, Penalty, Tender
from .organisations import Ban, Organisation, barred_on, organisation_index
from .words import FLAG_WORDS, VOCABULARIES, Message, Series, Value

FLAG_IDS = (
    "short-period", "late-amendment", "single-candidate", "price-at-ceiling", "close-bids",
    "repeat-winner", "early-award", "debarred-winner", "many-amendments",
)
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Thresholds:
    """What each flag is measured against; the defaults are issue #15's."""

    minimums: rules.TenderMinimums = field(default_factory=lambda: rules.TENDER_MINIMUM_DAYS)
    late_amendment_days: int = 15
    price_ceiling_percent: Decimal = Decimal(99)
    price_categories: frozenset[str] = frozenset({"construction", "procurement", "medical"})
    close_bids_percent: Decimal = Decimal("0.5")
    repeat_winner_count: int = 3
    repeat_winner_days: int = 365
    many_amendments: int = 3

    @classmethod
    def of(cls, settings: Settings) -> Thresholds:
        chosen = settings.flags
        return cls(
            minimums=settings.legal_minimum_days,
            late_amendment_days=chosen.late_amendment_days,
            price_ceiling_percent=chosen.price_ceiling_percent,
            price_categories=frozenset(chosen.price_categories),
            close_bids_percent=chosen.close_bids_percent,
            repeat_winner_count=chosen.repeat_winner_count,
            repeat_winner_days=chosen.repeat_winner_days,
            many_amendments=chosen.many_amendments,
        )


@dataclass(frozen=True)
class Flag:
    """One flag raised: which (`flag`, one of FLAG_IDS), on which project, about which
    notices (the one it is raised on first), where, and what was found with its numbers."""

    flag: str
    project_code: str
    notice_ids: tuple[str, ...]
    region_code: str
    category: str | None
    explanation: Message

    def values(self) -> dict[str, str | int]:
        """The numbers, dates and codes of the explanation, by name (for data/flags.json)."""
        return {name: value for name, value in self.explanation.values
                if isinstance(value, str | int)}


def find_flags(site: Site, limits: Thresholds,
               organisations: Mapping[str, Organisation] | None = None) -> list[Flag]:
    """Every flag of the site as of its `now`, in the order of FLAG_IDS, then by region,
    project and notices; `organisations`: the site's organisation index, if made already."""
    projects = _live_projects(site)
    found: list[Flag] = []
    for members in projects.values():
        found += _project_flags(site, members, limits)
    found += _repeat_winners(site, projects, limits)
    found += _debarred(site, projects,
                       organisation_index(site) if organisations is None else organisations)
    order = {flag: index for index, flag in enumerate(FLAG_IDS)}
    return sorted(found, key=lambda f: (order[f.flag], f.region_code, f.project_code, f.notice_ids))


def flags_by_project(flags: Iterable[Flag]) -> dict[str, list[Flag]]:
    found: dict[str, list[Flag]] = defaultdict(list)
    for flag in flags:
        found[flag.project_code].append(flag)
    return dict(found)


def definition(flag: str, limits: Thresholds) -> Message:
    """What `flag` means, with the site's thresholds."""
    values: dict[str, dict[str, Value]] = {
        "short-period": {"minimums": _minimums(limits.minimums)},
        "late-amendment": {"days": limits.late_amendment_days},
        "price-at-ceiling": {"percent": _number(limits.price_ceiling_percent),
                             "categories": _categories(sorted(limits.price_categories))},
        "close-bids": {"percent": _number(limits.close_bids_percent)},
        "repeat-winner": {"count": limits.repeat_winner_count, "days": limits.repeat_winner_days},
        "many-amendments": {"count": limits.many_amendments},
    }
    return FLAG_WORDS.message(f"define_{flag}", **values.get(flag, {}))


# --- the notices flags read ---------------------------------------------------------------------


def _live_projects(site: Site) -> dict[str, list[PublicNotice]]:
    """Each project's public notices not withdrawn, oldest first (penalties are in none)."""
    projects: dict[str, list[PublicNotice]] = defaultdict(list)
    for pn in reversed(site.notices):  # site.notices is newest first
        if pn.project_code is not None and pn.withdrawal is None and not isinstance(pn.notice, Penalty):
            projects[pn.project_code].append(pn)
    return dict(projects)


def _of_type(members: list[PublicNotice], kind: type) -> list[PublicNotice]:
    return [pn for pn in members if isinstance(pn.notice, kind)]


def _tender_before(members: list[PublicNotice], moment: datetime) -> PublicNotice | None:
    """The project's latest tender published at or before `moment` (else its first)."""
    tenders = _of_type(members, Tender)
    before = [pn for pn in tenders if pn.published_at <= moment]
    return before[-1] if before else (tenders[0] if tenders else None)


def _flag(flag: str, on: PublicNotice, others: Iterable[PublicNotice | str], key: str | None = None,
          **values: Value) -> Flag:
    assert on.project_code is not None
    ids = tuple(dict.fromkeys([on.id, *(o if isinstance(o, str) else o.id for o in others)]))
    return Flag(flag, on.project_code, ids, on.region.code, on.notice.category,
                FLAG_WORDS.message(f"explain_{key or flag}", **values))


def _project_flags(site: Site, members: list[PublicNotice], limits: Thresholds) -> Iterator[Flag]:
    for tender in _of_type(members, Tender):
        yield from _short_period(site, tender, limits)
        yield from _late_amendments(site, tender, limits)
        yield from _many_amendments(site, tender, limits)
    for candidates in _of_type(members, Candidates):
        yield from _single_candidate(candidates)
        yield from _close_bids(candidates, limits)
    for award in _of_type(members, Award):
        yield from _price_at_ceiling(site, members, award, limits)
        yield from _early_award(site, members, award)


# --- short-period, late-amendment, many-amendments ----------------------------------------------


def _short_period(site: Site, pn: PublicNotice, limits: Thresholds) -> Iterator[Flag]:
    tender = pn.notice
    assert isinstance(tender, Tender)
    period = rules.tender_period(limits.minimums, tender.category, tender.method)
    if period is None or pn.deadline is None:
        return
    days = rules.calendar_days(tender.published, pn.deadline, site.tz)
    if days >= period.minimum_days:
        return
    moved_by = [a for a in site.amendments.get(pn.id, [])
                if isinstance(a.notice, Amendment) and a.notice.changes and a.notice.changes.deadline]
    yield _flag("short-period", pn, moved_by[-1:], published=_day(tender.published, site),
                deadline=_moment(pn.deadline, site), days=days, minimum=period.minimum_days,
                category=VOCABULARIES["category"][tender.category],
                method=VOCABULARIES["method"][tender.method])


def _late_amendments(site: Site, pn: PublicNotice, limits: Thresholds) -> Iterator[Flag]:
    """Each live amendment published fewer than the limit's days before the deadline in force
    after it (the one it sets, or the one it leaves as it was), and before that deadline."""
    tender = pn.notice
    assert isinstance(tender, Tender)
    deadline = tender.deadline
    for amendment in site.amendments.get(pn.id, []):  # in the order they apply
        notice = amendment.notice
        assert isinstance(notice, Amendment)
        if notice.changes is not None and notice.changes.deadline is not None:
            deadline = notice.changes.deadline
        if amendment.withdrawal is not None or amendment.published_at >= deadline:
            continue
        days = rules.calendar_days(notice.published, deadline, site.tz)
        if days < limits.late_amendment_days:
            yield _flag("late-amendment", amendment, [pn], amendment=amendment.id,
                        published=_moment(amendment.published_at, site),
                        deadline=_moment(deadline, site), days=days, limit=limits.late_amendment_days)


def _many_amendments(site: Site, pn: PublicNotice, limits: Thresholds) -> Iterator[Flag]:
    amendments = [a for a in site.amendments.get(pn.id, []) if a.withdrawal is None]
    if len(amendments) >= limits.many_amendments:
        yield _flag("many-amendments", pn, amendments, tender=pn.id, count=len(amendments),
                    limit=limits.many_amendments)


# --- candidates: single-candidate, close-bids ---------------------------------------------------


def _single_candidate(pn: PublicNotice) -> Iterator[Flag]:
    notice = pn.notice
    assert isinstance(notice, Candidates)
    if len(notice.candidates) == 1:
        yield _flag("single-candidate", pn, [], notice=pn.id)


def _close_bids(pn: PublicNotice, limits: Thresholds) -> Iterator[Flag]:
    """The closest pair of amounts, relative to the lower of the two, when within the limit."""
    notice = pn.notice
    assert isinstance(notice, Candidates)
    priced = sorted((c for c in notice.candidates if c.amount is not None), key=lambda c: c.rank)
    best: tuple[Decimal, int, int] | None = None
    for first, second in combinations(priced, 2):
        assert first.amount is not None and second.amount is not None
        lower, difference = min(first.amount, second.amount), abs(first.amount - second.amount)
        if difference * _HUNDRED > limits.close_bids_percent * lower:
            continue  # not within (exact: no division)
        ratio = difference * _HUNDRED / lower if lower else Decimal(0)
        if best is None or ratio < best[0]:
            best = (ratio, first.rank, second.rank)
    if best is None:
        return
    ratio, rank_a, rank_b = best
    amounts = {c.rank: c.amount for c in priced}
    amount_a, amount_b = amounts[rank_a], amounts[rank_b]
    assert amount_a is not None and amount_b is not None
    yield _flag("close-bids", pn, [], rank_a=rank_a, rank_b=rank_b, amount_a=_money(amount_a),
                amount_b=_money(amount_b), difference=_money(abs(amount_a - amount_b)),
                ratio=_percent(ratio, "0.001"), limit=_number(limits.close_bids_percent))


# --- awards: price-at-ceiling, early-award ------------------------------------------------------


def awarded_amount(award: Award) -> Decimal | None:
    """What a result awarded: its winners' amounts added up, when every winner has one."""
    amounts = [w.amount for w in award.winners]
    return sum((a for a in amounts if a is not None), Decimal(0)) if None not in amounts else None


def _price_at_ceiling(site: Site, members: list[PublicNotice], pn: PublicNotice,
                      limits: Thresholds) -> Iterator[Flag]:
    award = pn.notice
    assert isinstance(award, Award)
    tender_pn = _tender_before(members, pn.published_at)
    if tender_pn is None:
        return
    tender = tender_pn.notice
    assert isinstance(tender, Tender)
    # the buying categories only, whatever the settings say (config.py refuses sales too)
    if tender.category not in limits.price_categories or tender.category in SALE_CATEGORIES:
        return
    amount = awarded_amount(award)
    if amount is None or not tender.budget:
        return
    if amount * _HUNDRED < limits.price_ceiling_percent * tender.budget:
        return
    yield _flag("price-at-ceiling", pn, [tender_pn], amount=_money(amount), budget=_money(tender.budget),
                ratio=_percent(amount * _HUNDRED / tender.budget, "0.01"),
                limit=_number(limits.price_ceiling_percent))


def _early_award(site: Site, members: list[PublicNotice], pn: PublicNotice) -> Iterator[Flag]:
    before = [c for c in _of_type(members, Candidates) if c.published_at <= pn.published_at]
    if not before:
        return
    publicity = before[-1]
    if publicity.ends_at is not None and pn.published_at < publicity.ends_at:
        notice = publicity.notice
        assert isinstance(notice, Candidates)
        yield _flag("early-award", pn, [publicity], published=_moment(pn.published_at, site),
                    candidates=publicity.id, ends=_end(notice.publicity_end, site))


# --- repeat-winner ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Win:
    day: date
    award: PublicNotice


def award_day(pn: PublicNotice, site: Site) -> date:
    """An award's day: its award date, else the day it was published (site time zone)."""
    award = pn.notice
    assert isinstance(award, Award)
    return award.award_date or rules.local_date(pn.published_at, site.tz)


def _repeat_winners(site: Site, projects: Mapping[str, list[PublicNotice]],
                    limits: Thresholds) -> Iterator[Flag]:
    """Per buyer and winner (both by USCC), each project's first award counts once; a project
    is flagged when its award lies in a span of at most the limit's days holding the limit's
    count of awards or more (the span with the most; of those, the earliest)."""
    wins: dict[tuple[str, str], list[_Win]] = defaultdict(list)
    for members in projects.values():
        awards = _of_type(members, Award)
        if not awards:
            continue
        first = awards[0]
        tender_pn = _tender_before(members, first.published_at)
        buyer = tender_pn.notice.buyer.uscc if tender_pn and isinstance(tender_pn.notice, Tender) else None
        if buyer is None:
            continue
        award = first.notice
        assert isinstance(award, Award)
        for winner in sorted({w.uscc for w in award.winners if w.uscc}):
            wins[(buyer, winner)].append(_Win(award_day(first, site), first))
    for (buyer, winner), found in wins.items():
        if len(found) < limits.repeat_winner_count:
            continue
        found.sort(key=lambda w: (w.day, w.award.id))
        for win in found:
            window = _widest_window(found, win, limits.repeat_winner_days)
            if len(window) >= limits.repeat_winner_count:
                yield _flag("repeat-winner", win.award, [w.award for w in window], buyer=buyer,
                            winner=winner, count=len(window), span=(window[-1].day - window[0].day).days,
                            first=window[0].day.isoformat(), last=window[-1].day.isoformat(),
                            limit=limits.repeat_winner_count)


def _widest_window(wins: list[_Win], win: _Win, days: int) -> list[_Win]:
    """Of the spans [start, start + days] holding `win` and starting at a win, the one with
    the most wins (the earliest of those)."""
    best: list[_Win] = []
    for start in wins:
        end = start.day + timedelta(days=days)
        if not start.day <= win.day <= end:
            continue
        inside = [w for w in wins if start.day <= w.day <= end]
        if len(inside) > len(best):
            best = inside
    return best


# --- debarred-winner --------------------------------------------------------------------------------


def _debarred(site: Site, projects: Mapping[str, list[PublicNotice]],
              index: Mapping[str, Organisation]) -> Iterator[Flag]:
    """Who is barred is the organisations index's answer (organisations.barred_on): a person or
    an individually owned business (a `92` code) is never named by a flag, as it has no page."""
    for members in projects.values():
        for pn in members:
            notice = pn.notice
            if isinstance(notice, Candidates):
                day = rules.local_date(pn.published_at, site.tz)
                for candidate in sorted(notice.candidates, key=lambda c: c.rank):
                    for ban in barred_on(index, candidate.uscc or "", day):
                        yield _ban_flag(site, pn, candidate.uscc or "", ban, day, "debarred-candidate",
                                        rank=candidate.rank)
            elif isinstance(notice, Award):
                day = award_day(pn, site)
                for winner in notice.winners:
                    for ban in barred_on(index, winner.uscc or "", day):
                        yield _ban_flag(site, pn, winner.uscc or "", ban, day, "debarred-winner")


def _ban_flag(site: Site, pn: PublicNotice, uscc: str, ban: Ban, day: date, key: str,
              **values: Value) -> Flag:
    return _flag("debarred-winner", pn, [ban.penalty], key, uscc=uscc, day=day.isoformat(),
                 penalty=ban.penalty.id, sanction=VOCABULARIES["sanction"][ban.kind],
                 decided=ban.start.isoformat(), until=ban.until.isoformat(), **values)


# --- how numbers are said -------------------------------------------------------------------------


def _number(value: Decimal) -> str:
    """A threshold as written: 99, 0.5 (no trailing zeros)."""
    return format(value.normalize(), "f")


def _percent(value: Decimal, places: str) -> str:
    """A ratio cut (never rounded up) to `places`, so that it never reads past its threshold."""
    return format(value.quantize(Decimal(places), rounding=ROUND_DOWN), "f")


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _day(value: date | datetime, site: Site) -> str:
    return rules.local_date(value, site.tz).isoformat()


def _moment(value: datetime, site: Site) -> str:
    return value.astimezone(site.tz).strftime("%Y-%m-%d %H:%M")


def _end(value: date | datetime, site: Site) -> str:
    """A publicity's end as written: a date (its whole day) or a time."""
    return value.isoformat() if not isinstance(value, datetime) else _moment(value, site)


def _minimums(minimums: rules.TenderMinimums) -> Message:
    pairs: list[Value] = [
        FLAG_WORDS.message("minimum_pair", category=VOCABULARIES["category"][category],
                           method=VOCABULARIES["method"][method], days=days)
        for category, methods in sorted(minimums.items()) for method, days in sorted(methods.items())
    ]
    if not pairs:
        return FLAG_WORDS.message("minimums_none")
    return FLAG_WORDS.message("minimums_list", pairs=Series.of(pairs))


def _categories(categories: list[str]) -> Value:
    return Series.of([VOCABULARIES["category"][c] for c in categories])
