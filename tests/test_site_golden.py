"""Golden test of the built sample site: the facts the spec promises, read from real pages.

Every expectation is computed here from the YAML in data/ by a small, independent reading of
the spec (`Oracle`), never from the generator's own derived values and never hard-coded: the
sample data can grow and the test still holds.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import lxml.html
import pytest
import yaml
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW

from generator.config import load_settings
from generator.render.pages import PAGER_NEIGHBOURS, pager_window

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime.fromisoformat(SAMPLE_NOW)
PAGE_SIZE = load_settings(REPO / "mkdocs.yml").page_size

# The spec's words (notice-format.md, "Status, as of the build's now").
STATUS_TEXT = {
    "open": "公告中", "closed": "已截止", "awarded": "已成交", "terminated": "已终止",
    "withdrawn": "已撤销", "publicity": "公示中", "publicity-ended": "公示结束", "disclosed": "公示中",
}
FAMILY = {
    "tender": "tenders", "amendment": "tenders", "candidates": "results", "award": "results",
    "termination": "results", "penalty": "penalties",
}
SANCTION_TEXT = {
    "warning": "警告", "fine": "罚款", "confiscation": "没收违法所得", "suspension": "暂停投标资格",
    "debarment": "禁止参加", "expert-removal": "取消评标专家资格", "credit": "信用扣分/不良行为记录",
}
LIFECYCLE = {"tender": 0, "amendment": 1, "candidates": 2, "award": 3, "termination": 3}


# --- the oracle: what the spec says the sample data must look like as of NOW ------------------


def start_of(value: Any) -> datetime:
    """A YAML date or datetime as an aware datetime (dates: start of the day, site zone)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=TZ)
    assert isinstance(value, date)
    return datetime(value.year, value.month, value.day, tzinfo=TZ)


def end_of(value: Any) -> datetime:
    """The end of a period: a date means the end of that day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return start_of(value) + timedelta(days=1)
    if isinstance(value, str) and len(value) == 10:
        return start_of(value) + timedelta(days=1)
    return start_of(value)


def shown(moment: datetime) -> str:
    return moment.astimezone(TZ).strftime("%Y-%m-%d %H:%M")


def shown_published(value: Any) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return shown(start_of(value))


def money_parts(amount: Any) -> tuple[str, str | None]:
    """('31,580,000 元', '3,158.00 万元'): yuan with separators, and 万元 from 10,000 up."""
    value = Decimal(str(amount))
    yuan = f"{value:,.2f}" if value != value.to_integral_value() else f"{value:,.0f}"
    wan = f"{value / 10000:,.2f} 万元" if value >= 10000 else None
    return f"{yuan} 元", wan


@dataclass
class Expected:
    id: str
    raw: dict[str, Any]
    public: bool = False
    status: str = ""
    deadline: datetime | None = None
    superseded: list[datetime] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.raw["type"]

    @property
    def title(self) -> str:
        return self.raw["title"]

    @property
    def region(self) -> str:
        return self.raw["region"]

    @property
    def published(self) -> datetime:
        return start_of(self.raw["published"])

    @property
    def family(self) -> str:
        return FAMILY[self.type]

    @property
    def project(self) -> str | None:
        project = self.raw.get("project")
        return project["code"] if project else None

    withdrawn: bool = False  # in effect as of now: from the start of its date on


class Oracle:
    def __init__(self, data_dir: Path, now: datetime) -> None:
        self.data_dir = data_dir
        self.now = now
        regions = yaml.safe_load((data_dir / "regions.yaml").read_text(encoding="utf-8"))
        self.region_name = {r["code"]: r["name"] for r in regions}
        self.parent = {r["code"]: r.get("parent") for r in regions}
        self.notices = {
            path.stem: Expected(path.stem, yaml.safe_load(path.read_text(encoding="utf-8")))
            for path in sorted((data_dir / "notices").rglob("*.yaml"))
        }
        for notice in self.notices.values():
            notice.public = self._is_public(notice)
            withdrawal = notice.raw.get("withdrawn")
            notice.withdrawn = withdrawal is not None and start_of(withdrawal["date"]) <= now
        self._apply_amendments()
        for notice in self.public:
            notice.status = self._status(notice)

    def _is_public(self, notice: Expected) -> bool:
        if notice.published > self.now:
            return False
        return not (notice.type == "penalty" and end_of(notice.raw["publicity_end"]) <= self.now)

    @cached_property
    def public(self) -> list[Expected]:
        """Public notices, newest first."""
        found = [n for n in self.notices.values() if n.public]
        return sorted(found, key=lambda n: (n.published, n.id), reverse=True)

    @property
    def hidden(self) -> list[Expected]:
        return [n for n in self.notices.values() if not n.public]

    def _apply_amendments(self) -> None:
        for notice in self.notices.values():
            if notice.type == "tender":
                notice.deadline = start_of(notice.raw["deadline"])
        amendments = sorted(
            (n for n in self.public if n.type == "amendment"), key=lambda n: (n.published, n.id)
        )
        for amendment in amendments:
            tender = self.notices[amendment.raw["amends"]]
            new = (amendment.raw.get("changes") or {}).get("deadline")
            if new is not None:
                assert tender.deadline is not None
                tender.superseded.append(tender.deadline)
                tender.deadline = start_of(new)
        for amendment in amendments:
            amendment.deadline = self.notices[amendment.raw["amends"]].deadline

    def outcome(self, project: str | None) -> str | None:
        members = [n for n in self.public if n.project == project and not n.withdrawn]
        if any(n.type == "award" for n in members):
            return "awarded"
        if any(n.type == "termination" for n in members):
            return "terminated"
        return None

    def _status(self, notice: Expected) -> str:
        if notice.withdrawn:
            return "withdrawn"
        if notice.type in ("tender", "amendment"):
            outcome = self.outcome(notice.project)
            if outcome:
                return outcome
            assert notice.deadline is not None
            return "open" if self.now < notice.deadline else "closed"
        if notice.type == "candidates":
            return "publicity" if self.now < end_of(notice.raw["publicity_end"]) else "publicity-ended"
        return {"award": "awarded", "termination": "terminated", "penalty": "disclosed"}[notice.type]

    def region_path(self, code: str) -> list[str]:
        chain: list[str] = []
        current: str | None = code
        while current is not None:
            chain.append(current)
            current = self.parent[current]
        return chain[::-1]

    def subtree(self, code: str) -> set[str]:
        return {c for c in self.parent if code in self.region_path(c)}

    def in_region(self, code: str) -> list[Expected]:
        below = self.subtree(code)
        return [n for n in self.public if n.region in below]

    def open_tenders(self) -> list[Expected]:
        found = [n for n in self.public if n.type == "tender" and n.status == "open"]
        return sorted(found, key=lambda n: (n.deadline, n.id))

    def timeline(self, project: str) -> list[Expected]:
        members = [n for n in self.public if n.project == project and n.type != "penalty"]
        return sorted(members, key=lambda n: (n.published, LIFECYCLE[n.type], n.id))

    def listings(self) -> dict[str, list[Expected]]:
        """Every listing's base path and its entries in order."""
        found: dict[str, list[Expected]] = {"open": self.open_tenders()}
        for family in ("tenders", "results", "penalties"):
            found[family] = [n for n in self.public if n.family == family]
        categories = {n.raw.get("category") for n in self.notices.values()} - {None}
        for category in categories:
            found[f"category/{category}"] = [
                n for n in self.public if n.raw.get("category") == category
            ]
        for code in self.parent:
            found[f"region/{code}"] = self.in_region(code)
        return found


