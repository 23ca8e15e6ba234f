"""`gongshi import`: notices read from workbooks and OCDS packages, validated as notice files
are, then written where `gongshi new` puts them.

Records stream: each (a row, a release) becomes the text of its notice file
(records.notice_text), which is read back by the YAML loader and validated by the notice's
model exactly as a hand-written file is, then written to a staging folder in the data folder
(hidden, so no one reads it as data) and let go; only its `Trace` is kept (where it came from,
in a few numbers). The cross-file checks then run through the ordinary loader over the data
folder with the staged files in their places (`load_dataset(staged=…)`): the data folder as it
will be. Problems are said at the cell or JSON path they come from. Nothing is moved in unless
every record is valid (`partial`: the valid ones, after the checks are run again without the
others, since a notice can be valid only beside one that is not; without it, the first run's
errors are said and nothing more is checked). Each staged file is moved into place with one
rename; the staging folder is removed whatever happens. A notice that exists is left alone
when identical, and replaced only with `update` (the changes are said field by field).

So the import's memory does not grow with its records beyond what the final check holds, which
is what `gongshi validate` of the resulting data folder holds.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from .. import rules
from ..commands.new import next_notice_id, taken_ids
from ..config import Settings
from ..dataset import Dataset, load_dataset, worded
from ..errors import Problem, Rule, Severity, UsageError
from ..load import Key, Position, Positions, YamlFileError, parse_yaml, positions_of
from ..model import ID_PATTERN, MODEL_OF_TYPE, Notice, Tender
from ..words import (
    COMMANDS,
    IMPORTING,
    VALUE_PROBLEMS,
    VOCABULARIES,
    FieldName,
    Message,
    Series,
    Value,
    shown,
)
from ..words.editing import EDITING
from .columns import CODED, columns_of
from .ocds import OcdsContext, ProjectFacts, read_package
from .records import Record, Trace, notice_text
from .workbook import read_workbook

MAX_PROBLEMS_PER_RECORD = 100
MAX_CHANGES_SHOWN = 20
STAGING_PREFIX = ".gongshi-import-"


@dataclass(frozen=True)
class ImportProblem:
    """One problem of one record, said where it stands in the source."""

    where: Message
    severity: Severity
    rule: Rule
    message: Message

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_text(self, language: str) -> str:
        return IMPORTING.message(
            "problem_line", where=self.where, severity=COMMANDS.message(f"severity_{self.severity}"),
            message=self.message, rule=str(self.rule)).in_language(language)


@dataclass(frozen=True, slots=True)
class Staged:
    """A valid record whose notice file waits in the staging folder: where it came from, its
    place below notices/, and whether it replaces a file there (and what that changes)."""

    trace: Trace
    place: str  # below notices/, with `/`
    replaces: bool
    changes: tuple[Message, ...] = ()

    @property
    def unchanged(self) -> bool:
        return self.replaces and not self.changes


@dataclass
class ImportReport:
    read: int = 0
    written: list[Path] = field(default_factory=list)
    updated: list[tuple[Path, list[Message]]] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[Message] = field(default_factory=list)  # each invalid record's row or release
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def invalid(self) -> int:
        return len(self.rejected)

    def summary(self) -> Message:
        return IMPORTING.message("summary", read=self.read, written=len(self.written),
                                 updated=len(self.updated), unchanged=self.unchanged, invalid=self.invalid)


@dataclass(frozen=True)
class ImportOptions:
    partial: bool = False
    update: bool = False
    region: str | None = None  # OCDS: the region of tenders whose project is not known yet


def import_files(files: list[Path], data_dir: Path, settings: Settings, options: ImportOptions) -> ImportReport:
    """Read every record of `files`, validate them against `data_dir`, write them (or none)."""
    from ..commands.validate import require_data_dir

    require_data_dir(data_dir)
    kinds = [(path, _kind_of(path)) for path in files]
    dataset = load_dataset(data_dir, settings.tz, minimums=settings.legal_minimum_days)
    _check_region_option(dataset, options.region)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=data_dir))
    try:
        importer = _Importer(dataset, settings, options, staging,
                             reads_ocds=any(kind == "ocds" for _, kind in kinds))
        del dataset  # the importer lets go of it before the final check
        for path, kind in kinds:
            importer.read_file(path, kind)
        return importer.finish()
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _kind_of(path: Path) -> str:
    if not path.is_file():
        raise UsageError(IMPORTING.message("file_missing", path=path.as_posix()))
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "ocds"
    if suffix in (".xlsx", ".xlsm"):
        return "workbook"
    raise UsageError(IMPORTING.message("file_kind", path=path.as_posix()))


def _check_region_option(dataset: Dataset, region: str | None) -> None:
    regions_file = (dataset.data_dir / "regions.yaml").as_posix()
    if not dataset.regions:
        raise UsageError(EDITING.message("no_regions", path=regions_file, data=dataset.data_dir.as_posix()))
    if region is not None and region not in dataset.regions:
        examples = Series.of([EDITING.message("note_region", code=r.code, name=r.name)
                              for r in list(dataset.regions.values())[:5]])
        raise UsageError(EDITING.message("unknown_region", region=region, path=regions_file,
                                         examples=examples))


class _Importer:
    def __init__(self, dataset: Dataset, settings: Settings, options: ImportOptions, staging: Path, *,
                 reads_ocds: bool) -> None:
        self.data_dir = dataset.data_dir
        self.notices_dir = dataset.data_dir / "notices"
        self.staging = staging
        self.tz = settings.tz
        self.minimums = settings.legal_minimum_days  # the validator's table, as `validate` reads it
        self.options = options
        self.report = ImportReport()
        self.staged: dict[str, Staged] = {}  # by case-folded notice id
        # The data folder as it was, for comparisons while records are read; let go after.
        self.existing = {nf.id.casefold(): nf for nf in dataset.notices}
        self.broken = set(dataset.broken)
        self.taken = taken_ids(self.notices_dir)
        self.by_identity = {_identity(nf.notice): nf.id for nf in dataset.notices}
        # This import's records by the hash of their identity: a number each, not their words
        # (a clash of hashes would only refuse a row as a second one of its id).
        self.imported: dict[int, Staged] = {}
        self.reads_ocds = reads_ocds  # only OCDS releases need the projects' tenders read before
        self.ocds = OcdsContext(settings.ocid_prefix, self.tz, options.region, _known_projects(dataset, self.tz))

    # --- reading, validating and staging each record ---------------------------------------------------

    def read_file(self, path: Path, kind: str) -> None:
        shown_name = path.name
        notes: list[tuple[Message, Message]] = []
        records: Iterable[Record] = (read_package(path, shown_name, self.ocds) if kind == "ocds"
                                     else read_workbook(path, shown_name, notes))
        try:
            for record in records:
                self.report.read += 1
                self._take(record)
        except (OSError, KeyboardInterrupt, MemoryError):
            raise
        except Exception as exc:  # a file the reader cannot parse: one line, never a traceback
            entry = "not_json" if kind == "ocds" else "not_a_workbook"
            self._refuse_file(path, IMPORTING.message(entry, reason=str(exc) or type(exc).__name__))
        for where, what in notes:
            self.report.problems.append(ImportProblem(where, Severity.WARNING, Rule.IMPORT_SOURCE, what))

    def _refuse_file(self, path: Path, message: Message) -> None:
        where = IMPORTING.message("at_file", file=path.name)
        self.report.problems.append(ImportProblem(where, Severity.ERROR, Rule.IMPORT_SOURCE, message))
        self.report.rejected.append(where)

    def _take(self, record: Record) -> None:
        trace = record.trace
        problems = [ImportProblem(trace.at(key), Severity.ERROR, Rule.IMPORT_SOURCE, message)
                    for key, message in record.read_problems]
        notice = None
        text = ""
        if record.notice_type is not None:
            text = notice_text(record.notice_type, record.values)
            notice, found = self._validated(record, text)
            problems += found
        if problems or notice is None:
            self._reject(trace, problems)
            return
        notice_id = record.notice_id or self._new_id(notice)
        refusal = self._refusal(trace, notice_id)
        if refusal is not None:
            self._reject(trace, [refusal])
            return
        folded = notice_id.casefold()
        existing = self.existing.get(folded)
        target = existing.path if existing is not None else self._place(notice_id, notice)
        if existing is None and (notice_id in self.broken or target.exists()):
            self._reject(trace, [self._at_id(trace, Rule.IMPORT_EXISTS, IMPORTING.message(
                "exists_broken", path=target.as_posix()))])
            return
        found_changes = changes(existing.notice, notice) if existing is not None else []
        if found_changes and not self.options.update:
            assert existing is not None
            self._reject(trace, [self._at_id(trace, Rule.IMPORT_EXISTS, IMPORTING.message(
                "exists_changed", notice=notice_id, path=existing.shown_path,
                changes=_changes_said(found_changes)))])
            return
        self.taken.add(folded)
        place = target.relative_to(self.notices_dir).as_posix()
        self._stage(place, text)
        staged = Staged(trace, place, existing is not None, tuple(found_changes))
        self.staged[folded] = staged
        self.imported.setdefault(hash(_identity(notice)), staged)
        if isinstance(notice, Tender) and self.reads_ocds:
            self.ocds.projects[notice.project.code] = _facts(notice)

    def _validated(self, record: Record, text: str) -> tuple[Notice | None, list[ImportProblem]]:
        """The record's notice validated as its file `text` would be: read back, validated."""
        assert record.notice_type is not None
        trace = record.trace
        model = MODEL_OF_TYPE[record.notice_type]
        try:
            data, _ = parse_yaml(text)
        except YamlFileError as exc:
            return None, [ImportProblem(trace.row(), Severity.ERROR, exc.rule, exc.message)]
        try:
            notice = model.model_validate(data, context={"tz": self.tz})
        except ValidationError as exc:
            errors = exc.errors(include_url=False)[:MAX_PROBLEMS_PER_RECORD]
            return None, [_value_problem(trace, record.notice_type, error, model) for error in errors]
        return notice, []  # type: ignore[return-value]

    def _refusal(self, trace: Trace, notice_id: str) -> ImportProblem | None:
        """Why `notice_id` cannot be this record's file name, if it cannot."""
        if not ID_PATTERN.match(notice_id):
            return ImportProblem(trace.at(("id",)), Severity.ERROR, Rule.ID_FORMAT,
                                 IMPORTING.message("bad_id", value=shown(notice_id)))
        first = self.staged.get(notice_id.casefold())
        if first is not None:
            return self._at_id(trace, Rule.ID_UNIQUE, IMPORTING.message(
                "id_twice", value=shown(notice_id), first=first.trace.row()))
        return None

    def _reject(self, trace: Trace, problems: list[ImportProblem]) -> None:
        self.report.problems += problems
        self.report.rejected.append(trace.row())

    @staticmethod
    def _at_id(trace: Trace, rule: Rule, message: Message) -> ImportProblem:
        return ImportProblem(trace.at(("id",)), Severity.ERROR, rule, message)

    def _new_id(self, notice: Notice) -> str:
        """The id of the same notice imported before (same type, project and title: a row
        without an id imported again), else the one `gongshi new` would give."""
        identity = _identity(notice)
        same = self.by_identity.get(identity)
        if same is not None:
            return same
        imported = self.imported.get(hash(identity))
        if imported is not None:
            return PurePosixPath(imported.place).stem
        year = rules.local_date(notice.published, self.tz).year
        project = notice.project.code if notice.project is not None else None
        return next_notice_id(notice.type, project, notice.region, year, self.taken)

    def _place(self, notice_id: str, notice: Notice) -> Path:
        year = rules.local_date(notice.published, self.tz).year
        return self.notices_dir / str(year) / notice.region / f"{notice_id}.yaml"

    def _stage(self, place: str, text: str) -> None:
        path = self.staging / "notices" / place
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))

    # --- the data folder with the staged notices ---------------------------------------------------------

    def finish(self) -> ImportReport:
        self.existing = {}  # the final check loads the data folder again, as it will be
        self.by_identity = {}
        self.imported = {}
        self._cross_checked()
        if self.report.rejected and not self.options.partial:
            return self.report
        self._move_in()
        return self.report

    def _cross_checked(self) -> None:
        """Leave staged the records valid beside the data folder and each other: with
        `partial`, the checks run again without those found invalid until none is (a notice
        may lean on one that fails)."""
        while self.staged:
            dataset = load_dataset(self.data_dir, self.tz, minimums=self.minimums, staged=self.staging)
            found = self._staged_problems(dataset.problems)
            del dataset
            failing = [folded for folded, problems in found.items() if any(p.is_error for p in problems)]
            if not failing:
                for problems in found.values():
                    self.report.problems += problems
                return
            for folded in failing:
                staged = self.staged.pop(folded)
                (self.staging / "notices" / staged.place).unlink()
                self._reject(staged.trace, found[folded])
            if not self.options.partial:
                return

    def _staged_problems(self, problems: list[Problem]) -> dict[str, list[ImportProblem]]:
        """The problems of staged files, by record, said where they stand in the source."""
        found: dict[str, list[ImportProblem]] = {}
        positions: dict[str, Positions] = {}
        for problem in problems:
            folded = Path(problem.path).stem.casefold()
            staged = self.staged.get(folded)
            if staged is None or not problem.path.endswith(f"notices/{staged.place}"):
                continue
            key: Key = ()
            if problem.line is not None:
                if folded not in positions:
                    positions[folded] = positions_of(self.staging / "notices" / staged.place)
                key = _key_at(positions[folded], Position(problem.line, problem.column or 1))
            found.setdefault(folded, []).append(_checked_problem(staged.trace, key, problem))
        return found

    def _move_in(self) -> None:
        """Each staged file into its place, by one rename (same file system)."""
        for staged in self.staged.values():
            if staged.unchanged:
                self.report.unchanged += 1
                continue
            target = self.notices_dir / staged.place
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / "notices" / staged.place, target)
            if staged.replaces:
                self.report.updated.append((target, list(staged.changes)))
            else:
                self.report.written.append(target)


