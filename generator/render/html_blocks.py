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
page. The extension takes each block out before Python-Markdown's first preprocessor, leaving a
one-line marker (itself a raw HTML block), and puts the block back in its place after Python-
Markdown's last step with raw HTML, so the page comes out exactly as if the blocks had been
parsed, only faster. Blocks inside fenced code stay code. It uses only Python-Markdown's public
extension API (a preprocessor and a postprocessor), so any engine that runs Python-Markdown
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
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

CLASSES = ("mops-diagram", "mops-matrix", "mops-panels")
BLOCK_START = re.compile(r'^(?:<div class="(?:%s)(?: [\w-]+)*">|<table>)\n' % "|".join(CLASSES),
                         re.MULTILINE)
SEARCHABLE = "<table>"
"""How a block that belongs in the search index begins."""
TAKE_OUT_PRIORITY = 35
"""Before every preprocessor of Python-Markdown's (whitespace normalizing is the first, 30)."""
PUT_BACK_PRIORITY = 25
"""Right after Python-Markdown has put its raw HTML back (30)."""
FENCES = ("```", "~~~")
MARKER = '<div data-mops-block="{}"></div>'
MARKED = re.compile(r'<div data-mops-block="(\d+)"></div>')


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


class _TakeOut(Preprocessor):
    """Each block (blank lines around it, outside fenced code) becomes one marker line; runs
    before everything else, so Python-Markdown never even normalizes the blocks' text."""

    def __init__(self, md: Markdown, extension: HtmlBlocks):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        blocks: list[str] = []
        self.extension.blocks = blocks
        out: list[str] = []
        count = len(lines)
        index = start = 0
        fence = None
        while index < count:
            line = lines[index]
            if line[:3] in FENCES and (fence is None or line.startswith(fence)):
                fence = line[:3] if fence is None else None
            closing = _closing(line) if line[:1] == "<" and fence is None else None
            if closing is None or (index and lines[index - 1].strip()):
                index += 1
                continue
            end = index + 1
            while end < count and lines[end] != closing:
                end += 1
            if end + 1 < count and lines[end + 1].strip():  # text right below the block
                index += 1
                continue
            if end >= count:  # never closed: not one of ours, Markdown gets it
                index += 1
                continue
            out += lines[start:index]
            out.append(MARKER.format(len(blocks)))
            blocks.append("\n".join(lines[index:end + 1]))
            index = start = end + 1
        if not start:
            return lines
        out += lines[start:]
        return out


class _PutBack(Postprocessor):
    """The blocks back in place of their markers (deferred ones as empty slots)."""

    def __init__(self, md: Markdown, extension: HtmlBlocks):
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        blocks, defer = self.extension.blocks, self.extension.defer
        if not blocks:
            return text
        deferred: list[str] = []
        self.extension.deferred = deferred

        def fill(match: re.Match) -> str:
            block = blocks[int(match.group(1))]
            if defer is not None and defer(block):
                deferred.append(block)
                return slot(len(deferred) - 1)
            return block

        return MARKED.sub(fill, text)


class HtmlBlocks(Extension):
    """Keep our HTML blocks away from Markdown parsing; with ``defer``, leave some out as
    slots."""

    def __init__(self, defer: Callable[[str], bool] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.defer = defer
        self.blocks: list[str] = []
        self.deferred: list[str] = []
        """The blocks the last conversion left out, in slot order."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_TakeOut(md, self), "mops_html_blocks", TAKE_OUT_PRIORITY)
        md.postprocessors.register(_PutBack(md, self), "mops_html_blocks", PUT_BACK_PRIORITY)

    def take_deferred(self) -> list[str]:
        """The blocks the last conversion left out (and forget them)."""
        deferred, self.deferred, self.blocks = self.deferred, [], []
        return deferred


def _closing(line: str) -> str | None:
    """The line that closes a block opened by ``line``; None if ``line`` opens none."""
    if line == "<table>":
        return "</table>"
    return "</div>" if BLOCK_START.fullmatch(line + "\n") else None


def makeExtension(**kwargs) -> HtmlBlocks:  # noqa: N802 - Python-Markdown's entry point
    return HtmlBlocks(**kwargs)
