"""sitemap.xml of every public page. Written by us, not the engine: with the page cache the
engine sees only changed pages, and a sitemap must list them all."""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape


def sitemap_xml(site_url: str, urls: list[str]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(site_url + url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, site_url: str, urls: list[str]) -> None:
    text = sitemap_xml(site_url, urls).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(text)
    # mtime=0 keeps the gzip header, and so the file, identical across builds
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text, mtime=0))
