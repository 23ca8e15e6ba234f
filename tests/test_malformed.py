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

from generator.load import MAX_VALUES, parse_yaml

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
    regions: str | None = REGIONS_YAML  # None: no regions.yaml at all
    extra: dict[str, str | bytes] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)
    shown_as: str = ""  # where the problem is, when not in the data folder (CODEOWNERS)

    @property
    def shown(self) -> str:
        if self.shown_as:
            return self.shown_as
        return "data/regions.yaml" if self.file == "regions.yaml" else f"data/notices/{self.file}"


def write_data(root: Path, case: Case) -> Path:
    data = root / "data"
    notices = data / "notices"
    notices.mkdir(parents=True)
    (data / "files").mkdir()
    if case.regions is not None:
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
         "missing the notice type (`type`): add a line `type: …` at the top of the file, with one of: "
         "`tender` (Tender notice), `amendment` (Amendment)",
         zh="缺少公告类型 `type`：在文件开头加一行 `type: …`，取值为以下之一：招标公告 `tender`、变更公告 `amendment`"),
    *[
        case(f"missing-tender-{name}", T, drop_line(VALID_TENDER, line), 1, "required",
             f"missing required field {label} (`{name}`): add the line `{name}: {example}` to the file",
             zh=f"缺少必填的{zh} `{name}`：在文件中加一行 `{name}: {example}`（顶格写，不缩进）")
        for name, line, label, zh, example in [
            ("title", "title: 孝南区书院街道路改造工程施工招标公告", "title", "公告标题", "…"),
            ("region", 'region: "420902"', "region", "发布地区", '"420902"'),
            ("published", "published: 2026-03-01 09:00", "publication time", "发布时间", "2026-03-01 09:00"),
            ("publisher", "publisher: 孝感市公共资源交易中心", "publisher", "发布单位", "…"),
            ("deadline", "deadline: 2026-03-25 09:30", "bid deadline", "投标/报名截止时间", "2026-03-25 09:30"),
        ]
    ],
    # a coded field: the message lists the codes with their names
    case("missing-tender-category", T, drop_line(VALID_TENDER, "category: construction"), 1, "required",
         "missing required field category (`category`): add the line `category: …` to the file (not "
         "indented), with one of: `construction` (Construction), `procurement` (Government procurement)",
         zh="缺少必填的交易类别 `category`：在文件中加一行 `category: …`（顶格写，不缩进），取值为以下之一："
         "工程建设 `construction`、政府采购 `procurement`"),
    case("missing-tender-method", T, drop_line(VALID_TENDER, "method: open"), 1, "required",
         "missing required field procurement method (`method`): add the line `method: …` to the file "
         "(not indented), with one of: `open` (Open tender), `invited` (Invited tender)",
         zh="缺少必填的交易方式 `method`：在文件中加一行 `method: …`（顶格写，不缩进），取值为以下之一："
         "公开招标 `open`、邀请招标 `invited`、竞争性谈判 `competitive-negotiation`"),
    # a group of fields or a list: the message says what goes under it
    case("missing-tender-project", T,
         tender("project:\n  code: XN-GC-2026-001\n  name: 孝南区书院街道路改造工程\n", ""),
         1, "required", "missing required field project (`project`): add the line `project:` to the file "
         "(not indented), then `code`, `name` on the lines under it, indented by two spaces",
         zh="缺少必填的项目 `project`：在文件中加一行 `project:`（顶格写，不缩进），再在它下面另起几行、缩进两格，"
         "写 `code`、`name`"),
    case("missing-tender-buyer", T,
         tender("buyer:\n  name: 孝感市孝南区住房和城乡建设局\n  uscc: 91350100M000100Y43\n", ""),
         1, "required", "missing required field buyer (`buyer`): add the line `buyer:`",
         zh="缺少必填的招标人/采购人/出让人 `buyer`：在文件中加一行 `buyer:`"),
    case("missing-amends", A, drop_line(AMENDMENT, "amends: XN-GC-2026-001-ZB"), 1, "required",
         "missing required field amended tender's id (`amends`): add the line `amends: …`",
         zh="缺少必填的被变更的招标公告编号 `amends`：在文件中加一行 `amends: …`"),
    case("missing-candidates", C,
         edit(CANDIDATES, CANDIDATES[CANDIDATES.index("candidates:"):CANDIDATES.index("publicity_end")], ""),
         1, "required", "then at least one entry under it, each starting with `- ` and giving `rank`, `name`",
         zh="缺少必填的中标候选人 `candidates`：在文件中加一行 `candidates:`（顶格写，不缩进），再在它下面写至少一项，"
         "每项以 `- ` 开头，写 `rank`、`name`"),
    case("missing-candidates-publicity-end", C, drop_line(CANDIDATES, "publicity_end: 2026-04-14"),
         1, "required", "missing required field end of publicity (`publicity_end`): add the line "
         "`publicity_end: 2026-04-14`", zh="缺少必填的公示截止 `publicity_end`：在文件中加一行 `publicity_end: 2026-04-14`"),
    case("missing-winners", W,
         edit(AWARD, AWARD[AWARD.index("winners:"):AWARD.index("award_date")], ""),
         1, "required", "missing required field winners (`winners`): add the line `winners:`",
         zh="缺少必填的中标/成交人 `winners`：在文件中加一行 `winners:`"),
    case("missing-reason", TERMINATION_PATH, drop_line(TERMINATION, "reason: 投标人不足三家，依法废标"),
         1, "required", "missing required field reason for termination (`reason`)",
         zh="缺少必填的终止原因 `reason`"),
    *[
        case(f"missing-penalty-{name}", P, drop_line(PENALTY, line), 1, "required",
             f"missing required field {label} (`{name}`): add the line `{name}: ",
             zh=f"缺少必填的{zh} `{name}`：在文件中加一行 `{name}: ")
        for name, line, label, zh in [
            ("decision_no", "decision_no: 孝公管罚〔2026〕3号", "decision number", "处罚决定书文号"),
            ("decided", "decided: 2026-03-28", "decision date", "处罚决定日期"),
            ("authority", "authority: 孝感市公共资源交易监督管理局", "sanctioning authority", "处罚机关"),
            ("violation", PENALTY.splitlines()[12], "violation", "违法事实"),
            ("basis", "basis: 《中华人民共和国招标投标法》第五十三条", "legal basis", "处罚依据"),
            ("publicity_end", "publicity_end: 2029-03-27", "end of publicity", "公示截止"),
        ]
    ],
    case("missing-penalty-sanctions", P,
         edit(PENALTY, PENALTY[PENALTY.index("sanctions:"):PENALTY.index("publicity_end")], ""),
         1, "required", "missing required field sanctions (`sanctions`): add the line `sanctions:` to the "
         "file (not indented), then at least one entry under it, each starting with `- ` and giving `kind`",
         zh="缺少必填的处罚措施 `sanctions`：在文件中加一行 `sanctions:`（顶格写，不缩进），再在它下面写至少一项，"
         "每项以 `- ` 开头，写 `kind`"),
    # nested required fields: reported at the line of the mapping that lacks them
    case("missing-project-code", T, drop_line(VALID_TENDER, "  code: XN-GC-2026-001"), 7, "required",
         "missing required field project code (`project.code`): under `project:` on line 7, add the line "
         "`code: …` (indented like the fields beside it)",
         zh="缺少必填的项目编号 `project.code`：在第 7 行 `project:` 下面加一行 `code: …`（与同一组的其他字段对齐）"),
    case("missing-buyer-name", T, drop_line(VALID_TENDER, "  name: 孝感市孝南区住房和城乡建设局"), 11,
         "required", "missing required field buyer's name (`buyer.name`): under `buyer:` on line 11",
         zh="缺少必填的招标人名称 `buyer.name`：在第 11 行 `buyer:` 下面加一行 `name: …`"),
    case("missing-opening-time", T, drop_line(VALID_TENDER, "  time: 2026-03-25 09:30"), 16,
         "required", "under `opening:` on line 16, add the line `time: 2026-03-25 09:30`",
         zh="缺少必填的开标时间 `opening.time`：在第 16 行 `opening:` 下面加一行 `time: 2026-03-25 09:30`"),
    case("missing-candidate-name", C, drop_line(CANDIDATES, "    name: 孝感市第二建筑工程有限公司"), 15,
         "required", "missing required field candidate's name (`candidates[2].name`): add the line `name: …` "
         "to the entry that starts on line 15 (indented like its other fields)",
         zh="缺少必填的候选人名称 `candidates[2].name`：在第 15 行开始的这一项里加一行 `name: …`"),
    case("missing-subject-kind", P, drop_line(PENALTY, "  kind: company"), 6, "required",
         "missing required field kind of party (`subject.kind`): under `subject:` on line 6, add the line "
         "`kind: …` (indented like the fields beside it), with one of: `company` (Company)",
         zh="缺少必填的对象类别 `subject.kind`：在第 6 行 `subject:` 下面加一行 `kind: …`（与同一组的其他字段对齐），"
         "取值为以下之一：企业 `company`、代理机构 `agency`"),
    case("missing-sanction-kind", P, edit(PENALTY, "  - kind: fine\n    amount", "  - amount"), 16,
         "required", "missing required field kind of sanction (`sanctions[1].kind`): add the line `kind: …` "
         "to the entry that starts on line 16",
         zh="缺少必填的处罚种类 `sanctions[1].kind`：在第 16 行开始的这一项里加一行 `kind: …`"),
    case("missing-withdrawn-reason", T, VALID_TENDER + "withdrawn:\n  date: 2026-03-10\n", 19,
         "required", "missing required field withdrawal reason (`withdrawn.reason`): under `withdrawn:` on line 19",
         zh="缺少必填的撤销原因 `withdrawn.reason`：在第 19 行 `withdrawn:` 下面加一行 `reason: …`"),
    case("missing-attachment-title", T, VALID_TENDER + "attachments:\n  - url: https://example.cn/a.pdf\n",
         20, "required", "missing required field attachment title (`attachments[1].title`)",
         zh="缺少必填的附件名称 `attachments[1].title`：在第 20 行开始的这一项里加一行 `title: …`"),
    # unknown fields (typos must not vanish)
    case("unknown-field-top", T, VALID_TENDER + "qualifcation: 市政公用工程施工总承包三级\n", 19,
         "unknown-field", "unknown field `qualifcation`: did you mean qualification requirements "
         "(`qualification`)? Correct the spelling or remove the line",
         zh="未知字段 `qualifcation`：是不是要写资格要求 `qualification`？改正拼写，或删除这一行"),
    case("unknown-field-nested", T, tender("  uscc: 91350100M000100Y43", "  usc: 91350100M000100Y43"),
         13, "unknown-field", "unknown field `usc` (in `buyer`): did you mean buyer's unified social credit "
         "code (`buyer.uscc`)?", zh="未知字段 `usc`（在 `buyer` 中）：是不是要写招标人统一社会信用代码 `buyer.uscc`？"),
    case("unknown-field-unlike-any", T, VALID_TENDER + "remarks: 无\n", 19, "unknown-field",
         "unknown field `remarks`: correct its spelling or remove the line",
         zh="未知字段 `remarks`：检查拼写，或删除这一行"),
    case("unknown-field-of-another-type", W, AWARD + "deadline: 2026-03-25 09:30\n", 15, "unknown-field",
         "`deadline` is not a field of this notice type (Award notice): remove the line, or check that the "
         "notice type (`type`) is right",
         zh="中标结果公告没有字段 `deadline`（它属于其他类型的公告）：删除这一行，或检查公告类型 `type` 是否写对"),
    # duplicate keys
    case("duplicate-key-top", T, VALID_TENDER + "title: 另一个标题的招标公告\n", 19, "yaml-duplicate-key",
         "title (`title`) is written twice (first at line 2): keep only one",
         zh="公告标题 `title` 写了两次（第一次在第 2 行）：只保留一个"),
    case("duplicate-key-nested", T, tender("  place:", "  time: 2026-03-26 09:30\n  place:"), 18,
         "yaml-duplicate-key", "bid opening time (`opening.time`) is written twice (first at line 17)",
         zh="开标时间 `opening.time` 写了两次（第一次在第 17 行）"),
    # enumerations
    case("enum-type", T, tender("type: tender", "type: tendr"), 1, "notice-type",
         "the notice type (`type`) must be one of: `tender` (Tender notice), `amendment` (Amendment), ",
         zh="公告类型 `type` 应为以下之一：招标公告 `tender`、变更公告 `amendment`、中标候选人公示 `candidates`、"
         "中标结果公告 `award`、终止公告 `termination`、处罚公告 `penalty`；现在写的是“tendr”"),
    case("enum-category", T, tender("category: construction", "category: building"), 6,
         "value-literal-error", "category (`category`) must be one of: `construction` (Construction), ",
         zh="交易类别 `category` 应为以下之一：工程建设 `construction`、政府采购 `procurement`"),
    case("enum-method", T, tender("method: open", "method: public"), 10, "value-literal-error",
         "procurement method (`method`) must be one of: `open` (Open tender), `invited` (Invited tender), ",
         zh="交易方式 `method` 应为以下之一：公开招标 `open`、邀请招标 `invited`、竞争性谈判 `competitive-negotiation`、"
         "竞争性磋商 `competitive-consultation`、询价 `inquiry`、单一来源 `single-source`、拍卖 `auction`、"
         "挂牌 `listing`、其他方式 `other`；现在写的是“public”"),
    case("enum-subject-kind", P, penalty("kind: company", "kind: firm"), 8, "value-literal-error",
         "kind of party (`subject.kind`) must be one of: `company` (Company), ",
         zh="对象类别 `subject.kind` 应为以下之一：企业 `company`、"),
    case("enum-sanction-kind", P, penalty("kind: suspension", "kind: ban"), 18, "value-literal-error",
         "kind of sanction (`sanctions[2].kind`) must be one of: `warning` (Warning), `fine` (Fine), ",
         zh="处罚种类 `sanctions[2].kind` 应为以下之一：警告 `warning`、罚款 `fine`、"),
    # titles and one-line text
    case("title-too-short", T, tender("title: 孝南区书院街道路改造工程施工招标公告", "title: 道路工程"), 2,
         "value-too-short", "title (`title`) is too short: write at least 5 characters (found 4)",
         zh="公告标题 `title` 太短：至少写 5 个字，现在只有 4 个"),
    case("title-too-long", T, tender("title: 孝南区书院街道路改造工程施工招标公告", "title: " + "路" * 201),
         2, "value-too-long", "title (`title`) is too long: at most 200 characters, found 201",
         zh="公告标题 `title` 太长：最多 200 个字，现在有 201 个；详细内容写进正文 `body`"),
    case("title-multi-line", T,
         tender("title: 孝南区书院街道路改造工程施工招标公告", "title: |\n  孝南区书院街道路改造工程\n  施工招标公告"),
         2, "value", "title (`title`): must be one line of plain text: remove the line breaks",
         zh="公告标题 `title`：只能写一行：删掉换行（只有正文 `body` 可以写多行）"),
    case("title-a-number", T, tender("title: 孝南区书院街道路改造工程施工招标公告", "title: 12345"), 2,
         "value", "title (`title`): must be text, found the number 12345: if that is what you mean, put it "
         "in double quotes", zh="公告标题 `title`：应为文字，现在写的是数字 12345：如果要写的就是这些，给它加上双引号"),
    case("publisher-empty", T, tender("publisher: 孝感市公共资源交易中心", 'publisher: ""'), 5,
         "value-too-short", "publisher (`publisher`) must not be empty: write its value after the colon",
         zh="发布单位 `publisher` 不能为空：在冒号后面写上内容"),
    case("publisher-nothing", T, tender("publisher: 孝感市公共资源交易中心", "publisher:"), 5,
         "value-string-type", "publisher (`publisher`) must not be empty", zh="发布单位 `publisher` 不能为空"),
    case("project-code-true", T, tender("  code: XN-GC-2026-001", "  code: true"), 8, "value-string-type",
         "project code (`project.code`): must be text, found the true/false value `true`: if that is what "
         "you mean, put it in double quotes",
         zh="项目编号 `project.code`：应为文字，现在写的是是非值 `true`：如果要写的就是这些，给它加上双引号"),
    case("uscc-a-list", T, tender("  uscc: 91350100M000100Y43", "  uscc: [91350100M000100Y43]"), 13,
         "value-string-type", "buyer's unified social credit code (`buyer.uscc`): must be one line of text, "
         "found a list: write the value on the same line, after the colon",
         zh="招标人统一社会信用代码 `buyer.uscc`：应为一行文字，现在写的是一个列表：把内容写在冒号后面的同一行"),
    # money
    case("money-quoted", T, tender("budget: 12800000.50", 'budget: "12800000.50"'), 14, "value",
         "budget or starting price (yuan) (`budget`): must be a number in yuan written without quotes or "
         "units, e.g. `1280000.50`; found '12800000.50'",
         zh="预算/起始价（元） `budget`：应为以元为单位的数字，不加引号、不写单位，例如 `1280000.50`；"
         "现在写的是“12800000.50”"),
    case("money-with-unit", T, tender("budget: 12800000.50", "budget: 1280万元"), 14, "value",
         "written without quotes or units, e.g. `1280000.50`; found '1280万元'",
         zh="不加引号、不写单位，例如 `1280000.50`；现在写的是“1280万元”"),
    case("money-negative", T, tender("budget: 12800000.50", "budget: -1"), 14, "value",
         "budget or starting price (yuan) (`budget`): must not be negative", zh="预算/起始价（元） `budget`：不能是负数"),
    case("money-three-decimals", T, tender("budget: 12800000.50", "budget: 12800000.505"), 14,
         "value", "has more than 2 decimals: amounts are in yuan, to the fen (0.01)",
         zh="小数超过两位：金额以元为单位，精确到分（0.01）"),
    case("money-candidate-quoted", C, candidates("amount: 12500000", 'amount: "12500000"'), 14,
         "value", "bid amount (yuan) (`candidates[1].amount`): must be a number in yuan written without quotes",
         zh="投标报价（元） `candidates[1].amount`：应为以元为单位的数字，不加引号"),
    # dates and datetimes
    case("date-malformed", T, tender("published: 2026-03-01 09:00", "published: 2026/03/01"), 4,
         "value", "publication time (`published`): must be a date (YYYY-MM-DD) or a date and time "
         "(YYYY-MM-DD HH:MM), e.g. 2026-03-10 or 2026-03-10 09:30; found '2026/03/01'",
         zh="发布时间 `published`：应为日期（年-月-日）或日期和时刻（年-月-日 时:分），例如 2026-03-10 或 "
         "2026-03-10 09:30；现在写的是“2026/03/01”"),
    case("date-impossible", T, tender("published: 2026-03-01 09:00", "published: 2026-02-30"), 4,
         "value", "publication time (`published`): '2026-02-30' is not a real calendar date",
         zh="发布时间 `published`：“2026-02-30”不是真实存在的日期"),
    case("datetime-impossible", T, tender("deadline: 2026-03-25 09:30", "deadline: 2026-02-30 09:30"),
         15, "value", "bid deadline (`deadline`): '2026-02-30 09:30' is not a real date and time",
         zh="投标/报名截止时间 `deadline`：“2026-02-30 09:30”不是真实存在的日期和时刻"),
    case("datetime-hour-25", T, tender("deadline: 2026-03-25 09:30", "deadline: 2026-03-25 25:00"),
         15, "value", "'2026-03-25 25:00' is not a real date and time", zh="“2026-03-25 25:00”不是真实存在的日期和时刻"),
    case("deadline-without-time", T, tender("deadline: 2026-03-25 09:30", "deadline: 2026-03-25"), 15,
         "value", "bid deadline (`deadline`): needs a time as well as a date, e.g. 2026-03-25 09:30 (site "
         "time zone)", zh="投标/报名截止时间 `deadline`：要写到时刻，例如 2026-03-25 09:30（本站时区）"),
    case("opening-without-time", T, tender("  time: 2026-03-25 09:30", "  time: 2026-03-25"), 17,
         "value", "bid opening time (`opening.time`): needs a time", zh="开标时间 `opening.time`：要写到时刻"),
    case("decided-impossible", P, penalty("decided: 2026-03-28", "decided: 2026-13-01"), 11, "value",
         "decision date (`decided`): '2026-13-01' is not a real calendar date",
         zh="处罚决定日期 `decided`：“2026-13-01”不是真实存在的日期"),
    case("publicity-end-malformed", C, candidates("publicity_end: 2026-04-14", "publicity_end: 4月14日"),
         17, "value", "end of publicity (`publicity_end`): must be a date (YYYY-MM-DD) or a date and time",
         zh="公示截止 `publicity_end`：应为日期（年-月-日）或日期和时刻（年-月-日 时:分），例如 2026-03-10 或 "
         "2026-03-10 09:30；现在写的是“4月14日”"),
    case("award-date-a-datetime", W, edit(AWARD, "award_date: 2026-04-15", "award_date: 2026-04-15 10:00"),
         14, "value", "award date (`award_date`): must be a date written as YYYY-MM-DD, e.g. 2026-03-10; "
         "found '2026-04-15 10:00'", zh="中标/成交日期 `award_date`：应为日期（年-月-日），例如 2026-03-10；"
         "现在写的是“2026-04-15 10:00”"),
    # USCC and region codes
    case("uscc-check-character", T, tender("uscc: 91350100M000100Y43", "uscc: 91350100M000100Y44"), 13,
         "value", "buyer's unified social credit code (`buyer.uscc`): '91350100M000100Y44' fails the check of "
         "a unified social credit code", zh="招标人统一社会信用代码 `buyer.uscc`：“91350100M000100Y44”未通过统一社会"
         "信用代码的校验"),
    case("uscc-lower-case", C, candidates("uscc: 91350100M000100Y43", "uscc: 91350100m000100y43"), 13,
         "value", "holds characters a unified social credit code cannot have, `m`, `y`: it is made of digits "
         "and capital letters, never `I`, `O`, `S`, `V` or `Z`; write lower case letters as capitals",
         zh="“91350100m000100y43”含有不能用的字符 `m`、`y`：统一社会信用代码只由数字和大写字母组成，"
         "不用 `I`、`O`、`S`、`V`、`Z`；小写字母改成大写"),
    case("uscc-short", W, edit(AWARD, "uscc: 91350100M000100Y43", "uscc: 91350100M0001"), 12, "value",
         "winner's unified social credit code (`winners[1].uscc`): '91350100M0001' has 13 characters, not "
         "the 18 of a unified social credit code", zh="中标/成交人统一社会信用代码 `winners[1].uscc`："
         "“91350100M0001”有 13 位，应为 18 位"),
    case("region-malformed", T, tender('region: "420902"', 'region: "42090"'), 3, "value",
         "region (`region`): must be a 6-digit region code (GB/T 2260) in quotes, e.g. `\"420902\"`; "
         "found '42090'", zh="发布地区 `region`：应为 6 位数字的行政区划代码（GB/T 2260），加上引号，"
         "例如 `\"420902\"`；现在写的是“42090”"),
    case("region-unknown", T, tender('region: "420902"', 'region: "420922"'), 3, "region-unknown",
         "region (`region`) '420922' is not in the region table regions.yaml: use a code listed there, or first add "
         "the region to the table", zh="发布地区 `region`“420922”不在地区表 regions.yaml 中：改用表中已有的地区代码"),
    # candidates' ranks as values
    case("rank-zero", C, candidates("rank: 1", "rank: 0"), 11, "value-greater-than-equal",
         "rank (`candidates[1].rank`) must be at least 1; found the number 0",
         zh="排名 `candidates[1].rank` 不能小于 1；现在写的是数字 0"),
    case("rank-quoted", C, candidates("rank: 1", 'rank: "1"'), 11, "value-int-type",
         "rank (`candidates[1].rank`) must be a whole number written without quotes, e.g. `rank: 1`; found '1'",
         zh="排名 `candidates[1].rank` 应为整数，不加引号，例如 `rank: 1`；现在写的是“1”"),
    case("rank-a-fraction", C, candidates("rank: 2", "rank: 1.5"), 15, "value-int-type",
         "rank (`candidates[2].rank`) must be a whole number written without quotes, e.g. `rank: 1`; found "
         "the number 1.5", zh="排名 `candidates[2].rank` 应为整数，不加引号，例如 `rank: 1`；现在写的是数字 1.5"),
    case("candidates-empty-list", C,
         edit(CANDIDATES, CANDIDATES[CANDIDATES.index("candidates:"):CANDIDATES.index("publicity_end")],
              "candidates: []\n"), 10, "value-too-short",
         "candidates (`candidates`) needs at least 1 entry: add it below, each entry on a line of its own "
         "starting with `- `", zh="中标候选人 `candidates` 至少要有 1 项：在下面加上，每项另起一行，以 `- ` 开头"),
    case("project-not-a-mapping", T,
         tender("project:\n  code: XN-GC-2026-001\n  name: 孝南区书院街道路改造工程", "project: XN-GC-2026-001"),
         7, "value-model-type", "project (`project`) must be a group of fields: on the lines after `project:`, "
         "indented by two spaces, write one `field: value` a line, such as `code`, `name`; found "
         "'XN-GC-2026-001'", zh="项目 `project` 应为一组子字段：在 `project:` 之后另起几行，缩进两格，每行写一个"
         "“字段: 值”，如 `code`、`name`；现在写的是“XN-GC-2026-001”"),
    case("project-empty", T,
         tender("project:\n  code: XN-GC-2026-001\n  name: 孝南区书院街道路改造工程", "project:"),
         7, "value-model-type", "project (`project`) must be a group of fields: on the lines after `project:`",
         zh="项目 `project` 应为一组子字段：在 `project:` 之后另起几行，缩进两格，每行写一个“字段: 值”，"
         "如 `code`、`name`；现在什么也没写"),
    case("attachment-not-a-mapping", T, VALID_TENDER + "attachments:\n  - 招标文件.pdf\n", 20,
         "value-model-type", "attachments (`attachments[1]`) must be a group of fields: after `- `, write one "
         "`field: value` a line", zh="附件 `attachments[1]` 应为一组子字段：在 `- ` 之后写“字段: 值”，每行一个，"
         "上下对齐；现在写的是“招标文件.pdf”"),
    case("attachments-not-a-list", T, VALID_TENDER + "attachments: 招标文件.pdf\n", 19, "value-list-type",
         "attachments (`attachments`) must be a list: each entry on a line of its own, starting with `- `; "
         "found '招标文件.pdf'", zh="附件 `attachments` 应为列表：每一项另起一行，以 `- ` 开头；现在写的是“招标文件.pdf”"),
]

