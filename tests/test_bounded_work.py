"""Bounded work on hostile sizes: a file with thousands of problems reports its first 100 and
one line with the count of the rest (and costs memory for 100, not for thousands); lists have
limits, published in the JSON Schema; an attachment is hashed in chunks, whatever its size."""

from __future__ import annotations

import hashlib
import json
import re
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import REPO, VALID_TENDER
from opendata_support import exported_records
from test_editor_messages import guide_sections
from test_malformed import PENALTY  # a valid penalty notice

from generator import datafiles
from generator.dataset import MAX_PROBLEMS_PER_FILE, load_dataset
from generator.load import MAX_VALUES, parse_yaml
from generator.model import MAX_ATTACHMENTS, MAX_CANDIDATES, MAX_SANCTIONS, MAX_WINNERS
from generator.render.pages import RenderContext

TENDER = "2026/420902/XN-GC-2026-001.yaml"
SHOWN_TENDER = f"data/notices/{TENDER}"
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+)(?::(?P<line>\d+)(?::\d+)?)?: (?P<severity>error|warning|错误|警告): "
                          r"(?P<message>.*) \[(?P<rule>[a-z0-9-]+)\]$")
SEVERITY = {"错误": "error", "警告": "warning", "error": "error", "warning": "warning"}

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
    return [{**match.groupdict(), "severity": SEVERITY[match["severity"]]} for match in lines if match]


def unknown_fields(count: int) -> str:
    """A valid tender followed by `count` unknown fields, one a line from line 19."""
    return VALID_TENDER + "".join(f"extra{index:05d}: x\n" for index in range(count))


# --- at most 100 problems per file, then a count -------------------------------------------------


def test_a_file_with_thousands_of_problems_shows_its_first_hundred_and_a_count(
    make_data, run_cli, tmp_path
):
    data = make_data({TENDER: unknown_fields(4000)})
    result = run_cli("validate", "--data", data, "--lang", "en", cwd=tmp_path)
    assert result.exit_code == 1
    problems = parsed(result.out)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    shown, count = problems[:-1], problems[-1]
    assert [p["rule"] for p in shown] == ["unknown-field"] * MAX_PROBLEMS_PER_FILE
    assert [int(p["line"]) for p in shown] == list(range(19, 19 + MAX_PROBLEMS_PER_FILE))
    assert count["path"] == SHOWN_TENDER and count["line"] is None
    assert (count["severity"], count["rule"]) == ("error", "too-many-problems")
    assert count["message"].startswith("… and 3900 more problem(s) in this file, not shown")


def test_the_count_is_said_in_chinese_as_the_guide_shows_it(make_data, run_cli, tmp_path):
    data = make_data({TENDER: unknown_fields(4000)})
    problems = json.loads(run_cli("validate", "--data", data, "--format", "json", cwd=tmp_path).out)
    count = problems[-1]
    assert count["rule"] == "too-many-problems"
    assert count["message"] == "……此文件还有 3900 个问题未列出（只列出前 100 个）：改正以上问题后再检查一次"
    assert count["message"] in guide_sections()["too-many-problems"]


def test_the_count_is_per_file_and_other_files_are_reported_in_full(make_data, run_cli, tmp_path):
    other = "2026/420902/XN-GC-2026-002.yaml"
    data = make_data({TENDER: unknown_fields(150),
                      other: unknown_fields(3).replace("XN-GC-2026-001", "XN-GC-2026-002")})
    result = run_cli("validate", "--data", data, "--format", "json", cwd=tmp_path)
    problems = json.loads(result.out)
    by_path: dict[str, list[str]] = {}
    for problem in problems:
        by_path.setdefault(problem["path"], []).append(problem["rule"])
    assert by_path[f"data/notices/{other}"] == ["unknown-field"] * 3
    assert by_path[SHOWN_TENDER] == ["unknown-field"] * MAX_PROBLEMS_PER_FILE + ["too-many-problems"]


def test_a_flood_of_personal_data_is_capped_too(make_data, run_cli, tmp_path):
    body = "body: |\n" + "".join(f"  电话 1380013{index:04d}\n" for index in range(3000))
    data = make_data({"2026/420900/XG-CF-2026-003.yaml": PENALTY + body})
    result = run_cli("validate", "--data", data, "--lang", "en", cwd=tmp_path)
    problems = parsed(result.out)
    assert [p["rule"] for p in problems] == ["personal-data"] * MAX_PROBLEMS_PER_FILE + ["too-many-problems"]
    assert "2900 more" in problems[-1]["message"]


