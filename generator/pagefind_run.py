"""The index stage's second half: Pagefind's runs over pages already written, and the site's
pagefind/ folder assembled from them.

`search.BackgroundIndex` forks the build to write each shard's pages, whose text is made from
the notices' facts that only the build's memory holds. The forked process then becomes a
fresh interpreter running `main` here (`os.execv`): a fork keeps a private copy of each page
of the build's memory that the build writes while the fork lives (reading an object writes its
reference count), and the Pagefind runs are most of the index's time. The fresh interpreter
holds this module and what it imports (~25 MB), nothing of the build's.

What passes between the halves is an `IndexPlan`, as JSON in the scratch folder: nothing the
second half reads comes from the build's objects. `search.index_records` runs both halves in
one process (the benchmarks, the tests of the index alone).
"""

from __future__ import annotations

import json
import multiprocessing.connection
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import cachefile
from .errors import BuildFailed, describe_os_error
from .words import COMMANDS
from .words.commands import as_said

# Notice text is Chinese whatever the interface language: one index, segmented as Chinese.
INDEX_LANGUAGE = "zh"
TIMEOUT_SECONDS = 900
SHARDS_FILE = "shards.json"
ENTRY_FILE = "pagefind-entry.json"
PLAN_FILE = "plan.json"
# Pagefind's files for its own search UIs: the search page uses the JS API alone.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Imported once by the page; pagefind-worker.js stays in each shard (Pagefind starts the
# worker from the folder of the first index opened), the wasm goes up beside pagefind.js.
SHARED_CODE = ("pagefind.js",)


@dataclass(frozen=True)
class IndexStats:
    pages: int
    bytes: int
    shards: tuple[str, ...] = ()
    indexed: tuple[str, ...] = ()  # shards Pagefind ran for; the others came from the cache
    # with a cache: each file of pagefind/ not written into the target, by its path under
    # pagefind/, and the cache file that holds it
    borrowed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ShardRun:
    name: str
    key: str  # its cache entry's name (search._index_key)
    pages: int  # the pages written for it, which Pagefind must all index
    todo: bool  # Pagefind runs for it; else its index is the cache's entry `key`


@dataclass(frozen=True)
class IndexPlan:
    """Everything the second half needs, in plain values. A shard to index has its pages in
    `scratch`/pages/NAME/; `summaries` are the notice shards the search page lists, in order;
    `entities` the organisations' shards."""
    target: str
    scratch: str
    executable: str
    cache_folder: str | None
    shards: tuple[ShardRun, ...]
    summaries: tuple[dict[str, Any], ...]
    entities: tuple[str, ...]
    records: int

    def pages_folder(self, shard: str) -> Path:
        return Path(self.scratch) / "pages" / shard

    def save(self) -> Path:
        path = Path(self.scratch) / PLAN_FILE
        with cachefile.failures_named(path):
            path.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> IndexPlan:
        given = json.loads(path.read_text(encoding="utf-8"))
        given["shards"] = tuple(ShardRun(**shard) for shard in given["shards"])
        given["summaries"] = tuple(given["summaries"])
        given["entities"] = tuple(given["entities"])
        return cls(**given)


def run_plan(plan: IndexPlan) -> IndexStats:
    """Run Pagefind for each shard to index (one run at a time, so the memory needed is that
    of the largest shard), keep each new index in the cache, and assemble the target. The
    scratch folder is removed whatever happens."""
    try:
        return _run_plan(plan)
    finally:
        shutil.rmtree(plan.scratch, ignore_errors=True)


