"""Control characters: the invisible ones a catalog value must not hold, and their visible form.

A value from YAML may hold ESC, vertical tab, backspace and the like (a quoted ``"\\e[2J"`` or
a byte pasted from a terminal). Spreadsheets refuse them, terminals act on them (clear the
screen, move the cursor, rewrite what was printed) and pages show nothing. Validation reports
them (``generator.load``); whatever text reaches a terminal or a comment goes through
``visible`` so that they show as ``\\x1b`` instead of acting.
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Not allowed in a catalog value: C0 controls except tab, line feed and carriage return,
DEL and the C1 controls. Tabs and line breaks belong in multi-line text."""

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_SHORT = {"\n": "\\n", "\r": "\\r"}


def visible(text: str) -> str:
    """``text`` on one line with every control character (line breaks too) written as an escape
    (``\\x1b``, ``\\n``); tabs stay. For messages printed to a terminal."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: _SHORT.get(m.group(), f"\\x{ord(m.group()):02x}")
                            if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def describe(character: str) -> str:
    """``ESC (\\x1b)``: how a message names a forbidden character."""
    names = {"\x00": "NUL", "\x07": "BEL", "\x08": "backspace", "\x0b": "vertical tab",
             "\x0c": "form feed", "\x1b": "ESC", "\x7f": "DEL"}
    code = f"\\x{ord(character):02x}"
    return f"{names[character]} ({code})" if character in names else f"control character {code}"


def visible_lines(text: str) -> str:
    """``visible`` for text of several lines: the line breaks stay, nothing else acts."""
    return "\n".join(visible(line) for line in text.split("\n"))
