"""The notice types: one pydantic model per `type`, the single source of truth for both
validation and the published JSON Schema (titles and descriptions are the editors' help).

Shape and single-field rules live here. Rules that compare fields (dates in order, ranks,
sanction needs) or files (references, unique ids) live in `checks.py`, where each finding can
point at the exact value it is about.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeAlias, cast
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from . import rules
from .words import REMOTE_PROBLEMS, VALUE_PROBLEMS, Message, Series, shown

DEFAULT_TIMEZONE = "Asia/Shanghai"
# Notices are published in Chinese: pages of a site in any language mark their text so.
NOTICE_LANGUAGE = "zh"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,79}$")


def _fail(message: Message) -> PydanticCustomError:
    """The error a validator raises: it carries our `message` (read back by
    `dataset._friendly`, which puts the field's name before it), so no words live here. The
    template is pydantic's own `msg`, English, for a traceback or a debugger."""
    return PydanticCustomError("gongshi", "{message}", {"message": message})


def found_value(value: Any) -> Message:
    """What a message says the editor wrote: the value itself, or what kind of value it is."""
    if value is None:
        return VALUE_PROBLEMS.message("found_nothing")
    if isinstance(value, bool):
        return VALUE_PROBLEMS.message("found_bool", value="true" if value else "false")
    if isinstance(value, (int, Decimal, float)):
        return VALUE_PROBLEMS.message("found_number", value=shown(value))
    if isinstance(value, list):
        return VALUE_PROBLEMS.message("found_list")
    if isinstance(value, dict):
        return VALUE_PROBLEMS.message("found_mapping")
    return VALUE_PROBLEMS.message("found_text", value=shown(value))


def context_timezone(info: ValidationInfo) -> ZoneInfo:
    context = info.context or {}
    return context.get("tz") or ZoneInfo(DEFAULT_TIMEZONE)


# --- scalar types ---------------------------------------------------------------------------


def _source_text(value: Any) -> Any:
    """Numbers written without quotes become text as written (07122345678 keeps its 0)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)):
        return getattr(value, "source", str(value))
    return value


_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _no_control(value: str) -> str:
    """Control characters (from escapes such as "\\x00") are invisible and break XML feeds."""
    found = _CONTROL.search(value)
    if found:
        raise _fail(VALUE_PROBLEMS.message(
            "control_character", code_point=f"U+{ord(found.group()):04X}"))
    return value


def _plain_line(value: str) -> str:
    value = value.strip()
    if _LINE_BREAK.search(value):
        raise _fail(VALUE_PROBLEMS.message("one_line"))
    return _no_control(value)


def text_expected(value: Any) -> Message:
    """What to say when text was expected and `value`, something written but not text, was
    found: a number or true/false may be meant as text (quote it), a list or group not."""
    key = "text_not_structure" if isinstance(value, (list, dict)) else "text_not_scalar"
    return VALUE_PROBLEMS.message(key, found=found_value(value))


def _text_only(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    raise _fail(text_expected(value))


Text = Annotated[str, BeforeValidator(_text_only), AfterValidator(_plain_line), Field(min_length=1)]
Code = Annotated[
    str,
    BeforeValidator(_source_text),
    AfterValidator(_plain_line),
    Field(min_length=1, max_length=100),
    WithJsonSchema(  # unquoted digits are read as text, as written
        {"anyOf": [{"type": "string", "minLength": 1, "maxLength": 100}, {"type": "number"}]}
    ),
]


def _region_code(value: Any) -> Any:
    value = _source_text(value)
    if isinstance(value, str) and not rules.REGION_CODE.match(value):
        raise _fail(VALUE_PROBLEMS.message("region_code", found=found_value(value)))
    return value


RegionCode = Annotated[
    str,
    BeforeValidator(_region_code),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "pattern": r"^[1-8][0-9]{5}$"}, {"type": "integer"}]}
    ),
]


# The same buyers, agencies and companies recur across thousands of notices.
_uscc_problem = lru_cache(maxsize=8192)(rules.uscc_problem)


def _uscc(value: Any) -> Any:
    value = _source_text(value)
    if isinstance(value, str):
        problem = _uscc_problem(value.strip())
        if problem:
            raise _fail(uscc_message(problem, value.strip()))
        return value.strip()
    return value


def uscc_message(problem: rules.UsccProblem, code: str) -> Message:
    """What is wrong with a USCC; a failed check names no character to change."""
    written = shown(code)
    if problem.kind == "length":
        return VALUE_PROBLEMS.message("uscc_length", value=written, length=problem.length)
    if problem.kind == "characters":
        characters = [VALUE_PROBLEMS.message("code", code=shown(ch)) for ch in problem.characters]
        return VALUE_PROBLEMS.message("uscc_characters", value=written, characters=Series.of(characters))
    return VALUE_PROBLEMS.message("uscc_check", value=written)


Uscc = Annotated[
    str,
    BeforeValidator(_uscc),
    WithJsonSchema(
        {"anyOf": [
            {"type": "string", "pattern": r"^[0-9A-HJ-NPQRTUWXY]{18}$"}, {"type": "integer"},
        ]}
    ),
]


MONEY_DIGITS = 15  # below 10^15 元; also keeps Decimal arithmetic exact


def _money(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise _fail(VALUE_PROBLEMS.message("money", found=found_value(value)))
    amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not amount.is_finite():
        raise _fail(VALUE_PROBLEMS.message("money_not_finite"))
    if amount < 0:
        raise _fail(VALUE_PROBLEMS.message("money_negative"))
    if amount.adjusted() >= MONEY_DIGITS:
        raise _fail(VALUE_PROBLEMS.message("money_too_large", digits=MONEY_DIGITS))
    exponent = cast(int, amount.as_tuple().exponent)  # a letter only for NaN and infinities, refused above
    if exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise _fail(VALUE_PROBLEMS.message("money_decimals"))
    return amount.quantize(Decimal("0.01")) if exponent < 0 else Decimal(int(amount))


Money = Annotated[
    Decimal,
    BeforeValidator(_money),
    WithJsonSchema({"type": "number", "minimum": 0}),
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_DATE_SCHEMA = {"type": "string", "pattern": _DATE.pattern, "format": "date"}
_DATETIME_SCHEMA = {"type": "string", "pattern": _DATETIME.pattern}


YEARS = range(1900, 3000)  # keeps every date sum and time-zone shift inside datetime's range


def _in_year_range(moment: date) -> date:
    if moment.year not in YEARS:
        raise _fail(VALUE_PROBLEMS.message(
            "year_range", year=moment.year, first=YEARS.start, last=YEARS.stop - 1))
    return moment


def _as_text(value: Any, expected: str) -> str:
    """A date's text; anything but text fails with the message `expected` (date, datetime…)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if not isinstance(value, str):
        raise _fail(VALUE_PROBLEMS.message(expected, found=found_value(value)))
    return value.strip()


def _parse_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = _as_text(value, "date")
    if not _DATE.match(text):
        raise _fail(VALUE_PROBLEMS.message("date", found=found_value(text)))
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise _fail(VALUE_PROBLEMS.message("date_unreal", value=shown(text))) from None
    return _in_year_range(day)


def _parse_datetime(value: Any, info: ValidationInfo) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        text = _as_text(value, "datetime")
        if _DATE.match(text):
            raise _fail(VALUE_PROBLEMS.message("datetime_needs_time", date=text))
        if not _DATETIME.match(text):
            raise _fail(VALUE_PROBLEMS.message("datetime", found=found_value(text)))
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise _fail(VALUE_PROBLEMS.message("datetime_unreal", value=shown(text))) from None
    _in_year_range(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=context_timezone(info))


def _parse_date_or_datetime(value: Any, info: ValidationInfo) -> date | datetime:
    text = _as_text(value, "date_or_datetime") if not isinstance(value, (date, datetime)) else None
    if text is not None and _DATE.match(text):
        return _parse_date(text)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if text is not None and not _DATETIME.match(text):
        raise _fail(VALUE_PROBLEMS.message("date_or_datetime", found=found_value(text)))
    return _parse_datetime(value, info)


DateValue = Annotated[date, BeforeValidator(_parse_date), WithJsonSchema(_DATE_SCHEMA)]
DateTimeValue = Annotated[
    datetime, BeforeValidator(_parse_datetime), WithJsonSchema(_DATETIME_SCHEMA)
]
Moment: TypeAlias = date | datetime
DateOrDateTime = Annotated[
    Moment,
    BeforeValidator(_parse_date_or_datetime),
    WithJsonSchema({"anyOf": [_DATE_SCHEMA, _DATETIME_SCHEMA]}),
]


def _notice_id(value: Any) -> Any:
    value = _source_text(value)
    if isinstance(value, str) and not ID_PATTERN.match(value):
        raise _fail(VALUE_PROBLEMS.message("notice_id", found=found_value(value)))
    return value


NoticeId = Annotated[
    str,
    BeforeValidator(_notice_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN.pattern}),
]


