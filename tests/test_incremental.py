"""Incremental publishing: a rebuild over a previous build reuses what did not change and gives
exactly the output of a clean build, after edits, additions, a withdrawal and a change of "now"
that lifts an embargo and expires a penalty."""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_DATA, VALID_TENDER

from generator.commands.build import BuildReport, build
from generator.config import load_settings, nav_pages
from generator.publish import OutputPaths

FIRST_NOW = "2026-11-26T12:00:00+08:00"
# Two days on: JH-CG-2026-102-ZB (published 11-27) and XT-GC-2026-040-BG1 (11-28) come out of
# embargo; CF-420981-2026-005 (disclosed until 11-26) expires.
SECOND_NOW = "2026-11-28T12:00:00+08:00"
LIFTED = ("JH-CG-2026-102-ZB", "XT-GC-2026-040-BG1")
EXPIRED = "CF-420981-2026-005"
EDITED = "AL-CG-2026-019-ZB"
WITHDRAWN = "HC-YL-2026-012-ZB"
ADDED = "XN-GC-2026-901-ZB"
SEARCH_INDEX = "pagefind/"


def _files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _build(data: Path, out: Path, now: str, *, clean: bool = False,
           feed_limit: int | None = None, page_size: int | None = None) -> BuildReport:
    config = REPO / "mkdocs.yml"
    settings = load_settings(config)
    if feed_limit is not None:
        settings = settings.model_copy(update={"feed_limit": feed_limit})
    if page_size is not None:
        settings = settings.model_copy(update={"page_size": page_size})
    return build(data, out, settings, now=datetime.fromisoformat(now),
                 config_file=config, clean=clean)


def _notice_file(data: Path, notice_id: str) -> Path:
    return next(data.rglob(f"{notice_id}.yaml"))


def _edit(data: Path) -> None:
    edited = _notice_file(data, EDITED)
    text = edited.read_text(encoding="utf-8")
    edited.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1（更正）", text), encoding="utf-8")
    withdrawn = _notice_file(data, WITHDRAWN)
    withdrawn.write_text(withdrawn.read_text(encoding="utf-8")
                         + "withdrawn:\n  date: 2026-11-27\n  reason: 采购需求调整，本项目暂停采购\n",
                         encoding="utf-8")
    added = data / "notices" / "2026" / "420902" / f"{ADDED}.yaml"
    added.write_text(VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-901")
                     .replace("2026-03-01 09:00", "2026-11-27 09:00")
                     .replace("2026-03-25 09:30", "2026-12-28 09:30"), encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport, Path]:
    """(incremental output, its report, clean output) after a series of changes."""
    root = tmp_path_factory.mktemp("incremental")
    data = root / "data"
    shutil.copytree(SAMPLE_DATA, data)
    incremental, clean = root / "inc" / "site", root / "clean" / "site"
    first = _build(data, incremental, FIRST_NOW)
    assert first.made == first.pages  # nothing cached yet
    _edit(data)
    report = _build(data, incremental, SECOND_NOW)
    _build(data, clean, SECOND_NOW, clean=True)
    return incremental, report, clean


def test_a_rebuild_renders_only_what_changed(builds) -> None:
    _, report, _ = builds
    assert 0 < report.made < report.pages / 2, report.summary()


def test_incremental_output_equals_a_clean_build(builds) -> None:
    incremental, _, clean = builds
    ours, reference = _files(incremental), _files(clean)
    site_ours = {p: h for p, h in ours.items() if not p.startswith(SEARCH_INDEX)}
    site_reference = {p: h for p, h in reference.items() if not p.startswith(SEARCH_INDEX)}
    assert set(site_ours) == set(site_reference)
    different = [p for p in site_ours if site_ours[p] != site_reference[p]]
    assert not different, different[:20]
    # The search index holds the same records (a fresh Pagefind run orders its filter tables
    # differently each time, Pagefind/pagefind#638).
    def fragments(files: dict[str, str]) -> set[str]:
        return {p for p in files if p.startswith(SEARCH_INDEX) and "/fragment/" in p}

    assert fragments(ours) and fragments(ours) == fragments(reference)


