"""`gongshi build`: validate, derive as of now, render, run the site engine, index, then bring
the idle output tree up to date and switch the output to it (generator/publish.py). Until the
switch, what readers see is untouched. A build whose inputs and span of time are those of the
last complete build only refreshes build.json (generator/buildstate.py)."""

from __future__ import annotations

import functools
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import tlog
from ..attachments import check_remote as checked_remote
from ..buildstate import (
    HASHES_FILE,
    STATE_FILE,
    BuildState,
    DataScan,
    HashMemo,
    KnownHashes,
    file_identity,
    forget_state,
    is_still,
    read_state,
    same_data,
    scan_data,
    setup_fingerprint,
    write_state,
)
from ..cachefile import write_bytes
from ..config import Settings, nav_pages
from ..dataset import Dataset
from ..derive import PublicNotice, derive_site
from ..engine import EngineRun, is_translation, run_engine
from ..errors import BuildFailed, InvalidData, Problem
from ..faults import fault_point
from ..flags import Thresholds, find_flags
from ..gcpause import kept_to_the_end, settling
from ..ledger.canonical import FormHashes
from ..ledger.site import SiteLedger, follow_ledger
from ..ledger.store import VERSIONS_FOLDER, KnownSha256, load_ledger
from ..ledger.store import record as record_ledger
from ..organisations import organisation_index
from ..pagecache import (
    BodyCache,
    OutputCache,
    PageCache,
    engine_fingerprint,
    output_fingerprint,
    output_html,
    page_url,
)
from ..parsecache import ParseCache
from ..progress import SILENT, Progress, tracked
from ..publish import (
    MARKER,
    OutputPaths,
    Source,
    SyncReport,
    bring_up_to_date,
    check_output,
    clear_leftovers,
    exclusive,
    idle_tree,
    live_tree,
    read_manifest,
    staged_files,
    switch,
    write_manifest,
)
from ..render.flagpage import cached_flag_files, flags_page
from ..render.format import body_fingerprint
from ..render.frames import Filling, Fragments, Framing, check_frame, fill, links_alike, nav_folders
from ..render.freshness import BUILD_INFO, build_info_at
from ..render.opendata import (
    Exports,
    cached_exports,
    cached_outputs,
    open_data_pages,
    write_open_data,
)
from ..render.organisations import organisation_pages
from ..render.pages import (
    GeneratedPage,
    KnownPage,
    KnownProducts,
    RenderContext,
    notice_path,
    render_pages,
)
from ..render.removals import removals_page
from ..render.search_page import search_page
from ..render.sitemap import write_sitemap
from ..render.statistics import StatisticsOutput, statistics_output
from ..render.versions import cached_proofs, ledger_files
from ..search import INDEX_DIR, BackgroundIndex, kept_record, notice_records, organisation_records, record_row
from ..statistics import site_statistics
from ..store import Affected, Products, keep, notice_keys, previous
from ..words import COMMANDS, LEDGER, Message, labels_for
from .validate import blocking, validate

FORM_HASHES_FILE = "form-hashes.json"  # in the cache folder: ledger/canonical.FormHashes


