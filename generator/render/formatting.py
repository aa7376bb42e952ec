"""Dates, money and numbers as the site shows them: one place, so a translation can change them.

Every function takes the site language; English formats are the default for any language that
has no rule of its own yet.
"""

from __future__ import annotations

import datetime as dt

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "KRW": "₩"}


def money(amount: float, currency: str, language: str = "en") -> str:
    """``$36,000`` for symbols we know, ``36,000 CHF`` otherwise; cents only when present."""
    digits = f"{amount:,.2f}" if amount != int(amount) else f"{int(amount):,}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{digits}" if symbol else f"{digits} {currency}"


def date(value: dt.date | None, language: str = "en") -> str:
    """ISO dates (``2026-12-31``): unambiguous in every language."""
    return value.isoformat() if value else ""


def number(value: float, language: str = "en") -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def percent(value: float, language: str = "en") -> str:
    """``84.5%`` from a share already in percent."""
    return f"{value:g}%"
