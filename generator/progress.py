"""How long work says where it is: a reporter handed down to the stages, which count their
units (files validated, pages rendered or filled from frames, shards indexed, files written)
and never print.

A stage calls `progress.stage(name, total)` and gets a handle to `advance(n)` and, once the
stage has finished, `done()`; `tracked` does that around an iterable. The command line chooses
what a reporter shows (generator/progress_display.py: a progress display on a terminal, one
plain line per stage elsewhere); everyone else, library callers and tests included, gets
`SILENT` unless they pass one.

Stage names are the keys of their words in the catalogue (`STAGES`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from typing import Protocol, TypeVar

# Every stage, in the order a build runs them: what each counts is said in words/commands.py.
STAGES = ("validated", "pages", "rendered", "filled", "indexed", "written")

Item = TypeVar("Item")


class StageProgress(Protocol):
    def advance(self, count: int = 1) -> None:
        """`count` more units of the stage are done."""

    def done(self) -> None:
        """The stage has finished (it is not called when the stage failed)."""


class Progress(Protocol):
    def stage(self, name: str, total: int | None) -> StageProgress:
        """A stage starts: `name` one of STAGES, `total` its units when known in advance."""


class _SilentStage:
    def advance(self, count: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


class Silent:
    """Reports nothing: what a build or a validation gets unless its caller asks otherwise."""

    def stage(self, name: str, total: int | None) -> StageProgress:
        return _SilentStage()


SILENT: Progress = Silent()


def tracked(progress: Progress, name: str, items: Iterable[Item],
            total: int | None = None) -> Iterator[Item]:
    """`items`, each counted as one unit of stage `name` as it is taken; the stage is done when
    they are all taken. `total`: how many there are, if known (else the length of `items`
    when it has one)."""
    if total is None and isinstance(items, Sized):
        total = len(items)
    stage = progress.stage(name, total)
    for item in items:
        yield item
        stage.advance()
    stage.done()
