"""`gongshi serve`: the pieces in-process (state, handler, debounce, injection) and the whole
command as a subprocess on a free port: edit, break and fix a notice while it serves."""

from __future__ import annotations

import dataclasses
import functools
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import REGIONS_YAML, REPO, VALID_TENDER, reloading_page
from lxml import html
from message_language import chinese_text, english_words

from generator.commands import serve as serve_mod
from generator.commands.serve import (
    VERSION_PATH,
    BuildJob,
    BuildOutcome,
    Changes,
    SiteState,
    Snapshot,
    bind,
    build_apart,
    inject,
    is_relevant,
)
from generator.errors import UsageError
from generator.words import LANGUAGES
from generator.words.editing import EDITING

TZ = ZoneInfo("Asia/Shanghai")
# Seconds a build may take to show: a bound against waiting for ever, not a timing (each wait
# ends as soon as the build shows). On a loaded machine the first build alone took over 20 s.
WAIT = 60.0


# --- helpers ------------------------------------------------------------------------------------


def cli_env() -> dict[str, str]:
    """The environment of a `gongshi` subprocess: it imports this checkout's package, not whichever
    one is installed (the subprocess runs from a project folder outside the repository)."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), *([path] if path else [])])}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def eventually(check: Callable[[], object], what: str, timeout: float = WAIT) -> object:
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            last = exc
        else:
            if last:
                return last
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; last: {last!r}")


# --- pieces -------------------------------------------------------------------------------------


def test_changes_hands_over_one_burst_after_it_is_quiet():
    changes = Changes(quiet=0.05)
    stop = threading.Event()
    for name in ("a.yaml", "b.yaml", "a.yaml"):
        changes.notify(name)
    started = time.monotonic()
    assert changes.wait(stop) == ["a.yaml", "b.yaml"]
    assert time.monotonic() - started >= 0.04
    stop.set()
    assert changes.wait(stop, poll=0.01) is None


def test_editor_scratch_files_do_not_trigger_rebuilds():
    assert is_relevant("data/notices/2026/420902/XN-GC-2026-001-ZB.yaml")
    assert is_relevant("theme/notice.html")
    for scratch in (".XN.yaml.swp", "XN.yaml~", "4913", ".#XN.yaml", "x.tmp", "#XN.yaml#"):
        assert not is_relevant(f"data/notices/{scratch}")


def test_inject_adds_banner_overlay_and_reload_script():
    snap = Snapshot(version=7, site_dir=Path("/x"), problems=("a.yaml:3:5: error: <bad> [yaml-syntax]",),
                    now=datetime(2027, 1, 1, 9, tzinfo=TZ), fixed_now=True, drafts={"N-001": "2027-01-01 08:00"})
    page = inject("<html><body class='x'><p>hi</p></body></html>", snap, "/notices/N-001/")
    assert page.index("<body class='x'>") < page.index('id="gongshi-preview"') < page.index("<p>hi</p>")
    assert "预览" in page and "未发布（将于 2027-01-01 08:00 公开）" in page
    assert "a.yaml:3:5: error: &lt;bad&gt;" in page  # escaped, never markup
    assert 'href="/guide/editor/#yaml-syntax"' in page
    assert "var version=7" in page and VERSION_PATH in page and '["N-001"]' in page
    assert 'label="未发布"' in page  # the mark the script puts next to each link to a draft
    assert page.rstrip().endswith("</body></html>")
    other = inject("<html><body><p>hi</p></body></html>", snap, "/notices/OTHER/")
    assert "未发布（将于" not in other
    assert 'id="gongshi-errors"' not in inject("<body></body>", Snapshot(site_dir=Path("/x")), "/")


def shown_over(page: str) -> str:
    """The text serve puts over a page (banner, overlay), <code> written as `code`."""
    tree = html.fromstring(re.sub(r"</?code>", "`", page))
    return "\n".join(tree.get_element_by_id(name).text_content()
                     for name in ("gongshi-preview", "gongshi-errors"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_serve_shows_over_a_page_speaks_one_language(language):
    problem = {"zh": "a.yaml:3:5: 错误: 有问题 [yaml-syntax]", "en": "a.yaml:3:5: error: wrong [yaml-syntax]"}
    for fixed_now in (True, False):
        snap = Snapshot(version=1, site_dir=Path("/x"), problems=(problem[language],),
                        warnings=(problem[language],), now=datetime(2027, 1, 1, 9, tzinfo=TZ),
                        fixed_now=fixed_now, drafts={"N-001": "2027-02-01 09:00"}, language=language)
        shown = shown_over(inject("<html><body><p>x</p></body></html>", snap, "/notices/N-001/"))
        text = shown.replace(problem[language], "")  # the validator's lines, checked elsewhere
        mark = EDITING.message("draft_mark", when="2027-02-01 09:00").in_language(language)
        assert mark in text and ("预览" in text) == (language == "zh")
        if language == "zh":
            assert not english_words(text), english_words(text)
        else:
            assert not chinese_text(text), chinese_text(text)
        link_mark = json.dumps(EDITING.words(language)["draft_link"], ensure_ascii=False)
        assert f"label={link_mark}" in inject("<body></body>", snap, "/")


def test_a_draft_is_what_the_real_site_does_not_show_as_of_the_site_shown():
    """Without --now: published after now. With --now: after --now, or after the clock when
    --now is later (the real site shows neither today)."""
    clock, earlier, later = (datetime(2027, 1, 1, 9, tzinfo=TZ), datetime(2026, 6, 1, tzinfo=TZ),
                             datetime(2099, 1, 1, tzinfo=TZ))
    out = Path("/x")
    assert BuildJob(out, out, serve_mod.Settings(), out, clock, None).drafts_after == clock
    assert BuildJob(out, out, serve_mod.Settings(), out, later, clock).drafts_after == clock
    assert BuildJob(out, out, serve_mod.Settings(), out, earlier, clock).drafts_after == earlier


@pytest.fixture
def handler_server(tmp_path) -> Iterator[tuple[str, SiteState, Path]]:
    site = tmp_path / "site"
    (site / "notices" / "N-001").mkdir(parents=True)
    (site / "notices" / "N-001" / "index.html").write_text("<html><body>公告一</body></html>", "utf-8")
    (site / "404.html").write_text("<html><body>页面不存在</body></html>", "utf-8")
    (site / "feed.xml").write_text("<rss/>", "utf-8")
    state = SiteState()
    server = bind(0, state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", state, site
    server.shutdown()
    server.server_close()


def test_handler_serves_the_last_good_site_with_errors_over_it(handler_server):
    base, state, site = handler_server
    status, page = fetch(base + "/notices/N-001/")
    assert status == 500 and "还没有可以显示的网站" in page  # nothing built yet
    state.succeeded(site, [], datetime(2026, 1, 1, tzinfo=TZ), False, {})
    status, page = fetch(base + "/notices/N-001/")
    assert status == 200 and "公告一" in page and "gongshi-preview" in page
    assert json.loads(fetch(base + VERSION_PATH)[1]) == {"version": 1, "ok": True, "problems": []}
    state.failed(["data/x.yaml:2:1: error: broken [yaml-syntax]"])
    status, page = fetch(base + "/notices/N-001/")
    assert status == 200 and "公告一" in page and "data/x.yaml:2:1: error: broken" in page
    version = json.loads(fetch(base + VERSION_PATH)[1])
    assert version["version"] == 2 and version["ok"] is False
    assert fetch(base + "/feed.xml") == (200, "<rss/>")
    status, page = fetch(base + "/nowhere/")
    assert status == 404 and "页面不存在" in page
    with urllib.request.urlopen(base + "/notices/N-001", timeout=5) as response:  # follows 301
        assert response.url.endswith("/notices/N-001/")


def test_a_client_that_hangs_up_is_no_error(handler_server, capsys):
    base, state, site = handler_server
    (site / "big.bin").write_bytes(bytes(32 << 20))  # more than the sockets buffer
    state.succeeded(site, [], datetime(2026, 1, 1, tzinfo=TZ), False, {})
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(f"GET /big.bin HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        assert client.recv(1)  # the server is sending
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close: reset
    eventually(lambda: not [t for t in threading.enumerate() if "process_request" in t.name],
               "the request's thread to end")
    assert fetch(base + "/feed.xml") == (200, "<rss/>")
    assert "Traceback" not in capsys.readouterr().err


def test_a_busy_port_is_a_usage_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(UsageError, match=f"port {port} .* already in use") as busy:
            bind(port, SiteState())
    assert f"127.0.0.1 的端口 {port} 已被占用" in busy.value.text("zh")
    with pytest.raises(UsageError, match="not a port number"):
        bind(70000, SiteState())


def serve_config(tmp_path: Path, logged: list[str], language: str = "zh") -> serve_mod.ServeConfig:
    return serve_mod.ServeConfig(tmp_path, tmp_path / "mkdocs.yml", serve_mod.Settings(), None,
                                 lambda: datetime(2026, 1, 1, tzinfo=TZ), logged.append, tmp_path,
                                 language)


def test_a_defect_while_building_keeps_the_server_up(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(serve_mod, "build", broken)
    for language, said, failed in (("zh", "生成网站时出现程序错误（`ValueError: boom`）", "生成失败"),
                                   ("en", "internal error while building (`ValueError: boom`)",
                                    "build failed")):
        logged: list[str] = []
        state = SiteState(language)
        in_process = serve_mod.Builder(serve_config(tmp_path, logged, language), state,
                                       run=lambda job, stop: serve_mod.build_once(job))
        assert in_process.rebuild() is False
        assert said in state.snapshot().problems[0]
        assert any(line.startswith(failed) for line in logged), logged


# Work for a rebuild's process in place of a build (module level: the process imports it).

def _die(job: BuildJob) -> BuildOutcome:
    os._exit(3)


def _threads_where_forked(job: BuildJob) -> BuildOutcome:
    """How many threads this process and the one it was forked from have."""
    mine = len(os.listdir("/proc/self/task"))
    parents = len(os.listdir(f"/proc/{os.getppid()}/task"))
    return BuildOutcome(warnings=(f"{mine} {parents}",))


def _stuck(job: BuildJob) -> BuildOutcome:
    """A build stuck where SIGTERM does not reach it (as one waiting on a lock copied by fork
    would be), with a process of its own that ignores SIGTERM too."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    helper = subprocess.Popen([sys.executable, "-c", "import signal, time; "
                               "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"])
    job.out.write_text(f"{os.getpid()} {helper.pid}", encoding="utf-8")
    time.sleep(600)
    return BuildOutcome()


