"""`gongshi new TYPE`: the scaffold has every field, fails validation until each placeholder is
filled, and validates under --strict once it is; ids and folders are derived, never reused."""

from __future__ import annotations

import json
import re
import types
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import REPO
from pydantic import BaseModel

from generator.commands.new import _schema_reference, new_notice
from generator.config import Settings
from generator.model import MODEL_OF_TYPE, NOTICE_TYPES, PLACEHOLDER

TZ = ZoneInfo("Asia/Shanghai")
PROJECT = "XN-GC-2026-001"


def today() -> date:
    return datetime.now(TZ).date()


def tender_yaml(code: str = PROJECT, region: str = "420902", *, published: date | None = None,
                deadline_days: int = 30) -> str:
    published = published or today() - timedelta(days=2)
    deadline = today() + timedelta(days=deadline_days)
    return f"""\
type: tender
title: 孝南区书院街道路改造工程施工招标公告
region: "{region}"
published: {published.isoformat()} 09:00
publisher: 孝感市公共资源交易中心
category: construction
project:
  code: {code}
  name: 孝南区书院街道路改造工程
method: open
buyer:
  name: 孝感市孝南区住房和城乡建设局
deadline: {deadline.isoformat()} 09:30
"""


# --- filling in a scaffold the way an editor would ------------------------------------------------


def fill_values() -> dict[str, str]:
    """A realistic value per field path (or bare field name), as YAML text."""
    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    return {
        "title": text("孝南区书院街道路改造工程相关公告"),
        "publisher": text("孝感市公共资源交易中心"),
        "category": "construction",
        "method": "open",
        "project.name": text("孝南区书院街道路改造工程"),
        "buyer.name": text("孝感市孝南区住房和城乡建设局"),
        "candidates.name": text("湖北某某建设工程有限公司"),
        "winners.name": text("湖北某某建设工程有限公司"),
        "reason": text("投标人不足三家，本次招标流标，将重新组织招标"),
        "subject.name": text("王某某"),
        "subject.kind": "expert",
        "decision_no": text("孝公管罚〔2026〕3号"),
        "decided": today().isoformat(),
        "authority": text("孝感市公共资源交易监督管理局"),
        "violation": text("评标专家在评标过程中未按招标文件规定的评标标准和方法评标"),
        "basis": text("《中华人民共和国招标投标法实施条例》第七十一条"),
        "sanctions.kind": "warning",
        "publicity_end": (today() + timedelta(days=365)).isoformat(),
        "changes.deadline": f"{(today() + timedelta(days=20)).isoformat()} 09:30",
    }


_FIELD_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[a-z_]+):(?P<rest>.*)$")


def field_lines(lines: list[str]) -> list[tuple[int, str, re.Match[str]]]:
    """(line index, dotted field path, match) for every field line; paths skip list indices."""
    found = []
    parents: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        match = _FIELD_LINE.match(line)
        if not match:
            continue
        column = len(match["indent"]) + (2 if match["dash"] else 0)
        while parents and parents[-1][0] >= column:
            parents.pop()
        path = ".".join([key for _, key in parents] + [match["key"]])
        found.append((index, path, match))
        if not match["rest"].strip():
            parents.append((column, match["key"]))
    return found


def fill_placeholders(text: str) -> str:
    """Replace every active `<请填写…>` line with a suitable value for its field."""
    values = fill_values()
    lines = text.splitlines()
    for index, path, match in field_lines(lines):
        if PLACEHOLDER in match["rest"]:
            value = values.get(path) or values[match["key"]]
            lines[index] = f"{match['indent']}{match['dash'] or ''}{match['key']}: {value}"
    filled = "\n".join(lines) + "\n"
    active = [line for line in lines if not line.lstrip().startswith("#")]
    assert not any(PLACEHOLDER in line for line in active), filled
    return filled


def expanded(text: str) -> list[str]:
    """Every line with its comment markers removed: optional fields become active."""
    lines = []
    for line in text.splitlines():
        while re.match(r"^ *# ", line):
            line = re.sub(r"^( *)# ", r"\1", line, count=1)
        lines.append(line)
    return lines


def notice_path(result_out: str) -> Path:
    lines = result_out.strip().splitlines()
    assert len(lines) == 1, result_out
    return Path(lines[0])


def new(run_cli, tmp_path: Path, *args: str) -> Path:
    """Run `gongshi new ARGS --data data` in tmp_path; the printed path, checked to exist."""
    result = run_cli("new", *args, "--data", "data", cwd=tmp_path)
    assert result.exit_code == 0, result.err
    path = tmp_path / notice_path(result.out)
    assert path.is_file()
    return path