@dataclass
class BuildReport:
    out_dir: Path
    notices: int
    pages: int
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    engine_pages: int = 0  # rendered by the engine
    framed_pages: int = 0  # made from a frame (render/frames.py)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    live_seconds: float = 0.0  # until the output was switched to the new site
    files_written: int = 0  # into the tree now live: only files whose bytes changed
    files_deleted: int = 0
    drafts: dict[str, datetime] = field(default_factory=dict)  # shown by serve only: id → goes public
    changed_at: datetime | None = None  # the site is that of every moment from changed_at
    changes_next: datetime | None = None  # until this one, when the clock alone changes it
    unchanged: bool = False  # nothing to build: only build.json was written
    affected: Affected | None = None  # the notices whose outputs' inputs changed (store.py)
    ledger: list[Message] = field(default_factory=list)  # what --record did (said on stderr)

    @property
    def made(self) -> int:
        """Pages made by this build, by the engine or from a frame; the others came from the cache."""
        return self.engine_pages + self.framed_pages

    def summary(self) -> Message:
        if self.unchanged:
            return COMMANDS.message(
                "build_unchanged", out=str(self.out_dir), notices=self.notices,
                until=self.changes_next.strftime("%Y-%m-%d %H:%M") if self.changes_next else "",
                seconds=f"{self.seconds:.1f}")
        return COMMANDS.message(
            "build_summary", out=str(self.out_dir), notices=self.notices, pages=self.pages,
            rendered=self.made, reused=self.pages - min(self.pages, self.made),
            seconds=f"{self.seconds:.1f}", live_seconds=f"{self.live_seconds:.1f}",
            written=self.files_written, deleted=self.files_deleted)


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
        """Count `seconds` of `stage` as `part` instead (added to what `part` has), listed
        before it."""
        self.stages = {
            **{k: v for k, v in self.stages.items() if k != stage},
            part: self.stages.get(part, 0.0) + seconds, stage: self.stages[stage] - seconds,
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
    drafts_after: datetime | None = None,
    progress: Progress = SILENT,
    check_remote: bool = False,
    record: bool = False,
    log_key: Path | None = None,
) -> BuildReport:
    """`drafts_after`: serve's preview, never a real build. Every notice is shown, embargoed or
    not; those published after this moment are drafts, listed in the report. `progress` counts
    each stage's units as they are done (generator/progress.py). `check_remote`: download each
    remote attachment not yet checked and refuse one that differs from its declaration
    (generator/attachments.py). `record`: append to the data folder's ledger what became
    public, was removed, expired or redacted by `now` (generator/ledger/), signing its
    checkpoint with the key in the file `log_key` (None: unsigned); the only build that writes
    the data folder."""
    watch = _Stopwatch()
    paths = OutputPaths.of(out_dir)
    config_file = config_file.absolute()  # the engine reads paths relative to it
    check_output(paths, data_dir, config_file.parent)
    if now.tzinfo is None:
        now = now.replace(tzinfo=settings.tz)
    signer = _signer(log_key) if record else None
    with exclusive(paths):
        clear_leftovers(paths)
        setup = build_setup(config_file, data_dir, settings, strict=strict, check_remote=check_remote,
                            record=record)
        state_file = paths.cache / STATE_FILE
        if not clean and drafts_after is None:
            kept = _unchanged(paths, data_dir, settings, now, setup, watch)
            if kept is not None:
                return kept
        forget_state(state_file)
        try:  # before the build reads the data: an edit meanwhile makes the next one run whole
            scan = scan_data(data_dir) if drafts_after is None else None
        except OSError:
            scan = None  # the build itself reports the folder it cannot read
        digests = _DataDigests(scan, HashMemo(paths.cache / HASHES_FILE, fresh=clean))
        try:
            with settling():
                report = _build_locked(data_dir, paths, settings, now=now, strict=strict,
                                       config_file=config_file, clean=clean, watch=watch,
                                       drafts_after=drafts_after, progress=progress,
                                       check_remote=check_remote,
                                       recording=_Recording(signer) if record else None,
                                       digests=digests, setup=setup)
        except OSError as exc:
            if exc.filename is None and exc.errno is not None:  # a write of an open file
                raise OSError(exc.errno, exc.strerror, str(paths.out.parent)) from exc
            raise
        tree = live_tree(paths)
        if (digests.bytes and tree is not None and not report.warnings
                and report.changed_at is not None and report.changes_next is not None):
            write_state(state_file, BuildState(
                setup=setup, data_stats=digests.stats, data_bytes=digests.bytes, tree=tree,
                manifest=file_identity(paths.manifest(tree)),
                changed_at=report.changed_at, changes_next=report.changes_next,
                notices=report.notices, pages=report.pages))
        return report


def build_setup(config_file: Path, data_dir: Path, settings: Settings, *, strict: bool,
                check_remote: bool = False, record: bool = False) -> str:
    """Everything a build depends on but the data and the clock (buildstate.py). A recording
    build's state holds only for another recording: a build that only read the ledger may have
    left versions not yet recorded, which a recording in the same span must append. (A
    recording that appended changed the data folder: the next build is a whole one.)"""
    options: dict[str, object] = {"data": str(data_dir.absolute()), "strict": strict,
                                  "check_remote": check_remote,
                                  "settings": settings.model_dump(mode="json")}
    if record:
        options["record"] = True  # absent otherwise: the fingerprint of earlier states holds
    return setup_fingerprint(config_file, options)


