"""The published JSON Schema of a notice file (`gongshi schema`, schema/notice.schema.json): what
an editor's text editor checks while the file is written, so that it sees what `gongshi
validate` sees, as far as JSON Schema can say it.

Made in three steps from the models (model.py), which stay the one source of the shape:
1. pydantic's schema of each notice type, every nested structure written out in place (a
   buyer's name and an agency's name get their own title);
2. each field's title (words/fields.py), help with an example (words/schema.py), the names of
   coded values, and the exact form of each kind of value the validator reads (dates that exist,
   a time where one is needed, one line of text, amounts as numbers…);
3. the rules between fields of one file that JSON Schema can state: the fields of each notice
   `type`, a fine's amount, a suspension's end, whose subject has a credit code, an attachment's
   one target, a contact's one detail, an amendment's one change.

What needs other files, the file's name, or comparing two values (dates in order, ranks, the
region list) is left to `gongshi validate`; content/guide/editor.md lists those rules, and
tests/test_schema_coverage.py keeps that list true.

The keywords are those of draft 7 and later (if/then, const), which the YAML extension of VS Code
reads; `enumDescriptions` and `errorMessage` are its extensions (names of coded values in the
completion list, our sentence instead of "String does not match the pattern")."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, get_args

from pydantic.json_schema import models_json_schema

from . import rules
from .checks import USCC_REQUIRED_FOR
from .model import (
    ID_PATTERN,
    MODEL_OF_TYPE,
    MONEY_DIGITS,
    NOTICE_TYPES,
    PLACEHOLDER,
    SubjectKind,
)
from .words import FIELDS, VOCABULARIES, Message, Series
from .words.schema import SCHEMA_HELP, SCHEMA_WORDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
Schema = dict[str, Any]

# What checks.py asks of a sanction of each kind.
AMOUNT_REQUIRED_FOR = ("fine",)
UNTIL_REQUIRED_FOR = ("suspension", "debarment")

# --- the form of each kind of value ----------------------------------------------------------------
# Patterns are written for both Python's `re` (jsonschema) and JavaScript's RegExp with the u flag
# (the editor): no look-behind, no possessive quantifiers, escapes both read alike.

# Years 1900–2999 (YEARS in model.py); tests/test_schema.py compares these patterns with the
# validator over every day of the edge years and every month and day number.
_YEAR = "(?:19|2[0-9])[0-9]{2}"
_LEAP_YEAR = "(?:(?:19|2[0-9])(?:0[48]|[2468][048]|[13579][26])|2[048]00)"
_MONTH_DAY = (  # 29 February is a leap year's (below)
    "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    "|(?:0[13-9]|1[0-2])-(?:29|30)"
    "|(?:0[13578]|1[02])-31)"
)
_DAY = f"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_TIME = "(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]+)?)?"
_OFFSET = "(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-9]{2})"
# the validator strips the spaces around a value before it reads it
DATE_PATTERN = f"^\\s*{_DAY}\\s*$"
DATETIME_PATTERN = f"^\\s*{_DAY}[T ]{_TIME}{_OFFSET}?\\s*$"

_NO_PLACEHOLDER = f"(?![\\s\\S]*{re.escape(PLACEHOLDER)})"
# model.py: control characters are refused everywhere; line breaks too, but in `body`
_CONTROL = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x84\\x86-\\x9f"
_CONTROL_OR_BREAK = "\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f\\u2028\\u2029"
# one line once the spaces around it are stripped
LINE_PATTERN = f"^{_NO_PLACEHOLDER}\\s*[^{_CONTROL_OR_BREAK}]*\\s*$"
BODY_PATTERN = f"^{_NO_PLACEHOLDER}[^{_CONTROL}]*$"
_SEPARATOR = "[/\\\\]"
_DOTS = f"\\.{{1,2}}(?:{_SEPARATOR}|\\s*$)"  # a part that is . or ..
FILE_PATTERN = (
    f"^{_NO_PLACEHOLDER}(?![\\s\\S]*[{_CONTROL}])"
    f"(?!\\s*(?:{_SEPARATOR}|[A-Za-z]:|{_DOTS}|$))"  # absolute, a drive, or starting with . or ..
    f"(?![\\s\\S]*{_SEPARATOR}(?:{_DOTS}|{_SEPARATOR}|\\s*$))"  # /./, /../, // or a final /
)
SHA256_PATTERN = "^\\s*[0-9a-fA-F]{64}\\s*$"  # model.py keeps it in lower case
URL_PATTERN = f"^{_NO_PLACEHOLDER}(?![\\s\\S]*[{_CONTROL}])\\s*https://[^\\s/?#]+\\.[^\\s/?#]+\\S*\\s*$"
USCC_PATTERN = f"^[{rules.USCC_ALPHABET}]{{18}}$"

# Unquoted digits are read as numbers and kept as written, so a code may be one.
_SIX_DIGITS = {"type": "integer", "minimum": 100000, "maximum": 899999}
_EIGHTEEN_DIGITS = {"type": "integer", "minimum": 10**17, "maximum": 10**18 - 1}

Sentences = Mapping[str, str]  # SCHEMA_WORDS in the schema's language
Refine = Callable[[list[Schema], Sentences], list[Schema]]


def _error(words: Sentences, key: str, schema: Schema) -> Schema:
    return {**schema, "errorMessage": words[key]}


def _patterned(pattern: str, error: str) -> Refine:
    """A text field as pydantic writes it, with its form (its lengths are kept)."""
    def refine(found: list[Schema], words: Sentences) -> list[Schema]:
        return [_error(words, error, {**alt, "pattern": pattern}) if alt.get("type") == "string" else alt
                for alt in found]
    return refine


def _replaced(*schemas: Schema, error: str) -> Refine:
    def refine(found: list[Schema], words: Sentences) -> list[Schema]:
        return [_error(words, error, schema) for schema in schemas]
    return refine


def _with_error(error: str, **more: Any) -> Refine:
    def refine(found: list[Schema], words: Sentences) -> list[Schema]:
        return [_error(words, error, {**alt, **more}) for alt in found]
    return refine


_DATE = {"type": "string", "pattern": DATE_PATTERN}
_DATETIME = {"type": "string", "pattern": DATETIME_PATTERN}
KINDS: dict[str, Refine] = {
    "text": _patterned(LINE_PATTERN, "error_text"),
    "body": _patterned(BODY_PATTERN, "error_body"),
    "file": _patterned(FILE_PATTERN, "error_file"),
    "url": _patterned(URL_PATTERN, "error_url"),
    "date": _replaced(_DATE, error="error_date"),
    "datetime": _replaced(_DATETIME, error="error_datetime"),
    "date_or_datetime": _replaced(_DATE, _DATETIME, error="error_date_or_datetime"),
    "money": _with_error("error_money", exclusiveMaximum=10**MONEY_DIGITS),
    "region": _replaced({"type": "string", "pattern": rules.REGION_CODE.pattern}, _SIX_DIGITS,
                        error="error_region"),
    "uscc": _replaced({"type": "string", "pattern": USCC_PATTERN}, _EIGHTEEN_DIGITS, error="error_uscc"),
    "id": _replaced({"type": "string", "pattern": ID_PATTERN.pattern}, {"type": "integer", "minimum": 0},
                    error="error_id"),
    "rank": _with_error("error_rank"),
    "bytes": _with_error("error_size"),
    "sha256": _patterned(SHA256_PATTERN, "error_sha256"),
}

# The kind of each field that holds one value (the others hold structures, lists or codes).
KIND_OF_FIELD: dict[str, str] = {
    "title": "text", "region": "region", "published": "date_or_datetime", "publisher": "text",
    "body": "body", "attachments.title": "text", "attachments.file": "file", "attachments.url": "url",
    "attachments.size": "bytes", "attachments.sha256": "sha256",
    "contact.name": "text", "contact.phone": "text", "contact.email": "text",
    "withdrawn.date": "date", "withdrawn.reason": "text", "project.code": "text", "project.name": "text",
    "buyer.name": "text", "buyer.uscc": "uscc", "agency.name": "text", "agency.uscc": "uscc",
    "budget": "money", "deadline": "datetime", "opening.time": "datetime", "opening.place": "text",
    "qualification": "text", "amends": "id", "changes.deadline": "datetime",
    "changes.opening.time": "datetime", "changes.opening.place": "text",
    "candidates.rank": "rank", "candidates.name": "text", "candidates.uscc": "uscc",
    "candidates.amount": "money", "publicity_end": "date_or_datetime", "winners.name": "text",
    "winners.uscc": "uscc", "winners.amount": "money", "award_date": "date", "reason": "text",
    "subject.name": "text", "subject.uscc": "uscc", "decision_no": "text", "decided": "date",
    "authority": "text", "violation": "text", "basis": "text", "sanctions.amount": "money",
    "sanctions.until": "date",
}

# The vocabulary (words/values.py) of each coded field.
VOCABULARY_OF_FIELD = {
    "type": "type", "category": "category", "method": "method", "subject.kind": "subject",
    "sanctions.kind": "sanction",
}


# --- rules between the fields of one structure ------------------------------------------------------


def _given(structure: Schema, field: str) -> Schema:
    """`field` is written and not empty (`field:` alone is null, which the validator takes as absent)."""
    types = sorted({alt["type"] for alt in _alternatives(structure["properties"][field])})
    return {"required": [field], "properties": {field: {"type": types if len(types) > 1 else types[0]}}}


def _when(field: str, values: tuple[str, ...], then: Schema) -> Schema:
    """`then` applies to a structure whose `field` holds one of `values` (and to nothing else:
    without "type", anything but a mapping would pass the condition)."""
    condition = {"const": values[0]} if len(values) == 1 else {"enum": list(values)}
    return {"if": {"type": "object", "properties": {field: condition}, "required": [field]}, "then": then}


def _sanction_rules(sanction: Schema, words: Sentences) -> None:
    sanction["allOf"] = [
        _when("kind", AMOUNT_REQUIRED_FOR, _given(sanction, "amount")),
        _when("kind", UNTIL_REQUIRED_FOR, _given(sanction, "until")),
    ]


def _subject_rules(subject: Schema, words: Sentences) -> None:
    required = tuple(kind for kind in get_args(SubjectKind) if kind in USCC_REQUIRED_FOR)
    refused = tuple(kind for kind in get_args(SubjectKind) if kind not in USCC_REQUIRED_FOR)
    not_written = {"properties": {"uscc": {"type": "null", "errorMessage": words["error_uscc_not_allowed"]}}}
    subject["allOf"] = [_when("kind", required, _given(subject, "uscc")), _when("kind", refused, not_written)]


def _attachment_rules(attachment: Schema, words: Sentences) -> None:
    """One target; a remote file's `size` and `sha256` together, and never beside `file`."""
    _one_of("file", "url", exactly=True)(attachment, words)
    not_written = {"type": "null", "errorMessage": words["error_declared_on_file"]}
    attachment["allOf"] = [
        {"if": _given(attachment, "size"), "then": _given(attachment, "sha256")},
        {"if": _given(attachment, "sha256"), "then": _given(attachment, "size")},
        {"if": _given(attachment, "file"),
         "then": {"properties": {"size": not_written, "sha256": not_written}}},
    ]


