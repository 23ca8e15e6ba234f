"""Subscriptions and open data, tied together: the 订阅 pages (render/feedpages.py) and the
数据下载 page (generated pages with template theme/downloads.html), and the writers that put
every feed, calendar and export into the built site."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..derive import PublicNotice, Site
from ..listings import DEADLINES, open_tenders
from ..pagecache import OutputCache
from ..publish import Source, sha256_of
from ..words import COLUMNS as COLUMN_WORDS
from ..words import SITE, WORKBOOK
from .calendars import (
    DIRECT_KINDS,
    Timezones,
    calendar_listings,
    calendar_source,
    render_calendar,
    rendered_calendars,
)
from .exports import (
    COLUMNS,
    CSV_FIELD_SEPARATOR,
    CSV_MARK,
    FORMULA_STARTS,
    INDEX,
    INDEX_VERSION,
    YEAR_FILES,
    notices_by_year,
    write_year_exports,
    year_path,
    year_source,
)
from .facts import (
    ColumnFacts,
    DownloadFile,
    DownloadsFacts,
    SheetFacts,
    ShownCharacter,
    YearDownloads,
)
from .feedpages import ALL_FEEDS, OPML_FILE, subscription_pages
from .feeds import FeedSources, absolute, feed_specs, render_feed, rendered_feeds
from .format import iso, show_size
from .freshness import BUILD_INFO, build_info
from .opml import rendered_opml
from .pages import GeneratedPage, RenderContext
from .workbook import sheet_headers

DOWNLOADS_PAGE = "downloads/index.md"
OPML = OPML_FILE

# --- writing every file ---------------------------------------------------------------------------


def rendered_open_data(ctx: RenderContext, settings: Settings) -> dict[str, bytes]:
    """The subscription files (feeds, OPML, calendars) and build.json: path under the site
    root → bytes. Their size does not grow with the data (feeds hold the latest entries)."""
    files = rendered_feeds(ctx, settings)
    files[OPML] = rendered_opml(ctx, settings)
    files.update(rendered_calendars(ctx, settings))
    files[BUILD_INFO] = build_info(ctx.site, settings)
    return files


def write_open_data(site: Site, ctx: RenderContext, settings: Settings, site_dir: Path) -> dict[str, int]:
    """Every subscription file and build.json (freshness.py); the exports of data/ come from
    cached_exports. Returns the size in bytes of each file written, by its path under the
    site root (the 数据下载 page shows them)."""
    sizes: dict[str, int] = {}
    for relative, content in rendered_open_data(ctx, settings).items():
        target = site_dir / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError as exc:  # the CLI names the file: say which one
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        sizes[relative] = len(content)
    return sizes


def cached_outputs(ctx: RenderContext, settings: Settings, cache: OutputCache) -> dict[str, Source]:
    """The feeds with summaries only (regions × categories, projects) and the calendars added
    with them (categories, regions × categories, projects), through the output cache: each
    file's path under the site root → its cache file. Only a file whose source is new is
    rendered and written."""
    found: dict[str, Source] = {}
    sources = FeedSources(ctx, settings)
    for spec in feed_specs(ctx):
        if spec.summaries_only:
            source = sources.of(spec)
            text = source.key_text()
            keys = {path: cache.key(path, text) for path in spec.files}
            cached = {path: cache.get(key) for path, key in keys.items()}
            if None in cached.values():
                made = dict(zip(keys, render_feed(source, atom_only=spec.atom_only), strict=True))
                cached = {path: cache.put(keys[path], made[path]) for path in keys}
            found.update({path: Source(file, owned=False) for path, file in cached.items() if file})
    timezones = Timezones()
    for path, listing in calendar_listings(ctx):
        if listing.kind in DIRECT_KINDS:
            continue
        calendar = calendar_source(ctx, settings, listing)
        key = cache.key(path, calendar.key_text())
        file = cache.get(key) or cache.put(key, render_calendar(calendar, timezones))
        found[path] = Source(file, owned=False)
    return found


# --- the exports: a set of files per year, through the output cache -----------------------------

FORMATS = {"notices.json": "json", "notices.csv": "csv", "notices.xlsx": "xlsx", "ocds.json": "ocds"}


@dataclass(frozen=True)
class ExportFile:
    """One of a year's files as data/index.json lists it."""

    path: str
    format: str
    bytes: int
    sha256: str
    count: int  # notices (releases in ocds.json)


