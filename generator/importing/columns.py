"""The template workbook's columns, one list per notice type, made from the models (as `gongshi
new`'s scaffold is): every field of the type but `type` (the sheet says it), nested fields
flattened (`buyer.name`), lists as numbered groups of columns (`candidates` 1…3). The template
writes them, the reader finds each header's column by them; headers are field labels
(words/fields.py) in either language, so a template made in one imports in the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from ..commands.new import field_order, field_shape, value_kind
from ..load import Key
from ..model import MODEL_OF_TYPE
from ..words import FIELDS, IMPORTING, LANGUAGES, VOCABULARIES, Message

# Groups of columns a row has for each list (more than a workbook row holds well go in YAML).
LIST_GROUPS = {"attachments": 3, "candidates": 3, "winners": 3, "sanctions": 2}
RANKED = "candidates"  # group N is rank N: no rank column
CODED = {"category": "category", "method": "method", "subject.kind": "subject",
         "sanctions.kind": "sanction"}
ID_COLUMN = "id"


@dataclass(frozen=True)
class Column:
    """One column: the key of the value it holds (list positions from 0), its field path
    without positions (`candidates.name`), the kind of value, required or not."""

    key: Key
    path: str
    kind: str  # text | money | integer | date | datetime | date-or-datetime | choice
    required: bool
    number: int | None = None  # the group of a list's column, from 1

    def header(self, language: str) -> str:
        return self.label().in_language(language)

    def label(self) -> Message:
        """The header the template writes, in whichever language it is said."""
        if self.key == (ID_COLUMN,):
            return IMPORTING.message("id_header")
        label = FIELDS.message(self.path)  # every field has one, as `gongshi new` needs
        if self.number is None:
            return label
        return IMPORTING.message("numbered", label=label, number=self.number)

    def headers(self) -> set[str]:
        """What the reader takes as this column's header: the label in every language, the path."""
        return {self.header(language) for language in LANGUAGES} | {self.dotted()}

    def dotted(self) -> str:
        return ".".join(str(part + 1) if isinstance(part, int) else part for part in self.key)

    def choices(self) -> tuple[str, ...]:
        """The codes of a coded column (category, method…), else none."""
        vocabulary = CODED.get(self.path)
        return tuple(VOCABULARIES[vocabulary]) if vocabulary else ()


@cache
def columns_of(notice_type: str) -> tuple[Column, ...]:
    model = MODEL_OF_TYPE[notice_type]
    found = [Column((ID_COLUMN,), ID_COLUMN, "text", False)]
    found += [column for name in field_order(model, top=True) if name != "type"
              for column in _field_columns(model, name, (), "", required=True)]
    return tuple(found)


def _field_columns(model: type[BaseModel], name: str, parent: Key, parent_path: str, *,
                   required: bool, number: int | None = None) -> list[Column]:
    info = model.model_fields[name]
    key, path = (*parent, name), f"{parent_path}{name}"
    needed = required and info.is_required()
    kind, target = field_shape(info.annotation)
    if kind == "model":
        return [column for inner in target.model_fields
                for column in _field_columns(target, inner, key, f"{path}.", required=needed, number=number)]
    if kind == "list":
        groups = LIST_GROUPS.get(name, 1)
        return [column for index in range(groups) for inner in target.model_fields
                if not (name == RANKED and inner == "rank")
                for column in _field_columns(target, inner, (*key, index), f"{path}.",
                                             required=needed and index == 0, number=index + 1)]
    return [Column(key, path, value_kind(target), needed, number)]




@cache
def _columns_by_key(notice_type: str) -> dict[Key, Column]:
    return {column.key: column for column in columns_of(notice_type)}


def column_at(notice_type: str, key: Key) -> Column | None:
    """The column of the template of `notice_type` that holds the value at `key`, if one does."""
    return _columns_by_key(notice_type).get(key)


@cache
def choice_codes(column: Column) -> dict[str, str]:
    """Each way a cell may say a code (the code, its name in each language) → the code."""
    found: dict[str, str] = {}
    vocabulary = CODED.get(column.path)
    for code in column.choices():
        found[code.casefold()] = code
        if vocabulary:
            for language in LANGUAGES:
                found[VOCABULARIES[vocabulary].words(language)[code].casefold()] = code
    return found
