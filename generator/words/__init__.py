"""The word catalogue: every word gongshi shows that is not the editors' own text, in each
language of the site (`extra.gongshi.language` in mkdocs.yml: zh, the default, or en).

Each kind of words is one `Section` in one module; an entry holds every language side by side
(`Word(zh=…, en=…)`), so a missing translation is seen where it is written:

  site.py           labels of the pages; templates read them as `config.extra.labels`
  prose.py          sentences of the 订阅 and 数据下载 pages (also in `config.extra.labels`)
  searching.py      the search page's own words: periods, amount bands, chips, help when
                    nothing is found (also in `config.extra.labels`)
  values.py         names of coded values: type, family, status, category, method, subject,
                    sanction, level (templates: `config.extra.labels.vocab`)
  subscriptions.py  feeds, calendars and the OPML file; the feed pages, the 订阅 page's picker
                    and a notice's "follow this project" (also in `config.extra.labels`)
  opendata.py       what each export column holds; OCDS titles
  workbook.py       data/<year>/<MM>/notices.xlsx: its column headers, lists on one line, properties
  flags.py          red flags: names, definitions, explanations (FLAG_WORDS); the 风险提示
                    page's and the 数据提示 box's labels (FLAGS_PAGE, in `config.extra.labels`)
  remote.py         attachments outside git: a notice page's 未经本站核验 (also in
                    `config.extra.labels`) and the problems of declared, downloaded and
                    too large attachments
  organisations.py  the organisations' pages, their feeds and search results (also in
                    `config.extra.labels`, every key `org_…`)
  ledger.py         the publication ledger: the 版本记录 section, the 撤回记录 page (LEDGER_PAGE,
                    in `config.extra.labels`) and its messages (LEDGER)
  statistics.py     the statistics pages and the performance table: captions, indicators'
                    names and definitions (also in `config.extra.labels`)
  money.py          how each language says an amount (`MONEY.in_language(language)`: not words
                    but a form, with units; tests/test_site_english.py checks each language)

Rules (tests/test_words.py holds them):
- Code outside this package never chooses a word by language: it reads a section in the
  site's language, `FEEDS.words(language)["all"]`, and templates read `config.extra.labels`.
  No `language == "zh"`, no tables keyed by language, no `{% if zh %}` in theme/.
- Every entry says every language, none empty; `{placeholders}` are the same in each.
- Keys ending in `_html` are inline HTML with the same tags in each language; everything else
  is plain text, escaped where it is printed.
- Keys meant for programs (CSV/JSON column names, codes, URLs) are not words: they stay English
  where they are defined and are not here.
- Overrides in mkdocs.yml (`extra.gongshi.labels`) replace labels of the templates only.

Editors' messages (issue #14) are sentences with values: `SECTION.message(key, **values)`
makes a `Message`, said in a language only when it is shown (`message.in_language("zh")`), so a
problem is printed in the site's language and, for tools, in English too:
  fields.py          what each field is called: 交易方式 `method` (`FieldName`)
  problems_files.py  problems of files, folders and YAML writing
  problems_values.py problems of one value: missing, unknown, of the wrong kind
  problems_rules.py  problems between fields and between files; regions; personal data; periods
  commands.py        usage errors, summaries, what build, serve and new print
  schema.py          the help and error sentences of the published JSON Schema
  importing.py       `gongshi import`: where a problem stands in a workbook or OCDS package,
                     what it did, the template workbook's words (IMPORTING) and the texts of
                     its example row (IMPORT_EXAMPLES)
  verifying.py       the publication log: what generator/tlog/ refuses, what `verify` finds

Adding a kind of words: a module with one `Section` (or several), listed in SECTIONS below;
the tests then check it like the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .commands import COMMANDS
from .editing import EDITING, FIELD_HINTS
from .entry import LANGUAGES, Localised, Message, Section, Series, Value, Word, shown
from .fields import FIELD_NAME, FIELDS, REGION_FIELDS, FieldName
from .flags import FLAG_WORDS, FLAGS_PAGE
from .importing import IMPORT_EXAMPLES, IMPORTING
from .ledger import LEDGER, LEDGER_PAGE
from .money import MONEY, MoneyForm
from .opendata import COLUMNS, OCDS
from .organisations import ORGANISATIONS
from .problems_files import FILE_PROBLEMS
from .problems_rules import RULE_PROBLEMS
from .problems_values import VALUE_PROBLEMS
from .prose import PROSE
from .remote import REMOTE_PAGE, REMOTE_PROBLEMS
from .review import REVIEW
from .schema import SCHEMA_HELP, SCHEMA_WORDS
from .searching import SEARCH_PAGE
from .site import SITE
from .statistics import STATISTICS
from .subscriptions import CALENDARS, FEED_PAGES, FEEDS, OPML
from .values import VOCABULARIES
from .verifying import VERIFYING
from .workbook import WORKBOOK

__all__ = [
    "CALENDARS", "COLUMNS", "COMMANDS", "FEEDS", "FEED_PAGES", "FIELDS", "FIELD_NAME",
    "FILE_PROBLEMS", "FLAGS_PAGE", "FLAG_WORDS", "IMPORTING", "IMPORT_EXAMPLES", "LANGUAGES", "LEDGER", "LEDGER_PAGE",
    "MESSAGE_SECTIONS", "MONEY", "OCDS", "OPML", "ORGANISATIONS", "PROSE", "REGION_FIELDS", "REMOTE_PAGE",
    "REMOTE_PROBLEMS", "RULE_PROBLEMS", "SEARCH_PAGE", "SECTIONS", "SITE", "STATISTICS", "TEMPLATE_SECTIONS",
    "VALUE_PROBLEMS", "VERIFYING", "VOCABULARIES", "WORKBOOK", "FieldName", "Localised", "Message", "MoneyForm",
    "Section", "Series", "Value", "Word", "catalogue_problems", "labels_for", "shown", "value_label",
]

# What templates read as `config.extra.labels`, merged into one flat mapping.
TEMPLATE_SECTIONS: tuple[Section, ...] = (
    SITE, PROSE, SEARCH_PAGE, FEED_PAGES, FLAGS_PAGE, REMOTE_PAGE, ORGANISATIONS, LEDGER_PAGE,
    STATISTICS,
)

# What editors and the command line are told: sentences with values (`Message`).
MESSAGE_SECTIONS: tuple[Section, ...] = (
    FILE_PROBLEMS, VALUE_PROBLEMS, RULE_PROBLEMS, COMMANDS, FIELDS, REGION_FIELDS, FIELD_NAME,
    REVIEW,
    EDITING, FIELD_HINTS, IMPORTING, REMOTE_PROBLEMS, VERIFYING, LEDGER,
)

SECTIONS: tuple[Section, ...] = (
    *TEMPLATE_SECTIONS, *VOCABULARIES.values(), FEEDS, CALENDARS, OPML, COLUMNS, OCDS,
    WORKBOOK, IMPORT_EXAMPLES,
    FLAG_WORDS,
    *MESSAGE_SECTIONS, SCHEMA_HELP, SCHEMA_WORDS,
)


def labels_for(language: str, overrides: dict[str, str] | None = None) -> dict[str, Any]:
    """The label set templates read: page labels and sentences (with overrides) and, under
    `vocab`, the names of coded values (type, status, category…)."""
    labels: dict[str, Any] = {}
    for section in TEMPLATE_SECTIONS:
        labels.update(section.words(language))
    labels.update(overrides or {})
    labels["vocab"] = {name: dict(section.words(language)) for name, section in VOCABULARIES.items()}
    return labels


def value_label(language: str, vocabulary: str, code: str) -> str:
    """The shown name of a code (`status`, `open` → 公告中); an unknown code shows as itself."""
    return VOCABULARIES[vocabulary].words(language).get(code, code)


PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
TAG = re.compile(r"</?([a-z]+)")


def catalogue_problems(sections: Iterable[Section] = SECTIONS) -> list[str]:
    """Every entry that misses a language, is empty, or says its languages differently in
    placeholders or (for `_html` keys) markup: `section.key: what`."""
    problems: list[str] = []
    for section in sections:
        for key, word in section.items():
            problems += [f"{section.name}.{key}: {problem}" for problem in _entry_problems(key, word)]
    return problems


def _entry_problems(key: str, word: Word) -> list[str]:
    written = word.languages()
    texts = {lang: text for lang, text in written.items() if isinstance(text, str) and text.strip()}
    problems = [f"no text in {language}" for language in LANGUAGES if language not in texts]
    if problems:
        return problems
    problems += _differences("placeholders", {lang: PLACEHOLDER.findall(texts[lang]) for lang in LANGUAGES})
    if key.endswith("_html"):
        problems += _differences("tags", {lang: TAG.findall(texts[lang]) for lang in LANGUAGES})
    return problems


def _differences(what: str, found: Mapping[str, list[str]]) -> list[str]:
    first, *others = LANGUAGES
    expected = sorted(found[first])
    return [f"{what} in {language} {sorted(found[language])} differ from {first} {expected}"
            for language in others if sorted(found[language]) != expected]
