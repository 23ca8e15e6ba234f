"""data/<year>/<MM>/notices.xlsx (the sample's newest month), read back with openpyxl: one sheet
per family with a row per public notice of that month (the same notices as its notices.json,
in its order), headers in the site's language, typed
cells (Excel datetimes in the site's zone, numbers for amounts, text for codes), a frozen and
filtered header row, no HTML and no line breaks; the same bytes from two builds; listed with
its size on the 数据下载 page. The writer itself is also run on notices.json's records."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tracemalloc
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW
from lxml import html
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.listings import FAMILIES
from generator.render.format import show_size
from generator.render.workbook import notices_workbook
from generator.words import VOCABULARIES, WORKBOOK

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZONE = "Asia/Shanghai"
WORKBOOK_PATH = "data/2026/11/notices.xlsx"  # the newest month with public notices (as of SAMPLE_NOW)
AMENDED_TENDER = "XG-GC-2026-088-ZB"


def records(site: Path) -> list[dict[str, Any]]:
    """The records of the workbook's month."""
    return json.loads((site / "data/2026/11/notices.json").read_text(encoding="utf-8"))["notices"]


def open_book(path: Path, *, cached: bool = False) -> openpyxl.Workbook:
    """`cached`: formulas as the values Excel shows until it recalculates."""
    return openpyxl.load_workbook(path, data_only=cached)


def rows(sheet: Worksheet) -> list[dict[str, Any]]:
    """Each row below the header as header → cell."""
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def in_zone(name: str, language: str = "zh") -> str:
    return WORKBOOK.words(language)["in_zone"].format(name=name, zone=ZONE)


def local_time(value: str | None) -> datetime | None:
    """An export's ISO value as openpyxl reads Excel's cell back: local, no offset (a date is
    midnight: Excel has no date type)."""
    if value is None:
        return None
    if len(value) == 10:
        return datetime.combine(date.fromisoformat(value), datetime.min.time())
    return datetime.fromisoformat(value).astimezone(SHANGHAI).replace(tzinfo=None)


@pytest.fixture(scope="module")
def book(sample_site: Path) -> openpyxl.Workbook:
    return open_book(sample_site / WORKBOOK_PATH)


@pytest.fixture(scope="module")
def by_family(sample_site: Path) -> dict[str, list[dict[str, Any]]]:
    notices = records(sample_site)
    return {family: [r for r in notices if r["family"] == family] for family in FAMILIES}


# --- sheets and rows ----------------------------------------------------------------------------


def test_one_sheet_per_family_with_a_row_per_public_notice(book, by_family) -> None:
    names = VOCABULARIES["family"].words("zh")
    assert book.sheetnames == [names[family] for family in FAMILIES]
    for family in FAMILIES:
        sheet = book[names[family]]
        expected = [r["id"] for r in by_family[family]]
        assert expected, f"the sample has {family}"
        assert sheet.max_row == len(expected) + 1
        assert [row["公告编号"].value for row in rows(sheet)] == expected
    assert sum(len(v) for v in by_family.values()) == 18  # the sample's public notices of 2026-11


def test_the_header_row_is_frozen_filtered_and_wide_enough(book) -> None:
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        last = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
        widths = {index: dimension.width for dimension in sheet.column_dimensions.values()
                  for index in range(dimension.min, dimension.max + 1)}  # ranges of equal columns
        for cell in sheet[1]:
            assert cell.font.b, cell.value
            width = widths[cell.column]
            shown = sum(2 if ord(c) > 0x2E80 else 1 for c in cell.value)
            assert width >= shown, (sheet.title, cell.value, width)


# --- typed cells --------------------------------------------------------------------------------

