"""Red flags in a built site: a small data folder with planted flags, built once; its
data/flags.json and data/flags.csv parse and say the same, the 风险提示 page lists each flag and
the project's notice pages show it in their 数据提示 box. The box can be turned off."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import REGIONS_YAML, REPO
from lxml import html
from test_flags import award, candidates, tender

from generator.cli import main
from generator.dataset import load_dataset
from generator.derive import derive_site
from generator.flags import Thresholds, find_flags
from generator.render.pages import RenderContext, notice_facts

NOW = "2026-12-01T12:00:00+08:00"
NOTICES = {
    "P1-ZB": tender("P1"),
    "P1-HX": candidates("P1", ["995000"]),  # single-candidate
    "P1-JG": award("P1", "995000"),  # price-at-ceiling: 99.5% of 1,000,000
    "P2-ZB": tender("P2", category="land", method="listing"),
    "P2-JG": award("P2", "1500000", category="land"),  # a sale: no flag
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("flags")
    data = root / "data"
    (data / "notices").mkdir(parents=True)
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for name, text in NOTICES.items():
        (data / "notices" / f"{name}.yaml").write_text(text, encoding="utf-8")
    out = root / "site"
    code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(data), "--out", str(out),
                 "--now", NOW])
    assert code == 0
    return data, out


def test_the_files_parse_and_agree(built: tuple[Path, Path]) -> None:
    _, site = built
    document = json.loads((site / "data" / "flags.json").read_text(encoding="utf-8"))
    found = [(f["flag"], f["project_code"], f["notice_ids"], f["region_code"]) for f in document["flags"]]
    assert found == [("single-candidate", "P1", ["P1-HX"], "420902"),
                     ("price-at-ceiling", "P1", ["P1-JG", "P1-ZB"], "420902")]
    assert document["count"] == 2 and document["thresholds"]["price_ceiling_percent"] == "99"
    assert document["flags"][1]["values"]["ratio"] == "99.50"
    raw = (site / "data" / "flags.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [(r["flag"], r["project_code"], r["notice_ids"].split("\n"), r["region_code"]) for r in rows] == [
        (flag, project, ids, region) for flag, project, ids, region in found]
    assert [r["explanation"] for r in rows] == [f["explanation"] for f in document["flags"]]
    assert "99.50%" in rows[1]["explanation"]


def test_the_page_and_the_box_show_them(built: tuple[Path, Path]) -> None:
    _, site = built
    page = html.parse(str(site / "flags" / "index.html")).getroot()
    items = page.xpath('//li[contains(@class, "gs-flag")]')
    assert [(li.get("data-flag"), li.get("data-project")) for li in items] == [
        ("single-candidate", "P1"), ("price-at-ceiling", "P1")]
    assert items[1].get("data-regions") == "420000 420900 420902"
    assert "99.50%" in items[1].text_content()
    assert page.xpath('//section[@id="flag-repeat-winner"]'), "every flag has its section"
    assert page.xpath('//form[@data-gs-flags-filter][@hidden]'), "the filters wait for the script"
    for notice in ("P1-ZB", "P1-HX", "P1-JG"):
        box = html.parse(str(site / "notices" / notice / "index.html")).getroot().xpath(
            '//aside[contains(@class, "gs-datanotes")]')
        assert [li.get("data-flag") for li in box[0].xpath(".//li")] == ["single-candidate", "price-at-ceiling"]
    for notice in ("P2-ZB", "P2-JG"):
        assert not html.parse(str(site / "notices" / notice / "index.html")).getroot().xpath(
            '//aside[contains(@class, "gs-datanotes")]')


def test_the_box_can_be_turned_off(built: tuple[Path, Path]) -> None:
    data, _ = built
    tz = ZoneInfo("Asia/Shanghai")
    site = derive_site(load_dataset(data, tz), datetime.fromisoformat(NOW), tz)
    flags = find_flags(site, Thresholds())
    award_notice = site.by_id["P1-JG"]
    shown = RenderContext(site, "zh", data / "files", 30, flags=flags)
    hidden = RenderContext(site, "zh", data / "files", 30, flags=flags, flag_box=False)
    assert [note.flag for note in notice_facts(shown, award_notice).flags] == [
        "single-candidate", "price-at-ceiling"]
    assert notice_facts(hidden, award_notice).flags == []
