"""The statistics pages, data/stats.csv and the performance table, checked against a count made
here from the notice files of a small data folder with plain Python (never through
generator/statistics.py): one build of that folder for the module."""

from __future__ import annotations

import csv
import io
import statistics as pystats
import textwrap
from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.etree
import lxml.html
import pytest
import yaml
from conftest import REGIONS_YAML, REPO, VALID_TENDER

from generator.cli import main

NOW = "2026-11-26T12:00:00+08:00"
TZ = ZoneInfo("Asia/Shanghai")
SVG = "{http://www.w3.org/2000/svg}"

NOTICES = {
    # a construction tender in 孝南区, amended once (deadline 03-25 → 03-30), then candidates and award
    "2026/420902/XN-T1.yaml": VALID_TENDER,
    "2026/420902/XN-T1-BG.yaml": """\
        type: amendment
        title: 孝南区书院街道路改造工程变更公告
        region: "420902"
        published: 2026-03-10 10:00
        publisher: 孝感市公共资源交易中心
        category: construction
        project: {code: XN-GC-2026-001, name: 孝南区书院街道路改造工程}
        amends: XN-T1
        changes: {deadline: 2026-03-30 09:30}
        """,
    "2026/420902/XN-T1-HX.yaml": """\
        type: candidates
        title: 孝南区书院街道路改造工程中标候选人公示
        region: "420902"
        published: 2026-04-02 10:00
        publisher: 孝感市公共资源交易中心
        category: construction
        project: {code: XN-GC-2026-001, name: 孝南区书院街道路改造工程}
        candidates:
        - {rank: 1, name: 湖北甲建设有限公司, amount: 12000000}
        - {rank: 2, name: 湖北乙建设有限公司, amount: 12100000}
        - {rank: 3, name: 湖北丙建设有限公司, amount: 12200000}
        publicity_end: 2026-04-05
        """,
    "2026/420902/XN-T1-JG.yaml": """\
        type: award
        title: 孝南区书院街道路改造工程中标结果公告
        region: "420902"
        published: 2026-04-10 09:00
        publisher: 孝感市公共资源交易中心
        category: construction
        project: {code: XN-GC-2026-001, name: 孝南区书院街道路改造工程}
        winners:
        - {name: 湖北甲建设有限公司, amount: 12000000.25}
        """,
    # a procurement in 孝昌县 with one candidate and an award of two winners, one without amount
    "2026/420921/XC-T2.yaml": """\
        type: tender
        title: 孝昌县办公设备采购项目公告
        region: "420921"
        published: 2026-05-06 09:00
        publisher: 孝感市公共资源交易中心
        category: procurement
        project: {code: XC-CG-2026-002, name: 孝昌县办公设备采购项目}
        method: competitive-consultation
        buyer: {name: 孝昌县教育局}
        budget: 500000
        deadline: 2026-05-20 09:30
        """,
    "2026/420921/XC-T2-HX.yaml": """\
        type: candidates
        title: 孝昌县办公设备采购项目候选人公示
        region: "420921"
        published: 2026-05-25 10:00
        publisher: 孝感市公共资源交易中心
        category: procurement
        project: {code: XC-CG-2026-002, name: 孝昌县办公设备采购项目}
        candidates:
        - {rank: 1, name: 孝昌县甲商贸有限公司, amount: 480000}
        publicity_end: 2026-05-28
        """,
    "2026/420921/XC-T2-JG.yaml": """\
        type: award
        title: 孝昌县办公设备采购项目成交结果公告
        region: "420921"
        published: 2026-06-03 09:00
        publisher: 孝感市公共资源交易中心
        category: procurement
        project: {code: XC-CG-2026-002, name: 孝昌县办公设备采购项目}
        winners:
        - {name: 孝昌县甲商贸有限公司, amount: 480000}
        - {name: 孝昌县乙商贸有限公司}
        """,
    # 江岸区: two open construction tenders, one without budget, in other months
    "2026/420102/JA-T3.yaml": """\
        type: tender
        title: 江岸区道路维修工程招标公告
        region: "420102"
        published: 2026-06-01 09:00
        publisher: 武汉市公共资源交易中心
        category: construction
        project: {code: JA-GC-2026-003, name: 江岸区道路维修工程}
        method: open
        buyer: {name: 江岸区住房和城乡建设局}
        deadline: 2026-06-25 09:30
        """,
    "2025/420102/JA-T5.yaml": """\
        type: tender
        title: 江岸区学校改造工程招标公告
        region: "420102"
        published: 2025-10-08 09:00
        publisher: 武汉市公共资源交易中心
        category: construction
        project: {code: JA-GC-2025-005, name: 江岸区学校改造工程}
        method: open
        buyer: {name: 江岸区教育局}
        budget: 3000000
        deadline: 2025-10-29 09:30
        """,
    # 仙桃市: a withdrawn tender (counts nowhere) and one in effect
    "2026/429004/XT-T4.yaml": """\
        type: tender
        title: 仙桃市工业用地使用权拍卖出让公告
        region: "429004"
        published: 2026-08-01 09:00
        publisher: 仙桃市公共资源交易中心
        category: land
        project: {code: XT-TD-2026-004, name: 仙桃市工业用地使用权}
        method: auction
        buyer: {name: 仙桃市自然资源和规划局}
        budget: 9000000
        deadline: 2026-08-31 09:30
        withdrawn: {date: 2026-08-05, reason: 出让方案调整，本公告撤销。}
        """,
    "2026/429004/XT-T6.yaml": """\
        type: tender
        title: 仙桃市商住用地使用权挂牌出让公告
        region: "429004"
        published: 2026-09-01 09:00
        publisher: 仙桃市公共资源交易中心
        category: land
        project: {code: XT-TD-2026-006, name: 仙桃市商住用地使用权}
        method: listing
        buyer: {name: 仙桃市自然资源和规划局}
        budget: 25000000
        deadline: 2026-09-28 09:30
        """,
    # a penalty in force, and one whose disclosure has ended (not public)
    "2026/420900/XG-P1.yaml": """\
        type: penalty
        title: 关于对湖北丁建设有限公司的行政处罚决定公告
        region: "420900"
        published: 2026-07-01
        publisher: 孝感市公共资源交易监督管理局
        subject: {name: 湖北丁建设有限公司, kind: company, uscc: 91420900MA48CE54TQ}
        decision_no: 孝建罚决字〔2026〕第 1 号
        decided: 2026-06-28
        authority: 孝感市住房和城乡建设局
        violation: 弄虚作假骗取中标。
        basis: 《中华人民共和国招标投标法》第五十四条
        sanctions:
        - {kind: fine, amount: 50000}
        - {kind: suspension, until: 2027-06-28}
        publicity_end: 2027-06-28
        """,
    "2025/420100/WH-P2.yaml": """\
        type: penalty
        title: 关于对武汉戊建设有限公司的行政处罚决定公告
        region: "420100"
        published: 2025-01-10
        publisher: 武汉市公共资源交易监督管理局
        subject: {name: 武汉戊建设有限公司, kind: company, uscc: 91420900MA4MX7UALU}
        decision_no: 武建罚决字〔2025〕第 2 号
        decided: 2025-01-05
        authority: 武汉市住房和城乡建设局
        violation: 串通投标。
        basis: 《中华人民共和国招标投标法》第五十三条
        sanctions:
        - {kind: warning}
        publicity_end: 2025-07-05
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small data folder and its site, built once."""
    root = tmp_path_factory.mktemp("stats")
    data = root / "data"
    (data / "files").mkdir(parents=True)
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for rel, text in NOTICES.items():
        path = data / "notices" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    out = root / "site"
    code = main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(data),
                 "--out", str(out), "--now", NOW])
    assert code == 0
    return data, out


