"""Diagrams for the site, rendered at build time as inline SVG (no JavaScript, no requests).

Each function takes plain data (dicts, lists, strings from the catalog) and returns one SVG
string: a single block without blank lines that starts with ``<svg``, ready to paste into a
Markdown page (``calendar`` returns an HTML list instead). Labels are escaped and made inert
for Markdown, links are kept only when they are relative or http(s), labels are wrapped whole
onto as many lines as they need and never shortened or overlapped (the full text is in the
tooltip too; ``tests/diagram_geometry.py`` checks this on whole sites), and the same input
always gives the same bytes. Colours come from CSS classes styled
by ``generator/render/assets/diagrams.css`` (``DIAGRAMS_CSS``).
"""

from pathlib import Path

from generator.render.diagrams.bars import bar_chart, stacked_bar_chart
from generator.render.diagrams.calendar import calendar
from generator.render.diagrams.flow import flow
from generator.render.diagrams.neighbourhood import neighbourhood
from generator.render.diagrams.network import network
from generator.render.diagrams.org_chart import org_chart, org_tree

DIAGRAMS_CSS = Path(__file__).resolve().parent.parent / "assets" / "diagrams.css"

__all__ = ["DIAGRAMS_CSS", "bar_chart", "calendar", "flow", "neighbourhood", "network", "org_chart",
           "org_tree", "stacked_bar_chart"]
