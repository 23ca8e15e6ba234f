"""RSS 2.0 and Atom 1.0 feeds (feedgen): all notices, each family, each region (rolled up:
a region includes everything below it) and each category, with the notices' text; each
region × category and each project, with summaries and links only (generator/listings.py).

Choices a subscriber can rely on (also stated on the 订阅 page):
- entries are the newest *published* notices first, at most `feed_limit` of them; a notice
  that changes later keeps its place, and its entry gets a later `updated` time (Atom
  `updated`, RSS `dcterms:modified`) and a summary line saying what changed;
- an entry's id/GUID is the notice's permanent page URL and never changes;
- every date comes from the data (a feed's own `updated`/`lastBuildDate` is the latest
  `updated` of its entries), never from the clock, so a build is reproducible byte for byte.

A feed is made in two steps: its `FeedSource`, plain data holding everything the files say,
then the files, from the source alone. The source's JSON is what the output cache keys a
summary feed by (generator/pagecache.py: OutputCache), so an unchanged project's feed is
neither rendered nor written again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, is_dataclass, replace
from datetime import UTC, datetime
from html import escape
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from ..config import Settings
from ..derive import PublicNotice, Site, Update
from ..listings import Listing
from ..words import FEEDS, ORGANISATIONS
from .facts import NoticeFacts
from .format import show_moment, url_path
from .pages import RenderContext, region_category_title

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
    group: str  # family | region | category | region-category | project | organisation
    title: str
    page: str  # the matching HTML page, relative to the site root (the feed's rel=alternate)
    notices: tuple[PublicNotice, ...]  # every notice that belongs to it, newest first
    depth: int = 0  # in the region tree
    summaries_only: bool = False  # entries without the notice's text
    feed_page: str | None = None  # its readable page, feeds/<name>/
    calendar: str | None = None  # its deadline calendar, below the site root
    in_opml: bool = True
    listing: Listing | None = None  # where it comes from
    atom_only: bool = False  # no RSS file (listings.Listing.atom_only)

    @property
    def rss(self) -> str:
        return f"feeds/{self.name}.xml"

    @property
    def atom(self) -> str:
        return f"feeds/{self.name}.atom"

    @property
    def files(self) -> tuple[str, ...]:
        """Its files below the site root, in render_feed's order."""
        return (self.atom,) if self.atom_only else (self.rss, self.atom)


def feed_specs(ctx: RenderContext) -> list[FeedSpec]:
    """Every feed, in the order the 订阅 pages and the OPML list them."""
    return [feed_spec(ctx, listing) for listing in ctx.listings() if listing.has_own_feed]


def feed_spec(ctx: RenderContext, listing: Listing) -> FeedSpec:
    group = "family" if listing.kind == "all" else listing.kind
    feed_page = f"feeds/{listing.feed}/" if listing.has_feed_page else None
    if listing.has_pages or listing.kind == "all":
        page = f"{listing.base}/" if listing.base else ""
    elif listing.project is not None:  # followed from its notices' pages: the first one's
        page = f"{listing.project.notices[0].url}#{FOLLOW_ANCHOR}"
    elif listing.organisation is not None:  # followed from its page
        page = f"{listing.base}/"
    else:
        page = feed_page or ""
    return FeedSpec(listing.feed, group, feed_title(ctx, listing), page, listing.notices,
                    listing.depth, listing.summaries_only, feed_page, listing.calendar,
                    listing.in_opml, listing, listing.atom_only)


FOLLOW_ANCHOR = "gs-follow"  # the section of a notice's page that offers its project's feed


def feed_title(ctx: RenderContext, listing: Listing) -> str:
    words = FEEDS.words(ctx.language)
    if listing.kind == "all":
        return words["all"]
    if listing.kind == "region":
        assert listing.region is not None
        return listing.region.name
    if listing.kind == "region-category":
        assert listing.region is not None and listing.category is not None
        return region_category_title(ctx, listing.region, listing.category)
    if listing.project is not None:
        return words["project"].format(name=listing.project.name, code=listing.project.code)
    if listing.organisation is not None:
        return ORGANISATIONS.words(ctx.language)["org_feed_title"].format(
            name=listing.organisation.name, code=listing.organisation.uscc)
    return ctx.label(listing.kind, listing.key)


# --- dates ----------------------------------------------------------------------------------------


