"""Search: what Pagefind records of each public notice, and the index stage of the build.

The index is made from the data, not from the built pages: each public notice becomes one
Pagefind record (`notice_records`, from the notice page's front matter the render stage
made) holding the text its page shows, its filters (family, type, category, every region of
its path, publication year and month, amount band, and what its status follows from), sorts
(publication time, tender deadline) and result metadata. Listings, content pages, navigation and labels are never
indexed; embargoed notices and expired penalties have no page, so they have no record. Because
the index needs nothing the site engine makes, the build makes the records once and indexes
them alongside the engine (`BackgroundIndex`), by Pagefind's command line over one small page
per record (see `_run_pagefind`).

Chinese is indexed one character per word. Pagefind's indexer segments Chinese with a
dictionary, but the browser segments the query with Intl.Segmenter, and the two disagree
(应城市城北 is indexed 应城/市/城北, queried 应城市/城北): whole titles found nothing. So each
record's text has a hair space between Chinese characters, and the search page queries a
run of Chinese characters as an exact phrase of characters (theme/assets/gongshi-search.js):
a query matches where the text contains it, like Ctrl+F.

The indexed text and the excerpt. Pagefind indexes every word of a record's text and every
word of its metadata, so neither holds a label: searching 采购 must not find every notice
whose page says 采购人. The text is cut into segments by symbols that Pagefind keeps in the
text but indexes no word for (SEGMENT_BREAK ␞): the title; the notice's own text, its
paragraphs cut by BLOCK_BREAK ␤; its facts, one value per FACT_KEYS entry in that order, cut
by FACT_BREAK ␟ ("" for a fact it does not have); EVERY_NOTICE. The metadata holds values only
(title, id, dates, amount); the search page names a result's type, status, category and
region from its filters. The search page cuts each excerpt from this text itself: the words
around a match in the notice's own text, marked; a match only among the facts shows that fact
with its label (the labels of FACT_KEYS, from the catalogue), never a run of field values.

What a search covers. By default the last 12 months (RECENT_MONTHS), measured from the build's
now, not the reader's clock: every notice of a publication month from `recent_from` on (the
month 12 months before the build's month, from its first day: built 2026-11-26, the months
2025-11 to 2026-11), so at least the 12 months before the build; the page says so plainly
("近 12 个月 共 N 条"). The search page gets that month from its front matter, made by the same
build as the index, so the two agree whatever the reader's clock says. One action (搜索全部年份)
searches every month; ticked years are searched whole; a published range (from/to) is a range
of months. Pagefind's filters are discrete, so periods are sets of months: each record has a
`month` filter (2026-11), and the page asks for the months of the period.

Amounts. The amount a result row shows (render/pages.py `shown_amount`: a tender's budget or a
result's awarded total) is filed in a band, the `amount` filter: the band of the highest of
AMOUNT_EDGES at or below it ("0" below the first). The page chooses its range between edges,
so a range is exactly a set of bands and no result has to be read to filter by amount. Both
filters add a few bytes per notice to a shard's filter data, which a search reads anyway.

Status. A record holds no status: a status as of the build would change the record, and
re-index its whole shard, each time a deadline or a publicity end passed. It holds what the
status follows from (derive.py `_status`), as filters (STATUS_SOURCES): the moments `closes`
(a tender's or amendment's effective deadline), `ends` (a candidate publicity's end) and
`withdrawn` (the start of a withdrawal's date, in effect or still to come), UTC, and `outcome`
(awarded or terminated: the tender's project result). The search page computes each result's
status from them and the reader's clock, and the status filter is a Pagefind filter made of
them per shard (each shard's filter data lists the moments it holds), so it stays exact and
reads no notice it does not show. So the clock alone changes no record; data still does: a
result published for the project (or withdrawn) changes its tenders' `outcome`, an amendment
their `closes`. Two exceptions follow the clock, both rare: a withdrawal dated later than its
publication puts its date and reason into the indexed text only from that date (before it the
reason shows nowhere, tests/test_future_withdrawal.py), and a penalty leaves the index, as it
leaves the site, when its disclosure ends.

Shards. A Pagefind run holds at most SHARD_PAGES records (its memory grows with them), and a
query reads about one chunk of the word index (Pagefind cuts it at ~20,000 word positions,
whatever the shard's size) per word and shard, plus each shard's metadata and filters: fewer,
fuller shards cost a search less. So a year of at most GROUP_PAGES notices is one shard, else
consecutive months of one year share a shard up to GROUP_PAGES notices and a month of more
than SHARD_PAGES is split in parts (`shard_records`). pagefind/shards.json lists the shards
newest first with a summary of each (dates, page count, how many notices have each filter
value, months included, and the first and last moment of each kind a status follows from), so the search page reads every shard holding a month of the period,
except those that cannot match the filters, all at once, and orders the results as one list;
the shards stay out of the reader's sight.

Organisations. Each organisation of generator/organisations.py (an organisation's page,
entities/<USCC>/) is one record of its own small index, `pagefind/entities/` (parts
`entities-2`… past SHARD_PAGES organisations, in USCC order), listed in shards.json as
`entities` and kept out of the notices' shards: its records have no month, filter or sort, so
they never change what a notice search reads or counts. A record's text is the organisation's
names (spaced like a notice's) and its USCC; its metadata the latest name and the USCC. The
search page asks it the same query as the notices (a code or any run of a name's characters)
and shows the organisations found above the notices. What it costs a search: the entity
index's entry, metadata and one chunk of its word index per query word, and the fragments of
the (at most 10) organisations shown: 6.8 KB plus ~0.2 KB an organisation on the sample's 74
(README, "Organisations"). It is asked only when the query has words.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import multiprocessing
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from decimal import Decimal
from html import escape, unescape
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn, cast

from . import cachefile, pagefind_run
from .errors import BuildFailed, describe_os_error
from .organisations import Organisation, organisation_url
from .pagefind_run import INDEX_LANGUAGE, IndexPlan, IndexStats, ShardRun, run_plan
from .render.facts import NoticeFacts, OpeningFacts, PartyFacts
from .words import COMMANDS
from .words.commands import as_said

INDEX_DIR = "pagefind"
STOP_GRACE_SECONDS = 10.0  # an index process asked to stop is killed if it has not by then
# Chinese characters and CJK/full-width punctuation; the JS uses the same ranges.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_BETWEEN_CJK = re.compile(f"(?<=[{CJK}])(?=[{CJK}])")
WORD_BREAK = "\u200a"  # hair space: whitespace to Pagefind, and nearly invisible
# A word on every indexed notice: the search page queries it to list notices by filters alone,
# because a query of null makes Pagefind load every chunk of the word index (MBs at 10,000).
EVERY_NOTICE = "zzgongshiall"
# Cuts of the indexed text (module docstring). Symbols: Pagefind keeps them in a page's text and
# indexes no word for them, so no query finds them and no phrase runs across them.
SEGMENT_BREAK = "\u241e"  # ␞ between the title, the notice's own text, its facts, EVERY_NOTICE
FACT_BREAK = "\u241f"  # ␟ between two facts
BLOCK_BREAK = "\u2424"  # ␤ between two paragraphs (or cells) of the notice's own text
LIST_BREAK = " · "  # between the rows of one fact (candidates, attachments)
# The facts of a notice in the indexed text, in this order, by the key of their label
# (generator/words/site.py); the search page labels a matching fact with them.
FACT_KEYS = (
    "notice_id", "published", "publisher", "region_path", "project", "project_code", "method",
    "buyer", "agency", "budget", "deadline", "deadline_superseded", "opening", "new_opening",
    "qualification", "amends", "new_deadline", "publicity_end", "award_date", "reason",
    "withdrawn_on", "subject", "decision_no", "decided", "authority", "violation", "basis",
    "candidates", "winners", "sanctions", "attachments", "contact_name", "phone", "email",
)


# --- what the search page searches: the last 12 months by default, amounts in bands --------

RECENT_MONTHS = 12
# Edges of the amount bands, in yuan: a notice's band is the highest edge at or below its
# amount ("0" below the first). The search page's amount range is chosen between edges, so a
# range is exactly a set of bands.
AMOUNT_EDGES = (100_000, 500_000, 1_000_000, 5_000_000, 10_000_000, 50_000_000, 100_000_000)


# The filters a notice's status follows from (render/pages.py `_status_sources`): moments
# (`closes`, `ends`, `withdrawn`) and a project's result (`outcome`). The search page reads
# their values from each shard's filter data, which it loads anyway; shards.json has only the
# first and last moment of each kind per shard (`moments`), not their hundreds of values.
STATUS_SOURCES = ("closes", "ends", "outcome", "withdrawn")
MOMENTS = ("closes", "ends", "withdrawn")  # UTC, "2026-03-25T01:30:00Z": sorted as text


def recent_from(now: datetime, tz: tzinfo) -> str:
    """The first month of "the last 12 months" as of `now` (the build's now, in the site's
    zone): the month 12 months before now's month, so the period runs from its first day and
    covers at least the 12 months before now (built 2026-11-26: 2025-11, since 2025-11-01)."""
    local = now.astimezone(tz)
    months = local.year * 12 + local.month - 1 - RECENT_MONTHS
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def amount_band(amount: Decimal) -> str:
    below = [edge for edge in AMOUNT_EDGES if edge <= amount]
    return str(below[-1]) if below else "0"


# --- records: what Pagefind holds of each notice --------------------------------------------


@dataclass(frozen=True)
class SearchRecord:
    url: str  # as the site serves it below its root: /notices/ID/
    published: str  # site time, ISO: the shard (month) and the summary's dates
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]
    # What the text is made from (the notice's facts as JSON), for the shard's cache key, and
    # the indexed text (Chinese spaced one character per word): both made when the index
    # process needs them, not by the build (held for every notice while the engine runs, the
    # texts of 50,000 notices would take ~300 MB).
    source: Callable[[], bytes] = field(compare=False, repr=False)
    text: Callable[[], str] = field(compare=False, repr=False)
    source_known: bytes | None = field(default=None, compare=False, repr=False)  # its SHA-256, kept

    def source_sha256(self) -> bytes:
        return self.source_known if self.source_known is not None else hashlib.sha256(self.source()).digest()


def notice_records(notices: Iterable[NoticeFacts | SearchRecord]) -> list[SearchRecord]:
    """One record per public notice, from the facts its page is made from (or kept from an
    earlier build: `kept_record`); sorted by URL so the same notices give the same records."""
    return sorted((given if isinstance(given, SearchRecord) else _record(given) for given in notices),
                  key=lambda record: record.url)


def _record(n: NoticeFacts) -> SearchRecord:
    # Values only: Pagefind indexes every meta value as words, so no label or code goes here
    # (the search page names a result's type, status, category and region from its filters).
    meta = {"title": n.title, "id": n.id}
    meta.update({key: value for key, value in n.search.meta.items() if value})
    filters = {key: list(values) for key, values in n.search.filters.items() if values}
    return SearchRecord(url=f"/{n.url}", published=n.published_iso, meta=meta,
                        filters=filters, sort=dict(n.search.sorts),
                        source=functools.partial(_text_source, n),
                        text=functools.partial(_content, n))


def record_row(n: NoticeFacts) -> str:
    """A notice's record as the store keeps it (store.py): its fields, and the SHA-256 of what
    its text is made from in place of the text."""
    record = _record(n)
    return json.dumps([record.url, record.published, record.meta, record.filters, record.sort,
                       record.source_sha256().hex()], ensure_ascii=False)  # in their order, as made


def kept_record(row: str, facts: Callable[[], NoticeFacts]) -> SearchRecord:
    """A record from its row (`record_row`): the same as `_record` made it, its text made from
    `facts` only if its shard is indexed again."""
    url, published, meta, filters, sort, source = json.loads(row)
    return SearchRecord(url=url, published=published, meta=meta, filters=filters, sort=sort,
                        source=lambda: _text_source(facts()), text=lambda: _content(facts()),
                        source_known=bytes.fromhex(source))


ENTITY_SHARD = "entities"


def organisation_records(organisations: Iterable[Organisation]) -> list[SearchRecord]:
    """One record per organisation (its names and code), sorted by URL (by USCC)."""
    records = [_organisation_record(o) for o in organisations]
    return sorted(records, key=lambda record: record.url)


def _organisation_record(organisation: Organisation) -> SearchRecord:
    names = organisation.names
    text = space_cjk(f" {SEGMENT_BREAK} ".join([*map(_flat, names), organisation.uscc]))
    return SearchRecord(url=f"/{organisation_url(organisation.uscc)}", published="",
                        meta={"title": organisation.name, "uscc": organisation.uscc},
                        filters={}, sort={}, source=lambda: text.encode(), text=lambda: text)


def entity_shards(records: list[SearchRecord],
                  limit: int | None = None) -> dict[str, list[SearchRecord]]:
    """The organisations' records in parts of at most `limit`: entities, entities-2, …"""
    limit = SHARD_PAGES if limit is None else limit  # a Pagefind run's records, as a notice shard
    parts = [records[start:start + limit] for start in range(0, len(records), limit)]
    return {ENTITY_SHARD if number == 1 else f"{ENTITY_SHARD}-{number}": part
            for number, part in enumerate(parts, start=1)}