# --- rules across fields and files ----------------------------------------------------------

ORDER_CASES = [
    case("deadline-before-published", T, tender("deadline: 2026-03-25 09:30", "deadline: 2026-02-25 09:30")
         .replace("time: 2026-03-25 09:30", "time: 2026-02-25 09:30"), 15, "deadline-order",
         "bid deadline (`deadline`) '2026-02-25 09:30' is not after the publication time (`published`) "
         "'2026-03-01 09:00'", zh="投标/报名截止时间 `deadline`“2026-02-25 09:30”不晚于发布时间 `published`“2026-03-01 09:00”"),
    case("opening-before-deadline", T, tender("  time: 2026-03-25 09:30", "  time: 2026-03-25 09:00"), 17,
         "opening-order", "'2026-03-25 09:00' is before the bid deadline (`deadline`) '2026-03-25 09:30': bids are "
         "opened after they close",
         zh="开标时间 `opening.time`“2026-03-25 09:00”早于投标/报名截止时间 `deadline`“2026-03-25 09:30”"),
    case("amends-missing-id", A, amendment("amends: XN-GC-2026-001-ZB", "amends: XN-GC-2026-001-ZX"), 10,
         "amends-unknown", "there is no notice with that id; the tender of this project is XN-GC-2026-001-ZB: "
         "to amend it, write `amends: XN-GC-2026-001-ZB`", zh="数据中没有这个编号的公告。本项目的招标公告是 XN-GC-2026-001-ZB"),
    case("amends-missing-id-of-another-project", A,
         amendment("amends: XN-GC-2026-001-ZB", "amends: XN-GC-2026-009-ZB").replace("-001\n", "-009\n"), 10,
         "amends-unknown", "write the id of the tender it amends, which is the tender's file name without `.yaml`",
         zh="被变更的招标公告编号 `amends`“XN-GC-2026-009-ZB”：数据中没有这个编号的公告。写被变更的招标公告的编号"),
    case("amends-a-non-tender", A, amendment("amends: XN-GC-2026-001-ZB", "amends: XN-GC-2026-001-HX"), 10,
         "amends-type", "is a notice of type Preferred bidders (`candidates`), not a tender",
         zh="“XN-GC-2026-001-HX”是中标候选人公示 `candidates`，不是招标公告"),
    case("amends-other-project", A, amendment("  code: XN-GC-2026-001", "  code: XN-GC-2026-002"), 8,
         "amends-project", "differs from the project code 'XN-GC-2026-001' of the tender it amends",
         zh="与被变更的招标公告 XN-GC-2026-001-ZB 的项目编号“XN-GC-2026-001”不同"),
    case("amendment-before-tender", A, amendment("published: 2026-03-05 09:00", "published: 2026-02-28"),
         4, "published-order", "is before the publication of the tender it amends, XN-GC-2026-001-ZB "
         "('2026-03-01 09:00')", zh="早于它所变更的招标公告 XN-GC-2026-001-ZB 的发布时间“2026-03-01 09:00”"),
    case("changes-empty", A,
         edit(AMENDMENT, AMENDMENT[AMENDMENT.index("changes:"):], "changes: {}\n"), 11, "changes-empty",
         "has neither a new bid deadline (`deadline`) nor a new bid opening (`opening`)",
         zh="既没有新的投标截止时间 `deadline` 也没有新的开标安排 `opening`"),
    case("changes-deadline-before-amendment", A,
         amendment("  deadline: 2026-04-10 09:30", "  deadline: 2026-03-04 09:30"), 12, "deadline-order",
         "new bid deadline (`changes.deadline`) '2026-03-04 09:30' is not after the publication time",
         zh="新的投标截止时间 `changes.deadline`“2026-03-04 09:30”不晚于发布时间"),
    case("changes-opening-before-new-deadline", A,
         amendment("    time: 2026-04-10 09:30", "    time: 2026-04-10 09:00"), 14, "opening-order",
         "is before the new bid deadline (`changes.deadline`) '2026-04-10 09:30'",
         zh="早于新的投标截止时间 `changes.deadline`“2026-04-10 09:30”"),
    case("changes-opening-before-tender-deadline", A,
         edit(AMENDMENT, "  deadline: 2026-04-10 09:30\n", "").replace("time: 2026-04-10 09:30", "time: 2026-03-20 09:00"),
         13, "opening-order", "is before the bid deadline (`deadline`) '2026-03-25 09:30' of the tender "
         "XN-GC-2026-001-ZB", zh="早于招标公告 XN-GC-2026-001-ZB 的投标/报名截止时间 `deadline`“2026-03-25 09:30”"),
    case("result-without-tender", C, candidates("  code: XN-GC-2026-001", "  code: XN-GC-2026-009"), 8,
         "project-tender", "no tender in the data has project code (`project.code`) 'XN-GC-2026-009'",
         zh="数据中没有项目编号 `project.code` 为“XN-GC-2026-009”的招标公告"),
    case("termination-without-tender", TERMINATION_PATH, TERMINATION, 8, "project-tender",
         "a result needs its project's tender", zh="结果类公告要有本项目的招标公告",
         extra={TERMINATION_TENDER_PATH: None}),
    case("amends-a-broken-tender", A, AMENDMENT, 10, "amends-broken",
         "'XN-GC-2026-001-ZB' names a notice whose file has errors of its own: fix that file first",
         zh="被变更的招标公告编号 `amends`“XN-GC-2026-001-ZB”所指的公告文件本身有错误：先改正那个文件",
         extra={T: tender("title: 孝南区书院街道路改造工程施工招标公告", "title: 道路")}),
    case("result-of-a-broken-tender", C, CANDIDATES, 8, "project-tender",
         "the tender of project 'XN-GC-2026-001', XN-GC-2026-001-ZB, has errors of its own",
         zh="项目“XN-GC-2026-001”的招标公告 XN-GC-2026-001-ZB 本身有错误",
         extra={T: tender("method: open", "method: public")}),
    case("result-before-tender", W, edit(AWARD, "published: 2026-04-16", "published: 2026-02-27"), 4,
         "published-order", "is before the publication of its project's tender XN-GC-2026-001-ZB ('2026-03-01 09:00')",
         zh="早于本项目招标公告 XN-GC-2026-001-ZB 的发布时间“2026-03-01 09:00”"),
    case("ranks-duplicate", C, candidates("rank: 2", "rank: 1"), 15, "candidates-ranks",
         "values are 1, 1: number them 1 to 2, each rank once", zh="排名 `candidates.rank` 依次是 1、1：按名次写 1 到 2"),
    case("ranks-gap", C, candidates("rank: 2", "rank: 3"), 15, "candidates-ranks",
         "values are 1, 3", zh="依次是 1、3"),
    case("candidates-publicity-before-published", C,
         candidates("publicity_end: 2026-04-14", "publicity_end: 2026-04-10"), 17, "publicity-order",
         "end of publicity (`publicity_end`) '2026-04-10' is not after the publication time (`published`) "
         "'2026-04-11 10:00'", zh="公示截止 `publicity_end`“2026-04-10”不晚于发布时间 `published`“2026-04-11 10:00”"),
    case("penalty-company-without-uscc", P, drop_line(PENALTY, "  uscc: 91350100M000100Y43"), 6,
         "subject-uscc", "is required when the kind of party (`subject.kind`) is Company (`company`): add a line "
         "`uscc: …` under `subject:` at line 6",
         zh="对象类别 `subject.kind` 为企业 `company` 时要写处罚对象统一社会信用代码 `subject.uscc`："
         "在第 6 行 `subject:` 下加一行 `uscc: …`"),
    case("penalty-person-with-uscc", P,
         penalty("  name: 孝感市某建筑工程有限公司\n  kind: company", "  name: 王某某\n  kind: person"), 9,
         "subject-uscc", "is not written when the kind of party (`subject.kind`) is Natural person (`person`)",
         zh="为自然人 `person` 时不写处罚对象统一社会信用代码 `subject.uscc`"),
    case("penalty-expert-with-uscc", P, penalty("kind: company", "kind: expert"), 9, "subject-uscc",
         "is Evaluation expert (`expert`)", zh="为评标专家 `expert` 时不写"),
    case("fine-without-amount", P, drop_line(PENALTY, "    amount: 50000"), 16, "sanction-amount",
         "a sanction of kind Fine (`fine`) needs its sanction amount (yuan) (`sanctions.amount`)",
         zh="处罚种类为罚款 `fine` 时要写处罚金额（元） `sanctions.amount`：在第 16 行这一项中加一行 `amount: …`"),
    case("suspension-without-until", P, drop_line(PENALTY, "    until: 2027-03-27"), 18,
         "sanction-until", "a sanction of kind Suspension from bidding (`suspension`) needs its sanction in force "
         "until (`sanctions.until`)", zh="处罚种类为暂停投标资格 `suspension` 时要写处罚期限至 `sanctions.until`"),
    case("debarment-without-until", P,
         edit(PENALTY, "  - kind: suspension\n    until: 2027-03-27", "  - kind: debarment"), 18,
         "sanction-until", "Debarment (`debarment`) needs", zh="禁止参加 `debarment` 时要写"),
    case("until-before-decided", P, penalty("until: 2027-03-27", "until: 2026-03-01"), 19,
         "sanction-until", "'2026-03-01' is before the decision date (`decided`) '2026-03-28'",
         zh="处罚期限至 `sanctions.until`“2026-03-01”早于处罚决定日期 `decided`“2026-03-28”"),
    case("penalty-publicity-before-decided", P,
         penalty("publicity_end: 2029-03-27", "publicity_end: 2026-03-01"), 20, "publicity-order",
         "'2026-03-01' is not after the decision date (`decided`) '2026-03-28'",
         zh="公示截止 `publicity_end`“2026-03-01”不晚于处罚决定日期 `decided`“2026-03-28”"),
    case("decided-after-published", P, penalty("decided: 2026-03-28", "decided: 2026-04-02"), 11,
         "decided-order", "decision date (`decided`) '2026-04-02' is after the publication time (`published`) "
         "'2026-04-01'", zh="处罚决定日期 `decided`“2026-04-02”晚于发布时间 `published`“2026-04-01”"),
    case("penalty-unmasked-resident-id", P, penalty("4209**********123X", RESIDENT_ID), 13,
         "personal-data", "holds an unmasked resident ID number: a penalty notice shows it masked, the first 4 and "
         "last 4 characters kept and the 10 between written `*`, e.g. 4209**********5612",
         zh="违法事实 `violation` 中有未脱敏的居民身份证号码：处罚公告只公开脱敏后的号码，保留前 4 位和后 4 位，"
         "中间 10 位写 `*`，例如 4209**********5612"),
    case("penalty-unmasked-mobile", P, penalty("138****1234", "13812341234"), 13, "personal-data",
         "holds an unmasked mobile number: a penalty notice shows it masked, the first 3 and last 4 digits kept and "
         "the 4 between written `*`, e.g. 138****1234",
         zh="中有未脱敏的手机号码：处罚公告只公开脱敏后的号码，保留前 3 位和后 4 位，中间 4 位写 `*`，例如 138****1234"),
    case("penalty-unmasked-mobile-plus86", P, penalty("  name: 孝感市某建筑工程有限公司",
                                                      "  name: 孝感市某建筑工程有限公司（+8613912345678）"),
         7, "personal-data", "e.g. 139****5678", zh="处罚对象名称 `subject.name` 中有未脱敏的手机号码"),
    case("penalty-unquoted-id-number", P, penalty("decision_no: 孝公管罚〔2026〕3号",
                                                  f"decision_no: {RESIDENT_ID}"),
         10, "personal-data", "decision number (`decision_no`) holds an unmasked resident ID number",
         zh="例如 4209**********5612"),
    case("attachment-missing-file", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: 2026/zb.pdf\n",
         21, "attachment-file", "no file 'files/2026/zb.pdf': add the file there and commit it, or correct the path",
         zh="找不到附件文件“files/2026/zb.pdf”"),
    case("attachment-dotdot", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: ../regions.yaml\n",
         21, "value", "attachment file (`attachments[1].file`): must be a plain path under `data/files/` "
         "without `..`, `.` or `//`; found '../regions.yaml'",
         zh="附件文件 `attachments[1].file`：应为 `data/files/` 下的普通路径，不能含 `..`、`.` 或 `//`；"
         "现在写的是“../regions.yaml”"),
    case("attachment-absolute", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: /etc/passwd\n",
         21, "value", "must be a path under `data/files/`, not an absolute path; found '/etc/passwd'",
         zh="应为 `data/files/` 下的相对路径，不能以 `/` 或盘符开头；现在写的是“/etc/passwd”"),
    case("attachment-http", T,
         VALID_TENDER + "attachments:\n  - title: 招标文件\n    url: http://example.cn/zb.pdf\n",
         21, "value", "attachment link (`attachments[1].url`): must be a link starting with `https://`, with "
         "no spaces; found 'http://example.cn/zb.pdf'", zh="附件链接 `attachments[1].url`：应为以 `https://` 开头的"
         "链接，中间不能有空格；现在写的是“http://example.cn/zb.pdf”"),
    case("attachment-file-and-url", T,
         VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: zb.pdf\n    url: https://example.cn/zb.pdf\n",
         20, "attachment-target", "this attachment has both an attachment file (`file`) and an attachment link (`url`)",
         zh="这个附件同时写了附件文件 `file` 和附件链接 `url`",
         attachments={"zb.pdf": b"%PDF-1.4"}),
    case("attachment-sha256-alone", T, VALID_TENDER + "attachments:\n  - title: 图纸\n    url: https://oss.example.cn/t.zip\n"
         f"    sha256: {'ab' * 32}\n", 22, "attachment-declared",
         "go together: only attachment SHA-256 digest (`sha256`) is given; add attachment size (bytes) (`size`)",
         zh="附件大小（字节） `size`和附件 SHA-256 摘要 `sha256`要一起写：只写了附件 SHA-256 摘要 `sha256`，"
         "补上附件大小（字节） `size`"),
    case("attachment-declared-beside-file", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n    file: zb.pdf\n"
         f"    size: 8\n    sha256: {'ab' * 32}\n", 22, "attachment-declared",
         "belong to attachments given by attachment link (`url`) only",
         zh="只写在用附件链接 `url`的附件里", attachments={"zb.pdf": b"%PDF-1.4"}),
    case("attachment-sha256-short", T, VALID_TENDER + "attachments:\n  - title: 图纸\n    url: https://oss.example.cn/t.zip\n"
         f"    size: 8\n    sha256: {'ab' * 31}\n", 23, "value",
         "attachment SHA-256 digest (`attachments[1].sha256`): must be the file's SHA-256 digest: 64 hexadecimal digits",
         zh="附件 SHA-256 摘要 `attachments[1].sha256`：应为文件的 SHA-256 摘要：64 位十六进制数字"),
    case("attachment-neither", T, VALID_TENDER + "attachments:\n  - title: 招标文件\n", 20,
         "attachment-target", "has neither an attachment file (`file`) nor an attachment link (`url`)",
         zh="这个附件既没有附件文件 `file` 也没有附件链接 `url`"),
    case("contact-empty", T, VALID_TENDER + "contact: {}\n", 19, "contact-empty",
         "write at least one of contact name (`name`), contact phone (`phone`), contact email (`email`)",
         zh="联系方式 `contact` 一项也没有填"),
    case("withdrawn-before-published", T,
         VALID_TENDER + "withdrawn:\n  date: 2026-02-28\n  reason: 招标文件有误\n", 20, "withdrawn-date",
         "withdrawal date (`withdrawn.date`) '2026-02-28' is before the publication time (`published`) "
         "'2026-03-01 09:00'", zh="撤销日期 `withdrawn.date`“2026-02-28”早于发布时间 `published`“2026-03-01 09:00”"),
    # files and ids
    case("duplicate-id-two-folders", "2026/420921/XN-GC-2026-001-ZB.yaml", VALID_TENDER, None,
         "id-unique", f"data/notices/{TENDER_PATH} already has the same id: a notice id (the file name) is unique "
         "across the whole data folder", zh=f"data/notices/{TENDER_PATH} 已经使用了同一个编号"),
    case("id-differs-in-case", "2026/420921/xn-gc-2026-001-zb.yaml", VALID_TENDER, None, "id-unique",
         "differs from this file's only in upper and lower case", zh="只差字母大小写"),
    case("id-too-short", "2026/420902/ab.yaml", VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-002"),
         None, "id-format", "the file name 'ab' cannot be a notice id: it has 2 character(s)",
         zh="文件名“ab”不能作为公告编号：它有 2 个字符，而编号要有 3–80 个字符"),
    case("id-bad-characters", "2026/420902/招标公告.yaml",
         VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-002"), None, "id-format",
         "it contains '招', and an id is made of letters, digits", zh="其中有“招”，而编号只由字母、数字"),
    case("id-starts-with-an-underscore", "2026/420902/_XN-GC-2026-002-ZB.yaml",
         VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-002"), None, "id-format",
         "an id starts with a letter or a digit", zh="编号要以字母或数字开头"),
    case("yml-extension", "2026/420902/XN-GC-2026-002-ZB.yml", VALID_TENDER, None, "file-extension",
         "rename it to `XN-GC-2026-002-ZB.yaml`", zh="把它改名为 `XN-GC-2026-002-ZB.yaml`"),
    case("upper-case-extension", "2026/420902/XN-GC-2026-002-ZB.YAML", VALID_TENDER, None,
         "file-extension", "a notice file's name ends in `.yaml`, in lower case",
         zh="公告文件名要以小写的 `.yaml` 结尾"),
    case("non-yaml-file", "2026/420902/招标文件.pdf", b"%PDF-1.4", None, "file-extension",
         "only notice files (`.yaml`) belong in `notices/`", zh="`notices/` 里只放公告文件（`.yaml`）"),
    # regions.yaml
    case("regions-missing", "regions.yaml", None, None, "data-layout", "there is no regions.yaml: create it",
         zh="没有地区表 regions.yaml：在数据文件夹里建立它", regions=None),
    case("region-duplicate-code", "regions.yaml", None, 21, "region-unique",
         "region code (`code`) '420902' is listed twice: line 12 (entry 5) already has it",
         zh="行政区划代码 `code`“420902”重复：第 12 行（第 5 项）已经写过这个地区",
         regions=regions_with('- code: "420902"\n  name: 孝南区\n  parent: "420900"\n')),
    case("region-parent-missing", "regions.yaml", None, 23, "region-parent",
         "parent region code (`parent`) '420600' is not listed in regions.yaml",
         zh="上级地区代码 `parent`“420600”不在地区表中",
         regions=regions_with('- code: "420602"\n  name: 襄城区\n  parent: "420600"\n')),
    case("region-wrong-parent", "regions.yaml", None, 23, "region-parent",
         "by GB/T 2260 the parent of 420922 is 420900, not '420100'", zh="按 GB/T 2260，420922 的上级地区是 420900，不是“420100”",
         regions=regions_with('- code: "420922"\n  name: 大悟县\n  parent: "420100"\n')),
    case("region-city-without-parent", "regions.yaml", None, 21, "region-parent",
         'add a line `parent: "420000"`', zh="“襄阳市”（420600）是市级地区",
         regions=regions_with('- code: "420600"\n  name: 襄阳市\n')),
    case("region-county-without-parent", "regions.yaml", None, 21, "region-parent",
         "'大悟县' (420922) is a county-level region", zh="“大悟县”（420922）是县级地区，要写上级地区代码 `parent`",
         regions=regions_with('- code: "420922"\n  name: 大悟县\n')),
    case("region-province-with-parent", "regions.yaml", None, 23, "region-parent",
         "430000 is a province-level code and has no parent", zh="430000 是省级地区代码，没有上级地区",
         regions=regions_with('- code: "430000"\n  name: 湖南省\n  parent: "420000"\n')),
    case("region-cycle", "regions.yaml",
         None, 3, "region-cycle", "the regions' parents form a cycle (420000 → 420100 → 420000)",
         zh="地区的上级关系形成了循环（420000 → 420100 → 420000）",
         regions=edit(REGIONS_YAML, '- code: "420000"\n  name: 湖北省\n',
                      '- code: "420000"\n  name: 湖北省\n  parent: "420100"\n')),
    case("region-missing-name", "regions.yaml", None, 21, "required",
         "missing required field region name (`name`): add the line `name: …` to the entry that starts on "
         "line 21 (indented like its other fields)",
         zh="缺少必填的地区名称 `name`：在第 21 行开始的这一项里加一行 `name: …`（与这一项的其他字段对齐）",
         regions=regions_with('- code: "420922"\n  parent: "420900"\n')),
    case("region-code-malformed", "regions.yaml", None, 21, "value",
         "region code (`code`) of entry 8 of the region list: must be a 6-digit region code (GB/T 2260)",
         zh="地区表第 8 项的行政区划代码 `code`：应为 6 位数字的行政区划代码（GB/T 2260），加上引号，"
         "例如 `\"420902\"`；现在写的是“42092”",
         regions=regions_with('- code: "42092"\n  name: 大悟县\n  parent: "420900"\n')),
    case("region-unknown-field", "regions.yaml", None, 23, "unknown-field",
         "unknown field `parnet` (in entry 8 of the region list): did you mean parent region code (`parent`)?",
         zh="未知字段 `parnet`（在地区表第 8 项中）：是不是要写上级地区代码 `parent`？",
         regions=regions_with('- code: "420922"\n  name: 大悟县\n  parnet: "420900"\n')),
    case("region-not-a-mapping", "regions.yaml", None, 21, "value-model-type",
         "entry 8 of the region list must be a group of fields: after `- `, write one `field: value` a line",
         zh="地区表第 8 项 应为一组子字段：在 `- ` 之后写“字段: 值”，每行一个，上下对齐；现在写的是“420922”",
         regions=regions_with('- "420922"\n')),
    case("regions-not-a-list", "regions.yaml", None, 1, "value-list-type",
         "the region list (`regions.yaml`) must be a list: each entry on a line of its own, starting with "
         "`- `; found a group of fields", zh="地区表 `regions.yaml` 应为列表：每一项另起一行，以 `- ` 开头；"
         "现在写的是一组子字段", regions='code: "420000"\nname: 湖北省\n'),
    case("region-reviewer-without-at", "regions.yaml", None, 25, "value",
         "lacks the leading '@': write the GitHub user or team as `- \"@xiaogan-ggzy\"`",
         regions=regions_with('- code: "420922"\n  name: 大悟县\n  parent: "420900"\n'
                              '  reviewers:\n    - xiaogan-ggzy\n')),
    case("region-reviewer-not-a-github-name", "regions.yaml", None, 23, "value",
         "must be a GitHub user '@name' or team '@organisation/team'",
         regions=regions_with('- code: "420922"\n  name: 大悟县\n  reviewers: ["@ok", "张三"]\n'
                              '  parent: "420900"\n')),
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
         15, "period-tender", "only 19 days from publication to the bid deadline (`deadline`) '2026-03-20 09:30': an "
         "open tender for construction needs at least 20 (Article 24 of the Tendering and Bidding Law of the PRC); "
         "move the deadline (and the opening) to 2026-03-21 or later",
         zh="只有 19 天：公开招标的工程建设项目至少要 20 天（《中华人民共和国招标投标法》第二十四条）；"
         "把截止时间（和开标时间）改到 2026-03-21 或以后"),
    case("amendment-under-15-days", A,
         edit(AMENDMENT, AMENDMENT[AMENDMENT.index("changes:"):], "")
         .replace("published: 2026-03-05 09:00", "published: 2026-03-11 09:00"),
         4, "period-amendment", "published only 14 days before the bid deadline '2026-03-25 09:30': a change or "
         "clarification comes at least 15 days before it (Article 21 of the Regulation on the Implementation of the "
         "Tendering and Bidding Law of the PRC)",
         zh="只有 14 天：变更或澄清至少在截止前 15 天发布（《中华人民共和国招标投标法实施条例》第二十一条）"),
    case("candidates-under-3-days", C, candidates("publicity_end: 2026-04-14", "publicity_end: 2026-04-13"),
         17, "period-candidates", "is only 2 days after publication: candidates are publicised for at least 3 days "
         "(Article 54 of the Regulation on the Implementation of the Tendering and Bidding Law of the PRC)",
         zh="距发布只有 2 天：中标候选人公示期不少于 3 天（《中华人民共和国招标投标法实施条例》第五十四条）；"
         "把公示截止改到 2026-04-14 或以后"),
    case("amendment-after-the-deadline", A,
         edit(AMENDMENT, AMENDMENT[AMENDMENT.index("changes:"):], "")
         .replace("published: 2026-03-05 09:00", "published: 2026-03-26 09:00"),
         4, "period-amendment", "published after the bid deadline '2026-03-25 09:30'",
         zh="本公告在投标截止时间“2026-03-25 09:30”之后才发布"),
    # regions.yaml names reviewers, and the repository (the folder holding data/) has no CODEOWNERS
    case("codeowners-missing", "regions.yaml", None, None, "codeowners-outdated", "`gongshi codeowners`",
         zh="但没有 CODEOWNERS 文件：运行 `gongshi codeowners` 生成 .github/CODEOWNERS",
         regions=edit(REGIONS_YAML, "  name: 湖北省\n", '  name: 湖北省\n  reviewers: ["@hubei-ggzy/shenhe"]\n'),
         shown_as=".github/CODEOWNERS"),
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
    assert bad.zh in problems[0].message
    english = run_cli("validate", "--data", data, "--lang", "en", cwd=tmp_path)
    assert bad.fragment in parse_text_output(english.out)[0].message
    strict = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert strict.exit_code == 1
    assert "Traceback" not in strict.out + strict.err
    assert parse_text_output(strict.out) == problems


