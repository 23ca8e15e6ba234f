"""`gongshi import`: the OCDS round trip on the sample site, the template read back, problems
said at their cell, --partial, --update, and an existing notice never overwritten silently."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import get_args
from zoneinfo import ZoneInfo

import pytest
from conftest import SAMPLE_DATA, VALID_TENDER
from message_language import chinese_text
from openpyxl import load_workbook
from test_editor_messages import guide_sections

from generator import rules
from generator.config import Settings
from generator.dataset import load_dataset
from generator.errors import Rule
from generator.importing.run import ImportOptions, import_files
from generator.model import NOTICE_TYPES, Amendment, Award, Candidates, Category, Method, Tender, Termination
from generator.words import VOCABULARIES

TZ = ZoneInfo("Asia/Shanghai")


def _notices(data: Path) -> dict:
    dataset = load_dataset(data, TZ)
    assert not dataset.errors, [p.as_text("en") for p in dataset.errors]
    return {nf.id: nf.notice for nf in dataset.notices}


def _carried(notice) -> dict:
    """What the OCDS export carries of a notice (render/ocds.py), as values to compare."""
    found = {"type": notice.type, "title": notice.title,
             "published": rules.start_of(notice.published, TZ), "project.code": notice.project.code}
    links = [a.url for a in notice.attachments or [] if a.url]
    found["attachments"] = [a.title for a in notice.attachments or []], links
    if isinstance(notice, Tender):
        found |= {"project.name": notice.project.name, "method": notice.method,
                  "buyer": notice.buyer, "agency": notice.agency, "budget": notice.budget,
                  "deadline": notice.deadline, "opening": notice.opening and notice.opening.time,
                  "qualification": notice.qualification}
    elif isinstance(notice, Amendment):
        changes = notice.changes
        found |= {"amends": notice.amends, "deadline": changes and changes.deadline,
                  "opening": changes and changes.opening and changes.opening.time}
    elif isinstance(notice, Candidates):
        found["candidates"] = sorted((c.rank, c.name, c.uscc, c.amount) for c in notice.candidates)
    elif isinstance(notice, Award):
        found["winners"] = [(w.name, w.uscc, w.amount) for w in notice.winners]
        found["award_date"] = notice.award_date
    elif isinstance(notice, Termination):
        found["reason"] = notice.reason
    return found


def test_ocds_exports_import_back_to_the_same_notices(sample_site, tmp_path, run_cli):
    data = tmp_path / "data"
    (data / "notices").mkdir(parents=True)
    (data / "regions.yaml").write_bytes((SAMPLE_DATA / "regions.yaml").read_bytes())
    packages = sorted((sample_site / "data").glob("*/*/ocds.json"))  # data/<year>/<MM>/
    assert packages
    result = run_cli("import", *packages, "--data", data, "--region", "420000", cwd=tmp_path)
    assert result.exit_code == 0, result.err
    imported = _notices(data)
    original = _notices(SAMPLE_DATA)
    procurement = {i for i, n in original.items() if n.type != "penalty"}
    assert set(imported) <= procurement and len(imported) >= 60
    for notice_id, notice in imported.items():
        before = _carried(original[notice_id])
        after = _carried(notice)
        before_titles, before_links = before.pop("attachments")
        after_titles, after_links = after.pop("attachments")
        assert before_titles == after_titles, notice_id
        assert set(before_links) <= set(after_links), notice_id  # a published file becomes its link
        assert after == before, notice_id
    # what OCDS cannot carry comes from the project's tender
    for notice in imported.values():
        if not isinstance(notice, Tender):
            tender = next(n for n in imported.values()
                          if isinstance(n, Tender) and n.project.code == notice.project.code)
            assert (notice.region, notice.publisher, notice.category) == (
                tender.region, tender.publisher, tender.category)


# --- the template --------------------------------------------------------------------------------


def _template(run_cli, tmp_path: Path, notice_type: str = "all") -> Path:
    out = tmp_path / "template.xlsx"
    result = run_cli("import", "--template", notice_type, "--out", out, "--data", tmp_path / "data",
                     cwd=tmp_path)
    assert result.exit_code == 0, result.err
    return out


def test_the_template_has_headers_drop_down_lists_and_a_valid_example(make_data, run_cli, tmp_path):
    data = make_data()
    book = load_workbook(_template(run_cli, tmp_path))
    type_names = VOCABULARIES["type"].words("zh")
    assert book.sheetnames == [type_names[code] for code in NOTICE_TYPES] + ["填写说明"]
    tender = book.worksheets[0]
    headers = [cell.value for cell in tender[1]]
    assert {"公告标题", "发布地区", "交易方式", "招标人名称", "投标/报名截止时间"} <= set(headers)
    lists = {next(iter(v.sqref.ranges)).min_col: v.formula1.strip('"').split(",")
             for v in tender.data_validations.dataValidation}
    method_column = headers.index("交易方式") + 1
    category_column = headers.index("交易类别") + 1
    methods, categories = VOCABULARIES["method"].words("zh"), VOCABULARIES["category"].words("zh")
    assert lists[method_column] == [methods[code] for code in get_args(Method)]
    assert lists[category_column] == [categories[code] for code in get_args(Category)]
    assert set(lists) == {method_column, category_column}
    penalty = book.worksheets[5]
    penalty_lists = {v.formula1 for v in penalty.data_validations.dataValidation}
    assert len(penalty_lists) == 3  # category, subject kind, sanction kind
    explained = [row[2] for row in book["填写说明"].iter_rows(min_row=4, values_only=True)]
    assert "buyer.name" in explained and "candidates.1.name" in explained
    result = run_cli("import", tmp_path / "template.xlsx", "--data", data, cwd=tmp_path)
    assert result.exit_code == 0, result.err
    assert len(_notices(data)) == 6


def test_the_template_in_english(make_data, run_cli, tmp_path):
    """An English site's template is English throughout, its example row too, and that row
    imports as it stands."""
    data = make_data()
    out = tmp_path / "t.xlsx"
    assert run_cli("import", "--template", "all", "--out", out, "--lang", "en", cwd=tmp_path).exit_code == 0
    book = load_workbook(out)
    type_names = VOCABULARIES["type"].words("en")
    assert book.sheetnames == [type_names[code] for code in NOTICE_TYPES] + ["How to fill in"]
    assert "title" in [c.value for c in book.worksheets[0][1]]
    examples = [str(cell.value) for sheet in book.worksheets[:-1] for cell in sheet[2] if cell.value is not None]
    assert examples and not chinese_text(" ".join(examples)), chinese_text(" ".join(examples))
    result = run_cli("import", out, "--data", data, "--lang", "en", cwd=tmp_path)
    assert result.exit_code == 0, result.err
    imported = _notices(data)
    assert len(imported) == 6
    assert not chinese_text(" ".join(str(n.title) for n in imported.values()))


def _filled(tmp_path: Path, run_cli, rows: list[dict[str, object]], notice_type: str = "tender") -> Path:
    """The template of `notice_type` with its example row changed by each of `rows`
    (header → value; None empties the cell), one row each."""
    path = _template(run_cli, tmp_path, notice_type)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    example = [cell.value for cell in sheet[2]]
    for number, changes in enumerate(rows, start=2):
        for index, value in enumerate(example):
            sheet.cell(number, index + 1).value = value
        for header, value in changes.items():
            sheet.cell(number, headers.index(header) + 1).value = value  # None empties it
    book.save(path)
    return path


def test_malformed_rows_are_said_at_their_cell_in_chinese(make_data, run_cli, tmp_path):
    data = make_data()
    book = _filled(tmp_path, run_cli, [
        {"公告编号（可留空）": "T-1", "交易方式": "公开竞价"},
        {"公告编号（可留空）": "T-2", "公告标题": None},
        {"公告编号（可留空）": "T-3", "投标/报名截止时间": "2026-02-30 09:00"},
        {"公告编号（可留空）": "T-4", "招标人统一社会信用代码": "91420900MA4GQUWEE1"},
    ])
    result = run_cli("import", book, "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    lines = result.err.splitlines()
    def line_of(row: int, header: str) -> str:
        return next(line for line in lines if f"第 {row} 行「{header}」列" in line)
    assert "应为以下之一" in line_of(2, "交易方式") and "[value-literal-error]" in line_of(2, "交易方式")
    assert "[required]" in line_of(3, "公告标题")
    assert "“2026-02-30 09:00”不是真实存在的日期和时刻" in line_of(4, "投标/报名截止时间")
    assert "未通过统一社会信用代码的校验" in line_of(5, "招标人统一社会信用代码")
    assert "未写入任何文件" in result.err
    assert "Traceback" not in result.err
    assert not list((data / "notices").rglob("*.yaml"))


def test_partial_writes_the_valid_rows_and_lists_the_others(make_data, run_cli, tmp_path):
    data = make_data()
    book = _filled(tmp_path, run_cli, [{"公告编号（可留空）": "T-1"},
                                       {"公告编号（可留空）": "T-2", "交易方式": "bad"}])
    result = run_cli("import", book, "--data", data, "--partial", cwd=tmp_path)
    assert result.exit_code == 1
    assert set(_notices(data)) == {"T-1"}
    assert "未导入" in result.err and "第 3 行" in result.err


def test_update_says_what_changes_and_an_unchanged_import_writes_nothing(make_data, run_cli, tmp_path):
    data = make_data()
    book = _filled(tmp_path, run_cli, [{"公告编号（可留空）": "T-1"}])
    assert run_cli("import", book, "--data", data, cwd=tmp_path).exit_code == 0
    written = data / "notices/2026/420000/T-1.yaml"
    stamp = written.stat().st_mtime_ns
    again = run_cli("import", book, "--data", data, cwd=tmp_path)
    assert again.exit_code == 0 and "未变 1 个" in again.err
    assert written.stat().st_mtime_ns == stamp
    changed = _filled(tmp_path, run_cli, [{"公告编号（可留空）": "T-1", "预算/起始价（元）": 990000}])
    refused = run_cli("import", changed, "--data", data, cwd=tmp_path)
    assert refused.exit_code == 1 and "[import-exists]" in refused.err and "--update" in refused.err
    assert written.stat().st_mtime_ns == stamp
    updated = run_cli("import", changed, "--data", data, "--update", cwd=tmp_path)
    assert updated.exit_code == 0, updated.err
    assert "budget" in updated.out and "1280000.5" in updated.out and "990000" in updated.out
    assert _notices(data)["T-1"].budget == 990000


def test_a_hand_written_notice_is_checked_against_the_import(make_data, run_cli, tmp_path):
    """Cross-file checks run over the data folder and the import together: an amendment of a
    tender already in the data folder imports; one of an unknown tender does not."""
    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml": VALID_TENDER})
    book = _filled(tmp_path, run_cli, [
        {"公告编号（可留空）": "XN-GC-2026-001-BG1", "发布地区": "420902", "项目编号": "XN-GC-2026-001",
         "被变更的招标公告编号": "XN-GC-2026-001-ZB", "发布时间": datetime(2026, 3, 2, 9, 0),
         "新的投标截止时间": datetime(2026, 3, 30, 9, 30)},
        {"公告编号（可留空）": "XN-GC-2026-001-BG2", "发布地区": "420902", "项目编号": "XN-GC-2026-001",
         "被变更的招标公告编号": "NO-SUCH-ZB", "发布时间": datetime(2026, 3, 2, 9, 0)},
    ], "amendment")
    result = run_cli("import", book, "--data", data, "--partial", cwd=tmp_path)
    assert "XN-GC-2026-001-BG1" in _notices(data)
    assert "XN-GC-2026-001-BG2" not in _notices(data)
    assert "第 3 行「被变更的招标公告编号」列" in result.err and "[amends-unknown]" in result.err


@pytest.mark.parametrize("args", [("import",), ("import", "--template", "nope", "--out", "x.xlsx"),
                                  ("import", "missing.json")])
def test_usage_errors_exit_2(make_data, run_cli, tmp_path, args):
    make_data()
    assert run_cli(*args, cwd=tmp_path).exit_code == 2


# --- memory: records wait on disk, not in memory ---------------------------------------------------


def _left_in(data: Path) -> set[str]:
    return {path.name for path in data.iterdir()} - {"notices", "files", "regions.yaml"}


def test_records_wait_in_a_staging_folder_that_is_always_removed(make_data, run_cli, tmp_path, monkeypatch):
    """The final check reads the staged files through the ordinary loader, from a hidden folder
    in the data folder; that folder is gone after a successful, a failed and a crashed import."""
    from generator.importing import run

    data = make_data()
    book = _filled(tmp_path, run_cli, [{"公告编号（可留空）": "T-1"}, {"公告编号（可留空）": "T-2"}])
    seen: list[dict[str, str]] = []

    def checked(data_dir, tz, *args, staged=None, **options):
        if staged is not None:
            assert staged.parent == data_dir and staged.name.startswith(".")
            seen.append({p.name: p.read_text(encoding="utf-8") for p in staged.rglob("*.yaml")})
        return load_dataset(data_dir, tz, *args, staged=staged, **options)

    monkeypatch.setattr(run, "load_dataset", checked)
    assert run_cli("import", book, "--data", data, cwd=tmp_path).exit_code == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in (data / "notices").rglob("*.yaml")}
    assert seen == [written] and set(written) == {"T-1.yaml", "T-2.yaml"}
    assert not _left_in(data)

    bad = _filled(tmp_path, run_cli, [{"公告编号（可留空）": "T-3"}, {"公告编号（可留空）": "T-4", "交易方式": "bad"}])
    assert run_cli("import", bad, "--data", data, cwd=tmp_path).exit_code == 1
    assert not _left_in(data) and not list((data / "notices").rglob("T-3.yaml"))

    def full_disk(self):
        raise OSError(28, "No space left on device", str(data))

    monkeypatch.setattr(run._Importer, "_move_in", full_disk)
    fine = _filled(tmp_path, run_cli, [{"公告编号（可留空）": "T-5"}])
    assert run_cli("import", fine, "--data", data, cwd=tmp_path).exit_code != 0
    assert not _left_in(data) and not list((data / "notices").rglob("T-5.yaml"))


def test_the_rows_of_a_sheet_share_one_table_of_their_cells(make_data, run_cli, tmp_path):
    """What is kept of a row to say where its values came from is its number (and the groups
    it skips), not a message per cell: the sheet's headers are shared by its rows."""
    from generator.importing.workbook import read_workbook

    make_data()
    book = _filled(tmp_path, run_cli, [{"公告编号（可留空）": f"T-{n}"} for n in range(1, 4)])
    records = list(read_workbook(book, book.name, []))
    assert [r.trace.line for r in records] == [2, 3, 4]
    assert len({id(r.trace.origin) for r in records}) == 1
    where = records[2].trace.at(("buyer", "name")).in_language("zh")
    assert where == "template.xlsx 工作表「招标公告」第 4 行「招标人名称」列"


