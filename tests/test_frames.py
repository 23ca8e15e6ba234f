"""Pages made from a frame (generator/render/frames.py) are the pages the engine makes: the same
small data folder built twice, once with the organisations' and notices' pages filled from their
frames and once with every one of them rendered by the engine, gives the same bytes: names and
titles that need escaping, archive pages, notices with and without a project and with red flags
included."""

from __future__ import annotations

import dataclasses
import gc
import json
import re
import textwrap
import weakref
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import REGIONS_YAML, REPO, write_data_folder
from lxml import html

from generator import rules
from generator.commands.build import BuildReport, EngineStage, build
from generator.config import load_settings
from generator.pagecache import PageCache
from generator.render.facts import FeedLinks, ShellFacts
from generator.render.frames import CONTENT, Fragments, Framing, fill, links_alike, nav_folders, token
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


# a title and a region's name a page must escape (the region's is in the page's description,
# which the engine prints unescaped: the page gives it escaped)
TRICKY_TITLE = 'A&B <改造> "一期" \'二标\' 工程招标公告'
TRICKY_REGION = 'A&B <新区> "一" \'二\''
REGIONS = REGIONS_YAML + f"""\
- code: "420990"
  name: {json.dumps(TRICKY_REGION, ensure_ascii=False)}
  parent: "420900"
"""
# red flags: a bidding period shorter than the law's minimum (flags.py, short-period)
SHORT = tender(13).replace("第13号道路工程施工招标公告", TRICKY_TITLE).replace(
    'region: "420902"', 'region: "420990"').replace("deadline: 2026-12-31 09:30",
                                                     "deadline: 2026-03-16 09:30")
PENALTY = textwrap.dedent(f"""\
    type: penalty
    title: 关于某公司围标串标的行政处罚决定公告
    region: "420902"
    published: 2026-04-01 09:00
    publisher: 孝感市住房和城乡建设局
    subject: {{name: 孝感市某建筑有限公司, uscc: "{AGENT}", kind: company}}
    decision_no: 孝建罚〔2026〕1号
    decided: 2026-03-30
    authority: 孝感市住房和城乡建设局
    violation: 串通投标
    basis: 《中华人民共和国招标投标法》第五十三条
    sanctions: [{{kind: fine, amount: 50000}}]
    publicity_end: 2026-12-30
    """)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # the buyer's 13 notices (the agency's 12): a first page and 3 archive pages each; a
    # penalty without a project
    notices = {f"P-{number}.yaml": tender(number) for number in range(1, 13)}
    return write_data_folder(tmp_path_factory.mktemp("frames") / "data",
                             {**notices, "P-13.yaml": SHORT, "X-1.yaml": PENALTY}, regions=REGIONS)


def built(data: Path, out: Path) -> BuildReport:
    settings = load_settings(REPO / "mkdocs.yml").model_copy(update={"page_size": PAGE_SIZE})
    return build(data, out, settings, now=NOW, config_file=REPO / "mkdocs.yml")


