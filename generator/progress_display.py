"""What the command line shows of long work (generator/progress.py's reporters), on stderr:

- on a terminal, a progress display drawn by rich: a bar per stage with its count, rate,
  time spent and time left (when the stage's total is known in advance);
- elsewhere (CI, a pipe, a log file), one plain line per stage when it ends: its count, time
  and rate, without colours or carriage returns;
- nothing with `--format json`, in `serve` (its builds run apart; it says what it did itself)
  and for library callers.

By default (`auto`) progress is shown only for a large run, one whose data folder holds at
least LARGE_RUN notice files (the first stage, `validated`, tells): a smaller build is over in
a few seconds. GONGSHI_PROGRESS=terminal|plain|off chooses a display for every run instead.

Only generator/cli.py chooses a reporter; the stages never import this module."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from .errors import UsageError
from .progress import SILENT, Progress, StageProgress
from .words import COMMANDS, Series

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import ProgressColumn, Task, TaskID
    from rich.text import Text

LARGE_RUN = 1000  # notice files: a clean build of them takes a few seconds (4 ms each)
MODES = ("auto", "terminal", "plain", "off")
ENVIRONMENT = "GONGSHI_PROGRESS"
REFRESH_SECONDS = 0.1  # the terminal's display is redrawn at most this often

Timer = Callable[[], float]


def stage_words(name: str, language: str) -> str:
    return COMMANDS.message(f"progress_{name}").in_language(language)


# --- one plain line per stage ----------------------------------------------------------------


class _PlainStage:
    def __init__(self, display: PlainProgress, name: str) -> None:
        self.display = display
        self.name = name
        self.count = 0
        self.started = display.timer()

    def advance(self, count: int = 1) -> None:
        self.count += count

    def done(self) -> None:
        self.display.said(self.name, self.count, self.display.timer() - self.started)


class PlainProgress:
    """A line per stage, written when the stage ends: `已检查的公告文件：1200 个，用时 2.4 秒
    （每秒 500 个）`, in English `notice files validated: 1200 in 2.4 s (500/s)`."""

    def __init__(self, stream: TextIO, language: str, timer: Timer = time.perf_counter) -> None:
        self.stream = stream
        self.language = language
        self.timer = timer

    def stage(self, name: str, total: int | None) -> StageProgress:
        return _PlainStage(self, name)

    def said(self, name: str, count: int, seconds: float) -> None:
        rate = round(count / seconds) if seconds > 0 else count
        line = COMMANDS.message("progress_line", stage=stage_words(name, self.language),
                                count=count, seconds=f"{seconds:.1f}", rate=rate)
        print(line.in_language(self.language), file=self.stream, flush=True)

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        pass


# --- a progress display on a terminal ----------------------------------------------------------


class _TerminalStage:
    def __init__(self, display: TerminalProgress, task: TaskID) -> None:
        self.display = display
        self.task = task

    def advance(self, count: int = 1) -> None:
        self.display.bars.advance(self.task, count)
        self.display.refresh()

    def done(self) -> None:
        bars = self.display.bars
        finished = next(task.completed for task in bars.tasks if task.id == self.task)
        # a stage with no total in advance ends as a full bar
        bars.update(self.task, total=finished, completed=finished)
        bars.stop_task(self.task)
        self.display.refresh(now=True)


class TerminalProgress:
    """rich's progress display, one bar per stage, on `console`. It draws when a stage moves
    (at most every REFRESH_SECONDS), never from a thread of its own: a build forks its
    search index, and a process with threads should not fork."""

    def __init__(self, console: Console, language: str, timer: Timer = time.monotonic) -> None:
        from rich import progress as rich

        self.language = language
        self.timer = timer
        self.drawn = 0.0
        self.started = False  # drawn from the first stage on: a run that shows none draws nothing
        self.bars: RichProgress = rich.Progress(
            rich.TextColumn("{task.description}"), rich.BarColumn(), rich.MofNCompleteColumn(),
            _rate_column(language), rich.TimeElapsedColumn(), rich.TimeRemainingColumn(),
            console=console, auto_refresh=False)

    def stage(self, name: str, total: int | None) -> StageProgress:
        if not self.started:
            self.started = True
            self.bars.start()
        task = self.bars.add_task(stage_words(name, self.language), total=total)
        self.refresh(now=True)
        return _TerminalStage(self, task)

    def refresh(self, *, now: bool = False) -> None:
        moment = self.timer()
        if now or moment - self.drawn >= REFRESH_SECONDS:
            self.drawn = moment
            self.bars.refresh()

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.started:
            self.bars.stop()  # what was drawn stays; the cursor goes below it


def _rate_column(language: str) -> ProgressColumn:
    from rich import progress as rich
    from rich import text

    class RateColumn(rich.ProgressColumn):
        """Units per second, in the language of the messages."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            if speed is None:
                return text.Text("")
            return text.Text(COMMANDS.message("progress_rate", rate=round(speed)).in_language(language))

    return RateColumn()


