"""Page paths and the links between them (generator/render/urls.py)."""

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.urls import page_path, relative_url

PARTS = st.sampled_from(["tools", "roles", "x.md", "index.md", ".", "..", "", "a b"])


def test_links_between_pages():
    assert page_path("tool", "marketo") == "tools/marketo.md"
    assert relative_url("tools/a.md", "tools/b.md") == "b.md"
    assert relative_url("index.md", "tools/b.md") == "tools/b.md"
    assert relative_url("integrations/crm.md", "tools/b.md") == "../tools/b.md"
    assert relative_url("tools/index.md", "tools/index.md") == "index.md"


@given(st.lists(PARTS, min_size=1, max_size=4), st.lists(PARTS, min_size=1, max_size=4),
       st.booleans())
@settings(max_examples=300, deadline=None)
def test_same_answer_as_relpath(here_parts, path_parts, absolute):
    """The memoised shortcut answers as ``posixpath.relpath`` does, odd paths included."""
    here = ("/" if absolute else "") + "/".join(here_parts)
    path = "/".join(path_parts)
    try:
        expected = posixpath.relpath(path, posixpath.dirname(here) or ".")
    except ValueError:
        expected = ValueError
    try:
        got = relative_url(here, path)
    except ValueError:
        got = ValueError
    assert got == expected
