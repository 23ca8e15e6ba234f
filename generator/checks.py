"""Rules beyond the shape of one value: fields compared with each other, files compared with
each other, the region tree, personal data and legal periods. Each rule yields problems that
point at the value they are about."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from . import rules
from .datafiles import Missing, attachment_refusal
from .errors import Problem, Rule, Severity
from .load import Key, Positions
from .model import Amendment, Attachment, Award, Candidates, Penalty, Region, Tender, Termination
from .words import REMOTE_PROBLEMS, RULE_PROBLEMS, VOCABULARIES, FieldName, Message, Series, Value, shown

if TYPE_CHECKING:
    from .dataset import Dataset, NoticeFile

WARNING = Severity.WARNING


# --- how a message shows what it is about -----------------------------------------------------------


def _field(path: str) -> FieldName:
    """A field of a notice by its dotted path without list positions (`sanctions.until`): the
    problem's line says which entry of a list it is about."""
    return FieldName(path, path)


def _region_field(name: str) -> FieldName:
    return FieldName(name, name, in_regions=True)


def _coded(vocabulary: str, code: str) -> Message:
    """A coded value with its name: 罚款 `fine`."""
    name = VOCABULARIES[vocabulary].get(code)
    return RULE_PROBLEMS.message("coded_value", name=name if name is not None else code, code=code)


def _when(value: date | datetime, tz: ZoneInfo) -> str:
    """A date or time as an editor writes it (2026-03-25, 2026-03-25 09:30), in the site's zone."""
    if not isinstance(value, datetime):
        return value.isoformat()
    local = value.astimezone(tz) if value.tzinfo else value
    return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")


def _earliest(published: date | datetime, days: int, tz: ZoneInfo) -> str:
    """The first date a period of `days` calendar days from `published` allows."""
    return (rules.local_date(published, tz) + timedelta(days=days)).isoformat()


def check_dataset(dataset: Dataset, tz: ZoneInfo,
                  minimums: rules.TenderMinimums = rules.TENDER_MINIMUM_DAYS) -> Iterator[Problem]:
    """Every problem, one at a time: the caller keeps as many per file as it shows.
    `minimums`: the legal minimum of a tender's submission period by category and method."""
    yield from _unique_ids(dataset.notices)
    by_id = {nf.id: nf for nf in dataset.notices}
    tenders_by_project = _tenders_by_project(dataset.notices)
    for nf in dataset.notices:
        yield from _check_common(nf, dataset, tz)
        notice = nf.notice
        if isinstance(notice, Tender):
            yield from _check_tender(nf, notice, tz, minimums)
        elif isinstance(notice, Amendment):
            yield from _check_amendment(nf, notice, by_id, tenders_by_project, dataset.broken, tz)
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
            entry = "id_taken" if first.id == nf.id else "id_taken_in_other_case"
            yield Problem(nf.shown_path, None, None, Severity.ERROR, Rule.ID_UNIQUE,
                          RULE_PROBLEMS.message(entry, first=first.shown_path))


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
        yield nf.problem(("region",), Rule.REGION_UNKNOWN, RULE_PROBLEMS.message(
            "region_unknown", field=_field("region"), value=shown(notice.region)))
    if notice.contact is not None and not any(
        (notice.contact.name, notice.contact.phone, notice.contact.email)
    ):
        parts = Series.of([FieldName(f"contact.{name}", name) for name in ("name", "phone", "email")])
        yield nf.problem(("contact",), Rule.CONTACT_EMPTY,
                         RULE_PROBLEMS.message("contact_empty", field=_field("contact"), fields=parts))
    if notice.withdrawn is not None and notice.withdrawn.date < rules.local_date(notice.published, tz):
        yield nf.problem(("withdrawn", "date"), Rule.WITHDRAWN_DATE, RULE_PROBLEMS.message(
            "withdrawn_date", field=_field("withdrawn.date"), value=_when(notice.withdrawn.date, tz),
            published_field=_field("published"), published=_when(notice.published, tz)))
    yield from _check_attachments(nf, dataset.files_dir())


