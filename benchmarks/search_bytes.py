"""What search costs: the size of a built site's Pagefind index, and the bytes a browser
downloads from pagefind/ for one query (a fresh browser each time: nothing cached).

    python benchmarks/search_bytes.py site/                      # default queries
    python benchmarks/search_bytes.py /tmp/site10k "q=道路" "region=420900&status=open"

Queries are search-page URL queries (what follows search/?). Each is measured twice: the
first action (the newest batch of shards, see theme/assets/gongshi-search.js) and all
periods (pressing "search earlier notices" until every shard is read). Needs Playwright and
Debian's chromium (/usr/bin/chromium), as the browser tests do.
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


def index_size(site: Path) -> dict[str, int]:
    """Bytes on disk; the index is one Pagefind bundle per shard (pagefind/MONTH/) or, as
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
def serve(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def query_bytes(browser, base: str, query: str) -> dict[str, object]:
    """The first action (the page opened with the query: the newest batch of shards) and then
    every period (pressing "search earlier notices" until all are searched)."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("response", lambda r: "/pagefind/" in r.url and sizes.update({r.url: len(r.body())}))
    page.goto(f"{base}/search/?{query}")
    _wait_for_search(page, 0)
    first = _tally(sizes, page.text_content("#gs-count"))
    batches = 1
    while page.is_visible("#gs-more") or page.is_visible("#gs-earlier"):
        if page.is_visible("#gs-more"):  # results already found: their fragments
            shown = page.locator("#gs-results > li").count()
            page.click("#gs-more")
            page.wait_for_function(
                "n => document.querySelectorAll('#gs-results > li').length > n", arg=shown)
            continue
        done = int(page.get_attribute("#gs-search", "data-searches") or 0)
        page.click("#gs-earlier")
        _wait_for_search(page, done)
        batches += 1
    every = _tally(sizes, page.text_content("#gs-count"))
    context.close()
    return {"query": query, "first": first, "all_periods": {**every, "batches": batches}}


def _wait_for_search(page, done: int) -> None:
    page.wait_for_function(
        "n => Number(document.querySelector('#gs-search').dataset.searches || 0) > n",
        arg=done, timeout=120000)


def _tally(sizes: dict[str, int], shown: str | None) -> dict[str, object]:
    runtime = sum(n for url, n in sizes.items() if url.endswith((".js", ".pagefind")))
    manifest = sum(n for url, n in sizes.items() if url.endswith("/shards.json"))
    shards = {url.split("/pagefind/")[1].split("/")[0] for url in sizes if url.endswith(".pf_meta")}
    return {"shown": shown, "requests": len(sizes), "bytes": sum(sizes.values()),
            "runtime_bytes": runtime, "manifest_bytes": manifest,
            "index_bytes": sum(sizes.values()) - runtime - manifest, "shards_read": len(shards)}


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
    with serve(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        report["queries"] = [query_bytes(browser, base, q) for q in args.queries]
        browser.close()
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
