"""Pages made from a frame (generator/render/frames.py) are the pages the engine makes: the same
small data folder built twice, once with the organisations' pages filled from their frames and
once with every one of them rendered by the engine, gives the same bytes, names that need
escaping and archive pages included."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import REPO, write_data_folder
from lxml import html

from generator import rules
from generator.commands.build import BuildReport, build
from generator.config import load_settings
from generator.render.frames import CONTENT, Framing, fill, token
from generator.render.pages import GeneratedPage

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=TZ)
PAGE_SIZE = 5


def uscc(first17: str) -> str:
    return first17 + rules.uscc_check_character(first17)


BUYER = uscc("11420900000000001")
# names a page must escape: an ampersand, angle brackets, both quotes
TRICKY = uscc("91420900MA4TRACK0")
TRICKY_NAME = 'A&B <工程> "路桥" \'有限\' 公司'
AGENT = uscc("91420900MA4AGENT0")


def tender(number: int) -> str:
    return textwrap.dedent(f"""\
        type: tender
        title: 第{number}号道路工程施工招标公告
        region: "420902"
        published: 2026-03-{number:02d} 09:00
        publisher: 孝感市公共资源交易中心
        category: construction
        project: {{code: P-{number}, name: 第{number}号道路工程}}
        method: open
        buyer: {{name: 孝感市某局, uscc: "{BUYER}"}}
        agency: {{name: {json.dumps(TRICKY_NAME if number == 1 else "孝感市某招标代理有限公司")}, uscc: "{TRICKY if number == 1 else AGENT}"}}
        budget: 1000000
        deadline: 2026-12-31 09:30
        """)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # the buyer's 12 notices (the agency's 11): a first page and 3 archive pages each
    return write_data_folder(tmp_path_factory.mktemp("frames") / "data",
                             {f"P-{number}.yaml": tender(number) for number in range(1, 13)})


def built(data: Path, out: Path) -> BuildReport:
    settings = load_settings(REPO / "mkdocs.yml").model_copy(update={"page_size": PAGE_SIZE})
    return build(data, out, settings, now=NOW, config_file=REPO / "mkdocs.yml")


def entity_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted((site / "entities").rglob("*")) if p.is_file()}


def test_a_framed_page_is_the_page_the_engine_makes(data: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    framed = built(data, tmp_path / "framed")
    framed_files = entity_files(tmp_path / "framed")
    monkeypatch.setattr(Framing, "fits", lambda self, page: False)  # every page by the engine
    engine = built(data, tmp_path / "engine")
    engine_files = entity_files(tmp_path / "engine")

    assert sorted(framed_files) == sorted(engine_files) == sorted([
        *[f"entities/{code}/index.html" for code in (AGENT, BUYER, TRICKY)],
        *[f"entities/{code}/page/{n}/index.html" for code in (AGENT, BUYER) for n in (1, 2, 3)]])
    for path, content in engine_files.items():
        assert framed_files[path] == content, path
    # the framed build rendered none of them with the engine; no frame was published
    assert engine.engine_pages - framed.engine_pages == len(engine_files)
    assert not any("gsframe" in p.as_posix() for p in (tmp_path / "framed").rglob("*"))

    page = html.fromstring(framed_files[f"entities/{TRICKY}/index.html"])
    assert page.xpath("string(//title)").startswith(TRICKY_NAME)
    assert page.xpath('string(//div[@class="gs-entity"]/h1)') == TRICKY_NAME
    archive = html.fromstring(framed_files[f"entities/{BUYER}/page/2/index.html"])
    assert archive.xpath('//link[@rel="canonical"]/@href') == [
        f"https://gongshi.example.cn/entities/{BUYER}/page/2/"]
    assert archive.xpath('//link[@type="application/atom+xml"]/@href') == [
        f"../../../../feeds/entity/{BUYER}.atom"]


def test_a_rebuild_takes_framed_pages_from_the_cache(data: Path, tmp_path: Path) -> None:
    first = built(data, tmp_path / "site")
    before = entity_files(tmp_path / "site")
    again = built(data, tmp_path / "site")
    assert again.engine_pages == 0 < first.engine_pages
    assert entity_files(tmp_path / "site") == before


def page(path: str, title: str, name: str) -> GeneratedPage:
    return GeneratedPage(path, title, "entity.html", None, title_data=name)  # type: ignore[arg-type]


def test_a_page_whose_title_splits_otherwise_is_not_framed() -> None:
    name = token("name")
    frame = page(f"entities/{token('uscc')}/index.md", f"Record of {name}", name)
    framing = Framing(frame=frame, fills={token("uscc"): "X1", name: "Bank"}, fragment="f.html")
    assert framing.fits(page("entities/X1/index.md", "Record of Bank", "Bank"))
    # "Re" is found first inside the fixed words: the header would split the title there
    short = Framing(frame=frame, fills={token("uscc"): "X1", name: "Re"}, fragment="f.html")
    assert not short.fits(page("entities/X1/index.md", "Record of Re", "Re"))
    assert not framing.fits(page("entities/X2/index.md", "Record of Bank", "Bank"))


def test_filling_escapes_words_and_puts_the_content_in_once() -> None:
    name = token("name")
    frame = page("a.md", name, name)
    framing = Framing(frame=frame, fills={name: "A&B<c>"}, fragment="f.html")
    filled = fill(f"<title>{name}</title><h1>{name}</h1>{CONTENT}", framing, "<p>x & y</p>")
    assert filled == "<title>A&amp;B&lt;c&gt;</title><h1>A&amp;B&lt;c&gt;</h1><p>x & y</p>"


def test_a_frame_without_its_content_mark_fails_the_build_in_one_line() -> None:
    from generator.errors import BuildFailed
    from generator.render.frames import check_frame

    check_frame(f"<main>{CONTENT}</main>", "entity.html:entities/x/index.md")
    with pytest.raises(BuildFailed) as failed:  # a site's theme/entity.html that drops gongshi.html
        check_frame("<main></main>", "entity.html:entities/x/index.md")
    said = failed.value.text("en")
    assert "theme/entity.html" in said and "0 times" in said, said
