"""Site settings: a declarative schema read from `extra.gongshi` in mkdocs.yml.

One immutable object, passed down explicitly; nothing reads settings from globals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import UsageError
from .model import DEFAULT_TIMEZONE


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: str = Field(DEFAULT_TIMEZONE, description="site time zone for datetimes without offset")
    site_url: str = Field("https://gongshi.example.cn/", description="absolute base of feed links")
    site_name: str = "公示 · 湖北公共资源交易信息发布"
    language: Literal["zh", "en"] = "zh"
    page_size: int = Field(30, ge=5, le=500, description="entries per listing page")
    feed_limit: int = Field(50, ge=1, le=10000, description="entries per feed")
    ocid_prefix: str = Field("ocds-gongshi", description="OCDS ocid prefix")
    labels: dict[str, str] = Field(default_factory=dict, description="overrides of UI labels")
    stale_after_hours: int = Field(
        26, ge=1, le=24 * 366, strict=True,
        description="hours after a build from which every page says its data may be out of date",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}, e.g. Asia/Shanghai") from None
        return value

    @field_validator("site_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("site_url must start with https:// or http://")
        return value if value.endswith("/") else value + "/"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


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
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UsageError(f"{config_file}: cannot read the site configuration: {exc}") from None
    section = ((raw.get("extra") or {}) if isinstance(raw, dict) else {}).get("gongshi") or {}
    if "site_url" not in section and isinstance(raw, dict) and raw.get("site_url"):
        section = {**section, "site_url": raw["site_url"]}
    try:
        return Settings.model_validate(section)
    except ValidationError as exc:
        first = exc.errors()[0]
        option = ".".join(str(part) for part in ("extra", "gongshi", *first["loc"]))
        raise UsageError(f"{config_file}: option {option}: {first['msg']}") from None


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
