"""Search: what Pagefind records of each public notice, and the index stage of the build.

Only notice pages are indexed (the `data-pagefind-body` article of theme/notice.html), so
listings, content pages, navigation and footer never are. Each notice carries filters
(family, type, category, status, every region of its path, publication year), sorts
(publication time, tender deadline) and result metadata; theme/partials/gongshi-search-index.html
writes them from the `search` facts computed here. Embargoed notices and expired penalties
have no page, so they cannot be indexed.

Chinese is indexed one character per word. Pagefind's indexer segments Chinese with a
dictionary, but the browser segments the query with Intl.Segmenter, and the two disagree
(应城市城北 is indexed 应城/市/城北, queried 应城市/城北): whole titles found nothing. So Pagefind
reads a copy of each notice's article with a hair space between Chinese characters, and the
search page queries a run of Chinese characters as an exact phrase of characters
(theme/assets/gongshi-search.js): a query matches where the text contains it, like Ctrl+F.
The pages themselves are unchanged; excerpts are joined up again in the browser.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from .derive import PublicNotice
from .errors import BuildFailed
from .render.format import show_moment

INDEX_DIR = "pagefind"
NOTICE_PAGES = "notices/*/index.html"
BODY_MARK = "data-pagefind-body"
# Parts of a notice page that are navigation or labels rather than the notice's own text.
NOT_INDEXED = (".gs-breadcrumbs", ".gs-badges", ".gs-timeline", ".gs-countdown", ".gs-facts dt",
               ".gs-deadline .gs-muted")
# Notice text is Chinese whatever the interface language: one index, segmented as Chinese.
INDEX_LANGUAGE = "zh"
FILTERS = ("family", "type", "category", "status", "region", "year")
SORTS = ("published", "deadline")
NO_DEADLINE = "9999-12-31T23:59:59Z"  # sorts after every real deadline; no notice is dropped
TIMEOUT_SECONDS = 900
# Chinese characters and CJK/full-width punctuation; the JS uses the same ranges.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_BETWEEN_CJK = re.compile(f"(?<=[{CJK}])(?=[{CJK}])")
_IS_CJK = re.compile(f"[{CJK}]")
WORD_BREAK = "\u200a"  # hair space: whitespace to Pagefind, and nearly invisible
# A word on every indexed notice: the search page queries it to list notices by filters alone,
# because a query of null makes Pagefind load every chunk of the word index (MBs at 10,000).
EVERY_NOTICE = "zzgongshiall"


def index_facts(pn: PublicNotice, tz: ZoneInfo) -> dict[str, Any]:
    """Filters (code values), sorts and result metadata of one notice, for its page."""
    notice = pn.notice
    filters: dict[str, list[str]] = {
        "family": [pn.family],
        "type": [pn.type],
        "category": [notice.category] if notice.category else [],
        "status": [pn.status],
        "region": [node.code for node in pn.region.path()],
        "year": [str(pn.published_at.astimezone(tz).year)],
    }
    deadline = pn.deadline if pn.type == "tender" else None
    sorts = {
        "published": _utc(pn.published_at),
        "deadline": _utc(deadline) if deadline is not None else NO_DEADLINE,
    }
    meta = {
        "region": " › ".join(node.name for node in pn.region.path()),
        "date": show_moment(notice.published, tz),
        "deadline": show_moment(deadline, tz) if deadline is not None else "",
    }
    return {"filters": filters, "sorts": sorts, "meta": meta}


def listing_query(base: str) -> str:
    """The search URL query that shows what a listing lists (`region/420900` → region=420900)."""
    if base == "open":
        return urlencode({"type": "tender", "status": "open"})
    head, _, rest = base.partition("/")
    if head in ("category", "region") and rest:
        return urlencode({head: rest})
    if head in ("tenders", "results", "penalties") and not rest:
        return urlencode({"family": head})
    return ""


def _utc(moment: datetime) -> str:
    """Sortable as text: the same zone and width for every value."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class IndexStats:
    pages: int
    bytes: int
    shards: tuple[str, ...] = ()
    indexed: tuple[str, ...] = ()  # shards Pagefind ran for; the others came from the cache