TIMES = {  # sheet family → header → the export's key
    "tenders": {in_zone("发布时间"): "published", in_zone("投标截止时间"): "deadline",
                in_zone("开标时间"): "opening_time", "撤销日期": "withdrawn_date"},
    "results": {in_zone("发布时间"): "published", in_zone("公示截止"): "publicity_end",
                "中标/成交日期": "award_date"},
    "penalties": {in_zone("发布时间"): "published", in_zone("公示截止"): "publicity_end",
                  "决定日期": "decided"},
}
CODES = {
    "tenders": {"公告编号": "id", "地区代码": "region_code", "项目编号": "project_code",
                "招标人统一社会信用代码": "buyer_uscc", "所变更的招标公告": "amends"},
    "results": {"公告编号": "id", "地区代码": "region_code", "项目编号": "project_code"},
    "penalties": {"公告编号": "id", "地区代码": "region_code",
                  "处罚对象统一社会信用代码": "subject_uscc", "决定书文号": "decision_no"},
}


def _total(amounts: list[int | float | None]) -> float | None:
    given = [Decimal(str(a)) for a in amounts if a is not None]
    return float(sum(given)) if given else None


def expected_amounts(family: str, record: dict[str, Any]) -> dict[str, float | None]:
    if family == "tenders":
        return {"预算/起始价（元）": record["budget"]}
    if family == "results":
        suppliers = record["winners"] or [c for c in record["candidates"] if c["rank"] == 1]
        return {"中标/报价金额（元）": _total([s["amount"] for s in suppliers])}
    return {"罚没金额（元）": _total([s["amount"] for s in record["sanctions"]])}


@pytest.mark.parametrize("family", FAMILIES)
def test_times_are_excel_datetimes_in_the_site_zone(book, by_family, family: str) -> None:
    sheet = book[VOCABULARIES["family"].words("zh")[family]]
    seen = 0
    for row, record in zip(rows(sheet), by_family[family], strict=True):
        for header, key in TIMES[family].items():
            cell = row[header]
            assert cell.value == local_time(record[key]), (record["id"], header)
            if record[key] is not None:
                assert cell.is_date and isinstance(cell.value, datetime)
                timed = len(record[key]) > 10
                assert cell.number_format == ("yyyy-mm-dd hh:mm" if timed else "yyyy-mm-dd")
                seen += 1
    assert seen


@pytest.mark.parametrize("family", FAMILIES)
def test_amounts_are_numbers_in_yuan(book, by_family, family: str) -> None:
    sheet = book[VOCABULARIES["family"].words("zh")[family]]
    numbers = 0
    for row, record in zip(rows(sheet), by_family[family], strict=True):
        for header, amount in expected_amounts(family, record).items():
            cell = row[header]
            assert cell.value == amount, (record["id"], header)
            if amount is not None:
                assert cell.data_type == "n" and isinstance(cell.value, int | float)
                assert cell.number_format == "#,##0.00"
                numbers += 1
    assert numbers


@pytest.mark.parametrize("family", FAMILIES)
def test_codes_are_text_never_numbers(book, by_family, family: str) -> None:
    sheet = book[VOCABULARIES["family"].words("zh")[family]]
    digits_only = 0
    for row, record in zip(rows(sheet), by_family[family], strict=True):
        for header, key in CODES[family].items():
            cell = row[header]
            assert cell.value == record[key], (record["id"], header)
            if record[key] is not None:
                assert cell.data_type == "s" and cell.number_format == "@"
                digits_only += record[key].isdigit()
    assert digits_only, "region codes are all digits: they must still be text"


def test_the_amended_tender_row(book) -> None:
    tenders = {row["公告编号"].value: row for row in rows(book["招标公告"])}
    row = tenders[AMENDED_TENDER]
    assert row[in_zone("投标截止时间")].value == datetime(2026, 12, 10, 9, 30)  # after the amendment
    assert row["预算/起始价（元）"].value == 31580000
    assert row["状态"].value == "公告中" and row["交易类别"].value == "工程建设"
    assert row["开标地点"].value == "孝感市公共资源交易中心第三开标室"


def test_each_row_links_its_notice_page(sample_site: Path, book, by_family) -> None:
    cached = open_book(sample_site / WORKBOOK_PATH, cached=True)
    for family, name in VOCABULARIES["family"].words("zh").items():
        shown = rows(cached[name])
        for row, link, record in zip(rows(book[name]), shown, by_family[family], strict=True):
            assert row["公告页面"].value == f'=HYPERLINK("{record["url"]}")'
            assert link["公告页面"].value == record["url"]


