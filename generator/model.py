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
from .words import VALUE_PROBLEMS, Message, Series

DEFAULT_TIMEZONE = "Asia/Shanghai"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,79}$")


def _fail(message: Message) -> PydanticCustomError:
    """The error a validator raises: it carries our `message` (read back by
    `dataset._friendly`, which puts the field's name before it), so no words live here. The
    template is pydantic's own `msg`, English, for a traceback or a debugger."""
    return PydanticCustomError("gongshi", "{message}", {"message": message})


SHOWN_CHARACTERS = 60
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown_value(value: Any) -> str:
    """A value of the editor's as a message quotes it: as written (a number keeps its source
    text), invisible characters spelled out ([U+0007]), cut at 60 characters with "…"."""
    text = str(getattr(value, "source", value))
    text = _UNSEEN.sub(lambda found: f"[U+{ord(found.group()):04X}]", text)
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


def found_value(value: Any) -> Message:
    """What a message says the editor wrote: the value itself, or what kind of value it is."""
    if value is None:
        return VALUE_PROBLEMS.message("found_nothing")
    if isinstance(value, bool):
        return VALUE_PROBLEMS.message("found_bool", value="true" if value else "false")
    if isinstance(value, (int, Decimal, float)):
        return VALUE_PROBLEMS.message("found_number", value=shown_value(value))
    if isinstance(value, list):
        return VALUE_PROBLEMS.message("found_list")
    if isinstance(value, dict):
        return VALUE_PROBLEMS.message("found_mapping")
    return VALUE_PROBLEMS.message("found_text", value=shown_value(value))


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
    shown = shown_value(code)
    if problem.kind == "length":
        return VALUE_PROBLEMS.message("uscc_length", value=shown, length=problem.length)
    if problem.kind == "characters":
        characters = [VALUE_PROBLEMS.message("code", code=shown_value(ch)) for ch in problem.characters]
        return VALUE_PROBLEMS.message("uscc_characters", value=shown, characters=Series.of(characters))
    return VALUE_PROBLEMS.message("uscc_check", value=shown)


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
        raise _fail(VALUE_PROBLEMS.message("date_unreal", value=shown_value(text))) from None
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
            raise _fail(VALUE_PROBLEMS.message("datetime_unreal", value=shown_value(text))) from None
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

CATEGORY_HELP = (
    "construction 工程建设, procurement 政府采购, land 土地使用权, mining 矿业权, "
    "property 国有产权, medical 医疗器械和耗材采购, franchise 特许经营权, other 其他"
)
METHOD_HELP = (
    "open 公开招标, invited 邀请招标, competitive-negotiation 竞争性谈判, "
    "competitive-consultation 竞争性磋商, inquiry 询价, single-source 单一来源, "
    "auction 拍卖, listing 挂牌, other 其他"
)

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
            shown = found.group() if found else PLACEHOLDER
            raise _fail(VALUE_PROBLEMS.message("placeholder", placeholder=shown_value(shown)))
        return value


class Party(Strict):
    name: Text = Field(title="名称", description="单位全称")
    uscc: Uscc | None = Field(
        None, title="统一社会信用代码", description="18 位统一社会信用代码，校验位会被检查"
    )


class Project(Strict):
    code: Code = Field(
        title="项目编号",
        description="同一项目的所有公告使用同一编号，例如 XG-GC-2025-031",
    )
    name: Text = Field(title="项目名称")


class Contact(Strict):
    name: Text | None = Field(None, title="联系人")
    phone: Code | None = Field(None, title="联系电话", description="办公电话，例如 0712-2856123")
    email: Text | None = Field(None, title="电子邮箱")


class Attachment(Strict):
    title: Text = Field(title="附件名称")
    file: Annotated[str, BeforeValidator(_text_only), AfterValidator(_relative_file)] | None = Field(
        None, title="文件", description="data/files/ 下的相对路径，例如 2025/XG-GC-2025-031/招标文件.pdf"
    )
    url: Annotated[str, BeforeValidator(_text_only), AfterValidator(_https_url)] | None = Field(
        None, title="链接", description="以 https:// 开头的外部链接（与 file 二选一）"
    )


class Withdrawal(Strict):
    date: DateValue = Field(title="撤销日期")
    reason: Text = Field(title="撤销原因")


class Opening(Strict):
    time: DateTimeValue = Field(title="开标时间", description="YYYY-MM-DD HH:MM，不早于投标截止时间")
    place: Text | None = Field(None, title="开标地点")


class Changes(Strict):
    deadline: DateTimeValue | None = Field(None, title="新的投标截止时间")
    opening: Opening | None = Field(None, title="新的开标安排")


class Candidate(Strict):
    rank: Annotated[int, Field(ge=1, strict=True)] = Field(title="排名", description="1, 2, 3…")
    name: Text = Field(title="候选人名称")
    uscc: Uscc | None = Field(None, title="统一社会信用代码", description="自然人竞买时可省略")
    amount: Money | None = Field(None, title="投标报价（元）")


class Winner(Strict):
    name: Text = Field(title="中标/成交人名称")
    uscc: Uscc | None = Field(None, title="统一社会信用代码", description="自然人竞得时可省略")
    amount: Money | None = Field(None, title="中标/成交金额（元）")


class Subject(Strict):
    name: Text = Field(title="处罚对象名称", description="自然人应脱敏，例如 王某某")
    kind: SubjectKind = Field(
        title="对象类别",
        description="company 企业, agency 代理机构, buyer 招标人/采购人, expert 评标专家, person 自然人",
    )
    uscc: Uscc | None = Field(
        None, title="统一社会信用代码", description="企业、代理机构、招标人必填；专家和自然人不得填写"
    )


