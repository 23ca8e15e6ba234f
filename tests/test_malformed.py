"""Malformed data, one defect per input: `gongshi validate` must reject each one with the file,
the exact line and a message that says what to change, and never with a traceback.

Every case starts from a small valid data folder (a tender, an amendment, candidates, an
award, a termination and a penalty of one project) and breaks one thing in one file.
"""

from __future__ import annotations

import json
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import REGIONS_YAML, VALID_TENDER

# --- the valid data folder ---------------------------------------------------------------------

TENDER_PATH = "2026/420902/XN-GC-2026-001-ZB.yaml"
AMENDMENT_PATH = "2026/420902/XN-GC-2026-001-BG1.yaml"
CANDIDATES_PATH = "2026/420902/XN-GC-2026-001-HX.yaml"
AWARD_PATH = "2026/420902/XN-GC-2026-001-JG.yaml"
TERMINATION_PATH = "2026/420921/XC-CG-2026-007-ZZ.yaml"
TERMINATION_TENDER_PATH = "2026/420921/XC-CG-2026-007-ZB.yaml"
PENALTY_PATH = "2026/420900/XG-CF-2026-003.yaml"

# VALID_TENDER, line by line:
#  1 type  2 title  3 region  4 published  5 publisher  6 category  7 project:  8 code  9 name
# 10 method  11 buyer:  12 name  13 uscc  14 budget  15 deadline  16 opening:  17 time  18 place

AMENDMENT = """\
type: amendment
title: 孝南区书院街道路改造工程施工招标变更公告
region: "420902"
published: 2026-03-05 09:00
publisher: 孝感市公共资源交易中心
category: construction
project:
  code: XN-GC-2026-001
  name: 孝南区书院街道路改造工程
amends: XN-GC-2026-001-ZB
changes:
  deadline: 2026-04-10 09:30
  opening:
    time: 2026-04-10 09:30
    place: 孝感市公共资源交易中心第二开标室
"""

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
candidates:
  - rank: 1
    name: 湖北路桥建设有限公司
    uscc: 91350100M000100Y43
    amount: 12500000
  - rank: 2
    name: 孝感市第二建筑工程有限公司
publicity_end: 2026-04-14
"""

AWARD = """\
type: award
title: 孝南区书院街道路改造工程中标结果公告
region: "420902"
published: 2026-04-16
publisher: 孝感市公共资源交易中心
category: construction
project:
  code: XN-GC-2026-001
  name: 孝南区书院街道路改造工程
winners:
  - name: 湖北路桥建设有限公司
    uscc: 91350100M000100Y43
    amount: 12500000
award_date: 2026-04-15
"""

TERMINATION_TENDER = """\
type: tender
title: 孝昌县政府办公设备采购项目公开招标公告
region: "420921"
published: 2026-03-02
publisher: 孝昌县公共资源交易中心
category: procurement
project:
  code: XC-CG-2026-007
  name: 孝昌县政府办公设备采购项目
method: open
buyer:
  name: 孝昌县人民政府办公室
deadline: 2026-03-23 09:00
"""

TERMINATION = """\
type: termination
title: 孝昌县政府办公设备采购项目废标公告
region: "420921"
published: 2026-03-24
publisher: 孝昌县公共资源交易中心
category: procurement
project:
  code: XC-CG-2026-007
  name: 孝昌县政府办公设备采购项目
reason: 投标人不足三家，依法废标
"""

PENALTY = """\
type: penalty
title: 关于对孝感市某建筑工程有限公司串通投标的行政处罚公告
region: "420900"
published: 2026-04-01
publisher: 孝感市公共资源交易监督管理局
subject:
  name: 孝感市某建筑工程有限公司
  kind: company
  uscc: 91350100M000100Y43
decision_no: 孝公管罚〔2026〕3号
decided: 2026-03-28
authority: 孝感市公共资源交易监督管理局
violation: 与他人串通投标，联系人王某（身份证号 4209**********123X，电话 138****1234）
basis: 《中华人民共和国招标投标法》第五十三条
sanctions:
  - kind: fine
    amount: 50000
  - kind: suspension
    until: 2027-03-27
publicity_end: 2029-03-27
"""

VALID: dict[str, str] = {
    TENDER_PATH: VALID_TENDER,
    AMENDMENT_PATH: AMENDMENT,
    CANDIDATES_PATH: CANDIDATES,
    AWARD_PATH: AWARD,
    TERMINATION_TENDER_PATH: TERMINATION_TENDER,
    TERMINATION_PATH: TERMINATION,
    PENALTY_PATH: PENALTY,
}
RESIDENT_ID = "420984198512035612"  # 汉川市, born 1985-12-03; check digit 2 (ISO 7064 MOD 11-2)


def edit(text: str, old: str, new: str) -> str:
    """Replace the one occurrence of `old` (the test data must say exactly what it breaks)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def drop_line(text: str, line: str) -> str:
    return edit(text, line + "\n", "")


# --- running ------------------------------------------------------------------------------------

PROBLEM_LINE = re.compile(
    r"^(?P<path>[^:\n]+?)(?::(?P<line>\d+)(?::(?P<column>\d+))?)?: "
    r"(?P<severity>error|warning|错误|警告): (?P<message>.*) \[(?P<rule>[a-z0-9-]+)\]$"
)
SEVERITY = {"错误": "error", "警告": "warning", "error": "error", "warning": "warning"}


@dataclass(frozen=True)
class Reported:
    path: str
    line: int | None
    column: int | None
    severity: str
    message: str
    rule: str


def parse_text_output(out: str) -> list[Reported]:
    problems = []
    for text in out.splitlines():
        match = PROBLEM_LINE.match(text)
        assert match, f"not a problem line: {text!r}"
        line, column = match["line"], match["column"]
        problems.append(
            Reported(match["path"], int(line) if line else None, int(column) if column else None,
                     SEVERITY[match["severity"]], match["message"], match["rule"])
        )
    return problems


