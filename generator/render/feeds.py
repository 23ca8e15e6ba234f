"""RSS 2.0 and Atom 1.0 feeds (feedgen): all notices, each family, each region (rolled up:
a region includes everything below it) and each category.

Choices a subscriber can rely on (also stated on the 订阅 page):
- entries are the newest *published* notices first, at most `feed_limit` of them; a notice
  that changes later keeps its place, and its entry gets a later `updated` time (Atom
  `updated`, RSS `dcterms:modified`) and a summary line saying what changed;
- an entry's id/GUID is the notice's permanent page URL and never changes;
- every date comes from the data (a feed's own `updated`/`lastBuildDate` is the latest
  `updated` of its entries), never from the clock, so a build is reproducible byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from ..config import Settings
from ..derive import PublicNotice, Site, Update
from ..listings import listings
from ..words import FEEDS
from .facts import NoticeFacts
from .format import show_moment, url_path
from .pages import RenderContext

DCTERMS = "http://purl.org/dc/terms/"
GENERATOR = "gongshi"
RSS_DOCS = "https://www.rssboard.org/rss-specification"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # a feed's date when the whole site has no notice


def absolute(settings: Settings, path: str) -> str:
    """An absolute URL from a path relative to the site root, percent-encoded (attachment
    names are Chinese; feeds and exports need URIs, not IRIs)."""
    return settings.site_url + url_path(path)


def host_of(settings: Settings) -> str:
    return settings.site_url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0]


# --- which feeds exist ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its name (path under feeds/ without extension), title, page and notices."""

    name: str
    group: str  # family | region | category
    title: str
    page: str  # the matching HTML page, relative to the site root
    notices: tuple[PublicNotice, ...]  # every notice that belongs to it, newest first
    depth: int = 0  # in the region tree

    @property
    def rss(self) -> str:
        return f"feeds/{self.name}.xml"

    @property
    def atom(self) -> str:
        return f"feeds/{self.name}.atom"


def feed_specs(ctx: RenderContext) -> list[FeedSpec]:
    """Every feed of the output contract, in the order the 订阅 page and the OPML list them."""
    words = FEEDS.words(ctx.language)
    specs = []
    for listing in listings(ctx.site):
        if not listing.has_own_feed:
            continue
        if listing.kind == "all":
            title, group = words["all"], "family"
        elif listing.kind == "region":
            assert listing.region is not None
            title, group = listing.region.name, "region"
        else:
            title, group = ctx.label(listing.kind, listing.key), listing.kind
        page = f"{listing.base}/" if listing.base else ""
        specs.append(FeedSpec(listing.feed, group, title, page, listing.notices, listing.depth))
    return specs


# --- dates ----------------------------------------------------------------------------------------


def feed_updated(entries: tuple[PublicNotice, ...] | list[PublicNotice], site: Site) -> datetime:
    """The latest change among the entries; for an empty feed, the latest change on the site."""
    chosen = entries or site.notices
    return max((pn.updated_at for pn in chosen), default=EPOCH)


def newest_first(notices: tuple[PublicNotice, ...], limit: int) -> list[PublicNotice]:
    """Newest published first (ties: id descending, as the listings), at most `limit`."""
    ordered = sorted(notices, key=lambda pn: (pn.published_at, pn.id), reverse=True)
    return ordered[:limit]


# --- summaries ------------------------------------------------------------------------------------


def summary_html(ctx: RenderContext, pn: PublicNotice) -> str:
    """Type, status, region, deadline and budget, key result facts, then what changed: as the
    notice's page shows them (its facts)."""
    words = FEEDS.words(ctx.language)
    shown = ctx.notice_facts(pn)
    facts = [
        (words["type"], shown.type_label),
        (words["status"], shown.status_label),
        (words["region"], " › ".join(link.name for link in shown.region_path)),
        *_deadline_facts(ctx, pn, shown),
        *_type_facts(ctx, shown),
    ]
    colon = words[":"]
    lines = [f"<p>{'<br>'.join(escape(f'{k}{colon}{v}') for k, v in facts)}</p>"]
    changes = [update_text(ctx, pn, update) for update in pn.updates]
    if changes:
        items = "".join(f"<li>{escape(text)}</li>" for text in changes)
        lines.append(f"<p>{escape(words['updates'] + colon)}</p><ul>{items}</ul>")
    return "".join(lines)


