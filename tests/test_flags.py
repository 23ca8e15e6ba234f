"""Red flags (generator/flags.py): planted cases for every flag, and the near misses that must
not raise it, on small data folders loaded and derived in-process (no site build)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator import rules
from generator.config import load_settings
from generator.dataset import load_dataset
from generator.derive import derive_site
from generator.errors import UsageError
from generator.flags import Flag, Thresholds, find_flags

TZ = ZoneInfo("Asia/Shanghai")
NOW = "2026-12-01T12:00:00+08:00"
DEFAULT = Thresholds()


def uscc(number: int) -> str:
    first17 = f"91420100MA{number:07d}"
    return first17 + rules.uscc_check_character(first17)


BUYER = uscc(1)
OTHER_BUYER = uscc(2)
WINNER = uscc(10)
OTHER = uscc(11)


def tender(code: str, published: str = "2026-03-01 09:00", deadline: str = "2026-03-30 09:30", *,
           category: str = "construction", method: str = "open", budget: str = "1000000",
           buyer: str = BUYER, withdrawn: str = "") -> str:
    return f"""\
type: tender
title: 项目{code}招标公告
region: "420902"
published: {published}
publisher: 孝感市公共资源交易中心
category: {category}
project: {{code: {code}, name: 项目{code}}}
method: {method}
buyer: {{name: 孝感市某局, uscc: "{buyer}"}}
budget: {budget}
deadline: {deadline}
{withdrawn}"""


def amendment(code: str, amends: str, published: str, deadline: str | None = None,
              withdrawn: str = "") -> str:
    changes = f"changes: {{deadline: {deadline}}}\n" if deadline else ""
    return f"""\
type: amendment
title: 项目{code}变更公告
region: "420902"
published: {published}
publisher: 孝感市公共资源交易中心
category: construction
project: {{code: {code}, name: 项目{code}}}
amends: {amends}
{changes}{withdrawn}"""


def candidates(code: str, amounts: list[str], published: str = "2026-04-02 10:00",
               publicity_end: str = "2026-04-05", usccs: list[str] | None = None,
               category: str = "construction") -> str:
    usccs = usccs or [uscc(20 + rank) for rank in range(len(amounts))]
    rows = "".join(f"- {{rank: {rank}, name: 公司{rank}, uscc: \"{code_}\", amount: {amount}}}\n"
                   for rank, (amount, code_) in enumerate(zip(amounts, usccs, strict=True), start=1))
    return f"""\
type: candidates
title: 项目{code}中标候选人公示
region: "420902"
published: {published}
publisher: 孝感市公共资源交易中心
category: {category}
project: {{code: {code}, name: 项目{code}}}
candidates:
{rows}publicity_end: {publicity_end}
"""


def award(code: str, amount: str = "900000", published: str = "2026-04-10 10:00", *,
          winner: str = WINNER, award_date: str | None = None, category: str = "construction",
          withdrawn: str = "") -> str:
    day = f"award_date: {award_date}\n" if award_date else ""
    return f"""\
type: award
title: 项目{code}中标结果公告
region: "420902"
published: {published}
publisher: 孝感市公共资源交易中心
category: {category}
project: {{code: {code}, name: 项目{code}}}
winners:
- {{name: 中标公司, uscc: "{winner}", amount: {amount}}}
{day}{withdrawn}"""


def penalty(subject: str, *, decided: str = "2026-01-10", until: str = "2026-06-30",
            kind: str = "debarment", published: str = "2026-01-12", publicity_end: str = "2026-12-31",
            withdrawn: str = "") -> str:
    return f"""\
