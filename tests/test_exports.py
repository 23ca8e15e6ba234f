"""Open data: notices.json and notices.csv match their documented columns; ocds.json is a valid
OCDS 1.1 release package; embargoed notices and expired penalties are in no file; two builds
with the same --now give byte-identical feeds, calendars and exports."""

from __future__ import annotations

import copy
import csv
import io
import json
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
from conftest import REGIONS_YAML, REPO, SAMPLE_CHANGED_AT, SAMPLE_DATA, SAMPLE_NOW
from lxml import html
from opendata_support import SITE_URL, build, project_copy, tender

from generator import rules
from generator.cli import main
from generator.derive import STATUSES
from generator.render.exports import COLUMN_NAMES, COLUMNS, Column, csv_cell, csv_writer

# OCDS 1.1.5's schema folder, zipped as the data review tool reads it (tests/ocds/README.md).
OCDS_ZIP = Path(__file__).resolve().parent / "ocds" / "standard-1__1__5-schema.zip"
OCDS_SCHEMA = "standard-1__1__5/schema/"
BOM = b"\xef\xbb\xbf"
SHANGHAI = ZoneInfo("Asia/Shanghai")
SHANGHAI_NOW = datetime.fromisoformat(SAMPLE_NOW)
AMENDED_TENDER = "XG-GC-2026-088-ZB"
TYPE_TAGS = {"tender": "tender", "amendment": "tenderAmendment", "candidates": "award",
             "award": "award", "termination": "tenderCancellation"}


def load_json(site: Path, relative: str) -> dict:
    return json.loads((site / relative).read_text(encoding="utf-8"))


def csv_rows(site: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = (site / "data/notices.csv").read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


# --- notices.json / notices.csv --------------------------------------------------------------------


def test_json_export_has_the_documented_shape(sample_site):
    document = load_json(sample_site, "data/notices.json")
    assert set(document) == {"version", "as_of", "site_url", "count", "columns", "notices"}
    assert document["as_of"] == SAMPLE_CHANGED_AT  # the data's time, not the build's
    assert document["columns"] == list(COLUMN_NAMES)
    assert document["count"] == len(document["notices"]) == 83
    for record in document["notices"]:
        assert list(record) == list(COLUMN_NAMES), record["id"]
        assert record["url"] == f"{SITE_URL}notices/{record['id']}/"
        assert record["status"] in STATUSES
        for column in COLUMNS:
            value = record[column.name]
            if column.kind == "list":
                assert isinstance(value, list), (record["id"], column.name)
            elif column.kind == "money" and value is not None:
                assert isinstance(value, int | float)
    published = [datetime.fromisoformat(r["published"]) for r in document["notices"]]
    assert published == sorted(published, reverse=True)


def test_json_export_has_status_and_effective_deadline(sample_site):
    records = {r["id"]: r for r in load_json(sample_site, "data/notices.json")["notices"]}
    tender = records[AMENDED_TENDER]
    assert tender["status"] == "open" and tender["status_label"] == "公告中"
    assert tender["deadline"] == "2026-12-10T09:30:00+08:00"
    assert tender["superseded_deadlines"] == ["2026-12-03T09:30:00+08:00"]
    assert tender["opening_place"] == "孝感市公共资源交易中心第三开标室"
    assert tender["budget"] == 31580000
    assert records["YC-GC-2026-011-ZB"]["status"] == "withdrawn"
    assert records["YC-GC-2026-011-ZB"]["withdrawn_date"] == "2026-05-25"


def test_csv_export_has_bom_header_and_same_records(sample_site):
    raw = (sample_site / "data/notices.csv").read_bytes()
    assert raw.startswith(BOM)
    header, rows = csv_rows(sample_site)
    assert header == list(COLUMN_NAMES)
    records = load_json(sample_site, "data/notices.json")["notices"]
    assert [row["id"] for row in rows] == [r["id"] for r in records]
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
    assert {"data/notices.csv", "data/notices.json", "data/ocds.json", "calendar/deadlines.ics",
            "feeds/opml.xml"} <= files
    for relative in files:
        assert (sample_site / relative).is_file(), relative
    text = document.text_content()
    assert "处罚公告不属于采购过程，不在 OCDS 文件中" in text
    assert "只使用 OCDS 1.1 定义的字段，不用扩展" in text
    assert "BOM" in text


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


def test_ocds_package_is_valid(sample_site, ocds_validator):
    package = load_json(sample_site, "data/ocds.json")
    errors = sorted(ocds_validator.iter_errors(package), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert package["version"] == "1.1"
    assert package["releases"]


def test_ocds_validation_would_catch_a_wrong_release(sample_site, ocds_validator):
    package = load_json(sample_site, "data/ocds.json")
    package["releases"][0]["tender"]["status"] = "open"  # not in the closed tenderStatus list
    package["releases"][0]["date"] = "2026-11-26 12:00"
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


def test_ocds_package_passes_the_data_review_tool(sample_site, tmp_path):
    report = data_review(sample_site / "data/ocds.json", tmp_path)
    assert report["version_used"] == "1.1" and report["count"] > 0
    assert review_problems(report) == {}


def test_the_data_review_would_catch_a_wrong_release(sample_site, tmp_path):
    package = load_json(sample_site, "data/ocds.json")
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
    records = {r["id"]: r for r in load_json(sample_site, "data/notices.json")["notices"]}
    releases = load_json(sample_site, "data/ocds.json")["releases"]
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
    releases = {r["id"]: r for r in load_json(sample_site, "data/ocds.json")["releases"]}
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
    hidden = [notice_id.encode() for notice_id in hidden_sample_notices()]
    for path in sample_site.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            if path.suffix == ".xlsx":  # a zip: its entries, uncompressed
                with zipfile.ZipFile(path) as archive:
                    content = b"".join(archive.read(name) for name in archive.namelist())
            for notice_id in hidden:
                assert notice_id not in content, (path, notice_id)


# --- reproducible -------------------------------------------------------------------------------------


def test_same_now_gives_byte_identical_open_data(sample_site, tmp_path):
    again = tmp_path / "again"
    code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(SAMPLE_DATA),
                 "--out", str(again), "--now", SAMPLE_NOW])
    assert code == 0
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
    _, rows = csv_rows(formula_site)
    assert len(rows) == 4
    starting = [(row["id"], name, cell) for row in rows for name, cell in row.items()
                if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert not starting
    records = {r["id"]: r for r in load_json(formula_site, "data/notices.json")["notices"]}
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
    assert rows[0] == list(COLUMN_NAMES) and len(rows) == 2
    for name, cell in zip(COLUMN_NAMES, rows[1], strict=True):
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
        f"{SITE_URL}data/notices.json"]
