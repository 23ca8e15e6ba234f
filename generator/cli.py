"""The `gongshi` command: parse arguments, call one command function, turn our exceptions
into a one-line message and an exit status. The only place that prints errors or exits.

Everything is said in one language: --lang, else the site's (`extra.gongshi.language` of
mkdocs.yml or of --config), else Chinese. It is read before the command line is parsed
(`_language_before_parsing`), so that --help and the command line's own errors are said in it;
argparse's English errors are turned into sentences of the catalogue (`_said_our_way`)."""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, NoReturn

from .config import DEFAULT_LANGUAGE, Settings, configured_language, load_settings
from .errors import GongshiError, InvalidData, UsageError, describe_os_error
from .model import NOTICE_TYPES
from .progress_display import Shown, choose_progress
from .words import COMMANDS, IMPORTING, LANGUAGES, VERIFYING, VOCABULARIES, Message, Series, shown


class _Exit(Exception):
    """argparse is done (it showed --help): `main` returns `status` instead of the process exiting."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse with its errors raised as our UsageError, said our way (`_said_our_way`), and
    its exit after --help returned to `main`. `arguments` holds each action under the name
    argparse's messages give it (`--format`, `type`, `command`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "add_help": False})  # ours is in the chosen language
        self.arguments: dict[str, argparse.Action] = {}

    def error(self, message: str) -> NoReturn:  # argparse would exit itself; we want one path
        raise _usage_error(self.prog, _said_our_way(message, self))

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Exit(status)

    def known(self, action: argparse.Action) -> argparse.Action:
        """Keep `action` under the name argparse's messages give it."""
        name = "/".join(action.option_strings) or action.metavar or action.dest
        self.arguments[str(name)] = action
        return action


Clock = Callable[[tzinfo], datetime]  # the time now, in the site's time zone


def system_clock(tz: tzinfo) -> datetime:
    """The computer's clock: what `main` reads "now" from unless a test gives it another."""
    return datetime.now(tz)


# Feeds, calendars and gzip need "now" as a POSIX time of 32 unsigned bits (until 2106); a
# build's clock has no business far from the present anyway.
EARLIEST_NOW = datetime(1971, 1, 1, tzinfo=UTC)
LATEST_NOW = datetime(2099, 12, 31, tzinfo=UTC)


def _now(text: str, prog: str) -> datetime:
    """--now, read after parsing (so that its errors are ours, not argparse's)."""
    try:
        moment = datetime.fromisoformat(text)
        in_range = EARLIEST_NOW <= moment.replace(tzinfo=moment.tzinfo or UTC) <= LATEST_NOW
    except (ValueError, OverflowError):
        raise _usage_error(prog, COMMANDS.message("now_format", value=shown(text))) from None
    if not in_range:
        raise _usage_error(prog, COMMANDS.message(
            "now_range", earliest=f"{EARLIEST_NOW:%Y-%m-%d}", latest=f"{LATEST_NOW:%Y-%m-%d}",
            value=shown(text)))
    return moment


# --- the parser, its --help in the chosen language ------------------------------------------------


