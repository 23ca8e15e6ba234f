"""Personal data in every spelling: an unmasked mobile or resident ID number in a penalty is
refused however it is written — full-width digits, groups with spaces or hyphens, HTML character
references, markup between the digits — while masked forms stay accepted and dates, amounts,
office phones and project codes are not taken for one."""

from __future__ import annotations

import pytest
from conftest import REGIONS_YAML

from generator import rules

RESIDENT_ID = "420984198512035612"  # 汉川市, born 1985-12-03, check digit 2
MOBILE = "13800138000"


def resident_id(first17: str) -> str:
    return first17 + rules.resident_id_check_digit(first17)


def found(text: str) -> list[tuple[str, str]]:
    """(kind, masked form) of everything found."""
    return [(item.kind, rules.mask(item)) for item in rules.find_personal_data(text)]


MOBILE_FOUND = [("mobile", "138****8000")]
ID_FOUND = [("resident-id", "4209**********5612")]


@pytest.mark.parametrize(
    "text",
    [
        "电话 １３８００１３８０００",  # full-width digits
        "电话：１３８－００１３－８０００",  # full-width digits and hyphens
        "电话 138-0013-8000",
        "电话 138 0013 8000。",
        "电话 138 - 0013 - 8000",
        "电话 138.0013.8000",
        "电话 138\u20130013\u20138000",  # en dashes
        "电话 138\u30000013\u30008000",  # ideographic spaces
        "电话 1380013 8000",
        "电话 138 00138000",
        "电话 +86 138 0013 8000",
        "电话 ＋８６ １３８００１３８０００",
        "电话 &#49;3800138000",  # a decimal character reference
        "电话 &#x31;&#x33;&#x38;00138000",  # hexadecimal
        "电话 &#49&#51;800138000",  # without the semicolon: browsers still read it
        "电话 1<span>38</span>00138000",
        "电话 138<!-- 隐藏 -->00138000",
        "电话 138**0013**8000",  # Markdown bold between digits
        "电话 138\u200b0013\u200b8000",  # zero-width spaces
        "电话 138\u00ad0013\u00ad8000",  # soft hyphens
        "电话 ١٣٨٠٠١٣٨٠٠٠",  # Arabic-Indic digits
        "电话\n138 0013\n8000",  # across lines of a body
        "联系电话 0712-2856123 138 0013 8000",  # after an office phone
        "联系电话 0712-2856123 13800138000",
    ],
)
def test_a_mobile_number_is_found_however_it_is_spelled(text):
    assert found(text) == MOBILE_FOUND


@pytest.mark.parametrize(
    "text",
    [
        f"身份证号 {''.join(chr(0xFF10 + int(d)) for d in RESIDENT_ID)}",  # full-width
        "身份证号 420984 19851203 5612",
        "身份证号 420984-19851203-5612",
        "身份证号 4209 8419 8512 0356 12",
        "身份证号 &#52;20984198512035612",
        "身份证号 420984<b>19851203</b>5612",
        "身份证号 420984**19851203**5612",
    ],
)
def test_a_resident_id_is_found_however_it_is_spelled(text):
    assert found(text) == ID_FOUND


def test_an_id_with_x_in_full_width_is_found():
    number = next(resident_id(f"4209021990010{n:04d}") for n in range(10000)
                  if rules.resident_id_check_digit(f"4209021990010{n:04d}") == "X")
    full_width = "".join(chr(0xFF10 + int(d)) for d in number[:17]) + "Ｘ"
    assert [kind for kind, _ in found(f"身份证{full_width}")] == ["resident-id"]


