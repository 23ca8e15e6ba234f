"""What the command line says that is not about one data file (issue #14): usage errors,
--help, the summaries, failures of a build and of the machine, in Chinese by default and in
English with `--lang en` or `extra.gongshi.language: en`; argparse's English never shows; the
machine formats carry the localised message (json adds the English one)."""

from __future__ import annotations

import errno
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_NOW, VALID_TENDER, english_config
from message_language import chinese_text, english_words
from test_malformed import SHAPE_CASES, write_data

from generator.cli import _build_parser, _said_our_way
from generator.commands.validate import format_problems
from generator.errors import Problem, Rule, Severity, describe_os_error
from generator.words import COMMANDS, FILE_PROBLEMS, VALUE_PROBLEMS, FieldName

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# What argparse says in its own words; none of it may reach the user.
ARGPARSE_WORDS = ("argument", "invalid choice", "required", "unrecognized", "expected one",
                  "ambiguous", "ignored explicit", "invalid int value", "choose from", "error:")


def assert_chinese(line: str) -> None:
    assert chinese_text(line), f"no Chinese in: {line}"
    assert not english_words(line), f"English words {english_words(line)} in: {line}"


def assert_english(line: str) -> None:
    assert not chinese_text(line), f"Chinese {chinese_text(line)} in: {line}"
    assert re.search(r"[a-z]{3}", line), line


SAYS = {"zh": assert_chinese, "en": assert_english}


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("gongshi: "), err
    return lines[0]


# --- the catalogue --------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(COMMANDS))
def test_every_sentence_of_the_command_line_speaks_one_language(key: str) -> None:
    word = COMMANDS[key]
    zh, en = (PLACEHOLDER.sub(" ", word.in_language(language)) for language in ("zh", "en"))
    assert not english_words(zh), f"commands.{key}: English words in zh: {english_words(zh)}"
    assert not chinese_text(en), f"commands.{key}: Chinese in en: {chinese_text(en)}"


# --- the language: --lang, the site's, else Chinese ---------------------------------------------------