def _run_plan(plan: IndexPlan) -> IndexStats:
    cache = Path(plan.cache_folder) if plan.cache_folder is not None else None
    runs: dict[str, Path] = {}
    for shard in plan.shards:
        if not shard.todo:
            assert cache is not None  # only a cache lends a shard
            runs[shard.name] = cache / shard.key
            continue
        output = Path(plan.scratch) / "index" / shard.name
        pages = plan.pages_folder(shard.name)
        try:
            _run_cli(Path(plan.executable), pages, output, Path(plan.scratch))
        finally:
            shutil.rmtree(pages, ignore_errors=True)  # ~10 KB a notice; gone as soon as read
        _check_output(output, shard.pages)
        _drop_unused(output)
        runs[shard.name] = output
        if cache is not None:
            runs[shard.name] = cache / shard.key
            _store(output, runs[shard.name])
    target = Path(plan.target)
    borrowed: dict[str, str] | None = {} if cache is not None else None
    assemble(target, runs, list(plan.summaries), list(plan.entities), borrowed)
    if cache is not None:
        _forget_others(cache, {path.name for path in runs.values()})
    lent = sorted((borrowed or {}).items())
    size = sum(path.stat().st_size for path in target.rglob("*") if path.is_file()) \
        + sum(os.stat(file).st_size for _, file in lent)
    return IndexStats(plan.records, size, tuple(shard.name for shard in plan.shards),
                      tuple(shard.name for shard in plan.shards if shard.todo), tuple(lent))


# --- the fresh interpreter ----------------------------------------------------------------------


def command(plan: Path, outcome_fd: int) -> list[str]:
    """The command line the forked index process replaces itself with. `-P`: the working
    folder is not put on the module path; the folder that holds this package is, first, so the
    same gongshi runs whatever is installed or lies in the working folder."""
    root = str(Path(__file__).resolve().parent.parent)
    code = (f"import sys; sys.path.insert(0, {root!r}); "
            "from generator.pagefind_run import main; sys.exit(main(sys.argv[1:]))")
    return [sys.executable, "-P", "-c", code, str(plan), str(outcome_fd)]


def main(argv: list[str]) -> int:
    """Run the plan at argv[0]; the outcome goes through the multiprocessing connection whose
    file descriptor is argv[1]."""
    plan_path, outcome_fd = Path(argv[0]), int(argv[1])
    answer(multiprocessing.connection.Connection(outcome_fd, readable=False),
           lambda: run_plan(IndexPlan.load(plan_path)))
    return 0


def answer(sender: Any, work: Callable[[], IndexStats]) -> None:
    """Do an index process's `work` and send its outcome through `sender`: ("done", stats)
    or ("failed", the message the build says). SIGTERM unwinds the work (Pagefind is killed,
    the scratch folder removed); Ctrl+C is the build's to handle."""
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        outcome: tuple[str, Any] = ("done", work())
    except BuildFailed as exc:  # its message goes whole: the build says it in its language
        outcome = ("failed", exc.message)
    except OSError as exc:  # a full disk: what and where, as the build says its own
        outcome = ("failed", describe_os_error(exc))
    except Exception as exc:  # reported by the build as a one-line failure
        outcome = ("failed", COMMANDS.message("search_crashed", kind=type(exc).__name__,
                                              detail=as_said(exc)))
    sender.send(outcome)
    sender.close()


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(1)  # unwinds: Pagefind is killed, temporary folders removed


# --- one Pagefind run ---------------------------------------------------------------------------


def _run_cli(executable: Path, pages: Path, output: Path, scratch: Path) -> None:
    command = [str(executable), "--site", str(pages), "--output-path", str(output),
               "--force-language", INDEX_LANGUAGE, "--quiet"]
    # Pagefind also takes options from PAGEFIND_* variables and from a pagefind.* file in its
    # working folder: it runs without either (the scratch folder holds no such file), so
    # nothing outside the build changes the index.
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("PAGEFIND_")}
    with tempfile.TemporaryFile() as said:
        try:
            done = subprocess.run(command, cwd=scratch, env=environment, stdin=subprocess.DEVNULL,
                                  stdout=said, stderr=subprocess.STDOUT, timeout=TIMEOUT_SECONDS,
                                  check=False)
        except OSError as exc:
            raise BuildFailed(COMMANDS.message("search_cannot_run",
                                               reason=describe_os_error(exc))) from None
        except subprocess.TimeoutExpired:
            raise BuildFailed(COMMANDS.message("search_timeout", seconds=TIMEOUT_SECONDS)) from None
        if done.returncode != 0:
            said.seek(0)
            complaint = _complaint(said.read().decode("utf-8", "replace"))
            if complaint:
                raise BuildFailed(COMMANDS.message("search_pagefind_said", complaint=as_said(complaint)))
            raise BuildFailed(COMMANDS.message("search_pagefind_exit", status=done.returncode))


