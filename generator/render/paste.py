"""A generated page's Markdown made fit to paste into Slack, Confluence, a pull request or an
e-mail (``mops report --format markdown``).

The site's Markdown is written for MkDocs: catalog text is inert through HTML entities
(``&#39;``), links point at other pages' ``.md`` sources relative to the page, and badges are
small HTML spans. Pasted elsewhere, entities show as typed, relative links are broken and HTML
shows as tags. ``pasteable`` turns:

* every entity into its character, backslash-escaped where GitHub Markdown would act on it
  (the same characters ``escape.gfm_text`` escapes), so text still cannot become markup;
* every link to a page into an absolute link under ``site_url``, or into its text alone when
  the site's address is unknown (and links to other hosts are kept);
* our badges (``<span class="mops-badge">``) and ``<code>`` into code spans.
"""

from __future__ import annotations

import html
import posixpath
import re

from generator.render.escape import gfm_code, gfm_special

_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_LINK = re.compile(r"\[((?:\\.|[^\\\[\]])*)\]\(([^()\s]*)\)")
_SPAN = re.compile(r"<span\b([^>]*)>(.*?)</span>", re.DOTALL)
_CODE = re.compile(r"<code>(.*?)</code>", re.DOTALL)


def pasteable(markdown: str, page: str, site_url: str = "", directory_urls: bool = True) -> str:
    """``markdown`` of the page at ``page`` (``insights/index.md``), to paste elsewhere."""
    text = _SPAN.sub(_span, markdown)
    text = _CODE.sub(lambda m: gfm_code(html.unescape(m.group(1))), text)
    text = _ENTITY.sub(_character, text)
    return _LINK.sub(lambda m: _link(m.group(1), m.group(2), page, site_url, directory_urls),
                     text)


def _span(match: re.Match) -> str:
    """A badge (severity, lifecycle) as a code span, which chat and wiki tools show as a chip
    the way the site shows a badge; any other span as its text."""
    if "mops-badge" in match.group(1):
        return gfm_code(html.unescape(match.group(2)))
    return match.group(2)


def _character(match: re.Match) -> str:
    character = html.unescape(match.group(0))
    if character == match.group(0):  # not an entity HTML knows: leave it
        return character
    return "\\" + character if gfm_special(character) else character


def _link(label: str, target: str, page: str, site_url: str, directory_urls: bool) -> str:
    if "://" in target or target.startswith("mailto:"):
        return f"[{label}]({target})"
    url = page_url(page, target, directory_urls)
    if url is None or not site_url:
        return label
    return f"[{label}]({site_url.rstrip('/')}/{url})"


def page_url(page: str, target: str, directory_urls: bool = True) -> str | None:
    """The address, relative to the site's root, of the link ``target`` on ``page``: the
    linked ``.md`` page as MkDocs publishes it (``tools/x/``, or ``tools/x.html`` without
    directory URLs), with its anchor; None when it is not a page of the site."""
    path, _, anchor = target.partition("#")
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if not path.endswith(".md"):
        return None
    if path.startswith("../") or path == "..":
        return None
    stem = path.removesuffix(".md")
    if not directory_urls:
        url = stem + ".html"
    elif stem == "index" or stem.endswith("/index"):
        url = stem.removesuffix("index")
    else:
        url = stem + "/"
    return url + (f"#{anchor}" if anchor else "")