@dataclass(frozen=True)
class YearExports:
    year: int
    count: int  # public notices published that year
    files: list[ExportFile]


@dataclass
class Exports:
    """What cached_exports made: each year's files (newest year first), the cache file of each
    by its path under the site root, and the years whose files this build rendered."""

    years: list[YearExports] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    made: list[int] = field(default_factory=list)
    index_bytes: int = 0

    def sizes(self) -> dict[str, int]:
        """The size of each file of data/, by its path under the site root."""
        sizes = {f.path: f.bytes for year in self.years for f in year.files}
        sizes[INDEX] = self.index_bytes
        return sizes


def cached_exports(ctx: RenderContext, settings: Settings, cache: OutputCache,
                   site_dir: Path) -> Exports:
    """Every year's exports through the output cache, keyed by everything the year's files
    are made of (exports.year_source): a year none of whose inputs changed is neither made
    again nor read (its sizes and digests are kept beside it), and keeps its bytes and time in
    the output. Writes data/index.json into `site_dir`."""
    exports = Exports()
    for year, notices in notices_by_year(ctx.site).items():
        source = year_source(ctx, settings, year, notices)
        keys = {name: cache.key(year_path(year, name), source) for name in YEAR_FILES}
        about_key = cache.key(year_path(year, ""), source)
        files = _cached_year(cache, keys, about_key)
        if files is None:
            files = _make_year(ctx, settings, cache, year, notices, keys, about_key)
            exports.made.append(year)
        exports.years.append(YearExports(year, len(notices), files))
        exports.sources.update({year_path(year, name): Source(cache.file(key), owned=False)
                                for name, key in keys.items()})
    target = site_dir / INDEX
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        index = index_document(ctx, settings, exports)
        target.write_bytes(index)
    except OSError as exc:  # the CLI names the file: say which one
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    exports.index_bytes = len(index)
    return exports


def _cached_year(cache: OutputCache, keys: Mapping[str, str], about_key: str) -> list[ExportFile] | None:
    """The year's files as listed beside them in the cache, when every one is there."""
    about = cache.get(about_key)
    if about is None or any(cache.get(key) is None for key in keys.values()):
        return None
    try:
        return [ExportFile(**listed) for listed in json.loads(about.read_bytes())]
    except (ValueError, TypeError):  # not what this code writes: make the year again
        return None


def _make_year(ctx: RenderContext, settings: Settings, cache: OutputCache, year: int,
               notices: list[PublicNotice], keys: Mapping[str, str], about_key: str) -> list[ExportFile]:
    with ExitStack() as stack:
        targets = {name: stack.enter_context(cache.writing(key)) for name, key in keys.items()}
        counts = write_year_exports(ctx, settings, year, notices, targets)
        files = [ExportFile(path=year_path(year, name), format=FORMATS[name],
                            bytes=targets[name].stat().st_size, sha256=sha256_of(targets[name]),
                            count=counts[name])
                 for name in YEAR_FILES]
    cache.put(about_key, json.dumps([vars(f) for f in files]).encode())
    return files