class _Command:
    """One parser and its two groups, headed in the chosen language: arguments and options."""

    def __init__(self, parser: _Parser, words: Mapping[str, str]) -> None:
        self.parser = parser
        self.words = words
        self.arguments = parser.add_argument_group(words["help_arguments"])
        self.options = parser.add_argument_group(words["help_options"])
        self.option("-h", "--help", action="help", default=argparse.SUPPRESS, help_key="help_help")
        # Before or after the command name; absent, the site's language (extra.gongshi.language).
        self.option("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help_key="help_lang")

    def option(self, *names: str, help_key: str, **kwargs: Any) -> None:
        """`help_key` names the catalogue entry of the option's help text."""
        group = self.options if names[0].startswith("-") else self.arguments
        self.parser.known(group.add_argument(*names, help=self.words[help_key], **kwargs))


def _build_parser(language: str = DEFAULT_LANGUAGE) -> _Parser:
    """The command line; its --help in `language`. (argparse's own headings, `usage:`, stay
    as argparse writes them.)"""
    words = {**COMMANDS.words(language), **VERIFYING.words(language)}  # help of verify, log-key
    words_of_import = {**words, **IMPORTING.words(language)}
    top = _Command(_Parser(prog="gongshi", description=words["help_description"]), words)
    top.option("--config", type=Path, default=None, metavar="FILE", help_key="help_config")
    commands = top.parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                         title=words["help_commands"])
    top.parser.known(commands)

    def command(name: str) -> _Command:
        help_text = words[f"help_{name.replace('-', '_')}"]
        return _Command(commands.add_parser(name, help=help_text, description=help_text), words)

    validate = command("validate")
    validate.option("--data", type=Path, default=Path("data"), metavar="DIR", help_key="help_data")
    validate.option("--strict", action="store_true", help_key="help_strict")
    validate.option("--format", choices=("text", "json", "github"), default="text", help_key="help_format")
    validate.option("files", nargs="*", type=Path, metavar="FILE", help_key="help_files")

    build = command("build")
    build.option("--data", type=Path, default=Path("data"), metavar="DIR", help_key="help_data")
    build.option("--out", type=Path, default=Path("site"), metavar="DIR", help_key="help_out")
    build.option("--now", default=None, metavar="DATETIME", help_key="help_now")
    build.option("--strict", action="store_true", help_key="help_strict")
    build.option("--clean", action="store_true", help_key="help_clean")
    build.option("--check-remote", action="store_true", help_key="help_check_remote")
    build.option("--record", action="store_true", help_key="help_record")

    serve = command("serve")
    serve.option("--data", type=Path, default=Path("data"), metavar="DIR", help_key="help_data")
    serve.option("--port", type=int, default=8000, metavar="PORT", help_key="help_port")
    serve.option("--now", default=None, metavar="DATETIME", help_key="help_now")

    new = command("new")
    new.option("type", choices=NOTICE_TYPES, help_key="help_type")
    new.option("--data", type=Path, default=Path("data"), metavar="DIR", help_key="help_data")
    new.option("--region", default=None, metavar="CODE", help_key="help_region")
    new.option("--project", default=None, metavar="CODE", help_key="help_project")

    command("schema")

    importing = _Command(commands.add_parser("import", help=words_of_import["help_import"],
                                             description=words_of_import["help_import"]), words_of_import)
    importing.option("files", nargs="*", type=Path, metavar="FILE", help_key="help_import_files")
    importing.option("--data", type=Path, default=Path("data"), metavar="DIR", help_key="help_data")
    importing.option("--partial", action="store_true", help_key="help_partial")
    importing.option("--update", action="store_true", help_key="help_update")
    importing.option("--region", default=None, metavar="CODE", help_key="help_import_region")
    importing.option("--template", default=None, metavar="TYPE", help_key="help_template")
    importing.option("--out", type=Path, default=None, metavar="FILE", help_key="help_template_out")

    codeowners = command("codeowners")
    codeowners.option("--data", type=Path, default=Path("data"), metavar="DIR", help_key="help_data")

    verify = command("verify")
    verify.option("site", metavar="SITE", help_key="help_site")
    verify.option("--since", default=None, metavar="CHECKPOINT", help_key="help_since")

    log_key = command("log-key")
    log_key.option("name", metavar="NAME", help_key="help_key_name")
    log_key.option("--out", type=Path, required=True, metavar="FILE", help_key="help_key_out")
    return top.parser


# --- argparse's errors, said our way --------------------------------------------------------------
# argparse says its errors in English, in a few fixed forms (Python 3.11–3.13): each known form
# becomes a sentence of the catalogue; anything else a general one. Never argparse's words.

Form = Callable[[re.Match[str], _Parser], Message]


