"""The one fault-injection hook: the crash tests kill a build at named points.

`GONGSHI_KILL_AT=NAME[:N]` makes the build kill itself (SIGKILL, nothing cleaned up) the
N-th time (default the first) it passes `fault_point(NAME)`. Unset, it costs one lookup.
The points are listed in FAULT_POINTS; tests/test_crash.py kills a build at each of them.
"""

from __future__ import annotations

import os
import signal

FAULT_POINTS = (
    "validated", "engine", "exports", "indexed", "staged", "sync-file", "synced",
    "before-switch", "switched", "done",
)

_passed: dict[str, int] = {}


def fault_point(name: str) -> None:
    wanted = os.environ.get("GONGSHI_KILL_AT")
    if not wanted:
        return
    point, _, count = wanted.partition(":")
    if point != name:
        return
    _passed[name] = _passed.get(name, 0) + 1
    if _passed[name] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)
