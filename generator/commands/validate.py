"""`gongshi validate`: check every file and report every problem in one run."""

from __future__ import annotations

import json
from pathlib import Path

from ..attachments import oversized_attachments
from ..config import Settings
from ..dataset import Dataset, load_dataset
from ..errors import Problem, UsageError
from ..parsecache import ParseCache
from ..progress import SILENT, Progress
from ..words import COMMANDS, Message
from .codeowners import codeowners_problems

FORMATS = ("text", "json", "github")


def require_data_dir(data_dir: Path) -> None:
    if not data_dir.is_dir():
        raise UsageError(COMMANDS.message("data_missing", path=str(data_dir)))


def validate(data_dir: Path, settings: Settings, cache: ParseCache | None = None,
             progress: Progress = SILENT) -> Dataset:
    """Every notice and problem. A build passes the parse cache kept beside its output;
    `gongshi validate` has no output folder and reads every file afresh. `progress` counts
    the files validated."""
    require_data_dir(data_dir)
    dataset = load_dataset(data_dir, settings.tz, cache, progress, settings.legal_minimum_days)
    review = [*codeowners_problems(dataset, settings),
              *oversized_attachments(dataset, settings.max_attachment_mb)]
    if review:  # in file order, as the dataset's own problems are
        dataset.problems = sorted([*dataset.problems, *review], key=lambda problem: problem.path)
    return dataset


def blocking(problems: list[Problem], strict: bool) -> list[Problem]:
    """The problems that make the data invalid: errors, and warnings too under --strict."""
    return [p for p in problems if p.is_error or strict]


def format_problems(problems: list[Problem], output_format: str, language: str) -> str:
    """The problems as `--format` asks, their messages in `language` (json adds English)."""
    if output_format == "json":
        return json.dumps([p.as_dict(language) for p in problems], ensure_ascii=False, indent=2)
    if output_format == "github":
        return "\n".join(_github_annotation(p, language) for p in problems)
    return "\n".join(p.as_text(language) for p in problems)


def _github_annotation(problem: Problem, language: str) -> str:
    """A workflow command GitHub shows on the line: the message in `language`, the rule id as
    its title (the same in every language)."""
    fields = [f"file={problem.path}"]
    if problem.line is not None:
        fields.append(f"line={problem.line}")
        if problem.column is not None:
            fields.append(f"col={problem.column}")
    fields.append(f"title={problem.rule}")
    message = problem.text(language).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{problem.severity} {','.join(fields)}::{message}"


def summary(problems: list[Problem], notice_count: int) -> Message:
    """The line `validate` ends with: how many notices, errors and warnings."""
    errors = sum(1 for p in problems if p.is_error)
    return COMMANDS.message("validate_summary", notices=notice_count, errors=errors,
                            warnings=len(problems) - errors)