def _running(pid: int) -> bool:
    """Whether process `pid` runs (a zombie has ended, whoever has yet to reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def job_for(tmp_path: Path, out: str = "site") -> BuildJob:
    return BuildJob(tmp_path, tmp_path / out, serve_mod.Settings(), tmp_path / "mkdocs.yml",
                    datetime(2026, 1, 1, tzinfo=TZ), None)


def test_a_rebuild_process_that_dies_is_reported_and_serving_goes_on(tmp_path):
    logged: list[str] = []
    state = SiteState()
    builder = serve_mod.Builder(serve_config(tmp_path, logged), state,
                                run=functools.partial(build_apart, work=_die))
    assert builder.rebuild() is False
    assert "生成网站的进程意外结束（退出状态 3）" in state.snapshot().problems[0]
    assert any(line.startswith("生成失败") for line in logged)


def test_rebuilds_are_forked_from_a_process_without_other_threads(tmp_path):
    """serve has an HTTP and a file-watching thread, and a build forks the search index process:
    forked from serve, it would inherit locks those threads held, held for ever."""
    stop = threading.Event()
    busy = [threading.Thread(target=stop.wait, daemon=True) for _ in range(3)]
    for thread in busy:
        thread.start()
    try:
        outcome = build_apart(job_for(tmp_path), threading.Event(), work=_threads_where_forked)
    finally:
        stop.set()
    assert outcome is not None
    assert outcome.warnings == ("1 1",)


def test_stopping_ends_a_stuck_rebuild_and_everything_it_started(tmp_path):
    job = job_for(tmp_path, "pids")
    stop = threading.Event()
    outcomes: list[BuildOutcome | None] = []
    runner = threading.Thread(target=lambda: outcomes.append(build_apart(job, stop, work=_stuck, grace=1)))
    runner.start()
    pids = eventually(lambda: job.out.is_file() and job.out.read_text(encoding="utf-8").split(),
                      "the stuck rebuild to start")
    assert all(_running(int(pid)) for pid in pids)
    stop.set()
    runner.join(timeout=WAIT)
    assert not runner.is_alive() and outcomes == [None]
    assert not any(_running(int(pid)) for pid in pids)


def test_each_rebuild_is_as_of_the_clock_serve_is_given(tmp_path):
    """Without --now a rebuild is as of the clock; with it, the clock only tells which notices are
    not yet public in real time (drafts). The clock reads a day far from today's."""
    clock_reads = datetime(2031, 7, 1, 8, tzinfo=TZ)
    fixed = datetime(2027, 1, 1, 9, tzinfo=TZ)
    jobs: list[BuildJob] = []
    for now in (None, fixed):
        config = dataclasses.replace(serve_config(tmp_path, []), now=now, clock=lambda: clock_reads)
        serve_mod.Builder(config, SiteState(), run=lambda job, stop: jobs.append(job)).rebuild()
    assert [(job.now, job.real_now) for job in jobs] == [(clock_reads, None), (fixed, clock_reads)]


