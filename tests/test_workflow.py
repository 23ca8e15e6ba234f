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
from generator.publish import OutputPaths

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


def scheduled_only(job: dict) -> bool:
    return "github.event_name == 'schedule'" in job.get("if", "")


def job_env(step: dict) -> dict:
    return step.get("env") or {}


def test_the_schedule_is_kept_enabled_through_the_api():
    """GitHub disables schedules after 60 days without activity: every scheduled run re-enables
    this very workflow, whatever the build did (no `needs`), with the run's own token."""
    workflow = load(WORKFLOW)
    job = workflow["jobs"]["keepalive"]
    assert scheduled_only(job) and "needs" not in job
    assert job["permissions"] == {"actions": "write"}  # nothing more: no contents write
    step = next(s for s in job["steps"] if "gh api" in s.get("run", ""))
    assert job_env(step)["GH_TOKEN"] in {"${{ github.token }}", "${{ secrets.GITHUB_TOKEN }}"}
    words = shlex.split(step["run"].replace("$GH_REPO", "OWNER/REPO"))
    assert words[:4] == ["gh", "api", "--method", "PUT"]
    assert words[4] == f"repos/OWNER/REPO/actions/workflows/{WORKFLOW.name}/enable"
    assert job_env(step)["GH_REPO"] == "${{ github.repository }}"


def test_a_failed_scheduled_build_opens_or_updates_an_issue():
    workflow = load(WORKFLOW)
    job = workflow["jobs"]["report-failure"]
    assert set(job["needs"]) == {"build", "deploy"}  # a failure in either, build or publish
    assert job["if"].startswith("failure() &&") and scheduled_only(job)
    assert job["permissions"] == {"issues": "write"}
    script = "\n".join(step.get("run", "") for step in job["steps"])
    for command in ("gh label create", "gh issue list", "gh issue comment", "gh issue create"):
        assert command in script, command
    assert script.count('--label "$label"') == 2  # finds the open issue by the label it gives
    env = {key: value for step in job["steps"] for key, value in job_env(step).items()}
    assert env["GH_TOKEN"] in {"${{ github.token }}", "${{ secrets.GITHUB_TOKEN }}"}
    assert "github.run_id" in env["RUN_URL"]


STUB_GH = """#!/bin/sh
printf '%s\\n' "$*" >> "$GH_CALLS"
case "$1 $2" in "issue list") printf '%s' "$OPEN_ISSUE" ;; esac
"""


@pytest.mark.parametrize("open_issue", ["", "17"])
def test_the_failure_report_comments_on_the_open_issue_or_opens_one(tmp_path, open_issue):
    """The report step's script, run by bash with a stand-in `gh` that records its calls."""
    job = load(WORKFLOW)["jobs"]["report-failure"]
    step = next(s for s in job["steps"] if "gh issue" in s.get("run", ""))
    (tmp_path / "gh").write_text(STUB_GH, encoding="utf-8")
    (tmp_path / "gh").chmod(0o755)
    calls = tmp_path / "calls"
    env = {"PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}", "GH_CALLS": str(calls),
           "OPEN_ISSUE": open_issue, "RUN_URL": "https://github.com/o/r/actions/runs/42"}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, text=True,
                            capture_output=True, timeout=30)
    assert result.returncode == 0, result.stderr
    made = calls.read_text(encoding="utf-8")
    assert made.startswith("label create site-build-failed")
    if open_issue:
        assert "issue comment 17 --body The scheduled site build failed: " \
               "https://github.com/o/r/actions/runs/42" in made
        assert "issue create" not in made
    else:
        assert "issue create --label site-build-failed" in made
        assert "actions/runs/42" in made.split("issue create", 1)[1]
        assert "issue comment" not in made


# --- the build cache --------------------------------------------------------------------------------


def step_index(job: dict, predicate) -> list[int]:
    return [i for i, step in enumerate(job["steps"]) if predicate(step)]


def cache_steps(job: dict, action: str) -> list[int]:
    return step_index(job, lambda step: step.get("uses", "").split("@")[0] == action)


def the_build(job_id: str) -> tuple[int, Any]:
    """The job's one `gongshi build` step: its index and its parsed arguments."""
    job = load(WORKFLOW)["jobs"][job_id]
    [index] = step_index(job, lambda step: step.get("run", "").startswith("gongshi build"))
    return index, parses(gongshi_args(job["steps"][index]["run"]))


def cached_paths(step: dict) -> set[Path]:
    return {Path(line.strip()) for line in step["with"]["path"].splitlines() if line.strip()}


def build_caches(out: Path) -> set[Path]:
    """What the build keeps beside `--out` for the next one, relative to the checkout (where
    the workflow runs): the caches, not the output trees (see the workflow's header)."""
    return {OutputPaths.of(REPO / out).cache.relative_to(REPO)}


