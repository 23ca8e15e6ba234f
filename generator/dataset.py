"""Load a data folder into typed objects, collecting every problem on the way.

`load_dataset` reads `regions.yaml` and every notice file, validates each against its model
and then runs the cross-field and cross-file checks. It never stops at the first problem:
it returns everything it found, and callers decide whether errors (or warnings) stop them.
"""

from __future__ import annotations

import difflib
import hashlib
import heapq
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args, get_origin
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from . import cachefile, checks, rules
from .datafiles import list_files
from .errors import Problem, Rule, Severity
from .gcpause import collector_paused
from .load import (
    Key,
    Position,
    Positions,
    YamlFileError,
    decode_text,
    parse_yaml,
    positions_of,
    problem_from,
    read_bytes,
    read_yaml,
)
from .model import (
    ID_PATTERN,
    MODEL_OF_TYPE,
    NOTICE_TYPES,
    Category,
    Method,
    Notice,
    Penalty,
    Region,
    RegionList,
    SanctionKind,
    SubjectKind,
    found_value,
    text_expected,
)
from .parsecache import ParseCache, error_entry, error_from
from .progress import SILENT, Progress, tracked
from .words import FILE_PROBLEMS, VALUE_PROBLEMS, VOCABULARIES, FieldName, Localised, Message, Series, shown
from .words.problems_values import EXAMPLE_VALUES

# The code that makes a notice as validated from its file's bytes: reading its YAML, the model
# and its rules, and this module. Whatever is cached by a file's SHA-256 in place of the notice
# (a month's export, a form's hash) names this code in its stamp, through one list.
VALIDATING_CODE = ("generator.load", "generator.yamlsyntax", "generator.dataset", "generator.model",
                   "generator.rules")
VALIDATING_PACKAGES = ("pydantic", "PyYAML")


def validating_fingerprint(*, more_code: Iterable[str] = (), values: Iterable[Any] = ()) -> str:
    """The fingerprint of VALIDATING_CODE and its packages, plus `more_code` (what makes the
    cached thing from the notice) and `values` (settings it depends on, such as the zone)."""
    return cachefile.fingerprint(code=(*VALIDATING_CODE, *more_code), packages=VALIDATING_PACKAGES,
                                 values=values)


@dataclass
class NoticeFile:
    """One valid notice and where it came from (positions point warnings at values).

    `raw` (the values as read) is kept for penalties only, whose personal-data check reads
    every value as written, and let go once the checks are done. Positions are not kept:
    valid data has no problems to place, so a file is read again when a check reports one."""

    id: str
    path: Path
    shown_path: str
    notice: Notice
    sha256: bytes  # of the file's bytes: with the code and the time zone, what `notice` is made of
    raw: dict[str, Any] | None = None
    _positions: Positions | None = field(default=None, repr=False)

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = positions_of(self.path)
        return self._positions

    def release(self) -> None:
        """Drop what only validation needs: later stages use the notice alone."""
        self.raw = None
        self._positions = None

    def problem(
        self, key: Key, rule: Rule, message: Message, severity: Severity = Severity.ERROR
    ) -> Problem:
        where = self.positions.of_value(key)
        return Problem(self.shown_path, where.line, where.column, severity, rule, message)

    def missing(self, key: Key, rule: Rule, message: Message) -> Problem:
        """A problem about something missing from the mapping at `key`: points at its key."""
        where = self.positions.of_key(key)
        return Problem(self.shown_path, where.line, where.column, Severity.ERROR, rule, message)


@dataclass
class Dataset:
    data_dir: Path
    regions: dict[str, Region]
    notices: list[NoticeFile]
    problems: list[Problem] = field(default_factory=list)
    # Notice files that exist but did not load (id -> the raw value read, None if unreadable):
    # references to them are reported as "has errors", not as "no such notice".
    broken: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def files_dir(self) -> Path:
        return self.data_dir / "files"


