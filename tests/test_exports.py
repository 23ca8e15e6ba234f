"""Open data, one set of files per publication month listed by data/index.json: notices.json and
notices.csv match their documented columns; each month's ocds.json is a valid OCDS 1.1 release
package; embargoed notices and expired penalties are in no file; two builds with the same --now
give byte-identical feeds, calendars and exports; a rebuild makes only the months that changed."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import os
import socket
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml
from conftest import REGIONS_YAML, SAMPLE_CHANGED_AT, SAMPLE_DATA, SAMPLE_NOW
from lxml import html
from opendata_support import (
    SITE_URL,
    build,
    export_index,
    exported_csv,
    exported_records,
    exported_releases,
    index_months,
    month_files,
    project_copy,
    tender,
)

from generator import rules
from generator.derive import STATUSES
from generator.render.exports import (
    COLUMN_NAMES,
    COLUMNS,
    CSV_COLUMN_NAMES,
    Column,
    csv_cell,
    csv_writer,
)

# OCDS 1.1.5's schema folder, zipped as the data review tool reads it (tests/ocds/README.md).
OCDS_ZIP = Path(__file__).resolve().parent / "ocds" / "standard-1__1__5-schema.zip"
OCDS_SCHEMA = "standard-1__1__5/schema/"
BOM = b"\xef\xbb\xbf"
SHANGHAI = ZoneInfo("Asia/Shanghai")
SHANGHAI_NOW = datetime.fromisoformat(SAMPLE_NOW)
AMENDED_TENDER = "XG-GC-2026-088-ZB"
TYPE_TAGS = {"tender": "tender", "amendment": "tenderAmendment", "candidates": "award",
             "award": "award", "termination": "tenderCancellation"}


# --- notices.json / notices.csv --------------------------------------------------------------------


def folder_month(path: Path) -> str:
    """The month of a file at data/<year>/<MM>/<name>: "<year>-<MM>"."""
    return f"{path.parent.parent.name}-{path.parent.name}"


def test_json_export_has_the_documented_shape(sample_site):
    total = 0
    for path in month_files(sample_site, "notices.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert set(document) == {"version", "month", "site_url", "count", "columns", "notices"}
        assert document["version"] == 3 and document["month"] == folder_month(path)
        assert document["columns"] == list(COLUMN_NAMES)
        assert document["count"] == len(document["notices"]) > 0
        assert {record["published"][:7] for record in document["notices"]} == {document["month"]}
        total += document["count"]
    assert total == 98
    records = exported_records(sample_site)
    for record in records:
        assert list(record) == list(COLUMN_NAMES), record["id"]
        assert record["url"] == f"{SITE_URL}notices/{record['id']}/"
        assert record["status"] in STATUSES
        for column in COLUMNS:
            value = record[column.name]
            if column.kind == "list":
                assert isinstance(value, list), (record["id"], column.name)
            elif column.kind == "money" and value is not None:
                assert isinstance(value, int | float)
    published = [datetime.fromisoformat(r["published"]) for r in records]
    assert published == sorted(published, reverse=True)


def test_json_export_has_status_and_effective_deadline(sample_site):
    records = {r["id"]: r for r in exported_records(sample_site)}
    tender = records[AMENDED_TENDER]
    assert tender["status"] == "open" and tender["status_label"] == "公告中"
    assert tender["deadline"] == "2026-12-10T09:30:00+08:00"
    assert tender["superseded_deadlines"] == ["2026-12-03T09:30:00+08:00"]
    assert tender["opening_place"] == "孝感市公共资源交易中心第三开标室"
    assert tender["budget"] == 31580000
    assert records["YC-GC-2026-011-ZB"]["status"] == "withdrawn"
    assert records["YC-GC-2026-011-ZB"]["withdrawn_date"] == "2026-05-25"


def test_csv_export_has_bom_header_and_same_records(sample_site):
    for path in month_files(sample_site, "notices.csv"):
        assert path.read_bytes().startswith(BOM), path
    header, rows = exported_csv(sample_site)
    assert header == [name for name in COLUMN_NAMES if name != "body_html"] == list(CSV_COLUMN_NAMES)
    records = exported_records(sample_site)
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    assert all(r["body_html"] for r in records)  # the body is in the JSON, and only there
    by_id = {row["id"]: row for row in rows}
    tender = by_id[AMENDED_TENDER]
    assert tender["deadline"] == "2026-12-10T09:30:00+08:00"
    assert tender["budget"] == "31580000"
    assert tender["status"] == "open" and tender["url"] == f"{SITE_URL}notices/{AMENDED_TENDER}/"
    candidates = next(r for r in records if r["candidates"])
    lines = by_id[candidates["id"]]["candidates"].split("\n")
    assert len(lines) == len(candidates["candidates"])
    assert lines[0].split(" | ")[:2] == ["1", candidates["candidates"][0]["name"]]


def test_csv_cells_cannot_become_formulas():
    text = Column("title")
    assert csv_cell(text, "=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert csv_cell(text, "-1") == "'-1"
    assert csv_cell(text, "正常标题") == "正常标题"
    assert csv_cell(Column("budget", "money"), 12800000.5) == "12800000.50"
    assert csv_cell(text, None) == ""


def test_downloads_page_documents_every_column_and_file(sample_site):
    document = html.fromstring((sample_site / "downloads/index.html").read_bytes())
    documented = [row.get("data-column") for row in document.xpath("//tr[@data-column]")]
    assert documented == list(COLUMN_NAMES)
    files = {row.get("data-file") for row in document.xpath("//tr[@data-file]")}
    assert files == {"data/index.json", "calendar/deadlines.ics", "feeds/opml.xml"}
    tables = document.xpath("//table[@data-year]")  # a table per year, a row per month
    index = export_index(sample_site)
    assert [int(table.get("data-year")) for table in tables] == [y["year"] for y in index["years"]]
    assert [y["year"] for y in index["years"]] == sorted((y["year"] for y in index["years"]), reverse=True)
    for table, year in zip(tables, index["years"], strict=True):
        assert int(table.get("data-count")) == year["count"]
        assert str(year["year"]) in table.xpath("string(caption)")
        rows = table.xpath("tbody/tr[@data-month]")
        assert [row.get("data-month") for row in rows] == [m["month"] for m in year["months"]]
        for row, month in zip(rows, year["months"], strict=True):
            assert row.xpath("string(th[@scope='row'])") == month["month"]
            cells = row.xpath("td[@data-file]")
            assert {cell.get("data-file") for cell in cells} == {f["path"] for f in month["files"]}
            for cell in cells:
                size = (sample_site / cell.get("data-file")).stat().st_size
                assert int(cell.get("data-bytes")) == size
                assert cell.xpath("a/@href") == [f"../{cell.get('data-file')}"]
                # the link says the file's path to a screen reader, its size to everyone
                assert cell.get("data-file").removeprefix("data/") in cell.xpath("string(a)")
            files |= {cell.get("data-file") for cell in cells}
    for relative in files:
        assert (sample_site / relative).is_file(), relative
    text = document.text_content()
    assert "处罚公告不属于采购过程，不在 OCDS 文件中" in text
    assert "只使用 OCDS 1.1 定义的字段，不用扩展" in text
    assert "BOM" in text


# --- data/index.json and the years ----------------------------------------------------------------


EXPORT_NAMES = ("notices.json", "notices.csv", "notices.xlsx", "ocds.json")


def assert_every_export_parses(site: Path) -> None:
    """Each file data/index.json lists is there with its bytes and digest, and parses (JSON,
    the csv module, openpyxl, an OCDS release package's shape) with the counts the index says."""
    import openpyxl

    for month in index_months(site):
        folder = site / "data" / month["month"][:4] / month["month"][5:]
        notices = json.loads((folder / "notices.json").read_text(encoding="utf-8"))
        # an OCDS package holds at least one release: a month of penalties only has no ocds.json
        names = EXPORT_NAMES if any(r["type"] != "penalty" for r in notices["notices"]) else EXPORT_NAMES[:3]
        assert [f["path"] for f in month["files"]] == [
            f"data/{month['month'][:4]}/{month['month'][5:]}/{name}" for name in names]
        assert sorted(p.name for p in folder.iterdir()) == sorted(names)
        counted = {}
        for listed in month["files"]:
            content = (site / listed["path"]).read_bytes()
            assert listed["bytes"] == len(content), listed["path"]
            assert listed["sha256"] == hashlib.sha256(content).hexdigest(), listed["path"]
            counted[listed["format"]] = listed["count"]
        rows = list(csv.DictReader(io.StringIO((folder / "notices.csv").read_bytes().decode(
            "utf-8-sig"), newline="")))
        book = openpyxl.load_workbook(folder / "notices.xlsx", read_only=True)
        sheet_rows = sum(sheet.max_row - 1 for sheet in book.worksheets)
        assert counted.pop("ocds", None) == _package_releases(folder, month["month"])
        assert counted == {"json": notices["count"], "csv": len(rows), "xlsx": sheet_rows}
        assert notices["count"] == len(notices["notices"]) == month["count"]
        assert {r["published"][:7] for r in notices["notices"]} == {month["month"]}
        assert [row["id"] for row in rows] == [r["id"] for r in notices["notices"]]


def _package_releases(folder: Path, month: str) -> int | None:
    """How many releases the month's ocds.json holds (None: there is none), its shape checked."""
    if not (folder / "ocds.json").exists():
        return None
    package = json.loads((folder / "ocds.json").read_text(encoding="utf-8"))
    assert {"uri", "version", "publishedDate", "publisher", "releases"} <= set(package)
    assert package["uri"] == f"{SITE_URL}data/{month[:4]}/{month[5:]}/ocds.json"
    assert package["releases"] and {r["date"][:7] for r in package["releases"]} == {month}
    return len(package["releases"])


def test_index_lists_each_months_files_with_their_bytes_digest_and_count(sample_site):
    index = export_index(sample_site)
    assert set(index) == {"version", "as_of", "site_url", "years"}
    assert index["version"] == 2
    assert index["as_of"] == SAMPLE_CHANGED_AT and index["site_url"] == SITE_URL
    records = exported_records(sample_site)
    by_month: dict[str, int] = {}
    for record in records:  # the month of publication in the site's time zone (+08:00)
        by_month[record["published"][:7]] = by_month.get(record["published"][:7], 0) + 1
    assert [m["month"] for m in index_months(sample_site)] == sorted(by_month, reverse=True)
    years = sorted({month[:4] for month in by_month}, reverse=True)
    assert [str(y["year"]) for y in index["years"]] == years
    for year in index["years"]:
        assert set(year) == {"year", "count", "months"}
        assert year["count"] == sum(m["count"] for m in year["months"])
        assert {m["month"][:4] for m in year["months"]} == {str(year["year"])}
        for month in year["months"]:
            assert set(month) == {"month", "count", "files"}
            assert month["count"] == by_month[month["month"]]
        # a month without a public notice has no folder
        assert sorted(p.name for p in (sample_site / "data" / str(year["year"])).iterdir()) == sorted(
            m["month"][5:] for m in year["months"])
    # the sample has notices dated 2027 and 2028, none of them public yet: no files (beside
    # the years: the red flags' files, tests/test_flags_site.py)
    assert sorted(p.name for p in (sample_site / "data").iterdir()) == [
        *sorted(years), "flags.csv", "flags.json", "index.json", "performance.csv", "stats.csv"]
    assert_every_export_parses(sample_site)


MONTHS_NOW = "2026-03-10T12:00:00+08:00"
MONTHS_LATER = "2026-03-25T12:00:00+08:00"  # the 2026 tender's deadline has passed
MONTHS_NOTICES = {
    "2024/420902/XN-CG-2024-001-ZB.yaml": tender(
        title="孝南区二〇二四年询价公告", published="2024-05-06 09:00", deadline="2024-05-20 09:30",
        project="XN-CG-2024-001"),
    "2025/420902/XN-CG-2025-001-ZB.yaml": tender(
        title="孝南区二〇二五年询价公告", published="2025-04-07 09:00", deadline="2025-04-21 09:30",
        project="XN-CG-2025-001"),
    "2025/420902/XN-CG-2025-002-ZB.yaml": tender(
        title="孝南区二〇二五年第二次询价公告", published="2025-12-31 23:30",
        deadline="2026-01-12 09:30", project="XN-CG-2025-002"),
    "2025/420902/XN-CG-2025-003-ZB.yaml": tender(  # 2025-11-30 23:30 in UTC
        title="孝南区二〇二五年十二月询价公告", published="2025-12-01 07:30",
        deadline="2025-12-15 09:30", project="XN-CG-2025-003"),
    "2025/420902/XN-CF-2025-001.yaml": """\
type: penalty
title: 孝南区二〇二五年九月处罚公告
region: "420902"
published: 2025-09-10
publisher: 孝感市公共资源交易监督管理局
subject:
  name: 孝感市某建设有限公司
  kind: company
  uscc: 91350100M000100Y43
decision_no: 孝南罚〔2025〕1 号
decided: 2025-09-09
authority: 孝感市公共资源交易监督管理局
violation: 串通投标
basis: 《招标投标法》第五十三条
sanctions:
- kind: warning
publicity_end: 2027-03-09
""",  # September 2025 has penalties only: no ocds.json
    "2026/420902/XN-CG-2026-001-ZB.yaml": tender(
        title="孝南区二〇二六年询价公告", published="2026-03-02 09:00", deadline="2026-03-20 09:30",
        project="XN-CG-2026-001"),
    "2027/420902/XN-CG-2027-001-ZB.yaml": tender(  # not public yet: no year 2027
        title="孝南区二〇二七年询价公告", published="2027-01-05 09:00", deadline="2027-01-20 09:30",
        project="XN-CG-2027-001"),
}
NEW_IN_APRIL = tender(title="孝南区二〇二五年四月新询价公告", published="2025-04-15 09:00",
                      deadline="2025-04-30 09:30", project="XN-CG-2025-004")


def export_stats(site: Path) -> dict[str, tuple[bytes, int]]:
    """Each file under data/<year>/<MM>/ (through the output link): its bytes and modification
    time."""
    return {path.relative_to(site).as_posix(): (path.read_bytes(), os.stat(path).st_mtime_ns)
            for path in sorted((site / "data").glob("*/*/*"))}


def month_folder_files(month: str, names: tuple[str, ...] = EXPORT_NAMES) -> list[str]:
    return sorted(f"data/{month[:4]}/{month[5:]}/{name}" for name in names)


def changed_files(before: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> list[str]:
    """The files whose bytes or modification time differ (none may come or go)."""
    assert after.keys() == before.keys()
    return sorted(path for path in before if before[path] != after[path])


def test_a_rebuild_makes_only_the_months_whose_notices_or_statuses_changed(tmp_path, monkeypatch):
    """Four builds of a small site: the second after a notice was published in April 2025, the
    third after a notice of December 2025 changed, the fourth later, when a March 2026 tender's
    status has moved. Each remakes one month's files, building records for that month's
    notices only; the other months' files keep their bytes and time, and every file parses."""
    from generator.render import exports

    made: list[str] = []
    record = exports.notice_record

    def counted(ctx, settings, pn):
        made.append(pn.id)
        return record(ctx, settings, pn)

    monkeypatch.setattr(exports, "notice_record", counted)
    data = tmp_path / "data"
    (data / "files").mkdir(parents=True)
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for relative, text in MONTHS_NOTICES.items():
        path = data / "notices" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config, site = project_copy(tmp_path / "project"), tmp_path / "site"

    build(config, data, site, MONTHS_NOW)
    assert sorted(made) == ["XN-CF-2025-001", "XN-CG-2024-001-ZB", "XN-CG-2025-001-ZB",
                            "XN-CG-2025-002-ZB", "XN-CG-2025-003-ZB", "XN-CG-2026-001-ZB"]
    # 2025-12-01 07:30 in Shanghai is December, whatever the month in UTC
    assert [m["month"] for m in index_months(site)] == [
        "2026-03", "2025-12", "2025-09", "2025-04", "2024-05"]
    assert [(y["year"], y["count"]) for y in export_index(site)["years"]] == [
        (2026, 1), (2025, 4), (2024, 1)]
    assert sorted(p.relative_to(site / "data").as_posix() for p in (site / "data").glob("*/*")
                  if p.is_dir()) == ["2024/05", "2025/04", "2025/09", "2025/12", "2026/03"]
    assert not (site / "data/2025/09/ocds.json").exists()  # an OCDS package needs a release
    assert_every_export_parses(site)
    page = html.fromstring((site / "downloads/index.html").read_bytes())
    september = page.xpath("//tr[@data-month='2025-09']")[0]
    assert [td.get("data-file") for td in september.xpath("td")][1:] == [
        "data/2025/09/notices.xlsx", "data/2025/09/notices.csv", "data/2025/09/notices.json", None]
    assert september.xpath("string(td[last()])") == "—"
    first = export_stats(site)

    (data / "notices/2025/420902/XN-CG-2025-004-ZB.yaml").write_text(NEW_IN_APRIL, encoding="utf-8")
    made.clear()
    build(config, data, site, MONTHS_NOW)
    assert sorted(made) == ["XN-CG-2025-001-ZB", "XN-CG-2025-004-ZB"]
    second = export_stats(site)
    assert changed_files(first, second) == month_folder_files("2025-04")
    assert_every_export_parses(site)
    assert [m["count"] for m in index_months(site)] == [1, 2, 1, 2, 1]

    edited = data / "notices/2025/420902/XN-CG-2025-002-ZB.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("budget: 980000", "budget: 990000"),
                      encoding="utf-8")
    made.clear()
    build(config, data, site, MONTHS_NOW)
    assert sorted(made) == ["XN-CG-2025-002-ZB", "XN-CG-2025-003-ZB"]
    third = export_stats(site)
    assert changed_files(second, third) == month_folder_files("2025-12")
    budgets = {r["id"]: r["budget"] for r in exported_records(site)}
    assert budgets["XN-CG-2025-002-ZB"] == 990000
    assert_every_export_parses(site)

    made.clear()
    build(config, data, site, MONTHS_LATER)
    assert made == ["XN-CG-2026-001-ZB"]
    fourth = export_stats(site)
    assert changed_files(third, fourth) == month_folder_files(
        "2026-03", ("notices.csv", "notices.json", "notices.xlsx"))
    statuses = {r["id"]: r["status"] for r in exported_records(site)}
    assert statuses["XN-CG-2026-001-ZB"] == "closed"
    assert export_index(site)["as_of"] == "2026-03-20T09:30:00+08:00"  # the deadline, passed
    assert_every_export_parses(site)


# --- OCDS --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ocds_validator() -> jsonschema.Draft4Validator:
    """The release package schema with its release reference replaced by the dereferenced
    release schema (the reference is a URL, not reachable offline)."""
    with zipfile.ZipFile(OCDS_ZIP) as standard:
        package_schema = json.loads(standard.read(OCDS_SCHEMA + "release-package-schema.json"))
        release_schema = json.loads(standard.read(OCDS_SCHEMA + "dereferenced-release-schema.json"))
    assert package_schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    schema = copy.deepcopy(package_schema)
    schema["properties"]["releases"]["items"] = release_schema
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def ocds_packages(site: Path) -> list[Path]:
    """Every month's ocds.json, newest first (a month of penalties only has none)."""
    return [path for path in month_files(site, "ocds.json") if path.exists()]


def newest_package(site: Path) -> dict:
    return json.loads(ocds_packages(site)[0].read_text(encoding="utf-8"))


def test_ocds_package_of_every_month_is_valid(sample_site, ocds_validator):
    packages = ocds_packages(sample_site)
    assert len(packages) > 3
    for path in packages:
        package = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(ocds_validator.iter_errors(package), key=lambda e: list(e.path))
        assert not errors, [f"{path}: {list(e.path)}: {e.message}" for e in errors[:5]]
        assert package["version"] == "1.1"
        assert package["uri"] == f"{SITE_URL}data/{path.parent.parent.name}/{path.parent.name}/ocds.json"
        assert package["releases"]  # a month of penalties only has no ocds.json
        assert {r["date"][:7] for r in package["releases"]} == {folder_month(path)}
        # the last change of its contents, not the build's time
        assert package["publishedDate"] < SAMPLE_NOW
        assert package["publishedDate"] >= max(r["date"] for r in package["releases"])


def test_ocds_validation_would_catch_a_wrong_release(sample_site, ocds_validator):
    package = newest_package(sample_site)
    release = next(r for r in package["releases"] if "tender" in r)
    release["tender"]["status"] = "open"  # not in the closed tenderStatus list
    release["date"] = "2026-11-26 12:00"
    messages = [e.message for e in ocds_validator.iter_errors(package)]
    assert any("'open'" in m for m in messages) and any("date-time" in m for m in messages)


@contextmanager
def network_refused() -> Iterator[list[object]]:
    """No connection and no name look-up can be made meanwhile (CI reaches no schema host): each
    attempt fails, and is listed in what this yields."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the network is refused in this test")

    saved = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo
    socket.socket.connect = socket.socket.connect_ex = socket.getaddrinfo = refuse  # type: ignore[assignment]
    try:
        yield attempts
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = saved  # type: ignore[assignment]


def data_review(package: Path, scratch: Path) -> dict:
    """The Open Contracting Partnership's data review tool (libcoveocds, as used by its web
    service) on an OCDS file, offline: the standard comes from OCDS_ZIP, never from the web."""
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig

    config = LibCoveOCDSConfig({"standard_zip": OCDS_ZIP.as_uri(), "additional_checks": "all",
                                "context": "api"})
    with network_refused() as attempts:
        report = ocds_json_output(str(scratch), str(package), "1.1", lib_cove_ocds_config=config)
    assert attempts == [], "the data review must not reach the network"
    return report


def review_problems(report: dict) -> dict[str, object]:
    """Everything the review found wrong: schema errors, fields OCDS 1.1 does not define (no
    extension is declared), values outside a codelist (closed or open), deprecated fields and
    the failed additional checks."""
    keys = ("validation_errors", "additional_fields", "additional_closed_codelist_values",
            "additional_open_codelist_values", "deprecated_fields", "additional_checks")
    return {key: report[key] for key in keys if report.get(key)}


def test_ocds_package_of_every_month_passes_the_data_review_tool(sample_site, tmp_path):
    for path in ocds_packages(sample_site):
        scratch = tmp_path / folder_month(path)
        scratch.mkdir()
        report = data_review(path, scratch)
        assert report["version_used"] == "1.1" and report["count"] > 0, path
        assert review_problems(report) == {}, path


def test_the_data_review_would_catch_a_wrong_release(sample_site, tmp_path):
    package = newest_package(sample_site)
    tender = next(r for r in package["releases"] if "tender" in r and "documents" in r["tender"])
    tender["tender"]["datePublished"] = tender["date"]  # in OCDS 1.2, not 1.1
    tender["tender"]["mainProcurementCategory"] = "food"  # closed codelist
    tender["tender"]["documents"][0]["documentType"] = "poster"  # open codelist
    tender["date"] = "2026-11-26 12:00"
    wrong = tmp_path / "ocds.json"
    wrong.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    scratch = tmp_path / "review"
    scratch.mkdir()
    problems = review_problems(data_review(wrong, scratch))
    assert [(f["path"], f["field"]) for f in problems["additional_fields"]] == [
        ("/releases/tender", "datePublished")]
    assert [e["path"] for e in problems["validation_errors"]] == [
        f"releases/{package['releases'].index(tender)}/date"]
    assert problems["additional_closed_codelist_values"]["releases/tender/mainProcurementCategory"][
        "values"] == ["food"]
    assert problems["additional_open_codelist_values"]["releases/tender/documents/documentType"][
        "values"] == ["poster"]


def test_ocds_releases_map_notice_types(sample_site):
    records = {r["id"]: r for r in exported_records(sample_site)}
    releases = exported_releases(sample_site)
    procurement = {i for i, r in records.items() if r["type"] != "penalty"}
    assert {r["id"] for r in releases} == procurement  # every one, and no penalty
    for release in releases:
        record = records[release["id"]]
        assert release["tag"] == [TYPE_TAGS[record["type"]]]
        assert release["ocid"] == f"ocds-gongshi-{record['project_code']}"
        assert release["date"] == record["published"]
        roles = {role for party in release["parties"] for role in party["roles"]}
        if record["type"] == "candidates":
            assert {a["status"] for a in release["awards"]} <= {"pending", "cancelled"}
            assert "tenderer" in roles
        if record["type"] == "award":
            assert {a["status"] for a in release["awards"]} <= {"active", "cancelled"}
            assert "supplier" in roles
            assert all(a["value"]["currency"] == "CNY" for a in release["awards"] if "value" in a)
        if record["type"] == "tender":
            assert {"buyer", "procuringEntity"} <= roles
            assert release["tender"]["tenderPeriod"]["endDate"]
        if record["type"] == "termination":
            assert release["tender"]["status"] == "cancelled"
    dates = [datetime.fromisoformat(r["date"]) for r in releases]
    assert dates == sorted(dates)


def test_ocds_amendment_release_carries_the_new_deadline(sample_site):
    releases = {r["id"]: r for r in exported_releases(sample_site)}
    amendment = releases["XG-GC-2026-088-BG2"]
    assert amendment["tender"]["id"] == AMENDED_TENDER
    assert amendment["tender"]["tenderPeriod"]["endDate"] == "2026-12-10T09:30:00+08:00"
    assert amendment["tender"]["amendments"][0]["amendsReleaseID"] == AMENDED_TENDER


# --- nothing that is not public ----------------------------------------------------------------------


def _moment(value: object) -> date | datetime:
    """A YAML date or datetime as written (PyYAML reads some as dates, others as text)."""
    if isinstance(value, date):
        return value
    text = str(value)
    return datetime.fromisoformat(text) if " " in text or "T" in text else date.fromisoformat(text)


def hidden_sample_notices() -> tuple[str, str]:
    """(an embargoed notice id, a penalty past its disclosure), read from the YAML."""
    embargoed = expired = None
    for path in sorted((SAMPLE_DATA / "notices").rglob("*.yaml")):
        notice = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = rules.start_of(_moment(notice["published"]), SHANGHAI)
        if published > SHANGHAI_NOW:
            embargoed = embargoed or path.stem
        elif (notice["type"] == "penalty"
              and rules.end_of(_moment(notice["publicity_end"]), SHANGHAI) <= SHANGHAI_NOW):
            expired = expired or path.stem
    assert embargoed and expired, "the sample data has both kinds"
    return embargoed, expired


def test_embargoed_notice_and_expired_penalty_are_in_no_file(sample_site):
    embargoed, expired = (notice_id.encode() for notice_id in hidden_sample_notices())
    for path in sample_site.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            if path.suffix == ".xlsx":  # a zip: its entries, uncompressed
                with zipfile.ZipFile(path) as archive:
                    content = b"".join(archive.read(name) for name in archive.namelist())
            where = path.relative_to(sample_site).as_posix()
            assert embargoed not in content, (path, embargoed)
            # The publication log names what left the site, by id only (issue #16): its entries
            # and the 撤回记录 page may say that the expired penalty expired.
            if not (where.startswith("log/") or where == "removals/index.html"):
                assert expired not in content, (path, expired)


# --- reproducible -------------------------------------------------------------------------------------


def test_same_now_gives_byte_identical_open_data(sample_site, sample_site_again):
    again = sample_site_again  # the same data and --now built afresh elsewhere
    compared = 0
    for folder in ("feeds", "calendar", "data"):
        first = sorted(p.relative_to(sample_site) for p in (sample_site / folder).rglob("*"))
        second = sorted(p.relative_to(again) for p in (again / folder).rglob("*"))
        assert first == second
        for relative in first:
            if (sample_site / relative).is_file():
                assert (sample_site / relative).read_bytes() == (again / relative).read_bytes(), relative
                compared += 1
    assert compared > 100


# --- no cell of notices.csv can become a formula ------------------------------------------------------

FORMULA_PAYLOADS = ("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1+1)", "\tx", "\rx", "'quoted")
FORMULA_NOW = "2026-03-20T12:00:00+08:00"


def q(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


FORMULA_NOTICES = {
    "2026/420902/XN-CG-2026-061-ZB.yaml": f"""\
