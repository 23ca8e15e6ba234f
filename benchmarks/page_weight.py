"""What a listing page weighs (issue 12, item 7): the page's HTML plus every stylesheet and
script of ours (theme/assets/) it loads, in bytes as served, uncompressed. Material's bundle,
fonts and the search index are not ours and not counted. The budget is 80 KB (80,000 bytes).

    python benchmarks/page_weight.py site/                       # the default pages
    python benchmarks/page_weight.py site/ index.html region/420900/index.html

The default pages: the home page (its find-tenders form), the province's region listing (the
widest region select) and the biggest category's listing, each the first page, which carries
the counts.
"""

from __future__ import annotations

import argparse
import json
import sys
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
OURS = {path.name for path in (REPO / "theme" / "assets").iterdir() if path.is_file()}
BUDGET = 80_000
DEFAULT_PAGES = {"home": "index.html", "region (province)": "region/420000/index.html",
                 "category": "category/construction/index.html"}


class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.urls.append(str(found["href"]))
        elif tag == "script" and found.get("src"):
            self.urls.append(str(found["src"]))


def our_assets(site: Path, page: str) -> dict[str, int]:
    """Each of our assets the page loads (site path → bytes)."""
    parser = _Assets()
    parser.feed((site / page).read_text(encoding="utf-8"))
    folder = PurePosixPath(page).parent
    found: dict[str, int] = {}
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue
        path = _normal(folder / parts.path)
        if PurePosixPath(path).name in OURS and path.startswith("assets/"):
            found[path] = (site / path).stat().st_size
    return found


def _normal(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def page_weight(site: Path, page: str) -> dict[str, object]:
    assets = our_assets(site, page)
    html = (site / page).stat().st_size
    return {"page": page, "html": html, "assets": assets, "total": html + sum(assets.values())}


def weights(site: Path, pages: dict[str, str] | None = None) -> dict[str, dict[str, object]]:
    return {name: page_weight(site, page) for name, page in (pages or DEFAULT_PAGES).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="*", help="pages below the site root (default: "
                        + ", ".join(DEFAULT_PAGES.values()) + ")")
    args = parser.parse_args()
    pages = {page: page for page in args.pages} or None
    found = weights(args.site, pages)
    for name, weight in found.items():
        print(f"{name:<20} {weight['total']:>7,} bytes (HTML {weight['html']:,})", file=sys.stderr)
    print(json.dumps(found))


if __name__ == "__main__":
    main()
