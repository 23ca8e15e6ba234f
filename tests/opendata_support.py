"""Helpers for the feed, calendar and export tests: build a small data folder with its own
copy of the site configuration (so `extra.gongshi` options such as feed_limit can change)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from conftest import REGIONS_YAML, REPO

from generator.cli import main

SITE_URL = "https://gongshi.example.cn/"


def project_copy(folder: Path, *, feed_limit: int | None = None) -> Path:
    """mkdocs.yml, theme/ and content/ copied into `folder`; returns the config file."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "theme", folder / "theme")
    shutil.copytree(REPO / "content", folder / "content")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if feed_limit is not None:
        assert "    feed_limit: 50\n" in config
        config = config.replace("    feed_limit: 50\n", f"    feed_limit: {feed_limit}\n")
    target = folder / "mkdocs.yml"
    target.write_text(config, encoding="utf-8")
    return target


def build(config: Path, data: Path, out: Path, now: str) -> Path:
    code = main(["--config", str(config), "build", "--data", str(data), "--out", str(out),
                 "--now", now])
    assert code == 0, "the site must build"
    return out


def tender(*, title: str, region: str = "420902", published: str, deadline: str,
           project: str, opening: str | None = None, withdrawn: str | None = None,
           budget: str = "980000") -> str:
    """A procurement tender notice as YAML (procurement: no 20-day construction rule)."""
    text = f"""\
type: tender
title: {title}
region: "{region}"
published: {published}
publisher: 孝感市公共资源交易中心
category: procurement
project:
  code: {project}
  name: {title}
method: inquiry
buyer:
  name: 孝感市孝南区教育局
  uscc: 91350100M000100Y43
budget: {budget}
deadline: {deadline}
"""
    if opening:
        text += f"opening:\n  time: {opening}\n  place: 第一开标室\n"
    if withdrawn:
        text += f"withdrawn:\n  date: {withdrawn}\n  reason: 采购需求调整，撤销本公告\n"
    return text


def amendment(*, title: str, amends: str, project: str, published: str, deadline: str,
              opening: str | None = None, region: str = "420902") -> str:
    text = f"""\
type: amendment
title: {title}
region: "{region}"
published: {published}
publisher: 孝感市公共资源交易中心
category: procurement
project:
  code: {project}
  name: {title}
amends: {amends}
changes:
  deadline: {deadline}
"""
    if opening:
        text += f"  opening:\n    time: {opening}\n    place: 第二开标室\n"
    return text


# --- one small site shared by the feed, calendar and export tests ---------------------------------

SMALL_NOW = "2026-03-20T12:00:00+08:00"
SMALL_FEED_LIMIT = 2
HOSTILE_BODY = """\
正文<script>alert('x')</script>

[点击](javascript:alert(1)) <img src=x onerror=alert(2)>
"""

SMALL_NOTICES = {
    "2026/420902/XN-CG-2026-001-ZB.yaml": tender(
        title="孝南区中小学课桌椅采购询价公告", published="2026-03-01 09:00",
        deadline="2026-04-20 09:30", opening="2026-04-20 10:00", project="XN-CG-2026-001",
    ) + "body: |\n" + "".join(f"  {line}\n" for line in HOSTILE_BODY.splitlines()),
    "2026/420902/XN-CG-2026-001-BG1.yaml": amendment(
        title="孝南区中小学课桌椅采购变更公告", amends="XN-CG-2026-001-ZB",
        project="XN-CG-2026-001", published="2026-03-10 10:00", deadline="2026-04-27 09:30",
        opening="2026-04-27 10:00",
    ),
    "2026/420102/JA-CG-2026-002-ZB.yaml": tender(
        title="江岸区街道办公设备采购询价公告", region="420102", published="2026-03-05 09:00",
        deadline="2026-04-10 09:30", project="JA-CG-2026-002",
    ),
    "2026/420921/XC-CG-2026-003-ZB.yaml": tender(
        title="孝昌县卫生院医用耗材采购询价公告", region="420921", published="2026-03-08 09:00",
        deadline="2026-04-15 09:30", project="XC-CG-2026-003", withdrawn="2026-03-12",
    ),
    "2026/420902/XN-CG-2026-009-ZB.yaml": tender(
        title="孝南区尚未发布的采购询价公告", published="2026-05-01 09:00",
        deadline="2026-05-20 09:30", project="XN-CG-2026-009",
    ),
}
SMALL_AMENDED = "XN-CG-2026-001-ZB"
SMALL_WITHDRAWN = "XC-CG-2026-003-ZB"
SMALL_EMBARGOED = "XN-CG-2026-009-ZB"


def build_small_site(root: Path) -> Path:
    """SMALL_NOTICES built as of SMALL_NOW with feed_limit 2, into root/site."""
    data = root / "data"
    (data / "notices").mkdir(parents=True)
    (data / "files").mkdir()
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for relative, text in SMALL_NOTICES.items():
        path = data / "notices" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = project_copy(root / "project", feed_limit=SMALL_FEED_LIMIT)
    return build(config, data, root / "site", SMALL_NOW)


# --- the exports, one set of files per publication month (data/index.json lists them) -----------


def export_index(site: Path) -> dict:
    return json.loads((site / "data/index.json").read_text(encoding="utf-8"))


def index_months(site: Path) -> list[dict]:
    """Every month the index lists, newest first (years newest first, their months newest
    first)."""
    return [month for year in export_index(site)["years"] for month in year["months"]]


def month_files(site: Path, name: str) -> list[Path]:
    """Each month's `name` (notices.json, notices.csv, notices.xlsx, ocds.json), in the index's
    order (newest month first), at data/<year>/<MM>/."""
    return [site / "data" / entry["month"][:4] / entry["month"][5:] / name
            for entry in index_months(site)]


def exported_records(site: Path) -> list[dict]:
    """Every month's notices.json records, newest month first: every public notice, newest first."""
    return [record for path in month_files(site, "notices.json")
            for record in json.loads(path.read_text(encoding="utf-8"))["notices"]]


def exported_csv(site: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header of the months' notices.csv (the same in each) and their rows, in order."""
    headers: list[list[str]] = []
    rows: list[dict[str, str]] = []
    for path in month_files(site, "notices.csv"):
        reader = csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
        rows += list(reader)
        headers.append(list(reader.fieldnames or []))
    assert headers and all(header == headers[0] for header in headers)
    return headers[0], rows


def exported_releases(site: Path) -> list[dict]:
    """The releases of every month's ocds.json, oldest month first: every procurement notice
    in publication order (a month of penalties only has no ocds.json)."""
    return [release for path in reversed(month_files(site, "ocds.json")) if path.exists()
            for release in json.loads(path.read_text(encoding="utf-8"))["releases"]]