def test_a_flood_of_values_stops_reading_at_the_limit(make_data, run_cli, tmp_path):
    data = make_data({TENDER: unknown_fields(70_000)})
    assert (data / "notices" / TENDER).stat().st_size < 1024 * 1024
    result = run_cli("validate", "--data", data, "--lang", "en", cwd=tmp_path)
    (problem,) = parsed(result.out)
    in_the_tender = len(parse_yaml(VALID_TENDER)[1].values)  # one extra field a line from line 19
    assert (problem["rule"], problem["line"]) == ("yaml-values", str(19 + MAX_VALUES - in_the_tender))
    assert f"more than {MAX_VALUES} values" in problem["message"]


def test_a_hostile_file_costs_bounded_memory(make_data, tmp_path):
    """1 MiB of "key: value" lines once cost over 150 MiB to read, validate and report."""
    data = make_data({TENDER: unknown_fields(70_000)})
    tracemalloc.start()
    try:
        dataset = load_dataset(data, ZoneInfo("Asia/Shanghai"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.rule for p in dataset.problems] == ["yaml-values"]
    assert peak < 32 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"


def test_a_long_value_is_not_repeated_in_full_in_a_message(make_data, run_cli, tmp_path):
    text = VALID_TENDER.replace("method: open", "method: " + "x" * 100_000)
    data = make_data({TENDER: text})
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    (problem,) = parsed(result.out)
    assert problem["rule"] == "value-literal-error"
    assert len(problem["message"]) < 300
    assert "现在写的是“xxxx" in problem["message"] and "…”" in problem["message"]


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
    assert "中标候选人 `candidates` 有 150 项，最多只能有 100 项" in problems[0]["message"]


def test_lists_at_their_limit_are_accepted(make_data, run_cli, tmp_path):
    tender = VALID_TENDER + "attachments:\n" + "".join(
        f"  - title: 附件{index}\n    url: https://example.cn/{index}.pdf\n" for index in range(MAX_ATTACHMENTS))
    entries = "".join(f"  - rank: {rank}\n    name: 某某建设工程有限公司{rank}\n"
                      for rank in range(1, MAX_CANDIDATES + 1))
    data = make_data({TENDER: tender, "2026/420902/XN-GC-2026-001-HX.yaml": CANDIDATES + entries})
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert not [p for p in parsed(result.out) if p["rule"] == "value-too-long"], result.out


# --- attachments are hashed in chunks ---------------------------------------------------------------


def test_a_large_attachment_is_hashed_in_bounded_memory(tmp_path):
    files = tmp_path / "data" / "files"
    size = 256 * 1024 * 1024
    (files / "2026").mkdir(parents=True)
    with (files / "2026" / "big.iso").open("wb") as handle:  # sparse: no disk used
        handle.truncate(size)
    expected = hashlib.sha256()
    zeros = bytes(datafiles.CHUNK_BYTES)
    for _ in range(size // len(zeros)):
        expected.update(zeros)
    del zeros
    ctx = RenderContext(site=None, language="zh", files_dir=files, page_size=20)  # type: ignore[arg-type]
    tracemalloc.start()
    try:
        published = ctx.attachment_file("2026/big.iso")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (published.size, published.sha256) == (size, expected.hexdigest())
    assert published.target == "files/2026/big.iso"
    assert peak < 8 * datafiles.CHUNK_BYTES, f"peak {peak / 2**20:.0f} MiB for a 256 MiB file"


def test_a_build_publishes_attachments_as_hashed(make_data, tmp_path):
    from generator.cli import main

    attachment = "2026/XN-GC-2026-001/招标文件.pdf"
    content = b"%PDF-1.4 " + bytes(range(256)) * 9000
    data = make_data({TENDER: VALID_TENDER + f"attachments:\n  - title: 招标文件\n    file: {attachment}\n"},
                     files={attachment: content})
    out = tmp_path / "site"
    assert main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(data), "--out", str(out),
                 "--now", "2026-03-10T12:00:00+08:00"]) == 0
    assert (out / "files" / attachment).read_bytes() == content
    exported = exported_records(out)
    facts = json.dumps(exported, ensure_ascii=False)
    assert hashlib.sha256(content).hexdigest() in facts
    assert not Path(out / "files" / attachment).is_symlink()
