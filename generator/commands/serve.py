"""`gongshi serve`: build into a private folder, serve it on 127.0.0.1, rebuild on change.

The pieces are plain objects so tests can drive them without a browser or long sleeps:

- `SiteState` holds what the server shows: the last good site, why the latest build failed
  (if it did), its warnings, and a version number that changes with every build.
- `rebuild()` builds once into a fresh folder and updates the state; a broken file never
  stops the server, the last good site stays up with the errors shown over it. Each build runs
  in a process of its own (`build_apart`), never in the server's threaded process.
- `Changes` collects file events and hands them over once a burst is over (debounce).
- `make_handler()` is the HTTP handler: static files, plus a banner, an error overlay and a
  tiny reload script injected into every HTML page, and `/__gongshi__/version` to poll. It
  answers only requests addressed to 127.0.0.1 or localhost on its port (`is_own_address`).

Preview marks: every page carries a 预览 banner (this is not the public site). Drafts, notices
whose `published` is still ahead, are shown too (`build(drafts_after=…)`; a real build never
shows them): marked 未发布（将于 … 公开） at the top of their page and 未发布 next to every link to
them, and saving one prints a line saying when it becomes public. A draft is a notice
published after the site's "now" or, with `--now` later than the clock, after the clock: what
the real site does not show today.

Serve shows no progress of its builds (generator/progress_display.py): each runs in a process
of its own, usually a small rebuild, and its lines `changed` and `built` already say what
happened and how long it took.

Everything serve prints and shows is in the language of the messages (`--lang`, else the
site's), from words/editing.py.
"""

from __future__ import annotations

import errno
import html
import http.server
import json
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from ..config import Settings
from ..errors import GongshiError, InvalidData, UsageError
from ..words import Message, Series
from ..words.editing import EDITING
from .build import build
from .validate import require_data_dir

HOST = "127.0.0.1"
OWN_NAMES = (HOST, "localhost")  # the Host header names serve answers to (with its port)
VERSION_PATH = "/__gongshi__/version"
WATCHED = ("content", "theme")  # beside the configuration file; the data folder is watched too
QUIET_SECONDS = 0.3  # a burst of file events ends after this long without one
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload")

Log = Callable[[str], None]
Clock = Callable[[], datetime]
SHOWN_TIME = "%Y-%m-%d %H:%M"  # how serve shows a moment, in the site's time zone


# --- what the server shows ----------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    version: int = 0
    site_dir: Path | None = None  # the last good site; None until a build succeeds
    problems: tuple[str, ...] = ()  # why the latest build failed; empty when it succeeded
    warnings: tuple[str, ...] = ()
    now: datetime | None = None  # "now" of the site shown
    fixed_now: bool = False  # True when --now was given
    drafts: dict[str, str] = field(default_factory=dict)  # draft's id → when it goes public, shown
    language: str = "zh"  # of what serve shows over the pages

    @property
    def ok(self) -> bool:
        return not self.problems

    def say(self, message: Message) -> str:
        return message.in_language(self.language)


class SiteState:
    """Thread-safe holder of the current Snapshot; builds replace it, requests read it."""

    def __init__(self, language: str = "zh") -> None:
        self._lock = threading.Lock()
        self._snapshot = Snapshot(language=language)

    def snapshot(self) -> Snapshot:
        with self._lock:
            return self._snapshot

    def succeeded(
        self, site_dir: Path, warnings: list[str], now: datetime, fixed_now: bool,
        drafts: dict[str, str],
    ) -> None:
        """Show `site_dir` (the build's output link: it switches to each new site by itself)."""
        with self._lock:
            old = self._snapshot
            self._snapshot = Snapshot(old.version + 1, site_dir, (), tuple(warnings), now, fixed_now,
                                      drafts, old.language)

    def failed(self, problems: list[str]) -> None:
        """Keep the last good site, with the problems shown over it."""
        with self._lock:
            old = self._snapshot
            self._snapshot = replace(old, version=old.version + 1, problems=tuple(problems))


