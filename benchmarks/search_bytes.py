"""What search costs: the size of a built site's Pagefind index, and the bytes a browser
downloads from pagefind/ for one search (a fresh browser each time: nothing cached).

    python benchmarks/search_bytes.py site/                      # default queries
    python benchmarks/search_bytes.py /tmp/site10k "q=道路" "region=420900&status=open"

Queries are search-page URL queries (what follows search/?). Each is measured twice in one
tab: the first action (the page opened with the query: by default the last 12 months, every
shard of them, see theme/assets/gongshi-search.js) and then every year (the one action
"搜索全部年份" pressed; the bytes are those of both actions, what a reader downloads to search
everything). The default queries find something, find nothing, and list by filters alone.
Each measure splits the bytes by kind: Pagefind's code (JS and wasm, the same at every size,
cached after the first search), shards.json, and per shard its entry, metadata, filters, word
index chunks and the fragments of the results shown. Needs Playwright and Debian's chromium
(/usr/bin/chromium), as the browser tests do.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
DEFAULT_QUERIES = ("q=道路", "q=孝感市政府采购", "q=XG-GC", "region=420900&status=open",
                   "q=工程&family=tenders&sort=newest")
ALL_YEARS = ("#gs-all-years", "#gs-help-all-years")  # the action, above results or in the help


def index_size(site: Path) -> dict[str, int]:
    """Bytes on disk; the index is one Pagefind bundle per shard (pagefind/SHARD/) or, as
    built before sharding, one bundle at pagefind/."""
    index = site / "pagefind"
    files = [p for p in index.rglob("*") if p.is_file()]
    sizes = {"total": sum(p.stat().st_size for p in files)}
    for part in ("fragment", "index", "filter"):
        sizes[part] = sum(p.stat().st_size for p in files if p.parent.name == part)
    sizes["meta"] = sum(p.stat().st_size for p in files if p.suffix == ".pf_meta")
    sizes["unused_ui_bundles"] = sum(p.stat().st_size for p in index.rglob("pagefind-*ui*"))
    sizes["shards"] = len([p for p in index.iterdir() if p.is_dir() and (p / "index").is_dir()])
    return sizes


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, dict[str, int]]]:
    """The site over HTTP; yields its base URL and a record of the bytes served per path,
    counted by the server (a Web Worker's requests included)."""
    served: dict[str, int] = {}

    class Counting(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def copyfile(self, source, destination) -> None:  # type: ignore[no-untyped-def]
            data = source.read()
            served[self.path.split("?")[0]] = served.get(self.path.split("?")[0], 0) + len(data)
            destination.write(data)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()


def query_bytes(browser, base: str, served: dict[str, int], query: str,
                clock: str | None = None) -> dict[str, object]:
    context = browser.new_context()
    page = context.new_page()
    if clock:  # statuses follow the reader's clock: the build's time, as the index had them
        page.clock.set_fixed_time(clock)
    served.clear()
    page.goto(f"{base}/search/?{query}")
    _wait_for_search(page, 0)
    first = _tally(served, page.text_content("#gs-count"))
    every = first
    for button in ALL_YEARS:
        if page.is_visible(button):
            done = int(page.get_attribute("#gs-search", "data-searches") or 0)
            page.click(button)
            _wait_for_search(page, done)
            every = _tally(served, page.text_content("#gs-count"))
            break
    context.close()
    return {"query": query, "first": first, "all_years": every}


def _wait_for_search(page, done: int) -> None:
    page.wait_for_function(
        "n => Number(document.querySelector('#gs-search').dataset.searches || 0) > n",
        arg=done, timeout=300000)


def _tally(served: dict[str, int], shown: str | None) -> dict[str, object]:
    sizes = {path: n for path, n in served.items() if "/pagefind/" in path}
    kinds = {"runtime": (".js", ".pagefind"), "manifest": ("/shards.json",),
             "entry": ("pagefind-entry.json",), "meta": (".pf_meta",),
             "filters": (".pf_filter",), "chunks": (".pf_index",), "fragments": (".pf_fragment",)}
    split = {f"{kind}_bytes": sum(n for path, n in sizes.items() if path.endswith(ends))
             for kind, ends in kinds.items()}
    shards = {path.split("/pagefind/")[1].split("/")[0] for path in sizes if path.endswith(".pf_meta")}
    total = sum(sizes.values())
    return {"shown": shown, "requests": len(sizes), "bytes": total, **split,
            "index_bytes": total - split["runtime_bytes"] - split["manifest_bytes"],
            "shards_read": len(shards)}


def _built(site: Path) -> str | None:
    """The build's time (build.json), the reader's clock of every search measured."""
    try:
        built = json.loads((site / "build.json").read_text(encoding="utf-8")).get("built")
    except (OSError, ValueError):
        return None
    return built if isinstance(built, str) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="*", default=list(DEFAULT_QUERIES))
    args = parser.parse_args(argv)
    if not (args.site / "pagefind" / "pagefind.js").is_file():
        print(f"{args.site} has no pagefind/: build it first", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    report: dict[str, object] = {"index": index_size(args.site)}
    with serve(args.site) as (base, served), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        clock = _built(args.site)
        report["queries"] = [query_bytes(browser, base, served, q, clock) for q in args.queries]
        browser.close()
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
