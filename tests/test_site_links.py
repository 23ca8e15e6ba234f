"""Link check over the whole built sample site: every internal href and src of every HTML page
resolves to a file of the site; external links are only recognised, never fetched."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest
from conftest import REPO

from generator.config import load_settings

SITE_URL = load_settings(REPO / "mkdocs.yml").site_url
LINK_ATTRIBUTES = ("href", "src", "poster")
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
ROOT = "http://site.invalid/"  # pages are resolved as if served from here


def page_url(site: Path, html_file: Path) -> str:
    return ROOT + html_file.relative_to(site).as_posix()


def references(tree: lxml.html.HtmlElement) -> Iterator[tuple[str, str]]:
    """(tag, url) of every link-bearing attribute, srcset candidates included."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in LINK_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None:
                yield element.tag, value.strip()
        if element.tag == "object" and element.get("data"):
            yield element.tag, element.get("data", "").strip()
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                yield element.tag, candidate.split()[0]


def target_file(site: Path, absolute: str) -> Path | None:
    """The file an internal URL names (directory URLs → index.html), or None if external."""
    if absolute.startswith(SITE_URL):
        absolute = ROOT + absolute[len(SITE_URL):]
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}/" != ROOT:
        return None
    path = unquote(parts.path)[1:]
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    broken: list[str] = []
    for html_file in sorted(site.rglob("*.html")):
        base = page_url(site, html_file)
        tree = lxml.html.parse(str(html_file)).getroot()
        for tag, url in references(tree):
            if not url or url.startswith("#"):
                continue
            scheme = urlsplit(url).scheme.lower()
            if scheme == "webcal":  # a calendar app's address of a calendar: ours must exist
                url, scheme = "https" + url.removeprefix("webcal"), "https"
            if scheme and scheme not in EXTERNAL_SCHEMES:
                broken.append(f"{html_file.relative_to(site)}: <{tag}> {url} (scheme {scheme}:)")
                continue
            if scheme in {"mailto", "tel"}:
                continue
            target = target_file(site, urljoin(base, url))
            if target is not None and not target.is_file():
                broken.append(f"{html_file.relative_to(site)}: <{tag}> {url}")
    return broken


def test_the_site_has_pages_to_check(sample_site: Path) -> None:
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 100
    assert (sample_site / "index.html").is_file() and (sample_site / "404.html").is_file()


def test_no_broken_internal_link_and_no_missing_asset(sample_site: Path) -> None:
    broken = broken_links(sample_site)
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:40])


def test_every_page_loads_its_stylesheets_and_scripts(sample_site: Path) -> None:
    """Assets are referenced by <link rel=stylesheet> and <script src>; each must exist."""
    for html_file in (sample_site / "index.html", sample_site / "tenders" / "index.html"):
        tree = lxml.html.parse(str(html_file)).getroot()
        styles = tree.xpath("//link[@rel='stylesheet']/@href")
        scripts = tree.xpath("//script/@src")
        assert any("gongshi.css" in s for s in styles) and any("gongshi.js" in s for s in scripts)
        for url in styles + scripts:
            target = target_file(sample_site, urljoin(page_url(sample_site, html_file), url))
            assert target is None or target.is_file(), url


def test_urls_inside_our_stylesheets_resolve(sample_site: Path) -> None:
    for css in sorted(sample_site.rglob("*.css")):
        base = page_url(sample_site, css)
        for url in CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            if url.startswith(("data:", "#")):
                continue
            target = target_file(sample_site, urljoin(base, url))
            assert target is None or target.is_file(), f"{css.relative_to(sample_site)}: {url}"


def test_the_sitemap_lists_existing_pages_only(sample_site: Path) -> None:
    sitemap = lxml.etree.parse(str(sample_site / "sitemap.xml"))
    locs = sitemap.xpath("//*[local-name()='loc']/text()")
    assert locs
    missing = [loc for loc in locs if not (target := target_file(sample_site, loc.strip()))
               or not target.is_file()]
    assert not missing, missing[:10]
    listed = {target_file(sample_site, loc.strip()) for loc in locs}
    generated = {*(sample_site / "notices").glob("*/index.html"),
                 *sample_site.glob("**/page/*/index.html")}  # notices and archive pages
    assert any("/page/" in str(p) for p in generated)
    assert generated <= listed, sorted(str(p) for p in generated - listed)[:10]


@pytest.mark.parametrize("url, expected", [
    ("../notices/A-1/", "notices/A-1/index.html"),
    ("../assets/x.css?v=1#top", "assets/x.css"),
    (SITE_URL + "tenders/", "tenders/index.html"),
    ("https://example.org/a.pdf", None),
])
def test_resolution_rules(tmp_path: Path, url: str, expected: str | None) -> None:
    """The checker's own rules: relative, directory URLs, query/fragment, our absolute URL."""
    target = target_file(tmp_path, urljoin(ROOT + "tenders/index.html", url))
    assert (target.relative_to(tmp_path).as_posix() if target else None) == expected
