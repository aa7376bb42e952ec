"""Second line of defence for generated pages: the rendered HTML, checked once more.

The render stage already makes catalog text inert (``generator.render.escape``). Should
anything slip through, this pass removes script-capable elements, event-handler attributes
(``on...=``), and link or source addresses with schemes other than http, https and mailto.
It also turns the ``.md`` links our raw HTML uses (stack-map cards, diagrams) into page URLs,
the way MkDocs does for Markdown links, and reports those that point nowhere.

It must be right on its own, whatever the layer before lets through, so it reads the markup the
way a browser's tokenizer does (the HTML standard, "Tokenization"): a tag's attributes may be
separated by ``/`` or by nothing after a quoted value, a tag name runs to a space, ``/`` or
``>``, comments and ``<!...>`` / ``<?...>`` hide what they hold up to their end, and the text of
``<title>`` and ``<textarea>`` holds no tags. What it cannot read the same way for sure, it makes
text: a tag never closed (the page's own markup would follow and finish it), ``<![CDATA[``.

It runs over every generated page, so it skips what cannot change: tags without attributes,
and tags whose attributes are all harmless and already written the way this pass would write
them. Only the other tags (links, styles, odd spacing ...) are taken apart and written again.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Callable

_SPACE = "\t\n\f\r "
"""What separates in a tag (HTML's ASCII whitespace; Python's \\s means more)."""
_NAME = rf"[^{_SPACE}/>][^{_SPACE}/>=]*+"
_VALUE = rf"""(?:"[^"]*+"|'[^']*+'|[^{_SPACE}>"'][^{_SPACE}>]*+|(?=>))"""
# One attribute as the tokenizer reads it: a `=` after the name (spaces allowed around it)
# always starts a value; a quote left open fails the tag, which then counts as never closed.
_ONE_ATTRIBUTE = (rf"[{_SPACE}/]*+{_NAME}"
                  rf"(?:[{_SPACE}]*+=[{_SPACE}]*+{_VALUE}|(?![{_SPACE}]*+=))")
_ATTRIBUTES = rf"(?:{_ONE_ATTRIBUTE})"
_TAG_END = rf"[{_SPACE}/]*+>"
ATTRIBUTE = re.compile(rf"[{_SPACE}/]*+({_NAME})(?:[{_SPACE}]*+=[{_SPACE}]*+({_VALUE}))?")

RAW_TEXT = "script|style|xmp|iframe|noembed|noframes|noscript"
"""Elements whose content the browser reads as text up to their end tag: removed whole."""
REMOVED_WHOLE = f"{RAW_TEXT}|object|embed|template|frameset|frame"
REMOVED_TAGS = (f"{REMOVED_WHOLE}|base|meta|link|form|applet|plaintext|param|portal|"
                "animate|animatemotion|animatetransform|animatecolor|set|handler|listener")
"""Tags removed wherever they stand (their content stays when there is no end tag). SVG's
``animate`` and ``set`` could give an ``href`` a ``javascript:`` value."""
ESCAPABLE_TEXT = "title|textarea"
"""Elements whose content the browser reads as text (entities decoded): any ``<`` in it is
written as ``&lt;``, which reads the same there and stays text everywhere else."""

_MARKUP = re.compile(
    "<(?:"
    # a comment, kept: the browser shows nothing of it, and so nothing in it counts here
    r"(?P<comment>!--(?:-?>|.*?--!?>))"
    # <!...>, <?...> and </ followed by no letter: hidden up to the first `>` (CDATA: below)
    r"|(?P<bogus>(?!!--|!\[CDATA\[)(?:[!?]|/(?![a-zA-Z>]))[^>]*+>)"
    # an element read as text, removed with its content
    rf"|(?P<whole>(?i:(?P<whole_name>{REMOVED_WHOLE}))(?=[{_SPACE}/>]){_ATTRIBUTES}*+{_TAG_END}"
    rf".*?</(?i:(?P=whole_name))(?=[{_SPACE}/>]){_ATTRIBUTES}*+{_TAG_END})"
    # a start or end tag removed on its own
    rf"|(?P<removed>/?(?i:{REMOVED_TAGS})(?=[{_SPACE}/>]){_ATTRIBUTES}*+{_TAG_END})"
    # <title> or <textarea> and the text up to its end tag (or to the end)
    rf"|(?P<escapable>(?P<escapable_tag>(?i:(?P<escapable_name>{ESCAPABLE_TEXT}))"
    rf"(?=[{_SPACE}/>])(?P<escapable_attributes>{_ATTRIBUTES}*+)(?P<escapable_end>[{_SPACE}/]*+)>)"
    rf"(?P<escapable_text>.*?)(?=</(?i:(?P=escapable_name))[{_SPACE}/>]|\Z))"
    # a start tag with attributes
    rf"|(?P<start>(?P<name>[a-zA-Z][^{_SPACE}/>]*+)(?P<attributes>{_ATTRIBUTES}++)"
    rf"(?P<end>[{_SPACE}/]*+)>)"
    # an end tag with attributes (the browser ignores them; so do we)
    rf"|(?P<end_tag>/(?P<end_name>[a-zA-Z][^{_SPACE}/>]*+){_ATTRIBUTES}++{_TAG_END})"
    # a tag never closed, <!-- never closed, <![CDATA[: the `<` becomes text
    rf"|(?P<open>(?=/?[a-zA-Z][^{_SPACE}/>]*+{_ATTRIBUTES}*+[{_SPACE}/]*+(?!>))"
    r"|(?=!--|!\[CDATA\[|[!?]|/(?![a-zA-Z>])))"
    ")", re.DOTALL)