def _https_url(value: str) -> str:
    value = _no_control(value.strip())
    if not re.match(r"^https://[^\s/?#]+\.[^\s/?#]+[^\s]*$", value):
        raise _fail(VALUE_PROBLEMS.message("https_url", found=found_value(value)))
    return value


SHA256_PATTERN = re.compile(r"^[0-9a-fA-F]{64}$")


def _sha256(value: str) -> str:
    """64 hex digits, kept in lower case: PowerShell's Get-FileHash prints upper case."""
    value = value.strip()
    if not SHA256_PATTERN.match(value):
        raise _fail(REMOTE_PROBLEMS.message("sha256_format", found=found_value(value)))
    return value.lower()


def _relative_file(value: str) -> str:
    value = _no_control(value.strip()).replace("\\", "/")
    parts = value.split("/")
    if value.startswith("/") or re.match(r"^[A-Za-z]:", value):
        raise _fail(VALUE_PROBLEMS.message("file_absolute", found=found_value(value)))
    if ".." in parts or "" in parts or "." in parts:
        raise _fail(VALUE_PROBLEMS.message("file_dots", found=found_value(value)))
    return value


# --- vocabularies ---------------------------------------------------------------------------

NoticeType = Literal["tender", "amendment", "candidates", "award", "termination", "penalty"]
Category = Literal[
    "construction", "procurement", "land", "mining", "property", "medical", "franchise", "other"
]
Method = Literal[
    "open", "invited", "competitive-negotiation", "competitive-consultation", "inquiry",
    "single-source", "auction", "listing", "other",
]
SubjectKind = Literal["company", "agency", "buyer", "expert", "person"]
SanctionKind = Literal[
    "warning", "fine", "confiscation", "suspension", "debarment", "expert-removal", "credit",
    "other",
]

