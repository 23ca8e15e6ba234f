"""The editor's safety nets outside the generator: the GitHub Actions workflow and the
pre-commit hooks are valid, trigger when they should and call only commands that exist."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REGIONS_YAML, REPO, VALID_TENDER

from generator.cli import _build_parser

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key `on` as true
    return workflow.get("on", workflow.get(True))


def run_lines(workflow: dict) -> list[tuple[str, str]]:
    """(job id, command line) for every line of every `run:` step."""
    found = []
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            script = step.get("run", "").replace("\\\n", " ")
            found += [(job_id, line.strip()) for line in script.splitlines()
                      if line.strip() and not line.strip().startswith("#")]
    return found


def gongshi_args(command: str) -> list[str]:
    words = shlex.split(command)
    assert words[0] == "gongshi", command
    return words[1:]


def parses(args: list[str]) -> Any:
    """Our own parser accepts the command (it raises UsageError on anything unknown)."""
    return _build_parser().parse_args(args)


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job.get("steps", []) if "uses" in step]


# --- the workflow -------------------------------------------------------------------------------


def test_workflow_is_valid_yaml_with_the_three_triggers():
    workflow = load(WORKFLOW)
    on = triggers(workflow)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    crons = [entry["cron"] for entry in on["schedule"]]
    assert crons and all(len(cron.split()) == 5 for cron in crons)
    assert any(cron.split()[2:] == ["*", "*", "*"] for cron in crons), "at least daily"


def test_every_gongshi_command_in_the_workflow_exists():
    commands = [line for _, line in run_lines(load(WORKFLOW)) if line.startswith("gongshi")]
    assert len(commands) >= 3
    for command in commands:
        args = parses(gongshi_args(command))
        assert args.command in {"validate", "build"}, command


def test_pull_requests_are_validated_strictly_with_annotations():
    workflow = load(WORKFLOW)
    job = workflow["jobs"]["validate"]
    assert "pull_request" in job["if"]
    validate = [parses(gongshi_args(line)) for job_id, line in run_lines(workflow)
                if job_id == "validate" and line.startswith("gongshi validate")]
    assert any(args.strict and args.format == "github" and not args.files for args in validate)


def test_main_is_built_and_published_to_pages():
    workflow = load(WORKFLOW)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "pull_request" in build["if"] and "!=" in build["if"]
    builds = [parses(gongshi_args(line)) for job_id, line in run_lines(workflow)
              if job_id == "build" and line.startswith("gongshi build")]
    assert len(builds) == 1 and builds[0].now is None  # "now" is the time of the run
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert Path(upload["with"]["path"]) == builds[0].out
    assert "actions/deploy-pages" in uses(deploy) and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_the_sample_data_passes_the_pull_request_check(run_cli):
    result = run_cli("--config", REPO / "mkdocs.yml", "validate", "--data", REPO / "data",
                     "--strict", "--format", "github")
    assert result.exit_code == 0, result.out


# --- pre-commit ---------------------------------------------------------------------------------


def gongshi_hooks(config: dict) -> list[dict]:
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    return [hook for hook in hooks if hook["entry"].startswith("gongshi")]


@pytest.mark.parametrize("path, kind", [(PRE_COMMIT, "config"), (HOOKS, "manifest")])
def test_pre_commit_files_are_valid(path, kind):
    assert load(path)
    result = subprocess.run([sys.executable, "-m", "pre_commit", f"validate-{kind}", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hook_entries_exist():
    hooks = gongshi_hooks(load(PRE_COMMIT)) + [h for h in load(HOOKS) if h["entry"].startswith("gongshi")]
    assert {h["id"] for h in hooks} >= {"gongshi-validate"}
    for hook in hooks:
        files = ["data/notices/2026/420902/X-001.yaml"] if hook.get("pass_filenames", True) else []
        args = parses(gongshi_args(hook["entry"]) + files)
        assert args.command == "validate" and args.strict
        assert [str(f) for f in args.files] == files


def test_pre_commit_hook_blocks_a_broken_notice(tmp_path):
    """The hook as pre-commit runs it, in a scratch repository: a bad file fails, a good one passes."""
    repo = tmp_path / "repo"
    notice = repo / "data" / "notices" / "2026" / "420902" / "XN-GC-2026-001-ZB.yaml"
    notice.parent.mkdir(parents=True)
    (repo / "data" / "files").mkdir()
    (repo / "data" / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    config = load(PRE_COMMIT)
    config["repos"] = [{"repo": "local", "hooks": gongshi_hooks(config)}]  # no network
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    subprocess.run(["git", "init", "-q", str(repo)], check=True)

    def hook() -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "gongshi-validate", "--files",
             notice.relative_to(repo).as_posix()],
            cwd=repo, env=env, capture_output=True, text=True, timeout=120,
        )

    assert shutil.which("gongshi", path=env["PATH"]), "gongshi must be installed"
    notice.write_text(VALID_TENDER.replace("method: open", "method: opne"), encoding="utf-8")
    failed = hook()
    assert failed.returncode != 0
    assert "XN-GC-2026-001-ZB.yaml:10:9: error: method must be one of" in failed.stdout, failed.stdout
    notice.write_text(VALID_TENDER, encoding="utf-8")
    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
