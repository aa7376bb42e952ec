"""``calendar``: contract dates as a year of month cards, read at a glance.

One card per month from the month of ``start`` to the month of ``end``, in order; each card
lists its dates in order with the day, what happens (renews, ends, last day to cancel), the
tool (linked) and its amount. Cancel-by dates are marked (``kind-cancel-by``: a red edge and
a bold day), and today is a row of its own in the current month, before the dates that fall
on or after it. It is HTML, not SVG: text wraps like the page's, so nothing is ever cut and a
phone shows one card per row. No script; every value is escaped (``inert``), links are only
kept when relative or http(s).
"""

from __future__ import annotations

import datetime as dt

from generator.render.diagrams.svg import render
from generator.render.diagrams.text import clean, safe_href


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    day = start.replace(day=1)
    months = []
    while day <= end:
        months.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def _slug(value) -> str:
    return "".join(char if char.isascii() and char.isalnum() else "-" for char in clean(value).lower())


def calendar(events: list[dict], start: dt.date, end: dt.date, *, today: dt.date | None,
             month_label, day_label, today_label: str, title: str) -> str:
    """HTML month cards. ``events``: dicts with ``date``, ``label`` (what happens, naming the
    tool), optional ``amount`` (text), ``href`` and ``kind`` (class ``kind-<kind>``); those
    outside ``start``..``end`` are left out. ``month_label`` and ``day_label`` turn a date
    into the month's heading and the day's text (the site language's way); ``today_label``
    heads the row that marks ``today``."""
    if end < start:
        raise ValueError(f"calendar: end {end} is before start {start}")
    inside = sorted((event for event in events if start <= event["date"] <= end),
                    key=lambda event: event["date"])
    months = []
    for first in _months(start, end):
        rows = [{"day": day_label(event["date"]), "date": event["date"].isoformat(),
                 "label": clean(event.get("label", "")), "amount": clean(event.get("amount") or ""),
                 "href": safe_href(event.get("href")),
                 "class": f"kind-{_slug(event.get('kind') or 'event')}"}
                for event in inside if (event["date"].year, event["date"].month) == (first.year, first.month)]
        current = today is not None and (today.year, today.month) == (first.year, first.month)
        if current and today is not None:
            at = sum(1 for event in rows if event["date"] < today.isoformat())
            rows.insert(at, {"day": day_label(today), "date": today.isoformat(), "label": today_label,
                             "amount": "", "href": None, "class": "today"})
        months.append({"label": month_label(first), "rows": rows, "current": current})
    return render("calendar.html.j2", title=title, months=months)