def test_the_changes_are_in_the_output(builds) -> None:
    incremental, _, _ = builds
    for lifted in LIFTED:
        assert (incremental / "notices" / lifted / "index.html").is_file()
    assert not (incremental / "notices" / EXPIRED).exists()
    assert (incremental / "notices" / ADDED / "index.html").is_file()
    edited = (incremental / "notices" / EDITED / "index.html").read_text(encoding="utf-8")
    assert "（更正）" in edited
    withdrawn = (incremental / "notices" / WITHDRAWN / "index.html").read_text(encoding="utf-8")
    assert "gs-withdrawn" in withdrawn


# --- the search index: shards by publication time, re-indexed only where notices changed ---

EDITED_2025 = "HB-KY-2025-004-JG"  # published 2025-07-10; its body is on its own page only
EDITED_SHARD = "2025"  # the sample's years are small: a shard each


def _indexed_shards(out: Path) -> set[str]:
    """The shard cache's entries (SHARD-HASH): a shard re-indexed gets a new one."""
    return {entry.name for entry in (out.parent / f".{out.name}.gongshi-cache" / "search").iterdir()}


def test_a_rebuild_reindexes_only_the_shard_whose_notices_changed(tmp_path, monkeypatch) -> None:
    """…and publishes the other shards' files from the index's cache by their identity: none of
    them is read again to learn that it has not changed."""
    from generator import publish

    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    out = tmp_path / "site"
    _build(data, out, FIRST_NOW)
    before = _files(out)
    cached = _indexed_shards(out)
    shards = {p.split("/")[1] for p in before if p.startswith(SEARCH_INDEX) and p.count("/") > 1}
    assert EDITED_SHARD in shards and len(shards) >= 3
    assert {entry.rsplit("-", 1)[0] for entry in cached} == shards

    edited = _notice_file(data, EDITED_2025)
    text = edited.read_text(encoding="utf-8")
    assert "经 38 轮报价" in text
    edited.write_text(text.replace("经 38 轮报价", "经 39 轮报价"), encoding="utf-8")
    hashed: list[str] = []
    real_sha256_of = publish.sha256_of
    monkeypatch.setattr(publish, "sha256_of",
                        lambda path: hashed.append(str(path)) or real_sha256_of(path))
    _build(data, out, FIRST_NOW)
    monkeypatch.undo()
    after = _files(out)
    made_here = re.compile(rf"/{SEARCH_INDEX}(shards\.json|[^/]+/pagefind-entry\.json"
                           rf"|{EDITED_SHARD}/.*)$")
    searched = [path for path in hashed if f"/{SEARCH_INDEX}" in path]
    assert searched and not [path for path in searched if not made_here.search(path)], searched[:5]

    renewed = _indexed_shards(out) - cached
    assert [entry.rsplit("-", 1)[0] for entry in renewed] == [EDITED_SHARD]  # that shard alone
    for shard in shards - {EDITED_SHARD}:
        prefix = f"{SEARCH_INDEX}{shard}/"
        mine = {p: h for p, h in before.items() if p.startswith(prefix)}
        assert mine and mine == {p: h for p, h in after.items() if p.startswith(prefix)}, shard
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    assert any(p.startswith(f"{SEARCH_INDEX}{EDITED_SHARD}/fragment/") for p in changed)
    assert not {p for p in changed if p.startswith(SEARCH_INDEX)
                and not p.startswith(f"{SEARCH_INDEX}{EDITED_SHARD}/")}, sorted(changed)[:20]


# --- the engine runs only when a page needs it; listings that a new notice changes only at their newest end


def _engine_runs(monkeypatch) -> list[int]:
    """From now on, each run of the site engine appends how many generated pages it was given."""
    from generator.commands import build as build_module

    runs: list[int] = []
    real_engine = build_module.run_engine

    def counting(config_file, site_dir, run, **kwargs) -> None:
        runs.append(len(run.pages))
        real_engine(config_file, site_dir, run, **kwargs)

    monkeypatch.setattr(build_module, "run_engine", counting)
    return runs


