"""The published JSON Schema (`gongshi schema`, schema/notice.schema.json): a valid Draft 2020-12
schema that accepts every sample notice and rejects typical mistakes, checked with jsonschema
independently of our models; every field titled and explained with an example, in the site's
language; its forms of dates and the rules between fields agree with the validator's.
(tests/test_schema_coverage.py runs every malformed input through it.)"""

from __future__ import annotations

import copy
import json
import re
import textwrap
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any, get_args

import jsonschema
import pytest
import yaml
from conftest import REPO, SAMPLE_DATA, VALID_TENDER
from message_language import chinese_text, english_words
from pydantic import TypeAdapter, ValidationError
from test_malformed import PENALTY, P, case, penalty, write_data
from test_schema_coverage import read_as_an_editor

from generator.model import DateTimeValue, DateValue, SanctionKind, SubjectKind
from generator.schema import KIND_OF_FIELD, notice_json_schema
from generator.words import VOCABULARIES

SCHEMA_FILE = REPO / "schema" / "notice.schema.json"
MINIMUM_SAMPLES = 80
CJK = re.compile(r"[\u4e00-\u9fff]")

VALID_CANDIDATES = """\
type: candidates
title: 孝南区书院街道路改造工程中标候选人公示
region: "420902"
published: 2026-03-26 09:00
publisher: 孝感市公共资源交易中心
category: construction
project:
  code: XN-GC-2026-001
  name: 孝南区书院街道路改造工程
candidates:
  - rank: 1
    name: 湖北某某建设工程有限公司
    uscc: 91350100M000100Y43
    amount: 12500000
publicity_end: 2026-03-29
"""


def as_json_values(value: Any) -> Any:
    """A YAML 1.1 reading (PyYAML's default) as JSON: its dates and datetimes back to the text
    they were written as."""
    if isinstance(value, dict):
        return {key: as_json_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_values(item) for item in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def load(text: str) -> Any:
    return as_json_values(yaml.safe_load(textwrap.dedent(text)))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return notice_json_schema()


@pytest.fixture(scope="module")
def validator(schema) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema)


def test_cli_prints_a_valid_draft_2020_12_schema(run_cli, tmp_path):
    result = run_cli("schema", cwd=tmp_path)
    assert result.exit_code == 0
    printed = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed == notice_json_schema()


def test_committed_schema_file_is_the_generated_one(run_cli, tmp_path):
    printed = run_cli("schema", cwd=tmp_path).out
    assert SCHEMA_FILE.read_text(encoding="utf-8") == printed, (
        "schema/notice.schema.json is out of date: regenerate it with "
        "`gongshi schema > schema/notice.schema.json` and commit it"
    )


