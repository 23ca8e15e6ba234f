"""Render stage: turn the derived site into generated pages, feeds and exports."""
