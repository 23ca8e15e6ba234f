"""What a YAML syntax error means to an editor.

PyYAML (libyaml) says what its parser met: "could not find expected ':'", "mapping values are
not allowed in this context", "did not find expected key". Those words are never shown. We
look at the line the parser points at and say, in the catalogue's words (FILE_PROBLEMS
`syntax_…`), what is wrong there and how to write it, with the editor's own line quoted as the
example when it is short enough to copy. A form we have not met gets a sentence that says
where to look and what to check.

Values of these messages are plain text and numbers: the parse cache keeps them (parsecache.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .words import FILE_PROBLEMS, Message, shown

EXAMPLE_CHARACTERS = 60  # a line longer than this is not offered as an example to copy
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_CLOSING = {"[": "]", "{": "}"}
_ASCII_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_FULL_WIDTH_COLON = re.compile(rf"^\s*(?:- +)*({_ASCII_KEY})\s*：\s*(.*?)\s*$")
_COLON_WITHOUT_SPACE = re.compile(rf"^\s*(?:- +)*({_ASCII_KEY}):(\S.*?)\s*$")
# Characters that cannot begin a plain value, as the parser met them at a value's start.
_SPECIAL_CONTEXTS = ("while scanning an alias", "while scanning an anchor", "while scanning a tag",
                     "while parsing a tag", "while scanning a directive")
_SPECIAL_PROBLEMS = ("cannot start any token", "block sequence entries are not allowed",
                     "mapping keys are not allowed", "did not find expected node content")


@dataclass(frozen=True)
class Described:
    """A syntax error as the editor is told it: where, and what to do."""

    line: int | None
    column: int | None
    message: Message


def _say(key: str, **values: str | int) -> Message:
    return FILE_PROBLEMS.message(key, **values)


class _Source:
    """The lines of the text the parser read, 1-based, as the parser counts them."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def character(self, number: int, column: int) -> str:
        text = self.line(number)
        return text[column - 1] if 0 < column <= len(text) else ""

    def content_before(self, number: int) -> list[tuple[int, str]]:
        """The lines above `number` that hold something (not blank, not only a comment), nearest
        first."""
        found = []
        for above in range(min(number, len(self.lines) + 1) - 1, 0, -1):
            text = self.lines[above - 1]
            if text.strip() and not text.lstrip().startswith("#"):
                found.append((above, text))
        return found


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content_column(text: str) -> int:
    """Where a line's field starts, 0-based: after its indentation and any `- ` list marks."""
    at = _indent(text)
    while text.startswith("- ", at) or text[at:] == "-":
        at += 2
        while text.startswith(" ", at):
            at += 1
    return at


def _is_item(text: str) -> bool:
    stripped = text.lstrip(" ")
    return stripped.startswith("- ") or stripped == "-"


def _place(mark: Any) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def describe(problem: str, context: str, problem_mark: Any, context_mark: Any, text: str) -> Described:
    """Our sentence for what PyYAML reported (`problem` while `context`, at its marks)."""
    source = _Source(text)
    at = _place(problem_mark) or _place(context_mark)
    start = _place(context_mark) or at
    if at is None or start is None:
        return Described(None, None, _say("syntax_unreadable"))
    line, column = at
    if context.startswith("while scanning a quoted scalar") and (
        "end of stream" in problem or "document indicator" in problem
    ):
        return Described(*start, _say("syntax_unclosed_quote", quote=source.character(*start) or '"'))
    if _has_tab(source.line(line), column) or "tab character" in problem:
        return Described(line, column, _say("syntax_tab"))
    if "could not find expected ':'" in problem:
        return Described(*start, _without_colon(source.line(start[0])))
    if problem.startswith("did not find expected ',' or"):
        opening = source.character(*start)
        if opening in _CLOSING:
            return Described(*start, _say("syntax_unclosed_bracket", opening=opening,
                                          closing=_CLOSING[opening]))
    if "escape" in problem or "hexdecimal" in problem:
        return Described(line, column, _say("syntax_backslash"))
    if context.startswith("while scanning a block scalar"):
        indicator = source.character(*start)
        if indicator in ("|", ">"):
            return Described(*start, _say("syntax_block_indicator", indicator=indicator))
    if "mapping values are not allowed" in problem:
        return _colon_or_deeper(source, line, column)
    if context.startswith(_SPECIAL_CONTEXTS):
        return _special_start(source, *start)
    if any(form in problem for form in _SPECIAL_PROBLEMS):
        return _special_start(source, line, column)
    if problem.startswith("did not find expected"):
        return _out_of_place(source, problem, line, column, start)
    return _near(line, column)


def _near(line: int, column: int) -> Described:
    return Described(line, column, _say("syntax_near", line=line, column=column))


def _has_tab(text: str, column: int) -> bool:
    """A tab in the indentation, or where the parser stopped."""
    return "\t" in text[: len(text) - len(text.lstrip(" \t"))] or text[column - 1: column] == "\t"


def _example(prefix: str, value: str) -> str | None:
    """`prefix "value"`, the line written as it should be, when it is short and plain enough to
    show whole; None otherwise."""
    value = value.split(" #", 1)[0].strip()
    example = f'{prefix} "{value}"' if prefix else f'"{value}"'
    plain = not any(mark in value for mark in ('"', "\\", "`")) and "`" not in prefix
    plain = plain and (bool(prefix) or ": " not in value)  # a whole `key: value` line is no value
    if not value or not plain or len(example) > EXAMPLE_CHARACTERS or _CONTROL.search(example):
        return None
    return example


