"""Red flags in the site (issue #15, item 4; the flags themselves: generator/flags.py): the
风险提示 page (flags/, template theme/flags.html) and data/flags.json and data/flags.csv, made
through the output cache. The 数据提示 box of a project's notices is a fact of their pages
(pages.py, flag_notes)."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable

from ..config import Settings
from ..derive import RegionNode
from ..flags import FLAG_IDS, Flag, definition
from ..listings import CATEGORIES
from ..pagecache import OutputCache
from ..publish import Source
from ..words import FLAGS_PAGE
from .exports import CSV_LIST_SEPARATOR, guarded
from .facts import (
    FilterOption,
    FlagFile,
    FlagGroup,
    FlagItem,
    FlagsFacts,
)
from .format import iso, show_size
from .pages import GeneratedPage, RenderContext, flag_name, flag_notice_link

FLAGS_PAGE_PATH = "flags/index.md"
FLAGS_JSON = "data/flags.json"
FLAGS_CSV = "data/flags.csv"
FLAGS_VERSION = 1
CSV_COLUMNS = ("flag", "project_code", "notice_ids", "region_code", "category", "explanation")
RULES_ANCHOR = "rules/#flags"  # content/rules.md, 风险提示


# --- data/flags.json and data/flags.csv -----------------------------------------------------------


def flags_json(ctx: RenderContext, settings: Settings) -> bytes:
    """Every flag with its explanation in the site's language and its numbers by name; the
    thresholds they were measured against; `as_of`: the moment the site last changed."""
    limits = ctx.flag_limits
    document = {
        "version": FLAGS_VERSION,
        "as_of": iso(ctx.site.changed_at, ctx.site.tz),
        "site_url": settings.site_url,
        "thresholds": {
            "legal_minimum_days": {category: dict(methods) for category, methods in limits.minimums.items()},
            "late_amendment_days": limits.late_amendment_days,
            "price_ceiling_percent": str(limits.price_ceiling_percent),
            "price_categories": sorted(limits.price_categories),
            "close_bids_percent": str(limits.close_bids_percent),
            "repeat_winner_count": limits.repeat_winner_count,
            "repeat_winner_days": limits.repeat_winner_days,
            "many_amendments": limits.many_amendments,
        },
        "count": len(ctx.flags),
        "flags": [_flag_record(ctx, flag) for flag in ctx.flags],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()


def _flag_record(ctx: RenderContext, flag: Flag) -> dict[str, object]:
    return {
        "flag": flag.flag,
        "project_code": flag.project_code,
        "notice_ids": list(flag.notice_ids),
        "region_code": flag.region_code,
        "category": flag.category,
        "explanation": flag.explanation.in_language(ctx.language),
        "values": flag.values(),
    }


def flags_csv(ctx: RenderContext) -> bytes:
    """The same flags as a table: UTF-8 with a byte-order mark and CRLF like the notices' CSV,
    the notice ids one per line of their cell, every cell guarded against formulas."""
    stream = io.StringIO()
    stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for flag in ctx.flags:
        writer.writerow([guarded(cell) for cell in (
            flag.flag, flag.project_code, CSV_LIST_SEPARATOR.join(flag.notice_ids), flag.region_code,
            flag.category or "", flag.explanation.in_language(ctx.language))])
    return stream.getvalue().encode("utf-8")


def cached_flag_files(ctx: RenderContext, settings: Settings, cache: OutputCache) -> dict[str, Source]:
    """data/flags.json and data/flags.csv through the output cache, keyed by the JSON (which
    holds everything the CSV does): unchanged flags are neither written nor made again."""
    document = flags_json(ctx, settings)
    source = document.decode()
    found: dict[str, Source] = {}
    for path in (FLAGS_JSON, FLAGS_CSV):
        key = cache.key(path, source)
        file = cache.get(key) or cache.put(key, document if path == FLAGS_JSON else flags_csv(ctx))
        found[path] = Source(file, owned=False)
    return found


# --- the 风险提示 page ------------------------------------------------------------------------------


def flags_page(ctx: RenderContext, files: dict[str, Source]) -> GeneratedPage:
    site = ctx.site
    groups = [FlagGroup(flag=flag, name=flag_name(ctx, flag),
                        definition=definition(flag, ctx.flag_limits).in_language(ctx.language),
                        items=[_item(ctx, f) for f in ctx.flags if f.flag == flag])
              for flag in FLAG_IDS]
    raised = {f.flag for f in ctx.flags}
    facts = FlagsFacts(
        as_of=site.changed_at.astimezone(site.tz).strftime("%Y-%m-%d %H:%M"),
        total=len(ctx.flags),
        groups=groups,
        flag_options=[FilterOption(code=g.flag, label=g.name) for g in groups if g.flag in raised],
        region_options=_region_options(site.roots(), {code for f in ctx.flags
                                                      for code in _region_codes(ctx, f)}),
        category_options=[FilterOption(code=code, label=ctx.label("category", code))
                          for code in _categories(ctx.flags)],
        files=[_file(path, files[path]) for path in (FLAGS_JSON, FLAGS_CSV)],
        rules_url=RULES_ANCHOR,
    )
    title = FLAGS_PAGE.words(ctx.language)["flags_title"]
    return GeneratedPage(FLAGS_PAGE_PATH, title, "flags.html", facts)


def _file(path: str, source: Source) -> FlagFile:
    size = os.stat(source.path).st_size  # a str or a Path (publish.StrPath)
    return FlagFile(path=path, format="JSON" if path.endswith(".json") else "CSV (UTF-8 BOM)",
                    size=show_size(size), bytes=size)


def _item(ctx: RenderContext, flag: Flag) -> FlagItem:
    project = ctx.site.projects.get(flag.project_code)
    region = ctx.site.regions.get(flag.region_code)
    return FlagItem(
        flag=flag.flag,
        project_code=flag.project_code,
        project_name=project.name if project is not None else flag.project_code,
        region_path=" › ".join(node.name for node in region.path()) if region else flag.region_code,
        regions=_region_codes(ctx, flag),
        category=flag.category,
        category_label=ctx.label("category", flag.category) if flag.category else None,
        explanation=flag.explanation.in_language(ctx.language),
        notices=[flag_notice_link(ctx, id_) for id_ in flag.notice_ids],
    )


def _region_codes(ctx: RenderContext, flag: Flag) -> list[str]:
    region = ctx.site.regions.get(flag.region_code)
    return [node.code for node in region.path()] if region else [flag.region_code]


def _region_options(nodes: Iterable[RegionNode], wanted: set[str], depth: int = 0) -> list[FilterOption]:
    """The regions some flag lies in, in tree order, indented by depth."""
    options: list[FilterOption] = []
    for node in nodes:
        if node.code in wanted:
            options.append(FilterOption(code=node.code, label="\u3000" * depth + node.name))
            options += _region_options(node.children, wanted, depth + 1)
    return options


def _categories(flags: Iterable[Flag]) -> list[str]:
    found = {f.category for f in flags if f.category}
    return [code for code in CATEGORIES if code in found]

