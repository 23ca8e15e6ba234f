"""`gongshi new TYPE`: write a new notice file with every field of its type, ready to fill in.

The scaffold is generated from the models (`Model.model_fields`): every field appears, so the
file, `validate` and the JSON Schema never disagree; the comment above each names it by its
label (words/fields.py) with a hint (words/editing.py FIELD_HINTS), in the language of the
messages. What can be derived is filled in: the id, the folder, `region`, `published`,
deadlines, and for `--project` with a tender in the data its category, project, region and
publisher (and `amends`). What cannot be derived is a placeholder `"<请填写：…>"` (the same
marker in English, `"<请填写: title>"`), which the models reject until it is replaced. Optional
fields are commented out (`# `).

`published` (`publication_time()`): today 09:00 while that is still ahead, else the first quarter
hour after now (10:07 → 10:15), and never before the project's tender. Always later than now:
a notice goes public at a time it states, never at one already past when the file was made
(legal periods count from it), so a new notice is a draft until then; `gongshi serve` shows
it marked 未发布, and `new` says when it becomes public.

Ids (the file name, permanent):
- tender `<project>-ZB`, amendment `<project>-BG<n>`, candidates `<project>-HX`,
  award `<project>-JG`, termination `<project>-ZZ`; a second notice of the same kind for a
  project (a re-tender, another lot) gets the next free number: `<project>-ZB2`, `-HX2`…
- penalty `CF-<region>-<year>-<nnn>`.
- Without `--project` a project code is invented: `<region>-<year>-<nnn>`.
Numbers continue after the highest one in use and never fill gaps: a removed id may still be
in readers' feeds and bookmarks. An existing file is never overwritten.
"""

from __future__ import annotations

import json
import os
import re
import types
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .. import rules
from ..checks import effective_deadlines
from ..config import Settings
from ..dataset import Dataset, NoticeFile, load_dataset
from ..errors import UsageError
from ..load import YamlFileError, parse_yaml
from ..model import (
    ID_PATTERN,
    MAX_ATTACHMENTS,
    MAX_CANDIDATES,
    MAX_SANCTIONS,
    MAX_WINNERS,
    MODEL_OF_TYPE,
    NOTICE_TYPES,
    PLACEHOLDER,
    Tender,
)
from ..words import FIELDS, VOCABULARIES, FieldName, Message, Series, Value
from ..words.editing import EDITING, FIELD_HINTS
from .validate import require_data_dir

SCHEMA_FILE = Path("schema/notice.schema.json")
PUBLISHED_AT = time(9, 0)  # a new notice's time of publication, when it is still ahead today
PUBLISHED_STEP = timedelta(minutes=15)  # else the next quarter hour
TENDER_DAYS = rules.OPEN_CONSTRUCTION_TENDER.minimum_days + 1  # 21: one day to spare
NEEDS_TENDER = ("amendment", "candidates", "award", "termination")
ID_SUFFIX = {"tender": "ZB", "candidates": "HX", "award": "JG", "termination": "ZZ"}
FIRST_FIELDS = ("type", "title", "region", "published", "publisher", "category", "project")
LAST_FIELDS = ("body", "attachments", "contact", "withdrawn")
BLOCK_FIELDS = frozenset({"body"})  # multi-line Markdown: written as a `|` block
# Coded fields: the comment above lists their codes with the name of each (words/values.py).
CHOICES = {"category": "category", "method": "method", "subject.kind": "subject",
           "sanctions.kind": "sanction"}
HINT_VALUES: dict[str, dict[str, Value]] = {
    "attachments": {"most": MAX_ATTACHMENTS}, "candidates": {"most": MAX_CANDIDATES},
    "winners": {"most": MAX_WINNERS}, "sanctions": {"most": MAX_SANCTIONS},
}


@dataclass(frozen=True)
class NewNotice:
    """A file `new_notice` wrote: where, and when the notice it holds becomes public."""

    path: Path
    notice_type: str
    published: datetime  # in the site's time zone, as written

    def report(self) -> Message:
        """What to do next, and when the notice becomes public (a draft until then)."""
        return EDITING.message(
            "created", type_name=VOCABULARIES["type"][self.notice_type], type=self.notice_type,
            published=FieldName("published", "published"), when=f"{self.published:%Y-%m-%d %H:%M}")