def every_months_rows(site: Path, sheet: str) -> dict[str, dict[str, Any]]:
    """The rows of `sheet` in every month's workbook, by notice id."""
    return {row["公告编号"].value: row for path in sorted((site / "data").glob("*/*/notices.xlsx"))
            for row in rows(open_book(path)[sheet])}


def test_lists_are_said_on_one_line(sample_site: Path) -> None:
    results = every_months_rows(sample_site, "结果公示")
    several = results["HC-TX-2026-002-JG"]  # three winners, one a natural person (no code)
    assert several["中标人/第一中标候选人"].value == "汉川市鸿运出租汽车有限公司；汉川市通达客运有限公司；刘某某"
    assert several["中标人统一社会信用代码"].value == "91420984MA4MD891T0；91420984MA4588Y1Q1；—"
    penalties = every_months_rows(sample_site, "处罚公告")
    assert penalties["CF-420900-2026-003"]["处罚措施"].value == (
        "罚款 420,000.00 元；暂停投标资格（至 2027-06-17）；信用扣分/不良行为记录")


def test_no_html_and_no_line_breaks(book) -> None:
    texts = [cell.value for sheet in book.worksheets for row in sheet.iter_rows()
             for cell in row if isinstance(cell.value, str)]
    assert texts
    assert not [t for t in texts if "\n" in t or "\r" in t]
    assert not [t for t in texts if re.search(r"</?[a-z][a-z0-9]*[ >/]", t)]


# --- English --------------------------------------------------------------------------------------


def test_headers_and_sheet_names_follow_the_site_language(english_sample_site: Path) -> None:
    book = open_book(english_sample_site / WORKBOOK_PATH)
    names = VOCABULARIES["family"].words("en")
    assert book.sheetnames == [names[family] for family in FAMILIES] == ["Tenders", "Results",
                                                                         "Penalties"]
    words = WORKBOOK.words("en")
    tenders = [cell.value for cell in book["Tenders"][1]]
    assert tenders[:2] == [words["id"], words["title"]] == ["Notice ID", "Title"]
    assert in_zone(words["deadline"], "en") == "Deadline (Asia/Shanghai)" and "Deadline (Asia/Shanghai)" in tenders
    assert "Budget / reserve price (CNY)" in tenders
    for sheet in book.worksheets:
        headers = [cell.value for cell in sheet[1]]
        assert all(h.isascii() for h in headers), headers
    statuses = {row["Status"].value for row in rows(book["Tenders"])}
    assert "Open" in statuses and all(s.isascii() for s in statuses)


# --- reproducible ---------------------------------------------------------------------------------


def test_two_builds_write_the_same_bytes(sample_site: Path, tmp_path: Path) -> None:
    """A second build in another process (another hash seed) with the same data and now."""
    out = tmp_path / "site"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "generator.cli", "--config", str(REPO / "mkdocs.yml"),
                    "build", "--data", str(SAMPLE_DATA), "--out", str(out), "--now", SAMPLE_NOW],
                   cwd=tmp_path, env=env, check=True, capture_output=True)
    assert (out / WORKBOOK_PATH).read_bytes() == (sample_site / WORKBOOK_PATH).read_bytes()


def test_no_clock_time_inside_the_archive(sample_site: Path) -> None:
    """The document's creation time is the last change of its month's notices (not the build's
    now, so that the workbook changes only with them); every zip entry has one fixed stamp."""
    with zipfile.ZipFile(sample_site / WORKBOOK_PATH) as archive:
        stamps = {entry.date_time for entry in archive.infolist()}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert len(stamps) == 1 and next(iter(stamps))[0] == 1980  # the zip format's own epoch
    changed = max(datetime.fromisoformat(r["updated"]) for r in records(sample_site))
    assert changed < datetime.fromisoformat(SAMPLE_NOW)
    changed_utc = changed.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core) == [changed_utc] * 2
    assert re.findall(r"<dc:title>([^<]+)<", core) == ["2026 年 11 月发布的公告数据"]  # its month


# --- the 数据下载 page ---------------------------------------------------------------------------