def _deadline_facts(ctx: RenderContext, pn: PublicNotice,
                    shown: NoticeFacts) -> list[tuple[str, str]]:
    words = FEEDS.words(ctx.language)
    facts: list[tuple[str, str]] = []
    if shown.deadline is not None and shown.type in ("tender", "amendment"):
        when = shown.deadline.display
        if shown.deadline.superseded:
            old = words[","].join(shown.deadline.superseded)
            when += f"{words['(']}{words['superseded']} {old}{words[')']}"
        facts.append((words["deadline"], when))
    # an amendment's page shows only the opening it changes; its feed entry, the tender's
    if pn.opening is not None and shown.type in ("tender", "amendment"):
        facts.append((words["opening"], ctx.moment(pn.opening.time)))
    return facts


def _type_facts(ctx: RenderContext, shown: NoticeFacts) -> list[tuple[str, str]]:
    words = FEEDS.words(ctx.language)
    if shown.type == "tender" and shown.budget is not None:
        return [(words["budget"], shown.budget)]
    if shown.type == "candidates":
        first = shown.candidates[0]  # by rank
        return [(words["first_candidate"], _with_amount(ctx, first.name, first.amount))]
    if shown.type == "award":
        names = words["list_separator"].join(_with_amount(ctx, w.name, w.amount)
                                             for w in shown.winners)
        return [(words["winners"], names)]
    if shown.type == "termination" and shown.reason is not None:
        return [(words["reason"], shown.reason)]
    if shown.type == "penalty" and shown.subject is not None:
        return [(words["subject"], shown.subject.name),
                (words["decision_no"], shown.decision_no or "")]
    return []


def _with_amount(ctx: RenderContext, name: str, money: str | None) -> str:
    words = FEEDS.words(ctx.language)
    return f"{name}{words['(']}{money}{words[')']}" if money else name


def update_text(ctx: RenderContext, pn: PublicNotice, update: Update) -> str:
    """One line saying what a later event changed, e.g. 2026-11-20 15:00 变更公告《…》：截止时间改为 …"""
    words = FEEDS.words(ctx.language)
    when = show_moment(update.at, ctx.site.tz)
    if update.kind == "withdrawn":
        withdrawal = pn.withdrawal
        reason = f"{words[':']}{withdrawal.reason}" if withdrawal else ""
        return f"{when} {words['withdrawn']}{reason}"
    other = ctx.site.by_id.get(update.notice_id)
    shown = ctx.notice_facts(other) if other is not None else None
    title = shown.title if shown else update.notice_id
    text = f"{when} {ctx.label('type', update.kind)}{words['<<']}{title}{words['>>']}"
    if shown is not None and shown.type == "amendment":
        parts = []
        if shown.new_deadline:
            parts.append(f"{words['deadline_now']} {shown.new_deadline}")
        if shown.new_opening:
            parts.append(f"{words['opening_now']} {shown.new_opening.time}")
        if parts:
            text += words[":"] + words[","].join(parts)
    return text


# --- feedgen --------------------------------------------------------------------------------------


class _ModifiedFeed(BaseExtension):
    """Declares the DCMI terms namespace on the RSS root."""

    def extend_ns(self) -> dict[str, str]:
        return {"dcterms": DCTERMS}


class _ModifiedEntry(BaseEntryExtension):
    """RSS has no per-item update time: `dcterms:modified` carries it (feedparser reads it)."""

    def __init__(self) -> None:
        self.modified: datetime | None = None

    def extend_rss(self, item: Any) -> Any:
        if self.modified is not None:
            element = etree.SubElement(item, f"{{{DCTERMS}}}modified")
            element.text = self.modified.isoformat()
        return item