NEWEST = "XN-GC-2026-902-ZB"


def _archive_pages(site: Path) -> dict[str, dict[int, str]]:
    """Listing base → {archive page number: its hash}."""
    found: dict[str, dict[int, str]] = {}
    for html in site.glob("**/page/*/index.html"):
        base = html.parent.parent.parent.relative_to(site).as_posix()
        found.setdefault(base, {})[int(html.parent.name)] = hashlib.sha256(
            html.read_bytes()).hexdigest()
    return found


def test_a_new_notice_changes_only_the_newest_pages_of_its_listings(tmp_path: Path) -> None:
    config = REPO / "mkdocs.yml"
    settings = load_settings(config).model_copy(update={"page_size": 5})
    data, out = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)

    def build_now() -> BuildReport:
        return build(data, out, settings, now=datetime.fromisoformat(FIRST_NOW), config_file=config)

    build_now()
    before = _archive_pages(out)
    (data / "notices" / "2026" / "420902" / f"{NEWEST}.yaml").write_text(
        VALID_TENDER.replace("XN-GC-2026-001", "XN-GC-2026-902")
        .replace("2026-03-01 09:00", "2026-11-26 11:00")
        .replace("2026-03-25 09:30", "2026-12-28 09:30"), encoding="utf-8")
    report = build_now()
    after = _archive_pages(out)

    touched = {"open", "tenders", "category/construction", "region/420000", "region/420900",
               "region/420902"}
    assert {"tenders", "category/construction", "region/420000"} <= set(after)
    for base, pages in after.items():
        changed = sorted(n for n in pages if before.get(base, {}).get(n) != pages[n])
        if base not in touched:
            assert not changed, (base, changed)
        elif base != "open":  # the open tenders go by deadline: not an archive
            last = max(pages)
            assert changed and changed[0] >= last - 2, (base, changed, last)
    # The nav pages (always rendered), the notice, and in each of its listings the first page
    # and at most three archive pages.
    assert report.engine_pages <= len(nav_pages(config)) + 1 + len(touched) * 4, report.summary()


