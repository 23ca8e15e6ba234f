"""Deterministic synthetic notices for benchmarks: a data folder of N notices that passes
`gongshi validate --strict`.

The mix follows what a provincial portal publishes: projects in every category and level of the
Hubei region tree (the sample's 28 regions of data/regions.yaml, or with `--regions hubei` the
province's full tree of benchmarks/hubei_regions.yaml: 17 prefecture-level units, 103
county-level units, so that every region's statistics page has content), from 2024 to 2027, each a tender, sometimes amended, then
candidates and an award or a termination (auctions go straight to the award); a few withdrawn
tenders; penalties, some past their disclosure. Bodies are ~1,500 Chinese characters of
Markdown (headings, lists, a table). The same N and seed always give the same bytes.

The parties recur, as on a real portal: each region's buyers are its few departments, each city
has its agencies, and each city has a pool of bidders per category that bid again and again
(now and then one from another city); a winner is its rank-1 candidate, and a penalised company
is one of the bidders. So the number of organisations (their pages, issue 15) levels off at a
few thousand instead of growing with every notice.

    python benchmarks/corpus.py --count 1000 --out /tmp/corpus   # writes /tmp/corpus/data
    python benchmarks/corpus.py --count 10000 --regions hubei --out /tmp/hubei
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
REGIONS = REPO / "data" / "regions.yaml"
HUBEI = REPO / "benchmarks" / "hubei_regions.yaml"  # the full tree: 1 + 17 + 99 regions
REGION_TREES = {"sample": REGIONS, "hubei": HUBEI}
BUILD_NOW = "2026-12-31T12:00:00+08:00"  # most of the corpus is public as of this moment
YEARS = (2024, 2025, 2026, 2027)
YEAR_WEIGHTS = (2, 4, 5, 1)  # 2027 notices are embargoed as of BUILD_NOW
BODY_CHARACTERS = 1500

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

CATEGORIES = {  # code: (weight, label, suffix of project names, methods, code letters)
    "construction": (35, "工程建设", "施工", ("open", "open", "open", "invited"), "GC"),
    "procurement": (28, "政府采购", "", ("open", "competitive-consultation",
                    "competitive-negotiation", "inquiry", "single-source"), "CG"),
    "land": (10, "土地使用权", "", ("listing", "auction"), "TD"),
    "mining": (3, "矿业权", "", ("auction", "listing"), "KY"),
    "property": (7, "国有产权", "", ("listing", "auction"), "CQ"),
    "medical": (8, "医疗器械和耗材采购", "采购", ("open", "competitive-consultation"), "YL"),
    "franchise": (5, "特许经营权", "", ("auction", "listing", "open"), "TX"),
    "other": (4, "其他", "采购", ("other", "open"), "QT"),
}
AUCTIONS = {"auction", "listing"}

PLACES = ("城北街道", "城南新区", "经济开发区", "高新区", "东湖路", "解放大道", "滨江路", "临空经济区",
          "工业园区", "老城区", "新华街道", "长江路")
WORKS = {
    "construction": ("道路改造工程", "雨污分流改造工程", "学校教学楼新建工程", "老旧小区改造工程",
                     "桥梁维修加固工程", "污水处理厂提标改造工程", "安置房建设工程", "河道综合治理工程"),
    "procurement": ("办公设备采购", "公务用车定点维修服务采购", "信息化平台建设项目", "物业管理服务采购",
                    "网络安全运维服务采购", "校园食堂食材配送服务", "档案数字化服务采购"),
    "land": ("地块国有建设用地使用权", "商住用地使用权", "工业用地使用权"),
    "mining": ("建筑用砂岩矿采矿权", "建筑用石灰岩矿采矿权", "砖瓦用页岩矿采矿权"),
    "property": ("国有企业股权", "闲置厂房资产", "国有房产租赁权"),
    "medical": ("医学影像设备（DR、彩超）", "手术室设备", "检验科试剂及耗材", "血液透析设备"),
    "franchise": ("户外广告设施经营权", "城区公交线路经营权", "停车泊位经营权", "出租车经营权"),
    "other": ("绿化养护服务", "城市照明维护服务", "保洁服务"),
}
BUYERS = ("住房和城乡建设局", "自然资源和规划局", "卫生健康委员会", "教育局", "交通运输局")
SYLLABLES = ("华", "鑫", "瑞", "达", "宏", "远", "中", "建", "楚", "天", "恒", "信", "泰", "安",
             "荆", "汉", "江", "城", "通", "诚", "博", "盛", "嘉", "和", "长", "荣")
TRADES = {
    "construction": ("建设工程", "路桥", "市政工程", "建筑"), "procurement": ("科技", "信息技术", "商贸"),
    "land": ("置业", "房地产开发"), "mining": ("矿业", "建材"), "property": ("投资", "实业"),
    "medical": ("医疗器械", "医药"), "franchise": ("传媒", "交通运输"), "other": ("物业服务", "环境"),
}


# --- small deterministic helpers ---------------------------------------------------------------


def uscc(rng: random.Random, region: str) -> str:
    """A USCC with a correct check character (GB 32100-2015)."""
    body = "91" + region + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


BIDDERS_PER_POOL = 30  # per city and category
AGENCIES_PER_CITY = 8
FROM_ANOTHER_CITY = 0.1  # the chance that a bidder comes from another city's pool


@dataclass(frozen=True)
class Party:
    name: str
    uscc: str

    def as_party(self) -> dict[str, str]:
        return {"name": self.name, "uscc": self.uscc}


class Parties:
    """The recurring organisations of a corpus. A party is a pure function of the seed and its
    place in its pool (its own generator), so drawing one never disturbs the corpus's stream."""

    def __init__(self, seed: int, regions: list[Region]) -> None:
        self.seed = seed
        self.cities = sorted({r.city: r.code[:4] + "00" for r in regions}.items())

    def _made(self, *place: object) -> random.Random:
        return random.Random("/".join(map(str, (self.seed, *place))))

    def buyer(self, rng: random.Random, region: Region) -> Party:
        department = rng.choice(BUYERS)
        return Party(f"{region.name}{department}",
                     uscc(self._made("buyer", region.code, department), region.code))

    def agency(self, rng: random.Random, region: Region) -> Party:
        number = rng.randrange(AGENCIES_PER_CITY)
        made = self._made("agency", region.city, number)
        name = company(made, "other", region.city).replace("有限公司", "招标代理有限公司")
        return Party(name, uscc(made, region.code[:4] + "00"))

    def bidders(self, rng: random.Random, region: Region, category: str, count: int) -> list[Party]:
        """`count` different bidders, mostly from the region's city."""
        chosen: list[Party] = []
        while len(chosen) < count:
            city, code = (rng.choice(self.cities) if rng.random() < FROM_ANOTHER_CITY
                          else (region.city, region.code[:4] + "00"))
            made = self._made("bidder", city, category, rng.randrange(BIDDERS_PER_POOL))
            party = Party(company(made, category, city), uscc(made, code))
            if party not in chosen:
                chosen.append(party)
        return chosen


