"""The cost of `gongshi import` (issue 19, item 3): a workbook of N tender rows and an OCDS
release package of N tender releases, each imported into an empty data folder (regions.yaml
only) in a fresh process; wall time and the process's peak resident memory (VmHWM).

    python3 benchmarks/import_cost.py [--sizes 1000 10000]

Goal: under 30 s at 10,000. Memory: the readers stream (openpyxl read-only, ijson) and each
record's file waits on disk in a staging folder, so what grows is only what the final
cross-file check holds, which is what `gongshi validate` of the resulting data folder holds:
it is run after each import, in a fresh process too, and its peak is reported beside the
import's (the difference should not grow with N). Wall time on a shared machine carries the
other processes' load: the CPU seconds (user + system) are reported beside it."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
USCC = "91420900MA4GQUWEE0"
REGIONS = '- code: "420000"\n  name: 湖北省\n'
START = datetime(2026, 1, 5, 9, 0)


def _published(index: int) -> datetime:
    return START + timedelta(minutes=37 * index)


def write_workbook(path: Path, count: int) -> None:
    import xlsxwriter

    from generator.importing.columns import columns_of

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("招标公告")
    headers = {column.dotted(): column.header("zh") for column in columns_of("tender")}
    wanted = ["id", "title", "region", "published", "publisher", "category", "project.code",
              "project.name", "method", "buyer.name", "buyer.uscc", "budget", "deadline"]
    for index, name in enumerate(wanted):
        sheet.write_string(0, index, headers[name])
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for row in range(1, count + 1):
        published = _published(row)
        values = [f"BM-{row:06d}-ZB", f"基准测试第 {row} 号道路工程施工招标公告", "420000", published,
                  "基准市公共资源交易中心", "工程建设", f"BM-{row:06d}", f"基准测试第 {row} 号道路工程",
                  "公开招标", "基准县交通运输局", USCC, 1000000 + row, published + timedelta(days=25)]
        for index, value in enumerate(values):
            if isinstance(value, datetime):
                sheet.write_datetime(row, index, value, moment)
            elif isinstance(value, int):
                sheet.write_number(row, index, value)
            else:
                sheet.write_string(row, index, value)
    book.close()


def write_package(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write('{"uri": "https://bench.example.cn/ocds.json", "version": "1.1", '
                     '"publisher": {"name": "基准市公共资源交易中心"}, "releases": [\n')
        for index in range(1, count + 1):
            published = _published(index).isoformat() + "+08:00"
            deadline = (_published(index) + timedelta(days=25)).isoformat() + "+08:00"
            party = {"id": f"CN-USCC-{USCC}", "name": "基准县交通运输局"}
            release = {
                "ocid": f"ocds-gongshi-BM-{index:06d}", "id": f"BM-{index:06d}-ZB", "date": published,
                "tag": ["tender"], "initiationType": "tender", "buyer": party,
                "tender": {"id": f"BM-{index:06d}-ZB", "title": f"基准测试第 {index} 号道路工程",
                           "status": "active", "procuringEntity": party,
                           "procurementMethod": "open", "procurementMethodDetails": "公开招标",
                           "mainProcurementCategory": "works",
                           "value": {"amount": 1000000 + index, "currency": "CNY"},
                           "tenderPeriod": {"startDate": published, "endDate": deadline},
                           "documents": [{"id": f"BM-{index:06d}-ZB", "documentType": "tenderNotice",
                                          "title": f"基准测试第 {index} 号道路工程施工招标公告"}]},
                "parties": [{**party, "roles": ["buyer", "procuringEntity"],
                             "identifier": {"scheme": "CN-SAIC", "id": USCC}}],
            }
            stream.write(("," if index > 1 else "") + json.dumps(release, ensure_ascii=False) + "\n")
        stream.write("]}\n")


def child(source: Path | None, data: Path) -> None:
    """One import of `source` (or, without one, `gongshi validate` of `data`) in this process;
    prints seconds, CPU seconds, peak RSS (MiB) and the exit code as JSON."""
    from generator.cli import main

    started = time.perf_counter()
    if source is None:
        code = main(["validate", "--data", str(data)])
    else:
        code = main(["import", str(source), "--data", str(data), "--region", "420000"])
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seconds": round(seconds, 2), "cpu": round(usage.ru_utime + usage.ru_stime, 2),
                      "peak_mib": round(peak_kib() / 1024, 1), "exit": code}))


def peak_kib() -> int:
    """This process's own peak resident memory: VmHWM. ru_maxrss would do on its own, but Linux
    starts a child's at its parent's peak (the parent here writes the sources), hiding small ones."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(kind: str, count: int, folder: Path) -> dict[str, object]:
    source = folder / ("rows.xlsx" if kind == "workbook" else "releases.json")
    (write_workbook if kind == "workbook" else write_package)(source, count)
    data = folder / "data"
    (data / "notices").mkdir(parents=True)
    (data / "regions.yaml").write_text(REGIONS, encoding="utf-8")
    result = _in_child(["--child", str(source), str(data)], folder)
    written = sum(1 for _ in (data / "notices").rglob("*.yaml"))
    left = [path.name for path in data.iterdir() if path.name not in ("notices", "regions.yaml")]
    validated = _in_child(["--validate", str(data)], folder)
    return {"kind": kind, "count": count, "source_mib": round(source.stat().st_size / 2**20, 1),
            "written": written, "left": left, **result, "validate_peak_mib": validated["peak_mib"]}


def _in_child(args: list[str], folder: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, __file__, *args], cwd=folder, capture_output=True, text=True,
                          check=False, env={"PYTHONPATH": str(REPO)})
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--child", nargs=2, type=Path)
    parser.add_argument("--validate", type=Path)
    args = parser.parse_args()
    if args.child or args.validate:
        child(*(args.child or (None, args.validate)))
        return
    sys.path.insert(0, str(REPO))
    print(f"load average before: {Path('/proc/loadavg').read_text().split()[0]} (2 cores shared: "
          "CPU seconds are the figure that does not depend on the other processes)")
    print("| source | records | source MiB | written | wall s | CPU s | peak RSS MiB | validate's peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in ("workbook", "ocds"):
        for count in args.sizes:
            with tempfile.TemporaryDirectory() as folder:
                row = measure(kind, count, Path(folder))
            print(f"| {row['kind']} | {row['count']} | {row['source_mib']} | {row['written']} | "
                  f"{row['seconds']} | {row['cpu']} | {row['peak_mib']} | {row['validate_peak_mib']} |",
                  flush=True)
            if row["left"]:
                print(f"left in the data folder besides notices/: {row['left']}")


if __name__ == "__main__":
    main()