def framed_files(site: Path) -> dict[str, bytes]:
    """Every page of the site (the kinds made from frames and the others)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


FRAMED = ("entities/", "notices/", "region/", "category/", "tenders/", "results/", "penalties/",
          "open/")


def test_a_framed_page_is_the_page_the_engine_makes(data: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    framed = built(data, tmp_path / "framed")
    from_frames = framed_files(tmp_path / "framed")
    monkeypatch.setattr(Framing, "fits", lambda self, page: False)  # every page by the engine
    engine = built(data, tmp_path / "engine")
    from_engine = framed_files(tmp_path / "engine")

    subjects = (AGENT, BUYER, TRICKY)
    assert sorted(from_frames) == sorted(from_engine)
    assert {*[f"entities/{code}/index.html" for code in subjects],
            *[f"entities/{code}/page/{n}/index.html" for code in (AGENT, BUYER) for n in (1, 2, 3)],
            *[f"notices/P-{number}/index.html" for number in range(1, 14)], "notices/X-1/index.html",
            # listings: a region's (its name in its own language span), a category's, a family's,
            # first and archive pages
            "region/420900/index.html", "region/420900/page/2/index.html",
            "region/420990/index.html", "category/construction/page/1/index.html",
            "tenders/page/2/index.html"} <= set(from_frames)
    for path, content in from_engine.items():
        assert from_frames[path] == content, path
    # the framed build rendered none of them with the engine; no frame was published
    made_from_frames = [path for path in from_frames if path.startswith(FRAMED)]
    assert framed.framed_pages == engine.engine_pages - framed.engine_pages
    in_nav = {"tenders/index.html", "results/index.html", "penalties/index.html",
              "region/index.html"}  # mkdocs.yml's nav: the engine's, like every nav page
    assert framed.framed_pages == len(set(made_from_frames) - in_nav)
    assert not any("gsframe" in p.as_posix() for p in (tmp_path / "framed").rglob("*"))

    page = html.fromstring(from_frames[f"entities/{TRICKY}/index.html"])
    assert page.xpath("string(//title)").startswith(TRICKY_NAME)
    assert page.xpath('string(//div[@class="gs-entity"]/h1)') == TRICKY_NAME
    archive = html.fromstring(from_frames[f"entities/{BUYER}/page/2/index.html"])
    assert archive.xpath('//link[@rel="canonical"]/@href') == [
        f"https://gongshi.example.cn/entities/{BUYER}/page/2/"]
    assert archive.xpath('//link[@type="application/atom+xml"]/@href') == [
        f"../../../../feeds/entity/{BUYER}.atom"]


def test_a_framed_notice_page_has_its_own_head_and_content(data: Path, tmp_path: Path) -> None:
    built(data, tmp_path / "site")
    site = tmp_path / "site"
    short = html.fromstring((site / "notices/P-13/index.html").read_bytes())
    assert short.xpath("string(//title)").startswith(TRICKY_TITLE)
    assert short.xpath('string(//h1[@class="gs-title"])') == TRICKY_TITLE
    assert short.xpath('//meta[@name="description"]/@content') == [
        f"招标公告 · {TRICKY_REGION} · 2026-03-13 09:00"]
    assert short.xpath('//link[@rel="canonical"]/@href') == ["https://gongshi.example.cn/notices/P-13/"]
    heads = [link.get("href") for link in short.xpath('//link[@rel="alternate feed"]')]
    assert heads == ["../../feeds/region/420990.xml", "../../feeds/region/420990.atom",
                     "../../feeds/project/P-13.atom"]
    # red flags: the box, and its stylesheet in the head (a frame of its own)
    assert short.xpath('//aside[@class="gs-datanotes"]//li/@data-flag') == ["short-period"]
    assert short.xpath('//link[contains(@href, "gongshi-flags.css")]')
    plain = html.fromstring((site / "notices/P-2/index.html").read_bytes())
    assert not plain.xpath('//link[contains(@href, "gongshi-flags.css")]')
    assert plain.xpath("string(//title)").startswith("第2号道路工程施工招标公告")
    # a penalty has no project: its head links its region's feed alone
    penalty = html.fromstring((site / "notices/X-1/index.html").read_bytes())
    assert [link.get("href") for link in penalty.xpath('//link[@rel="alternate feed"]')] == [
        "../../feeds/region/420902.xml", "../../feeds/region/420902.atom"]
    assert penalty.xpath('//div[contains(@class, "gs-notice")]/@data-notice-id') == ["X-1"]


def test_a_rebuild_takes_framed_pages_from_the_cache(data: Path, tmp_path: Path) -> None:
    first = built(data, tmp_path / "site")
    before = framed_files(tmp_path / "site")
    again = built(data, tmp_path / "site")
    assert again.engine_pages == again.framed_pages == 0 < first.engine_pages
    assert framed_files(tmp_path / "site") == before


def feeds(code: str) -> FeedLinks:
    return FeedLinks(rss=None, atom=f"feeds/entity/{code}.atom", page=f"entities/{code}/")


def shell(code: str, html: str = "") -> ShellFacts:
    return ShellFacts(kind="entity", feeds=feeds(code), html=html)


def page(path: str, title: str, name: str, code: str = "X1") -> GeneratedPage:
    return GeneratedPage(path, title, "entity.html", shell(code), title_data=name)


USCC = token("uscc")


def framing_of(frame: GeneratedPage, fills: dict[str, str], code: str = "X1",
               verbatim: frozenset[str] = frozenset()) -> Framing:
    return Framing(frame=frame, fills=fills, fragment="f.html", shell=shell(code),
                   verbatim=verbatim)


def test_a_page_whose_title_splits_otherwise_is_not_framed() -> None:
    name = token("name")
    frame = page(f"entities/{USCC}/index.md", f"Record of {name}", name, USCC)
    frame = frame.with_facts(shell(USCC, CONTENT))
    framing = framing_of(frame, {USCC: "X1", name: "Bank"})
    assert framing.fits(page("entities/X1/index.md", "Record of Bank", "Bank"))
    # "Re" is found first inside the fixed words: the header would split the title there
    short = framing_of(frame, {USCC: "X1", name: "Re"})
    assert not short.fits(page("entities/X1/index.md", "Record of Re", "Re"))
    assert not framing.fits(page("entities/X2/index.md", "Record of Bank", "Bank"))


def test_a_page_whose_head_differs_from_its_frames_is_not_framed() -> None:
    """The head reads the page's shell facts (its feeds): a page whose shell the frame's does
    not fill to is made by the engine, even where its path and title fit."""
    name = token("name")
    frame = page(f"entities/{USCC}/index.md", name, name).with_facts(shell(USCC, CONTENT))
    fits = framing_of(frame, {USCC: "X1", name: "Bank"})
    assert fits.fits(page("entities/X1/index.md", "Bank", "Bank"))
    with_rss = dataclasses.replace(shell("X1"), feeds=dataclasses.replace(feeds("X1"), rss="a.xml"))
    other_head = dataclasses.replace(fits, shell=with_rss)
    assert not other_head.fits(page("entities/X1/index.md", "Bank", "Bank"))


def test_filling_escapes_words_and_puts_the_content_in_once() -> None:
    name, description = token("name"), token("description")
    frame = page("a.md", name, name)
    framing = framing_of(frame, {name: "A&B<c>", description: "A&amp;B"},
                         verbatim=frozenset({description}))
    filled = fill(f"<title>{name}</title><meta content=\"{description}\"><h1>{name}</h1>{CONTENT}",
                  framing, "<p>x & y</p>")
    assert filled == ('<title>A&amp;B&lt;c&gt;</title><meta content="A&amp;B">'
                      "<h1>A&amp;B&lt;c&gt;</h1><p>x & y</p>")


def test_a_frame_without_its_content_mark_fails_the_build_in_one_line() -> None:
    from generator.errors import BuildFailed
    from generator.render.frames import check_frame

    check_frame(f"<main>{CONTENT}</main>", "entity.html:entities/x/index.md")
    with pytest.raises(BuildFailed) as failed:  # a site's theme/entity.html that drops gongshi.html
        check_frame("<main></main>", "entity.html:entities/x/index.md")
    said = failed.value.text("en")
    assert "theme/entity.html" in said and "0 times" in said, said


def test_a_page_below_a_page_of_the_nav_is_not_framed() -> None:
    """A relative link climbs to the folders a page shares with its target: a token in place of
    a folder that a page of the nav is in would change the nav's links, so such a page goes
    through the engine."""
    page_path, frame_path = "category/construction/page/2.md", f"category/{token('lista')}/page/{token('number')}.md"
    assert links_alike(page_path, frame_path, nav_folders(["index.md", "region/index.md", "category/index.md"]))
    assert not links_alike(page_path, frame_path, nav_folders(["category/construction/index.md"]))


def engine_stage(folder: Path, fragment: str) -> EngineStage:
    """An engine stage whose engine renders nothing, over a theme whose fragment f.html is
    `fragment`."""
    (folder / "theme").mkdir()
    (folder / "theme" / "f.html").write_text(fragment, encoding="utf-8")
    return EngineStage(folder / "site", PageCache(folder / "cache", "test"), frozenset(),
                       lambda pages: None, Fragments(folder / "theme", {}, "https://x.cn/"),
                       waiting_dir=folder / "framed")


def test_a_page_whose_frame_differs_from_the_one_kept_for_its_path_goes_through_the_engine(
        tmp_path: Path) -> None:
    """One frame per path is rendered: a page whose frame has the same path but another head
    (here a description) is not filled from the first page's frame."""
    stage = engine_stage(tmp_path, "{{ gongshi.kind }}")
    name = token("name")
    frame = page(f"entities/{USCC}/index.md", name, name, USCC).with_facts(shell(USCC, CONTENT))
    other_frame = dataclasses.replace(frame, description="another head")
    first = dataclasses.replace(page("entities/X1/index.md", "Bank", "Bank"),
                                framing=framing_of(frame, {USCC: "X1", name: "Bank"}))
    second = dataclasses.replace(page("entities/X2/index.md", "Fund", "Fund", "X2"),
                                 description="another head",
                                 framing=framing_of(other_frame, {USCC: "X2", name: "Fund"}, "X2"))
    assert second.framing is not None and second.framing.fits(second)
    stage.add(first)
    stage.add(second)
    assert [p.path for p in stage.framed] == ["entities/X1/index.md"]
    assert [p.path for p, _ in stage.waiting] == ["entities/X2/index.md"]