FAMILY_OF_TYPE: dict[str, str] = {
    "tender": "tenders",
    "amendment": "tenders",
    "candidates": "results",
    "award": "results",
    "termination": "results",
    "penalty": "penalties",
}


# --- list limits ----------------------------------------------------------------------------
# Far beyond any real notice, low enough that a hostile file cannot make a page, a feed entry
# or a validation run of unbounded size (content/guide/editor.md lists them).

MAX_ATTACHMENTS = 100
MAX_CANDIDATES = 100  # a 公示 names the first few; a pre-qualification list can be long
MAX_WINNERS = 200  # framework agreements and 入围 results name many suppliers
MAX_SANCTIONS = 20


# --- structures -----------------------------------------------------------------------------


PLACEHOLDER = "<请填写"  # how `gongshi new` marks what an editor still has to write
_PLACEHOLDER_TEXT = re.compile(r"<请填写[^>\n]*>?")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_placeholder(cls, value: Any) -> Any:
        """A value still holding a `gongshi new` placeholder is never valid, whatever its type."""
        if isinstance(value, str) and PLACEHOLDER in value:
            found = _PLACEHOLDER_TEXT.search(value)
            placeholder = found.group() if found else PLACEHOLDER
            raise _fail(VALUE_PROBLEMS.message("placeholder", placeholder=shown(placeholder)))
        return value


class Party(Strict):
    name: Text
    uscc: Uscc | None = None


class Project(Strict):
    code: Code
    name: Text


class Contact(Strict):
    name: Text | None = None
    phone: Code | None = None
    email: Text | None = None


class Attachment(Strict):
    title: Text
    file: Annotated[str, BeforeValidator(_text_only), AfterValidator(_relative_file)] | None = None
    url: Annotated[str, BeforeValidator(_text_only), AfterValidator(_https_url)] | None = None
    # A file kept outside git, as its publisher declares it (both or neither: checks.py).
    size: Annotated[int, Field(ge=1, strict=True)] | None = None  # bytes
    sha256: Annotated[str, BeforeValidator(_text_only), AfterValidator(_sha256)] | None = None

    @property
    def declared(self) -> bool:
        """A remote file whose size and digest are declared: shown like a local file."""
        return self.url is not None and self.size is not None and self.sha256 is not None