type: tender
title: {q("=cmd|' /C calc'!A0")}
region: "420902"
published: 2026-03-01 09:00
publisher: {q("+1")}
category: procurement
project:
  code: XN-CG-2026-061
  name: {q("-1")}
method: inquiry
buyer:
  name: {q("@SUM(1+1)")}
budget: 1000
deadline: 2026-04-20 09:30
qualification: {q("=1+1")}
contact:
  phone: {q("+86 712 2856123")}
attachments:
- title: {q('=HYPERLINK("https://evil.example/")')}
  file: a.pdf
withdrawn:
  date: 2026-03-05
  reason: {q("'quoted")}
""",
    "2026/420902/XN-CG-2026-062-ZB.yaml": tender(
        title="孝南区公式测试采购询价公告", published="2026-03-01 09:00",
        deadline="2026-03-08 09:30", project="XN-CG-2026-062",
    ),
    "2026/420902/XN-CG-2026-062-JG.yaml": f"""\
type: award
title: 孝南区公式测试结果公告
region: "420902"
published: 2026-03-10 09:00
publisher: 孝感市公共资源交易中心
category: procurement
project:
  code: XN-CG-2026-062
  name: 孝南区公式测试
winners:
- name: {q("@SUM(1)")}
  amount: 1
""",
    "2026/420902/XN-CF-2026-063.yaml": f"""\