def _check_attachments(nf: NoticeFile, files_dir: Path) -> Iterator[Problem]:
    for index, attachment in enumerate(nf.notice.attachments or []):
        key = ("attachments", index)
        if (attachment.file is None) == (attachment.url is None):
            entry = "attachment_neither" if attachment.file is None else "attachment_both"
            yield nf.problem(key, Rule.ATTACHMENT_TARGET, RULE_PROBLEMS.message(
                entry, file_field=FieldName("attachments.file", "file"),
                url_field=FieldName("attachments.url", "url")))
            continue
        declared = _declaration_problem(nf, key, attachment)
        if declared is not None:
            yield declared
        if attachment.file is None:
            continue
        path = f"{files_dir.name}/{attachment.file}"
        # Opened here, so a file that exists but cannot be read stops validation, not the build.
        found = attachment_refusal(files_dir, attachment.file)
        if isinstance(found, Missing) and found.reason:  # e.g. a name longer than the file system allows
            yield nf.problem((*key, "file"), Rule.ATTACHMENT_FILE, RULE_PROBLEMS.message(
                "attachment_unopenable", path=shown(path), reason=found.reason))
        elif isinstance(found, Missing):
            yield nf.problem((*key, "file"), Rule.ATTACHMENT_FILE,
                             RULE_PROBLEMS.message("attachment_missing", path=shown(path)))
        elif found is not None:
            refusal = found
            yield nf.problem((*key, "file"), refusal.rule, refusal.message(path))


def _declaration_problem(nf: NoticeFile, key: Key, attachment: Attachment) -> Problem | None:
    """`size` and `sha256` declare a file kept outside git: both, and only beside `url`."""
    written = [name for name in ("size", "sha256") if getattr(attachment, name) is not None]
    if not written:
        return None
    names = {name: FieldName(f"attachments.{name}", name) for name in ("size", "sha256", "file", "url")}
    fields = {"size_field": names["size"], "digest_field": names["sha256"]}
    if attachment.file is not None:
        return nf.problem((*key, written[0]), Rule.ATTACHMENT_DECLARED, REMOTE_PROBLEMS.message(
            "declared_on_file", **fields, url_field=names["url"], file_field=names["file"]))
    if len(written) == 1:
        missing = "sha256" if written[0] == "size" else "size"
        return nf.problem((*key, written[0]), Rule.ATTACHMENT_DECLARED, REMOTE_PROBLEMS.message(
            "declared_half", **fields, written=names[written[0]], missing=names[missing]))
    return None


# --- tenders family -----------------------------------------------------------------------------


def _check_tender(nf: NoticeFile, tender: Tender, tz: ZoneInfo,
                  minimums: rules.TenderMinimums) -> Iterator[Problem]:
    if tender.deadline <= rules.start_of(tender.published, tz):
        yield nf.problem(("deadline",), Rule.DEADLINE_ORDER, _deadline_order(
            "deadline", tender.deadline, tender.published, tz))
    else:
        yield from _tender_period(nf, tender, tz, minimums)
    if tender.opening is not None and tender.opening.time < tender.deadline:
        yield nf.problem(("opening", "time"), Rule.OPENING_ORDER, RULE_PROBLEMS.message(
            "opening_order", field=_field("opening.time"), value=_when(tender.opening.time, tz),
            deadline_field=_field("deadline"), deadline=_when(tender.deadline, tz)))


def _deadline_order(path: str, deadline: datetime, published: date | datetime, tz: ZoneInfo) -> Message:
    return RULE_PROBLEMS.message(
        "deadline_order", field=_field(path), value=_when(deadline, tz),
        published_field=_field("published"), published=_when(published, tz))


def _tender_period(nf: NoticeFile, tender: Tender, tz: ZoneInfo,
                   minimums: rules.TenderMinimums) -> Iterator[Problem]:
    """Only where the deadline is after publication (before it, deadline-order says so) and
    the table of minimums names the tender's category and method."""
    period = rules.tender_period(minimums, tender.category, tender.method)
    if period is None:
        return
    days = rules.calendar_days(tender.published, tender.deadline, tz)
    if days >= period.minimum_days:
        return
    said: dict[str, Value] = {
        "field": _field("deadline"), "value": _when(tender.deadline, tz), "days": days,
        "minimum": period.minimum_days, "law": period.citation,
        "earliest": _earliest(tender.published, period.minimum_days, tz)}
    if (tender.category, tender.method) == ("construction", "open"):
        message = RULE_PROBLEMS.message("period_tender", **said)
    else:
        message = RULE_PROBLEMS.message("period_tender_of", category=_coded("category", tender.category),
                                        method=_coded("method", tender.method), **said)
    yield nf.problem(("deadline",), period.rule, message, WARNING)