def new_notice(
    notice_type: str,
    data_dir: Path,
    settings: Settings,
    *,
    region: str | None,
    project: str | None,
    now: datetime,
    language: str,
) -> NewNotice:
    """Write a new notice file of `notice_type` under `data_dir`, as of `now`, its comments in
    `language`."""
    if notice_type not in MODEL_OF_TYPE:
        raise UsageError(EDITING.message("unknown_type", type=notice_type, choices=_type_choices()))
    require_data_dir(data_dir)
    if now.tzinfo is None:
        now = now.replace(tzinfo=settings.tz)
    now = now.astimezone(settings.tz)
    dataset = load_dataset(data_dir, settings.tz)
    tender = _project_tender(dataset, project, notice_type, settings.tz)
    region_code = _choose_region(dataset, region, tender)
    taken = _taken_ids(data_dir / "notices")
    published = publication_time(now, tender, settings)
    if project is None and notice_type != "penalty":
        project = _invent_project_code(dataset, taken, region_code, now.year)
        invented = True
    else:
        invented = False
    notice_id = _new_id(notice_type, project, region_code, now.year, taken)
    path = data_dir / "notices" / str(now.year) / region_code / f"{notice_id}.yaml"
    values = _values(notice_type, dataset, settings, region_code, published, project, tender,
                     invented=invented)
    text = Scaffold(notice_type, language).text(values, _schema_reference(path.parent, settings))
    _write_new(path, text)
    return NewNotice(path, notice_type, published)


def _type_choices() -> Series:
    return Series.of([EDITING.message("choice", name=VOCABULARIES["type"][code], code=code)
                      for code in NOTICE_TYPES])


# --- what the data already says ---------------------------------------------------------------


def _project_tender(
    dataset: Dataset, project: str | None, notice_type: str, tz: ZoneInfo
) -> NoticeFile | None:
    """The latest tender of `project`; required for amendments and results."""
    if project is None:
        return None
    tenders = [nf for nf in dataset.notices
               if isinstance(nf.notice, Tender) and nf.notice.project.code == project]
    if tenders:
        return max(tenders, key=lambda nf: (rules.start_of(nf.notice.published, tz), nf.id))
    if notice_type in NEEDS_TENDER:
        raise UsageError(EDITING.message(
            "no_tender", project=project, folder=(dataset.data_dir / "notices").as_posix(),
            type_name=VOCABULARIES["type"][notice_type], type=notice_type,
            skipped=_skipped(dataset)))
    return None


def _skipped(dataset: Dataset) -> Value:
    broken = {p.path for p in dataset.errors if p.path.endswith(".yaml")}
    if not broken:
        return ""
    return EDITING.message("skipped", count=len(broken), data=dataset.data_dir.as_posix())


def _choose_region(dataset: Dataset, region: str | None, tender: NoticeFile | None) -> str:
    regions_file = (dataset.data_dir / "regions.yaml").as_posix()
    if not dataset.regions:
        raise UsageError(EDITING.message("no_regions", path=regions_file,
                                         data=dataset.data_dir.as_posix()))
    if region is not None:
        region = region.strip()
        if region not in dataset.regions:
            examples = Series.of([EDITING.message("note_region", code=r.code, name=r.name)
                                  for r in list(dataset.regions.values())[:5]])
            raise UsageError(EDITING.message("unknown_region", region=region, path=regions_file,
                                             examples=examples))
        return region
    if tender is not None and tender.notice.region in dataset.regions:
        return tender.notice.region
    provinces = [code for code in dataset.regions if rules.region_level(code) == "province"]
    return (provinces or list(dataset.regions))[0]


def _taken_ids(notices_dir: Path) -> set[str]:
    """Every file name in use under notices/, case-folded (ids are unique ignoring case)."""
    if not notices_dir.is_dir():
        return set()
    return {path.stem.casefold() for path in notices_dir.rglob("*") if path.is_file()}


def publication_time(now: datetime, tender: NoticeFile | None, settings: Settings) -> datetime:
    """When a notice made at `now` goes public (module docstring): 09:00 today while it is
    ahead, else the next quarter hour; the tender's own time when that is later. Naive, in the
    site's time zone, as the file says it."""
    now = now.astimezone(settings.tz)
    published = datetime.combine(now.date(), PUBLISHED_AT, tzinfo=settings.tz)
    if published <= now:
        since_midnight = now - datetime.combine(now.date(), time(0), tzinfo=settings.tz)
        steps = since_midnight // PUBLISHED_STEP + 1  # strictly after now
        published = datetime.combine(now.date(), time(0), tzinfo=settings.tz) + steps * PUBLISHED_STEP
    if tender is not None:
        start = rules.start_of(tender.notice.published, settings.tz)
        published = max(published, start)
    return published.astimezone(settings.tz).replace(tzinfo=None)


