"""The organisations' index (generator/organisations.py) on small constructed data folders, and
one small build: an organisation's page, its feed and the links to it from notices."""

from __future__ import annotations

import textwrap
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from conftest import REPO
from lxml import html

from generator import rules
from generator.dataset import load_dataset
from generator.derive import Site, derive_site
from generator.organisations import (
    AGENCY,
    BUYER,
    CANDIDATE,
    PENALISED,
    WINNER,
    barred_on,
    organisation_index,
    page_of,
)

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=TZ)


def uscc(first17: str) -> str:
    return first17 + rules.uscc_check_character(first17)


ROAD = uscc("91420900MA4R0ADC0")  # buyer, candidate, winner twice, penalised
AGENT = uscc("91420900MA4AGENT0")
OTHER = uscc("91420900MA40THER0")
SHOP = uscc("92420900MA4HP0000")  # 个体工商户: never an organisation
BUYER_CODE = uscc("11420900000000001")


def _tender(pid: str, published: str, buyer: str = BUYER_CODE, buyer_name: str = "孝感市某局") -> str:
    return f"""\
    type: tender
    title: {pid} 道路工程施工招标公告
    region: "420902"
    published: {published}
    publisher: 孝感市公共资源交易中心
    category: construction
    project: {{code: {pid}, name: {pid} 道路工程}}
    method: open
    buyer: {{name: {buyer_name}, uscc: "{buyer}"}}
    agency: {{name: 孝感市某招标代理有限公司, uscc: "{AGENT}"}}
    budget: 1000000
    deadline: 2026-12-31 09:30
    """


def _candidates(pid: str, published: str) -> str:
    return f"""\
    type: candidates
    title: {pid} 道路工程中标候选人公示
    region: "420902"
    published: {published}
    publisher: 孝感市公共资源交易中心
    category: construction
    project: {{code: {pid}, name: {pid} 道路工程}}
    candidates:
    - {{rank: 1, name: 湖北路桥有限公司, uscc: "{ROAD}", amount: 990000}}
    - {{rank: 2, name: 另一家公司, uscc: "{OTHER}", amount: 995000}}
    - {{rank: 3, name: 某某装修店, uscc: "{SHOP}", amount: 999000}}
    publicity_end: 2026-02-10
    """


def _award(pid: str, published: str, name: str, amount: str, withdrawn: str = "") -> str:
    return f"""\
    type: award
    title: {pid} 道路工程中标结果公告
    region: "420902"
    published: {published}
    publisher: 孝感市公共资源交易中心
    category: construction
    project: {{code: {pid}, name: {pid} 道路工程}}
    winners:
    - {{name: {name}, uscc: "{ROAD}", {amount}}}
    - {{name: 某某装修店, uscc: "{SHOP}", amount: 1000}}
    {withdrawn}
    """


def _penalty(number: str, published: str, decided: str, sanctions: str, publicity_end: str,
             subject: str = f'{{name: 湖北路桥集团有限公司, kind: company, uscc: "{ROAD}"}}',
             withdrawn: str = "") -> str:
    return f"""\
    type: penalty
    title: 关于对湖北路桥有限公司的行政处罚决定公告 {number}
    region: "420902"
    published: {published}
    publisher: 孝感市公共资源交易监督管理局
    subject: {subject}
    decision_no: 孝建罚〔2026〕{number} 号
    decided: {decided}
    authority: 孝感市住房和城乡建设局
    violation: 弄虚作假
    basis: 《中华人民共和国招标投标法》第五十四条
    sanctions:
    {sanctions}
    publicity_end: {publicity_end}
    {withdrawn}
    """


