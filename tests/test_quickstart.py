"""README's Quick start and .ci/run agree: CI runs exactly the test command README gives, and
nothing is pip-installed outside the repository's virtual environment (PEP 668)."""

from __future__ import annotations

import re

from conftest import REPO


def readme_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = text[text.index("## Quick start"):text.index("\n## ", text.index("## Quick start") + 1)]
    return re.findall(r"```sh\n(.*?)```", quick_start, flags=re.DOTALL)


def commands(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def ci_lines() -> list[str]:
    return [line.strip() for line in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()]


def test_ci_runs_the_test_command_readme_gives():
    setup, test = readme_blocks()
    assert commands(setup)[1] == "bash .ci/run"
    [command] = commands(test)
    assert any(line == command or line.startswith(f"{command} ||") for line in ci_lines()), command


def test_every_install_goes_into_the_virtual_environment():
    setup, _ = readme_blocks()
    serve = commands(setup)[0]
    assert serve.startswith("python3 -m venv .venv && ")
    assert ".venv/bin/pip install" in serve and serve.endswith(".venv/bin/gongshi serve")
    installs = [line for line in ci_lines() if "pip install" in line and not line.startswith("#")]
    assert installs and all(line.startswith(".venv/bin/python -m pip install") for line in installs)
    assert "/.venv/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
