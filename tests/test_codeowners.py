"""Review by region (issue #14, item 7): regions.yaml names each region's reviewers, `gongshi
codeowners` writes CODEOWNERS from them, `gongshi validate` warns when it is out of date.

The file is read back as GitHub reads it: one rule per line, a pattern and its owners, the last
matching pattern deciding who owns a path."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REGIONS_YAML, REPO
from message_language import chinese_text, english_words
from pydantic import ValidationError

from generator.codeowners import Layout, codeowners_text, generated_part
from generator.model import Region, RegionList

EDITOR_GUIDE = REPO / "content" / "guide" / "editor.md"

# The default test tree (湖北省 > 武汉市 > 江岸区; 湖北省 > 孝感市 > 孝南区, 孝昌县…) with reviewers on
# the province and on 孝感市 only: 孝南区 inherits 孝感市's, 武汉市 and 江岸区 the province's.
PROVINCE = ["@hubei-ggzy/shenhe"]
XIAOGAN = ["@xiaogan-ggzy/shenhe", "@zhang-xg"]


def with_reviewers(regions_yaml: str, reviewers: dict[str, list[str]]) -> str:
    """`regions_yaml` with `reviewers` added under the entries of the given codes."""
    text = regions_yaml
    for code, names in reviewers.items():
        entry = f'- code: "{code}"\n'
        assert text.count(entry) == 1, code
        flow = ", ".join(f'"{name}"' for name in names)
        head, tail = text.split(entry)
        name_line, rest = tail.split("\n", 1)
        text = f"{head}{entry}{name_line}\n  reviewers: [{flow}]\n{rest}"
    return text


REVIEWED_YAML = with_reviewers(REGIONS_YAML, {"420000": PROVINCE, "420900": XIAOGAN})


def regions_of(text: str) -> list[Region]:
    return RegionList.validate_python(yaml.safe_load(text))


# --- reading CODEOWNERS as GitHub does -------------------------------------------------------------

OWNER = re.compile(r"@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][A-Za-z0-9_-]*)?")


def parse_codeowners(text: str) -> list[tuple[str, list[str]]]:
    """(pattern, owners) of each rule line; comments and blank lines skipped. Every rule must
    have at least one owner of GitHub's form."""
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *owners = line.split()
        assert owners and all(OWNER.fullmatch(owner) for owner in owners), line
        rules.append((pattern, owners))
    return rules


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """A pattern as GitHub reads it (the forms used here): `*` is one path segment; a trailing
    `/` a folder and everything below it; a name without a `/` matches at any depth, and so
    does everything below it."""
    body = re.escape(pattern.lstrip("/")).replace(r"\*", "[^/]+")
    if "/" not in pattern.rstrip("/"):
        return re.compile(f"(?:.*/)?{body.rstrip('/')}(?:/.*)?")
    return re.compile(body + ".*" if pattern.endswith("/") else body)


def owners_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """Who owns `path` (from the repository's root): the last rule that matches, as GitHub says."""
    owners: list[str] = []
    for pattern, rule_owners in rules:
        if _pattern_regex(pattern).fullmatch(path):
            owners = rule_owners
    return owners


# --- the generated file ----------------------------------------------------------------------------


def test_each_region_folder_is_owned_by_its_reviewers_or_its_nearest_ancestors() -> None:
    rules = parse_codeowners(codeowners_text(regions_of(REVIEWED_YAML), Layout(), "zh"))
    assert all(pattern.startswith("/") for pattern, _ in rules)  # from the repository's root
    assert owners_of("data/notices/2026/420900/XG-CG-2026-012-ZB.yaml", rules) == XIAOGAN
    assert owners_of("data/notices/2026/420902/XN-GC-2026-001-ZB.yaml", rules) == XIAOGAN
    assert owners_of("data/notices/2027/420100/WH-1.yaml", rules) == PROVINCE
    assert owners_of("data/notices/2026/420102/JA-1.yaml", rules) == PROVINCE
    assert owners_of("data/notices/2026/420000/HB-1.yaml", rules) == PROVINCE
    # outside the region folders, the region table and the file itself: the top region's
    assert owners_of("data/notices/misc/X-1.yaml", rules) == PROVINCE
    assert owners_of("data/regions.yaml", rules) == PROVINCE
    assert owners_of(".github/CODEOWNERS", rules) == PROVINCE
    # attachments: any region's reviewer
    assert sorted(owners_of("data/files/2026/XN-GC-2026-001/招标文件.pdf", rules)) == sorted(PROVINCE + XIAOGAN)
    # nothing else is claimed
    assert owners_of("generator/cli.py", rules) == []
    assert owners_of("mkdocs.yml", rules) == []