def feed_updated(entries: tuple[PublicNotice, ...] | list[PublicNotice], site: Site) -> datetime:
    """The latest change among the entries; for an empty feed, the latest change on the site."""
    chosen = entries or site.notices
    return max((pn.updated_at for pn in chosen), default=EPOCH)


def newest_first(notices: tuple[PublicNotice, ...], limit: int) -> list[PublicNotice]:
    """The notices a feed shows: the first `limit` of its listing's, which are newest published
    first (ties: id descending; listings.Listing.notices, checked by tests/test_feed_pages.py).
    Not sorted here: a feed's input in the store (render/opendata.py) is the keys of these
    notices alone, so that a +1 does not hash every notice of every listing's feed."""
    return list(notices[:limit])


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


# --- a feed's source: everything its files say ------------------------------------------------------


@dataclass(frozen=True)
class EntrySource:
    url: str
    title: str
    author: str
    published: datetime
    updated: datetime
    summary: str  # HTML
    content: str  # HTML, "" for none
    categories: list[dict[str, str]]
    modified: datetime | None  # set when a later event changed the notice


@dataclass(frozen=True)
class FeedSource:
    """A feed as plain data: its two files are made from this and nothing else."""

    self_rss: str
    self_atom: str
    page: str
    author: str
    author_uri: str
    title: str
    description: str
    language: str
    updated: datetime
    entries: list[EntrySource]


def plain(value: object) -> object:
    """A source's parts for json.dumps: a dataclass as its fields (not copied, as `asdict`
    would: the cache keys every summary feed and calendar of a build), anything else as text."""
    if is_dataclass(value):
        return vars(value)
    return str(value)


class FeedSources:
    """The sources of a build's feeds, each notice's entry made once: a notice is in up to ten
    feeds (the site's, its family's, its category's, its regions', its regions × category's).
    `known`: the digests of entries an earlier build made of notices whose inputs are unchanged
    (store.py), by (id, with its text): a feed's key takes them without making the entry."""

    def __init__(self, ctx: RenderContext, settings: Settings,
                 known: Mapping[tuple[str, bool], str] | None = None) -> None:
        self.ctx = ctx
        self.settings = settings
        self.known = known or {}
        self._entries: dict[tuple[str, bool], EntrySource] = {}
        self._entry_keys: dict[tuple[str, bool], str] = {}  # of the entries made by this build
        self._newest: tuple[FeedSpec, list[PublicNotice]] | None = None  # the last spec's entries

    def _entries_of(self, spec: FeedSpec) -> list[PublicNotice]:
        """The spec's newest notices; kept for the next call, which is the same spec's `of`
        when its key was not in the cache (the site's feed sorts every notice)."""
        if self._newest is None or self._newest[0] is not spec:
            self._newest = (spec, newest_first(spec.notices, self.settings.feed_limit))
        return self._newest[1]

    def of(self, spec: FeedSpec) -> FeedSource:
        entries = self._entries_of(spec)
        return replace(self._head(spec, entries),
                       entries=[self.entry(pn, with_text=not spec.summaries_only) for pn in entries])

    def key_text(self, spec: FeedSpec) -> str:
        """The feed's source as text, for the output cache's key: its own fields and each
        entry's digest. A notice is in up to ten feeds: writing its entry (its text as HTML, in
        the full-text feeds) as JSON again for each was most of the time of every feed's key."""
        entries = self._entries_of(spec)
        head = {name: value for name, value in vars(self._head(spec, entries)).items()
                if name != "entries"}
        keys = [self.entry_key(pn, with_text=not spec.summaries_only) for pn in entries]
        return json.dumps({"feed": head, "entries": keys}, default=plain, ensure_ascii=False,
                          sort_keys=True)

    def _head(self, spec: FeedSpec, entries: list[PublicNotice]) -> FeedSource:
        ctx, settings = self.ctx, self.settings
        words = FEEDS.words(ctx.language)
        template = (ORGANISATIONS.words(ctx.language)["org_feed_description"]
                    if spec.group == "organisation"
                    else words[DESCRIPTIONS.get(spec.group, "feed_description")])
        return FeedSource(
            self_rss=absolute(settings, spec.rss), self_atom=absolute(settings, spec.atom),
            page=absolute(settings, spec.page), author=settings.site_name,
            author_uri=settings.site_url, title=f"{spec.title} · {settings.site_name}",
            description=template.format(title=spec.title, limit=settings.feed_limit),
            language=words["language_tag"], updated=feed_updated(entries, ctx.site), entries=[],
        )

    def entry_key(self, pn: PublicNotice, *, with_text: bool) -> str:
        """The digest of the notice's entry: kept, or made from the entry (once per build)."""
        found = self.known.get((pn.id, with_text)) or self._entry_keys.get((pn.id, with_text))
        if found is None:
            text = json.dumps(self.entry(pn, with_text=with_text), default=plain,
                              ensure_ascii=False, sort_keys=True)
            found = self._entry_keys[(pn.id, with_text)] = hashlib.sha256(text.encode()).hexdigest()
        return found

    def made_keys(self) -> dict[tuple[str, bool], str]:
        """The digests of the entries this build made, by (id, with its text)."""
        return self._entry_keys

    def entry(self, pn: PublicNotice, *, with_text: bool) -> EntrySource:
        key = (pn.id, with_text)
        if key not in self._entries:
            self._entries[key] = entry_source(self.ctx, self.settings, pn, with_text=with_text)
        return self._entries[key]


