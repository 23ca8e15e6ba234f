"""One clear line, never a traceback, for what an operator can get wrong around the data:
the configuration file, the clock, the output path. (A full disk and a read-only output are
in test_disk_faults.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_NOW, VALID_TENDER


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("gongshi: ") and "Traceback" not in err
    return lines[0]


@pytest.fixture
def data(make_data) -> Path:
    return make_data({"2026/420902/XN-GC-2026-001.yaml": VALID_TENDER})


def test_build_outside_the_project_says_where_mkdocs_yml_is_missing(
    run_cli, data: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("build", "--data", data, "--out", elsewhere / "site", "--now", SAMPLE_NOW,
                     cwd=elsewhere)
    assert result.exit_code == 2
    assert f"{elsewhere} 中没有 mkdocs.yml" in one_line(result.err)
    assert not (elsewhere / "site").exists()


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_missing_config_file_is_named(run_cli, data: Path, tmp_path: Path, command: str) -> None:
    result = run_cli("--config", tmp_path / "nope.yml", command, "--data", data)
    assert result.exit_code == 2
    assert one_line(result.err) == f"gongshi: `--config` 给出的文件 {tmp_path / 'nope.yml'} 不存在"


def test_a_config_folder_is_refused(run_cli, data: Path, tmp_path: Path) -> None:
    result = run_cli("--config", tmp_path, "build", "--data", data)
    assert result.exit_code == 2
    assert "是文件夹：请给出其中的 mkdocs.yml 文件" in one_line(result.err)


@pytest.mark.parametrize("now", ["0001-01-01T00:00+14:00", "9999-12-31T23:59", "1970-01-01",
                                 "2106-02-08T00:00Z", "2026-13-01"])
def test_now_at_the_edges_of_the_calendar_is_a_usage_error(
    run_cli, data: Path, tmp_path: Path, now: str
) -> None:
    result = run_cli("--config", REPO / "mkdocs.yml", "build", "--data", data,
                     "--out", tmp_path / "site", "--now", now)
    assert result.exit_code == 2
    assert "--now" in one_line(result.err)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("now", ["1971-01-01T00:00Z", "2099-12-30T23:59+08:00"])
def test_now_inside_the_range_builds(run_cli, data: Path, tmp_path: Path, now: str) -> None:
    result = run_cli("--config", REPO / "mkdocs.yml", "build", "--data", data,
                     "--out", tmp_path / "site", "--now", now)
    assert result.exit_code == 0, result.err
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_relative_out_with_the_config_elsewhere_is_relative_to_the_current_folder(
    run_cli, data: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(
        ".git", "site", ".*.gongshi-*", "test-artifacts", "tests", "benchmarks", "data"))
    here = tmp_path / "here"
    here.mkdir()
    result = run_cli("--config", project / "mkdocs.yml", "build", "--data", data,
                     "--out", "rel", "--now", SAMPLE_NOW, cwd=here)
    assert result.exit_code == 0, result.err
    assert (here / "rel" / "notices" / "XN-GC-2026-001" / "index.html").is_file()
    assert not (project / "rel").exists()