# --- problems said for a cell or a JSON field, not for a line of a file ------------------------------


def _value_problem(trace: Trace, notice_type: str, error: Any, model: Any) -> ImportProblem:
    """One error of validating a record's notice, said at its cell: a missing or empty value
    as what to fill in where, any other as a notice file's value would be."""
    loc = tuple(error["loc"])
    if error["type"] == "missing":
        return ImportProblem(trace.at(loc), Severity.ERROR, Rule.REQUIRED, _missing(trace, notice_type, loc))
    problem = worded(error, "", Position(trace.line, 0), model)
    message = problem.message
    if message.key == "values.empty":
        message = IMPORTING.message("cell_empty", field=FieldName.at(loc), place=trace.give(loc))
    return ImportProblem(trace.at(loc), problem.severity, problem.rule, message)


def _missing(trace: Trace, notice_type: str, loc: Key) -> Message:
    """A required value the record lacks: the column or JSON field to give it in; for a group
    (a party, a list) those of its required fields."""
    field_name = FieldName.at(loc)
    vocabulary = CODED.get(".".join(str(part) for part in loc if not isinstance(part, int)))
    if vocabulary is not None:
        names = VOCABULARIES[vocabulary]
        choices = Series.of([VALUE_PROBLEMS.message("choice", name=names[code], code=code) for code in names])
        return IMPORTING.message("cell_required_choice", field=field_name, place=trace.give(loc), choices=choices)
    inner = [column.key for column in columns_of(notice_type)
             if column.required and len(column.key) > len(loc) and column.key[:len(loc)] == loc]
    if not inner:
        return IMPORTING.message("cell_required", field=field_name, place=trace.give(loc))
    places: list[Message] = []
    for key in inner:
        place = trace.give(key)
        if place not in places:
            places.append(place)
    return IMPORTING.message("cell_required_group", field=field_name, places=Series.of(places))


