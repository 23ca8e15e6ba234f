"""Progress on long work (issue #18, item 7): the stages count their units through a reporter
(generator/progress.py); the command line shows them on a terminal as rich's progress display,
elsewhere as one plain line per stage, and never with `--format json`."""

from __future__ import annotations

import inspect
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REGIONS_YAML, REPO, VALID_TENDER
from rich.console import Console

from generator.commands.build import build
from generator.commands.validate import validate
from generator.dataset import load_dataset
from generator.progress import SILENT, STAGES, tracked
from generator.progress_display import (
    LARGE_RUN,
    LargeRunsOnly,
    PlainProgress,
    TerminalProgress,
    choose_progress,
)
from generator.publish import bring_up_to_date
from generator.words import COMMANDS

NOW = "2026-04-10T12:00+08:00"
ANSI = re.compile(r"\x1b\[")
EN_LINE = re.compile(r"(?P<stage>[a-z ]+): (?P<count>\d+) in (?P<seconds>\d+\.\d) s \((?P<rate>\d+)/s\)")


def _data(root: Path) -> Path:
    """Three tenders in two years (two search shards)."""
    data = root / "data"
    (data / "notices" / "2026").mkdir(parents=True)
    (data / "files").mkdir()
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for number, published in (("001", "2026-03-01 09:00"), ("002", "2026-03-02 09:00"),
                              ("003", "2025-12-02 09:00")):
        text = (VALID_TENDER.replace("XN-GC-2026-001", f"XN-GC-2026-{number}")
                .replace("published: 2026-03-01 09:00", f"published: {published}"))
        (data / "notices" / "2026" / f"XN-GC-2026-{number}.yaml").write_text(text, encoding="utf-8")
    return data


def _gongshi(*args: str, progress: str | None) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own, its outputs pipes (not a terminal)."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("CI", "GONGSHI_PROGRESS")}
    if progress is not None:
        environment["GONGSHI_PROGRESS"] = progress
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "--config", str(REPO / "mkdocs.yml"), *args],
        env={**environment, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
        timeout=300, check=False)


def _stage_lines(err: str) -> dict[str, int]:
    """The English plain lines of `err`, stage → count; every line of progress is one."""
    names = {COMMANDS.words("en")[f"progress_{stage}"]: stage for stage in STAGES}
    counts: dict[str, int] = {}
    for line in err.splitlines():
        found = EN_LINE.fullmatch(line)
        if found and found["stage"] in names:
            stage = names[found["stage"]]
            assert stage not in counts, f"two lines for {stage}:\n{err}"
            counts[stage] = int(found["count"])
    return counts


def test_a_build_off_a_terminal_says_each_stage_on_one_plain_line(tmp_path: Path) -> None:
    data = _data(tmp_path)
    out = tmp_path / "site"
    built = _gongshi("--lang", "en", "build", "--data", str(data), "--out", str(out), "--now", NOW,
                     progress="plain")
    assert built.returncode == 0, built.stderr
    assert not ANSI.search(built.stderr) and "\r" not in built.stderr, built.stderr
    counts = _stage_lines(built.stderr)
    assert list(counts) == list(STAGES), built.stderr  # one line per stage, in build order
    summary = re.search(r"(\d+) generated page\(s\) \((\d+) rendered", built.stdout)
    assert summary, built.stdout
    listed = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    shards = [entry["name"] for entry in listed["shards"]]
    published = [path for path in out.rglob("*") if path.is_file()]
    # every Pagefind run counts: the notices' shards and the organisations' index (issue #15)
    # the pages the build made (the summary's "rendered") are the engine's and those filled from
    # its frames (render/frames.py); the engine also renders the frames, never published
    frames = counts["rendered"] + counts["filled"] - int(summary[2])
    assert 0 < frames <= 12 and counts["filled"] > 0, built.stderr
    assert counts == {"validated": 3, "pages": int(summary[1]), "rendered": counts["rendered"],
                      "filled": counts["filled"], "indexed": len(shards) + len(listed["entities"]),
                      "written": len(published)}
    assert len(shards) == 2 and listed["entities"] == ["entities"]
    assert "progress" not in built.stdout and not _stage_lines(built.stdout)  # stdout: the summary only


def test_validate_says_its_files_and_json_stays_pure(tmp_path: Path) -> None:
    data = _data(tmp_path)
    text = _gongshi("--lang", "en", "validate", "--data", str(data), progress="plain")
    assert text.returncode == 0, text.stderr
    assert _stage_lines(text.stderr) == {"validated": 3}

    said = _gongshi("validate", "--data", str(data), progress="plain")  # Chinese by default
    line = COMMANDS.words("zh")["progress_validated"] + "：3 个，用时 "
    assert any(entry.startswith(line) for entry in said.stderr.splitlines()), said.stderr

    for progress in ("plain", "terminal", None):
        as_json = _gongshi("validate", "--data", str(data), "--format", "json", progress=progress)
        assert as_json.returncode == 0, as_json.stderr
        assert json.loads(as_json.stdout) == []
        assert as_json.stderr == "", as_json.stderr