def _text_source(n: NoticeFacts) -> bytes:
    """What `_content` reads of a notice, for the shard's cache key: not the whole facts, which
    hold the status and timeline as of the build and would change the key when only the clock
    moved."""
    return json.dumps([n.title, n.body_html, notice_facts_text(n)], ensure_ascii=False).encode()


def _content(n: NoticeFacts) -> str:
    """The indexed text, in segments the search page tells apart (module docstring): the title,
    the notice's own text, its facts one per FACT_KEYS entry, the word every notice has."""
    facts = f" {FACT_BREAK} ".join(_flat(value) for _, value in notice_facts_text(n))
    text = plain_text(n.body_html, between=f" {BLOCK_BREAK} ")
    segments = (_flat(n.title), _flat(text), facts, EVERY_NOTICE)
    return space_cjk(f" {SEGMENT_BREAK} ".join(segments))


def _flat(text: str) -> str:
    """One line of text without the separators the indexed text is cut at."""
    for mark in (SEGMENT_BREAK, FACT_BREAK):
        text = text.replace(mark, " ")
    return " ".join(text.split())


def _joined(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def notice_facts_text(n: NoticeFacts) -> list[tuple[str, str]]:
    """What a notice page states as facts, as (label key, value) in FACT_KEYS order, "" for a
    fact the notice does not have. The values are indexed; the labels never are (the search
    page shows them beside a matching value)."""
    def party(p: PartyFacts | None) -> str:
        return _joined(p.name, p.uscc) if p else ""

    def opening(o: OpeningFacts | None) -> str:
        return _joined(o.time, o.place) if o else ""

    values = {
        "notice_id": n.id,
        "published": n.published,
        "publisher": n.publisher,
        "region_path": " › ".join(r.name for r in n.region_path),
        "project": n.project.name if n.project else "",
        "project_code": n.project.code if n.project else "",
        "method": n.method_label or "",
        "buyer": party(n.buyer),
        "agency": party(n.agency),
        "budget": n.budget or "",
        "deadline": n.deadline.display if n.deadline else "",
        "deadline_superseded": " ".join(n.deadline.superseded) if n.deadline else "",
        "opening": opening(n.opening),
        "new_opening": opening(n.new_opening),
        "qualification": n.qualification or "",
        "amends": n.amends.title if n.amends else "",
        "new_deadline": n.new_deadline or "",
        "publicity_end": n.publicity_end or "",
        "award_date": n.award_date or "",
        "reason": _joined(n.reason, n.withdrawn.reason if n.withdrawn else None),
        "withdrawn_on": n.withdrawn.date if n.withdrawn else "",
        "subject": (_joined(n.subject.name, n.subject.kind_label, n.subject.uscc)
                    if n.subject else ""),
        "decision_no": n.decision_no or "",
        "decided": n.decided or "",
        "authority": n.authority or "",
        "violation": n.violation or "",
        "basis": n.basis or "",
        "candidates": LIST_BREAK.join(_joined(str(c.rank), c.name, c.uscc, c.amount)
                                      for c in n.candidates),
        "winners": LIST_BREAK.join(_joined(w.name, w.uscc, w.amount) for w in n.winners),
        "sanctions": LIST_BREAK.join(_joined(s.kind_label, s.amount, s.until)
                                     for s in n.sanctions),
        "attachments": LIST_BREAK.join(a.title for a in n.attachments),
        "contact_name": n.contact.name or "" if n.contact else "",
        "phone": n.contact.phone or "" if n.contact else "",
        "email": n.contact.email or "" if n.contact else "",
    }
    return [(key, values[key]) for key in FACT_KEYS]


def space_cjk(text: str) -> str:
    return _BETWEEN_CJK.sub(WORD_BREAK, text)


# Elements that end a run of text: their text does not run into the next element's.
_BLOCKS = frozenset({"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br",
                     "dt", "dd", "blockquote", "pre", "table", "section"})
# Bodies are sanitized HTML (nh3, render/format.py): no script, style or comments, attribute
# values quoted. An HTMLParser took 1.3 ms a body (12 s at 10,000 notices).
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")


def plain_text(html: str, between: str = " ") -> str:
    """The text of sanitized HTML, whitespace collapsed, blocks joined by `between`."""
    blocks = _TAG.sub(lambda tag: "\0" if tag.group(2).lower() in _BLOCKS else "", html)
    texts = (" ".join(unescape(block.replace(BLOCK_BREAK, " ")).split())
             for block in blocks.split("\0"))
    return between.join(text for text in texts if text)


# --- shards: runs of months, newest first, with a summary for the search page ---------------

# Pagefind's peak memory is ~55 MB plus ~0.4 MB per record of a run (measured: 250 records
# 165 MiB, 500 278 MiB, 759 331 MiB, 1,000 502 MiB), so no shard, one run each, holds more
# than this many records: a month of more is indexed in parts.
SHARD_PAGES = 1000
# Consecutive months of one year share a shard while together they hold at most this many
# notices (a year of at most this many is one shard). A query costs about one chunk of each
# shard's word index per word (Pagefind's chunks hold ~20,000 word positions whatever the
# shard's size), so fewer, fuller shards make the 12 months a search covers cheaper.
GROUP_PAGES = 1000
EMPTY_SHARD = "none"


def shard_records(records: Iterable[SearchRecord], limit: int | None = None,
                  group_limit: int | None = None) -> dict[str, list[SearchRecord]]:
    """Records by shard, newest shard first. A year of at most `group_limit` records is one
    shard (2025); else its months, oldest first, are grouped while a group holds at most
    `group_limit` records, a group named by its first month (2026-04 for April and May); a
    month of more than `limit` records is split in parts in time order (2026-03a, 2026-03b).
    A group depends only on its own year's months, so notices added to the newest month change
    only the newest shard. Names sort as time does; an empty site has one empty shard (the page
    still needs the code)."""
    limit = SHARD_PAGES if limit is None else limit
    group_limit = GROUP_PAGES if group_limit is None else group_limit
    months: dict[str, list[SearchRecord]] = {}
    for record in records:
        months.setdefault(record.published[:7], []).append(record)
    for members in months.values():
        members.sort(key=lambda record: (record.published, record.url))
    shards: dict[str, list[SearchRecord]] = {}
    for year in sorted({month[:4] for month in months}):
        in_year = sorted(month for month in months if month.startswith(year))
        if sum(len(months[month]) for month in in_year) <= group_limit:
            shards[year] = [record for month in in_year for record in months[month]]
            continue
        shards.update(_month_groups({month: months[month] for month in in_year}, limit,
                                    group_limit))
    return {name: shards[name] for name in sorted(shards, reverse=True)} or {EMPTY_SHARD: []}


def _month_groups(months: dict[str, list[SearchRecord]], limit: int,
                  group_limit: int) -> dict[str, list[SearchRecord]]:
    """One year's months (in time order) grouped greedily, big months in parts."""
    shards: dict[str, list[SearchRecord]] = {}
    group: list[str] = []

    def close() -> None:
        if group:
            shards[group[0]] = [record for month in group for record in months[month]]
            group.clear()

    for month, members in months.items():
        if len(members) > limit:
            close()
            parts = math.ceil(len(members) / limit)
            size = math.ceil(len(members) / parts)
            for number in range(parts):
                shards[f"{month}{chr(ord('a') + number)}"] = members[number * size:(number + 1) * size]
        elif group and sum(len(months[m]) for m in group) + len(members) > group_limit:
            close()
            group.append(month)
        else:
            group.append(month)
    close()
    return shards


def shard_summary(name: str, records: list[SearchRecord]) -> dict[str, Any]:
    """What the search page knows of a shard before opening it: its year and dates, its page
    count and, per filter, how many of its notices have each value."""
    filters: dict[str, Counter[str]] = {}
    moments: dict[str, list[str]] = {}
    for record in records:
        for key, values in record.filters.items():
            if key in MOMENTS:
                moments.setdefault(key, []).extend(values)
            elif key not in STATUS_SOURCES:
                filters.setdefault(key, Counter()).update(values)
    dates = [record.published[:10] for record in records]
    return {"name": name, "year": name[:4] if records else "", "from": min(dates, default=""),
            "to": max(dates, default=""), "pages": len(records),
            "filters": {key: dict(sorted(counts.items())) for key, counts in sorted(filters.items())},
            # the first and last of each kind of moment: a shard whose deadlines all passed
            # cannot hold an open tender, and the search page does not open it for one
            "moments": {key: [min(values), max(values)] for key, values in sorted(moments.items())}}


# --- the index stage ---------------------------------------------------------------------------


def index_records(target: Path, records: list[SearchRecord], cache_folder: Path | None = None,
                  *, fresh: bool = False, limit: int | None = None,
                  organisations: list[SearchRecord] | None = None) -> IndexStats:
    """Write the site's pagefind/ folder at `target` (which must not exist): one Pagefind
    index per shard, each made by its own run of Pagefind's (extended) command line, one after
    the other, so the memory needed is that of the largest shard. The layout (read by
    theme/assets/gongshi-search.js):

        pagefind.js, wasm.*.pagefind    the search code, once for every shard
        shards.json                     the shards, newest first, with their summaries
        SHARD/…                         one Pagefind index (its entry, meta, word, filter and
                                        fragment files, and the worker)

    Each shard's pagefind-entry.json names the shared wasm file (`wasm` is read by pagefind.js
    as part of the file's URL), so a browser downloads the code and the wasm once however many
    shards a search reads. A site without notices lists no shard: the search page gets only
    the code, and finds nothing.

    With a cache folder, a shard of exactly the same records is reused: a rebuild re-indexes
    only the shards whose records changed, and the others keep their bytes (a fresh Pagefind
    run orders its filter tables differently each time, Pagefind/pagefind#638). Then the
    shards' files stay in the cache: the target gets only the files made for this site
    (shards.json, each shard's entry), and the stats say where the others are (`borrowed`).

    Two halves: `plan_index` writes the pages of the shards to index, `pagefind_run.run_plan`
    runs Pagefind over them and assembles the target. BackgroundIndex runs the second in a
    fresh interpreter; here both run in this process."""
    return run_plan(plan_index(target, records, cache_folder, fresh=fresh, limit=limit,
                               organisations=organisations))


def plan_index(target: Path, records: list[SearchRecord], cache_folder: Path | None = None,
               *, fresh: bool = False, limit: int | None = None,
               organisations: list[SearchRecord] | None = None) -> IndexPlan:
    """The index's first half, the one that needs the records' texts: the shards, their cache
    keys, and the pages of each shard the cache does not hold, written into a scratch folder
    beside the target (a build's target is in its work folder, which the next build clears
    when this one was killed: publish.clear_leftovers), not in the system's temporary folder.
    The scratch folder is removed if this fails, else by `run_plan`."""
    notice_shards = shard_records(records, limit)
    entities = entity_shards(organisations or [])
    shards = {**notice_shards, **entities}
    setup = _index_setup()
    keys = {name: _index_key(name, members, setup) for name, members in shards.items()}
    cached: set[str] = set()
    if cache_folder is not None and not fresh:
        cached = {name for name, key in keys.items() if (cache_folder / key).is_dir()}
    executable = str(_executable()) if len(cached) < len(shards) else ""  # "": none runs
    scratch = Path(tempfile.mkdtemp(prefix="gongshi-index-", dir=target.parent))
    try:
        plan = IndexPlan(
            target=str(target), scratch=str(scratch), executable=executable,
            cache_folder=str(cache_folder) if cache_folder is not None else None,
            shards=tuple(ShardRun(name=name, key=keys[name], pages=max(len(members), 1),
                                  todo=name not in cached) for name, members in shards.items()),
            summaries=tuple(shard_summary(name, members)
                            for name, members in notice_shards.items() if members),
            entities=tuple(entities), records=len(records))
        for name, members in shards.items():
            if name not in cached:
                _write_pages(plan.pages_folder(name), members)
        plan.save()
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return plan


class BackgroundIndex:
    """The index stage in a process of its own, started before the site engine with the
    records already made (it makes no page: it writes each record's text and runs Pagefind)
    and finished into the built site after it. A forked process, not a thread: making the
    texts and the pages Pagefind reads is Python work (~1 s per 1,000 notices) that a thread
    would do holding the GIL the engine needs. Once the texts are written, the process replaces
    itself with a fresh interpreter that runs Pagefind (`pagefind_run`): while it was a fork of
    the build, each page of memory the build wrote was copied into it."""

    def __init__(self, records: Iterable[SearchRecord], folder: Path,
                 cache_folder: Path | None, *, fresh: bool = False,
                 organisations: Iterable[SearchRecord] = ()) -> None:
        # Listed here: the index process is given records, never work that makes them (and
        # Process.start lets go of its arguments, so this process does not keep them).
        records = list(records)
        entities = list(organisations)
        self.folder = folder  # becomes the site's pagefind/; a sibling of the output
        shutil.rmtree(folder, ignore_errors=True)
        context = multiprocessing.get_context("fork")
        self._outcome, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_index_apart, name="gongshi-search-index",
                                        args=(records, folder, cache_folder, fresh, sender,
                                              entities),
                                        daemon=True)
        self._process.start()
        sender.close()

    def finish(self, site_dir: Path) -> IndexStats:
        """Wait for the index and move it into the built site."""
        try:
            kind, value = self._outcome.recv()
        except EOFError:
            kind, value = "failed", COMMANDS.message("search_stopped",
                                                     status=str(self._process.exitcode))
        self._end(STOP_GRACE_SECONDS)  # it has answered: all that is left is its exit
        if kind == "failed":
            raise BuildFailed(value)
        target = site_dir / INDEX_DIR
        if target.exists():
            raise BuildFailed(COMMANDS.message("search_folder_taken", folder=INDEX_DIR))
        self.folder.rename(target)
        return cast(IndexStats, value)  # what the indexer sends when it succeeded

    def discard(self) -> None:
        """Stop the index if it still runs (its Pagefind and scratch folders go with it) and
        leave nothing behind; killed if it has not stopped within STOP_GRACE_SECONDS."""
        if self._process.is_alive():
            self._process.terminate()
        self._end(STOP_GRACE_SECONDS)
        self._outcome.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _end(self, grace: float) -> None:
        """Join the process, never for ever: one stuck where SIGTERM cannot reach it is killed."""
        self._process.join(grace)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def _index_apart(records: list[SearchRecord], folder: Path, cache_folder: Path | None,
                 fresh: bool, sender: Any, organisations: list[SearchRecord]) -> None:
    """BackgroundIndex's process: it writes the pages, then becomes `pagefind_run`'s fresh
    interpreter, which sends the outcome back through `sender` (as this does when the first
    half fails)."""
    def index() -> IndexStats:
        plan = plan_index(folder, records, cache_folder, fresh=fresh, organisations=organisations)
        _become_runner(plan, sender)

    pagefind_run.answer(sender, index)


