"""A withdrawal dated later than the build's "now" takes effect on its date, not at once.

One data folder holds a tender and an award whose `withdrawn.date` is 2026-03-25. Built as of
the day before, nothing shows a withdrawal (page, listings, feeds, exports, OCDS, calendar,
search index) and the reason is in no file; built as of that day, both are withdrawn
everywhere. The same check finds the reason after the date, so it does look where it is.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import datetime
from pathlib import Path

import feedparser
import lxml.html
import pytest
from conftest import REGIONS_YAML
from opendata_support import build, exported_csv, exported_records, exported_releases, project_copy, tender
from test_search_index import read_fragments, status_at

REASON = "采购需求调整将于三月下旬撤销的原因文字"
WITHDRAWAL_DATE = "2026-03-25"
BEFORE = "2026-03-24T23:59:00+08:00"
ON_THE_DAY = "2026-03-25T00:00:00+08:00"
TENDER = "XN-CG-2026-031-ZB"
AWARDED_TENDER = "XN-CG-2026-032-ZB"
AWARD = "XN-CG-2026-032-JG"
BREAKS = re.compile(r"[\s\u200a\u200b]+")

AWARD_YAML = f"""\
type: award
title: 孝南区办公家具采购结果公告
region: "420902"
published: 2026-03-10 09:00
publisher: 孝感市公共资源交易中心
category: procurement
project:
  code: XN-CG-2026-032
  name: 孝南区办公家具采购
winners:
- name: 湖北某家具有限公司
  uscc: 91420900MA4W4BQKJB
  amount: 512000
withdrawn:
  date: {WITHDRAWAL_DATE}
  reason: {REASON}
"""

NOTICES = {
    f"2026/420902/{TENDER}.yaml": tender(
        title="孝南区图书馆图书采购询价公告", published="2026-03-01 09:00",
        deadline="2026-04-20 09:30", opening="2026-04-20 10:00", project="XN-CG-2026-031",
        withdrawn=WITHDRAWAL_DATE,
    ).replace("采购需求调整，撤销本公告", REASON),
    f"2026/420902/{AWARDED_TENDER}.yaml": tender(
        title="孝南区办公家具采购", published="2026-03-02 09:00", deadline="2026-04-21 09:30",
        project="XN-CG-2026-032",
    ),
    f"2026/420902/{AWARD}.yaml": AWARD_YAML,
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("future-withdrawal")
    data = root / "data"
    (data / "files").mkdir(parents=True)
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for relative, text in NOTICES.items():
        path = data / "notices" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = project_copy(root / "project")
    return {now: build(config, data, root / f"site-{index}", now)
            for index, now in enumerate((BEFORE, ON_THE_DAY))}


def files_with(site: Path, needle: str) -> list[str]:
    """Output files holding the text, as written or JSON-escaped, spaces and zero-width breaks
    left out (the search index puts them between Chinese characters); gzip decompressed."""
    forms = (needle, json.dumps(needle)[1:-1])
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        content = path.read_bytes()
        if content[:2] == b"\x1f\x8b":
            content = gzip.decompress(content)
        text = BREAKS.sub("", content.decode("utf-8", errors="replace"))
        if any(form in text for form in forms):
            found.append(path.relative_to(site).as_posix())
    return found


def page_status(site: Path, notice_id: str) -> tuple[str, bool]:
    """(status badge text, whether the withdrawn banner is there) of a notice page."""
    page = lxml.html.parse(str(site / "notices" / notice_id / "index.html")).getroot()
    badge = page.xpath("//div[contains(@class,'gs-badges')]/span[contains(@class,'gs-status')]")
    return badge[0].text_content().strip(), bool(page.xpath("//*[contains(@class,'gs-withdrawn')]"))


def records(site: Path) -> dict[str, dict]:
    return {record["id"]: record for record in exported_records(site)}


def csv_records(site: Path) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in exported_csv(site)[1]}


def ocds_releases(site: Path) -> dict[str, dict]:
    return {release["id"]: release for release in exported_releases(site)}


def feed_entry(site: Path, notice_id: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site / "feeds/all.atom").read_bytes())
    return next(e for e in feed.entries if e.id.endswith(f"/notices/{notice_id}/"))


def search_status(site: Path, notice_id: str, now: str) -> str:
    """The status the search page shows at `now`, from the record's filters (the index holds
    the withdrawal's moment, not a status)."""
    fragment = next(f for f in read_fragments(site) if f["url"] == f"/notices/{notice_id}/")
    return status_at(fragment["filters"], datetime.fromisoformat(now))


def test_before_its_date_a_withdrawal_shows_nowhere(sites: dict[str, Path]) -> None:
    site = sites[BEFORE]
    assert files_with(site, REASON) == []
    assert page_status(site, TENDER) == ("公告中", False)
    assert page_status(site, AWARD) == ("已成交", False)
    assert page_status(site, AWARDED_TENDER) == ("已成交", False)  # the award still counts
    exported = records(site)
    for notice_id in (TENDER, AWARD):
        assert exported[notice_id]["withdrawn_date"] is None
        assert exported[notice_id]["withdrawn_reason"] is None
        assert csv_records(site)[notice_id]["withdrawn_date"] == ""
    assert exported[TENDER]["status"] == "open"
    assert exported[TENDER]["updated"] == exported[TENDER]["published"]
    assert feed_entry(site, TENDER).updated == feed_entry(site, TENDER).published
    releases = ocds_releases(site)
    assert releases[TENDER]["tender"]["status"] == "active"
    assert {award["status"] for award in releases[AWARD]["awards"]} == {"active"}
    assert search_status(site, TENDER, BEFORE) == "open"
    open_list = (site / "open" / "index.html").read_text(encoding="utf-8")
    assert f"/notices/{TENDER}/" in open_list
    assert TENDER in (site / "calendar/deadlines.ics").read_text(encoding="utf-8")


def test_from_its_date_on_the_notice_is_withdrawn_everywhere(sites: dict[str, Path]) -> None:
    site = sites[ON_THE_DAY]
    holding = files_with(site, REASON)
    for expected in (f"notices/{TENDER}/index.html", f"notices/{AWARD}/index.html",
                     "data/2026/03/notices.json", "data/2026/03/notices.csv", "feeds/all.atom",
                     "feeds/all.xml"):
        assert expected in holding, expected
    assert any(path.startswith("pagefind/") for path in holding)
    assert page_status(site, TENDER) == ("已撤销", True)
    assert page_status(site, AWARD) == ("已撤销", True)
    assert page_status(site, AWARDED_TENDER)[0] == "公告中"  # the withdrawn award no longer counts
    exported = records(site)
    assert exported[TENDER]["status"] == "withdrawn"
    assert exported[TENDER]["withdrawn_date"] == WITHDRAWAL_DATE
    assert exported[TENDER]["updated"] == ON_THE_DAY
    assert feed_entry(site, TENDER).updated == ON_THE_DAY
    releases = ocds_releases(site)
    assert releases[TENDER]["tender"]["status"] == "withdrawn"
    assert {award["status"] for award in releases[AWARD]["awards"]} == {"cancelled"}
    assert search_status(site, TENDER, ON_THE_DAY) == "withdrawn"
    assert f"/notices/{TENDER}/" not in (site / "open" / "index.html").read_text(encoding="utf-8")
    assert TENDER not in (site / "calendar/deadlines.ics").read_text(encoding="utf-8")