# --- every type, from scaffold to a valid notice --------------------------------------------------

NEEDS_PROJECT = {"amendment", "candidates", "award", "termination"}


@pytest.mark.parametrize("notice_type", NOTICE_TYPES)
def test_new_scaffold_fails_until_filled_then_validates_strict(
    notice_type, make_data, run_cli, tmp_path
):
    make_data({f"2026/420902/{PROJECT}-ZB.yaml": tender_yaml()})
    args = ["--project", PROJECT] if notice_type in NEEDS_PROJECT else ["--region", "420921"]
    result = run_cli("new", notice_type, "--data", "data", *args, cwd=tmp_path)
    assert result.exit_code == 0, result.err
    shown = notice_path(result.out)
    region = "420902" if notice_type in NEEDS_PROJECT else "420921"
    assert shown.parent == Path("data/notices") / str(today().year) / region
    path = tmp_path / shown
    assert path.is_file()

    invalid = run_cli("validate", "--data", "data", cwd=tmp_path)
    assert invalid.exit_code == 1
    assert f"{shown.as_posix()}:" in invalid.out
    assert "：还是占位符“<请填写：" in invalid.out
    assert "：把它（连同引号）换成真实内容 [value]" in invalid.out

    path.write_text(fill_placeholders(path.read_text(encoding="utf-8")), encoding="utf-8")
    valid = run_cli("validate", "--data", "data", "--strict", cwd=tmp_path)
    assert valid.exit_code == 0, valid.out + valid.err


def test_tender_without_project_invents_a_code_in_the_first_province(make_data, run_cli, tmp_path):
    make_data()
    year = today().year
    first = new(run_cli, tmp_path, "tender")
    second = new(run_cli, tmp_path, "tender")
    assert first.relative_to(tmp_path) == Path(f"data/notices/{year}/420000/420000-{year}-001-ZB.yaml")
    assert second.name == f"420000-{year}-002-ZB.yaml"
    notice = yaml.safe_load(first.read_text(encoding="utf-8"))
    assert notice["project"]["code"] == f"420000-{year}-001"
    assert notice["region"] == "420000"


def test_scaffold_fields_dates_and_placeholders(make_data, tmp_path):
    data = make_data()
    path = new_notice("tender", data, Settings(), region="420902", project=PROJECT,
                      today=date(2025, 6, 1))
    assert path == data / "notices/2025/420902/XN-GC-2026-001-ZB.yaml"
    text = path.read_text(encoding="utf-8")
    notice = yaml.safe_load(text)
    assert notice["type"] == "tender"
    assert notice["published"] == "2025-06-01 09:00"
    assert notice["deadline"] == "2025-06-22 09:00"
    assert notice["project"]["code"] == PROJECT
    assert notice["title"].startswith(PLACEHOLDER)
    assert notice["buyer"]["name"].startswith(PLACEHOLDER)
    assert "# opening:" in text and "#   time: 2025-06-22 09:00" in text
    assert "budget" not in notice  # optional: commented out


# --- every field, each explained by its model title -------------------------------------------


def _members(annotation: Any) -> list[Any]:
    if get_origin(annotation) is Annotated:
        return _members(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for a in get_args(annotation) if a is not type(None) for m in _members(a)]
    return [annotation]


def _submodel(annotation: Any) -> type[BaseModel] | None:
    for member in _members(annotation):
        if get_origin(member) is list:
            member = _members(get_args(member)[0])[0]
        if isinstance(member, type) and issubclass(member, BaseModel):
            return member
    return None


def _assert_same_fields(model: type[BaseModel], value: Any, where: str) -> None:
    if isinstance(value, list):
        value = value[0]
    assert isinstance(value, dict), where
    assert set(value) == set(model.model_fields), where
    for name, info in model.model_fields.items():
        sub = _submodel(info.annotation)
        if sub is not None:
            _assert_same_fields(sub, value[name], f"{where}.{name}")


def _field_info(model: type[BaseModel], path: str) -> Any:
    info = None
    for name in path.split("."):
        info = model.model_fields[name]
        model = _submodel(info.annotation) or model
    return info


