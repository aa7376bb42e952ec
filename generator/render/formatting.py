"""Dates, money and numbers as the site shows them: one place, so a translation can change them.

Every function takes the site language and writes the value the way that language does
(Babel's CLDR data, through ``generator.render.locale_data``).
"""

from __future__ import annotations

import datetime as dt

from generator.render import locale_data


def money(amount: float, currency: str, language: str = "en") -> str:
    """``$36,000`` in English, ``US$36,000`` in Korean; cents only when present."""
    return locale_data.format_money(amount, currency, language)


def date(value: dt.date | None, language: str = "en") -> str:
    """``Dec 31, 2026`` in English, ``2026. 12. 31.`` in Korean, ``2026/12/31`` in Japanese."""
    return locale_data.format_date(value, language)


def month(value: dt.date, language: str = "en") -> str:
    """``December 2026`` in English, ``2026년 12월`` in Korean (calendar headings)."""
    return locale_data.format_month(value, language)


def day(value: dt.date, language: str = "en") -> str:
    """``Dec 31`` in English, ``12월 31일`` in Korean (a date within a month's heading)."""
    return locale_data.format_day(value, language)


def number(value: float, language: str = "en") -> str:
    return locale_data.format_number(value, language)


def percent(value: float, language: str = "en") -> str:
    """``84.5%`` from a share already in percent."""
    return locale_data.format_percent(value, language)
