"""Our HTML blocks bypass Markdown conversion and come back unchanged (generator/site/html_slots.py)."""

import markdown

from generator.site.html_slots import markdown_size, put_back, take_out

DIAGRAM = '<div class="mops-diagram">\n<svg><a href="../x.md"><text>X</text></a></svg>\n</div>'
PANELS = ('<div class="mops-panels">\n<section>\n<div class="mops-panel__title">CRM</div>\n'
          '</section>\n</div>')
TABLE = ('<table>\n<thead>\n<tr>\n<th>Tool</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n'
         '<td><a href="x.md">X</a></td>\n</tr>\n</tbody>\n</table>')
PAGE = f"# Tool\n\nText.\n\n{DIAGRAM}\n\nMore.\n\n{TABLE}\n\n{PANELS}\n"


def test_blocks_leave_empty_slots_in_their_place():
    markdown_text, blocks = take_out(PAGE)
    assert "<svg" not in markdown_text and "<table>" not in markdown_text
    assert blocks == [DIAGRAM, TABLE, PANELS]
    assert markdown_text.count("data-mops-slot") == 3


def test_putting_back_restores_the_blocks():
    markdown_text, blocks = take_out(PAGE)
    assert put_back(markdown_text, blocks) == PAGE


def test_tables_go_back_first_for_search_and_the_rest_after_the_theme():
    markdown_text, blocks = take_out(PAGE)
    searchable = put_back(markdown_text, blocks, searchable=True)
    assert TABLE in searchable and "<svg" not in searchable and "mops-panel__title" not in searchable
    assert put_back(searchable, blocks) == PAGE


def test_the_page_converts_as_if_the_blocks_had_been_converted_with_it():
    markdown_text, blocks = take_out(PAGE)
    assert put_back(markdown.markdown(markdown_text), blocks).split() == \
        markdown.markdown(PAGE).split()


def test_pages_without_blocks_are_untouched():
    assert take_out("# Plain\n") == ("# Plain\n", [])
    assert put_back("<p>x</p>", []) == "<p>x</p>"


def test_markdown_size_leaves_the_blocks_out():
    text = "# Tool\n\n"
    assert markdown_size(text + '<div class="mops-diagram">\n<svg></svg>\n</div>\n') == \
        len(text) + 1
    assert markdown_size(text + "<table>\n<tr></tr>\n</table>\n") == len(text) + 1
    assert markdown_size(text) == len(text)
