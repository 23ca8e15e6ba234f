"""Hostile text in every editor-written field never reaches an output file as markup.

Plain-text fields (titles, names, publisher, reason, …) carry `<script>`, event handlers,
`javascript:` links, iframes and attribute break-outs; the Markdown body carries the same as raw
HTML and Markdown links. After one build:

- HTML pages: no element, attribute or URL the payload could have created (parsed with lxml),
  and no raw payload tag in the bytes; the escaped text is visible exactly as written.
- XML (feeds, sitemap, OPML): no raw payload tag in the bytes; HTML-bearing elements
  (RSS title and description, content, summary) are parsed and checked like pages.
- Every file (JSON, CSV, ICS, search index…): nothing of the body's raw HTML or `javascript:`
  links, in any encoding we can decode. Plain-text fields may appear there as the exact text:
  that is data, and the spec wants it shown exactly as written.
- In chromium, loading the pages fires no alert.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pytest
from conftest import BROWSER_WAIT_MS, REGIONS_YAML, REPO

from generator.cli import main

NOW = "2026-11-26T12:00:00+08:00"
TEXT_PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))'
    '<iframe src=https://evil.example/></iframe>"><svg onload=alert(1)>'
)
SHORT_PAYLOAD = '<script>alert(1)</script>"><svg onload=alert(1)>'  # for fields of ≤100 chars
TITLE = f"孝南区{TEXT_PAYLOAD}道路工程招标公告"
BODY_MARK = "alert('body')"
BODY = f"""\
## 项目概况 <script>{BODY_MARK}</script>

正文<script>{BODY_MARK}</script>第一段 <img src=x onerror={BODY_MARK}>

[点此下载](javascript:{BODY_MARK}) 与 [大小写](JaVaScRiPt:{BODY_MARK}) 与 ![图](javascript:{BODY_MARK})

<iframe src="https://evil.example/body"></iframe>

"><svg onload={BODY_MARK}>

<a href="javascript:{BODY_MARK}">原始链接</a> <div onclick="{BODY_MARK}">点击</div>

[引用链接][1]

[1]: javascript:{BODY_MARK}