def _unchanged(paths: OutputPaths, data_dir: Path, settings: Settings, now: datetime,
               setup: str, watch: _Stopwatch) -> BuildReport | None:
    """When the last complete build's inputs are unchanged, `now` lies in the span its site
    holds for and its tree is still the live one, the live tree is that site: refresh its
    build.json (one atomic rename) and say so; else None. A build that had warnings is always
    run again, so that they are said again."""
    state = read_state(paths.cache / STATE_FILE)
    tree = live_tree(paths)
    if state is None or tree is None:
        return None
    live = paths.tree(tree)
    manifest = file_identity(paths.manifest(tree))
    if not state.holds(setup, now, tree, manifest) or not (live / MARKER).is_file():
        return None
    try:
        same = same_data(state, data_dir, paths.cache / HASHES_FILE)
    except OSError:
        return None  # the build that follows reports the folder it cannot read
    if same is None:
        return None
    write_bytes(live / BUILD_INFO, build_info_at(now, settings.tz, settings.stale_after_hours),
                durable=True)
    if same is not state:
        write_state(paths.cache / STATE_FILE, same)
    watch.lap("check")
    seconds = watch.total()
    return BuildReport(paths.out, same.notices, same.pages, seconds=seconds,
                       stage_seconds=watch.stages, live_seconds=seconds, files_written=1,
                       changed_at=same.changed_at, changes_next=same.changes_next,
                       unchanged=True)


@dataclass
class _DataDigests:
    """The data folder's two digests for the next build's check (buildstate.py): of its names
    and stats, taken before the build reads it; of its names and bytes, made from the hashes of
    what the build read (no second read of the folder)."""

    scan: DataScan | None
    memo: HashMemo
    bytes: str = ""
    versions: KnownHashes | None = None  # the ledger's version files', for its check

    @property
    def stats(self) -> str:
        return self.scan.stats if self.scan is not None else ""

    def take(self, data_dir: Path, parsed: ParseCache) -> None:
        """Once the notice files are read (their hashes are the parse cache's)."""
        if self.scan is not None:
            self.bytes = self.scan.bytes_digest(data_dir, self.memo, parsed.read_hashes(data_dir))
            self.versions = self.memo.known_under(data_dir, VERSIONS_FOLDER)
            if self.bytes:  # else a file changed under the build: the kept hashes stay as they are
                self.memo.save()
            self.scan = DataScan(self.scan.stats, {})  # the identities are no longer needed

    def versions_known(self) -> KnownSha256 | None:
        """For the ledger's check, once: the version files' hashes (let go of here)."""
        known, self.versions = self.versions, None
        return known.sha256 if known is not None else None


def _files_unchanged(digests: _DataDigests, data_dir: Path) -> Callable[[Path], bytes | None]:
    """For the parse cache: a data file's SHA-256 from the memo when a stat finds the file as
    the scan did and as the memo knew it, so that it is neither read nor hashed."""
    identities = digests.scan.identities if digests.scan is not None else {}
    base = data_dir.as_posix()  # called for every notice file: string work, not pathlib's
    inside = "" if base == "." else base.rstrip("/") + "/"

    def known(path: Path) -> bytes | None:
        text = path.as_posix()
        rel = text[len(inside):] if text.startswith(inside) else ""
        identity = identities.get(rel)
        if identity is None:
            return None
        found = digests.memo.get(rel, identity)
        return found if found is not None and is_still(path, identity) else None

    return known


@dataclass
class _Recording:
    signer: tlog.Signer | None
    said: list[Message] = field(default_factory=list)