def _check_amendment(
    nf: NoticeFile, amendment: Amendment, by_id: dict[str, NoticeFile],
    tenders_by_project: dict[str, list[NoticeFile]], broken: dict[str, Any], tz: ZoneInfo,
) -> Iterator[Problem]:
    target = by_id.get(amendment.amends)
    amends: dict[str, Value] = {"field": _field("amends"), "value": shown(amendment.amends)}
    if target is None and amendment.amends in broken:
        yield nf.problem(("amends",), Rule.AMENDS_BROKEN, RULE_PROBLEMS.message("amends_broken", **amends))
        return
    if target is None:
        yield nf.problem(("amends",), Rule.AMENDS_UNKNOWN,
                         _amends_unknown(amends, tenders_by_project.get(amendment.project.code, [])))
        return
    if not isinstance(target.notice, Tender):
        yield nf.problem(("amends",), Rule.AMENDS_TYPE, RULE_PROBLEMS.message(
            "amends_type", kind=_coded("type", target.notice.type), **amends))
        return
    tender = target.notice
    if tender.project.code != amendment.project.code:
        yield nf.problem(("project", "code"), Rule.AMENDS_PROJECT, RULE_PROBLEMS.message(
            "amends_project", field=_field("project.code"), value=shown(amendment.project.code),
            tender=target.id, tender_code=shown(tender.project.code)))
    if rules.start_of(amendment.published, tz) < rules.start_of(tender.published, tz):
        yield nf.problem(("published",), Rule.PUBLISHED_ORDER, RULE_PROBLEMS.message(
            "published_before_amended", field=_field("published"), value=_when(amendment.published, tz),
            tender=target.id, tender_published=_when(tender.published, tz)))
    yield from _check_changes(nf, amendment, target.id, tender, tz)


def _amends_unknown(amends: dict[str, Value], tenders: list[NoticeFile]) -> Message:
    """Names the project's tender when there is exactly one to amend."""
    if len(tenders) == 1:
        return RULE_PROBLEMS.message("amends_unknown_of_project", tender=tenders[0].id, **amends)
    return RULE_PROBLEMS.message("amends_unknown", **amends)


def _check_changes(
    nf: NoticeFile, amendment: Amendment, tender_id: str, tender: Tender, tz: ZoneInfo
) -> Iterator[Problem]:
    changes = amendment.changes
    if changes is None:
        return
    if changes.deadline is None and changes.opening is None:
        yield nf.problem(("changes",), Rule.CHANGES_EMPTY, RULE_PROBLEMS.message(
            "changes_empty", field=_field("changes"),
            deadline_field=FieldName("changes.deadline", "deadline"),
            opening_field=FieldName("changes.opening", "opening"), body_field=_field("body")))
    if changes.deadline is not None and changes.deadline <= rules.start_of(amendment.published, tz):
        yield nf.problem(("changes", "deadline"), Rule.DEADLINE_ORDER, _deadline_order(
            "changes.deadline", changes.deadline, amendment.published, tz))
    if changes.opening is None:
        return
    opening: dict[str, Value] = {"field": _field("changes.opening.time"), "value": _when(changes.opening.time, tz)}
    if changes.deadline is not None and changes.opening.time < changes.deadline:
        yield nf.problem(("changes", "opening", "time"), Rule.OPENING_ORDER, RULE_PROBLEMS.message(
            "opening_order", deadline_field=_field("changes.deadline"),
            deadline=_when(changes.deadline, tz), **opening))
    elif changes.deadline is None and changes.opening.time < tender.deadline:
        yield nf.problem(("changes", "opening", "time"), Rule.OPENING_ORDER, RULE_PROBLEMS.message(
            "opening_order_tender", tender=tender_id, deadline_field=_field("deadline"),
            deadline=_when(tender.deadline, tz), **opening))


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
        if _own_deadline_out_of_order(notice, tz):
            continue  # deadline-order says so
        deadline = deadlines[notice.amends][0]
        days = rules.calendar_days(notice.published, deadline, tz)
        if days >= period.minimum_days:
            continue
        said: dict[str, Value] = {
            "deadline": _when(deadline, tz), "minimum": period.minimum_days, "law": period.citation,
            "earliest": _earliest(notice.published, period.minimum_days, tz)}
        message = (RULE_PROBLEMS.message("period_amendment", days=days, **said) if days >= 0
                   else RULE_PROBLEMS.message("period_amendment_late", **said))
        yield nf.problem(("published",), period.rule, message, WARNING)


