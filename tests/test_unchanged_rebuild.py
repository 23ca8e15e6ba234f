"""Work follows the change, in time: the site changes only at known moments (derive.py's
change_span), and a rebuild with no changed input inside the span of the last build only
refreshes build.json (commands/build.py, buildstate.py).

- Between two consecutive moments of the sample data, derive gives the same site at every
  instant; at most boundaries something changes.
- A clean build of the sample at another instant of the same span writes the same bytes as the
  sample site, build.json aside.
- A rebuild runs whole exactly when something it depends on changed: a notice's bytes, the
  configuration, the clock past the span; not for a file whose bytes stayed the same."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_DATA, SAMPLE_NOW, VALID_TENDER
from test_build_atomic import comparable, differences

from generator.commands.build import BuildReport, build
from generator.commands.validate import validate
from generator.config import load_settings
from generator.dataset import Dataset
from generator.derive import Site, change_moments, derive_site
from generator.errors import InvalidData
from generator.publish import OutputPaths
from generator.search import recent_from

CONFIG = REPO / "mkdocs.yml"
SETTINGS = load_settings(CONFIG)
TZ = SETTINGS.tz
BUILD_JSON = "build.json"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return validate(SAMPLE_DATA, SETTINGS)


def what_it_shows(site: Site) -> tuple[object, ...]:
    """Everything derive decides as of now, without now itself."""
    notices = tuple(
        (pn.id, pn.status, pn.deadline, tuple(pn.superseded_deadlines), pn.ends_at,
         pn.withdrawal is not None, tuple((u.at, u.notice_id, u.kind) for u in pn.updates))
        for pn in site.notices)
    projects = tuple(sorted((code, view.status, tuple(pn.id for pn in view.notices))
                            for code, view in site.projects.items()))
    return (notices, projects, site.changed_at, site.changes_next, recent_from(site.now, TZ))


def month_starts(first: datetime, last: datetime) -> list[datetime]:
    starts, month = [], first.astimezone(TZ).replace(day=1, hour=0, minute=0, second=0,
                                                     microsecond=0)
    while month <= last:
        starts.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return starts


def test_the_sample_site_is_the_same_at_every_instant_between_two_moments(sample) -> None:
    moments = sorted(set(change_moments(sample.notices, TZ)))
    boundaries = sorted({*moments, *month_starts(moments[0], moments[-1])})
    changed_at_boundary = 0
    before = None
    for start, end in pairwise(boundaries):
        seen = {what_it_shows(derive_site(sample, instant, TZ))
                for instant in (start, start + (end - start) / 2, end - timedelta(microseconds=1))}
        assert len(seen) == 1, f"the site changes between {start} and {end}"
        shown = seen.pop()
        assert shown[2:4] == (start, end)  # changed_at, changes_next
        changed_at_boundary += before is not None and before[:2] != shown[:2]
        before = shown
    # the moments are not an idle superset: most of them change what the site shows
    assert changed_at_boundary > len(boundaries) / 3, (changed_at_boundary, len(boundaries))


def test_a_clean_build_at_another_instant_of_the_span_writes_the_same_site(
        sample, sample_site: Path, tmp_path: Path) -> None:
    span = derive_site(sample, datetime.fromisoformat(SAMPLE_NOW), TZ)
    later = span.changes_next - timedelta(minutes=1)
    assert later > span.now
    out = tmp_path / "site"
    report = build(SAMPLE_DATA, out, SETTINGS, now=later, config_file=CONFIG)
    assert not report.unchanged
    ours, sample_files = comparable(out), comparable(sample_site)
    assert ours.pop(BUILD_JSON) != sample_files.pop(BUILD_JSON)
    assert differences(sample_files, ours) == []


# --- when a rebuild runs whole -------------------------------------------------------------------

FIRST = datetime.fromisoformat("2026-03-10T12:00:00+08:00")  # the tender closes 03-25 09:30


def files_with_times(out: Path) -> dict[str, tuple[bytes, int, int]]:
    return {path.relative_to(out).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns,
                                               path.stat().st_ino)
            for path in sorted(out.rglob("*")) if path.is_file()}


def rebuild(data: Path, out: Path, now: datetime, config: Path = CONFIG) -> BuildReport:
    return build(data, out, load_settings(config), now=now, config_file=config)


@pytest.fixture
def small(make_data) -> Path:
    return make_data({"2026/420902/XN-GC-2026-001.yaml": VALID_TENDER})


def test_a_rebuild_with_nothing_changed_only_refreshes_build_json(small: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = rebuild(small, out, FIRST)
    assert not first.unchanged and first.changes_next is not None
    assert first.changes_next == datetime.fromisoformat("2026-03-25T09:30:00+08:00")
    before = files_with_times(out)
    later = FIRST + timedelta(days=5)
    again = rebuild(small, out, later)
    assert again.unchanged and again.files_written == 1, again.summary()
    assert "2026-03-25 09:30" in again.summary().in_language("en")
    after = files_with_times(out)
    assert json.loads(after.pop(BUILD_JSON)[0])["built"] == later.isoformat()
    before.pop(BUILD_JSON)
    assert after == before  # bytes, modification times and inodes: nothing else was written


def test_a_rebuild_runs_whole_exactly_when_something_it_depends_on_changed(
        small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    notice = small / "notices/2026/420902/XN-GC-2026-001.yaml"

    def step(now: datetime, config: Path = CONFIG) -> bool:
        """Whether the rebuild had nothing to build."""
        return rebuild(small, out, now, config).unchanged

    assert not step(FIRST)
    assert step(FIRST + timedelta(hours=1))
    # the same bytes with new times (a fresh checkout, `touch`): nothing to build
    os.utime(notice, ns=(1, 1))
    notice.write_bytes(notice.read_bytes())
    assert step(FIRST + timedelta(hours=2))
    assert step(FIRST + timedelta(hours=3))  # the new stats were kept
    # an edit of the published site by hand: the live tree is not read file by file (a million
    # stats would cost more than the rebuild's budget); the next build that changes anything
    # puts it right
    live_page = out / "notices/XN-GC-2026-001/index.html"
    live_page.write_text(live_page.read_text(encoding="utf-8") + "<!-- by hand -->",
                         encoding="utf-8")
    assert step(FIRST + timedelta(hours=4))
    # the clock reaches the deadline: the tender closes
    deadline = datetime.fromisoformat("2026-03-25T09:30:00+08:00")
    assert step(deadline - timedelta(microseconds=1))
    assert not step(deadline)
    assert "by hand" not in live_page.read_text(encoding="utf-8")
    assert step(deadline + timedelta(hours=1))
    assert not step(FIRST)  # back before the span (a --now in the past)
    # a notice edited
    notice.write_text(notice.read_text(encoding="utf-8").replace("道路改造", "道路修缮"),
                      encoding="utf-8")
    assert not step(FIRST + timedelta(hours=1))
    assert step(FIRST + timedelta(hours=2))
    # the configuration changed
    config = tmp_path / "project" / "mkdocs.yml"
    config.parent.mkdir()
    for folder in ("content", "theme"):
        (config.parent / folder).symlink_to(REPO / folder)
    config.write_text(CONFIG.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert not step(FIRST + timedelta(hours=3), config)
    assert step(FIRST + timedelta(hours=4), config)
    # a clean build always runs whole
    assert not build(small, out, SETTINGS, now=FIRST + timedelta(hours=5), config_file=config,
                     clean=True).unchanged


def test_a_failed_build_leaves_no_state_a_later_build_could_trust(small: Path,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert not rebuild(small, out, FIRST).unchanged
    state = OutputPaths.of(out).cache / "state.json"
    assert state.is_file()
    notice = small / "notices/2026/420902/XN-GC-2026-001.yaml"
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text.replace("budget: 12800000.50", "budget: -1"), encoding="utf-8")
    with pytest.raises(InvalidData):
        rebuild(small, out, FIRST + timedelta(hours=1))
    assert not state.exists()
    notice.write_text(text, encoding="utf-8")  # as it was: the build runs whole all the same
    assert not rebuild(small, out, FIRST + timedelta(hours=2)).unchanged