def _signer(log_key: Path | None) -> tlog.Signer | None:
    if log_key is None:
        return None
    try:
        return tlog.load_signer(log_key)
    except (OSError, tlog.TlogError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BuildFailed(LEDGER.message("record_key_unreadable", path=str(log_key),
                                         reason=reason)) from None


def _site_ledger(data_dir: Path, dataset: Dataset, ctx: RenderContext, settings: Settings,
                 now: datetime, recording: _Recording | None,
                 known: KnownSha256 | None = None, memo: FormHashes | None = None) -> SiteLedger:
    """The ledger held against the data as of now (its problems stop the build); recorded
    first when `recording`. `known`: the version files' hashes the build already has; `memo`:
    the hashes of the notices' forms the last builds made."""
    stored = load_ledger(data_dir, data_dir.as_posix(), known)

    def digest(relative: str) -> str:
        return ctx.attachment_file(relative).sha256

    ledger = follow_ledger(stored, dataset, digest, now, settings.tz, memo)
    if ledger.plan.problems:
        raise InvalidData(ledger.plan.problems)
    if recording is None:
        return ledger
    latest = stored.history().latest  # of every entry, not only those up to now
    if latest is not None and latest > now:
        raise BuildFailed(LEDGER.message("record_before_latest", now=now.isoformat(),
                                         latest=latest.isoformat()))
    if recording.signer is None:
        recording.said.append(LEDGER.message("record_unsigned"))
    appends = ledger.plan.appends
    if not appends and stored.size:
        recording.said.append(LEDGER.message("record_nothing", size=stored.size))
        return ledger
    record_ledger(stored, appends, settings.log_origin, recording.signer)
    stored = load_ledger(data_dir, data_dir.as_posix(), known)  # the files just written are read
    recording.said.append(LEDGER.message("record_summary", appended=len(appends), size=stored.size,
                                         checkpoint=f"{stored.shown}/log/checkpoint"))
    return follow_ledger(stored, dataset, digest, now, settings.tz, memo)


def _build_locked(data_dir: Path, paths: OutputPaths, settings: Settings, *, now: datetime,
                  strict: bool, config_file: Path, clean: bool, watch: _Stopwatch,
                  drafts_after: datetime | None, progress: Progress,
                  check_remote: bool = False,
                  recording: _Recording | None = None,
                  digests: _DataDigests | None = None, setup: str) -> BuildReport:
    with kept_to_the_end():  # the dataset, and the parse cache it was read through
        parsed = ParseCache(paths.cache / "parsed", fresh=clean,
                            unchanged=_files_unchanged(digests, data_dir) if digests is not None else None)
        dataset = load_valid(data_dir, settings, strict, parsed, progress)
    if digests is not None:
        digests.take(data_dir, parsed)
    fault_point("validated")
    watch.lap("validate")
    verified = _remote_verified(dataset, paths, clean) if check_remote else frozenset()
    with kept_to_the_end():  # the derived site
        site = derive_site(dataset, now, settings.tz, drafts=drafts_after is not None)
    watch.lap("derive")
    parsed.save()
    # --clean reads no cache but refills them all, so the next build is incremental again.
    with kept_to_the_end():  # the context's organisations, flags and ledger
        bodies = BodyCache(paths.cache / "bodies", body_fingerprint(), fresh=clean)
        limits = Thresholds.of(settings)
        organisations = organisation_index(site)  # once: the flags, the pages and the feeds read it
        ctx = RenderContext(site, settings.language, dataset.files_dir(), settings.page_size,
                            body_cache=bodies, flags=find_flags(site, limits, organisations),
                            flag_limits=limits, flag_box=settings.flags.show_on_notices,
                            verified_remote=verified, organisations=organisations)
        form_hashes = FormHashes(paths.cache / FORM_HASHES_FILE, settings.tz.key, fresh=clean)
        ctx.ledger = _site_ledger(data_dir, dataset, ctx, settings, now, recording,
                                  digests.versions_known() if digests is not None else None,
                                  form_hashes)
        form_hashes.save()
        watch.lap("ledger")
    extra = _engine_extra(settings)
    cache = _page_cache(paths, config_file, extra, clean)
    # What this build's changes touch: the other notices are taken from the store, not made
    keys = notice_keys(ctx, dataset, setup)
    found = previous(paths.cache, keys, fresh=clean)
    watch.lap("store")
    outputs = OutputCache(paths.cache / "outputs", output_fingerprint(), fresh=clean)
    staging = paths.work / "site"
    try:
        staging.mkdir(parents=True)
        known = found.known(setup, keys)
        staged = _stage_and_publish(ctx, settings, paths, staging, cache, extra,
                                    now=now, config_file=config_file, clean=clean,
                                    watch=watch, outputs=outputs, progress=progress, known=known)
    finally:
        shutil.rmtree(paths.work, ignore_errors=True)
    # after the switch, so that a build that fails leaves the store as it found it
    keep(paths.cache, keys, found.affected,
         ((pn.id, _products(ctx, known, staged.stage, pn)) for pn in ctx.site.notices
          if pn.id in found.affected.changed),
         known.inputs, known.made_outputs(staged.stage.page_keys))
    cache.prune()
    outputs.prune()
    bodies.save(complete=not found.kept)  # a build that kept notices used only its own bodies
    watch.lap("cleanup")
    fault_point("done")
    stage, synced = staged.stage, staged.synced
    return BuildReport(paths.out, len(site.notices), stage.pages, dataset.warnings, watch.total(),
                       engine_pages=stage.rendered, framed_pages=stage.filled,
                       stage_seconds=watch.stages,
                       live_seconds=staged.live, files_written=synced.written,
                       files_deleted=synced.deleted, changed_at=site.changed_at,
                       changes_next=site.changes_next,
                       drafts={pn.id: pn.published_at for pn in site.notices
                               if drafts_after is not None and pn.published_at > drafts_after},
                       ledger=recording.said if recording is not None else [], affected=found.affected)


def _stage_and_publish(ctx: RenderContext, settings: Settings, paths: OutputPaths, staging: Path,
                       cache: PageCache, extra: dict[str, object], *, now: datetime,
                       config_file: Path, clean: bool, watch: _Stopwatch,
                       outputs: OutputCache, progress: Progress,
                       known: KnownProducts) -> _Staged:
    """Make the new site (feeds and exports beside `staging`, then in it the engine's pages,
    files and the search index), then publish it; returns the engine stage, what publishing
    wrote and when the new site went live. `known`: what earlier builds made of the notices
    and outputs whose inputs are unchanged (store.py), used in place of making it again; what
    this build makes goes back into it."""
    # The index needs only each notice's record, made here from the notice's facts (the same
    # object its page is made from, kept for it): it runs alongside the engine.
    facts_started = time.perf_counter()
    with kept_to_the_end():  # every notice's facts stay for its page, and hold no cycles
        records = notice_records(
            kept_record(known.records[pn.id], functools.partial(ctx.notice_facts, pn))
            if pn.id in known.records
            else ctx.notice_facts(pn) for pn in ctx.site.notices)
    facts_seconds = time.perf_counter() - facts_started
    organisations = organisation_records(listing.organisation for listing in ctx.listings()
                                         if listing.organisation is not None)
    index = BackgroundIndex(records,
                            paths.work / "search", paths.cache / "search", fresh=clean,
                            organisations=organisations)
    # The index process has them; kept here, they were ~2 KB a notice to the end of the build.
    del records, organisations
    try:
        # Feeds, calendars and data/ go beside the staged site, before the engine (which
        # empties its folder): the 数据下载 page states each file's size.
        open_data = paths.work / "open-data"
        sizes = write_open_data(ctx.site, ctx, settings, open_data)
        followed = cached_outputs(ctx, settings, outputs, known)  # project and region × category files
        exports = cached_exports(ctx, settings, outputs, open_data,  # data/: changed months only
                                 known.notice_keys)
        flag_files = cached_flag_files(ctx, settings, outputs)  # data/flags.json, .csv
        statistics = statistics_output(ctx, site_statistics(ctx.site), outputs)  # charts: changed only
        fault_point("exports")
        watch.lap("exports")
        watch.carve("exports", "render", facts_seconds)
        nav = frozenset(nav_pages(config_file))
        content = config_file.parent / "content"
        docs = content if content.is_dir() else _empty_folder(paths.work / "no-content")

        def engine(pages: list[GeneratedPage]) -> None:
            run = EngineRun(pages, nav, extra, paths.cache / "templates", settings.language,
                            settings.site_name, settings.site_description, progress)
            # the span's start, not now: the engine's stamps then hold for the whole span
            run_engine(config_file, staging, run, now=ctx.site.changed_at, docs_dir=docs,
                       site_url=settings.site_url)
            fault_point("engine")

        fragments = Fragments(config_file.parent / "theme", labels_for(settings.language, settings.labels),
                              settings.site_url)
        stage = EngineStage(staging, cache, nav, engine, fragments, progress,
                            waiting_dir=paths.work / "framed")
        pages = _Timed(tracked(progress, "pages",
                               _generated_pages(ctx, settings, sizes, exports, flag_files, statistics,
                                                known)))
        stage.run(content, pages)
        # (the pages, made one at a time, filled `known.inputs` as they went)
        write_sitemap(staging, settings.site_url, stage.urls())
        watch.lap("engine")
        # the notices' facts and every page are made before the engine runs
        watch.carve("engine", "render", pages.seconds)
        _publish_files(ctx, staging)
        searched = _index_waited(index, staging, progress)
        fault_point("indexed")
        watch.lap("search")  # the wait for the index, once the rest is done
        (staging / MARKER).write_text("gongshi build output; replaced whole by each build\n")
        fault_point("staged")
        kept = ({**ledger_files(ctx.ledger), **cached_proofs(ctx.ledger, outputs)}
                if ctx.ledger is not None else {})
        synced = _publish(paths, {**staged_files(staging), **staged_files(open_data),
                                  **stage.borrowed, **followed, **exports.sources, **flag_files,
                                  **statistics.files, **kept, **searched}, progress)
        watch.lap("publish")
        return _Staged(stage, synced, watch.total())  # readers see the new site from here
    finally:
        index.discard()


@dataclass(frozen=True)
class _Staged:
    """What `_stage_and_publish` did: the engine stage, what publishing wrote, and when the
    new site went live."""

    stage: EngineStage
    synced: SyncReport
    live: float


def _products(ctx: RenderContext, known: KnownProducts, stage: EngineStage,
              pn: PublicNotice) -> Products:
    """What this build made of an affected notice, for the store."""
    return Products(stage.page_keys[notice_path(pn.id)], record_row(ctx.notice_facts(pn)),
                    known.made_entries.get((pn.id, True)), known.made_entries.get((pn.id, False)))


def _index_waited(index: BackgroundIndex, site_dir: Path, progress: Progress) -> dict[str, Source]:
    """The wait for the index (made alongside the engine, in a process of its own), reported
    as one stage: its shards, counted when they are all done. Returns the search files left in
    the index's cache, by their site path: published like cached pages, from the cache."""
    waiting = progress.stage("indexed", None)
    stats = index.finish(site_dir)
    waiting.advance(len(stats.shards))
    waiting.done()
    return {f"{INDEX_DIR}/{rel}": Source(file, owned=False) for rel, file in stats.borrowed}


def _publish(paths: OutputPaths, wanted: dict[str, Source], progress: Progress) -> SyncReport:
    """Bring the idle tree up to date with the new site, then switch the output to it."""
    tree = idle_tree(paths)
    other = "b" if tree == "a" else "a"
    manifest, report = bring_up_to_date(paths.tree(tree), wanted,
                                        read_manifest(paths.manifest(tree)),
                                        read_manifest(paths.manifest(other)), progress,
                                        lend_from=paths.tree(other))
    write_manifest(paths.manifest(tree), manifest)
    if report.other is not None:  # its files' change times, after the links to them
        write_manifest(paths.manifest(other), report.other)
        report.other = None  # a file of the site each: not kept to the end of the build
    fault_point("synced")
    switch(paths, tree)
    fault_point("switched")
    return report


def _generated_pages(ctx: RenderContext, settings: Settings, sizes: dict[str, int],
                     exports: Exports, flag_files: dict[str, Source],
                     statistics: StatisticsOutput,
                     known: KnownProducts) -> Iterator[GeneratedPage | KnownPage]:
    """Every generated page, made one at a time: the service pages first, then the site's."""
    yield search_page(ctx)
    yield from open_data_pages(ctx, settings, sizes, exports)
    yield flags_page(ctx, flag_files)
    if ctx.ledger is not None:
        yield removals_page(ctx)
    yield from statistics.pages
    yield from render_pages(ctx, known)
    yield from organisation_pages(ctx, known)


class _Timed:
    """An iterator that keeps the time spent making its items."""

    def __init__(self, items: Iterable[GeneratedPage | KnownPage]) -> None:
        self.items = iter(items)
        self.seconds = 0.0

    def __iter__(self) -> Iterator[GeneratedPage | KnownPage]:
        return self

    def __next__(self) -> GeneratedPage | KnownPage:
        started = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - started


class EngineStage:
    """Generated pages through the engine, each page's HTML from the page cache when its source,
    facts, path and the engine's inputs are unchanged.

    One engine run builds the hand-written content, the theme's files, the nav pages (the nav
    of every page names them, so they are always in the run) and every page whose HTML the
    cache does not hold. When no page needs the engine, it does not run: the files of its
    last run besides generated pages (theme files, content pages) come from the cache. Cached
    files are not copied into the staged site: `borrowed` says where each one is.

    A page with a framing (render/frames.py) that fits is made from its frame instead: the
    engine renders the frame (or the cache holds it), and the page is filled from it into the
    cache, borrowed like a cached page. Its content is made when it comes and waits in
    `waiting_dir` (a scratch folder) for the frame, so that no page's facts stay to the end:
    held, the pages of a listing's archive and of the organisations were ~3 KB a notice at the
    site engine's peak (issue 18)."""

    def __init__(self, site_dir: Path, cache: PageCache, nav: frozenset[str],
                 engine: Callable[[list[GeneratedPage]], None], fragments: Fragments,
                 progress: Progress = SILENT, *, waiting_dir: Path) -> None:
        self.site_dir = site_dir
        self.waiting_dir = waiting_dir
        waiting_dir.mkdir(parents=True, exist_ok=True)
        self.progress = progress
        self.cache = cache
        self.nav = nav
        self.nav_folders = nav_folders(nav)
        self.engine = engine
        self.fragments = fragments
        self.waiting: list[tuple[GeneratedPage, str]] = []  # (page, cache key) for the engine
        self.nav_pages: list[tuple[GeneratedPage, str]] = []
        self.framed: list[_Framed] = []  # pages made from frames, their content waiting (`_waiting`)
        self.frames: dict[str, tuple[GeneratedPage, str]] = {}  # framing key → (frame, cache key)
        self.reused: list[tuple[str, str]] = []  # (docs path, cache key)
        self.content: list[str] = []
        self.paths: list[str] = []
        self.rendered = 0
        self.filled = 0
        self.borrowed: dict[str, Source] = {}  # site path → a cache file, for pages not rendered
        self.page_keys: dict[str, str] = {}  # docs path → cache key, of each page made (not known)

    @property
    def pages(self) -> int:
        return len(self.paths)

    def run(self, content_dir: Path, pages: Iterable[GeneratedPage | KnownPage]) -> None:
        found = content_dir.rglob("*.md") if content_dir.is_dir() else []
        self.content = sorted(path for path in (p.relative_to(content_dir).as_posix() for p in found)
                              if not is_translation(path))
        for page in pages:
            self.add(page)
        if self.waiting or not self._all_cached():
            self._render()
        else:
            self.borrowed.update(self.cache.base_files())
            self.reused += [(page.path, key) for page, key in self.nav_pages]
        self._fill()
        for path, key in self.reused:
            self.borrowed[output_html(path)] = Source(self.cache.entry(key), owned=False)

    def _all_cached(self) -> bool:
        return (self.cache.has_base() and all(self.cache.has(key) for _, key in self.nav_pages)
                and all(self.cache.has(key) for _, key in self.frames.values()))

    def add(self, given: GeneratedPage | KnownPage) -> None:
        if isinstance(given, KnownPage):
            if self.cache.has(given.key):
                self.paths.append(given.path)
                self.reused.append((given.path, given.key))
                return
            given = given.make()  # the cache lost it: made again, as a new page
        page = given
        self.paths.append(page.path)
        key = self.cache.key(page.path, page.key_bytes())
        self.page_keys[page.path] = key
        if page.path in self.nav:
            self.nav_pages.append((self._shell(page), key))
        elif self.cache.has(key):
            self.reused.append((page.path, key))
        elif (page.framing is not None and page.framing.fits(page)
              and links_alike(page.path, page.framing.frame.path, self.nav_folders)
              and self._frame_is(page.framing)):
            self.framed.append(self._set_aside(page, page.framing, key))
        else:
            self.waiting.append((self._shell(page), key))

    def _frame_is(self, framing: Framing) -> bool:
        """Whether the frame kept for this framing's key is its own: the first page of a key
        gives it, and a page whose frame differs (another head at the same frame path) goes
        through the engine instead of being filled from another's frame."""
        frame = framing.frame
        kept = self.frames.get(framing.key)
        if kept is None:
            self.frames[framing.key] = (frame, self.cache.key(frame.path, frame.key_bytes()))
            return True
        return kept[0] is frame or kept[0] == frame

    def _set_aside(self, page: GeneratedPage, framing: Framing, key: str) -> _Framed:
        """A page to fill from its frame: its content made now and written to wait for it."""
        content = self.fragments.html(framing.fragment, page.facts, page_url(page.path))
        self._waiting(len(self.framed)).write_text(content, encoding="utf-8")
        return _Framed(page.path, key, framing.filling())

    def _waiting(self, number: int) -> Path:
        """The file in which the content of the `number`th framed page waits."""
        return self.waiting_dir / f"{number}.html"

    def _shell(self, page: GeneratedPage) -> GeneratedPage:
        """The page as the engine takes it: one with a fragment carries its content's HTML."""
        if page.framing is None:
            return page
        return self.fragments.shell(page, page_url(page.path))

    def _render(self) -> None:
        done = self.waiting + self.nav_pages
        frames = list(self.frames.values())
        self.engine([page for page, _ in done + frames])
        for page, key in done:
            self.cache.store(key, self.site_dir / output_html(page.path))
        for frame, key in frames:  # kept, never published
            output = self.site_dir / output_html(frame.path)
            self.cache.store(key, output)
            _remove_page(self.site_dir, output)
        self.cache.store_base(self.site_dir, {output_html(page.path) for page, _ in done})
        self.rendered = len(done)
        self.waiting = []

    def _fill(self) -> None:
        """Every framed page from its frame, into the cache."""
        frames: dict[str, str] = {}
        for name, (_, key) in self.frames.items():
            frames[name] = Path(self.cache.entry(key)).read_text(encoding="utf-8")
            check_frame(frames[name], name)
        for number, page in enumerate(tracked(self.progress, "filled", self.framed)):
            waiting = self._waiting(number)
            content = waiting.read_text(encoding="utf-8")
            entry = self.cache.store_text(page.key, fill(frames[page.filling.key], page.filling, content))
            waiting.unlink()
            self.borrowed[output_html(page.path)] = Source(entry, owned=False)
        self.filled = len(self.framed)

    def urls(self) -> list[str]:
        """Every page of the site: hand-written, rendered now or taken from the cache."""
        return sorted(page_url(path) for path in [*self.content, *self.paths])


@dataclass(frozen=True)
class _Framed:
    """A page waiting for its frame: its docs path, cache key and words (its content waits in
    a file, `EngineStage._waiting`)."""

    path: str
    key: str
    filling: Filling


def _remove_page(site_dir: Path, output: Path) -> None:
    """A page's file and the folders it alone filled."""
    output.unlink()
    folder = output.parent
    while folder != site_dir and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _empty_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _page_cache(paths: OutputPaths, config_file: Path, extra: dict[str, object],
                clean: bool) -> PageCache:
    root = config_file.parent
    fingerprint = engine_fingerprint(config_file, extra, [root / "content", root / "theme"])
    return PageCache(paths.cache / "pages", fingerprint, fresh=clean)


def cache_folder(out_dir: Path) -> Path:
    """The caches of an output: beside it, so they follow the output around."""
    return OutputPaths.of(out_dir).cache


def load_valid(data_dir: Path, settings: Settings, strict: bool,
               parsed: ParseCache | None = None, progress: Progress = SILENT) -> Dataset:
    """The dataset, or InvalidData with every blocking problem."""
    dataset = validate(data_dir, settings, parsed, progress)
    stopping = blocking(dataset.problems, strict)
    if stopping:
        raise InvalidData(stopping)
    return dataset


def _remote_verified(dataset: Dataset, paths: OutputPaths, clean: bool) -> frozenset[str]:
    """The digests of the remote attachments checked against their declaration; a file that
    differs or cannot be downloaded stops the build before anything is written."""
    verified, problems = checked_remote(dataset, paths.cache / "remote", fresh=clean)
    if problems:
        raise InvalidData(problems)
    return verified


def _engine_extra(settings: Settings) -> dict[str, object]:
    return {
        "labels": labels_for(settings.language, settings.labels),
        "gongshi_site_url": settings.site_url,
        "gongshi_log": {"origin": settings.log_origin, "public_key": settings.log.public_key},
    }


def _publish_files(ctx: RenderContext, site_dir: Path) -> None:
    """Attachments of public notices only: an embargoed notice's files must not leak. Those of
    notices not rendered by this build (store.py) are added here, as their facts would."""
    for pn in ctx.site.notices:
        for attachment in pn.notice.attachments or []:
            if attachment.file is not None:
                ctx.attachment_file(attachment.file)
    for relative in ctx.published_files:
        ctx.publish_attachment(relative, site_dir)