class _Paths:
    """Shows paths relative to the working directory when possible, as editors type them."""

    def __init__(self, data_dir: Path) -> None:
        self.cwd = Path.cwd().resolve()
        # Resolve the data folder once; files below it are shown relative to it (no per-file
        # system calls: a province has tens of thousands of notice files).
        self.data_dir = data_dir
        self.shown_data_dir = self._show_resolved(data_dir.resolve(), data_dir)

    def _show_resolved(self, resolved: Path, as_given: Path) -> str:
        try:
            return resolved.relative_to(self.cwd).as_posix()
        except ValueError:
            return as_given.as_posix()

    def show(self, path: Path) -> str:
        try:
            below = path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return self._show_resolved(path.resolve(), path)
        return below if self.shown_data_dir == "." else f"{self.shown_data_dir}/{below}"


MAX_PROBLEMS_PER_FILE = 100


class ProblemLog:
    """Problems as they are found, at most MAX_PROBLEMS_PER_FILE per file: the first ones by
    position are kept and the rest only counted, so a file with thousands of problems costs
    bounded memory and output. `problems()` ends each such file with one line that says how
    many more it has."""

    def __init__(self, limit: int = MAX_PROBLEMS_PER_FILE) -> None:
        self.limit = limit
        self._kept: dict[str, list[Problem]] = {}
        self._more: dict[str, list[int]] = {}  # path -> [errors, warnings] not kept

    def append(self, problem: Problem) -> None:
        kept = self._kept.setdefault(problem.path, [])
        kept.append(problem)
        if len(kept) >= 2 * self.limit:  # trim now and then: sorting stays cheap
            self._trim(problem.path, kept)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def count_more(self, path: str, errors: int) -> None:
        """Errors of `path` found but not worded (they would not be shown)."""
        if errors:
            self._more.setdefault(path, [0, 0])[0] += errors

    def _trim(self, path: str, kept: list[Problem]) -> None:
        kept.sort(key=Problem.sort_key)
        more = self._more.setdefault(path, [0, 0])
        for dropped in kept[self.limit:]:
            more[0 if dropped.is_error else 1] += 1
        del kept[self.limit:]

    def problems(self) -> list[Problem]:
        """Every kept problem in file and position order, each file's count of the rest last."""
        result: list[Problem] = []
        for path in sorted(self._kept.keys() | self._more.keys()):
            kept = self._kept.get(path, [])
            self._trim(path, kept)
            result += kept
            errors, warnings = self._more.get(path, (0, 0))
            if errors or warnings:
                result.append(Problem(
                    path, None, None, Severity.ERROR if errors else Severity.WARNING,
                    Rule.TOO_MANY_PROBLEMS,
                    FILE_PROBLEMS.message("too_many_problems", more=errors + warnings, limit=self.limit),
                ))
        return result


def load_dataset(data_dir: Path, tz: ZoneInfo, cache: ParseCache | None = None,
                 progress: Progress = SILENT,
                 minimums: rules.TenderMinimums = rules.TENDER_MINIMUM_DAYS,
                 staged: Path | None = None) -> Dataset:
    """Every notice and problem; `cache` (read and updated) spares re-reading unchanged YAML.
    `progress` counts the notice files read and validated (stage `validated`); `minimums`:
    the legal minimum of a tender's submission period (the site's table, config.py). `staged`:
    a folder laid out as the data folder whose notice files stand in for the files at the same
    place in `notices/` or join them, shown at that place: the data folder as it will be once
    they are moved in (`gongshi import`)."""
    with collector_paused():  # loading makes millions of objects that stay, and no cycles
        return _load_dataset(data_dir, tz, cache, progress, minimums, staged)


def _load_dataset(data_dir: Path, tz: ZoneInfo, cache: ParseCache | None,
                  progress: Progress, minimums: rules.TenderMinimums,
                  staged: Path | None = None) -> Dataset:
    paths = _Paths(data_dir)
    problems = ProblemLog()
    regions = _load_regions(data_dir / "regions.yaml", paths, problems)
    notices: list[NoticeFile] = []
    broken: dict[str, Any] = {}
    found = _notice_paths(data_dir / "notices", paths, problems, broken)
    place_of = _Staged(data_dir / "notices", staged / "notices") if staged is not None else None
    if place_of is not None:
        found = place_of.with_staged(found)
    for path in tracked(progress, "validated", found):
        shown = paths.show(place_of(path) if place_of is not None else path)
        loaded = _load_notice(path, shown, tz, problems, cache)
        if isinstance(loaded, NoticeFile):
            notices.append(loaded)
        else:
            broken[path.stem] = loaded
    dataset = Dataset(data_dir, regions, notices, broken=broken)
    problems.extend(checks.check_dataset(dataset, tz, minimums))
    dataset.problems = problems.problems()
    for nf in notices:
        nf.release()
    return dataset