@pytest.mark.parametrize("name", ["deadline-before-published", "changes-deadline-before-amendment"])
def test_a_deadline_out_of_order_is_not_also_a_short_period(name, run_cli, tmp_path):
    """The deadline-order error says it all: no legal-period warning counting days below zero."""
    bad = next(c for c in ORDER_CASES if c.name == name)
    result = run_cli("validate", "--data", write_data(tmp_path, bad), "--format", "json", cwd=tmp_path)
    rules = {p["rule"] for p in json.loads(result.out) if p["path"] == bad.shown}
    assert "deadline-order" in rules and not rules & {"period-tender", "period-amendment"}, result.out


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

# What editors get wrong writing YAML by hand: each is said as what to change on which line.
YAML_WRITING_CASES = [
    case("field-indented-too-little", T, tender("  name: 孝南区书院街道路改造工程", " name: 孝南区书院街道路改造工程"), 9,
         "yaml-syntax", "is indented by 1 space(s) and lines up with no field above it",
         zh="这一行缩进了 1 个空格，与上面的字段对不齐：同一层的字段缩进要相同，与第 8 行对齐（2 个空格），"
            "或者与第 7 行对齐（0 个空格）"),
    case("field-indented-too-much", T, tender("  name: 孝南区书院街道路改造工程", "   name: 孝南区书院街道路改造工程"), 9,
         "yaml-syntax", "this line is indented 1 space(s) more than line 8",
         zh="这一行比第 8 行多缩进了 1 个空格，被读成了那一行的值的延续"),
    case("list-item-out-of-line", T,
         VALID_TENDER + "attachments:\n  - title: 招标文件\n    url: https://example.cn/zb.pdf\n"
         " - title: 图纸\n    url: https://example.cn/tz.pdf\n", 22, "yaml-syntax",
         "the list items do not line up", zh="列表项没有对齐：这一行的 `- ` 前有 1 个空格，而第 20 行的 `- ` 前有 2 个"),
    case("field-among-list-items", T,
         VALID_TENDER + "attachments:\n  - title: 招标文件\n  url: https://example.cn/zb.pdf\n", 21,
         "yaml-syntax", "is not an item (`- `)", zh="这一行在第 20 行开始的列表里，却不是以 `- ` 开头的列表项"),
    case("colon-without-space", T, tender("method: open", "method:open"), 10, "yaml-syntax",
         "the colon needs a space after it: `method: open`", zh="冒号后面少了空格：字段名后要写冒号加空格，写成 `method: open`"),
    case("full-width-colon", T, tender("method: open", "method：open"), 10, "yaml-syntax",
         "full-width colon", zh="这一行用了中文冒号“：”：字段名后要用英文冒号加空格，写成 `method: open`"),
    case("line-without-colon", T,
         tender("title: 孝南区书院街道路改造工程施工招标公告", "title: 孝南区书院街道路改造工程\n施工招标公告"), 3,
         "yaml-syntax", "this line is neither a field", zh="这一行不是“字段: 值”"),
    case("unclosed-bracket", T, tender("method: open", "method: [open"), 10, "yaml-syntax",
         "the `[` that starts here is never closed", zh="从这里开始的 `[` 没有闭合：补上 `]`"),
    case("value-starts-with-at", T, tender("publisher: 孝感市公共资源交易中心", "publisher: @孝感市公共资源交易中心"), 5,
         "yaml-syntax", "a value cannot start with '@'",
         zh="值不能以“@”开头（YAML 把它当作特殊写法）：给整个值加上双引号，写成 `publisher: \"@孝感市公共资源交易中心\"`"),
    case("text-after-closing-quote", T, tender('region: "420902"', 'region: "420902" 孝南区'), 3, "yaml-syntax",
         "text follows the closing quote", zh="引号已经闭合，后面还有文字"),
    case("backslash-in-double-quotes", T,
         tender("publisher: 孝感市公共资源交易中心", 'publisher: "孝感市\\交易中心"'), 5, "yaml-syntax",
         "a backslash (`\\`) in double quotes", zh="双引号里的反斜杠 `\\` 后面跟着无效的字符"),
    case("text-after-block-indicator", T, VALID_TENDER + "body: | 正文\n", 19, "yaml-syntax",
         "`|` starts a block of text", zh="`|` 表示多行文字，它后面要换行"),
]

