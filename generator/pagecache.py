"""Incremental publishing: a content-addressed cache of the engine's HTML per generated page.

A notice page (and any page outside the nav) is a pure function of its own Markdown, its
path and the engine's inputs (mkdocs.yml, theme/, content/, labels, engine versions): the
nav every page shows comes from mkdocs.yml and content/ only. So its HTML is cached under a
hash of exactly those inputs; a rebuild hands the engine only pages whose hash is new, and
publishes the cached HTML for the rest (generator/publish.py copies it into the output). Output is the same bytes as a clean build by
construction: the cache only ever returns what the engine produced for the same inputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .publish import Source, walk_files

_ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2")


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


def _hash_tree(digest: Any, folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


def engine_fingerprint(config_file: Path, extra: dict[str, Any], folders: Iterable[Path]) -> str:
    """Hash of everything besides a page's own Markdown that shapes its HTML."""
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    for package in _ENGINE_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    digest.update(config_file.read_bytes())
    digest.update(json.dumps(extra, sort_keys=True, ensure_ascii=False).encode())
    for folder in folders:
        digest.update(str(folder.name).encode())
        _hash_tree(digest, folder)
    return digest.hexdigest()


class PageCache:
    def __init__(self, folder: Path, fingerprint: str, *, fresh: bool = False) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.fresh = fresh  # reuse nothing, store everything
        self.used: set[str] = set()

    def key(self, docs_path: str, text: str) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(docs_path.encode())
        digest.update(b"\0")
        digest.update(text.encode())
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def has(self, key: str) -> bool:
        return not self.fresh and self._file(key).is_file()

    def store(self, key: str, html_file: Path) -> None:
        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(html_file, partial)
        partial.replace(target)  # never a half-written entry, even if the build dies
        self.used.add(key)

    def entry(self, key: str) -> Path:
        """The cached HTML of `key`, kept by this build."""
        self.used.add(key)
        return self._file(key)

    def prune(self) -> None:
        """Forget entries this build did not use, so the cache tracks the current site."""
        if self.folder.is_dir():
            for entry in self.folder.glob("*/*.html"):
                if entry.stem not in self.used:
                    entry.unlink(missing_ok=True)
        if self._bases.is_dir():
            for base in self._bases.iterdir():
                if base != self._base:
                    shutil.rmtree(base, ignore_errors=True)

    # The engine's files besides generated pages (theme assets, content pages, 404.html) depend
    # only on the fingerprint: kept whole, so a build whose pages are all cached skips the engine.
    # The sitemap is ours, written after the engine: not kept.
    _NOT_BASE = frozenset({"sitemap.xml", "sitemap.xml.gz"})

    @property
    def _bases(self) -> Path:
        return self.folder.parent / "engine-base"

    @property
    def _base(self) -> Path:
        return self._bases / self.fingerprint

    def has_base(self) -> bool:
        return not self.fresh and self._base.is_dir()

    def store_base(self, site_dir: Path, generated: set[str]) -> None:
        """Keep the files of the engine's output in `site_dir` but the `generated` pages."""
        partial = self._bases / f"{self.fingerprint}.{os.getpid()}.part"
        shutil.rmtree(partial, ignore_errors=True)
        for path in site_dir.rglob("*"):
            relative = path.relative_to(site_dir).as_posix()
            if path.is_file() and relative not in generated and relative not in self._NOT_BASE:
                target = partial / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        shutil.rmtree(self._base, ignore_errors=True)
        partial.mkdir(parents=True, exist_ok=True)
        partial.rename(self._base)

    def base_files(self) -> dict[str, Source]:
        """The engine's files besides generated pages, by their path in the site."""
        return {rel: Source(self._base / rel, owned=False) for rel in walk_files(self._base)}


class BodyCache:
    """Sanitized body HTML by the hash of its Markdown, kept between builds: converting bodies
    is most of the render stage, and a rebuild meets the same bodies again."""

    def __init__(self, file: Path, fingerprint: str, *, fresh: bool = False) -> None:
        self.file = file
        self.fingerprint = fingerprint
        self.known: dict[str, str] = {} if fresh else self._read()
        self.used: dict[str, str] = {}

    def _read(self) -> dict[str, str]:
        try:
            stored = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("fingerprint") != self.fingerprint:
            return {}
        bodies = stored.get("bodies")
        return bodies if isinstance(bodies, dict) else {}

    def html(self, text: str, convert: Callable[[str], str]) -> str:
        key = hashlib.sha256(text.encode()).hexdigest()
        found = self.known.get(key)
        if found is None:
            found = convert(text)
        self.used[key] = found
        return found

    def save(self) -> None:
        """Keep the bodies this build used (and only those); written aside, then renamed. When
        it used exactly the bodies it read, the file already holds them and stays as it is."""
        if self.used.keys() == self.known.keys():
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_name(f"{self.file.name}.{os.getpid()}.part")
        # json.dump writes piece by piece: the whole file as one string was the build's peak
        # memory at 50,000 notices (+435 MiB after everything else was done)
        with open(partial, "w", encoding="utf-8") as stream:
            json.dump({"fingerprint": self.fingerprint, "bodies": self.used}, stream,
                      ensure_ascii=False)
        partial.replace(self.file)
