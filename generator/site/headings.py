"""Heading anchors that keep the heading's letters in every language.

Python-Markdown's default ``toc`` slugify drops every character that is not ASCII, so a Korean,
Japanese or Chinese heading gets an anchor like ``#_1``: a link to it says nothing and changes
when a heading is added above it. Its ``slugify_unicode`` keeps the letters (``#비용-연간``) and
gives the same anchors as the default for English headings. It is set unless the site's
``mkdocs.yml`` chose a slugify of its own.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify_unicode


def keep_unicode_in_heading_ids(config) -> None:
    """Use ``slugify_unicode`` for the ``toc`` extension's heading ids, unless set already."""
    if "toc" not in config.markdown_extensions:
        return
    config.mdx_configs.setdefault("toc", {}).setdefault("slugify", slugify_unicode)
