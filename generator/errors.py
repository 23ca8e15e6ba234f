"""Problems found in the data and the small exception tree the CLI turns into exit codes.

Nothing below the CLI prints or exits: stages return problems or raise one of these,
and `cli.main` catches them, prints one line each and sets the exit status.
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from enum import StrEnum, unique

from .words import COMMANDS, Message
from .words.commands import as_said


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@unique  # two names for one id would hide a rename
class Rule(StrEnum):
    """Every rule id a problem can carry, as editors and CI logs see it after the message
    (`[yaml-syntax]`). The ids are a public contract: never rename one. Each is explained under
    an anchor of its own in content/guide/editor.md (错误信息一览), grouped as there;
    tests/test_content.py checks that every id is, and no other."""

    # 文件与文件夹
    DATA_LAYOUT = "data-layout"
    FILE_EXTENSION = "file-extension"
    ID_FORMAT = "id-format"
    ID_UNIQUE = "id-unique"
    FILE_ENCODING = "file-encoding"
    FILE_BINARY = "file-binary"
    FILE_SIZE = "file-size"
    FILE_READ = "file-read"
    FOLDER_READ = "folder-read"
    FILE_TYPE = "file-type"
    TOO_MANY_PROBLEMS = "too-many-problems"

    # YAML 写法
    YAML_SYNTAX = "yaml-syntax"
    YAML_DUPLICATE_KEY = "yaml-duplicate-key"
    YAML_ANCHOR = "yaml-anchor"
    YAML_ALIAS = "yaml-alias"
    YAML_MERGE_KEY = "yaml-merge-key"
    YAML_TAG = "yaml-tag"
    YAML_MULTIPLE_DOCUMENTS = "yaml-multiple-documents"
    YAML_KEY = "yaml-key"
    YAML_DEPTH = "yaml-depth"
    YAML_VALUES = "yaml-values"
    YAML_NUMBER = "yaml-number"

    # 字段与取值
    NOTICE_SHAPE = "notice-shape"
    NOTICE_TYPE = "notice-type"
    REQUIRED = "required"
    UNKNOWN_FIELD = "unknown-field"
    VALUE = "value"
    VALUE_LITERAL_ERROR = "value-literal-error"
    VALUE_TOO_SHORT = "value-too-short"
    VALUE_TOO_LONG = "value-too-long"
    VALUE_LIST_TYPE = "value-list-type"
    VALUE_MODEL_TYPE = "value-model-type"
    VALUE_DICT_TYPE = "value-dict-type"
    VALUE_MODEL_ATTRIBUTES_TYPE = "value-model-attributes-type"
    VALUE_INT_TYPE = "value-int-type"
    VALUE_INT_PARSING = "value-int-parsing"
    VALUE_INT_FROM_FLOAT = "value-int-from-float"
    VALUE_GREATER_THAN_EQUAL = "value-greater-than-equal"
    VALUE_STRING_TYPE = "value-string-type"

    # 字段之间
    DEADLINE_ORDER = "deadline-order"
    OPENING_ORDER = "opening-order"
    PUBLICITY_ORDER = "publicity-order"
    DECIDED_ORDER = "decided-order"
    WITHDRAWN_DATE = "withdrawn-date"
    CONTACT_EMPTY = "contact-empty"
    ATTACHMENT_TARGET = "attachment-target"
    ATTACHMENT_FILE = "attachment-file"
    ATTACHMENT_DECLARED = "attachment-declared"
    ATTACHMENT_TOO_LARGE = "attachment-too-large"
    ATTACHMENT_MISMATCH = "attachment-mismatch"  # build --check-remote
    ATTACHMENT_DOWNLOAD = "attachment-download"  # build --check-remote
    CHANGES_EMPTY = "changes-empty"
    CANDIDATES_RANKS = "candidates-ranks"
    SUBJECT_USCC = "subject-uscc"
    SANCTION_AMOUNT = "sanction-amount"
    SANCTION_UNTIL = "sanction-until"

    # 公告之间
    AMENDS_UNKNOWN = "amends-unknown"
    AMENDS_TYPE = "amends-type"
    AMENDS_PROJECT = "amends-project"
    AMENDS_BROKEN = "amends-broken"
    PROJECT_TENDER = "project-tender"
    PUBLISHED_ORDER = "published-order"
    REGION_UNKNOWN = "region-unknown"

    # 地区表
    REGION_UNIQUE = "region-unique"
    REGION_PARENT = "region-parent"
    REGION_CYCLE = "region-cycle"

    # 个人信息
    PERSONAL_DATA = "personal-data"

    # 法定期限（警告）
    PERIOD_TENDER = "period-tender"
    PERIOD_AMENDMENT = "period-amendment"
    PERIOD_CANDIDATES = "period-candidates"

    # 按地区审核（警告）
    CODEOWNERS_OUTDATED = "codeowners-outdated"

    # 导入（gongshi import）
    IMPORT_SOURCE = "import-source"
    IMPORT_EXISTS = "import-exists"
    # 公示日志
    LEDGER_MISSING = "ledger-missing"
    LEDGER_DECLARATION = "ledger-declaration"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column when known."""

    path: str
    line: int | None
    column: int | None
    severity: Severity
    rule: Rule
    message: Message  # a sentence of the catalogue (generator/words/), said when shown

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

    def text(self, language: str) -> str:
        """The message in `language` (zh or en)."""
        return self.message.in_language(language)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.column or 0, self.text("en"))

    def as_text(self, language: str) -> str:
        """One line, as a compiler says it, in `language` (错误/error); the rule id is the
        same in every language."""
        severity = COMMANDS.words(language)[f"severity_{self.severity}"]
        return f"{self.location()}: {severity}: {self.text(language)} [{self.rule}]"

    def as_dict(self, language: str) -> dict[str, object]:
        """For `--format json`: the message in the site's language and, for tools, in English."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "rule": str(self.rule),
            "message": self.text(language),
            "message_en": self.text("en"),
        }


class GongshiError(Exception):
    """Base of every failure a user can cause; `exit_code` is what the CLI exits with, and
    `text(language)` the one line it prints."""

    exit_code = 1

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.in_language("en"))

    def text(self, language: str) -> str:
        return self.message.in_language(language)


class UsageError(GongshiError):
    """The command line itself is wrong: a missing folder, a bad option value."""

    exit_code = 2


class InvalidData(GongshiError):
    """Validation found errors (or warnings under --strict); nothing was written."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = sum(1 for p in problems if p.is_error)
        super().__init__(COMMANDS.message("invalid_data", errors=errors))


