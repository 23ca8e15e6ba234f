"""`gongshi new TYPE`: the scaffold has every field, fails validation until each placeholder is
filled, and validates under --strict once it is; ids and folders are derived, never reused."""

from __future__ import annotations

import json
import re
import types
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import REPO
from message_language import chinese_text, english_words
from pydantic import BaseModel

from generator.cli import main
from generator.commands.new import _schema_reference, new_notice
from generator.config import Settings
from generator.model import MODEL_OF_TYPE, NOTICE_TYPES, PLACEHOLDER
from generator.words import FIELDS, LANGUAGES

TZ = ZoneInfo("Asia/Shanghai")
PROJECT = "XN-GC-2026-001"


def today() -> date:
    return datetime.now(TZ).date()


def morning(day: date | None = None) -> datetime:
    """08:00 of `day` (today): a notice made then is published at 09:00 that day."""
    return datetime.combine(day or today(), time(8, 0), tzinfo=TZ)


def scaffold(notice_type: str, data: Path, *, region: str | None = "420902", project: str | None = None,
             now: datetime | None = None, language: str = "zh") -> Path:
    """`new_notice` as of `now` (default: 08:00 today); the path of the file it wrote."""
    return new_notice(notice_type, data, Settings(), region=region, project=project,
                      now=now or morning(), language=language).path


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


_FIELD_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[a-z_][a-z0-9_]*):(?P<rest>.*)$")  # sha256


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
    path = scaffold("tender", data, project=PROJECT, now=morning(date(2025, 6, 1)))
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


# --- every field, named by its label in the file's language ------------------------------------


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


MODELINE = "# yaml-language-server: "


def comment_text(line: str) -> str:
    """A line without its indentation and comment markers."""
    return re.sub(r"^[ #]*", "", line)


@pytest.mark.parametrize("notice_type", NOTICE_TYPES)
def test_scaffold_names_every_field_by_its_label_in_the_language(notice_type, make_data):
    data = make_data()
    texts = {language: scaffold(notice_type, data, language=language).read_text(encoding="utf-8")
             for language in LANGUAGES}
    zh_lines = expanded(texts["zh"])
    fields = field_lines(zh_lines)  # a Chinese comment never reads as a field line
    document = yaml.safe_load("\n".join(zh_lines[i] for i, _, _ in fields))
    _assert_same_fields(MODEL_OF_TYPE[notice_type], document, notice_type)
    field_indexes = {index for index, _, _ in fields}
    for language, text in texts.items():
        lines = text.splitlines()
        assert len(lines) == len(zh_lines), language  # the same file but for its words
        labels = FIELDS.words(language)
        for index, path, _ in fields:
            above = [comment_text(lines[index - k]) for k in (1, 2)]  # the label, then a note
            assert any(line.startswith(labels[path]) for line in above), (language, path, above)
        comments = "\n".join(comment_text(line) for index, line in enumerate(lines)
                             if line.lstrip().startswith("#") and index not in field_indexes
                             and not line.startswith(MODELINE) and PLACEHOLDER not in line)
        if language == "zh":
            assert not english_words(comments), english_words(comments)
        else:
            assert not chinese_text(comments), chinese_text(comments)


def test_optional_fields_are_commented_out_and_marked(make_data):
    data = make_data()
    text = scaffold("award", data).read_text("utf-8")
    assert "# 中标/成交日期（可选）" in text
    assert "\n# award_date: " in text
    assert "\n#   # uscc: " not in text  # winners is required: its optional uscc is one level in
    assert "\n    # uscc: " in text


# --- when the notice becomes public ------------------------------------------------------------------


def clock_at(moment: str) -> Callable[[tzinfo], datetime]:
    return lambda tz: datetime.fromisoformat(moment).astimezone(tz)


def new_at(moment: str, tmp_path: Path, monkeypatch, capsys, *args: str) -> tuple[Path, str]:
    """`gongshi new penalty ARGS` with the clock at `moment`: the file written and what it said."""
    monkeypatch.chdir(tmp_path)
    code = main(["new", "penalty", "--data", "data", "--region", "420902", *args], clock=clock_at(moment))
    printed = capsys.readouterr()
    assert code == 0, printed.err
    return tmp_path / notice_path(printed.out), printed.err