def _one_of(*fields: str, exactly: bool = False) -> Callable[[Schema, Sentences], None]:
    def add(structure: Schema, words: Sentences) -> None:
        structure["oneOf" if exactly else "anyOf"] = [_given(structure, field) for field in fields]
    return add


# By the YAML path of the structure (a list's path for each of its entries).
RULES_OF_STRUCTURE: dict[str, Callable[[Schema, Sentences], None]] = {
    "sanctions": _sanction_rules,
    "subject": _subject_rules,
    "attachments": _attachment_rules,
    "contact": _one_of("name", "phone", "email"),
    "changes": _one_of("deadline", "opening"),
}


# --- building ---------------------------------------------------------------------------------------


def notice_json_schema(language: str = "zh") -> Schema:
    """The JSON Schema of one notice file, its words in `language`."""
    _, generated = models_json_schema([(model, "validation") for model in MODEL_OF_TYPE.values()])
    structures = generated["$defs"]
    names = {notice_type: model.__name__ for notice_type, model in MODEL_OF_TYPE.items()}
    words = _Words(language)
    return {
        "$schema": DRAFT,
        "title": words.schema["title"],
        "description": words.schema["description"],
        "type": "object",
        "required": ["type"],
        "properties": {"type": _field("type", {"type": "string", "enum": list(NOTICE_TYPES)}, words)},
        "allOf": [_when("type", (notice_type,), {"$ref": f"#/$defs/{names[notice_type]}"})
                  for notice_type in NOTICE_TYPES],
        "$defs": {names[notice_type]: _notice(notice_type, structures[names[notice_type]], structures, words)
                  for notice_type in NOTICE_TYPES},
    }