@dataclass(frozen=True)
class Case:
    """One defect: the file it is in (under notices/ unless `regions`), its content, and
    what the validator must say about it: `fragment` of the English message and, when given,
    `zh` of the Chinese one."""

    name: str
    file: str
    content: str | bytes | None
    line: int | None
    rule: str
    fragment: str
    zh: str = ""
    regions: str = REGIONS_YAML
    extra: dict[str, str | bytes] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)

    @property
    def shown(self) -> str:
        return "data/regions.yaml" if self.file == "regions.yaml" else f"data/notices/{self.file}"


def write_data(root: Path, case: Case) -> Path:
    data = root / "data"
    notices = data / "notices"
    notices.mkdir(parents=True)
    (data / "files").mkdir()
    (data / "regions.yaml").write_text(case.regions, encoding="utf-8")
    contents: dict[str, str | bytes | None] = {**VALID, **case.extra}
    if case.file != "regions.yaml":
        contents[case.file] = case.content
    for rel, content in contents.items():
        if content is None:
            continue
        path = notices / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for rel, content in case.attachments.items():
        path = data / "files" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return data


def check_reported(case: Case, result) -> None:
    """`result` is of `validate --format json` in the default language (Chinese)."""
    output = result.out + result.err
    assert "Traceback" not in output
    assert result.exit_code == 1, output
    problems = json.loads(result.out)
    wanted = [
        p for p in problems
        if p["path"] == case.shown and p["line"] == case.line and p["rule"] == case.rule
        and p["severity"] == "error"
    ]
    assert wanted, f"no [{case.rule}] error at {case.shown}:{case.line}\n{output}"
    assert any(case.fragment in p["message_en"] for p in wanted), output
    assert any(case.zh in p["message"] for p in wanted), output


def case(name: str, file: str, content: str | bytes | None, line: int | None, rule: str,
         fragment: str, **kwargs) -> Case:
    return Case(name, file, content, line, rule, fragment, **kwargs)


def tender(old: str, new: str) -> str:
    return edit(VALID_TENDER, old, new)


def amendment(old: str, new: str) -> str:
    return edit(AMENDMENT, old, new)


def candidates(old: str, new: str) -> str:
    return edit(CANDIDATES, old, new)


def penalty(old: str, new: str) -> str:
    return edit(PENALTY, old, new)


T, A, C, W, P = TENDER_PATH, AMENDMENT_PATH, CANDIDATES_PATH, AWARD_PATH, PENALTY_PATH



def regions_with(entries: str) -> str:
    """The default region tree (20 lines) with `entries` appended from line 21."""
    return REGIONS_YAML + entries

# --- shape: required, unknown, enumerations, text, money, dates ------------------------------