class Sanction(Strict):
    kind: SanctionKind = Field(
        title="处罚种类",
        description=(
            "warning 警告, fine 罚款 (需 amount), confiscation 没收违法所得, "
            "suspension 暂停投标资格 (需 until), debarment 禁止参加 (需 until), "
            "expert-removal 取消评标专家资格, credit 信用扣分/不良行为记录, other 其他"
        ),
    )
    amount: Money | None = Field(None, title="金额（元）")
    until: DateValue | None = Field(None, title="期限至")


# --- notices ----------------------------------------------------------------------------------


class NoticeBase(Strict):
    title: Annotated[Text, Field(min_length=5, max_length=200)] = Field(
        title="公告标题", description="5–200 个字符，纯文本"
    )
    region: RegionCode = Field(title="发布地区", description="data/regions.yaml 中的 6 位行政区划代码")
    published: DateOrDateTime = Field(
        title="发布时间", description="YYYY-MM-DD 或 YYYY-MM-DD HH:MM；晚于构建时间的公告暂不公开"
    )
    publisher: Text = Field(title="发布单位", description="例如 孝感市公共资源交易中心")
    body: Annotated[str, BeforeValidator(_text_only), AfterValidator(_no_control)] | None = Field(
        None, title="正文", description="Markdown 格式的正文；HTML 与脚本会被清除"
    )
    attachments: list[Attachment] | None = Field(
        None, max_length=MAX_ATTACHMENTS, title="附件", description=f"最多 {MAX_ATTACHMENTS} 项"
    )
    contact: Contact | None = Field(None, title="联系方式")
    withdrawn: Withdrawal | None = Field(None, title="撤销", description="撤销后公告仍然公开，并显示“已撤销”")

    @property
    def family(self) -> str:
        return FAMILY_OF_TYPE[self.type]  # type: ignore[attr-defined]


class ProjectNotice(NoticeBase):
    category: Category = Field(title="交易类别", description=CATEGORY_HELP)
    project: Project = Field(title="项目")


class Tender(ProjectNotice):
    """招标/采购/出让公告"""

    type: Literal["tender"] = Field(title="公告类型")
    method: Method = Field(title="交易方式", description=METHOD_HELP)
    buyer: Party = Field(title="招标人/采购人/出让人")
    agency: Party | None = Field(None, title="代理机构")
    budget: Money | None = Field(None, title="预算/起始价（元）")
    deadline: DateTimeValue = Field(title="投标/报名截止时间", description="必须晚于发布时间")
    opening: Opening | None = Field(None, title="开标")
    qualification: Text | None = Field(None, title="资格要求")


class Amendment(ProjectNotice):
    """变更/澄清公告"""

    type: Literal["amendment"] = Field(title="公告类型")
    amends: NoticeId = Field(title="被变更的招标公告编号", description="同一项目的招标公告文件名（不含 .yaml）")
    changes: Changes | None = Field(None, title="变更内容", description="新的截止时间和/或开标安排")


class Candidates(ProjectNotice):
    """中标候选人公示"""

    type: Literal["candidates"] = Field(title="公告类型")
    candidates: list[Candidate] = Field(
        min_length=1, max_length=MAX_CANDIDATES, title="中标候选人", description=f"1–{MAX_CANDIDATES} 名"
    )
    publicity_end: DateOrDateTime = Field(title="公示截止", description="日期表示当天结束")


class Award(ProjectNotice):
    """中标/成交结果公告"""

    type: Literal["award"] = Field(title="公告类型")
    winners: list[Winner] = Field(
        min_length=1, max_length=MAX_WINNERS, title="中标/成交人", description=f"1–{MAX_WINNERS} 名"
    )
    award_date: DateValue | None = Field(None, title="中标/成交日期")


class Termination(ProjectNotice):
    """终止/流标公告"""

    type: Literal["termination"] = Field(title="公告类型")
    reason: Text = Field(title="终止原因", description="流标、废标或终止，以及原因")


class Penalty(NoticeBase):
    """处罚/不良行为公告"""

    type: Literal["penalty"] = Field(title="公告类型")
    category: Category | None = Field(None, title="交易类别", description=CATEGORY_HELP)
    project: Project | None = Field(None, title="项目")
    subject: Subject = Field(title="处罚对象")
    decision_no: Code = Field(title="处罚决定书文号")
    decided: DateValue = Field(title="处罚决定日期")
    authority: Text = Field(title="处罚机关")
    violation: Text = Field(title="违法事实")
    basis: Text = Field(title="处罚依据")
    sanctions: list[Sanction] = Field(
        min_length=1, max_length=MAX_SANCTIONS, title="处罚措施", description=f"1–{MAX_SANCTIONS} 项"
    )
    publicity_end: DateOrDateTime = Field(
        title="公示截止", description="公开的最后一天；过后不再公开"
    )


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

    code: RegionCode = Field(title="行政区划代码")
    name: Text = Field(title="名称")
    parent: RegionCode | None = Field(None, title="上级代码")
    reviewers: list[Annotated[Text, AfterValidator(_reviewer)]] | None = Field(
        None, min_length=1, title="审核人",
        description="审核本地区公告的 GitHub 用户 \"@用户名\" 或团队 \"@组织名/团队名\"；"
                    "gongshi codeowners 据此写出 CODEOWNERS",
    )


RegionList = TypeAdapter(list[Region])
