"""Read YAML into plain values while remembering where every value stood.

We compose documents from PyYAML's event stream ourselves instead of using a loader, so that:
- aliases are refused before anything is expanded (no alias bombs), and anchors, tags,
  merge keys, duplicate keys and several documents are refused with their position;
- scalars resolve by YAML 1.2's core schema (`no`/`on` stay text, dates stay text for the
  models to parse), numbers keep their source text (a phone number 07122345678 keeps its 0);
- every value's 1-based line and column is kept, keyed by its path in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .datafiles import Refusal, read_file
from .errors import Problem, Rule, Severity
from .words import FILE_PROBLEMS, FieldName, Message, shown
from .yamlsyntax import describe

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
# Values (texts, numbers, lists, mappings) in one notice file. A real notice has a few hundred
# even with every list at its limit; without a bound, 1 MiB of "a: 1" lines is 100,000 values
# and as many problems, and costs over 100 MiB to read and check.
MAX_VALUES = 5000
NOTICE_DEPTH = 4  # the deepest a notice goes: sanctions → list → sanction → its fields

try:  # the C parser is much faster and reports the same marks
    _PARSER: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _PARSER = yaml.SafeLoader

Key = tuple[str | int, ...]


class YamlInt(int):
    """An integer that remembers how it was written."""

    source: str

    def __new__(cls, source: str) -> YamlInt:
        value = super().__new__(cls, int(source.replace("_", ""), 10))
        value.source = source
        return value

    def __reduce__(self) -> tuple[type[YamlInt], tuple[str]]:
        return YamlInt, (self.source,)


class YamlDecimal(Decimal):
    """A decimal number that remembers how it was written (floats never enter the data)."""

    source: str

    def __new__(cls, source: str) -> YamlDecimal:
        value = super().__new__(cls, source)
        value.source = source
        return value

    def __reduce__(self) -> tuple[type[YamlDecimal], tuple[str]]:
        return YamlDecimal, (self.source,)


class Position(NamedTuple):  # a tuple: one is made for every value of every file
    line: int
    column: int


@dataclass
class Positions:
    """Where each value (and each mapping key) of one document stands."""

    values: dict[Key, Position] = field(default_factory=dict)
    keys: dict[Key, Position] = field(default_factory=dict)

    def of_value(self, key: Key) -> Position:
        """The position of the value at `key`, or of its nearest enclosing value."""
        while key not in self.values and key:
            key = key[:-1]
        return self.values.get(key, Position(1, 1))

    def of_key(self, key: Key) -> Position:
        return self.keys.get(key) or self.of_value(key)


@dataclass
class YamlDocument:
    path: Path
    shown_path: str
    data: Any
    positions: Positions


class YamlFileError(Exception):
    """A file that is not readable YAML, or not one we accept: where, why, and the rule."""

    def __init__(self, line: int | None, column: int | None, message: Message, rule: Rule) -> None:
        super().__init__(message.in_language("en"))
        self.line = line
        self.column = column
        self.message = message
        self.rule = rule


# YAML 1.2 core schema, plain scalars only.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9][0-9_]*$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$")


_MAY_BE_TYPED = frozenset("0123456789+-.~nNtTfF")


def _resolve_plain(text: str) -> Any:
    if text and text[0] not in _MAY_BE_TYPED:  # most values are Chinese text: skip the patterns
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        try:
            return YamlInt(text)
        except ValueError:  # more digits than Python converts to int: still a number
            return YamlDecimal(text.replace("_", ""))
    if _FLOAT.match(text):
        return YamlDecimal(text.replace("_", ""))
    return text


def _resolve_scalar(event: Any) -> Any:
    try:
        return _resolve_plain(event.value)
    except ArithmeticError:  # e.g. 1e99999999999999999999999999: beyond any decimal
        line, column = _mark(event)
        raise YamlFileError(
            line, column, FILE_PROBLEMS.message("number_range", value=shown(event.value)),
            Rule.YAML_NUMBER,
        ) from None


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _refuse_node_features(event: Any) -> None:
    line, column = _mark(event)
    if getattr(event, "anchor", None):
        raise YamlFileError(
            line, column, FILE_PROBLEMS.message("anchor", name=shown(event.anchor)), Rule.YAML_ANCHOR,
        )
    if getattr(event, "tag", None) and event.tag != "!":
        raise YamlFileError(
            line, column, FILE_PROBLEMS.message("tag", tag=shown(_short_tag(event.tag))), Rule.YAML_TAG,
        )


_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_END_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Composer:
    """Builds plain values from events without recursion, recording positions.

    One loop over every event of every notice file: written for speed (dispatch on the
    event's exact type, positions as tuples), the checks in the order they apply."""

    def __init__(self, max_values: int | None) -> None:
        self.positions = Positions()
        self.max_values = max_values

    def compose(self, events: Any) -> Any:
        values = self.positions.values
        keys = self.positions.keys
        # Each frame: [container, path, pending_key or None]
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        scalar = yaml.ScalarEvent
        for event in events:
            kind = type(event)
            if kind in _END_EVENTS:
                stack.pop()
                continue
            if kind not in _NODE_EVENTS:
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        line, column = _mark(event)
                        raise YamlFileError(
                            line, column, FILE_PROBLEMS.message("several_documents"),
                            Rule.YAML_MULTIPLE_DOCUMENTS,
                        )
                elif kind is yaml.AliasEvent:
                    line, column = _mark(event)
                    raise YamlFileError(
                        line, column, FILE_PROBLEMS.message("alias", name=shown(event.anchor)),
                        Rule.YAML_ALIAS,
                    )
                continue
            if event.anchor or (event.tag and event.tag != "!"):
                _refuse_node_features(event)
            if len(stack) >= MAX_DEPTH:
                line, column = _mark(event)
                raise YamlFileError(line, column, _too_deep(), Rule.YAML_DEPTH)
            mark = event.start_mark
            where = Position(mark.line + 1, mark.column + 1)
            if self.max_values is not None and len(values) >= self.max_values:
                raise YamlFileError(
                    where.line, where.column,
                    FILE_PROBLEMS.message("too_many_values", limit=self.max_values), Rule.YAML_VALUES,
                )
            if not stack:
                root = value = _new_value(event)
                path: Key = ()
            else:
                frame = stack[-1]
                container = frame[0]
                if type(container) is list:
                    path = (*frame[1], len(container))
                    value = _new_value(event)
                    container.append(value)
                elif frame[2] is None:  # this event is a key
                    _take_key(frame, event, where, keys, kind is scalar)
                    continue
                else:
                    key = frame[2]
                    frame[2] = None
                    path = (*frame[1], key)
                    value = _new_value(event)
                    container[key] = value
            values[path] = where
            if kind is not scalar:
                stack.append([value, path, None])
        return root


def _too_deep() -> Message:
    return FILE_PROBLEMS.message("depth", limit=MAX_DEPTH, needed=NOTICE_DEPTH)


def _new_value(event: Any) -> Any:
    kind = type(event)
    if kind is yaml.ScalarEvent:
        plain = event.style in (None, "") and (event.implicit[0] if event.implicit else True)
        return _resolve_scalar(event) if plain else event.value
    return {} if kind is yaml.MappingStartEvent else []


def _take_key(
    frame: list[Any], event: Any, where: Position, keys: dict[Key, Position], is_scalar: bool
) -> None:
    line, column = where
    if not is_scalar:
        raise YamlFileError(line, column, FILE_PROBLEMS.message("key_not_plain"), Rule.YAML_KEY)
    key = event.value
    if key == "<<" and event.style in (None, ""):
        raise YamlFileError(line, column, FILE_PROBLEMS.message("merge_key"), Rule.YAML_MERGE_KEY)
    if key in frame[0]:
        first = keys[(*frame[1], key)]
        message = FILE_PROBLEMS.message("duplicate_key", field=_field_at((*frame[1], key)), first=first.line)
        raise YamlFileError(line, column, message, Rule.YAML_DUPLICATE_KEY)
    frame[2] = key
    keys[(*frame[1], key)] = where


def _field_at(key: Key) -> FieldName:
    """The field at `key` as a message names it: its label and path without list positions
    (candidates.name for every candidate's name)."""
    path = ".".join(shown(part) for part in key if isinstance(part, str))
    return FieldName(path, path)


_ROOT = object()


def parse_yaml(text: str, max_values: int | None = MAX_VALUES) -> tuple[Any, Positions]:
    """Parse YAML text into plain values and their positions; raises YamlFileError. A notice
    holds at most `max_values` values (None: no limit, for regions.yaml)."""
    composer = _Composer(max_values)
    try:
        data = composer.compose(yaml.parse(text, Loader=_PARSER))
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):  # newer libyaml stops deep nesting itself
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
            raise YamlFileError(line, column, _too_deep(), Rule.YAML_DEPTH) from None
        said = describe(exc.problem or "", exc.context or "", exc.problem_mark, exc.context_mark, text)
        raise YamlFileError(said.line, said.column, said.message, Rule.YAML_SYNTAX) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text) from None
    except yaml.YAMLError:
        raise YamlFileError(None, None, FILE_PROBLEMS.message("syntax_unreadable"), Rule.YAML_SYNTAX) from None
    return data, composer.positions