# --- ids ------------------------------------------------------------------------------------


def _numbers(prefix: str, names: set[str], tail: str = "") -> list[int]:
    pattern = re.compile(re.escape(prefix.casefold()) + r"(\d+)" + tail)
    return [int(m.group(1)) for name in names if (m := pattern.fullmatch(name))]


def _invent_project_code(dataset: Dataset, taken: set[str], region: str, year: int) -> str:
    prefix = f"{region}-{year}-"
    codes = {project.code.casefold() for nf in dataset.notices
             if (project := getattr(nf.notice, "project", None)) is not None}
    used = _numbers(prefix, codes) + _numbers(prefix, taken, r"(?:-.*)?")
    return f"{prefix}{max(used, default=0) + 1:03d}"


def _id_base(project: str) -> str:
    """The project code as the start of a file name: other characters become '-'."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", project).strip("-._")
    if not base:
        raise UsageError(EDITING.message("project_unusable", project=project))
    return base


def _new_id(notice_type: str, project: str | None, region: str, year: int, taken: set[str]) -> str:
    if notice_type == "penalty":
        prefix = f"CF-{region}-{year}-"
        notice_id = f"{prefix}{max(_numbers(prefix, taken), default=0) + 1:03d}"
    elif notice_type == "amendment":
        prefix = f"{_id_base(project or '')}-BG"
        notice_id = f"{prefix}{max(_numbers(prefix, taken), default=0) + 1}"
    else:
        first = f"{_id_base(project or '')}-{ID_SUFFIX[notice_type]}"
        used = _numbers(first, taken) + ([1] if first.casefold() in taken else [])
        notice_id = f"{first}{max(used) + 1}" if used else first
    if not ID_PATTERN.match(notice_id):
        raise UsageError(EDITING.message("id_too_long", notice=notice_id))
    return notice_id


# --- the values written -------------------------------------------------------------------------

ASK = object()  # write the placeholder: an editor has to supply this value


@dataclass(frozen=True)
class Fill:
    """What the scaffold writes for one field: a value (or the placeholder) and a note."""

    value: Any = ASK
    note: Message | None = None
    commented: bool = False


def _values(
    notice_type: str,
    dataset: Dataset,
    settings: Settings,
    region: str,
    published: datetime,
    project: str | None,
    tender: NoticeFile | None,
    *,
    invented: bool,
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "type": notice_type,
        "region": Fill(region, EDITING.message("note_region", code=region,
                                               name=dataset.regions[region].name)),
        "published": published,
    }
    if tender is not None:
        source = tender.notice
        assert isinstance(source, Tender)
        values |= {
            "publisher": source.publisher,
            "category": source.category,
            "project": {"code": source.project.code, "name": source.project.name},
        }
    elif project is not None:
        values["project"] = {"code": Fill(project, _project_note(notice_type, invented))}
    if notice_type == "tender":
        deadline = published + timedelta(days=TENDER_DAYS)
        values["deadline"] = Fill(deadline, EDITING.message("note_deadline", days=TENDER_DAYS))
        values["opening"] = Fill({"time": deadline}, commented=True)
    elif notice_type == "amendment":
        values |= _amendment_values(dataset, settings, published, tender)
    elif notice_type == "candidates":
        days = rules.CANDIDATES_PUBLICITY.minimum_days
        values["candidates"] = [{"rank": 1}]
        values["publicity_end"] = Fill(
            published.date() + timedelta(days=days),
            EDITING.message("note_publicity", days=days, law=rules.CANDIDATES_PUBLICITY.citation),
        )
    return values


def _project_note(notice_type: str, invented: bool) -> Message | None:
    if not invented:
        return None
    if notice_type in NEEDS_TENDER:
        return EDITING.message("note_project_needs_tender", type=notice_type)
    return EDITING.message("note_project_invented")


def _amendment_values(
    dataset: Dataset, settings: Settings, published: datetime, tender: NoticeFile | None
) -> dict[str, Any]:
    if tender is None:
        return {}
    values: dict[str, Any] = {"amends": tender.id}
    deadline = effective_deadlines(dataset.notices, settings.tz)[tender.id][0]
    period = rules.AMENDMENT_NOTICE
    days = rules.calendar_days(published, deadline, settings.tz)
    if days < period.minimum_days:
        earliest = published.date() + timedelta(days=period.minimum_days)
        values["changes"] = Fill(
            {"deadline": ASK},
            EDITING.message("note_amendment_short", days=days, minimum=period.minimum_days,
                            law=period.citation, earliest=earliest.isoformat()),
        )
    return values


# --- the scaffold -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scaffold:
    """The text of a new file of `notice_type`, its comments in `language`."""

    notice_type: str
    language: str

    def text(self, values: dict[str, Any], schema_ref: str) -> str:
        model = MODEL_OF_TYPE[self.notice_type]
        made = EDITING.message("scaffold_made", type_name=VOCABULARIES["type"][self.notice_type],
                               type=self.notice_type)
        header = [
            f"# yaml-language-server: $schema={schema_ref}",
            *(f"# {self._say(words)}" for words in
              (made, EDITING.message("scaffold_fill"), EDITING.message("scaffold_optional"))),
            "",
        ]
        return "\n".join(header + self._model_lines(model, values, 0, "")) + "\n"

    def _say(self, words: Message) -> str:
        return words.in_language(self.language)

    def _model_lines(self, model: type[BaseModel], values: dict[str, Any], indent: int,
                     parent: str) -> list[str]:
        lines: list[str] = []
        for name in _field_order(model, top=not parent):
            info = model.model_fields[name]
            fill = values.get(name)
            if not isinstance(fill, Fill):
                fill = Fill(commented=not info.is_required()) if fill is None else Fill(fill)
            lines += self._field_lines(name, f"{parent}{name}", info, fill, indent)
        return lines

    def _field_lines(self, name: str, path: str, info: FieldInfo, fill: Fill, indent: int) -> list[str]:
        pad = " " * indent
        comments = [f"{pad}# {self._say(self._about(path, optional=not info.is_required()))}"]
        if fill.note is not None:
            comments.append(f"{pad}# {self._say(fill.note)}")
        body = self._value_lines(name, path, info, fill.value, indent)
        if fill.commented:
            body = [f"{pad}# {line[indent:]}" for line in body]
        return comments + body

    def _about(self, path: str, *, optional: bool) -> Message:
        """The field's label, (optional), and what to write: a hint, the codes it takes."""
        label: Message = FIELDS.message(path)
        if optional:
            label = EDITING.message("field_optional", label=label)
        hint = self._hint(path)
        return label if hint is None else EDITING.message("field_hint", field=label, hint=hint)

    def _hint(self, path: str) -> Message | None:
        key = next((k for k in (f"{self.notice_type}/{path}", path) if k in FIELD_HINTS), None)
        hint = None if key is None else FIELD_HINTS.message(key, **HINT_VALUES.get(path, {}))
        if path not in CHOICES:
            return hint
        vocabulary = VOCABULARIES[CHOICES[path]]
        codes = [EDITING.message("choice", name=vocabulary[code], code=code) for code in vocabulary]
        choices = EDITING.message("choices", choices=Series.of(codes))
        return choices if hint is None else EDITING.message("hint_and_choices", hint=hint, choices=choices)

    def _value_lines(self, name: str, path: str, info: FieldInfo, value: Any, indent: int) -> list[str]:
        pad = " " * indent
        kind, target = _shape(info.annotation)
        if kind == "model":
            inner = value if isinstance(value, dict) else {}
            return [f"{pad}{name}:", *self._model_lines(target, inner, indent + 2, f"{path}.")]
        if kind == "list":
            items = value if isinstance(value, list) else [{}]
            entries = [line for item in items
                       for line in self._item_lines(target, item, indent + 2, f"{path}.")]
            return [f"{pad}{name}:", *entries]
        if value is ASK:
            placeholder = self._placeholder(path, target)
            if name in BLOCK_FIELDS:
                return [f"{pad}{name}: |", f"{pad}  {placeholder}"]
            return [f"{pad}{name}: {json.dumps(placeholder, ensure_ascii=False)}"]
        return [f"{pad}{name}: {_scalar(value)}"]

    def _item_lines(self, model: type[BaseModel], values: dict[str, Any], indent: int,
                    parent: str) -> list[str]:
        """One list entry: the fields at indent + 2, the first field line starting with '- '."""
        lines = self._model_lines(model, values, indent + 2, parent)
        first = next(i for i, line in enumerate(lines) if not line[indent + 2:].startswith("#"))
        lines[first] = f"{' ' * indent}- {lines[first][indent + 2:]}"
        return [line[2:] for line in lines[:first]] + lines[first:]  # its comments above the '-'

    def _placeholder(self, path: str, members: list[Any]) -> str:
        """`"<请填写：label, format>"`: the models refuse it until the editor replaces it."""
        label = FIELDS.message(path)
        kind = _format_of(members)
        what = label if kind is None else EDITING.message(
            "placeholder_format", label=label, format=EDITING.message(kind))
        return self._say(EDITING.message("placeholder", marker=PLACEHOLDER, what=what))


