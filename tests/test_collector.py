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
    young: dict[str, int] = {}
    passed = build_module.fault_point

    def counted(name: str) -> None:
        settled[name] = gc.get_freeze_count()
        young[name] = gc.get_count()[0]  # objects made since the last collection
        passed(name)

    monkeypatch.setattr(build_module, "fault_point", counted)
    config = REPO / "mkdocs.yml"
    gc.unfreeze()
    build_module.build(SAMPLE_DATA, tmp_path / "site", load_settings(config),
                       now=datetime.fromisoformat(SAMPLE_NOW), config_file=config)
    # The loaded dataset is settled before the collector runs again: left young, it was
    # visited by the next collections, each generation in turn (2.4 s at 50,000 notices).
    assert settled["validated"] > 10_000 and young["validated"] < gc.get_threshold()[0]
    # the sample's dataset and site alone are tens of thousands of objects
    assert settled["exports"] > 20_000 and settled["engine"] > 20_000
    assert gc.get_freeze_count() == 0
