"""`gongshi new TYPE`: write a new notice file with every field of its type, ready to fill in.

The scaffold is generated from the models (`Model.model_fields`): every field appears, with its
Chinese title and description as a comment, so the file, `validate` and the JSON Schema never
disagree. What can be derived is filled in: the id, the folder, `region`, `published` (today
09:00), deadlines, and for `--project` with a tender in the data its category, project,
region and publisher (and `amends`). What cannot be derived is a placeholder `"<请填写：…>"`,
which the models reject until it is replaced. Optional fields are commented out (`# `).

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
from ..model import ID_PATTERN, MODEL_OF_TYPE, NOTICE_TYPES, PLACEHOLDER, Tender
from .validate import require_data_dir

SCHEMA_FILE = Path("schema/notice.schema.json")
PUBLISHED_AT = time(9, 0)
TENDER_DAYS = rules.OPEN_CONSTRUCTION_TENDER.minimum_days + 1  # 21: one day to spare
NEEDS_TENDER = ("amendment", "candidates", "award", "termination")
ID_SUFFIX = {"tender": "ZB", "candidates": "HX", "award": "JG", "termination": "ZZ"}
FIRST_FIELDS = ("type", "title", "region", "published", "publisher", "category", "project")
LAST_FIELDS = ("body", "attachments", "contact", "withdrawn")
BLOCK_FIELDS = frozenset({"body"})  # multi-line Markdown: written as a `|` block


def new_notice(
    notice_type: str,
    data_dir: Path,
    settings: Settings,
    *,
    region: str | None,
    project: str | None,
    today: date,
) -> Path:
    """Write a new notice file of `notice_type` under `data_dir`, dated as of `today`, and
    return its path."""
    if notice_type not in MODEL_OF_TYPE:
        choices = ", ".join(NOTICE_TYPES)
        raise UsageError(f"unknown notice type {notice_type!r}: use one of {choices}")
    require_data_dir(data_dir)
    dataset = load_dataset(data_dir, settings.tz)
    tender = _project_tender(dataset, project, notice_type, settings.tz)
    region_code = _choose_region(dataset, region, tender)
    taken = _taken_ids(data_dir / "notices")
    published = _published(today, tender, settings)
    if project is None and notice_type != "penalty":
        project = _invent_project_code(dataset, taken, region_code, today.year)
        invented = True
    else:
        invented = False
    notice_id = _new_id(notice_type, project, region_code, today.year, taken)
    path = data_dir / "notices" / str(today.year) / region_code / f"{notice_id}.yaml"
    values = _values(notice_type, dataset, settings, region_code, published, project, tender,
                     invented=invented)
    text = _scaffold(notice_type, values, _schema_reference(path.parent, settings))
    _write_new(path, text)
    return path


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
        raise UsageError(
            f"--project {project}: no tender in {dataset.data_dir / 'notices'} has this project "
            f"code, and {notice_type} notices need their project's tender: check the code, or "
            f"write the tender first (gongshi new tender --project {project}){_skipped(dataset)}"
        )
    return None


def _skipped(dataset: Dataset) -> str:
    broken = {p.path for p in dataset.errors if p.path.endswith(".yaml")}
    if not broken:
        return ""
    return (f" ({len(broken)} file(s) with errors were skipped; "
            f"see gongshi validate --data {dataset.data_dir})")


def _choose_region(dataset: Dataset, region: str | None, tender: NoticeFile | None) -> str:
    regions_file = dataset.data_dir / "regions.yaml"
    if not dataset.regions:
        raise UsageError(
            f"{regions_file} is missing or invalid: new takes the region codes from it; "
            f"run gongshi validate --data {dataset.data_dir} and fix it"
        )
    if region is not None:
        region = region.strip()
        if region not in dataset.regions:
            examples = ", ".join(f"{r.code} {r.name}" for r in list(dataset.regions.values())[:5])
            raise UsageError(
                f"--region {region}: no such code in {regions_file}; use one listed there "
                f"(e.g. {examples}) or add the region to it"
            )
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


def _published(today: date, tender: NoticeFile | None, settings: Settings) -> datetime:
    """Today 09:00, or the tender's own time when that is later (never before the tender)."""
    published = datetime.combine(today, PUBLISHED_AT, tzinfo=settings.tz)
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
        raise UsageError(
            f"--project {project}: the code has no letters or digits to name the file with; "
            "use a code such as XG-GC-2026-001"
        )
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
        raise UsageError(
            f"the notice id {notice_id!r} made from --project is longer than 80 characters: "
            "use a shorter project code"
        )
    return notice_id


# --- the values written -------------------------------------------------------------------------

ASK = object()  # write the placeholder: an editor has to supply this value


@dataclass(frozen=True)
class Fill:
    """What the scaffold writes for one field: a value (or the placeholder) and a note."""

    value: Any = ASK
    note: str = ""
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
        "region": Fill(region, f"{region} {dataset.regions[region].name}"),
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
        values["deadline"] = Fill(deadline, f"默认为发布后 {TENDER_DAYS} 天，请按招标文件修改")
        values["opening"] = Fill({"time": deadline}, commented=True)
    elif notice_type == "amendment":
        values |= _amendment_values(dataset, settings, published, tender)
    elif notice_type == "candidates":
        days = rules.CANDIDATES_PUBLICITY.minimum_days
        values["candidates"] = [{"rank": 1}]
        values["publicity_end"] = Fill(
            published.date() + timedelta(days=days),
            f"默认为最短公示期 {days} 天（{rules.CANDIDATES_PUBLICITY.law}）",
        )
    return values


