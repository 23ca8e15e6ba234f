"""`gongshi import`: notices read from workbooks and OCDS packages, validated as notice files
are, then written where `gongshi new` puts them.

Each record (a row, a release) becomes the text of its notice file (records.notice_text), which
is read back by the YAML loader and validated by the notice's model exactly as a hand-written
file is; the valid ones then join the data folder's notices for the cross-file checks
(checks.check_dataset), in place of the notice of the same id they would replace. Problems are
said at the cell or JSON path they come from. Nothing is written unless every record is valid
(`partial`: the valid ones, after the checks are run again without the others, since a notice
can be valid only beside one that is not). A notice that exists is left alone when identical,
and replaced only with `update` (the changes are said field by field).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import checks, rules
from ..cachefile import write_bytes
from ..commands.new import next_notice_id, taken_ids
from ..config import Settings
from ..dataset import Dataset, NoticeFile, load_dataset, worded
from ..errors import Problem, Rule, Severity, UsageError
from ..load import Key, Position, YamlFileError, parse_yaml
from ..model import ID_PATTERN, MODEL_OF_TYPE, Notice, Penalty, Tender
from ..words import COMMANDS, IMPORTING, FieldName, Message, Series, Value, shown
from ..words.editing import EDITING
from .ocds import OcdsContext, ProjectFacts, read_package
from .records import Record, SourcePositions, notice_text
from .workbook import read_workbook

MAX_PROBLEMS_PER_RECORD = 100
MAX_CHANGES_SHOWN = 20


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


@dataclass
class Candidate:
    """A record that is a valid notice: what would be written, and where."""

    record: Record
    notice_file: NoticeFile
    text: str
    target: Path
    existing: NoticeFile | None = None
    changes: list[Message] = field(default_factory=list)


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
    dataset = load_dataset(data_dir, settings.tz)
    _check_region_option(dataset, options.region)
    importer = _Importer(dataset, settings, options)
    for path, kind in kinds:
        importer.read_file(path, kind)
    return importer.finish()


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
    def __init__(self, dataset: Dataset, settings: Settings, options: ImportOptions) -> None:
        self.dataset = dataset
        self.settings = settings
        self.tz = settings.tz
        self.options = options
        self.report = ImportReport()
        self.candidates: list[Candidate] = []
        self.invalid_sources: set[str] = set()
        self.existing = {nf.id.casefold(): nf for nf in dataset.notices}
        self.taken = taken_ids(dataset.data_dir / "notices")
        self.by_identity = {_identity(nf.notice): nf.id for nf in dataset.notices}
        self.ocds = OcdsContext(settings.ocid_prefix, self.tz, options.region, _known_projects(dataset, self.tz))

    # --- reading and validating each record ---------------------------------------------------------

    def read_file(self, path: Path, kind: str) -> None:
        shown_name = path.name
        notes: list[tuple[Message, Message]] = []
        records: Iterable[Record] = (read_package(path, shown_name, self.ocds) if kind == "ocds"
                                     else read_workbook(path, shown_name, notes))
        try:
            for record in records:
                self.report.read += 1
                self._take(record)
        except Exception as exc:  # a file the reader cannot parse: one line, never a traceback
            if isinstance(exc, (KeyboardInterrupt, MemoryError)):
                raise
            entry = "not_json" if kind == "ocds" else "not_a_workbook"
            self._refuse_file(path, IMPORTING.message(entry, reason=str(exc) or type(exc).__name__))
        for where, what in notes:
            self.report.problems.append(ImportProblem(where, Severity.WARNING, Rule.IMPORT_SOURCE, what))

    def _refuse_file(self, path: Path, message: Message) -> None:
        where = IMPORTING.message("at_file", file=path.name)
        self.report.problems.append(ImportProblem(where, Severity.ERROR, Rule.IMPORT_SOURCE, message))
        self.report.rejected.append(where)
        self.invalid_sources.add(path.name)

    def _take(self, record: Record) -> None:
        problems = [ImportProblem(record.places[place], Severity.ERROR, Rule.IMPORT_SOURCE, message)
                    for place, message in record.read_problems]
        notice = None
        text = ""
        if record.notice_type is not None:
            text = notice_text(record.notice_type, record.values)
            notice, data, found = self._validated(record, text)
            problems += found
        if problems or notice is None:
            self._reject(record, problems)
            return
        notice_id = record.notice_id or self._new_id(notice)
        if not ID_PATTERN.match(notice_id):
            self._reject(record, [ImportProblem(record.places[record.place(("id",))], Severity.ERROR,
                                                Rule.ID_FORMAT,
                                                IMPORTING.message("bad_id", value=shown(notice_id)))])
            return
        self.taken.add(notice_id.casefold())
        self.by_identity.setdefault(_identity(notice), notice_id)
        raw = data if isinstance(notice, Penalty) else None
        target = self._target(notice_id, notice)
        nf = NoticeFile(notice_id, target, record.source, notice, raw, SourcePositions(record))
        record.values = {}  # the text holds them now
        self.candidates.append(Candidate(record, nf, text, target))
        if isinstance(notice, Tender):
            self.ocds.projects[notice.project.code] = _facts(notice)

    def _validated(self, record: Record, text: str) -> tuple[Notice | None, Any, list[ImportProblem]]:
        """The record's notice validated as its file `text` would be: read back, validated."""
        assert record.notice_type is not None
        model = MODEL_OF_TYPE[record.notice_type]
        try:
            data, _ = parse_yaml(text)
        except YamlFileError as exc:
            return None, None, [ImportProblem(record.places[0], Severity.ERROR, exc.rule, exc.message)]
        try:
            notice = model.model_validate(data, context={"tz": self.tz})
        except ValidationError as exc:
            errors = exc.errors(include_url=False)[:MAX_PROBLEMS_PER_RECORD]
            return None, data, [self._said(record, worded(error, record.source, self._where(record, error), model))
                                for error in errors]
        return notice, data, []  # type: ignore[return-value]

    @staticmethod
    def _where(record: Record, error: Any) -> Position:
        return Position(record.line, record.place(tuple(error["loc"])))

    @staticmethod
    def _said(record: Record, problem: Problem) -> ImportProblem:
        place = problem.column if problem.column is not None and problem.column < len(record.places) else 0
        return ImportProblem(record.places[place], problem.severity, problem.rule, problem.message)

    def _reject(self, record: Record, problems: list[ImportProblem]) -> None:
        self.report.problems += problems
        self.report.rejected.append(record.places[0])
        self.invalid_sources.add(record.source)

    def _new_id(self, notice: Notice) -> str:
        """The id of the same notice imported before (same type, project and title: a row
        without an id imported again), else the one `gongshi new` would give."""
        same = self.by_identity.get(_identity(notice))
        if same is not None:
            return same
        year = rules.local_date(notice.published, self.tz).year
        project = notice.project.code if notice.project is not None else None
        return next_notice_id(notice.type, project, notice.region, year, self.taken)

    def _target(self, notice_id: str, notice: Notice) -> Path:
        existing = self.existing.get(notice_id.casefold())
        if existing is not None:
            return existing.path
        year = rules.local_date(notice.published, self.tz).year
        return self.dataset.data_dir / "notices" / str(year) / notice.region / f"{notice_id}.yaml"

    # --- the data folder with the imported notices -----------------------------------------------------

    def finish(self) -> ImportReport:
        self._compare_with_existing()
        valid = self._cross_checked()
        if self.report.rejected and not self.options.partial:
            return self.report
        for candidate in valid:
            self._write(candidate)
        return self.report

    def _compare_with_existing(self) -> None:
        kept: list[Candidate] = []
        for candidate in self.candidates:
            nf = candidate.notice_file
            existing = self.existing.get(nf.id.casefold())
            if existing is None and (nf.id in self.dataset.broken or candidate.target.exists()):
                self._reject(candidate.record, [self._at_id(candidate, Rule.IMPORT_EXISTS, IMPORTING.message(
                    "exists_broken", path=candidate.target.as_posix()))])
                continue
            if existing is not None:
                candidate.existing = existing
                candidate.changes = changes(existing.notice, nf.notice)
                if candidate.changes and not self.options.update:
                    self._reject(candidate.record, [self._at_id(candidate, Rule.IMPORT_EXISTS, IMPORTING.message(
                        "exists_changed", notice=nf.id, path=existing.shown_path,
                        changes=_changes_said(candidate.changes)))])
                    continue
            kept.append(candidate)
        self.candidates = kept

    def _at_id(self, candidate: Candidate, rule: Rule, message: Message) -> ImportProblem:
        record = candidate.record
        return ImportProblem(record.places[record.place(("id",))], Severity.ERROR, rule, message)

    def _cross_checked(self) -> list[Candidate]:
        """The candidates valid beside the data folder and each other: the checks run again
        without those found invalid until none is (a notice may lean on one that fails)."""
        candidates = self.candidates
        while True:
            by_source = {c.record.source: c for c in candidates}
            replaced = {c.notice_file.id.casefold() for c in candidates if c.existing is not None}
            notices = [nf for nf in self.dataset.notices if nf.id.casefold() not in replaced]
            notices += [c.notice_file for c in candidates]
            combined = Dataset(self.dataset.data_dir, self.dataset.regions, notices, broken=self.dataset.broken)
            found: dict[str, list[ImportProblem]] = {}
            for problem in checks.check_dataset(combined, self.tz):
                candidate = by_source.get(problem.path)
                if candidate is not None:
                    found.setdefault(problem.path, []).append(self._said(candidate.record, problem))
            failing = {source for source, problems in found.items() if any(p.is_error for p in problems)}
            if not failing:
                for problems in found.values():
                    self.report.problems += problems
                return candidates
            for source in failing:
                self._reject(by_source[source].record, found[source])
            candidates = [c for c in candidates if c.record.source not in failing]

    def _write(self, candidate: Candidate) -> None:
        if candidate.existing is not None and not candidate.changes:
            self.report.unchanged += 1
            return
        candidate.target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(candidate.target, candidate.text.encode("utf-8"))
        if candidate.existing is not None:
            self.report.updated.append((candidate.target, candidate.changes))
        else:
            self.report.written.append(candidate.target)


def _identity(notice: Notice) -> tuple[str, str, str]:
    project = notice.project.code if notice.project is not None else ""
    return notice.type, project, notice.title


def _known_projects(dataset: Dataset, tz: Any) -> dict[str, ProjectFacts]:
    """Each project's latest tender in the data folder."""
    tenders = sorted((nf for nf in dataset.notices if isinstance(nf.notice, Tender)),
                     key=lambda nf: rules.start_of(nf.notice.published, tz))
    return {nf.notice.project.code: _facts(nf.notice) for nf in tenders if isinstance(nf.notice, Tender)}


def _facts(tender: Tender) -> ProjectFacts:
    return ProjectFacts(tender.region, tender.publisher, tender.category, tender.project.name)


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