# --- building -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServeConfig:
    data_dir: Path
    config_file: Path
    settings: Settings  # with site_url pointing at the local server
    now: datetime | None  # --now; None: the clock at each build
    clock: Clock
    log: Log
    root: Path  # private folder the sites are built into
    language: str = "zh"  # of the messages

    def say(self, message: Message) -> None:
        self.log(message.in_language(self.language))


@dataclass(frozen=True)
class BuildJob:
    """One rebuild, as the process that runs it receives it (pickled)."""

    data_dir: Path
    out: Path
    settings: Settings
    config_file: Path
    now: datetime
    real_now: datetime | None  # with --now: the clock, which tells what the real site shows today
    language: str = "zh"  # of the messages

    @property
    def drafts_after(self) -> datetime:
        """Notices published after this are not public today, or not as of --now: drafts."""
        return self.now if self.real_now is None else min(self.now, self.real_now)


@dataclass(frozen=True)
class BuildOutcome:
    problems: tuple[str, ...] = ()  # why the build failed, shown over the page; empty when it succeeded
    terminal: tuple[str, ...] = ()  # the same for the terminal
    warnings: tuple[str, ...] = ()
    notices: int = 0  # drafts included
    seconds: float = 0.0
    drafts: dict[str, str] = field(default_factory=dict)  # id → when it goes public, as shown

    @property
    def ok(self) -> bool:
        return not self.problems


def build_once(job: BuildJob) -> BuildOutcome:
    """Build `job` in this process; a broken file or a defect is an outcome, never an exception."""
    try:
        report = build(job.data_dir, job.out, job.settings, now=job.now, config_file=job.config_file,
                       drafts_after=job.drafts_after)
    except InvalidData as exc:
        lines = tuple(p.as_text(job.language) for p in exc.problems)
        return BuildOutcome(problems=lines, terminal=(*lines, exc.text(job.language)))
    except GongshiError as exc:
        return _failure(exc.text(job.language))
    except Exception as exc:  # a defect, not the editor's: keep serving, say what broke
        error = f"{type(exc).__name__}: {exc}"
        return _failure(EDITING.message("internal_error", error=error).in_language(job.language))
    drafts = {notice: moment.astimezone(job.settings.tz).strftime(SHOWN_TIME)
              for notice, moment in report.drafts.items()}
    return BuildOutcome(warnings=tuple(p.as_text(job.language) for p in report.warnings),
                        notices=report.notices, seconds=report.seconds, drafts=drafts)


def _failure(message: str) -> BuildOutcome:
    return BuildOutcome(problems=(message,), terminal=(message,))


# Each rebuild runs in a process of its own, forked from a forkserver: a process that has only
# ever had one thread. serve's own process has the HTTP and file-watching threads, and the build
# forks the search index process (search.BackgroundIndex): forked from serve, that process
# would inherit copies of locks other threads held at that moment, held for ever. A process
# apart also lets serve end a rebuild at once (Ctrl-C) with everything it started, and a rebuild
# that crashes cannot take serve down. The forkserver imports the build machinery once.
REBUILD_PRELOAD = ["generator.commands.serve", "generator.engine", "mkdocs.commands.build",
                   "mkdocs.config"]
GRACE_SECONDS = 10.0  # a stopped rebuild's time to remove what it wrote before it is killed
POLL_SECONDS = 0.2  # how often a wait for a rebuild looks at the stop flag

Work = Callable[[BuildJob], BuildOutcome]


