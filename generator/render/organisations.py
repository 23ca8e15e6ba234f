"""The organisations' pages, entities/<USCC>/: one per organisation of the index
(generator/organisations.py), from the registry's organisation listings, so that the page, its
feed and its search record hold the same notices. Each is made from a frame (render/frames.py):
its content is theme/partials/gongshi-entity.html, rendered by our templates, in the frame the
engine renders of theme/entity.html.

A page is an archive like a listing's (render/pages.py): the first page holds the record (the
names, counts by role, what it won, the bans in force and the penalties still public) and the
newest notices; page/k/ the k-th `page_size` notices from the oldest, so a new notice changes
only the first and the newest archive pages. Its facts are made of its notices alone (and the
site's now through statuses and bans, which change only at the site's change moments), so the
page cache renders it again only when one of its notices changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal

from ..derive import PublicNotice
from ..listings import Listing, organisation_feed
from ..model import Penalty
from ..organisations import Appearance, Ban, Organisation, by_role, organisation_url
from ..rules import end_of
from ..words import ORGANISATIONS
from .facts import (
    EntityFacts,
    FeedLinks,
    OrgBan,
    OrgCount,
    OrgPenalty,
    OrgRow,
    OrgWin,
    PageFacts,
    SanctionRow,
    ShellFacts,
)
from .format import iso
from .frames import CONTENT, NUMBER_TOKEN, Framing, token
from .pages import (
    GeneratedPage,
    KnownPage,
    KnownProducts,
    RenderContext,
    _archive_pager,
    _front_pager,
    entry,
)


def organisation_pages(ctx: RenderContext,
                       known: KnownProducts | None = None) -> Iterator[GeneratedPage | KnownPage]:
    """Every organisation's pages, in USCC order. `known`: what earlier builds made (store.py):
    a page whose input is unchanged is not made unless the page cache lost it."""
    for listing in ctx.listings():
        if listing.organisation is not None:
            yield from entity_pages(ctx, listing, known)


ENTITY_TEMPLATE = "entity.html"
ENTITY_FRAGMENT = "partials/gongshi-entity.html"
USCC_TOKEN, NAME_TOKEN = token("uscc"), token("name")


def entity_pages(ctx: RenderContext, listing: Listing,
                 known: KnownProducts | None = None) -> list[GeneratedPage | KnownPage]:
    """The organisation's first page (its facts and its newest notices) and its archive pages
    (numbered from the oldest notice). Each page's input is its facts without rows (on the
    first page: totals, wins, penalties and the bans in force as of now) and the keys of the
    notices in its rows; the rows are the costly part, made only for a page not `known`."""
    organisation = listing.organisation
    assert organisation is not None
    base = listing.base
    feeds = _feeds(listing.feed, base)
    notices = list(listing.notices)
    size = ctx.page_size
    count = max(1, -(-len(notices) // size))
    wins = organisation.wins
    first = EntityFacts(
        uscc=organisation.uscc, name=organisation.name, names=organisation.names,
        base=f"{base}/", feeds=feeds, total=len(notices),
        roles=[OrgCount(role=role, count=n) for role, n in by_role(organisation).items()],
        won_total=ctx.money(organisation.won_total) if wins else None,
        won_count=len(wins),
        won_unstated=sum(1 for a in wins if a.amount is None),
        wins=[_win(ctx, a) for a in wins],
        bans=[_ban(ctx, ban) for ban in organisation.active_bans(ctx.site.now, ctx.site)],
        penalties=[_penalty(ctx, pn) for pn in organisation.penalties],
        rows=[], pager=_front_pager(base, count) if count > 1 else None,
    )
    shown: list[tuple[int | None, EntityFacts, list[PublicNotice]]] = [(None, first, notices[:size])]
    oldest_first = notices[::-1]
    for archive in range(1, count + 1) if count > 1 else ():
        chunk = oldest_first[(archive - 1) * size:archive * size]
        shown.append((archive, EntityFacts(uscc=organisation.uscc, name=organisation.name,
                                           names=organisation.names, base=f"{base}/", feeds=feeds,
                                           number=archive, rows=[],
                                           pager=_archive_pager(base, archive, count)),
                      chunk[::-1]))
    pages: list[GeneratedPage | KnownPage] = []
    for number, facts, members in shown:
        def page_of(facts: EntityFacts = facts, members: list[PublicNotice] = members,
                    number: int | None = number) -> GeneratedPage:
            rows = [_row(ctx, organisation, pn.id) for pn in members]
            return _framed(ctx, organisation, number, dataclasses.replace(facts, rows=rows))

        if known is not None:
            path = _page(ctx, organisation.uscc, organisation.name,
                         None if number is None else str(number), facts).path
            known.input_of(path, _framed(ctx, organisation, number, facts).key_bytes(), members)
            kept = known.kept(path)
            if kept is not None:
                pages.append(KnownPage(path, kept, page_of))
                continue
        pages.append(page_of())
    return pages


def _feeds(feed: str, base: str) -> FeedLinks:
    """An organisation's feed: Atom alone (listings.Listing.atom_only)."""
    return FeedLinks(rss=None, atom=f"feeds/{feed}.atom", page=f"{base}/")


