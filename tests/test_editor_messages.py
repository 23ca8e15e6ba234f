"""Editors read every message in their language (issue #14): each malformed input of
tests/test_malformed.py is reported in Chinese with no English words but field names,
identifiers and quoted values, and in English with no Chinese but quoted values; and the
editor guide shows, for every rule, a message the validator really prints."""

from __future__ import annotations

import ast
import json
import re

import pytest
from conftest import REPO
from message_language import chinese_text, english_words
from test_malformed import HOSTILE_CASES, ORDER_CASES, SHAPE_CASES, WARNING_CASES, Case, write_data

from generator.errors import Rule

EDITOR_GUIDE = REPO / "content" / "guide" / "editor.md"
CASES = [*SHAPE_CASES, *ORDER_CASES, *HOSTILE_CASES, *WARNING_CASES]


def reported(case: Case, run_cli, tmp_path) -> list[dict[str, object]]:
    data = write_data(tmp_path, case)
    result = run_cli("validate", "--data", data, "--format", "json", cwd=tmp_path)
    assert "Traceback" not in result.out + result.err
    problems = json.loads(result.out)
    mine = [p for p in problems if p["path"] == case.shown and p["rule"] == case.rule]
    assert mine, f"no [{case.rule}] problem in {case.shown}: {problems}"
    return problems


@pytest.mark.parametrize("bad", CASES, ids=lambda c: c.name)
def test_each_message_speaks_one_language(bad: Case, run_cli, tmp_path) -> None:
    for problem in reported(bad, run_cli, tmp_path):
        zh, en = str(problem["message"]), str(problem["message_en"])
        assert not english_words(zh), f"English in the Chinese message: {english_words(zh)}\n{zh}"
        assert not chinese_text(en), f"Chinese in the English message: {chinese_text(en)}\n{en}"
        assert zh != en


def test_english_only_with_the_option(run_cli, tmp_path) -> None:
    bad = next(c for c in SHAPE_CASES if c.name == "enum-method")
    data = write_data(tmp_path, bad)
    chinese = run_cli("validate", "--data", data, cwd=tmp_path)
    english = run_cli("validate", "--data", data, "--lang", "en", cwd=tmp_path)
    assert chinese.exit_code == english.exit_code == 1
    assert ": 错误: " in chinese.out and ": error: " in english.out
    assert not chinese_text(english.out + english.err.replace(str(tmp_path), "")), english.out


# --- the guide shows what the validator says ----------------------------------------------------


def guide_sections() -> dict[str, str]:
    """Rule id -> the text of its entry in 错误信息一览 (up to the next entry)."""
    errors = EDITOR_GUIDE.read_text(encoding="utf-8").split("{#errors}", 1)[1]
    parts = re.split(r"^\{:\s*#([a-z0-9-]+)\s*\}\s*$", errors, flags=re.MULTILINE)
    sections: dict[str, str] = {}
    for index in range(1, len(parts) - 1, 2):
        sections[parts[index]] = parts[index + 1]
    return sections


def messages_of_rule(rule: str, run_cli, tmp_path) -> list[str]:
    """The Chinese messages of every malformed case of `rule`, as the validator prints them."""
    found: list[str] = []
    for index, case in enumerate(c for c in CASES if c.rule == rule):
        folder = tmp_path / str(index)
        folder.mkdir()
        found += [str(p["message"]) for p in reported(case, run_cli, folder)
                  if p["rule"] == rule and p["path"] == case.shown]
    return found


# Rules no data folder of the malformed cases can show (the file system must fail, or a file
# must have more than 100 problems): tests/test_unreadable_data.py and test_dataset show them.
WITHOUT_A_CASE: set[str] = {
    "file-read", "folder-read", "file-type", "too-many-problems",
    # No YAML file can make these pydantic kinds: every group of fields is a model (model_type,
    # never dict_type or model_attributes_type) and the one integer, `rank`, is strict (int_type,
    # never int_parsing or int_from_float). tests/test_value_messages.py words each one and
    # checks the guide's example against it.
    "value-dict-type", "value-model-attributes-type", "value-int-parsing", "value-int-from-float",
    # A file over 50 MB, a remote server: tests/test_remote_attachments.py shows them.
    "attachment-too-large", "attachment-mismatch", "attachment-download",
    # The publication log's rules hold the data against data/ledger/, which `gongshi build`
    # checks and `validate` does not: tests/test_ledger_plan.py makes each and checks the
    # guide's examples against it (test_the_guide_shows_real_ledger_messages).
    "ledger-missing", "ledger-declaration",
    # What `gongshi import` says of its sources (a workbook, an OCDS package) and of a notice it
    # would overwrite, never `validate` of a data folder: tests/test_import.py makes each and
    # checks the guide's examples against it (test_the_guide_shows_real_import_messages).
    "import-source", "import-exists",
}