def _reader_error(exc: yaml.reader.ReaderError, text: str) -> YamlFileError:
    """A character YAML does not allow (control characters): say which and where it is."""
    character = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    index = text.find(character) if character else -1
    if index < 0:
        return YamlFileError(None, None, FILE_PROBLEMS.message("syntax_unreadable"), Rule.YAML_SYNTAX)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return YamlFileError(
        line, column, FILE_PROBLEMS.message("syntax_control", code=f"{ord(character):04X}"), Rule.YAML_SYNTAX,
    )


def decode_text(raw: bytes) -> str:
    """UTF-8 text without a byte-order mark; raises YamlFileError naming the first bad byte."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        binary = FILE_PROBLEMS.message("binary", attachments=FieldName("attachments", "attachments"))
        raise YamlFileError(line, None, binary, Rule.FILE_BINARY)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        key = "encoding_gbk" if _reads_as_gb18030(raw) else "encoding_other"
        message = FILE_PROBLEMS.message(key, byte=f"{raw[exc.start]:02x}")
        raise YamlFileError(line, column, message, Rule.FILE_ENCODING) from None
    return text.removeprefix("\ufeff")


def _reads_as_gb18030(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file small enough to be a notice; raises YamlFileError."""
    refusal = read_file(path, MAX_FILE_BYTES)
    if not isinstance(refusal, Refusal):
        return refusal  # the file's bytes
    raise YamlFileError(None, None, refusal.message(), refusal.rule)


def read_yaml(path: Path, shown_path: str, max_values: int | None = MAX_VALUES) -> YamlDocument:
    """Read one YAML file; raises YamlFileError for anything that is not readable YAML."""
    data, positions = parse_yaml(decode_text(read_bytes(path)), max_values)
    return YamlDocument(path, shown_path, data, positions)


def positions_of(path: Path) -> Positions:
    """Where the values of a file stand, read again (none if it no longer reads)."""
    try:
        return read_yaml(path, "").positions
    except YamlFileError:
        return Positions()


def problem_from(error: YamlFileError, shown_path: str) -> Problem:
    return Problem(shown_path, error.line, error.column, Severity.ERROR, error.rule, error.message)