def test_main_restores_the_build_cache_before_the_build_and_saves_it_after():
    job = load(WORKFLOW)["jobs"]["build"]
    build_at, args = the_build("build")
    [restore_at] = cache_steps(job, "actions/cache/restore")
    [save_at] = cache_steps(job, "actions/cache/save")
    assert restore_at < build_at < save_at
    restore, save = job["steps"][restore_at]["with"], job["steps"][save_at]["with"]
    assert cached_paths(job["steps"][restore_at]) == cached_paths(job["steps"][save_at]) \
        == build_caches(args.out)
    assert not cache_steps(job, "actions/cache")  # its post step would save a second copy
    # a key of its own every run (caches are immutable), so the newest is always restored
    assert "${{ github.run_id }}" in save["key"] and "${{ github.run_attempt }}" in save["key"]
    assert restore["key"] == save["key"]
    prefix = restore["restore-keys"].strip()
    assert "\n" not in prefix and save["key"].startswith(prefix) and "${{" not in prefix


def test_pull_requests_restore_the_cache_but_never_save_one():
    """A pull request's build may start from main's cache; it never saves one, so nothing a
    pull request builds reaches main's (GitHub also scopes caches by branch)."""
    workflow = load(WORKFLOW)
    job = workflow["jobs"]["validate"]
    build_at, args = the_build("validate")
    [restore_at] = cache_steps(job, "actions/cache/restore")
    assert restore_at < build_at
    assert cached_paths(job["steps"][restore_at]) == build_caches(args.out)
    main = workflow["jobs"]["build"]
    [main_restore_at] = cache_steps(main, "actions/cache/restore")
    assert job["steps"][restore_at]["with"]["restore-keys"] == \
        main["steps"][main_restore_at]["with"]["restore-keys"]  # main's newest
    assert not cache_steps(job, "actions/cache/save") and not cache_steps(job, "actions/cache")


def test_a_scheduled_run_only_builds():
    """Nothing but the build reads the notices on a schedule: the commit is one an earlier run
    validated, and `gongshi validate` keeps no cache, so it would cost a full read each hour."""
    job = load(WORKFLOW)["jobs"]["build"]
    build_at, _ = the_build("build")
    others = step_index(job, lambda step: step.get("run", "").startswith("gongshi"))
    assert others != [build_at]
    for index in others:
        if index != build_at:
            assert job["steps"][index]["if"] == "github.event_name != 'schedule'"
    assert "if" not in job["steps"][build_at]


def test_one_build_of_a_branch_at_a_time():
    concurrency = load(WORKFLOW)["jobs"]["build"]["concurrency"]
    assert "${{ github.ref }}" in concurrency["group"] and concurrency["cancel-in-progress"] is False


def test_the_sync_step_is_off_unless_configured_and_syncs_the_built_output():
    job = load(WORKFLOW)["jobs"]["build"]
    build_at, args = the_build("build")
    [sync_at] = step_index(job, lambda step: "deploy/rclone-sync" in step.get("run", ""))
    step = job["steps"][sync_at]
    assert sync_at > build_at and step["if"] == "vars.DEPLOY_REMOTE != ''"
    [command] = [line for line in step["run"].splitlines() if "deploy/rclone-sync" in line]
    words = shlex.split(command)
    assert (REPO / words[0]).is_file() and os.access(REPO / words[0], os.X_OK)
    assert Path(words[1]) == args.out and words[2] == "$DEPLOY_REMOTE"
    assert "--checksum" in words  # a runner's files are all new: compare content, not times
    assert step["env"]["DEPLOY_REMOTE"] == "${{ vars.DEPLOY_REMOTE }}"
    secrets = [name for name, value in step["env"].items() if "secrets." in value]
    assert secrets and all(name.startswith("RCLONE_CONFIG_") for name in secrets)


# --- the publication log (issue #16) ------------------------------------------------------------


def test_only_main_records_the_ledger_one_run_at_a_time_and_only_that_job_writes():
    workflow = load(WORKFLOW)
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["build"]
    assert "github.ref == 'refs/heads/main'" in job["if"]  # a dispatch elsewhere records nothing
    assert job["permissions"] == {"contents": "write"}
    writers = [job_id for job_id, other in workflow["jobs"].items()
               if (other.get("permissions") or {}).get("contents") == "write"]
    assert writers == ["build"]
    assert job["concurrency"]["cancel-in-progress"] is False  # one group: the job runs on main only
    _, main_build = the_build("build")
    _, pull_request_build = the_build("validate")
    assert main_build.record and not pull_request_build.record