@pytest.mark.parametrize(
    "text",
    [
        # masked forms, however written
        "身份证号 4209**********123X",
        "电话 138****1234",
        "电话 １３８＊＊＊＊１２３４",
        "电话 138-****-1234",
        "电话 &#49;38****1234",
        # dates and times
        "2026-03-01 13:00 开标",
        "2024-05-01至2026-05-01",
        "公示期 2026.03.01—2026.03.14",
        "决定日期 2026年3月28日，文号 孝公管罚〔2026〕138号",
        # amounts
        "罚款 13,800,138,000 元",
        "金额 1 380 013 800 元",
        "单价 1380.00 元，总价 138001380.00 元",
        # office phones and fax
        "办公电话 0712-2856123",
        "电话 027-8765 4321",
        "传真 (0712) 2856 1234",
        # project codes and numbers written in groups
        "项目编号 XG-GC-2025-031",
        "项目编号 ZB-2026-138-0013-8000",
        "合同编号 2026-1380-0138-0001",
        "编号 138.0013.8000.1",
        "统一社会信用代码 91350100M000100Y43",
        # eighteen digits in groups that are no ID: wrong check digit, or no real birth date
        "编号 420984 19851203 5613",
        "编号 420984 19851399 5612",
        "批次 1 2 3 4 5 6 7 8 9 1 2 3 4 5 6 7 8 9",
    ],
)
def test_masked_numbers_dates_amounts_and_codes_are_not_found(text):
    assert found(text) == []


def test_grouped_ids_need_a_real_birth_date_but_a_single_run_keeps_the_contract_rule():
    number = resident_id("42098419851399561")  # month 13: no real birth date
    assert found(f"编号 {number}") == [("resident-id", number[:4] + "*" * 10 + number[14:])]
    assert found(f"编号 {number[:6]} {number[6:14]} {number[14:]}") == []


# --- through the command line: a penalty refuses them, masked forms pass --------------------------

PENALTY = """\
type: penalty
title: 关于对王某某串通投标的行政处罚公告
region: "420900"
published: 2026-04-01
publisher: 孝感市公共资源交易监督管理局
subject:
  name: 王某某
  kind: person
decision_no: 孝公管罚〔2026〕3号
decided: 2026-03-28
authority: 孝感市公共资源交易监督管理局
violation: {violation}
basis: 《中华人民共和国招标投标法》第五十三条
sanctions:
  - kind: fine
    amount: 13800
publicity_end: 2029-03-27
body: |
  {body}
"""


def write_penalty(tmp_path, violation: str, body: str):
    data = tmp_path / "data"
    (data / "notices" / "2026").mkdir(parents=True)
    (data / "files").mkdir()
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    (data / "notices" / "2026" / "XG-CF-2026-003.yaml").write_text(
        PENALTY.format(violation=violation, body=body), encoding="utf-8")
    return data


@pytest.mark.parametrize(
    ("violation", "body", "line", "masked"),
    [
        ("与他人串通投标，手机 １３８００１３８０００", "处罚决定如上。", 12, "138****8000"),
        ("与他人串通投标，手机 138-0013-8000", "处罚决定如上。", 12, "138****8000"),
        ("与他人串通投标", "当事人电话 138 0013 8000。", 18, "138****8000"),
        ("与他人串通投标", "当事人电话 &#49;3800138000。", 18, "138****8000"),
        ("与他人串通投标", "身份证号 &#52;20984198512035612。", 18, "4209**********5612"),
        ("与他人串通投标", "身份证号 420984 19851203 5612。", 18, "4209**********5612"),
    ],
)
def test_a_penalty_refuses_an_unmasked_number_in_any_spelling(violation, body, line, masked, run_cli,
                                                              tmp_path):
    data = write_penalty(tmp_path, violation, body)
    result = run_cli("validate", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1, result.out + result.err
    assert f"data/notices/2026/XG-CF-2026-003.yaml:{line}:" in result.out
    what = "手机号码" if len(masked) == 11 else "居民身份证号码"
    assert f"中有未脱敏的{what}：" in result.out
    assert f"例如 {masked} [personal-data]" in result.out


def test_a_penalty_with_masked_numbers_dates_and_amounts_is_valid(run_cli, tmp_path):
    data = write_penalty(
        tmp_path,
        "与他人串通投标，联系人王某（身份证号 4209**********123X，手机 １３８＊＊＊＊１２３４）",
        "2026-03-28 作出处罚决定，罚款 13,800 元（项目编号 ZB-2026-138-0013-8000），"
        "咨询电话 0712-2856123。",
    )
    result = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.out + result.err
