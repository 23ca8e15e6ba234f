"""A build is as of one "now": --now, or else the clock `main` is given, read once. Nothing
else in it reads the computer's clock, so a build with --now is the same, byte for byte, on
any real date, and a build without it is the build with --now set to what the clock said.

The real date is moved with time-machine, which changes what the computer's clock reads for
this process (datetime, date.today, time.time), the forked search indexer included."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from conftest import REGIONS_YAML, REPO, VALID_TENDER
from opendata_support import exported_records

from generator.cli import main

TZ = ZoneInfo("Asia/Shanghai")
CONFIG = REPO / "mkdocs.yml"
TENDER_ID = "XN-GC-2026-001-ZB"
NOTICES = {f"2026/420902/{TENDER_ID}.yaml": VALID_TENDER}  # deadline 2026-03-25 09:30

BEFORE_DEADLINE = "2026-03-20T12:00:00+08:00"
AFTER_DEADLINE = "2026-03-30T12:00:00+08:00"
REAL_DATES = (datetime(2024, 2, 29, 23, 59, tzinfo=TZ), datetime(2031, 7, 1, 8, 0, tzinfo=TZ))


def refusing_clock(tz: tzinfo) -> datetime:
    raise AssertionError("a build given --now read the clock")


def clock_at(text: str) -> Callable[[tzinfo], datetime]:
    return lambda tz: datetime.fromisoformat(text).astimezone(tz)


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a built site (through its output link) by relative path, with its bytes,
    but Pagefind's index: Pagefind writes its filters in a different order each run, on the
    same date too (it is another program, and never sees our clock); what it indexes is each
    notice's front matter, which the pages compared here carry."""
    return {rel: path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and not (rel := path.relative_to(site).as_posix()).startswith("pagefind/")}


def status(site: Path) -> str:
    return next(r["status"] for r in exported_records(site) if r["id"] == TENDER_ID)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("clock") / "data"
    (folder / "notices" / "2026" / "420902").mkdir(parents=True)
    (folder / "files").mkdir()
    (folder / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for rel, text in NOTICES.items():
        (folder / "notices" / rel).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(data, tmp_path_factory) -> Callable[..., Path]:
    """Build `data` into a folder of its own (each output named `site`, so no path differs)."""

    def build(*now: str, clock: Callable[[tzinfo], datetime], real_date: datetime) -> Path:
        out = tmp_path_factory.mktemp("build") / "site"
        with time_machine.travel(real_date, tick=True):
            code = main(["--config", str(CONFIG), "build", "--data", str(data), "--out", str(out),
                         *(("--now", *now) if now else ())], clock=clock)
        assert code == 0, "the build must succeed"
        return out

    return build


def test_a_build_with_now_is_the_same_on_any_real_date(built):
    first, second = (built(BEFORE_DEADLINE, clock=refusing_clock, real_date=real) for real in REAL_DATES)
    assert tree(first) == tree(second)
    assert json.loads((first / "build.json").read_text(encoding="utf-8"))["built"].startswith("2026-03-20T12:00")


def test_without_now_a_build_is_as_of_the_clock(built):
    with_now = built(BEFORE_DEADLINE, clock=refusing_clock, real_date=REAL_DATES[0])
    from_clock = built(clock=clock_at(BEFORE_DEADLINE), real_date=REAL_DATES[1])
    assert tree(from_clock) == tree(with_now)


def test_another_now_changes_the_statuses(built):
    before = built(BEFORE_DEADLINE, clock=refusing_clock, real_date=REAL_DATES[0])
    after = built(AFTER_DEADLINE, clock=refusing_clock, real_date=REAL_DATES[0])
    assert (status(before), status(after)) == ("open", "closed")


def test_new_dates_a_notice_by_the_clock(make_data, tmp_path, capsys, monkeypatch):
    data = make_data(NOTICES)
    monkeypatch.chdir(tmp_path)
    with time_machine.travel(REAL_DATES[1], tick=True):
        code = main(["--config", str(CONFIG), "new", "penalty", "--data", str(data), "--region", "420902"],
                    clock=clock_at("2027-05-04T10:00:00+08:00"))
    assert code == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent.parent.name == "2027"
    assert "published: 2027-05-04 10:15" in written.read_text(encoding="utf-8")  # past 09:00: the next quarter hour