def company(rng: random.Random, category: str, city: str) -> str:
    name = "".join(rng.sample(SYLLABLES, 2))
    return f"{city}{name}{rng.choice(TRADES[category])}有限公司"


def moment(day: date, hour: int, minute: int = 0) -> str:
    return f"{day.isoformat()} {hour:02d}:{minute:02d}"


def cjk_count(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def yuan(amount: int) -> str:
    return f"{amount:,} 元（{amount / 10000:,.2f} 万元）"


# --- the region tree ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    city: str  # the name of the city (or province) the region belongs to
    level: str


def load_regions(tree: Path = REGIONS) -> list[Region]:
    raw = yaml.safe_load(tree.read_text(encoding="utf-8"))
    names = {r["code"]: r["name"] for r in raw}
    parents = {r["code"]: r.get("parent") for r in raw}
    regions = []
    for code, name in names.items():
        level = "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
        parent = parents[code]
        city = name if level != "county" or parent is None else names[parent]
        regions.append(Region(code, name, city, level))
    return regions


def publisher(region: Region) -> str:
    return f"{region.name}公共资源交易中心"


# --- bodies -------------------------------------------------------------------------------------

FILLER = (
    "投标人应当按照招标文件的要求编制投标文件，对招标文件提出的实质性要求和条件作出响应，"
    "不得以他人名义投标或者以其他方式弄虚作假骗取中标。",
    "本项目实行全流程电子化交易，投标人应在投标截止时间前通过电子交易系统上传加密的投标文件，"
    "逾期上传或未按规定加密的投标文件，电子交易系统将拒收。",
    "投标人对招标文件有疑问的，应在规定时间内通过电子交易系统提出，招标人将以澄清公告的形式"
    "统一答复，澄清内容为招标文件的组成部分。",
    "评标委员会由招标人代表和从省综合评标专家库中随机抽取的专家组成，评标办法及评分标准详见"
    "招标文件第三章。",
    "投标保证金可采用银行保函、保险保单或电子保函等非现金形式提交，保证金金额不超过招标项目"
    "估算价的百分之二。",
    "潜在投标人或者其他利害关系人对招标文件有异议的，应当在投标截止时间十日前以书面形式向"
    "招标人提出，招标人应当自收到异议之日起三日内作出答复。",
    "中标人不得向他人转让中标项目，也不得将中标项目肢解后分别向他人转让，违反规定的，转让、"
    "分包无效，并依法追究相应责任。",
    "本公告同时在中国招标投标公共服务平台、湖北省公共资源交易电子服务系统发布，其他媒介转载"
    "的内容与本公告不一致的，以本公告为准。",
    "交易中心不收取招标文件费用，投标人下载招标文件后应及时查看补遗、澄清和变更公告，因未及时"
    "查看而导致的后果由投标人自行承担。",
    "开标时投标人的法定代表人或其委托代理人可在线参加远程开标，对开标过程有异议的，应当在开标"
    "现场提出，招标人当场作出答复并制作记录。",
)


def padded(sections: list[str], rng: random.Random) -> str:
    """The sections, then 其他事项 paragraphs until the body has ~BODY_CHARACTERS characters."""
    text = "\n\n".join(sections)
    extra: list[str] = []
    while cjk_count(text) + sum(cjk_count(p) for p in extra) < BODY_CHARACTERS:
        extra.append(rng.choice(FILLER))
    if extra:
        text += "\n\n## 其他事项\n\n" + "\n\n".join(f"{i}. {p}" for i, p in enumerate(extra, 1))
    return text + "\n"


def tender_body(rng: random.Random, t: dict[str, Any], category: str, region: Region) -> str:
    budget = t.get("budget")
    overview = "\n".join([
        "## 一、项目概况", "",
        f"- 项目名称：{t['project']['name']}",
        f"- 项目编号：{t['project']['code']}",
        f"- 项目地点：{region.name}{rng.choice(PLACES)}",
        f"- 交易类别：{CATEGORIES[category][1]}",
        f"- 预算金额：{yuan(budget) if budget else '详见招标文件'}",
        f"- 计划工期（服务期）：{rng.choice((90, 120, 180, 210, 365))} 日历天",
        f"- 资金来源：{rng.choice(('财政资金', '专项债券资金', '自筹资金', '中央预算内资金及市级配套'))}",
    ])
    qualification = "\n".join([
        "## 二、投标人资格要求", "",
        "1. 在中华人民共和国境内注册，具有独立法人资格，具有有效的营业执照；",
        f"2. {t.get('qualification', '具备与本项目相适应的资质和能力')}；",
        "3. 近三年内无重大违法记录，未被列入失信被执行人、重大税收违法失信主体名单；",
        "4. 未处于被暂停或取消投标资格期间，财产未被接管或冻结；",
        "5. 本项目不接受联合体投标。",
    ])
    documents = ("## 三、招标文件的获取\n\n凡有意参加者，请于公告发布之日起至投标截止时间前，登录湖北省"
                 "公共资源交易电子服务系统免费下载招标文件。招标文件发售不收取任何费用。")
    schedule = "\n".join([
        "## 四、时间安排", "", "| 事项 | 时间 / 地点 |", "|---|---|",
        f"| 公告发布 | {t['published']} |",
        f"| 投标截止时间 | {t['deadline']} |",
        f"| 开标时间 | {t['opening']['time']} |",
        f"| 开标地点 | {t['opening']['place']} |",
    ])
    return padded([overview, qualification, documents, schedule], rng)


def result_body(rng: random.Random, notice: dict[str, Any], what: str) -> str:
    info = "\n".join([
        "## 一、项目信息", "",
        f"- 项目名称：{notice['project']['name']}",
        f"- 项目编号：{notice['project']['code']}",
        f"- 公告类型：{what}",
    ])
    review = ("## 二、评审情况\n\n评标委员会按照招标文件规定的评标办法对投标文件进行了评审，评审过程"
              "依法接受行政监督部门的监督，评审结果经招标人确认后予以公示。")
    complaints = ("## 三、异议与投诉\n\n投标人或者其他利害关系人对评标结果有异议的，应当在公示期间向"
                  "招标人提出；对异议答复不满意的，可依法向行政监督部门投诉。")
    return padded([info, review, complaints], rng)


def penalty_body(rng: random.Random, notice: dict[str, Any]) -> str:
    decision = "\n".join([
        "## 处罚决定", "",
        f"- 被处罚主体：{notice['subject']['name']}",
        f"- 决定书文号：{notice['decision_no']}",
        f"- 作出决定日期：{notice['decided']}",
        f"- 处罚机关：{notice['authority']}",
    ])
    facts = f"## 违法事实\n\n{notice['violation']}"
    basis = f"## 处罚依据\n\n{notice['basis']}"
    remedy = ("## 信用修复与救济\n\n当事人如不服本处罚决定，可在收到决定书之日起六十日内依法申请行政复议，"
              "或者在六个月内依法提起行政诉讼。")
    return padded([decision, facts, basis, remedy], rng)


# --- notices ------------------------------------------------------------------------------------


@dataclass
class Written:
    id: str
    year: int
    region: str
    notice: dict[str, Any]
    files: dict[str, bytes]


def common(region: Region, published: str, category: str, project: dict[str, str],
           title: str) -> dict[str, Any]:
    return {"title": title, "region": region.code, "published": published,
            "publisher": publisher(region), "category": category, "project": project}


def contact(region: Region) -> dict[str, str]:
    return {"name": f"{publisher(region)} 交易服务科", "phone": "0712-2856123",
            "email": "jyzx@ggzy.example.cn"}


def project_notices(rng: random.Random, seq: int, regions: list[Region],
                    parties: Parties) -> Iterator[Written]:
    """One project's lifecycle, in publication order."""
    category = rng.choices(list(CATEGORIES), weights=[c[0] for c in CATEGORIES.values()])[0]
    _, _, noun, methods, letters = CATEGORIES[category]
    region = rng.choice(regions)
    year = rng.choices(YEARS, weights=YEAR_WEIGHTS)[0]
    start = date(year, 1, 2) + timedelta(days=rng.randrange(0, 330))
    method = rng.choice(methods)
    code = f"SYN-{letters}-{year}-{seq:05d}"
    work = rng.choice(WORKS[category])
    name = f"{region.name}{rng.choice(PLACES)}{work}{noun}"
    project = {"code": code, "name": name}
    published = moment(start, 9)
    deadline_day = start + timedelta(days=rng.randrange(25, 40))
    budget = rng.randrange(50, 50000) * 1000
    tender: dict[str, Any] = {
        "type": "tender",
        **common(region, published, category, project, f"{name}{'出让公告' if method in AUCTIONS else '招标公告'}"),
        "method": method,
        "buyer": parties.buyer(rng, region).as_party(),
        "agency": parties.agency(rng, region).as_party(),
        "budget": budget,
        "deadline": moment(deadline_day, 9, 30),
        "opening": {"time": moment(deadline_day, 9, 30), "place": f"{publisher(region)}第一开标室"},
        "qualification": "具备相应资质等级，项目负责人具备相应执业资格",
        "contact": contact(region),
    }
    files: dict[str, bytes] = {}
    if rng.random() < 0.1:
        path = f"{year}/{code}/招标文件.txt"
        files[path] = f"{name} 招标文件（合成数据）\n".encode() * 40
        tender["attachments"] = [{"title": "招标文件", "file": path}]
    withdrawn = rng.random() < 0.02
    if withdrawn:
        tender["withdrawn"] = {"date": (start + timedelta(days=3)).isoformat(),
                               "reason": "因项目实施方案调整，本公告撤销，后续安排另行公告。"}
    tender["body"] = tender_body(rng, tender, category, region)
    yield Written(f"{code}-ZB", year, region.code, tender, files)
    if withdrawn:
        return
    if rng.random() < 0.25:
        moved = deadline_day + timedelta(days=10)
        amendment = {
            "type": "amendment",
            **common(region, moment(start + timedelta(days=5), 10), category, project,
                     f"{name}变更公告（第一次）"),
            "amends": f"{code}-ZB",
            "changes": {"deadline": moment(moved, 9, 30),
                        "opening": {"time": moment(moved, 9, 30), "place": f"{publisher(region)}第二开标室"}},
            "contact": contact(region),
        }
        amendment["body"] = result_body(rng, amendment, "变更公告")
        deadline_day = moved
        yield Written(f"{code}-BG1", year, region.code, amendment, {})
    outcome = rng.random()
    if outcome < 0.12:
        termination = {
            "type": "termination",
            **common(region, moment(deadline_day + timedelta(days=2), 10), category, project,
                     f"{name}终止公告"),
            "reason": "截至投标截止时间，递交投标文件的投标人不足三家，本次招标失败（流标）。",
        }
        termination["body"] = result_body(rng, termination, "终止公告")
        yield Written(f"{code}-ZZ", year, region.code, termination, {})
        return
    if outcome > 0.85:
        return  # still open or closed without a result
    bidders = parties.bidders(rng, region, category, 3)
    amounts = sorted(int(budget * rng.uniform(0.85, 0.99)) for _ in bidders)
    award_day = deadline_day + timedelta(days=3)
    if method not in AUCTIONS:
        shown = deadline_day + timedelta(days=7)
        candidates = {
            "type": "candidates",
            **common(region, moment(shown, 10), category, project, f"{name}中标候选人公示"),
            "candidates": [{"rank": i + 1, **b.as_party(), "amount": a}
                           for i, (b, a) in enumerate(zip(bidders, amounts, strict=True))],
            "publicity_end": (shown + timedelta(days=5)).isoformat(),
        }
        candidates["body"] = result_body(rng, candidates, "中标候选人公示")
        yield Written(f"{code}-HX", year, region.code, candidates, {})
        award_day = shown + timedelta(days=8)
    award = {
        "type": "award",
        **common(region, moment(award_day, 9), category, project, f"{name}中标（成交）结果公告"),
        "winners": [{**bidders[0].as_party(), "amount": amounts[0]}],
        "award_date": (award_day - timedelta(days=1)).isoformat(),
    }
    award["body"] = result_body(rng, award, "中标结果公告")
    yield Written(f"{code}-JG", year, region.code, award, {})


def penalty(rng: random.Random, seq: int, regions: list[Region], parties: Parties) -> Written:
    region = rng.choice(regions)
    year = rng.choices(YEARS[:3], weights=YEAR_WEIGHTS[:3])[0]
    decided = date(year, 1, 5) + timedelta(days=rng.randrange(0, 330))
    kind = rng.choice(("company", "company", "agency", "expert", "person"))
    subject: dict[str, str]
    if kind in ("expert", "person"):
        subject = {"name": rng.choice(("王", "李", "张", "刘", "陈")) + "某某", "kind": kind}
    elif kind == "agency":
        subject = {**parties.agency(rng, region).as_party(), "kind": kind}
    else:
        subject = {**parties.bidders(rng, region, "construction", 1)[0].as_party(), "kind": kind}
    until = decided + timedelta(days=rng.choice((180, 365, 730)))
    notice = {
        "type": "penalty",
        "title": f"关于对{subject['name']}的行政处罚决定公告",
        "region": region.code,
        "published": (decided + timedelta(days=4)).isoformat(),
        "publisher": f"{region.name}公共资源交易监督管理局",
        "subject": subject,
        "decision_no": f"{region.name[:2]}罚决字〔{year}〕第 {seq} 号",
        "decided": decided.isoformat(),
        "authority": f"{region.name}住房和城乡建设局",
        "violation": "在投标过程中提供虚假业绩证明材料，以弄虚作假方式骗取中标（未中标）。",
        "basis": "《中华人民共和国招标投标法》第五十四条、《中华人民共和国招标投标法实施条例》第六十八条",
        "sanctions": [{"kind": "fine", "amount": rng.randrange(5, 50) * 10000},
                      {"kind": "suspension", "until": until.isoformat()}, {"kind": "credit"}],
        "publicity_end": until.isoformat(),
    }
    if kind == "expert":
        notice["sanctions"] = [{"kind": "warning"}, {"kind": "expert-removal"}]
    notice["body"] = penalty_body(rng, notice)
    return Written(f"CF-SYN-{year}-{seq:05d}", year, region.code, notice, {})


def corpus(count: int, seed: int = 2026, tree: Path = REGIONS) -> Iterator[Written]:
    """Exactly `count` notices; the last project may stop early (never before its tender)."""
    rng = random.Random(seed)
    regions = load_regions(tree)
    parties = Parties(seed, regions)
    made, seq = 0, 0
    while made < count:
        seq += 1
        batch = [penalty(rng, seq, regions, parties)] if rng.random() < 0.1 else list(
            project_notices(rng, seq, regions, parties))
        for written in batch[:count - made]:
            yield written
            made += 1


# --- writing ------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Multi-line text (bodies) as literal blocks, like editors write it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def write(count: int, root: Path, seed: int = 2026, tree: Path = REGIONS) -> Path:
    """Write `root/data` (regions, notices, files); returns the data folder. `tree`: the
    regions.yaml whose regions the notices are spread over (REGIONS or HUBEI)."""
    data = root / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "notices").mkdir(parents=True)
    (data / "files").mkdir()
    shutil.copyfile(tree, data / "regions.yaml")
    for written in corpus(count, seed, tree):
        write_notice(data, written)
    return data