def index_site(site_dir: Path, cache_folder: Path | None = None,
               shard_of: Mapping[str, str] | None = None, *, fresh: bool = False) -> IndexStats:
    """Run Pagefind (extended) over the built notice pages, one index per shard, writing the
    site's pagefind/.

    `shard_of` maps a notice page's path in the site (notices/ID/index.html) to its shard, the
    notice's publication year or month (shard_of_notices); pages it does not name, or all
    without it, go to shard `all`.
    Each shard is a separate Pagefind run, one after the other, so the memory the index needs
    is that of the largest shard, not of the whole site. The layout (read by
    theme/assets/gongshi-search.js):

        pagefind/pagefind.js, wasm.*.pagefind    the search code, once for every shard
        pagefind/shards.json                     the shards, newest first, with their year
                                                 and page count
        pagefind/SHARD/…                         one Pagefind index (its entry, meta, word,
                                                 filter and fragment files, and the worker)

    Each shard's pagefind-entry.json names the shared wasm file (`wasm` is read by pagefind.js
    as part of the file's URL), so a browser downloads the code and the wasm once however many
    shards a search reads.

    With a cache folder, a shard indexed from exactly the same notice pages is reused: a
    rebuild re-indexes only the shards whose notice pages changed, and the others keep their
    bytes (a fresh Pagefind run orders its filter tables differently each time,
    Pagefind/pagefind#638)."""
    target = site_dir / INDEX_DIR
    if target.exists():
        raise BuildFailed(f"{INDEX_DIR}/ already exists in the built site: content/ must not hold it")
    groups = _shards(site_dir, sorted(site_dir.glob(NOTICE_PAGES)), shard_of or {})
    runs: dict[str, Path] = {}
    indexed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gongshi-index-") as scratch:
        for number, (name, pages) in enumerate(groups.items()):
            key = _index_key(site_dir, name, pages)
            cached = cache_folder / key if cache_folder is not None else None
            if cached is not None and cached.is_dir() and not fresh:
                runs[name] = cached
                continue
            copies, output = Path(scratch) / f"copies-{number}", Path(scratch) / f"index-{number}"
            _write_index_copies(site_dir, copies, pages)
            _run_pagefind(copies, output)
            shutil.rmtree(copies)
            _drop_unused(output)
            indexed.append(name)
            if cached is not None:
                _store(output, cached)
                runs[name] = cached
            else:
                runs[name] = output
        _assemble(target, runs, {name: len(pages) for name, pages in groups.items()})
    if cache_folder is not None:
        _forget_others(cache_folder, {path.name for path in runs.values()})
    size = sum(path.stat().st_size for path in target.rglob("*") if path.is_file())
    pages_total = sum(len(pages) for pages in groups.values())
    return IndexStats(pages_total, size, tuple(groups), tuple(indexed))


ALL_SHARD = "all"
# Pagefind's peak memory is ~0.7 GB plus ~0.23 MB per page of our index copies (measured on
# the synthetic corpus: 1,613 pages 1.06 GB, 4,068 pages 1.61 GB), so 5,000 pages ≈ 1.8 GB:
# a year of more notices is split by month to stay under 2 GiB.
SHARD_PAGES = 5000
SHARDS_FILE = "shards.json"
ENTRY_FILE = "pagefind-entry.json"
# Pagefind's files for its own search UIs: the search page uses the JS API alone.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Imported once by the page; pagefind-worker.js stays in each shard (Pagefind starts the
# worker from the folder of the first index opened), the wasm goes up beside pagefind.js.
SHARED_CODE = ("pagefind.js",)


def shard_of_notices(notices: Iterable[PublicNotice], tz: ZoneInfo,
                     limit: int | None = None) -> dict[str, str]:
    """Each public notice's page (notices/ID/index.html) → its shard: its publication year in
    the site's time zone (the same as its `year` filter), or, in a year of more than `limit`
    notices, its year and month (2026-03), so that no Pagefind run holds much more than
    `limit` pages (a single month of more is not split further). Shards are disjoint ranges
    of time and their names sort as time does."""
    limit = SHARD_PAGES if limit is None else limit
    when = {f"{pn.url}index.html": pn.published_at.astimezone(tz) for pn in notices}
    per_year = Counter(moment.year for moment in when.values())
    return {page: (f"{moment.year}-{moment.month:02d}" if per_year[moment.year] > limit
                   else str(moment.year))
            for page, moment in when.items()}


def _shards(site_dir: Path, pages: list[Path], shard_of: Mapping[str, str]) -> dict[str, list[Path]]:
    """Notice pages by shard, newest shard first (names are years; `all` alone)."""
    groups: dict[str, list[Path]] = {}
    for page in pages:
        name = shard_of.get(page.relative_to(site_dir).as_posix(), ALL_SHARD)
        if not re.fullmatch(r"[0-9A-Za-z_-]+", name):
            raise BuildFailed(f"search index: bad shard name {name!r}")
        groups.setdefault(name, []).append(page)
    if not groups:
        groups[ALL_SHARD] = []  # an empty index still gives the search page its code
    return {name: groups[name] for name in sorted(groups, reverse=True)}


