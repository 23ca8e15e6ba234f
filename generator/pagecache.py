"""Incremental publishing: a content-addressed cache of the engine's HTML per generated page.

A notice page (and any page outside the nav) is a pure function of its own Markdown, its
path and the engine's inputs (mkdocs.yml, theme/, content/, labels, engine versions, and the
source of the code that runs the engine: PAGE_CODE): the nav every page shows comes from
mkdocs.yml and content/ only. So its HTML is cached under a hash of exactly those inputs; a
rebuild hands the engine only pages whose hash is new, and publishes the cached HTML for the
rest (generator/publish.py copies it into the output). Output is the same bytes as a clean
build by construction: the cache only ever returns what the engine produced for the same
inputs. Files are written and stamped as generator/cachefile.py says.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from . import cachefile
from .cachefile import Stamp
from .packed import PackedText
from .publish import Source, walk_files

_ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2")
# The code between a page's facts and its HTML: the engine, how the build runs it
# (EngineStage), our Markdown extension and page facts (render/, search.py, listings.py), the
# words, and this cache's own keys and paths. A page's source and facts are in its key.
PAGE_CODE: tuple[str, ...] = (
    "generator.engine", "generator.commands.build", "generator.render", "generator.search",
    "generator.listings", "generator.words", "generator.pagecache",
)
PAGE_FORMAT = "gongshi-page-cache 2"  # stamp.json, html/KEY[:2]/KEY.html, base/
OUTPUT_FORMAT = "gongshi-output-cache 1"  # stamp.json, files/KEY[:2]/KEY
# The code between an output's source and its bytes (render/feeds.py, render/calendars.py,
# render/exports.py and what they import; the ledger's proofs: tlog/ and ledger/store.py), and
# the libraries that write them.
OUTPUT_CODE: tuple[str, ...] = ("generator.render", "generator.words", "generator.pagecache",
                                "generator.tlog", "generator.ledger.store")
_OUTPUT_PACKAGES = ("feedgen", "icalendar", "lxml", "tzdata", "XlsxWriter", "Markdown", "nh3")
BODY_FORMAT = "gongshi-body-cache 3"  # a shard: the stamp line, then one line of JSON: {hash: html}
_LEGACY_BODIES = "bodies.json"  # the one file bodies were kept in before their shards
_LEGACY = ("engine-base",)  # beside the page cache before it had a stamp: one base per fingerprint


def output_html(docs_path: str) -> str:
    """Where the engine writes a page (use_directory_urls): a/index.md → a/index.html,
    a/b.md → a/b/index.html."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def page_url(docs_path: str) -> str:
    """The directory URL of a page relative to the site root ('' for the home page)."""
    html = output_html(docs_path)
    return html.removesuffix("index.html")


def engine_fingerprint(config_file: Path, extra: dict[str, object], folders: Iterable[Path], *,
                       code: Iterable[str | Path] = PAGE_CODE) -> str:
    """Hash of everything besides a page's own Markdown that shapes its HTML: the code that
    makes it (`code`), the engine's versions, mkdocs.yml, the engine's extra values and the
    `folders` (theme/, content/)."""
    return cachefile.fingerprint(code=code, packages=_ENGINE_PACKAGES,
                                 inputs=[config_file, *folders], values=[extra])


