"""Bounded work on hostile sizes: lists have limits, published in the JSON Schema."""

from __future__ import annotations

import json
import re

from conftest import REPO, VALID_TENDER

from generator.model import MAX_ATTACHMENTS, MAX_CANDIDATES, MAX_SANCTIONS, MAX_WINNERS

TENDER = "2026/420902/XN-GC-2026-001.yaml"
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+)(?::(?P<line>\d+)(?::\d+)?)?: (?P<severity>error|warning): "
                          r"(?P<message>.*) \[(?P<rule>[a-z0-9-]+)\]$")

CANDIDATES = """\
type: candidates
title: 孝南区书院街道路改造工程中标候选人公示
region: "420902"
published: 2026-04-11 10:00
publisher: 孝感市公共资源交易中心
category: construction
project:
  code: XN-GC-2026-001
  name: 孝南区书院街道路改造工程
publicity_end: 2026-04-14
candidates:
"""


def parsed(output: str) -> list[dict[str, str]]:
    lines = [PROBLEM_LINE.match(line) for line in output.splitlines()]
    assert all(lines), output[:2000]
    return [match.groupdict() for match in lines if match]



# --- list limits ------------------------------------------------------------------------------------


def test_list_limits_are_in_the_published_schema():
    schema = json.loads((REPO / "schema" / "notice.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]

    def max_items(model: str, field: str) -> int:
        prop = defs[model]["properties"][field]
        found = [option.get("maxItems") for option in prop.get("anyOf", [prop])]
        return next(limit for limit in found if limit is not None)

    assert max_items("Tender", "attachments") == MAX_ATTACHMENTS == 100
    assert max_items("Penalty", "attachments") == MAX_ATTACHMENTS
    assert max_items("Candidates", "candidates") == MAX_CANDIDATES == 100
    assert max_items("Award", "winners") == MAX_WINNERS == 200
    assert max_items("Penalty", "sanctions") == MAX_SANCTIONS == 20


def test_a_list_over_its_limit_is_one_error(make_data, run_cli, tmp_path):
    entries = "".join(f"  - rank: {rank}\n    name: 某某建设工程有限公司{rank}\n" for rank in range(1, 151))
    data = make_data({"2026/420902/XN-GC-2026-001-HX.yaml": CANDIDATES + entries})
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    problems = [p for p in parsed(result.out) if p["path"].endswith("-HX.yaml")]
    assert [(p["rule"], p["line"]) for p in problems] == [("value-too-long", "12")]  # the list's first item
    assert "candidates has 150 entries; at most 100 are allowed" in problems[0]["message"]


def test_lists_at_their_limit_are_accepted(make_data, run_cli, tmp_path):
    tender = VALID_TENDER + "attachments:\n" + "".join(
        f"  - title: 附件{index}\n    url: https://example.cn/{index}.pdf\n" for index in range(MAX_ATTACHMENTS))
    entries = "".join(f"  - rank: {rank}\n    name: 某某建设工程有限公司{rank}\n"
                      for rank in range(1, MAX_CANDIDATES + 1))
    data = make_data({TENDER: tender, "2026/420902/XN-GC-2026-001-HX.yaml": CANDIDATES + entries})
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert not [p for p in parsed(result.out) if p["rule"] == "value-too-long"], result.out