type: penalty
title: 孝南区公式测试处罚公告
region: "420902"
published: 2026-03-10
publisher: 孝感市公共资源交易监督管理局
subject:
  name: {q("=1+1")}
  kind: person
decision_no: {q("-1")}
decided: 2026-03-09
authority: {q("+1")}
violation: {q("@SUM(1)")}
basis: {q("-2+3")}
sanctions:
- kind: warning
publicity_end: 2027-03-09
""",
}


def unmarked(cell: str) -> str:
    """The value of a CSV cell as the 数据下载 page says to read it: drop one leading apostrophe."""
    return cell[1:] if cell.startswith("'") else cell


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formulas")
    data = root / "data"
    (data / "files").mkdir(parents=True)
    (data / "files" / "a.pdf").write_bytes(b"%PDF-1.4 formula test\n")
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for relative, text in FORMULA_NOTICES.items():
        path = data / "notices" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return build(project_copy(root / "project"), data, root / "site", FORMULA_NOW)


def test_no_csv_cell_of_a_built_site_starts_a_formula(formula_site: Path) -> None:
    _, rows = exported_csv(formula_site)
    assert len(rows) == 4
    starting = [(row["id"], name, cell) for row in rows for name, cell in row.items()
                if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert not starting
    records = {r["id"]: r for r in exported_records(formula_site)}
    by_id = {row["id"]: row for row in rows}
    tender, award, penalty = "XN-CG-2026-061-ZB", "XN-CG-2026-062-JG", "XN-CF-2026-063"
    for notice_id, column in [(tender, "title"), (tender, "publisher"), (tender, "project_name"),
                              (tender, "buyer_name"), (tender, "qualification"),
                              (tender, "contact_phone"), (tender, "withdrawn_reason"),
                              (penalty, "subject_name"), (penalty, "decision_no"),
                              (penalty, "authority"), (penalty, "violation"), (penalty, "basis")]:
        cell = by_id[notice_id][column]
        assert cell.startswith("'"), (notice_id, column, cell)
        assert unmarked(cell) == records[notice_id][column], (notice_id, column)
    assert unmarked(by_id[award]["winners"]) == "@SUM(1) |  | 1"  # name | USCC | amount
    attachment = records[tender]["attachments"][0]
    assert unmarked(by_id[tender]["attachments"]) == " | ".join(
        [attachment["title"], attachment["url"], str(attachment["bytes"]), attachment["sha256"]])
    assert by_id[tender]["withdrawn_reason"] == "''quoted"  # an apostrophe of its own is kept


def _hostile_value(column: Column, payload: str) -> object:
    """The payload in the JSON form of the column: items of lists, negative numbers."""
    if column.kind == "list":
        return [{"first": payload, "second": 1}, payload]
    if column.kind in ("money", "integer"):
        return -1.5 if payload == "-1" else -1
    return payload


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
def test_every_column_kind_is_guarded_in_the_written_csv(payload: str) -> None:
    """Values no validated notice can hold (tabs, carriage returns, negative amounts) in every
    column, through the writer the build uses, read back with the csv module."""
    stream = io.StringIO(newline="")
    write_row = csv_writer(stream)
    record = {column.name: _hostile_value(column, payload) for column in COLUMNS}
    write_row(record)
    rows = list(csv.reader(io.StringIO(stream.getvalue().lstrip("\ufeff"), newline="")))
    assert rows[0] == list(CSV_COLUMN_NAMES) and len(rows) == 2
    for name, cell in zip(CSV_COLUMN_NAMES, rows[1], strict=True):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
        assert cell.startswith("'"), (name, cell)
        column = next(c for c in COLUMNS if c.name == name)
        if column.kind not in ("list", "money", "integer"):
            assert unmarked(cell) == payload


def test_downloads_page_says_how_formula_cells_are_marked(sample_site: Path) -> None:
    document = html.fromstring((sample_site / "downloads/index.html").read_bytes())
    note = document.xpath("//li[@data-note='csv-formulas']")
    assert len(note) == 1
    marked = [code.text_content() for code in note[0].xpath(".//code")]
    assert marked[:5] == ["=", "+", "-", "@", "'"]
    text = " ".join(note[0].text_content().split())
    assert "制表符" in text and "回车符" in text and "单引号" in text
    assert "去掉单元格开头的一个单引号" in text
    links = note[0].xpath(".//a/@href")
    assert [urljoin(f"{SITE_URL}downloads/", href) for href in links] == [
        f"{SITE_URL}downloads/#months"]  # the tables of each month's files
    assert document.xpath("//*[@id='months']")


def _sample_context():
    from generator.commands.build import load_valid
    from generator.config import load_settings
    from generator.derive import derive_site
    from generator.render.pages import RenderContext

    settings = load_settings(Path(__file__).resolve().parent.parent / "mkdocs.yml")
    site = derive_site(load_valid(SAMPLE_DATA, settings, False), datetime.fromisoformat(SAMPLE_NOW),
                       settings.tz)
    return RenderContext(site, settings.language, SAMPLE_DATA / "files", settings.page_size), settings


def test_a_months_source_names_each_notice_by_its_files_bytes_and_the_validating_code(monkeypatch):
    """A month's key holds each notice as validated by its file's SHA-256 and the code that
    validates it, not by the notice's JSON: that was 24 µs a notice at every build, and it left
    a UTF-8 copy attached to every string of every notice for the build's life (CPython's
    cache, which pydantic's JSON fills)."""
    import sys

    from generator.render import exports

    ctx, settings = _sample_context()
    notices = list(ctx.site.notices)
    texts = [text for pn in notices for text in (pn.notice.title, getattr(pn.notice, "body", None))
             if isinstance(text, str) and not text.isascii()]
    sizes = [sys.getsizeof(text) for text in texts]
    key = exports.month_source(ctx, settings, "2026-11", notices)
    assert [sys.getsizeof(text) for text in texts] == sizes and texts
    assert all(pn.file.sha256 == hashlib.sha256(pn.file.path.read_bytes()).digest() for pn in notices)
    monkeypatch.setattr(exports, "validation_fingerprint", lambda: "other validating code")
    assert exports.month_source(ctx, settings, "2026-11", notices) != key
