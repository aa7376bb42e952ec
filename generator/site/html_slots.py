"""Our own HTML blocks skip Markdown conversion: they are put back into the converted page.

The render stage writes tables, diagrams (SVG), RACI matrices and stack-map panels as HTML
blocks of their own, so the Markdown works in any engine:

* a table is ``<table>`` ... ``</table>``, marked up as Python-Markdown's tables extension
  would (``_macros.md.j2``);
* the others are ``<div class="mops-diagram">`` ... ``</div>`` (or ``mops-matrix``,
  ``mops-panels``; further classes may follow the first, as in ``mops-diagram mops-view-wide``).

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
BLOCK_START = re.compile(r'^(?:<div class="(?:%s)(?: [\w-]+)*">|<table>)\n' % "|".join(CLASSES),
                         re.MULTILINE)
SLOT = re.compile(r'<div data-mops-slot="(\d+)"></div>')
SEARCHABLE = "<table>"
"""How a block that belongs in the search index begins."""


def block_spans(markdown: str):
    """The ``(start, end)`` of each block in ``markdown``, in order: from its opening line to
    the first line that closes it."""
    position = 0
    while (opening := BLOCK_START.search(markdown, position)) is not None:
        closing = "\n</table>" if opening.group(0) == "<table>\n" else "\n</div>"
        end = markdown.find(closing, opening.end())
        while end != -1 and markdown[end + len(closing):end + len(closing) + 1] not in ("\n", ""):
            end = markdown.find(closing, end + 1)
        if end == -1:  # never closed: not one of ours, Markdown gets it
            position = opening.end()
            continue
        position = end + len(closing)
        yield opening.start(), position


def take_out(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each block replaced by a numbered empty slot, and the blocks in slot
    order."""
    found: list[str] = []
    parts: list[str] = []
    position = 0
    for start, end in block_spans(markdown):
        parts += [markdown[position:start], f'<div data-mops-slot="{len(found)}"></div>']
        found.append(markdown[start:end])
        position = end
    if not found:
        return markdown, found
    parts.append(markdown[position:])
    return "".join(parts), found


def markdown_size(markdown: str) -> int:
    """How much of ``markdown`` is left for Markdown conversion once the blocks are out."""
    return len(markdown) - sum(end - start for start, end in block_spans(markdown))


def put_back(page_html: str, blocks: list[str], searchable: bool = False) -> str:
    """``page_html`` with its slots filled by their blocks again (``searchable``: only the
    blocks that belong in the search index, tables)."""
    if not blocks:
        return page_html

    def fill(match: re.Match) -> str:
        block = blocks[int(match.group(1))]
        return block if not searchable or block.startswith(SEARCHABLE) else match.group(0)

    return SLOT.sub(fill, page_html)