@pytest.fixture(scope="module")
def oracle() -> Oracle:
    return Oracle(SAMPLE_DATA, NOW)


# --- reading the built site ---------------------------------------------------------------------


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


class Page:
    def __init__(self, site: Path, path: str) -> None:
        self.file = site / path / "index.html" if not path.endswith(".html") else site / path
        assert self.file.is_file(), f"{path} was not built"
        self.tree = lxml.html.parse(str(self.file)).getroot()

    def all(self, xpath: str) -> list[Any]:
        return self.tree.xpath(xpath)

    def one(self, xpath: str) -> Any:
        found = self.tree.xpath(xpath)
        assert len(found) == 1, f"{self.file}: expected one {xpath}, found {len(found)}"
        return found[0]

    def by_class(self, name: str, scope: str = "//") -> list[Any]:
        return self.tree.xpath(f"{scope}*[{has_class(name)}]")

    def fact(self, label: str) -> str | None:
        """The <dd> after the <dt> with this label in the facts list."""
        dds = self.tree.xpath(f"//section[{has_class('gs-facts')}]//dt[normalize-space()="
                              f"'{label}']/following-sibling::dd[1]")
        return text(dds[0]) if dds else None

    def entry_ids(self) -> list[str]:
        hrefs = self.tree.xpath(f"//li[{has_class('gs-entry')}]/a[{has_class('gs-entry__title')}]/@href")
        return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


@pytest.fixture(scope="module")
def page(sample_site: Path):
    cache: dict[str, Page] = {}

    def get(path: str) -> Page:
        if path not in cache:
            cache[path] = Page(sample_site, path)
        return cache[path]

    return get


def notice_status(page: Page) -> str:
    return text(page.one(f"//div[{has_class('gs-badges')}]/span[{has_class('gs-status')}]"))