# --- the independent count: the notice files read as plain YAML -----------------------------


def _moment(value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=TZ)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=TZ)
    return datetime.fromisoformat(str(value)).replace(tzinfo=TZ)


def independent_count(data: Path) -> dict[str, dict[str, Decimal]]:
    """region code → metric → value, for the period `all`, counted from the files."""
    now = datetime.fromisoformat(NOW)
    regions = yaml.safe_load((data / "regions.yaml").read_text(encoding="utf-8"))
    parent = {r["code"]: r.get("parent") for r in regions}
    notices = {}
    for path in (data / "notices").rglob("*.yaml"):
        notices[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))

    def public(n: dict) -> bool:
        if _moment(n["published"]) > now:
            return False
        if n["type"] == "penalty" and _moment(n["publicity_end"]).date() < now.date():
            return False
        return not ("withdrawn" in n and _moment(n["withdrawn"]["date"]) <= now)

    counted = {nid: n for nid, n in notices.items() if public(n)}
    deadlines = {}
    for nid, n in counted.items():
        if n["type"] == "tender":
            deadline = _moment(n["deadline"])
            for amendment in sorted((a for a in counted.values() if a["type"] == "amendment"
                                     and a["amends"] == nid), key=lambda a: _moment(a["published"])):
                deadline = _moment(amendment["changes"]["deadline"])
            deadlines[nid] = deadline
    family = {"tender": "tenders", "amendment": "tenders", "candidates": "results", "award": "results",
              "termination": "results", "penalty": "penalties"}
    tally: dict[str, Counter] = defaultdict(Counter)
    lists: dict[tuple[str, str], list] = defaultdict(list)
    for nid, n in counted.items():
        code: str | None = str(n["region"])
        chain = []
        while code:
            chain.append(code)
            code = parent.get(code)
        month = _moment(n["published"]).strftime("%Y-%m")
        for region in chain:
            t = tally[region]
            t[f"notices.{family[n['type']]}"] += 1
            t[f"month.{month}.{family[n['type']]}"] += 1
            if n["type"] == "tender":
                t["tenders"] += 1
                t[f"tenders.category.{n['category']}"] += 1
                t[f"tenders.method.{n['method']}"] += 1
                t["budget.sum"] += Decimal(str(n.get("budget", 0)))
                days = (deadlines[nid].date() - _moment(n["published"]).date()).days
                lists[(region, f"submission_days.median.{n['method']}")].append(days)
                lists[(region, "submission_days.median")].append(days)
                if any(a["type"] == "amendment" and a["amends"] == nid for a in counted.values()):
                    t["tenders.amended"] += 1
            if n["type"] == "candidates":
                lists[(region, "candidates")].append(len(n["candidates"]))
            if n["type"] == "award":
                t["awarded.sum"] += sum(Decimal(str(w["amount"])) for w in n["winners"] if "amount" in w)
                tenders = [tid for tid, tn in counted.items() if tn["type"] == "tender"
                           and tn["project"]["code"] == n["project"]["code"]]
                days = (_moment(n["published"]).date() - deadlines[tenders[-1]].date()).days
                lists[(region, "award_days.median")].append(days)
            if n["type"] == "penalty":
                t["penalties"] += 1
                for kind in {s["kind"] for s in n["sanctions"]}:
                    t[f"penalties.kind.{kind}"] += 1
    found: dict[str, dict[str, Decimal]] = {}
    for region, t in tally.items():
        metrics = {key: Decimal(value) for key, value in t.items()}
        for (owner, key), values in lists.items():
            if owner != region:
                continue
            if key == "candidates":
                metrics["candidates.mean"] = Decimal(sum(values)) / len(values)
                for n_ in range(1, 5):
                    metrics[f"candidates.publicities.{n_}"] = Decimal(values.count(n_))
            else:
                metrics[key] = Decimal(str(pystats.median(values)))
        if t["tenders"]:
            metrics["tenders.amended.share"] = Decimal(t["tenders.amended"]) / t["tenders"]
        found[region] = metrics
    return found


