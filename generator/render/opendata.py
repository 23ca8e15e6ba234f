"""Subscriptions and open data, tied together: the 订阅 pages (render/feedpages.py) and the
数据下载 page (generated pages with template theme/downloads.html), and the writers that put
every feed, calendar and export into the built site."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from ..config import Settings
from ..derive import Site
from ..listings import DEADLINES, open_tenders
from ..pagecache import OutputCache
from ..publish import Source
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
from .exports import COLUMNS, CSV_FIELD_SEPARATOR, CSV_MARK, FORMULA_STARTS, write_exports
from .facts import (
    ColumnFacts,
    DownloadFile,
    DownloadsFacts,
    SheetFacts,
    ShownCharacter,
)
from .feedpages import ALL_FEEDS, OPML_FILE, subscription_pages
from .feeds import FeedSources, absolute, feed_specs, render_feed, rendered_feeds
from .format import show_size
from .freshness import BUILD_INFO, build_info
from .ocds import procurement_notices
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
    """Every subscription and open-data file, and build.json (freshness.py); the data/
    exports, which hold every notice, are written as they are made rather than held whole.
    Returns the size in bytes of each file written, by its path under the site root (the
    数据下载 page shows them)."""
    sizes: dict[str, int] = {}
    for relative, content in rendered_open_data(ctx, settings).items():
        target = site_dir / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError as exc:  # the CLI names the file: say which one
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        sizes[relative] = len(content)
    try:
        for relative in write_exports(ctx, settings, site_dir):
            sizes[relative] = (site_dir / relative).stat().st_size
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, exc.filename or str(site_dir / "data")) from exc
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
            keys = {spec.rss: cache.key(spec.rss, text), spec.atom: cache.key(spec.atom, text)}
            cached = {path: cache.get(key) for path, key in keys.items()}
            if None in cached.values():
                made = dict(zip(keys, render_feed(source), strict=True))
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


# --- the pages ---------------------------------------------------------------------------------------


def open_data_pages(ctx: RenderContext, settings: Settings,
                    sizes: Mapping[str, int]) -> Iterator[GeneratedPage]:
    """The 订阅 page, the feeds' pages and the 数据下载 page; `sizes`: what write_open_data wrote."""
    yield from subscription_pages(ctx, settings)
    yield downloads_page(ctx, settings, sizes)


# --- the 数据下载 page ------------------------------------------------------------------------------


_CHARACTER_NAMES = {"\t": "tab_character", "\r": "carriage_return"}  # labels


def _shown_character(character: str) -> ShownCharacter:
    """A character as the page shows it: a printable one as code, a control one by the label
    that names it."""
    if character in _CHARACTER_NAMES:
        return ShownCharacter(label=_CHARACTER_NAMES[character])
    return ShownCharacter(code=character)


def downloads_page(ctx: RenderContext, settings: Settings, sizes: Mapping[str, int]) -> GeneratedPage:
    site = ctx.site
    descriptions = COLUMN_WORDS.words(ctx.language)
    notices = len(site.notices)
    files = [
        _download("data/notices.xlsx", "Excel (XLSX)", notices, "xlsx", settings, sizes),
        _download("data/notices.csv", "CSV (UTF-8 BOM)", notices, "csv", settings, sizes),
        _download("data/notices.json", "JSON", notices, "json", settings, sizes),
        _download("data/ocds.json", "OCDS 1.1 release package (JSON)",
                  len(procurement_notices(ctx)), "ocds", settings, sizes),
        _download(DEADLINES, "iCalendar (RFC 5545)", len(open_tenders(site.notices)), "ics",
                  settings, sizes),
        _download(OPML, "OPML 2.0", None, "opml", settings, sizes),
    ]
    facts = DownloadsFacts(
        feeds=ALL_FEEDS,
        as_of=site.changed_at.astimezone(site.tz).strftime("%Y-%m-%d %H:%M"),
        files=files,
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


def _download(path: str, format: str, count: int | None, key: str, settings: Settings,
              sizes: Mapping[str, int]) -> DownloadFile:
    return DownloadFile(path=path, url=absolute(settings, path), format=format, count=count,
                        key=key, bytes=sizes[path], size=show_size(sizes[path]))
