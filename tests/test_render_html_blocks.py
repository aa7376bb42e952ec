"""Our HTML blocks are stashed before Markdown parsing and come out exactly as Python-Markdown
would have passed them through (generator/render/html_blocks.py); deferred blocks go back in
with generator/site/html_slots.py."""

from __future__ import annotations

import markdown
import pytest

from generator.checks import validate
from generator.render.html_blocks import HtmlBlocks, block_spans, is_searchable, markdown_size
from generator.render.pages import render_pages
from generator.settings import Settings
from generator.site.html_slots import put_back
from conftest import REPO

DIAGRAM = '<div class="mops-diagram">\n<svg><a href="../x.md"><text>X</text></a></svg>\n</div>'
WIDE = '<div class="mops-diagram mops-view-wide">\n<svg><text>W</text></svg>\n</div>'
PANELS = ('<div class="mops-panels">\n<section>\n<div class="mops-panel__title">CRM</div>\n'
          '</section>\n</div>')
TABLE = ('<table>\n<thead>\n<tr>\n<th>Tool</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n'
         '<td><a href="x.md">X</a></td>\n</tr>\n</tbody>\n</table>')
PAGE = f"# Tool\n\nText.\n\n{DIAGRAM}\n\nMore.\n\n{TABLE}\n\n{PANELS}\n\n{WIDE}\n"
EXTENSIONS = ["tables", "toc", "admonition"]


def convert(text: str, *extensions) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, *extensions])


@pytest.mark.parametrize("text", [
    PAGE,
    f"{TABLE}\n",  # first and last on the page
    f"Intro\n\n{DIAGRAM}",  # no newline at the end
    f"{TABLE}\nText right after.\n",  # no blank line after the block
    f"Text right before.\n{TABLE}\n\nAfter.\n",  # no blank line before it
    "# No blocks\n\nJust *text*.\n",
    '<table>\n<tr><td>never closed\n\n# Heading\n',  # not one of ours: Markdown gets it
])
def test_pages_convert_exactly_as_without_the_extension(text):
    assert convert(text, HtmlBlocks()) == convert(text)


@pytest.mark.slow
def test_every_page_of_the_bundled_site_converts_as_without_the_extension():
    catalog, _ = validate(REPO)
    pages = render_pages(catalog, Settings())
    stashed = 0
    for path, page in pages.items():
        assert convert(page.markdown, HtmlBlocks()) == convert(page.markdown), path
        stashed += sum(1 for _ in block_spans(page.markdown))
    assert stashed > 100  # the site's tables and diagrams were among what was compared


def test_deferred_blocks_leave_slots_and_go_back_in():
    blocks = HtmlBlocks(defer=lambda block: not is_searchable(block))
    html = convert(PAGE, blocks)
    deferred = blocks.take_deferred()
    assert deferred == [DIAGRAM, PANELS, WIDE] and blocks.take_deferred() == []
    assert TABLE in html and "<svg" not in html and html.count("data-mops-slot") == 3
    assert put_back(html, deferred) == convert(PAGE)


@pytest.mark.parametrize("text", [f"```html\n{TABLE}\n```\n", f"~~~\n\n{TABLE}\n\n~~~\n\n{PAGE}"])
def test_a_block_shown_as_code_stays_code(text):
    html = convert(text, "fenced_code", HtmlBlocks())
    assert html == convert(text, "fenced_code") and "&lt;table&gt;" in html


def test_engines_load_it_by_name():
    html = markdown.markdown(PAGE, extensions=["tables", "generator.render.html_blocks"])
    assert html == markdown.markdown(PAGE, extensions=["tables"])


def test_markdown_size_leaves_the_blocks_out():
    text = "# Tool\n\n"
    assert markdown_size(text + '<div class="mops-diagram">\n<svg></svg>\n</div>\n') == \
        len(text) + 1
    assert markdown_size(text + "<table>\n<tr></tr>\n</table>\n") == len(text) + 1
    assert markdown_size(text) == len(text)


def test_pages_without_deferred_blocks_are_untouched():
    assert put_back("<p>x</p>", []) == "<p>x</p>"
