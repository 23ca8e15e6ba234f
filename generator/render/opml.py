"""`feeds/opml.xml`: every RSS feed of the output contract in one OPML 2.0 file, grouped by
family, region and category, for importing into a feed reader in one step (not the feeds of
regions × categories and of projects: see Listing.in_opml)."""

from __future__ import annotations

from email.utils import format_datetime

from lxml import etree

from ..config import Settings
from ..words import FEEDS, OPML
from .feeds import FeedSpec, absolute, feed_specs, feed_updated
from .pages import RenderContext

OPML_DOCS = "http://opml.org/spec2.opml"


def rendered_opml(ctx: RenderContext, settings: Settings) -> bytes:
    specs = [spec for spec in feed_specs(ctx) if spec.in_opml]
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = settings.site_name
    modified = feed_updated(ctx.site.notices, ctx.site)  # from the data, never the clock
    etree.SubElement(head, "dateModified").text = format_datetime(modified)
    etree.SubElement(head, "docs").text = OPML_DOCS
    body = etree.SubElement(root, "body")
    titles = OPML.words(ctx.language)
    for group, title in titles.items():
        folder = etree.SubElement(body, "outline", text=title, title=title)
        for spec in specs:
            if spec.group == group:
                _feed_outline(folder, spec, settings, ctx)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _feed_outline(parent: etree._Element, spec: FeedSpec, settings: Settings,
                  ctx: RenderContext) -> None:
    text = region_label(spec, ctx) if spec.group == "region" else spec.title
    etree.SubElement(
        parent, "outline", type="rss", version="RSS2", text=text, title=text,
        xmlUrl=absolute(settings, spec.rss), htmlUrl=absolute(settings, spec.page),
        language=FEEDS.words(ctx.language)["language_tag"],
    )


def region_label(spec: FeedSpec, ctx: RenderContext) -> str:
    """湖北省 › 孝感市 › 孝南区: the whole path, as readers show a flat list."""
    code = spec.name.removeprefix("region/")
    return " › ".join(node.name for node in ctx.site.regions[code].path())