def _notice_paths(
    notices_dir: Path, paths: _Paths, problems: ProblemLog, broken: dict[str, Any]
) -> list[Path]:
    listing = list_files(notices_dir)

    def refuse(path: Path, rule: Rule, message: Message) -> None:
        problems.append(Problem(paths.show(path), None, None, Severity.ERROR, rule, message))

    if listing.missing:
        refuse(notices_dir, Rule.DATA_LAYOUT, FILE_PROBLEMS.message("notices_missing"))
    for path, refusal in listing.refused:
        refuse(path, refusal.rule, refusal.message())
        if path.suffix == ".yaml":  # a notice that exists but did not load
            broken[path.stem] = None
    found: list[Path] = []
    for path in listing.files:
        if path.suffix == ".yaml":
            found.append(path)
        elif path.suffix.lower() in (".yml", ".yaml"):
            renamed = shown(f"{path.stem}.yaml")
            refuse(path, Rule.FILE_EXTENSION, FILE_PROBLEMS.message("extension_case", name=renamed))
        else:
            refuse(path, Rule.FILE_EXTENSION,
                   FILE_PROBLEMS.message("not_a_notice", attachments=FieldName("attachments", "attachments")))
    return found


class _Staged:
    """Staged notice files (`load_dataset(staged=…)`) and the places in `notices_dir` they stand
    for. A staged file is known by its own path alone (one path a file, as a file of the data
    folder is), its place made when it is needed."""

    def __init__(self, notices_dir: Path, staged_dir: Path) -> None:
        self.notices_dir = notices_dir
        self.staged_dir = staged_dir

    def __call__(self, path: Path) -> Path:
        """The place of `path`: a staged file's in notices/, any other file's its own."""
        return self.notices_dir / path.relative_to(self.staged_dir) if path.is_relative_to(self.staged_dir) \
            else path

    def with_staged(self, found: list[Path]) -> list[Path]:
        """`found` with the staged files in place of those at their places, in place order."""
        staged = [path for path in list_files(self.staged_dir).files if path.suffix == ".yaml"]
        replaced = {self(path) for path in staged}
        kept = [path for path in found if path not in replaced]
        return sorted([*kept, *staged], key=lambda path: self(path).relative_to(self.notices_dir).parts)


def _id_problem(notice_id: str) -> Message | None:
    """Why a file name cannot be a notice id (model.ID_PATTERN), or None if it can."""
    if ID_PATTERN.match(notice_id):
        return None
    name = shown(notice_id)
    wrong = next((character for character in notice_id if not (character.isascii() and
                  (character.isalnum() or character in "._-"))), None)
    if wrong is not None:
        return FILE_PROBLEMS.message("id_characters", name=name, character=shown(wrong))
    if not 3 <= len(notice_id) <= 80:
        return FILE_PROBLEMS.message("id_length", name=name, length=len(notice_id))
    return FILE_PROBLEMS.message("id_start", name=name)


def _load_notice(
    path: Path, shown: str, tz: ZoneInfo, problems: ProblemLog, cache: ParseCache | None
) -> NoticeFile | Any:
    """The loaded notice, or (after adding its problems) the raw value read: None if unreadable."""
    notice_id = path.stem
    wrong_id = _id_problem(notice_id)
    if wrong_id is not None:
        problems.append(Problem(shown, None, None, Severity.ERROR, Rule.ID_FORMAT, wrong_id))
    try:
        data, known, file_sha256 = _parsed(path, cache)
    except YamlFileError as exc:
        problems.append(problem_from(exc, shown))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, 1, Severity.ERROR, Rule.NOTICE_SHAPE,
                                FILE_PROBLEMS.message("notice_shape", found=_kind_of(data))))
        return data
    positions = _LazyPositions(path, known)
    model = _model_for(data, shown, positions, problems)
    if model is None:
        return data
    try:
        notice = model.model_validate(data, context={"tz": tz})
    except ValidationError as exc:
        _shape_problems(exc, shown, positions, problems)
        return data
    raw = data if isinstance(notice, Penalty) else None
    return NoticeFile(notice_id, path, shown, notice, file_sha256, raw)


