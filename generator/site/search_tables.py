"""Material's search indexing, with our tables read without parsing their tags.

Material's search plugin parses every page's HTML (Python's ``HTMLParser``) to split it into
sections of text. In a catalog most of a page's tags are in its tables (links, badges, one
cell after another), and parsing them was half of what search indexing cost. Yet for a table
of ours the tags change nothing: inside a table at the top level of the page, with only table,
link and inline-text tags, the parser's tag handlers just push and pop elements that no rule
looks at; only the text between the tags lands in the index. So ``TableReadingParser`` hands
that text straight to Material's own ``handle_data``, in the order the parser would, and parses
everything else as before. The index comes out byte-identical (tested); a table that does not
qualify is parsed normally.

The plugin installs it in ``on_startup`` and puts Material's back in ``on_shutdown``. What it
knows of Material's parser (its class, its parsing state) goes through ``mkdocs_internals``.
"""

from __future__ import annotations

import html
import re

from generator.render.html_blocks import SEARCHABLE, block_spans
from generator.site import mkdocs_internals

TAG = re.compile(r"(<[^<>]*>)")
INERT_TAG = re.compile(r"</?(?:table|thead|tbody|tr|th|td|a|span|strong|em)"
                       r"(?:\s+(?:class|href|title|style)=\"[^\"<>]*\")*>")
"""Tags whose handlers change nothing in the index: not kept, not headings, not void, not
skipped (no ``data-search-exclude``, no ``linenodiv`` class)."""


class TableReadingParser(mkdocs_internals.material_search_parser()):  # type: ignore[misc]
    def feed(self, data: str) -> None:
        position = 0
        for start, end in block_spans(data):
            if not data.startswith(SEARCHABLE, start):
                continue  # not a table: parsed with what follows
            super().feed(data[position:start])
            if not self._read_table(data[start:end]):
                super().feed(data[start:end])
            position = end
        super().feed(data[position:])

    def _read_table(self, table: str) -> bool:
        """Give the table's text to ``handle_data`` as the parser would; False (nothing done)
        unless the table stands at the top level with nothing pending, nothing being skipped
        and no nested heading open, and holds only inert, balanced tags."""
        if not mkdocs_internals.parser_at_top_level(self):
            return False
        pieces = TAG.split(table)
        if not _inert_and_balanced(pieces[1::2]):
            return False
        mkdocs_internals.open_section(self)  # what the table's first start tag would have done
        for text in pieces[0::2]:
            if text:
                self.handle_data(html.unescape(text))
        return True


def _inert_and_balanced(tags: list[str]) -> bool:
    open_tags: list[str] = []
    for tag in tags:
        if not INERT_TAG.fullmatch(tag) or "linenodiv" in tag:
            return False
        name = tag.strip("</>").split(None, 1)[0]
        if not tag.startswith("</"):
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            return False
    return not open_tags


def install() -> None:
    """Material's search uses ``TableReadingParser`` from now on (until ``uninstall``)."""
    mkdocs_internals.use_search_parser(TableReadingParser)


def uninstall() -> None:
    mkdocs_internals.restore_search_parser()
