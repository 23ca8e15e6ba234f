"""Messages about one value (the editor guide's group 字段与取值) beyond the malformed files of
tests/test_malformed.py: every kind of pydantic error is said in our words, the kinds no YAML
file can make are worded as the guide shows, a failed USCC check never names a character to
change, and values and list positions are shown as editors read them."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from message_language import chinese_text, english_words
from pydantic import ValidationError
from pydantic_core.core_schema import ErrorType
from test_editor_messages import guide_sections

from generator import rules
from generator.dataset import _CODED, _worded
from generator.errors import Problem
from generator.load import Position, YamlDecimal
from generator.model import MODEL_OF_TYPE, Candidates, Party, Tender
from generator.words import VOCABULARIES, FieldName, shown

WHERE = Position(11, 3)


def worded(kind: str, loc: tuple[Any, ...], value: Any, model: Any, ctx: dict[str, Any] | None = None
           ) -> Problem:
    error = {"type": kind, "loc": loc, "input": value, "msg": "Input should be what pydantic says"}
    if ctx is not None:
        error["ctx"] = ctx
    return _worded(error, "data/notices/a.yaml", WHERE, model)


def assert_in_our_words(problem: Problem) -> None:
    zh, en = problem.text("zh"), problem.text("en")
    for text in (zh, en):
        assert "Input should" not in text and "pydantic" not in text, text
    assert not english_words(zh), (english_words(zh), zh)
    assert not chinese_text(en), (chinese_text(en), en)


# --- pydantic's words never reach the editor ------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(get_args(ErrorType)))
@pytest.mark.parametrize("value", ["x", None, True, YamlDecimal("1.5"), [1], {"a": 1}], ids=repr)
def test_every_kind_of_pydantic_error_is_said_in_our_words(kind: str, value: Any) -> None:
    """Kinds we word one by one and any other (a pydantic upgrade may add some): each names the
    field and says what it expects, in one language each way."""
    places = [(("method",), Tender), (("candidates", 0, "rank"), Candidates)]
    if kind not in ("missing", "extra_forbidden"):  # these always name a field
        places.append(((), None))
    for loc, model in places:
        problem = worded(kind, loc, value, model, ctx={})
        assert_in_our_words(problem)
        if loc:
            assert f"`{FieldName.at(loc).path}`" in problem.text("zh")


def test_an_error_of_ours_without_its_message_is_still_worded() -> None:
    assert_in_our_words(worded("gongshi", ("title",), "x", Tender, ctx={"reason": "no message"}))


# --- kinds no YAML file can make --------------------------------------------------------------------

UNREACHABLE = [
    ("value-int-parsing", "int_parsing", ("candidates", 0, "rank"), "一", Candidates),
    ("value-int-from-float", "int_from_float", ("candidates", 0, "rank"), 1.5, Candidates),
    ("value-dict-type", "dict_type", ("project",), "XN-GC-2026-001", Tender),
    ("value-model-attributes-type", "model_attributes_type", ("project",), "XN-GC-2026-001", Tender),
]


@pytest.mark.parametrize(("rule", "kind", "loc", "value", "model"), UNREACHABLE, ids=lambda x: str(x))
def test_kinds_no_yaml_file_makes_are_worded_as_the_guide_shows(rule, kind, loc, value, model) -> None:
    problem = worded(kind, loc, value, model)
    assert str(problem.rule) == rule
    assert_in_our_words(problem)
    assert f"提示示例：{problem.text('zh')}\n" in guide_sections()[rule]


# --- identifiers: a failed check names no character -------------------------------------------------

SPEC_USCC = "91350100M000100Y43"


def uscc_messages(code: str) -> tuple[str, str]:
    with pytest.raises(ValidationError) as raised:
        Party.model_validate({"name": "某公司", "uscc": code})
    (error,) = raised.value.errors(include_url=False)
    problem = _worded(error, "a.yaml", WHERE, Tender)
    return problem.text("zh").replace(code, "<code>"), problem.text("en").replace(code, "<code>")


def test_a_failed_uscc_check_says_where_to_check_and_names_no_character() -> None:
    """Whatever the wrong check character, the message is the same: it cannot hint at the
    character that would pass (changing it makes a code that belongs to no one)."""
    wrong = [SPEC_USCC[:17] + ch for ch in rules.USCC_ALPHABET if ch != SPEC_USCC[17]]
    said = {uscc_messages(code) for code in wrong}
    assert len(said) == 1
    ((zh, en),) = said
    assert "国家企业信用信息公示系统 https://www.gsxt.gov.cn" in zh and "不要只改最后一位" in zh
    assert "National Enterprise Credit Information Publicity System, https://www.gsxt.gov.cn" in en
    assert "do not just change the last character" in en
    assert "<code>" in zh and "<code>" in en


@pytest.mark.parametrize(("code", "zh", "en"), [
    ("91350100M0001", "有 13 位，应为 18 位", "has 13 characters, not the 18"),
    ("91350100O000100Y43", "含有不能用的字符 `O`", "cannot have, `O`"),
])
def test_other_uscc_problems_say_what_is_wrong(code: str, zh: str, en: str) -> None:
    said_zh, said_en = uscc_messages(code)
    assert zh in said_zh and en in said_en


# --- how values and fields are shown -----------------------------------------------------------------


def test_a_value_is_shown_cut_and_with_invisible_characters_spelled_out() -> None:
    assert shown("孝感市\x07交易中心\n") == "孝感市U+0007交易中心U+000A"
    assert shown("a\u200bb\ufeff") == "aU+200BbU+FEFF"  # zero-width and byte-order marks too
    long = shown("路" * 100)
    assert len(long) == 60 and long.endswith("…")
    assert shown(YamlDecimal("1.50")) == "1.50"


def test_list_positions_count_from_one() -> None:
    field = FieldName.at(("candidates", 1, "name"))
    assert (field.key, field.path) == ("candidates.name", "candidates[2].name")
    assert field.in_language("zh") == "候选人名称 `candidates[2].name`"


def test_each_coded_field_names_every_code_of_its_model() -> None:
    """The list of allowed values comes from the models' codes; each has its name in both languages."""
    for key, (codes, vocabulary) in _CODED.items():
        assert set(codes) <= set(VOCABULARIES[vocabulary]), key
        top = key.split(".")[0]
        assert any(top in model.model_fields for model in MODEL_OF_TYPE.values()), key
