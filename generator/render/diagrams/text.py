"""Text for diagrams: width estimates, truncation, inert escaping and link checks.

There are no font metrics at build time, so widths are estimated: 1 em for a wide (CJK,
full-width) character and about 0.6 em for a Latin one, refined by shape, since sans-serif
capitals and ``m``/``w`` are wider and ``i``, ``l``, ``t``, punctuation narrower. Measured
against Helvetica/Arial/Liberation Sans on the catalog's names, the estimate errs a little
wide, never far narrow, so text stays inside its box.

Diagrams are pasted inline into Markdown pages. Python-Markdown does not treat ``<svg>`` as a
block element, so it still runs its inline patterns (and those of extensions such as emoji or
magic links) over the text between our tags. ``inert`` therefore turns every ASCII character
that is not a letter, digit or space into a numeric character reference: valid XML, shown as
the same character, and nothing Markdown could act on. Only ``-`` stays as it is: Markdown acts
on it at the start of a line (ours all start with ``<``), and class names stay readable.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from markupsafe import Markup

ELLIPSIS = "…"
UNLIMITED = 1 << 10  # ``wrap``'s line limit when text must never be shortened
WIDE_EM = 1.0
LATIN_EM = 0.58
NARROW_EM, NARROW = 0.32, set(" .,:;'|!()[]{}/\\-fijlrtI")
BROAD_EM, BROAD = 0.88, set("mwMW@%")
CAPITAL_EM = 0.7

# Characters XML 1.0 does not allow at all (C0 controls other than tab/newline, surrogates,
# the two non-characters at the end of the BMP).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile(r"\s+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def clean(value) -> str:
    """A value as one line of text: XML-invalid characters gone, whitespace runs one space."""
    return _clean_text(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=1 << 16)
def _clean_text(text: str) -> str:
    return _WHITESPACE.sub(" ", _NOT_XML.sub("", text)).strip()


def _char_em(char: str) -> float:
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return WIDE_EM
    if char in NARROW:
        return NARROW_EM
    if char in BROAD:
        return BROAD_EM
    return CAPITAL_EM if "A" <= char <= "Z" else LATIN_EM


@functools.lru_cache(maxsize=1 << 16)
def _text_em(text: str) -> float:
    return sum(_char_em(char) for char in text)


def text_width(text: str, font_px: float) -> float:
    """Estimated rendered width of ``text`` in pixels at ``font_px`` (labels recur across
    pages and are measured many times while wrapping, hence the cache)."""
    return _text_em(text) * font_px


@functools.lru_cache(maxsize=1 << 16)
def fit(text: str, max_px: float, font_px: float) -> str:
    """``text`` if it fits in ``max_px``, else as many characters as fit followed by an ellipsis.
    (Memoised, like ``wrap``: the same names are fitted into the same boxes on many pages.)"""
    text = clean(text)
    if text_width(text, font_px) <= max_px + 0.01:
        return text
    budget = max_px - text_width(ELLIPSIS, font_px)
    used = 0.0
    for index, char in enumerate(text):
        used += _char_em(char) * font_px
        if used > budget:
            return text[:index].rstrip() + ELLIPSIS
    return text


def _breaks_after(char: str) -> bool:
    return char in "-/" or _char_em(char) == WIDE_EM


def wrap(text: str, max_px: float, font_px: float, max_lines: int) -> list[str]:
    """``text`` in at most ``max_lines`` lines of ``max_px``; the last one ends in an ellipsis
    if text is left over. Lines break at the last space that fits; failing that after a hyphen,
    slash or wide (CJK) character; failing that mid-word."""
    return list(_wrap(text, max_px, font_px, max_lines))


@functools.lru_cache(maxsize=1 << 16)
def _wrap(text: str, max_px: float, font_px: float, max_lines: int) -> tuple[str, ...]:
    text = clean(text)
    lines: list[str] = []
    # no measuring of all the text left before each line: the loop below finds out whether it
    # fits as it goes (measuring it each time made a long label quadratic)
    while text and len(lines) < max_lines - 1:
        used, after_space, after_other = 0.0, 0, 0
        for index, char in enumerate(text):
            used += _char_em(char) * font_px
            if used > max_px + 0.01:
                break
            if char == " ":
                after_space = index + 1
            elif _breaks_after(char):
                after_other = index + 1
        else:
            break  # the rest fits on this line
        cut = after_space or after_other or max(index, 1)
        lines.append(text[:cut].strip())
        text = text[cut:].strip()
    if text or not lines:
        lines.append(fit(text, max_px, font_px))
    return tuple(lines)


# Every ASCII character but letters, digits, space and ``-`` -> its numeric reference.
_INERT = str.maketrans({code: f"&#{code};" for code in range(128)
                        if not (chr(code).isalnum() or chr(code) in " -")})


def inert(value) -> Markup:
    """Text for inside an SVG element or a double-quoted attribute, inert for Markdown too."""
    return _inert_text(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=1 << 16)
def _inert_text(text: str) -> Markup:
    # labels recur on many diagrams, hence the cache (Markup is immutable, so shareable)
    return Markup(clean(text).translate(_INERT))


def safe_href(href) -> str | None:
    """``href`` if it is a relative URL or an http(s) one, else None (the node is not linked).

    Rejected: other schemes (``javascript:``, ``data:`` ...), protocol-relative ``//host``
    and anything with whitespace, control characters or backslashes, which browsers may
    silently drop or rewrite when they parse the scheme.
    """
    if href is None:
        return None
    href = str(href)
    if not href or href.startswith("//") or any(ord(char) <= 32 or char in "\\\x7f" for char in href):
        return None
    scheme = _SCHEME.match(href)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return None
    return href
