"""Unit tests of generator/rules.py: USCC, resident ID numbers, personal data, GB/T 2260
region levels and calendar days in the site time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from generator import rules

SHANGHAI = ZoneInfo("Asia/Shanghai")
SPEC_USCC = "91350100M000100Y43"


def resident_id(first17: str) -> str:
    return first17 + rules.resident_id_check_digit(first17)


def resident_id_with_x() -> str:
    """A valid resident ID number whose check digit is X (found by trying sequence numbers)."""
    for sequence in range(1000):
        first17 = f"42090219900101{sequence:03d}"
        if rules.resident_id_check_digit(first17) == "X":
            return first17 + "X"
    raise AssertionError("no X check digit in 1000 sequence numbers")


# --- USCC ---------------------------------------------------------------------------------------


def test_spec_example_uscc_is_valid():
    assert rules.uscc_problem(SPEC_USCC) is None
    assert rules.uscc_check_character(SPEC_USCC[:17]) == "3"


@pytest.mark.parametrize("first17", ["91420900MA4F1234X", "12420900011234567", "31110000E00012345"])
def test_computed_check_character_makes_a_valid_uscc(first17):
    code = first17 + rules.uscc_check_character(first17)
    assert rules.uscc_problem(code) is None


def test_wrong_check_character_is_refused_without_naming_the_right_one():
    """A failed check means a mistyped or wrong code: nothing says which character would pass."""
    for wrong in (ch for ch in rules.USCC_ALPHABET if ch != "3"):
        assert rules.uscc_problem(SPEC_USCC[:17] + wrong) == rules.UsccProblem("check", 18)


@pytest.mark.parametrize("code", [SPEC_USCC[:17], SPEC_USCC + "0", "", "9135"])
def test_wrong_length(code):
    assert rules.uscc_problem(code) == rules.UsccProblem("length", len(code))


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_forbidden_letters(letter):
    code = SPEC_USCC[:8] + letter + SPEC_USCC[9:]
    assert rules.uscc_problem(code) == rules.UsccProblem("characters", 18, (letter,))


def test_lower_case_is_refused():
    problem = rules.uscc_problem(SPEC_USCC.lower())
    assert problem is not None and problem.kind == "characters"
    assert problem.characters == ("m", "y")


# --- resident ID numbers ------------------------------------------------------------------------


def test_check_digit_of_a_known_number():
    # The GB 11643-1999 example number.
    assert rules.resident_id_check_digit("11010519491231002") == "X"
    assert rules.is_resident_id("11010519491231002X")
    assert rules.is_resident_id("11010519491231002x")


def test_computed_numbers_are_valid_and_a_changed_digit_is_not():
    number = resident_id("42090219900101123")
    assert rules.is_resident_id(number)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert not rules.is_resident_id(wrong)


def test_x_check_digit():
    number = resident_id_with_x()
    assert number.endswith("X")
    assert rules.is_resident_id(number)


@pytest.mark.parametrize(
    "text", ["", "4209021990010112", "4209021990010112345", "42090219900101123A"]
)
def test_not_resident_ids(text):
    assert not rules.is_resident_id(text)


# --- personal data ------------------------------------------------------------------------------


def kinds(text: str) -> list[tuple[str, str]]:
    return [(found.kind, found.text) for found in rules.find_personal_data(text)]


def test_unmasked_resident_id_is_found_and_masked():
    number = resident_id("42090219900101123")
    found = rules.find_personal_data(f"王某（身份证号 {number}）")
    assert [(f.kind, f.text) for f in found] == [("resident-id", number)]
    assert rules.mask(found[0]) == number[:4] + "**********" + number[14:]


def test_resident_id_with_x_is_found():
    number = resident_id_with_x()
    assert kinds(f"身份证{number}。") == [("resident-id", number)]
    assert kinds(f"身份证{number.lower()}。") == [("resident-id", number.lower())]


def test_eighteen_digits_with_a_wrong_check_digit_are_not_an_id():
    number = resident_id("42090219900101123")
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert kinds(f"编号 {wrong}") == []


def test_resident_id_inside_a_longer_run_is_not_found():
    number = resident_id("42090219900101123")
    assert kinds(f"1{number}") == []
    assert kinds(f"{number}5") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话 13812345678", "13812345678"),
        ("电话13812345678。", "13812345678"),
        ("电话 +8613812345678", "+8613812345678"),
        ("电话 +86 13812345678", "+86 13812345678"),
        ("电话 +86-19912345678", "+86-19912345678"),
    ],
)
def test_unmasked_mobile_is_found(text, expected):
    assert kinds(text) == [("mobile", expected)]


def test_mobile_mask():
    found = rules.find_personal_data("电话 +8613812345678")
    assert rules.mask(found[0]) == "138****5678"


@pytest.mark.parametrize(
    "text",
    [
        "身份证号 4209**********123X",
        "电话 138****1234",
        "办公电话 0712-2856123",
        "编号 913812345678901",  # a mobile-like run inside a longer number
        "订单 013812345678",
        "订单 138123456789",
        "电话 12812345678",  # 12x is not a mobile prefix
        "电话 1381234567",  # 10 digits
        "决定书 孝公管罚〔2026〕3号",
    ],
)
def test_masked_or_other_numbers_are_not_found(text):
    assert kinds(text) == []


def test_several_findings_come_in_text_order():
    number = resident_id("42090219900101123")
    text = f"电话 13912345678，身份证 {number}，又 15012345678"
    assert [kind for kind, _ in kinds(text)] == ["mobile", "resident-id", "mobile"]


# --- regions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "level", "parents"),
    [
        ("420000", "province", ()),
        ("420900", "city", ("420000",)),
        ("420100", "city", ("420000",)),
        ("420902", "county", ("420900",)),
        ("420984", "county", ("420900",)),
        ("429004", "county", ("420000",)),  # 仙桃市, governed directly by the province
        ("110101", "county", ("110100",)),
    ],
)
def test_region_levels_and_parents(code, level, parents):
    assert rules.region_level(code) == level
    assert rules.allowed_parents(code) == parents


@pytest.mark.parametrize("code", ["420000", "420902", "429004", "110101", "820000"])
def test_region_code_pattern_accepts(code):
    assert rules.REGION_CODE.match(code)


@pytest.mark.parametrize("code", ["42090", "4209021", "020000", "920000", "42a902", ""])
def test_region_code_pattern_refuses(code):
    assert not rules.REGION_CODE.match(code)


# --- days ---------------------------------------------------------------------------------------


def test_calendar_days_between_dates():
    assert rules.calendar_days(date(2026, 3, 1), date(2026, 3, 21), SHANGHAI) == 20
    assert rules.calendar_days(date(2026, 2, 28), date(2026, 3, 1), SHANGHAI) == 1


def test_calendar_days_count_dates_not_hours():
    late = datetime(2026, 3, 1, 23, 59, tzinfo=SHANGHAI)
    early = datetime(2026, 3, 2, 0, 0, tzinfo=SHANGHAI)
    assert rules.calendar_days(late, early, SHANGHAI) == 1
    assert rules.calendar_days(datetime(2026, 3, 1, 0, 0, tzinfo=SHANGHAI), late, SHANGHAI) == 0


def test_calendar_days_use_the_site_time_zone():
    # 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai.
    utc_evening = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    assert rules.local_date(utc_evening, SHANGHAI) == date(2026, 3, 2)
    assert rules.calendar_days(date(2026, 3, 1), utc_evening, SHANGHAI) == 1
    assert rules.calendar_days(date(2026, 3, 1), utc_evening, ZoneInfo("UTC")) == 0
    # -05:00 evening of 1 March is already 2 March in Shanghai.
    new_york = datetime(2026, 3, 1, 20, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert rules.calendar_days(new_york, date(2026, 3, 2), SHANGHAI) == 0


def test_naive_datetimes_are_in_the_site_time_zone():
    naive = datetime(2026, 3, 1, 23, 30)
    assert rules.start_of(naive, SHANGHAI).tzinfo is SHANGHAI
    assert rules.local_date(naive, SHANGHAI) == date(2026, 3, 1)


def test_a_date_ends_at_the_next_midnight():
    assert rules.start_of(date(2026, 3, 1), SHANGHAI) == datetime(2026, 3, 1, tzinfo=SHANGHAI)
    assert rules.end_of(date(2026, 3, 1), SHANGHAI) == datetime(2026, 3, 2, tzinfo=SHANGHAI)
    moment = datetime(2026, 3, 1, 12, 0, tzinfo=SHANGHAI)
    assert rules.end_of(moment, SHANGHAI) == moment


def test_legal_periods_name_their_law():
    assert rules.OPEN_CONSTRUCTION_TENDER.minimum_days == 20
    assert "第二十四条" in rules.OPEN_CONSTRUCTION_TENDER.citation.zh
    assert rules.AMENDMENT_NOTICE.minimum_days == 15
    assert "第二十一条" in rules.AMENDMENT_NOTICE.citation.zh
    assert rules.CANDIDATES_PUBLICITY.minimum_days == 3
    assert "第五十四条" in rules.CANDIDATES_PUBLICITY.citation.zh


@pytest.mark.parametrize(("period", "zh", "en"), [
    (rules.OPEN_CONSTRUCTION_TENDER, "《中华人民共和国招标投标法》第二十四条",
     "Article 24 of the Tendering and Bidding Law of the PRC"),
    (rules.AMENDMENT_NOTICE, "《中华人民共和国招标投标法实施条例》第二十一条",
     "Article 21 of the Regulation on the Implementation of the Tendering and Bidding Law of the PRC"),
    (rules.CANDIDATES_PUBLICITY, "《中华人民共和国招标投标法实施条例》第五十四条",
     "Article 54 of the Regulation on the Implementation of the Tendering and Bidding Law of the PRC"),
])
def test_legal_periods_cite_their_article_in_each_language(period, zh, en):
    assert (period.citation.in_language("zh"), period.citation.in_language("en")) == (zh, en)
