"""Heading anchors keep their letters in every language (generator/site/headings.py)."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
from markdown.extensions.toc import slugify_unicode

from generator.site.headings import keep_unicode_in_heading_ids


def config(**toc):
    return SimpleNamespace(markdown_extensions=["toc", "tables"], mdx_configs={"toc": dict(toc)})


def test_korean_headings_get_anchors_of_their_own_words():
    site = config(permalink=True)
    keep_unicode_in_heading_ids(site)
    html = markdown.markdown("## 비용 (연간)\n\n## By category: Data & AI", extensions=["toc"],
                             extension_configs={"toc": site.mdx_configs["toc"]})
    assert 'id="비용-연간"' in html and 'id="by-category-data-ai"' in html  # English as before
    assert 'id="_1"' not in html


def test_a_slugify_the_site_chose_is_kept():
    def own(value, separator):
        return "x"

    site = config(slugify=own)
    keep_unicode_in_heading_ids(site)
    assert site.mdx_configs["toc"]["slugify"] is own
    site = config()
    keep_unicode_in_heading_ids(site)
    assert site.mdx_configs["toc"]["slugify"] is slugify_unicode
