"""Our own HTML blocks skip Markdown conversion: they are put back into the converted page.

The render stage writes tables, diagrams (SVG), RACI matrices and stack-map panels as HTML
blocks of their own, so the Markdown works in any engine:

* a table is ``<table>`` ... ``</table>``, marked up as Python-Markdown's tables extension
  would (``_macros.md.j2``);
* the others are ``<div class="mops-diagram">`` ... ``</div>`` (or ``mops-matrix``,
  ``mops-panels``).

They are most of a large catalog's Markdown, yet Python-Markdown has nothing to do with them (a
raw HTML block passes through unchanged), and parsing them costs it more than all the rest of a
page. So the plugin takes them out before the conversion, leaving a numbered empty slot in their
place, and puts them back afterwards:

    markdown, blocks = take_out(markdown)           # before conversion
    html = put_back(html, blocks, searchable=True)  # the tables, before search indexes the page
    html = put_back(html, blocks)                   # the rest, once the theme has rendered it

Tables are text worth finding; diagram labels and RACI letters only repeat what the page's own
text says, so they stay out of the search index. The page comes out exactly as if the blocks
had gone through the conversion.
"""

from __future__ import annotations

import re

CLASSES = ("mops-diagram", "mops-matrix", "mops-panels")
BLOCK = re.compile(r'^(?:<div class="(?:%s)">\n.*?\n</div>|<table>\n.*?\n</table>)$'
                   % "|".join(CLASSES), re.MULTILINE | re.DOTALL)
SLOT = re.compile(r'<div data-mops-slot="(\d+)"></div>')
SEARCHABLE = "<table>"
"""How a block that belongs in the search index begins."""


def take_out(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each block replaced by a numbered empty slot, and the blocks in slot
    order."""
    blocks: list[str] = []

    def slot(match: re.Match) -> str:
        blocks.append(match.group(0))
        return f'<div data-mops-slot="{len(blocks) - 1}"></div>'

    if "<div class=\"mops-" not in markdown and "<table>\n" not in markdown:
        return markdown, blocks
    return BLOCK.sub(slot, markdown), blocks


def markdown_size(markdown: str) -> int:
    """How much of ``markdown`` is left for Markdown conversion once the blocks are out."""
    return len(markdown) - sum(m.end() - m.start() for m in BLOCK.finditer(markdown))


def put_back(page_html: str, blocks: list[str], searchable: bool = False) -> str:
    """``page_html`` with its slots filled by their blocks again (``searchable``: only the
    blocks that belong in the search index, tables)."""
    if not blocks:
        return page_html

    def fill(match: re.Match) -> str:
        block = blocks[int(match.group(1))]
        return block if not searchable or block.startswith(SEARCHABLE) else match.group(0)

    return SLOT.sub(fill, page_html)
