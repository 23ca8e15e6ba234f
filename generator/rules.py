"""Pure rules of Chinese public administration: USCC, resident ID numbers, mobile numbers,
GB/T 2260 region codes and legal periods. No I/O, no models, no clock."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from .errors import Rule
from .words import RULE_PROBLEMS, Word

# --- 统一社会信用代码 (GB 32100-2015) -------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first17: str) -> str:
    """The 18th character of a USCC whose first 17 characters are given."""
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


@dataclass(frozen=True)
class UsccProblem:
    """Why a code is not a valid USCC: its `length` (not 18), `characters` it cannot hold, or
    its check character (`kind` says which). It never carries what the check character should
    be: a failed check means a character was mistyped or the code is the wrong one, and the
    code must be copied again from its source, not mended at its last character (issue #14)."""

    kind: Literal["length", "characters", "check"]
    length: int
    characters: tuple[str, ...] = ()


def uscc_problem(code: str) -> UsccProblem | None:
    """Why `code` is not a valid USCC, or None when it is."""
    if len(code) != 18:
        return UsccProblem("length", len(code))
    bad = tuple(sorted({ch for ch in code if ch not in USCC_ALPHABET}))
    if bad:
        return UsccProblem("characters", len(code), bad)
    if code[17] != uscc_check_character(code[:17]):
        return UsccProblem("check", len(code))
    return None


# --- personal data: 居民身份证号码 and mobile numbers -------------------------------------
#
# A number is found however it is spelled, as a reader of the page would read it: HTML
# character references (&#49;) are decoded, full-width and other Unicode digits (１３８) are
# read as digits, and what the page does not show between two digits (HTML tags and comments,
# zero-width characters, Markdown emphasis such as 138**0013**8000) is dropped. Then a number
# is found written in one run (the contract's rule: not part of a longer run of digits), or in
# groups with spaces, hyphens, dashes or dots between them (138-0013-8000, 138 0013 8000,
# 420902 19900101 123X). Grouped, it must not continue into more digits across a hyphen, dash
# or dot, and an ID number's birth date must be a real date: dates, amounts and project codes
# written in groups are not taken for one.

_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"
# Between groups of digits: spaces, line breaks, dots, hyphens, dashes and minus signs.
_JOINERS = ".-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SEPARATORS = " \t\n\r" + _JOINERS
_SEP = f"(?:[{re.escape(_SEPARATORS)}]{{1,3}})?"
_ID_CANDIDATE = re.compile(rf"(?<![0-9])[1-9](?:{_SEP}[0-9]){{16}}{_SEP}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(
    rf"(?<![0-9])(?P<prefix>\+86{_SEP})?1[3-9][0-9]{_SEP}[0-9]{{4}}{_SEP}[0-9]{{4}}(?![0-9])"
)
_NOT_DIGIT = re.compile(r"[^0-9Xx]")
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # any Unicode decimal digit but 0-9
_HIDDEN_BETWEEN_DIGITS = re.compile(
    r"(?<=[0-9])(?:<!--.*?-->|<[^<>]*>|[*_`~\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff])+(?=[0-9Xx])",
    re.DOTALL,
)
_NEEDS_READING = re.compile(r"[^\x00-\x7f]|&|<|[*_`~]")


def resident_id_check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check digit of an 18-digit resident ID number."""
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_resident_id(candidate: str) -> bool:
    return (
        len(candidate) == 18
        and candidate[:17].isdigit()
        and resident_id_check_digit(candidate[:17]) == candidate[17].upper()
    )


@dataclass(frozen=True)
class PersonalData:
    kind: str  # "resident-id" or "mobile"
    start: int
    text: str  # as read: digits and separators (ASCII), any +86 prefix included


def as_read(text: str) -> str:
    """The text as a reader sees its digits (see above): character references decoded, every
    digit 0-9, nothing hidden between two digits."""
    if not _NEEDS_READING.search(text):
        return text
    text = unicodedata.normalize("NFKC", html.unescape(text))
    text = _OTHER_DIGIT.sub(lambda found: str(unicodedata.digit(found.group())), text)
    return _HIDDEN_BETWEEN_DIGITS.sub("", text)


def find_personal_data(text: str) -> list[PersonalData]:
    """Unmasked resident ID numbers (with a valid check digit) and mainland mobile numbers,
    however they are spelled."""
    read = as_read(text)
    found = [PersonalData("resident-id", m.start(), m.group())
             for m in _accepted(_ID_CANDIDATE, read, _is_unmasked_id)]
    found += [PersonalData("mobile", m.start(), m.group())
              for m in _accepted(_MOBILE, read, _is_unmasked_mobile)]
    return sorted(found, key=lambda item: item.start)


def _accepted(
    pattern: re.Pattern[str], text: str, accept: Callable[[str, re.Match[str]], bool]
) -> Iterator[re.Match[str]]:
    """Matches that `accept` keeps; after a refused one the search goes on from its second
    character, so a refused grouping never hides a number that starts inside it."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        if accept(text, match):
            yield match
            position = match.end()
        else:
            position = match.start() + 1


def _is_unmasked_id(text: str, match: re.Match[str]) -> bool:
    digits = _NOT_DIGIT.sub("", match.group())
    if not is_resident_id(digits):
        return False
    if digits == match.group():  # one run: the contract's rule
        return True
    return _stands_alone(text, match.start(), match.end()) and _real_birth_date(digits[6:14])


def _is_unmasked_mobile(text: str, match: re.Match[str]) -> bool:
    prefix = match.group("prefix") or ""
    number = match.group()[len(prefix):]
    if number.isdigit():  # one run: the contract's rule ('+' before it: a foreign number)
        return bool(prefix) or text[match.start() - 1:match.start()] != "+"
    return _stands_alone(text, match.start(), match.end())


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A grouped number is not the middle of a longer one: no digit joined to it by a hyphen,
    dash or dot (ZB-2026-138-0013-8000), and no '+' right before it (a foreign number).
    Spaces part numbers: 0712-2856123 138 0013 8000 is two."""
    before = text[max(0, start - 4):start]
    after = text[end:end + 4]
    joined_before = before.rstrip(_JOINERS)
    joined_after = after.lstrip(_JOINERS)
    return not (
        before.endswith("+")
        or (joined_before != before and joined_before[-1:].isdigit())
        or (joined_after != after and joined_after[:1].isdigit())
    )


def _real_birth_date(digits: str) -> bool:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def mask(personal: PersonalData) -> str:
    """How the value should be written instead: 4209**********123X, 138****1234."""
    digits = _NOT_DIGIT.sub("", personal.text)
    if personal.kind == "resident-id":
        return digits[:4] + "*" * 10 + digits[14:]
    digits = digits[-11:]
    return digits[:3] + "****" + digits[7:]


# --- GB/T 2260 region codes ---------------------------------------------------------------

REGION_CODE = re.compile(r"^[1-8][0-9]{5}$")


def region_level(code: str) -> str:
    """'province' (PP0000), 'city' (PPCC00) or 'county' (anything else)."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def allowed_parents(code: str) -> tuple[str, ...]:
    """Codes that GB/T 2260 allows as the parent of `code` (empty for a province)."""
    level = region_level(code)
    province = code[:2] + "0000"
    if level == "province":
        return ()
    if level == "city":
        return (province,)
    if code[2:4] == "90":  # 省直辖县级行政单位, e.g. 429004 仙桃市
        return (province,)
    return (code[:4] + "00",)


# --- days and legal periods -------------------------------------------------------------------

DateOrTime = date | datetime


def start_of(value: DateOrTime, tz: ZoneInfo) -> datetime:
    """The instant a date or datetime begins: a date means 00:00 of that day in `tz`."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return datetime.combine(value, time.min, tzinfo=tz)


def end_of(value: DateOrTime, tz: ZoneInfo) -> datetime:
    """The instant a period ends: a date means the end of that day (next day 00:00, exclusive)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return datetime.combine(value + timedelta(days=1), time.min, tzinfo=tz)


def local_date(value: DateOrTime, tz: ZoneInfo) -> date:
    if isinstance(value, datetime):
        return start_of(value, tz).astimezone(tz).date()
    return value


def calendar_days(first: DateOrTime, last: DateOrTime, tz: ZoneInfo) -> int:
    """Days between the calendar dates of two moments in the site time zone."""
    return (local_date(last, tz) - local_date(first, tz)).days


@dataclass(frozen=True)
class LegalPeriod:
    """A minimum number of calendar days the law sets. `citation` is the article as messages
    cite it (《中华人民共和国招标投标法》第二十四条 / Article 24 of the Tendering and Bidding Law of
    the PRC), in problems and in the notes `gongshi new` writes."""

    rule: Rule
    minimum_days: int
    citation: Word


OPEN_CONSTRUCTION_TENDER = LegalPeriod(
    Rule.PERIOD_TENDER, 20, RULE_PROBLEMS["law_tender_period"]
)
AMENDMENT_NOTICE = LegalPeriod(
    Rule.PERIOD_AMENDMENT, 15, RULE_PROBLEMS["law_amendment_period"]
)
CANDIDATES_PUBLICITY = LegalPeriod(
    Rule.PERIOD_CANDIDATES, 3, RULE_PROBLEMS["law_candidates_period"]
)


# --- the submission period's legal minimum, by category and method ------------------------------
#
# One table, read by the validator's `period-tender` warning (checks.py) and by the
# `short-period` red flag (flags.py): category → method → the fewest calendar days from a
# tender's publication to its deadline. A site sets its own in mkdocs.yml
# (`extra.gongshi.legal_minimum_days`, config.py); a pair the table does not name is checked
# by neither.

TenderMinimums = Mapping[str, Mapping[str, int]]

TENDER_MINIMUM_DAYS: dict[str, dict[str, int]] = {
    # 《招标投标法》第二十四条 (what the validator checked before the table: open tenders only;
    # a site may add `invited: 20`, which the article covers too)
    "construction": {"open": 20},
    # 《政府采购法》第三十五条: goods and services bought by open tender
    "procurement": {"open": 20},
}

# The law each category's minimum comes from; a category a site adds cites its own table.
_TENDER_LAWS = {"construction": "law_tender_period", "procurement": "law_procurement_period"}


def tender_period(minimums: TenderMinimums, category: str, method: str) -> LegalPeriod | None:
    """The legal minimum of a tender's submission period for its category and method, with
    the law it comes from; None where the table sets none."""
    days = minimums.get(category, {}).get(method)
    if days is None:
        return None
    citation = RULE_PROBLEMS[_TENDER_LAWS.get(category, "law_configured_period")]
    return LegalPeriod(Rule.PERIOD_TENDER, days, citation)
