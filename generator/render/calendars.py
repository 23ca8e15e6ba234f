"""Deadline calendars (RFC 5545): `calendar/deadlines.ics` and `calendar/region/<code>.ics`
(rolled up: a region includes everything below it).

Each open tender (status 公告中; a withdrawn or closed one is left out) gives one event at
its effective deadline and, when it has one, one at its effective bid opening: amendments
move both. UIDs are `<id>-deadline@<host>` and `<id>-opening@<host>`, so a calendar app
moves an existing event instead of adding a second one; SEQUENCE counts the amendments.
DTSTAMP is the tender's last change (`updated_at`), never the clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone

from ..config import Settings
from ..derive import PublicNotice, Site
from ..listings import open_tenders, region_tree_order
from ..model import Tender
from ..words import CALENDARS
from .feeds import absolute, host_of
from .pages import RenderContext

PRODID = "-//gongshi//public resource trading deadlines//ZH"
TIMEZONE_FIRST = date(1970, 1, 1)
TIMEZONE_LAST = date(2038, 1, 1)
REFRESH = timedelta(hours=6)  # how often calendar apps should fetch again


def calendar_paths(site: Site) -> list[tuple[str, str | None]]:
    """(path under the site root, region code or None for the whole site)."""
    paths: list[tuple[str, str | None]] = [("calendar/deadlines.ics", None)]
    paths += [(f"calendar/region/{node.code}.ics", node.code) for node, _ in region_tree_order(site)]
    return paths


def rendered_calendars(ctx: RenderContext, settings: Settings) -> dict[str, bytes]:
    site = ctx.site
    # One VTIMEZONE for every calendar: computing its transitions is the costly part.
    timezone = _timezone(settings, open_tenders(site.notices))
    return {
        path: build_calendar(ctx, settings, code, timezone).to_ical()
        for path, code in calendar_paths(site)
    }


def build_calendar(
    ctx: RenderContext, settings: Settings, region_code: str | None, timezone: Timezone | None = None
) -> Calendar:
    site = ctx.site
    words = CALENDARS.words(ctx.language)
    notices = site.notices if region_code is None else site.in_region(region_code)
    name = words["all"] if region_code is None else words["region"].format(
        name=site.regions[region_code].name)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{name} · {settings.site_name}")
    calendar.add("x-wr-caldesc", words["description"])
    calendar.add("x-wr-timezone", settings.timezone)
    calendar.add("refresh-interval", REFRESH)
    calendar.add("x-published-ttl", "PT6H")  # the same, for Outlook
    tenders = open_tenders(notices)
    # Always present: it makes an empty calendar still a valid one (RFC 5545 needs a component).
    calendar.add_component(timezone or _timezone(settings, tenders))
    host = host_of(settings)
    for pn in tenders:
        for event in tender_events(ctx, settings, pn, host):
            calendar.add_component(event)
    return calendar


def _timezone(settings: Settings, tenders: list[PublicNotice]) -> Timezone:
    last = max([TIMEZONE_LAST, *(_latest_moment(pn).date() for pn in tenders)])
    return Timezone.from_tzid(settings.timezone, first_date=TIMEZONE_FIRST, last_date=last)


def _latest_moment(pn: PublicNotice) -> datetime:
    assert pn.deadline is not None
    return max(pn.deadline, pn.opening.time) if pn.opening else pn.deadline


def tender_events(ctx: RenderContext, settings: Settings, pn: PublicNotice, host: str) -> list[Event]:
    words = CALENDARS.words(ctx.language)
    assert pn.deadline is not None
    events = [_event(ctx, settings, pn, f"{pn.id}-deadline@{host}", words["deadline"], pn.deadline)]
    if pn.opening is not None:
        opening = _event(ctx, settings, pn, f"{pn.id}-opening@{host}", words["opening"],
                         pn.opening.time)
        if pn.opening.place:
            opening.add("location", pn.opening.place)
        events.append(opening)
    return events


def _event(ctx: RenderContext, settings: Settings, pn: PublicNotice, uid: str, what: str,
           start: datetime) -> Event:
    url = absolute(settings, pn.url)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", pn.updated_at.astimezone(UTC))
    event.add("dtstart", start.astimezone(ctx.site.tz))  # no DTEND: an instant (RFC 5545 3.6.1)
    event.add("summary", f"{what}{CALENDARS.words(ctx.language)[':']}{pn.notice.title}")
    event.add("description", _description(ctx, pn, url))
    event.add("url", url, parameters={"VALUE": "URI"})
    event.add("sequence", sum(1 for u in pn.updates if u.kind == "amendment"))
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    category = getattr(pn.notice, "category", None)
    if category:
        event.add("categories", [ctx.label("category", category)])
    return event


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