NOTICES = {
    # 2025: a tender whose buyer is ROAD itself (an organisation can buy as well as build)
    "A-ZB.yaml": _tender("PRJ-A", "2025-11-01 09:00", buyer=ROAD, buyer_name="湖北路桥有限公司"),
    "B-ZB.yaml": _tender("PRJ-B", "2026-01-05 09:00"),
    "B-HX.yaml": _candidates("PRJ-B", "2026-02-01 09:00"),
    "B-JG.yaml": _award("PRJ-B", "2026-02-15 09:00", "湖北路桥有限公司", "amount: 990000"),
    # a later win under a new name; one without an amount; one withdrawn (not counted)
    "C-ZB.yaml": _tender("PRJ-C", "2026-02-20 09:00"),
    "D-ZB.yaml": _tender("PRJ-D", "2026-02-21 09:00"),
    "E-ZB.yaml": _tender("PRJ-E", "2026-02-22 09:00"),
    "C-JG.yaml": _award("PRJ-C", "2026-03-01 09:00", "湖北路桥集团有限公司", "amount: 500000.50"),
    "D-JG.yaml": _award("PRJ-D", "2026-03-05 09:00", "湖北路桥集团有限公司", "amount: null"),
    "E-JG.yaml": _award("PRJ-E", "2026-03-10 09:00", "湖北路桥集团有限公司", "amount: 7000000",
                        withdrawn="withdrawn: {date: 2026-03-20, reason: 投诉成立}"),
    # a suspension in force now (2026-04-01 → 2026-09-30), public
    "PEN-1.yaml": _penalty("1", "2026-04-02", "2026-04-01",
                        "- {kind: suspension, until: 2026-09-30}", "2026-12-31"),
    # a debarment that ended (2026-01-10 → 2026-03-31), the penalty still public
    "PEN-2.yaml": _penalty("2", "2026-01-12", "2026-01-10",
                        "- {kind: debarment, until: 2026-03-31}\n    - {kind: fine, amount: 5000}",
                        "2026-12-31"),
    # a penalty whose publicity ended: neither listed nor banning, though its ban still runs
    "PEN-3.yaml": _penalty("3", "2025-01-05", "2025-01-02",
                        "- {kind: suspension, until: 2027-01-01}", "2026-05-01"),
    # withdrawn: listed as it is still public, but bans nothing
    "PEN-4.yaml": _penalty("4", "2026-05-02", "2026-05-01",
                        "- {kind: debarment, until: 2027-05-01}", "2026-12-31",
                        withdrawn="withdrawn: {date: 2026-05-20, reason: 复议撤销}"),
    # natural persons, one of them (wrongly) given a USCC: no organisation either way
    "PEN-5.yaml": _penalty("5", "2026-05-03", "2026-05-02", "- {kind: warning}", "2026-12-31",
                        subject=f'{{name: 张某, kind: expert, uscc: "{OTHER}"}}'),
    "PEN-6.yaml": _penalty("6", "2026-05-04", "2026-05-03", "- {kind: warning}", "2026-12-31",
                        subject="{name: 李某, kind: person}"),
    # an individually owned business penalised: no organisation
    "PEN-7.yaml": _penalty("7", "2026-05-05", "2026-05-04",
                        "- {kind: suspension, until: 2026-12-01}", "2026-12-31",
                        subject=f'{{name: 某某装修店, kind: company, uscc: "{SHOP}"}}'),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    data = tmp_path_factory.mktemp("organisations") / "data"
    write_data(data, NOTICES)
    dataset = load_dataset(data, TZ)
    # the expert given a USCC is refused by validation; the index must ignore it all the same
    assert {p.rule for p in dataset.problems} <= {"subject-uscc"}, dataset.problems
    return derive_site(dataset, NOW, TZ)


def write_data(data: Path, notices: dict[str, str]) -> None:
    (data / "notices").mkdir(parents=True)
    (data / "files").mkdir()
    (data / "regions.yaml").write_text(textwrap.dedent("""\
        - {code: "420000", name: 湖北省}
        - {code: "420900", name: 孝感市, parent: "420000"}
        - {code: "420902", name: 孝南区, parent: "420900"}
        """), encoding="utf-8")
    for name, text in notices.items():
        (data / "notices" / name).write_text(textwrap.dedent(text), encoding="utf-8")


def test_an_organisation_has_every_role_it_appears_in_newest_first(site: Site) -> None:
    road = organisation_index(site)[ROAD]
    assert [(a.notice.id, a.role) for a in road.appearances] == [
        ("PEN-4", PENALISED), ("PEN-1", PENALISED), ("E-JG", WINNER), ("D-JG", WINNER),
        ("C-JG", WINNER), ("B-JG", WINNER), ("B-HX", CANDIDATE), ("PEN-2", PENALISED),
        ("A-ZB", BUYER),
    ]
    assert road.names == ["湖北路桥集团有限公司", "湖北路桥有限公司"]  # the latest first
    assert road.name == "湖北路桥集团有限公司"
    agent = organisation_index(site)[AGENT]
    assert [(a.notice.id, a.role) for a in agent.appearances] == [
        ("E-ZB", AGENCY), ("D-ZB", AGENCY), ("C-ZB", AGENCY), ("B-ZB", AGENCY), ("A-ZB", AGENCY)]


def test_what_is_read_of_an_organisation_is_worked_out_once(site: Site) -> None:
    """An organisation's page has a row per notice and the red flags check every bid against
    its bans: each asked for a scan of every appearance, ~A² for one that appears A times (an
    organisation appearing 2,680 times: rows 2.33 → 0.07 s). Its views are made once and
    kept, and a notice's appearances are found by the notice."""
    road = organisation_index(site)[ROAD]
    assert road.bans is road.bans and road.penalties is road.penalties
    assert road.names is road.names and road.wins is road.wins
    for a in road.appearances:
        assert road.appearances_in(a.notice.id) == [
            b for b in road.appearances if b.notice.id == a.notice.id]
    assert road.roles_in("B-JG") == [WINNER] and road.appearances_in("NOT-THERE") == []


def test_amounts_won_add_up_the_wins_not_withdrawn(site: Site) -> None:
    road = organisation_index(site)[ROAD]
    assert [a.notice.id for a in road.wins] == ["D-JG", "C-JG", "B-JG"]  # E-JG withdrawn
    assert [a.amount for a in road.wins] == [None, Decimal("500000.50"), Decimal(990000)]
    assert road.won_total == Decimal("1490000.50")


def test_only_public_penalties_count_and_only_unwithdrawn_ones_ban(site: Site) -> None:
    road = organisation_index(site)[ROAD]
    assert [pn.id for pn in road.penalties] == ["PEN-4", "PEN-1", "PEN-2"]  # P3's publicity ended
    assert [(b.penalty.id, b.kind, b.start, b.until) for b in road.bans] == [
        ("PEN-1", "suspension", date(2026, 4, 1), date(2026, 9, 30)),
        ("PEN-2", "debarment", date(2026, 1, 10), date(2026, 3, 31)),
    ]
    assert [b.penalty.id for b in road.active_bans(NOW, site)] == ["PEN-1"]


@pytest.mark.parametrize(("day", "banned_by"), [
    (date(2026, 1, 9), []),  # the day before the debarment's decision
    (date(2026, 1, 10), ["PEN-2"]),  # its first day
    (date(2026, 3, 31), ["PEN-2"]),  # its last day
    (date(2026, 4, 1), ["PEN-1"]),
    (date(2026, 9, 30), ["PEN-1"]),
    (date(2026, 10, 1), []),
    (date(2026, 6, 1), ["PEN-1"]),  # P4 would bar too, but is withdrawn; P3 too, but expired
])
def test_barred_on_answers_for_a_day(site: Site, day: date, banned_by: list[str]) -> None:
    index = organisation_index(site)
    assert [ban.penalty.id for ban in barred_on(index, ROAD, day)] == banned_by


def test_persons_and_individual_businesses_have_no_organisation(site: Site) -> None:
    index = organisation_index(site)
    assert SHOP not in index  # a candidate, a winner and penalised, yet a person in law
    assert barred_on(index, SHOP, date(2026, 6, 1)) == []
    # the expert wrongly given OTHER's code does not add a penalty to OTHER's record
    assert [(a.notice.id, a.role) for a in index[OTHER].appearances] == [("B-HX", CANDIDATE)]
    assert all(a.notice.id not in ("PEN-5", "PEN-6", "PEN-7") for o in index.values() for a in o.appearances)
    assert set(index) == {ROAD, AGENT, OTHER, BUYER_CODE}
    assert page_of(SHOP) is None and page_of(OTHER, "expert") is None and page_of(None) is None
    assert page_of(ROAD) == f"entities/{ROAD}/"


# --- one small build ---------------------------------------------------------------------------

SITE_URL = "https://gongshi.example.cn/"  # mkdocs.yml's site_url


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.cli import main

    root = tmp_path_factory.mktemp("organisations-build")
    valid = {name: text for name, text in NOTICES.items() if name != "PEN-5.yaml"}  # refused
    write_data(root / "data", valid)
    out = root / "site"
    code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(root / "data"),
                 "--out", str(out), "--now", NOW.isoformat()])
    assert code == 0
    return out


