"""The HTML-level second line of defence (generator/site/sanitize.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

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


# --------------------------------------------------------------------------- fast path

def _every_tag_rewritten(page_html, resolve_md=None):
    """``sanitize`` as it was before its fast paths: every start tag taken apart and written
    again. The fast paths must give the same text for any input."""
    import html as html_module
    import re

    from generator.site import sanitize as module

    page_html = module.DANGEROUS_BLOCKS.sub("", page_html)
    page_html = module.DANGEROUS_TAGS.sub("", page_html)

    def clean_tag(match):
        name, attributes, end = match.group(1), match.group(2), match.group(3)
        kept = []
        for attribute in module.ATTRIBUTE.finditer(attributes):
            key, raw = attribute.group(1), attribute.group(2)
            lowered = key.lower()
            value = module._unquote(raw)
            if lowered.startswith("on") or lowered == "srcdoc":
                continue
            if lowered == "style" and re.search(r"url\s*\(|expression|@import", value, re.I):
                continue
            if lowered in module.URL_ATTRIBUTES:
                if not url_is_safe(value, link=lowered in module.LINK_ATTRIBUTES):
                    continue
                if lowered in module.LINK_ATTRIBUTES and resolve_md is not None:
                    resolved = resolve_md(html_module.unescape(value))
                    if resolved is not None:
                        raw = '"' + html_module.escape(resolved, quote=True) + '"'
            kept.append(f"{key}={raw}" if raw is not None else key)
        return f"<{name}{''.join(' ' + a for a in kept)}{end}>"

    return module.START_TAG.sub(clean_tag, page_html)


_NAMES = ["class", "x", "data", "data-x", "href", "HREF", "xlink:href", "src", "style", "on",
          "onclick", "ONload", "only", "srcdoc", "srcdocs", "hrefs", "ſrc", "title", 'a"b']
_VALUES = ['"x.md"', '"a b"', "'q'", "plain", '"javascript:alert(1)"', '"url(x)"', '""',
           '"../t/y.md#z"', '"https://e.com/"', '"a>b"']


@given(st.lists(st.tuples(st.sampled_from([" ", "  ", "\n", "\t"]), st.sampled_from(_NAMES),
                          st.sampled_from(["", "=", " = ", "= "]), st.sampled_from(_VALUES)),
                max_size=4),
       st.sampled_from(["a", "g", "svg", "p"]), st.sampled_from(["", "/", " /", " "]),
       st.sampled_from(["", "<p>", "text <", "<b "]))
@settings(max_examples=400, deadline=None)
def test_fast_paths_write_what_the_full_check_writes(attributes, name, end, before):
    tag = f"<{name}" + "".join(f"{space}{key}{eq}{value if eq else ''}"
                               for space, key, eq, value in attributes) + f"{end}>"
    page = f"{before}{tag}x</{name}>{tag}"

    def resolve(href):
        return href.replace(".md", "/") if href.endswith(".md") else None

    assert sanitize(page) == _every_tag_rewritten(page)
    assert sanitize(page, resolve) == _every_tag_rewritten(page, resolve)
