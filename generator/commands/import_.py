"""`gongshi import FILE…` and `gongshi import --template TYPE --out FILE`: a thin layer over
generator/importing/ that says what it did, in the messages' language.

Exit codes: 0 written (or nothing to write), 1 a record with errors (nothing written unless
--partial; with --partial, 1 still says some were left out), 2 a usage error."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import UsageError
from ..importing.run import ImportOptions, ImportReport, import_files
from ..importing.workbook import template_types, write_template
from ..load import YamlFileError, read_yaml
from ..model import NOTICE_TYPES
from ..words import IMPORTING, VOCABULARIES, Series
from ..words.editing import EDITING
from .validate import require_data_dir

DEFAULT_EXAMPLE_REGION = "420000"


@dataclass
class Said:
    exit_code: int
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)


def run_import(args: argparse.Namespace, settings: Settings) -> Said:
    if args.template is not None:
        return _template(args, settings)
    if args.out is not None:
        raise UsageError(IMPORTING.message("template_needs_out"))
    if not args.files:
        raise UsageError(IMPORTING.message("no_files"))
    options = ImportOptions(partial=args.partial, update=args.update, region=args.region)
    report = import_files(list(args.files), args.data, settings, options)
    return _said(report, args.lang, partial=args.partial)


def _said(report: ImportReport, language: str, *, partial: bool) -> Said:
    said = Said(1 if report.invalid else 0)
    said.err += [problem.as_text(language) for problem in report.problems]
    said.out += [IMPORTING.message("written", path=path.as_posix()).in_language(language)
                 for path in report.written]
    said.out += [IMPORTING.message("updated", path=path.as_posix(), changes=Series.of(list(changes)))
                 .in_language(language) for path, changes in report.updated]
    if partial:
        said.err += [IMPORTING.message("rejected", where=where).in_language(language) for where in report.rejected]
    elif report.invalid:
        said.err.append(IMPORTING.message("nothing_written", invalid=report.invalid).in_language(language))
    said.err.append(report.summary().in_language(language))
    return said


def _template(args: argparse.Namespace, settings: Settings) -> Said:
    if args.files:
        raise UsageError(IMPORTING.message("template_and_files"))
    if args.out is None:
        raise UsageError(IMPORTING.message("template_needs_out"))
    if args.template != "all" and args.template not in NOTICE_TYPES:
        choices = Series.of([EDITING.message("choice", name=VOCABULARIES["type"][code], code=code)
                             for code in NOTICE_TYPES])
        raise UsageError(IMPORTING.message("template_type", type=args.template, choices=choices))
    types = template_types(args.template)
    write_template(args.out, types, args.lang, _example_region(args.data), settings.timezone)
    return Said(0, [IMPORTING.message("template_written", path=args.out.as_posix(), sheets=len(types))
                    .in_language(args.lang)])


def _example_region(data_dir: Path) -> str:
    """The example rows' region: the first of the data folder's regions.yaml, if it has one."""
    try:
        require_data_dir(data_dir)
        document = read_yaml(data_dir / "regions.yaml", "regions.yaml", max_values=None)
    except (UsageError, YamlFileError, OSError):
        return DEFAULT_EXAMPLE_REGION
    data = document.data
    if isinstance(data, list) and data and isinstance(data[0], dict) and data[0].get("code"):
        return str(data[0]["code"])
    return DEFAULT_EXAMPLE_REGION
