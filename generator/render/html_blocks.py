"""Our HTML blocks skip Markdown parsing: a Python-Markdown extension that stashes them.

The render stage writes tables, diagrams (SVG), RACI matrices and stack-map panels as HTML
blocks of their own, starting at column 0 with blank lines around them, so the Markdown works
in any engine (a block with text right above or below it is left to Python-Markdown):

* a table is ``<table>`` ... ``</table>``, marked up as Python-Markdown's tables extension
  would (``_macros.md.j2``);
* the others are ``<div class="mops-diagram">`` ... ``</div>`` (or ``mops-matrix``,
  ``mops-panels``; further classes may follow the first, as in ``mops-diagram mops-view-wide``).

They are most of a large catalog's Markdown, yet Python-Markdown has nothing to do with them (a
raw HTML block passes through unchanged), and parsing them costs it more than all the rest of a
page. The extension puts each block into Python-Markdown's own stash of raw HTML before parsing
(``md.htmlStash``, the public mechanism its HTML-block handling uses), so the page comes out
exactly as if the blocks had been parsed, only faster. Any engine that runs Python-Markdown
extensions runs it: MkDocs (``markdown_extensions: [generator.render.html_blocks]``, as the
files ``mops render`` writes have it) and Zensical alike; the ``mops`` plugin adds it itself.

``defer``: blocks for which ``defer(block)`` is true are left out of the converted page
altogether, as an empty slot (``<div data-mops-slot="N"></div>``), and kept in ``deferred``
(in slot order) for whoever converted the page: the plugin puts diagrams and matrices back only
after Material's search has read the page (their labels repeat the page's text) and the theme
has rendered it (``generator.site.html_slots.put_back``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

CLASSES = ("mops-diagram", "mops-matrix", "mops-panels")
BLOCK_START = re.compile(r'^(?:<div class="(?:%s)(?: [\w-]+)*">|<table>)\n' % "|".join(CLASSES),
                         re.MULTILINE)
BLANK_LINE = re.compile(r"(?:[ ]*\n){2}")
SEARCHABLE = "<table>"
"""How a block that belongs in the search index begins."""
PRIORITY = 21
"""After fenced code blocks are stashed (25: a block shown as code stays code), before
Python-Markdown's own raw-HTML handling (20)."""


def block_spans(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each block in ``text`` (Markdown, or the HTML it became), in
    order: from its opening line to the first line that closes it."""
    position = 0
    while (opening := BLOCK_START.search(text, position)) is not None:
        closing = "\n</table>" if opening.group(0) == "<table>\n" else "\n</div>"
        end = text.find(closing, opening.end())
        while end != -1 and text[end + len(closing):end + len(closing) + 1] not in ("\n", ""):
            end = text.find(closing, end + 1)
        if end == -1:  # never closed: not one of ours, Markdown gets it
            position = opening.end()
            continue
        position = end + len(closing)
        yield opening.start(), position


def markdown_size(markdown: str) -> int:
    """How much of ``markdown`` is left for Markdown parsing once the blocks are stashed."""
    return len(markdown) - sum(end - start for start, end in block_spans(markdown))


def is_searchable(block: str) -> bool:
    return block.startswith(SEARCHABLE)


def slot(number: int) -> str:
    return f'<div data-mops-slot="{number}"></div>'


class _Stash(Preprocessor):
    def __init__(self, md: Markdown, extension: HtmlBlocks):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        deferred: list[str] = []
        self.extension.deferred = deferred
        text = "\n".join(lines)
        defer = self.extension.defer
        parts: list[str] = []
        position = 0
        for start, end in block_spans(text):
            if not (BLANK_LINE.match(text, end) and (start == 0 or text.endswith("\n\n", 0, start))):
                continue  # text right above or below the block: left to Python-Markdown
            block = text[start:end]
            if defer is not None and defer(block):
                block = slot(len(deferred))
                deferred.append(text[start:end])
            # with the newline Python-Markdown keeps at the end of a raw block
            parts += [text[position:start], self.md.htmlStash.store(block + "\n")]
            position = end
        if not parts:
            return lines
        parts.append(text[position:])
        return "".join(parts).split("\n")


class HtmlBlocks(Extension):
    """Stash our HTML blocks before parsing; with ``defer``, leave some out as slots."""

    def __init__(self, defer: Callable[[str], bool] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.defer = defer
        self.deferred: list[str] = []
        """The blocks the last conversion left out, in slot order."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_Stash(md, self), "mops_html_blocks", PRIORITY)

    def take_deferred(self) -> list[str]:
        """The blocks the last conversion left out (and forget them)."""
        deferred, self.deferred = self.deferred, []
        return deferred


def makeExtension(**kwargs) -> HtmlBlocks:  # noqa: N802 - Python-Markdown's entry point
    return HtmlBlocks(**kwargs)