# --- statuses -----------------------------------------------------------------------------------


def test_every_public_notice_has_a_page_with_its_status_as_of_now(oracle: Oracle, page) -> None:
    for notice in oracle.public:
        shown_page = page(f"notices/{notice.id}")
        assert text(shown_page.one(f"//h1[{has_class('gs-title')}]")) == " ".join(notice.title.split())
        assert notice_status(shown_page) == STATUS_TEXT[notice.status], notice.id


@pytest.mark.parametrize("status", ["open", "closed", "awarded", "terminated", "withdrawn"])
def test_the_sample_exercises_each_tender_status(oracle: Oracle, page, status: str) -> None:
    tenders = [n for n in oracle.public if n.type == "tender" and n.status == status]
    assert tenders, f"the sample data has no {status} tender: the golden test would prove nothing"
    for tender in tenders:
        assert notice_status(page(f"notices/{tender.id}")) == STATUS_TEXT[status]


def test_open_tenders_have_a_deadline_after_now(oracle: Oracle) -> None:
    for tender in oracle.open_tenders():
        assert tender.deadline is not None and tender.deadline > NOW


def test_a_project_with_an_award_shows_its_tender_awarded(oracle: Oracle, page) -> None:
    awarded = {n.project for n in oracle.public if n.type == "award" and not n.withdrawn}
    tenders = [n for n in oracle.public if n.type == "tender" and n.project in awarded]
    assert tenders
    for tender in tenders:
        if not tender.withdrawn:
            assert notice_status(page(f"notices/{tender.id}")) == "已成交", tender.id


def test_a_project_with_a_termination_shows_its_tender_terminated(oracle: Oracle, page) -> None:
    terminated = {n.project for n in oracle.public if n.type == "termination" and not n.withdrawn}
    tenders = [n for n in oracle.public if n.type == "tender" and n.project in terminated
               and oracle.outcome(n.project) == "terminated" and not n.withdrawn]
    assert tenders
    for tender in tenders:
        assert notice_status(page(f"notices/{tender.id}")) == "已终止", tender.id


def test_withdrawn_notices_carry_a_banner_and_leave_every_open_list(
    oracle: Oracle, page, sample_site: Path
) -> None:
    withdrawn = [n for n in oracle.public if n.withdrawn]
    assert withdrawn
    open_ids = _all_entry_ids(page, "open", sample_site)
    closing_soon = page("").all(
        f"//section[{has_class('gs-home__closing')}]//li[{has_class('gs-entry')}]/a/@href"
    )
    for notice in withdrawn:
        banner = page(f"notices/{notice.id}").one(f"//*[{has_class('gs-withdrawn')}]")
        assert "已撤销" in text(banner)
        assert " ".join(notice.raw["withdrawn"]["reason"].split()) in text(banner)
        assert notice.id not in open_ids
        assert not any(href.rstrip("/").endswith(f"/{notice.id}") for href in closing_soon)


def test_candidates_are_in_publicity_until_its_end(oracle: Oracle, page) -> None:
    candidates = [n for n in oracle.public if n.type == "candidates"]
    assert candidates
    for notice in candidates:
        assert notice_status(page(f"notices/{notice.id}")) == STATUS_TEXT[notice.status]


# --- deadlines, budgets, tables, penalties, attachments -----------------------------------------


def test_amended_tenders_show_the_effective_deadline_and_strike_the_old_one(
    oracle: Oracle, page
) -> None:
    amended = [n for n in oracle.public if n.type == "tender" and n.superseded]
    assert amended, "the sample data has no tender whose deadline an amendment moved"
    for tender in amended:
        shown_page = page(f"notices/{tender.id}")
        current = shown_page.one(f"//time[{has_class('gs-deadline__time')}]")
        assert datetime.fromisoformat(current.get("datetime")) == tender.deadline
        assert text(current) == shown(tender.deadline)
        struck = [text(d) for d in shown_page.all(f"//div[{has_class('gs-deadline')}]//del")]
        assert struck == [shown(old) for old in tender.superseded]


def test_tenders_without_amendments_show_their_own_deadline(oracle: Oracle, page) -> None:
    for tender in (n for n in oracle.public if n.type == "tender" and not n.superseded):
        shown_page = page(f"notices/{tender.id}")
        assert text(shown_page.one(f"//time[{has_class('gs-deadline__time')}]")) == shown(
            start_of(tender.raw["deadline"]))
        assert not shown_page.all(f"//div[{has_class('gs-deadline')}]//del")


def test_only_open_tenders_count_down(oracle: Oracle, page) -> None:
    for tender in (n for n in oracle.public if n.type == "tender"):
        countdowns = page(f"notices/{tender.id}").by_class("gs-countdown")
        assert len(countdowns) == (1 if tender.status == "open" else 0), tender.id
        if countdowns:
            assert datetime.fromisoformat(countdowns[0].get("data-deadline")) == tender.deadline


