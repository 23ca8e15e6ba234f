"""Shared fixtures: small data folders written per test, and the CLI run in-process."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from generator.cli import main

# Property tests judge their inputs, not the machine's speed: under a loaded CI runner Hypothesis's
# timing checks (a per-example deadline, "input generation is slow") fail tests that are right.
settings.register_profile("gongshi", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("gongshi")

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO / "data"

REGIONS_YAML = """\
- code: "420000"
  name: 湖北省
- code: "420100"
  name: 武汉市
  parent: "420000"
- code: "420102"
  name: 江岸区
  parent: "420100"
- code: "420900"
  name: 孝感市
  parent: "420000"
- code: "420902"
  name: 孝南区
  parent: "420900"
- code: "420921"
  name: 孝昌县
  parent: "420900"
- code: "429004"
  name: 仙桃市
  parent: "420000"
"""

VALID_TENDER = """\
type: tender
title: 孝南区书院街道路改造工程施工招标公告
region: "420902"
published: 2026-03-01 09:00
publisher: 孝感市公共资源交易中心
category: construction
project:
  code: XN-GC-2026-001
  name: 孝南区书院街道路改造工程
method: open
buyer:
  name: 孝感市孝南区住房和城乡建设局
  uscc: 91350100M000100Y43
budget: 12800000.50
deadline: 2026-03-25 09:30
opening:
  time: 2026-03-25 09:30
  place: 孝感市公共资源交易中心第一开标室
"""


@dataclass
class CliResult:
    exit_code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run `gongshi ARGS…` in-process from a working directory; an uncaught exception fails."""

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def make_data(tmp_path):
    """Write a data folder: regions (default tree) and notices given as {relative path: YAML}."""

    def make(notices: dict[str, str] | None = None, regions: str = REGIONS_YAML,
             files: dict[str, bytes] | None = None) -> Path:
        return write_data_folder(tmp_path / "data", notices, regions, files)

    return make


def write_data_folder(data: Path, notices: dict[str, str] | None = None,
                      regions: str = REGIONS_YAML, files: dict[str, bytes] | None = None) -> Path:
    """make_data's folder at a place of the caller's (a module's fixture: tmp_path_factory)."""
    (data / "notices").mkdir(parents=True, exist_ok=True)
    (data / "files").mkdir(exist_ok=True)
    (data / "regions.yaml").write_text(regions, encoding="utf-8")
    for rel, text in (notices or {}).items():
        path = data / "notices" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    for rel, content in (files or {}).items():
        path = data / "files" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return data


# --- the order files run in ----------------------------------------------------------------------

# The files that take longest, longest first (from `pytest --durations`): pytest-xdist hands a
# worker a whole file at a time (--dist loadfile) in this order, so none of them is left to run
# alone at the end while the other workers have nothing to do. Only the order changes; a file not
# named here runs after these, in the usual order.
LONGEST_FIRST = (
    "test_search_browser.py", "test_accessibility.py", "test_incremental.py", "test_serve.py",
    "test_crash.py", "test_a11y_keyboard.py", "test_site_browser.py", "test_output_switch.py",
    "test_build_atomic.py", "test_feed_pages.py", "test_unchanged_rebuild.py", "test_feeds.py",
    "test_disk_faults.py", "test_workbook.py", "test_type_check.py", "test_site_language.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file stays whole


# --- the sample site, built once per test session ---------------------------------------------

SAMPLE_NOW = "2026-11-26T12:00:00+08:00"
# The last moment at or before SAMPLE_NOW at which the sample site changed (XC-GC-2026-021-JG
# published): what the site states as the time of its data (derive.py, change_span).
SAMPLE_CHANGED_AT = "2026-11-25T16:00:00+08:00"


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               build: Callable[[Path], None]) -> Path:
    """`build(folder)` run once for the whole test run, whichever pytest-xdist worker asks first
    (the others wait for it): a site built into the run's temporary folder, which the workers'
    own temporary folders are inside. Without workers, once for the session. Returns `folder`."""
    run_root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_root = run_root.parent
    folder, done = run_root / name, run_root / f"{name}.done"
    with open(run_root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed left
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def build_sample(root: Path) -> None:
    code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(SAMPLE_DATA),
                 "--out", str(root / "site"), "--now", SAMPLE_NOW])
    assert code == 0, "the sample site must build"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample data built with a fixed --now; tests read it and must not modify it."""
    return built_once(tmp_path_factory, "sample", build_sample) / "site"


@pytest.fixture(scope="session")
def sample_site_again(tmp_path_factory) -> Path:
    """The sample data built a second time as sample_site, afresh into another folder (with the
    caches beside it): what the tests of reproducible builds compare. Read only."""
    return built_once(tmp_path_factory, "sample-again", build_sample) / "site"


def english_config(root: Path) -> Path:
    """A copy of the project whose mkdocs.yml differs from ours in one line:
    `extra.gongshi.language: en` (the one switch of the site's language)."""
    for name in ("theme", "content"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    english, count = re.subn(r"(?m)^(    language:) zh\b", r"\1 en", config)
    assert count == 1, "mkdocs.yml sets extra.gongshi.language once"
    (root / "mkdocs.yml").write_text(english, encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="session")
def english_sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(root: Path) -> None:
        code = main(["--config", str(english_config(root)), "build", "--data", str(SAMPLE_DATA),
                     "--out", str(root / "site"), "--now", SAMPLE_NOW])
        assert code == 0, "the English sample site must build"

    return built_once(tmp_path_factory, "english-a11y", build) / "site"


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A folder served over HTTP on 127.0.0.1 (a free port); yields its base URL."""
    import functools
    import http.server
    import threading

    class QuietServer(http.server.ThreadingHTTPServer):
        daemon_threads = True

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_server(sample_site):
    """The sample site served over HTTP on 127.0.0.1 (a free port); yields its base URL."""
    with serve(sample_site) as base:
        yield base


CHROMIUM = "/usr/bin/chromium"
# How long a browser test waits for a page to show something (a search to finish, …), in ms:
# a bound against waiting for ever, not a timing (each wait ends as soon as the page shows it).
# The suite runs a browser on each worker next to other workers' builds: the 15 s the tests had
# left little margin on a loaded 2-core machine.
BROWSER_WAIT_MS = 60_000
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (installed by .ci/run; never skipped)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@contextmanager
def reloading_page(browser) -> Iterator:
    """A page that its site may reload by itself (serve's live reload). Chromium can drop a
    close that races a navigation's commit, and then `page.close()` waits for ever (playwright
    issue 42068, crbug 536385539; it hung CI for the test's 600 s). So the page leaves for
    about:blank, where nothing reloads it, and is closed there."""
    from playwright.sync_api import Error as PlaywrightError

    page = browser.new_page()
    try:
        yield page
    finally:
        for _ in range(5):
            try:
                page.goto("about:blank")
            except PlaywrightError:  # interrupted by a reload that had begun: go again
                continue
            if page.url == "about:blank":
                break
        page.close()


ARTIFACTS = REPO / "test-artifacts"
