"""The 404 page works wherever the site is served (generator/site/not_found.py)."""

from __future__ import annotations

from generator.site.not_found import relative_not_found_page

PAGE = ('<!doctype html>\n<html><head>\n<meta charset="utf-8">\n'
        '<link rel="stylesheet" href="/mops-catalog/assets/main.css">\n'
        '<script>__md_scope=new URL("/mops-catalog/",location)</script></head>\n'
        '<body><a href="/mops-catalog/.">Home</a><a href="https://github.com/x">repo</a></body></html>')


def test_links_become_relative_under_a_base_set_at_load():
    html = relative_not_found_page(PAGE, "https://example-org.github.io/mops-catalog/")
    assert "/mops-catalog/assets" not in html and 'href="./assets/main.css"' in html
    assert 'href="./."' in html and 'href="https://github.com/x"' in html  # other hosts kept
    head = html.index("<head>") + len("<head>")
    assert html[head:].startswith("<script>") and '"/mops-catalog/"' in html[head:html.index("</script>", head)]


def test_a_site_at_the_root_of_its_host():
    html = relative_not_found_page(PAGE.replace("/mops-catalog/", "/"), "https://intranet.example/")
    assert 'href="./assets/main.css"' in html and 'var p="/"' in html
    assert relative_not_found_page("<p>no head</p>", None) == "<p>no head</p>"