def test_budgets_are_shown_in_yuan_and_wan_yuan(oracle: Oracle, page) -> None:
    with_budget = [n for n in oracle.public if n.type == "tender" and "budget" in n.raw]
    assert any(n.raw["budget"] >= 10000 for n in with_budget)
    for tender in with_budget:
        yuan, wan = money_parts(tender.raw["budget"])
        budget = page(f"notices/{tender.id}").fact("预算/起始价")
        assert budget is not None and yuan in budget, (tender.id, budget)
        if wan:
            assert wan in budget, (tender.id, budget)


def _rows(shown_page: Page, table_class: str) -> list[list[str]]:
    table = shown_page.one(f"//table[{has_class(table_class)}]")
    return [[text(td) for td in tr.xpath("./td")] for tr in table.xpath(".//tbody/tr")]


def _amount(value: Any) -> str:
    if value is None:
        return "—"
    yuan, wan = money_parts(value)
    return f"{yuan}（{wan}）" if wan else yuan


def test_candidates_tables_list_every_candidate_by_rank(oracle: Oracle, page) -> None:
    for notice in (n for n in oracle.public if n.type == "candidates"):
        expected = [
            [str(c["rank"]), c["name"], c.get("uscc") or "—", _amount(c.get("amount"))]
            for c in sorted(notice.raw["candidates"], key=lambda c: c["rank"])
        ]
        assert _rows(page(f"notices/{notice.id}"), "gs-candidates") == expected


def test_award_tables_list_every_winner(oracle: Oracle, page) -> None:
    awards = [n for n in oracle.public if n.type == "award"]
    assert awards
    for notice in awards:
        expected = [
            [w["name"], w.get("uscc") or "—", _amount(w.get("amount"))]
            for w in notice.raw["winners"]
        ]
        assert _rows(page(f"notices/{notice.id}"), "gs-winners") == expected


def test_penalty_pages_show_the_decision(oracle: Oracle, page) -> None:
    penalties = [n for n in oracle.public if n.type == "penalty"]
    assert penalties
    for notice in penalties:
        raw = notice.raw
        shown_page = page(f"notices/{notice.id}")
        assert raw["subject"]["name"] in (shown_page.fact("处罚对象") or "")
        if raw["subject"].get("uscc"):
            assert raw["subject"]["uscc"] in (shown_page.fact("处罚对象") or "")
        for label, key in (("决定书文号", "decision_no"), ("处罚机关", "authority"),
                           ("违法事实", "violation"), ("处罚依据", "basis")):
            assert shown_page.fact(label) == " ".join(str(raw[key]).split()), (notice.id, key)
        assert shown_page.fact("决定日期") == str(raw["decided"])
        items = [text(li) for li in shown_page.all(f"//ul[{has_class('gs-sanctions')}]/li")]
        assert len(items) == len(raw["sanctions"])
        for item, sanction in zip(items, raw["sanctions"], strict=True):
            if sanction["kind"] in SANCTION_TEXT:
                assert item.startswith(SANCTION_TEXT[sanction["kind"]])
            if sanction.get("amount") is not None:
                assert money_parts(sanction["amount"])[0] in item
            if sanction.get("until") is not None:
                assert str(sanction["until"]) in item


def own_attachments(notice_id: str) -> str:
    return f"//ul[{has_class('gs-attachments')}][@data-notice-id='{notice_id}']/li"


def _size_text(size: int) -> str:
    return f"{size} B" if size < 1024 else f"{size / 1024:.1f} KB"


def test_attachments_show_size_and_sha256_of_the_published_file(
    oracle: Oracle, page, sample_site: Path
) -> None:
    checked = 0
    for notice in oracle.public:
        files = [a for a in notice.raw.get("attachments") or [] if "file" in a]
        if not files:
            continue
        shown_page = page(f"notices/{notice.id}")
        # the notice's own list (a tender's page lists its amendments' attachments apart:
        # tests/test_notice_amended.py)
        items = shown_page.all(own_attachments(notice.id))
        assert len(items) == len(notice.raw["attachments"])
        for attachment in files:
            link = next(i for i in items if text(i.xpath("./a")[0]) == attachment["title"])
            # a link is a URL: its path percent-encoded (the file names are Chinese)
            target = (shown_page.file.parent / unquote(link.xpath("./a/@href")[0])).resolve()
            assert target.is_file() and target.is_relative_to(sample_site.resolve())
            content = target.read_bytes()
            assert content == (SAMPLE_DATA / "files" / attachment["file"]).read_bytes()
            assert hashlib.sha256(content).hexdigest() == text(link.xpath(".//code")[0])
            assert _size_text(len(content)) in text(link)
            checked += 1
    assert checked, "the sample data has no attachment files"


