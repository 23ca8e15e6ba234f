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
    """A span in which `kept_to_the_end` may be used; on leaving it, what was settled is given
    back to the collector, so a process that builds again (serve) collects what this build let
    go."""
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def kept_to_the_end() -> Iterator[None]:
    """A span that makes what the build keeps to its end (within `settling`): the collector
    does not run in it, and on leaving, every object alive is settled (`gc.freeze`) out of the
    collector's work until `settling` ends. Reference counting still frees them; the young
    objects made after are collected as ever.

    A build keeps its dataset, derived site and facts to its end, and each full collection
    visited all of them again for nothing: 7 collections and ~4 s of a build of one new
    notice at 10,000 notices. Settling after each span, with the collector running in it,
    still left the span's objects to the collector meanwhile: once it ran again after the
    load, its first collections visited every loaded notice (2.4 s of a one-notice build at
    50,000 notices), and a span that grows the heap step by step meets a full collection at
    every quarter it grows (1.4 s for the flags and the ledger at 50,000). A cycle made and
    dropped in the span is collected when the build ends, with what was settled."""
    with collector_paused():
        yield
        gc.freeze()
