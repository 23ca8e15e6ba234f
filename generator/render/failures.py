"""A theme template's failure said in one line with where it happened: the engine's templates
(generator/engine.py) and our own fragments (render/frames.py) fail alike."""

from __future__ import annotations

import jinja2

from ..errors import BuildFailed
from ..words import COMMANDS
from ..words.commands import as_said


def template_failure(exc: Exception) -> BuildFailed:
    """What to raise for an exception out of rendering a template: a syntax or template error, a
    problem of ours (a fact no model declares) or anything else, with the template's file and
    line when a template frame says it; a problem of ours raised outside any template as it is."""
    if isinstance(exc, jinja2.TemplateError):
        return BuildFailed(COMMANDS.message("engine_template", location=template_location(exc) or "?",
                                            detail=as_said(exc)))
    location = template_location(exc)
    if isinstance(exc, BuildFailed):
        if location is None:
            return exc
        return BuildFailed(COMMANDS.message("engine_template_ours", location=location,
                                            problem=exc.message))
    kind, detail = type(exc).__name__, as_said(exc)
    if location is None:
        return BuildFailed(COMMANDS.message("engine_crashed_somewhere", kind=kind, detail=detail))
    return BuildFailed(COMMANDS.message("engine_crashed", location=location, kind=kind,
                                        detail=detail))


def template_location(exc: Exception) -> str | None:
    """theme/notice.html:12 for syntax errors; the innermost template frame otherwise; None
    when no template was running."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{exc.filename or exc.name}:{exc.lineno}"
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".html"):
            frames.append(f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}")
        tb = tb.tb_next
    return frames[-1] if frames else None
