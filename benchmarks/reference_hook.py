"""The reference build's only addition to bare MkDocs (a documented `hooks:` file): hand each
page's facts, which the reference docs folder keeps in front matter, to its template as
`gongshi`, the name gongshi's engine plugin gives them."""

from typing import Any


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    context["gongshi"] = page.meta.get("gongshi")
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    context["gongshi"] = None
    return context