@pytest.mark.parametrize(("moment", "published"), [
    ("2027-05-04T08:10:00+08:00", "2027-05-04 09:00"),  # before 09:00: 09:00 that day
    ("2027-05-04T09:00:00+08:00", "2027-05-04 09:15"),  # from 09:00: the next quarter hour after now
    ("2027-05-04T10:07:30+08:00", "2027-05-04 10:15"),
    ("2027-05-04T14:45:00+08:00", "2027-05-04 15:00"),
    ("2027-05-04T23:50:00+08:00", "2027-05-05 00:00"),
    ("2027-05-04T02:07:00+00:00", "2027-05-04 10:15"),  # in the site's time zone, whatever the clock's
])
def test_published_is_nine_oclock_or_the_next_quarter_hour(moment, published, make_data, tmp_path,
                                                           monkeypatch, capsys):
    make_data()
    path, _ = new_at(moment, tmp_path, monkeypatch, capsys)
    notice = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert notice["published"] == published
    assert path.parent.parent.name == "2027"


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "发布时间 `published` 为 2027-05-04 10:15：到时才公开；在此之前它是草稿"),
    ("en", "The publication time (`published`) is 2027-05-04 10:15: the notice becomes public then; "
           "until then it is a draft"),
])
def test_new_says_when_the_notice_becomes_public(language, expected, make_data, tmp_path, monkeypatch,
                                                 capsys):
    make_data()
    path, said = new_at("2027-05-04T10:07:30+08:00", tmp_path, monkeypatch, capsys, "--lang", language)
    assert path.is_file()  # alone on stdout, for `$EDITOR $(gongshi new …)`
    assert expected in said, said
    assert "`penalty`" in said and "<请填写" in said
    if language == "zh":
        assert not english_words(said), english_words(said)
    else:
        assert not chinese_text(said), chinese_text(said)


def test_the_site_language_is_the_default_of_new(make_data, tmp_path, monkeypatch, capsys):
    make_data()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  gongshi:\n    language: en\n", encoding="utf-8")
    path, said = new_at("2027-05-04T10:07:30+08:00", tmp_path, monkeypatch, capsys)
    assert "becomes public" in said and not chinese_text(said)
    assert "# publication time: the notice becomes public at this time" in path.read_text(encoding="utf-8")


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
    path = scaffold("candidates", data, region=None, project=PROJECT)
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
    assert "《中华人民共和国招标投标法实施条例》第二十一条" in text
    assert yaml.safe_load(text)["changes"]["deadline"].startswith(PLACEHOLDER)
    path.write_text(fill_placeholders(text), encoding="utf-8")
    valid = run_cli("validate", "--data", "data", "--strict", cwd=tmp_path)
    assert valid.exit_code == 0, valid.out + valid.err


def test_result_is_never_published_before_an_embargoed_tender(make_data):
    later = today() + timedelta(days=10)
    data = make_data({f"2026/420902/{PROJECT}-ZB.yaml": tender_yaml(published=later,
                                                                    deadline_days=40)})
    path = scaffold("termination", data, region=None, project=PROJECT)
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
    path = scaffold("tender", data, region=None, project="XG GC/2026 01")
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
    assert "`--project NO-SUCH-1`" in result.err and "中没有这个项目编号的招标公告" in result.err
    english = run_cli("new", notice_type, "--data", "data", "--project", "NO-SUCH-1", "--lang", "en",
                      cwd=tmp_path)
    assert english.exit_code == 2 and "no tender in" in english.err
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
    path = scaffold("termination", data, region=None)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://gongshi.example.cn/schema/notice.schema.json"


def test_modeline_is_relative_to_the_repository_schema(tmp_path, make_data):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema/notice.schema.json").write_text("{}", encoding="utf-8")
    data = make_data()  # tmp_path/data
    path = scaffold("penalty", data)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    reference = first.removeprefix("# yaml-language-server: $schema=")
    assert reference == "../../../../schema/notice.schema.json"
    assert (path.parent / reference).resolve() == (tmp_path / "schema/notice.schema.json").resolve()


def test_modeline_for_this_repository_data():
    folder = REPO / "data" / "notices" / "2026" / "420902"
    assert _schema_reference(folder, Settings()) == "../../../../schema/notice.schema.json"