SHAPE_CASES = [
    # every required field missing, top level (reported at the mapping: line 1)
    case("missing-type", T, drop_line(VALID_TENDER, "type: tender"), 1, "notice-type",
         "missing required field 'type': add one of tender"),
    *[
        case(f"missing-tender-{name}", T, drop_line(VALID_TENDER, line), 1, "required",
             f"missing required field '{name}'")
        for name, line in [
            ("title", "title: 孝南区书院街道路改造工程施工招标公告"),
            ("region", 'region: "420902"'),
            ("published", "published: 2026-03-01 09:00"),
            ("publisher", "publisher: 孝感市公共资源交易中心"),
            ("category", "category: construction"),
            ("method", "method: open"),
            ("deadline", "deadline: 2026-03-25 09:30"),
        ]
    ],
    case("missing-tender-project", T,
         tender("project:\n  code: XN-GC-2026-001\n  name: 孝南区书院街道路改造工程\n", ""),
         1, "required", "missing required field 'project'"),
    case("missing-tender-buyer", T,
         tender("buyer:\n  name: 孝感市孝南区住房和城乡建设局\n  uscc: 91350100M000100Y43\n", ""),
         1, "required", "missing required field 'buyer'"),
    case("missing-amends", A, drop_line(AMENDMENT, "amends: XN-GC-2026-001-ZB"), 1, "required",
         "missing required field 'amends'"),
    case("missing-candidates", C,
         edit(CANDIDATES, CANDIDATES[CANDIDATES.index("candidates:"):CANDIDATES.index("publicity_end")], ""),
         1, "required", "missing required field 'candidates'"),
    case("missing-candidates-publicity-end", C, drop_line(CANDIDATES, "publicity_end: 2026-04-14"),
         1, "required", "missing required field 'publicity_end'"),
    case("missing-winners", W,
         edit(AWARD, AWARD[AWARD.index("winners:"):AWARD.index("award_date")], ""),
         1, "required", "missing required field 'winners'"),
    case("missing-reason", TERMINATION_PATH, drop_line(TERMINATION, "reason: 投标人不足三家，依法废标"),
         1, "required", "missing required field 'reason'"),
    *[
        case(f"missing-penalty-{name}", P, drop_line(PENALTY, line), 1, "required",
             f"missing required field '{name}'")
        for name, line in [
            ("decision_no", "decision_no: 孝公管罚〔2026〕3号"),
            ("decided", "decided: 2026-03-28"),
            ("authority", "authority: 孝感市公共资源交易监督管理局"),
            ("violation", PENALTY.splitlines()[12]),
            ("basis", "basis: 《中华人民共和国招标投标法》第五十三条"),
            ("publicity_end", "publicity_end: 2029-03-27"),
        ]
    ],
    case("missing-penalty-sanctions", P,
         edit(PENALTY, PENALTY[PENALTY.index("sanctions:"):PENALTY.index("publicity_end")], ""),
         1, "required", "missing required field 'sanctions'"),
    # nested required fields: reported at the line of the mapping that lacks them
    case("missing-project-code", T, drop_line(VALID_TENDER, "  code: XN-GC-2026-001"), 7, "required",
         "missing required field 'code' in project"),
    case("missing-buyer-name", T, drop_line(VALID_TENDER, "  name: 孝感市孝南区住房和城乡建设局"), 11,
         "required", "missing required field 'name' in buyer"),
    case("missing-opening-time", T, drop_line(VALID_TENDER, "  time: 2026-03-25 09:30"), 16,
         "required", "missing required field 'time' in opening"),
    case("missing-candidate-name", C, drop_line(CANDIDATES, "    name: 孝感市第二建筑工程有限公司"), 15,
         "required", "missing required field 'name'"),
    case("missing-subject-kind", P, drop_line(PENALTY, "  kind: company"), 6, "required",
         "missing required field 'kind' in subject"),
    case("missing-sanction-kind", P, edit(PENALTY, "  - kind: fine\n    amount", "  - amount"), 16,
         "required", "missing required field 'kind'"),
    case("missing-withdrawn-reason", T, VALID_TENDER + "withdrawn:\n  date: 2026-03-10\n", 19,
         "required", "missing required field 'reason' in withdrawn"),
    case("missing-attachment-title", T, VALID_TENDER + "attachments:\n  - url: https://example.cn/a.pdf\n",
         20, "required", "missing required field 'title'"),
    # unknown fields (typos must not vanish)
    case("unknown-field-top", T, VALID_TENDER + "qualifcation: 市政公用工程施工总承包三级\n", 19,
         "unknown-field", "unknown field 'qualifcation': remove it or correct its spelling"),
    case("unknown-field-nested", T, tender("  uscc: 91350100M000100Y43", "  usc: 91350100M000100Y43"),
         13, "unknown-field", "unknown field 'usc' in buyer"),
    # duplicate keys
    case("duplicate-key-top", T, VALID_TENDER + "title: 另一个标题的招标公告\n", 19, "yaml-duplicate-key",
         "duplicate key 'title' (first written at line 2): keep only one"),
    case("duplicate-key-nested", T, tender("  place:", "  time: 2026-03-26 09:30\n  place:"), 18,
         "yaml-duplicate-key", "duplicate key 'time' (first written at line 17)"),
    # enumerations
    case("enum-type", T, tender("type: tender", "type: tendr"), 1, "notice-type",
         "unknown type 'tendr': use one of tender, amendment"),
    case("enum-category", T, tender("category: construction", "category: building"), 6,
         "value-literal-error", "category must be one of"),
    case("enum-method", T, tender("method: open", "method: public"), 10, "value-literal-error",
         "method must be one of"),
    case("enum-subject-kind", P, penalty("kind: company", "kind: firm"), 8, "value-literal-error",
         "subject.kind must be one of"),
    case("enum-sanction-kind", P, penalty("kind: suspension", "kind: ban"), 18, "value-literal-error",
         "must be one of 'warning', 'fine'"),
    # titles and one-line text
    case("title-too-short", T, tender("title: 孝南区书院街道路改造工程施工招标公告", "title: 道路工程"), 2,
         "value-too-short", "is too short: write at least 5 characters"),
    case("title-too-long", T, tender("title: 孝南区书院街道路改造工程施工招标公告", "title: " + "路" * 201),
         2, "value-too-long", "is too long: at most 200 characters, found 201"),
    case("title-multi-line", T,
         tender("title: 孝南区书院街道路改造工程施工招标公告", "title: |\n  孝南区书院街道路改造工程\n  施工招标公告"),
         2, "value", "one line of plain text"),
    case("title-a-number", T, tender("title: 孝南区书院街道路改造工程施工招标公告", "title: 12345"), 2,
         "value", "must be text, found a number"),
    case("publisher-empty", T, tender("publisher: 孝感市公共资源交易中心", 'publisher: ""'), 5,
         "value-too-short", "must not be empty"),
    # money
    case("money-quoted", T, tender("budget: 12800000.50", 'budget: "12800000.50"'), 14, "value",
         "written without quotes"),
    case("money-with-unit", T, tender("budget: 12800000.50", "budget: 1280万元"), 14, "value",
         "written without quotes or units"),
    case("money-negative", T, tender("budget: 12800000.50", "budget: -1"), 14, "value",
         "must not be negative"),
    case("money-three-decimals", T, tender("budget: 12800000.50", "budget: 12800000.505"), 14,
         "value", "more than 2 decimals"),
    case("money-candidate-quoted", C, candidates("amount: 12500000", 'amount: "12500000"'), 14,
         "value", "written without quotes"),
    # dates and datetimes
    case("date-malformed", T, tender("published: 2026-03-01 09:00", "published: 2026/03/01"), 4,
         "value", "YYYY-MM-DD"),
    case("date-impossible", T, tender("published: 2026-03-01 09:00", "published: 2026-02-30"), 4,
         "value", "'2026-02-30' is not a real calendar date"),
    case("datetime-impossible", T, tender("deadline: 2026-03-25 09:30", "deadline: 2026-02-30 09:30"),
         15, "value", "is not a real date and time"),
    case("datetime-hour-25", T, tender("deadline: 2026-03-25 09:30", "deadline: 2026-03-25 25:00"),
         15, "value", "is not a real date and time"),
    case("deadline-without-time", T, tender("deadline: 2026-03-25 09:30", "deadline: 2026-03-25"), 15,
         "value", "needs a time as well as a date, e.g. 2026-03-25 09:30"),
    case("opening-without-time", T, tender("  time: 2026-03-25 09:30", "  time: 2026-03-25"), 17,
         "value", "needs a time"),
    case("decided-impossible", P, penalty("decided: 2026-03-28", "decided: 2026-13-01"), 11, "value",
         "not a real calendar date"),
    case("publicity-end-malformed", C, candidates("publicity_end: 2026-04-14", "publicity_end: 4月14日"),
         17, "value", "must be a date (YYYY-MM-DD) or a date and time"),
    case("award-date-a-datetime", W, edit(AWARD, "award_date: 2026-04-15", "award_date: 2026-04-15 10:00"),
         14, "value", "must be a date written as YYYY-MM-DD"),
    # USCC and region codes
    case("uscc-check-character", T, tender("uscc: 91350100M000100Y43", "uscc: 91350100M000100Y44"), 13,
         "value", "the 18th character should be '3', not '4'"),
    case("uscc-lower-case", C, candidates("uscc: 91350100M000100Y43", "uscc: 91350100m000100y43"), 13,
         "value", "no lower case"),
    case("uscc-short", W, edit(AWARD, "uscc: 91350100M000100Y43", "uscc: 91350100M0001"), 12, "value",
         "a USCC has 18 characters, this one has 13"),
    case("region-malformed", T, tender('region: "420902"', 'region: "42090"'), 3, "value",
         "a region code has 6 digits"),
    case("region-unknown", T, tender('region: "420902"', 'region: "420922"'), 3, "region-unknown",
         "region 420922 is not in regions.yaml: use a listed code or add the region"),
    # candidates' ranks as values
    case("rank-zero", C, candidates("rank: 1", "rank: 0"), 11, "value-greater-than-equal",
         "must be at least 1"),
    case("rank-quoted", C, candidates("rank: 1", 'rank: "1"'), 11, "value-int-type",
         "whole number written without quotes"),
    case("candidates-empty-list", C,
         edit(CANDIDATES, CANDIDATES[CANDIDATES.index("candidates:"):CANDIDATES.index("publicity_end")],
              "candidates: []\n"), 10, "value-too-short", "needs at least 1 entry"),
    case("project-not-a-mapping", T,
         tender("project:\n  code: XN-GC-2026-001\n  name: 孝南区书院街道路改造工程", "project: XN-GC-2026-001"),
         7, "value-model-type", "must be a mapping of fields"),
]