def test_external_attachments_link_out(oracle: Oracle, page) -> None:
    for notice in oracle.public:
        for attachment in notice.raw.get("attachments") or []:
            if "url" in attachment:
                hrefs = page(f"notices/{notice.id}").all(f"{own_attachments(notice.id)}/a/@href")
                assert attachment["url"] in hrefs


# --- timeline and regions -----------------------------------------------------------------------


def test_timelines_list_the_whole_project_in_order_each_linked(
    oracle: Oracle, page, sample_site: Path
) -> None:
    checked = 0
    for notice in oracle.public:
        if notice.type == "penalty" or notice.project is None:
            continue
        expected = oracle.timeline(notice.project)
        shown_page = page(f"notices/{notice.id}")
        items = shown_page.all(f"//ol[{has_class('gs-timeline')}]/li")
        if len(expected) < 2:
            assert not items
            continue
        assert [li.get("data-notice-id") for li in items] == [n.id for n in expected]
        times = [text(li.xpath("./time")[0]) for li in items]
        assert times == sorted(times), "the timeline is chronological"
        for li, member in zip(items, expected, strict=True):
            if member.id == notice.id:
                assert li.xpath("./*[@aria-current='page']")
                continue
            href = li.xpath("./a/@href")[0]
            assert (shown_page.file.parent / href / "index.html").resolve() == (
                sample_site / "notices" / member.id / "index.html").resolve()
            assert text(li.xpath("./a")[0]) == " ".join(member.title.split())
            status = li.xpath(f"./span[{has_class('gs-status')}]")[0]
            assert text(status) == STATUS_TEXT[member.status]
        checked += 1
    assert checked


def test_region_breadcrumbs_give_the_full_path(oracle: Oracle, page) -> None:
    county = next(n for n in oracle.public if n.region == "420902")
    crumbs = page(f"notices/{county.id}").all(f"//nav[{has_class('gs-breadcrumbs')}]/a")
    assert [text(a) for a in crumbs] == ["湖北省", "孝感市", "孝南区"]
    assert page(f"notices/{county.id}").fact("地区") == "湖北省 › 孝感市 › 孝南区"
    listing = page("region/420902").one(f"//nav[{has_class('gs-breadcrumbs')}]")
    assert text(listing) == "湖北省 › 孝感市 › 孝南区"
    for notice in oracle.public:
        names = [oracle.region_name[c] for c in oracle.region_path(notice.region)]
        crumbs = page(f"notices/{notice.id}").all(f"//nav[{has_class('gs-breadcrumbs')}]/a")
        assert [text(a) for a in crumbs] == names


def test_region_pages_count_everything_below_them(oracle: Oracle, page) -> None:
    xiaogan = oracle.in_region("420900")
    assert len(xiaogan) > len([n for n in oracle.public if n.region == "420900"]), (
        "420900's count must include its counties")
    for code in oracle.parent:
        total = page(f"region/{code}").one(f"//*[{has_class('gs-count')}]/strong")
        assert int(text(total)) == len(oracle.in_region(code)), code


def test_home_and_region_tree_counts(oracle: Oracle, page) -> None:
    for path in ("", "region"):
        counts = {
            el.get("data-region-count"): int(text(el))
            for el in page(path).all("//*[@data-region-count]")
        }
        assert counts == {code: len(oracle.in_region(code)) for code in oracle.parent}, path


def test_subregion_chips_count_everything_below_them(oracle: Oracle, page) -> None:
    for code in oracle.parent:
        chips = page(f"region/{code}").all(f"//nav[{has_class('gs-subregions')}]/a")
        children = sorted(c for c, p in oracle.parent.items() if p == code)
        assert [text(a) for a in chips] == [
            f"{oracle.region_name[c]} {len(oracle.in_region(c))}" for c in children]


def test_home_shows_totals_by_level_and_family(oracle: Oracle, page) -> None:
    home = page("")
    assert int(text(home.one(f"//strong[{has_class('gs-total')}]"))) == len(oracle.public)

    levels = {"province": 0, "city": 0, "county": 0}
    for notice in oracle.public:
        code = notice.region
        kind = "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
        levels[kind] += 1
    for kind, count in levels.items():
        stat = home.one(f"//*[@data-level='{kind}']/span[{has_class('gs-stat__n')}]")
        assert int(text(stat)) == count, kind
    for family in ("tenders", "results", "penalties"):
        section = home.one(f"//section[@data-family='{family}']")
        expected = [n.id for n in oracle.public if n.family == family]
        assert int(text(section.xpath(f"./h2/span[{has_class('gs-muted')}]")[0])) == len(expected)
        ids = [h.rstrip("/").rsplit("/", 1)[-1] for h in section.xpath(".//li/a/@href")]
        assert ids == expected[:len(ids)] and ids, family


