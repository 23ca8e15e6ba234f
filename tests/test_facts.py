"""A page's facts are declared once (generator/render/facts.py): a template, feed or export that
asks for a fact no model declares fails the build, instead of showing a blank."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO, VALID_TENDER

from generator.render.facts import FeedLinks, MissingFact, RegionLink


def _project(root: Path) -> Path:
    for name in ("theme", "content"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root / "mkdocs.yml"


def test_a_template_asking_for_an_undeclared_fact_fails_the_build(tmp_path, make_data,
                                                                     run_cli) -> None:
    config = _project(tmp_path / "project")
    template = tmp_path / "project" / "theme" / "partials" / "gongshi-notice.html"
    text = template.read_text(encoding="utf-8")
    assert "{{ n.publisher }}" in text
    template.write_text(text.replace("{{ n.publisher }}", "{{ n.publisher_name }}"), encoding="utf-8")
    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml": VALID_TENDER})
    out = tmp_path / "site"
    result = run_cli("--config", config, "build", "--data", data, "--out", out,
                     "--now", "2026-03-10T12:00+08:00")
    assert result.exit_code == 1
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert "theme/partials/gongshi-notice.html:" in lines[0] and "页面数据 `NoticeFacts` 中没有“publisher_name”这一项" in lines[0]
    assert "Traceback" not in result.err
    assert not out.exists()


def test_the_same_template_with_the_declared_fact_builds(tmp_path, make_data, run_cli) -> None:
    """The failure above is the fact's name, not the copied project."""
    config = _project(tmp_path / "project")
    data = make_data({"2026/420902/XN-GC-2026-001-ZB.yaml": VALID_TENDER})
    result = run_cli("--config", config, "build", "--data", data, "--out", tmp_path / "site",
                     "--now", "2026-03-10T12:00+08:00")
    assert result.exit_code == 0, result.err


def test_facts_refuse_unknown_names_when_made_and_when_read() -> None:
    with pytest.raises(TypeError):
        FeedLinks(rss="feeds/all.xml", atom="feeds/all.atom", json="feeds/all.json")  # type: ignore[call-arg]
    link = RegionLink(code="420900", name="孝感市", url="region/420900/")
    with pytest.raises(MissingFact, match="RegionLink has no fact 'title'"):
        link.title  # noqa: B018
    with pytest.raises(AttributeError):  # Python's own names keep their meaning (copy, pickle)
        link.__deepcopy_me__  # noqa: B018
    assert replace(link, name="孝南区").name == "孝南区"


def test_serializing_facts_leaves_their_text_as_it_was_in_memory() -> None:
    """A build keeps every notice's facts and serializes each for its page's cache key: the
    serializing must not attach a UTF-8 copy to each string for its life (CPython's cache,
    1.5 times Chinese text), as pydantic's dump_json does."""
    import sys

    from generator.render.facts import key_bytes

    link = RegionLink(code="420900", name="孝感市" * 100, url="region/420900/")
    before = sys.getsizeof(link.name)
    assert ("孝感市" * 100).encode() in key_bytes(link)
    assert sys.getsizeof(link.name) == before


def test_a_facts_key_follows_its_values_not_which_strings_are_one_object() -> None:
    """A page's cache key is made of its facts' bytes: a build that read a file fresh and one
    that took it from the parse cache hold equal strings, shared differently; both must give
    the same key, or every page would be made again after a clean build."""
    from generator.render.facts import key_bytes

    name = "孝感市孝南区" * 3
    shared = RegionLink(code=name, name=name, url=name)
    apart = RegionLink(code="".join(list(name)), name="".join(list(name)), url="".join(list(name)))
    assert key_bytes(shared) == key_bytes(apart)
    assert key_bytes(replace(apart, url=name + "/")) != key_bytes(apart)
