"""The hand-written pages stay true to the code: every rule id the generator can report (the
`Rule` enumeration, the type of every problem's rule) is explained in the editor guide, every
field is described, the guide's example notices validate, and every page in the nav exists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from conftest import REGIONS_YAML, REPO
from pydantic import BaseModel

from generator.config import _TolerantLoader
from generator.errors import Rule
from generator.model import MODEL_OF_TYPE, Region

CONTENT = REPO / "content"
EDITOR_GUIDE = CONTENT / "guide" / "editor.md"
HAND_WRITTEN = ("about.md", "guide/reading.md", "rules.md", "guide/editor.md")

RULE_IDS = {str(rule) for rule in Rule}


# --- every rule id -------------------------------------------------------------------------------


def guide_anchors() -> set[str]:
    errors = EDITOR_GUIDE.read_text(encoding="utf-8").split("{#errors}", 1)[1]
    return set(re.findall(r"^\{:\s*#([a-z0-9-]+)\s*\}\s*$", errors, re.MULTILINE))


def test_every_rule_id_is_explained_in_the_editor_guide():
    missing = sorted(RULE_IDS - guide_anchors())
    assert not missing, f"add these rule ids to content/guide/editor.md (错误信息一览): {missing}"


def test_the_editor_guide_explains_no_rule_that_does_not_exist():
    stale = sorted(guide_anchors() - RULE_IDS)
    assert not stale, f"content/guide/editor.md explains rules the generator no longer has: {stale}"


def test_rule_anchors_render_as_link_targets(sample_site):
    """`gongshi serve` links each problem to /guide/editor/#<rule>: the ids must be on the page."""
    page = (sample_site / "guide" / "editor" / "index.html").read_text(encoding="utf-8")
    rendered = set(re.findall(r'id="([^"]+)"', page))
    assert rendered >= RULE_IDS


# --- every field ------------------------------------------------------------------------------------


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def _field_names(model: type[BaseModel]) -> set[str]:
    """Every field of `model` and of the structures inside it (project, buyer, candidates…)."""
    names = set(model.model_fields)
    for info in model.model_fields.values():
        for inner in _models_in(info.annotation):
            names |= _field_names(inner)
    return names


def test_every_field_of_every_type_is_described():
    guide = EDITOR_GUIDE.read_text(encoding="utf-8")
    fields = set().union(*(_field_names(model) for model in [*MODEL_OF_TYPE.values(), Region]))
    missing = sorted(name for name in fields if f"`{name}`" not in guide)
    assert not missing, f"describe these fields in content/guide/editor.md: {missing}"
    for notice_type in MODEL_OF_TYPE:
        assert f"`{notice_type}`" in guide


def guide_examples() -> dict[str, str]:
    """The complete example notices of the guide: YAML blocks that start with their path."""
    text = EDITOR_GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(# data/notices/[^\n]+)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    return {first.removeprefix("# data/notices/").strip(): body for first, body in blocks}


def test_the_guide_has_an_example_of_every_type():
    types = {yaml.safe_load(body)["type"] for body in guide_examples().values()}
    assert types == set(MODEL_OF_TYPE)


def test_the_guides_examples_validate_strictly(make_data, run_cli):
    examples = guide_examples()
    files = {
        attachment["file"]: b"%PDF-1.4 example\n"
        for body in examples.values()
        for attachment in yaml.safe_load(body).get("attachments") or []
        if "file" in attachment
    }
    data = make_data(examples, regions=REGIONS_YAML, files=files)
    result = run_cli("validate", "--data", data, "--strict")
    assert result.exit_code == 0, result.out + result.err
    assert f"已检查 {len(examples)} 条公告：0 个错误，0 个警告" in result.err


# --- pages ----------------------------------------------------------------------------------------


def nav_pages() -> list[str]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)

    def walk(entries: Any) -> list[str]:
        found = []
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            found += walk(value) if isinstance(value, list) else [value]
        return found

    return walk(config["nav"])


def _built_page(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    return site / (f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html")


def test_every_hand_written_page_is_in_the_nav():
    assert set(HAND_WRITTEN) <= set(nav_pages())


def test_every_page_in_the_nav_exists(sample_site):
    missing = [page for page in nav_pages()
               if not (CONTENT / page).is_file() and not _built_page(sample_site, page).is_file()]
    assert not missing, f"nav entries with no page (neither in content/ nor generated): {missing}"
    for page in nav_pages():
        assert _built_page(sample_site, page).is_file(), page


@pytest.mark.parametrize("page", HAND_WRITTEN)
def test_hand_written_pages_are_real_content(page):
    text = (CONTENT / page).read_text(encoding="utf-8")
    if text.startswith("---\n"):  # front matter (about.md names its template: the log's key)
        text = text.split("\n---\n", 1)[1].lstrip("\n")
    assert text.startswith("# ")
    assert len(text) > 1500, f"{page} looks like a stub"
    assert "待补充" not in text and "TODO" not in text


def test_the_rules_page_cites_the_legal_periods():
    text = (CONTENT / "rules.md").read_text(encoding="utf-8")
    for article in ("招标投标法》第二十四条", "实施条例》第二十一条", "实施条例》第五十四条"):
        assert article in text
    for rule in ("period-tender", "period-amendment", "period-candidates"):
        assert rule in text
