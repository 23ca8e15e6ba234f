"""One word catalogue (generator/words/): every entry says every language, and nothing outside
it chooses words by language, neither generator code nor theme templates."""

from __future__ import annotations

import ast
import re
from datetime import datetime
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_CHANGED_AT
from lxml import html

from generator.config import load_settings
from generator.render.exports import COLUMN_NAMES
from generator.words import (
    COLUMNS,
    FEED_PAGES,
    LANGUAGES,
    PROSE,
    SECTIONS,
    SITE,
    TEMPLATE_SECTIONS,
    Section,
    Word,
    catalogue_problems,
)

GENERATOR = REPO / "generator"
CATALOGUE = GENERATOR / "words"
THEME = REPO / "theme"

# --- the catalogue is complete --------------------------------------------------------------------


def test_every_entry_says_every_language() -> None:
    assert SECTIONS and all(len(section) for section in SECTIONS)
    assert catalogue_problems() == []


def _word_without(language: str) -> Word:
    """A Word missing one language, as a Word made some other way could be."""
    word = object.__new__(Word)
    for other in LANGUAGES:
        if other != language:
            object.__setattr__(word, other, "text")
    return word


def test_the_completeness_check_finds_every_kind_of_gap() -> None:
    broken = Section("broken", {
        "empty_zh": Word("", "Home"),
        "blank_en": Word("首页", "  "),
        "no_en": _word_without("en"),
        "not_text": Word("首页", None),  # type: ignore[arg-type]
        "placeholders": Word("第 {n} 页", "Page"),
        "tags_html": Word("<strong>最新</strong>", "newest"),
        "fine_html": Word("截至 <strong>{as_of}</strong>", "as of <strong>{as_of}</strong>"),
    })
    problems = catalogue_problems([broken])
    assert problems == [
        "broken.empty_zh: no text in zh",
        "broken.blank_en: no text in en",
        "broken.no_en: no text in en",
        "broken.not_text: no text in en",
        "broken.placeholders: placeholders in en [] differ from zh ['{n}']",
        "broken.tags_html: tags in en [] differ from zh ['strong', 'strong']",
    ]


def test_templates_get_each_label_from_one_section_only() -> None:
    """The template sections are merged into one mapping: a key in two would hide one."""
    seen: dict[str, str] = {}
    for section in TEMPLATE_SECTIONS:
        clashes = [f"{key}: {seen[key]} and {section.name}" for key in section if key in seen]
        assert not clashes, clashes
        seen.update(dict.fromkeys(section, section.name))
    assert "vocab" not in seen  # the name under which the vocabularies reach templates


def test_every_export_column_has_its_words() -> None:
    assert list(COLUMNS) == list(COLUMN_NAMES)


# --- no words chosen by language outside the catalogue --------------------------------------------


