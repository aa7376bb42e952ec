"""Catalog text is made inert before it reaches Markdown (generator/render/escape.py)."""

import html
import re

import cmarkgfm
import markdown as python_markdown
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings, strategies as st

from generator.render.escape import gfm_code, gfm_text, markdown, plain

EXTENSIONS = ["tables", "admonition", "toc"]
ALLOWED_TAGS = {"p", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote", "h1",
                "h2", "h3", "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th",
                "td", "div"}


def to_html(text: str) -> str:
    return python_markdown.markdown(text, extensions=EXTENSIONS)


def unsafe_parts(page_html: str) -> list[str]:
    """Tags outside the Markdown set, event handlers, and links with unsafe schemes."""
    found = []
    for tag, attributes in re.findall(r"<([a-zA-Z][\w-]*)([^>]*)>", page_html):
        if tag.lower() not in ALLOWED_TAGS:
            found.append(tag)
        for name, value in re.findall(r'([\w:-]+)="([^"]*)"', attributes):
            if name.lower().startswith("on"):
                found.append(name)
            if name in ("href", "src") and not re.match(r"(https?://|mailto:|#)", value):
                found.append(f"{name}={value}")
            if name not in ("href", "id", "title", "class", "align", "style"):
                found.append(name)
    return found


def test_plain_turns_markup_characters_into_entities():
    text = plain("A <b>bold</b> | pipe *x* [y](z)")
    assert "<" not in text and "|" not in text and "*" not in text and "[" not in text
    assert to_html(str(text)) == "<p>A &#60;b&#62;bold&#60;/b&#62; &#124; pipe &#42;x&#42; " \
                                 "&#91;y&#93;&#40;z&#41;</p>"


def test_plain_is_one_line():
    assert plain("two\nlines\t here") == "two lines here"


def test_markdown_keeps_formatting_and_safe_links():
    html = to_html(markdown("*em* **strong** [docs](https://example.com/a) <https://x.org>"))
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert '<a href="https://example.com/a">docs</a>' in html
    assert '<a href="https://x.org">' in html


def test_raw_html_is_shown_as_text():
    html = to_html(markdown('<script>alert(1)</script> <iframe src="x"></iframe> <b>b</b>'))
    assert "<script" not in html and "<iframe" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unsafe_inline_and_reference_links_are_not_links():
    text = ("[a](javascript:alert(1)) [b]( JaVaScRiPt:x) [c](data:text/html,x) [d][r] "
            "[e](vbscript:x)\n\n[r]: javascript:alert(2)\n")
    html = to_html(markdown(text))
    assert "<a" not in html
    assert "javascript:alert(1)" in html  # still there, as text


def test_images_and_attribute_lists_are_neutralised():
    html = to_html(markdown("![alt](https://tracker.example/x.png)\n\npara {: onclick=x }"))
    assert "<img" not in html
    assert unsafe_parts(html) == []
    assert "&#123;: onclick=x }" in html  # shown as typed


def test_code_keeps_its_characters_but_not_as_markup():
    html = to_html(markdown("run `<b>x</b>` now\n\n```\n<script>\n```\n"))
    assert "<b>" not in html and "<script>" not in html
    assert "<code>&#60;b&#62;x&#60;/b&#62;</code>" in html


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("<>/\"'=()[]!`*_:{}# \n&;\\x") + [
    "script", "iframe", "img", "onerror", "javascript", "JaVaScRiPt", "src", "href", "a",
    "http", "https", "data", "    "]), max_size=40).map("".join))
def test_no_markdown_description_produces_unsafe_html(text):
    assert unsafe_parts(to_html(markdown(text))) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_plain_text_never_produces_markup(text):
    html = to_html(str(plain(text)))
    assert re.sub(r"^<p>|</p>$", "", html).count("<") == 0


def test_plain_text_at_a_line_start_never_starts_a_list():
    for text in ("-\r0", "- item", "+ item", "1. first", "2026. 12. 31."):
        html = to_html(str(plain(text)))
        assert html.startswith("<p>") and "<li>" not in html, text


# --------------------------------------------------------------------------- GitHub comments


def github(text: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(f"- {text}",
                                                    options=Options.CMARK_OPT_UNSAFE)


@pytest.mark.parametrize("value", [
    "# heading", "> quote", "1. list", "- item", "<details>", "![i](/i.png)",
    "*em* _em_ ~~s~~ `code` [l](x) &#64;user \\*", "a | b", "$x$", "=== ---"])
def test_gfm_text_is_shown_as_typed(value):
    rendered = github(gfm_text(value))
    assert rendered == f"<ul>\n<li>{html.escape(value, quote=False)}</li>\n</ul>\n"


def test_gfm_text_breaks_mentions_lines_and_control_characters():
    assert gfm_text("@org/team\nnext\x1b[2J") == "@\u200dorg/team next\\\\x1b\\[2J"
    assert "@org" not in github(gfm_text("mail @org"))


@pytest.mark.parametrize("value", ["plain", "a`b", "``", "`edge`", "x\n# y", "a\x1bb", " s "])
def test_gfm_code_is_one_code_span(value):
    rendered = github(gfm_code(value))
    shown = value.replace("\n", "\\n").replace("\x1b", "\\x1b")
    assert rendered == f"<ul>\n<li><code>{html.escape(shown, quote=False)}</code></li>\n</ul>\n"


def test_text_too_costly_for_markdown_becomes_plain_text():
    """A 20 KB run of `[` took Python-Markdown 146 s: it is not given to it as Markdown."""
    text = "[" * 20000 + "\n\n<b>bold</b> & *not emphasis*"
    shown = str(markdown(text)).strip()
    assert shown.startswith('<div class="mops-plain-text" style="white-space: pre-wrap">')
    assert shown.endswith("</div>")
    page = to_html(f"Before\n\n{shown}\n\nAfter *em*")
    body = re.search(r'<div class="mops-plain-text"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert body == "[" * 20000 + "\n\n&lt;b&gt;bold&lt;/b&gt; &amp; *not emphasis*"
    assert "<em>em</em>" in page  # the rest of the page is Markdown as before
    assert str(markdown("A [link](https://example.com) " * 300)).startswith("A [link]")
