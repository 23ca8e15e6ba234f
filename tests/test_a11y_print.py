"""A notice printed (Chromium's print to PDF, headless) reads as a clean document: no header,
navigation, search, skip link, footer or countdown; the deadline stated; every attachment with
its absolute address (from site_url) and its SHA-256. The PDF's text is read with pdftotext
(poppler-utils) and its pages are kept as PNG in test-artifacts/ to look at."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest
from conftest import ARTIFACTS, REPO, SAMPLE_NOW

from generator.config import load_settings
from generator.words import SITE

pytestmark = pytest.mark.browser

# Words of the page's furniture (zh labels of the sample site), none of which a notice prints.
FURNITURE = ["跳到正文", "搜索项目名称", "数据下载", "订阅", "按地区", "Made with", "距截止",
             "导航菜单"]


def tender_pages(site: Path) -> list[tuple[Path, lxml.html.HtmlElement]]:
    pages = []
    for path in sorted((site / "notices").glob("*/index.html")):
        tree = lxml.html.parse(str(path)).getroot()
        if tree.xpath("//*[contains(@class,'gs-notice--tender')]"):
            pages.append((path, tree))
    return pages


def pick(site: Path, kind: str) -> tuple[str, lxml.html.HtmlElement]:
    """A tender with attachments of its own (kind "attachments") or one whose deadline an
    amendment moved (kind "amended")."""
    for path, tree in tender_pages(site):
        has = {"attachments": "//ul[@class='gs-attachments']//div[@class='gs-sha256']",
               "amended": "//del[contains(@class,'gs-superseded')]"}[kind]
        if tree.xpath(has):
            return f"/notices/{path.parent.name}/", tree
    raise AssertionError(f"the sample data has no tender of kind {kind}")


def squeeze(text: str) -> str:
    """Text without any white space: PDF lines break long URLs and hashes anywhere."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("kind", ["attachments", "amended"])
def test_a_printed_tender_is_a_clean_document(browser, site_server: str, sample_site: Path,
                                              tmp_path: Path, kind: str) -> None:
    path, tree = pick(sample_site, kind)
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.clock.set_fixed_time(datetime.fromisoformat(SAMPLE_NOW))
    try:
        page.goto(site_server + path, wait_until="networkidle")
        pdf = tmp_path / "notice.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    finally:
        context.close()
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"a11y-print-{kind}.txt").write_text(text, encoding="utf-8")
    for old in ARTIFACTS.glob(f"a11y-print-{kind}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf),
                    str(ARTIFACTS / f"a11y-print-{kind}")], check=True)

    flat = squeeze(text)
    assert [w for w in FURNITURE if squeeze(w) in flat] == []
    title = tree.xpath("string(//h1[contains(@class,'gs-title')])")
    assert squeeze(title) in flat
    deadline = tree.xpath("string(//time[contains(@class,'gs-deadline__time')])")
    assert deadline and squeeze(deadline) in flat
    site_url = load_settings(REPO / "mkdocs.yml").site_url
    for item in tree.xpath("//ul[@class='gs-attachments']/li[div[@class='gs-sha256']]"):
        href = item.xpath("string(a/@href)")
        absolute = site_url + "files/" + href.split("/files/", 1)[1]
        # pdftotext drops a hyphen that ends a line ("2026-" / "061" reads "2026061")
        assert absolute.replace("-", "") in flat.replace("-", ""), absolute
        sha = item.xpath("string(div[@class='gs-sha256']/code)")
        assert len(sha) == 64 and sha in flat


@pytest.mark.parametrize("path", ["/", "/region/420900/"])
def test_a_printed_listing_leaves_out_the_filter_forms(browser, site_server: str, sample_site: Path,
                                                       tmp_path: Path, path: str) -> None:
    """The forms that hand over to the search page (筛选和排序, 查找正在招标的项目) are for the
    screen; the rows are printed."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(site_server + path, wait_until="networkidle")
        pdf = tmp_path / "listing.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    flat = squeeze(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                                  capture_output=True, text=True).stdout)
    words = SITE.words("zh")
    assert [w for w in ("filters_summary", "find_open_tenders", "filters_submit", "find_submit")
            if squeeze(words[w]) in flat] == []
    tree = lxml.html.parse(str(sample_site / path.strip("/") / "index.html")).getroot()
    first = tree.xpath("string((//a[contains(@class,'gs-entry__title')])[1])")
    assert first and squeeze(first) in flat
