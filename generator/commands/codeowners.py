"""`gongshi codeowners`: write the repository's CODEOWNERS from regions.yaml's `reviewers`; and
the check `gongshi validate` runs (rule codeowners-outdated).

The repository's root is the folder holding the data folder (`--data`, default `data`): so
`gongshi codeowners --data ../portal/data` writes `../portal/.github/CODEOWNERS`, wherever it is
run from. The file is the one GitHub reads: the first of `.github/CODEOWNERS`, `CODEOWNERS` and
`docs/CODEOWNERS` that exists, else `.github/CODEOWNERS`. Its head comments are in the site's
language (mkdocs.yml), not in `--lang`: the file is part of the repository, like the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..codeowners import (
    COMMAND,
    Layout,
    codeowners_text,
    first_difference,
    names_reviewers,
    owned_regions,
)
from ..config import Settings
from ..dataset import Dataset
from ..errors import GongshiError, InvalidData, Problem, Rule, Severity
from ..words import Message
from ..words.review import REVIEW

# Where GitHub looks for CODEOWNERS, in the order it looks.
PLACES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")


def _shown(path: Path) -> str:
    """A path as editors type it (as `gongshi validate` shows the data folder's files): from the
    working directory when it is below it, else as given."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Repository:
    """The data folder, the repository around it and where its CODEOWNERS is."""

    data_dir: Path
    layout: Layout

    @classmethod
    def of(cls, data_dir: Path) -> Repository:
        root = data_dir.resolve().parent
        found = next((place for place in PLACES if (root / place).is_file()), PLACES[0])
        return cls(data_dir, Layout(data=data_dir.resolve().name, codeowners=found))

    @property
    def codeowners(self) -> Path:
        return self.data_dir.resolve().parent / self.layout.codeowners

    def shown_codeowners(self) -> str:
        return _shown(self.codeowners)

    def shown_regions(self) -> str:
        folder = _shown(self.data_dir)
        return "regions.yaml" if folder == "." else f"{folder}/regions.yaml"

    def command(self) -> str:
        """`gongshi codeowners` as typed from the working directory."""
        shown = _shown(self.data_dir)
        return COMMAND if shown == "data" else f"{COMMAND} --data {shown}"

    def read_codeowners(self) -> str | None:
        try:
            return self.codeowners.read_bytes().decode("utf-8", errors="replace")
        except (FileNotFoundError, IsADirectoryError):  # nothing GitHub would read
            return None


def write_codeowners(dataset: Dataset, settings: Settings) -> Message:
    """Write the CODEOWNERS of the dataset's repository (keeping what is written by hand above
    gongshi's part); say what was done. Refuses a region table with errors, or one that names
    no reviewers."""
    repository = Repository.of(dataset.data_dir)
    errors = [p for p in dataset.problems if p.is_error and p.path == repository.shown_regions()]
    if errors:
        raise InvalidData(errors)
    regions = list(dataset.regions.values())
    if not names_reviewers(regions):
        raise GongshiError(REVIEW.message("no_reviewers", regions=repository.shown_regions(),
                                          command=repository.command()))
    existing = repository.read_codeowners()
    wanted = codeowners_text(regions, repository.layout, settings.language, existing)
    shown = repository.shown_codeowners()
    if existing is not None and first_difference(existing, wanted) is None:
        return REVIEW.message("unchanged", path=shown)
    repository.codeowners.parent.mkdir(parents=True, exist_ok=True)
    repository.codeowners.write_text(wanted, encoding="utf-8")
    return REVIEW.message("written", path=shown, count=owned_regions(regions))


def codeowners_problems(dataset: Dataset, settings: Settings) -> list[Problem]:
    """A warning when regions.yaml names reviewers and CODEOWNERS is missing, or its generated
    part differs from what `gongshi codeowners` would write now (at the first line that does)."""
    regions = list(dataset.regions.values())
    if not names_reviewers(regions):
        return []
    repository = Repository.of(dataset.data_dir)
    shown = repository.shown_codeowners()
    values = {"regions": repository.shown_regions(), "command": repository.command()}
    existing = repository.read_codeowners()
    if existing is None:
        message = REVIEW.message("codeowners_missing", path=shown, **values)
        return [Problem(shown, None, None, Severity.WARNING, Rule.CODEOWNERS_OUTDATED, message)]
    wanted = codeowners_text(regions, repository.layout, settings.language, existing)
    line = first_difference(existing, wanted)
    if line is None:
        return []
    message = REVIEW.message("codeowners_outdated", **values)
    return [Problem(shown, line, None, Severity.WARNING, Rule.CODEOWNERS_OUTDATED, message)]