# --- rules across fields and files ----------------------------------------------------------

ORDER_CASES = [
    case("deadline-before-published", T, tender("deadline: 2026-03-25 09:30", "deadline: 2026-02-25 09:30")
         .replace("time: 2026-03-25 09:30", "time: 2026-02-25 09:30"), 15, "deadline-order",
         "deadline must be after published"),
    case("opening-before-deadline", T, tender("  time: 2026-03-25 09:30", "  time: 2026-03-25 09:00"), 17,
         "opening-order", "opening.time must not be before the deadline"),
    case("amends-missing-id", A, amendment("amends: XN-GC-2026-001-ZB", "amends: XN-GC-2026-001-ZX"), 10,
         "amends-unknown", "no notice with that id: use the file name (without .yaml) of the tender"),
    case("amends-a-non-tender", A, amendment("amends: XN-GC-2026-001-ZB", "amends: XN-GC-2026-001-HX"), 10,
         "amends-type", "which is a candidates, not a tender"),
    case("amends-other-project", A, amendment("  code: XN-GC-2026-001", "  code: XN-GC-2026-002"), 8,
         "amends-project", "an amendment belongs to its tender's project"),
    case("amendment-before-tender", A, amendment("published: 2026-03-05 09:00", "published: 2026-02-28"),
         4, "published-order", "published before the tender it amends (XN-GC-2026-001-ZB"),
    case("changes-empty", A,
         edit(AMENDMENT, AMENDMENT[AMENDMENT.index("changes:"):], "changes: {}\n"), 11, "changes-empty",
         "changes needs a new deadline or opening"),
    case("changes-deadline-before-amendment", A,
         amendment("  deadline: 2026-04-10 09:30", "  deadline: 2026-03-04 09:30"), 12, "deadline-order",
         "changes.deadline must be after the amendment is published"),
    case("changes-opening-before-new-deadline", A,
         amendment("    time: 2026-04-10 09:30", "    time: 2026-04-10 09:00"), 14, "opening-order",
         "must not be before the (new) deadline"),
    case("result-without-tender", C, candidates("  code: XN-GC-2026-001", "  code: XN-GC-2026-009"), 8,
         "project-tender", "no tender in the data has project.code 'XN-GC-2026-009'"),
    case("termination-without-tender", TERMINATION_PATH, TERMINATION, 8, "project-tender",
         "a result needs its project's tender", extra={TERMINATION_TENDER_PATH: None}),
    case("amends-a-broken-tender", A, AMENDMENT, 10, "amends-broken",
         "amends 'XN-GC-2026-001-ZB', whose file has errors of its own: fix that file first",
         extra={T: tender("title: 孝南区书院街道路改造工程施工招标公告", "title: 道路")}),
    case("result-of-a-broken-tender", C, CANDIDATES, 8, "project-tender",
         "the tender of project 'XN-GC-2026-001' (XN-GC-2026-001-ZB) has errors of its own",
         extra={T: tender("method: open", "method: public")}),
    case("result-before-tender", W, edit(AWARD, "published: 2026-04-16", "published: 2026-02-27"), 4,
         "published-order", "published before its project's tender (XN-GC-2026-001-ZB"),
    case("ranks-duplicate", C, candidates("rank: 2", "rank: 1"), 15, "candidates-ranks",
         "ranks are [1, 1]: number the candidates 1 to 2, each rank once"),
    case("ranks-gap", C, candidates("rank: 2", "rank: 3"), 15, "candidates-ranks",
         "ranks are [1, 3]"),
    case("candidates-publicity-before-published", C,
         candidates("publicity_end: 2026-04-14", "publicity_end: 2026-04-10"), 17, "publicity-order",
         "publicity_end must be after published"),
    case("penalty-company-without-uscc", P, drop_line(PENALTY, "  uscc: 91350100M000100Y43"), 6,
         "subject-uscc", "subject.uscc is required for a company: add its 统一社会信用代码"),
    case("penalty-person-with-uscc", P,
         penalty("  name: 孝感市某建筑工程有限公司\n  kind: company", "  name: 王某某\n  kind: person"), 9,
         "subject-uscc", "subject.uscc is not allowed for a person: remove it"),
    case("penalty-expert-with-uscc", P, penalty("kind: company", "kind: expert"), 9, "subject-uscc",
         "subject.uscc is not allowed for an expert"),
    case("fine-without-amount", P, drop_line(PENALTY, "    amount: 50000"), 16, "sanction-amount",
         "a fine needs amount"),
    case("suspension-without-until", P, drop_line(PENALTY, "    until: 2027-03-27"), 18,
         "sanction-until", "a suspension needs until"),
    case("debarment-without-until", P,
         edit(PENALTY, "  - kind: suspension\n    until: 2027-03-27", "  - kind: debarment"), 18,
         "sanction-until", "a debarment needs until"),
    case("until-before-decided", P, penalty("until: 2027-03-27", "until: 2026-03-01"), 19,
         "sanction-until", "until must not be before decided"),
    case("penalty-publicity-before-decided", P,
         penalty("publicity_end: 2029-03-27", "publicity_end: 2026-03-01"), 20, "publicity-order",
         "publicity_end must be after decided"),
    case("decided-after-published", P, penalty("decided: 2026-03-28", "decided: 2026-04-02"), 11,
         "decided-order", "decided is after published"),
    case("penalty-unmasked-resident-id", P, penalty("4209**********123X", RESIDENT_ID), 13,
         "personal-data", "unmasked resident ID number in a penalty: write it masked, e.g. 4209**********5612"),
    case("penalty-unmasked-mobile", P, penalty("138****1234", "13812341234"), 13, "personal-data",
         "unmasked mobile number in a penalty: write it masked, e.g. 138****1234"),
    case("penalty-unmasked-mobile-plus86", P, penalty("  name: 孝感市某建筑工程有限公司",
                                                      "  name: 孝感市某建筑工程有限公司（+8613912345678）"),
         7, "personal-data", "e.g. 139****5678"),
    case("penalty-unquoted-id-number", P, penalty("decision_no: 孝公管罚〔2026〕3号",
                                                  f"decision_no: {RESIDENT_ID}"),
         10, "personal-data", "unmasked resident ID number"),
    case("attachment-missing-file", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: 2026/zb.pdf\n",
         21, "attachment-file", "no file files/2026/zb.pdf: add the file or correct the path"),
    case("attachment-dotdot", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: ../regions.yaml\n",
         21, "value", "without '..'"),
    case("attachment-absolute", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: /etc/passwd\n",
         21, "value", "not an absolute path"),
    case("attachment-http", T,
         VALID_TENDER + "attachments:\n  - title: 招标文件\n    url: http://example.cn/zb.pdf\n",
         21, "value", "must start with https://"),
    case("attachment-file-and-url", T,
         VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: zb.pdf\n    url: https://example.cn/zb.pdf\n",
         20, "attachment-target", "either file (a path under files/) or url (https://), exactly one",
         attachments={"zb.pdf": b"%PDF-1.4"}),
    case("attachment-neither", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n", 20,
         "attachment-target", "exactly one"),
    case("contact-empty", T, VALID_TENDER + "contact: {}\n", 19, "contact-empty",
         "contact needs at least one of name, phone, email"),
    case("withdrawn-before-published", T,
         VALID_TENDER + "withdrawn:\n  date: 2026-02-28\n  reason: 招标文件有误\n", 20, "withdrawn-date",
         "withdrawn.date is before published"),
    # files and ids
    case("duplicate-id-two-folders", "2026/420921/XN-GC-2026-001-ZB.yaml", VALID_TENDER, None,
         "id-unique", f"data/notices/{TENDER_PATH} already has the same id: ids are unique across the "
         "whole data folder; rename one of the files"),
    case("id-differs-in-case", "2026/420921/xn-gc-2026-001-zb.yaml", VALID_TENDER, None, "id-unique",
         "an id that differs only in case (XN-GC-2026-001-ZB)"),
    case("id-too-short", "2026/420902/ab.yaml", VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-002"),
         None, "id-format", "the file name 'ab' is not a valid notice id"),
    case("id-bad-characters", "2026/420902/招标公告.yaml",
         VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-002"), None, "id-format",
         "use 3–80 letters, digits"),
    case("yml-extension", "2026/420902/XN-GC-2026-002-ZB.yml", VALID_TENDER, None, "file-extension",
         "rename it to XN-GC-2026-002-ZB.yaml"),
    case("upper-case-extension", "2026/420902/XN-GC-2026-002-ZB.YAML", VALID_TENDER, None,
         "file-extension", "must end in .yaml (lower case)"),
    case("non-yaml-file", "2026/420902/招标文件.pdf", b"%PDF-1.4", None, "file-extension",
         "only .yaml notice files belong under notices/"),
    # regions.yaml
    case("region-duplicate-code", "regions.yaml", None, 21, "region-unique",
         "region 420902 is listed twice (first at entry 5)",
         regions=regions_with('- code: "420902"\n  name: 孝南区\n  parent: "420900"\n')),
    case("region-parent-missing", "regions.yaml", None, 23, "region-parent",
         "parent 420600 is not listed in regions.yaml",
         regions=regions_with('- code: "420602"\n  name: 襄城区\n  parent: "420600"\n')),
    case("region-wrong-parent", "regions.yaml", None, 23, "region-parent",
         "by GB/T 2260 the parent of 420922 is 420900, not 420100",
         regions=regions_with('- code: "420922"\n  name: 大悟县\n  parent: "420100"\n')),
    case("region-city-without-parent", "regions.yaml", None, 21, "region-parent",
         'add parent: "420000"', regions=regions_with('- code: "420600"\n  name: 襄阳市\n')),
    case("region-cycle", "regions.yaml",
         None, 3, "region-cycle", "regions form a cycle",
         regions=edit(REGIONS_YAML, '- code: "420000"\n  name: 湖北省\n',
                      '- code: "420000"\n  name: 湖北省\n  parent: "420100"\n')),
    case("region-missing-name", "regions.yaml", None, 21, "required", "missing required field 'name'",
         regions=regions_with('- code: "420922"\n  parent: "420900"\n')),
    case("regions-not-a-list", "regions.yaml", None, 1, "value-list-type", "must be a list",
         regions='code: "420000"\nname: 湖北省\n'),
]


