"""Pages made from a frame: the engine's page of one kind at one depth with a token where each
page's own words go, filled per page, with the page's content rendered by our own templates.

Most of a page's HTML is the same for every page of a kind at one depth: the theme's head,
header, tabs, footer and scripts, and links relative to the page (`base_url`). For the kinds
whose pages grow with the notices (a notice's page, a listing's pages, an organisation's record)
and whose content is rendered from structured facts (a notice's body is HTML among its facts),
the engine renders one frame per kind, depth and head, and each page is that frame with its
tokens replaced by its words and its content put in. The content is a theme fragment
(theme/partials/…) rendered from the page's facts by `Fragments`, the same HTML in a framed page
and in one the engine renders, whose template shows it as `gongshi.html`. So every byte around
the content is still the engine's, and a framed page is the page the engine would make
(tests/test_frames.py builds both and compares them).

A page is framed only where filling is exact: a token stands for a word of the page that the
engine writes escaped, as `markupsafe.escape` does, in every place it appears (the title, the
header's topic, the path), or as it is (`Framing.verbatim`: the description); the page's shell
facts are those of its frame filled (`Framing.fits`); and its links to the nav's pages are those
of its frame (`links_alike`). Any other page goes through the engine.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import escape

from ..errors import BuildFailed
from ..pagecache import output_html
from ..words import COMMANDS
from .facts import Facts, ShellFacts
from .failures import template_failure

if TYPE_CHECKING:
    from .pages import GeneratedPage

# Tokens: plain ASCII words that neither escaping nor a URL changes, and no page has.
TOKEN_PREFIX = "gsframe-"
CONTENT = "<!--gsframe-content-->"
_TOKEN = re.compile(re.escape(TOKEN_PREFIX) + r"[a-z]+")


def token(name: str) -> str:
    return f"{TOKEN_PREFIX}{name}"


NUMBER_TOKEN = token("number")  # the page number of a paged kind's archive pages


@dataclass(frozen=True)
class Framing:
    """How a page is made from a frame. `frame`: the same kind of page made by the same code
    with tokens for the page's words (`fills`: token → the page's word, unescaped; a token in
    `verbatim` is put in as it is, for a word the engine prints unescaped and the page gives
    escaped already, such as its description); `fragment`: the theme template of its content,
    rendered from the page's facts; `shell`: what the engine template reads of the page's facts
    besides the content (its kind and feeds; a notice's project and red flags)."""

    frame: GeneratedPage
    fills: Mapping[str, str]
    fragment: str
    shell: ShellFacts
    verbatim: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        """One frame per template and path: pages of one key share a frame (a kind whose head
        differs between pages, such as a notice's with a project, has one frame path for each)."""
        return f"{self.frame.template}:{self.frame.path}"

    def filling(self) -> Filling:
        """What filling the frame takes besides the content, once the content is made."""
        return Filling(self.key, self.fills, self.verbatim)

    def fits(self, page: GeneratedPage) -> bool:
        """Whether filling the frame's tokens gives this page's path, title, description and
        shell facts, and the header's split of the title around the data's words
        (partials/header.html)."""
        frame = self.frame
        same = (_filled_raw(frame.path, self.fills) == page.path
                and _filled_raw(frame.title, self.fills) == page.title
                and _filled_raw(frame.description or "", self.fills) == (page.description or "")
                and frame.title_lang == page.title_lang)
        if not same or _filled(frame.facts, self.fills) != dataclasses.replace(self.shell, html=CONTENT):
            return False
        if frame.title_data is None or page.title_data is None:
            return frame.title_data == page.title_data
        return ([_filled_raw(part, self.fills) for part in frame.title.split(frame.title_data, 1)]
                == page.title.split(page.title_data, 1)
                and _filled_raw(frame.title_data, self.fills) == page.title_data)


@dataclass(frozen=True)
class Filling:
    """A page's words for its frame's tokens (`Framing`), without its facts: what a page made
    from a frame holds while its frame is rendered."""

    key: str
    fills: Mapping[str, str]
    verbatim: frozenset[str] = frozenset()


def _filled_raw(text: str, fills: Mapping[str, str]) -> str:
    return _TOKEN.sub(lambda m: fills.get(m.group(0), m.group(0)), text)


def _filled(value: Any, fills: Mapping[str, str]) -> Any:
    """Facts with the tokens of every word in them replaced: the frame's shell facts filled
    are the page's when the engine would print the same head for it."""
    if isinstance(value, str):
        return _filled_raw(value, fills)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _filled(getattr(value, f.name), fills)
                                            for f in dataclasses.fields(value) if f.init})
    return value