def build_apart(job: BuildJob, stop: threading.Event, work: Work = build_once, *,
                grace: float = GRACE_SECONDS) -> BuildOutcome | None:
    """`work(job)` in a process of its own; None when `stop` is set (or Ctrl-C) before it ends,
    and then that process and everything it started (index process, Pagefind) are ended: asked
    to stop, and killed if they have not within `grace` seconds."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(REBUILD_PRELOAD)
    receiver, sender = context.Pipe(duplex=False)
    # Not a daemon: it starts the index process. build_apart always ends it before returning.
    process = context.Process(target=_work_apart, args=(work, job, sender), name="gongshi-rebuild")
    finished = False
    try:
        process.start()
        sender.close()
        while not stop.is_set():
            if multiprocessing.connection.wait([receiver, process.sentinel], POLL_SECONDS):
                outcome = _receive(receiver, process, job.language)
                finished = True
                return outcome
        return None
    finally:
        sender.close()
        receiver.close()
        _end(process, finished, grace)


def _receive(receiver: Any, process: Any, language: str) -> BuildOutcome:
    try:
        outcome: BuildOutcome = receiver.recv()
    except (EOFError, OSError):  # it ended without an outcome
        process.join(GRACE_SECONDS)
        ended = EDITING.message("process_ended", status=str(process.exitcode))
        return _failure(ended.in_language(language))
    return outcome


def _work_apart(work: Work, job: BuildJob, sender: Any) -> None:
    """The rebuild's process: a group of its own, so that serve can end it with all it started."""
    os.setpgrp()
    signal.signal(signal.SIGTERM, _unwind)
    outcome = work(job)
    sender.send(outcome)
    sender.close()


def _unwind(signum: int, frame: Any) -> None:
    raise SystemExit(1)  # the build's own clean-up runs: temporary folders, the index process


def _end(process: Any, finished: bool, grace: float) -> None:
    """Join a rebuild's process; one that did not finish is asked to stop (with its group), and
    killed with it if it has not within `grace` seconds."""
    if process.pid is None:
        return  # never started
    if not finished:
        _signal_group(process, signal.SIGTERM)
        process.join(grace)
        _signal_group(process, signal.SIGKILL)  # whatever of the group is left, such as a stuck child
    process.join(grace)
    if process.is_alive():  # it sent its outcome but does not end
        _signal_group(process, signal.SIGKILL)
        process.join(grace)


