"""Rules beyond the shape of one value: fields compared with each other, files compared with
each other, the region tree, personal data and legal periods. Each rule yields problems that
point at the value they are about."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from . import rules
from .datafiles import Missing, attachment_refusal
from .errors import Problem, Rule, Severity
from .load import Positions
from .model import Amendment, Award, Candidates, Penalty, Region, Tender, Termination

if TYPE_CHECKING:
    from .dataset import Dataset, NoticeFile

WARNING = Severity.WARNING


def check_dataset(dataset: Dataset, tz: ZoneInfo) -> Iterator[Problem]:
    """Every problem, one at a time: the caller keeps as many per file as it shows."""
    yield from _unique_ids(dataset.notices)
    by_id = {nf.id: nf for nf in dataset.notices}
    tenders_by_project = _tenders_by_project(dataset.notices)
    for nf in dataset.notices:
        yield from _check_common(nf, dataset, tz)
        notice = nf.notice
        if isinstance(notice, Tender):
            yield from _check_tender(nf, notice, tz)
        elif isinstance(notice, Amendment):
            yield from _check_amendment(nf, notice, by_id, dataset.broken, tz)
        elif isinstance(notice, Penalty):
            yield from _check_penalty(nf, notice, tz)
        else:
            yield from _check_result(nf, notice, tenders_by_project, dataset.broken, tz)
    yield from _legal_amendment_periods(dataset.notices, by_id, tz)


# --- files and ids ----------------------------------------------------------------------------


def _unique_ids(notices: list[NoticeFile]) -> Iterator[Problem]:
    seen: dict[str, NoticeFile] = {}
    for nf in notices:
        first = seen.setdefault(nf.id.casefold(), nf)
        if first is not nf:
            same = "the same id" if first.id == nf.id else f"an id that differs only in case ({first.id})"
            yield Problem(
                nf.shown_path, None, None, Severity.ERROR, Rule.ID_UNIQUE,
                f"{first.shown_path} already has {same}: ids are unique across the whole data "
                "folder; rename one of the files",
            )


def _tenders_by_project(notices: list[NoticeFile]) -> dict[str, list[NoticeFile]]:
    tenders: dict[str, list[NoticeFile]] = defaultdict(list)
    for nf in notices:
        if isinstance(nf.notice, Tender):
            tenders[nf.notice.project.code].append(nf)
    return tenders


# --- every notice -------------------------------------------------------------------------------


def _check_common(nf: NoticeFile, dataset: Dataset, tz: ZoneInfo) -> Iterator[Problem]:
    notice = nf.notice
    if dataset.regions and notice.region not in dataset.regions:
        yield nf.problem(("region",), Rule.REGION_UNKNOWN,
                         f"region {notice.region} is not in regions.yaml: use a listed code or add the region")
    if notice.contact is not None and not any(
        (notice.contact.name, notice.contact.phone, notice.contact.email)
    ):
        yield nf.problem(("contact",), Rule.CONTACT_EMPTY, "contact needs at least one of name, phone, email")
    if notice.withdrawn is not None and notice.withdrawn.date < rules.local_date(notice.published, tz):
        yield nf.problem(("withdrawn", "date"), Rule.WITHDRAWN_DATE,
                         "withdrawn.date is before published: a notice cannot be withdrawn before it is out")
    yield from _check_attachments(nf, dataset.files_dir())


def _check_attachments(nf: NoticeFile, files_dir: Path) -> Iterator[Problem]:
    for index, attachment in enumerate(nf.notice.attachments or []):
        key = ("attachments", index)
        if (attachment.file is None) == (attachment.url is None):
            yield nf.problem(key, Rule.ATTACHMENT_TARGET,
                             "an attachment has either file (a path under files/) or url (https://), exactly one")
            continue
        if attachment.file is None:
            continue
        shown = f"{files_dir.name}/{attachment.file}"
        # Opened here, so a file that exists but cannot be read stops validation, not the build.
        found = attachment_refusal(files_dir, attachment.file)
        if isinstance(found, Missing) and found.reason:  # e.g. a name longer than the file system allows
            yield nf.problem((*key, "file"), Rule.ATTACHMENT_FILE, f"cannot open {shown} ({found.reason.in_language('en')}): correct the path")
        elif isinstance(found, Missing):
            yield nf.problem((*key, "file"), Rule.ATTACHMENT_FILE,
                             f"no file {shown}: add the file or correct the path (case matters)")
        elif found is not None:
            refusal = found
            yield nf.problem((*key, "file"), refusal.rule, refusal.message(shown))


# --- tenders family -----------------------------------------------------------------------------


def _check_tender(nf: NoticeFile, tender: Tender, tz: ZoneInfo) -> Iterator[Problem]:
    if tender.deadline <= rules.start_of(tender.published, tz):
        yield nf.problem(("deadline",), Rule.DEADLINE_ORDER, "deadline must be after published")
    if tender.opening is not None and tender.opening.time < tender.deadline:
        yield nf.problem(("opening", "time"), Rule.OPENING_ORDER,
                         "opening.time must not be before the deadline: bids are opened after they close")
    period = rules.OPEN_CONSTRUCTION_TENDER
    if tender.method == "open" and tender.category == "construction":
        days = rules.calendar_days(tender.published, tender.deadline, tz)
        if days < period.minimum_days:
            yield nf.problem(("deadline",), period.rule,
                             f"only {days} days from published to deadline; an open construction tender "
                             f"needs at least {period.minimum_days} ({period.law})", WARNING)


def _check_amendment(
    nf: NoticeFile, amendment: Amendment, by_id: dict[str, NoticeFile], broken: dict[str, Any],
    tz: ZoneInfo,
) -> Iterator[Problem]:
    target = by_id.get(amendment.amends)
    if target is None and amendment.amends in broken:
        yield nf.problem(("amends",), Rule.AMENDS_BROKEN,
                         f"amends {amendment.amends!r}, whose file has errors of its own: fix that file "
                         "first")
        return
    if target is None:
        yield nf.problem(("amends",), Rule.AMENDS_UNKNOWN,
                         f"amends {amendment.amends!r}, but there is no notice with that id: "
                         "use the file name (without .yaml) of the tender")
        return
    if not isinstance(target.notice, Tender):
        yield nf.problem(("amends",), Rule.AMENDS_TYPE,
                         f"amends {amendment.amends!r}, which is a {target.notice.type}, not a tender")
        return
    if target.notice.project.code != amendment.project.code:
        yield nf.problem(("project", "code"), Rule.AMENDS_PROJECT,
                         f"project.code {amendment.project.code!r} differs from the amended tender's "
                         f"{target.notice.project.code!r}: an amendment belongs to its tender's project")
    if rules.start_of(amendment.published, tz) < rules.start_of(target.notice.published, tz):
        yield nf.problem(("published",), Rule.PUBLISHED_ORDER,
                         f"published before the tender it amends ({amendment.amends}, "
                         f"published {target.notice.published})")
    changes = amendment.changes
    if changes is None:
        return
    if changes.deadline is None and changes.opening is None:
        yield nf.problem(("changes",), Rule.CHANGES_EMPTY,
                         "changes needs a new deadline or opening (or remove changes)")
    if changes.deadline is not None and changes.deadline <= rules.start_of(amendment.published, tz):
        yield nf.problem(("changes", "deadline"), Rule.DEADLINE_ORDER,
                         "changes.deadline must be after the amendment is published")
    deadline = changes.deadline or target.notice.deadline
    if changes.opening is not None and changes.opening.time < deadline:
        yield nf.problem(("changes", "opening", "time"), Rule.OPENING_ORDER,
                         "changes.opening.time must not be before the (new) deadline")


def effective_deadlines(
    notices: list[NoticeFile], tz: ZoneInfo
) -> dict[str, tuple[Any, list[Any]]]:
    """Per tender id: (effective deadline, superseded deadlines), amendments applied in order."""
    result: dict[str, tuple[Any, list[Any]]] = {}
    amendments = sorted(
        (nf for nf in notices if isinstance(nf.notice, Amendment)),
        key=lambda nf: (rules.start_of(nf.notice.published, tz), nf.id),
    )
    for nf in notices:
        if isinstance(nf.notice, Tender):
            result[nf.id] = (nf.notice.deadline, [])
    for nf in amendments:
        notice = nf.notice
        assert isinstance(notice, Amendment)
        if notice.amends in result and notice.changes and notice.changes.deadline:
            current, superseded = result[notice.amends]
            result[notice.amends] = (notice.changes.deadline, [*superseded, current])
    return result


def _legal_amendment_periods(
    notices: list[NoticeFile], by_id: dict[str, NoticeFile], tz: ZoneInfo
) -> Iterator[Problem]:
    deadlines = effective_deadlines(notices, tz)
    period = rules.AMENDMENT_NOTICE
    for nf in notices:
        notice = nf.notice
        if not isinstance(notice, Amendment) or notice.amends not in deadlines:
            continue
        deadline = deadlines[notice.amends][0]
        days = rules.calendar_days(notice.published, deadline, tz)
        if days < period.minimum_days:
            yield nf.problem(("published",), period.rule,
                             f"published {days} days before the tender's effective deadline; a change or "
                             f"clarification needs at least {period.minimum_days}, or the deadline must "
                             f"move ({period.law})", WARNING)


# --- results family -----------------------------------------------------------------------------


def _check_result(
    nf: NoticeFile,
    result: Candidates | Award | Termination,
    tenders_by_project: dict[str, list[NoticeFile]],
    broken: dict[str, Any],
    tz: ZoneInfo,
) -> Iterator[Problem]:
    tenders = tenders_by_project.get(result.project.code)
    broken_tender = next((id_ for id_, raw in broken.items()
                          if _raw_tender_project(raw) == result.project.code), None)
    if not tenders and broken_tender:
        yield nf.problem(("project", "code"), Rule.PROJECT_TENDER,
                         f"the tender of project {result.project.code!r} ({broken_tender}) has errors of "
                         "its own: fix that file first")
    elif not tenders:
        yield nf.problem(("project", "code"), Rule.PROJECT_TENDER,
                         f"no tender in the data has project.code {result.project.code!r}: a result needs "
                         "its project's tender (check the code)")
    else:
        first = min(tenders, key=lambda t: rules.start_of(t.notice.published, tz))
        if rules.start_of(result.published, tz) < rules.start_of(first.notice.published, tz):
            yield nf.problem(("published",), Rule.PUBLISHED_ORDER,
                             f"published before its project's tender ({first.id}, published "
                             f"{first.notice.published})")
    if isinstance(result, Candidates):
        yield from _check_candidates(nf, result, tz)


def _raw_tender_project(raw: Any) -> Any:
    """The project code of a tender file that did not load, as far as it can be read."""
    if isinstance(raw, dict) and raw.get("type") == "tender" and isinstance(raw.get("project"), dict):
        code = raw["project"].get("code")
        return getattr(code, "source", code)
    return None


def _misplaced_rank(ranks: list[int]) -> int | None:
    """The index of the first rank that repeats one before it or is beyond the count."""
    seen: set[int] = set()
    for index, rank in enumerate(ranks):
        if rank in seen or rank > len(ranks):
            return index
        seen.add(rank)
    return None


def _check_candidates(nf: NoticeFile, result: Candidates, tz: ZoneInfo) -> Iterator[Problem]:
    ranks = [c.rank for c in result.candidates]
    misplaced = _misplaced_rank(ranks)
    if misplaced is not None:
        yield nf.problem(("candidates", misplaced, "rank"), Rule.CANDIDATES_RANKS,
                         f"ranks are {ranks}: number the candidates 1 to {len(ranks)}, each rank once")
    if rules.end_of(result.publicity_end, tz) <= rules.start_of(result.published, tz):
        yield nf.problem(("publicity_end",), Rule.PUBLICITY_ORDER, "publicity_end must be after published")
        return
    period = rules.CANDIDATES_PUBLICITY
    days = rules.calendar_days(result.published, result.publicity_end, tz)
    if days < period.minimum_days:
        yield nf.problem(("publicity_end",), period.rule,
                         f"publicity period is {days} days; candidates are publicised for at least "
                         f"{period.minimum_days} ({period.law})", WARNING)


# --- penalties ------------------------------------------------------------------------------------

USCC_REQUIRED_FOR = frozenset({"company", "agency", "buyer"})


def _check_penalty(nf: NoticeFile, penalty: Penalty, tz: ZoneInfo) -> Iterator[Problem]:
    subject = penalty.subject
    if subject.kind in USCC_REQUIRED_FOR and subject.uscc is None:
        yield nf.missing(("subject",), Rule.SUBJECT_USCC,
                         f"subject.uscc is required for {_a(subject.kind)}: add its 统一社会信用代码")
    if subject.kind not in USCC_REQUIRED_FOR and subject.uscc is not None:
        yield nf.problem(("subject", "uscc"), Rule.SUBJECT_USCC,
                         f"subject.uscc is not allowed for {_a(subject.kind)}: remove it")
    for index, sanction in enumerate(penalty.sanctions):
        key = ("sanctions", index)
        if sanction.kind == "fine" and sanction.amount is None:
            yield nf.missing(key, Rule.SANCTION_AMOUNT, "a fine needs amount (元): add it")
        if sanction.kind in ("suspension", "debarment") and sanction.until is None:
            yield nf.missing(key, Rule.SANCTION_UNTIL, f"a {sanction.kind} needs until (the last day): add it")
        if sanction.until is not None and sanction.until < penalty.decided:
            yield nf.problem((*key, "until"), Rule.SANCTION_UNTIL, "until must not be before decided")
    if penalty.decided > rules.local_date(penalty.published, tz):
        yield nf.problem(("decided",), Rule.DECIDED_ORDER,
                         "decided is after published: a decision is published once it is made")
    if rules.end_of(penalty.publicity_end, tz) <= rules.end_of(penalty.decided, tz):
        yield nf.problem(("publicity_end",), Rule.PUBLICITY_ORDER, "publicity_end must be after decided")
    yield from _personal_data(nf, nf.raw, ())


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _personal_data(nf: NoticeFile, value: Any, key: tuple[Any, ...]) -> Iterator[Problem]:
    if isinstance(value, dict):
        for name, child in value.items():
            yield from _personal_data(nf, child, (*key, name))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _personal_data(nf, child, (*key, index))
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        text = getattr(value, "source", value) if not isinstance(value, str) else value
        for found in rules.find_personal_data(str(text)):
            what = "resident ID number" if found.kind == "resident-id" else "mobile number"
            yield nf.problem(key, Rule.PERSONAL_DATA,
                             f"unmasked {what} in a penalty: write it masked, e.g. {rules.mask(found)}")


# --- regions --------------------------------------------------------------------------------------


def check_regions(regions: list[Region], shown: str, positions: Positions) -> Iterator[Problem]:
    def problem(index: int, field: str, rule: Rule, message: str) -> Problem:
        where = positions.of_value((index, field))
        return Problem(shown, where.line, where.column, Severity.ERROR, rule, message)

    first_index: dict[str, int] = {}
    for index, region in enumerate(regions):
        if region.code in first_index:
            yield problem(index, "code", Rule.REGION_UNIQUE,
                          f"region {region.code} is listed twice (first at entry {first_index[region.code] + 1})")
        first_index.setdefault(region.code, index)
    for index, region in enumerate(regions):
        allowed = rules.allowed_parents(region.code)
        if region.parent is None:
            if allowed:
                yield problem(index, "code", Rule.REGION_PARENT,
                              f"{region.code} {region.name} is a {rules.region_level(region.code)}-level "
                              f"code: add parent: \"{allowed[0]}\"")
            continue
        if region.parent not in first_index:
            yield problem(index, "parent", Rule.REGION_PARENT,
                          f"parent {region.parent} is not listed in regions.yaml: add it first")
        elif region.parent not in allowed:
            expected = " or ".join(allowed) if allowed else "none (a province has no parent)"
            yield problem(index, "parent", Rule.REGION_PARENT,
                          f"by GB/T 2260 the parent of {region.code} is {expected}, not {region.parent}")
    yield from _region_cycles(regions, problem)


def _region_cycles(regions: list[Region], problem: Any) -> Iterator[Problem]:
    parent_of = {r.code: r.parent for r in regions}
    index_of = {r.code: i for i, r in enumerate(regions)}
    reported: set[str] = set()
    for code in parent_of:
        seen: list[str] = []
        current: str | None = code
        while current is not None and current in parent_of and current not in seen:
            seen.append(current)
            current = parent_of[current]
        if current is not None and current in seen and current not in reported:
            cycle = seen[seen.index(current):]
            reported.update(cycle)
            yield problem(index_of[current], "parent", Rule.REGION_CYCLE,
                          f"regions form a cycle ({' → '.join([*cycle, current])}): fix the parents")