@pytest.mark.parametrize("notice_type", NOTICE_TYPES)
def test_scaffold_has_every_field_with_its_title(notice_type, make_data):
    data = make_data()
    path = new_notice(notice_type, data, Settings(), region="420902", project=None, today=today())
    lines = expanded(path.read_text(encoding="utf-8"))
    model = MODEL_OF_TYPE[notice_type]
    fields = field_lines(lines)
    document = yaml.safe_load("\n".join(lines[i] for i, _, _ in fields))
    _assert_same_fields(model, document, notice_type)
    for index, field_path, _ in fields:
        title = _field_info(model, field_path).title
        above = []
        for line in reversed(lines[:index]):
            if not line.strip() or _FIELD_LINE.match(line):
                break
            above.append(line.strip())
        assert title and any(line.startswith(title) for line in above), (field_path, above)


def test_optional_fields_are_commented_out_and_marked(make_data):
    data = make_data()
    text = new_notice("award", data, Settings(), region="420902", project=None,
                      today=today()).read_text("utf-8")
    assert "# 中标/成交日期（可选）" in text
    assert "\n# award_date: " in text
    assert "\n#   # uscc: " not in text  # winners is required: its optional uscc is one level in
    assert "\n    # uscc: " in text


# --- pre-filled from the project's tender ----------------------------------------------------


def test_amendment_is_prefilled_from_the_tender(make_data, run_cli, tmp_path):
    make_data({f"2026/420902/{PROJECT}-ZB.yaml": tender_yaml()})
    first = new(run_cli, tmp_path, "amendment", "--project", PROJECT)
    second = new(run_cli, tmp_path, "amendment", "--project", PROJECT)
    assert first.name == f"{PROJECT}-BG1.yaml"
    assert second.name == f"{PROJECT}-BG2.yaml"
    notice = yaml.safe_load(first.read_text(encoding="utf-8"))
    assert notice["amends"] == f"{PROJECT}-ZB"
    assert notice["project"] == {"code": PROJECT, "name": "孝南区书院街道路改造工程"}
    assert notice["category"] == "construction"
    assert notice["publisher"] == "孝感市公共资源交易中心"
    assert notice["region"] == "420902"
    assert "changes" not in notice  # the deadline is far enough away


@pytest.mark.parametrize(("notice_type", "suffix"),
                         [("candidates", "HX"), ("award", "JG"), ("termination", "ZZ")])
def test_results_are_prefilled_from_the_tender(notice_type, suffix, make_data, run_cli, tmp_path):
    make_data({f"2026/420902/{PROJECT}-ZB.yaml": tender_yaml()})
    path = new(run_cli, tmp_path, notice_type, "--project", PROJECT)
    assert path.name == f"{PROJECT}-{suffix}.yaml"
    notice = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert notice["project"]["name"] == "孝南区书院街道路改造工程"
    assert (notice["category"], notice["region"]) == ("construction", "420902")


def test_candidates_publicity_defaults_to_the_legal_minimum(make_data):
    data = make_data({f"2026/420902/{PROJECT}-ZB.yaml": tender_yaml()})
    path = new_notice("candidates", data, Settings(), region=None, project=PROJECT, today=today())
    notice = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert notice["published"] == f"{today().isoformat()} 09:00"
    assert notice["publicity_end"] == today() + timedelta(days=3)
    assert notice["candidates"][0]["rank"] == 1


def test_amendment_close_to_the_deadline_asks_for_a_new_one(make_data, run_cli, tmp_path):
    long_ago = today() - timedelta(days=20)
    make_data({f"2026/420902/{PROJECT}-ZB.yaml": tender_yaml(published=long_ago,
                                                                    deadline_days=5)})
    path = new(run_cli, tmp_path, "amendment", "--project", PROJECT)
    text = path.read_text(encoding="utf-8")
    assert "招标投标法实施条例 第二十一条" in text
    assert yaml.safe_load(text)["changes"]["deadline"].startswith(PLACEHOLDER)
    path.write_text(fill_placeholders(text), encoding="utf-8")
    valid = run_cli("validate", "--data", "data", "--strict", cwd=tmp_path)
    assert valid.exit_code == 0, valid.out + valid.err


def test_result_is_never_published_before_an_embargoed_tender(make_data):
    later = today() + timedelta(days=10)
    data = make_data({f"2026/420902/{PROJECT}-ZB.yaml": tender_yaml(published=later,
                                                                    deadline_days=40)})
    path = new_notice("termination", data, Settings(), region=None, project=PROJECT, today=today())
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["published"] == f"{later} 09:00"


