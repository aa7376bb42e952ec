"""Making catalog text safe to put into generated Markdown.

Two kinds of text come from YAML:

* plain fields (names, vendors, outputs ...) are shown exactly as typed: ``plain`` turns every
  character Markdown or HTML would act on into an HTML entity, so ``<b>`` or ``*x*`` or ``|`` in
  a table cell comes out as those characters, never as markup;
* Markdown fields (``description``) keep their Markdown, but ``markdown`` neutralises raw HTML
  (every ``<`` becomes ``&lt;``; code spans and fenced code become our own escaped ``<code>``),
  images (they would load from other hosts), attribute lists (``{: onclick=...}``) and any link
  whose target is not http, https, mailto or ``#anchor`` (inline and reference-style).

The site plugin runs a second, HTML-level pass (``generator.site.sanitize``) over every
generated page in case anything slips through here.
"""

from __future__ import annotations

import functools
import html
import re

from markupsafe import Markup

from generator.control_characters import visible
from generator.load.markdown_cost import markdown_cost

SAFE_LINK = re.compile(r"\s*<?\s*(https?://|mailto:|#)", re.IGNORECASE)

# Characters Markdown (with the extensions we use) or HTML would interpret inline.
_PLAIN_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "&<>\"'\\`*_{}[]()#|!~"}
_PLAIN_TABLE = str.maketrans(_PLAIN_ENTITIES)
_WHITESPACE = re.compile(r"\s+")
# What starts a list when a value stands at the beginning of a line ("- x", "+ x", "1. x").
_LIST_MARKER = re.compile(r"^(?:([-+])|(\d+)(\.))(?=\s|$)")


def _inert_list_marker(match: re.Match) -> str:
    if match.group(1):
        return f"&#{ord(match.group(1))};"
    return f"{match.group(2)}&#{ord(match.group(3))};"


def plain(value) -> Markup:
    """Any value as inert inline Markdown text: one line, every special character an entity."""
    return _plain_text(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=1 << 16)
def _plain_text(text: str) -> Markup:
    # names recur on many pages, hence the cache (Markup is immutable, so shareable)
    text = _WHITESPACE.sub(" ", text).strip().translate(_PLAIN_TABLE)
    return Markup(_LIST_MARKER.sub(_inert_list_marker, text, count=1))


# --------------------------------------------------------------------------- Markdown fields

_FENCE = re.compile(r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n(?P<body>.*?)"
                    r"(?:^[ ]{0,3}(?P=fence)[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]+)>", re.IGNORECASE)
_INLINE_LINK = re.compile(r"\]\s*\(")
_REFERENCE_DEFINITION = re.compile(r"\[([^\[\]\n]*)\]:")
_HOLE = "\x00{}\x00"


def _code_html(code: str, block: bool) -> str:
    escaped = plain_code(code)
    return f"\n\n<pre><code>{escaped}</code></pre>\n\n" if block else f"<code>{escaped}</code>"


def plain_code(code: str) -> str:
    """Code text for inside our own ``<code>`` element: entities only, line breaks kept."""
    return "\n".join(line.translate(_PLAIN_TABLE) for line in code.split("\n"))


def _neutralise_links(text: str) -> str:
    def inline(match: re.Match) -> str:
        safe = SAFE_LINK.match(match.string, match.end())
        return match.group(0) if safe else "]&#40;"

    def definition(match: re.Match) -> str:
        safe = SAFE_LINK.match(match.string, match.end())
        return match.group(0) if safe else "&#91;" + match.group(0)[1:]

    text = _REFERENCE_DEFINITION.sub(definition, text)
    return _INLINE_LINK.sub(inline, text)


def markdown(value) -> Markup:
    """A Markdown field, with raw HTML, images, attribute lists and unsafe links made inert.
    A text too costly for Python-Markdown (``generator.load.markdown_cost``; loading warns
    about it) comes out as plain text in an HTML block Markdown leaves alone."""
    text = str(value).replace("\x00", "")
    if markdown_cost(text):
        return Markup('\n\n<div class="mops-plain-text" style="white-space: pre-wrap">'
                      f"{html.escape(text.strip(), quote=False)}</div>\n\n")
    holes: list[str] = []

    def hide(html_text: str) -> str:
        holes.append(html_text)
        return _HOLE.format(len(holes) - 1)

    text = _FENCE.sub(lambda m: hide(_code_html(m.group("body").rstrip("\n"), True)), text)
    text = _CODE_SPAN.sub(lambda m: hide(_code_html(m.group(2).strip(), False)), text)
    text = _AUTOLINK.sub(lambda m: f"[{plain(m.group(1))}]({m.group(1)})", text)
    text = _neutralise_links(text)
    text = text.replace("<", "&lt;")
    text = text.replace("![", "&#33;[").replace("{", "&#123;")
    for index, hidden in enumerate(holes):
        text = text.replace(_HOLE.format(index), hidden)
    return Markup(text.strip())


def html_attribute(value) -> Markup:
    """A value for inside a double-quoted HTML attribute we write ourselves."""
    return _html_attribute(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=1 << 16)
def _html_attribute(text: str) -> Markup:
    # links and labels recur on many pages, hence the cache (as for ``plain``)
    return Markup(html.escape(text, quote=True))


# --------------------------------------------------------------------------- GitHub comments

_GFM_SPECIAL = re.compile(r"[\\`*_\[\]<|~&$]")
"""What GitHub Markdown acts on inside a line: escapes, code, emphasis, links and images, HTML
and autolinks, table cells, strikethrough, entity references (``&#64;`` would become a mention),
maths."""
_GFM_LINE_START = re.compile(r"^(?:[-+=>#]|\d+[.)])")
_GFM_BACKTICKS = re.compile(r"`+")
ZERO_WIDTH_JOINER = "\u200d"


def gfm_text(value) -> str:
    """Any value as inert inline GitHub Markdown, on one line: Markdown and HTML characters
    backslash-escaped (no HTML entities, so the raw comment reads as typed), line breaks made
    spaces, control characters shown as ``\\x1b`` and ``@`` followed by a zero-width joiner, so
    ``@org/team`` pings no one (as GitHub's own tools do)."""
    text = visible(_WHITESPACE.sub(" ", str(value)).strip())
    text = _GFM_SPECIAL.sub(lambda m: "\\" + m.group(), text)
    text = _GFM_LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], text, count=1)
    return text.replace("@", "@" + ZERO_WIDTH_JOINER)


def gfm_special(character: str) -> bool:
    """Whether GitHub Markdown would act on ``character`` inside a line (``gfm_text`` puts a
    backslash before it)."""
    return _GFM_SPECIAL.fullmatch(character) is not None


def gfm_code(value) -> str:
    """Any value as one GitHub Markdown code span: line breaks and control characters shown as
    ``\\n`` / ``\\x1b`` (a line break would end the span's paragraph), fenced by more backticks
    than the text holds in a row. GitHub mentions no one inside code, so ``@`` stays as typed
    (a path copied from the comment still works)."""
    text = visible(str(value))
    fence = "`" * (max(map(len, _GFM_BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
