"""Problems found in the data and the small exception tree the CLI turns into exit codes.

Nothing below the CLI prints or exits: stages return problems or raise one of these,
and `cli.main` catches them, prints one line each and sets the exit status.
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column when known."""

    path: str
    line: int | None
    column: int | None
    severity: Severity
    rule: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.column or 0, self.message)

    def as_text(self) -> str:
        return f"{self.location()}: {self.severity}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "rule": self.rule,
            "message": self.message,
        }


class GongshiError(Exception):
    """Base of every failure a user can cause; `exit_code` is what the CLI exits with."""

    exit_code = 1


class UsageError(GongshiError):
    """The command line itself is wrong: a missing folder, a bad option value."""

    exit_code = 2


class InvalidData(GongshiError):
    """Validation found errors (or warnings under --strict); nothing was written."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = sum(1 for p in problems if p.is_error)
        super().__init__(f"{errors} error(s) in the data: nothing was written")


class BuildFailed(GongshiError):
    """A build stage after validation failed (site engine, search index, output swap)."""

    exit_code = 1


def describe_os_error(exc: OSError) -> str:
    """One line for a failure of the machine rather than of the data: what and where."""
    if isinstance(exc, shutil.Error):  # copytree collects (source, target, reason text) triples
        return _describe_copy_error(exc.args[0])
    where = exc.filename2 or exc.filename or "?"  # a copy names its target second
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on the device writing {where}: free some space and build again"
    if exc.errno == errno.EROFS:
        return f"{where} is on a read-only file system: choose another --out"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied: {where}"
    return f"{exc.strerror or exc}: {where}"


def _describe_copy_error(failures: list[tuple[str, str, str]]) -> str:
    _, target, reason = failures[0]
    for number in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
        if os.strerror(number) in str(reason):
            return describe_os_error(OSError(number, os.strerror(number), target))
    return f"cannot copy to {target}: {reason}"
