"""The statistics pages (stats/ for the whole site, stats/region/<code>/ for every other region
node), the performance table (stats/performance/), and their files: each chart's SVG,
data/stats.csv and data/performance.csv.

The figures come from generator/statistics.py. Pages go through the page cache like every
generated page (their facts hold every number, so a page is rendered again only when one of
its numbers changed); charts and the CSVs go through the output cache keyed by what they
show, so a rebuild draws only the charts whose numbers changed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..derive import RegionNode
from ..listings import region_feed
from ..pagecache import OutputCache
from ..publish import Source
from ..statistics import (
    CANDIDATE_COUNTS,
    CATEGORIES,
    FAMILIES,
    INDICATORS,
    METHODS,
    SANCTIONS,
    RegionFigures,
    Statistics,
    Tally,
    month_rows,
    rows_of,
    whole_code,
)
from ..words import STATISTICS
from .charts import WIDTH, ChartSpec, render_chart
from .facts import (
    ChartFacts,
    FeedLinks,
    IndicatorFacts,
    PerformanceCell,
    PerformanceFacts,
    PerformanceRow,
    RegionLink,
    StatsFacts,
    StatsRow,
    StatsTable,
)
from .pages import GeneratedPage, RenderContext

STATS_CSV = "data/stats.csv"
PERFORMANCE_CSV = "data/performance.csv"
STATS_PAGE = "stats/index.md"
PERFORMANCE_PAGE = "stats/performance/index.md"
CSV_MARK = "\ufeff"  # UTF-8 with a byte-order mark, like the other CSVs: Excel reads Chinese

# Indicators shown as money, as a share, as days or a mean (else a count).
_MONEY = {"budget.sum", "awarded.sum"}
_SHARE = {"tenders.amended.share"}


def stats_base(code: str, whole: str) -> str:
    """The folder of a region's statistics page below the site root."""
    return "stats/" if code == whole else f"stats/region/{code}/"


@dataclass
class StatisticsOutput:
    """Every page and file of the statistics, made once per build."""

    pages: list[GeneratedPage] = field(default_factory=list)
    files: dict[str, Source] = field(default_factory=dict)


def statistics_output(ctx: RenderContext, statistics: Statistics, cache: OutputCache) -> StatisticsOutput:
    made = StatisticsOutput()
    pages = StatsPages(ctx, statistics, cache, made.files)
    made.pages = list(pages.all())
    made.files[STATS_CSV] = _cached(cache, STATS_CSV, stats_csv(statistics))
    made.files[PERFORMANCE_CSV] = _cached(cache, PERFORMANCE_CSV, performance_csv(statistics))
    return made


def _cached(cache: OutputCache, path: str, content: bytes) -> Source:
    """A small file made whole at every build: kept in the output cache under its bytes, so an
    unchanged one keeps its identity in the output tree."""
    key = cache.key(path, content.hex())
    return Source(cache.get(key) or cache.put(key, content), owned=False)


# --- the CSVs -------------------------------------------------------------------------------------


def plain(value: Decimal) -> str:
    """A number as data/stats.csv writes it: no exponent, no thousands separator."""
    return format(value, "f")


def _csv(rows: list[list[str]]) -> bytes:
    stream = io.StringIO()
    stream.write(CSV_MARK)
    csv.writer(stream, lineterminator="\r\n").writerows(rows)
    return stream.getvalue().encode()


def stats_csv(statistics: Statistics) -> bytes:
    rows = [["region_code", "period", "metric", "value"]]
    rows += [[code, period, metric, plain(value)] for code, period, metric, value in rows_of(statistics)]
    return _csv(rows)


def performance_csv(statistics: Statistics) -> bytes:
    rows = [["region_code", "region_name", "level", "city_code", "period", *INDICATORS]]
    for node, group in performance_nodes(statistics):
        metrics = statistics.regions[node.code].window.metrics()
        rows.append([node.code, node.name, "city" if group == node.code else "county", group,
                     statistics.window.key,
                     *(plain(metrics[key]) if key in metrics else "" for key in INDICATORS)])
    return _csv(rows)


def performance_nodes(statistics: Statistics) -> Iterator[tuple[RegionNode, str]]:
    """The performance table's regions in its order: each city (every region right below a
    root: prefecture-level cities and the province's own county-level cities) followed by its
    counties, by code; with the city's code."""
    for root in statistics.site.roots():
        for city in root.children:
            yield city, city.code
            for county in city.children:
                yield county, city.code


# --- the pages ------------------------------------------------------------------------------------


