"""The HTML-level second line of defence (generator/site/sanitize.py)."""


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.sanitize import sanitize, url_is_safe


def browser_view(page_html: str) -> list[str]:
    """What in ``page_html`` would run or load from elsewhere, found by html5lib, which tokenises
    exactly as browsers do (comments, raw text, foreign content and all)."""
    import html5lib

    found = []
    document = html5lib.parse(page_html, namespaceHTMLElements=False)
    for element in document.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in ("script", "iframe", "object", "embed", "set", "animate", "base", "meta",
                   "form", "style"):
            found.append(tag)
        for key, value in element.attrib.items():
            name = str(key).rsplit("}", 1)[-1].lower()
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                found.append(f"{tag} {name}")
            elif name in ("href", "src", "srcset", "action", "poster", "background"):
                plain = "".join(value.split()).lower()
                external = "//" in plain and not (tag in ("a", "area") and name == "href")
                if plain.startswith(("javascript:", "data:", "vbscript:")) or external:
                    found.append(f"{tag} {name}={value}")
            elif name == "style" and ("url(" in value or "\\" in value):
                found.append(f"{tag} style")
    return found


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


@pytest.mark.parametrize("attack", [
    "<svg/onload=alert(1)>",
    "<a/href=javascript:alert(1)>x</a>",
    "<A/HREF=JaVaScRiPt:alert(1)>x</a>",
    "<a href=java&#x09;script&colon;alert(1)>x</a>",
    "<a href=&#106avascript:alert(1)>x</a>",
    "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
    "<img/src=x/onerror=alert(1)>",
    '<img src="x"onerror="alert(1)">',
    "<x.y onmouseover=alert(1)>hover</x.y>",
    "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
    "<iframe/src=javascript:alert(1)></iframe>",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>alert(2)</script>script>alert(1)</script>",
    "<script/x>alert(1)</script >",
    "<!-- <a title='--><img src=x onerror=alert(1)>'> -->",
    "<? <a title='><img src=x onerror=alert(1)>'> ?>",
    "</a title='<a x='></a><img src=x onerror=alert(1)>'>",
    "<title><a title='</title><img src=x onerror=alert(1)>'></a></title>",
    "<textarea><a title='</textarea><img src=x onerror=alert(1)>'></a></textarea>",
    "<xmp><a title='</xmp><img src=x onerror=alert(1)>'></a></xmp>",
    "<svg><![CDATA[<a title=']]><img src=x onerror=alert(1)>'></a>]]></svg>",
    "<svg><set attributeName=href to=javascript:alert(1) /></svg>",
    "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
    '<a title="<img src=x onerror=alert(1)>',  # never closed: the page's own markup follows
    "<img src=x onerror=alert(1)",
    '<div style="background:u&#114;l(https://evil.example/x.png)">x</div>',
    '<div style="background:u\\72l(https://evil.example/x.png)">x</div>',
    '<img srcset="a.png 1x, https://evil.example/t.png 2x">',
    '<svg><image href="https://evil.example/t.png"/></svg>',
])
def test_markup_no_layer_before_has_escaped_is_neutralised(attack):
    """As a browser reads the result followed by the rest of the page: nothing runs, nothing
    loads from another host."""
    cleaned = sanitize(attack)
    assert browser_view(cleaned + NEXT_TEXT) == [], cleaned
    assert browser_view(NEXT_TEXT) == []


# text that follows on the page, where the layer before escapes `<` but not quotes: harmless
# unless a tag left open above swallows it
NEXT_TEXT = """<p>" onfocus=alert(1) x="</p><p>"></p><p>' onfocus=alert(1) x='</p><p>'></p>"""


_PIECES = ["<", ">", "</", "/", " ", "\n", "=", '"', "'", "a", "img", "svg", "math", "title",
           "textarea", "script", "style", "xmp", "set", "x.y", "<!--", "-->", "--!>", "<!", "<?",
           "<![CDATA[", "]]>", " onerror=alert(1)", "/onload=alert(1)", " href=javascript:alert(1)",
           " src=//evil.example/x", " xlink:href=data:x", "attributeName=href to=javascript:x",
           "&#106;", "&colon;", "java&#x09;script:", " style=u&#114;l(//e/x)", "src=x"]


@given(st.lists(st.sampled_from(_PIECES), max_size=14))
@settings(max_examples=500, deadline=None)
def test_nothing_runs_whatever_the_markup(pieces):
    cleaned = sanitize("".join(pieces))
    assert browser_view(cleaned + NEXT_TEXT) == [], cleaned


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
    """``sanitize`` without its fast path: every tag with attributes taken apart and written
    again. The fast path must give the same text for any input."""
    import re

    from generator.site import sanitize as module

    fast = module.PLAIN_ATTRIBUTES
    module.PLAIN_ATTRIBUTES = re.compile(r"(?!)")  # matches nothing
    try:
        return module.sanitize(page_html, resolve_md)
    finally:
        module.PLAIN_ATTRIBUTES = fast


_NAMES = ["class", "x", "data", "data-x", "href", "HREF", "xlink:href", "src", "style", "on",
          "onclick", "ONload", "only", "srcdoc", "srcdocs", "hrefs", "ſrc", "title", 'a"b']
_VALUES = ['"x.md"', '"a b"', "'q'", "plain", '"javascript:alert(1)"', '"url(x)"', '""',
           '"../t/y.md#z"', '"https://e.com/"', '"a>b"']


@given(st.lists(st.tuples(st.sampled_from([" ", "  ", "\n", "\t", "/", "\x0b"]),
                          st.sampled_from(_NAMES),
                          st.sampled_from(["", "=", " = ", "= "]), st.sampled_from(_VALUES)),
                max_size=4),
       st.sampled_from(["a", "g", "svg", "p", "title", "x.y"]),
       st.sampled_from(["", "/", " /", " ", "/ /"]),
       st.sampled_from(["", "<p>", "text <", "<b ", "<!-- ", "</a "]))
@settings(max_examples=400, deadline=None)
def test_fast_paths_write_what_the_full_check_writes(attributes, name, end, before):
    tag = f"<{name}" + "".join(f"{space}{key}{eq}{value if eq else ''}"
                               for space, key, eq, value in attributes) + f"{end}>"
    page = f"{before}{tag}x</{name}>{tag}"

    def resolve(href):
        return href.replace(".md", "/") if href.endswith(".md") else None

    assert sanitize(page) == _every_tag_rewritten(page)
    assert sanitize(page, resolve) == _every_tag_rewritten(page, resolve)
