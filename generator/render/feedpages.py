"""The pages people subscribe from, generated pages like listings (kept out of the nav): each
feed's readable page `feeds/<name>/` (theme/feed.html), the list of every feed's addresses
`feeds/` (theme/feeds.html) and the 订阅 page `subscribe/` (theme/subscribe.html), which starts
with a region and category picker and the deadline calendar.

A feed page says what its feed holds, gives its RSS and Atom addresses (with the files linked,
and announced by <link rel="alternate"> in its head) and its deadline calendar, shows the feed's
newest entries, and says how to add the feed to a reader and the calendar to a phone. A
project's feed has no page of its own: the section "follow this project" of its notices' pages
offers it (theme/notice.html)."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterator

from ..config import Settings
from ..derive import PublicNotice, RegionNode
from ..listings import (
    DEADLINES,
    category_feed,
    feed_calendar,
    open_tenders,
    region_category_feed,
    region_feed,
)
from ..words import FEED_PAGES, FEEDS, OPML, SITE
from .facts import (
    CalendarLink,
    FeedEntryFacts,
    FeedItem,
    FeedLinks,
    FeedPageFacts,
    FeedRef,
    FeedsIndexFacts,
    PickerCategory,
    PickerRegion,
    SubscribeFacts,
)
from .feeds import FeedSpec, absolute, feed_specs, newest_first
from .format import iso
from .pages import GeneratedPage, RenderContext

SUBSCRIBE_PAGE = "subscribe/index.md"
FEEDS_PAGE = "feeds/index.md"
ALL_FEEDS = FeedLinks(rss="feeds/all.xml", atom="feeds/all.atom", page="feeds/all/")
OPML_FILE = "feeds/opml.xml"
FEED_PAGE_ENTRIES = 10  # the newest entries a feed's page shows (its feed holds feed_limit)


def subscription_pages(ctx: RenderContext, settings: Settings) -> Iterator[GeneratedPage]:
    """The 订阅 page, the list of every feed and a page for each feed that has one."""
    specs = feed_specs(ctx)
    yield subscribe_page(ctx, settings, specs)
    yield feeds_index_page(ctx, settings, specs)
    by_region: dict[str, list[FeedSpec]] = defaultdict(list)
    for spec in specs:
        if spec.group == "region-category" and spec.listing and spec.listing.region:
            by_region[spec.listing.region.code].append(spec)
    for spec in specs:
        if spec.feed_page is not None:
            yield feed_page(ctx, settings, spec, by_region)


def webcal(url: str) -> str:
    """The address calendar apps open as a subscription (webcal://), "" for other schemes."""
    scheme, _, rest = url.partition("://")
    return f"webcal://{rest}" if scheme in ("http", "https") else ""


def calendar_link(ctx: RenderContext, settings: Settings, spec: FeedSpec) -> CalendarLink | None:
    if spec.calendar is None:
        return None
    url = absolute(settings, spec.calendar)
    return CalendarLink(url=url, count=len(open_tenders(spec.notices)), webcal=webcal(url))


# --- a feed's page ---------------------------------------------------------------------------------


def feed_page(ctx: RenderContext, settings: Settings, spec: FeedSpec,
              by_region: dict[str, list[FeedSpec]]) -> GeneratedPage:
    words = FEED_PAGES.words(ctx.language)
    listing = spec.listing
    assert listing is not None and spec.feed_page is not None
    region = listing.region
    facts = FeedPageFacts(
        name=spec.name,
        group=spec.group,
        title=spec.title,
        title_html=_marked(ctx, spec, "{title}", title=spec.title),
        about_html=_marked(ctx, spec, feed_about(ctx, spec)),
        count=len(spec.notices),
        limit=settings.feed_limit,
        summaries_only=spec.summaries_only,
        feeds=FeedLinks(rss=spec.rss, atom=spec.atom, page=spec.feed_page),
        rss=absolute(settings, spec.rss),
        atom=absolute(settings, spec.atom),
        calendar=calendar_link(ctx, settings, spec),
        listing=(f"{listing.base}/" if listing.base else "") if listing.has_pages or listing.kind == "all"
        else f"search/?{listing.search_query}",
        region_path=_region_path(region, include_own=listing.kind == "region-category"),
        categories=[FeedRef(title=ctx.label("category", s.listing.category), page=s.feed_page or "",
                            count=len(s.notices))
                    for s in by_region.get(region.code, []) if s.listing and s.listing.category]
        if listing.kind == "region" and region is not None else [],
        subregions=[FeedRef(title=child.name, page=f"feeds/{region_feed(child.code)}/",
                            count=len(ctx.site.in_region(child.code)))
                    for child in region.children] if listing.kind == "region" and region else [],
        broader=_broader(ctx, spec),
        entries=[_entry(ctx, pn) for pn in
                 newest_first(spec.notices, settings.feed_limit)[:FEED_PAGE_ENTRIES]],
    )
    title = words["feed_page_title"].format(title=spec.title)
    about = _filled(ctx, spec, feed_about(ctx, spec))
    # Material prints the description into <meta content="…"> unescaped: escape it here.
    return GeneratedPage(f"{spec.feed_page}index.md", title, "feed.html", facts,
                         description=html.escape(about),
                         title_data=region.name if region is not None else None)


def feed_about(ctx: RenderContext, spec: FeedSpec) -> str:
    """What a feed holds, in a sentence with {region}, {category} and {family} to fill in."""
    words = FEED_PAGES.words(ctx.language)
    listing = spec.listing
    assert listing is not None
    if listing.kind in ("all", "family", "region", "category"):
        return words[f"feed_about_{listing.kind}"]
    return words["feed_about_region_category"]


def _values(ctx: RenderContext, spec: FeedSpec) -> dict[str, str]:
    listing = spec.listing
    assert listing is not None
    return {
        "region": listing.region.name if listing.region is not None else "",
        "category": ctx.label("category", listing.category) if listing.category else "",
        "family": ctx.label("family", listing.key) if listing.kind == "family" else "",
    }


def _filled(ctx: RenderContext, spec: FeedSpec, template: str) -> str:
    values = _values(ctx, spec)
    return template.format_map({key: values.get(key, "") for key in ("region", "category", "family")})


def _marked(ctx: RenderContext, spec: FeedSpec, template: str, **extra: str) -> str:
    """`template` filled in as HTML: every value escaped, a region's name marked lang="zh" (the
    data's language, whatever the site's). A title is the region's name alone, or with the
    category, for a region feed and a region × category."""
    values = {key: html.escape(value) for key, value in _values(ctx, spec).items()}
    region = values["region"]
    if region:
        values["region"] = f'<span lang="zh">{region}</span>'
    if "title" in extra:
        listing = spec.listing
        kind = listing.kind if listing is not None else ""
        if kind == "region-category":
            values["title"] = FEEDS.words(ctx.language)["region_category"].format(
                region=values["region"], category=values["category"])
        elif kind == "region":
            values["title"] = values["region"]
        else:
            values["title"] = html.escape(extra["title"])
    return html.escape(template).format_map(values)


def _region_path(region: RegionNode | None, *, include_own: bool) -> list[FeedRef]:
    """The feeds of the regions above (and of the region itself, for a region × category)."""
    if region is None:
        return []
    path = region.path() if include_own else region.path()[:-1]
    return [FeedRef(title=node.name, page=f"feeds/{region_feed(node.code)}/") for node in path]


def _broader(ctx: RenderContext, spec: FeedSpec) -> list[FeedRef]:
    listing = spec.listing
    if listing is None or listing.kind != "region-category" or listing.category is None:
        return []
    return [FeedRef(title=ctx.label("category", listing.category),
                    page=f"feeds/{category_feed(listing.category)}/")]


def _entry(ctx: RenderContext, pn: PublicNotice) -> FeedEntryFacts:
    return FeedEntryFacts(url=pn.url, title=pn.notice.title, type=pn.type,
                          type_label=ctx.label("type", pn.type),
                          published=ctx.moment(pn.notice.published),
                          published_iso=iso(pn.published_at, ctx.site.tz))


# --- the 订阅 page: a picker first ------------------------------------------------------------------


def subscribe_page(ctx: RenderContext, settings: Settings, specs: list[FeedSpec]) -> GeneratedPage:
    by_name = {spec.name: spec for spec in specs}
    categories_of: dict[str, dict[str, int]] = defaultdict(dict)
    for spec in specs:
        listing = spec.listing
        if spec.group == "region-category" and listing and listing.region and listing.category:
            categories_of[listing.region.code][listing.category] = len(spec.notices)
    deadlines = absolute(settings, DEADLINES)
    facts = SubscribeFacts(
        feeds=ALL_FEEDS,
        site_url=settings.site_url,
        everything=FeedRef(title=FEEDS.words(ctx.language)["all"], page=ALL_FEEDS.page,
                           count=len(ctx.site.notices)),
        families=[FeedRef(title=s.title, page=s.feed_page or "", count=len(s.notices))
                  for s in specs if s.group == "family" and s.name != "all"],
        regions=_picker_regions(ctx.site.roots(), by_name, categories_of),
        categories=[PickerCategory(code=s.listing.category, label=s.title, page=s.feed_page or "",
                                   count=len(s.notices))
                    for s in specs if s.group == "category" and s.listing and s.listing.category],
        shapes=_shapes(),
        pair_title=FEEDS.words(ctx.language)["region_category"],
        calendar=CalendarLink(url=deadlines, count=len(open_tenders(ctx.site.notices)),
                              webcal=webcal(deadlines)),
        feed_limit=settings.feed_limit,
        all_feeds="feeds/",
        opml=absolute(settings, OPML_FILE),
    )
    return GeneratedPage(SUBSCRIBE_PAGE, SITE.words(ctx.language)["subscribe"], "subscribe.html",
                         facts)


def _picker_regions(nodes: list[RegionNode], by_name: dict[str, FeedSpec],
                    categories_of: dict[str, dict[str, int]]) -> list[PickerRegion]:
    return [
        PickerRegion(code=node.code, name=node.name, page=f"feeds/{region_feed(node.code)}/",
                     count=len(by_name[region_feed(node.code)].notices),
                     categories=categories_of.get(node.code, {}),
                     children=_picker_regions(node.children, by_name, categories_of))
        for node in sorted(nodes, key=lambda n: n.code)
    ]


def _shapes() -> dict[str, dict[str, str]]:
    """Where a choice's feed and calendar are: the registry's own names, with placeholders."""
    region, category = "{region}", "{category}"
    feeds = {"all": "all", "region": region_feed(region), "category": category_feed(category),
             "region-category": region_category_feed(region, category)}
    return {kind: {"feed": feed, "calendar": DEADLINES if kind == "all" else feed_calendar(feed)}
            for kind, feed in feeds.items()}


# --- feeds/: every feed's addresses ------------------------------------------------------------------


def _feed_item(spec: FeedSpec, settings: Settings, *, code: str | None = None,
               children: list[FeedItem] | None = None) -> FeedItem:
    return FeedItem(
        name=spec.name,
        title=spec.title,
        count=len(spec.notices),
        page=spec.feed_page or spec.page,
        rss=absolute(settings, spec.rss),
        atom=absolute(settings, spec.atom),
        ics=absolute(settings, spec.calendar) if spec.calendar is not None else None,
        code=code,
        children=children or [],
    )


def _region_items(roots: list[RegionNode], by_name: dict[str, FeedSpec],
                  settings: Settings) -> list[FeedItem]:
    return [
        _feed_item(by_name[region_feed(node.code)], settings, code=node.code,
                   children=_region_items(node.children, by_name, settings))
        for node in sorted(roots, key=lambda n: n.code)
    ]


def feeds_index_page(ctx: RenderContext, settings: Settings, specs: list[FeedSpec]) -> GeneratedPage:
    """Every feed of the OPML (the output contract's) with its addresses."""
    listed = [spec for spec in specs if spec.in_opml]
    by_name = {spec.name: spec for spec in listed}
    facts = FeedsIndexFacts(
        feeds=ALL_FEEDS,
        feed_limit=settings.feed_limit,
        families=[_feed_item(s, settings) for s in listed if s.group == "family"],
        regions=_region_items(ctx.site.roots(), by_name, settings),
        categories=[_feed_item(s, settings) for s in listed if s.group == "category"],
        headings=dict(OPML.words(ctx.language)),
        calendar=CalendarLink(url=absolute(settings, DEADLINES),
                              count=len(open_tenders(ctx.site.notices))),
        opml=absolute(settings, OPML_FILE),
        feed_total=2 * len(listed),
    )
    return GeneratedPage(FEEDS_PAGE, FEED_PAGES.words(ctx.language)["feeds_index_title"],
                         "feeds.html", facts)