HOSTILE_CASES = [
    case("alias-bomb", T, BILLION_LAUGHS, 2, "yaml-anchor", "anchors (`&a0`) are not allowed",
         zh="不能使用锚点（`&a0`）：把值完整写出来"),
    case("alias", T, VALID_TENDER + "qualification: *a\n", 19, "yaml-alias",
         "aliases (`*a`) are not allowed: write the value out in full", zh="不能使用引用（`*a`）"),
    case("anchor", T, tender("publisher: 孝感市公共资源交易中心", "publisher: &p 孝感市公共资源交易中心"), 5,
         "yaml-anchor", "anchors (`&p`) are not allowed", zh="不能使用锚点（`&p`）"),
    case("merge-key", T, VALID_TENDER + "agency:\n  <<: {name: 某代理公司}\n", 20, "yaml-merge-key",
         "merge keys (`<<`) are not allowed", zh="不能使用合并键 `<<`：把要合并的字段逐个写出来"),
    case("python-tag", T, VALID_TENDER + 'qualification: !!python/object/apply:os.system ["echo pwned"]\n',
         19, "yaml-tag", "YAML tags (`!!python/object/apply:os.system`) are not allowed",
         zh="不能使用 YAML 标签（`!!python/object/apply:os.system`）"),
    case("local-tag", T, tender("method: open", "method: !method open"), 10, "yaml-tag",
         "remove the tag and write a plain value", zh="删掉标签，直接写值"),
    case("str-tag", T, tender('region: "420902"', "region: !!str 420902"), 3, "yaml-tag",
         "YAML tags (`!!str`)", zh="YAML 标签（`!!str`）"),
    case("several-documents", T, VALID_TENDER + "---\n" + VALID_TENDER, 19, "yaml-multiple-documents",
         "a notice file holds one document: remove the second `---`", zh="删掉第二个 `---` 及其后的内容"),
    case("deep-nesting-open", T, "type: tender\nbody: " + "[" * 100_000 + "\n", 2, "yaml-depth",
         "nested more than 32 levels", zh="值嵌套超过了 32 层"),
    case("deep-nesting-closed", T, "type: tender\nbody: " + "[" * 5000 + "]" * 5000 + "\n", 2,
         "yaml-depth", "nested more than 32 levels", zh="值嵌套超过了 32 层"),
    case("deep-mappings", T, "".join("  " * i + f"k{i}:\n" for i in range(300)), 32, "yaml-depth",
         "nested more than 32 levels", zh="值嵌套超过了 32 层"),
    case("too-many-values", T, VALID_TENDER + "qualification:\n" + "  - 市政公用工程施工总承包三级\n" * MAX_VALUES,
         20 + MAX_VALUES - 1 - len(parse_yaml(VALID_TENDER)[1].values), "yaml-values",
         f"the file holds more than {MAX_VALUES} values", zh=f"文件里的值超过 {MAX_VALUES} 个"),
    case("over-one-mib", T, LONG_BODY, None, "file-size", "notice files are limited to 1024 KiB",
         zh="而公告文件最大 1024 KiB"),
    case("nul-bytes", T, VALID_TENDER.encode() + b"body: \x00\x01\x02\n", 19, "file-binary",
         "this is a binary file", zh="这是二进制文件"),
    case("random-bytes", T, RANDOM_BYTES, RANDOM_BYTES[: RANDOM_BYTES.index(0)].count(b"\n") + 1,
         "file-binary", "binary file", zh="二进制文件"),
    case("high-bytes", T, HIGH_BYTES, 1, "file-encoding", "save it again with UTF-8 encoding",
         zh="请用 UTF-8 编码重新保存它"),
    case("tab-indentation", T, tender("  code: XN-GC-2026-001", "\tcode: XN-GC-2026-001"), 8, "yaml-syntax",
         "this line contains a tab: YAML is indented with spaces only", zh="这一行有制表符：YAML 只能用空格缩进"),
    case("gbk-encoded", T, VALID_TENDER.encode("gbk"), 2, "file-encoding",
         "the file is not UTF-8 (it looks like GBK/GB18030): save it again with UTF-8 encoding",
         zh="文件不是 UTF-8 编码（看起来是 GBK/GB18030）：请用 UTF-8 编码重新保存它"),
    case("top-level-list", T, "- type: tender\n- title: 招标公告\n", 1, "notice-shape",
         "a notice file is a mapping of fields, one `name: value` a line (`type: tender`, `title: …`), "
         "but this file is a list", zh="而这个文件是一个列表（各行以 `- ` 开头）"),
    case("top-level-scalar", T, "孝南区书院街道路改造工程施工招标公告\n", 1, "notice-shape", "holds only text",
         zh="只有一段文字"),
    case("top-level-number", T, "42\n", 1, "notice-shape", "holds only a number", zh="只有一个数字"),
    case("empty-file", T, "", 1, "notice-shape", "is empty (or holds only comments)", zh="是空的"),
    case("only-comments", T, "# 招标公告\n# 待填写\n", 1, "notice-shape", "is empty (or holds only comments)",
         zh="是空的（或只有注释）"),
    case("non-string-key", T, VALID_TENDER + "? [a, b]\n: c\n", 19, "yaml-key", "a key must be a plain name",
         zh="字段名只能是简单的名字"),
    case("number-key", T, VALID_TENDER + "2026: 招标\n", 19, "unknown-field", "unknown field `2026`",
         zh="未知字段 `2026`"),
    case("unclosed-quote", T, tender('region: "420902"', 'region: "420902'), 3, "yaml-syntax",
         'the quoted text that starts here is never closed: add the closing `"`',
         zh='从这里开始的引号没有闭合：在这段文字的末尾补上 `"`'),
    case("colon-in-text", T, tender("publisher: 孝感市公共资源交易中心", "publisher: 孝感市: 交易中心"), 5,
         "yaml-syntax", 'put the whole value in double quotes: `publisher: "孝感市: 交易中心"`',
         zh='给整个值加上双引号，写成 `publisher: "孝感市: 交易中心"`'),
    case("control-character", T, tender("publisher: 孝感市公共资源交易中心", "publisher: 孝感市\x07交易中心"), 5,
         "yaml-syntax", "control character U+0007", zh="控制字符 U+0007"),
    *YAML_WRITING_CASES,
    case("escaped-control-character", T,
         tender("publisher: 孝感市公共资源交易中心", 'publisher: "孝感市\\x00交易中心"'), 5, "value",
         "publisher (`publisher`): contains the invisible control character U+0000: remove it",
         zh="发布单位 `publisher`：含有看不见的控制字符 U+0000：删掉它"),
    case("escaped-nul-in-attachment", T,
         VALID_TENDER + 'attachments:\n  - title: 招标文件\n    file: "a\\x00b.pdf"\n', 21, "value",
         "attachment file (`attachments[1].file`): contains the invisible control character U+0000",
         zh="附件文件 `attachments[1].file`：含有看不见的控制字符 U+0000"),
    case("huge-integer", T, tender("budget: 12800000.50", "budget: " + "9" * 5000), 14, "value",
         "is larger than any real amount (at most 15 digits before the decimal point): check the number, it "
         "is in yuan", zh="大得不像真实金额（整数部分最多 15 位）：检查数字，金额以元为单位"),
    case("huge-exponent", T, tender("budget: 12800000.50", "budget: 1e999999999999"), 14, "value",
         "larger than", zh="大得不像真实金额"),
    case("number-out-of-range", T,
         tender("budget: 12800000.50", "budget: 1e99999999999999999999999999"), 14, "yaml-number",
         "the number '1e99999999999999999999999999' is out of range: write the real value",
         zh="数字“1e99999999999999999999999999”超出范围：写实际的数值"),
    case("many-digits", T, tender("budget: 12800000.50", "budget: 1.2345678901234567890123456789012e30"), 14,
         "value", "larger than", zh="大得不像真实金额"),
    case("bare-dot-underscore", T, tender("budget: 12800000.50", "budget: ._"), 14, "value",
         "written without quotes or units, e.g. `1280000.50`; found '._'", zh="现在写的是“._”"),
    case("type-is-a-list", T, tender("type: tender", "type: [tender]"), 1, "notice-type",
         "the notice type (`type`) must be one of: `tender` (Tender notice), ", zh="；现在写的是一个列表"),
    case("type-is-a-mapping", T, tender("type: tender", "type: {a: 1}"), 1, "notice-type",
         "; found a group of fields", zh="公告类型 `type` 应为以下之一：招标公告 `tender`、"),
    case("year-9999", P, penalty("publicity_end: 2029-03-27", "publicity_end: 9999-12-31"), 20, "value",
         "end of publicity (`publicity_end`): the year 9999 is out of range: write a year from 1900 to 2999",
         zh="公示截止 `publicity_end`：年份 9999 超出范围：年份应在 1900 到 2999 之间"),
    case("year-1", T, tender("published: 2026-03-01 09:00", "published: 0001-01-01 00:00+08:00"), 4, "value",
         "the year 1 is out of range", zh="年份 1 超出范围"),
    case("long-attachment-name", T,
         VALID_TENDER + f"attachments:\n  - title: 招标文件\n    file: {'a' * 300}.pdf\n", 21,
         "attachment-file", "(file name too long): correct the path", zh="（文件名太长）：改正路径"),
]


