"""The package type-checks: mypy, configured in pyproject.toml ([tool.mypy], with the pydantic
plugin), finds no error in generator/. Part of the one test command, so CI runs it too."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_mypy_finds_no_error_in_the_generator():
    # mypy keeps its cache in .mypy_cache/ at the repository root: a second run checks only
    # the modules that changed.
    result = subprocess.run([sys.executable, "-m", "mypy", "generator"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