class _Words:
    """The words of a schema, in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.schema: Sentences = SCHEMA_WORDS.words(language)
        self.help: Sentences = SCHEMA_HELP.words(language)
        self.fields: Sentences = FIELDS.words(language)

    def said(self, message: Message) -> str:
        return message.in_language(self.language)


def _notice(notice_type: str, generated: Schema, structures: Schema, words: _Words) -> Schema:
    notice = _written_out(generated, structures)
    _describe(notice, "", words)
    name = VOCABULARIES["type"][notice_type]
    what = words.said(SCHEMA_WORDS.message("notice", name=name, what=SCHEMA_WORDS[notice_type]))
    return {"title": name.in_language(words.language), "description": what,
            **{key: value for key, value in notice.items() if key not in ("title", "description")}}


def _written_out(schema: Any, structures: Schema) -> Any:
    """`schema` with every reference to a structure replaced by the structure itself, less the
    class's title and docstring (the field's title and help are the ones shown)."""
    if isinstance(schema, list):
        return [_written_out(item, structures) for item in schema]
    if not isinstance(schema, dict):
        return schema
    written = {key: _written_out(value, structures) for key, value in schema.items() if key != "$ref"}
    if "$ref" not in schema:
        return written
    target = structures[schema["$ref"].rsplit("/", 1)[1]]
    inner = {key: value for key, value in target.items() if key not in ("title", "description")}
    return {**_written_out(inner, structures), **written}


OWN_WORDS = ("title", "description", "default")  # pydantic's, replaced (a default would be typed in)


def _alternatives(field: Schema) -> list[Schema]:
    """The forms a field's value may take, but null (an empty `field:` is as good as none)."""
    if "anyOf" not in field:
        return [{key: value for key, value in field.items() if key not in OWN_WORDS}]
    return [alt for alt in field["anyOf"] if alt.get("type") != "null"]