def _signal_group(process: Any, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:  # the group is gone, or not made yet: the process alone, if alive
        if process.is_alive():
            with suppress(ProcessLookupError):
                os.kill(process.pid, signum)
    except PermissionError:
        pass


@dataclass
class Builder:
    """Builds into `root/site`: the build switches that link to the new site at once (and never
    writes the tree being served), so every request sees one whole site."""

    config: ServeConfig
    state: SiteState
    stop: threading.Event = field(default_factory=threading.Event)
    run: Callable[[BuildJob, threading.Event], BuildOutcome | None] = build_apart

    def rebuild(self, changed: Sequence[str] = ()) -> bool:
        """Build once; `changed`: the files saved since the last build (a draft among them is
        named in the terminal, with when it goes public)."""
        out = self.config.root / "site"  # one name, so the build's page cache beside it is reused
        now = self.config.now or self.config.clock()
        if now.tzinfo is None:
            now = now.replace(tzinfo=self.config.settings.tz)
        real_now = self.config.clock() if self.config.now is not None else None
        job = BuildJob(self.config.data_dir, out, self.config.settings, self.config.config_file, now,
                       real_now, self.config.language)
        outcome = self.run(job, self.stop)
        if outcome is None:
            return False  # stopped
        if not outcome.ok:
            self._failed(outcome)
            return False
        for line in outcome.warnings:
            self.config.log(line)
        self.state.succeeded(out, list(outcome.warnings), now, self.config.now is not None,
                             outcome.drafts)
        self.config.say(built_message(outcome))
        for notice in saved_drafts(changed, outcome.drafts):
            self.config.say(EDITING.message("draft_saved", notice=notice, when=outcome.drafts[notice]))
        return True

    def _failed(self, outcome: BuildOutcome) -> None:
        for line in outcome.terminal:
            self.config.log(line)
        kept = "build_failed_kept" if self.state.snapshot().site_dir else "build_failed_empty"
        self.config.say(EDITING.message(kept))
        self.state.failed(list(outcome.problems))


def built_message(outcome: BuildOutcome) -> Message:
    seconds = f"{outcome.seconds:.1f}"
    public = outcome.notices - len(outcome.drafts)
    if not outcome.drafts:
        return EDITING.message("built", seconds=seconds, public=public)
    return EDITING.message("built_with_drafts", seconds=seconds, public=public,
                           drafts=len(outcome.drafts))


def saved_drafts(changed: Sequence[str], drafts: dict[str, str]) -> list[str]:
    """The drafts among the files saved: a notice's id is its file's name."""
    saved = (Path(path) for path in changed)
    return list(dict.fromkeys(path.stem for path in saved
                              if path.suffix == ".yaml" and path.stem in drafts))


# --- watching -----------------------------------------------------------------------------------


class Changes:
    """File events in, one "rebuild now" out per burst: editors' saves come in bursts."""

    def __init__(self, quiet: float = QUIET_SECONDS) -> None:
        self.quiet = quiet
        self._cond = threading.Condition()
        self._paths: set[str] = set()
        self._last = 0.0

    def notify(self, path: str) -> None:
        with self._cond:
            self._paths.add(path)
            self._last = time.monotonic()
            self._cond.notify_all()

    def wait(self, stop: threading.Event, poll: float = 0.2) -> list[str] | None:
        """The changed paths once a burst has been quiet for `quiet` seconds; None when stopped."""
        with self._cond:
            while not self._paths:
                if stop.is_set():
                    return None
                self._cond.wait(poll)
            while (left := self._last + self.quiet - time.monotonic()) > 0:
                if stop.is_set():
                    return None
                self._cond.wait(left)
            paths, self._paths = sorted(self._paths), set()
            return paths


def is_relevant(path: str) -> bool:
    """Editor swap files, backups and hidden files do not trigger rebuilds."""
    name = Path(path).name
    return bool(name) and not name.startswith((".", "#")) and not name.endswith(IGNORED_SUFFIXES) \
        and name != "4913"  # vim's write test


def watched_folders(data_dir: Path, config_file: Path) -> list[Path]:
    project = config_file.resolve().parent
    folders = [data_dir.resolve(), *(project / name for name in WATCHED)]
    return [folder for folder in dict.fromkeys(folders) if folder.is_dir()]


def start_watching(folders: list[Path], changes: Changes) -> Any:
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            if event.is_directory and event.event_type == "modified":
                return  # a file inside changed: that file's own event follows
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path and is_relevant(str(path)):
                    changes.notify(str(path))

    observer = Observer()
    for folder in folders:
        observer.schedule(Handler(), str(folder), recursive=True)
    observer.start()
    return observer


# --- serving ------------------------------------------------------------------------------------


_STYLE = (
    "#gongshi-preview{position:sticky;top:0;z-index:1000;background:#fff4ce;color:#5c3c00;"
    "border-bottom:2px solid #e0a800;padding:.45em 1em;font:14px/1.5 system-ui,sans-serif}"
    "#gongshi-preview strong{background:#c62828;color:#fff;padding:0 .4em;border-radius:3px;"
    "margin-right:.5em}"
    "#gongshi-preview details{margin-top:.3em}#gongshi-preview pre{white-space:pre-wrap;margin:.3em 0}"
    "#gongshi-errors{position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:1001;"
    "background:#2b0b0b;color:#ffe9e9;padding:1em 1.5em;font:14px/1.6 ui-monospace,monospace;"
    "box-shadow:0 -4px 16px rgba(0,0,0,.4)}"
    "#gongshi-errors h2{font:bold 16px/1.4 system-ui,sans-serif;margin:0 0 .5em;color:#fff}"
    "#gongshi-errors ol{margin:0;padding-left:1.5em}#gongshi-errors a{color:#9cd2ff}"
    "#gongshi-errors button{float:right}"
    "#gongshi-preview .gongshi-draft{margin:.3em 0 0;font-size:15px}"
    ".gongshi-preview-mark{display:inline-block;background:#c62828;color:#fff;font-size:.75em;"
    "padding:0 .35em;margin-left:.35em;border-radius:3px;vertical-align:middle}"
)

_SCRIPT = """(function(){
var version=%(version)d, drafts=%(drafts)s, label=%(label)s;
function mark(){var links=document.querySelectorAll('a[href]');
for(var i=0;i<links.length;i++){var m=links[i].getAttribute('href').match(/notices\\/([^\\/?#]+)\\/?(?:[?#].*)?$/);
if(m&&drafts.indexOf(m[1])>=0&&!links[i].querySelector('.gongshi-preview-mark')){
var s=document.createElement('span');s.className='gongshi-preview-mark';s.textContent=label;links[i].appendChild(s);}}}
function poll(){fetch('%(endpoint)s',{cache:'no-store'}).then(function(r){return r.json();})
.then(function(d){if(d.version!==version){location.reload();}}).catch(function(){})
.then(function(){setTimeout(poll,800);});}
if(document.readyState==='loading'){document.addEventListener('DOMContentLoaded',mark);}else{mark();}
setTimeout(poll,800);})();"""


def _notice_id(request_path: str) -> str | None:
    parts = [p for p in urlsplit(request_path).path.split("/") if p]
    return parts[1] if len(parts) >= 2 and parts[0] == "notices" else None


def banner_html(snap: Snapshot, request_path: str) -> str:
    """The 预览 banner: what this is, as of when; on a draft's page its mark; the warnings."""
    when = snap.now.strftime(SHOWN_TIME) if snap.now else "—"
    clock = (snap.say(EDITING.message("clock_fixed_html", when=html.escape(when))) if snap.fixed_now
             else html.escape(snap.say(EDITING.message("clock_now", when=when))))
    tag = html.escape(snap.say(EDITING.message("banner_tag")))
    parts = [f"<strong>{tag}</strong>{snap.say(EDITING.message('banner_html'))} · {clock}"]
    notice = _notice_id(request_path)
    if notice in snap.drafts:
        mark = snap.say(EDITING.message("draft_mark", when=snap.drafts[notice]))
        note = snap.say(EDITING.message("draft_note"))
        parts.append(f'<p class="gongshi-draft"><strong>{html.escape(mark)}</strong> '
                     f"{html.escape(note)}</p>")
    if snap.warnings:
        items = html.escape("\n".join(snap.warnings))
        summary = snap.say(EDITING.message("warnings_html", count=len(snap.warnings)))
        parts.append(f"<details><summary>{summary}</summary><pre>{items}</pre></details>")
    return f'<div id="gongshi-preview" role="status">{"".join(parts)}</div>'


def errors_html(snap: Snapshot, guide: str = "/guide/editor/") -> str:
    items = "".join(f"<li>{_problem_item(line, guide)}</li>" for line in snap.problems)
    close = html.escape(snap.say(EDITING.message("close")))
    heading = html.escape(snap.say(EDITING.message("errors_heading")))
    return (
        '<div id="gongshi-errors" role="alert">'
        f'<button type="button" onclick="this.parentNode.remove()">{close}</button>'
        f"<h2>{heading}</h2><ol>{items}</ol></div>"
    )


def _problem_item(line: str, guide: str) -> str:
    """`path:line:col: error: message [rule]`, the rule linked to its entry in the editor guide."""
    text = html.escape(line)
    if line.endswith("]") and " [" in line:
        rule = line[line.rindex(" [") + 2:-1]
        link = f'<a href="{guide}#{html.escape(rule)}">{html.escape(rule)}</a>'
        text = html.escape(line[: line.rindex(" [")]) + f" [{link}]"
    return text


def inject(page: str, snap: Snapshot, request_path: str) -> str:
    """The page with the preview banner, the error overlay (if any) and the reload script."""
    script = _SCRIPT % {
        "version": snap.version,
        "drafts": _script_value(sorted(snap.drafts)),
        "label": _script_value(snap.say(EDITING.message("draft_link"))),
        "endpoint": VERSION_PATH,
    }
    top = f"<style>{_STYLE}</style>{banner_html(snap, request_path)}"
    bottom = (errors_html(snap) if snap.problems else "") + f"<script>{script}</script>"
    return _after_body_start(page, top).replace("</body>", bottom + "</body>", 1) \
        if "</body>" in page else _after_body_start(page, top) + bottom


def _script_value(value: object) -> str:
    """A value as JavaScript inside a <script> element: JSON that cannot close the element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _after_body_start(page: str, text: str) -> str:
    start = page.find("<body")
    end = page.find(">", start) if start >= 0 else -1
    return page[: end + 1] + text + page[end + 1:] if end >= 0 else text + page


def error_page(snap: Snapshot) -> str:
    """Shown while no build has succeeded yet."""
    title, heading, text = (html.escape(snap.say(EDITING.message(key)))
                            for key in ("error_page_title", "error_page_heading", "error_page_text"))
    return inject(
        f'<!doctype html><html lang="{snap.language}"><head><meta charset="utf-8"><title>{title}'
        "</title></head><body><main style=\"padding:2em;font:16px/1.6 system-ui,sans-serif\">"
        f"<h1>{heading}</h1><p>{text}</p></main></body></html>",
        snap, "/",
    )


def make_handler(state: SiteState) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            self._respond(send_body=True)

        def do_HEAD(self) -> None:
            self._respond(send_body=False)

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the terminal is for build results

        def _respond(self, send_body: bool) -> None:
            port = cast(_Server, self.server).server_address[1]  # the server bind() made
            snap = state.snapshot()
            if not is_own_address(self.headers.get_all("Host") or [], port):
                self._send(403, "text/plain; charset=utf-8", refusal(port, snap.language), send_body)
                return
            url = urlsplit(self.path)
            if url.path == VERSION_PATH:
                status = {"version": snap.version, "ok": snap.ok, "problems": list(snap.problems)}
                self._send(200, "application/json", json.dumps(status, ensure_ascii=False), send_body)
                return
            if snap.site_dir is None:
                self._send(500, "text/html; charset=utf-8", error_page(snap), send_body)
                return
            self.directory = str(snap.site_dir)
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                if not url.path.endswith("/"):
                    self._redirect(url.path + "/" + (f"?{url.query}" if url.query else ""))
                    return
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                self._send_page(200, target, snap, send_body)
            elif target.is_file():
                super().do_GET() if send_body else super().do_HEAD()
            elif (snap.site_dir / "404.html").is_file():
                self._send_page(404, snap.site_dir / "404.html", snap, send_body)
            else:
                self._send(404, "text/plain; charset=utf-8", "not found", send_body)

        def _send_page(self, code: int, path: Path, snap: Snapshot, send_body: bool) -> None:
            page = path.read_text(encoding="utf-8", errors="replace")
            self._send(code, "text/html; charset=utf-8", inject(page, snap, self.path), send_body)

        def _redirect(self, location: str) -> None:
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, code: int, content_type: str, text: str, send_body: bool) -> None:
            payload = text.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if send_body:
                self.wfile.write(payload)

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client hung up first (tab closed, gave up waiting): nothing went wrong here
        super().handle_error(request, client_address)


def is_own_address(hosts: list[str], port: int) -> bool:
    """Whether a request's Host header names this server: 127.0.0.1 or localhost, on its port.

    Any other name is refused, even one that resolves here: a web page can make its own name
    resolve to 127.0.0.1 (DNS rebinding) and then read the preview, embargoed notices included;
    its requests still carry its own name. The server listens on IPv4 only, so not [::1]."""
    if len(hosts) != 1:
        return False
    names = {f"{name}:{port}" for name in OWN_NAMES}
    if port == 80:
        names |= set(OWN_NAMES)  # a browser leaves out the default port
    return hosts[0].strip().lower() in names


def refusal(port: int, language: str) -> str:
    return EDITING.message("refusal", host=HOST, port=port).in_language(language) + "\n"


def bind(port: int, state: SiteState) -> _Server:
    """The HTTP server on 127.0.0.1:port; a busy port is a usage error, not a traceback."""
    if not 0 <= port <= 65535:
        raise UsageError(EDITING.message("port_invalid", port=port))
    try:
        return _Server((HOST, port), make_handler(state))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            other = port + 1 if port < 65535 else 8000
            raise UsageError(EDITING.message("port_busy", host=HOST, port=port, other=other)) from None
        reason = exc.strerror or type(exc).__name__
        raise UsageError(EDITING.message("port_failed", host=HOST, port=port, reason=reason)) from None


# --- the command --------------------------------------------------------------------------------


def serve(
    data_dir: Path,
    settings: Settings,
    *,
    port: int,
    now: datetime | None,
    config_file: Path,
    clock: Clock,
    log: Log,
    language: str,
) -> None:
    """Serve until Ctrl-C (or SIGTERM); returns normally then. `language`: of what it prints
    and shows over the pages."""
    require_data_dir(data_dir)
    if not config_file.is_file():
        raise UsageError(EDITING.message("no_config", path=config_file.as_posix()))
    state = SiteState(language)
    server = bind(port, state)
    url = f"http://{HOST}:{server.server_address[1]}/"
    root = Path(tempfile.mkdtemp(prefix="gongshi-serve-"))
    config = ServeConfig(data_dir, config_file, settings.model_copy(update={"site_url": url}),
                         now, clock, log, root, language)
    try:
        with _stop_on_sigterm():
            _run(config, state, server, url)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        shutil.rmtree(root, ignore_errors=True)
    config.say(EDITING.message("stopped"))


def _run(config: ServeConfig, state: SiteState, server: _Server, url: str) -> None:
    stop = threading.Event()
    builder = Builder(config, state, stop)
    changes = Changes()
    folders = watched_folders(config.data_dir, config.config_file)
    observer = start_watching(folders, changes)
    thread = threading.Thread(target=server.serve_forever, name="gongshi-http", daemon=True)
    try:
        builder.rebuild()
        thread.start()
        shown = Series.of([_show(folder) for folder in folders])
        if config.now is None:
            config.say(EDITING.message("serving", url=url, folders=shown))
        else:
            config.say(EDITING.message("serving_as_of", url=url, now=config.now.isoformat(),
                                       folders=shown))
        watch_loop(builder, changes, stop)
    finally:
        stop.set()
        if thread.is_alive():
            server.shutdown()
        observer.stop()
        observer.join(timeout=5)


def watch_loop(builder: Builder, changes: Changes, stop: threading.Event) -> None:
    """Rebuild after each burst of changes until `stop` is set."""
    while (paths := changes.wait(stop)) is not None:
        builder.config.say(EDITING.message("changed", paths=changed_paths(paths)))
        builder.rebuild(paths)


def changed_paths(paths: list[str], most: int = 3) -> Message | Series:
    shown = Series.of([_show(Path(p)) for p in paths[:most]])
    return shown if len(paths) <= most else EDITING.message("changed_more", paths=shown,
                                                            total=len(paths))


def _show(path: Path) -> str:
    with suppress(ValueError):
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    return path.as_posix()


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM ends the server like Ctrl-C does: cleanly, temporary files removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
