"""Search: what Pagefind records of each public notice, and the index stage of the build.

The index is made from the data, not from the built pages: each public notice becomes one
Pagefind record (`notice_records`, from the notice page's front matter the render stage
made) holding the text its page shows (title, facts, tables, body, attachments, contact),
its filters (family, type, category, status, every region of its path, publication year),
sorts (publication time, tender deadline) and result metadata. Listings, content pages,
navigation and labels are never indexed; embargoed notices and expired penalties have no
page, so they have no record. Because the index needs nothing the site engine makes, the
build makes the records once and indexes them alongside the engine (`BackgroundIndex`), by
Pagefind's command line over one small page per record (see `_run_pagefind`).

Chinese is indexed one character per word. Pagefind's indexer segments Chinese with a
dictionary, but the browser segments the query with Intl.Segmenter, and the two disagree
(应城市城北 is indexed 应城/市/城北, queried 应城市/城北): whole titles found nothing. So each
record's text has a hair space between Chinese characters, and the search page queries a
run of Chinese characters as an exact phrase of characters (theme/assets/gongshi-search.js):
a query matches where the text contains it, like Ctrl+F. Excerpts are joined up again in the
browser.

The index is sharded by publication month (site time), a month of more than SHARD_PAGES
notices in parts, a year of at most YEAR_PAGES notices whole. pagefind/shards.json lists the shards newest first with a summary of each
(dates, page count, and how many notices have each filter value), so the search page skips
shards that cannot match the filters and reads the others newest first, a few at a time
(see gongshi-search.js for how results of successive batches are ordered).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html import escape, unescape
from importlib import metadata
from pathlib import Path
from typing import Any, cast

from . import cachefile
from .errors import BuildFailed, describe_os_error
from .render.facts import NoticeFacts, as_json
from .words import COMMANDS
from .words.commands import as_said

INDEX_DIR = "pagefind"
# Notice text is Chinese whatever the interface language: one index, segmented as Chinese.
INDEX_LANGUAGE = "zh"
TIMEOUT_SECONDS = 900
STOP_GRACE_SECONDS = 10.0  # an index process asked to stop is killed if it has not by then
# Chinese characters and CJK/full-width punctuation; the JS uses the same ranges.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_BETWEEN_CJK = re.compile(f"(?<=[{CJK}])(?=[{CJK}])")
WORD_BREAK = "\u200a"  # hair space: whitespace to Pagefind, and nearly invisible
# A word on every indexed notice: the search page queries it to list notices by filters alone,
# because a query of null makes Pagefind load every chunk of the word index (MBs at 10,000).
EVERY_NOTICE = "zzgongshiall"


# --- records: what Pagefind holds of each notice --------------------------------------------


@dataclass(frozen=True)
class SearchRecord:
    url: str  # as the site serves it below its root: /notices/ID/
    published: str  # site time, ISO: the shard (month) and the summary's dates
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]
    # What the text is made from (the notice's facts as JSON), for the shard's cache key, and
    # the indexed text (Chinese spaced one character per word): both made when the index
    # process needs them, not by the build (held for every notice while the engine runs, the
    # texts of 50,000 notices would take ~300 MB).
    source: Callable[[], bytes] = field(compare=False, repr=False)
    text: Callable[[], str] = field(compare=False, repr=False)


def notice_records(notices: Iterable[NoticeFacts]) -> list[SearchRecord]:
    """One record per public notice, from the facts its page is made from; sorted by URL so
    the same notices give the same records."""
    return sorted((_record(facts) for facts in notices), key=lambda record: record.url)


def _record(n: NoticeFacts) -> SearchRecord:
    meta = {"title": n.title, "id": n.id, "type": n.type, "type_label": n.type_label,
            "status": n.status, "status_label": n.status_label}
    meta.update({key: value for key, value in n.search.meta.items() if value})
    filters = {key: list(values) for key, values in n.search.filters.items() if values}
    return SearchRecord(url=f"/{n.url}", published=n.published_iso, meta=meta,
                        filters=filters, sort=dict(n.search.sorts),
                        source=functools.partial(as_json, n),
                        text=functools.partial(_content, n))


def _content(n: NoticeFacts) -> str:
    text = " ".join(part for part in _notice_text(n) if part)
    return space_cjk(f"{text} {EVERY_NOTICE}")


def _notice_text(n: NoticeFacts) -> Iterable[str]:
    """The words of a notice page in its order, without labels (theme/notice.html)."""
    yield n.title
    if n.withdrawn:
        yield from (n.withdrawn.date, n.withdrawn.reason)
    if n.deadline:
        yield from (n.deadline.display, *n.deadline.superseded)
    yield from (n.id, n.published, n.publisher, " › ".join(r.name for r in n.region_path))
    if n.project:
        yield f"{n.project.name} （{n.project.code}）"
    yield n.method_label or ""
    for party in (n.buyer, n.agency):
        if party:
            yield from (party.name, party.uscc or "")
    yield n.budget or ""
    for opening in (n.opening, n.new_opening):
        if opening:
            yield from (opening.time, opening.place or "")
    yield n.qualification or ""
    if n.amends:
        yield n.amends.title
    yield from (n.new_deadline or "", n.publicity_end or "", n.award_date or "", n.reason or "")
    if n.subject:
        yield from (n.subject.name, n.subject.kind_label, n.subject.uscc or "")
        yield from (n.decision_no or "", n.decided or "", n.authority or "", n.violation or "",
                    n.basis or "")
    for candidate in n.candidates:
        yield from (str(candidate.rank), candidate.name, candidate.uscc or "",
                    candidate.amount or "")
    for winner in n.winners:
        yield from (winner.name, winner.uscc or "", winner.amount or "")
    for sanction in n.sanctions:
        yield from (sanction.kind_label, sanction.amount or "", sanction.until or "")
    if n.body_html:
        yield plain_text(n.body_html)
    for attachment in n.attachments:
        yield attachment.title
    if n.contact:
        yield from (n.contact.name or "", n.contact.phone or "", n.contact.email or "")


def space_cjk(text: str) -> str:
    return _BETWEEN_CJK.sub(WORD_BREAK, text)


# Elements that end a run of text: their text does not run into the next element's.
_BLOCKS = frozenset({"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br",
                     "dt", "dd", "blockquote", "pre", "table", "section"})
# Bodies are sanitized HTML (nh3, render/format.py): no script, style or comments, attribute
# values quoted. An HTMLParser took 1.3 ms a body (12 s at 10,000 notices).
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")


def plain_text(html: str) -> str:
    """The text of sanitized HTML, blocks separated by a space, whitespace collapsed."""
    text = _TAG.sub(lambda tag: " " if tag.group(2).lower() in _BLOCKS else "", html)
    return " ".join(unescape(text).split())


# --- shards: a month each, newest first, with a summary for the search page ----------------

# Pagefind's peak memory is ~55 MB plus ~0.4 MB per record of a run (measured: 250 records
# 165 MiB, 500 278 MiB, 759 331 MiB, 1,000 502 MiB), so no shard, one run each, holds more
# than this many records: a month of more is indexed in parts.
SHARD_PAGES = 1000
# A year of at most this many notices is one shard: a search opens few shards on a small
# site (each shard opened costs the browser its meta, filters and word chunks).
YEAR_PAGES = 1000
SHARDS_FILE = "shards.json"
# Pages of the index one batch of a search reads at most, after its first shard (see
# gongshi-search.js): a part of a month at 50,000 notices, so a first search stays near 300 KB.
SEARCH_BUDGET_PAGES = 1000
ENTRY_FILE = "pagefind-entry.json"
# Pagefind's files for its own search UIs: the search page uses the JS API alone.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Imported once by the page; pagefind-worker.js stays in each shard (Pagefind starts the
# worker from the folder of the first index opened), the wasm goes up beside pagefind.js.
SHARED_CODE = ("pagefind.js",)
EMPTY_SHARD = "none"


def shard_records(records: Iterable[SearchRecord], limit: int | None = None,
                  year_limit: int | None = None) -> dict[str, list[SearchRecord]]:
    """Records by shard, newest shard first: the year of publication (2025) if it has at most
    `year_limit` records, else the month (2026-03), and for a month of more than `limit`
    records, parts of it in time order (2026-03a, 2026-03b). Names sort as time does; an
    empty site has one empty shard (the page still needs the code)."""
    limit = SHARD_PAGES if limit is None else limit
    year_limit = YEAR_PAGES if year_limit is None else year_limit
    records = list(records)
    per_year = Counter(record.published[:4] for record in records)
    months: dict[str, list[SearchRecord]] = {}
    for record in records:
        year = record.published[:4]
        months.setdefault(year if per_year[year] <= year_limit else record.published[:7],
                          []).append(record)
    shards: dict[str, list[SearchRecord]] = {}
    for month in sorted(months, reverse=True):
        ordered = sorted(months[month], key=lambda record: (record.published, record.url))
        if len(ordered) <= limit:
            shards[month] = ordered
            continue
        parts = math.ceil(len(ordered) / limit)
        size = math.ceil(len(ordered) / parts)
        for number in reversed(range(parts)):
            shards[f"{month}{chr(ord('a') + number)}"] = ordered[number * size:(number + 1) * size]
    return shards or {EMPTY_SHARD: []}


def shard_summary(name: str, records: list[SearchRecord]) -> dict[str, Any]:
    """What the search page knows of a shard before opening it: its year and dates, its page
    count and, per filter, how many of its notices have each value."""
    filters: dict[str, Counter[str]] = {}
    for record in records:
        for key, values in record.filters.items():
            filters.setdefault(key, Counter()).update(values)
    dates = [record.published[:10] for record in records]
    return {"name": name, "year": name[:4] if records else "", "from": min(dates, default=""),
            "to": max(dates, default=""), "pages": len(records),
            "filters": {key: dict(sorted(counts.items())) for key, counts in sorted(filters.items())}}


# --- the index stage ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexStats:
    pages: int
    bytes: int
    shards: tuple[str, ...] = ()
    indexed: tuple[str, ...] = ()  # shards Pagefind ran for; the others came from the cache


def index_records(target: Path, records: list[SearchRecord], cache_folder: Path | None = None,
                  *, fresh: bool = False, limit: int | None = None) -> IndexStats:
    """Write the site's pagefind/ folder at `target` (which must not exist): one Pagefind
    index per shard, each made by its own run of Pagefind's (extended) command line, one after
    the other, so the memory needed is that of the largest shard. The layout (read by
    theme/assets/gongshi-search.js):

        pagefind.js, wasm.*.pagefind    the search code, once for every shard
        shards.json                     the shards, newest first, with their summaries
        SHARD/…                         one Pagefind index (its entry, meta, word, filter and
                                        fragment files, and the worker)

    Each shard's pagefind-entry.json names the shared wasm file (`wasm` is read by pagefind.js
    as part of the file's URL), so a browser downloads the code and the wasm once however many
    shards a search reads. A site without notices lists no shard: the search page gets only
    the code, and finds nothing.

    With a cache folder, a shard of exactly the same records is reused: a rebuild re-indexes
    only the shards whose records changed, and the others keep their bytes (a fresh Pagefind
    run orders its filter tables differently each time, Pagefind/pagefind#638)."""
    shards = shard_records(records, limit)
    keys = {name: _index_key(name, members) for name, members in shards.items()}
    runs: dict[str, Path] = {}
    if cache_folder is not None and not fresh:
        runs = {name: cache_folder / key for name, key in keys.items()
                if (cache_folder / key).is_dir()}
    todo = {name: members for name, members in shards.items() if name not in runs}
    with tempfile.TemporaryDirectory(prefix="gongshi-index-") as scratch:
        for name, members in todo.items():
            output = Path(scratch) / "index" / name
            _run_pagefind(members, Path(scratch), output)
            _drop_unused(output)
            runs[name] = output
            if cache_folder is not None:
                runs[name] = cache_folder / keys[name]
                _store(output, runs[name])
        _assemble(target, {name: runs[name] for name in shards},
                  [shard_summary(name, members) for name, members in shards.items() if members])
    if cache_folder is not None:
        _forget_others(cache_folder, {path.name for path in runs.values()})
    size = sum(path.stat().st_size for path in target.rglob("*") if path.is_file())
    return IndexStats(len(records), size, tuple(shards), tuple(todo))


class BackgroundIndex:
    """The index stage in a process of its own, started before the site engine with the
    records already made (it makes no page: it writes each record's text and runs Pagefind)
    and finished into the built site after it. A forked process, not a thread: making the
    texts and the pages Pagefind reads is Python work (~1 s per 1,000 notices) that a thread
    would do holding the GIL the engine needs."""

    def __init__(self, records: Iterable[SearchRecord], folder: Path,
                 cache_folder: Path | None, *, fresh: bool = False) -> None:
        # Listed here: the index process is given records, never work that makes them (and
        # Process.start lets go of its arguments, so this process does not keep them).
        records = list(records)
        self.folder = folder  # becomes the site's pagefind/; a sibling of the output
        shutil.rmtree(folder, ignore_errors=True)
        context = multiprocessing.get_context("fork")
        self._outcome, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_index_apart, name="gongshi-search-index",
                                        args=(records, folder, cache_folder, fresh, sender),
                                        daemon=True)
        self._process.start()
        sender.close()

    def finish(self, site_dir: Path) -> IndexStats:
        """Wait for the index and move it into the built site."""
        try:
            kind, value = self._outcome.recv()
        except EOFError:
            kind, value = "failed", COMMANDS.message("search_stopped",
                                                     status=str(self._process.exitcode))
        self._end(STOP_GRACE_SECONDS)  # it has answered: all that is left is its exit
        if kind == "failed":
            raise BuildFailed(value)
        target = site_dir / INDEX_DIR
        if target.exists():
            raise BuildFailed(COMMANDS.message("search_folder_taken", folder=INDEX_DIR))
        self.folder.rename(target)
        return cast(IndexStats, value)  # what the indexer sends when it succeeded

    def discard(self) -> None:
        """Stop the index if it still runs (its Pagefind and scratch folders go with it) and
        leave nothing behind; killed if it has not stopped within STOP_GRACE_SECONDS."""
        if self._process.is_alive():
            self._process.terminate()
        self._end(STOP_GRACE_SECONDS)
        self._outcome.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _end(self, grace: float) -> None:
        """Join the process, never for ever: one stuck where SIGTERM cannot reach it is killed."""
        self._process.join(grace)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def _index_apart(records: list[SearchRecord], folder: Path, cache_folder: Path | None,
                 fresh: bool, sender: Any) -> None:
    """BackgroundIndex's process: the outcome goes back through `sender`."""
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the build's to handle
    try:
        outcome: tuple[str, Any] = (
            "done", index_records(folder, records, cache_folder, fresh=fresh))
    except BuildFailed as exc:  # its message goes whole: the build says it in its language
        outcome = ("failed", exc.message)
    except Exception as exc:  # reported by the build as a one-line failure
        outcome = ("failed", COMMANDS.message("search_crashed", kind=type(exc).__name__,
                                              detail=as_said(exc)))
    sender.send(outcome)
    sender.close()


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(1)  # unwinds: Pagefind is killed and temporary folders removed