class _Watched(ShellFacts):
    """Shell facts a weak reference can follow (a subclass without slots)."""


def test_a_framed_page_waits_for_its_frame_without_its_facts(tmp_path: Path) -> None:
    """Every notice's page and the rows of every archive and organisation page were held until
    the engine had rendered the frames (~3 KB a notice at the engine's peak, issue 18): a page
    set aside keeps its words, and its content waits in a file until it is filled."""
    stage = engine_stage(tmp_path, "<p>{{ gongshi.kind }}</p>")
    name = token("name")
    frame = page(f"entities/{USCC}/index.md", name, name, USCC).with_facts(shell(USCC, CONTENT))
    facts = _Watched(kind="entity", feeds=feeds("X1"), html="")
    watched = weakref.ref(facts)
    made = dataclasses.replace(page("entities/X1/index.md", "Bank", "Bank").with_facts(facts),
                               framing=framing_of(frame, {USCC: "X1", name: "Bank"}))
    stage.add(made)
    del made, facts
    gc.collect()
    assert watched() is None
    [waiting] = stage.framed
    assert waiting.path == "entities/X1/index.md"
    assert [file.read_text(encoding="utf-8") for file in (tmp_path / "framed").iterdir()] == ["<p>entity</p>"]


# --- the fragments' whitespace (the size budget, issue 18) ---------------------------------------