def test_the_file_says_it_is_generated_and_by_what_command() -> None:
    text = codeowners_text(regions_of(REVIEWED_YAML), Layout(), "zh")
    first = text.splitlines()[0]
    assert first.startswith("# ") and "`gongshi codeowners`" in first and "data/regions.yaml" in first
    english = codeowners_text(regions_of(REVIEWED_YAML), Layout(), "en").splitlines()[0]
    assert "`gongshi codeowners`" in english and not chinese_text(english)


def test_a_region_without_reviewers_in_its_line_of_ancestors_is_not_claimed() -> None:
    regions = regions_of(with_reviewers(REGIONS_YAML, {"420900": XIAOGAN}))
    rules = parse_codeowners(codeowners_text(regions, Layout(), "zh"))
    assert owners_of("data/notices/2026/420902/A-1.yaml", rules) == XIAOGAN
    assert owners_of("data/notices/2026/420102/A-1.yaml", rules) == []  # 江岸区 < 武汉市 < 湖北省: none
    assert owners_of("data/regions.yaml", rules) == []  # no top region names reviewers
    assert owners_of("data/files/2026/a.pdf", rules) == XIAOGAN


def test_output_is_the_same_whatever_the_order_of_regions_and_repeats_of_a_name() -> None:
    regions = regions_of(REVIEWED_YAML)
    wanted = codeowners_text(regions, Layout(), "zh")
    shuffled = list(regions)
    random.Random(14).shuffle(shuffled)
    assert codeowners_text(shuffled, Layout(), "zh") == wanted
    twice = regions_of(with_reviewers(REGIONS_YAML, {"420000": [*PROVINCE, PROVINCE[0].upper()],
                                                     "420900": XIAOGAN}))
    assert codeowners_text(twice, Layout(), "zh") == wanted  # GitHub's names ignore case


def test_the_layout_names_the_data_folder_and_the_file() -> None:
    text = codeowners_text(regions_of(REVIEWED_YAML), Layout(data="portal data", codeowners="docs/CODEOWNERS"),
                           "zh")
    rules = parse_codeowners(text.replace("\\ ", "\x00"))  # an escaped space is part of the pattern
    patterns = [pattern.replace("\x00", "\\ ") for pattern, _ in rules]
    assert "/portal\\ data/notices/*/420902/" in patterns
    assert "/docs/CODEOWNERS" in patterns
    assert "`gongshi codeowners --data portal data`" in text.splitlines()[0]


def test_what_is_written_by_hand_above_the_generated_part_is_kept() -> None:
    regions = regions_of(REVIEWED_YAML)
    by_hand = "# 程序代码\n* @hubei-ggzy/kaifa\n"
    first = codeowners_text(regions, Layout(), "zh", existing=by_hand)
    assert first.startswith(by_hand + "\n")
    assert codeowners_text(regions, Layout(), "zh", existing=first) == first
    # written again in another language, or after the regions changed: the hand part stays
    assert codeowners_text(regions, Layout(), "en", existing=first).startswith(by_hand + "\n# ")
    rules = parse_codeowners(first)
    assert owners_of("generator/cli.py", rules) == ["@hubei-ggzy/kaifa"]
    assert owners_of("data/notices/2026/420902/A-1.yaml", rules) == XIAOGAN  # the later rule wins


# --- the reviewers field -------------------------------------------------------------------------

GOOD_NAMES = ["@zhang-xg", "@xiaogan-ggzy/shenhe", "@Hubei-GGZY/team_2", "@a", "@" + "a" * 39]


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_github_users_and_teams_are_accepted(name: str) -> None:
    region = Region.model_validate({"code": "420902", "name": "孝南区", "reviewers": [name]})
    assert region.reviewers == [name]


BAD_NAMES = [
    ("zhang-xg", "reviewer_without_at", "`- \"@zhang-xg\"`", "`- \"@zhang-xg\"`"),
    ("xiaogan-ggzy/shenhe", "reviewer_without_at", "“@”", "'@'"),
    ("张三", "reviewer_form", "现为 “张三”", "found '张三'"),
    ("@-zhang", "reviewer_form", "现为 “@-zhang”", "found '@-zhang'"),
    ("@zhang xg", "reviewer_form", "“@组织名/团队名”", "'@organisation/team'"),
    ("zhang@example.cn", "reviewer_form", "例如", "e.g."),
    ("@org/team/sub", "reviewer_form", "现为", "found"),
    ("@" + "a" * 40, "reviewer_form", "现为", "found"),
    ("x" * 80, "reviewer_form", "“" + "x" * 59 + "…”", "'" + "x" * 59 + "…'"),
]