def _parsed(path: Path, cache: ParseCache | None) -> tuple[Any, Positions | None, bytes]:
    """The file's values, their positions when it was read now rather than cached, and the
    SHA-256 of its bytes."""
    unread = cache.values_unread(path) if cache is not None else None
    if unread is not None:
        key, data = unread
        return data, None, key
    raw = read_bytes(path)
    if cache is None:
        return *parse_yaml(decode_text(raw)), hashlib.sha256(raw).digest()
    key = cache.key(path, raw)
    entry = cache.get(key)
    if entry is not None and entry[0] == "error":
        raise error_from(entry[1])
    if entry is not None:
        return entry[1], None, key
    try:
        data, positions = parse_yaml(decode_text(raw))
    except YamlFileError as exc:
        # Kept as plain values: the cache's unpickler constructs no class of ours but numbers.
        kept = error_entry(exc)
        if kept is not None:
            cache.put(key, kept)
        raise
    cache.put(key, ("data", data))
    return data, positions, key


class _LazyPositions(Positions):
    """Positions read from the file only if a problem needs them (cached files)."""

    def __init__(self, path: Path, known: Positions | None) -> None:
        self._path = path
        self._known = known

    def _loaded(self) -> Positions:
        if self._known is None:
            self._known = positions_of(self._path)
        return self._known

    def of_value(self, key: Key) -> Any:
        return self._loaded().of_value(key)

    def of_key(self, key: Key) -> Any:
        return self._loaded().of_key(key)


def _kind_of(value: Any) -> Message:
    """What a file holds instead of a mapping of fields, as notice_shape says it."""
    if value is None:
        return FILE_PROBLEMS.message("found_nothing")
    if isinstance(value, bool):
        return FILE_PROBLEMS.message("found_boolean")
    if isinstance(value, (int, Decimal)):
        return FILE_PROBLEMS.message("found_number")
    if isinstance(value, list):
        return FILE_PROBLEMS.message("found_list")
    return FILE_PROBLEMS.message("found_text")


def _model_for(data: dict[str, Any], shown: str, positions: Positions, problems: ProblemLog) -> Any:
    kind = data.get("type")
    if isinstance(kind, str) and kind in MODEL_OF_TYPE:
        return MODEL_OF_TYPE[kind]
    choices = _choices("type")
    if "type" not in data:
        where = positions.of_value(())
        message = VALUE_PROBLEMS.message("type_missing", choices=choices)
    else:
        where = positions.of_value(("type",))
        message = VALUE_PROBLEMS.message("type_unknown", choices=choices, found=found_value(kind))
    problems.append(Problem(shown, where.line, where.column, Severity.ERROR, Rule.NOTICE_TYPE, message))
    return None


# What each kind of validation is of, by ValidationError.title: a notice's model, or regions.yaml.
_VALIDATED: dict[str, type[BaseModel]] = {
    **{model.__name__: model for model in MODEL_OF_TYPE.values()}, "list[Region]": Region,
}


def _shape_problems(
    exc: ValidationError, shown: str, positions: Positions, problems: ProblemLog
) -> None:
    """The first problems by position, worded; the rest only counted (a file can hold
    thousands of bad values and each would be a line)."""
    errors = exc.errors(include_url=False)
    model = _VALIDATED.get(exc.title)
    placed = ((_place(error, positions), index) for index, error in enumerate(errors))
    first = heapq.nsmallest(problems.limit, placed)
    for where, index in first:
        problems.append(_worded(errors[index], shown, where, model))
    problems.count_more(shown, len(errors) - len(first))