def _complaint(text: str) -> str:
    """The line that says what went wrong: Pagefind's last error, else its last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error")]
    return (errors or lines or [""])[-1]


def _check_output(output: Path, pages: int) -> None:
    """A run that went wrong without saying so fails the build: Pagefind warns and goes on
    when a page fails to index, and what assemble and the search page read must be there."""
    try:
        entry = json.loads((output / ENTRY_FILE).read_text(encoding="utf-8"))
        indexed = sum(language["page_count"] for language in entry["languages"].values())
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as exc:
        raise BuildFailed(COMMANDS.message("search_no_entry", file=ENTRY_FILE,
                                           detail=as_said(exc))) from None
    if not (output / "pagefind.js").is_file():
        raise BuildFailed(COMMANDS.message("search_no_script"))
    if indexed != pages:
        raise BuildFailed(COMMANDS.message("search_incomplete", indexed=indexed, pages=pages))


def _drop_unused(index: Path) -> None:
    for name in UNUSED:
        (index / name).unlink(missing_ok=True)


# --- pagefind/ from the shards' indexes ---------------------------------------------------------


def assemble(target: Path, runs: Mapping[str, Path], summaries: list[dict[str, Any]],
             entities: list[str] | None = None, borrowed: dict[str, str] | None = None) -> None:
    """pagefind/ from each shard's Pagefind output: the shared code from the first run, an index
    for each shard summarised (a site without notices has none); a function of those outputs
    alone, so the same shards give the same bytes. With `borrowed` (the runs are cache files,
    never changed in place), a run's files are not linked into `target` but named in it: new
    links would move their inodes' change time at every build, and publishing would read every
    search file again to learn it had not changed."""
    def place(source: Path, rel: str) -> None:
        if borrowed is not None:
            borrowed[rel] = str(source)
        else:
            os.makedirs(os.path.dirname(target / rel), exist_ok=True)
            _link_or_copy(str(source), str(target / rel))

    target.mkdir()
    first = next(iter(runs.values()))
    for name in SHARED_CODE:
        place(first / name, name)
    shared_wasm: set[str] = set()
    for name in [summary["name"] for summary in summaries] + (entities or []):
        shard = target / name
        shard.mkdir()
        for item in sorted(runs[name].iterdir()):
            if item.name in SHARED_CODE:
                continue
            if item.name.startswith("wasm.") and item.name.endswith(".pagefind"):
                if item.name not in shared_wasm:
                    place(item, item.name)
                    shared_wasm.add(item.name)
                continue
            if item.name == ENTRY_FILE:
                with cachefile.failures_named(shard / ENTRY_FILE):
                    (shard / ENTRY_FILE).write_text(_shared_wasm_entry(item), encoding="utf-8")
            elif item.is_dir():
                for file in sorted(path for path in item.rglob("*") if path.is_file()):
                    place(file, f"{name}/{file.relative_to(runs[name]).as_posix()}")
            else:
                place(item, f"{name}/{item.name}")
    manifest: dict[str, Any] = {"shards": summaries, "entities": entities or []}
    with cachefile.failures_named(target / SHARDS_FILE):
        (target / SHARDS_FILE).write_text(
            json.dumps(manifest, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def _shared_wasm_entry(entry: Path) -> str:
    """A shard's entry naming the wasm one folder up: pagefind.js fetches
    `{bundle}/wasm.{wasm}.pagefind`, so `x/../../wasm.unknown` is pagefind/wasm.unknown.pagefind
    once the URL's dot segments are resolved."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    for language in data.get("languages", {}).values():
        language["wasm"] = f"x/../../wasm.{language.get('wasm') or 'unknown'}"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _copy_tree(source: Path, destination: Path) -> None:
    shutil.copytree(source, destination, copy_function=_link_or_copy, dirs_exist_ok=True)


def _store(index: Path, cached: Path) -> None:
    """Keep a shard's fresh index (a --clean build replaces what it re-indexed); written aside
    and renamed, so never half there."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    with cachefile.replacing_folder(cached) as partial:
        _copy_tree(index, partial)


def _forget_others(folder: Path, kept: set[str]) -> None:
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name not in kept:
            shutil.rmtree(entry, ignore_errors=True)
