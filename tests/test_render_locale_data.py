"""Dates, money, numbers and percentages follow the site language's conventions."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.render.locale_data import format_date, format_money, format_number, format_percent

NEW_YEARS_EVE = dt.date(2026, 12, 31)


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Dec 31, 2026"),
    ("ko", "2026. 12. 31."),
    ("ja", "2026/12/31"),
    ("zh-Hant", "2026年12月31日"),
    ("id", "31 Des 2026"),
])
def test_format_date_per_language(language, expected):
    assert format_date(NEW_YEARS_EVE, language) == expected


def test_format_date_of_nothing_is_empty():
    assert format_date(None, "ko") == ""


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "$36,000"),
    ("ko", "US$36,000"),
    ("ja", "$36,000"),
    ("zh-Hant", "US$36,000"),
    ("id", "US$36.000"),
])
def test_format_money_whole_amounts_have_no_cents(language, expected):
    assert format_money(36000, "USD", language) == expected


def test_format_money_shows_cents_when_present():
    assert format_money(1234.5, "USD", "en") == "$1,234.50"
    assert format_money(1234.5, "EUR", "id") == "€1.234,50"


def test_format_money_uses_the_currencys_own_digits():
    # Yen and won have no minor unit: a fractional amount rounds to whole units.
    assert format_money(1234.5, "JPY", "ja") == "￥1,235"
    assert format_money(500000, "KRW", "ko") == "₩500,000"


def test_format_money_places_the_symbol_as_the_language_does():
    assert format_money(36000, "EUR", "de") == "36.000\xa0€"
    assert format_money(900, "CHF", "de") == "900\xa0CHF"


def test_format_money_spaces_a_currency_written_in_letters():
    assert format_money(900, "CHF", "en") == "CHF\xa0900"
    assert format_money(900, "USD", "ko") == "US$900"


@pytest.mark.parametrize(("value", "language", "expected"), [
    (36000, "en", "36,000"),
    (36000, "id", "36.000"),
    (1.5, "en", "1.5"),
    (1.5, "id", "1,5"),
    (0.05, "en", "0.1"),
    (2.25, "ko", "2.3"),
])
def test_format_number(value, language, expected):
    assert format_number(value, language) == expected


@pytest.mark.parametrize(("value", "language", "expected"), [
    (84.5, "en", "84.5%"),
    (84.5, "id", "84,5%"),
    (100, "ja", "100%"),
    (33.333, "zh-Hant", "33.3%"),
    (84.5, "tr", "%84,5"),
])
def test_format_percent(value, language, expected):
    assert format_percent(value, language) == expected


def test_unknown_language_formats_as_english():
    assert format_money(36000, "USD", "xx") == "$36,000"
    assert format_date(NEW_YEARS_EVE, "xx") == "Dec 31, 2026"