def index_document(ctx: RenderContext, settings: Settings, exports: Exports) -> bytes:
    """data/index.json: every year that has public notices, newest first, with its files. Its
    `as_of` is the moment the site last changed (`Site.changed_at`): every status in the year
    files holds from then until the next change (a year's files are made again when a status
    in them moves), so a rebuild before that writes the same bytes."""
    site = ctx.site
    document = {
        "version": INDEX_VERSION,
        "as_of": iso(site.changed_at, site.tz),
        "site_url": settings.site_url,
        "years": [{"year": y.year, "count": y.count, "files": [vars(f) for f in y.files]}
                  for y in exports.years],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()


# --- the pages ---------------------------------------------------------------------------------------


def open_data_pages(ctx: RenderContext, settings: Settings, sizes: Mapping[str, int],
                    exports: Exports) -> Iterator[GeneratedPage]:
    """The 订阅 page, the feeds' pages and the 数据下载 page; `sizes`: what write_open_data
    wrote; `exports`: what cached_exports made."""
    yield from subscription_pages(ctx, settings)
    yield downloads_page(ctx, settings, sizes, exports)


# --- the 数据下载 page ------------------------------------------------------------------------------


_CHARACTER_NAMES = {"\t": "tab_character", "\r": "carriage_return"}  # labels


def _shown_character(character: str) -> ShownCharacter:
    """A character as the page shows it: a printable one as code, a control one by the label
    that names it."""
    if character in _CHARACTER_NAMES:
        return ShownCharacter(label=_CHARACTER_NAMES[character])
    return ShownCharacter(code=character)


FORMAT_NAMES = {"xlsx": "Excel (XLSX)", "csv": "CSV (UTF-8 BOM)", "json": "JSON",
                "ocds": "OCDS 1.1 release package (JSON)"}
SHOWN_ORDER = ("xlsx", "csv", "json", "ocds")  # as the page lists a year's files


def downloads_page(ctx: RenderContext, settings: Settings, sizes: Mapping[str, int],
                   exports: Exports) -> GeneratedPage:
    site = ctx.site
    descriptions = COLUMN_WORDS.words(ctx.language)
    sizes = {**sizes, **exports.sizes()}
    files = [
        _download(INDEX, "JSON", None, "index", settings, sizes),
        _download(DEADLINES, "iCalendar (RFC 5545)", len(open_tenders(site.notices)), "ics",
                  settings, sizes),
        _download(OPML, "OPML 2.0", None, "opml", settings, sizes),
    ]
    facts = DownloadsFacts(
        feeds=ALL_FEEDS,
        as_of=site.changed_at.astimezone(site.tz).strftime("%Y-%m-%d %H:%M"),
        files=files,
        years=[_year_downloads(settings, year) for year in exports.years],
        formats=[FORMAT_NAMES[key] for key in SHOWN_ORDER],
        sheets=[SheetFacts(name=name, count=sum(1 for pn in site.notices if pn.family == family),
                           headers=headers)
                for family, (name, headers) in sheet_headers(ctx.language, site.tz.key).items()],
        zone=site.tz.key,
        sheet_separator=WORKBOOK.words(ctx.language)["separator"].strip(),
        columns=[
            ColumnFacts(name=c.name, kind=c.kind, description=descriptions[c.name])
            for c in COLUMNS
        ],
        field_separator=CSV_FIELD_SEPARATOR.strip(),
        csv_mark=CSV_MARK,
        formula_starts=[_shown_character(start) for start in FORMULA_STARTS],
        ocid_prefix=settings.ocid_prefix,
        subscribe="subscribe/",
    )
    return GeneratedPage(DOWNLOADS_PAGE, SITE.words(ctx.language)["downloads"], "downloads.html", facts)


def _year_downloads(settings: Settings, year: YearExports) -> YearDownloads:
    by_format = {f.format: f for f in year.files}
    return YearDownloads(year=year.year, count=year.count, files=[
        DownloadFile(path=f.path, url=absolute(settings, f.path), format=FORMAT_NAMES[key],
                     count=f.count, key=key, bytes=f.bytes, size=show_size(f.bytes))
        for key in SHOWN_ORDER for f in [by_format[key]]
    ])


def _download(path: str, format: str, count: int | None, key: str, settings: Settings,
              sizes: Mapping[str, int]) -> DownloadFile:
    return DownloadFile(path=path, url=absolute(settings, path), format=format, count=count,
                        key=key, bytes=sizes[path], size=show_size(sizes[path]))
