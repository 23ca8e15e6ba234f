"""Does a message speak one language? The rule of issue #14: a Chinese message holds no English
words but field names, identifiers and quoted values; an English one no Chinese but quoted
values. What a message quotes is marked: `code` in backticks (field paths, coded values), the
editor's own values in quotes (“…” or ‘…’ in Chinese, '…' or "…" in English)."""

from __future__ import annotations

import re

# Spans a message quotes: code, the editor's values, and Chinese book-title marks 《…》.
QUOTED = re.compile(r"`[^`]*`|“[^”]*”|‘[^’]*’|「[^」]*」|《[^》]*》|'[^']*'|\"[^\"]*\"")
# Identifiers shown as they are: paths and file names, URLs, notice ids and codes, U+ code points.
IDENTIFIER = re.compile(
    r"https?://\S+"
    r"|[\w.-]*/[\w./-]*"                      # a path: data/notices/…, files/2026/a.pdf
    r"|[\w-]+\.(?:yaml|yml|md|pdf|json|txt)\b"  # a file name
    r"|\b(?=[A-Z0-9.-]*[0-9-])[A-Z][A-Z0-9.-]*\b"  # ids and codes: XN-GC-2026-001-ZB, U+0007
    r"|\bU\+[0-9A-F]{4,6}\b"
    r"|\b0x[0-9a-f]+\b"
    r"|[&*!<][\w/.:-]*"                        # what YAML writes: &anchor, *alias, !!tag, <<
)
# Names that are names in Chinese text too: formats, standards, units, the product.
NAMES = {"YAML", "UTF", "GBK", "GB", "T", "KiB", "MiB", "Markdown", "HTML", "JSON", "CSV",
         "GitHub", "CODEOWNERS", "gongshi", "https", "http", "ID", "Ctrl", "C"}
LATIN_WORD = re.compile(r"[A-Za-z]+")
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def unquoted(message: str) -> str:
    return IDENTIFIER.sub(" ", QUOTED.sub(" ", message))


def english_words(zh_message: str) -> list[str]:
    """The English words of a Chinese message outside what it may quote."""
    return [word for word in LATIN_WORD.findall(unquoted(zh_message)) if word not in NAMES]


def chinese_text(en_message: str) -> list[str]:
    """The Chinese characters of an English message outside its quoted values."""
    return CHINESE.findall(QUOTED.sub(" ", en_message))