def _is_language(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in LANGUAGES


def _names_language(node: ast.AST) -> bool:
    """`language`, `ctx.language`, `settings.language`…: a value that holds the site's language."""
    if isinstance(node, ast.Name):
        return "language" in node.id
    return isinstance(node, ast.Attribute) and "language" in node.attr


def language_choices(source: str) -> list[tuple[int, str]]:
    """(line, what) for each place the source picks something by the site's language."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(map(_is_language, [node.left, *node.comparators])):
            found.append((node.lineno, "compares with a language"))
        elif isinstance(node, ast.Dict) and any(map(_is_language, node.keys)):
            found.append((node.lineno, "a table keyed by language"))
        elif isinstance(node, ast.Subscript) and _names_language(node.slice):
            found.append((node.lineno, "looks a table up by the language"))
        elif isinstance(node, ast.Attribute) and node.attr in LANGUAGES:
            found.append((node.lineno, f"reads the .{node.attr} of an entry"))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
              and len(node.args) > 1 and _names_language(node.args[1])):
            found.append((node.lineno, "getattr by the language"))
        elif isinstance(node, ast.MatchValue) and _is_language(node.value):
            found.append((node.lineno, "matches a language"))
    return sorted(found)


@pytest.mark.parametrize(("source", "expected"), [
    ('title = "首页" if ctx.language == "zh" else "Home"', [(1, "compares with a language")]),
    ('ok = "en" != language', [(1, "compares with a language")]),
    ('WORDS = {"zh": {}, "en": {}}', [(1, "a table keyed by language")]),
    ("words = WORDS[ctx.language]", [(1, "looks a table up by the language")]),
    ("text = column.zh", [(1, "reads the .zh of an entry")]),
    ("text = getattr(column, settings.language)", [(1, "getattr by the language")]),
    ('match language:\n    case "en":\n        pass', [(2, "matches a language")]),
    # the notices' own language and the site's setting are not choices of words
    ('INDEX_LANGUAGE = "zh"\nrelease = {"language": "zh"}', []),
    ('language: Literal["zh", "en"] = "zh"', []),
    ('for language in data["languages"]:\n    language["wasm"] = 1', []),
])
def test_the_check_sees_choices_by_language(source: str, expected: list[tuple[int, str]]) -> None:
    assert language_choices(source) == expected


def test_generator_code_chooses_no_word_by_language() -> None:
    modules = [path for path in GENERATOR.rglob("*.py") if CATALOGUE not in path.parents]
    assert len(modules) > 20
    found = [f"{path.relative_to(REPO)}:{line}: {what}"
             for path in modules
             for line, what in language_choices(path.read_text(encoding="utf-8"))]
    assert not found, "words chosen outside generator/words/:\n" + "\n".join(found)


JINJA = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
LANGUAGE_BRANCH = re.compile(
    r"""\b(?:if|elif)\s+(?:not\s+)?(?:zh|en)\b"""  # {% if zh %}, {{ "…" if zh else "…" }}
    r"""|["'](?:zh|en)["']\s*[!=]=|[!=]=\s*["'](?:zh|en)["']"""  # language == "en"
    r"""|\bgongshi_language\b"""  # templates need not know the language: labels say it
)


def language_branches(template: str) -> list[tuple[int, str]]:
    found = []
    for tag in JINJA.finditer(template):
        code = tag.group(1) if tag.group(1) is not None else tag.group(2)
        if LANGUAGE_BRANCH.search(code):
            found.append((template.count("\n", 0, tag.start()) + 1, tag.group(0).strip()))
    return found


@pytest.mark.parametrize(("template", "flagged"), [
    ("{% if zh %}\n<p>中文</p>\n{% else %}<p>English</p>{% endif %}", [1]),
    ('<td>{{ "中文" if zh else "English" }}</td>', [1]),
    ('{%- if not zh -%}x{% endif %}', [1]),
    ('\n{% elif lang == "en" %}', [2]),
    ('{% set zh = config.extra.gongshi_language != "en" %}', [1]),
    ('<a lang="zh" href="{{ r.url }}">{{ L.home }}</a>{% if g.zh_name %}{% endif %}', []),
])
def test_the_check_sees_language_branches(template: str, flagged: list[int]) -> None:
    assert [line for line, _ in language_branches(template)] == flagged


def test_theme_templates_have_no_language_branches() -> None:
    templates = list(THEME.rglob("*.html"))
    assert len(templates) > 10
    found = [f"{path.relative_to(REPO)}:{line}: {code}"
             for path in templates
             for line, code in language_branches(path.read_text(encoding="utf-8"))]
    assert not found, "templates must read words from config.extra.labels:\n" + "\n".join(found)


# --- the pages' sentences arrive filled in, as markup ---------------------------------------------


# The list of every feed (feeds/) says what the 订阅 page said before its picker.
PROSE_PAGES = {"feeds": "subscribe_", "downloads": "downloads_"}


@pytest.mark.parametrize("page", sorted(PROSE_PAGES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_prose_pages_show_their_sentences_filled_in(
    request: pytest.FixtureRequest, language: str, page: str
) -> None:
    site: Path = request.getfixturevalue("sample_site" if language == "zh" else "english_sample_site")
    article = html.fromstring((site / page / "index.html").read_bytes()).xpath("//article")[0]
    text = article.text_content()
    words = PROSE.words(language)
    for key, sentence in words.items():
        if not key.startswith(PROSE_PAGES[page]):
            continue
        plain = html.fromstring(f"<p>{sentence}</p>").text_content() if key.endswith("_html") else sentence
        for piece in re.split(r"\{[a-z_]+\}", plain):
            assert " ".join(piece.split()) in " ".join(text.split()), (key, piece)
    assert not re.search(r"\{(?:as_of|limit|count|separator|ocid_prefix)\}", text)
    assert "<strong>" not in text and "</code>" not in text  # markup, not escaped text
    strong = [el.text_content() for el in article.xpath(".//p/strong | .//li/strong")]
    assert strong, "the sentences' <strong> arrive as elements"
    if page == "downloads":
        as_of = datetime.fromisoformat(SAMPLE_CHANGED_AT).strftime("%Y-%m-%d %H:%M")  # +08:00
        assert as_of in strong
    else:
        limit = load_settings(REPO / "mkdocs.yml").feed_limit
        order = article.xpath(".//li[strong]")[0].text_content()
        assert f" {limit} " in order, order
    title = (FEED_PAGES.words(language)["feeds_index_title"] if page == "feeds"
             else SITE.words(language)[page])
    assert title == article.xpath("string(.//h1)").strip()
