"""Where commands/build.py still imports the templates' label set from; the words themselves
are in the catalogue, generator/words/. Import from there: this module goes once build.py does."""

from __future__ import annotations

from .words import labels_for

__all__ = ["labels_for"]
