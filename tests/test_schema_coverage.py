"""The editor sees what the validator sees (issue #14): every malformed input of
tests/test_malformed.py goes through the published JSON Schema too, read as the YAML extension of
an editor reads it, and is either rejected by the schema or breaks a rule only `gongshi validate`
can check. Those rules are listed once, in ONLY_VALIDATE, and the editor guide lists the same
(在编辑器里自动补全和检查 › 编辑器检查不到的规则).

Reading: with gongshi's own YAML reader (generator/load.py), which resolves values by YAML 1.2's
core schema as the editor's YAML extension does by default (dates stay text, `no` stays text,
numbers stay numbers). PyYAML's `safe_load` reads YAML 1.1 and would check another reading of the
file than either the editor's or the validator's. An input the reader refuses (not UTF-8, bad
YAML syntax, anchors, tags, several documents…) never reaches a schema: the editor's YAML parser
or `gongshi validate` says what is wrong with the file itself, and the case's rule must be the
reader's."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
from conftest import REPO
from test_malformed import HOSTILE_CASES, ORDER_CASES, SHAPE_CASES, VALID, WARNING_CASES, Case

from generator.errors import Rule
from generator.load import YamlFileError, decode_text, parse_yaml
from generator.schema import notice_json_schema

EDITOR_GUIDE = REPO / "content" / "guide" / "editor.md"
GUIDE_SECTION = "### 编辑器检查不到的规则"
CASES = [*SHAPE_CASES, *ORDER_CASES, *HOSTILE_CASES, *WARNING_CASES]

# The rules only `gongshi validate` checks, each with the malformed inputs that show it: the
# schema accepts these inputs. They need another file (the tender, regions.yaml, an attachment),
# the file's name, two values compared (dates in order, ranks), or a computation no pattern makes
# (a check character, a file's size, personal data however it is spelled). The guide lists the
# same rule ids.
ONLY_VALIDATE: dict[str, tuple[str, ...]] = {
    # one value: its check character, its decimals (JSON Schema's multipleOf 0.01 fails valid
    # amounts in tools that divide in binary floating point)
    "value": ("uscc-check-character", "money-three-decimals",
              # regions.yaml
              "region-reviewer-without-at", "region-reviewer-not-a-github-name", "region-code-malformed"),
    # other files and the data folder
    "region-unknown": ("region-unknown",),
    "amends-unknown": ("amends-missing-id", "amends-missing-id-of-another-project"),
    "amends-type": ("amends-a-non-tender",),
    "amends-project": ("amends-other-project",),
    "amends-broken": ("amends-a-broken-tender",),
    "project-tender": ("result-without-tender", "termination-without-tender", "result-of-a-broken-tender"),
    "published-order": ("amendment-before-tender", "result-before-tender"),
    "attachment-file": ("attachment-missing-file", "long-attachment-name"),
    "id-unique": ("duplicate-id-two-folders", "id-differs-in-case"),
    "id-format": ("id-too-short", "id-bad-characters", "id-starts-with-an-underscore"),
    "data-layout": ("regions-missing",),
    "file-extension": ("yml-extension", "upper-case-extension", "non-yaml-file"),
    "file-size": ("over-one-mib",),
    # the repository's CODEOWNERS, compared with regions.yaml
    "codeowners-outdated": ("codeowners-missing",),
    # regions.yaml, which the schema of a notice file does not describe
    "region-unique": ("region-duplicate-code",),
    "region-parent": ("region-parent-missing", "region-wrong-parent", "region-city-without-parent",
                      "region-county-without-parent", "region-province-with-parent"),
    "region-cycle": ("region-cycle",),
    "required": ("region-missing-name",),
    "value-list-type": ("regions-not-a-list",),
    "unknown-field": ("region-unknown-field",),
    "value-model-type": ("region-not-a-mapping",),
    # two values of a file compared
    "deadline-order": ("deadline-before-published", "changes-deadline-before-amendment"),
    "opening-order": ("opening-before-deadline", "changes-opening-before-new-deadline",
                      "changes-opening-before-tender-deadline"),
    "publicity-order": ("candidates-publicity-before-published", "penalty-publicity-before-decided"),
    "decided-order": ("decided-after-published",),
    "withdrawn-date": ("withdrawn-before-published",),
    "sanction-until": ("until-before-decided",),
    "candidates-ranks": ("ranks-duplicate", "ranks-gap"),
    "period-tender": ("open-construction-under-20-days",),
    "period-amendment": ("amendment-under-15-days", "amendment-after-the-deadline"),
    "period-candidates": ("candidates-under-3-days",),
    # personal data, found however it is spelled
    "personal-data": ("penalty-unmasked-resident-id", "penalty-unmasked-mobile",
                      "penalty-unmasked-mobile-plus86", "penalty-unquoted-id-number"),
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(notice_json_schema())


class Unread(Exception):
    """The reader refused the file: no schema sees it."""

    def __init__(self, error: YamlFileError) -> None:
        super().__init__(error.message)
        self.rule = str(error.rule)


def read_as_an_editor(content: str | bytes) -> Any:
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    try:
        data, _ = parse_yaml(decode_text(raw), max_values=None)
    except YamlFileError as error:
        raise Unread(error) from None
    return data


def is_a_notice_file(case: Case) -> bool:
    """Whether the defect is in a notice file as an editor opens it (regions.yaml and files that
    are not notices by their name have no notice schema)."""
    return case.file != "regions.yaml" and case.file.endswith(".yaml") and case.content is not None


def schema_errors(validator: jsonschema.Draft202012Validator, case: Case) -> list[str]:
    if not is_a_notice_file(case):
        return []
    assert case.content is not None
    return [f"{list(error.absolute_path)}: {error.message}"
            for error in validator.iter_errors(read_as_an_editor(case.content))]


@pytest.mark.parametrize("bad", CASES, ids=lambda c: c.name)
def test_each_malformed_input_is_rejected_by_the_schema_or_left_to_validate(bad: Case, validator) -> None:
    try:
        errors = schema_errors(validator, bad)
    except Unread as refused:
        assert refused.rule == bad.rule, f"read as [{refused.rule}], reported as [{bad.rule}]"
        return
    if bad.name in ONLY_VALIDATE.get(bad.rule, ()):
        assert not errors, (f"the schema now catches {bad.name}: remove it from ONLY_VALIDATE "
                            f"(and its rule from the guide when none is left)\n{errors}")
    else:
        assert errors, f"the schema accepts {bad.name} [{bad.rule}]: the editor would not see it"


def test_only_validate_names_real_cases() -> None:
    rule_of = {case.name: case.rule for case in CASES}
    wrong = [f"{rule}: {name}" for rule, names in ONLY_VALIDATE.items() for name in names
             if rule_of.get(name) != rule]
    assert not wrong, f"no malformed case of that name and rule: {wrong}"
    assert set(ONLY_VALIDATE) <= {str(rule) for rule in Rule}


def guide_list() -> list[tuple[str, str]]:
    """(rule id, link target) of each link in the guide's list of what only validate checks."""
    guide = EDITOR_GUIDE.read_text(encoding="utf-8")
    assert GUIDE_SECTION in guide, f"content/guide/editor.md has no section {GUIDE_SECTION!r}"
    section = re.split(r"^#{1,3} ", guide.split(GUIDE_SECTION, 1)[1], maxsplit=1, flags=re.M)[0]
    return re.findall(r"\[`([a-z0-9-]+)`\]\(#([a-z0-9-]+)\)", section)


def test_the_guide_lists_the_rules_only_validate_checks() -> None:
    listed = guide_list()
    assert [rule for rule, target in listed if rule != target] == [], "each rule links to its entry"
    assert sorted(rule for rule, _ in listed) == sorted(set(rule for rule, _ in listed)), "listed twice"
    assert sorted(rule for rule, _ in listed) == sorted(ONLY_VALIDATE)


def test_the_starting_files_pass_the_schema(validator) -> None:
    """Each malformed input changes one thing of these: what the schema finds is that change."""
    for path, text in VALID.items():
        errors = [error.message for error in validator.iter_errors(read_as_an_editor(text))]
        assert not errors, f"{path}: {errors}"