def _usage_error(prog: str, problem: Message) -> UsageError:
    return UsageError(COMMANDS.message("usage", problem=problem, prog=prog))


def _said_our_way(message: str, parser: _Parser) -> Message:
    for pattern, form in FORMS:
        found = pattern.fullmatch(message)
        if found:
            return form(found, parser)
    return COMMANDS.message("usage_unclear")


def _argument(name: str) -> Message:
    """An argument as argparse names it (`--format`, `type`, `command`), named in our words."""
    if name.startswith("-"):
        return COMMANDS.message("argument_option", option=name)
    if name in ("command", "type"):
        return COMMANDS.message(f"argument_{name}")
    return COMMANDS.message("argument_named", name=shown(name))


def _choices(action: argparse.Action) -> Series:
    # the notice types are named too: 招标公告 `tender`
    names = VOCABULARIES["type"] if action.dest == "type" else None
    return Series.of([COMMANDS.message("choice", code=code) if names is None
                      else COMMANDS.message("choice_named", name=names[code], code=code)
                      for code in action.choices or ()])


def _codes(items: Sequence[str]) -> Series:
    return Series.of([COMMANDS.message("choice", code=shown(item)) for item in items])


def _typed(literal: str) -> str:
    """A value argparse shows as Python writes it ('xml'), as it was typed (xml)."""
    try:
        value = ast.literal_eval(literal)
    except (ValueError, SyntaxError):
        return shown(literal)
    return shown(value)


def _missing(found: re.Match[str], parser: _Parser) -> Message:
    names = found["names"].split(", ")
    action = parser.arguments.get(names[0])
    if len(names) == 1 and action is not None and action.choices:
        first = next(iter(action.choices))
        return COMMANDS.message("usage_missing_choice", argument=_argument(names[0]),
                                choices=_choices(action), example=f"{parser.prog} {first}")
    return COMMANDS.message("usage_missing", arguments=Series.of([_argument(n) for n in names]))


def _unknown(found: re.Match[str], parser: _Parser) -> Message:
    return COMMANDS.message("usage_unknown", prog=parser.prog, arguments=_codes(found["arguments"].split()))


def _not_a_choice(found: re.Match[str], parser: _Parser) -> Message:
    action = parser.arguments.get(found["argument"])
    if action is None or not action.choices:
        return _invalid(found, parser)
    return COMMANDS.message("usage_choice", argument=_argument(found["argument"]),
                            value=_typed(found["value"]), choices=_choices(action))


def _value_missing(found: re.Match[str], parser: _Parser) -> Message:
    name = found["argument"]
    action = parser.arguments.get(name)
    option = action.option_strings[-1] if action is not None and action.option_strings else name
    if action is not None and action.choices:
        example = f"{option} {next(iter(action.choices))}"
    else:
        example = f"{option} {(action.metavar if action else None) or 'VALUE'}"
    return COMMANDS.message("usage_value_missing", argument=_argument(name), example=example)


def _value_unwanted(found: re.Match[str], parser: _Parser) -> Message:
    return COMMANDS.message("usage_value_unwanted", argument=_argument(found["argument"]),
                            option=found["argument"], value=_typed(found["value"]))


def _invalid(found: re.Match[str], parser: _Parser) -> Message:
    kind = "usage_not_a_number" if found.groupdict().get("type") == "int" else "usage_invalid_value"
    return COMMANDS.message(kind, argument=_argument(found["argument"]), value=_typed(found["value"]))


def _ambiguous(found: re.Match[str], parser: _Parser) -> Message:
    return COMMANDS.message("usage_ambiguous", option=shown(found["option"]),
                            matches=_codes(found["matches"].split(", ")))


def _wrong_argument(found: re.Match[str], parser: _Parser) -> Message:
    return COMMANDS.message("usage_wrong_argument", argument=_argument(found["argument"]))


