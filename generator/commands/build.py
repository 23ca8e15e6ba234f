"""`gongshi build`: validate, derive as of now, render, run the site engine, index, then swap
the finished site into the output folder. Until the swap, the previous output is untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..config import Settings, nav_pages
from ..dataset import Dataset
from ..derive import Site, derive_site
from ..engine import engine_session, run_engine
from ..errors import BuildFailed, InvalidData, Problem, UsageError
from ..labels import labels_for
from ..pagecache import BodyCache, PageCache, engine_fingerprint, output_html, page_url
from ..parsecache import ParseCache
from ..render.format import body_fingerprint
from ..render.opendata import open_data_pages, write_open_data
from ..render.pages import GeneratedPage, RenderContext, notice_page, render_pages
from ..render.search_page import search_page
from ..render.sitemap import write_sitemap
from ..search import BackgroundIndex
from .validate import blocking, validate

MARKER = ".gongshi-build"


@dataclass
class BuildReport:
    out_dir: Path
    notices: int
    pages: int
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    engine_pages: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    live_seconds: float = 0.0  # until the new site was swapped in; the old one is removed after

    def summary(self) -> str:
        return (
            f"built {self.out_dir}: {self.notices} public notice(s), {self.pages} generated page(s) "
            f"({self.engine_pages} rendered, {self.pages - min(self.pages, self.engine_pages)} reused) "
            f"in {self.seconds:.1f} s (live after {self.live_seconds:.1f} s)"
        )


class _Stopwatch:
    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.last = self.started
        self.stages: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = now - self.last
        self.last = now

    def carve(self, stage: str, part: str, seconds: float) -> None:
        """Count `seconds` of `stage` as `part` instead, listed just before it."""
        self.stages = {
            **{k: v for k, v in self.stages.items() if k != stage},
            part: seconds, stage: self.stages[stage] - seconds,
        }

    def total(self) -> float:
        return time.perf_counter() - self.started


def build(
    data_dir: Path,
    out_dir: Path,
    settings: Settings,
    *,
    now: datetime,
    strict: bool = False,
    config_file: Path = Path("mkdocs.yml"),
    clean: bool = False,
) -> BuildReport:
    watch = _Stopwatch()
    parsed = ParseCache(cache_folder(out_dir) / "parsed", fresh=clean)
    dataset = load_valid(data_dir, settings, strict, parsed)
    watch.lap("validate")
    if now.tzinfo is None:
        now = now.replace(tzinfo=settings.tz)
    site = derive_site(dataset, now, settings.tz)
    watch.lap("derive")
    _check_output_folder(out_dir, data_dir, config_file)
    parsed.save()
    # --clean reads no cache but refills them all, so the next build is incremental again.
    bodies = BodyCache(cache_folder(out_dir) / "bodies.json", body_fingerprint(), fresh=clean)
    ctx = RenderContext(site, settings.language, dataset.files_dir(), settings.page_size,
                        body_cache=bodies)
    extra = _engine_extra(settings)
    cache = _page_cache(out_dir, config_file, extra, clean)
    with tempfile.TemporaryDirectory(prefix="gongshi-docs-") as staging:
        new_site = _fresh_sibling(out_dir, "building")
        # The index needs only the notice pages' front matter: it runs alongside the engine, in
        # a forked process that makes the front matter itself (the generator runs there).
        index = BackgroundIndex((notice_page(ctx, pn).meta for pn in site.notices),
                                _fresh_sibling(out_dir, "search"), cache_folder(out_dir) / "search",
                                fresh=clean)
        try:
            def engine(docs_dir: Path, dirty: bool) -> None:
                run_engine(config_file, docs_dir, new_site, extra=extra, now=now,
                           site_url=settings.site_url, dirty=dirty)

            stage = EngineStage(Path(staging) / "docs", new_site, cache, nav_pages(config_file),
                                engine)
            pages = _Timed(_generated_pages(ctx, settings))
            with engine_session(cache_folder(out_dir) / "templates"):
                stage.run(config_file.parent / "content", pages)
            write_sitemap(new_site, settings.site_url, stage.urls())
            watch.lap("engine")
            watch.carve("engine", "render", pages.seconds)  # pages are made as the engine asks
            _publish_files(ctx, new_site)
            _write_extras(site, ctx, settings, new_site)
            watch.lap("exports")
            index.finish(new_site)
            watch.lap("search")  # the wait for the index, once the rest is done
            (new_site / MARKER).write_text("gongshi build output; replaced whole by each build\n")
            previous = _swap_into_place(new_site, out_dir)
            watch.lap("swap")
            live = watch.total()  # readers see the new site from here
        finally:
            index.discard()
            if new_site.exists():
                shutil.rmtree(new_site, ignore_errors=True)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)
    cache.prune()
    bodies.save()
    watch.lap("cleanup")
    return BuildReport(out_dir, len(site.notices), stage.pages, dataset.warnings, watch.total(),
                       engine_pages=stage.rendered, stage_seconds=watch.stages,
                       live_seconds=live)


def _generated_pages(ctx: RenderContext, settings: Settings) -> Iterator[GeneratedPage]:
    """Every generated page, made one at a time: the service pages first, then the site's."""
    yield search_page(ctx)
    yield from open_data_pages(ctx, settings)
    yield from render_pages(ctx)