def _place(error: Any, positions: Positions) -> Position:
    loc = tuple(error["loc"])
    if error["type"] == "missing":
        return positions.of_key(loc[:-1]) if loc[:-1] else positions.of_value(())
    if error["type"] == "extra_forbidden":
        return positions.of_key(loc)
    return positions.of_value(loc)


def worded(error: Any, shown: str, where: Position, model: type[BaseModel]) -> Problem:
    """The problem one pydantic error of validating `model` is, placed at `where`: what a
    notice file's value gets, for values that come from elsewhere (`gongshi import`'s cells)."""
    return _worded(error, shown, where, model)


def _worded(error: Any, shown: str, where: Position, model: type[BaseModel] | None = None) -> Problem:
    """The problem one pydantic error is, at `where`; `model` is what was validated (a notice
    type, or Region for regions.yaml), None if unknown."""
    loc = tuple(error["loc"])
    kind = error["type"]
    line, column = where
    if kind == "missing":
        message = _missing(loc, line, model)
        return Problem(shown, line, column, Severity.ERROR, Rule.REQUIRED, message)
    if kind == "extra_forbidden":
        return Problem(shown, line, column, Severity.ERROR, Rule.UNKNOWN_FIELD, _unknown(loc, model))
    return Problem(shown, line, column, Severity.ERROR, _rule_of(kind), _friendly(error, model))


def _in_mapping(parent: Key, model: type[BaseModel] | None = None) -> Message | str:
    """Where an unknown field is, when not at the top of the file: （在 `buyer` 中）, or in
    regions.yaml （在地区表第 8 项中）."""
    if model is Region and parent:
        return VALUE_PROBLEMS.message("in_entry", number=int(parent[0]) + 1)
    return VALUE_PROBLEMS.message("in_mapping", path=FieldName.at(parent).path) if parent else ""


def _rule_of(kind: str) -> Rule:
    """`value-<kind>` for the pydantic error kinds the guide explains one by one, `value` for
    our own checks' messages and for any other kind (its message says what is wrong)."""
    kind = kind.removeprefix("string_") if kind in ("string_too_short", "string_too_long") else kind
    return _VALUE_RULES.get(f"value-{kind.replace('_', '-')}", Rule.VALUE)


_VALUE_RULES = {str(rule): rule for rule in Rule if rule.startswith("value-")}


# --- naming a field and what it holds ---------------------------------------------------------

# The coded fields and the vocabulary naming their codes (values.py): "应为以下之一：…".
_CODED: dict[str, tuple[tuple[str, ...], str]] = {
    "type": (NOTICE_TYPES, "type"),
    "category": (get_args(Category), "category"),
    "method": (get_args(Method), "method"),
    "subject.kind": (get_args(SubjectKind), "subject"),
    "sanctions.kind": (get_args(SanctionKind), "sanction"),
}


def _choices(key: str) -> Series:
    codes, vocabulary = _CODED[key]
    names = VOCABULARIES[vocabulary]
    return Series.of([VALUE_PROBLEMS.message("choice", name=names[code], code=code) for code in codes])


def _field(loc: Key, model: type[BaseModel] | None) -> Localised:
    """How a message names the value at `loc`: a notice's field (交易方式 `method`,
    候选人名称 `candidates[2].name`); in regions.yaml, the entry and its field."""
    if model is not Region:
        return FieldName.at(loc) if loc else VALUE_PROBLEMS.message("the_notice")
    if not loc:
        return VALUE_PROBLEMS.message("regions_file")
    number = int(loc[0]) + 1
    if len(loc) == 1:
        return VALUE_PROBLEMS.message("regions_entry", number=number)
    return VALUE_PROBLEMS.message(
        "regions_entry_field", number=number, field=FieldName.at(loc[1:], in_regions=True))


def _keys(loc: Key) -> tuple[str, ...]:
    """The field names along `loc`, list positions left out (regions.yaml's entry too)."""
    return tuple(str(part) for part in loc if not isinstance(part, int))