def _become_runner(plan: IndexPlan, sender: Any) -> NoReturn:
    """Replace this process with a fresh interpreter running `plan`, `sender` left open for it."""
    os.set_inheritable(sender.fileno(), True)
    argv = pagefind_run.command(Path(plan.scratch) / pagefind_run.PLAN_FILE, sender.fileno())
    try:
        os.execv(argv[0], argv)
    except OSError as exc:
        shutil.rmtree(plan.scratch, ignore_errors=True)
        raise BuildFailed(COMMANDS.message("search_cannot_run",
                                           reason=describe_os_error(exc))) from None


def _index_setup() -> str:
    """What every shard's index is made by: the code that makes records and indexes (the
    modules of the index stage and the facts it reads) and the Pagefind binary's version.
    Worked out once per index: it reads those modules' files."""
    return cachefile.fingerprint(code=("generator.search", "generator.pagefind_run",
                                       "generator.render.facts"),
                                 values=(_pagefind_version(),))


def _index_key(shard: str, records: list[SearchRecord], setup: str) -> str:
    """Hash of everything a shard's index is made of: its records (their text by what it is
    made from) and `setup` (`_index_setup`); prefixed by the shard."""
    digest = hashlib.sha256(setup.encode())
    digest.update(shard.encode() + b"\0")
    for record in records:
        facts = (record.url, record.published, record.meta, record.filters, record.sort)
        digest.update(json.dumps(facts, ensure_ascii=False, sort_keys=True).encode() + b"\0")
        digest.update(record.source_sha256())
    return f"{shard}-{digest.hexdigest()[:32]}"


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin_extended")
    except metadata.PackageNotFoundError:
        return "unknown"


