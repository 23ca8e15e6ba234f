"""The site engine (MkDocs + Material) behind one function, `run_engine`: build the
hand-written pages of `content/` and our generated pages into a site folder with our theme.
Nothing else in gongshi imports MkDocs.

Only MkDocs' documented interfaces are used: `load_config` with overrides, `build`, and a
plugin (`GongshiPlugin`, registered under the `mkdocs.plugins` entry point "gongshi") whose
events add the generated pages as generated files (`on_files`), hand each page's facts to its
template (`on_page_context`), add our settings and Markdown extension (`on_config`, the event
MkDocs documents for changing the configuration) and keep compiled templates between builds
(`on_env`, through Jinja's public `Environment.overlay`). README.md ("The site engine") says
what moving to another engine would take.

The site's language reaches the engine here only, through its public configuration:
`load_config` is given the site's name and description in that language, Material's
`theme.language` (its words and `<html lang>`), and the nav with each title that names a label
(`nav_about`) said in that language. A hand-written page `content/X.en.md` is `X.md` in the
English site (`on_files`) and never a page of its own; with `original: after` in its front
matter it is a summary, followed by the original page marked as Chinese.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, cast

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .config import DEFAULT_LANGUAGE, configured_nav, configured_plugins, configured_theme
from .errors import BuildFailed, UsageError
from .progress import SILENT, Progress, StageProgress
from .render.failures import template_failure
from .render.tables import NamedTableRegions
from .words import COMMANDS, LANGUAGES
from .words.commands import as_said

PLUGIN = "gongshi"  # the plugin's name, as pyproject.toml registers it
# content/about.en.md: about.md in the English site
TRANSLATION = re.compile(r"(?P<original>.+)\.(?P<language>" + "|".join(LANGUAGES) + r")\.md")
# a translation's front matter says it is a summary, the original page following it
ORIGINAL_AFTER = ("original", "after")
# an anchor set in Markdown: `## Title {#name}`, or `{: #name }` after a block
ANCHOR = re.compile(r"\{:?\s*#([A-Za-z0-9_-]+)\s*\}")


class EnginePage(Protocol):
    """What the engine needs of a generated page."""

    @property
    def path(self) -> str: ...  # in the docs folder: notices/ID.md

    @property
    def facts(self) -> object: ...  # handed to its template as `gongshi`

    def source(self) -> str: ...  # the Markdown the engine reads, with its front matter


@dataclass(frozen=True)
class EngineRun:
    """One build's inputs beyond mkdocs.yml."""

    pages: Sequence[EnginePage]
    nav: frozenset[str]  # docs paths that mkdocs.yml's nav names
    extra: dict[str, Any]  # merged into `extra`; its `labels` title the nav's entries too
    bytecode_dir: Path
    language: str = DEFAULT_LANGUAGE  # of the site
    site_name: str | None = None  # in the site's language; None: mkdocs.yml's
    site_description: str | None = None
    progress: Progress = SILENT  # counts our pages as the engine writes them (stage `rendered`)