@pytest.mark.parametrize("bad", [*SHAPE_CASES, *ORDER_CASES], ids=lambda c: c.name)
def test_malformed_input_is_rejected_precisely(bad, run_cli, tmp_path):
    data = write_data(tmp_path, bad)
    result = run_cli("validate", "--data", data, "--format", "json", cwd=tmp_path)
    check_reported(bad, result)


def test_there_are_enough_malformed_inputs():
    cases = [*SHAPE_CASES, *ORDER_CASES, *HOSTILE_CASES]
    assert len(cases) >= 45
    assert len({c.name for c in cases}) == len(cases)


def test_the_valid_folder_is_valid(run_cli, tmp_path):
    """The starting point of every case is clean, even under --strict; masked personal data is
    accepted."""
    data = write_data(tmp_path, case("none", "regions.yaml", None, None, "", ""))
    result = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.out + result.err
    assert result.out == ""
    assert "已检查 7 条公告：0 个错误，0 个警告" in result.err


@pytest.mark.parametrize(
    ("name", "path", "content"),
    [
        ("masked-id-and-mobile-in-subject", P,
         penalty("  name: 孝感市某建筑工程有限公司\n  kind: company\n  uscc: 91350100M000100Y43",
                 "  name: 王某某（4209**********123X，138****1234）\n  kind: person")),
        ("office-phone-in-penalty", P, penalty("138****1234", "0712-2856123")),
        ("mobile-in-a-tender-contact", T, VALID_TENDER + "contact:\n  phone: 13812345678\n"),
        ("leading-document-marker", T, "---\n" + VALID_TENDER),
        ("utf8-bom", T, "\ufeff" + VALID_TENDER),
        ("crlf-line-ends", T, VALID_TENDER.replace("\n", "\r\n")),
        ("comments", T, "# 招标公告\n" + VALID_TENDER.replace("method: open", "method: open  # 公开招标")),
        ("unquoted-region-code", T, tender('region: "420902"', "region: 420902")),
        ("date-published", T, tender("published: 2026-03-01 09:00", "published: 2026-03-01")),
        ("offset-datetime", T, tender("deadline: 2026-03-25 09:30", "deadline: 2026-03-25T09:30+08:00")),
        ("money-integer", T, tender("budget: 12800000.50", "budget: 12800000")),
        ("money-trailing-zero", T, tender("budget: 12800000.50", "budget: 12800000.500")),
        ("direct-county-region", T, tender('region: "420902"', 'region: "429004"')),
        ("contact-with-one-field", T, VALID_TENDER + "contact:\n  phone: 0712-2856123\n"),
        ("https-attachment", T, VALID_TENDER + "attachments:\n  - title: 图纸\n    url: https://example.cn/a.pdf\n"),
        ("masked-id-title", T, tender("title: 孝南区书院街道路改造工程施工招标公告",
                                      "title: 4209**********123X 道路改造工程招标公告")),
    ],
)
def test_valid_variants_are_accepted(name, path, content, run_cli, tmp_path):
    data = write_data(tmp_path, case(name, path, content, None, "", ""))
    if isinstance(content, str) and content.startswith("\ufeff"):
        (data / "notices" / path).write_bytes(content.encode("utf-8"))  # write_text keeps the BOM
    result = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.out + result.err
    assert result.out == ""