ARGUMENT = r"argument (?P<argument>\S+): "
FORMS: tuple[tuple[re.Pattern[str], Form], ...] = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), _missing),
    (re.compile(r"unrecognized arguments: (?P<arguments>.*)"), _unknown),
    (re.compile(ARGUMENT + r"invalid choice: (?P<value>.*) \(choose from .*\)"), _not_a_choice),
    (re.compile(ARGUMENT + r"expected (?:one|\d+) arguments?"), _value_missing),
    (re.compile(ARGUMENT + r"ignored explicit argument (?P<value>.*)"), _value_unwanted),
    (re.compile(ARGUMENT + r"invalid (?P<type>\w+) value: (?P<value>.*)"), _invalid),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"), _ambiguous),
    (re.compile(ARGUMENT + r".*"), _wrong_argument),
)


def _progress(args: argparse.Namespace, *, quiet: bool = False) -> Shown:
    """What the command shows of its progress, on stderr (generator/progress_display.py)."""
    return choose_progress(args.lang, stdout=sys.stdout, stderr=sys.stderr, quiet=quiet)


def _run_validate(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.validate import blocking, format_problems, summary, validate

    with _progress(args, quiet=args.format == "json") as progress:
        dataset = validate(args.data, settings, progress=progress)
    shown = dataset.problems
    if args.files:
        wanted = {path.resolve() for path in args.files}
        shown = [p for p in shown if Path(p.path).resolve() in wanted]
    output = format_problems(shown, args.format, args.lang)
    if output or args.format == "json":
        print(output)
    if args.format == "text":
        print(summary(shown, len(dataset.notices)).in_language(args.lang), file=sys.stderr)
    return 1 if blocking(shown, args.strict) else 0


def _run_schema(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .schema import notice_json_schema

    print(json.dumps(notice_json_schema(args.lang), ensure_ascii=False, indent=2))
    return 0


def _run_codeowners(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.codeowners import write_codeowners
    from .commands.validate import validate

    print(write_codeowners(validate(args.data, settings), settings).in_language(args.lang))
    return 0


def _run_build(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.build import build

    now = args.now or clock(settings.tz)  # read once: every page of a build is as of one instant
    key = os.environ.get("GONGSHI_LOG_KEY") or None  # a file's path (a CI secret), never the key
    with _progress(args) as progress:
        report = build(args.data, args.out, settings, now=now, strict=args.strict,
                       config_file=args.config, clean=args.clean, progress=progress,
                       check_remote=args.check_remote,
                       record=args.record, log_key=Path(key) if key else None)
    for problem in report.warnings:
        print(problem.as_text(args.lang), file=sys.stderr)
    for line in report.ledger:
        print(line.in_language(args.lang), file=sys.stderr)
    print(report.summary().in_language(args.lang))
    return 0


def _run_serve(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.serve import serve

    serve(args.data, settings, port=args.port, now=args.now, config_file=args.config, language=args.lang,
          clock=lambda: clock(settings.tz),  # "now" at each rebuild when --now is absent
          log=lambda line: print(line, file=sys.stderr, flush=True))
    return 0  # Ctrl-C ends serve normally


def _run_new(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.new import new_notice

    made = new_notice(args.type, args.data, settings, region=args.region, project=args.project,
                      now=clock(settings.tz), language=args.lang)
    print(made.path.as_posix())
    print(made.report().in_language(args.lang), file=sys.stderr)
    return 0


def _run_import(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.import_ import run_import

    said = run_import(args, settings)
    for line in said.out:
        print(line)
    for line in said.err:
        print(line, file=sys.stderr)
    return said.exit_code


def _run_verify(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.verify import verify

    verified = verify(args.site, settings, since=args.since)
    for note in verified.notes:
        print(note.in_language(args.lang), file=sys.stderr)
    print(verified.summary().in_language(args.lang))
    return 0


def _run_log_key(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.verify import write_key

    said, verifier_key = write_key(args.name, args.out)
    print(said.in_language(args.lang), file=sys.stderr)
    print(verifier_key)
    return 0


RUNNERS: dict[str, Callable[[argparse.Namespace, Settings, Clock], int]] = {
    "validate": _run_validate,
    "schema": _run_schema,
    "build": _run_build,
    "serve": _run_serve,
    "new": _run_new,
    "codeowners": _run_codeowners,
    "import": _run_import,


    "verify": _run_verify,
    "log-key": _run_log_key,
}


# Commands that run the site engine need mkdocs.yml; validate, new and schema fall back to the
# default settings when there is none.
NEEDS_CONFIG = {"build", "serve"}


def _config_file(given: Path | None, command: str) -> Path:
    if given is not None:
        if given.is_dir():
            raise UsageError(COMMANDS.message("config_folder", path=str(given)))
        if not given.is_file():
            raise UsageError(COMMANDS.message("config_missing", path=str(given)))
        return given
    default = Path("mkdocs.yml")
    if command in NEEDS_CONFIG and not default.is_file():
        raise UsageError(COMMANDS.message("config_not_found", folder=str(Path.cwd())))
    return default


def _option_value(argv: Sequence[str], option: str) -> str | None:
    """The value of `option` on a command line not parsed yet (`--lang en`, `--lang=en`)."""
    for index, arg in enumerate(argv):
        if arg.startswith(f"{option}="):
            return arg.removeprefix(f"{option}=")
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
    return None


def _language_before_parsing(argv: Sequence[str]) -> str:
    """The language of everything printed, known before the command line is parsed so that
    --help and its errors are said in it: --lang, else the site's (the language of --config or
    of mkdocs.yml in the current folder), else Chinese. Read here, both options count only
    spelled in full; parsed, an abbreviation (`--la en`) counts from the command's output on."""
    asked = _option_value(argv, "--lang")
    if asked in LANGUAGES:
        return asked
    config = _option_value(argv, "--config")
    return configured_language(Path(config or "mkdocs.yml")) or DEFAULT_LANGUAGE


def _understood(argv: Sequence[str], language: str) -> tuple[argparse.Namespace, Settings]:
    """The command line parsed and checked, with the settings it names; `lang` is the language
    of what the command prints."""
    parser = _build_parser(language)
    parsed, unknown = parser.parse_known_args(argv)
    prog = f"{parser.prog} {parsed.command}"
    if unknown:
        raise _usage_error(prog, COMMANDS.message("usage_unknown", prog=prog, arguments=_codes(unknown)))
    values = vars(parsed)
    if values.get("now") is not None:
        values["now"] = _now(values["now"], prog)
    config = _config_file(parsed.config, parsed.command)
    settings = load_settings(config)
    values.update(config=config, lang=values.get("lang") or settings.language)
    return argparse.Namespace(**values), settings


def main(argv: Sequence[str] | None = None, clock: Clock = system_clock) -> int:
    """Run one command; `clock` is the only source of "now" (a build's, serve's, new's).
    Everything it prints is in --lang, else the site's language, else Chinese."""
    argv = list(sys.argv[1:] if argv is None else argv)
    language = _language_before_parsing(argv)
    try:
        args, settings = _understood(argv, language)
        language = args.lang
        return RUNNERS[args.command](args, settings, clock)
    except _Exit as done:  # --help was shown
        return done.status
    except InvalidData as exc:
        from .commands.validate import format_problems

        print(format_problems(exc.problems, "text", language), file=sys.stderr)
        print(f"gongshi: {exc.text(language)}", file=sys.stderr)
        return exc.exit_code
    except GongshiError as exc:
        print(f"gongshi: {exc.text(language)}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the machine failed (a full disk, a read-only folder), not the data
        print(f"gongshi: {describe_os_error(exc).in_language(language)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # python3 -m generator.cli, as the tests run it in a subprocess
    sys.exit(main())