@pytest.mark.parametrize("rule", sorted(str(r) for r in Rule))
def test_the_guide_shows_a_real_message_of_each_rule(rule: str, run_cli, tmp_path) -> None:
    section = guide_sections()[rule]
    if rule in WITHOUT_A_CASE:
        assert "提示示例：" in section, f"{rule}: the guide shows no example message"
        return
    messages = messages_of_rule(rule, run_cli, tmp_path)
    assert messages, f"{rule}: add a malformed case to tests/test_malformed.py"
    shown = [m for m in messages if m in section]
    assert shown, (f"{rule}: the guide's entry shows none of the messages the validator prints; "
                   f"add one after 提示示例：\n" + "\n".join(messages))


# --- no words outside the catalogue ---------------------------------------------------------------

# Calls whose arguments reach people: problems, our errors, the pydantic errors our validators
# raise, what the commands print or log.
SINKS = {"Problem", "problem", "missing", "GongshiError", "UsageError", "BuildFailed", "InvalidData",
         "YamlFileError", "_fail", "PydanticCustomError", "print", "log"}
# Arguments of those calls that are codes, not words (a pydantic error type, print's `sep`).
NOT_WORDS = {("PydanticCustomError", 0)}
PROGRAM = "gongshi"  # the program's name, in front of its one-line errors


WORDLIKE = re.compile(r"[A-Za-z\u3400-\u9fff]")


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _builds_text(node: ast.AST) -> bool:
    """Text made from literals: "…", f"…", "…" + x, "…".format(…), "…" % x."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDLIKE.search(re.sub(r"\{\w*\}", "", node.value).replace(PROGRAM, "")))
    if isinstance(node, ast.JoinedStr):
        return any(_builds_text(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _builds_text(node.left) or _builds_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _builds_text(node.func.value)
    return False


def literal_words(source: str, path: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _callee(node) not in SINKS:
            continue
        name = _callee(node)
        arguments = [*enumerate(node.args), *((None, k.value) for k in node.keywords)]
        found += [f"{path}:{arg.lineno}: {name}(…) is given text made in code"
                  for index, arg in arguments
                  if (name, index) not in NOT_WORDS and _builds_text(arg)]
    return found


def test_the_check_finds_text_made_in_code() -> None:
    source = ('raise UsageError(f"no folder {x}")\nProblem(p, 1, 1, s, r, "bad " + x)\n'
              'print("{} notices".format(n))\nraise UsageError(COMMANDS.message("x"))\n'
              'raise PydanticCustomError("gongshi", "{message}", {"message": m})\n')
    assert [line.split(": ", 1)[0] for line in literal_words(source, "f.py")] == [
        "f.py:1", "f.py:2", "f.py:3"]


def test_no_words_are_made_outside_the_catalogue() -> None:
    offenders: list[str] = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        if "words" in path.relative_to(REPO / "generator").parts:
            continue
        offenders += literal_words(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    assert not offenders, "put these words in generator/words/:\n" + "\n".join(offenders)


# Chinese text in code outside the catalogue, and why each may stay: the site's default name
# (a setting, not a word of ours), the mark `gongshi new` writes and the validator refuses, and
# the ranges of Chinese characters the search index splits on.
CHINESE_IN_CODE = {
    ("generator/config.py", "公示 · 湖北公共资源交易信息发布"),
    ("generator/model.py", "<请填写"),
    ("generator/model.py", "<请填写[^>\\n]*>?"),
    ("generator/search.py", "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"),
}
HAN = re.compile(r"[\u3400-\u9fff]")


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr)}


def test_no_chinese_words_outside_the_catalogue() -> None:
    """Words in Chinese are written in generator/words/ only, beside their English."""
    found: set[tuple[str, str]] = set()
    for path in sorted((REPO / "generator").rglob("*.py")):
        if "words" in path.relative_to(REPO / "generator").parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        found |= {(path.relative_to(REPO).as_posix(), node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and HAN.search(node.value)}
    assert found == CHINESE_IN_CODE, f"move these words into generator/words/: {found - CHINESE_IN_CODE}"
