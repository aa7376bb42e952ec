"""``timeline``: dated events on a horizontal axis with month ticks.

Events are markers on the axis; their labels stand above it in lanes. Each label goes into the
lowest lane where it overlaps no other label, however close the dates are, and a leader line
joins it to its marker (labels have a halo, so a leader passing behind a lower label stays
readable). A label reads to the right of its leader, or to the left when that fits a lower
lane (or the right side would run off the axis).
Month ticks are labelled ``2026-01`` at each new year and ``02`` .. ``12`` otherwise (no month
names, so no translation); long ranges label every third month or only Januaries.
"""

from __future__ import annotations

import datetime as dt

from generator.render.diagrams.svg import CONTENT_WIDTH, SMALL_PX, TINY_PX, render, title_from
from generator.render.diagrams.text import clean, fit, safe_href, text_width

MARGIN = 12
LANE_H = 20
LABEL_MAX = 220
LABEL_GAP = 8
AXIS_BELOW = 30  # room under the axis for tick labels


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _slug(value) -> str:
    return "".join(char if char.isascii() and char.isalnum() else "-" for char in clean(value).lower())


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first days of the months from ``start`` (or the next month) to ``end``."""
    def following(day: dt.date) -> dt.date:
        return dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)

    day = start if start.day == 1 else following(start)
    months = []
    while day <= end:
        months.append(day)
        day = following(day)
    return months


def timeline(events: list[dict], start, end, *, today=None, title: str | None = None) -> str:
    """SVG timeline. ``events``: dicts with ``date`` (date or ISO text), ``label``, ``kind``
    (becomes class ``kind-<kind>``) and optional ``href``; events outside ``start``..``end`` are
    left out. ``today`` (optional) draws a marker line."""
    start, end = _date(start), _date(end)
    if end <= start:
        raise ValueError(f"timeline: end {end} must be after start {start}")
    span = (end - start).days
    axis_left, axis_right = MARGIN, CONTENT_WIDTH - MARGIN

    def x_of(day: dt.date) -> float:
        return axis_left + (axis_right - axis_left) * (day - start).days / span

    inside = [event for event in events if start <= _date(event["date"]) <= end]
    inside.sort(key=lambda event: _date(event["date"]))  # stable: same-day events keep their order

    lanes: list[list[tuple[float, float]]] = []  # per lane: occupied x intervals

    def free(lane: int, low: float, high: float) -> bool:
        return lane >= len(lanes) or all(high < a or low > b for a, b in lanes[lane])

    placed = []
    for event in inside:
        day = _date(event["date"])
        x = x_of(day)
        full = clean(event.get("label", ""))
        label = fit(full, LABEL_MAX, SMALL_PX)
        label_w = text_width(label, SMALL_PX)
        sides = [("start", x, x + 4 + label_w), ("end", x - 4 - label_w, x)]
        sides = [side for side in sides if side[1] >= axis_left - MARGIN and side[2] <= axis_right + MARGIN]
        lane = 0
        while not (fitting := [side for side in sides or [("start", x, x)]
                               if free(lane, side[1] - LABEL_GAP, side[2] + LABEL_GAP)]):
            lane += 1
        anchor, low, high = fitting[0]
        text_x = x + 4 if anchor == "start" else x - 4
        while len(lanes) <= lane:
            lanes.append([])
        lanes[lane].append((low, high))
        placed.append({"x": x, "lane": lane, "label": label, "anchor": anchor, "text_x": text_x,
                       "tooltip": f"{day.isoformat()} {full}", "href": safe_href(event.get("href")),
                       "class": f"event kind-{_slug(event.get('kind') or 'event')}"})

    # Upper lanes first: lower labels, drawn later, then cover the leaders passing behind them.
    placed.sort(key=lambda event: -event["lane"])
    axis_y = MARGIN + max(len(lanes), 1) * LANE_H + 10
    for event in placed:
        event["label_y"] = axis_y - 10 - event["lane"] * LANE_H - 4
        event["leader_top"] = event["label_y"] - SMALL_PX + 2

    months = _months(start, end)
    px_per_month = (axis_right - axis_left) / max(span / 30.44, 1)
    step = 1 if px_per_month >= 34 else 3 if px_per_month * 3 >= 34 else 12
    ticks = []
    for day in months:
        labelled = (day.month - 1) % step == 0
        text = ""
        if labelled:
            text = f"{day.year}-{day.month:02d}" if day.month == 1 or day == months[0] else f"{day.month:02d}"
        x = x_of(day)
        half = text_width(text, TINY_PX) / 2
        anchor = "start" if x - half < 0 else "end" if x + half > CONTENT_WIDTH else "middle"
        ticks.append({"x": x, "text": text, "anchor": anchor})

    marker_today = None
    if today is not None and start <= _date(today) <= end:
        marker_today = {"x": x_of(_date(today)), "tooltip": _date(today).isoformat()}
    return render(
        "timeline.svg.j2", kind="timeline", width=CONTENT_WIDTH, height=axis_y + AXIS_BELOW,
        title=title or title_from(event.get("label", "") for event in inside),
        axis_y=axis_y, axis_left=axis_left, axis_right=axis_right, top=MARGIN,
        events=placed, ticks=ticks, today=marker_today,
    )
