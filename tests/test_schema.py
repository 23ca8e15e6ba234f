"""The published JSON Schema (`gongshi schema`, schema/notice.schema.json): a valid Draft 2020-12
schema that accepts every sample notice and rejects typical mistakes, checked with jsonschema
independently of our models."""

from __future__ import annotations

import copy
import json
import re
import textwrap
from datetime import date, datetime
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, SAMPLE_DATA, VALID_TENDER

from generator.model import notice_json_schema

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
    """What an IDE sees: PyYAML's dates and datetimes back to the text they were written as."""
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


def _properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (model, name, prop)
        for model, definition in schema["$defs"].items()
        for name, prop in definition.get("properties", {}).items()
    ]


def test_every_property_has_a_chinese_title(schema):
    untitled = [f"{model}.{name}" for model, name, prop in _properties(schema)
                if not CJK.search(prop.get("title", ""))]
    assert not untitled, f"properties without a Chinese title: {untitled}"
    for model in ("Tender", "Amendment", "Candidates", "Award", "Termination", "Penalty"):
        assert CJK.search(schema["$defs"][model]["description"]), model


def test_every_choice_is_explained(schema):
    """Enum fields list each allowed value with its Chinese meaning in the description."""
    for model, name, prop in _properties(schema):
        choices = prop.get("enum") or next(
            (option["enum"] for option in prop.get("anyOf", []) if "enum" in option), []
        )
        for choice in choices:
            assert re.search(rf"(^|[ ,]){re.escape(choice)} [\u4e00-\u9fff]",
                             prop.get("description", "")), f"{model}.{name}: {choice}"


def test_schema_accepts_the_examples(validator):
    for text in (VALID_TENDER, VALID_CANDIDATES):
        assert not list(validator.iter_errors(load(text)))


def test_schema_accepts_every_sample_notice(validator):
    files = sorted((SAMPLE_DATA / "notices").rglob("*.yaml"))
    assert len(files) >= MINIMUM_SAMPLES, (
        f"expected the sample data set ({MINIMUM_SAMPLES}+ notices) under data/notices/, "
        f"found {len(files)}"
    )
    rejected = []
    for path in files:
        notice = as_json_values(yaml.safe_load(path.read_text(encoding="utf-8")))
        errors = sorted(validator.iter_errors(notice), key=lambda e: list(e.absolute_path))
        rejected += [f"{path.relative_to(REPO)}: {list(e.absolute_path)}: {e.message}"
                     for e in errors[:3]]
    assert not rejected, "\n".join(rejected)


def _mutated(text: str, change) -> Any:
    notice = copy.deepcopy(load(text))
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
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_schema_rejects_typical_mistakes(mistake, validator):
    text, change = MISTAKES[mistake]
    assert not list(validator.iter_errors(load(text))), "the unchanged example must be valid"
    assert list(validator.iter_errors(_mutated(text, change))), mistake
