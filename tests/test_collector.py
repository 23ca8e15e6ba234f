"""The cyclic collector during a build (generator/gcpause.py): what the build keeps to its end
(the dataset, the derived site, every notice's facts) is settled out of its work, and given
back when the build is over, so that a process that builds again (serve) collects it."""

from __future__ import annotations

import gc
from datetime import datetime
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW

from generator.commands import build as build_module
from generator.config import load_settings


def test_a_build_settles_what_it_keeps_and_gives_it_back(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    settled: dict[str, int] = {}
    passed = build_module.fault_point

    def counted(name: str) -> None:
        settled[name] = gc.get_freeze_count()
        passed(name)

    monkeypatch.setattr(build_module, "fault_point", counted)
    config = REPO / "mkdocs.yml"
    gc.unfreeze()
    build_module.build(SAMPLE_DATA, tmp_path / "site", load_settings(config),
                       now=datetime.fromisoformat(SAMPLE_NOW), config_file=config)
    # the sample's dataset and site alone are tens of thousands of objects
    assert settled["validated"] == 0 and settled["exports"] > 20_000 and settled["engine"] > 20_000
    assert gc.get_freeze_count() == 0
