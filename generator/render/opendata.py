"""Subscriptions and open data, tied together: the 订阅 pages (render/feedpages.py) and the
数据下载 page (generated pages with template theme/downloads.html), and the writers that put
every feed, calendar and export into the built site."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    month_files,
    month_path,
    month_source,
    notices_by_month,
    write_month_exports,
)
from .facts import (
    ColumnFacts,
    DownloadFile,
    DownloadsFacts,
    MonthDownloads,
    SheetFacts,
    ShownCharacter,
    YearDownloads,
)
from .feedpages import ALL_FEEDS, OPML_FILE, subscription_pages
from .feeds import (
    FeedSources,
    FeedSpec,
    absolute,
    feed_specs,
    feed_title,
    newest_first,
    render_feed,
)
from .format import iso, show_size
from .freshness import BUILD_INFO, build_info
from .opml import rendered_opml
from .pages import GeneratedPage, KnownProducts, RenderContext
from .workbook import sheet_headers

DOWNLOADS_PAGE = "downloads/index.md"
OPML = OPML_FILE

# --- writing every file ---------------------------------------------------------------------------


def rendered_open_data(ctx: RenderContext, settings: Settings) -> dict[str, bytes]:
    """The OPML, the contract's calendars and build.json: path under the site root → bytes.
    Their size does not grow with the data (the feeds go through the output cache:
    cached_outputs)."""
    files = {OPML: rendered_opml(ctx, settings)}
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


def cached_outputs(ctx: RenderContext, settings: Settings, cache: OutputCache,
                   known: KnownProducts) -> dict[str, Source]:
    """Every feed and the calendars added with the summary feeds (categories, regions ×
    categories, projects), through the output cache: each file's path under the site root →
    its cache file. Only a file whose source is new is rendered and written: rendering the
    site's, families' and regions' feeds with their notices' text was ~3 s of every build at
    10,000 notices, changed or not. A feed or calendar whose notices' keys are unchanged is
    not made into a source at all (`known`: store.py); otherwise a feed's entries are made
    only when its files are, and their digests only for notices whose inputs changed (the
    others' are `known.entries`; those made go to `known.made_entries`)."""
    found: dict[str, Source] = {}
    sources = FeedSources(ctx, settings, known.entries)
    for spec in feed_specs(ctx):
        cached: Mapping[str, Path | None] | None = _kept_files(
            cache, known, spec.files, _feed_own(spec), newest_first(spec.notices, settings.feed_limit))
        if cached is None:
            text = sources.key_text(spec)
            keys = {path: cache.key(path, text) for path in spec.files}
            cached = {path: cache.get(key) for path, key in keys.items()}
            if None in cached.values():
                made = dict(zip(keys, render_feed(sources.of(spec), atom_only=spec.atom_only), strict=True))
                cached = {path: cache.put(keys[path], made[path]) for path in keys}
            known.made.update(keys)
        found.update({path: Source(file, owned=False) for path, file in cached.items() if file})
    timezones = Timezones()
    for path, listing in calendar_listings(ctx):
        if listing.kind in DIRECT_KINDS:
            continue
        shows = listing.project.notices if listing.project is not None else listing.notices
        own = json.dumps([listing.kind, listing.key, feed_title(ctx, listing),
                          listing.project.name if listing.project is not None else None],
                         ensure_ascii=False).encode()
        kept = _kept_files(cache, known, (path,), own, shows)
        if kept is None:
            calendar = calendar_source(ctx, settings, listing)
            key = cache.key(path, calendar.key_text())
            kept = {path: cache.get(key) or cache.put(key, render_calendar(calendar, timezones))}
            known.made[path] = key
        found[path] = Source(kept[path], owned=False)
    known.made_entries.update(sources.made_keys())
    return found


def _feed_own(spec: FeedSpec) -> bytes:
    """What a feed shows besides its notices (its title, page, kind and form)."""
    return json.dumps([spec.name, spec.group, spec.title, spec.page, spec.summaries_only,
                       spec.atom_only], ensure_ascii=False).encode()


def _kept_files(cache: OutputCache, known: KnownProducts, paths: Iterable[str], own: bytes,
                notices: Sequence[PublicNotice]) -> dict[str, Path] | None:
    """The cache files of the outputs at `paths` (one feed's, or a calendar), when the store
    kept their keys for the same input and the cache still holds them; else None. An output
    of no notices is always made: an empty feed's date is the site's latest change."""
    if not notices:
        return None
    for path in paths:  # every path's, even past one not kept: each is the store's next row
        known.input_of(path, own, notices)
    files: dict[str, Path] = {}
    for path in paths:
        key = known.kept(path)
        found = cache.get(key) if key is not None else None
        if found is None:
            return None
        files[path] = found
    return files


# --- the exports: a set of files per month, through the output cache ----------------------------

FORMATS = {"notices.json": "json", "notices.csv": "csv", "notices.xlsx": "xlsx", "ocds.json": "ocds"}


@dataclass(frozen=True)
class ExportFile:
    """One of a month's files as data/index.json lists it."""

    path: str
    format: str
    bytes: int
    sha256: str
    count: int  # notices (releases in ocds.json)


@dataclass(frozen=True)
class MonthExports:
    month: str  # "2026-11"
    count: int  # public notices published that month
    files: list[ExportFile]


@dataclass
class YearExports:
    year: int
    months: list[MonthExports] = field(default_factory=list)  # newest first

    @property
    def count(self) -> int:
        return sum(month.count for month in self.months)


@dataclass
class Exports:
    """What cached_exports made: each year's months and their files (newest first), the cache
    file of each by its path under the site root, and the months whose files this build
    rendered."""

    years: list[YearExports] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    made: list[str] = field(default_factory=list)
    index_bytes: int = 0

    def add(self, month: MonthExports) -> None:
        """Add a month, in newest-first order, to its year."""
        year = int(month.month[:4])
        if not self.years or self.years[-1].year != year:
            self.years.append(YearExports(year))
        self.years[-1].months.append(month)

    def files(self) -> list[ExportFile]:
        return [f for year in self.years for month in year.months for f in month.files]

    def sizes(self) -> dict[str, int]:
        """The size of each file of data/, by its path under the site root."""
        sizes = {f.path: f.bytes for f in self.files()}
        sizes[INDEX] = self.index_bytes
        return sizes


def cached_exports(ctx: RenderContext, settings: Settings, cache: OutputCache,
                   site_dir: Path, notice_keys: Mapping[str, bytes] | None = None) -> Exports:
    """Every month's exports through the output cache, keyed by everything the month's files
    are made of (exports.month_source): a month none of whose inputs changed is neither made
    again nor read (its sizes and digests are kept beside it), and keeps its bytes and time in
    the output. Writes data/index.json into `site_dir`. `notice_keys`: the store's, which
    stand for each notice in the month's key (exports.month_source)."""
    exports = Exports()
    for month, notices in notices_by_month(ctx.site).items():
        source = month_source(ctx, settings, month, notices, notice_keys)
        keys = {name: cache.key(month_path(month, name), source) for name in month_files(notices)}
        about_key = cache.key(month_path(month, ""), source)
        files = _cached_month(cache, keys, about_key)
        if files is None:
            files = _make_month(ctx, settings, cache, month, notices, keys, about_key)
            exports.made.append(month)
        exports.add(MonthExports(month, len(notices), files))
        exports.sources.update({month_path(month, name): Source(cache.file(key), owned=False)
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


def _cached_month(cache: OutputCache, keys: Mapping[str, str], about_key: str) -> list[ExportFile] | None:
    """The month's files as listed beside them in the cache, when every one is there."""
    about = cache.get(about_key)
    if about is None or any(cache.get(key) is None for key in keys.values()):
        return None
    try:
        return [ExportFile(**listed) for listed in json.loads(about.read_bytes())]
    except (ValueError, TypeError):  # not what this code writes: make the month again
        return None


def _make_month(ctx: RenderContext, settings: Settings, cache: OutputCache, month: str,
                notices: list[PublicNotice], keys: Mapping[str, str], about_key: str) -> list[ExportFile]:
    with ExitStack() as stack:
        targets = {name: stack.enter_context(cache.writing(key)) for name, key in keys.items()}
        counts = write_month_exports(ctx, settings, month, notices, targets)
        files = [ExportFile(path=month_path(month, name), format=FORMATS[name],
                            bytes=targets[name].stat().st_size, sha256=sha256_of(targets[name]),
                            count=counts[name])
                 for name in keys]
    cache.put(about_key, json.dumps([vars(f) for f in files]).encode())
    return files


def index_document(ctx: RenderContext, settings: Settings, exports: Exports) -> bytes:
    """data/index.json: every year that has public notices, newest first, with its months
    (newest first) and their files. Its `as_of` is the moment the site last changed
    (`Site.changed_at`): every status in the month files holds from then until the next
    change (a month's files are made again when a status in them moves), so a rebuild before
    that writes the same bytes."""
    site = ctx.site
    document = {
        "version": INDEX_VERSION,
        "as_of": iso(site.changed_at, site.tz),
        "site_url": settings.site_url,
        "years": [{"year": y.year, "count": y.count, "months": [
            {"month": m.month, "count": m.count, "files": [vars(f) for f in m.files]}
            for m in y.months]} for y in exports.years],
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
SHOWN_ORDER = ("xlsx", "csv", "json", "ocds")  # as the page lists a month's files


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
    return YearDownloads(year=year.year, count=year.count,
                         months=[_month_downloads(settings, month) for month in year.months])


def _month_downloads(settings: Settings, month: MonthExports) -> MonthDownloads:
    """A month's files in SHOWN_ORDER, None for one it has not (ocds.json of penalties only)."""
    by_format = {f.format: f for f in month.files}
    return MonthDownloads(month=month.month, count=month.count, files=[
        DownloadFile(path=f.path, url=absolute(settings, f.path), format=FORMAT_NAMES[key],
                     count=f.count, key=key, bytes=f.bytes, size=show_size(f.bytes))
        if f is not None else None
        for key in SHOWN_ORDER for f in [by_format.get(key)]
    ])


def _download(path: str, format: str, count: int | None, key: str, settings: Settings,
              sizes: Mapping[str, int]) -> DownloadFile:
    return DownloadFile(path=path, url=absolute(settings, path), format=format, count=count,
                        key=key, bytes=sizes[path], size=show_size(sizes[path]))