def test_a_rebuild_with_nothing_new_runs_no_engine_and_gives_the_same_site(
    tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "site"
    # --clean reuses nothing, yet leaves the caches full: the next builds are incremental
    # (this was test_a_clean_build_refills_the_caches, which made the same two builds).
    fresh = _build(SAMPLE_DATA, out, FIRST_NOW, clean=True)
    assert fresh.made == fresh.pages
    first = _files(out)
    runs = _engine_runs(monkeypatch)
    unchanged = _build(SAMPLE_DATA, out, FIRST_NOW)  # the state says: nothing to build
    assert unchanged.made < unchanged.pages / 2, unchanged.summary()
    assert unchanged.unchanged and runs == [], unchanged.summary()
    assert _files(out) == first
    # Without the state, the whole build runs, and every page comes from the cache.
    (OutputPaths.of(out).cache / "state.json").unlink()
    again = _build(SAMPLE_DATA, out, FIRST_NOW)
    assert not again.unchanged
    assert runs == [] and again.engine_pages == 0, again.summary()
    assert _files(out) == first
    # Later the same day nothing changes; at midnight the disclosure of CF-420981-2026-005 ends
    # (and the home page's "updated"): the engine runs again, given only the pages whose facts
    # changed, and the nav pages.
    assert _build(SAMPLE_DATA, out, "2026-11-26T13:00:00+08:00").unchanged
    assert runs == []
    assert again.changes_next == datetime.fromisoformat("2026-11-27T00:00:00+08:00")
    assert not _build(SAMPLE_DATA, out, "2026-11-27T00:00:00+08:00").unchanged
    assert len(runs) == 1 and 0 < runs[0] < again.pages / 2, (runs, again.pages)


def test_the_clock_passing_a_deadline_reindexes_no_shard(make_data, tmp_path) -> None:
    """A record holds what its status follows from, not the status: a build after a tender's
    deadline has passed (nothing else changed) reuses every shard, byte for byte."""
    data = make_data({
        "2026/420902/XN-CG-2026-071-ZB.yaml": VALID_TENDER.replace("XN-GC-2026-001", "XN-CG-2026-071")
        .replace("2026-03-01 09:00", "2026-11-02 09:00").replace("2026-03-25 09:30", "2026-11-27 09:30"),
    })
    out = tmp_path / "site"
    _build(data, out, "2026-11-26T12:00:00+08:00")
    before, cached = _files(out), _indexed_shards(out)
    _build(data, out, "2026-11-27T12:00:00+08:00")  # the deadline has passed
    assert _indexed_shards(out) == cached
    index = {p: h for p, h in before.items() if p.startswith(SEARCH_INDEX)}
    assert index and index == {p: h for p, h in _files(out).items() if p.startswith(SEARCH_INDEX)}
    page = (out / "notices" / "XN-CG-2026-071-ZB" / "index.html").read_text(encoding="utf-8")
    assert page != "" and "已截止" in page  # the page did follow the clock


# --- random changes: every rebuild in place equals a clean build of the same data and time ---

# Fixed: the sequence is the same at every run, and said when it fails. This one makes every
# kind of change and moves the clock 0 to 75 hours, across embargoes and an expiry.
RANDOM_SEED = 5
RANDOM_STEPS = 4


def _random_change(data: Path, now: datetime, rng: random.Random, added: list[Path]) -> str:
    """One change an editor or the clock makes, kept valid; what it was, for the message."""
    public = sorted(path for path in (data / "notices").rglob("*.yaml")
                    if _published(path) < now.strftime("%Y-%m-%d %H:%M"))
    kind = rng.choice(["title", "title", "add", "withdraw", "remove"] if added else
                      ["title", "title", "add", "withdraw"])
    if kind == "title":
        edited = rng.choice(public)
        text = edited.read_text(encoding="utf-8")
        edited.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1（更正）", text, count=1),
                          encoding="utf-8")
        return f"title of {edited.stem}"
    if kind == "withdraw":
        withdrawn = rng.choice([path for path in public
                                if "\nwithdrawn:" not in path.read_text(encoding="utf-8")])
        with withdrawn.open("a", encoding="utf-8") as stream:
            stream.write(f"withdrawn:\n  date: {now.date().isoformat()}\n  reason: 项目暂停\n")
        return f"withdrew {withdrawn.stem}"
    if kind == "remove":
        removed = added.pop(rng.randrange(len(added)))
        removed.unlink()
        return f"removed {removed.stem}"
    number = 950 + len(list((data / "notices").rglob("XN-GC-2026-9*.yaml")))
    published = now - timedelta(hours=rng.randint(1, 48))
    path = data / "notices" / "2026" / "420902" / f"XN-GC-2026-{number}-ZB.yaml"
    path.write_text(VALID_TENDER.replace("XN-GC-2026-001", f"XN-GC-2026-{number}")
                    .replace("2026-03-01 09:00", published.strftime("%Y-%m-%d %H:00"))
                    .replace("2026-03-25 09:30", (published + timedelta(days=30)).strftime("%Y-%m-%d 09:30")),
                    encoding="utf-8")
    added.append(path)
    return f"added {path.stem}"


def _projects(data: Path, known: dict[str, str]) -> dict[str, str]:
    """`known` with the project code of every notice file in `data` (a notice removed since
    keeps its code: its project's feed loses it)."""
    found = dict(known)
    for path in (data / "notices").rglob("*.yaml"):
        code = re.search(r"(?m)^project:\n  code: \"?([^\"\n]+)", path.read_text(encoding="utf-8"))
        if code:
            found[path.stem] = code.group(1)
    return found