class _Timed:
    """An iterator that keeps the time spent making its items."""

    def __init__(self, items: Iterable[GeneratedPage]) -> None:
        self.items = iter(items)
        self.seconds = 0.0

    def __iter__(self) -> Iterator[GeneratedPage]:
        return self

    def __next__(self) -> GeneratedPage:
        started = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - started


ENGINE_BATCH = 2000  # generated pages per engine run: the engine holds a run's pages in memory


class EngineStage:
    """Generated pages through the engine in batches, each page's HTML from the page cache
    when its Markdown, path and the engine's inputs are unchanged.

    The first engine run builds the hand-written content, the nav pages and the theme's files
    with the first batch; each later run sees the same docs folder with the next batch in place
    of the previous one, as a "dirty" build, so it renders only the new batch (the rest is
    older than its output). Every page shows the same nav, from mkdocs.yml and content/, so
    the HTML is what one run over all pages would give. Only paths and keys are kept.

    When no page needs the engine (nav pages included), the engine does not run: the files of
    its first run besides generated pages (theme files, content pages) come from the cache."""

    def __init__(self, docs_dir: Path, site_dir: Path, cache: PageCache, nav: set[str],
                 engine: Callable[[Path, bool], None]) -> None:
        self.docs_dir = docs_dir
        self.site_dir = site_dir
        self.cache = cache
        self.nav = nav
        self.engine = engine
        self.batch: list[tuple[str, str]] = []  # (docs path, cache key) waiting for the engine
        self.reused: list[tuple[str, str]] = []
        self.nav_pages: list[tuple[str, str]] = []  # in the docs folder for every run
        self.content: list[str] = []
        self.missing_nav: set[str] = set()
        self.paths: list[str] = []
        self.runs = 0
        self.rendered = 0

    @property
    def pages(self) -> int:
        return len(self.paths)

    def run(self, content_dir: Path, pages: Iterable[GeneratedPage]) -> None:
        if content_dir.is_dir():
            shutil.copytree(content_dir, self.docs_dir)
        else:
            self.docs_dir.mkdir(parents=True)
        self.content = sorted(p.relative_to(self.docs_dir).as_posix()
                              for p in self.docs_dir.rglob("*.md"))
        self.missing_nav = self.nav - set(self.content)  # generated nav pages, needed by run 1
        for page in pages:
            self.add(page)
            if len(self.batch) >= ENGINE_BATCH and not self.missing_nav:
                self.flush()
        if self.batch or (self.runs == 0 and not self._all_cached()):
            self.flush()
        elif self.runs == 0:
            self.cache.place_base(self.site_dir)
            self.reused += self.nav_pages
        for path, key in self.reused:
            self.cache.place(key, self.site_dir / output_html(path))

    def _all_cached(self) -> bool:
        return self.cache.has_base() and all(self.cache.has(key) for _, key in self.nav_pages)

    def add(self, page: GeneratedPage) -> None:
        self.paths.append(page.path)
        text = page.text()
        key = self.cache.key(page.path, text)
        nav = page.path in self.nav
        if not nav and self.cache.has(key):
            self.reused.append((page.path, key))
            return
        target = self.docs_dir / page.path
        if target.exists():
            raise BuildFailed(f"content/{page.path} clashes with a generated page: rename it")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if nav:
            self.nav_pages.append((page.path, key))
            self.missing_nav.discard(page.path)
        else:
            self.batch.append((page.path, key))

    def flush(self) -> None:
        """One engine run over the waiting pages; their Markdown leaves the docs folder after,
        except nav pages, which later (dirty) runs need but skip as unchanged."""
        first = self.runs == 0
        self.engine(self.docs_dir, not first)
        self.runs += 1
        done = self.batch + self.nav_pages if first else self.batch
        for path, key in done:
            self.cache.store(key, self.site_dir / output_html(path))
        if first:
            self.cache.store_base(self.site_dir, {output_html(path) for path, _ in done})
        for path, _ in self.batch:
            (self.docs_dir / path).unlink()
        self.rendered += len(done)
        self.batch = []

    def urls(self) -> list[str]:
        """Every page of the site: hand-written, rendered now or taken from the cache."""
        return sorted(page_url(path) for path in [*self.content, *self.paths])