# --- the whole command --------------------------------------------------------------------------

NOTICE = "2026/420902/XN-GC-2026-001-ZB.yaml"
FUTURE = "2099/420902/XN-GC-2099-001-ZB.yaml"
FUTURE_TENDER = (VALID_TENDER.replace("2026-03-01 09:00", "2099-01-05 09:00")
                 .replace("2026-03-25", "2099-02-10").replace("XN-GC-2026-001", "XN-GC-2099-001"))


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's site configuration, theme and pages, with a small data folder."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copytree(REPO / "content", root / "content")
    data = root / "data"
    for rel, text in {NOTICE: VALID_TENDER, FUTURE: FUTURE_TENDER}.items():
        (data / "notices" / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / "notices" / rel).write_text(text, encoding="utf-8")
    (data / "files").mkdir()
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    return root


class Served:
    def __init__(self, project: Path, port: int, *extra: str) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--config", "mkdocs.yml", "serve", "--data", "data",
             "--port", str(port), *extra],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
            env=cli_env(), preexec_fn=_as_from_a_terminal,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def status(self) -> dict:
        return json.loads(fetch(self.base + VERSION_PATH)[1])

    def page(self, path: str) -> str:
        status, text = fetch(self.base + path)
        assert status == 200, (status, text[:300])
        return text

    def stop(self, how: signal.Signals = signal.SIGINT) -> int:
        if self.process.poll() is None:
            self.process.send_signal(how)
        try:
            # serve gives a rebuild under way GRACE_SECONDS to clean up, then its watcher 5 s:
            # on a loaded machine that is more than 15 s
            return self.process.wait(timeout=WAIT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.reader.join(timeout=5)


def _as_from_a_terminal() -> None:
    """Ctrl-C as in a terminal: a suite started in the background by a non-interactive shell
    (`pytest &`) runs with SIGINT ignored, which a child inherits, and Python then leaves it
    ignored, so serve would never see the Ctrl-C these tests send."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_serve_rebuilds_on_change_and_survives_a_broken_file(project):
    served = Served(project, free_port(), "--now", "2099-01-10T12:00+08:00")
    notice_file = project / "data" / "notices" / NOTICE
    page_path = "/notices/XN-GC-2026-001-ZB/"
    try:
        eventually(lambda: served.status()["ok"], "the first build")
        page = served.page(page_path)
        assert "孝南区书院街道路改造工程施工招标公告" in page
        assert "预览" in page and VERSION_PATH in page
        future = served.page("/notices/XN-GC-2099-001-ZB/")  # embargoed in real time: a draft
        assert "未发布（将于 2099-01-05 09:00 公开）" in future

        # 1. change the title: the served page changes
        good = VALID_TENDER.replace("书院街道路改造工程施工招标公告", "书院街道路改造工程施工招标公告（第二次）")
        notice_file.write_text(good, encoding="utf-8")
        eventually(lambda: "（第二次）" in served.page(page_path), "the new title")

        # 2. invalid YAML: errors on the page and in the terminal, the last good site still served
        version = served.status()["version"]
        notice_file.write_text(good.replace("method: open", "method: [open"), encoding="utf-8")
        eventually(lambda: served.status()["version"] > version and not served.status()["ok"], "the error")
        page = served.page(page_path)
        assert 'id="gongshi-errors"' in page and "（第二次）" in page
        assert "data/notices/" + NOTICE + ":" in page and "yaml-syntax" in page
        eventually(lambda: f"{NOTICE}:" in served.output and "生成失败" in served.output,
                   "the error in the terminal")

        # 3. a bad field value: its exact position is reported
        version = served.status()["version"]
        notice_file.write_text(good.replace("method: open", "method: opne"), encoding="utf-8")
        eventually(lambda: served.status()["version"] > version, "the next rebuild")
        problems = served.status()["problems"]
        assert any(f"{NOTICE}:10:9: 错误: 交易方式 `method` 应为以下之一：公开招标 `open`" in p
                   for p in problems), problems
        assert "交易方式 `method` 应为以下之一" in served.page(page_path)

        # 4. fixed again: recovers
        notice_file.write_text(good.replace("（第二次）", "（第三次）"), encoding="utf-8")
        eventually(lambda: served.status()["ok"], "the recovery")
        page = served.page(page_path)
        assert "（第三次）" in page and 'id="gongshi-errors"' not in page
    finally:
        code = served.stop()
    assert code == 0, served.output
    assert "Traceback" not in served.output
    assert served.output.rstrip().endswith("已停止")


DRAFT_ID = "XN-GC-2099-001-ZB"
SECOND_DRAFT = "2099/420902/XN-GC-2099-002-ZB.yaml"


def second_draft() -> str:
    return (FUTURE_TENDER.replace("XN-GC-2099-001", "XN-GC-2099-002")
            .replace("2099-01-05 09:00", "2099-03-01 10:30").replace("2099-02-10", "2099-04-10"))


@pytest.mark.browser
def test_serve_shows_drafts_marked_and_names_each_one_saved(project, browser):
    """A notice published later than now is a draft: the real site does not show it, serve does,
    marked 未发布 on its page and beside every link to it, and names it when it is saved."""
    served = Served(project, free_port())  # no --now: as of the clock
    try:
        with reloading_page(browser) as page:
            eventually(lambda: served.status()["ok"], "the first build")
            # the terminal's lines are read by a thread of their own: they may follow the status
            eventually(lambda: "1 条公开的公告，另有 1 条未发布" in served.output, "the summary line")
            draft = served.page(f"/notices/{DRAFT_ID}/")
            assert "未发布（将于 2099-01-05 09:00 公开）" in draft
            banner = html.fromstring(served.page("/notices/XN-GC-2026-001-ZB/")).get_element_by_id("gongshi-preview")
            assert "未发布" not in banner.text_content()

            page.goto(served.base + "/")
            links = page.locator(f'a[href$="notices/{DRAFT_ID}/"]')
            links.first.wait_for(timeout=WAIT * 1000)
            assert links.count() >= 1
            for index in range(links.count()):
                assert links.nth(index).locator(".gongshi-preview-mark").inner_text() == "未发布"
            assert page.locator('a[href$="notices/XN-GC-2026-001-ZB/"] .gongshi-preview-mark').count() == 0
            page.goto(served.base + f"/notices/{DRAFT_ID}/")
            assert page.locator("#gongshi-preview .gongshi-draft").inner_text().startswith(
                "未发布（将于 2099-01-05 09:00 公开）")

            saved = project / "data" / "notices" / SECOND_DRAFT
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_text(second_draft(), encoding="utf-8")
            line = "XN-GC-2099-002-ZB 未发布：将于 2099-03-01 10:30 公开"
            eventually(lambda: line in served.output, "the line naming the saved draft")
            assert "另有 2 条未发布" in served.output
            public = project / "data" / "notices" / NOTICE
            public.write_text(VALID_TENDER.replace("施工招标公告", "施工招标公告（更正）"), encoding="utf-8")
            eventually(lambda: "（更正）" in served.page("/notices/XN-GC-2026-001-ZB/"), "the public notice saved")
            assert "XN-GC-2026-001-ZB 未发布" not in served.output  # a public notice is not a draft
    finally:
        code = served.stop()
    assert code == 0, served.output
    assert "Traceback" not in served.output


def test_serve_speaks_english_with_lang_en(project):
    served = Served(project, free_port(), "--lang", "en")
    try:
        eventually(lambda: served.status()["ok"], "the first build")
        draft = served.page(f"/notices/{DRAFT_ID}/")
        assert "Not yet public (public from 2099-01-05 09:00)" in draft
        eventually(lambda: "1 public notice(s) and 1 not yet public" in served.output, "the summary line")
        draft_file = project / "data" / "notices" / FUTURE
        draft_file.write_text(FUTURE_TENDER.replace("施工招标公告", "施工招标公告（草稿）"), encoding="utf-8")
        line = f"{DRAFT_ID} is not yet public: it becomes public at 2099-01-05 09:00"
        eventually(lambda: line in served.output, "the line naming the saved draft")
        version = served.status()["version"]
        draft_file.write_text(FUTURE_TENDER.replace("method: open", "method: [open"), encoding="utf-8")
        eventually(lambda: served.status()["version"] > version, "the failed rebuild")
        assert "The data has errors" in served.page("/")
        eventually(lambda: "build failed: showing the last good site" in served.output, "the failure")
    finally:
        code = served.stop()
    assert code == 0, served.output
    assert served.output.rstrip().endswith("stopped")
    said = served.output.replace(str(project), "")
    assert not chinese_text(said), chinese_text(said)


def every_byte_of(site: Path) -> dict[str, bytes]:
    """Each file of a built site, decompressed where compressed (Pagefind's index, .gz files)."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found[path.relative_to(site).as_posix()] = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    return found


def test_nothing_of_a_draft_reaches_a_real_build(project, run_cli):
    attachment = "2099/draft-only-attachment.pdf"
    (project / "data" / "files" / "2099").mkdir(parents=True)
    (project / "data" / "files" / attachment).write_bytes(b"%PDF-1.4 draft")
    (project / "data" / "notices" / FUTURE).write_text(
        FUTURE_TENDER.replace("施工招标公告", "施工招标公告（尚未公开的草稿）")
        + f"attachments:\n  - title: 草稿附件\n    file: {attachment}\n", encoding="utf-8")
    result = run_cli("build", "--data", "data", "--out", "site", cwd=project)  # as of the clock
    assert result.exit_code == 0, result.err
    site = every_byte_of(project / "site")
    assert any(b"XN-GC-2026-001-ZB" in data for data in site.values())  # the public one is there
    leaks = [name for name, data in site.items()
             if b"XN-GC-2099-001" in data or "尚未公开的草稿".encode() in data
             or b"draft-only-attachment" in data or "草稿附件".encode() in data]
    assert not leaks, leaks


def request(port: int, path: str, hosts: list[str]) -> tuple[int, str]:
    """GET `path` from 127.0.0.1:`port` with exactly these Host headers (none: no Host header)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        for host in hosts:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def test_serve_answers_only_requests_for_its_own_address(project):
    """Another web page can make its own name resolve to 127.0.0.1 (DNS rebinding) and read the
    preview, embargoed notices included: its requests carry its name, and are refused."""
    port = free_port()
    served = Served(project, port, "--now", "2099-01-10T12:00+08:00")
    embargoed = "/notices/XN-GC-2099-001-ZB/"
    try:
        eventually(lambda: served.status()["ok"], "the first build")
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}"):
            status, page = request(port, embargoed, [host])
            assert status == 200 and "未发布（将于 2099-01-05 09:00 公开）" in page, host
        forged = [[f"evil.example:{port}"], ["127.0.0.1.evil.example"], [f"127.0.0.1.evil.example:{port}"],
                  [f"localhost:{port + 1}"], [f"127.0.0.1:{port}.evil.example"], ["localhost"],
                  [f"[::1]:{port}"], [f"0.0.0.0:{port}"], [], [f"127.0.0.1:{port}", f"evil.example:{port}"]]
        for hosts in forged:
            for path in (embargoed, VERSION_PATH, "/"):
                status, text = request(port, path, hosts)
                assert status == 403, (hosts, path, status)
                assert "XN-GC-2099" not in text and "version" not in text
                assert f"http://127.0.0.1:{port}/" in text and text.count("\n") == 1  # one plain line
    finally:
        code = served.stop()
    assert code == 0, served.output


def test_serve_on_a_busy_port_exits_2(project):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--port", str(port)],
            cwd=project, capture_output=True, text=True, timeout=60, env=cli_env(),
        )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "已被占用" in lines[0] and "--port" in lines[0], result.stderr


@pytest.mark.browser
def test_the_browser_reloads_by_itself_and_shows_the_errors(project, browser):
    """No manual reload: the injected script notices each rebuild, broken or fixed."""
    served = Served(project, free_port())
    notice_file = project / "data" / "notices" / NOTICE
    try:
        with reloading_page(browser) as page:
            eventually(lambda: served.status()["ok"], "the first build")
            page.goto(served.base + "/notices/XN-GC-2026-001-ZB/")
            assert page.locator("#gongshi-preview").inner_text().startswith("预览")
            notice_file.write_text(VALID_TENDER.replace("施工招标公告", "施工招标公告（重新发布）"), encoding="utf-8")
            page.locator("h1", has_text="（重新发布）").wait_for(timeout=WAIT * 1000)
            notice_file.write_text(VALID_TENDER.replace("deadline: 2026-03-25 09:30", "deadline: 2026-02-25 09:30"),
                                   encoding="utf-8")
            overlay = page.locator("#gongshi-errors")
            overlay.wait_for(timeout=WAIT * 1000)
            assert "不晚于发布时间" in overlay.inner_text()
            assert EDITING.words("zh")["errors_heading"] in overlay.inner_text()
            assert overlay.locator("a", has_text="deadline-order").get_attribute("href") == "/guide/editor/#deadline-order"
            notice_file.write_text(VALID_TENDER, encoding="utf-8")
            overlay.wait_for(state="detached", timeout=WAIT * 1000)
            assert "（重新发布）" not in page.locator("h1").inner_text()
    finally:
        code = served.stop(signal.SIGTERM)  # like Ctrl-C: clean exit
    assert code == 0, served.output
    assert "Traceback" not in served.output