def _published(path: Path) -> str:
    found = re.search(r"(?m)^published: \"?([0-9-]+(?: [0-9:]+)?)", path.read_text(encoding="utf-8"))
    assert found, path
    return found.group(1)


def test_random_changes_rebuilt_in_place_equal_clean_builds(tmp_path: Path) -> None:
    """Edits, new notices, withdrawals, removals and the clock, a few at a time: after each
    step the site rebuilt over the last one is the site a clean build makes, file for file
    (the search index: the same pages in the same shards), and every notice page it changed is
    in the store's affected set. The caches' and the store's keys must name everything an
    output is made from; a forgotten input shows here as a stale file or a missed notice."""
    rng = random.Random(RANDOM_SEED)
    data, incremental = tmp_path / "data", tmp_path / "inc" / "site"
    shutil.copytree(SAMPLE_DATA, data)
    now = datetime.fromisoformat(FIRST_NOW)
    _build(data, incremental, now.isoformat())
    added: list[Path] = []
    done: list[str] = []
    projects: dict[str, str] = {}
    for step in range(RANDOM_STEPS):
        now += timedelta(hours=rng.choice([0, 1, 9, 30, 75]))
        done += [f"now {now.isoformat()}"] + [_random_change(data, now, rng, added)
                                              for _ in range(rng.randint(1, 3))]
        before = _files(incremental)
        projects = _projects(data, projects)
        report = _build(data, incremental, now.isoformat())
        clean = tmp_path / f"clean{step}" / "site"
        _build(data, clean, now.isoformat(), clean=True)
        ours, reference = _files(incremental), _files(clean)
        # The store's affected set (generator/store.py) holds every notice whose page changed,
        # and not every notice: a key that changed at every build would hold anything.
        touched = report.affected
        assert touched is not None and touched.known, done
        remade = {path.split("/")[1] for path in before.keys() | ours.keys()
                  if path.startswith("notices/") and path.endswith("/index.html")
                  and before.get(path) != ours.get(path)}
        assert remade, done
        assert remade <= touched.changed | touched.gone, (done, sorted(remade - touched.changed - touched.gone))
        # and every project whose feed or calendar changed has a notice in it
        followed = {re.sub(r"\.(xml|atom|ics)$", "", path.rsplit("/", 1)[1])
                    for path in before.keys() | ours.keys()
                    if path.startswith(("feeds/project/", "calendar/project/"))
                    and before.get(path) != ours.get(path)}
        assert followed, done
        assert followed <= {projects[id_] for id_ in touched.changed | touched.gone if id_ in projects}, \
            (done, sorted(followed))
        assert len(touched.changed) < report.notices / 2, (done, sorted(touched.changed))
        site = {p for p in reference if not p.startswith(SEARCH_INDEX)}
        assert {p for p in ours if not p.startswith(SEARCH_INDEX)} == site, done
        stale = sorted(p for p in site if ours[p] != reference[p])
        assert not stale, (done, stale[:10])
        assert {p for p in ours if "/fragment/" in p} == {p for p in reference if "/fragment/" in p}, done
        shutil.rmtree(clean.parent)
    assert {"title", "added", "withdrew", "removed"} <= {line.split()[0] for line in done}, done


