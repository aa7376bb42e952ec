"""The renewals calendar: parses as iCalendar, stable UIDs and stamps, RFC 5545 details."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.checks import validate
from generator.cli import main
from generator.export.ics_export import escape_text, fold, ics_text
from generator.settings import Settings

CRAFTED = Path(__file__).parent / "fixtures" / "insights"


@pytest.fixture(scope="module")
def catalog():
    return validate(CRAFTED)[0]


def events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_renewal_and_cancel_by_events(catalog):
    # on Jun 1, 2026; Settings() would report on the day the test runs, after some of the dates
    found = events(ics_text(catalog, Settings(today=dt.date(2026, 6, 1))))
    assert set(found) == {"renewal-marketo@mops-catalog", "cancel-by-marketo@mops-catalog",
                          "renewal-hubspot@mops-catalog", "cancel-by-hubspot@mops-catalog",
                          "renewal-legacy-crm@mops-catalog",
                          # retired, but its contract renews by itself: the date matters most
                          "renewal-old-tool@mops-catalog", "cancel-by-old-tool@mops-catalog"}
    assert found["renewal-marketo@mops-catalog"].decoded("DTSTART") == dt.date(2026, 6, 21)
    assert found["cancel-by-hubspot@mops-catalog"].decoded("DTSTART") == dt.date(2026, 7, 1)
    assert "HubSpot Marketing Hub" in str(found["cancel-by-hubspot@mops-catalog"]["SUMMARY"])
    # the stamp is the build's date: never in the future, and the same all day
    today = events(ics_text(catalog, Settings()))
    stamps = {e.decoded("DTSTAMP") for e in today.values()}
    assert stamps == {dt.datetime.combine(dt.date.today(), dt.time(), dt.timezone.utc)}


def test_the_stamp_is_the_reports_date(catalog):
    found = events(ics_text(catalog, Settings(today=dt.date(2026, 6, 1))))
    assert {e.decoded("DTSTAMP") for e in found.values()} == {
        dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)}
    committed = events(ics_text(catalog, Settings(commit_date=dt.date(2026, 5, 4))))
    assert {e.decoded("DTSTAMP") for e in committed.values()} == {
        dt.datetime(2026, 5, 4, tzinfo=dt.timezone.utc)}


def test_rfc5545_lines(catalog):
    text = ics_text(catalog, Settings())
    assert text == ics_text(catalog, Settings())
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_folding_and_escaping():
    long = "SUMMARY:" + "Ä" * 60
    folded = fold(long)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
    assert escape_text('a,b;c\\d\ne') == "a\\,b\\;c\\\\d\\ne"


def test_control_characters_never_reach_the_calendar():
    assert escape_text("a\x1b[2Jb\x00c\x7fd\x9be\tf\r\ng") == "a[2Jbcde\tf\\ng"


def test_wide_audience_has_no_events(catalog):
    assert events(ics_text(catalog, Settings(audience="wide"))) == {}


def test_cli(tmp_path):
    out = tmp_path / "renewals.ics"
    assert main(["export", str(CRAFTED), "--format", "ics", "--out", str(out)]) == 0
    assert b"\r\nBEGIN:VEVENT\r\n" in out.read_bytes()


@given(st.text(min_size=1, max_size=300).map(lambda s: "DESCRIPTION:" + escape_text(s)))
def test_any_line_folds_within_75_octets_and_unfolds_back(line):
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