def fields_of(schema: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(YAML path, field schema) of every field of every notice type, nested ones included (not
    the conditions' fields: they repeat a field's name to say it must be written)."""
    if isinstance(schema, list):
        for item in schema:
            yield from fields_of(item, path)
        return
    if not isinstance(schema, dict):
        return
    for name, field in schema.get("properties", {}).items():
        yield f"{path}{name}", field
        yield from fields_of(field, f"{path}{name}.")
    if "properties" not in schema:  # a structure's anyOf is a rule, a field's its forms
        for key in ("anyOf", "items"):
            yield from fields_of(schema.get(key), path)
    for model in schema.get("$defs", {}).values():
        yield from fields_of(model, path)


def texts_of(schema: Any) -> Iterator[str]:
    """Every word the schema shows an editor: titles, help, names of codes, error messages."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key in ("title", "description", "errorMessage") and isinstance(value, str):
                yield value
            elif key == "enumDescriptions":
                yield from value
            elif key not in ("properties",):
                yield from texts_of(value)
        for field in schema.get("properties", {}).values():
            yield from texts_of(field)
    elif isinstance(schema, list):
        for item in schema:
            yield from texts_of(item)


def test_every_field_has_a_chinese_title_and_help_with_an_example(schema):
    fields = list(fields_of(schema))
    assert len({path for path, _ in fields}) >= 60
    untitled = [path for path, field in fields if not CJK.search(field["title"])]
    assert not untitled, f"fields without a Chinese title: {untitled}"
    unexplained = [path for path, field in fields if "例如" not in field.get("description", "")]
    assert not unexplained, f"fields without help and an example: {unexplained}"
    for model in ("Tender", "Amendment", "Candidates", "Award", "Termination", "Penalty"):
        assert CJK.search(schema["$defs"][model]["title"] + schema["$defs"][model]["description"]), model


def test_a_nested_field_has_the_title_of_its_place(schema):
    tender = schema["$defs"]["Tender"]["properties"]
    buyer_name = tender["buyer"]["properties"]["name"]["title"]
    agency_name = tender["agency"]["anyOf"][0]["properties"]["name"]["title"]
    assert (buyer_name, agency_name) == ("招标人名称", "代理机构名称")
    assert tender["method"]["title"] == "交易方式"


def test_every_code_is_shown_with_its_chinese_name(schema):
    """交易方式 `method`: 公开招标 `open`… in the help, and each name beside its code in the
    completion list (enumDescriptions)."""
    coded = 0
    for path, field in fields_of(schema):
        for form in field.get("anyOf", [field]):
            if "enum" not in form:
                continue
            coded += 1
            vocabulary = next(v for v in VOCABULARIES.values() if set(v) == set(form["enum"]))
            names = [vocabulary.words("zh")[code] for code in form["enum"]]
            assert form["enumDescriptions"] == names, path
            for code, name in zip(form["enum"], names, strict=True):
                assert f"{name} `{code}`" in field["description"], f"{path}: {code}"
    assert coded >= 6
    assert "公开招标 `open`" in schema["$defs"]["Tender"]["properties"]["method"]["description"]


def test_the_words_are_in_one_language_each(schema, run_cli, tmp_path):
    chinese = [text for text in texts_of(schema) if english_words(text)]
    assert not chinese, [(text, english_words(text)) for text in chinese]
    english = json.loads(run_cli("--lang", "en", "schema", cwd=tmp_path).out)
    assert english["$defs"]["Tender"]["properties"]["method"]["title"] == "Procurement method"
    assert "`open` (Open tender)" in english["$defs"]["Tender"]["properties"]["method"]["description"]
    mixed = [text for text in texts_of(english) if chinese_text(text)]
    assert not mixed, mixed
    assert english["required"] == schema["required"] and english["allOf"] == schema["allOf"]


# What Python's `re` (jsonschema) and JavaScript's RegExp (the editor) read differently or not at
# all: named groups, look-behind, inline flags, \A \Z, and \d \w \b (Unicode in Python, ASCII in
# JavaScript).
PYTHON_ONLY = re.compile(r"\(\?P|\(\?<|\(\?#|\(\?[aiLmsux]|\\[AZdDwWbB]")


def patterns_of(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "pattern":
                yield value
            else:
                yield from patterns_of(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from patterns_of(item)


def test_patterns_read_alike_in_python_and_javascript(schema):
    patterns = set(patterns_of(schema))
    assert len(patterns) >= 8
    assert not [pattern for pattern in patterns if PYTHON_ONLY.search(pattern)]


def test_schema_accepts_the_examples(validator):
    for text in (VALID_TENDER, VALID_CANDIDATES, PENALTY):
        assert not list(validator.iter_errors(load(text)))
        assert not list(validator.iter_errors(read_as_an_editor(text)))


READERS = {
    "yaml-1.2": read_as_an_editor,  # as gongshi and the editor's YAML extension read
    "yaml-1.1": lambda text: as_json_values(yaml.safe_load(text)),  # as PyYAML reads by default
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_schema_accepts_every_sample_notice(reader, validator):
    files = sorted((SAMPLE_DATA / "notices").rglob("*.yaml"))
    assert len(files) >= MINIMUM_SAMPLES, (
        f"expected the sample data set ({MINIMUM_SAMPLES}+ notices) under data/notices/, "
        f"found {len(files)}"
    )
    rejected = []
    for path in files:
        notice = READERS[reader](path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(notice), key=lambda e: list(e.absolute_path))
        rejected += [f"{path.relative_to(REPO)}: {list(e.absolute_path)}: {e.message}"
                     for e in errors[:3]]
    assert not rejected, "\n".join(rejected)


def _mutated(text: str, change) -> Any:
    notice = copy.deepcopy(read_as_an_editor(textwrap.dedent(text)))
    change(notice)
    return notice


MISTAKES = {
    "unknown field": (VALID_TENDER, lambda n: n.update(budgett=100)),
    "unknown field in a mapping": (VALID_TENDER, lambda n: n["buyer"].update(phone="0712-1")),
    "missing title": (VALID_TENDER, lambda n: n.pop("title")),
    "title too short": (VALID_TENDER, lambda n: n.update(title="招标公告")),
    "wrong type value": (VALID_TENDER, lambda n: n.update(type="tenders")),
    "missing type": (VALID_TENDER, lambda n: n.pop("type")),
    "quoted budget": (VALID_TENDER, lambda n: n.update(budget="12800000")),
    "negative budget": (VALID_TENDER, lambda n: n.update(budget=-1)),
    "bad region code": (VALID_TENDER, lambda n: n.update(region="42090")),
    "region code with letters": (VALID_TENDER, lambda n: n.update(region="42O902")),
    "bad method": (VALID_TENDER, lambda n: n.update(method="public")),
    "bad category": (VALID_TENDER, lambda n: n.update(category="工程建设")),
    "date without time for deadline": (VALID_TENDER, lambda n: n.update(deadline="2026-03-25")),
    "bad uscc": (VALID_TENDER, lambda n: n["buyer"].update(uscc="91350100M000100Y4")),
    "candidates empty list": (VALID_CANDIDATES, lambda n: n.update(candidates=[])),
    "candidate rank as text": (VALID_CANDIDATES, lambda n: n["candidates"][0].update(rank="1")),
    "missing publicity_end": (VALID_CANDIDATES, lambda n: n.pop("publicity_end")),
    "fine without amount": (PENALTY, lambda n: n["sanctions"][0].pop("amount")),
    "fine with an empty amount": (PENALTY, lambda n: n["sanctions"][0].update(amount=None)),
    "suspension without until": (PENALTY, lambda n: n["sanctions"][1].pop("until")),
    "debarment without until": (PENALTY, lambda n: n["sanctions"][1].update(kind="debarment", until=None)),
    "company without uscc": (PENALTY, lambda n: n["subject"].pop("uscc")),
    "person with uscc": (PENALTY, lambda n: n["subject"].update(kind="person")),
    "attachment with file and url": (
        VALID_TENDER, lambda n: n.update(attachments=[{"title": "招标文件", "file": "a.pdf",
                                                       "url": "https://example.cn/a.pdf"}])),
    "attachment without file or url": (VALID_TENDER, lambda n: n.update(attachments=[{"title": "招标文件"}])),
    "empty contact": (VALID_TENDER, lambda n: n.update(contact={"name": None})),
    "unfilled placeholder": (VALID_TENDER, lambda n: n.update(publisher="<请填写：发布单位>")),
    "amount as text in a fine": (PENALTY, lambda n: n["sanctions"][0].update(amount="5万元")),
    "a tender's field in a penalty": (PENALTY, lambda n: n.update(deadline="2026-03-25 09:30")),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_schema_rejects_typical_mistakes(mistake, validator):
    text, change = MISTAKES[mistake]
    assert not list(validator.iter_errors(read_as_an_editor(text))), "the unchanged example must be valid"
    assert list(validator.iter_errors(_mutated(text, change))), mistake


# --- the schema says what the validator says ---------------------------------------------------------


def _days(first: date, last: date) -> Iterator[date]:
    while first <= last:
        yield first
        first += timedelta(days=1)


def date_texts() -> list[str]:
    """Every day around the years' edges and leap years, and every month/day number, real or not."""
    days = [day.isoformat() for start, end in [("1900-01-01", "1900-12-31"), ("2000-01-01", "2000-12-31"),
                                               ("2023-12-01", "2024-03-31"), ("2100-02-01", "2100-03-01"),
                                               ("2999-12-01", "2999-12-31")]
            for day in _days(date.fromisoformat(start), date.fromisoformat(end))]
    numbers = [f"{year}-{month:02d}-{day:02d}" for year in (1899, 1900, 2023, 2024, 2100, 3000)
               for month in range(0, 14) for day in range(0, 33)]
    return [*days, *numbers, "2026-3-1", "26-03-01", "2026/03/01", "2026-03-01x", " 2026-03-01"]


def accepted_by(adapter: TypeAdapter[Any], text: str) -> bool:
    try:
        adapter.validate_python(text)
    except ValidationError:
        return False
    return True


def form_of(schema: dict[str, Any], path: str) -> jsonschema.Draft202012Validator:
    field = dict(fields_of(schema["$defs"]["Penalty"]))[path] if path == "decided" else \
        dict(fields_of(schema["$defs"]["Tender"]))[path]
    return jsonschema.Draft202012Validator(field)


def test_dates_the_schema_accepts_are_the_dates_the_validator_accepts(schema):
    assert KIND_OF_FIELD["decided"] == "date"
    as_schema = form_of(schema, "decided")
    adapter: TypeAdapter[Any] = TypeAdapter(DateValue)
    differ = [text for text in date_texts() if as_schema.is_valid(text) != accepted_by(adapter, text)]
    assert not differ, differ[:20]


def test_date_and_times_the_schema_accepts_are_those_the_validator_accepts(schema):
    assert KIND_OF_FIELD["deadline"] == "datetime"
    as_schema = form_of(schema, "deadline")
    adapter: TypeAdapter[Any] = TypeAdapter(DateTimeValue)
    times = ["09:30", "00:00", "23:59", "24:00", "09:60", "9:30", "09:30:59", "09:30:60", "09:30:00.5",
             "09:30Z", "09:30+08:00", "09:30+0800", "09:30-05:30", "09:30+08", "09:30+24:00", "09:30 +08:00"]
    texts = [f"{day}{separator}{time}" for day in ("2026-03-25", "2024-02-29", "2023-02-29", "1899-12-31",
                                                   "2999-12-31", "3000-01-01")
             for separator in (" ", "T", "t", "  ") for time in times]
    differ = [text for text in [*texts, "2026-03-25"] if as_schema.is_valid(text) != accepted_by(adapter, text)]
    assert not differ, differ[:20]


def _rules_reported(run_cli, tmp_path, content: str) -> set[str]:
    data = write_data(tmp_path, case("probe", P, content, None, "", ""))
    result = run_cli("validate", "--data", data, "--format", "json", cwd=tmp_path)
    return {problem["rule"] for problem in json.loads(result.out)}


@pytest.mark.parametrize("kind", get_args(SanctionKind))
def test_a_sanction_needs_in_the_schema_what_it_needs_in_validate(kind, validator, run_cli, tmp_path):
    bare = penalty("  - kind: suspension\n    until: 2027-03-27\n", f"  - kind: {kind}\n")
    reported = _rules_reported(run_cli, tmp_path, bare)
    errors = [list(error.absolute_path) for error in validator.iter_errors(read_as_an_editor(bare))]
    assert bool(errors) == bool(reported & {"sanction-amount", "sanction-until"}), (kind, reported, errors)


@pytest.mark.parametrize("kind", get_args(SubjectKind))
@pytest.mark.parametrize("with_uscc", [True, False])
def test_a_subject_needs_a_code_in_the_schema_when_validate_says_so(kind, with_uscc, validator, run_cli,
                                                                    tmp_path):
    subject = penalty("  kind: company\n", f"  kind: {kind}\n")
    if not with_uscc:
        subject = subject.replace("  uscc: 91350100M000100Y43\n", "")
    reported = _rules_reported(run_cli, tmp_path, subject)
    errors = list(validator.iter_errors(read_as_an_editor(subject)))
    assert bool(errors) == ("subject-uscc" in reported), (kind, with_uscc, reported)