# --- a missing value is said as what to fill in where --------------------------------------------


def test_a_missing_value_says_which_column_to_fill_in(make_data, run_cli, tmp_path):
    data = make_data()
    book = _filled(tmp_path, run_cli, [{"公告编号（可留空）": "T-1", "公告标题": None},
                                       {"公告编号（可留空）": "T-2", "交易方式": None}])
    workbook = load_workbook(book)
    sheet = workbook.worksheets[0]
    deadline = [cell.value for cell in sheet[1]].index("投标/报名截止时间") + 1
    for row in (1, 2, 3):  # the sheet has no deadline column at all
        sheet.cell(row, deadline).value = None
    workbook.save(book)
    result = run_cli("import", book, "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    lines = result.err.splitlines()
    title = next(line for line in lines if "第 2 行「公告标题」列" in line)
    assert "缺少必填的公告标题 `title`：请在「公告标题」列填写 [required]" in title
    method = next(line for line in lines if "第 3 行「交易方式」列" in line)
    assert "请在「交易方式」列选择以下之一：公开招标 `open`" in method
    missing_column = [line for line in lines if "`deadline`" in line]
    assert [line.split("：")[0].endswith(f"第 {row} 行") for row, line in zip((2, 3), missing_column,
                                                                          strict=True)] == [True, True]
    assert all("请在「投标/报名截止时间」列（工作表中还没有这一列" in line for line in missing_column)
    assert "在文件中加一行" not in result.err and "顶格写" not in result.err


def test_a_check_that_adds_a_line_says_which_column_to_fill_in(make_data, run_cli, tmp_path):
    """A fine without its amount is found by the checks over the staged file; the message says
    the cell, not the line of that file."""
    data = make_data()
    book = _filled(tmp_path, run_cli, [{"公告编号（可留空）": "CF-1", "处罚金额（元） 1": None}], "penalty")
    result = run_cli("import", book, "--data", data, "--lang", "en", cwd=tmp_path)
    assert result.exit_code == 1
    line = next(line for line in result.err.splitlines() if "[sanction-amount]" in line)
    assert line.startswith("template.xlsx sheet '处罚公告' row 2 column '处罚金额（元） 1': error: ")
    assert "give the amount in column '处罚金额（元） 1'" in line and "line" not in line.split("error:")[1]


def test_a_missing_ocds_value_says_which_json_field(make_data, run_cli, tmp_path):
    data = make_data()
    release = {"ocid": "ocds-gongshi-P-1", "id": "P-1-ZB", "tag": ["tender"],
               "buyer": {"id": "b", "name": "某县交通运输局"},
               "tender": {"id": "P-1-ZB", "title": "某县道路工程", "procurementMethod": "open",
                          "tenderPeriod": {"endDate": "2026-01-30T09:00:00+08:00"},
                          "documents": [{"id": "d", "title": "某县道路工程施工招标公告"}]}}
    package = tmp_path / "p.json"
    package.write_text(json.dumps({"publisher": {"name": "某市公共资源交易中心"}, "releases": [release]},
                                  ensure_ascii=False), encoding="utf-8")
    result = run_cli("import", package, "--data", data, "--region", "420000", cwd=tmp_path)
    assert result.exit_code == 1
    line = next(line for line in result.err.splitlines() if "`published`" in line)
    assert line.startswith("p.json 发布 ocds-gongshi-P-1 的 releases[0].date：错误：")
    assert "缺少必填的发布时间 `published`：请在 JSON 字段 releases[0].date 填写" in line


# --- the editor guide shows what import says -------------------------------------------------------


def test_the_guide_shows_real_import_messages(make_data, run_cli, tmp_path, monkeypatch):
    """The editor guide's examples of import-exists and import-source are what `gongshi import`
    says (test_editor_messages.py cannot make them: they come from an import, not from
    `validate` on a data file): a changed row of an existing notice, an OCDS tender whose
    region nobody gives."""
    data = make_data()
    assert run_cli("import", _filled(tmp_path, run_cli, [{"公告编号（可留空）": "T-1"}]), "--data", data,
                   cwd=tmp_path).exit_code == 0
    changed = _filled(tmp_path, run_cli, [{"公告编号（可留空）": "T-1", "预算/起始价（元）": 990000}])
    release = {"ocid": "ocds-gongshi-XG-GC-2026-088", "id": "XG-GC-2026-088-ZB", "tag": ["tender"],
               "date": "2026-03-01T09:00:00+08:00", "buyer": {"id": "b", "name": "某县交通运输局"},
               "tender": {"id": "XG-GC-2026-088-ZB", "title": "某县道路工程", "procurementMethod": "open",
                          "tenderPeriod": {"endDate": "2026-03-30T09:00:00+08:00"}}}
    package = tmp_path / "发布包.json"
    package.write_text(json.dumps({"publisher": {"name": "某市公共资源交易中心"}, "releases": [release]},
                                  ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = import_files([changed, package], Path("data"), Settings(), ImportOptions())
    said: dict[str, list[str]] = {}
    for problem in report.problems:
        said.setdefault(str(problem.rule), []).append(problem.message.in_language("zh"))
    sections = guide_sections()
    for rule in (Rule.IMPORT_EXISTS, Rule.IMPORT_SOURCE):
        assert said.get(rule), f"no [{rule}] problem: {said}"
        assert any(message in sections[rule] for message in said[rule]), (rule, said[rule])