def _own_deadline_out_of_order(amendment: Amendment, tz: ZoneInfo) -> bool:
    deadline = amendment.changes.deadline if amendment.changes else None
    return deadline is not None and deadline <= rules.start_of(amendment.published, tz)


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
    code = shown(result.project.code)
    if not tenders and broken_tender:
        yield nf.problem(("project", "code"), Rule.PROJECT_TENDER, RULE_PROBLEMS.message(
            "project_tender_broken", value=code, tender=broken_tender))
    elif not tenders:
        yield nf.problem(("project", "code"), Rule.PROJECT_TENDER, RULE_PROBLEMS.message(
            "project_tender_missing", field=_field("project.code"), value=code))
    else:
        first = min(tenders, key=lambda t: rules.start_of(t.notice.published, tz))
        if rules.start_of(result.published, tz) < rules.start_of(first.notice.published, tz):
            yield nf.problem(("published",), Rule.PUBLISHED_ORDER, RULE_PROBLEMS.message(
                "published_before_tender", field=_field("published"), value=_when(result.published, tz),
                tender=first.id, tender_published=_when(first.notice.published, tz)))
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
        yield nf.problem(("candidates", misplaced, "rank"), Rule.CANDIDATES_RANKS, RULE_PROBLEMS.message(
            "candidates_ranks", field=_field("candidates.rank"), ranks=Series.of(ranks), count=len(ranks)))
    end: dict[str, Value] = {"field": _field("publicity_end"), "value": _when(result.publicity_end, tz)}
    if rules.end_of(result.publicity_end, tz) <= rules.start_of(result.published, tz):
        yield nf.problem(("publicity_end",), Rule.PUBLICITY_ORDER, RULE_PROBLEMS.message(
            "publicity_order_published", published_field=_field("published"),
            published=_when(result.published, tz), **end))
        return
    period = rules.CANDIDATES_PUBLICITY
    days = rules.calendar_days(result.published, result.publicity_end, tz)
    if days < period.minimum_days:
        yield nf.problem(("publicity_end",), period.rule, RULE_PROBLEMS.message(
            "period_candidates", days=days, minimum=period.minimum_days, law=period.citation,
            earliest=_earliest(result.published, period.minimum_days, tz), **end), WARNING)


# --- penalties ------------------------------------------------------------------------------------

USCC_REQUIRED_FOR = frozenset({"company", "agency", "buyer"})
UNTIL_REQUIRED_FOR = frozenset({"suspension", "debarment"})


def _check_penalty(nf: NoticeFile, penalty: Penalty, tz: ZoneInfo) -> Iterator[Problem]:
    yield from _check_subject(nf, penalty)
    decided: dict[str, Value] = {"decided_field": _field("decided"), "decided": _when(penalty.decided, tz)}
    for index, sanction in enumerate(penalty.sanctions):
        key = ("sanctions", index)
        kind = _coded("sanction", sanction.kind)
        if sanction.kind == "fine" and sanction.amount is None:
            yield nf.missing(key, Rule.SANCTION_AMOUNT, RULE_PROBLEMS.message(
                "sanction_amount", kind=kind, field=_field("sanctions.amount"), line=_line_of(nf, key)))
        if sanction.kind in UNTIL_REQUIRED_FOR and sanction.until is None:
            yield nf.missing(key, Rule.SANCTION_UNTIL, RULE_PROBLEMS.message(
                "sanction_until_missing", kind=kind, field=_field("sanctions.until"),
                line=_line_of(nf, key)))
        if sanction.until is not None and sanction.until < penalty.decided:
            yield nf.problem((*key, "until"), Rule.SANCTION_UNTIL, RULE_PROBLEMS.message(
                "sanction_until_order", field=_field("sanctions.until"),
                value=_when(sanction.until, tz), **decided))
    if penalty.decided > rules.local_date(penalty.published, tz):
        yield nf.problem(("decided",), Rule.DECIDED_ORDER, RULE_PROBLEMS.message(
            "decided_order", field=_field("decided"), value=_when(penalty.decided, tz),
            published_field=_field("published"), published=_when(penalty.published, tz)))
    if rules.end_of(penalty.publicity_end, tz) <= rules.end_of(penalty.decided, tz):
        yield nf.problem(("publicity_end",), Rule.PUBLICITY_ORDER, RULE_PROBLEMS.message(
            "publicity_order_decided", field=_field("publicity_end"),
            value=_when(penalty.publicity_end, tz), **decided))
    yield from _personal_data(nf, nf.raw, ())