def _project_note(notice_type: str, invented: bool) -> str:
    if not invented:
        return ""
    note = ("自动生成的项目编号（地区代码-年份-序号）；"
            "项目已有正式编号时请改用正式编号，文件名不必改")
    if notice_type in NEEDS_TENDER:
        note += ("。此类公告须使用已有招标公告的项目编号："
                 "建议用 gongshi new --project 项目编号 重新生成")
    return note


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
            f"距投标截止只有 {days} 天，不足 {period.minimum_days} 天（{period.law}）："
            f"须顺延截止时间，新的截止时间不早于 {earliest.isoformat()}",
        )
    return values


# --- the scaffold -------------------------------------------------------------------------------


def _scaffold(notice_type: str, values: dict[str, Any], schema_ref: str) -> str:
    model = MODEL_OF_TYPE[notice_type]
    header = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {(model.__doc__ or notice_type).strip()}（{notice_type}），由 gongshi new 生成。",
        '# 把每个 "<请填写：…>"（连同引号）换成真实内容；日期、金额按注释的格式填写，不加引号。',
        '# 以 "# " 开头的是可选字段：需要时去掉行首的 "# " 再填写，不需要的可以删除。',
        "",
    ]
    return "\n".join(header + _model_lines(model, values, 0, top=True)) + "\n"


def _field_order(model: type[BaseModel], top: bool) -> list[str]:
    names = list(model.model_fields)
    if not top:
        return names
    first = [n for n in FIRST_FIELDS if n in names]
    last = [n for n in LAST_FIELDS if n in names]
    return first + [n for n in names if n not in first and n not in last] + last


def _model_lines(
    model: type[BaseModel], values: dict[str, Any], indent: int, *, top: bool = False
) -> list[str]:
    lines: list[str] = []
    for name in _field_order(model, top):
        info = model.model_fields[name]
        fill = values.get(name)
        if not isinstance(fill, Fill):
            fill = Fill(commented=not info.is_required()) if fill is None else Fill(fill)
        lines += _field_lines(name, info, fill, indent)
    return lines


def _field_lines(name: str, info: FieldInfo, fill: Fill, indent: int) -> list[str]:
    pad = " " * indent
    optional = not info.is_required()
    help_text = f"{info.title or name}{'（可选）' if optional else ''}"
    if info.description:
        help_text += f"：{info.description}"
    comments = [f"{pad}# {help_text}"] + ([f"{pad}# {fill.note}"] if fill.note else [])
    body = _value_lines(name, info, fill.value, indent)
    if fill.commented:
        body = [f"{pad}# {line[indent:]}" for line in body]
    return comments + body


def _value_lines(name: str, info: FieldInfo, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    kind, target = _shape(info.annotation)
    if kind == "model":
        return [f"{pad}{name}:", *_model_lines(target, value if isinstance(value, dict) else {},
                                               indent + 2)]
    if kind == "list":
        items = value if isinstance(value, list) else [{}]
        entries = [line for item in items for line in _item_lines(target, item, indent + 2)]
        return [f"{pad}{name}:", *entries]
    if value is ASK:
        placeholder = _placeholder(info, target)
        if name in BLOCK_FIELDS:
            return [f"{pad}{name}: |", f"{pad}  {placeholder}"]
        return [f"{pad}{name}: {json.dumps(placeholder, ensure_ascii=False)}"]
    return [f"{pad}{name}: {_scalar(value)}"]


def _item_lines(model: type[BaseModel], values: dict[str, Any], indent: int) -> list[str]:
    """One list entry: the fields at indent + 2, the first field line starting with '- '."""
    lines = _model_lines(model, values, indent + 2)
    first = next(i for i, line in enumerate(lines) if not line[indent + 2:].startswith("#"))
    lines[first] = f"{' ' * indent}- {lines[first][indent + 2:]}"
    return [line[2:] for line in lines[:first]] + lines[first:]  # its comments above the '-'


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


def _placeholder(info: FieldInfo, members: list[Any]) -> str:
    hint = _format_hint(members)
    return f"{PLACEHOLDER}：{info.title}{'，' + hint if hint else ''}>"


def _format_hint(members: list[Any]) -> str:
    kinds = set(members)
    if datetime in kinds and date in kinds:
        return "YYYY-MM-DD 或 YYYY-MM-DD HH:MM，不加引号"
    if datetime in kinds:
        return "YYYY-MM-DD HH:MM，不加引号"
    if date in kinds:
        return "YYYY-MM-DD，不加引号"
    if Decimal in kinds:
        return "数字，不加引号"
    if int in kinds:
        return "整数，不加引号"
    if any(get_origin(m) is Literal for m in kinds):
        return "取值见上一行"
    return ""


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
        raise UsageError(f"{path} already exists: it was not overwritten; run new again") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