class VerifyFailed(GongshiError):
    """`gongshi verify` found a discrepancy in a site's publication log: the first one."""

    exit_code = 1


class BuildFailed(GongshiError):
    """A build stage after validation failed (site engine, search index, output swap)."""

    exit_code = 1


def describe_os_error(exc: OSError) -> Message:
    """One line for a failure of the machine rather than of the data: what and where."""
    if isinstance(exc, shutil.Error):  # copytree collects (source, target, reason text) triples
        return _describe_copy_error(exc.args[0])
    where = exc.filename2 or exc.filename  # a copy names its target second
    if where is None and exc.errno is None:  # raised without the system's words
        return COMMANDS.message("os_other_nowhere", reason=as_said(exc))
    shown = str(where) if where is not None else "?"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return COMMANDS.message("os_no_space", where=shown)
    if exc.errno == errno.EROFS:
        return COMMANDS.message("os_read_only", where=shown)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return COMMANDS.message("os_permission", where=shown)
    reason = as_said(exc.strerror or exc)
    if where is None:
        return COMMANDS.message("os_other_nowhere", reason=reason)
    return COMMANDS.message("os_other", where=shown, reason=reason)


def _describe_copy_error(failures: list[tuple[str, str, str]]) -> Message:
    _, target, reason = failures[0]
    for number in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
        if os.strerror(number) in str(reason):
            return describe_os_error(OSError(number, os.strerror(number), target))
    return COMMANDS.message("os_copy", target=target, reason=as_said(reason))