def write_notice(data: Path, written: Written) -> Path:
    """Write one notice (and its attachments) into a data folder; returns the notice file."""
    path = data / "notices" / str(written.year) / written.region / f"{written.id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(written.notice, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1000)
    path.write_text(text, encoding="utf-8")
    for rel, content in written.files.items():
        target = data / "files" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return path


def extra_tender(seed: int = 7, seq: int = 999_999) -> Written:
    """One more public tender whose project code no corpus of fewer than 999,999 projects uses
    (250,000 notices are ~100,000 projects),
    published on the morning of BUILD_NOW's day as an editor's new notice would be (a backdated
    one would shift the archive pages after it): the "one new notice" of a rebuild."""
    rng = random.Random(seed)
    regions = load_regions()
    parties = Parties(2026, regions)
    while True:
        tender = next(project_notices(rng, seq, regions, parties))
        if tender.year < YEARS[-1] and "withdrawn" not in tender.notice:
            return _redated(tender, date.fromisoformat(BUILD_NOW[:10]))


def _redated(written: Written, day: date) -> Written:
    """The same notice moved to `day`: every date of it shifted by the same number of days."""
    notice = written.notice
    shift = day - date.fromisoformat(notice["published"][:10])

    def moved(moment: str) -> str:
        return (date.fromisoformat(moment[:10]) + shift).isoformat() + moment[10:]

    notice["published"] = moved(notice["published"])
    notice["deadline"] = moved(notice["deadline"])
    if isinstance(notice.get("opening"), dict) and "time" in notice["opening"]:
        notice["opening"]["time"] = moved(notice["opening"]["time"])
    return Written(written.id, day.year, written.region, notice, written.files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "corpus")
    parser.add_argument("--regions", choices=sorted(REGION_TREES), default="sample",
                        help="the sample's 28 regions (default) or Hubei's full tree")
    args = parser.parse_args()
    data = write(args.count, args.out, args.seed, REGION_TREES[args.regions])
    print(f"wrote {args.count} notices to {data} (build with --now {BUILD_NOW})")


if __name__ == "__main__":
    main()