def test_bom_is_really_in_the_file(tmp_path):
    data = write_data(tmp_path, case("bom", T, "\ufeff" + VALID_TENDER, None, "", ""))
    assert (data / "notices" / T).read_bytes().startswith(b"\xef\xbb\xbf")


def test_attachment_with_existing_file_is_accepted(run_cli, tmp_path):
    bad = case("ok", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: 2026/招标文件.pdf\n",
               None, "", "", attachments={"2026/招标文件.pdf": b"%PDF-1.4 test"})
    data = write_data(tmp_path, bad)
    result = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.out + result.err


# --- legal periods: warnings, errors under --strict ----------------------------------------

WARNING_CASES = [
    case("open-construction-under-20-days", T,
         tender("deadline: 2026-03-25 09:30", "deadline: 2026-03-20 09:30")
         .replace("time: 2026-03-25 09:30", "time: 2026-03-20 09:30"),
         15, "period-tender", "only 19 days from published to deadline; an open construction tender needs "
         "at least 20 (招标投标法 第二十四条)"),
    case("amendment-under-15-days", A,
         edit(AMENDMENT, AMENDMENT[AMENDMENT.index("changes:"):], "")
         .replace("published: 2026-03-05 09:00", "published: 2026-03-11 09:00"),
         4, "period-amendment", "published 14 days before the tender's effective deadline; a change or "
         "clarification needs at least 15, or the deadline must move (招标投标法实施条例 第二十一条)"),
    case("candidates-under-3-days", C, candidates("publicity_end: 2026-04-14", "publicity_end: 2026-04-13"),
         17, "period-candidates", "publicity period is 2 days; candidates are publicised for at least 3 "
         "(招标投标法实施条例 第五十四条)"),
]


@pytest.mark.parametrize("bad", WARNING_CASES, ids=lambda c: c.name)
def test_legal_periods_warn_and_fail_under_strict(bad, run_cli, tmp_path):
    data = write_data(tmp_path, bad)
    lenient = run_cli("validate", "--data", data, cwd=tmp_path)
    assert lenient.exit_code == 0, lenient.out + lenient.err
    problems = parse_text_output(lenient.out)
    assert [(p.path, p.line, p.severity, p.rule) for p in problems] == [
        (bad.shown, bad.line, "warning", bad.rule)
    ]
    assert bad.fragment in problems[0].message
    strict = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert strict.exit_code == 1
    assert "Traceback" not in strict.out + strict.err
    assert parse_text_output(strict.out) == problems


def test_amendment_that_moves_the_deadline_is_not_late(run_cli, tmp_path):
    """Published 14 days before the old deadline, but the new deadline is far enough away."""
    text = amendment("published: 2026-03-05 09:00", "published: 2026-03-11 09:00")
    data = write_data(tmp_path, case("moved", A, text, None, "", ""))
    result = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.out + result.err


def test_exactly_the_legal_minimum_is_fine(run_cli, tmp_path):
    text = tender("deadline: 2026-03-25 09:30", "deadline: 2026-03-21 08:00").replace(
        "time: 2026-03-25 09:30", "time: 2026-03-21 08:00")
    data = write_data(tmp_path, case("twenty", T, text, None, "", ""))
    result = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.out + result.err


# --- hostile input -----------------------------------------------------------------------------

