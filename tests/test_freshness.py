"""build.json: the build's time and the staleness threshold, in one file at the site root that
every page's script reads (the browser side is tests/test_stale_browser.py). The threshold is
a validated setting; the build's time is in no page, so pages stay the same from build to
build (the page cache keeps them)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from conftest import REGIONS_YAML, REPO, SAMPLE_NOW
from opendata_support import SITE_URL, build, project_copy, tender

from generator.config import load_settings
from generator.render.format import show_moment
from generator.words import SITE


def with_threshold(config: Path, value: str) -> Path:
    """The config with `extra.gongshi.stale_after_hours: value` (mkdocs.yml leaves the default)."""
    text = config.read_text(encoding="utf-8")
    assert re.search(r"(?m)^  gongshi:\n", text) and not re.search(r"(?m)^ +stale_after_hours:", text)
    config.write_text(text.replace("\n  gongshi:\n", f"\n  gongshi:\n    stale_after_hours: {value}\n"),
                      encoding="utf-8")
    return config


def small_data(root: Path) -> Path:
    data = root / "data"
    (data / "notices" / "2026").mkdir(parents=True)
    (data / "files").mkdir()
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    (data / "notices" / "2026" / "XN-CG-2026-091-ZB.yaml").write_text(tender(
        title="孝南区新鲜度测试采购询价公告", published="2026-03-01 09:00",
        deadline="2026-04-20 09:30", project="XN-CG-2026-091"), encoding="utf-8")
    return data


def test_build_json_holds_the_builds_now_and_the_configured_threshold(sample_site: Path) -> None:
    settings = load_settings(REPO / "mkdocs.yml")
    now = datetime.fromisoformat(SAMPLE_NOW)
    assert json.loads((sample_site / "build.json").read_text(encoding="utf-8")) == {
        "built": now.isoformat(),
        "built_display": show_moment(now, settings.tz),
        "stale_after_hours": settings.stale_after_hours,
    }
    mkdocs = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"# stale_after_hours: {settings.stale_after_hours}\n" in mkdocs  # the default, shown


def test_every_page_has_one_status_region_that_reads_build_json(sample_site: Path) -> None:
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        document = lxml.html.parse(str(path)).getroot()
        regions = document.xpath("//div[contains(@class,'gs-stale')]")
        assert len(regions) == 1, path
        region = regions[0]
        assert region.get("role") == "status" and region.text_content() == ""
        assert region.get("data-message") == SITE.words("zh")["stale_notice"]
        relative = path.relative_to(sample_site).as_posix()
        page_url = SITE_URL + relative.removesuffix("index.html")
        if relative == "404.html":  # served at any address: its links are site-absolute
            page_url = SITE_URL + "some/missing/page/"
        assert urljoin(page_url, region.get("data-build-info")) == f"{SITE_URL}build.json", path


def test_the_threshold_comes_from_the_config_and_the_time_from_now(tmp_path: Path) -> None:
    data = small_data(tmp_path)
    config = with_threshold(project_copy(tmp_path / "project"), "3")
    site = build(config, data, tmp_path / "site", "2026-03-20T08:15:00+08:00")
    info = json.loads((site / "build.json").read_text(encoding="utf-8"))
    assert info == {"built": "2026-03-20T08:15:00+08:00", "built_display": "2026-03-20 08:15",
                    "stale_after_hours": 3}


def test_pages_do_not_change_with_the_build_time(tmp_path: Path, run_cli) -> None:
    """Two clean builds an hour apart (no status changes between): every page is the same (the
    home page and 数据下载 state when the data last changed, not the build's time); only
    build.json differs."""
    data = small_data(tmp_path)
    config = project_copy(tmp_path / "project")
    sites = []
    for index, now in enumerate(("2026-03-20T08:15:00+08:00", "2026-03-20T09:15:00+08:00")):
        out = tmp_path / f"site-{index}"
        result = run_cli("--config", config, "build", "--data", data, "--out", out, "--now", now,
                         "--clean")
        assert result.exit_code == 0, result.err
        sites.append(out)
    first, second = sites
    pages = sorted(p.relative_to(first) for p in first.rglob("*.html"))
    changed = [str(p) for p in pages if (first / p).read_bytes() != (second / p).read_bytes()]
    assert pages and changed == []
    assert (first / "build.json").read_bytes() != (second / "build.json").read_bytes()
    # the exports hold no build time either: data/index.json's as_of is the data's time
    exported = sorted(p.relative_to(first) for p in (first / "data").rglob("*") if p.is_file())
    assert len(exported) > 4
    assert [str(p) for p in exported if (first / p).read_bytes() != (second / p).read_bytes()] == []


@pytest.mark.parametrize("value", ["0", "-1", "1.5", "'26'", "true", "abc", "9000"])
def test_a_bad_threshold_in_the_config_is_a_usage_error(tmp_path: Path, run_cli,
                                                         value: str) -> None:
    data = small_data(tmp_path)
    config = with_threshold(project_copy(tmp_path / "project"), value)
    out = tmp_path / "site"
    result = run_cli("--config", config, "build", "--data", data, "--out", out)
    assert result.exit_code == 2
    assert "设置 `extra.gongshi.stale_after_hours`" in result.err, result.err
    assert not out.exists()


def test_the_reading_guide_states_the_configured_threshold() -> None:
    hours = load_settings(REPO / "mkdocs.yml").stale_after_hours
    guide = (REPO / "content" / "guide" / "reading.md").read_text(encoding="utf-8")
    assert f"超过 {hours} 小时没有重新生成" in guide
