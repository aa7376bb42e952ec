"""Our tables are read for the search index without parsing their tags, and the index is the
same as Material's own parser makes (generator/site/search_tables.py)."""

import material.plugins.search.plugin as material_search
import pytest

from generator.cli import main
from generator.site import search_tables
from generator.site.search_tables import TableReadingParser
from test_site_plugin import project

MATERIAL_PARSER = material_search.Parser

ARTICLE = '<article class="md-content__inner md-typeset">'
CRAFTED = [
    '<h1 id="t">T</h1>\n<table>\n<thead>\n<tr>\n<th>Fact</th>\n<th>Value</th>\n</tr>\n</thead>\n'
    '<tbody>\n<tr>\n<td>Vendor</td>\n<td>A &#38; B &#42; <a href="x/">X</a></td>\n</tr>\n'
    '</tbody>\n</table>\n<h2 id="n">Next</h2>\n<p>after</p>\n',
    '<table>\n<tr>\n<td>first on the page</td>\n</tr>\n</table>\n',
    '<p>a</p>\n<table>\n<tr>\n<td><span class="mops-badge">Adopted</span></td>\n<td></td>\n'
    '</tr>\n</table>\n<ul>\n<li>b</li>\n</ul>\n',
    # not read as plain text: a kept tag, unbalanced tags, inside another element, excluded
    '<table>\n<tr>\n<td><code>c</code></td>\n</tr>\n</table>\n',
    '<table>\n<tr>\n<td><span>x</td>\n</tr>\n</table>\n<p>after</p>\n',
    '<div><table>\n<tr>\n<td>in a div</td>\n</tr>\n</table></div>\n',
    '<span data-search-exclude>\n<table>\n<tr>\n<td>x</td>\n</tr>\n</table>\n</span>\n<p>y</p>\n',
    '<div>\n<h2 id="deep">Deep</h2>\n</div>\n<table>\n<tr>\n<td>x</td>\n</tr>\n</table>\n',
]


def sections(parser_class, html: str) -> list:
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, s.depth, s.title, s.text) for s in parser.data]


@pytest.mark.parametrize("html", CRAFTED)
def test_crafted_pages_index_as_material_indexes_them(html):
    assert sections(TableReadingParser, html) == sections(material_search.Parser, html)


def test_every_page_of_a_site_indexes_as_material_indexes_it(tmp_path):
    root = project(tmp_path)
    assert main(["build", str(root), "--site-dir", str(root / "site")]) == 0
    pages = sorted((root / "site").rglob("*.html"))
    read = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if ARTICLE not in text:
            continue
        content = text.split(ARTICLE, 1)[1].split("</article>", 1)[0]
        assert sections(TableReadingParser, content) == \
            sections(material_search.Parser, content), page
        read += content.count("<table>\n")
    assert read > 20  # the site's tables were among what was compared


def test_used_during_a_build_and_removed_after(tmp_path, monkeypatch):
    assert MATERIAL_PARSER is not TableReadingParser
    read = []
    real = TableReadingParser._read_table
    monkeypatch.setattr(TableReadingParser, "_read_table",
                        lambda parser, table: read.append(table) or real(parser, table))
    root = project(tmp_path)
    assert main(["build", str(root), "--site-dir", str(root / "site")]) == 0
    assert len(read) > 20  # Material's search read the site's tables with our parser
    assert material_search.Parser is MATERIAL_PARSER  # and has its own back after the build
    search_tables.install()
    search_tables.install()  # twice: still one original to put back
    search_tables.uninstall()
    assert material_search.Parser is MATERIAL_PARSER


def test_only_plain_top_level_tables_skip_the_tag_parser():
    table = '<table>\n<tr>\n<td><a href="x/">X</a></td>\n</tr>\n</table>'
    assert TableReadingParser()._read_table(table)
    assert not TableReadingParser()._read_table(table.replace("X", "<code>X</code>"))
    inside = TableReadingParser()
    inside.feed("<div>")
    assert not inside._read_table(table)
