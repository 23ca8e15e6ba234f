"""Deadline calendars: every file parses with icalendar, carries the effective (amended)
deadlines and openings of open tenders only, with stable UIDs and data-derived DTSTAMPs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import SAMPLE_DATA
from icalendar import Calendar
from opendata_support import SITE_URL, SMALL_AMENDED, SMALL_EMBARGOED, SMALL_WITHDRAWN, build_small_site

SHANGHAI = ZoneInfo("Asia/Shanghai")
HOST = "gongshi.example.cn"

# From data/: as of 2026-11-26 12:00, XG-GC-2026-088-ZB (孝感市) is open, its deadline moved by
# XG-GC-2026-088-BG2 from 2026-12-03 09:30 to 2026-12-10 09:30 and its opening to 第三开标室;
# HC-YL-2026-012-ZB (汉川市, under 孝感市) and WH-CG-2026-207-ZB (武汉市) are open too;
# YC-GC-2026-011-ZB (应城市) is withdrawn.
AMENDED_TENDER = "XG-GC-2026-088-ZB"
COUNTY_TENDER = "HC-YL-2026-012-ZB"
WUHAN_TENDER = "WH-CG-2026-207-ZB"
WITHDRAWN_TENDER = "YC-GC-2026-011-ZB"


def calendar(site: Path, relative: str) -> Calendar:
    return Calendar.from_ical((site / relative).read_bytes())


def events(cal: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def start(event: object) -> datetime:
    return event["DTSTART"].dt  # type: ignore[index]


def test_every_calendar_parses(sample_site):
    regions = yaml.safe_load((SAMPLE_DATA / "regions.yaml").read_text(encoding="utf-8"))
    paths = ["calendar/deadlines.ics", *(f"calendar/region/{r['code']}.ics" for r in regions)]
    for relative in paths:
        raw = (sample_site / relative).read_bytes()
        assert b"\r\n" in raw and raw.endswith(b"END:VCALENDAR\r\n"), relative
        cal = calendar(sample_site, relative)
        assert str(cal["VERSION"]) == "2.0"
        assert str(cal["PRODID"]).startswith("-//gongshi//")
        zones = cal.walk("VTIMEZONE")
        assert [str(z["TZID"]) for z in zones] == ["Asia/Shanghai"], relative
        for event in cal.walk("VEVENT"):
            assert start(event).tzinfo is not None
            assert str(event["URL"]).startswith(f"{SITE_URL}notices/")


def test_deadlines_carry_the_amended_deadline_and_opening(sample_site):
    found = events(calendar(sample_site, "calendar/deadlines.ics"))
    deadline = found[f"{AMENDED_TENDER}-deadline@{HOST}"]
    assert start(deadline) == datetime(2026, 12, 10, 9, 30, tzinfo=SHANGHAI)
    assert str(deadline["URL"]) == f"{SITE_URL}notices/{AMENDED_TENDER}/"
    assert "2026-12-03 09:30" in str(deadline["DESCRIPTION"])  # named as the former deadline
    assert int(deadline["SEQUENCE"]) == 2  # two amendments
    opening = found[f"{AMENDED_TENDER}-opening@{HOST}"]
    assert start(opening) == datetime(2026, 12, 10, 9, 30, tzinfo=SHANGHAI)
    assert str(opening["LOCATION"]) == "孝感市公共资源交易中心第三开标室"
    assert not any(
        start(e) == datetime(2026, 12, 3, 9, 30, tzinfo=SHANGHAI) and AMENDED_TENDER in uid
        for uid, e in found.items()
    )


def test_dtstamp_is_the_tenders_last_change_not_the_clock(sample_site):
    found = events(calendar(sample_site, "calendar/deadlines.ics"))
    stamp = found[f"{AMENDED_TENDER}-deadline@{HOST}"]["DTSTAMP"].dt
    assert stamp == datetime(2026, 11, 20, 7, 0, tzinfo=UTC)  # BG2, 15:00 in Beijing


def test_only_open_tenders_are_in_the_calendar(sample_site):
    found = events(calendar(sample_site, "calendar/deadlines.ics"))
    tender_ids = {uid.split("@")[0].rsplit("-", 1)[0] for uid in found}
    assert WITHDRAWN_TENDER not in tender_ids
    assert {AMENDED_TENDER, COUNTY_TENDER, WUHAN_TENDER} <= tender_ids
    assert all(tid.endswith("-ZB") for tid in tender_ids)  # tenders, not their amendments
    now = datetime(2026, 11, 26, 12, 0, tzinfo=SHANGHAI)
    deadlines = [start(e) for uid, e in found.items() if uid.split("@")[0].endswith("-deadline")]
    assert deadlines and all(d > now for d in deadlines)


def test_region_calendar_rolls_up(sample_site):
    found = events(calendar(sample_site, "calendar/region/420900.ics"))
    ids = {uid.split("@")[0].rsplit("-", 1)[0] for uid in found}
    assert COUNTY_TENDER in ids and AMENDED_TENDER in ids
    assert WUHAN_TENDER not in ids


def test_a_region_without_open_tenders_has_a_valid_empty_calendar(sample_site):
    cal = calendar(sample_site, "calendar/region/420581.ics")  # 宜都市: nothing open
    assert cal.walk("VEVENT") == []
    assert cal.walk("VTIMEZONE")  # a calendar needs one component (RFC 5545)


# --- a small site: amendment applied, withdrawn tender removed ------------------------------------


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    return build_small_site(tmp_path_factory.mktemp("small-calendars"))


def test_withdrawn_tender_with_a_future_deadline_is_not_in_any_calendar(small_site):
    for path in (small_site / "calendar").rglob("*.ics"):
        text = path.read_text(encoding="utf-8")
        assert SMALL_WITHDRAWN not in text, path
        assert SMALL_EMBARGOED not in text, path


def test_amendment_moves_the_events_under_the_same_uids(small_site):
    found = events(calendar(small_site, "calendar/region/420902.ics"))
    assert set(found) == {f"{SMALL_AMENDED}-deadline@{HOST}", f"{SMALL_AMENDED}-opening@{HOST}"}
    assert start(found[f"{SMALL_AMENDED}-deadline@{HOST}"]) == datetime(2026, 4, 27, 9, 30,
                                                                         tzinfo=SHANGHAI)
    assert start(found[f"{SMALL_AMENDED}-opening@{HOST}"]) == datetime(2026, 4, 27, 10, 0,
                                                                        tzinfo=SHANGHAI)
    assert str(found[f"{SMALL_AMENDED}-opening@{HOST}"]["LOCATION"]) == "第二开标室"
    everything = events(calendar(small_site, "calendar/deadlines.ics"))
    assert {uid.split("-deadline")[0] for uid in everything if "-deadline@" in uid} == {
        SMALL_AMENDED, "JA-CG-2026-002-ZB"}