@pytest.mark.parametrize(("name", "key", "zh", "en"), BAD_NAMES, ids=[b[0][:20] for b in BAD_NAMES])
def test_other_names_are_refused_with_what_to_write(name: str, key: str, zh: str, en: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Region.model_validate({"code": "420902", "name": "孝南区", "reviewers": ["@ok", name]})
    [error] = refused.value.errors()
    assert error["loc"] == ("reviewers", 1)
    message = error["ctx"]["message"]
    assert message.key == f"review.{key}"
    said_zh, said_en = message.in_language("zh"), message.in_language("en")
    assert zh in said_zh and en in said_en
    assert not english_words(said_zh), said_zh
    assert not chinese_text(said_en), said_en


def test_an_empty_list_of_reviewers_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        Region.model_validate({"code": "420902", "name": "孝南区", "reviewers": []})
    assert [error["loc"] for error in refused.value.errors()] == [("reviewers",)]


def test_validate_points_at_the_bad_reviewer(make_data, run_cli, tmp_path) -> None:
    regions = REGIONS_YAML.replace('  name: 孝南区\n', '  name: 孝南区\n  reviewers:\n    - "@ok"\n    - zhang-xg\n')
    data = make_data({}, regions=regions)
    result = run_cli("validate", "--data", data, "--format", "json", cwd=tmp_path)
    problems = json.loads(result.out)
    assert result.exit_code == 1
    [problem] = problems
    line = regions.splitlines().index("    - zhang-xg") + 1
    assert (problem["path"], problem["line"], problem["column"]) == ("data/regions.yaml", line, 7)
    assert "lacks the leading '@'" in problem["message_en"]
    assert not (tmp_path / ".github").exists()


# --- gongshi codeowners ------------------------------------------------------------------------------


def written_rules(root: Path, place: str = ".github/CODEOWNERS") -> list[tuple[str, list[str]]]:
    return parse_codeowners((root / place).read_text(encoding="utf-8"))


def test_the_command_writes_github_s_file_beside_the_data_folder(make_data, run_cli, tmp_path) -> None:
    data = make_data({}, regions=REVIEWED_YAML)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("codeowners", "--data", data, cwd=elsewhere)
    assert result.exit_code == 0, result.err
    path = tmp_path / ".github" / "CODEOWNERS"
    assert f"已写入 {path.as_posix()}" in result.out
    assert owners_of("data/notices/2026/420902/A.yaml", written_rules(tmp_path)) == XIAOGAN
    assert not (elsewhere / ".github").exists()
    before = path.stat().st_mtime_ns, path.read_bytes()
    again = run_cli("codeowners", "--data", data, "--lang", "en", cwd=tmp_path)
    assert again.exit_code == 0
    assert again.out.strip() == ".github/CODEOWNERS is up to date: nothing written"
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


@pytest.mark.parametrize("place", ["CODEOWNERS", "docs/CODEOWNERS"])
def test_an_existing_file_where_github_looks_is_the_one_written(place, make_data, run_cli, tmp_path) -> None:
    data = make_data({}, regions=REVIEWED_YAML)
    (tmp_path / place).parent.mkdir(exist_ok=True)
    (tmp_path / place).write_text("* @hubei-ggzy/kaifa\n", encoding="utf-8")
    result = run_cli("codeowners", "--data", data, cwd=tmp_path)
    assert result.exit_code == 0, result.err
    assert not (tmp_path / ".github" / "CODEOWNERS").exists()
    rules = written_rules(tmp_path, place)
    assert rules[0] == ("*", ["@hubei-ggzy/kaifa"])
    assert owners_of(place, rules) == PROVINCE
    assert run_cli("validate", "--data", data, "--strict", cwd=tmp_path).exit_code == 0


def test_the_header_is_in_the_site_language(make_data, run_cli, tmp_path) -> None:
    data = make_data({}, regions=REVIEWED_YAML)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nextra:\n  gongshi:\n    language: en\n", encoding="utf-8")
    result = run_cli("codeowners", "--data", data, "--lang", "zh", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.out.startswith("已写入 .github/CODEOWNERS：")  # what it says: --lang
    text = (tmp_path / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert text == generated_part(regions_of(REVIEWED_YAML), Layout(), "en")  # the file: the site's
    assert run_cli("validate", "--data", data, "--strict", cwd=tmp_path).exit_code == 0


def test_the_command_refuses_a_region_table_with_errors(make_data, run_cli, tmp_path) -> None:
    data = make_data({}, regions=REVIEWED_YAML + '- code: "420902"\n  name: 孝南区\n  parent: "420900"\n')
    result = run_cli("codeowners", "--data", data, cwd=tmp_path)
    assert result.exit_code == 1
    assert "[region-unique]" in result.err
    assert not (tmp_path / ".github").exists()


def test_the_command_refuses_a_region_table_without_reviewers(make_data, run_cli, tmp_path) -> None:
    data = make_data({})
    result = run_cli("codeowners", "--data", data, "--lang", "en", cwd=tmp_path)
    assert result.exit_code == 1
    assert "data/regions.yaml names no reviewers (`reviewers`) for any region" in result.err
    assert not (tmp_path / ".github").exists()


# --- gongshi validate: codeowners-outdated -------------------------------------------------------


def warnings(run_cli, data: Path, cwd: Path) -> list[dict[str, object]]:
    result = run_cli("validate", "--data", data, "--format", "json", cwd=cwd)
    assert result.exit_code == 0, result.out + result.err
    return [p for p in json.loads(result.out) if p["rule"] == "codeowners-outdated"]


def test_validate_warns_until_codeowners_is_written_and_again_when_reviewers_change(
        make_data, run_cli, tmp_path) -> None:
    data = make_data({}, regions=REVIEWED_YAML)
    [missing] = warnings(run_cli, data, tmp_path)
    assert (missing["path"], missing["line"], missing["severity"]) == (".github/CODEOWNERS", None, "warning")
    assert "run `gongshi codeowners` to write .github/CODEOWNERS" in str(missing["message_en"])
    assert run_cli("validate", "--data", data, "--strict", cwd=tmp_path).exit_code == 1

    assert run_cli("codeowners", "--data", data, cwd=tmp_path).exit_code == 0
    assert warnings(run_cli, data, tmp_path) == []
    strict = run_cli("validate", "--data", data, "--strict", cwd=tmp_path)
    assert strict.exit_code == 0 and strict.out == ""

    written = (tmp_path / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    (data / "regions.yaml").write_text(REVIEWED_YAML.replace("@zhang-xg", "@li-xg"), encoding="utf-8")
    [outdated] = warnings(run_cli, data, tmp_path)
    changed = next(number for number, line in enumerate(written, start=1) if "@zhang-xg" in line)
    assert (outdated["path"], outdated["line"]) == (".github/CODEOWNERS", changed)
    assert "does not match the reviewers (`reviewers`) in data/regions.yaml" in str(outdated["message_en"])
    assert str(outdated["message"]) in EDITOR_GUIDE.read_text(encoding="utf-8")  # the guide's example


def test_a_hand_edit_of_the_generated_part_is_out_of_date(make_data, run_cli, tmp_path) -> None:
    data = make_data({}, regions=REVIEWED_YAML)
    assert run_cli("codeowners", "--data", data, cwd=tmp_path).exit_code == 0
    path = tmp_path / ".github" / "CODEOWNERS"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, "/data/notices/*/420902/ @someone-else\n"]), encoding="utf-8")
    [outdated] = warnings(run_cli, data, tmp_path)
    assert outdated["line"] == len(lines) + 1


def test_no_warning_when_regions_name_no_reviewers(make_data, run_cli, tmp_path) -> None:
    data = make_data({})
    assert warnings(run_cli, data, tmp_path) == []


def test_the_sample_notices_are_owned_by_their_own_region(run_cli, tmp_path) -> None:
    """The sample data's layout, data/notices/<year>/<region>/: with reviewers on some regions, each
    notice file is owned by the reviewers of its `region` (or of its nearest ancestor's)."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    regions_yaml = (data / "regions.yaml").read_text(encoding="utf-8")
    named = {"420000": ["@hubei-ggzy/shenhe"], "420100": ["@wuhan-ggzy/shenhe"],
             "420900": ["@xiaogan-ggzy/shenhe"], "420902": ["@xiaonan-ggzy/shenhe", "@zhang-xn"]}
    (data / "regions.yaml").write_text(with_reviewers(regions_yaml, named), encoding="utf-8")
    assert run_cli("codeowners", "--data", data, cwd=tmp_path).exit_code == 0
    rules = written_rules(tmp_path)
    parent = {r["code"]: r.get("parent") for r in yaml.safe_load(regions_yaml)}
    checked = 0
    for path in sorted((data / "notices").rglob("*.yaml")):
        code: str | None = yaml.safe_load(path.read_text(encoding="utf-8"))["region"]
        while code is not None and code not in named:
            code = parent[code]
        assert code is not None
        assert owners_of(path.relative_to(tmp_path).as_posix(), rules) == named[code], path
        checked += 1
    assert checked > 50