def _annotation(model: type[BaseModel] | None, keys: tuple[str, ...]) -> Any:
    """The declared type of the field at `keys` below `model`, None if there is none."""
    annotation: Any = None
    current = model
    for key in keys:
        if current is None or key not in current.model_fields:
            return None
        annotation = current.model_fields[key].annotation
        current = _model_in(annotation)
    return annotation


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, alone, in a list or optional (Party | None, list[Winner])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for inner in get_args(annotation):
        found = _model_in(inner)
        if found is not None:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    return get_origin(annotation) is list or any(_is_list(inner) for inner in get_args(annotation))


def _subfields(model: type[BaseModel] | None) -> Series:
    """The fields of a group, required ones (or all, when none is) as `code`、`name`."""
    fields = model.model_fields if model is not None else {}
    names = [name for name, info in fields.items() if info.is_required()] or list(fields)
    return Series.of([VALUE_PROBLEMS.message("code", code=name) for name in names])


def _missing(loc: Key, line: int | None, model: type[BaseModel] | None) -> Message:
    """A required field is missing: where to add it and, when that helps, what to write."""
    name, parent = str(loc[-1]), loc[:-1]
    keys = _keys(loc)
    annotation = _annotation(model, keys)
    group = _model_in(annotation)
    dotted = ".".join(keys)
    written = f"{name}:" if group is not None else f"{name}: {EXAMPLE_VALUES.get(dotted, '…')}"
    if not parent:
        where = VALUE_PROBLEMS.message("where_top", line=written)
    elif isinstance(parent[-1], int):
        where = VALUE_PROBLEMS.message("where_entry", number=line or 1, line=written)
    else:
        where = VALUE_PROBLEMS.message("where_under", number=line or 1, parent=str(parent[-1]), line=written)
    field = FieldName.at(loc[1:] if model is Region else loc, in_regions=model is Region)
    if dotted in _CODED and model is not Region:
        return VALUE_PROBLEMS.message("required_choice", field=field, where=where, choices=_choices(dotted))
    if group is not None:
        key = "required_list" if _is_list(annotation) else "required_group"
        return VALUE_PROBLEMS.message(key, field=field, where=where, fields=_subfields(group))
    return VALUE_PROBLEMS.message("required", field=field, where=where)


def _unknown(loc: Key, model: type[BaseModel] | None) -> Message:
    """A field its mapping does not have: a likely misspelling of one it has, a field of
    another notice type, or neither."""
    name, parent = shown(loc[-1]), loc[:-1]
    place = _in_mapping(parent, model)
    parent_keys = _keys(parent)
    holder = _model_in(_annotation(model, parent_keys)) if parent_keys else model
    known = list(holder.model_fields) if holder is not None else []
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.75)
    if close:
        suggestion = FieldName.at((*(parent if model is not Region else parent[1:]), close[0]),
                                  in_regions=model is Region)
        return VALUE_PROBLEMS.message("unknown_field_suggestion", name=name, place=place,
                                      suggestion=suggestion)
    notice_type = _TYPE_OF_MODEL.get(model) if model is not None else None
    if notice_type is not None and not parent and loc[-1] in _NOTICE_FIELDS:
        return VALUE_PROBLEMS.message("unknown_field_of_type", name=name,
                                      type=VOCABULARIES["type"][notice_type])
    return VALUE_PROBLEMS.message("unknown_field", name=name, place=place)


_TYPE_OF_MODEL: dict[Any, str] = {model: name for name, model in MODEL_OF_TYPE.items()}
_NOTICE_FIELDS = frozenset(name for model in MODEL_OF_TYPE.values() for name in model.model_fields)


# What a field expects, by the first word of a pydantic error kind we do not word one by one.
_EXPECTED_KIND = {
    "string": "kind_text", "str": "kind_text", "int": "kind_whole_number", "float": "kind_number",
    "decimal": "kind_number", "finite": "kind_number", "bool": "kind_bool", "date": "kind_date",
    "datetime": "kind_date", "time": "kind_date", "list": "kind_list", "tuple": "kind_list",
    "set": "kind_list", "dict": "kind_group", "model": "kind_group", "dataclass": "kind_group",
}


