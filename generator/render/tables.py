"""A Markdown extension for the hand-written pages (engine.py adds it to MkDocs): every
table sits in a region that scrolls sideways, which the keyboard can reach (tabindex 0) and a
screen reader names after the heading above the table (WCAG 2.1.1, 1.3.1)."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _NamedTableRegions(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        heading = ""
        for index, element in enumerate(list(root)):
            if element.tag in HEADINGS:
                heading = "".join(element.itertext()).strip()
            elif element.tag == "table":
                root.remove(element)
                root.insert(index, _region(element, heading))


def _region(table: etree.Element, name: str) -> etree.Element:
    region = etree.Element("div", {"class": "gs-table-wrap", "role": "region", "tabindex": "0"})
    if name:
        region.set("aria-label", name)
    region.append(table)
    return region


class NamedTableRegions(Extension):
    # extendMarkdown and makeExtension are the names Python-Markdown looks for
    def extendMarkdown(self, md: Markdown) -> None:
        # after the tables extension has made its tables, before the page is serialized
        md.treeprocessors.register(_NamedTableRegions(md), "gongshi_table_regions", 1)


def makeExtension(**kwargs: object) -> NamedTableRegions:
    return NamedTableRegions(**kwargs)