type: penalty
title: 关于对某公司的处罚决定公告
region: "420902"
published: {published}
publisher: 孝感市公共资源交易监督管理局
subject: {{name: 某公司, kind: company, uscc: "{subject}"}}
decision_no: 孝罚〔2026〕1 号
decided: {decided}
authority: 孝感市住房和城乡建设局
violation: 弄虚作假
basis: 《中华人民共和国招标投标法》第五十四条
sanctions:
- {{kind: {kind}, until: {until}}}
publicity_end: {publicity_end}
{withdrawn}"""


WITHDRAWN = "withdrawn: {date: 2026-05-01, reason: 撤销}\n"


@pytest.fixture
def flags_of(make_data):
    def find(notices: dict[str, str], limits: Thresholds = DEFAULT, now: str = NOW) -> list[Flag]:
        data = make_data({f"{name}.yaml": text for name, text in notices.items()})
        dataset = load_dataset(data, TZ, minimums=limits.minimums)
        errors = [p.as_text("en") for p in dataset.problems if p.is_error]
        assert not errors, errors
        return find_flags(derive_site(dataset, datetime.fromisoformat(now), TZ), limits)
    return find


def raised(flags: list[Flag], flag: str) -> list[Flag]:
    return [f for f in flags if f.flag == flag]


# --- short-period ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("deadline", "days"), [("2026-03-20 09:30", 19), ("2026-03-21 09:30", 20)])
def test_short_period_is_fewer_days_than_the_minimum(flags_of, deadline: str, days: int) -> None:
    found = raised(flags_of({"P1-ZB": tender("P1", deadline=deadline)}), "short-period")
    assert len(found) == (1 if days < 20 else 0)
    if found:
        assert found[0].notice_ids == ("P1-ZB",) and found[0].region_code == "420902"
        assert found[0].values() == {"published": "2026-03-01", "deadline": "2026-03-20 09:30",
                                     "days": 19, "minimum": 20}
        assert "19 days" in found[0].explanation.in_language("en")


def test_short_period_by_category_and_method(flags_of) -> None:
    notices = {
        "P1-ZB": tender("P1", deadline="2026-03-11 09:00", category="procurement"),
        "P2-ZB": tender("P2", deadline="2026-03-11 09:00", category="land", method="listing"),
        "P3-ZB": tender("P3", deadline="2026-03-11 09:00", method="invited"),
    }
    assert [f.project_code for f in raised(flags_of(notices), "short-period")] == ["P1"]
    # the site's table (extra.gongshi.legal_minimum_days) adds invited construction tenders
    table = Thresholds(minimums={"construction": {"open": 20, "invited": 20}})
    assert [f.project_code for f in raised(flags_of(notices, table), "short-period")] == ["P3"]


def test_short_period_reads_the_deadline_in_force(flags_of) -> None:
    shortened = {"P1-ZB": tender("P1", deadline="2026-03-30 09:30"),
                 "P1-BG1": amendment("P1", "P1-ZB", "2026-03-02 09:00", "2026-03-15 09:30")}
    found = raised(flags_of(shortened), "short-period")
    assert [f.notice_ids for f in found] == [("P1-ZB", "P1-BG1")]
    assert found[0].values()["days"] == 14
    lengthened = {"P1-ZB": tender("P1", deadline="2026-03-15 09:30"),
                  "P1-BG1": amendment("P1", "P1-ZB", "2026-03-02 09:00", "2026-03-30 09:30")}
    assert not raised(flags_of(lengthened), "short-period")


# --- late-amendment -------------------------------------------------------------------------------


@pytest.mark.parametrize(("published", "new_deadline", "flagged"), [
    ("2026-03-15 09:00", None, False),  # 15 days before the deadline in force
    ("2026-03-16 09:00", None, True),  # 14: a clarification that leaves the deadline
    ("2026-03-20 09:00", "2026-04-04 09:30", False),  # sets a deadline 15 days on
    ("2026-03-20 09:00", "2026-04-03 09:30", True),  # 14
])
def test_late_amendment(flags_of, published: str, new_deadline: str | None, flagged: bool) -> None:
    found = raised(flags_of({"P1-ZB": tender("P1"),
                             "P1-BG1": amendment("P1", "P1-ZB", published, new_deadline)}),
                   "late-amendment")
    assert [f.notice_ids for f in found] == ([("P1-BG1", "P1-ZB")] if flagged else [])


def test_late_amendment_threshold_is_configurable(flags_of) -> None:
    notices = {"P1-ZB": tender("P1"), "P1-BG1": amendment("P1", "P1-ZB", "2026-03-20 09:00")}
    assert raised(flags_of(notices), "late-amendment")
    assert not raised(flags_of(notices, replace(DEFAULT, late_amendment_days=10)), "late-amendment")


# --- many-amendments --------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "withdrawn", "flagged"), [(3, 0, True), (2, 0, False), (3, 1, False)])
def test_many_amendments(flags_of, count: int, withdrawn: int, flagged: bool) -> None:
    notices = {"P1-ZB": tender("P1", deadline="2026-05-30 09:30")}
    for number in range(1, count + 1):
        notices[f"P1-BG{number}"] = amendment(
            "P1", "P1-ZB", f"2026-03-0{number + 1} 09:00", withdrawn=WITHDRAWN if number <= withdrawn else "")
    found = raised(flags_of(notices), "many-amendments")
    assert [f.notice_ids for f in found] == ([("P1-ZB", "P1-BG1", "P1-BG2", "P1-BG3")] if flagged else [])


# --- single-candidate, close-bids -----------------------------------------------------------------


def test_single_candidate(flags_of) -> None:
    found = flags_of({"P1-ZB": tender("P1"), "P1-HX": candidates("P1", ["900000"]),
                      "P2-ZB": tender("P2"), "P2-HX": candidates("P2", ["900000", "950000"])})
    assert [(f.project_code, f.notice_ids) for f in raised(found, "single-candidate")] == [("P1", ("P1-HX",))]


@pytest.mark.parametrize(("second", "flagged"), [
    ("1005000", True),  # exactly 0.5% of the lower amount
    ("1005000.01", False),  # just over, though within 0.5% of the higher one
    ("1000000", True),  # identical
])
def test_close_bids_relative_to_the_lower_amount(flags_of, second: str, flagged: bool) -> None:
    found = raised(flags_of({"P1-ZB": tender("P1", budget="2000000"),
                             "P1-HX": candidates("P1", ["1000000", second, "1300000"])}), "close-bids")
    assert len(found) == int(flagged)
    if flagged:
        assert found[0].values()["rank_a"] == 1 and found[0].values()["rank_b"] == 2


def test_close_bids_threshold_is_configurable(flags_of) -> None:
    notices = {"P1-ZB": tender("P1"), "P1-HX": candidates("P1", ["1000000", "1003000"])}
    assert raised(flags_of(notices), "close-bids")
    assert not raised(flags_of(notices, replace(DEFAULT, close_bids_percent=Decimal("0.2"))), "close-bids")


# --- price-at-ceiling -------------------------------------------------------------------------------


@pytest.mark.parametrize(("category", "method", "amount", "flagged"), [
    ("construction", "open", "990000", True),  # exactly 99% of the budget
    ("construction", "open", "989999.99", False),
    ("procurement", "open", "1000000", True),
    ("medical", "open", "995000", True),
    ("land", "listing", "1500000", False),  # sales: above the reserve is the aim
    ("mining", "auction", "1000000", False),
    ("property", "auction", "1000000", False),
    ("franchise", "open", "1000000", False),
    ("other", "open", "1000000", False),  # not a default buying category
])
def test_price_at_ceiling_only_where_the_public_side_buys(
        flags_of, category: str, method: str, amount: str, flagged: bool) -> None:
    found = raised(flags_of({"P1-ZB": tender("P1", category=category, method=method),
                             "P1-JG": award("P1", amount, category=category)}), "price-at-ceiling")
    assert [f.notice_ids for f in found] == ([("P1-JG", "P1-ZB")] if flagged else [])


def test_price_at_ceiling_near_misses(flags_of) -> None:
    notices = {"P1-ZB": tender("P1"), "P1-JG": award("P1", "999000", withdrawn=WITHDRAWN),
               "P2-ZB": tender("P2"), "P2-JG": award("P2", "999000")}
    assert [f.project_code for f in raised(flags_of(notices), "price-at-ceiling")] == ["P2"]
    higher = replace(DEFAULT, price_ceiling_percent=Decimal("99.95"))
    assert not raised(flags_of(notices, higher), "price-at-ceiling")


def test_a_sale_category_is_refused_in_the_settings(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  gongshi:\n    flags:\n      price_categories: [construction, land]\n",
                      encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        load_settings(config)
    assert "extra.gongshi.flags.price_categories" in refused.value.message.in_language("en")


# --- early-award --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("published", "flagged"), [
    ("2026-04-05 18:00", True),  # on the publicity's last day
    ("2026-04-06 00:00", False),  # the moment it ended
])
def test_early_award(flags_of, published: str, flagged: bool) -> None:
    found = raised(flags_of({"P1-ZB": tender("P1"),
                             "P1-HX": candidates("P1", ["900000", "950000"], publicity_end="2026-04-05"),
                             "P1-JG": award("P1", published=published)}), "early-award")
    assert [f.notice_ids for f in found] == ([("P1-JG", "P1-HX")] if flagged else [])


# --- repeat-winner ------------------------------------------------------------------------------------


def _three_awards(last_day: str, buyer_of_third: str = BUYER) -> dict[str, str]:
    days = ["2025-06-01", "2025-12-01", last_day]
    notices: dict[str, str] = {}
    for number, day in enumerate(days, start=1):
        code = f"R{number}"
        notices[f"{code}-ZB"] = tender(code, published=f"{day} 09:00", deadline=f"{day} 23:00",
                                       buyer=buyer_of_third if number == 3 else BUYER)
        notices[f"{code}-JG"] = award(code, published=f"{day} 23:30", award_date=day)
    return notices


@pytest.mark.parametrize(("last_day", "flagged"), [
    ("2026-05-31", True),  # 364 days after the first
    ("2026-06-01", True),  # 365: still within
    ("2026-06-02", False),  # 366
])
def test_repeat_winner_within_365_days(flags_of, last_day: str, flagged: bool) -> None:
    found = raised(flags_of(_three_awards(last_day)), "repeat-winner")
    assert [f.project_code for f in found] == (["R1", "R2", "R3"] if flagged else [])
    if flagged:
        assert found[0].notice_ids == ("R1-JG", "R2-JG", "R3-JG")
        assert found[0].values()["buyer"] == BUYER and found[0].values()["winner"] == WINNER


def test_repeat_winner_needs_the_same_buyer_and_the_count(flags_of) -> None:
    assert not raised(flags_of(_three_awards("2026-01-01", OTHER_BUYER)), "repeat-winner")
    assert not raised(flags_of(_three_awards("2026-01-01"), replace(DEFAULT, repeat_winner_count=4)),
                      "repeat-winner")


# --- debarred-winner ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("published", "flagged"), [
    ("2026-06-30 10:00", True),  # the ban's last day
    ("2026-07-01 10:00", False),
])
def test_debarred_candidate_on_the_day_of_the_publicity(flags_of, published: str, flagged: bool) -> None:
    notices = {"CF-1": penalty(OTHER), "P1-ZB": tender("P1", published="2026-05-01 09:00",
                                                       deadline="2026-05-30 09:00"),
               "P1-HX": candidates("P1", ["900000", "950000"], published=published,
                                   publicity_end="2026-07-10", usccs=[uscc(30), OTHER])}
    found = raised(flags_of(notices), "debarred-winner")
    assert [f.notice_ids for f in found] == ([("P1-HX", "CF-1")] if flagged else [])
    if flagged:
        assert found[0].values()["rank"] == 2 and found[0].values()["uscc"] == OTHER


@pytest.mark.parametrize(("award_date", "kind", "flagged"), [
    ("2026-01-10", "debarment", True),  # the day of the decision
    ("2026-01-09", "debarment", False),
    ("2026-03-01", "suspension", True),
    ("2026-03-01", "fine", False),
])
def test_debarred_winner_on_the_day_of_the_award(flags_of, award_date: str, kind: str, flagged: bool) -> None:
    until = "" if kind == "fine" else "2026-06-30"
    notices = {"CF-1": penalty(WINNER, kind=kind, until=until).replace("until: }", "amount: 1000}"),
               "P1-ZB": tender("P1", published="2025-12-01 09:00", deadline="2025-12-30 09:00"),
               "P1-JG": award("P1", published="2026-03-02 09:00", award_date=award_date)}
    assert len(raised(flags_of(notices), "debarred-winner")) == int(flagged)


def test_an_expired_or_withdrawn_penalty_is_never_cited(flags_of) -> None:
    case = {"P1-ZB": tender("P1", published="2025-12-01 09:00", deadline="2025-12-30 09:00"),
            "P1-JG": award("P1", published="2026-03-02 09:00", award_date="2026-03-01")}
    assert raised(flags_of({**case, "CF-1": penalty(WINNER)}), "debarred-winner")
    expired = penalty(WINNER, publicity_end="2026-11-30")  # its disclosure ended before now
    assert not raised(flags_of({**case, "CF-1": expired}), "debarred-winner")
    withdrawn = penalty(WINNER, withdrawn="withdrawn: {date: 2026-02-01, reason: 撤销}\n")
    assert not raised(flags_of({**case, "CF-1": withdrawn}), "debarred-winner")


# --- the legal-minimum table is the validator's too ---------------------------------------------------


def test_the_validator_reads_the_same_table(make_data) -> None:
    data = make_data({"P1-ZB.yaml": tender("P1", deadline="2026-03-11 09:00", category="procurement"),
                      "P2-ZB.yaml": tender("P2", deadline="2026-03-11 09:00", method="invited")})
    warned = {p.path.rsplit("/", 1)[-1]: p for p in load_dataset(data, TZ).problems}
    assert list(warned) == ["P1-ZB.yaml"] and warned["P1-ZB.yaml"].rule == "period-tender"
    assert "Article 35 of the Government Procurement Law" in warned["P1-ZB.yaml"].text("en")
    table = {"construction": {"invited": 20}}
    warned = {p.path.rsplit("/", 1)[-1] for p in load_dataset(data, TZ, minimums=table).problems}
    assert warned == {"P2-ZB.yaml"}


def test_the_table_and_thresholds_come_from_the_settings(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "extra:\n  gongshi:\n    legal_minimum_days:\n      construction: {open: 20, invited: 20}\n"
        "    flags:\n      close_bids_percent: 0.25\n      repeat_winner_count: 4\n", encoding="utf-8")
    limits = Thresholds.of(load_settings(config))
    assert limits.minimums == {"construction": {"open": 20, "invited": 20}}
    assert (limits.close_bids_percent, limits.repeat_winner_count) == (Decimal("0.25"), 4)
    assert Thresholds.of(load_settings(None)) == DEFAULT


def test_an_unknown_category_in_the_table_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  gongshi:\n    legal_minimum_days:\n      lands: {open: 20}\n", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        load_settings(config)
    assert "extra.gongshi.legal_minimum_days" in refused.value.message.in_language("en")
