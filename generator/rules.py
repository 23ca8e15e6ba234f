"""Pure rules of Chinese public administration: USCC, resident ID numbers, mobile numbers,
GB/T 2260 region codes and legal periods. No I/O, no models, no clock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# --- 统一社会信用代码 (GB 32100-2015) -------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first17: str) -> str:
    """The 18th character of a USCC whose first 17 characters are given."""
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why `code` is not a valid USCC, or None when it is."""
    if len(code) != 18:
        return f"a USCC has 18 characters, this one has {len(code)}"
    bad = sorted({ch for ch in code if ch not in USCC_ALPHABET})
    if bad:
        return (
            f"a USCC uses only digits and the capitals {USCC_ALPHABET[10:]} "
            f"(no I, O, S, V, Z, no lower case); found {' '.join(repr(c) for c in bad)}"
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return f"check character is wrong: the 18th character should be {expected!r}, not {code[17]!r}"
    return None


# --- personal data: 居民身份证号码 and mobile numbers -------------------------------------

_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"
_ID_CANDIDATE = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9+])(?:\+86[ -]?)?1[3-9][0-9]{9}(?![0-9])")


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
    text: str


def find_personal_data(text: str) -> list[PersonalData]:
    """Unmasked resident ID numbers (with a valid check digit) and mainland mobile numbers."""
    found = [
        PersonalData("resident-id", m.start(), m.group())
        for m in _ID_CANDIDATE.finditer(text)
        if is_resident_id(m.group())
    ]
    found += [PersonalData("mobile", m.start(), m.group()) for m in _MOBILE.finditer(text)]
    return sorted(found, key=lambda item: item.start)


def mask(personal: PersonalData) -> str:
    """How the value should be written instead: 4209**********123X, 138****1234."""
    if personal.kind == "resident-id":
        return personal.text[:4] + "*" * 10 + personal.text[14:]
    digits = personal.text[-11:]
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
    rule: str
    law: str
    minimum_days: int


OPEN_CONSTRUCTION_TENDER = LegalPeriod(
    "period-tender", "招标投标法 第二十四条", 20
)
AMENDMENT_NOTICE = LegalPeriod(
    "period-amendment", "招标投标法实施条例 第二十一条", 15
)
CANDIDATES_PUBLICITY = LegalPeriod(
    "period-candidates", "招标投标法实施条例 第五十四条", 3
)