def test_a_small_run_off_a_terminal_shows_no_progress_by_default(tmp_path: Path) -> None:
    data = _data(tmp_path)
    checked = _gongshi("--lang", "en", "validate", "--data", str(data), progress=None)
    assert checked.returncode == 0
    assert checked.stderr.strip().splitlines() == ["3 notice(s) checked: 0 error(s), 0 warning(s)"]


def test_a_large_folder_off_a_terminal_is_said_in_a_plain_line_by_default(tmp_path: Path) -> None:
    data = _data(tmp_path)
    for number in range(LARGE_RUN - 3):
        code = f"XN-GC-2026-{number:04d}"
        (data / "notices" / "2026" / f"{code}.yaml").write_text(
            VALID_TENDER.replace("XN-GC-2026-001", code), encoding="utf-8")
    checked = _gongshi("--lang", "en", "validate", "--data", str(data), progress=None)
    assert checked.returncode == 0, checked.stderr
    assert _stage_lines(checked.stderr) == {"validated": LARGE_RUN}
    assert len(checked.stderr.strip().splitlines()) == 2  # and the summary
    assert not ANSI.search(checked.stderr) and "\r" not in checked.stderr


def test_a_wrong_progress_setting_is_a_usage_error(tmp_path: Path) -> None:
    checked = _gongshi("--lang", "en", "validate", "--data", str(_data(tmp_path)), progress="bars")
    assert checked.returncode == 2
    assert "GONGSHI_PROGRESS" in checked.stderr and "'bars'" in checked.stderr, checked.stderr


def test_off_a_terminal_the_command_line_chooses_plain_lines_for_large_runs() -> None:
    err = io.StringIO()
    with choose_progress("en", stdout=io.StringIO(), stderr=err, environment={}) as progress:
        assert isinstance(progress, LargeRunsOnly) and isinstance(progress.shown, PlainProgress)
    with choose_progress("en", stdout=io.StringIO(), stderr=err,
                         environment={"GONGSHI_PROGRESS": "terminal"}) as progress:
        assert isinstance(progress, TerminalProgress)
    with choose_progress("en", stdout=io.StringIO(), stderr=err,
                         environment={"GONGSHI_PROGRESS": "plain"}, quiet=True) as progress:
        assert progress is SILENT  # --format json
    assert err.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("environment", "drawn"), [
    ({}, True), ({"CI": "true"}, False), ({"CI": "false"}, True), ({"TERM": "dumb"}, False)])
def test_a_terminal_gets_the_display_unless_in_ci(environment: dict[str, str], drawn: bool) -> None:
    chosen = choose_progress("en", stdout=_Terminal(), stderr=_Terminal(), environment=environment)
    with chosen as progress:
        assert isinstance(progress, LargeRunsOnly)
        assert isinstance(progress.shown, TerminalProgress if drawn else PlainProgress)
    half = choose_progress("en", stdout=io.StringIO(), stderr=_Terminal(), environment=environment)
    with half as progress:  # stdout to a file or a pipe
        assert isinstance(progress, LargeRunsOnly) and isinstance(progress.shown, PlainProgress)


def test_only_a_large_run_is_shown() -> None:
    times = iter(range(100))
    err = io.StringIO()
    plain = PlainProgress(err, "en", timer=lambda: float(next(times)))
    small = LargeRunsOnly(plain, smallest=3)
    list(tracked(small, "validated", ["a", "b"]))
    list(tracked(small, "pages", range(5)))
    assert err.getvalue() == ""
    large = LargeRunsOnly(plain, smallest=3)
    list(tracked(large, "validated", ["a", "b", "c"]))
    list(tracked(large, "pages", iter(range(5))))  # no total known in advance
    assert err.getvalue().splitlines() == ["notice files validated: 3 in 1.0 s (3/s)",
                                           "pages prepared: 5 in 1.0 s (5/s)"]


def test_on_a_terminal_each_stage_is_a_bar_with_its_counts() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=150, color_system="standard")
    with TerminalProgress(console, "en") as progress:
        list(tracked(progress, "validated", ["a", "b", "c"]))
        shards = progress.stage("indexed", None)
        shards.advance(2)
        shards.done()
    drawn = ANSI.sub("", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue()))
    last = drawn.rsplit("\r", 1)[-1] if "\r" in drawn else drawn
    assert "━" in last  # rich's bar
    validated = next(line for line in last.splitlines() if "notice files validated" in line)
    indexed = next(line for line in last.splitlines() if "search shards indexed" in line)
    assert "3/3" in validated and "2/2" in indexed, last


def test_library_callers_get_the_silent_reporter(tmp_path: Path, capsys) -> None:
    for function in (build, validate, load_dataset, bring_up_to_date):
        assert inspect.signature(function).parameters["progress"].default is SILENT, function
    from generator.config import load_settings

    validate(_data(tmp_path), load_settings(REPO / "mkdocs.yml"))
    assert capsys.readouterr() == ("", "")
