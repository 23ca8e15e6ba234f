"""Attachments outside git (issue #19): a notice names a file kept on another site by `url` with
its `size` and `sha256`; pages and exports show them like local files, marked 未经本站核验
until `gongshi build --check-remote` has downloaded each one (once: the build cache remembers
it by its declared digest) and found it as declared. A file that differs, or cannot be
downloaded, stops the build with one line at the notice and leaves the previous site. Local
attachments over `extra.gongshi.max_attachment_mb` are refused with advice.

The remote site is a local HTTPS server in a thread, with a certificate made for 127.0.0.1 by
the `openssl` command and trusted through OpenSSL's standard SSL_CERT_FILE (so the downloads
run exactly as they do against a real https:// address)."""

from __future__ import annotations

import hashlib
import http.server
import os
import re
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import pytest
from conftest import REGIONS_YAML
from opendata_support import exported_records, project_copy, tender

from generator.attachments import Declared, verify
from generator.errors import Rule
from generator.words import REMOTE_PAGE

NOTICE = "XN-CG-2026-071-ZB"
NOTICE_FILE = f"notices/2026/{NOTICE}.yaml"
NOW = "2026-03-20T12:00:00+08:00"
DRAWINGS = b"%PDF-1.4 drawings kept on object storage\n" * 40  # 1,680 bytes
DRAWINGS_SHA256 = hashlib.sha256(DRAWINGS).hexdigest()
OTHER_SHA256 = hashlib.sha256(b"another file").hexdigest()


# --- the remote site: https://127.0.0.1:PORT/ ------------------------------------------------------


@dataclass
class RemoteSite:
    base: str
    cert: Path
    files: dict[str, bytes]
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        site.requests.append(self.path)
        if self.path == "/moved":  # to plain http: refused
            self.send_response(302)
            self.send_header("Location", site.base.replace("https://", "http://") + "/drawings.pdf")
            self.end_headers()
            return
        content = site.files.get(self.path)
        if content is None:
            self.send_error(404)
            return
        self.send_response(200)
        if not self.path.startswith("/unsized/"):  # else the end of the connection ends the body
            self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    site: RemoteSite