class StatsPages:
    def __init__(self, ctx: RenderContext, statistics: Statistics, cache: OutputCache,
                 files: dict[str, Source]) -> None:
        self.ctx = ctx
        self.statistics = statistics
        self.cache = cache
        self.files = files
        self.words = STATISTICS.words(ctx.language)
        self.whole = whole_code(statistics.site)
        site = statistics.site
        self.as_of = site.changed_at.astimezone(site.tz).strftime("%Y-%m-%d %H:%M")

    def all(self) -> Iterator[GeneratedPage]:
        yield self.region_page(None, self.statistics.whole)
        for code in sorted(self.statistics.regions):
            if code != self.whole:
                figures = self.statistics.regions[code]
                yield self.region_page(figures.node, figures)
        yield self.performance_page()

    # a region's page

    def region_page(self, node: RegionNode | None, figures: RegionFigures) -> GeneratedPage:
        code = node.code if node is not None else self.whole
        base = stats_base(code, self.whole)
        tally = figures.every
        above = node.path()[:-1] if node is not None else []
        below = node.children if node is not None else self.statistics.site.roots()
        if node is None and len(below) == 1:
            below = below[0].children  # the province's page lists its cities
        facts = StatsFacts(
            feeds=_feeds(region_feed(code) if node is not None else "all"),
            region_code=code,
            region_path=[self._stats_link(n) for n in above],
            as_of=self.as_of if node is None else None,
            zone=self.statistics.site.tz.key,
            summary=self._summary(tally),
            tables=[table for table in self._tables(base, tally) if table is not None],
            subregions=[self._stats_link(n) for n in below],
            csv="data/stats.csv",
            performance="stats/performance/",
        )
        title = self.words["stats"] if node is None else self.words["stats_of"].format(region=node.name)
        return GeneratedPage(f"{base}index.md", title, "stats.html", facts,
                             hide=("navigation", "toc"),
                             title_data=node.name if node is not None else None)

    def _stats_link(self, node: RegionNode) -> RegionLink:
        return RegionLink(code=node.code, name=node.name, url=stats_base(node.code, self.whole))

    def _summary(self, tally: Tally) -> list[StatsRow]:
        metrics = tally.metrics()
        return [StatsRow(key=key, label=self.words[_indicator_word(key)],
                         cells=[self.shown(key, metrics.get(key))]) for key in INDICATORS]

    def shown(self, key: str, value: Decimal | None) -> str:
        """An indicator's value as the pages show it."""
        if value is None:
            return "—"
        if key in _MONEY:
            return self.ctx.short_money(value)
        if key in _SHARE:
            return f"{value * 100:.1f}%"
        return plain(value)

    def _tables(self, base: str, tally: Tally) -> Iterator[StatsTable | None]:
        words, label = self.words, self.ctx.label
        # the last 12 months: a chart of every month since the first notice would cost its
        # drawing time at every region (data/stats.csv has every month)
        months = month_rows(tally, self.statistics.window.months)
        yield self._table(base, "months", words["stats_table_months"],
                          [words["stats_month"], *(label("family", f) for f in FAMILIES), words["stats_total"]],
                          [(month, month, [counts[f] for f in FAMILIES]) for month, counts in months],
                          series=[label("family", f) for f in FAMILIES], total=True, horizontal=False)
        yield self._counts(base, "categories", words["stats_table_categories"], words["stats_category"],
                           [(c, label("category", c), tally.categories[c]) for c in CATEGORIES])
        yield self._counts(base, "methods", words["stats_table_methods"], words["stats_method"],
                           [(m, label("method", m), tally.methods[m]) for m in METHODS])
        metrics = tally.metrics()
        periods = [(m, label("method", m), [metrics[f"submission_days.median.{m}"]])
                   for m in METHODS if f"submission_days.median.{m}" in metrics]
        yield self._table(base, "periods", words["stats_table_periods"],
                          [words["stats_method"], words["stats_median_days"]], periods,
                          series=[words["stats_median_days"]])
        candidates = [(key, self._candidates_label(key), metrics[f"candidates.publicities.{key}"])
                      for key in CANDIDATE_COUNTS]
        yield self._counts(base, "candidates", words["stats_table_candidates"],
                           words["stats_candidates_n"], candidates, keep_zeros=True,
                           column=words["stats_publicities"], chart=False)
        yield self._counts(base, "penalties", words["stats_table_penalties"], words["stats_kind"],
                           [(k, label("sanction", k), tally.sanctions[k]) for k in SANCTIONS])

    def _candidates_label(self, key: str) -> str:
        if key.endswith("+"):
            return self.words["stats_five_or_more"]
        return self.words["stats_candidates_count"].format(n=key)

    def _counts(self, base: str, name: str, caption: str, first: str,
                rows: Sequence[tuple[str, str, int | Decimal]], *, keep_zeros: bool = False,
                column: str | None = None, chart: bool = True) -> StatsTable | None:
        kept = [(key, shown, [Decimal(n)]) for key, shown, n in rows if n or keep_zeros]
        if keep_zeros and not any(n for _, _, n in rows):
            kept = []
        heading = column or self.words["stats_count"]
        return self._table(base, name, caption, [first, heading], kept, series=[heading],
                           chart=chart)

    def _table(self, base: str, name: str, caption: str, columns: list[str],
               rows: Sequence[tuple[str, str, Sequence[int | Decimal]]], *, series: list[str],
               total: bool = False, horizontal: bool = True, chart: bool = True) -> StatsTable:
        numbers = [[Decimal(v) for v in values] for _, _, values in rows]
        if total and not any(sum(values) for values in numbers):
            rows, numbers = [], []
        shown = [[plain(v) for v in values] for values in numbers]
        table_rows = [StatsRow(key=key, label=label,
                               cells=[*cells, plain(sum(values, Decimal(0)))] if total else cells)
                      for (key, label, _), cells, values in zip(rows, shown, numbers, strict=True)]
        drawn = None
        if rows and chart:
            spec = ChartSpec(
                title=caption, labels=[label for _, label, _ in rows],
                series=[(name_, [float(values[i]) for values in numbers]) for i, name_ in enumerate(series)],
                shown=[[cells[i] for cells in shown] for i in range(len(series))],
                horizontal=horizontal, stacked=len(series) > 1)
            drawn = self._chart(f"{base}{name}.svg", spec)
        return StatsTable(id=f"gs-stats-{name}", caption=caption, columns=columns, rows=table_rows,
                          chart=drawn)

    def _chart(self, path: str, spec: ChartSpec) -> ChartFacts:
        key = self.cache.key(path, spec.key())
        file = self.cache.get(key) or self.cache.put(key, render_chart(spec))
        self.files[path] = Source(file, owned=False)
        alt = self.words["stats_chart_alt"].format(title=spec.title)
        return ChartFacts(src=path, alt=alt, width=WIDTH, height=spec.height)

    # the performance table

    def performance_page(self) -> GeneratedPage:
        statistics = self.statistics
        window = statistics.window
        indicators = [IndicatorFacts(key=key, label=self.words[_indicator_word(key)],
                                     definition=self.words[f"{_indicator_word(key)}_def"])
                      for key in INDICATORS]
        rows = [self._performance_row(node, group) for node, group in performance_nodes(statistics)]
        facts = PerformanceFacts(
            feeds=_feeds("all"),
            as_of=self.as_of,
            period=self.words["stats_period"].format(first=window.first.isoformat(),
                                                     last=window.last.isoformat()),
            period_key=window.key,
            indicators=indicators,
            rows=rows,
            csv=PERFORMANCE_CSV,
            stats="stats/",
        )
        return GeneratedPage(PERFORMANCE_PAGE, self.words["stats_performance"], "performance.html",
                             facts, hide=("navigation", "toc"))

    def _performance_row(self, node: RegionNode, group: str) -> PerformanceRow:
        metrics = self.statistics.regions[node.code].window.metrics()
        level: Literal["city", "county"] = "city" if group == node.code else "county"
        return PerformanceRow(
            code=node.code, name=node.name, url=stats_base(node.code, self.whole), level=level,
            group=group,
            cells=[PerformanceCell(display=self.shown(key, metrics.get(key)),
                                   value=plain(metrics[key]) if key in metrics else "")
                   for key in INDICATORS])


def _indicator_word(key: str) -> str:
    """The catalogue key of an indicator's name (its definition: the same with `_def`)."""
    return _INDICATOR_WORDS[key]


_INDICATOR_WORDS: Mapping[str, str] = {
    "notices": "stats_notices", "tenders": "stats_tenders", "budget.sum": "stats_budget_sum",
    "awarded.sum": "stats_awarded_sum", "submission_days.median": "stats_submission_days",
    "candidates.mean": "stats_candidates_mean", "tenders.amended.share": "stats_amended_share",
    "award_days.median": "stats_award_days", "penalties": "stats_penalties",
}


def _feeds(name: str) -> FeedLinks:
    return FeedLinks(rss=f"feeds/{name}.xml", atom=f"feeds/{name}.atom", page=f"feeds/{name}/")