# elements whose neighbouring whitespace is not rendered (between them, around them)
BLOCK_TAGS = frozenset(
    ["html", "head", "body", "meta", "link", "title", "script", "style", "div", "section", "article", "aside", "nav", "header", "footer", "main", "dl", "dt", "dd", "ul", "ol", "li", "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "form", "details", "summary"])


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tokens: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("<", tag, repr(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("/", tag))

    def handle_data(self, data: str) -> None:
        self.tokens.extend(("ws",) if part.isspace() else ("text", part)
                           for part in re.split(r"(\s+)", data) if part)

    def handle_entityref(self, name: str) -> None:
        self.tokens.append(("text", f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.tokens.append(("text", f"&#{name};"))


def rendered_meaning(page: str) -> list[tuple[str, ...]]:
    """A page's tags and words, with a run of whitespace as one token where it is rendered: not
    beside a block-level element."""
    parser = _Tokens()
    parser.feed(page)
    tokens = [t for i, t in enumerate(parser.tokens) if t != ("ws",) or parser.tokens[i - 1] != ("ws",)]
    def beside_block(i: int) -> bool:
        return any(0 <= j < len(tokens) and tokens[j][0] in "</" and tokens[j][1] in BLOCK_TAGS
                   for j in (i - 1, i + 1))
    return [t for i, t in enumerate(tokens) if t != ("ws",) or not beside_block(i)]


def indented_nothing(page: str) -> int:
    """Lines of spaces alone: what the line of an indented block tag leaves unless trimmed."""
    return sum(1 for line in page.splitlines() if line and line.isspace())


def test_a_fragment_emits_no_line_for_its_block_tags_and_reads_the_same(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built(data, tmp_path / "trimmed")
    monkeypatch.setattr(Fragments, "BLOCK_LINES_EMIT_NOTHING", False)
    built(data, tmp_path / "kept")
    trimmed, kept = framed_files(tmp_path / "trimmed"), framed_files(tmp_path / "kept")
    assert trimmed.keys() == kept.keys()
    for path in (p for p in trimmed if p.startswith(FRAMED)):
        short, long = trimmed[path].decode(), kept[path].decode()
        assert rendered_meaning(short) == rendered_meaning(long), path
        assert len(short) <= len(long), path
    assert all(len(trimmed[p]) < len(kept[p]) for p in trimmed if p.startswith("notices/"))
    # the content of a notice: no line left empty by a line of a template's block tag
    notice = trimmed["notices/P-1/index.html"].decode()
    content = notice[notice.index('<div class="gs-notice'):notice.rindex("</div>", 0, notice.index("</article>"))]
    assert indented_nothing(content) == 0


def test_the_links_of_a_pager_are_apart(data: Path, tmp_path: Path) -> None:
    built(data, tmp_path / "site")
    page = html.fromstring((tmp_path / "site/tenders/page/2/index.html").read_bytes())
    (pager,) = page.xpath("//nav[@class='gs-pager']")
    links = pager.getchildren()
    assert len(links) > 2
    # a link's text and the next link's are not run together: whitespace after each one
    assert all(link.tail and link.tail.isspace() for link in links[:-1])
    count = page.xpath("string(//p[@class='gs-count'])")
    assert " · RSS / Atom" in " ".join(count.split())