@pytest.mark.parametrize("bad", HOSTILE_CASES, ids=lambda c: c.name)
def test_hostile_input_is_rejected_quickly(bad, run_cli, tmp_path):
    data = write_data(tmp_path, bad)
    started = time.monotonic()
    result = run_cli("validate", "--data", data, "--format", "json", cwd=tmp_path)
    elapsed = time.monotonic() - started
    check_reported(bad, result)
    assert elapsed < 5, f"{bad.name} took {elapsed:.1f} s"


def test_a_long_attachment_path_is_cut_in_the_message(run_cli, tmp_path):
    bad = next(c for c in HOSTILE_CASES if c.name == "long-attachment-name")
    result = run_cli("validate", "--data", write_data(tmp_path, bad), "--format", "json", cwd=tmp_path)
    (problem,) = [p for p in json.loads(result.out) if p["rule"] == "attachment-file"]
    for message in (problem["message"], problem["message_en"]):
        assert "a" * 300 not in message and "aaaa…" in message and len(message) < 200, message


def test_gbk_error_names_the_line_and_a_column(run_cli, tmp_path):
    data = write_data(tmp_path, case("gbk", T, VALID_TENDER.encode("gbk"), None, "", ""))
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert re.search(rf"^data/notices/{re.escape(T)}:2:\d+: 错误: 文件不是 UTF-8 编码", result.out, re.M)


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
    assert "依次是 1、3" in ranks["message"]


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