def project(root: Path, language: str) -> Path:
    """A copy of the project (theme, content, mkdocs.yml) whose site language is `language`."""
    if language == "en":
        return english_config(root)
    for name in ("theme", "content"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root / "mkdocs.yml"


WAYS = {  # how the language is chosen → (site language, extra arguments, language said)
    "default": ("zh", (), "zh"),
    "option": ("zh", ("--lang", "en"), "en"),
    "site": ("en", (), "en"),
    "option-over-site": ("en", ("--lang", "zh"), "zh"),
}


@pytest.mark.parametrize("way", ["default", "option", "site"])
def test_usage_errors_build_failures_and_summaries_in_the_chosen_language(
    way: str, run_cli, make_data, tmp_path: Path
) -> None:
    site_language, lang, said = WAYS[way]
    config = project(tmp_path / "project", site_language)
    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml": VALID_TENDER})
    out = tmp_path / "site"

    usage = run_cli("--config", config, *lang, "build", "--data", data, "--format", "json")
    assert usage.exit_code == 2
    SAYS[said](one_line(usage.err))
    assert "--format" in usage.err and not any(w in usage.err for w in ARGPARSE_WORDS), usage.err

    checked = run_cli("--config", config, *lang, "validate", "--data", data)
    assert checked.exit_code == 0
    summary = checked.err.strip()
    assert "\n" not in summary and "1" in summary
    SAYS[said](summary)

    clash = config.parent / "content" / "search" / "index.md"  # a page gongshi generates
    clash.parent.mkdir(parents=True)
    clash.write_text("# search\n", encoding="utf-8")
    failed = run_cli("--config", config, *lang, "build", "--data", data, "--out", out,
                     "--now", SAMPLE_NOW)
    assert failed.exit_code == 1
    SAYS[said](one_line(failed.err))
    assert "content/search/index.md" in failed.err and not out.exists()

    clash.unlink()
    built = run_cli("--config", config, *lang, "build", "--data", data, "--out", out,
                    "--now", SAMPLE_NOW)
    assert built.exit_code == 0, built.err
    summary = built.out.strip()
    assert "\n" not in summary and str(out) in summary
    SAYS[said](summary)


def test_the_site_language_is_read_before_the_command_line_and_survives_a_bad_setting(
    run_cli, tmp_path: Path
) -> None:
    """An error of the command line or of another setting is said in the site's language."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  gongshi:\n    language: en\n    page_size: 3\n", encoding="utf-8")
    setting = run_cli("--config", config, "validate", "--data", tmp_path)
    assert setting.exit_code == 2
    line = one_line(setting.err)
    assert_english(line)
    assert "`extra.gongshi.page_size` cannot be '3': use a whole number from 5 to 500" in line
    unknown = run_cli("valdate", cwd=tmp_path)  # mkdocs.yml of the current folder
    assert unknown.exit_code == 2
    assert_english(one_line(unknown.err))


SETTINGS_ERRORS = [  # (mkdocs.yml, how the Chinese line ends, how the English one ends)
    (b"extra:\n  gongshi:\n    colour: red\n",
     "`extra.gongshi.colour` 不是 gongshi 的设置；`extra.gongshi` 下可用的设置有 `timezone`、`site_url`、"
     "`site_name`、`site_description`、`language`、`page_size`、`feed_limit`、`ocid_prefix`、`labels`、`stale_after_hours`、`log`",
     "`extra.gongshi.colour` is not a setting of gongshi; the settings under `extra.gongshi` are "
     "`timezone`, `site_url`, `site_name`, `site_description`, `language`, `page_size`, `feed_limit`, "
     "`ocid_prefix`, `labels`, `stale_after_hours`, `log`"),
    (b"extra:\n  gongshi:\n    timezone: Mars/Base\n",
     "设置 `extra.gongshi.timezone` 不能是“Mars/Base”：应为时区名称，例如 `Asia/Shanghai`",
     "setting `extra.gongshi.timezone` cannot be 'Mars/Base': use a time zone name, e.g. `Asia/Shanghai`"),
    (b"extra:\n  gongshi:\n    stale_after_hours: '20'\n",
     "设置 `extra.gongshi.stale_after_hours` 不能是“20”：应为 1 至 8784 之间的整数，不加引号",
     "setting `extra.gongshi.stale_after_hours` cannot be '20': use a whole number from 1 to 8784, "
     "without quotes"),
    (b"extra:\n  gongshi:\n    feed_limit: abc\n",
     "设置 `extra.gongshi.feed_limit` 不能是“abc”：应为 1 至 10000 之间的整数",
     "setting `extra.gongshi.feed_limit` cannot be 'abc': use a whole number from 1 to 10000"),
    (b"extra:\n  gongshi:\n    labels:\n      home: [1]\n",
     "设置 `extra.gongshi.labels.home` 不能是“[1]”：应为一段文字",
     "setting `extra.gongshi.labels.home` cannot be '[1]': use text"),
    (b"extra: [\n  gongshi\n", "第 3 行第 1 列的 YAML 写法有误", "the YAML is malformed at line 3, column 1"),
    (b"site_name: \xff\n", "文件不是 UTF-8 编码，请以 UTF-8 保存", "it is not UTF-8; save it as UTF-8"),
]


@pytest.mark.parametrize(("text", "zh", "en"), SETTINGS_ERRORS)
def test_settings_errors_say_what_the_setting_holds(text: bytes, zh: str, en: str, run_cli,
                                                    tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_bytes(text)
    for lang, expected, says in (((), zh, assert_chinese), (("--lang", "en"), en, assert_english)):
        result = run_cli(*lang, "validate", "--data", tmp_path, cwd=tmp_path)
        assert result.exit_code == 2
        line = one_line(result.err)
        assert line.endswith(expected) and "mkdocs.yml" in line, line
        says(line)
        assert "Input should" not in line and "Extra inputs" not in line and "expected" not in line


# --- argparse's errors, said our way ---------------------------------------------------------------


USAGE_ERRORS = [  # (command line, Chinese, English)
    ((), "缺少命令：应为以下之一：`validate`、`build`", "missing the command: one of `validate`, `build`"),
    (("new",), "缺少公告类型：应为以下之一：招标公告 `tender`", "missing the notice type: one of `tender` (Tender notice)"),
    (("valdate",), "命令不能是“valdate”", "the command cannot be 'valdate'"),
    (("new", "tendr"), "公告类型不能是“tendr”", "the notice type cannot be 'tendr'"),
    (("validate", "--format", "xml"), "选项 `--format`不能是“xml”：应为以下之一：`text`、`json`、`github`",
     "option `--format` cannot be 'xml': use one of `text`, `json`, `github`"),
    (("validate", "--format"), "选项 `--format`后面缺少值，例如 `--format text`",
     "option `--format` needs a value, e.g. `--format text`"),
    (("build", "--data"), "选项 `--data`后面缺少值，例如 `--data DIR`", "option `--data` needs a value, e.g. `--data DIR`"),
    (("validate", "--strict=yes"), "选项 `--strict`不带值：只写 `--strict`，去掉“=yes”",
     "option `--strict` takes no value: write `--strict` alone, without '=yes'"),
    (("serve", "--port", "abc"), "选项 `--port`应为整数，不能是“abc”", "option `--port` takes a whole number, not 'abc'"),
    (("validate", "--bogus"), "`gongshi validate` 不接受这些参数：`--bogus`", "`gongshi validate` does not take `--bogus`"),
    (("--lang", "fr", "validate"), "选项 `--lang`不能是“fr”", "option `--lang` cannot be 'fr'"),
    (("build", "--now", "2026-13-01"), "`--now` 应为日期或日期时间，例如 `2026-11-26`",
     "`--now` takes an ISO 8601 date or datetime, e.g. `2026-11-26`"),
    (("build", "--now", "1970-01-01"), "`--now` 应在 1971-01-01 至 2099-12-31 之间，不能是“1970-01-01”",
     "`--now` must fall between 1971-01-01 and 2099-12-31, not '1970-01-01'"),
    (("new", "tender\x07"), "公告类型不能是“tenderU+0007”", "the notice type cannot be 'tenderU+0007'"),
]


@pytest.mark.parametrize(("argv", "zh", "en"), USAGE_ERRORS, ids=lambda a: " ".join(a) or "(nothing)" if isinstance(a, tuple) else None)
def test_usage_errors_are_our_sentences(argv: tuple[str, ...], zh: str, en: str, run_cli,
                                        tmp_path: Path) -> None:
    chinese = run_cli(*argv, cwd=tmp_path)
    english = run_cli(*argv, "--lang", "en", cwd=tmp_path) if "--lang" not in argv else None
    assert chinese.exit_code == 2
    line = one_line(chinese.err)
    assert zh in line and "（用法见 `gongshi" in line, line
    assert_chinese(line)
    if english is not None:
        assert english.exit_code == 2
        line = one_line(english.err)
        assert en in line and "(see `gongshi" in line, line
        assert_english(line)
        assert not any(words in line for words in ARGPARSE_WORDS), line


@pytest.mark.parametrize(("argparse_says", "zh"), [
    ("ambiguous option: --p could match --port, --project", "选项 `--p` 没有写全，可能是 `--port`、`--project`：请写出完整的选项名"),
    ("the following arguments are required: type, --region", "缺少公告类型、选项 `--region`"),
    ("argument --data: some message of a future argparse", "选项 `--data`写得不对"),
    ("a message argparse may say one day", "命令行写得不对"),
])
def test_forms_the_command_line_cannot_reach_are_said_our_way_too(argparse_says: str, zh: str) -> None:
    said = _said_our_way(argparse_says, _build_parser("zh"))
    assert said.in_language("zh") == zh
    assert_english(said.in_language("en"))


# --- --help -------------------------------------------------------------------------------------------


HELP_OF = {
    None: ["help_description", "help_config", "help_lang", "help_help", "help_validate", "help_build",
           "help_serve", "help_new", "help_schema", "help_options", "help_commands"],
    "validate": ["help_validate", "help_data", "help_strict", "help_format", "help_files", "help_lang"],
    "build": ["help_build", "help_data", "help_out", "help_now", "help_strict", "help_clean"],
    "serve": ["help_serve", "help_data", "help_port", "help_now"],
    "new": ["help_new", "help_type", "help_data", "help_region", "help_project", "help_arguments"],
    "schema": ["help_schema", "help_help"],
}


@pytest.mark.parametrize("way", sorted(WAYS))
@pytest.mark.parametrize("command", sorted(HELP_OF, key=str))
def test_help_is_in_the_chosen_language(way: str, command: str | None, run_cli, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "2000")  # no wrapping: each text is on one line
    site_language, lang, said = WAYS[way]
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"extra:\n  gongshi:\n    language: {site_language}\n", encoding="utf-8")
    result = run_cli(*lang, *([command] if command else []), "--help", cwd=tmp_path)
    assert result.exit_code == 0 and result.err == ""
    words = COMMANDS.words(said)
    for key in HELP_OF[command]:
        assert words[key] in result.out, f"{key} not in the help of {command}:\n{result.out}"
    other = COMMANDS.words("en" if said == "zh" else "zh")
    assert other["help_data" if command else "help_config"] not in result.out


# --- failures of the machine --------------------------------------------------------------------


@pytest.mark.parametrize(("error", "zh", "en"), [
    (OSError(errno.ENOSPC, "No space left on device", "/srv/site/a.html"),
     "写入 /srv/site/a.html 时磁盘空间不足", "no space left on the device writing /srv/site/a.html"),
    (OSError(errno.EROFS, "Read-only file system", "/srv/site"),
     "/srv/site 在只读的文件系统上：请换一个 `--out`", "/srv/site is on a read-only file system"),
    (OSError(errno.EACCES, "Permission denied", "/srv/site"), "没有权限访问 /srv/site", "permission denied: /srv/site"),
    (OSError(errno.ENOENT, "No such file or directory", "/srv/a", None, "/srv/b"),
     "/srv/b：操作系统报告“No such file or directory”", "No such file or directory: /srv/b"),
    (OSError("simulated\nfailure"), "操作系统报告“simulated failure”", "simulated failure"),
    (shutil.Error([("/a", "/srv/b", "[Errno 28] No space left on device")]),
     "写入 /srv/b 时磁盘空间不足", "no space left on the device writing /srv/b"),
    (shutil.Error([("/a", "/srv/b", "something else")]), "无法复制到 /srv/b：“something else”",
     "cannot copy to /srv/b: something else"),
])
def test_failures_of_the_machine_in_each_language(error: OSError, zh: str, en: str) -> None:
    said = describe_os_error(error)
    assert zh in said.in_language("zh") and en in said.in_language("en")
    assert_chinese(said.in_language("zh"))
    assert_english(said.in_language("en"))


# --- machine formats: github annotations and json -------------------------------------------------


ANNOTATION = re.compile(r"^::(?P<severity>error|warning) file=(?P<file>[^,]+)(?:,line=(?P<line>\d+))?"
                        r"(?:,col=(?P<col>\d+))?,title=(?P<title>[a-z0-9-]+)::(?P<message>.*)$")


def annotations(output: str) -> list[dict[str, str]]:
    found = [ANNOTATION.match(line) for line in output.splitlines()]
    assert all(found), output
    return [match.groupdict() for match in found if match]


def catalogue_problems() -> list[Problem]:
    """Problems whose messages are sentences of the catalogue, as the validator makes them."""
    method = FieldName("method", "method")
    return [
        Problem("data/notices/a.yaml", 7, 1, Severity.ERROR, Rule.REQUIRED,
                VALUE_PROBLEMS.message("required", field=method,
                                       where=VALUE_PROBLEMS.message("where_top", line="method: open"))),
        Problem("data/notices/b.yaml", None, None, Severity.WARNING, Rule.TOO_MANY_PROBLEMS,
                FILE_PROBLEMS.message("too_many_problems", more=3, limit=100)),
    ]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_github_annotations_carry_the_localised_message_and_the_rule_as_title(language: str) -> None:
    problems = catalogue_problems()
    found = annotations(format_problems(problems, "github", language))
    assert [(a["severity"], a["file"], a["line"], a["title"]) for a in found] == [
        ("error", "data/notices/a.yaml", "7", "required"), ("warning", "data/notices/b.yaml", None,
                                                           "too-many-problems")]
    for annotation, problem in zip(found, problems, strict=True):
        assert annotation["message"] == problem.text(language)
        SAYS[language](annotation["message"])


def test_json_carries_the_rule_the_localised_message_and_the_english_one() -> None:
    for language in ("zh", "en"):
        parsed = json.loads(format_problems(catalogue_problems(), "json", language))
        assert [p["rule"] for p in parsed] == ["required", "too-many-problems"]
        for problem in parsed:
            SAYS[language](problem["message"])
            assert_english(problem["message_en"])


def test_the_formats_say_the_same_message_on_a_real_case(run_cli, tmp_path: Path) -> None:
    """github's annotation is json's message; json's message_en is what --lang en says."""
    data = write_data(tmp_path, next(c for c in SHAPE_CASES if c.name == "enum-method"))
    runs = {(fmt, lang): run_cli("validate", "--data", data, "--format", fmt, *lang, cwd=tmp_path)
            for fmt in ("github", "json") for lang in ((), ("--lang", "en"))}
    assert {result.exit_code for result in runs.values()} == {1}
    chinese, english = json.loads(runs["json", ()].out), json.loads(runs["json", ("--lang", "en")].out)
    assert [p["message"] for p in english] == [p["message_en"] for p in chinese]
    assert [p["rule"] for p in english] == [p["rule"] for p in chinese]
    for lang, parsed in (((), chinese), (("--lang", "en"), english)):
        found = annotations(runs["github", lang].out)
        assert [a["message"] for a in found] == [p["message"] for p in parsed]
        assert [a["title"] for a in found] == [p["rule"] for p in parsed]