def _friendly(error: Any, model: type[BaseModel] | None = None) -> Message:
    """Our sentence for one pydantic error: every kind a YAML file can cause is worded one by
    one, any other kind by what the field expects. pydantic's own words are never shown."""
    kind, ctx = error["type"], error.get("ctx") or {}
    value = error.get("input")
    loc = tuple(error["loc"])
    field = _field(loc, model)
    found = found_value(value)
    match kind:
        case "gongshi" if isinstance(ctx.get("message"), Message):
            return VALUE_PROBLEMS.message("value", field=field, problem=ctx["message"])
        case "literal_error" if ".".join(_keys(loc)) in _CODED:
            return VALUE_PROBLEMS.message(
                "one_of", field=field, choices=_choices(".".join(_keys(loc))), found=found)
        case "too_short" | "string_too_short" if isinstance(value, str) and ctx.get("min_length") == 1:
            return VALUE_PROBLEMS.message("empty", field=field)
        case "too_short" | "string_too_short" if isinstance(value, str):
            return VALUE_PROBLEMS.message("too_short_text", field=field,
                                          minimum=int(ctx.get("min_length", 1)), length=len(value))
        case "too_long" | "string_too_long" if isinstance(value, str) and "max_length" in ctx:
            key = "too_long_title" if _keys(loc) == ("title",) else "too_long_text"
            return VALUE_PROBLEMS.message(key, field=field,
                                          maximum=int(ctx["max_length"]), length=len(value))
        case "too_short":
            return VALUE_PROBLEMS.message("too_short_list", field=field, minimum=int(ctx.get("min_length", 1)))
        case "too_long" if "max_length" in ctx and isinstance(value, list):
            return VALUE_PROBLEMS.message("too_long_list", field=field, maximum=int(ctx["max_length"]),
                                          count=len(value))
        case "list_type":
            return VALUE_PROBLEMS.message("list_expected", field=field, found=found)
        case "model_type" | "dict_type" | "model_attributes_type" if loc and not isinstance(loc[-1], int):
            group = _model_in(_annotation(model, _keys(loc)))
            return VALUE_PROBLEMS.message("group_expected", field=field, name=str(loc[-1]),
                                          fields=_subfields(group), found=found)
        case "model_type" | "dict_type" | "model_attributes_type":
            return VALUE_PROBLEMS.message("entry_expected", field=field, found=found)
        case "int_type" | "int_parsing" | "int_from_float":
            key = str(loc[-1]) if loc and not isinstance(loc[-1], int) else "rank"
            return VALUE_PROBLEMS.message("whole_number", field=field, name=key, found=found)
        case "greater_than_equal" if "ge" in ctx:
            return VALUE_PROBLEMS.message("at_least", field=field, minimum=str(ctx["ge"]), found=found)
        case "string_type" if value is None:
            return VALUE_PROBLEMS.message("empty", field=field)
        case "string_type":
            return VALUE_PROBLEMS.message("value", field=field, problem=text_expected(value))
    expected = _EXPECTED_KIND.get(kind.split("_", 1)[0], "kind_other")
    return VALUE_PROBLEMS.message("unexpected_kind", field=field,
                                  expected=VALUE_PROBLEMS.message(expected), found=found)


def _absent(path: Path) -> bool:
    """Nothing at all at `path`: anything else (even a broken link) is read, and refused if it
    cannot be, rather than taken as missing."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def _load_regions(path: Path, paths: _Paths, problems: ProblemLog) -> dict[str, Region]:
    shown = paths.show(path)
    if _absent(path):
        problems.append(Problem(shown, None, None, Severity.ERROR, Rule.DATA_LAYOUT,
                                FILE_PROBLEMS.message("regions_missing")))
        return {}
    try:
        document = read_yaml(path, shown, max_values=None)  # the whole country is 3,000 regions
    except YamlFileError as exc:
        problems.append(problem_from(exc, shown))
        return {}
    try:
        regions = RegionList.validate_python(document.data)
    except ValidationError as exc:
        _shape_problems(exc, shown, document.positions, problems)
        return {}
    problems.extend(checks.check_regions(regions, shown, document.positions))
    return {region.code: region for region in regions}