def test_home_closing_soon_lists_open_tenders_soonest_first(oracle: Oracle, page) -> None:
    hrefs = page("").all(
        f"//section[{has_class('gs-home__closing')}]//li[{has_class('gs-entry')}]/a/@href")
    ids = [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]
    expected = [n.id for n in oracle.open_tenders()]
    assert ids and ids == expected[:len(ids)]


# --- listings and pagination ------------------------------------------------------------------


def _archive_numbers(site: Path, base: str) -> list[int]:
    """The archive pages of a listing: page/1/ (the oldest), page/2/, …"""
    numbers = []
    while (site / base / "page" / str(len(numbers) + 1) / "index.html").is_file():
        numbers.append(len(numbers) + 1)
    return numbers


def _all_entry_ids(page, base: str, sample_site: Path) -> list[str]:
    """The entries of a listing in its order. The open tenders: the first page, then page/2/,
    page/3/, … An archive: its pages from the newest (highest number) to page/1/."""
    numbers = _archive_numbers(sample_site, base)
    if base == "open":
        return [*page(base).entry_ids(),
                *(i for n in numbers[1:] for i in page(f"{base}/page/{n}").entry_ids())]
    if not numbers:
        return list(page(base).entry_ids())
    return [i for n in reversed(numbers) for i in page(f"{base}/page/{n}").entry_ids()]


def test_every_listing_has_exactly_its_notices_in_order_across_pages(
    oracle: Oracle, page, sample_site: Path
) -> None:
    for base, notices in oracle.listings().items():
        expected = [n.id for n in notices]
        assert _all_entry_ids(page, base, sample_site) == expected, base
        assert list(page(base).entry_ids()) == expected[:PAGE_SIZE], base
        total = page(base).one(f"//*[{has_class('gs-count')}]/strong")
        assert int(text(total)) == len(expected), base