def test_a_rebuild_makes_the_facts_of_the_changed_notices_not_of_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store (generator/store.py) stands in for the notices whose inputs did not change:
    after one edited title, the rebuild makes the facts of the edited notice and of the few
    notices whose feeds it changed, not of every notice; of the archive pages, it makes only
    those that show a changed notice; and its output is a clean build's. (Feeds of 3 entries
    and pages of 5: with the sample's hundred notices, feeds of 50 would hold most.)"""
    from generator.render import pages

    data, out = tmp_path / "data", tmp_path / "inc" / "site"
    shutil.copytree(SAMPLE_DATA, data)
    small = {"feed_limit": 3, "page_size": 5}
    _build(data, out, SECOND_NOW, **small)
    edited = _notice_file(data, EDITED)
    edited.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1（更正）",
                             edited.read_text(encoding="utf-8")), encoding="utf-8")
    made: list[str] = []
    real = pages.notice_facts
    monkeypatch.setattr(pages, "notice_facts", lambda ctx, pn: made.append(pn.id) or real(ctx, pn))
    known: list[str] = []  # the docs path of each page taken by its kept key

    class Known(pages.KnownPage):
        def __init__(self, path: str, key: str, make: Callable[[], pages.GeneratedPage]) -> None:
            super().__init__(path, key, make)
            known.append(path)

    monkeypatch.setattr(pages, "KnownPage", Known)
    from generator.render import feeds, opendata, organisations
    monkeypatch.setattr(organisations, "KnownPage", Known)
    keyed: list[tuple[str, ...]] = []  # the notices of each feed and calendar whose key was made
    real_key_text, real_calendar = feeds.FeedSources.key_text, opendata.calendar_source
    monkeypatch.setattr(feeds.FeedSources, "key_text", lambda self, spec: keyed.append(
        tuple(pn.id for pn in spec.notices)) or real_key_text(self, spec))
    monkeypatch.setattr(opendata, "calendar_source", lambda ctx, settings, listing: keyed.append(
        tuple(pn.id for pn in (listing.project or listing).notices)) or real_calendar(ctx, settings, listing))
    months: list[set[str]] = []  # the notices of each month whose exports were made
    real_month = opendata._make_month
    monkeypatch.setattr(opendata, "_make_month", lambda ctx, settings, cache, month, notices, *rest: (
        months.append({pn.id for pn in notices}) or real_month(ctx, settings, cache, month, notices, *rest)))
    report = _build(data, out, SECOND_NOW, **small)
    monkeypatch.undo()
    # feeds and calendars: only those of a changed notice (or of none) are made into sources
    assert report.affected is not None
    feed_files = list(out.glob("feeds/**/*.atom")) + list(out.glob("calendar/**/*.ics"))
    assert keyed and len(keyed) < len(feed_files) / 4, (len(keyed), len(feed_files))
    assert all(not ids or set(ids) & report.affected.changed for ids in keyed)
    # archive pages: only those that show a changed notice (the edited one, its project's)
    assert report.affected is not None
    # (the open tenders' pages are not an archive: in deadline order, made every time)
    archive_pages = {path.relative_to(out).parent.as_posix() + ".md"
                     for path in out.glob("**/page/*/index.html")} - \
        {path.relative_to(out).parent.as_posix() + ".md" for path in out.glob("open/page/*/index.html")}
    remade = archive_pages - set(known)
    assert remade and len(remade) < len(archive_pages) / 4, (len(remade), len(archive_pages))
    for path in remade:
        shown = (out / path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert any(f"notices/{id_}/" in shown for id_ in report.affected.changed), path
    # exports: the months (keyed by their notices' keys) of a changed notice, not the others
    all_months = list(out.glob("data/*/*/notices.json"))
    assert months and len(months) < len(all_months) / 2, (len(months), len(all_months))
    assert all(ids & report.affected.changed for ids in months)
    assert any(EDITED in ids for ids in months)
    # organisations' pages (the first and the archive pages): only those that show a changed
    # notice, in a row or in the organisation's wins and penalties
    entity_pages = {path.relative_to(out).parent.as_posix()
                    for path in out.glob("entities/*/**/index.html")}
    entity_pages = {f"{path}.md" if "/page/" in path else f"{path}/index.md" for path in entity_pages}
    remade_entities = entity_pages - set(known)
    assert remade_entities and len(remade_entities) < len(entity_pages) / 4, \
        (len(remade_entities), len(entity_pages))
    for path in remade_entities:
        page = out / path.removesuffix("index.md").removesuffix(".md") / "index.html"
        shown = page.read_text(encoding="utf-8")
        assert any(f"notices/{id_}/" in shown for id_ in report.affected.changed), path
    assert report.affected is not None and EDITED in report.affected.changed
    assert report.affected.changed <= set(made)  # their rows in the store are made afresh
    assert len(set(made)) < report.notices / 4, sorted(set(made))
    clean = tmp_path / "clean" / "site"
    _build(data, clean, SECOND_NOW, clean=True, **small)
    ours, reference = _files(out), _files(clean)
    assert {p for p in ours if not p.startswith(SEARCH_INDEX)} == \
        {p for p in reference if not p.startswith(SEARCH_INDEX)}
    assert not [p for p in reference if not p.startswith(SEARCH_INDEX) and ours[p] != reference[p]]


def test_a_page_the_store_knows_but_the_cache_lost_is_made_again(tmp_path: Path) -> None:
    """The store keeps each notice page's cache key; when the page cache no longer holds it
    (a cache emptied by hand, a disk cleaned), the page is made from its facts, not left out."""
    data, out = tmp_path / "data", tmp_path / "inc" / "site"
    shutil.copytree(SAMPLE_DATA, data)
    first = _build(data, out, SECOND_NOW)
    before = _files(out)
    cache = OutputPaths.of(out).cache
    shutil.rmtree(cache / "pages")
    (cache / "state.json").unlink()  # else nothing changed, and the build would not run
    report = _build(data, out, SECOND_NOW)
    assert report.affected is not None and report.affected.known and not report.affected.changed
    assert report.made == report.pages == first.pages
    after = _files(out)
    assert {p for p in after if not p.startswith(SEARCH_INDEX)} == \
        {p for p in before if not p.startswith(SEARCH_INDEX)}
    notices = [p for p in before if p.startswith("notices/") and p.endswith("/index.html")]
    assert notices and all(after[p] == before[p] for p in notices)


def test_a_change_of_the_setup_puts_every_notice_in_the_affected_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's keys hold the build's whole setup (`build_setup`: all of gongshi's code, its
    packages, mkdocs.yml, content/, theme/), not only what makes a page's HTML from its facts:
    a change to the code that validates or derives must not leave a kept page or record."""
    from generator.commands import build as build_module

    data, out = tmp_path / "data", tmp_path / "inc" / "site"
    shutil.copytree(SAMPLE_DATA, data)
    first = _build(data, out, SECOND_NOW)
    real = build_module.build_setup
    monkeypatch.setattr(build_module, "build_setup", lambda *args, **kwargs: real(*args, **kwargs) + "x")
    report = _build(data, out, SECOND_NOW)
    assert first.affected is not None and report.affected is not None and report.affected.known
    assert len(report.affected.changed) == report.notices == first.notices


def test_a_rebuild_that_takes_notices_from_the_store_keeps_their_bodies(tmp_path: Path) -> None:
    """The body cache keeps the bodies a build used; a build that took most notices from the
    store used only the bodies of the notices it made, and must not drop the others' (a later
    feed or shard that shows them would convert them again, and the first +1 after a whole
    build rewrote every shard of the cache). A clean build still drops bodies no notice has."""
    from generator.pagecache import BodyCache
    from generator.render.format import body_fingerprint

    data, out = tmp_path / "data", tmp_path / "inc" / "site"
    shutil.copytree(SAMPLE_DATA, data)
    _build(data, out, SECOND_NOW)
    folder = OutputPaths.of(out).cache / "bodies"
    before = BodyCache(folder, body_fingerprint()).stored()
    edited = _notice_file(data, EDITED)
    text = edited.read_text(encoding="utf-8")
    edited.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1（更正）", text), encoding="utf-8")
    report = _build(data, out, SECOND_NOW)
    assert report.affected is not None and 0 < len(report.affected.changed) < report.notices / 4
    assert BodyCache(folder, body_fingerprint()).stored() == before
    # a clean build of data whose body changed: the old body goes
    edited.write_text(text.replace("\nbody: |\n", "\nbody: |\n  新的第一段。\n\n", 1), encoding="utf-8")
    _build(data, out, SECOND_NOW, clean=True)
    after = BodyCache(folder, body_fingerprint()).stored()
    assert len(after) == len(before) and after != before