class GongshiPlugin(BasePlugin):
    """Adds our generated pages to a MkDocs build and their facts to their templates."""

    def __init__(self) -> None:
        self.run: EngineRun | None = None
        self.facts: dict[str, object] = {}
        self.rendering: StageProgress = SILENT.stage("rendered", None)

    def prepare(self, run: EngineRun) -> None:
        self.run = run
        self.facts = {page.path: page.facts for page in run.pages}

    def _current(self) -> EngineRun:
        if self.run is None:
            raise BuildFailed(COMMANDS.message("engine_outside"))
        return self.run

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        run = self._current()
        config.extra.update(run.extra)
        # ours, not named in mkdocs.yml: a site's config then never depends on which
        # installed copy of this package MkDocs would import by name
        config.markdown_extensions.append(NamedTableRegions())  # type: ignore[arg-type]
        if "md_in_html" not in config.markdown_extensions:  # the original after a summary
            config.markdown_extensions.append("md_in_html")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        run = self._current()
        _translated(files, config, run.language)
        for page in run.pages:
            if files.get_file_from_path(page.path) is not None:
                raise BuildFailed(COMMANDS.message("engine_clash", path=page.path))
            inclusion = InclusionLevel.UNDEFINED if page.path in run.nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.source(),
                                        inclusion=inclusion))
        self.rendering = run.progress.stage("rendered", len(run.pages))
        return files

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig,
               files: Files) -> jinja2.Environment:
        # Compiled templates kept between builds (Jinja checks each against its source).
        cache = jinja2.FileSystemBytecodeCache(str(self._current().bytecode_dir))
        return env.overlay(bytecode_cache=cache)

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        _ours(context)["gongshi"] = self.facts.get(page.file.src_uri)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.facts:
            self.rendering.advance()
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.rendering.done()

    def on_template_context(self, context: TemplateContext, /, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        _ours(context)["gongshi"] = None  # 404.html: no facts
        return context


def is_translation(docs_path: str) -> bool:
    """content/X.en.md: X.md in the English site, never a page of its own (nor in the sitemap)."""
    return TRANSLATION.fullmatch(docs_path) is not None


def _translated(files: Files, config: MkDocsConfig, language: str) -> None:
    """Every `X.<language>.md` of content/ leaves the files; the site's language's one takes
    the place of `X.md`, whose address, place in the nav and anchors it keeps."""
    for translation in list(files.documentation_pages(inclusion=lambda _: True)):
        found = TRANSLATION.fullmatch(translation.src_uri)
        if found is None:
            continue
        files.remove(translation)
        if found["language"] != language:
            continue
        original = files.get_file_from_path(f"{found['original']}.md")
        if original is None:
            raise BuildFailed(COMMANDS.message("engine_translation_alone", path=translation.src_uri,
                                               original=f"{found['original']}.md"))
        files.remove(original)
        files.append(File.generated(config, original.src_uri, inclusion=original.inclusion,
                                    content=_page_in(translation, original)))


def _page_in(translation: File, original: File) -> str:
    """The translation's Markdown; when it is a summary, the original page after it (without
    its own title and front matter), marked as written in the site's default language."""
    from mkdocs.utils.meta import get_data

    text = translation.content_string
    _, meta = get_data(text)
    if meta.get(ORIGINAL_AFTER[0]) != ORIGINAL_AFTER[1]:
        return text
    body, _ = get_data(original.content_string)
    body = re.sub(r"\A\s*# [^\n]*\n", "", body, count=1)
    body = _without_anchors(body, set(ANCHOR.findall(text)))
    return f'{text.rstrip()}\n\n<div lang="{DEFAULT_LANGUAGE}" markdown>\n\n{body.strip()}\n\n</div>\n'


def _without_anchors(body: str, anchors: set[str]) -> str:
    """The original without the anchors (`{#import}`, `{: #rule }`) its summary gives sections of
    its own: an id is on a page once, and links to it reach the translated section."""
    return ANCHOR.sub(lambda found: "" if found[1] in anchors else found[0], body) if anchors else body


def _theme_in(config_file: Path, language: str) -> dict[str, Any] | None:
    """mkdocs.yml's theme with Material's `language` set to the site's (its words and <html
    lang>), unless it is already that language or a variant of it (zh-Hant); None: as it is."""
    theme = configured_theme(config_file)
    if not isinstance(theme, dict | str):
        return None  # no theme of ours: MkDocs says what is wrong
    options: dict[str, Any] = dict(theme) if isinstance(theme, dict) else {"name": theme}
    written = str(options.get("language") or "en")  # MkDocs' default
    if written.split("-")[0] == language:
        return None
    return {**options, "language": language}


def _nav_in(entry: Any, labels: dict[str, Any]) -> Any:
    """The nav with each title that is the key of a label said as that label; other titles
    as written, and pages without a title keep none (the engine shows the page's own)."""
    if isinstance(entry, list):
        return [_nav_in(item, labels) for item in entry]
    if isinstance(entry, dict):
        return {_title(title, labels): _nav_in(value, labels) for title, value in entry.items()}
    return entry


def _title(title: Any, labels: dict[str, Any]) -> Any:
    label = labels.get(title) if isinstance(title, str) else None
    return label if isinstance(label, str) else title


def _ours(context: TemplateContext) -> dict[str, Any]:
    """The template context as the mapping it is: MkDocs types it by the keys it sets itself."""
    return cast(dict[str, Any], context)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _build_date(now: datetime) -> Iterator[None]:
    """MkDocs stamps sitemaps and gzip headers with the build date: make it "now"."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(now.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def _warnings_fail() -> Iterator[_Collect]:
    collected = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield collected
    finally:
        logger.removeHandler(collected)
        logger.setLevel(level)


def _plugins(config_file: Path) -> list[Any]:
    """mkdocs.yml's plugins with ours added: a site's configuration need not name it."""
    plugins = configured_plugins(config_file)
    named = {next(iter(p)) if isinstance(p, dict) else p for p in plugins}
    return plugins if PLUGIN in named else [*plugins, PLUGIN]


def run_engine(
    config_file: Path,
    site_dir: Path,
    run: EngineRun,
    *,
    now: datetime,
    docs_dir: Path | None = None,
    site_url: str | None = None,
) -> None:
    """Build content/ (or `docs_dir`) and `run.pages` into `site_dir`, emptied first; warnings
    of the engine fail the build. `site_url` replaces the configuration's (serve uses
    http://127.0.0.1:PORT/)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise UsageError(COMMANDS.message("engine_no_config", path=str(config_file)))
    run.bytecode_dir.mkdir(parents=True, exist_ok=True)
    overrides: dict[str, Any] = {"site_dir": str(site_dir), "plugins": _plugins(config_file)}
    overrides |= _in_the_sites_language(config_file, run)
    if site_url:
        overrides["site_url"] = site_url
    if docs_dir is not None:
        overrides["docs_dir"] = str(docs_dir)
    try:
        with _warnings_fail() as collected, _build_date(now):
            config = load_config(config_file=str(config_file), **overrides)
            plugin = config.plugins[PLUGIN]
            if not isinstance(plugin, GongshiPlugin):
                raise UsageError(COMMANDS.message("engine_foreign_plugin", path=str(config_file),
                                                  name=PLUGIN))
            plugin.prepare(run)
            mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildFailed(COMMANDS.message("engine_failed", detail=as_said(exc))) from None
    except (OSError, UsageError):
        raise  # the machine (a full disk), or a configuration that cannot work
    except Exception as exc:  # a theme/ template can fail in any way; say where, not a traceback
        # (ours too: a clash, a fact a template asks for and no model has)
        raise template_failure(exc) from None
    if collected.messages:
        raise BuildFailed(COMMANDS.message("engine_warning", detail=as_said(collected.messages[0])))


def _in_the_sites_language(config_file: Path, run: EngineRun) -> dict[str, Any]:
    """What of mkdocs.yml the site's language changes, as `load_config` overrides."""
    overrides: dict[str, Any] = {}
    if run.site_name is not None:
        overrides["site_name"] = run.site_name
    if run.site_description is not None:
        overrides["site_description"] = run.site_description
    theme = _theme_in(config_file, run.language)
    if theme is not None:
        overrides["theme"] = theme
    nav = configured_nav(config_file)
    if nav is not None:
        overrides["nav"] = _nav_in(nav, run.extra.get("labels") or {})
    return overrides