def _check_subject(nf: NoticeFile, penalty: Penalty) -> Iterator[Problem]:
    subject = penalty.subject
    said: dict[str, Value] = {"field": _field("subject.uscc"), "kind_field": _field("subject.kind"),
                              "kind": _coded("subject", subject.kind)}
    if subject.kind in USCC_REQUIRED_FOR and subject.uscc is None:
        yield nf.missing(("subject",), Rule.SUBJECT_USCC, RULE_PROBLEMS.message(
            "subject_uscc_required", line=_line_of(nf, ("subject",)), **said))
    if subject.kind not in USCC_REQUIRED_FOR and subject.uscc is not None:
        yield nf.problem(("subject", "uscc"), Rule.SUBJECT_USCC,
                         RULE_PROBLEMS.message("subject_uscc_not_allowed", **said))


def _line_of(nf: NoticeFile, key: Key) -> int:
    """The line of the key that holds the mapping `key` (where a missing field is added)."""
    return nf.positions.of_key(key).line


def _personal_data(nf: NoticeFile, value: Any, key: tuple[Any, ...]) -> Iterator[Problem]:
    if isinstance(value, dict):
        for name, child in value.items():
            yield from _personal_data(nf, child, (*key, name))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _personal_data(nf, child, (*key, index))
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        text = getattr(value, "source", value) if not isinstance(value, str) else value
        field = _field(".".join(str(part) for part in key if not isinstance(part, int)))
        for found in rules.find_personal_data(str(text)):
            entry = "personal_data_id" if found.kind == "resident-id" else "personal_data_mobile"
            yield nf.problem(key, Rule.PERSONAL_DATA,
                             RULE_PROBLEMS.message(entry, field=field, masked=rules.mask(found)))


# --- regions --------------------------------------------------------------------------------------


def check_regions(regions: list[Region], shown_path: str, positions: Positions) -> Iterator[Problem]:
    def problem(key: Key, rule: Rule, message: Message) -> Problem:
        where = positions.of_value(key)
        return Problem(shown_path, where.line, where.column, Severity.ERROR, rule, message)

    first_index: dict[str, int] = {}
    for index, region in enumerate(regions):
        first = first_index.setdefault(region.code, index)
        if first != index:
            yield problem((index, "code"), Rule.REGION_UNIQUE, RULE_PROBLEMS.message(
                "region_unique", field=_region_field("code"), value=shown(region.code),
                line=positions.of_value((first, "code")).line, entry=first + 1))
    for index, region in enumerate(regions):
        message = _parent_problem(region, first_index)
        if message is not None:
            yield problem((index, "code" if region.parent is None else "parent"), Rule.REGION_PARENT, message)
    yield from _region_cycles(regions, problem)


def _parent_problem(region: Region, listed: dict[str, int]) -> Message | None:
    """What is wrong with a region's parent by GB/T 2260, or None."""
    allowed = rules.allowed_parents(region.code)
    if region.parent is None:
        if not allowed:
            return None  # a province
        level = RULE_PROBLEMS.message(f"level_{rules.region_level(region.code)}")
        return RULE_PROBLEMS.message(
            "region_parent_needed", name=shown(region.name), code=region.code, level=level,
            field=_region_field("parent"), parent=allowed[0])
    parent = shown(region.parent)
    if region.parent not in listed:
        return RULE_PROBLEMS.message("region_parent_unlisted", field=_region_field("parent"), value=parent)
    if not allowed:
        return RULE_PROBLEMS.message("region_parent_of_province", code=region.code, value=parent)
    if region.parent not in allowed:
        return RULE_PROBLEMS.message("region_parent_wrong", code=region.code, expected=allowed[0], value=parent)
    return None


def _region_cycles(
    regions: list[Region], problem: Callable[[Key, Rule, Message], Problem]
) -> Iterator[Problem]:
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
            path = Series.of([*cycle, current], RULE_PROBLEMS["arrow"])
            yield problem((index_of[current], "parent"), Rule.REGION_CYCLE, RULE_PROBLEMS.message(
                "region_cycle", cycle=path, field=_region_field("parent")))
