"""The `gongshi` command: parse arguments, call one command function, turn our exceptions
into a one-line message and an exit status. The only place that prints errors or exits."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import NoReturn

from .config import Settings, load_settings
from .errors import GongshiError, InvalidData, UsageError, describe_os_error
from .model import NOTICE_TYPES, notice_json_schema


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would exit itself; we want one path
        raise UsageError(f"{self.prog}: {message} (see --help)")


Clock = Callable[[tzinfo], datetime]  # the time now, in the site's time zone


def system_clock(tz: tzinfo) -> datetime:
    """The computer's clock: what `main` reads "now" from unless a test gives it another."""
    return datetime.now(tz)


# Feeds, calendars and gzip need "now" as a POSIX time of 32 unsigned bits (until 2106); a
# build's clock has no business far from the present anyway.
EARLIEST_NOW = datetime(1971, 1, 1, tzinfo=UTC)
LATEST_NOW = datetime(2099, 12, 31, tzinfo=UTC)


def _now(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
        in_range = EARLIEST_NOW <= moment.replace(tzinfo=moment.tzinfo or UTC) <= LATEST_NOW
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(
            f"--now takes an ISO 8601 date or datetime, e.g. 2026-11-26T09:00+08:00; got {text!r}"
        ) from None
    if not in_range:
        raise argparse.ArgumentTypeError(
            f"--now must fall between {EARLIEST_NOW:%Y-%m-%d} and {LATEST_NOW:%Y-%m-%d}; got {text!r}")
    return moment


LANGUAGES = ("zh", "en")


def _add_language(parser: argparse.ArgumentParser) -> None:
    # Before or after the command name; absent, the site's language (extra.gongshi.language).
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help="language of messages: zh (default) or en")


def _build_parser() -> _Parser:
    parser = _Parser(prog="gongshi", description="公示: validate notices and build the portal")
    parser.add_argument("--config", type=Path, default=None,
                        help="site configuration (default: mkdocs.yml in the current folder)")
    _add_language(parser)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check every notice file")
    validate.add_argument("--data", type=Path, default=Path("data"))
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text")
    validate.add_argument("files", nargs="*", type=Path,
                          help="report only on these files (the whole data folder is still checked)")

    build = commands.add_parser("build", help="validate, then write the whole site")
    build.add_argument("--data", type=Path, default=Path("data"))
    build.add_argument("--out", type=Path, default=Path("site"))
    build.add_argument("--now", type=_now, default=None)
    build.add_argument("--strict", action="store_true")
    build.add_argument("--clean", action="store_true",
                       help="render every page afresh instead of reusing unchanged pages")

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on change")
    serve.add_argument("--data", type=Path, default=Path("data"))
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--now", type=_now, default=None)

    new = commands.add_parser("new", help="write a new notice file ready to fill in")
    new.add_argument("type", choices=NOTICE_TYPES)
    new.add_argument("--data", type=Path, default=Path("data"))
    new.add_argument("--region", default=None)
    new.add_argument("--project", default=None)

    commands.add_parser("schema", help="print the JSON Schema of a notice file")
    for command in commands.choices.values():
        _add_language(command)
    return parser


def _run_validate(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.validate import blocking, format_problems, summary, validate

    dataset = validate(args.data, settings)
    shown = dataset.problems
    if args.files:
        wanted = {path.resolve() for path in args.files}
        shown = [p for p in shown if Path(p.path).resolve() in wanted]
    output = format_problems(shown, args.format, args.lang)
    if output or args.format == "json":
        print(output)
    if args.format == "text":
        print(summary(shown, len(dataset.notices)), file=sys.stderr)
    return 1 if blocking(shown, args.strict) else 0


def _run_schema(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    print(json.dumps(notice_json_schema(), ensure_ascii=False, indent=2))
    return 0


def _run_build(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from .commands.build import build

    now = args.now or clock(settings.tz)  # read once: every page of a build is as of one instant
    report = build(args.data, args.out, settings, now=now, strict=args.strict,
                   config_file=args.config, clean=args.clean)
    for problem in report.warnings:
        print(problem.as_text(args.lang), file=sys.stderr)
    print(report.summary())
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


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings, Clock], int]] = {
    "validate": _run_validate,
    "schema": _run_schema,
    "build": _run_build,
    "serve": _run_serve,
    "new": _run_new,
}


# Commands that run the site engine need mkdocs.yml; validate, new and schema fall back to the
# default settings when there is none.
NEEDS_CONFIG = {"build", "serve"}


def _config_file(given: Path | None, command: str) -> Path:
    if given is not None:
        if given.is_dir():
            raise UsageError(f"--config {given} is a folder: give the mkdocs.yml file in it")
        if not given.is_file():
            raise UsageError(f"--config {given}: no such file")
        return given
    default = Path("mkdocs.yml")
    if command in NEEDS_CONFIG and not default.is_file():
        raise UsageError(f"no mkdocs.yml in {Path.cwd()}: run gongshi in the project folder, or "
                         "pass --config FILE before the command")
    return default


def _language_asked(argv: Sequence[str]) -> str | None:
    """The --lang of a command line, read before it is parsed: a usage error is said in it."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        elif arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        else:
            continue
        return value if value in LANGUAGES else None
    return None


def main(argv: Sequence[str] | None = None, clock: Clock = system_clock) -> int:
    """Run one command; `clock` is the only source of "now" (a build's, serve's, new's).
    Everything it prints is in --lang, else the site's language, else Chinese."""
    argv = list(sys.argv[1:] if argv is None else argv)
    language = _language_asked(argv) or "zh"
    try:
        parsed = _build_parser().parse_args(argv)
        config = _config_file(parsed.config, parsed.command)
        settings = load_settings(config)
        language = getattr(parsed, "lang", None) or settings.language
        args = argparse.Namespace(**{**vars(parsed), "config": config, "lang": language})
        return COMMANDS[args.command](args, settings, clock)
    except InvalidData as exc:
        from .commands.validate import format_problems

        print(format_problems(exc.problems, "text", language), file=sys.stderr)
        print(f"gongshi: {exc.text(language)}", file=sys.stderr)
        return exc.exit_code
    except GongshiError as exc:
        print(f"gongshi: {exc.text(language)}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the machine failed (a full disk, a read-only folder), not the data
        print(f"gongshi: {describe_os_error(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130



if __name__ == "__main__":  # python3 -m generator.cli, as the tests run it in a subprocess
    sys.exit(main())
