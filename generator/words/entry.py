"""The building blocks of the catalogue: a `Word` holds one entry in every language of the
site, side by side; a `Section` is one kind of words, read in one language at a time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

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

    def words(self, language: str) -> Mapping[str, str]:
        if language not in self._by_language:
            table = {key: word.in_language(language) for key, word in self._entries.items()}
            self._by_language[language] = MappingProxyType(table)
        return self._by_language[language]
