"""Diagrams and matrices go back into a page after the theme has rendered it.

``generator.render.html_blocks`` (a Markdown extension) stashes our HTML blocks so Markdown
never parses them. In a plugin build it leaves diagrams, matrices and panels out of the
converted page altogether, each as a numbered empty slot, so that Material's search neither
parses their markup nor indexes their labels (which only repeat what the page's own text says);
the plugin sanitizes them apart and puts them back once the theme has rendered the page:

    html = put_back(html, blocks)  # in on_post_page

The page comes out exactly as if the blocks had gone through the conversion.
"""

from __future__ import annotations

import re

SLOT = re.compile(r'<div data-mops-slot="(\d+)"></div>')


def put_back(page_html: str, blocks: list[str]) -> str:
    """``page_html`` with its slots filled by their blocks again."""
    if not blocks:
        return page_html
    return SLOT.sub(lambda match: blocks[int(match.group(1))], page_html)