BILLION_LAUGHS = "type: tender\n" + "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
) + "\n"
LONG_BODY = VALID_TENDER + "body: |\n" + ("  " + "孝南区道路改造工程招标公告正文。" * 20 + "\n") * 1200
RANDOM_BYTES = random.Random(20260301).randbytes(4096)
HIGH_BYTES = bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(2048))

HOSTILE_CASES = [
    case("alias-bomb", T, BILLION_LAUGHS, 2, "yaml-anchor", "anchors (&a0) are not allowed"),
    case("alias", T, VALID_TENDER + "qualification: *a\n", 19, "yaml-alias",
         "aliases (*a) are not allowed: write the value out in full"),
    case("anchor", T, tender("publisher: 孝感市公共资源交易中心", "publisher: &p 孝感市公共资源交易中心"), 5,
         "yaml-anchor", "anchors (&p) are not allowed"),
    case("merge-key", T, VALID_TENDER + "agency:\n  <<: {name: 某代理公司}\n", 20, "yaml-merge-key",
         "merge keys (<<) are not allowed"),
    case("python-tag", T, VALID_TENDER + 'qualification: !!python/object/apply:os.system ["echo pwned"]\n',
         19, "yaml-tag", "YAML tags (!!python/object/apply:os.system) are not allowed"),
    case("local-tag", T, tender("method: open", "method: !method open"), 10, "yaml-tag",
         "remove the tag and write a plain value"),
    case("str-tag", T, tender('region: "420902"', "region: !!str 420902"), 3, "yaml-tag",
         "YAML tags (!!str)"),
    case("several-documents", T, VALID_TENDER + "---\n" + VALID_TENDER, 19, "yaml-multiple-documents",
         "a notice file holds one document: remove the second '---'"),
    case("deep-nesting-open", T, "type: tender\nbody: " + "[" * 100_000 + "\n", 2, "yaml-depth",
         "nested more than 32 levels"),
    case("deep-nesting-closed", T, "type: tender\nbody: " + "[" * 5000 + "]" * 5000 + "\n", 2,
         "yaml-depth", "nested more than 32 levels"),
    case("deep-mappings", T, "".join("  " * i + f"k{i}:\n" for i in range(300)), 32, "yaml-depth",
         "nested more than 32 levels"),
    case("over-one-mib", T, LONG_BODY, None, "file-size", "notice files are limited to 1024 KiB"),
    case("nul-bytes", T, VALID_TENDER.encode() + b"body: \x00\x01\x02\n", 19, "file-binary",
         "this is a binary file, not YAML text"),
    case("random-bytes", T, RANDOM_BYTES, RANDOM_BYTES[: RANDOM_BYTES.index(0)].count(b"\n") + 1,
         "file-binary", "binary file"),
    case("high-bytes", T, HIGH_BYTES, 1, "file-encoding", "re-save it with UTF-8 encoding"),
    case("tab-indentation", T, tender("  code: XN-GC-2026-001", "\tcode: XN-GC-2026-001"), 8, "yaml-syntax",
         "indent with spaces"),
    case("gbk-encoded", T, VALID_TENDER.encode("gbk"), 2, "file-encoding",
         "the file is not UTF-8 (it looks like GBK/GB18030): re-save it with UTF-8 encoding"),
    case("top-level-list", T, "- type: tender\n- title: 招标公告\n", 1, "notice-shape",
         "a notice file must be a mapping of fields (type: …, title: …), found a list"),
    case("top-level-scalar", T, "孝南区书院街道路改造工程施工招标公告\n", 1, "notice-shape", "found text"),
    case("top-level-number", T, "42\n", 1, "notice-shape", "found a number"),
    case("empty-file", T, "", 1, "notice-shape", "found nothing"),
    case("only-comments", T, "# 招标公告\n# 待填写\n", 1, "notice-shape", "found nothing"),
    case("non-string-key", T, VALID_TENDER + "? [a, b]\n: c\n", 19, "yaml-key", "a key must be a plain name"),
    case("number-key", T, VALID_TENDER + "2026: 招标\n", 19, "unknown-field", "unknown field '2026'"),
    case("unclosed-quote", T, tender('region: "420902"', 'region: "420902'), 3, "yaml-syntax",
         "the quoted text that starts here is never closed: add the closing quote"),
    case("colon-in-text", T, tender("publisher: 孝感市公共资源交易中心", "publisher: 孝感市: 交易中心"), 5,
         "yaml-syntax", "text with ': ' or '#' is quoted"),
    case("control-character", T, tender("publisher: 孝感市公共资源交易中心", "publisher: 孝感市\x07交易中心"), 5,
         "yaml-syntax", "control character"),
    case("escaped-control-character", T,
         tender("publisher: 孝感市公共资源交易中心", 'publisher: "孝感市\\x00交易中心"'), 5, "value",
         "control character"),
    case("escaped-nul-in-attachment", T,
         VALID_TENDER + 'attachments:\n  - title: 招标文件\n    file: "a\\x00b.pdf"\n', 21, "value",
         "control character"),
    case("huge-integer", T, tender("budget: 12800000.50", "budget: " + "9" * 5000), 14, "value",
         "larger than"),
    case("huge-exponent", T, tender("budget: 12800000.50", "budget: 1e999999999999"), 14, "value",
         "larger than"),
    case("number-out-of-range", T,
         tender("budget: 12800000.50", "budget: 1e99999999999999999999999999"), 14, "yaml-number",
         "the number 1e99999999999999999999999999 is out of range: write the real value"),
    case("many-digits", T, tender("budget: 12800000.50", "budget: 1.2345678901234567890123456789012e30"), 14,
         "value", "larger than"),
    case("bare-dot-underscore", T, tender("budget: 12800000.50", "budget: ._"), 14, "value",
         "written without quotes"),
    case("type-is-a-list", T, tender("type: tender", "type: [tender]"), 1, "notice-type",
         "unknown type ['tender']"),
    case("type-is-a-mapping", T, tender("type: tender", "type: {a: 1}"), 1, "notice-type",
         "use one of tender"),
    case("year-9999", P, penalty("publicity_end: 2029-03-27", "publicity_end: 9999-12-31"), 20, "value",
         "year"),
    case("year-1", T, tender("published: 2026-03-01 09:00", "published: 0001-01-01 00:00+08:00"), 4, "value",
         "year"),
    case("long-attachment-name", T,
         VALID_TENDER + f"attachments:\n  - title: 招标文件\n    file: {'a' * 300}.pdf\n", 21,
         "attachment-file", "(File name too long): correct the path"),
]