def test_archive_pages_hold_fixed_slices_counted_from_the_oldest(
    oracle: Oracle, page, sample_site: Path
) -> None:
    """Page k holds the k-th PAGE_SIZE notices from the oldest (newest first), so a new notice
    leaves every full page as it was; the pages show no total that would change."""
    for base, notices in oracle.listings().items():
        if base == "open":
            continue
        oldest_first = [n.id for n in reversed(notices)]
        numbers = _archive_numbers(sample_site, base)
        assert len(numbers) == (math.ceil(len(notices) / PAGE_SIZE) if len(notices) > PAGE_SIZE
                                else 0), base
        for number in numbers:
            archive = page(f"{base}/page/{number}")
            chunk = oldest_first[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
            assert list(archive.entry_ids()) == chunk[::-1], (base, number)
            assert not archive.all(f"//*[{has_class('gs-total')}]"), (base, number)
            count = text(archive.one(f"//*[{has_class('gs-count')}]"))
            assert f"第 {number} 页" in count and "共" not in count, (base, number)


def test_long_listings_are_paginated(oracle: Oracle, page, sample_site: Path) -> None:
    long = [base for base, notices in oracle.listings().items() if len(notices) > PAGE_SIZE]
    assert long, f"no listing of the sample data has more than {PAGE_SIZE} entries"
    for base in long:
        assert (sample_site / base / "page" / "2" / "index.html").is_file(), base
        first = page(base)
        assert len(first.entry_ids()) == PAGE_SIZE
        older = first.all(f"//nav[{has_class('gs-pager')}]//a[@rel='next']/@href")
        assert older, base
        # The first page's "older" link goes to the archive page after the newest notices.
        numbers = _archive_numbers(sample_site, base)
        assert older[0].rstrip("/").endswith(f"page/{len(numbers) - 1}"), (base, older)


def test_listing_entries_show_type_status_region_dates(oracle: Oracle, page) -> None:
    by_id = oracle.notices
    for li in page("tenders").all(f"//li[{has_class('gs-entry')}]"):
        notice = by_id[li.xpath("./a/@href")[0].rstrip("/").rsplit("/", 1)[-1]]
        assert li.get("data-type") == notice.type and li.get("data-status") == notice.status
        assert text(li.xpath(f".//*[{has_class('gs-status')}]")[0]) == STATUS_TEXT[notice.status]
        assert text(li.xpath(f".//*[{has_class('gs-entry__region')}]")[0]) == \
            oracle.region_name[notice.region]
        assert text(li.xpath(f".//*[{has_class('gs-entry__date')}]//time")[0]) == \
            shown_published(notice.raw["published"])
        deadline = li.xpath(f".//*[{has_class('gs-entry__deadline')}]//time")
        if notice.type == "tender":
            assert text(deadline[0]) == shown(notice.deadline)


CATEGORY_TEXT = {  # the spec's words
    "construction": "工程建设", "procurement": "政府采购", "land": "土地使用权", "mining": "矿业权",
    "property": "国有产权", "medical": "医疗器械和耗材采购", "franchise": "特许经营权", "other": "其他",
}


def _wan(amount: Decimal) -> str:
    return f"{amount / 10000:,.2f} 万元" if amount >= 10000 else f"{amount:,.0f} 元"


def _row_part(li: Any, name: str) -> str | None:
    found = li.xpath(f".//*[{has_class(name)}]")
    return text(found[0]) if found else None


@pytest.mark.parametrize("base", ["tenders", "results", "penalties"])
def test_listing_rows_show_category_key_date_and_amount(oracle: Oracle, page, base: str) -> None:
    """A row answers a reader's first questions: what kind of deal, the date that matters (a
    tender's deadline, a publicity's end, an award or decision date) and how much."""
    rows = page(base).all(f"//li[{has_class('gs-entry')}]")
    assert rows
    for li in rows:
        notice = oracle.notices[li.xpath("./a/@href")[0].rstrip("/").rsplit("/", 1)[-1]]
        raw = notice.raw
        category = raw.get("category")
        assert _row_part(li, "gs-entry__category") == (CATEGORY_TEXT[category] if category else None)
        key = _row_part(li, "gs-entry__key")
        amount = _row_part(li, "gs-entry__amount")
        if notice.type == "tender":
            assert key == f"投标截止 {shown(notice.deadline)}"
            budget = raw.get("budget")
            assert amount == (f"预算/起始价 {_wan(Decimal(str(budget)))}" if budget is not None else None)
        elif notice.type == "candidates":
            assert key and key.startswith("公示截止 ")
        elif notice.type == "award":
            amounts = [w.get("amount") for w in raw["winners"]]
            expected = (f"成交金额 {_wan(sum(Decimal(str(a)) for a in amounts))}"
                        if all(a is not None for a in amounts) else None)
            assert amount == expected
            assert key == (f"成交日期 {raw['award_date']}" if raw.get("award_date") else None)
        elif notice.type == "penalty":
            assert key == f"决定日期 {raw['decided']}"
            assert amount is None


# --- embargo and expiry: absent from every file -------------------------------------------------


def _contents(site: Path) -> Iterator[tuple[Path, bytes]]:
    """Every output file's bytes; gzip members (sitemap.xml.gz, search index) decompressed, and
    zip archives (notices.xlsx) as their entries' bytes one after another."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        content = path.read_bytes()
        if content[:2] == b"\x1f\x8b":
            with contextlib.suppress(OSError, EOFError):
                content = gzip.decompress(content)
        elif content[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(path) as archive:
                content = b"".join(archive.read(entry) for entry in archive.namelist())
        yield path, content


def _needles(value: str) -> list[bytes]:
    """A string as it could appear: UTF-8, JSON-escaped (\\uXXXX) and HTML-entity-free."""
    escaped = json.dumps(value, ensure_ascii=True)[1:-1]
    return sorted({value.encode(), escaped.encode()})


def test_embargoed_and_expired_notices_appear_in_no_file(oracle: Oracle, sample_site: Path) -> None:
    hidden = oracle.hidden
    assert any(n.type == "penalty" for n in hidden), "the sample has no expired penalty"
    assert any(n.published > NOW for n in hidden), "the sample has no embargoed notice"
    public_titles = {n.title for n in oracle.public}
    needles: dict[bytes, str] = {}
    for notice in hidden:
        for needle in _needles(notice.id):
            needles[needle] = notice.id
        if not any(notice.title in title for title in public_titles):
            for needle in _needles(notice.title):
                needles[needle] = notice.id
    # An expired penalty's id (never its title or content) stays where the publication log
    # names what left the site: the log's entries and the 撤回记录 page (issue #16).
    expired_ids = {needle for notice in hidden if notice.published <= NOW for needle in _needles(notice.id)}

    def names_expiry(path: str, needle: bytes) -> bool:
        return needle in expired_ids and (path.startswith("log/") or path == "removals/index.html")

    leaks = [
        (str(path.relative_to(sample_site)), notice_id)
        for path, content in _contents(sample_site)
        for needle, notice_id in needles.items()
        if needle in content and not names_expiry(path.relative_to(sample_site).as_posix(), needle)
    ]
    assert not leaks, f"hidden notices leak into the output: {leaks[:10]}"


def test_hidden_notices_have_no_page_and_their_files_are_not_published(
    oracle: Oracle, sample_site: Path
) -> None:
    public_files = {a["file"] for n in oracle.public for a in n.raw.get("attachments") or []
                    if "file" in a}
    for notice in oracle.hidden:
        assert not (sample_site / "notices" / notice.id).exists()
        for attachment in notice.raw.get("attachments") or []:
            if "file" in attachment and attachment["file"] not in public_files:
                assert not (sample_site / "files" / attachment["file"]).exists(), attachment


# the exports: each month's files (data/<year>/<MM>/), the newest notice's month here
CONTRACT_OUTPUTS = ("sitemap.xml", "feeds/all.xml", "feeds/all.atom", "data/{month}/notices.json",
                    "data/{month}/notices.csv", "data/{month}/notices.xlsx", "data/{month}/ocds.json",
                    "pagefind/")


def test_the_leak_search_reads_every_kind_of_output(oracle: Oracle, sample_site: Path) -> None:
    """The control for the test above: the newest public notice's id is found, by the same
    search, in each output of the contract (search index decompressed)."""
    newest = oracle.public[0]
    found = {
        str(path.relative_to(sample_site))
        for path, content in _contents(sample_site)
        if any(needle in content for needle in _needles(newest.id))
    }
    month = newest.published.astimezone(TZ).strftime("%Y/%m")
    for output in (o.format(month=month) for o in CONTRACT_OUTPUTS):
        assert any(f == output or f.startswith(output) for f in found), (output, newest.id)


@pytest.mark.parametrize("current, total", [
    (1, 1), (1, 2), (2, 3), (1, 200), (4, 200), (100, 200), (200, 200), (5, 9),
])
def test_the_pager_shows_first_last_and_neighbours_in_bounded_space(current: int, total: int) -> None:
    """A listing of thousands of notices must not put thousands of links on each page."""
    window = pager_window(current, total)
    numbers = [n for n in window if n is not None]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1 and numbers[-1] == total
    neighbours = range(max(1, current - PAGER_NEIGHBOURS), min(total, current + PAGER_NEIGHBOURS) + 1)
    assert set(neighbours) <= set(numbers)
    assert len(window) <= 2 * PAGER_NEIGHBOURS + 5
    for before, gap, after in zip(window, window[1:], window[2:], strict=False):
        if gap is None:
            assert before is not None and after is not None and after - before > 2


def _pager_links(page, path: str) -> list[tuple[str, str | None, str | None]]:
    """(text, target page relative to the listing, rel) of each pager item, in order."""
    navs = page(path).all(f"//nav[{has_class('gs-pager')}]")
    if not navs:
        return []
    return [(text(x), x.get("href", "").split("/page/")[-1].strip("/") or None
             if x.get("href") else None, x.get("rel")) for x in navs[0].xpath("./a | ./span")]


def test_archive_pagers_link_newest_oldest_and_neighbours_only(
    oracle: Oracle, page, sample_site: Path
) -> None:
    for base in oracle.listings():
        numbers = _archive_numbers(sample_site, base)
        if base == "open" or not numbers:
            assert not numbers or base == "open" or _pager_links(page, base), base
            continue
        last = numbers[-1]
        front = _pager_links(page, base)
        assert front[0][0] == "最新" and front[0][1] is None  # the current page, no link
        assert ("更早 ›", str(last - 1), "next") in front, (base, front)
        assert front[-1][:2] == ("1", "1"), (base, front)
        assert f"共 {last} 页" in text(page(base).one(f"//*[{has_class('gs-count')}]"))
        for number in numbers:
            links = _pager_links(page, f"{base}/page/{number}")
            labels = [label for label, _, _ in links]
            assert labels[0] == "最新", links
            shown = [int(label) for label in labels if label.isdigit()]
            near = range(max(1, number - PAGER_NEIGHBOURS), min(last, number + PAGER_NEIGHBOURS) + 1)
            assert shown == sorted(near, reverse=True), (base, number, links)
            assert (str(number), None, None) in links  # the current page
            assert (("‹ 更新", str(number + 1), "prev") in links) == (number < last)
            assert (("更早 ›", str(number - 1), "next") in links) == (number > 1)
            assert (("最早", "1", None) in links) == (number > 1)


def test_the_open_tenders_pager_counts_pages_from_the_soonest_deadline(
    oracle: Oracle, page, sample_site: Path
) -> None:
    pages = math.ceil(len(oracle.open_tenders()) / PAGE_SIZE)
    for number in range(1, pages + 1):
        path = "open" if number == 1 else f"open/page/{number}"
        links = _pager_links(page, path)
        if pages == 1:
            assert not links
            continue
        shown = [label for label, _, _ in links if label.isdigit()]
        assert shown[0] == "1" and shown[-1] == str(pages), (path, shown)
