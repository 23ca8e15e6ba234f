"""The building blocks of the catalogue: a `Word` holds one entry in every language of the
site, side by side; a `Section` is one kind of words, read in one language at a time; a
`Message` is an entry with the values of its `{placeholders}`, kept as such until it is shown,
so that one problem can be printed in the site's language and, for tools, in English."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol, TypeAlias

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
SHOWN_CHARACTERS = 60  # a message never repeats a long value whole
# What a reader cannot see: control characters, line and paragraph separators, zero-width and
# direction marks, the byte-order mark.
INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")
LANGUAGES = ("zh", "en")  # Chinese is the default (config.py); English must be complete


@dataclass(frozen=True, slots=True)
class Word:
    """One entry: the same thing said in each language. Adding a language is adding a field
    here; every entry must then say it (tests/test_words.py)."""

    zh: str
    en: str

    def in_language(self, language: str) -> str:
        if language not in LANGUAGES:
            raise ValueError(f"no words in language {language!r}: one of {', '.join(LANGUAGES)}")
        text: str = getattr(self, language)
        return text

    def languages(self) -> dict[str, object]:
        """Each language's text as written; None for a language the entry does not have."""
        return {language: getattr(self, language, None) for language in LANGUAGES}


class Section(Mapping[str, Word]):
    """One kind of words (page labels, feed words…): key → Word. `words(language)` is the
    read-only table code and templates use; it is made once per language."""

    def __init__(self, name: str, entries: dict[str, Word]) -> None:
        self.name = name
        self._entries = dict(entries)
        self._by_language: dict[str, Mapping[str, str]] = {}

    def __getitem__(self, key: str) -> Word:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Section({self.name!r}, {len(self)} entries)"

    def message(self, key: str, **values: Value) -> Message:
        """The sentence `key` with its values: said in a language only when it is shown. The
        values must be exactly the entry's `{placeholders}` (a mismatch is our bug)."""
        word = self._entries[key]
        wanted = set(PLACEHOLDER.findall(word.zh))
        if wanted != set(values):
            raise TypeError(f"{self.name}.{key} takes {sorted(wanted)}, given {sorted(values)}")
        return Message(f"{self.name}.{key}", word, tuple(sorted(values.items())))

    def words(self, language: str) -> Mapping[str, str]:
        if language not in self._by_language:
            table = {key: word.in_language(language) for key, word in self._entries.items()}
            self._by_language[language] = MappingProxyType(table)
        return self._by_language[language]


def shown(value: object, limit: int = SHOWN_CHARACTERS) -> str:
    """A value as a message quotes it: as written (a number read from YAML keeps its source
    text), each invisible character spelled U+XXXX, cut at `limit` characters ending in "…"."""
    text = INVISIBLE.sub(lambda found: f"U+{ord(found.group()):04X}", str(getattr(value, "source", value)))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Localised(Protocol):
    """Anything that can say itself in a language of the site: a Word, a Message, a Series."""

    def in_language(self, language: str) -> str: ...


# A value in a sentence: a number, text shown as written in every language (an id, a path, a
# value quoted from the editor's file), or words of the catalogue said in the sentence's language.
Value: TypeAlias = "str | int | Localised"


def said(value: Value, language: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    return value.in_language(language)


@dataclass(frozen=True, slots=True)
class Message:
    """One entry of the catalogue and the values of its `{placeholders}`.

    `key` is `section.entry` (e.g. `values.required`): tests, the editor guide and
    `--format json` name a sentence by it. Made by `Section.message`, which checks that the
    values are the ones the entry names."""

    key: str
    word: Word
    values: tuple[tuple[str, Value], ...] = ()

    def in_language(self, language: str) -> str:
        template = self.word.in_language(language)
        return template.format_map({name: said(value, language) for name, value in self.values})

    def __str__(self) -> str:  # for a traceback or a debugger; people see in_language()
        return self.in_language("en")


SERIES_JOINER = Word("、", ", ")


@dataclass(frozen=True, slots=True)
class Series:
    """Several values said as one list, joined the way each language joins a list
    (公开招标 `open`、邀请招标 `invited` / open, invited)."""

    items: tuple[Value, ...]
    joiner: Word = SERIES_JOINER

    @classmethod
    def of(cls, items: Sequence[Value], joiner: Word = SERIES_JOINER) -> Series:
        return cls(tuple(items), joiner)

    def in_language(self, language: str) -> str:
        return self.joiner.in_language(language).join(said(item, language) for item in self.items)
