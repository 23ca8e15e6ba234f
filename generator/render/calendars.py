"""Deadline calendars (RFC 5545): `calendar/deadlines.ics`, `calendar/region/<code>.ics`
(rolled up: a region includes everything below it), `calendar/category/<category>.ics`,
`calendar/region/<code>/<category>.ics` and `calendar/project/<project>.ics`: each listing
of generator/listings.py that has a calendar.

Each open tender (status 公告中; a withdrawn or closed one is left out) gives one event at
its effective deadline and, when it has one, one at its effective bid opening: amendments
move both. UIDs are `<id>-deadline@<host>` and `<id>-opening@<host>`, so a calendar app
moves an existing event instead of adding a second one; SEQUENCE counts the amendments.
DTSTAMP is the tender's last change (`updated_at`), never the clock.

A project's calendar is its whole schedule, past events included: every tender of the project
not withdrawn (its deadline and opening, as amended) and the end of each candidates' publicity
not withdrawn (`<id>-publicity-end@<host>`; a date is an all-day event).

As feeds, a calendar is made from its `CalendarSource`, plain data; the calendars added with
the category, region × category and project listings go through the output cache by it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone

from ..config import Settings
from ..derive import PublicNotice
from ..listings import Listing, open_tenders
from ..model import Candidates, Tender
from ..words import CALENDARS
from .feeds import absolute, feed_title, host_of, plain
from .pages import RenderContext

PRODID = "-//gongshi//public resource trading deadlines//ZH"
TIMEZONE_FIRST = date(1970, 1, 1)
TIMEZONE_LAST = date(2038, 1, 1)
REFRESH = timedelta(hours=6)  # how often calendar apps should fetch again


# Calendars made as before the output cache (their bytes unchanged): the whole site's and each
# region's. The others are made through the cache (render/opendata.py: cached_outputs).
DIRECT_KINDS = ("all", "region")


def calendar_listings(ctx: RenderContext) -> list[tuple[str, Listing]]:
    """(path under the site root, the listing it follows) of every calendar, each path once,
    in registry order (the whole site's deadlines first: open tenders and the tenders share it)."""
    seen: dict[str, Listing] = {}
    for listing in ctx.listings():
        if listing.calendar is not None and listing.calendar not in seen:
            seen[listing.calendar] = listing
    return list(seen.items())


# --- a calendar's source -----------------------------------------------------------------------


@dataclass(frozen=True)
class EventSource:
    uid: str
    stamp: datetime  # UTC
    start: datetime | date  # in the site's zone; a date: an all-day event
    summary: str
    description: str
    url: str
    sequence: int
    location: str | None
    categories: list[str]


@dataclass(frozen=True)
class CalendarSource:
    """A calendar as plain data: its file is made from this and nothing else."""

    name: str
    description: str
    timezone: str
    first_date: date  # the VTIMEZONE's observances run from here
    last_date: date  # to here
    events: list[EventSource]

    def key_text(self) -> str:
        return json.dumps(self, default=plain, ensure_ascii=False, sort_keys=True)


def calendar_source(ctx: RenderContext, settings: Settings, listing: Listing,
                    shared: tuple[date, date] | None = None) -> CalendarSource:
    """The calendar of a listing. `shared`: the first and last date of the VTIMEZONE that
    several calendars share; else this one's own, from the first year of its events (a zone's
    old observances, 1970 on, are most of a small calendar's bytes)."""
    words = CALENDARS.words(ctx.language)
    host = host_of(settings)
    if listing.project is not None:
        events = project_events(ctx, settings, listing, host)
        title = words["project_name"].format(name=listing.project.name)
        description = words["project_description"]
    else:
        events = [event for pn in open_tenders(listing.notices)
                  for event in tender_events(ctx, settings, pn, host)]
        whole_site = listing.kind in ("all", "open", "family")
        title = words["all"] if whole_site else words["region"].format(name=feed_title(ctx, listing))
        description = words["description"]
    first, last = shared or _own_dates(events)
    return CalendarSource(
        name=f"{title} · {settings.site_name}", description=description,
        timezone=settings.timezone, first_date=first, last_date=last, events=events,
    )


def _own_dates(events: list[EventSource]) -> tuple[date, date]:
    starts = [e.start.date() if isinstance(e.start, datetime) else e.start for e in events]
    first = date(min(starts).year - 1, 1, 1) if starts else TIMEZONE_FIRST
    return max(TIMEZONE_FIRST, first), max([TIMEZONE_LAST, *starts])


def project_events(ctx: RenderContext, settings: Settings, listing: Listing,
                   host: str) -> list[EventSource]:
    """A project's schedule: its tenders' deadlines and openings and its candidates' publicity
    ends, withdrawn notices left out, in the order of the project's notices."""
    assert listing.project is not None
    words = CALENDARS.words(ctx.language)
    events: list[EventSource] = []
    for pn in listing.project.notices:
        if pn.withdrawal is not None:
            continue
        if pn.type == "tender" and pn.deadline is not None:
            events += tender_events(ctx, settings, pn, host)
        elif isinstance(pn.notice, Candidates):
            events.append(_event(ctx, settings, pn, f"{pn.id}-publicity-end@{host}",
                                 words["publicity_end"], pn.notice.publicity_end))
    return events


def tender_events(ctx: RenderContext, settings: Settings, pn: PublicNotice,
                  host: str) -> list[EventSource]:
    words = CALENDARS.words(ctx.language)
    assert pn.deadline is not None
    events = [_event(ctx, settings, pn, f"{pn.id}-deadline@{host}", words["deadline"], pn.deadline)]
    if pn.opening is not None:
        events.append(_event(ctx, settings, pn, f"{pn.id}-opening@{host}", words["opening"],
                             pn.opening.time, location=pn.opening.place))
    return events


def _event(ctx: RenderContext, settings: Settings, pn: PublicNotice, uid: str, what: str,
           start: datetime | date, location: str | None = None) -> EventSource:
    url = absolute(settings, pn.url)
    if isinstance(start, datetime):
        start = start.astimezone(ctx.site.tz)
    category = getattr(pn.notice, "category", None)
    return EventSource(
        uid=uid, stamp=pn.updated_at.astimezone(UTC), start=start,
        summary=f"{what}{CALENDARS.words(ctx.language)[':']}{pn.notice.title}",
        description=_description(ctx, pn, url), url=url,
        sequence=sum(1 for u in pn.updates if u.kind == "amendment"),
        location=location or None,
        categories=[ctx.label("category", category)] if category else [],
    )


def _description(ctx: RenderContext, pn: PublicNotice, url: str) -> str:
    words = CALENDARS.words(ctx.language)
    notice = pn.notice
    colon = words[":"]
    lines = [
        notice.title,
        f"{words['region_label']}{colon}{' › '.join(node.name for node in pn.region.path())}",
        f"{words['publisher']}{colon}{notice.publisher}",
    ]
    if notice.project is not None:
        lines.append(f"{words['project']}{colon}{notice.project.code}")
    if isinstance(notice, Tender) and notice.budget is not None:
        lines.append(f"{words['budget']}{colon}{ctx.money(notice.budget)}")
    if pn.superseded_deadlines:
        old = ", ".join(ctx.moment(d) for d in pn.superseded_deadlines)
        lines.append(f"{words['superseded']}{colon}{old}")
    lines.append(url)
    return "\n".join(lines)


# --- the file, from the source ---------------------------------------------------------------


class Timezones:
    """VTIMEZONE components by zone and last date, each computed and written once: the costly
    part of a calendar (~25 ms, where its events take well under one)."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, date, date], bytes] = {}

    def of(self, source: CalendarSource) -> bytes:
        key = (source.timezone, source.first_date, source.last_date)
        if key not in self._made:
            timezone = Timezone.from_tzid(source.timezone, first_date=source.first_date,
                                          last_date=source.last_date)
            self._made[key] = timezone.to_ical()
        return self._made[key]


CALENDAR_END = b"END:VCALENDAR\r\n"


def render_calendar(source: CalendarSource, timezones: Timezones) -> bytes:
    """The calendar's properties, its VTIMEZONE, then its events: what icalendar writes for the
    whole calendar (each component is its own run of lines), with the VTIMEZONE's lines made once."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", source.name)
    calendar.add("x-wr-caldesc", source.description)
    calendar.add("x-wr-timezone", source.timezone)
    calendar.add("refresh-interval", REFRESH)
    calendar.add("x-published-ttl", "PT6H")  # the same, for Outlook
    head = calendar.to_ical()
    assert head.endswith(CALENDAR_END)
    # Always present: it makes an empty calendar still a valid one (RFC 5545 needs a component).
    parts = [head.removesuffix(CALENDAR_END), timezones.of(source)]
    parts += [_component(event).to_ical() for event in source.events]
    return b"".join([*parts, CALENDAR_END])


def _component(source: EventSource) -> Event:
    event = Event()
    event.add("uid", source.uid)
    event.add("dtstamp", source.stamp)
    event.add("dtstart", source.start)  # no DTEND: an instant (RFC 5545 3.6.1), or a whole day
    event.add("summary", source.summary)
    event.add("description", source.description)
    event.add("url", source.url, parameters={"VALUE": "URI"})
    event.add("sequence", source.sequence)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    if source.categories:
        event.add("categories", source.categories)
    if source.location:
        event.add("location", source.location)
    return event


def rendered_calendars(ctx: RenderContext, settings: Settings) -> dict[str, bytes]:
    """The whole site's and each region's calendar: path under the site root → bytes."""
    timezones = Timezones()
    # One VTIMEZONE for all of them, from 1970 to the latest moment of any open tender.
    shared = (TIMEZONE_FIRST, max([TIMEZONE_LAST, *(_latest_moment(pn).date()
                                                    for pn in open_tenders(ctx.site.notices))]))
    return {
        path: render_calendar(calendar_source(ctx, settings, listing, shared), timezones)
        for path, listing in calendar_listings(ctx) if listing.kind in DIRECT_KINDS
    }


def _latest_moment(pn: PublicNotice) -> datetime:
    assert pn.deadline is not None
    return max(pn.deadline, pn.opening.time) if pn.opening else pn.deadline