def _index_key(site_dir: Path, shard: str, pages: list[Path]) -> str:
    """Hash of everything a shard's index is made of: its notice pages, this module (how pages
    are copied for indexing) and the Pagefind binary's version; prefixed by the shard."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(_pagefind_version().encode() + b"\0" + shard.encode() + b"\0")
    for page in pages:
        digest.update(page.relative_to(site_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return f"{shard}-{digest.hexdigest()[:32]}"


def _drop_unused(index: Path) -> None:
    for name in UNUSED:
        (index / name).unlink(missing_ok=True)


def _assemble(target: Path, runs: dict[str, Path], pages: dict[str, int]) -> None:
    """pagefind/ from each shard's Pagefind output: a function of those outputs alone, so the
    same shards give the same bytes."""
    target.mkdir()
    first = next(iter(runs.values()))
    for name in SHARED_CODE:
        _link_or_copy(str(first / name), str(target / name))
    shared_wasm: set[str] = set()
    for name, run in runs.items():
        shard = target / name
        shard.mkdir()
        for item in sorted(run.iterdir()):
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
    manifest = {"shards": [{"name": name, "year": name.split("-")[0] if name != ALL_SHARD else "",
                            "pages": pages[name]} for name in runs]}
    (target / SHARDS_FILE).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


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
    shutil.copytree(source, destination, copy_function=_link_or_copy)


def _store(index: Path, cached: Path) -> None:
    """Keep a shard's fresh index; written aside and renamed, so never half there."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
    shutil.rmtree(partial, ignore_errors=True)
    _copy_tree(index, partial)
    shutil.rmtree(cached, ignore_errors=True)  # a --clean build replaces what it re-indexed
    partial.rename(cached)


def _forget_others(folder: Path, kept: set[str]) -> None:
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name not in kept:
            shutil.rmtree(entry, ignore_errors=True)


def _write_index_copies(site_dir: Path, copies: Path, pages: list[Path]) -> int:
    """What Pagefind reads of each notice page, at the same path (so the same URL)."""
    count = 0
    copies.mkdir(parents=True, exist_ok=True)
    for page in pages:
        copy = index_copy(page.read_text(encoding="utf-8"))
        if copy is None:
            continue
        target = copies / page.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(copy, encoding="utf-8")
        count += 1
    return count


def index_copy(page: str) -> str | None:
    """The page's indexed article alone, with Chinese spaced out one character per word;
    None when the page has no indexed article."""
    mark = page.find(BODY_MARK)
    if mark < 0:
        return None
    start = page.rfind("<article", 0, mark)
    end = page.find("</article>", mark)  # the notice article holds no other article
    if start < 0 or end < 0:
        return None
    spacer = _Spacer()
    spacer.feed(page[start:end])
    spacer.close()
    spacer.out.append(f"<p>{EVERY_NOTICE}</p></article>")
    return (f'<!doctype html>\n<html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8"></head>'
            f"<body>{''.join(spacer.out)}</body></html>\n")


def space_cjk(text: str) -> str:
    return _BETWEEN_CJK.sub(WORD_BREAK, text)


class _Spacer(HTMLParser):
    """Copies HTML as written, with a word break between Chinese characters of the text,
    also where a tag separates them (发布单位</dt><dd>孝感市)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.last = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not data:
            return
        if self.cdata_elem is not None:  # script or style: copied untouched
            self.out.append(data)
            return
        if _IS_CJK.match(data[0]) and _IS_CJK.match(self.last or " "):
            self.out.append(WORD_BREAK)
        self.out.append(space_cjk(data))
        if data.strip():
            self.last = data.rstrip()[-1]

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")
        self.last = "&"

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")
        self.last = "&"

    def handle_comment(self, data: str) -> None:
        pass


def _run_pagefind(copies: Path, target: Path) -> None:
    command = [
        str(_executable()), "--site", str(copies), "--output-path", str(target),
        "--exclude-selectors", ", ".join(NOT_INDEXED),
        "--force-language", INDEX_LANGUAGE, "--quiet",
    ]
    try:
        done = subprocess.run(command, cwd=copies, capture_output=True, text=True,
                              timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildFailed(f"search index: could not run Pagefind: {exc}") from None
    if done.returncode != 0 or not (target / "pagefind.js").is_file():
        raise BuildFailed(f"search index: Pagefind failed: {_last_line(done)}")


def _executable() -> Path:
    """The extended binary shipped in the pagefind[extended] wheel (it segments Chinese)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        found = shutil.which("pagefind_extended")
        if found is None:
            raise BuildFailed(
                "search index: Pagefind (extended) is not installed: pip install 'pagefind[extended]'"
            ) from None
        return Path(found)
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise BuildFailed(f"search index: Pagefind binary missing: {exc}") from None


def _last_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (done.stderr + "\n" + done.stdout).splitlines()]
    meaningful = [line for line in lines if line]
    return meaningful[-1] if meaningful else f"exit status {done.returncode}"
