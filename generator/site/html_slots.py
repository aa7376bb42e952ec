"""Diagrams skip Markdown conversion and search indexing: they are swapped in at the end.

The render stage writes each diagram inline, as an HTML block of its own
(``<div class="mops-diagram">`` + SVG + ``</div>``), so the Markdown works in any engine. SVG
is most of a large catalog's Markdown, yet Python-Markdown has nothing to do with it and the
search index should not hold its labels. So the plugin takes the diagrams out before the
conversion, leaving an empty slot in their place, and puts them back into the finished HTML:

    markdown, diagrams = take_out(markdown)      # before conversion
    html = put_back(html, diagrams)              # after the theme has rendered the page

The page comes out exactly as if the diagrams had gone through the conversion (a raw HTML
block passes through Python-Markdown unchanged).
"""

from __future__ import annotations

import re

DIAGRAM_BLOCK = re.compile(r'^<div class="mops-diagram">\n(.*?)\n</div>$', re.MULTILINE | re.DOTALL)
SLOT = re.compile(r'<div class="mops-diagram" data-mops-slot="(\d+)"></div>')
OPENING = '<div class="mops-diagram">\n'


def take_out(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each diagram block replaced by a numbered empty slot, and the
    diagrams' inner markup in slot order."""
    diagrams: list[str] = []

    def slot(match: re.Match) -> str:
        diagrams.append(match.group(1))
        return f'<div class="mops-diagram" data-mops-slot="{len(diagrams) - 1}"></div>'

    if OPENING not in markdown:
        return markdown, diagrams
    return DIAGRAM_BLOCK.sub(slot, markdown), diagrams


def put_back(page_html: str, diagrams: list[str]) -> str:
    """``page_html`` with every slot filled by its diagram again."""
    if not diagrams:
        return page_html
    return SLOT.sub(lambda m: f"{OPENING}{diagrams[int(m.group(1))]}\n</div>", page_html)