def read_stats_csv(site: Path) -> list[dict[str, str]]:
    raw = (site / "data" / "stats.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()), "UTF-8 with a byte-order mark"
    assert b"\r\n" in raw
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_stats_csv_matches_an_independent_count(built: tuple[Path, Path]) -> None:
    data, site = built
    rows = read_stats_csv(site)
    assert list(rows[0]) == ["region_code", "period", "metric", "value"]
    table: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        table[(row["region_code"], row["period"])][row["metric"]] = Decimal(row["value"])
    expected = independent_count(data)
    assert set(expected) == {"420000", "420100", "420102", "420900", "420902", "420921", "429004"}
    for region, metrics in expected.items():
        shown = table[(region, "all")]
        for key, value in metrics.items():
            if key.startswith("month."):
                _, month, family = key.split(".")
                assert table[(region, month)][f"notices.{family}"] == value, (region, key)
            elif key == "candidates.mean":
                assert shown[key] == value.quantize(Decimal("0.01")), (region, key)
            elif key == "tenders.amended.share":
                assert shown[key] == value.quantize(Decimal("0.0001")), (region, key)
            else:
                assert shown[key] == value, (region, key, shown.get(key))
        # a count the files do not have is zero in the CSV, never missing
        assert shown["tenders.category.mining"] == metrics.get("tenders.category.mining", 0)
    # the planted facts, said once more in numbers: 孝感市 rolls up 孝南区 and 孝昌县
    xiaogan = table[("420900", "all")]
    assert xiaogan["tenders"] == 2 and xiaogan["tenders.amended.share"] == Decimal("0.5000")
    assert xiaogan["submission_days.median.open"] == 29  # 03-01 → 03-30, as amended
    assert xiaogan["awarded.sum"] == Decimal("12480000.25")
    assert table[("429004", "all")]["tenders"] == 1  # the withdrawn tender counts nowhere
    assert table[("420000", "all")]["penalties.kind.warning"] == 0  # its disclosure ended


def test_stats_csv_order_and_window(built: tuple[Path, Path]) -> None:
    _, site = built
    rows = read_stats_csv(site)
    codes = [row["region_code"] for row in rows]
    assert codes[0] == "420000"  # the whole site, under the province's code, first
    seen = list(dict.fromkeys(codes))
    assert seen == ["420000", *sorted(set(codes) - {"420000"})]
    periods = {row["period"] for row in rows}
    assert "2025-12/2026-11" in periods  # the last 12 months as of the data's last change
    window = {row["metric"]: Decimal(row["value"]) for row in rows
              if row["region_code"] == "420102" and row["period"] == "2025-12/2026-11"}
    assert window["tenders"] == 1  # the 2025-10 tender is outside the window


def _table_numbers(table: lxml.html.HtmlElement) -> list[tuple[str, list[str]]]:
    return [(row.xpath("string(th)").strip(), [td.text_content().strip() for td in row.xpath("td")])
            for row in table.xpath("tbody/tr")]


def test_charts_hold_the_numbers_of_their_tables(built: tuple[Path, Path]) -> None:
    _, site = built
    pages = [site / "stats" / "index.html", *sorted((site / "stats" / "region").glob("*/index.html"))]
    assert len(pages) == 7  # the whole site and the six regions below the province
    charts = 0
    for page in pages:
        tree = lxml.html.parse(str(page)).getroot()
        for section in tree.xpath("//section[contains(@class, 'gs-stats-block')]"):
            images = section.xpath(".//figure/img")
            tables = section.xpath(".//table")
            if not tables or not images:  # no numbers; the candidates' table has no chart
                assert not images and (not tables or section.get("aria-labelledby") == "gs-stats-candidates")
                continue
            assert len(images) == 1 and images[0].get("alt"), page
            rows = _table_numbers(tables[0])
            svg_path = (page.parent / images[0].get("src")).resolve()
            svg = lxml.etree.parse(str(svg_path)).getroot()
            assert svg.tag == f"{SVG}svg" and not svg.xpath("//*[local-name()='script']")
            assert "PingFang SC" in "".join(svg.xpath("//*[local-name()='style']/text()"))
            bars = [(bar.findtext(f"{SVG}desc[@class='x_label']"), bar.findtext(f"{SVG}desc[@class='value']"))
                    for bar in svg.iter(f"{SVG}g") if bar.get("class") == "bar"]
            series = len(tables[0].xpath("thead/tr/th")) - 1 - (1 if section.get("aria-labelledby") == "gs-stats-months" else 0)
            expected = [(label, cells[i]) for i in range(series) for label, cells in rows]
            assert sorted(bars) == sorted(expected), (page, section.get("aria-labelledby"))
            charts += 1
    assert charts >= 20


def test_a_tally_absorbed_into_an_empty_one_gives_it_every_figure(built: tuple[Path, Path]) -> None:
    """Regions' figures are added up the tree (Tally.absorb): a field it forgot would leave
    the copy different from the whole site's tally, whose every field the data fills."""
    from generator.commands.build import load_valid
    from generator.config import load_settings
    from generator.derive import derive_site
    from generator.statistics import Tally, site_statistics

    data, _ = built
    settings = load_settings(REPO / "mkdocs.yml")
    site = derive_site(load_valid(data, settings, False), datetime.fromisoformat(NOW), settings.tz)
    whole = site_statistics(site).whole.every
    assert all(value for value in vars(whole).values()), vars(whole)  # every field filled
    copy = Tally()
    copy.absorb(whole)
    assert copy == whole


def test_outputs_are_the_same_bytes_when_made_again(built: tuple[Path, Path]) -> None:
    """Made afresh from the same data and clock (another derive, other objects), data/stats.csv
    and every chart are the same bytes as the build's."""
    from generator.commands.build import load_valid
    from generator.config import load_settings
    from generator.derive import derive_site
    from generator.render.statistics import StatsPages, stats_csv
    from generator.statistics import site_statistics

    data, out = built
    settings = load_settings(REPO / "mkdocs.yml")
    site = derive_site(load_valid(data, settings, False), datetime.fromisoformat(NOW), settings.tz)
    statistics = site_statistics(site)
    assert stats_csv(statistics) == (out / "data" / "stats.csv").read_bytes()
    from generator.render.pages import RenderContext

    class Keep:  # an output cache that keeps nothing: every chart is drawn here
        def key(self, path: str, source: str) -> str:
            return path

        def get(self, key: str) -> None:
            return None

        def put(self, key: str, content: bytes) -> Path:
            drawn[key] = content
            return Path(key)

    drawn: dict[str, bytes] = {}
    ctx = RenderContext(site, settings.language, data / "files", settings.page_size)
    list(StatsPages(ctx, statistics, Keep(), {}).all())
    assert drawn and all(content == (out / path).read_bytes() for path, content in drawn.items())


def test_performance_table_rows_and_its_csv(built: tuple[Path, Path]) -> None:
    _, site = built
    tree = lxml.html.parse(str(site / "stats" / "performance" / "index.html")).getroot()
    rows = tree.xpath("//table[contains(@class, 'gs-performance-table')]/tbody/tr")
    assert [(r.get("data-code"), r.get("data-level"), r.get("data-group")) for r in rows] == [
        ("420100", "city", "420100"), ("420102", "county", "420100"),
        ("420900", "city", "420900"), ("420902", "county", "420900"), ("420921", "county", "420900"),
        ("429004", "city", "429004"),
    ]
    headers = [th.get("data-indicator") for th in tree.xpath("//thead/tr/th")[1:]]
    definitions = tree.xpath("//dl[contains(@class, 'gs-definitions')]/dt/@data-indicator")
    assert headers == definitions and "submission_days.median" in headers  # each defined in words
    assert "2025-12-01" in tree.xpath("string(//caption)")  # the stated period
    raw = (site / "data" / "performance.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["region_code"] for row in table] == [r.get("data-code") for r in rows]
    for row, shown in zip(table, rows, strict=True):
        assert [row[key] for key in headers] == shown.xpath("td/@data-value")
    xiaogan = next(row for row in table if row["region_code"] == "420900")
    assert xiaogan["tenders"] == "2" and xiaogan["tenders.amended.share"] == "0.5000"
    assert xiaogan["penalties"] == "1"


def test_a_new_notice_remakes_only_the_statistics_it_changes(built: tuple[Path, Path]) -> None:
    """A tender published in 仙桃市 changes its page, the whole site's and the performance
    table; 江岸区's page and charts keep their bytes and time (page and output caches). Runs
    last: it adds the notice to the module's data folder."""
    data, out = built
    kept = [out / "stats" / "region" / "420102" / name for name in ("index.html", "categories.svg")]
    changed = [out / "stats" / "region" / "429004" / "index.html", out / "stats" / "index.html",
               out / "stats" / "region" / "429004" / "categories.svg"]
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in [*kept, *changed]}
    (data / "notices" / "2026" / "429004" / "XT-T7.yaml").write_text(textwrap.dedent("""\
        type: tender
        title: 仙桃市绿化养护服务采购公告
        region: "429004"
        published: 2026-11-20 09:00
        publisher: 仙桃市公共资源交易中心
        category: other
        project: {code: XT-QT-2026-007, name: 仙桃市绿化养护服务}
        method: open
        buyer: {name: 仙桃市城市管理局}
        deadline: 2026-12-11 09:30
        """), encoding="utf-8")
    assert main(["--config", str(REPO / "mkdocs.yml"), "build", "--data", str(data),
                 "--out", str(out), "--now", NOW]) == 0
    for path in kept:
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before[path], path
    for path in changed:
        assert path.read_bytes() != before[path][0], path