def test_penalty_ids_continue_after_the_highest_serial(make_data, run_cli, tmp_path):
    year = today().year
    existing = f"CF-420902-{year}-007"
    make_data({f"{year}/420902/{existing}.yaml": "type: penalty\n"})
    path = new(run_cli, tmp_path, "penalty", "--region", "420902")
    assert path.name == f"CF-420902-{year}-008.yaml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["region"] == "420902"


def test_errors_elsewhere_in_the_data_do_not_stop_new(make_data, run_cli, tmp_path):
    make_data({
        f"2026/420902/{PROJECT}-ZB.yaml": tender_yaml(),
        "2026/420902/BROKEN-1.yaml": "type: tender\ntitle: [unclosed\n",
        "2026/420902/BAD-REGION.yaml": tender_yaml("OTHER-1", region="999999"),
    })
    path = new(run_cli, tmp_path, "award", "--project", PROJECT)
    assert path.name == f"{PROJECT}-JG.yaml"


def test_project_code_is_made_safe_for_the_file_name(make_data):
    data = make_data()
    path = new_notice("tender", data, Settings(), region=None, project="XG GC/2026 01", today=today())
    assert path.name == "XG-GC-2026-01-ZB.yaml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["project"]["code"] == "XG GC/2026 01"


# --- never overwrite; refuse what cannot work ----------------------------------------------------


def test_existing_files_are_never_overwritten(make_data, run_cli, tmp_path):
    original = "# an editor's work in progress\n"
    data = make_data({
        f"2026/420902/{PROJECT}-ZB.yaml": tender_yaml(),
        f"2025/420000/{PROJECT.lower()}-hx.yaml": original,  # ids are unique ignoring case
    })
    path = new(run_cli, tmp_path, "candidates", "--project", PROJECT)
    assert path.name == f"{PROJECT}-HX2.yaml"
    assert (data / f"notices/2025/420000/{PROJECT.lower()}-hx.yaml").read_text() == original
    again = new(run_cli, tmp_path, "tender", "--project", PROJECT)
    assert again.name == f"{PROJECT}-ZB2.yaml"
    assert (data / f"notices/2026/420902/{PROJECT}-ZB.yaml").read_text() == tender_yaml()


def test_unknown_region_is_a_usage_error(make_data, run_cli, tmp_path):
    data = make_data()
    result = run_cli("new", "tender", "--data", "data", "--region", "999999", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--region 999999" in result.err and "regions.yaml" in result.err
    assert "Traceback" not in result.err
    assert not list((data / "notices").rglob("*.yaml"))


@pytest.mark.parametrize("notice_type", sorted(NEEDS_PROJECT))
def test_project_without_tender_is_a_usage_error(notice_type, make_data, run_cli, tmp_path):
    data = make_data()
    result = run_cli("new", notice_type, "--data", "data", "--project", "NO-SUCH-1", cwd=tmp_path)
    assert result.exit_code == 2
    assert "NO-SUCH-1" in result.err and "no tender" in result.err
    assert not list((data / "notices").rglob("*.yaml"))


def test_missing_data_folder_or_regions_is_a_usage_error(make_data, run_cli, tmp_path):
    missing = run_cli("new", "tender", "--data", tmp_path / "nowhere", cwd=tmp_path)
    assert missing.exit_code == 2 and "不存在" in missing.err
    data = make_data()
    (data / "regions.yaml").unlink()
    no_regions = run_cli("new", "tender", "--data", "data", cwd=tmp_path)
    assert no_regions.exit_code == 2 and "regions.yaml" in no_regions.err


# --- the schema modeline ---------------------------------------------------------------------------


def test_modeline_points_at_the_published_schema_outside_a_repository(make_data):
    data = make_data()
    path = new_notice("termination", data, Settings(), region=None, project=None, today=today())
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://gongshi.example.cn/schema/notice.schema.json"


def test_modeline_is_relative_to_the_repository_schema(tmp_path, make_data):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema/notice.schema.json").write_text("{}", encoding="utf-8")
    data = make_data()  # tmp_path/data
    path = new_notice("penalty", data, Settings(), region="420902", project=None, today=today())
    first = path.read_text(encoding="utf-8").splitlines()[0]
    reference = first.removeprefix("# yaml-language-server: $schema=")
    assert reference == "../../../../schema/notice.schema.json"
    assert (path.parent / reference).resolve() == (tmp_path / "schema/notice.schema.json").resolve()


def test_modeline_for_this_repository_data():
    folder = REPO / "data" / "notices" / "2026" / "420902"
    assert _schema_reference(folder, Settings()) == "../../../../schema/notice.schema.json"