class PageCache:
    """Page HTML by key, in a folder stamped with PAGE_FORMAT and the engine fingerprint:

        stamp.json              what the entries were made under
        html/KEY[:2]/KEY.html   one generated page
        base/                   the engine's other files (theme assets, content pages, 404.html)

    A folder of another stamp reads as empty and is emptied by this build's first store."""

    def __init__(self, folder: Path, fingerprint: str, *, fresh: bool = False) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.fresh = fresh  # reuse nothing, store everything
        self.used: set[str] = set()
        self._stamp = Stamp(PAGE_FORMAT, fingerprint)
        self._claimed = cachefile.folder_holds(folder, self._stamp)
        self._readable = self._claimed and not fresh
        self._html = os.path.join(folder, "html")

    def key(self, docs_path: str, content: bytes) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(docs_path.encode())
        digest.update(b"\0")
        digest.update(content)
        return digest.hexdigest()

    def _path(self, key: str) -> str:
        # a string: a build asks after every page's entry (pathlib took 23 µs a call, os.path 5)
        return f"{self._html}/{key[:2]}/{key}.html"

    def _file(self, key: str) -> Path:
        return Path(self._path(key))

    def _claim(self) -> None:
        if not self._claimed:
            cachefile.claim_folder(self.folder, self._stamp)
            self._claimed = True

    def has(self, key: str) -> bool:
        return self._readable and os.path.isfile(self._path(key))

    def store(self, key: str, html_file: Path) -> None:
        self._claim()
        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        cachefile.copy_file(html_file, target)
        self.used.add(key)

    def store_text(self, key: str, html: str) -> Path:
        """Keep a page made without the engine (render/frames.py); returns its entry."""
        self._claim()
        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        cachefile.write_bytes(target, html.encode())
        self.used.add(key)
        return target

    def entry(self, key: str) -> str:
        """The cached HTML of `key`, kept by this build (a string path: a build takes every
        unchanged page's)."""
        self.used.add(key)
        return self._path(key)

    def prune(self) -> None:
        """Forget entries this build did not use, so the cache tracks the current site, and
        what killed builds left."""
        for legacy in _LEGACY:
            shutil.rmtree(self.folder.parent / legacy, ignore_errors=True)
        cachefile.remove_temporaries(self.folder.parent, of=self.folder.name)
        if not self._claimed:
            return  # another stamp's: emptied when a build first stores into it
        cachefile.remove_temporaries(self.folder)
        html = self.folder / "html"
        if html.is_dir():
            for shard in html.iterdir():
                cachefile.remove_temporaries(shard)
                for entry in shard.glob("*.html"):
                    if entry.stem not in self.used:
                        entry.unlink(missing_ok=True)

    # The engine's files besides generated pages (theme assets, content pages, 404.html) depend
    # only on the fingerprint: kept whole, so a build whose pages are all cached skips the engine.
    # The sitemap is ours, written after the engine: not kept.
    _NOT_BASE = frozenset({"sitemap.xml", "sitemap.xml.gz"})

    @property
    def _base(self) -> Path:
        return self.folder / "base"

    def has_base(self) -> bool:
        return self._readable and self._base.is_dir()

    def store_base(self, site_dir: Path, generated: set[str]) -> None:
        """Keep the files of the engine's output in `site_dir` but the `generated` pages."""
        self._claim()
        with cachefile.replacing_folder(self._base) as partial:
            for path in site_dir.rglob("*"):
                relative = path.relative_to(site_dir).as_posix()
                if path.is_file() and relative not in generated and relative not in self._NOT_BASE:
                    target = partial / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)

    def base_files(self) -> dict[str, Source]:
        """The engine's files besides generated pages, by their path in the site."""
        return {rel: Source(self._base / rel, owned=False) for rel in walk_files(self._base)}


class BodyCache:
    """Sanitized body HTML by the hash of its Markdown, kept between builds: converting bodies
    is most of the render stage, and a rebuild meets the same bodies again. A folder of up to
    256 shard files by the hash's first byte, each the stamp line (BODY_FORMAT and
    `fingerprint`) then its bodies as one line of JSON: a build that meets a new body rewrites
    its shard, not every body of the site (~180 MB at 50,000 notices, written again at every
    build that changed one). A shard is read when the build first needs one of its bodies,
    and a body found there leaves it for `used` (deflated): a build that remakes every notice
    (the first after an upgrade of gongshi) held every body twice, ~200 MiB at 50,000."""

    def __init__(self, folder: Path, fingerprint: str, *, fresh: bool = False) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.fresh = fresh
        self._stamp = Stamp(BODY_FORMAT, fingerprint)
        self._unused: dict[str, dict[str, str]] = {}  # shard → its bodies not used yet, once read
        self._held: dict[str, frozenset[str]] = {}  # shard → the keys it held when read
        self.used: dict[str, PackedText] = {}  # held deflated: every notice's, to the end

    def _shard(self, shard: str) -> dict[str, str]:
        """The bodies of `shard` this build has not used yet, read the first time it is asked for."""
        if shard not in self._unused:
            file = self.folder / f"{shard}.json"
            self._unused[shard] = {} if self.fresh or not file.is_file() else self._read(file)
            self._held[shard] = frozenset(self._unused[shard])
        return self._unused[shard]

    def held(self, shard: str) -> frozenset[str]:
        """The keys of the bodies an earlier build kept in `shard`."""
        self._shard(shard)
        return self._held[shard]

    def stored(self) -> dict[str, str]:
        """Every body the cache holds on disk, by key (every shard read: for a look at the whole
        cache, not for a build)."""
        files = sorted(self.folder.glob("*.json")) if not self.fresh and self.folder.is_dir() else []
        return {key: html for file in files for key, html in self._read(file).items()}

    def _read(self, file: Path) -> dict[str, str]:
        stored = cachefile.read_stamped(file, self._stamp, _bodies) or {}
        return {key: html for key, html in stored.items() if _body_shard(key) == file.stem}

    def html(self, text: str, convert: Callable[[str], str]) -> PackedText:
        key = hashlib.sha256(text.encode()).hexdigest()
        if key not in self.used:
            found = self._shard(_body_shard(key)).pop(key, None)
            self.used[key] = PackedText.of(convert(text) if found is None else found)
        return self.used[key]

    def save(self, *, complete: bool = True) -> None:
        """Keep the bodies this build used: rewrite each shard whose bodies changed. `complete`:
        the build used the body of every notice, so the bodies it did not use belong to no
        notice any more and go (their shards removed when empty). A build that took notices
        from the store (store.py) used only the bodies of those it made: it adds bodies and
        removes none, else it would drop every other notice's. A shard that holds exactly the
        bodies it held stays as it is."""
        self.folder.mkdir(parents=True, exist_ok=True)
        cachefile.remove_temporaries(self.folder)
        used = cachefile.by_shard(self.used, _body_shard)
        for shard, packed in used.items():
            held = self.held(shard)
            if (packed.keys() if complete else packed.keys() | held) != held:
                bodies = {key: html.text() for key, html in packed.items()}
                with cachefile.writing(self.folder / f"{shard}.json", self._stamp) as stream:
                    cachefile.dump_json(bodies if complete else {**self._unused[shard], **bodies}, stream)
                    stream.write(b"\n")
        if complete:
            for file in self.folder.glob("*.json"):
                if file.stem not in used:
                    file.unlink(missing_ok=True)
        (self.folder.parent / _LEGACY_BODIES).unlink(missing_ok=True)


