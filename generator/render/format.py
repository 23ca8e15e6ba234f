"""Display formats shared by pages, feeds and exports: dates, money, sizes, safe body HTML."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import markdown
import nh3

from .. import cachefile
from ..words import MoneyForm

_BODY_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}


# Building a converter costs more than converting a typical body: build one, reset it per body.
_MARKDOWN = markdown.Markdown(extensions=["tables", "sane_lists", "fenced_code"], output_format="html")


def body_fingerprint() -> str:
    """What a cached conversion depends on besides the Markdown: these rules and the libraries."""
    return cachefile.fingerprint(code=[Path(__file__)], packages=("Markdown", "nh3"))


def body_html(text: str | None) -> str:
    """Markdown body to HTML with everything dangerous removed (raw HTML, scripts, handlers,
    javascript: links). Headings start at h2: the page title is the only h1."""
    if not text:
        return ""
    rendered = _MARKDOWN.reset().convert(text)
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        rendered,
        tags=_BODY_TAGS,
        attributes=_BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def url_path(path: str) -> str:
    """A path under the site root as it goes into a link, percent-encoded: names of attachments
    are Chinese and may hold #, ? or %, which a link must not read as a fragment, a query or
    an escape. Pages, feeds and exports all link through this."""
    return quote(path.lstrip("/"), safe="/")


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


def show_moment(value: date | datetime, tz: ZoneInfo) -> str:
    """2026-03-25 09:30 for datetimes (site time zone), 2026-03-25 for dates."""
    if isinstance(value, datetime):
        return local(value, tz).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def iso(value: date | datetime, tz: ZoneInfo) -> str:
    if isinstance(value, datetime):
        return local(value, tz).isoformat()
    return value.isoformat()


def show_money(amount: Decimal, form: MoneyForm) -> str:
    """An amount of yuan as `form` (words/money.py, one per language) says it: the exact figure
    (12,800,000.50; the decimals only when it is not whole), and from the form's smallest unit
    on the amount in units with two decimals (1,280.00 万元), or at most two (12.8 million);
    the amount in units alone when the form allows it and nothing was rounded."""
    yuan = f"{amount:,.2f}" if amount != amount.to_integral_value() else f"{amount:,.0f}"
    unit = next((unit for unit in form.units if amount >= unit.size), None)
    if unit is None:
        return form.exact.format(yuan=yuan)
    scaled = amount / unit.size
    number = f"{scaled:,.2f}"
    if not form.trailing_zeros:
        number = number.rstrip("0").rstrip(".")
    units = unit.word.format(n=number)
    if form.units_alone is not None and Decimal(number.replace(",", "")) == scaled:
        return form.units_alone.format(units=units)
    return form.both.format(yuan=yuan, units=units)


def show_short_money(amount: Decimal, form: MoneyForm) -> str:
    """An amount where space is short (a listing row): from the form's smallest unit on, the
    amount in units alone, rounded (1,280.00 万元, CNY 31.58 million); below it, exact."""
    unit = next((unit for unit in form.units if amount >= unit.size), None)
    if unit is None:
        yuan = f"{amount:,.2f}" if amount != amount.to_integral_value() else f"{amount:,.0f}"
        return form.exact.format(yuan=yuan)
    number = f"{amount / unit.size:,.2f}"
    if not form.trailing_zeros:
        number = number.rstrip("0").rstrip(".")
    return form.short.format(units=unit.word.format(n=number))


def show_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"
