"""Our own HTML blocks skip Markdown conversion and search indexing: they are put back at the end.

The render stage writes diagrams (SVG), RACI matrices and stack-map panels as HTML blocks of
their own (``<div class="mops-diagram">`` ... ``</div>``), so the Markdown works in any engine.
They are most of a large catalog's Markdown, yet Python-Markdown has nothing to do with them
(a raw HTML block passes through unchanged), and the search index is better without their
labels and letters, which repeat what the pages' own text says. So the plugin takes them out
before the conversion, leaving an empty slot in their place, and puts them back into the
finished HTML:

    markdown, blocks = take_out(markdown)      # before conversion
    html = put_back(html, blocks)              # after the theme has rendered the page

The page comes out exactly as if the blocks had gone through the conversion.
"""

from __future__ import annotations

import re

CLASSES = ("mops-diagram", "mops-matrix", "mops-panels")
BLOCK = re.compile(r'^<div class="(%s)">\n(.*?)\n</div>$' % "|".join(CLASSES),
                   re.MULTILINE | re.DOTALL)
SLOT = re.compile(r'<div class="([\w-]+)" data-mops-slot="(\d+)"></div>')


def take_out(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each block replaced by a numbered empty slot, and the blocks' inner
    markup in slot order."""
    blocks: list[str] = []

    def slot(match: re.Match) -> str:
        blocks.append(match.group(2))
        return f'<div class="{match.group(1)}" data-mops-slot="{len(blocks) - 1}"></div>'

    if not any(f'<div class="{name}">' in markdown for name in CLASSES):
        return markdown, blocks
    return BLOCK.sub(slot, markdown), blocks


def markdown_size(markdown: str) -> int:
    """How much of ``markdown`` is left for Markdown conversion once the blocks are out."""
    return len(markdown) - sum(m.end() - m.start() for m in BLOCK.finditer(markdown))


def put_back(page_html: str, blocks: list[str]) -> str:
    """``page_html`` with every slot filled by its block again."""
    if not blocks:
        return page_html
    return SLOT.sub(lambda m: f'<div class="{m.group(1)}">\n{blocks[int(m.group(2))]}\n</div>',
                    page_html)