def test_the_signing_key_comes_from_a_secret_as_a_file_before_the_build():
    job = load(WORKFLOW)["jobs"]["build"]
    build_at, _ = the_build("build")
    [key_at] = step_index(job, lambda step: "GONGSHI_LOG_KEY" in step.get("run", ""))
    step = job["steps"][key_at]
    assert key_at < build_at and step["env"]["LOG_KEY"] == "${{ secrets.GONGSHI_LOG_KEY }}"
    assert "GONGSHI_LOG_KEY" not in step_text(job["steps"][build_at])  # from $GITHUB_ENV
    env_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"github-env-{os.getpid()}"
    for secret in ("PRIVATE+KEY+example+0123abcd+AQ", ""):
        env_file.write_text("", encoding="utf-8")
        runner = env_file.parent / f"runner-{os.getpid()}"
        runner.mkdir(exist_ok=True)
        result = subprocess.run(["bash", "-e", "-c", step["run"]], text=True, capture_output=True,
                                env={"PATH": os.environ["PATH"], "LOG_KEY": secret,
                                     "RUNNER_TEMP": str(runner), "GITHUB_ENV": str(env_file)})
        assert result.returncode == 0, result.stderr
        said = env_file.read_text(encoding="utf-8")
        if secret:
            key_file = Path(said.strip().split("=", 1)[1])
            assert key_file.read_text(encoding="utf-8") == secret + "\n"
            assert key_file.stat().st_mode & 0o077 == 0
            key_file.unlink()
        else:
            assert said == ""  # no key: the build says it writes an unsigned checkpoint
        runner.rmdir()
    env_file.unlink()


def step_text(value: Any) -> str:
    return yaml.safe_dump(value)


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, text=True, capture_output=True,
                          env={**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null",
                               "GIT_CONFIG_NOSYSTEM": "1"}).stdout


def test_the_ledger_is_committed_to_main_fast_forward_only_before_the_deploy(tmp_path):
    """The commit step's script, run in a clone of a stand-in origin: it pushes the ledger's new
    files to main; when main has moved meanwhile, the push is refused and the job fails (no
    force), so nothing is deployed from a log main does not hold."""
    job = load(WORKFLOW)["jobs"]["build"]
    build_at, args = the_build("build")
    [commit_at] = step_index(job, lambda step: "git push" in step.get("run", ""))
    [upload_at] = step_index(job, lambda step: step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert build_at < commit_at < upload_at
    script = job["steps"][commit_at]["run"]
    assert "--force" not in script and " -f" not in script and "+" not in script.split("git push", 1)[1]
    origin, clone, other = tmp_path / "origin.git", tmp_path / "clone", tmp_path / "other"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(tmp_path, "clone", "-q", str(origin), str(other))
    (other / "data").mkdir()
    (other / "data" / "regions.yaml").write_text("[]\n", encoding="utf-8")
    _git(other, "add", ".")
    _git(other, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "data")
    _git(other, "push", "-q", "origin", "HEAD:refs/heads/main")
    _git(tmp_path, "clone", "-q", str(origin), str(clone))
    ledger = clone / "data" / "ledger" / "log"  # --data's default, data/, holds the ledger
    ledger.mkdir(parents=True)
    (ledger / "checkpoint").write_text("example/log\n1\nAAAA\n", encoding="utf-8")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-e", "-c", script], cwd=clone, env=env, text=True,
                              capture_output=True, timeout=30)

    assert run().returncode == 0
    assert "data/ledger/log/checkpoint" in _git(origin, "show", "--stat", "--format=", "main")
    assert run().returncode == 0  # nothing new: no commit, no push
    (other / "data" / "regions.yaml").write_text("[] # moved\n", encoding="utf-8")
    _git(other, "pull", "-q", "--ff-only")
    _git(other, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "main moved")
    _git(other, "push", "-q", "origin", "HEAD:refs/heads/main")
    (ledger / "checkpoint").write_text("example/log\n2\nAAAA\n", encoding="utf-8")
    refused = run()
    assert refused.returncode != 0 and "main moved" in _git(origin, "log", "-1", "--format=%s", "main")
    assert Path(args.data) == Path("data")


def test_every_run_step_is_valid_shell():
    for job_id, job in load(WORKFLOW)["jobs"].items():
        for step in job.get("steps", []):
            if "run" in step:
                result = subprocess.run(["bash", "-n"], input=step["run"], text=True,
                                        capture_output=True)
                assert result.returncode == 0, (job_id, step.get("name"), result.stderr)


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
    assert "XN-GC-2026-001-ZB.yaml:10:9: 错误: 交易方式 `method` 应为以下之一" in failed.stdout, failed.stdout
    notice.write_text(VALID_TENDER, encoding="utf-8")
    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
