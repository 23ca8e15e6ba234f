"""Site settings: a declarative schema read from `extra.gongshi` in mkdocs.yml.

One immutable object, passed down explicitly; nothing reads settings from globals.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from .errors import UsageError
from .model import DEFAULT_TIMEZONE
from .words import COMMANDS, LANGUAGES, Message, Series, Word, shown

DEFAULT_LANGUAGE: Literal["zh", "en"] = "zh"  # of the site, and of the command line until it is known
# The name of a site whose configuration gives none (the site's owner names it, in mkdocs.yml).
DEFAULT_SITE_NAME = Word(zh="公示 · 湖北公共资源交易信息发布", en="Gongshi · Hubei Public Resource Trading Notices")
SITE_TEXTS = ("site_name", "site_description")  # written by the site's owner, in each language


class InEachLanguage(BaseModel):
    """Text the site's owner writes once per language of the site: `zh: …` and `en: …`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def in_language(self, language: str) -> str:
        return Word(**self.model_dump()).in_language(language)


class LogSettings(BaseModel):
    """`extra.gongshi.log`: the publication log (issue #16, generator/ledger/)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    origin: str | None = Field(None, min_length=1, pattern=r"^[^\s+][^\s]*$",
                               description="the log's origin line (default: the site's host and path, then log)")
    public_key: str | None = Field(None, min_length=1, pattern=r"^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$",
                                   description="the checkpoint's verifier key (a signed note's key)")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: str = Field(DEFAULT_TIMEZONE, description="site time zone for datetimes without offset")
    site_url: str = Field("https://gongshi.example.cn/", description="absolute base of feed links")
    # The site's name and description in its language: in mkdocs.yml either one text for every
    # language or one per language (InEachLanguage); the engine gives them to MkDocs.
    site_name: str = Field(DEFAULT_SITE_NAME.in_language(DEFAULT_LANGUAGE), min_length=1)
    site_description: str | None = Field(None, min_length=1)
    language: Literal["zh", "en"] = DEFAULT_LANGUAGE
    page_size: int = Field(30, ge=5, le=500, description="entries per listing page")
    feed_limit: int = Field(50, ge=1, le=10000, description="entries per feed")
    ocid_prefix: str = Field("ocds-gongshi", description="OCDS ocid prefix")
    labels: dict[str, str] = Field(default_factory=dict, description="overrides of UI labels")
    stale_after_hours: int = Field(
        26, ge=1, le=24 * 366, strict=True,
        description="hours after a build from which every page says its data may be out of date",
    )
    log: LogSettings = Field(default_factory=LogSettings)

    @model_validator(mode="before")
    @classmethod
    def _in_the_sites_language(cls, data: Any) -> Any:
        """A name or description written per language becomes the one of the site's language;
        one written wrong is left as it is, for its field to refuse."""
        if not isinstance(data, dict):
            return data
        language = data.get("language", DEFAULT_LANGUAGE)
        language = language if language in LANGUAGES else DEFAULT_LANGUAGE  # refused by its field
        said = dict(data)
        said.setdefault("site_name", DEFAULT_SITE_NAME)
        for key in SITE_TEXTS:
            written = said.get(key)
            if isinstance(written, Word):
                said[key] = written.in_language(language)
            elif isinstance(written, dict):
                with contextlib.suppress(ValidationError):  # refused as not text by its field
                    said[key] = InEachLanguage.model_validate(written).in_language(language)
        return said

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("not a time zone") from None  # load_settings says what is expected
        return value

    @field_validator("site_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("not a web address")  # load_settings says what is expected
        return value if value.endswith("/") else value + "/"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def log_origin(self) -> str:
        """The origin line of the log's checkpoints: as configured, else the site's address
        without its scheme, then `log` (gongshi.example.cn/log)."""
        if self.log.origin is not None:
            return self.log.origin
        return self.site_url.split("://", 1)[1] + "log"


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may carry engine tags (!!python/name:…, !ENV); we only need our own keys."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def load_settings(config_file: Path | None) -> Settings:
    """Settings from `extra.gongshi` of the given mkdocs.yml; defaults when there is none."""
    if config_file is None or not config_file.is_file():
        return Settings()
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except yaml.YAMLError as exc:
        raise UsageError(_unreadable(config_file, exc)) from None
    except UnicodeDecodeError:
        raise UsageError(COMMANDS.message("config_encoding", path=str(config_file))) from None
    section = _gongshi_section(raw)
    # MkDocs' own settings stand in for ours where extra.gongshi has none
    for key in ("site_url", *SITE_TEXTS):
        if key not in section and isinstance(raw, dict) and raw.get(key):
            section = {**section, key: raw[key]}
    try:
        return Settings.model_validate(section)
    except ValidationError as exc:
        raise UsageError(_setting_problem(config_file, exc.errors()[0])) from None


def configured_language(config_file: Path) -> str | None:
    """The language mkdocs.yml sets, read before anything else (even before the command line
    is parsed, so that its errors and --help are said in it); None when the file says none or
    cannot be read (the error is reported once the command line is understood)."""
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    language = _gongshi_section(raw).get("language")
    return language if language in LANGUAGES else None


def _gongshi_section(raw: Any) -> dict[str, Any]:
    """`extra.gongshi` of a loaded mkdocs.yml: empty when absent or not a mapping."""
    extra = raw.get("extra") if isinstance(raw, dict) else None
    section = extra.get("gongshi") if isinstance(extra, dict) else None
    return section if isinstance(section, dict) else {}


def _unreadable(config_file: Path, exc: yaml.YAMLError) -> Message:
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return COMMANDS.message("config_yaml_unplaced", path=str(config_file))
    return COMMANDS.message("config_yaml", path=str(config_file), line=mark.line + 1,
                            column=mark.column + 1)


def _setting_problem(config_file: Path, error: ErrorDetails) -> Message:
    """One error of pydantic said our way: the option, what it holds and what it should."""
    names = [str(part) for part in error["loc"]]
    option = ".".join(["extra", "gongshi", *names])
    if error["type"] == "extra_forbidden":
        settings = Series.of([COMMANDS.message("choice", code=name) for name in Settings.model_fields])
        return COMMANDS.message("config_unknown_setting", path=str(config_file), option=option,
                                settings=settings)
    return COMMANDS.message("config_setting", path=str(config_file), option=option,
                            value=shown(error["input"]),
                            expected=_expected(names, quoted=_number_in_quotes(error["input"])))


def _number_in_quotes(value: object) -> bool:
    """A number written in quotes ('26'): text to YAML, which a whole-number setting refuses."""
    return isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+(?:\.\d+)?\s*", value) is not None


def _expected(names: list[str], *, quoted: bool) -> Message:
    """What a setting holds: `names` is its place under extra.gongshi (labels.home, page_size);
    `quoted`: the value was written as text (a number in quotes is text to YAML)."""
    name = names[0]
    if name == "labels" and len(names) == 1:
        return COMMANDS.message("setting_labels")
    if name in SITE_TEXTS:
        return COMMANDS.message("setting_site_text")
    if name in ("timezone", "site_url", "language"):
        return COMMANDS.message(f"setting_{name}")
    bounds = _bounds(name)
    if bounds is not None:
        kind = "setting_whole_number_unquoted" if quoted else "setting_whole_number"
        return COMMANDS.message(kind, low=bounds[0], high=bounds[1])
    return COMMANDS.message("setting_text")


def _bounds(name: str) -> tuple[int, int] | None:
    """The range of a whole-number setting, as its Field declares it (ge=…, le=…)."""
    found = {}
    for constraint in Settings.model_fields[name].metadata:
        for bound in ("ge", "le"):
            if isinstance(getattr(constraint, bound, None), int):
                found[bound] = getattr(constraint, bound)
    return (found["ge"], found["le"]) if len(found) == 2 else None


def _nav_files(entry: Any) -> list[str]:
    if isinstance(entry, str):
        return [entry] if entry.endswith(".md") else []
    if isinstance(entry, list):
        return [path for item in entry for path in _nav_files(item)]
    if isinstance(entry, dict):
        return [path for value in entry.values() for path in _nav_files(value)]
    return []


def nav_pages(config_file: Path) -> set[str]:
    """The Markdown files the nav of mkdocs.yml names (they show in every page's header)."""
    if not config_file.is_file():
        return set()
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    return set(_nav_files(raw.get("nav") if isinstance(raw, dict) else None))


def configured_plugins(config_file: Path) -> list[Any]:
    """The plugins mkdocs.yml lists (names, or one-key mappings of a name to its options)."""
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    plugins = raw.get("plugins") if isinstance(raw, dict) else None
    if isinstance(plugins, dict):  # MkDocs also takes a mapping of names to options
        return [{name: options} for name, options in plugins.items()]
    return list(plugins) if isinstance(plugins, list) else []


def _raw(config_file: Path) -> dict[str, Any]:
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    return raw if isinstance(raw, dict) else {}


def configured_theme(config_file: Path) -> Any:
    """mkdocs.yml's `theme` as written (a name, or a mapping of the theme's options)."""
    return _raw(config_file).get("theme")


def configured_nav(config_file: Path) -> Any:
    """mkdocs.yml's `nav` as written; None when it has none."""
    return _raw(config_file).get("nav")
