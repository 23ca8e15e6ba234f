"""Bar charts as SVG files, drawn at build time by pygal (render/statistics.py decides what
they show). Each is shown as an <img> beside a table of the same numbers, the table being
the accessible form: no script (pygal's tooltips need its JavaScript, which we leave out),
every value printed on its bar, and text in the fonts the reader's browser has (a CSS
font-family list with Chinese fonts, no embedded or downloaded font).

The same chart gives the same bytes: pygal's random element id and its dated comments are
taken out of the tree it hands back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass

import pygal
from lxml import etree
from pygal.style import Style

# The browser's own fonts: system UI first, then the common Chinese ones of each platform.
FONTS = ("system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', "
         "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif")
# Material's primary blue and two colours of at least 3:1 contrast on white (WCAG 1.4.11).
WIDTH = 720
MARGIN = 12
LABEL_SIZE = 12  # px, of the axes' labels
COLOURS = ("#1565c0", "#2e7d32", "#b71c1c", "#6a1b9a", "#e65100")
_STYLE = Style(
    font_family=FONTS, background="#ffffff", plot_background="#ffffff",
    foreground="#212121", foreground_strong="#212121", foreground_subtle="#616161",
    colors=COLOURS, title_font_size=16, label_font_size=LABEL_SIZE, major_label_font_size=LABEL_SIZE,
    value_font_size=12, legend_font_size=13,
)
BAR_HEIGHT = 30  # of each row of a horizontal chart


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows; its JSON is the chart's cache key (with pygal's version)."""

    title: str
    labels: list[str]  # one per bar (or group of stacked bars)
    series: list[tuple[str, list[float]]]  # name, one value per label
    shown: list[list[str]]  # each value as the table beside it shows it, series by series
    horizontal: bool = True
    stacked: bool = False

    def key(self) -> str:
        return json.dumps({"pygal": pygal.__version__, **asdict(self)}, ensure_ascii=False,
                          sort_keys=True)

    @property
    def height(self) -> int:
        if self.horizontal:
            return 90 + BAR_HEIGHT * len(self.labels) * max(1, len(self.series) if not self.stacked else 1)
        return 380


def render_chart(spec: ChartSpec) -> bytes:
    """The chart as a standalone SVG document (UTF-8, with an XML declaration)."""
    kind = (pygal.HorizontalStackedBar if spec.stacked else pygal.HorizontalBar) if spec.horizontal \
        else (pygal.StackedBar if spec.stacked else pygal.Bar)
    # pygal draws a horizontal chart's first label at the bottom: reversed, the chart reads
    # top down in the order of the table beside it
    order = slice(None, None, -1) if spec.horizontal else slice(None)
    chart = kind(
        style=_STYLE, js=[], no_prefix=True, width=WIDTH, height=spec.height,
        print_values=not spec.stacked, print_zeroes=False,
        show_legend=len(spec.series) > 1, legend_at_bottom=True,
        x_label_rotation=0 if spec.horizontal else 45,
        show_minor_x_labels=spec.horizontal or len(spec.labels) <= 18,
        x_labels_major_every=None if spec.horizontal else max(1, len(spec.labels) // 12),
        truncate_label=-1, truncate_legend=-1, margin=MARGIN,
        title=spec.title, x_labels=spec.labels[order],  # pygal's options, as it documents them
        margin_left=MARGIN + _wide_characters(spec.labels) if spec.horizontal else MARGIN,
    )
    for (name, values), shown in zip(spec.series, spec.shown, strict=True):
        chart.add(name, [{"value": value, "formatter": _shown_as(text)}
                         for value, text in zip(values[order], shown[order], strict=True)])
    tree = chart.render_tree()
    # its dated comments, and its script (pygal's tooltips' settings, never run from an <img>)
    for extra in tree.xpath("//comment() | //*[local-name()='script']"):
        extra.getparent().remove(extra)
    tree.attrib.pop("id", None)
    tree.set("role", "img")
    return etree.tostring(tree, encoding="utf-8", xml_declaration=True)


def _wide_characters(labels: list[str]) -> int:
    """What pygal's room for the labels lacks: it counts 0.6 em a character, and a Chinese
    character is 1 em wide."""
    widest = max((sum(1 for ch in label if ord(ch) > 0x2E7F) for label in labels), default=0)
    return round(0.4 * LABEL_SIZE * widest) + 4


def _shown_as(text: str) -> Callable[[object], str]:
    """pygal's per-value formatter: the value as the table says it."""
    return lambda _value: text


def chart_values(svg: bytes) -> list[tuple[str, str]]:
    """Each bar's label and value as the chart holds them (for tests and checks)."""
    tree = etree.fromstring(svg)
    found = []
    for bar in tree.iter("{http://www.w3.org/2000/svg}g"):
        if bar.get("class") != "bar":
            continue
        label = bar.find("{http://www.w3.org/2000/svg}desc[@class='x_label']")
        value = bar.find("{http://www.w3.org/2000/svg}desc[@class='value']")
        found.append(((label.text or "") if label is not None else "",
                      (value.text or "") if value is not None else ""))
    return found