@dataclass
class _Texts:
    """The plain texts of one feed (its title and description, each entry's title), set into
    the generator for each format: Atom's are text constructs, shown as written; RSS readers
    take RSS's as HTML, so there they are HTML-escaped first (see rss_text)."""

    title: str
    description: str
    entries: list[tuple[FeedEntry, str]] = field(default_factory=list)

    def apply(self, fg: FeedGenerator, shown: Callable[[str], str]) -> None:
        fg.title(shown(self.title))
        fg.description(shown(self.description))
        for fe, title in self.entries:
            fe.title(shown(title))


def rss_text(text: str) -> str:
    """Plain text for an RSS title or description: readers render these as HTML (RSS 2.0 does
    not say), so markup in a region's name or a title must arrive escaped, as in summaries."""
    return escape(text, quote=False)


def _as_written(text: str) -> str:
    return text


def build_feed(spec: FeedSpec, ctx: RenderContext, settings: Settings) -> tuple[FeedGenerator, _Texts]:
    entries = newest_first(spec.notices, settings.feed_limit)
    fg = FeedGenerator()
    fg.register_extension("gongshi", _ModifiedFeed, _ModifiedEntry, atom=False, rss=True)
    self_url = absolute(settings, spec.atom)
    fg.id(self_url)
    fg.author({"name": settings.site_name, "uri": settings.site_url})
    words = FEEDS.words(ctx.language)
    template = words["region_description"] if spec.group == "region" else words["feed_description"]
    texts = _Texts(f"{spec.title} · {settings.site_name}",
                   template.format(title=spec.title, limit=settings.feed_limit))
    fg.language(words["language_tag"])
    fg.generator(GENERATOR, uri=settings.site_url)  # no version: feedgen's would vary by install
    fg.docs(RSS_DOCS)
    fg.updated(feed_updated(entries, ctx.site))
    for pn in entries:
        texts.entries.append((_add_entry(fg, ctx, settings, pn), pn.notice.title))
    return fg, texts


def _add_entry(fg: FeedGenerator, ctx: RenderContext, settings: Settings,
               pn: PublicNotice) -> FeedEntry:
    url = absolute(settings, pn.url)
    fe = fg.add_entry(order="append")
    fe.guid(url, permalink=True)
    fe.link(href=url, rel="alternate", type="text/html")
    fe.author({"name": pn.notice.publisher})
    fe.published(pn.published_at)
    fe.updated(pn.updated_at)
    fe.summary(summary_html(ctx, pn), type="html")
    body = ctx.body_html(pn)
    if body:
        fe.content(body, type="html")
    fe.category(_categories(ctx, settings, pn))
    if pn.updates:
        fe.gongshi.modified = pn.updated_at
    return fe


def _categories(ctx: RenderContext, settings: Settings, pn: PublicNotice) -> list[dict[str, str]]:
    found = [{"term": pn.type, "label": ctx.label("type", pn.type)}]
    category = getattr(pn.notice, "category", None)
    if category:
        found.append({"term": category, "label": ctx.label("category", category),
                      "scheme": absolute(settings, "category/")})
    found.append({"term": pn.region.code, "label": pn.region.name,
                  "scheme": absolute(settings, "region/")})
    return found


def rendered_feeds(ctx: RenderContext, settings: Settings) -> dict[str, bytes]:
    """Every feed file, path relative to the site root → bytes."""
    files: dict[str, bytes] = {}
    for spec in feed_specs(ctx):
        fg, texts = build_feed(spec, ctx, settings)
        page = absolute(settings, spec.page)
        _set_links(fg, page, absolute(settings, spec.rss), "application/rss+xml")
        texts.apply(fg, rss_text)
        files[spec.rss] = fg.rss_str(pretty=True)
        _set_links(fg, page, absolute(settings, spec.atom), "application/atom+xml")
        texts.apply(fg, _as_written)
        files[spec.atom] = fg.atom_str(pretty=True)
    return files


def _set_links(fg: FeedGenerator, page: str, self_href: str, media_type: str) -> None:
    """The feed's own URL (rel=self) and its HTML page; feedgen takes the last one as RSS link."""
    fg.link([{"href": self_href, "rel": "self", "type": media_type},
             {"href": page, "rel": "alternate", "type": "text/html"}], replace=True)
