"""Second line of defence for generated pages: the rendered HTML, checked once more.

The render stage already makes catalog text inert (``generator.render.escape``). Should
anything slip through, this pass removes script-capable elements, event-handler attributes
(``on...=``), and link or source addresses with schemes other than http, https and mailto.
It also turns the ``.md`` links our raw HTML uses (stack-map cards, diagrams) into page URLs,
the way MkDocs does for Markdown links, and reports those that point nowhere.

It runs over every generated page, so it skips what cannot change: tags without attributes,
and tags whose attributes are all harmless and already written the way this pass would write
them. Only the other tags (links, styles, odd spacing ...) are taken apart and written again.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Callable

DANGEROUS_BLOCKS = re.compile(
    r"<(script|iframe|object|embed|style|template|noscript|frameset|frame)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL)
DANGEROUS_TAGS = re.compile(
    r"</?(script|iframe|object|embed|style|template|noscript|frameset|frame|base|meta|link|"
    r"form|applet)\b[^>]*>", re.IGNORECASE)
_ONE_ATTRIBUTE = r"""\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?"""
START_TAG = re.compile(rf"<([a-zA-Z][\w:-]*)((?:{_ONE_ATTRIBUTE})*)(\s*/?)>")
# The same for tags with at least one attribute: a tag without any comes out as it went in,
# so ``sanitize`` need not stop at it (and the tags it does stop at are matched the same way).
TAG_WITH_ATTRIBUTES = re.compile(rf"<([a-zA-Z][\w:-]*)((?:{_ONE_ATTRIBUTE})+)(\s*/?)>")
ATTRIBUTE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
URL_ATTRIBUTES = {"href", "xlink:href", "src", "action", "formaction", "poster", "srcset",
                  "background", "data", "ping"}
LINK_ATTRIBUTES = {"href", "xlink:href"}
# Attributes the slow path leaves as they are, written the way it writes them (one space
# before each, double quotes, no space around ``=``): a tag with only these is kept whole.
# Anything else (event handlers, styles, addresses, other spacing) takes the full check.
_CHECKED_NAMES = "|".join(sorted(URL_ATTRIBUTES | {"srcdoc", "style"}))
PLAIN_ATTRIBUTES = re.compile(
    rf'(?: (?!(?i:on|(?:{_CHECKED_NAMES})(?:[=\s]|\Z)))[^\s=>/]+(?:="[^"]*")?)*')
SAFE_SCHEMES = ("http", "https", "mailto")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


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


def sanitize(page_html: str, resolve_md: Callable[[str], str | None] | None = None) -> str:
    """``page_html`` with unsafe markup removed; ``resolve_md`` maps a relative ``.md`` link to
    its URL (None: leave it)."""
    page_html = DANGEROUS_BLOCKS.sub("", page_html)
    page_html = DANGEROUS_TAGS.sub("", page_html)
    resolved_links: dict[str, str] = {}  # resolve_md's answers on this page (None: asked again)

    def resolve(href: str) -> str | None:
        resolved = resolved_links.get(href)
        if resolved is None:
            resolved = resolve_md(href)
            if resolved is not None:
                resolved_links[href] = resolved
        return resolved

    def clean_tag(match: re.Match) -> str:
        name, attributes, end = match.group(1), match.group(2), match.group(3)
        if PLAIN_ATTRIBUTES.fullmatch(attributes):  # fast path: nothing to drop or rewrite
            return match.group(0)
        kept = []
        for attribute in ATTRIBUTE.finditer(attributes):
            key, raw = attribute.group(1), attribute.group(2)
            lowered = key.lower()
            value = _unquote(raw)
            if lowered.startswith("on") or lowered == "srcdoc":
                continue
            if lowered == "style" and re.search(r"url\s*\(|expression|@import", value, re.I):
                continue
            if lowered in URL_ATTRIBUTES:
                if not url_is_safe(value, link=lowered in LINK_ATTRIBUTES):
                    continue
                if lowered in LINK_ATTRIBUTES and resolve_md is not None:
                    resolved = resolve(html.unescape(value))
                    if resolved is not None:
                        raw = '"' + html.escape(resolved, quote=True) + '"'
            kept.append(f"{key}={raw}" if raw is not None else key)
        return f"<{name}{''.join(' ' + a for a in kept)}{end}>"

    return TAG_WITH_ATTRIBUTES.sub(clean_tag, page_html)