def _body_shard(key: str) -> str:
    return key[:2]


def _bodies(stream: BinaryIO) -> dict[str, str]:
    stored = json.loads(stream.read())
    if not isinstance(stored, dict):
        raise ValueError("not a table of bodies")
    return {key: html for key, html in stored.items() if isinstance(html, str)}


def output_fingerprint() -> str:
    return cachefile.fingerprint(code=OUTPUT_CODE, packages=_OUTPUT_PACKAGES)


class OutputCache:
    """Files of the site made from a source that is plain data (the feeds and calendars of
    regions × categories and of projects: tens of thousands at scale), by a hash of the source
    and the file's path, in a folder stamped with OUTPUT_FORMAT and the code's fingerprint:

        stamp.json            what the entries were made under
        files/KEY[:2]/KEY     one file of the site

    A build renders only the files whose source it has not seen, and publishes the others from
    here, like cached pages: the output tree's manifest knows the cache file's identity, so an
    unchanged file is neither hashed nor written again (generator/publish.py)."""

    def __init__(self, folder: Path, fingerprint: str, *, fresh: bool = False) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self._stamp = Stamp(OUTPUT_FORMAT, fingerprint)
        self._claimed = cachefile.folder_holds(folder, self._stamp)
        self._readable = self._claimed and not fresh
        self._files = os.path.join(folder, "files")

    def key(self, site_path: str, source: str) -> str:
        digest = hashlib.sha256(self._stamp.fingerprint.encode())
        digest.update(site_path.encode())
        digest.update(b"\0")
        digest.update(source.encode())
        return digest.hexdigest()

    def _path(self, key: str) -> str:
        # a string: a build asks after every feed and calendar it keeps (as PageCache._path)
        return f"{self._files}/{key[:2]}/{key}"

    def _file(self, key: str) -> Path:
        return Path(self._path(key))

    def file(self, key: str) -> Path:
        """Where the file of `key` is once written (get() tells whether it is)."""
        return self._file(key)

    def get(self, key: str) -> Path | None:
        """The cached file of `key`, kept by this build; None when there is none."""
        if not (self._readable and os.path.isfile(self._path(key))):
            return None
        self.used.add(key)
        return self._file(key)

    def put(self, key: str, data: bytes) -> Path:
        with self.writing(key) as partial:
            partial.write_bytes(data)
        return self._file(key)

    @contextmanager
    def writing(self, key: str) -> Iterator[Path]:
        """A temporary path to write the file of `key` at (streamed: a month's exports
        are tens of megabytes at scale); it becomes the entry when the block ends without an error."""
        if not self._claimed:
            cachefile.claim_folder(self.folder, self._stamp)
            self._claimed = True
        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        with cachefile.replacing(target) as partial:
            yield partial
        self.used.add(key)

    def prune(self) -> None:
        """Forget the files this build did not use, and what killed builds left."""
        cachefile.remove_temporaries(self.folder.parent, of=self.folder.name)
        if not self._claimed:
            return
        cachefile.remove_temporaries(self.folder)
        files = self.folder / "files"
        if files.is_dir():
            for shard in files.iterdir():
                cachefile.remove_temporaries(shard)
                for entry in shard.iterdir():
                    if entry.name not in self.used and not cachefile.is_temporary(entry):
                        entry.unlink(missing_ok=True)
