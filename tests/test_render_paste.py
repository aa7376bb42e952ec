"""Site Markdown made fit to paste elsewhere (generator/render/paste.py)."""

from __future__ import annotations

import cmarkgfm
from cmarkgfm.cmark import Options

from generator.render.escape import plain
from generator.render.paste import page_url, pasteable

PAGE = "insights/index.md"


def rendered(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def test_catalog_text_reads_as_typed_and_stays_inert():
    typed = "Ops' <b>best</b> *tool* [x](javascript:alert(1)) ~~no~~ | `tick` (EU) & co"
    text = pasteable(f"- {plain(typed)}", PAGE)
    assert "&#" not in text and "&lt;" not in text
    assert "Ops' " in text and "(EU)" in text  # plain characters where Markdown lets them be
    html = rendered(text)
    for markup in ("<b>", "<em>", "<a ", "<del>", "<code>"):
        assert markup not in html
    assert "&lt;b&gt;best&lt;/b&gt; *tool* [x](javascript:alert(1)) ~~no~~ | `tick` (EU) " \
        "&amp; co" in html


def test_links_to_pages_are_absolute_or_become_their_text():
    markdown = "[Marketo](../tools/marketo.md), [codes](codes.md#i001), [home](../index.md), " \
        "[vendor](https://example.com/x)"
    assert pasteable(markdown, PAGE) == "Marketo, codes, home, [vendor](https://example.com/x)"
    assert pasteable(markdown, PAGE, "https://ops.example.com/c") == (
        "[Marketo](https://ops.example.com/c/tools/marketo/), "
        "[codes](https://ops.example.com/c/insights/codes/#i001), "
        "[home](https://ops.example.com/c/), [vendor](https://example.com/x)")


def test_page_urls_follow_mkdocs():
    assert page_url(PAGE, "../tools/a.md") == "tools/a/"
    assert page_url(PAGE, "../tools/a.md", directory_urls=False) == "tools/a.html"
    assert page_url(PAGE, "../reference/index.md") == "reference/"
    assert page_url(PAGE, "#costs") == "insights/#costs"
    assert page_url(PAGE, "../../outside.md") is None
    assert page_url(PAGE, "../downloads/tools.csv") is None


def test_badges_and_code_become_text():
    markdown = ('| <span class="mops-badge mops-lifecycle--adopted">Adopted</span> | '
                '<code>a&#96;b</code> | <span class="x">plain</span> |')
    assert pasteable(markdown, PAGE) == "| `Adopted` | ``a`b`` | plain |"
