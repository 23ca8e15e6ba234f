"""Pause the cyclic garbage collector around a stage that makes many objects and no cycles.

Loading the dataset makes millions of objects that all stay alive: each collection rescans
that growing heap for nothing (a third of the load time at 10,000 notices). Reference counting still frees everything temporary; any cycle made
meanwhile is collected once the collector runs again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def settling() -> Iterator[None]:
    """A span in which `settle()` may be called; on leaving it, what was settled is given back
    to the collector, so a process that builds again (serve) collects what this build let go."""
    try:
        yield
    finally:
        gc.unfreeze()


def settle() -> None:
    """Leave every object alive now out of the cyclic collector's work until the span of
    `settling` ends. A build keeps its dataset, derived site and facts to its end, and each
    full collection visited all of them again for nothing: 7 collections and ~4 s of a build
    of one new notice at 10,000 notices, more at every size (each visits the whole heap).
    Reference counting still frees them; the young objects made after are collected as ever."""
    gc.freeze()