def _describe(structure: Schema, prefix: str, words: _Words) -> None:
    """Title, help and form of each field of `structure` (at YAML path `prefix`), then its rules."""
    for name, field in structure["properties"].items():
        structure["properties"][name] = _field(f"{prefix}{name}", field, words)
    add_rules = RULES_OF_STRUCTURE.get(prefix.rstrip("."))
    if add_rules is not None:
        add_rules(structure, words.schema)


def _field(path: str, field: Schema, words: _Words) -> Schema:
    nullable = any(alt.get("type") == "null" for alt in field.get("anyOf", []))
    found = [copy.deepcopy(alt) for alt in _alternatives(field)]
    if path in KIND_OF_FIELD:
        found = KINDS[KIND_OF_FIELD[path]](found, words.schema)
    for alt in found:
        _check_formed(path, alt)
        if "enum" in alt:
            vocabulary = VOCABULARIES[VOCABULARY_OF_FIELD[path]].words(words.language)
            alt["enumDescriptions"] = [vocabulary[code] for code in alt["enum"]]
        for structure in _structures_in(alt):
            _describe(structure, f"{path}.", words)
    forms = [*found, {"type": "null"}] if nullable else found
    label = words.fields[path]
    return {"title": label[:1].upper() + label[1:], "description": _help(path, found, words),
            **({"anyOf": forms} if len(forms) > 1 else forms[0])}


def _structures_in(schema: Schema) -> Iterator[Schema]:
    if schema.get("type") == "object" and "properties" in schema:
        yield schema
    elif schema.get("type") == "array":
        yield from _structures_in(schema["items"])


def _check_formed(path: str, alt: Schema) -> None:
    """A field that holds one value has its form here: a new field of the models stops the
    schema's build until it is given one."""
    one_value = alt.get("type") in ("string", "number", "integer") and not {"enum", "const"} & set(alt)
    if one_value and path not in KIND_OF_FIELD:
        raise LookupError(f"no kind of value for the field {path!r}: add it to KIND_OF_FIELD")


def _help(path: str, found: list[Schema], words: _Words) -> str:
    """The field's help; a coded field's lists its codes with their names, and an example."""
    help_text = words.help[path]
    coded = next((alt for alt in found if "enum" in alt or "const" in alt), None)
    if coded is None:
        return help_text
    vocabulary = VOCABULARIES[VOCABULARY_OF_FIELD[path]]
    codes: list[str] = coded.get("enum", [coded.get("const")])
    choices = Series.of([SCHEMA_WORDS.message("choice", name=vocabulary[code], code=code) for code in codes])
    example = f"{path.rsplit('.', 1)[-1]}: {codes[0]}"
    key = "choices" if "enum" in coded else "fixed"
    return words.said(SCHEMA_WORDS.message(key, help=help_text, choices=choices, example=example))
