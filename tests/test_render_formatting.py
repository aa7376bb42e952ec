"""Money, dates and numbers as the site prints them (generator/render/formatting.py)."""

import datetime as dt

from generator.render import formatting


def test_money_uses_symbols_it_knows_and_codes_otherwise():
    assert formatting.money(36000, "USD") == "$36,000"
    assert formatting.money(1234.5, "EUR") == "€1,234.50"
    assert formatting.money(900, "CHF") == "CHF\xa0900"
    assert formatting.money(36000, "USD", "ko") == "US$36,000"


def test_dates_follow_the_language():
    assert formatting.date(dt.date(2026, 1, 5)) == "Jan 5, 2026"
    assert formatting.date(dt.date(2026, 1, 5), "ja") == "2026/01/05"
    assert formatting.date(None) == ""


def test_numbers_and_percentages():
    assert formatting.number(1200) == "1,200"
    assert formatting.number(2.25) == "2.3"  # halves round up
    assert formatting.percent(84.5) == "84.5%"
