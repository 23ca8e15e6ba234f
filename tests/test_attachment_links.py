"""Attachment links on a notice page name the published file, whatever characters its name
holds: `#` is not a fragment, `?` not a query, and `%25` not an escape of `%`. The page's links
and the exports' URLs are the same addresses."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
from conftest import REGIONS_YAML
from opendata_support import SITE_URL, build, exported_records, project_copy, tender

NOTICE = "XN-CG-2026-071-ZB"
# file name under data/files/ → its bytes; "100%.pdf" is what an unencoded "100%25.pdf" reaches
FILES = {
    "2026/a#b.pdf": b"%PDF-1.4 hash\n",
    "2026/c?d.pdf": b"%PDF-1.4 question\n",
    "2026/100%25.pdf": b"%PDF-1.4 percent twenty-five\n",
    "2026/100%.pdf": b"%PDF-1.4 percent\n",
    "2026/招标 文件&附件.pdf": b"%PDF-1.4 chinese, space, ampersand\n",
}
LINKED = ["2026/a#b.pdf", "2026/c?d.pdf", "2026/100%25.pdf", "2026/招标 文件&附件.pdf"]


def attachments_yaml() -> str:
    items = "".join(f"- title: 附件{number}\n  file: '{name}'\n"
                    for number, name in enumerate(LINKED, start=1))
    return "attachments:\n" + items


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("attachment-links")
    data = root / "data"
    (data / "notices" / "2026").mkdir(parents=True)
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for name, content in FILES.items():
        (data / "files" / name).parent.mkdir(parents=True, exist_ok=True)
        (data / "files" / name).write_bytes(content)
    notice = tender(title="孝南区附件名称测试采购询价公告", published="2026-03-01 09:00",
                    deadline="2026-04-20 09:30", project="XN-CG-2026-071")
    (data / "notices" / "2026" / f"{NOTICE}.yaml").write_text(notice + attachments_yaml(),
                                                              encoding="utf-8")
    return build(project_copy(root / "project"), data, root / "site", "2026-03-20T12:00:00+08:00")


def linked_file(site: Path, url: str) -> Path:
    """The file of the built site that a request for this absolute URL is served from."""
    assert url.startswith(SITE_URL), url
    parts = urlsplit(url)
    assert not parts.query and not parts.fragment, url
    return site / unquote(parts.path.removeprefix(urlsplit(SITE_URL).path))


def test_attachment_links_on_the_notice_page_name_the_published_file(site: Path) -> None:
    page_url = f"{SITE_URL}notices/{NOTICE}/"
    page = lxml.html.parse(str(site / "notices" / NOTICE / "index.html")).getroot()
    hrefs = page.xpath("//ul[contains(@class,'gs-attachments')]/li/a/@href")
    assert len(hrefs) == len(LINKED)
    record = next(r for r in exported_records(site) if r["id"] == NOTICE)
    for name, href, attachment in zip(LINKED, hrefs, record["attachments"], strict=True):
        url = urljoin(page_url, href)
        target = linked_file(site, url)
        assert target == site / "files" / name, (href, target)
        assert target.read_bytes() == FILES[name]
        assert url == attachment["url"]  # the same address as the exports (and feeds) give