# --- large runs only -------------------------------------------------------------------------------


class LargeRunsOnly:
    """`shown` for a run whose first stage has at least `smallest` units, else nothing."""

    def __init__(self, shown: Progress, smallest: int = LARGE_RUN) -> None:
        self.shown = shown
        self.smallest = smallest
        self.chosen: Progress | None = None  # decided by the first stage

    def stage(self, name: str, total: int | None) -> StageProgress:
        if self.chosen is None:
            large = total is not None and total >= self.smallest
            self.chosen = self.shown if large else SILENT
        return self.chosen.stage(name, total)


# --- choosing ----------------------------------------------------------------------------------------


class Shown(AbstractContextManager["Progress"]):
    """A reporter and what shows it: entered around the command's work, left before the command
    prints its own lines."""

    def __init__(self, progress: Progress, display: AbstractContextManager[object]) -> None:
        self.progress = progress
        self.display = display

    def __enter__(self) -> Progress:
        self.display.__enter__()
        return self.progress

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.display.__exit__(kind, error, trace)


def progress_mode(environment: Mapping[str, str]) -> str:
    mode = environment.get(ENVIRONMENT, "").strip().lower() or "auto"
    if mode not in MODES:
        choices = Series.of([COMMANDS.message("choice", code=code) for code in MODES])
        raise UsageError(COMMANDS.message("progress_setting", choices=choices,
                                          value=environment[ENVIRONMENT]))
    return mode


def on_terminal(stdout: TextIO, stderr: TextIO, environment: Mapping[str, str]) -> bool:
    """A person watches: both outputs are a terminal, no CI, a terminal that draws."""
    if environment.get("CI", "").lower() not in ("", "0", "false") or environment.get("TERM") == "dumb":
        return False
    return _is_terminal(stdout) and _is_terminal(stderr)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False


def choose_progress(language: str, *, stdout: TextIO, stderr: TextIO,
                    environment: Mapping[str, str] = os.environ, quiet: bool = False) -> Shown:
    """The reporter of one command, drawn on `stderr`. `quiet`: the output must stay as it
    is (`--format json`), so nothing is shown whatever GONGSHI_PROGRESS says."""
    mode = progress_mode(environment)
    if quiet or mode == "off":
        return Shown(SILENT, nullcontext())
    if mode == "auto":
        mode = "terminal" if on_terminal(stdout, stderr, environment) else "plain"
        return _shown(mode, language, stderr, large_only=True)
    return _shown(mode, language, stderr, large_only=False)


def _shown(mode: str, language: str, stderr: TextIO, *, large_only: bool) -> Shown:
    display: PlainProgress | TerminalProgress
    if mode == "terminal":
        from rich.console import Console

        display = TerminalProgress(Console(file=stderr, force_terminal=True), language)
    else:
        display = PlainProgress(stderr, language)
    return Shown(LargeRunsOnly(display) if large_only else display, display)
