"""Counts in English messages: ``1 tool``, ``2 tools``, ``0 errors``."""

from __future__ import annotations


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` and the noun, singular for exactly one (``plural`` defaults to noun + s)."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