def field_order(model: type[BaseModel], top: bool) -> list[str]:
    """The order fields are written in: the scaffold's, and `gongshi import`'s files."""
    return _field_order(model, top)


def yaml_scalar(value: Any) -> str:
    """`value` as the scaffold writes it, quoted only when it would not read back as itself."""
    return _scalar(value)


def next_notice_id(notice_type: str, project: str | None, region: str, year: int,
                   taken: set[str]) -> str:
    """The id `gongshi new` would give (module docstring); `taken` holds case-folded ids."""
    return _new_id(notice_type, project, region, year, taken)


def field_shape(annotation: Any) -> tuple[str, Any]:
    """('model', cls), ('list', item cls) or ('leaf', [member types]) of a field's type."""
    return _shape(annotation)


def taken_ids(notices_dir: Path) -> set[str]:
    return _taken_ids(notices_dir)


def _field_order(model: type[BaseModel], top: bool) -> list[str]:
    names = list(model.model_fields)
    if not top:
        return names
    first = [n for n in FIRST_FIELDS if n in names]
    last = [n for n in LAST_FIELDS if n in names]
    return first + [n for n in names if n not in first and n not in last] + last


def _members(annotation: Any) -> list[Any]:
    """The types a field may hold: Annotated, Optional and unions unwrapped."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _members(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [m for arg in get_args(annotation) if arg is not type(None) for m in _members(arg)]
    return [annotation]


def _shape(annotation: Any) -> tuple[str, Any]:
    """('model', cls), ('list', item cls) or ('leaf', [member types])."""
    members = _members(annotation)
    for member in members:
        if isinstance(member, type) and issubclass(member, BaseModel):
            return "model", member
        if get_origin(member) is list:
            return "list", _members(get_args(member)[0])[0]
    return "leaf", members


def value_kind(members: list[Any]) -> str:
    """What a field of these types holds, as a person writes it: date-or-datetime, datetime,
    date, money, integer, choice or text (also the import template's columns)."""
    kinds = set(members)
    if datetime in kinds and date in kinds:
        return "date-or-datetime"
    if datetime in kinds:
        return "datetime"
    if date in kinds:
        return "date"
    if Decimal in kinds:
        return "money"
    if int in kinds:
        return "integer"
    if any(get_origin(member) is Literal for member in kinds):
        return "choice"
    return "text"


_FORMAT_WORDS = {"date-or-datetime": "format_date_or_time", "datetime": "format_time",
                 "date": "format_date", "money": "format_number", "integer": "format_integer",
                 "choice": "format_choice"}


def _format_of(members: list[Any]) -> str | None:
    """The catalogue entry saying how a value of these types is written, if it needs saying."""
    return _FORMAT_WORDS.get(value_kind(members))


def _scalar(value: Any) -> str:
    """A value as YAML the loader reads back as the same value."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return text if _reads_back(text) else json.dumps(text, ensure_ascii=False)


def _reads_back(text: str) -> bool:
    try:
        data, _ = parse_yaml(f"value: {text}\n")
    except YamlFileError:
        return False
    return type(data) is dict and type(data.get("value")) is str and data["value"] == text


# --- writing ------------------------------------------------------------------------------------


def _schema_reference(folder: Path, settings: Settings) -> str:
    """The repository's schema file relative to `folder`, else the copy the site publishes."""
    start = folder.resolve()
    for directory in (start, *start.parents):
        if (directory / SCHEMA_FILE).is_file():
            return Path(os.path.relpath(directory / SCHEMA_FILE, start)).as_posix()
        if (directory / ".git").exists():
            break
    return settings.site_url + SCHEMA_FILE.as_posix()


def _write_new(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(EDITING.message("file_exists", path=path.as_posix())) from None
    except OSError as exc:
        raise UsageError(EDITING.message("cannot_write", path=path.as_posix(),
                                         reason=exc.strerror or type(exc).__name__)) from None