# Checks that say which line of a file to add a missing field on: the field, and what to say.
_ADD_A_LINE = {"rules.sanction_amount": ("amount", "cell_sanction_amount"),
               "rules.sanction_until_missing": ("until", "cell_sanction_until"),
               "rules.subject_uscc_required": ("uscc", "cell_subject_uscc")}


def _checked_problem(trace: Trace, key: Key, problem: Problem) -> ImportProblem:
    """A problem the checks found in a staged file (about the value at `key`), said at its cell."""
    adding = _ADD_A_LINE.get(problem.message.key)
    if adding is None:
        return ImportProblem(trace.at(key), problem.severity, problem.rule, problem.message)
    name, entry = adding
    missing = (*key, name)
    said = {value_name: value for value_name, value in problem.message.values if value_name != "line"}
    return ImportProblem(trace.at(missing), problem.severity, problem.rule,
                         IMPORTING.message(entry, place=trace.give(missing), **said))


def _key_at(positions: Positions, at: Position) -> Key:
    """The key of the value (else of the mapping key) a file's problem at `at` is about: the
    outermost one when several start there."""
    for table in (positions.values, positions.keys):
        keys = [key for key, position in table.items() if position == at]
        if keys:
            return min(keys, key=len)
    return ()


def _identity(notice: Notice) -> tuple[str, str, str]:
    project = notice.project.code if notice.project is not None else ""
    return notice.type, project, notice.title