def _index_key(shard: str, records: list[SearchRecord]) -> str:
    """Hash of everything a shard's index is made of: its records (their text by what it is
    made from), the code that makes records and indexes (this module and the facts it reads)
    and the Pagefind binary's version; prefixed by the shard."""
    code = cachefile.fingerprint(code=("generator.search", "generator.render.facts"),
                                 values=(_pagefind_version(),))
    digest = hashlib.sha256(code.encode())
    digest.update(shard.encode() + b"\0")
    for record in records:
        facts = (record.url, record.published, record.meta, record.filters, record.sort)
        digest.update(json.dumps(facts, ensure_ascii=False, sort_keys=True).encode() + b"\0")
        digest.update(hashlib.sha256(record.source()).digest())
    return f"{shard}-{digest.hexdigest()[:32]}"


def _drop_unused(index: Path) -> None:
    for name in UNUSED:
        (index / name).unlink(missing_ok=True)


def _assemble(target: Path, runs: dict[str, Path], summaries: list[dict[str, Any]]) -> None:
    """pagefind/ from each shard's Pagefind output: the shared code from the first run, an index
    for each shard summarised (a site without notices has none); a function of those outputs
    alone, so the same shards give the same bytes."""
    target.mkdir()
    first = next(iter(runs.values()))
    for name in SHARED_CODE:
        _link_or_copy(str(first / name), str(target / name))
    shared_wasm: set[str] = set()
    for summary in summaries:
        shard = target / summary["name"]
        shard.mkdir()
        for item in sorted(runs[summary["name"]].iterdir()):
            if item.name in SHARED_CODE:
                continue
            if item.name.startswith("wasm.") and item.name.endswith(".pagefind"):
                if item.name not in shared_wasm:
                    _link_or_copy(str(item), str(target / item.name))
                    shared_wasm.add(item.name)
                continue
            if item.name == ENTRY_FILE:
                (shard / ENTRY_FILE).write_text(_shared_wasm_entry(item), encoding="utf-8")
            elif item.is_dir():
                _copy_tree(item, shard / item.name)
            else:
                _link_or_copy(str(item), str(shard / item.name))
    manifest = {"shards": summaries}
    (target / SHARDS_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def _shared_wasm_entry(entry: Path) -> str:
    """A shard's entry naming the wasm one folder up: pagefind.js fetches
    `{bundle}/wasm.{wasm}.pagefind`, so `x/../../wasm.unknown` is pagefind/wasm.unknown.pagefind
    once the URL's dot segments are resolved."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    for language in data.get("languages", {}).values():
        language["wasm"] = f"x/../../wasm.{language.get('wasm') or 'unknown'}"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin_extended")
    except metadata.PackageNotFoundError:
        return "unknown"


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _copy_tree(source: Path, destination: Path) -> None:
    shutil.copytree(source, destination, copy_function=_link_or_copy, dirs_exist_ok=True)


def _store(index: Path, cached: Path) -> None:
    """Keep a shard's fresh index (a --clean build replaces what it re-indexed); written aside
    and renamed, so never half there."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    with cachefile.replacing_folder(cached) as partial:
        _copy_tree(index, partial)


def _forget_others(folder: Path, kept: set[str]) -> None:
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name not in kept:
            shutil.rmtree(entry, ignore_errors=True)


# --- Pagefind: its command line over one small page per record -------------------------------
#
# What a page carries is Pagefind's documented HTML interface (pagefind.app/docs: indexing,
# metadata, filtering, sorts): the text is the page's only content (`data-pagefind-body`),
# meta, filters and sorts are read from attributes of <meta> elements, so any value goes
# through as it is. Pagefind indexes such a page exactly as a custom record of the same fields
# (its fragments and word index compared equal on the sample and a 2,000-notice corpus); it
# numbers pages in the order it finds the files, which only orders results of equal sort
# values (two notices published in the same minute).

# Pagefind makes no index of nothing: a shard without records (an empty site) indexes this,
# only for the search code; the shard is not listed, so no search reads its index.
PLACEHOLDER = "gongshi"
_KEY = re.compile(r"[a-z][a-z_]*")  # names of meta, filters and sorts: safe in a capture


def _run_pagefind(records: list[SearchRecord], scratch: Path, output: Path) -> None:
    """One shard's index written to `output` by one run of Pagefind over a page per record."""
    pages = scratch / "site"
    shutil.rmtree(pages, ignore_errors=True)
    try:
        _write_pages(pages, records)
        _run_cli(pages, output, scratch)
    finally:
        shutil.rmtree(pages, ignore_errors=True)  # ~10 KB a notice; one shard's at a time
    _check_output(output, max(len(records), 1))


def _write_pages(folder: Path, records: list[SearchRecord]) -> None:
    folder.mkdir(parents=True)
    if not records:
        (folder / "index.html").write_text(_page({}, {}, {}, PLACEHOLDER), encoding="utf-8")
        return
    for record in records:
        path = folder / _page_path(record.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as page:
                page.write(_page(record.meta, record.filters, record.sort, record.text()))
        except FileExistsError:
            raise BuildFailed(COMMANDS.message("search_duplicate", url=record.url)) from None


def _page_path(url: str) -> str:
    """The file Pagefind gives `url`: its URL is the file's path, index.html dropped."""
    if not url.startswith("/") or not url.endswith("/") or any(
            part in ("", ".", "..") for part in url.split("/")[1:-1]):
        raise BuildFailed(COMMANDS.message("search_bad_url", url=as_said(url)))
    return f"{url[1:]}index.html"


def _page(meta: Mapping[str, str], filters: Mapping[str, list[str]], sort: Mapping[str, str],
          text: str) -> str:
    captures = [_capture("meta", key, value) for key, value in meta.items()]
    captures += [_capture("filter", key, value) for key, values in filters.items() for value in values]
    captures += [_capture("sort", key, value) for key, value in sort.items()]
    return (f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8">'
            f'{"".join(captures)}</head><body data-pagefind-body>{escape(text, quote=False)}'
            "</body></html>\n")


def _capture(kind: str, key: str, value: str) -> str:
    """`key[content]`: Pagefind takes the value from the content attribute, whatever it holds."""
    if not _KEY.fullmatch(key):
        raise BuildFailed(COMMANDS.message("search_bad_key", name=as_said(key), kind=kind))
    return f'<meta data-pagefind-{kind}="{key}[content]" content="{escape(value)}">'


def _run_cli(pages: Path, output: Path, scratch: Path) -> None:
    command = [str(_executable()), "--site", str(pages), "--output-path", str(output),
               "--force-language", INDEX_LANGUAGE, "--quiet"]
    # Pagefind also takes options from PAGEFIND_* variables and from a pagefind.* file in its
    # working folder: it runs without either (the scratch folder holds no such file), so
    # nothing outside the build changes the index.
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("PAGEFIND_")}
    with tempfile.TemporaryFile() as said:
        try:
            done = subprocess.run(command, cwd=scratch, env=environment, stdin=subprocess.DEVNULL,
                                  stdout=said, stderr=subprocess.STDOUT, timeout=TIMEOUT_SECONDS,
                                  check=False)
        except OSError as exc:
            raise BuildFailed(COMMANDS.message("search_cannot_run",
                                               reason=describe_os_error(exc))) from None
        except subprocess.TimeoutExpired:
            raise BuildFailed(COMMANDS.message("search_timeout", seconds=TIMEOUT_SECONDS)) from None
        if done.returncode != 0:
            said.seek(0)
            complaint = _complaint(said.read().decode("utf-8", "replace"))
            if complaint:
                raise BuildFailed(COMMANDS.message("search_pagefind_said", complaint=as_said(complaint)))
            raise BuildFailed(COMMANDS.message("search_pagefind_exit", status=done.returncode))


def _complaint(text: str) -> str:
    """The line that says what went wrong: Pagefind's last error, else its last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error")]
    return (errors or lines or [""])[-1]


def _check_output(output: Path, pages: int) -> None:
    """A run that went wrong without saying so fails the build: Pagefind warns and goes on
    when a page fails to index, and what _assemble and the search page read must be there."""
    try:
        entry = json.loads((output / ENTRY_FILE).read_text(encoding="utf-8"))
        indexed = sum(language["page_count"] for language in entry["languages"].values())
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as exc:
        raise BuildFailed(COMMANDS.message("search_no_entry", file=ENTRY_FILE,
                                           detail=as_said(exc))) from None
    if not (output / "pagefind.js").is_file():
        raise BuildFailed(COMMANDS.message("search_no_script"))
    if indexed != pages:
        raise BuildFailed(COMMANDS.message("search_incomplete", indexed=indexed, pages=pages))


def _executable() -> Path:
    """The extended binary shipped in the pagefind_bin_extended wheel (it segments Chinese)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        found = shutil.which("pagefind_extended")
        if found is None:
            raise BuildFailed(COMMANDS.message("search_not_installed")) from None
        return Path(found)
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise BuildFailed(COMMANDS.message("search_binary_missing", detail=as_said(exc))) from None