def _certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1",
         "-addext", "keyUsage=critical,digitalSignature,keyCertSign",
         "-addext", "extendedKeyUsage=serverAuth"],
        check=True, capture_output=True)
    return cert, key


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteSite]:
    cert, key = _certificate(tmp_path_factory.mktemp("tls"))
    server = _Server(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.site = RemoteSite(f"https://127.0.0.1:{server.server_address[1]}", cert, {
        "/drawings.pdf": DRAWINGS,
        "/unsized/drawings.pdf": DRAWINGS,
    })
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.site
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def trusted(remote: RemoteSite, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test server's certificate is the one authority downloads trust."""
    monkeypatch.setenv("SSL_CERT_FILE", str(remote.cert))


# --- a small site with one remote attachment ---------------------------------------------------------


def notice_yaml(url: str, *, size: int = len(DRAWINGS), sha256: str = DRAWINGS_SHA256,
                title: str = "孝南区远程附件测试采购询价公告") -> str:
    return tender(title=title, published="2026-03-01 09:00", deadline="2026-04-20 09:30",
                  project="XN-CG-2026-071") + (
        "attachments:\n"
        "- title: 图纸\n"
        f"  url: {url}\n"
        f"  size: {size}\n"
        f"  sha256: {sha256}\n")


def write_data(folder: Path, notice: str, files: dict[str, bytes] | None = None) -> Path:
    data = folder / "data"
    (data / "notices" / "2026").mkdir(parents=True, exist_ok=True)
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    (data / NOTICE_FILE).write_text(notice, encoding="utf-8")
    for name, content in (files or {}).items():
        (data / "files" / name).parent.mkdir(parents=True, exist_ok=True)
        (data / "files" / name).write_bytes(content)
    return data


def attachment_item(site: Path) -> lxml.html.HtmlElement:
    page = lxml.html.parse(str(site / "notices" / NOTICE / "index.html")).getroot()
    (item,) = page.xpath("//ul[contains(@class,'gs-attachments')]/li")
    return item


def note_of(site: Path) -> list[lxml.html.HtmlElement]:
    page = lxml.html.parse(str(site / "notices" / NOTICE / "index.html")).getroot()
    return page.xpath("//*[@id='gs-remote-note']")


@dataclass
class Builds:
    """One site built three times: as declared, checked, and checked again after an edit."""

    root: Path
    config: Path
    data: Path
    out: Path
    unchecked_item: lxml.html.HtmlElement
    unchecked_note: list[lxml.html.HtmlElement]
    unchecked_requests: int
    checked_item: lxml.html.HtmlElement
    checked_note: list[lxml.html.HtmlElement]
    checked_requests: int
    again_requests: int
    again_title: str
    records: list[dict]


def _build(main, config: Path, data: Path, out: Path, *more: str) -> int:
    return main(["--config", str(config), "build", "--data", str(data), "--out", str(out),
                       "--now", NOW, *more])


@pytest.fixture(scope="module")
def builds(remote: RemoteSite, tmp_path_factory: pytest.TempPathFactory) -> Builds:
    from generator.cli import main

    root = tmp_path_factory.mktemp("remote-builds")
    config = project_copy(root / "project")
    data = write_data(root, notice_yaml(remote.url("/drawings.pdf")))
    out = root / "site"
    before = len(remote.requests)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SSL_CERT_FILE", str(remote.cert))
        assert _build(main, config, data, out) == 0
        unchecked = (attachment_item(out), note_of(out), len(remote.requests) - before)
        assert _build(main, config, data, out, "--check-remote") == 0
        checked = (attachment_item(out), note_of(out), len(remote.requests) - before)
        records = exported_records(out)
        # an edit, so that the next build is a whole one (not "nothing changed")
        (data / NOTICE_FILE).write_text(notice_yaml(remote.url("/drawings.pdf"), title="孝南区远程附件测试采购询价公告（更正）"),
                                        encoding="utf-8")
        assert _build(main, config, data, out, "--check-remote") == 0
    page = lxml.html.parse(str(out / "notices" / NOTICE / "index.html")).getroot()
    return Builds(root, config, data, out, *unchecked, *checked,
                  again_requests=len(remote.requests) - before,
                  again_title=page.findtext(".//h1") or "", records=records)


# --- shown like a local file ------------------------------------------------------------------------------


def test_without_check_remote_the_page_says_not_verified_and_explains_it(builds: Builds) -> None:
    item = builds.unchecked_item
    assert builds.unchecked_requests == 0, "a build without --check-remote downloads nothing"
    (link, mark) = item.xpath("./a")
    assert link.get("href").endswith("/drawings.pdf")
    assert "1.6 KB" in item.text_content()  # the size as a local file's is shown (format.show_size)
    assert item.xpath(".//div[contains(@class,'gs-sha256')]/code")[0].text == DRAWINGS_SHA256
    # said in words and a link the keyboard reaches, to an explanation in the page's text
    assert mark.text_content() == REMOTE_PAGE.words("zh")["remote_unverified"] == "未经本站核验"
    assert mark.get("href") == "#gs-remote-note"
    (note,) = builds.unchecked_note
    assert REMOTE_PAGE.words("zh")["remote_note"] in note.text_content()


def test_check_remote_downloads_once_and_the_page_shows_it_verified(builds: Builds) -> None:
    assert builds.checked_requests == 1
    item = builds.checked_item
    assert "未经本站核验" not in item.text_content()
    assert not item.xpath(".//a[@href='#gs-remote-note']") and not builds.checked_note
    assert "1.6 KB" in item.text_content()
    assert item.xpath(".//div[contains(@class,'gs-sha256')]/code")[0].text == DRAWINGS_SHA256


def test_a_second_check_remote_build_downloads_nothing(builds: Builds) -> None:
    assert "更正" in builds.again_title, "the second checked build was a whole build"
    assert builds.again_requests == builds.checked_requests == 1


def test_exports_give_the_declared_size_and_digest(builds: Builds, remote: RemoteSite) -> None:
    (record,) = [r for r in builds.records if r["id"] == NOTICE]
    assert record["attachments"] == [{"title": "图纸", "url": remote.url("/drawings.pdf"),
                                      "bytes": len(DRAWINGS), "sha256": DRAWINGS_SHA256}]


# --- refused: the previous site stays ---------------------------------------------------------------


def _refused_build(run_cli, builds: Builds, notice: str, *lang: str) -> list[str]:
    """Build `notice` with --check-remote into the site built above: refused, the site as it was."""
    page = builds.out / "notices" / NOTICE / "index.html"
    before = (os.readlink(builds.out), page.read_bytes())
    data = write_data(builds.root / f"refused-{hashlib.sha256(notice.encode()).hexdigest()[:8]}", notice)
    result = run_cli("--config", builds.config, "build", "--data", data, "--out", builds.out,
                     "--now", NOW, "--check-remote", *lang, cwd=data.parent)
    assert result.exit_code == 1
    assert (os.readlink(builds.out), page.read_bytes()) == before
    lines = [line for line in result.err.splitlines() if line.startswith(f"data/{NOTICE_FILE}:")]
    assert len(lines) == 1, result.err
    return lines


def test_a_wrong_hash_is_refused_and_the_previous_site_stays(run_cli, builds: Builds, remote: RemoteSite) -> None:
    url = remote.url("/drawings.pdf")
    (line,) = _refused_build(run_cli, builds, notice_yaml(url, sha256=OTHER_SHA256))
    # file:line:col of the url, the url, expected and found
    assert re.match(rf"data/{NOTICE_FILE}:\d+:\d+: 错误: ", line), line
    assert url in line and OTHER_SHA256 in line and DRAWINGS_SHA256 in line
    assert line.endswith(f"[{Rule.ATTACHMENT_MISMATCH}]")


def test_a_wrong_size_is_refused_in_english_too(run_cli, builds: Builds, remote: RemoteSite) -> None:
    url = remote.url("/drawings.pdf")
    (line,) = _refused_build(run_cli, builds, notice_yaml(url, size=len(DRAWINGS) + 7), "--lang", "en")
    assert f": error: the remote attachment {url} differs from its declaration: `size` says " \
           f"{len(DRAWINGS) + 7} bytes, the download has {len(DRAWINGS)} bytes [attachment-mismatch]" in line


def test_a_missing_remote_file_is_one_line(run_cli, builds: Builds, remote: RemoteSite) -> None:
    url = remote.url("/gone.pdf")
    (line,) = _refused_build(run_cli, builds, notice_yaml(url))
    assert f"无法下载远程附件 {url}：服务器回答 HTTP 404" in line
    assert line.endswith(f"[{Rule.ATTACHMENT_DOWNLOAD}]")


# --- the download itself --------------------------------------------------------------------------------


def test_a_longer_file_without_a_length_stops_at_the_declared_size(remote: RemoteSite) -> None:
    refused = verify(Declared(remote.url("/unsized/drawings.pdf"), 100, DRAWINGS_SHA256))
    assert refused is not None and refused.rule is Rule.ATTACHMENT_MISMATCH
    assert "100" in refused.message.in_language("en") and "longer" in refused.message.in_language("en")
    assert verify(Declared(remote.url("/unsized/drawings.pdf"), len(DRAWINGS), DRAWINGS_SHA256)) is None


def test_a_redirect_to_plain_http_is_refused(remote: RemoteSite) -> None:
    refused = verify(Declared(remote.url("/moved"), len(DRAWINGS), DRAWINGS_SHA256))
    assert refused is not None and refused.rule is Rule.ATTACHMENT_DOWNLOAD
    assert "not https://" in refused.message.in_language("en")


def test_a_refused_connection_and_a_silent_server_are_one_line_each() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # listens, never answers
        closed = socket.create_server(("127.0.0.1", 0))
        closed_port = closed.getsockname()[1]
        closed.close()
        refused = verify(Declared(f"https://127.0.0.1:{closed_port}/a.pdf", 1, OTHER_SHA256))
        quiet = verify(Declared(f"https://127.0.0.1:{silent.getsockname()[1]}/a.pdf", 1, OTHER_SHA256),
                       timeout=0.5)
    assert refused is not None and refused.rule is Rule.ATTACHMENT_DOWNLOAD
    assert quiet is not None and quiet.rule is Rule.ATTACHMENT_DOWNLOAD
    assert "0.5 秒内没有收到数据" in quiet.message.in_language("zh")
    for said in (refused.message.in_language("zh"), quiet.message.in_language("en")):
        assert "\n" not in said and "Traceback" not in said


# --- validation: the declaration, and local files too large ------------------------------------------


def _validate(run_cli, data: Path, *more: str) -> list[str]:
    result = run_cli("validate", "--data", data, *more, cwd=data.parent)
    assert result.exit_code == 1, result.out
    return [line for line in (result.out + result.err).splitlines() if f"{NOTICE}.yaml:" in line]


@pytest.mark.parametrize(("change", "rule", "zh", "en"), [
    (lambda text: text.replace(DRAWINGS_SHA256, DRAWINGS_SHA256[:60]), "value",
     "应为文件的 SHA-256 摘要：64 位十六进制数字", "must be the file's SHA-256 digest: 64 hexadecimal digits"),
    (lambda text: text.replace(f"size: {len(DRAWINGS)}", "size: '1680'"), "value-int-type",
     "应为整数", "must be a whole number"),
    (lambda text: text.replace(f"size: {len(DRAWINGS)}", "size: 0"), "value-greater-than-equal",
     "不能小于 1", "must be at least 1"),
    (lambda text: text.replace(f"  size: {len(DRAWINGS)}\n", ""), "attachment-declared",
     "要一起写：只写了附件 SHA-256 摘要 `sha256`，补上附件大小（字节） `size`",
     "go together: only attachment SHA-256 digest (`sha256`) is given; add attachment size (bytes) (`size`)"),
    (lambda text: re.sub(r"url: \S+", "file: 2026/a.pdf", text), "attachment-declared",
     "只写在用附件链接 `url`的附件里", "belong to attachments given by attachment link (`url`) only"),
], ids=["sha256-form", "size-quoted", "size-zero", "sha256-alone", "declared-beside-file"])
def test_a_wrong_declaration_is_said_in_both_languages(run_cli, tmp_path: Path, change, rule, zh, en) -> None:
    data = write_data(tmp_path, change(notice_yaml("https://oss.example.cn/a.pdf")),
                      {"2026/a.pdf": b"%PDF-1.4\n"})
    for language, words in (("zh", zh), ("en", en)):
        (line,) = _validate(run_cli, data, "--lang", language)
        assert re.match(rf".*{NOTICE}\.yaml:\d+:\d+: ", line) and words in line and line.endswith(f"[{rule}]"), line


def test_an_upper_case_digest_is_read_in_lower_case(run_cli, tmp_path: Path) -> None:
    data = write_data(tmp_path, notice_yaml("https://oss.example.cn/a.pdf", sha256=DRAWINGS_SHA256.upper()))
    assert run_cli("validate", "--data", data, cwd=tmp_path).exit_code == 0


def test_a_bare_link_needs_no_declaration(run_cli, tmp_path: Path) -> None:
    notice = re.sub(r"  size: .*\n  sha256: .*\n", "", notice_yaml("https://ggzy.example.cn/zb/XN-001"))
    data = write_data(tmp_path, notice)
    assert run_cli("validate", "--data", data, cwd=tmp_path).exit_code == 0


def test_a_local_file_over_the_limit_is_refused_with_advice(run_cli, tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nextra:\n  gongshi:\n    max_attachment_mb: 1\n", encoding="utf-8")
    notice = re.sub(r"  url: .*\n  size: .*\n  sha256: .*\n", "  file: 2026/big.zip\n",
                    notice_yaml("https://oss.example.cn/a.pdf"))
    small = write_data(tmp_path / "small", notice, {"2026/big.zip": b"x" * (1024 * 1024)})
    assert run_cli("--config", config, "validate", "--data", small, cwd=tmp_path).exit_code == 0
    data = write_data(tmp_path / "big", notice, {"2026/big.zip": b"x" * (1024 * 1024 + 1)})
    result = run_cli("--config", config, "validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    (line,) = [line for line in result.out.splitlines() if "big.zip" in line]
    assert line.endswith("[attachment-too-large]") and "git LFS" in line and "max_attachment_mb" in line
    english = run_cli("--config", config, "--lang", "en", "validate", "--data", data, cwd=tmp_path)
    assert english.exit_code == 1
    assert "over this site's limit of 1 MB" in english.out and "git LFS" in english.out


def test_the_default_limit_is_50_mb() -> None:
    from generator.config import Settings

    assert Settings().max_attachment_mb == 50