<style>body {{ display: none }}</style><object data="javascript:{BODY_MARK}"></object>
"""

# Text that exists only in the Markdown source of the body: found in any output, decoded
# (XML entities, JSON strings, CSV cells, ICS text, gzip), it means the raw body got through.
SOURCE_LEAKS = [
    f"<script>{BODY_MARK}", f"javascript:{BODY_MARK}", "evil.example/body", "<style>body",
    f'onclick="{BODY_MARK}"',
]
# In HTML and XML bytes, a plain-text payload that went out unescaped.
RAW_TAGS = ["<script>alert", "<img src=x", "<iframe", "<svg onload"]
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href")


def q(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def body_block(indent: str = "  ") -> str:
    return "body: |\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in BODY.splitlines())


def notice_files() -> dict[str, str]:
    evil = TEXT_PAYLOAD
    common = (
        f"region: \"420921\"\npublisher: {q('孝昌县交易中心' + evil)}\ncategory: construction\n"
    )

    def project(code: str) -> str:
        return f"project:\n  code: {code}\n  name: {q('项目' + evil)}\n"

    def tender(nid: str, code: str, extra: str = "") -> tuple[str, str]:
        return f"2026/{nid}.yaml", (
            f"type: tender\ntitle: {q(TITLE + nid)}\n{common}published: 2026-10-01 09:00\n"
            f"{project(code)}method: open\n"
            f"buyer:\n  name: {q('招标人' + evil)}\n  uscc: 91350100M000100Y43\n"
            f"agency:\n  name: {q('代理' + evil)}\n"
            f"budget: 1280000\ndeadline: 2026-12-20 09:30\n"
            f"opening:\n  time: 2026-12-20 09:30\n  place: {q('开标室' + evil)}\n"
            f"qualification: {q('资质' + evil)}\n"
            f"contact:\n  name: {q('联系人' + evil)}\n  phone: 0712-2856123\n"
            f"attachments:\n- title: {q('附件' + evil)}\n  file: a.pdf\n"
            f"- title: {q('外链' + evil)}\n  url: https://example.org/x.pdf\n"
            f"{extra}{body_block()}"
        )

    files = dict([
        tender("EVIL-OPEN-ZB", "EVIL-OPEN"),
        tender("EVIL-AWD-ZB", "EVIL-AWD"),
        tender("EVIL-END-ZB", "EVIL-END"),
        tender("EVIL-WD-ZB", "EVIL-WD",
               f"withdrawn:\n  date: 2026-10-05\n  reason: {q('撤销原因' + evil)}\n"),
    ])
    files["2026/EVIL-OPEN-BG1.yaml"] = (
        f"type: amendment\ntitle: {q(TITLE + '变更')}\n{common}published: 2026-10-10 09:00\n"
        f"{project('EVIL-OPEN')}amends: EVIL-OPEN-ZB\nchanges:\n  deadline: 2026-12-22 09:30\n"
        f"{body_block()}"
    )
    files["2026/EVIL-AWD-HX.yaml"] = (
        f"type: candidates\ntitle: {q(TITLE + '候选人')}\n{common}published: 2026-10-30 09:00\n"
        f"{project('EVIL-AWD')}candidates:\n- rank: 1\n  name: {q('候选一' + evil)}\n  amount: 1200000\n"
        f"- rank: 2\n  name: {q('候选二' + evil)}\npublicity_end: 2026-11-30\n{body_block()}"
    )
    files["2026/EVIL-AWD-JG.yaml"] = (
        f"type: award\ntitle: {q(TITLE + '结果')}\n{common}published: 2026-11-05 09:00\n"
        f"{project('EVIL-AWD')}winners:\n- name: {q('中标人' + evil)}\n  amount: 1200000\n"
        f"{body_block()}"
    )
    files["2026/EVIL-END-ZZ.yaml"] = (
        f"type: termination\ntitle: {q(TITLE + '终止')}\n{common}published: 2026-11-05 09:00\n"
        f"{project('EVIL-END')}reason: {q('流标' + evil)}\n{body_block()}"
    )
    files["2026/EVIL-CF-001.yaml"] = (
        f"type: penalty\ntitle: {q(TITLE + '处罚')}\nregion: \"420921\"\n"
        f"publisher: {q('监督局' + evil)}\npublished: 2026-11-01\n"
        f"subject:\n  name: {q('专家' + evil)}\n  kind: expert\n"
        f"decision_no: {q('孝罚〔2026〕1号' + SHORT_PAYLOAD)}\ndecided: 2026-10-28\n"
        f"authority: {q('住建局' + evil)}\nviolation: {q('违法' + evil)}\n"
        f"basis: {q('依据' + evil)}\nsanctions:\n- kind: expert-removal\n"
        f"publicity_end: 2027-10-27\n{body_block()}"
    )
    return files


PLAIN_VALUES = {
    "publisher": "孝昌县交易中心", "buyer": "招标人", "agency": "代理", "opening": "开标室",
    "qualification": "资质", "contact": "联系人", "reason": "流标", "withdrawn": "撤销原因",
}


def write_data(root: Path) -> Path:
    """The hostile data folder (as conftest's make_data writes one), with one attachment."""
    data = root / "data"
    for rel, text in notice_files().items():
        (data / "notices" / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / "notices" / rel).write_text(text, encoding="utf-8")
    (data / "files").mkdir()
    (data / "files" / "a.pdf").write_bytes(b"%PDF-1.4 hostile\n")
    regions = REGIONS_YAML.replace("name: 孝昌县", f"name: {q('孝昌县' + TEXT_PAYLOAD)}")
    (data / "regions.yaml").write_text(regions, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once for this module from a copy of the project (config, theme, content)."""
    root = tmp_path_factory.mktemp("hostile")
    data = write_data(root)
    project = root / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("theme", "content"):
        shutil.copytree(REPO / folder, project / folder)
    out = root / "site"
    code = main(["--config", str(project / "mkdocs.yml"), "build", "--data", str(data),
                 "--out", str(out), "--now", NOW])
    assert code == 0, "the hostile data must build (it is valid, only unpleasant)"
    return out


# --- checks ---------------------------------------------------------------------------------------


def decoded(path: Path) -> bytes:
    content = path.read_bytes()
    if content[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(content)
        except (OSError, EOFError):
            return content
    return content


def output_files(site: Path) -> Iterator[Path]:
    return (p for p in sorted(site.rglob("*")) if p.is_file())


def dangerous_markup(root: Any) -> list[str]:
    """What in a parsed HTML tree the payload could have created."""
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in {"iframe", "object", "embed"}:
            found.append(f"<{tag}>")
        if tag == "script" and "alert(" in (element.text or ""):
            found.append("<script> with alert")
        if tag in {"img", "svg"} and any("alert" in v for v in element.attrib.values()):
            found.append(f"<{tag}> from the payload")
        if tag == "style" and "display: none" in (element.text or ""):
            found.append("<style> from the body")
        for name, value in element.attrib.items():
            if name.lower().startswith("on") and "alert" in value:
                found.append(f"{tag}@{name}={value}")
            if name.lower() in URL_ATTRIBUTES and "".join(value.split()).lower().startswith(
                    ("javascript:", "vbscript:", "data:text/html")):
                found.append(f"{tag}@{name}={value}")
    return found


def raw_leaks(content: bytes, needles: list[str]) -> list[str]:
    lowered = content.lower()
    return [n for n in needles if n.lower().encode() in lowered]


def text_leaks(values: Iterable[str]) -> list[str]:
    found: set[str] = set()
    for value in values:
        lowered = value.lower()
        found.update(n for n in SOURCE_LEAKS if n.lower() in lowered)
    return sorted(found)


def html_problems(html: str) -> list[str]:
    if not html.strip():
        return []
    root = lxml.html.document_fromstring(html)
    attributes = [value for element in root.iter() if isinstance(element.tag, str)
                  for value in element.attrib.values()]
    return dangerous_markup(root) + text_leaks(root.xpath("//text()") + attributes)


def xml_problems(content: bytes) -> list[str]:
    """Raw payload tags in the bytes; decoded text and attributes checked for source leaks;
    elements that carry HTML (see carries_html) parsed and checked like pages."""
    problems = [f"raw {n}" for n in raw_leaks(content, RAW_TAGS)]
    tree = lxml.etree.fromstring(content)
    texts: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        texts += [element.text or "", *element.attrib.values()]
        if carries_html(element) and element.text:
            problems += html_problems(element.text)
    return problems + text_leaks(texts)


def carries_html(element: Any) -> bool:
    """RSS title and description, of the channel and of items (readers render them as HTML),
    and content:encoded; Atom text constructs of type html."""
    name = lxml.etree.QName(element).localname
    parent = element.getparent()
    if name in {"title", "description"} and not lxml.etree.QName(element).namespace:
        return parent is not None and lxml.etree.QName(parent).localname in {"channel", "item"}
    if name in {"content", "summary", "title", "subtitle"} and "Atom" in (
            lxml.etree.QName(element).namespace or ""):
        return element.get("type") in {"html", "xhtml"}
    return name == "encoded"


def json_strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from json_strings(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from json_strings(v, key)
    elif isinstance(value, str):
        yield key, value


def json_problems(content: bytes) -> list[str]:
    strings = list(json_strings(json.loads(content)))
    problems = text_leaks(value for _, value in strings)
    for key, value in strings:
        if "html" in key.lower():
            problems += html_problems(value)
    return problems


def csv_problems(content: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    problems = text_leaks(cell for row in rows for cell in row)
    html_columns = [i for i, name in enumerate(rows[0]) if "html" in name.lower()] if rows else []
    for row in rows[1:]:
        for i in html_columns:
            problems += html_problems(row[i]) if i < len(row) else []
    return problems


def ics_problems(content: bytes) -> list[str]:
    """iCalendar text: lines unfolded, TEXT escapes undone."""
    unfolded = re.sub(r"\r?\n[ \t]", "", content.decode("utf-8"))
    unescaped = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], unfolded)
    return text_leaks([unescaped])


def other_problems(content: bytes) -> list[str]:
    """Unknown formats (search index, scripts…): the needles, raw and JSON-escaped."""
    variants = SOURCE_LEAKS + [json.dumps(n)[1:-1] for n in SOURCE_LEAKS]
    return raw_leaks(content, variants)


def problems_in(path: Path) -> list[str]:
    content = decoded(path)
    suffix = path.suffix.lower()
    if suffix == ".html":
        raw = [f"raw {n}" for n in raw_leaks(content, RAW_TAGS)]
        return raw + html_problems(content.decode("utf-8"))
    if suffix in {".xml", ".atom", ".opml", ".rss"} or content.lstrip().startswith(b"<?xml"):
        return xml_problems(content)
    if suffix == ".json":
        return json_problems(content)
    if suffix == ".csv":
        return csv_problems(content)
    if suffix == ".ics":
        return ics_problems(content)
    return other_problems(content)


def test_no_output_file_carries_the_payload_as_markup(hostile_site: Path) -> None:
    problems: list[str] = []
    kinds: set[str] = set()
    for path in output_files(hostile_site):
        kinds.add(path.suffix.lower())
        problems += [f"{path.relative_to(hostile_site)}: {p}" for p in problems_in(path)]
    assert ".html" in kinds and ".xml" in kinds, kinds
    assert not problems, "\n".join(problems[:40])


def test_the_checks_catch_what_they_look_for() -> None:
    """The checker itself: a leak in each format is found, escaped text is not."""
    assert html_problems('<p><img src=x onerror="alert(1)"></p>')
    assert html_problems('<a href=" JavaScript:alert(1)">x</a>')
    assert not html_problems("<p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=alert(1)</p>")
    assert xml_problems(b"<rss><item><description>&lt;iframe src=x&gt;</description></item></rss>")
    assert not xml_problems(b"<rss><title>&lt;script&gt;alert(1)</title></rss>")
    assert xml_problems(b"<rss><channel><title>&lt;svg onload=alert(1)&gt;</title></channel></rss>")
    assert not xml_problems(b"<rss><channel><title>&amp;lt;svg onload=alert(1)&amp;gt;</title>"
                            b"</channel></rss>")
    assert json_problems(json.dumps({"body": f"[a](javascript:{BODY_MARK})"}).encode())
    assert json_problems(json.dumps({"body_html": "<svg onload=alert(1)>"}).encode())
    assert csv_problems(f"id,body\nA,<script>{BODY_MARK}</script>\n".encode())
    assert ics_problems(b"DESCRIPTION:[a](javascript:alert(\r\n 'body'))\r\n")


def test_the_escaped_text_is_visible_exactly_as_written(hostile_site: Path) -> None:
    page = lxml.html.parse(str(hostile_site / "notices" / "EVIL-OPEN-ZB" / "index.html")).getroot()
    title = page.xpath("//h1[contains(@class,'gs-title')]")[0]
    assert title.text_content() == TITLE + "EVIL-OPEN-ZB"
    facts = page.xpath("//section[contains(@class,'gs-facts')]")[0].text_content()
    for label in ("publisher", "buyer", "agency", "opening", "qualification"):
        assert PLAIN_VALUES[label] + TEXT_PAYLOAD in facts, label
    assert "项目" + TEXT_PAYLOAD in facts
    contact = page.xpath("//dl[contains(@class,'gs-contact')]")[0].text_content()
    assert "联系人" + TEXT_PAYLOAD in contact
    attachments = page.xpath("//ul[contains(@class,'gs-attachments')]")[0].text_content()
    assert "附件" + TEXT_PAYLOAD in attachments and "外链" + TEXT_PAYLOAD in attachments
    crumbs = page.xpath("//nav[contains(@class,'gs-breadcrumbs')]")[0].text_content()
    assert "孝昌县" + TEXT_PAYLOAD in crumbs
    body = page.xpath("//section[contains(@class,'gs-body')]")[0]
    assert "正文" in body.text_content() and "第一段" in body.text_content()
    assert "点此下载" in body.text_content()  # the link text stays, the javascript: href goes
    raw = (hostile_site / "notices" / "EVIL-OPEN-ZB" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_result_and_penalty_fields_are_escaped_text(hostile_site: Path) -> None:
    def page(notice_id: str) -> Any:
        return lxml.html.parse(str(hostile_site / "notices" / notice_id / "index.html")).getroot()

    cells = [td.text_content() for td in page("EVIL-AWD-HX").xpath("//table//td")]
    assert "候选一" + TEXT_PAYLOAD in cells and "候选二" + TEXT_PAYLOAD in cells
    cells = [td.text_content() for td in page("EVIL-AWD-JG").xpath("//table//td")]
    assert "中标人" + TEXT_PAYLOAD in cells
    assert "流标" + TEXT_PAYLOAD in page("EVIL-END-ZZ").text_content()
    banner = page("EVIL-WD-ZB").xpath("//*[contains(@class,'gs-withdrawn')]")[0]
    assert "撤销原因" + TEXT_PAYLOAD in banner.text_content()
    penalty = page("EVIL-CF-001").text_content()
    assert "孝罚〔2026〕1号" + SHORT_PAYLOAD in penalty
    for prefix in ("专家", "住建局", "违法", "依据", "监督局"):
        assert prefix + TEXT_PAYLOAD in penalty, prefix


def test_listings_show_hostile_titles_as_text(hostile_site: Path) -> None:
    for listing in ("tenders", "open", "region/420921", ""):
        page = lxml.html.parse(str(hostile_site / listing / "index.html")).getroot()
        titles = [a.text_content() for a in page.xpath("//a[contains(@class,'gs-entry__title')]")]
        assert any(t.startswith(TITLE) for t in titles), listing


@pytest.mark.browser
def test_no_alert_fires_in_the_browser(hostile_site: Path, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in ("notices/EVIL-OPEN-ZB", "notices/EVIL-AWD-HX", "notices/EVIL-CF-001",
                     "tenders", ""):
            page.goto((hostile_site / path / "index.html").as_uri(), wait_until="load")
            for link in page.locator(".gs-body a").all():
                link.click(no_wait_after=True, timeout=BROWSER_WAIT_MS)
    finally:
        context.close()
    assert not dialogs