def _page_cache(out_dir: Path, config_file: Path, extra: dict[str, object], clean: bool) -> PageCache:
    root = config_file.parent
    fingerprint = engine_fingerprint(config_file, extra, [root / "content", root / "theme"])
    return PageCache(cache_folder(out_dir) / "pages", fingerprint, fresh=clean)


def cache_folder(out_dir: Path) -> Path:
    """The page cache of an output folder: beside it, so it follows the output around."""
    return out_dir.parent / f".{out_dir.name}.gongshi-cache"


def load_valid(data_dir: Path, settings: Settings, strict: bool,
               parsed: ParseCache | None = None) -> Dataset:
    """The dataset, or InvalidData with every blocking problem."""
    dataset = validate(data_dir, settings, parsed)
    stopping = blocking(dataset.problems, strict)
    if stopping:
        raise InvalidData(stopping)
    return dataset


def _engine_extra(settings: Settings) -> dict[str, object]:
    return {
        "labels": labels_for(settings.language, settings.labels),
        "gongshi_language": settings.language,
        "gongshi_site_url": settings.site_url,
    }


def _write_docs(docs_dir: Path, content_dir: Path, pages: list[GeneratedPage]) -> None:
    if content_dir.is_dir():
        shutil.copytree(content_dir, docs_dir)
    else:
        docs_dir.mkdir(parents=True)
    for page in pages:
        target = docs_dir / page.path
        if target.exists():
            raise BuildFailed(f"content/{page.path} clashes with a generated page: rename it")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text(), encoding="utf-8")


def _publish_files(ctx: RenderContext, site_dir: Path) -> None:
    """Attachments of public notices only: an embargoed notice's files must not leak."""
    for relative in ctx.published_files:
        ctx.publish_attachment(relative, site_dir)


def _write_extras(site: Site, ctx: RenderContext, settings: Settings, site_dir: Path) -> None:
    """Feeds, exports and the search index are written by their own modules."""
    write_open_data(site, ctx, settings, site_dir)  # feeds, OPML, calendars, data/


def _check_output_folder(out_dir: Path, data_dir: Path, config_file: Path) -> None:
    out = out_dir.resolve()
    protected = {data_dir.resolve(), config_file.resolve().parent, Path.home().resolve(), Path("/")}
    if out in protected or any(p.is_relative_to(out) for p in protected if p != Path("/")):
        raise UsageError(f"refusing to build into {out_dir}: it holds the data or the project")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out_dir} is a file: choose a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UsageError(
            f"--out {out_dir} is a folder gongshi did not build: choose an empty or new folder"
        )


def _fresh_sibling(out_dir: Path, purpose: str) -> Path:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return out_dir.parent / f".{out_dir.name}.{purpose}-{os.getpid()}"


def _swap_into_place(new_site: Path, out_dir: Path) -> Path | None:
    """Rename the finished site into place; returns where the old one went, for the caller to
    remove once the new one is live."""
    if not out_dir.exists():
        new_site.rename(out_dir)
        return None
    old = _fresh_sibling(out_dir, "previous")
    out_dir.rename(old)
    try:
        new_site.rename(out_dir)
    except OSError:
        old.rename(out_dir)
        raise
    return old
