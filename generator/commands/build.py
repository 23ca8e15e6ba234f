"""`gongshi build`: validate, derive as of now, render, run the site engine, index, then swap
the finished site into the output folder. Until the swap, the previous output is untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..config import Settings, nav_pages
from ..dataset import Dataset
from ..derive import Site, derive_site
from ..engine import run_engine
from ..errors import BuildFailed, InvalidData, Problem, UsageError
from ..labels import labels_for
from ..pagecache import BodyCache, PageCache, engine_fingerprint, output_html, page_url
from ..render.format import body_fingerprint
from ..render.opendata import open_data_pages, write_open_data
from ..render.pages import GeneratedPage, RenderContext, render_pages
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

    def summary(self) -> str:
        return (
            f"built {self.out_dir}: {self.notices} public notice(s), {self.pages} generated page(s) "
            f"({self.engine_pages} rendered, {self.pages - min(self.pages, self.engine_pages)} reused) "
            f"in {self.seconds:.1f} s"
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
    dataset = load_valid(data_dir, settings, strict)
    watch.lap("validate")
    if now.tzinfo is None:
        now = now.replace(tzinfo=settings.tz)
    site = derive_site(dataset, now, settings.tz)
    watch.lap("derive")
    _check_output_folder(out_dir, data_dir, config_file)
    # --clean reads no cache but refills them all, so the next build is incremental again.
    bodies = BodyCache(cache_folder(out_dir) / "bodies.json", body_fingerprint(), fresh=clean)
    ctx = RenderContext(site, settings.language, dataset.files_dir(), settings.page_size,
                        body_cache=bodies)
    pages = render_pages(ctx)
    pages.append(search_page(ctx))
    pages += open_data_pages(ctx, settings)
    watch.lap("render")
    extra = _engine_extra(settings)
    cache = _page_cache(out_dir, config_file, extra, clean)
    with tempfile.TemporaryDirectory(prefix="gongshi-docs-") as staging:
        docs_dir = Path(staging) / "docs"
        plan = _plan_pages(pages, cache, nav_pages(config_file))
        _write_docs(docs_dir, config_file.parent / "content", plan.to_engine)
        new_site = _fresh_sibling(out_dir, "building")
        # The index needs only the pages' front matter: it runs alongside the engine.
        index = BackgroundIndex([page.meta for page in pages], _fresh_sibling(out_dir, "search"),
                                cache_folder(out_dir) / "search", fresh=clean)
        try:
            run_engine(config_file, docs_dir, new_site, extra=extra, now=now,
                       site_url=settings.site_url)
            _reuse_cached_pages(plan, cache, new_site)
            write_sitemap(new_site, settings.site_url, _sitemap_urls(docs_dir, plan))
            watch.lap("engine")
            _publish_files(ctx, new_site)
            _write_extras(site, ctx, settings, new_site)
            watch.lap("exports")
            index.finish(new_site)
            watch.lap("search")  # the wait for the index, once the rest is done
            (new_site / MARKER).write_text("gongshi build output; replaced whole by each build\n")
            _swap_into_place(new_site, out_dir)
        finally:
            index.discard()
            if new_site.exists():
                shutil.rmtree(new_site, ignore_errors=True)
    if cache is not None:
        cache.prune()
    if bodies is not None:
        bodies.save()
    return BuildReport(out_dir, len(site.notices), len(pages), dataset.warnings, watch.total(),
                       engine_pages=len(plan.to_engine), stage_seconds=watch.stages)


@dataclass
class PagePlan:
    """Which generated pages the engine renders now, and which come from the page cache."""

    to_engine: list[GeneratedPage] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)  # docs path → cache key
    reused: list[GeneratedPage] = field(default_factory=list)


def _page_cache(out_dir: Path, config_file: Path, extra: dict[str, object], clean: bool) -> PageCache:
    root = config_file.parent
    fingerprint = engine_fingerprint(config_file, extra, [root / "content", root / "theme"])
    return PageCache(cache_folder(out_dir) / "pages", fingerprint, fresh=clean)


def cache_folder(out_dir: Path) -> Path:
    """The page cache of an output folder: beside it, so it follows the output around."""
    return out_dir.parent / f".{out_dir.name}.gongshi-cache"


def _plan_pages(pages: list[GeneratedPage], cache: PageCache | None, nav: set[str]) -> PagePlan:
    plan = PagePlan()
    for page in pages:
        if cache is None or page.path in nav:
            plan.to_engine.append(page)
            continue
        key = cache.key(page.path, page.text())
        plan.keys[page.path] = key
        (plan.reused if cache.has(key) else plan.to_engine).append(page)
    return plan


def _reuse_cached_pages(plan: PagePlan, cache: PageCache | None, site_dir: Path) -> None:
    if cache is None:
        return
    for page in plan.to_engine:
        if page.path in plan.keys:
            cache.store(plan.keys[page.path], site_dir / output_html(page.path))
    for page in plan.reused:
        cache.place(plan.keys[page.path], site_dir / output_html(page.path))


def _sitemap_urls(docs_dir: Path, plan: PagePlan) -> list[str]:
    """Every page of the site: what the engine rendered plus what came from the cache."""
    rendered = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")]
    return sorted(page_url(path) for path in [*rendered, *(p.path for p in plan.reused)])


def load_valid(data_dir: Path, settings: Settings, strict: bool) -> Dataset:
    """The dataset, or InvalidData with every blocking problem."""
    dataset = validate(data_dir, settings)
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
    for published in ctx.published_files.values():
        target = site_dir / published.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(published.source, target)


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


def _swap_into_place(new_site: Path, out_dir: Path) -> None:
    """Rename the finished site into place; the old one is removed only afterwards."""
    if not out_dir.exists():
        new_site.rename(out_dir)
        return
    old = _fresh_sibling(out_dir, "previous")
    out_dir.rename(old)
    try:
        new_site.rename(out_dir)
    except OSError:
        old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