@pytest.mark.parametrize("bad", HOSTILE_CASES, ids=lambda c: c.name)
def test_hostile_input_is_rejected_quickly(bad, run_cli, tmp_path):
    data = write_data(tmp_path, bad)
    started = time.monotonic()
    result = run_cli("validate", "--data", data, "--format", "json", cwd=tmp_path)
    elapsed = time.monotonic() - started
    check_reported(bad, result)
    assert elapsed < 5, f"{bad.name} took {elapsed:.1f} s"


def test_gbk_error_names_the_line_and_a_column(run_cli, tmp_path):
    data = write_data(tmp_path, case("gbk", T, VALID_TENDER.encode("gbk"), None, "", ""))
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert re.search(rf"^data/notices/{re.escape(T)}:2:\d+: 错误: the file is not UTF-8", result.out, re.M)


def test_a_python_tag_is_never_executed(run_cli, tmp_path):
    marker = tmp_path / "pwned"
    text = VALID_TENDER + f'qualification: !!python/object/apply:os.system ["touch {marker}"]\n'
    data = write_data(tmp_path, case("tag", T, text, None, "", ""))
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    assert not marker.exists()


# --- output formats, one run, usage errors ----------------------------------------------------

SEVERAL_BROKEN = {
    T: tender("deadline: 2026-03-25 09:30", "deadline: 2026-03-25"),
    C: candidates("rank: 2", "rank: 3"),
    P: penalty("kind: company", "kind: firm"),
    "2026/420902/XN-GC-2026-002-ZB.yml": VALID_TENDER,
}


def several_broken(tmp_path: Path) -> Path:
    data = write_data(tmp_path, case("several", "regions.yaml", None, None, "", "", extra=SEVERAL_BROKEN))
    (data / "regions.yaml").write_text(regions_with('- code: "420902"\n  name: 孝南区\n  parent: "420900"\n'),
                                       encoding="utf-8")
    return data


EXPECTED_SEVERAL = {
    ("data/regions.yaml", 21, "region-unique"),
    (f"data/notices/{T}", 15, "value"),
    (f"data/notices/{C}", 15, "candidates-ranks"),
    (f"data/notices/{P}", 8, "value-literal-error"),
    ("data/notices/2026/420902/XN-GC-2026-002-ZB.yml", None, "file-extension"),
}


def test_all_problems_of_several_files_in_one_run(run_cli, tmp_path):
    result = run_cli("validate", "--data", several_broken(tmp_path), cwd=tmp_path)
    assert result.exit_code == 1
    found = {(p.path, p.line, p.rule) for p in parse_text_output(result.out)}
    assert found >= EXPECTED_SEVERAL, result.out
    assert "个错误" in result.err


def test_json_format(run_cli, tmp_path):
    result = run_cli("validate", "--data", several_broken(tmp_path), "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    problems = json.loads(result.out)
    assert isinstance(problems, list)
    for problem in problems:
        assert set(problem) == {"path", "line", "column", "severity", "rule", "message", "message_en"}
        assert problem["severity"] in ("error", "warning")
        assert isinstance(problem["message"], str) and problem["message"]
        assert problem["line"] is None or isinstance(problem["line"], int)
        assert problem["column"] is None or isinstance(problem["column"], int)
    assert {(p["path"], p["line"], p["rule"]) for p in problems} >= EXPECTED_SEVERAL
    ranks = next(p for p in problems if p["rule"] == "candidates-ranks")
    assert ranks["column"] == 11
    assert "ranks are [1, 3]" in ranks["message"]


def test_json_format_of_valid_data_is_an_empty_array(run_cli, tmp_path):
    data = write_data(tmp_path, case("none", "regions.yaml", None, None, "", ""))
    result = run_cli("validate", "--data", data, "--format", "json", cwd=tmp_path)
    assert result.exit_code == 0
    assert json.loads(result.out) == []


def test_github_format(run_cli, tmp_path):
    result = run_cli("validate", "--data", several_broken(tmp_path), "--format", "github", cwd=tmp_path)
    assert result.exit_code == 1
    lines = result.out.splitlines()
    assert lines and all(line.startswith("::error ") for line in lines), result.out
    assert any(line.startswith(f"::error file=data/notices/{T},line=15,col=11,") for line in lines), result.out
    assert any(line.startswith("::error file=data/notices/2026/420902/XN-GC-2026-002-ZB.yml,title=")
               for line in lines), result.out
    annotation = re.compile(r"^::(error|warning) file=[^,:]+(,line=\d+(,col=\d+)?)?,title=[a-z0-9-]+::.+$")
    assert all(annotation.match(line) for line in lines), result.out


def test_github_format_warnings(run_cli, tmp_path):
    data = write_data(tmp_path, WARNING_CASES[2])
    result = run_cli("validate", "--data", data, "--format", "github", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.out.startswith(f"::warning file=data/notices/{C},line=17,col=16,")
    assert "第五十四条" in result.out


def test_missing_data_folder_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("validate", "--data", tmp_path / "nowhere", cwd=tmp_path)
    assert result.exit_code == 2
    assert "数据文件夹" in result.err and "--data" in result.err
    assert "Traceback" not in result.out + result.err


def test_unknown_format_is_a_usage_error(run_cli, tmp_path):
    data = write_data(tmp_path, case("none", "regions.yaml", None, None, "", ""))
    result = run_cli("validate", "--data", data, "--format", "xml", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--format" in result.err


def test_missing_notices_folder_and_regions(run_cli, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    problems = parse_text_output(result.out)
    assert {(p.path, p.rule) for p in problems} == {
        ("data/regions.yaml", "data-layout"),
        ("data/notices", "data-layout"),
    }
