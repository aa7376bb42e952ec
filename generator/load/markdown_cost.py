"""How much work a text would give Python-Markdown, bounded before a build stalls on it.

Python-Markdown is quadratic in places: each inline construct it finds in a paragraph (an
entity, a code span, emphasis, a bracket) rebuilds the rest of the paragraph's text, and each
``[`` scans ahead for its ``]``. A 20 KB paragraph of ``[`` took 146 s to build; 64 KB of
``<`` took 39 s. Ordinary prose has few such characters per paragraph and costs nothing.

``markdown_cost`` measures a text as paragraph length times the Markdown characters in it,
summed over its paragraphs. A text over ``BUDGET`` (or longer than ``MAX_CHARACTERS``) is not
converted as Markdown: the page shows it as plain text (``generator.render.escape``) and loading
reports it (``Y011``), so neither a hostile file nor a pasted log stalls a CI runner.
"""

from __future__ import annotations

import re

BUDGET = 20_000_000
"""Paragraph length x Markdown characters, summed: about 0.05 s of Python-Markdown at worst."""
MAX_CHARACTERS = 100_000
_QUICK = int(BUDGET ** 0.5)
"""A text no longer than this is within the budget whatever it holds."""
MARKDOWN_CHARACTERS = re.compile(r"[\[\]<>&`*_\\!{}~|]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def markdown_cost(text: str) -> str | None:
    """Why ``text`` is too costly to convert as Markdown, or None when it is not."""
    if len(text) <= _QUICK:
        return None
    if len(text) > MAX_CHARACTERS:
        return f"it is {len(text):,} characters long (at most {MAX_CHARACTERS:,})"
    cost, worst = 0, (0, 0)
    for paragraph in _PARAGRAPH_BREAK.split(text):
        marks = len(MARKDOWN_CHARACTERS.findall(paragraph))
        cost += marks * len(paragraph)
        worst = max(worst, (marks, len(paragraph)))
    if cost <= BUDGET:
        return None
    marks, length = worst
    return (f"a paragraph of {length:,} characters holds {marks:,} Markdown characters "
            "([ ] < & ` * _ ...)")