DESCRIPTIONS = {  # FEEDS' words for a feed's description, by its group
    "region": "region_description",
    "region-category": "region_category_description",
    "project": "project_description",
}


def entry_source(ctx: RenderContext, settings: Settings, pn: PublicNotice, *,
                 with_text: bool) -> EntrySource:
    return EntrySource(
        url=absolute(settings, pn.url), title=pn.notice.title, author=pn.notice.publisher,
        published=pn.published_at, updated=pn.updated_at, summary=summary_html(ctx, pn),
        content=ctx.body_html(pn) if with_text else "",
        categories=_categories(ctx, settings, pn),
        modified=pn.updated_at if pn.updates else None,
    )


def _categories(ctx: RenderContext, settings: Settings, pn: PublicNotice) -> list[dict[str, str]]:
    found = [{"term": pn.type, "label": ctx.label("type", pn.type)}]
    category = getattr(pn.notice, "category", None)
    if category:
        found.append({"term": category, "label": ctx.label("category", category),
                      "scheme": absolute(settings, "category/")})
    found.append({"term": pn.region.code, "label": pn.region.name,
                  "scheme": absolute(settings, "region/")})
    return found


# --- the files, from the source ---------------------------------------------------------------------


def _generator(source: FeedSource) -> tuple[FeedGenerator, _Texts]:
    fg = FeedGenerator()
    fg.register_extension("gongshi", _ModifiedFeed, _ModifiedEntry, atom=False, rss=True)
    fg.id(source.self_atom)
    fg.author({"name": source.author, "uri": source.author_uri})
    texts = _Texts(source.title, source.description)
    fg.language(source.language)
    fg.generator(GENERATOR, uri=source.author_uri)  # no version: feedgen's would vary by install
    fg.docs(RSS_DOCS)
    fg.updated(source.updated)
    for entry in source.entries:
        texts.entries.append((_add_entry(fg, entry), entry.title))
    return fg, texts


def _add_entry(fg: FeedGenerator, entry: EntrySource) -> FeedEntry:
    fe = fg.add_entry(order="append")
    fe.guid(entry.url, permalink=True)
    fe.link(href=entry.url, rel="alternate", type="text/html")
    fe.author({"name": entry.author})
    fe.published(entry.published)
    fe.updated(entry.updated)
    fe.summary(entry.summary, type="html")
    if entry.content:
        fe.content(entry.content, type="html")
    fe.category(entry.categories)
    if entry.modified is not None:
        fe.gongshi.modified = entry.modified
    return fe


def render_feed(source: FeedSource, *, atom_only: bool = False) -> tuple[bytes, ...]:
    """The RSS and the Atom file of a feed; the Atom file alone if `atom_only`."""
    fg, texts = _generator(source)
    rss: tuple[bytes, ...] = ()
    if not atom_only:
        _set_links(fg, source.page, source.self_rss, "application/rss+xml")
        texts.apply(fg, rss_text)
        rss = (fg.rss_str(pretty=True),)
    _set_links(fg, source.page, source.self_atom, "application/atom+xml")
    texts.apply(fg, _as_written)
    return (*rss, fg.atom_str(pretty=True))


def _set_links(fg: FeedGenerator, page: str, self_href: str, media_type: str) -> None:
    """The feed's own URL (rel=self) and its HTML page; feedgen takes the last one as RSS link."""
    fg.link([{"href": self_href, "rel": "self", "type": media_type},
             {"href": page, "rel": "alternate", "type": "text/html"}], replace=True)
