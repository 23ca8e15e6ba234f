"""Generated pages: one Markdown file per notice and per listing page, whose front matter
carries display-ready facts for our templates in theme/. Only a notice's `body` is Markdown,
and we convert and sanitize it here, so the site engine converts almost nothing.

Paths in front matter are relative to the site root; templates prefix them with base_url.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from ..datafiles import Digest, Missing, Refusal, copy_attachment, hash_attachment
from ..derive import AWARDED, TERMINATED, PublicNotice, RegionNode, Site
from ..errors import BuildFailed
from ..flags import Flag, Thresholds, flags_by_project
from ..ledger.site import SiteLedger
from ..listings import (
    CATEGORIES,
    FAMILIES,
    Listing,
    feed_calendar,
    listings,
    project_feed,
    region_category_feed,
    region_feed,
)
from ..model import (
    NOTICE_LANGUAGE,
    Amendment,
    Attachment,
    Award,
    Candidates,
    Party,
    Penalty,
    Tender,
    Termination,
)
from ..organisations import Organisation, organisation_index, page_of
from ..packed import PackedText
from ..pagecache import BodyCache
from ..rules import start_of
from ..search import amount_band
from ..words import COMMANDS, FEEDS, FLAG_WORDS, MONEY, SITE, value_label
from .facts import (
    AmendedFacts,
    AmendedTime,
    AmendmentLink,
    AmendsFacts,
    AttachmentFacts,
    CandidateRow,
    CategoryCount,
    ContactFacts,
    DeadlineFacts,
    Entry,
    FeedLinks,
    FeedRef,
    FlagNote,
    FlagNoticeLink,
    FollowFacts,
    FollowProject,
    HomeFacts,
    LatestGroup,
    LevelCount,
    ListingFacts,
    NoticeFacts,
    OpeningFacts,
    PageFacts,
    Pager,
    PagerLink,
    PartyFacts,
    ProjectFacts,
    RegionCount,
    RegionLink,
    RegionsFacts,
    RowAmount,
    RowDate,
    SanctionRow,
    SearchFacts,
    ShellFacts,
    SubjectFacts,
    SubRegion,
    TimelineItem,
    WinnerRow,
    Withdrawn,
    key_bytes,
)
from .filters import FormMaker, Tally, find_tenders_form
from .format import (
    body_html,
    iso,
    show_moment,
    show_money,
    show_short_money,
    show_size,
    url_path,
)
from .frames import CONTENT, NUMBER_TOKEN, Framing, token
from .versions import version_history

LATEST_ON_HOME = 8
CLOSING_SOON_ON_HOME = 8


@dataclass
class GeneratedPage:
    """A page we make: where it goes, what the engine needs of it (title, template, hidden
    sidebars, description) and its facts for the template."""

    path: str  # relative to the docs folder
    title: str
    template: str
    facts: PageFacts
    hide: tuple[str, ...] = ("toc",)
    description: str | None = None
    title_lang: str | None = None  # the title is the data's (a notice's, a region's), not ours
    title_data: str | None = None  # the data's words (a region's name) within a title of ours
    framing: Framing | None = None  # made from a frame, its content by our templates (frames.py)

    def with_facts(self, facts: PageFacts) -> GeneratedPage:
        return dataclasses.replace(self, facts=facts)

    def source(self) -> str:
        """The page as the engine reads it: front matter only (facts reach the template
        through the engine's page context, not through front matter)."""
        meta: dict[str, Any] = {"title": self.title, "template": self.template,
                                "hide": list(self.hide)}
        if self.description is not None:
            meta["description"] = self.description
        if self.title_lang is not None:
            meta["title_lang"] = self.title_lang
        if self.title_data is not None and self.title_data in self.title:
            meta["title_data"] = self.title_data
        # JSON is YAML: one line the engine's YAML reader takes quickly
        return f"---\n{json.dumps(meta, ensure_ascii=False, sort_keys=True)}\n---\n"

    def key_bytes(self) -> bytes:
        """Everything that shapes the page's HTML besides the engine's inputs: its cache key."""
        return self.source().encode() + key_bytes(self.facts)


@dataclass(frozen=True)
class KnownPage:
    """A page whose cache key an earlier build kept, its inputs unchanged since (store.py):
    made (`make`) only when the page cache no longer holds that key."""

    path: str
    key: str
    make: Callable[[], GeneratedPage]


@dataclass
class KnownProducts:
    """What earlier builds made that stands in for outputs whose inputs did not change (store.py):
    - `notice_pages`: each unchanged notice's page cache key, by id;
    - `records`: each unchanged notice's search record (search.record_row), by id;
    - `entries`: the digests of unchanged notices' feed entries, by (id, with its text);
    - `outputs`: each archive page's, feed file's and calendar's input and cache key, by its
      path (docs path for a page, site path for a file). An input is a digest of what the
      output shows besides its notices, and of the keys of those notices;
    - `notice_keys`, `setup`: this build's keys of the notices, and of the setup, for inputs.
    What this build makes goes back in: `inputs` receives the input of every such output, by
    path; `made` the cache key of each output it made (not taken from `outputs`);
    `made_entries` the digests of the feed entries it made."""

    setup: str
    notice_keys: Mapping[str, bytes]
    notice_pages: Mapping[str, str] = field(default_factory=dict)
    records: Mapping[str, str] = field(default_factory=dict)
    entries: Mapping[tuple[str, bool], str] = field(default_factory=dict)
    outputs: Mapping[str, tuple[bytes, str]] = field(default_factory=dict)
    inputs: dict[str, bytes] = field(default_factory=dict)
    made: dict[str, str] = field(default_factory=dict)
    made_entries: dict[tuple[str, bool], str] = field(default_factory=dict)

    def input_of(self, path: str, own: bytes, notices: Iterable[PublicNotice]) -> bytes:
        """The input of the output at `path`: `own` (what it shows besides its notices) and
        the keys of `notices`; kept in `inputs`."""
        digest = hashlib.sha256(f"{self.setup}\0{path}\0".encode())
        digest.update(own)
        for pn in notices:
            digest.update(self.notice_keys[pn.id])
        given = self.inputs[path] = digest.digest()
        return given

    def kept(self, path: str) -> str | None:
        """The cache key kept for `path`, if its input (`input_of`, called first) is unchanged."""
        found = self.outputs.get(path)
        return found[1] if found is not None and found[0] == self.inputs[path] else None

    def made_outputs(self, page_keys: Mapping[str, str]) -> dict[str, str]:
        """The cache key of every output with an input that this build made: `made`, and the
        pages of `page_keys` (the engine stage's, by docs path) that have an input."""
        return {**self.made, **{path: key for path, key in page_keys.items() if path in self.inputs}}


@dataclass
class PublishedFile:
    """An attachment that goes out with the site: source file and its facts."""

    source: Path
    target: str  # relative to the site root
    size: int
    sha256: str


@dataclass
class RenderContext:
    site: Site
    language: str
    files_dir: Path
    page_size: int
    published_files: dict[str, PublishedFile] = field(default_factory=dict)
    body_cache: BodyCache | None = None
    verified_remote: frozenset[str] = frozenset()  # digests of remote files build --check-remote checked
    flags: list[Flag] = field(default_factory=list)  # generator/flags.py, as of the site's now
    flag_limits: Thresholds = field(default_factory=Thresholds)
    flag_box: bool = True  # the 数据提示 box on a project's notices (extra.gongshi.flags)
    _flags_by_project: dict[str, list[Flag]] | None = field(default=None, repr=False)
    ledger: SiteLedger | None = None  # the publication ledger as of now (generator/ledger/)
    _bodies: dict[str, PackedText] = field(default_factory=dict, repr=False)
    _entries: dict[str, Entry] = field(default_factory=dict, repr=False)
    _facts: dict[str, NoticeFacts] = field(default_factory=dict, repr=False)
    _labels: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    # one object per region and feed, shared by the facts and rows of its notices
    _region_links: dict[str, RegionLink] = field(default_factory=dict, repr=False)
    _region_paths: dict[str, str] = field(default_factory=dict, repr=False)
    _feed_links: dict[str, FeedLinks] = field(default_factory=dict, repr=False)
    _listings: list[Listing] | None = field(default=None, repr=False)
    # organisations.organisation_index(site): given by the build (the flags read it too), else made once
    organisations: dict[str, Organisation] | None = None

    def listings(self) -> list[Listing]:
        """The registry's listings, made once per build: feeds, calendars and the 订阅 pages
        each go through all of them (tens of thousands, with a project each)."""
        if self._listings is None:
            self._listings = list(listings(self.site, self.organisation_index()))
        return self._listings

    def organisation_index(self) -> dict[str, Organisation]:
        if self.organisations is None:
            self.organisations = organisation_index(self.site)
        return self.organisations

    def project_flags(self, project_code: str) -> list[Flag]:
        if self._flags_by_project is None:
            self._flags_by_project = flags_by_project(self.flags)
        return self._flags_by_project.get(project_code, [])

    def notice_facts(self, pn: PublicNotice) -> NoticeFacts:
        """A notice's facts, made once per build: its page, search record, feeds and exports
        read the same object."""
        if pn.id not in self._facts:
            self._facts[pn.id] = notice_facts(self, pn)
        return self._facts[pn.id]

    def body(self, pn: PublicNotice) -> PackedText:
        """The sanitized body of a notice, converted once per build (pages, feeds, exports),
        or taken from the previous build's conversion of the same Markdown."""
        if pn.id not in self._bodies:
            text = pn.notice.body or ""
            self._bodies[pn.id] = (
                self.body_cache.html(text, body_html) if self.body_cache and text
                else PackedText.of(body_html(text))
            )
        return self._bodies[pn.id]

    def body_html(self, pn: PublicNotice) -> str:
        return self.body(pn).text()

    def label(self, vocabulary: str, code: str) -> str:
        key = (vocabulary, code)  # a build asks ~10 times per notice for a few dozen labels
        if key not in self._labels:
            self._labels[key] = value_label(self.language, vocabulary, code)
        return self._labels[key]

    def region_link(self, node: RegionNode) -> RegionLink:
        if node.code not in self._region_links:
            self._region_links[node.code] = _region_link(node)
        return self._region_links[node.code]

    def region_path(self, node: RegionNode) -> str:
        """湖北省 › 孝感市 › 孝南区: a region's path as a row shows it."""
        if node.code not in self._region_paths:
            self._region_paths[node.code] = " › ".join(step.name for step in node.path())
        return self._region_paths[node.code]

    def feed_links(self, name: str) -> FeedLinks:
        if name not in self._feed_links:
            self._feed_links[name] = _feeds(name)
        return self._feed_links[name]

    def moment(self, value: Any) -> str:
        return show_moment(value, self.site.tz)

    def money(self, amount: Any) -> str | None:
        if amount is None:
            return None
        return show_money(amount, MONEY.in_language(self.language))

    def short_money(self, amount: Decimal) -> str:
        """An amount in a row: 1,280.00 万元, CNY 31.58 million, rather than every yuan."""
        return show_short_money(amount, MONEY.in_language(self.language))

    @functools.cached_property
    def words(self) -> Mapping[str, str]:
        return SITE.words(self.language)

    def attachment_file(self, relative: str) -> PublishedFile:
        if relative not in self.published_files:
            digest = _attachment_digest(hash_attachment(self.files_dir, relative), relative)
            self.published_files[relative] = PublishedFile(
                self.files_dir / relative, f"files/{relative}", digest.size, digest.sha256
            )
        return self.published_files[relative]

    def publish_attachment(self, relative: str, site_dir: Path) -> None:
        """Copy a published attachment into the site as itself (never through a link), and
        check it is still the file whose size and SHA-256 its page shows."""
        published = self.published_files[relative]
        target = site_dir / published.target
        target.parent.mkdir(parents=True, exist_ok=True)
        copied = _attachment_digest(copy_attachment(self.files_dir, relative, target), relative)
        if (copied.size, copied.sha256) != (published.size, published.sha256):
            raise BuildFailed(COMMANDS.message("attachment_changed", path=published.target))


def _attachment_digest(found: Digest | Refusal | Missing, relative: str) -> Digest:
    """Validation opened every attachment; failing now means it changed under the build."""
    if isinstance(found, Digest):
        return found
    shown = f"files/{relative}"
    if isinstance(found, Missing):
        raise BuildFailed(COMMANDS.message("attachment_gone", path=shown))
    raise BuildFailed(found.message(shown))


def render_pages(ctx: RenderContext,
                 known: KnownProducts | None = None) -> Iterator[GeneratedPage | KnownPage]:
    """Every page of the site, one at a time (a build never holds them all): the home page and
    listings first, then one page per notice. `known`: what earlier builds made of notices and
    archive pages whose inputs are unchanged: those pages are made only if needed."""
    site = ctx.site
    yield home_page(ctx)
    yield regions_index_page(ctx)
    for shown in ctx.listings():
        if shown.has_pages:
            yield from listing_pages(ctx, shown, known)
    ctx._entries.clear()  # only listings show entries
    kept = known.notice_pages if known is not None else {}
    for pn in site.notices:
        key = kept.get(pn.id)
        yield notice_page(ctx, pn) if key is None else \
            KnownPage(notice_path(pn.id), key, functools.partial(notice_page, ctx, pn))


# --- notice pages -------------------------------------------------------------------------------


NOTICE_TEMPLATE = "notice.html"
NOTICE_FRAGMENT = "partials/gongshi-notice.html"
LISTING_TEMPLATE = "listing.html"
LISTING_FRAGMENT = "partials/gongshi-listing.html"
TITLE_TOKEN, DESCRIPTION_TOKEN = token("title"), token("description")
HEADING_TOKEN = token("heading")
FEED_TOKENS = FeedLinks(rss=token("feedrss"), atom=token("feedatom"), page=token("feedpage"))
PROJECT_TOKENS = FollowProject(code=token("projectcode"), atom=token("projectatom"),
                               ics=token("projectics"))


def notice_page(ctx: RenderContext, pn: PublicNotice) -> GeneratedPage:
    """A notice's page, made from the frame of its kind (render/frames.py): its content is
    partials/gongshi-notice.html rendered from its facts."""
    facts = ctx.notice_facts(pn)
    # Material prints this into <meta content="…"> unescaped: escape the region's name here.
    description = html.escape(f"{facts.type_label} · {pn.region.name} · {facts.published}")
    page = _notice_page(pn.id, pn.notice.title, description, facts)
    project = facts.follow.project
    shell = ShellFacts(kind=facts.kind, feeds=facts.feeds, html="", project=project,
                       flags=bool(facts.flags))
    fills = {_notice_id_token(project is not None, shell.flags): pn.id, TITLE_TOKEN: pn.notice.title,
             DESCRIPTION_TOKEN: description, **_token_fills(FEED_TOKENS, facts.feeds)}
    if project is not None:
        fills.update(_token_fills(PROJECT_TOKENS, project))
    page.framing = Framing(frame=_notice_frame(project is not None, shell.flags), fills=fills,
                           fragment=NOTICE_FRAGMENT, shell=shell, verbatim=NOTICE_VERBATIM)
    return page


NOTICE_VERBATIM = frozenset({DESCRIPTION_TOKEN})


@functools.cache
def _notice_frame(project: bool, flags: bool) -> GeneratedPage:
    """The frame of notices' pages with (or without) a project and red flags: the head differs
    with a project (its feeds) and with red flags (their stylesheet), so each has its own,
    told apart by the token of its path. Made once; never changed."""
    shell = ShellFacts(kind="notice", feeds=FEED_TOKENS, html=CONTENT,
                       project=PROJECT_TOKENS if project else None, flags=flags)
    return _notice_page(_notice_id_token(project, flags), TITLE_TOKEN, DESCRIPTION_TOKEN, shell)


def _notice_id_token(project: bool, flags: bool) -> str:
    return token("id" + ("project" if project else "") + ("flags" if flags else ""))


def notice_path(notice_id: str) -> str:
    return f"notices/{notice_id}.md"


def _notice_page(notice_id: str, title: str, description: str, facts: PageFacts) -> GeneratedPage:
    return GeneratedPage(notice_path(notice_id), title, NOTICE_TEMPLATE, facts,
                         hide=("navigation", "toc"), description=description,
                         title_lang=NOTICE_LANGUAGE)


def _token_fills(tokens: FeedLinks | FollowProject, values: FeedLinks | FollowProject) -> dict[str, str]:
    """Each token of `tokens` (a facts object of tokens) → the same field's value in `values`."""
    return {getattr(tokens, name): getattr(values, name) or ""
            for name in (f.name for f in dataclasses.fields(tokens)) if getattr(tokens, name)}


def notice_facts(ctx: RenderContext, pn: PublicNotice) -> NoticeFacts:
    notice = pn.notice
    type_label = ctx.label("type", pn.type)
    return NoticeFacts(
        id=pn.id,
        url=pn.url,
        title=notice.title,
        type=pn.type,
        type_label=type_label,
        family=pn.family,
        family_label=ctx.label("family", pn.family),
        status=pn.status,
        status_label=ctx.label("status", pn.status),
        region_path=[ctx.region_link(node) for node in pn.region.path()],
        published=ctx.moment(notice.published),
        published_iso=iso(pn.published_at, ctx.site.tz),
        publisher=notice.publisher,
        category=notice.category,
        category_label=ctx.label("category", notice.category) if notice.category else None,
        project=(ProjectFacts(code=notice.project.code, name=notice.project.name)
                 if notice.project else None),
        withdrawn=(Withdrawn(date=pn.withdrawal.date.isoformat(), reason=pn.withdrawal.reason)
                   if pn.withdrawal else None),
        body=ctx.body(pn),
        attachments=[_attachment(ctx, a) for a in notice.attachments or []],
        contact=ContactFacts(**notice.contact.model_dump()) if notice.contact else None,
        timeline=_timeline(ctx, pn),
        feeds=ctx.feed_links(region_feed(pn.region.code)),  # its region's feed: what a reader follows
        follow=_follow(ctx, pn),
        search=search_facts(ctx, pn),
        flags=flag_notes(ctx, pn),
        versions=(version_history(ctx.ledger, pn.id, ctx.language, ctx.site.tz)
                  if ctx.ledger is not None else None),
        **_type_facts(ctx, pn),
    )


def flag_notes(ctx: RenderContext, pn: PublicNotice) -> list[FlagNote]:
    """The flags of the notice's project for its 数据提示 box; none on a penalty's page (in no
    project) or when the site turns the box off (`extra.gongshi.flags.show_on_notices`)."""
    if not ctx.flag_box or pn.project_code is None or pn.type == "penalty":
        return []
    return [FlagNote(flag=flag.flag, name=flag_name(ctx, flag.flag),
                     explanation=flag.explanation.in_language(ctx.language),
                     notices=[flag_notice_link(ctx, id_) for id_ in flag.notice_ids])
            for flag in ctx.project_flags(pn.project_code)]


def flag_name(ctx: RenderContext, flag: str) -> str:
    return FLAG_WORDS.words(ctx.language)[f"name_{flag}"]


def flag_notice_link(ctx: RenderContext, notice_id: str) -> FlagNoticeLink:
    found = ctx.site.by_id.get(notice_id)
    if found is None:
        return FlagNoticeLink(id=notice_id, url=None, title=notice_id, type_label="")
    return FlagNoticeLink(id=notice_id, url=found.url, title=found.notice.title,
                          type_label=ctx.label("type", found.type))


NO_DEADLINE = "9999-12-31T23:59:59Z"  # sorts after every real deadline; no notice is dropped


def search_facts(ctx: RenderContext, pn: PublicNotice) -> SearchFacts:
    """Filters (code values), sorts and result metadata of one notice in the search index;
    each listed by name. A result shows what a listing row shows (`_entry`): its type, status,
    category and region from the filters, the rest from the metadata. Pagefind indexes
    metadata as words, so it holds values only, never a label or a code."""
    notice = pn.notice
    tz = ctx.site.tz
    row = entry(ctx, pn)
    deadline = pn.deadline if pn.type == "tender" else None
    amount = shown_amount(pn)
    published = pn.published_at.astimezone(tz)
    return SearchFacts(
        filters={
            "amount": [amount_band(amount[1])] if amount else [],
            "category": [notice.category] if notice.category else [],
            "family": [pn.family],
            "month": [published.strftime("%Y-%m")],
            "region": [node.code for node in pn.region.path()],
            "type": [pn.type],
            "year": [str(published.year)],
            **_status_sources(ctx, pn),
        },
        sorts={
            "deadline": _utc(deadline) if deadline is not None else NO_DEADLINE,
            "published": _utc(pn.published_at),
        },
        meta={
            "date": show_moment(notice.published, tz),
            "deadline": show_moment(deadline, tz) if deadline is not None else "",
            "key_date": row.key_date.display if row.key_date else "",
            "amount": row.amount.display if row.amount else "",
        },
    )


def _status_sources(ctx: RenderContext, pn: PublicNotice) -> dict[str, list[str]]:
    """What a notice's status follows from, as the search page reads it (generator/search.py,
    "Status"): never the status as of the build, so the clock alone never changes a record.
    `closes`, `ends` and `withdrawn` are moments (UTC, as `_utc` writes them): a tender's or
    amendment's effective deadline, a candidate publicity's end, the start of a withdrawal's
    date, in effect or not yet; `outcome` is the tender's project result, which changes only
    when a result is published (or withdrawn)."""
    sources: dict[str, list[str]] = {}
    if pn.type in ("tender", "amendment"):
        project = ctx.site.projects.get(pn.project_code) if pn.project_code else None
        if project is not None and project.status in (AWARDED, TERMINATED):
            sources["outcome"] = [project.status]
        if pn.deadline is not None:
            sources["closes"] = [_utc(pn.deadline)]
    if pn.type == "candidates" and pn.ends_at is not None:
        sources["ends"] = [_utc(pn.ends_at)]
    if pn.notice.withdrawn is not None:
        sources["withdrawn"] = [_utc(start_of(pn.notice.withdrawn.date, ctx.site.tz))]
    return sources


def _utc(moment: datetime) -> str:
    """Sortable as text: the same zone and width for every value."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _region_link(node: RegionNode) -> RegionLink:
    return RegionLink(code=node.code, name=node.name, url=f"region/{node.code}/")


def _party(party: Party | None) -> PartyFacts | None:
    return PartyFacts(name=party.name, uscc=party.uscc, entity=page_of(party.uscc)) if party else None


def _deadline(ctx: RenderContext, pn: PublicNotice) -> DeadlineFacts | None:
    if pn.deadline is None:
        return None
    return DeadlineFacts(
        display=ctx.moment(pn.deadline),
        iso=iso(pn.deadline, ctx.site.tz),
        superseded=[ctx.moment(d) for d in pn.superseded_deadlines],
        passed=pn.deadline <= ctx.site.now,
    )


def _opening(ctx: RenderContext, opening: Any) -> OpeningFacts | None:
    if opening is None:
        return None
    return OpeningFacts(time=ctx.moment(opening.time), place=opening.place)


def _type_facts(ctx: RenderContext, pn: PublicNotice) -> dict[str, Any]:
    """The facts only one notice type has, as NoticeFacts' keyword arguments."""
    notice = pn.notice
    if isinstance(notice, Tender):
        return {
            "method_label": ctx.label("method", notice.method),
            "buyer": _party(notice.buyer),
            "agency": _party(notice.agency),
            "budget": ctx.money(notice.budget),
            "deadline": _deadline(ctx, pn),
            "opening": _opening(ctx, pn.opening),
            "qualification": notice.qualification,
            "amended": _amended(ctx, pn, notice),
        }
    if isinstance(notice, Amendment):
        target = ctx.site.by_id.get(notice.amends)
        changes = notice.changes
        return {
            "amends": AmendsFacts(
                id=notice.amends,
                url=f"notices/{notice.amends}/" if target else None,
                title=target.notice.title if target else notice.amends,
            ),
            "new_deadline": ctx.moment(changes.deadline) if changes and changes.deadline else None,
            "new_opening": _opening(ctx, changes.opening) if changes else None,
            "deadline": _deadline(ctx, pn),
        }
    if isinstance(notice, Candidates):
        return {
            "candidates": [
                CandidateRow(rank=c.rank, name=c.name, uscc=c.uscc, amount=ctx.money(c.amount),
                             entity=page_of(c.uscc))
                for c in sorted(notice.candidates, key=lambda c: c.rank)
            ],
            "publicity_end": ctx.moment(notice.publicity_end),
            "publicity_end_iso": iso(pn.ends_at, ctx.site.tz) if pn.ends_at else None,
        }
    if isinstance(notice, Award):
        return {
            "winners": [WinnerRow(name=w.name, uscc=w.uscc, amount=ctx.money(w.amount),
                                  entity=page_of(w.uscc))
                        for w in notice.winners],
            "award_date": notice.award_date.isoformat() if notice.award_date else None,
        }
    if isinstance(notice, Termination):
        return {"reason": notice.reason}
    assert isinstance(notice, Penalty)
    return {
        "subject": SubjectFacts(
            name=notice.subject.name,
            kind_label=ctx.label("subject", notice.subject.kind),
            uscc=notice.subject.uscc,
            entity=page_of(notice.subject.uscc, notice.subject.kind),
        ),
        "decision_no": notice.decision_no,
        "decided": notice.decided.isoformat(),
        "authority": notice.authority,
        "violation": notice.violation,
        "basis": notice.basis,
        "sanctions": [
            SanctionRow(
                kind_label=ctx.label("sanction", s.kind),
                amount=ctx.money(s.amount),
                until=s.until.isoformat() if s.until else None,
            )
            for s in notice.sanctions
        ],
        "publicity_end": ctx.moment(notice.publicity_end),
    }


def _amended(ctx: RenderContext, pn: PublicNotice, tender: Tender) -> AmendedFacts | None:
    """A tender's schedule as its public amendments leave it, and those amendments; None while
    none is public."""
    amendments = ctx.site.amendments.get(pn.id, [])
    if not amendments:
        return None
    own, current = tender.opening, pn.opening
    place_changed = current is not None and current.place != (own.place if own else None)
    return AmendedFacts(
        amendments=[_amendment_link(ctx, number, amendment)
                    for number, amendment in enumerate(amendments, start=1)],
        deadline=(_amended_time(ctx, pn.deadline, changed=pn.deadline != tender.deadline)
                  if pn.deadline is not None else None),
        opening=(_amended_time(ctx, current.time, changed=own is None or current.time != own.time)
                 if current is not None else None),
        place=current.place if current is not None and place_changed else None,
    )


def _amended_time(ctx: RenderContext, moment: datetime, *, changed: bool) -> AmendedTime:
    return AmendedTime(display=ctx.moment(moment), iso=iso(moment, ctx.site.tz), changed=changed)


def _amendment_link(ctx: RenderContext, number: int, amendment: PublicNotice) -> AmendmentLink:
    return AmendmentLink(
        number=number,
        id=amendment.id,
        url=amendment.url,
        published=ctx.moment(amendment.notice.published),
        withdrawn=amendment.withdrawal is not None,
        attachments=[_attachment(ctx, a) for a in amendment.notice.attachments or []],
    )


def _attachment(ctx: RenderContext, attachment: Attachment) -> AttachmentFacts:
    if attachment.url and attachment.declared:
        assert attachment.size is not None and attachment.sha256 is not None  # declared
        return AttachmentFacts(
            title=attachment.title, url=attachment.url, external=True,
            size=show_size(attachment.size), bytes=attachment.size, sha256=attachment.sha256,
            unverified=attachment.sha256 not in ctx.verified_remote,
        )
    if attachment.url:
        return AttachmentFacts(title=attachment.title, url=attachment.url, external=True)
    assert attachment.file is not None  # one of the two (checks.py: attachment-target)
    published = ctx.attachment_file(attachment.file)
    return AttachmentFacts(
        title=attachment.title,
        url=url_path(published.target),  # the template prefixes base_url
        external=False,
        size=show_size(published.size),
        bytes=published.size,
        sha256=published.sha256,
        name=Path(attachment.file).name,
    )


def _timeline(ctx: RenderContext, pn: PublicNotice) -> list[TimelineItem]:
    if pn.project_code is None or pn.project_code not in ctx.site.projects:
        return []
    return [
        TimelineItem(
            id=member.id,
            url=member.url,
            title=member.notice.title,
            type_label=ctx.label("type", member.type),
            status=member.status,
            status_label=ctx.label("status", member.status),
            published=ctx.moment(member.notice.published),
            current=member.id == pn.id,
        )
        for member in ctx.site.projects[pn.project_code].notices
    ]


# --- listings -------------------------------------------------------------------------------------


def entry(ctx: RenderContext, pn: PublicNotice) -> Entry:
    """What a listing shows of one notice: made once, shown in each of its listings."""
    if pn.id not in ctx._entries:
        ctx._entries[pn.id] = _entry(ctx, pn)
    return ctx._entries[pn.id]


def _entry(ctx: RenderContext, pn: PublicNotice) -> Entry:
    return Entry(
        id=pn.id,
        url=pn.url,
        title=pn.notice.title,
        type=pn.type,
        type_label=ctx.label("type", pn.type),
        status=pn.status,
        status_label=ctx.label("status", pn.status),
        region=pn.region.name,
        region_path=ctx.region_path(pn.region),
        published=ctx.moment(pn.notice.published),
        category_label=ctx.label("category", pn.notice.category) if pn.notice.category else None,
        key_date=row_date(ctx, pn),
        amount=row_amount(ctx, pn),
    )


def row_date(ctx: RenderContext, pn: PublicNotice) -> RowDate | None:
    """The one date a row shows beside the publication date: when a tender (or its amendment)
    closes, when a publicity ends, when a contract was awarded or a penalty decided."""
    notice = pn.notice
    if pn.type in ("tender", "amendment") and pn.deadline is not None:
        return _row_moment(ctx, "deadline", pn.deadline)
    if pn.type == "candidates" and pn.ends_at is not None:
        return _row_moment(ctx, "publicity_end", pn.ends_at)
    if isinstance(notice, Award) and notice.award_date:
        return RowDate(label="award_date", display=notice.award_date.isoformat(),
                       iso=notice.award_date.isoformat())
    if isinstance(notice, Penalty):
        return RowDate(label="decided", display=notice.decided.isoformat(),
                       iso=notice.decided.isoformat())
    return None


def _row_moment(ctx: RenderContext, label: str, moment: datetime) -> RowDate:
    return RowDate(label=label, display=ctx.moment(moment), iso=iso(moment, ctx.site.tz))


def row_amount(ctx: RenderContext, pn: PublicNotice) -> RowAmount | None:
    """A tender's budget, or what a result awarded (see shown_amount)."""
    shown = shown_amount(pn)
    return RowAmount(label=shown[0], display=ctx.short_money(shown[1])) if shown else None


def shown_amount(pn: PublicNotice) -> tuple[str, Decimal] | None:
    """The amount a row shows, with the key of its label: a tender's budget, or what a result
    awarded (the winners' amounts added up, when every winner has one). The search's amount
    filter is made from it too."""
    notice = pn.notice
    if isinstance(notice, Tender) and notice.budget is not None:
        return "budget", notice.budget
    if isinstance(notice, Award) and notice.winners and all(
            w.amount is not None for w in notice.winners):
        return "awarded_amount", sum((w.amount for w in notice.winners if w.amount is not None),
                                     Decimal(0))
    return None


def _feeds(name: str) -> FeedLinks:
    return FeedLinks(rss=f"feeds/{name}.xml", atom=f"feeds/{name}.atom", page=f"feeds/{name}/")


def region_category_title(ctx: RenderContext, region: RegionNode, category: str) -> str:
    """孝感市 · 工程建设: the name of a region × category's feed."""
    return FEEDS.words(ctx.language)["region_category"].format(
        region=region.name, category=ctx.label("category", category))


def _follow(ctx: RenderContext, pn: PublicNotice) -> FollowFacts:
    """Its project's feed and calendar (a penalty is in no project's feed), its region's and its
    region × category's feed pages."""
    project = None
    if pn.project_code in ctx.site.projects and pn.type != "penalty":
        assert pn.project_code is not None
        feed = project_feed(pn.project_code)
        project = FollowProject(code=pn.project_code, atom=f"feeds/{feed}.atom",
                                ics=feed_calendar(feed))
    category = pn.notice.category
    return FollowFacts(
        project=project,
        region=FeedRef(title=pn.region.name, page=f"feeds/{region_feed(pn.region.code)}/"),
        region_category=(FeedRef(title=region_category_title(ctx, pn.region, category),
                                 page=f"feeds/{region_category_feed(pn.region.code, category)}/")
                         if category else None),
    )


def listing_pages(ctx: RenderContext, shown: Listing,
                  known: KnownProducts | None = None) -> list[GeneratedPage | KnownPage]:
    if shown.kind == "open":  # a view of the tenders, with a heading of its own
        heading, heading_key = ctx.label("family", "tenders"), "open_tenders"
    elif shown.region is not None:
        heading, heading_key = shown.region.name, None
    else:
        heading, heading_key = ctx.label(shown.kind, shown.key), None
    return listing(ctx, shown.base, heading, list(shown.notices), feeds=_feeds(shown.feed),
                   search_query=shown.search_query, heading_key=heading_key,
                   region=shown.region, archive=shown.archive,
                   forms=FormMaker(ctx, shown, ctx.site.roots()), known=known)


def listing(
    ctx: RenderContext,
    base: str,
    heading: str,
    notices: list[PublicNotice],
    *,
    feeds: FeedLinks,
    search_query: str,
    heading_key: str | None = None,
    region: RegionNode | None = None,
    archive: bool = True,
    forms: FormMaker,
    known: KnownProducts | None = None,
) -> list[GeneratedPage | KnownPage]:
    """The pages of one listing. An archive (`notices` newest first) has a first page with the
    newest notices and archive pages numbered from the oldest, so a new notice changes only the
    first and the newest archive pages; otherwise pages follow the order given (open tenders).
    An archive page whose input is as `known` holds it is not made (its rows are the costly
    part): its page cache key stands in for it."""
    common: dict[str, Any] = {
        "heading": heading,
        "heading_key": heading_key,
        "base": f"{base}/",
        "feeds": feeds,
        "search_query": search_query,
        "region_path": [_region_link(node) for node in region.path()] if region else None,
    }
    pages = archive_pages if archive else sequential_pages
    title_lang = NOTICE_LANGUAGE if region is not None else None
    made: list[GeneratedPage | KnownPage] = []
    for path, number, own, members in pages(ctx, base, notices, region, forms):
        title = heading if number is None else f"{heading} · {number}"

        def page_of(members: list[PublicNotice], facts: dict[str, Any] = own, path: str = path,
                    title: str = title, number: int | None = number) -> GeneratedPage:
            page = GeneratedPage(path, title, LISTING_TEMPLATE,
                                 ListingFacts(**common, **facts, entries=[entry(ctx, pn) for pn in members]),
                                 title_lang=title_lang)
            return dataclasses.replace(page, framing=_listing_framing(page, base, heading, number))

        if known is not None and archive and number is not None:
            known.input_of(path, page_of([]).key_bytes(), members)
            kept = known.kept(path)
            if kept is not None:
                made.append(KnownPage(path, kept, functools.partial(page_of, members)))
                continue
        made.append(page_of(members))
    return made


def _listing_framing(page: GeneratedPage, base: str, heading: str, number: int | None) -> Framing:
    """A listing's page from the frame of its kind and depth: its base's first folder (the kind:
    region/, category/, tenders/) as it is, a token for each folder after it, its heading and its
    page number. Regions' listings (their title in its own language span) have frames of their
    own."""
    assert isinstance(page.facts, ListingFacts)
    kind, *folders = base.split("/")
    variant = "zh" if page.title_lang else ""
    base_tokens = [token(f"list{variant}{chr(ord('a') + i)}") for i in range(len(folders))]
    fills = {**dict(zip(base_tokens, folders, strict=True)), HEADING_TOKEN: heading,
             **_token_fills(FEED_TOKENS, page.facts.feeds)}
    frame_base = "/".join([kind, *base_tokens])
    if number is None:
        path, title = f"{frame_base}/index.md", HEADING_TOKEN
    else:
        path, title = f"{frame_base}/page/{NUMBER_TOKEN}.md", f"{HEADING_TOKEN} · {NUMBER_TOKEN}"
        fills[NUMBER_TOKEN] = str(number)
    shell = ShellFacts(kind=page.facts.kind, feeds=page.facts.feeds, html="")
    frame = GeneratedPage(path, title, LISTING_TEMPLATE,
                          dataclasses.replace(shell, feeds=FEED_TOKENS, html=CONTENT),
                          hide=page.hide, title_lang=page.title_lang)
    return Framing(frame=frame, fills=fills, fragment=LISTING_FRAGMENT, shell=shell)


# each page: its path, its number, its facts but the rows, and the notices of its rows
_Pages = Iterator[tuple[str, int | None, dict[str, Any], list[PublicNotice]]]


def archive_pages(ctx: RenderContext, base: str, notices: list[PublicNotice],
                  region: RegionNode | None, forms: FormMaker) -> _Pages:
    """The first page: the newest notices, the totals, counts of the regions below, a filter
    form with counts. Archive page k: the k-th `page_size` notices from the oldest, newest
    first, with nothing that a later notice changes (no totals, no last page number; its form
    offers the values of the notices up to it, uncounted)."""
    size = ctx.page_size
    count = max(1, -(-len(notices) // size))
    oldest_first = notices[::-1]
    chunks = [oldest_first[(number - 1) * size:number * size] for number in range(1, count + 1)]
    seen = Tally(ctx.site.tz)
    archive_forms = []
    made: dict[tuple[object, ...], Any] = {}  # one form for pages that offer the same values
    for chunk in chunks:
        shown = seen.add(chunk).values_present()
        if shown not in made:
            made[shown] = forms.form(seen, counts=False)
        archive_forms.append(made[shown])
    first: dict[str, Any] = {
        "total": len(notices),
        "pager": _front_pager(base, count) if count > 1 else None,
        "filters": forms.form(seen, counts=True),  # `seen` holds every notice by now
    }
    if region is not None:
        first["subregions"] = _subregions(ctx, region, counts=True)
    yield f"{base}/index.md", None, first, notices[:size]
    if count == 1:
        return
    subregions = _subregions(ctx, region, counts=False) if region is not None else None
    for number, (chunk, form) in enumerate(zip(chunks, archive_forms, strict=True), start=1):
        own: dict[str, Any] = {
            "number": number,
            "pager": _archive_pager(base, number, count),
            "filters": form,
        }
        if subregions is not None:
            own["subregions"] = subregions
        yield f"{base}/page/{number}.md", number, own, chunk[::-1]


def sequential_pages(ctx: RenderContext, base: str, notices: list[PublicNotice],
                     region: RegionNode | None, forms: FormMaker) -> _Pages:
    """Pages in the order given; every page's form offers the listing's values, the first
    counts them."""
    size = ctx.page_size
    chunks = [notices[i:i + size] for i in range(0, len(notices), size)] or [[]]
    subregions = _subregions(ctx, region, counts=True) if region is not None else None
    every = Tally(ctx.site.tz).add(notices)
    counted, uncounted = forms.form(every, counts=True), forms.form(every, counts=False)
    for number, chunk in enumerate(chunks, start=1):
        own: dict[str, Any] = {
            "total": len(notices),
            "number": number if len(chunks) > 1 else None,
            "pager": _sequential_pager(base, number, len(chunks)) if len(chunks) > 1 else None,
            "filters": counted if number == 1 else uncounted,
        }
        if subregions is not None:
            own["subregions"] = subregions
        path = f"{base}/index.md" if number == 1 else f"{base}/page/{number}.md"
        yield path, None if number == 1 else number, own, chunk


def _subregions(ctx: RenderContext, region: RegionNode, *, counts: bool) -> list[SubRegion]:
    return [
        SubRegion(code=child.code, name=child.name, url=f"region/{child.code}/",
                  count=len(ctx.site.in_region(child.code)) if counts else None)
        for child in region.children
    ]


def _link(role: str, url: str | None = None, *, number: int | None = None,
          rel: str | None = None) -> PagerLink:
    """One item of a pager: a link (url), the current page (no url) or a gap (role "gap")."""
    return PagerLink(role=role, url=url, number=number, rel=rel)


def _archive_url(base: str, number: int) -> str:
    return f"{base}/page/{number}/"


def _front_pager(base: str, count: int) -> Pager:
    """The first page's pager: the newest archive pages, the oldest, and how many there are."""
    links = [_link("newest"), _link("older", _archive_url(base, count - 1), rel="next")]
    links += _numbers(base, range(count, max(1, count - PAGER_NEIGHBOURS) - 1, -1), None)
    if count - PAGER_NEIGHBOURS > 2:
        links.append(_link("gap"))
    if count - PAGER_NEIGHBOURS > 1:
        links.append(_link("number", _archive_url(base, 1), number=1))
    return Pager(links=links, jump=f"{base}/page/", count=count)


def _archive_pager(base: str, number: int, count: int) -> Pager:
    """Archive page `number`: the newest and oldest pages, its neighbours (newer on the left)."""
    links = [_link("newest", f"{base}/")]
    if number < count:
        links.append(_link("newer", _archive_url(base, number + 1), rel="prev"))
    nearby = range(min(count, number + PAGER_NEIGHBOURS), max(1, number - PAGER_NEIGHBOURS) - 1, -1)
    links += _numbers(base, nearby, number)
    if number > 1:
        links.append(_link("older", _archive_url(base, number - 1), rel="next"))
        links.append(_link("oldest", _archive_url(base, 1)))
    return Pager(links=links, jump=f"{base}/page/", count=None)


def _numbers(base: str, numbers: Iterable[int], current: int | None) -> list[PagerLink]:
    return [_link("number", None if n == current else _archive_url(base, n), number=n)
            for n in numbers]


def _sequential_url(base: str, number: int) -> str:
    return f"{base}/" if number == 1 else f"{base}/page/{number}/"


def _sequential_pager(base: str, number: int, total: int) -> Pager:
    links = []
    if number > 1:
        links.append(_link("previous", _sequential_url(base, number - 1), rel="prev"))
    for n in pager_window(number, total):
        if n is None:
            links.append(_link("gap"))
        else:
            url = None if n == number else _sequential_url(base, n)
            links.append(_link("number", url, number=n))
    if number < total:
        links.append(_link("next", _sequential_url(base, number + 1), rel="next"))
    return Pager(links=links, jump=None, count=total)


PAGER_NEIGHBOURS = 2


def pager_window(current: int, total: int) -> list[int | None]:
    """Page numbers a pager shows: the first, the last and the current one with its
    neighbours; None marks a gap (…). Constant size, however long the listing (a phone's
    pager, and every page's size, would otherwise grow with the corpus)."""
    near = range(current - PAGER_NEIGHBOURS, current + PAGER_NEIGHBOURS + 1)
    shown = sorted({1, total, *(n for n in near if 1 <= n <= total)})
    window: list[int | None] = []
    for n in shown:
        if window and n - (window[-1] or 0) == 2:
            window.append(n - 1)  # a gap of one page: show the page, not "…"
        elif window and n - (window[-1] or 0) > 2:
            window.append(None)
        window.append(n)
    return window


def home_page(ctx: RenderContext) -> GeneratedPage:
    site = ctx.site
    latest = {
        family: LatestGroup(
            label=ctx.label("family", family),
            url=f"{family}/",
            total=sum(1 for pn in site.notices if pn.family == family),
            entries=[entry(ctx, pn) for pn in
                     islice((pn for pn in site.notices if pn.family == family), LATEST_ON_HOME)],
        )
        for family in sorted(FAMILIES)  # the page shows them by name (as it always has)
    }
    open_listing = next(shown for shown in ctx.listings() if shown.kind == "open")
    closing = open_listing.notices
    facts = HomeFacts(
        latest=latest,
        closing_soon=[entry(ctx, pn) for pn in closing[:CLOSING_SOON_ON_HOME]],
        open_total=len(closing),
        find_tenders=find_tenders_form(ctx, open_listing, site.roots(), site.tz),
        levels=_level_counts(ctx),
        regions=_region_counts(ctx, site.roots()),
        categories=[
            CategoryCount(
                code=category,
                label=ctx.label("category", category),
                url=f"category/{category}/",
                count=sum(1 for pn in site.notices if pn.notice.category == category),
            )
            for category in CATEGORIES
        ],
        total=len(site.notices),
        as_of=site.changed_at.astimezone(site.tz).strftime("%Y-%m-%d %H:%M"),
        feeds=_feeds("all"),
    )
    title = SITE.words(ctx.language)["home"]
    return GeneratedPage("index.md", title, "home.html", facts, hide=("navigation", "toc"))


def _level_counts(ctx: RenderContext) -> list[LevelCount]:
    counts = {"province": 0, "city": 0, "county": 0}
    for pn in ctx.site.notices:
        counts[pn.region.level] += 1
    return [LevelCount(level=level, label=ctx.label("level", level), count=n)
            for level, n in counts.items()]


def _region_counts(ctx: RenderContext, nodes: list[RegionNode]) -> list[RegionCount]:
    return [
        RegionCount(
            code=node.code, name=node.name, url=f"region/{node.code}/",
            count=len(ctx.site.in_region(node.code)),
            children=_region_counts(ctx, node.children),
        )
        for node in nodes
    ]


def regions_index_page(ctx: RenderContext) -> GeneratedPage:
    facts = RegionsFacts(tree=_region_counts(ctx, ctx.site.roots()))
    title = SITE.words(ctx.language)["by_region"]
    return GeneratedPage("region/index.md", title, "regions.html", facts)
