"""The HTML-level second line of defence (generator/site/sanitize.py)."""

from generator.site.sanitize import sanitize, url_is_safe


def test_script_capable_elements_are_removed():
    html = ('<p>a<script>alert(1)</script>b<iframe src="x"></iframe>c<object data="x">'
            '</object><embed src="x"><style>body{}</style>d</p>')
    assert sanitize(html) == "<p>abcd</p>"


def test_event_handlers_and_unsafe_urls_are_dropped():
    html = ('<a href="javascript:alert(1)" onclick="x()">a</a>'
            '<a href="  JaVa&#115;cript:alert(1)">b</a>'
            '<img src="https://tracker.example/x.png" onerror="x()">'
            '<svg onload="x()"><a xlink:href="data:text/html,x">c</a></svg>')
    assert sanitize(html) == '<a>a</a><a>b</a><img><svg><a>c</a></svg>'


def test_safe_links_stay():
    html = ('<a href="https://example.com/?a=1&amp;b=2" title="t">x</a>'
            '<a href="mailto:team@example.com">m</a><a href="#top">t</a><a href="../x/">r</a>')
    assert sanitize(html) == html


def test_md_links_in_raw_html_are_resolved():
    html = '<a class="mops-card" href="../tools/marketo.md#facts">M</a><a href="x.md">X</a>'
    resolved = sanitize(html, lambda href: "../tools/marketo/#facts" if "marketo" in href
                        else None)
    assert resolved == '<a class="mops-card" href="../tools/marketo/#facts">M</a>' \
                       '<a href="x.md">X</a>'


def test_url_rules():
    assert url_is_safe("https://a.b", link=True)
    assert not url_is_safe("https://a.b", link=False)  # nothing loads from another host
    assert not url_is_safe("//evil.example/x", link=True)
    assert not url_is_safe("java\nscript:x", link=True)
    assert url_is_safe("img/local.png", link=False)