def _known_projects(dataset: Dataset, tz: Any) -> dict[str, ProjectFacts]:
    """Each project's latest tender in the data folder."""
    tenders = sorted((nf for nf in dataset.notices if isinstance(nf.notice, Tender)),
                     key=lambda nf: rules.start_of(nf.notice.published, tz))
    return {nf.notice.project.code: _facts(nf.notice) for nf in tenders if isinstance(nf.notice, Tender)}


def _facts(tender: Tender) -> ProjectFacts:
    # the same few regions, publishers and categories: one string each, not one a project
    return ProjectFacts(sys.intern(tender.region), sys.intern(tender.publisher), sys.intern(tender.category),
                        tender.project.name)


# --- what changes -----------------------------------------------------------------------------------


def changes(old: Notice, new: Notice) -> list[Message]:
    """Field by field, what `new` says differently from `old`: `field: old → new`."""
    before = dict(_leaves(old.model_dump(exclude_none=True), ()))
    after = dict(_leaves(new.model_dump(exclude_none=True), ()))
    found = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: [str(p) for p in k]):
        if before.get(key) != after.get(key):
            found.append(IMPORTING.message("change", field=FieldName.at(key), old=_shown(before.get(key)),
                                           new=_shown(after.get(key))))
    return found


def _leaves(value: Any, key: Key) -> Iterator[tuple[Key, Any]]:
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _leaves(inner, (*key, name))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _leaves(inner, (*key, index))
    else:
        yield key, value


def _shown(value: Any) -> Value:
    if value is None:
        return IMPORTING.message("nothing")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return shown(value)


def _changes_said(found: list[Message]) -> Series:
    return Series.of(list(found[:MAX_CHANGES_SHOWN]))