# --- Pagefind: its command line over one small page per record -------------------------------
#
# What a page carries is Pagefind's documented HTML interface (pagefind.app/docs: indexing,
# metadata, filtering, sorts): the text is the page's only content (`data-pagefind-body`),
# meta, filters and sorts are read from attributes of <meta> elements, so any value goes
# through as it is. Pagefind indexes such a page exactly as a custom record of the same fields
# (its fragments and word index compared equal on the sample and a 2,000-notice corpus); it
# numbers pages in the order it finds the files, which only orders results of equal sort
# values (two notices published in the same minute).

# Pagefind makes no index of nothing: a shard without records (an empty site) indexes this,
# only for the search code; the shard is not listed, so no search reads its index.
PLACEHOLDER = "gongshi"
_KEY = re.compile(r"[a-z][a-z_]*")  # names of meta, filters and sorts: safe in a capture


def _write_pages(folder: Path, records: list[SearchRecord]) -> None:
    folder.mkdir(parents=True)
    if not records:
        (folder / "index.html").write_text(_page({}, {}, {}, PLACEHOLDER), encoding="utf-8")
        return
    for record in records:
        path = folder / _page_path(record.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with cachefile.failures_named(path), path.open("x", encoding="utf-8") as page:
                page.write(_page(record.meta, record.filters, record.sort, record.text()))
        except FileExistsError:
            raise BuildFailed(COMMANDS.message("search_duplicate", url=record.url)) from None


def _page_path(url: str) -> str:
    """The file Pagefind gives `url`: its URL is the file's path, index.html dropped."""
    if not url.startswith("/") or not url.endswith("/") or any(
            part in ("", ".", "..") for part in url.split("/")[1:-1]):
        raise BuildFailed(COMMANDS.message("search_bad_url", url=as_said(url)))
    return f"{url[1:]}index.html"


def _page(meta: Mapping[str, str], filters: Mapping[str, list[str]], sort: Mapping[str, str],
          text: str) -> str:
    captures = [_capture("meta", key, value) for key, value in meta.items()]
    captures += [_capture("filter", key, value) for key, values in filters.items() for value in values]
    captures += [_capture("sort", key, value) for key, value in sort.items()]
    return (f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8">'
            f'{"".join(captures)}</head><body data-pagefind-body>{escape(text, quote=False)}'
            "</body></html>\n")


def _capture(kind: str, key: str, value: str) -> str:
    """`key[content]`: Pagefind takes the value from the content attribute, whatever it holds."""
    if not _KEY.fullmatch(key):
        raise BuildFailed(COMMANDS.message("search_bad_key", name=as_said(key), kind=kind))
    return f'<meta data-pagefind-{kind}="{key}[content]" content="{escape(value)}">'


def _executable() -> Path:
    """The extended binary shipped in the pagefind_bin_extended wheel (it segments Chinese)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        found = shutil.which("pagefind_extended")
        if found is None:
            raise BuildFailed(COMMANDS.message("search_not_installed")) from None
        return Path(found)
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise BuildFailed(COMMANDS.message("search_binary_missing", detail=as_said(exc))) from None
