"""Our HTML blocks bypass Markdown conversion and come back unchanged (generator/site/html_slots.py)."""

from generator.site.html_slots import markdown_size, put_back, take_out

PAGE = ('# Tool\n\nText.\n\n<div class="mops-diagram">\n<svg><a href="../x.md"><text>X</text>'
        '</a></svg>\n</div>\n\nMore.\n\n<div class="mops-panels">\n<section>\n'
        '<div class="mops-panel__title">CRM</div>\n</section>\n</div>\n')


def test_diagrams_leave_empty_slots_in_their_place():
    markdown, diagrams = take_out(PAGE)
    assert "<svg" not in markdown
    assert diagrams == ['<svg><a href="../x.md"><text>X</text></a></svg>',
                        '<section>\n<div class="mops-panel__title">CRM</div>\n</section>']
    assert markdown.count("data-mops-slot") == 2


def test_putting_back_restores_the_blocks():
    markdown, diagrams = take_out(PAGE)
    assert put_back(markdown, diagrams) == PAGE


def test_pages_without_diagrams_are_untouched():
    assert take_out("# Plain\n") == ("# Plain\n", [])
    assert put_back("<p>x</p>", []) == "<p>x</p>"


def test_markdown_size_leaves_the_blocks_out():
    text = "# Tool\n\n"
    assert markdown_size(text + '<div class="mops-diagram">\n<svg></svg>\n</div>\n') == \
        len(text) + 1
    assert markdown_size(text) == len(text)
