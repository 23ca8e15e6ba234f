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
