"""The site engine (MkDocs + Material) behind one function: build a docs folder into a site
folder with our theme and labels. Nothing else in gongshi imports MkDocs."""

from __future__ import annotations

import gc
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from .errors import BuildFailed, UsageError
from .render.tables import NamedTableRegions

# What MkDocs says of every dirty build; ours are batches of one site (see build.EngineStage).
_DIRTY_WARNING = "A 'dirty' build is being performed"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_DIRTY_WARNING):
            self.messages.append(message)


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


@dataclass
class _Session:
    bytecode: jinja2.BytecodeCache
    theme_files: dict[tuple[str, ...], list[str]] = field(default_factory=dict)


_session: _Session | None = None


@contextmanager
def engine_session(bytecode_dir: Path) -> Iterator[None]:
    """The engine runs of one build: they share the theme's file list (`gongshi serve` builds
    again after an edit, in a new session) and compiled templates, kept in `bytecode_dir`
    between builds (Jinja checks each against its template's source)."""
    global _session
    bytecode_dir.mkdir(parents=True, exist_ok=True)
    _session = _Session(jinja2.FileSystemBytecodeCache(str(bytecode_dir)))
    try:
        yield
    finally:
        _session = None


def _quicker_theme(theme: Any, session: _Session) -> None:
    """Each engine run makes a new Jinja environment, compiles the templates and lists every
    file of the theme (Material's icons: ~14,000) for its static files: about a second a run.
    Keep the compiled templates and the list for the next run of the session."""
    make_env = theme.get_env
    key = (*theme.dirs, "\0", *theme.static_templates)

    def get_env() -> jinja2.Environment:
        env: jinja2.Environment = make_env()
        env.bytecode_cache = session.bytecode
        list_templates = env.list_templates

        def listed(*args: Any, **kwargs: Any) -> list[str]:
            if key not in session.theme_files:
                session.theme_files[key] = list_templates(*args, **kwargs)
            return list(session.theme_files[key])

        env.list_templates = listed  # type: ignore[method-assign]
        return env

    theme.get_env = get_env


class _NotPlainJson(ValueError):
    pass


def _refuse(value: str) -> Any:
    raise _NotPlainJson(value)


@contextmanager
def _json_front_matter() -> Iterator[None]:
    """Our generated pages carry their front matter as one line of JSON (pages.GeneratedPage):
    read it with json, not YAML, whose object construction is a fifth of the engine's time. A
    JSON object without floats reads the same either way (YAML 1.1 reads 1e5 as a string);
    anything else (content/ pages) goes to MkDocs' own reader."""
    from mkdocs.utils import meta

    yaml_reader = meta.get_data

    def get_data(doc: str) -> tuple[str, dict[str, Any]]:
        if doc.startswith("---\n{"):
            end = doc.find("\n---\n", 4)
            if end > 0 and "\n" not in doc[4:end]:
                try:
                    data = json.loads(doc[4:end], parse_float=_refuse, parse_constant=_refuse)
                except ValueError:
                    data = None
                if isinstance(data, dict):
                    return doc[end + 5:].lstrip("\n"), data
        return yaml_reader(doc)

    meta.get_data = get_data
    try:
        yield
    finally:
        meta.get_data = yaml_reader


def _template_location(exc: Exception) -> str:
    """theme/notice.html:12 for syntax errors; the innermost template frame otherwise."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{exc.filename or exc.name}:{exc.lineno}"
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".html"):
            frames.append(f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}")
        tb = tb.tb_next
    return frames[-1] if frames else "(unknown)"


def run_engine(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    extra: dict[str, Any],
    now: datetime,
    site_url: str | None = None,
    dirty: bool = False,
) -> None:
    """Build `docs_dir` into `site_dir`; warnings of the engine fail the build. `site_url`
    replaces the configuration's (serve uses http://127.0.0.1:PORT/). `dirty`: add to
    `site_dir`, rendering only pages newer than their output, instead of emptying it first."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise UsageError(f"site configuration {config_file} not found: run from the project folder")
    collected = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        with _build_date(now), _json_front_matter():
            overrides = {"site_url": site_url} if site_url else {}
            config = load_config(
                config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                **overrides,
            )
            config.extra.update(extra)
            # ours, not named in mkdocs.yml: a site's config then never depends on which
            # installed copy of this package MkDocs would import by name (typed as names; MkDocs takes this)
            config.markdown_extensions.append(NamedTableRegions())  # type: ignore[arg-type]
            if _session is not None:
                _quicker_theme(config.theme, _session)
            mkdocs_build(config, dirty=dirty)
    except MkDocsException as exc:
        raise BuildFailed(f"site engine: {exc}") from None
    except jinja2.TemplateError as exc:
        raise BuildFailed(f"site engine: template {_template_location(exc)}: {exc}") from None
    except OSError:
        raise  # the machine, not a template: a full disk or a folder that cannot be written
    except Exception as exc:  # a theme/ template can fail in any way; say where, not a traceback
        raise BuildFailed(
            f"site engine failed in {_template_location(exc)}: {type(exc).__name__}: {exc}"
        ) from None
    finally:
        logger.removeHandler(collected)
        logger.setLevel(level)
        # A run's pages, files and nav refer to each other: free them now, before the next
        # batch, not at Python's next full collection (memory grew with every batch).
        gc.collect()
    if collected.messages:
        raise BuildFailed(f"site engine: {collected.messages[0]}")