def test_the_downloads_page_lists_the_workbook_with_its_size(sample_site: Path, book) -> None:
    document = html.fromstring((sample_site / "downloads/index.html").read_bytes())
    rows_ = {tr.get("data-file"): tr for tr in document.xpath("//tr[@data-file]")}
    cells = {td.get("data-file"): td for td in document.xpath("//tr[@data-month]/td[@data-file]")}
    assert WORKBOOK_PATH in cells
    link = cells[WORKBOOK_PATH].xpath(".//a/@href")[0]
    assert urljoin("https://x.cn/downloads/", link) == f"https://x.cn/{WORKBOOK_PATH}"
    for path, row in rows_.items():  # every file with its size
        size = (sample_site / path).stat().st_size
        cell = row.xpath("./td[@data-bytes]")[0]
        assert int(cell.get("data-bytes")) == size and cell.text_content() == show_size(size), path
    for path, cell in cells.items():  # each month's, the workbooks too
        size = (sample_site / path).stat().st_size
        assert int(cell.get("data-bytes")) == size and show_size(size) in cell.text_content(), path
    books = [open_book(sample_site / path) for path in cells if path.endswith(".xlsx")]
    assert len(books) == len(document.xpath("//tr[@data-month]")) > 3
    sheets = [(tr.xpath("string(td[1])"), int(tr.xpath("string(td[2])")))
              for tr in document.xpath("//tr[@data-sheet]")]
    assert sheets == [(sheet.title, sum(b[sheet.title].max_row - 1 for b in books))
                      for sheet in book.worksheets]  # every month's rows
    assert ZONE in document.xpath("string(//article)")


# --- the writer alone -----------------------------------------------------------------------------


def write(target: Path, notices: list[dict[str, Any]]) -> Path:
    with notices_workbook(target, language="zh", tz=SHANGHAI, month="2026-11",
                          changed=datetime.fromisoformat(SAMPLE_NOW), author="test") as workbook:
        for record in notices:
            workbook.add(record)
    return target


def test_text_that_looks_like_a_formula_stays_text(sample_site: Path, tmp_path: Path) -> None:
    tender = next(r for r in records(sample_site) if r["type"] == "tender")
    payloads = ["=1+1", "@SUM(A1)", "+86 27", "-1", "'quoted"]
    notices = [{**tender, "id": f"T-{i}", "title": title} for i, title in enumerate(payloads)]
    sheet = open_book(write(tmp_path / "notices.xlsx", notices))["招标公告"]
    titles = [row["公告标题"] for row in rows(sheet)]
    assert [cell.value for cell in titles] == payloads
    assert {cell.data_type for cell in titles} == {"s"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notices.xlsx"]  # no row files left


def test_a_failed_write_is_the_machines_error(sample_site: Path, tmp_path: Path) -> None:
    """XlsxWriter wraps the OSError of a full disk in its own exception: the build sees the
    OSError (the CLI names the file and says why)."""
    target = tmp_path / "notices.xlsx"
    target.mkdir()  # the workbook cannot be written over a folder
    with pytest.raises(IsADirectoryError):
        write(target, records(sample_site)[:3])


def _peak_while_writing(target: Path, template: list[dict[str, Any]], count: int) -> int:
    notices = ({**template[i % len(template)], "id": f"N-{i}"} for i in range(count))
    tracemalloc.start()
    try:
        with notices_workbook(target, language="zh", tz=SHANGHAI, month="2026-11",
                              changed=datetime.fromisoformat(SAMPLE_NOW), author="test") as workbook:
            for record in notices:
                workbook.add(record)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_rows_are_streamed_memory_does_not_grow(sample_site: Path, tmp_path: Path) -> None:
    """Three times the rows, the same peak: 2,000 more rows may add at most 256 KiB (a
    hyperlink object kept per row, as XlsxWriter's write_url does, adds over 1 MiB)."""
    template = records(sample_site)
    small = _peak_while_writing(tmp_path / "small.xlsx", template, 1_000)
    large = _peak_while_writing(tmp_path / "large.xlsx", template, 3_000)
    assert large - small < 256 << 10, (small, large)
    with zipfile.ZipFile(tmp_path / "large.xlsx") as archive:
        assert archive.testzip() is None