URL_ATTRIBUTES = {"href", "xlink:href", "src", "action", "formaction", "poster", "srcset",
                  "background", "data", "ping"}
LINK_ATTRIBUTES = {"href", "xlink:href"}
LINK_ELEMENTS = {"a", "area"}
"""Where ``href`` is a link a reader follows; elsewhere (SVG ``image``, ``use``) it loads."""
# Attributes the slow path leaves as they are, written the way it writes them (one space
# before each, double quotes, no space around ``=``): a tag with only these is kept whole.
# Anything else (event handlers, styles, addresses, other spacing) takes the full check.
_CHECKED_NAMES = "|".join(sorted(URL_ATTRIBUTES | {"srcdoc", "style"}))
PLAIN_ATTRIBUTES = re.compile(
    rf'(?: (?!(?i:on|(?:{_CHECKED_NAMES})(?:[=\s]|\Z)))[^\s=>/"\'<]+(?:="[^"]*")?)*')
SAFE_SCHEMES = ("http", "https", "mailto")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
UNSAFE_STYLE = re.compile(r"url\s*\(|image-set|expression|@import|binding|behavior|\\", re.I)
_PASSES = 8
@functools.lru_cache(maxsize=1 << 14)
def url_is_safe(value: str, link: bool) -> bool:
    """Links may use http, https, mailto or be relative; sources (src ...) only relative,
    so nothing on the page loads from another host. (Memoised: pages share their links.)"""
    url = INVISIBLE.sub("", html.unescape(value))
    if url.startswith("//") or "\\" in url:
        return False
    scheme = SCHEME.match(url)
    if scheme is None:
        return True
    return link and scheme.group(1).lower() in SAFE_SCHEMES


def _unquote(value: str | None) -> str:
    if value and value[0] in "\"'" and value[-1] == value[0]:
        return value[1:-1]
    return value or ""


def _srcset_is_safe(value: str) -> bool:
    return all(url_is_safe(candidate.split()[0], link=False)
               for candidate in value.split(",") if candidate.strip())


def sanitize(page_html: str, resolve_md: Callable[[str], str | None] | None = None) -> str:
    """``page_html`` with unsafe markup removed; ``resolve_md`` maps a relative ``.md`` link to
    its URL (None: leave it)."""
    resolved_links: dict[str, str] = {}  # resolve_md's answers on this page (None: asked again)
    removed = False

    def resolve(href: str) -> str | None:
        resolved = resolved_links.get(href)
        if resolved is None:
            resolved = resolve_md(href)
            if resolved is not None:
                resolved_links[href] = resolved
        return resolved

    def clean_tag(name: str, attributes: str, end: str) -> str:
        kept = []
        for attribute in ATTRIBUTE.finditer(attributes):
            key, raw = attribute.group(1), attribute.group(2)
            lowered = key.lower()
            value = _unquote(raw)
            if lowered.startswith("on") or lowered == "srcdoc":
                continue
            if lowered == "style" and UNSAFE_STYLE.search(html.unescape(value)):
                continue
            if lowered == "srcset":
                if not _srcset_is_safe(html.unescape(value)):
                    continue
            elif lowered in URL_ATTRIBUTES:
                link = lowered in LINK_ATTRIBUTES and name.lower() in LINK_ELEMENTS
                if not url_is_safe(value, link=link):
                    continue
                if lowered in LINK_ATTRIBUTES and resolve_md is not None:
                    resolved = resolve(html.unescape(value))
                    if resolved is not None:
                        raw = '"' + html.escape(resolved, quote=True) + '"'
            kept.append(f"{key}={raw}" if raw is not None else key)
        return f"<{name}{''.join(' ' + a for a in kept)}{end}>"

    def clean(match: re.Match) -> str:
        nonlocal removed
        kind = match.lastgroup
        if kind == "start":  # the common case: a start tag with attributes
            attributes = match.group("attributes")
            if PLAIN_ATTRIBUTES.fullmatch(attributes):  # fast path: nothing to drop or rewrite
                return match.group(0)
            return clean_tag(match.group("name"), attributes, match.group("end"))
        if kind in ("comment", "bogus"):
            return match.group(0)
        if kind == "open":
            return "&lt;"
        if kind == "end_tag":
            return f"</{match.group('end_name')}>"
        if kind == "escapable":
            tag = match.group("escapable_tag")
            attributes = match.group("escapable_attributes")
            if attributes and not PLAIN_ATTRIBUTES.fullmatch(attributes):
                tag = clean_tag(match.group("escapable_name"), attributes,
                                match.group("escapable_end"))[1:]
            return f"<{tag}{match.group('escapable_text').replace('<', '&lt;')}"
        removed = True  # "whole" or "removed"
        return ""

    for _ in range(_PASSES):
        removed = False
        page_html = _MARKUP.sub(clean, page_html)
        if not removed:  # what was removed may have joined text around it into a new tag
            return page_html
    return page_html.replace("<", "&lt;")  # still removing after many passes: a crafted page