def _without_colon(text: str) -> Message:
    """A line that is neither `name: value` nor a list item."""
    for pattern, key in ((_FULL_WIDTH_COLON, "syntax_full_width_colon"),
                         (_COLON_WITHOUT_SPACE, "syntax_colon_without_space")):
        found = pattern.match(text)
        if found:
            name, value = found.groups()
            example = f"{name}: {value}"
            if len(example) <= EXAMPLE_CHARACTERS and not _CONTROL.search(example) and "`" not in example:
                return _say(key, example=example)
    return _say("syntax_no_colon")


def _colon_or_deeper(source: _Source, line: int, column: int) -> Described:
    """`: ` where no field can start: inside a value, or on a line indented under a value."""
    text = source.line(line)
    key_end = text.find(": ", _content_column(text))
    if 0 <= key_end < column - 1:
        prefix, value = text[: key_end + 1].strip(), text[key_end + 2:]
        example = _example(prefix, value)
        message = (_say("syntax_colon_in_value", example=example) if example
                   else _say("syntax_colon_in_value_plain"))
        return Described(line, key_end + 3, message)
    above = source.content_before(line)
    if not above:
        return _near(line, column)
    previous, previous_text = above[0]
    spaces, expected = _indent(text), _content_column(previous_text)
    if spaces <= expected:
        return _previous_without_colon(source, line) or _near(line, column)
    return Described(line, spaces + 1, _say("syntax_deeper", previous=previous, extra=spaces - expected,
                                            expected=expected))


def _special_start(source: _Source, line: int, column: int) -> Described:
    """A value that begins with a character YAML reads as syntax (@, `, *, &, !, %, - …)."""
    text = source.line(line)
    character = shown(text[column - 1: column]) or "?"
    example = _example(text[: column - 1].strip(), text[column - 1:])
    if example:
        return Described(line, column, _say("syntax_special_start", character=character, example=example))
    return Described(line, column, _say("syntax_special_start_plain", character=character))


def _out_of_place(source: _Source, problem: str, line: int, column: int,
                  start: tuple[int, int]) -> Described:
    """Something the parser did not expect where it stands: mostly indentation."""
    text = source.line(line)
    before = text[: column - 1].rstrip()
    here = text[column - 1: column]
    if before.endswith(('"', "'")) and here not in ("", "#"):
        return Described(line, column, _say("syntax_text_after_quote"))
    if here in ("]", "}"):
        return Described(line, column, _say("syntax_extra_closing", closing=here))
    if before.endswith(("]", "}")) and here not in ("", "#"):
        return Described(line, column, _say("syntax_text_after_bracket", closing=before[-1]))
    spaces = _indent(text)
    if "'-' indicator" in problem:
        return Described(line, spaces + 1, _say("syntax_not_an_item", start=start[0], expected=start[1] + 1))
    if _is_item(text):
        return _misplaced_item(source, line, spaces)
    if "expected key" in problem:
        return _misaligned(source, line, spaces) or _near(line, column)
    return _previous_without_colon(source, line) or _near(line, column)


def _previous_without_colon(source: _Source, line: int) -> Described | None:
    """The line above, when it is the one that is neither `name: value` nor a list item: the
    parser took it as the start of a text and stopped only at this line."""
    above = source.content_before(line)
    if not above:
        return None
    previous, text = above[0]
    stripped = text.split(" #", 1)[0].rstrip()
    if stripped in ("---", "..."):  # a document marker: no colon is missing there
        return None
    looks_right = ": " in stripped or stripped.endswith(":") or _is_item(stripped)
    if looks_right and not (_FULL_WIDTH_COLON.match(text) or _COLON_WITHOUT_SPACE.match(text)):
        return None
    return Described(previous, _indent(text) + 1, _without_colon(text))


def _misplaced_item(source: _Source, line: int, spaces: int) -> Described:
    """A `- ` line where the parser expected a field: an item out of line with its list, or a
    list item in a mapping."""
    for previous, text in source.content_before(line):
        if _is_item(text):
            if _indent(text) != spaces:
                return Described(line, spaces + 1, _say("syntax_list_misaligned", spaces=spaces,
                                                        previous=previous, expected=_indent(text)))
            break
        if _indent(text) <= spaces:
            break
    return Described(line, spaces + 1, _say("syntax_dash_in_mapping"))


def _misaligned(source: _Source, line: int, spaces: int) -> Described | None:
    """A field whose indentation matches no level open above it: the levels it falls between."""
    levels: list[tuple[int, int]] = []  # (line, column of its field), nearest first, shallower each
    for previous, text in source.content_before(line):
        column = _content_column(text)
        if not levels or column < levels[-1][1]:
            levels.append((previous, column))
        if column == 0:
            break
    if any(column == spaces for _, column in levels):
        return None  # it lines up with something: not an indentation problem
    deeper = [level for level in levels if level[1] > spaces]
    shallower = [level for level in levels if level[1] < spaces]
    if deeper and shallower:
        (previous, expected), (outer, outer_expected) = deeper[-1], shallower[0]
        return Described(line, spaces + 1, _say("syntax_misaligned_between", spaces=spaces, previous=previous,
                                                expected=expected, outer=outer, outer_expected=outer_expected))
    nearest = (deeper or shallower)[0] if (deeper or shallower) else None
    if nearest is None:
        return None
    return Described(line, spaces + 1, _say("syntax_misaligned", spaces=spaces, previous=nearest[0],
                                            expected=nearest[1]))