def test_the_organisation_page_shows_its_record(built: Path) -> None:
    assert {p.name for p in (built / "entities").iterdir()} == {ROAD, AGENT, OTHER, BUYER_CODE}
    page = html.parse(str(built / "entities" / ROAD / "index.html")).getroot()
    record = page.xpath('//div[@class="gs-entity"]')[0]
    assert record.xpath("string(h1)") == "湖北路桥集团有限公司"
    assert record.xpath('string(.//code[@class="gs-uscc"])') == ROAD
    assert record.xpath('.//ul[@class="gs-entity__names"]/li/text()') == [
        "湖北路桥集团有限公司", "湖北路桥有限公司"]
    bans = record.xpath('.//li[@class="gs-ban"]')
    assert len(bans) == 1 and "2026-04-01" in bans[0].text_content()
    assert "2026-09-30" in bans[0].text_content()
    assert bans[0].xpath("a/@href")[0].endswith("/notices/PEN-1/")
    wins = record.xpath('string(.//section[@class="gs-entity__wins"]//strong)')
    assert wins.startswith("1,490,000.50 元")
    penalties = record.xpath('.//section[@class="gs-entity__penalties"]//li/a/@href')
    assert [href.split("/")[-2] for href in penalties] == ["PEN-4", "PEN-1", "PEN-2"]
    rows = record.xpath('.//section[@class="gs-entity__notices"]//a[@class="gs-entry__title"]/@href')
    assert [href.split("/")[-2] for href in rows] == [
        "PEN-4", "PEN-1", "E-JG", "D-JG", "C-JG", "B-JG", "B-HX", "PEN-2", "A-ZB"]