class Withdrawal(Strict):
    date: DateValue
    reason: Text


class Opening(Strict):
    time: DateTimeValue
    place: Text | None = None


class Changes(Strict):
    deadline: DateTimeValue | None = None
    opening: Opening | None = None


class Candidate(Strict):
    rank: Annotated[int, Field(ge=1, strict=True)]
    name: Text
    uscc: Uscc | None = None
    amount: Money | None = None


class Winner(Strict):
    name: Text
    uscc: Uscc | None = None
    amount: Money | None = None


class Subject(Strict):
    name: Text
    kind: SubjectKind
    uscc: Uscc | None = None


class Sanction(Strict):
    kind: SanctionKind
    amount: Money | None = None
    until: DateValue | None = None


# --- notices ----------------------------------------------------------------------------------


class NoticeBase(Strict):
    title: Annotated[Text, Field(min_length=5, max_length=200)]
    region: RegionCode
    published: DateOrDateTime
    publisher: Text
    body: Annotated[str, BeforeValidator(_text_only), AfterValidator(_no_control)] | None = None
    attachments: list[Attachment] | None = Field(None, max_length=MAX_ATTACHMENTS)
    contact: Contact | None = None
    withdrawn: Withdrawal | None = None

    @property
    def family(self) -> str:
        return FAMILY_OF_TYPE[self.type]  # type: ignore[attr-defined]


class ProjectNotice(NoticeBase):
    category: Category
    project: Project


class Tender(ProjectNotice):
    """招标/采购/出让公告"""

    type: Literal["tender"]
    method: Method
    buyer: Party
    agency: Party | None = None
    budget: Money | None = None
    deadline: DateTimeValue
    opening: Opening | None = None
    qualification: Text | None = None


class Amendment(ProjectNotice):
    """变更/澄清公告"""

    type: Literal["amendment"]
    amends: NoticeId
    changes: Changes | None = None


class Candidates(ProjectNotice):
    """中标候选人公示"""

    type: Literal["candidates"]
    candidates: list[Candidate] = Field(min_length=1, max_length=MAX_CANDIDATES)
    publicity_end: DateOrDateTime


class Award(ProjectNotice):
    """中标/成交结果公告"""

    type: Literal["award"]
    winners: list[Winner] = Field(min_length=1, max_length=MAX_WINNERS)
    award_date: DateValue | None = None


class Termination(ProjectNotice):
    """终止/流标公告"""

    type: Literal["termination"]
    reason: Text


class Penalty(NoticeBase):
    """处罚/不良行为公告"""

    type: Literal["penalty"]
    category: Category | None = None
    project: Project | None = None
    subject: Subject
    decision_no: Code
    decided: DateValue
    authority: Text
    violation: Text
    basis: Text
    sanctions: list[Sanction] = Field(min_length=1, max_length=MAX_SANCTIONS)
    publicity_end: DateOrDateTime


Notice: TypeAlias = Tender | Amendment | Candidates | Award | Termination | Penalty

MODEL_OF_TYPE: dict[str, type[NoticeBase]] = {
    "tender": Tender,
    "amendment": Amendment,
    "candidates": Candidates,
    "award": Award,
    "termination": Termination,
    "penalty": Penalty,
}
NOTICE_TYPES: tuple[str, ...] = tuple(MODEL_OF_TYPE)


class Region(Strict):
    @staticmethod
    def _reviewer(value: str) -> str:
        """One entry of `reviewers`: a GitHub user or team, as CODEOWNERS names it."""
        from .codeowners import reviewer_problem  # the owners CODEOWNERS accepts are its business

        problem = reviewer_problem(value)
        if problem is not None:
            raise PydanticCustomError("gongshi", "{message}", {"message": problem})
        return value

    code: RegionCode
    name: Text
    parent: RegionCode | None = None
    reviewers: list[Annotated[Text, AfterValidator(_reviewer)]] | None = Field(None, min_length=1)


RegionList = TypeAdapter(list[Region])