def _page(ctx: RenderContext, uscc: str, name: str, number: str | None,
          facts: PageFacts) -> GeneratedPage:
    """An organisation's page, or (given tokens for its words) the frame of its kind."""
    base = organisation_url(uscc).rstrip("/")
    title = ORGANISATIONS.words(ctx.language)["org_page_title"].format(name=name)
    if number is None:
        path = f"{base}/index.md"
    else:
        path, title = f"{base}/page/{number}.md", f"{title} · {number}"
    return GeneratedPage(path, title, ENTITY_TEMPLATE, facts, title_data=name, description=uscc)


def _framed(ctx: RenderContext, organisation: Organisation, number: int | None,
            facts: EntityFacts) -> GeneratedPage:
    shown = None if number is None else str(number)
    frame_number = None if number is None else NUMBER_TOKEN
    frame_facts = ShellFacts(kind=facts.kind, feeds=_feeds(organisation_feed(USCC_TOKEN),
                                                           organisation_url(USCC_TOKEN).rstrip("/")),
                             html=CONTENT)
    framing = Framing(frame=_page(ctx, USCC_TOKEN, NAME_TOKEN, frame_number, frame_facts),
                      fills={USCC_TOKEN: organisation.uscc, NAME_TOKEN: organisation.name,
                             NUMBER_TOKEN: shown or ""},
                      fragment=ENTITY_FRAGMENT,
                      shell=ShellFacts(kind=facts.kind, feeds=facts.feeds, html=""))
    page = _page(ctx, organisation.uscc, organisation.name, shown, facts)
    return dataclasses.replace(page, framing=framing)


def _row(ctx: RenderContext, organisation: Organisation, notice_id: str) -> OrgRow:
    mine = organisation.appearances_in(notice_id)
    amounts = [a.amount for a in mine if a.amount is not None]
    return OrgRow(entry=entry(ctx, mine[0].notice), roles=organisation.roles_in(notice_id),
                  amount=ctx.money(sum(amounts, Decimal(0))) if amounts else None)


def _win(ctx: RenderContext, appearance: Appearance) -> OrgWin:
    pn = appearance.notice
    return OrgWin(url=pn.url, title=pn.notice.title, published=ctx.moment(pn.notice.published),
                  amount=ctx.money(appearance.amount))


def _ban(ctx: RenderContext, ban: Ban) -> OrgBan:
    notice = ban.penalty.notice
    assert isinstance(notice, Penalty)
    return OrgBan(kind_label=ctx.label("sanction", ban.kind), start=ban.start.isoformat(),
                  until=ban.until.isoformat(), until_iso=iso(end_of(ban.until, ctx.site.tz),
                                                             ctx.site.tz),
                  penalty_url=ban.penalty.url, decision_no=notice.decision_no)


def _penalty(ctx: RenderContext, pn: PublicNotice) -> OrgPenalty:
    notice = pn.notice
    assert isinstance(notice, Penalty)
    return OrgPenalty(
        url=pn.url, title=notice.title, decided=notice.decided.isoformat(),
        decision_no=notice.decision_no, authority=notice.authority,
        sanctions=[SanctionRow(kind_label=ctx.label("sanction", s.kind), amount=ctx.money(s.amount),
                               until=s.until.isoformat() if s.until else None)
                   for s in notice.sanctions],
        publicity_end=ctx.moment(notice.publicity_end), withdrawn=pn.withdrawal is not None)