def test_the_organisation_feed_holds_its_notices(built: Path) -> None:
    feed = feedparser.parse((built / "feeds" / "entity" / f"{ROAD}.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [entry.link.split("/")[-2] for entry in feed.entries] == [
        "PEN-4", "PEN-1", "E-JG", "D-JG", "C-JG", "B-JG", "B-HX", "PEN-2", "A-ZB"]
    assert "湖北路桥集团有限公司" in feed.feed.title and ROAD in feed.feed.title
    # Atom alone (listings.Listing.atom_only), and the page links that one feed
    assert sorted(p.suffix for p in (built / "feeds" / "entity").iterdir()) == [".atom"] * 4
    page = html.parse(str(built / "entities" / ROAD / "index.html")).getroot()
    assert page.xpath('//link[@rel="alternate feed"]/@href') == [f"../../feeds/entity/{ROAD}.atom"]
    assert page.xpath('//a[@class="gs-feed-link"]/@href') == [f"../../feeds/entity/{ROAD}.atom"]
    assert not (built / "feeds" / "entity" / f"{SHOP}.atom").exists()


def test_notices_link_to_the_pages_of_organisations_only(built: Path) -> None:
    def links(notice: str) -> dict[str, str]:
        page = html.parse(str(built / "notices" / notice / "index.html")).getroot()
        return {a.text_content(): a.get("href").rstrip("/").split("/")[-1]
                for a in page.xpath('//a[@class="gs-entity-link"]')}

    assert links("A-ZB") == {"湖北路桥有限公司": ROAD, "孝感市某招标代理有限公司": AGENT}
    assert links("B-HX") == {"湖北路桥有限公司": ROAD, "另一家公司": OTHER}  # not the shop
    assert links("C-JG") == {"湖北路桥集团有限公司": ROAD}
    assert links("PEN-1") == {"湖北路桥集团有限公司": ROAD}
    assert links("PEN-6") == {} and links("PEN-7") == {}  # a person, an individual business
