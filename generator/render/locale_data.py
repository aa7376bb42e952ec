"""Dates, money, numbers and percentages written the way the site language writes them.

Babel (CLDR data) knows each language's conventions: ``Dec 31, 2026`` in English,
``2026. 12. 31.`` in Korean, ``2026/12/31`` in Japanese, ``31 Des 2026`` in Indonesian; a
thousands separator of ``,`` or ``.``; where the currency symbol goes. Amounts show cents only
when they have some, so catalog costs read ``$36,000`` rather than ``$36,000.00``. Halves round
up (``0.05`` -> ``0.1``), as people expect, not to the even digit.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel import dates, numbers
from babel.numbers import NumberPattern

from generator.languages import babel_locale


def format_date(value: dt.date | None, language: str) -> str:
    """A calendar date in the language's medium style; empty for no date."""
    if value is None:
        return ""
    return dates.format_date(value, "medium", locale=babel_locale(language))


def format_month(value: dt.date, language: str) -> str:
    """The month and year as a calendar heading: ``December 2026``, ``2026년 12월``."""
    return dates.format_skeleton("yMMMM", value, locale=babel_locale(language))


def format_day(value: dt.date, language: str) -> str:
    """Day and short month without the year: ``Dec 31``, ``12월 31일``."""
    return dates.format_skeleton("MMMd", value, locale=babel_locale(language))


def format_money(amount: float, currency: str, language: str) -> str:
    """``$36,000`` / ``US$36,000`` / ``US$36.000``: the language's currency pattern; cents
    only when present (then as many as the currency has: none for JPY or KRW)."""
    locale = babel_locale(language)
    whole = amount == int(amount)
    pattern = locale.currency_formats["standard"]
    if whole:
        pattern = _with_fraction_digits(pattern, 0, 0)
    with localcontext(rounding=ROUND_HALF_UP):
        text = numbers.format_currency(amount, currency, format=pattern, locale=locale,
                                       currency_digits=not whole)
    return _space_letter_symbol(text, numbers.get_currency_symbol(currency, locale))


def format_number(value: float, language: str) -> str:
    """``36,000`` or ``1.5`` (``36.000`` / ``1,5`` in Indonesian): at most one decimal."""
    locale = babel_locale(language)
    digits = 0 if value == int(value) else 1
    pattern = _with_fraction_digits(locale.decimal_formats[None], digits, digits)
    with localcontext(rounding=ROUND_HALF_UP):
        return numbers.format_decimal(value, format=pattern, locale=locale)


def format_percent(value: float, language: str) -> str:
    """A share already in percent (``84.5``) as ``84.5%``; at most one decimal."""
    locale = babel_locale(language)
    pattern = _with_fraction_digits(locale.percent_formats[None], 0, 1)
    with localcontext(rounding=ROUND_HALF_UP):
        return numbers.format_percent(Decimal(str(value)) / 100, format=pattern, locale=locale)


def _space_letter_symbol(text: str, symbol: str) -> str:
    """``CHF 900``, not ``CHF900``: CLDR puts a space between a currency written in letters and
    the digits, which Babel leaves out (symbols such as ``$`` or ``US$`` stay attached)."""
    if symbol[-1:].isalpha():
        text = re.sub(rf"{re.escape(symbol)}(?=\d)", f"{symbol}\xa0", text)
    if symbol[:1].isalpha():
        text = re.sub(rf"(?<=\d){re.escape(symbol)}", f"\xa0{symbol}", text)
    return text


def _with_fraction_digits(pattern: NumberPattern, least: int, most: int) -> NumberPattern:
    changed = copy.copy(pattern)
    changed.frac_prec = (least, most)
    return changed