def fill(frame_html: str, framing: Framing | Filling, content: str) -> str:
    """The page: the frame's tokens replaced by the page's words as the engine writes them
    (escaped), and its content in the frame's one content mark."""
    def word(found: re.Match[str]) -> str:
        name = found.group(0)
        value = framing.fills.get(name, name)
        return value if name in framing.verbatim else str(escape(value))

    filled = _TOKEN.sub(word, frame_html)
    before, after = filled.split(CONTENT)
    return before + content + after


def check_frame(frame_html: str, framing_key: str) -> None:
    """A frame holds its content mark once: its template (theme/entity.html, which a site may
    override) shows `gongshi.html` once, or no page could be filled from it."""
    found = frame_html.count(CONTENT)
    if found != 1:
        template = framing_key.split(":", 1)[0]
        raise BuildFailed(COMMANDS.message("engine_template", location=f"theme/{template}",
                                           detail=f"gongshi.html shown {found} times, not once"))


def nav_folders(nav: Iterable[str]) -> list[tuple[str, ...]]:
    """The folders of the nav's pages (docs paths), as `links_alike` compares them."""
    return [tuple(output_html(path).split("/")[:-1]) for path in nav]


def links_alike(path: str, frame_path: str, nav: list[tuple[str, ...]]) -> bool:
    """Whether the engine links every page of the nav from this page (docs path) as from its
    frame: a relative link climbs to the folders the two share, so a token in place of a folder
    that a page of the nav is in (a listing whose base holds a page of the nav) would change it."""
    mine = output_html(path).split("/")[:-1]
    frames = output_html(frame_path).split("/")[:-1]
    return all(_shared(mine, folders) == _shared(frames, folders) for folders in nav)


def _shared(folders: list[str], other: tuple[str, ...]) -> int:
    count = 0
    for one, two in zip(folders, other, strict=False):
        if one != two:
            break
        count += 1
    return count


def base_url(url: str) -> str:
    """The site root relative to a page, as the engine gives it to templates: '..' per folder
    of the page's directory URL (`url`, e.g. entities/X/), '.' at the root."""
    depth = url.count("/")
    return "/".join([".."] * depth) if depth else "."


class Fragments:
    """Our own Jinja environment over the theme folder, for the fragments of framed pages:
    autoescaped, and strict, so a fact a fragment names and the page lacks is an error.
    `site_url` as the engine gives it to templates (`config.site_url`: ending in a slash)."""

    # A line holding only a block tag emits nothing (the size budget, issue 18): the fragments'
    # templates keep the whitespace that matters between inline elements in the text of a line.
    BLOCK_LINES_EMIT_NOTHING = True

    def __init__(self, theme_dir: Path, labels: Mapping[str, Any], site_url: str) -> None:
        self.labels = labels
        self.site_url = site_url if site_url.endswith("/") else f"{site_url}/"
        # a build reads the theme once (the page cache's fingerprint covers its files): no
        # check of each template's file at every page
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme_dir)),
                                      autoescape=True, undefined=jinja2.StrictUndefined,
                                      auto_reload=False,
                                      trim_blocks=self.BLOCK_LINES_EMIT_NOTHING,
                                      lstrip_blocks=self.BLOCK_LINES_EMIT_NOTHING)

    def html(self, fragment: str, facts: Facts, url: str) -> str:
        try:
            template = self.env.get_template(fragment)
            return template.render(gongshi=facts, L=self.labels, base_url=base_url(url),
                                   site_url=self.site_url)
        except OSError:
            raise  # the machine, not the template
        except Exception as exc:  # a theme/ fragment fails as the engine's templates do
            raise template_failure(exc) from None

    def shell(self, page: GeneratedPage, url: str) -> GeneratedPage:
        """The page as the engine renders it: its shell facts, with its content's HTML."""
        assert page.framing is not None
        html = self.html(page.framing.fragment, page.facts, url)
        return page.with_facts(dataclasses.replace(page.framing.shell, html=html))
