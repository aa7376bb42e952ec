"""generator.importing.values: cells as people write them."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.importing.values import (Money, parse_bool, parse_date, parse_int,
                                        parse_lifecycle, parse_money, parse_period)


@pytest.mark.parametrize("cell, expected", [
    ("$12,000.00", Money(12000, "USD")),
    ("12.000,00 EUR", Money(12000, "EUR")),
    ("12k", Money(12000, None)),
    ("12.5K", Money(12500, None)),
    ("$1.2M", Money(1_200_000, "USD")),
    ("USD 8,400", Money(8400, "USD")),
    ("eur 300", Money(300, "EUR")),
    ("€4.800,00", Money(4800, "EUR")),
    ("1 200,50 €", Money(1200.5, "EUR")),
    ("£99", Money(99, "GBP")),
    ("1,5", Money(1.5, None)),
    ("1,200,000", Money(1_200_000, None)),
    (36000, Money(36000, None)),
    (12.5, Money(12.5, None)),
])
def test_money(cell, expected):
    assert parse_money(cell) == expected


@pytest.mark.parametrize("cell, message", [
    ("=B17*12", "is a formula; formulas are not evaluated"),
    ("lots", "is not an amount"),
    ("-500", "negative"),
    ("1,20,0", "is not a number"),
    (True, "is not an amount"),
])
def test_money_refused(cell, message):
    with pytest.raises(ValueError, match=message):
        parse_money(cell)


@pytest.mark.parametrize("cell, order, expected, ambiguous", [
    ("12/31/2026", None, dt.date(2026, 12, 31), False),
    ("31/12/2026", None, dt.date(2026, 12, 31), False),
    ("31.12.2026", None, dt.date(2026, 12, 31), False),
    ("2026-12-31", None, dt.date(2026, 12, 31), False),
    ("2026/12/31", None, dt.date(2026, 12, 31), False),
    ("2026-12-31T00:00:00", None, dt.date(2026, 12, 31), False),
    ("03/04/2027", None, dt.date(2027, 3, 4), True),
    ("03/04/2027", "dmy", dt.date(2027, 4, 3), False),
    ("03/04/2027", "mdy", dt.date(2027, 3, 4), False),
    ("03.04.2027", None, dt.date(2027, 4, 3), True),
    ("05/05/2027", None, dt.date(2027, 5, 5), False),
    ("12/31/26", None, dt.date(2026, 12, 31), False),
    ("46387", None, dt.date(2026, 12, 31), False),
    (46387, None, dt.date(2026, 12, 31), False),
    ("Dec 31, 2026", None, dt.date(2026, 12, 31), False),
    ("31 December 2026", None, dt.date(2026, 12, 31), False),
    (dt.datetime(2026, 12, 31, 0, 0), None, dt.date(2026, 12, 31), False),
])
def test_dates(cell, order, expected, ambiguous):
    read = parse_date(cell, order)
    assert (read.date, read.ambiguous) == (expected, ambiguous)


@pytest.mark.parametrize("cell, message", [
    ("2/30/2026", "not a date that exists"), ("soon", "not a date"),
    ("=TODAY()", "formula"), (12, "outside 1954-2119"),
])
def test_dates_refused(cell, message):
    with pytest.raises(ValueError, match=message):
        parse_date(cell)


@pytest.mark.parametrize("cell, expected", [
    ("Yes", True), ("no", False), ("TRUE", True), ("False", False), ("1", True), ("0", False),
    ("Y", True), ("x", True), (True, True), (0, False), ("Enabled", True), (" yes ", True)])
def test_booleans(cell, expected):
    assert parse_bool(cell) is expected


def test_boolean_refused():
    with pytest.raises(ValueError, match="not a yes / no answer"):
        parse_bool("N/A")


def test_counts():
    assert parse_int("1,200") == 1200 and parse_int(50.0) == 50 and parse_int("7") == 7
    for bad in ("1.5", "many", True):
        with pytest.raises(ValueError):
            parse_int(bad)


@pytest.mark.parametrize("cell, expected", [
    ("Active", "adopted"), ("active ", "adopted"), ("In Review", "evaluating"),
    ("Trial", "piloting"), ("Pilot", "piloting"), ("Deprecated", "sunsetting"),
    ("Sunset", "sunsetting"), ("Cancelled", "retired"), ("Retired", "retired"),
    ("Evaluating", "evaluating")])
def test_statuses(cell, expected):
    assert parse_lifecycle(cell) == expected


def test_periods():
    assert [parse_period(p) for p in ("Monthly", "annual", "Quarterly", "one-time")] == [
        "month", "year", "quarter", "one-off"]
    with pytest.raises(ValueError):
        parse_period("fortnightly")


def test_notice_periods():
    from generator.importing.values import parse_days

    assert [parse_days(v) for v in ("60", 60, "60 days", "8 weeks", "3 months", "1 day")] == [
        60, 60, 60, 56, 90, 1]
    with pytest.raises(ValueError, match="not a number of days"):
        parse_days("a quarter")
