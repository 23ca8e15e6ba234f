"""Subscriptions and open data, tied together: the 订阅 and 数据下载 pages (generated pages
with templates theme/subscribe.html and theme/downloads.html) and the writer that puts every
feed, calendar and export into the built site."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..config import Settings
from ..derive import RegionNode, Site
from ..listings import open_tenders
from ..words import COLUMNS as COLUMN_WORDS
from ..words import OPML as OPML_WORDS
from ..words import SITE, WORKBOOK
from .calendars import rendered_calendars
from .exports import COLUMNS, CSV_FIELD_SEPARATOR, CSV_MARK, FORMULA_STARTS, write_exports
from .facts import (
    CalendarLink,
    ColumnFacts,
    DownloadFile,
    DownloadsFacts,
    FeedItem,
    FeedLinks,
    SheetFacts,
    ShownCharacter,
    SubscribeFacts,
)
from .feeds import FeedSpec, absolute, feed_specs, rendered_feeds
from .format import show_size
from .freshness import BUILD_INFO, build_info
from .ocds import procurement_notices
from .opml import rendered_opml
from .pages import GeneratedPage, RenderContext
from .workbook import sheet_headers

SUBSCRIBE_PAGE = "subscribe/index.md"
DOWNLOADS_PAGE = "downloads/index.md"
ALL_FEEDS = FeedLinks(rss="feeds/all.xml", atom="feeds/all.atom")
OPML = "feeds/opml.xml"
DEADLINES = "calendar/deadlines.ics"

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


# --- the 订阅 page --------------------------------------------------------------------------------


def open_data_pages(ctx: RenderContext, settings: Settings,
                    sizes: Mapping[str, int]) -> list[GeneratedPage]:
    """The 订阅 and 数据下载 pages; `sizes`: what write_open_data wrote."""
    return [subscribe_page(ctx, settings), downloads_page(ctx, settings, sizes)]


def _feed_item(spec: FeedSpec, settings: Settings, calendar: str | None = None, *,
               code: str | None = None, children: list[FeedItem] | None = None) -> FeedItem:
    return FeedItem(
        name=spec.name,
        title=spec.title,
        count=len(spec.notices),
        page=spec.page,
        rss=absolute(settings, spec.rss),
        atom=absolute(settings, spec.atom),
        ics=absolute(settings, calendar) if calendar is not None else None,
        code=code,
        children=children or [],
    )


def _region_items(roots: list[RegionNode], by_name: dict[str, FeedSpec],
                  settings: Settings) -> list[FeedItem]:
    return [
        _feed_item(by_name[f"region/{node.code}"], settings, f"calendar/region/{node.code}.ics",
                   code=node.code, children=_region_items(node.children, by_name, settings))
        for node in sorted(roots, key=lambda n: n.code)
    ]


def subscribe_page(ctx: RenderContext, settings: Settings) -> GeneratedPage:
    specs = feed_specs(ctx)
    by_name = {spec.name: spec for spec in specs}
    facts = SubscribeFacts(
        feeds=ALL_FEEDS,
        feed_limit=settings.feed_limit,
        families=[_feed_item(s, settings) for s in specs if s.group == "family"],
        regions=_region_items(ctx.site.roots(), by_name, settings),
        categories=[_feed_item(s, settings) for s in specs if s.group == "category"],
        headings=dict(OPML_WORDS.words(ctx.language)),
        calendar=CalendarLink(url=absolute(settings, DEADLINES),
                              count=len(open_tenders(ctx.site.notices))),
        opml=absolute(settings, OPML),
        feed_total=2 * len(specs),
    )
    return GeneratedPage(SUBSCRIBE_PAGE, SITE.words(ctx.language)["subscribe"], "subscribe.html", facts)


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
        as_of=site.now.astimezone(site.tz).strftime("%Y-%m-%d %H:%M"),
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
