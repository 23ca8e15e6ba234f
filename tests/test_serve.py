"""`gongshi serve`: the pieces in-process (state, handler, debounce, injection) and the whole
command as a subprocess on a free port: edit, break and fix a notice while it serves."""

from __future__ import annotations

import dataclasses
import functools
import http.client
import json
import os
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
from conftest import REGIONS_YAML, REPO, VALID_TENDER

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
    preview_notices,
)
from generator.errors import UsageError

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
                    now=datetime(2027, 1, 1, 9, tzinfo=TZ), fixed_now=True, previews={"N-001": "2027-01-01 08:00"})
    page = inject("<html><body class='x'><p>hi</p></body></html>", snap, "/notices/N-001/")
    assert page.index("<body class='x'>") < page.index('id="gongshi-preview"') < page.index("<p>hi</p>")
    assert "预览" in page and "本公告尚未发布" in page and "2027-01-01 08:00" in page
    assert "a.yaml:3:5: error: &lt;bad&gt;" in page  # escaped, never markup
    assert 'href="/guide/editor/#yaml-syntax"' in page
    assert "var version=7" in page and VERSION_PATH in page and '["N-001"]' in page
    assert page.rstrip().endswith("</body></html>")
    other = inject("<html><body><p>hi</p></body></html>", snap, "/notices/OTHER/")
    assert "本公告尚未发布" not in other
    assert 'id="gongshi-errors"' not in inject("<body></body>", Snapshot(site_dir=Path("/x")), "/")


def test_preview_marks_only_notices_embargoed_in_real_time(make_data):
    from generator.dataset import load_dataset

    later = VALID_TENDER.replace("2026-03-01 09:00", "2027-02-01 09:00").replace(
        "2026-03-25", "2027-03-25")
    data = make_data({"a/XN-GC-2026-001-ZB.yaml": VALID_TENDER, "a/XN-GC-2027-002-ZB.yaml": later})
    notices = load_dataset(data, TZ).notices
    real = datetime(2026, 6, 1, tzinfo=TZ)
    assert preview_notices(notices, real_now=real, now=datetime(2027, 3, 1, tzinfo=TZ), tz=TZ) == {
        "XN-GC-2027-002-ZB": "2027-02-01 09:00"}
    assert preview_notices(notices, real_now=real, now=datetime(2027, 1, 1, tzinfo=TZ), tz=TZ) == {}


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
        with pytest.raises(UsageError, match=f"port {port} .* already in use"):
            bind(port, SiteState())
    with pytest.raises(UsageError, match="not a port number"):
        bind(70000, SiteState())


def serve_config(tmp_path: Path, logged: list[str]) -> serve_mod.ServeConfig:
    return serve_mod.ServeConfig(tmp_path, tmp_path / "mkdocs.yml", serve_mod.Settings(), None,
                                 lambda: datetime(2026, 1, 1, tzinfo=TZ), logged.append, tmp_path)


def test_a_defect_while_building_keeps_the_server_up(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(serve_mod, "build", broken)
    logged: list[str] = []
    state = SiteState()
    in_process = serve_mod.Builder(serve_config(tmp_path, logged), state,
                                   run=lambda job, stop: serve_mod.build_once(job))
    assert in_process.rebuild() is False
    assert "internal error while building (ValueError: boom)" in state.snapshot().problems[0]
    assert any("build failed" in line for line in logged)


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
    assert "the build process ended with exit status 3" in state.snapshot().problems[0]
    assert any("build failed" in line for line in logged)


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
    not yet public in real time (their 预览 mark). The clock reads a day far from today's."""
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
            env=cli_env(),
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
            return self.process.wait(timeout=15)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.reader.join(timeout=5)


def test_serve_rebuilds_on_change_and_survives_a_broken_file(project):
    served = Served(project, free_port(), "--now", "2099-01-10T12:00+08:00")
    notice_file = project / "data" / "notices" / NOTICE
    page_path = "/notices/XN-GC-2026-001-ZB/"
    try:
        eventually(lambda: served.status()["ok"], "the first build")
        page = served.page(page_path)
        assert "孝南区书院街道路改造工程施工招标公告" in page
        assert "预览" in page and VERSION_PATH in page
        future = served.page("/notices/XN-GC-2099-001-ZB/")  # embargoed in real time: --now shows it
        assert "本公告尚未发布" in future and "2099-01-05 09:00" in future

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
        eventually(lambda: f"{NOTICE}:" in served.output and "build failed" in served.output,
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
    assert "stopped" in served.output


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
            assert status == 200 and "本公告尚未发布" in page, host
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
    assert len(lines) == 1 and "already in use" in lines[0] and "--port" in lines[0], result.stderr


@pytest.mark.browser
def test_the_browser_reloads_by_itself_and_shows_the_errors(project, browser):
    """No manual reload: the injected script notices each rebuild, broken or fixed."""
    served = Served(project, free_port())
    notice_file = project / "data" / "notices" / NOTICE
    page = browser.new_page()
    try:
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
        assert overlay.locator("a", has_text="deadline-order").get_attribute("href") == "/guide/editor/#deadline-order"
        notice_file.write_text(VALID_TENDER, encoding="utf-8")
        overlay.wait_for(state="detached", timeout=WAIT * 1000)
        assert "（重新发布）" not in page.locator("h1").inner_text()
    finally:
        page.close()
        code = served.stop(signal.SIGTERM)  # like Ctrl-C: clean exit
    assert code == 0, served.output
    assert "Traceback" not in served.output
