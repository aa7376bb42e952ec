"""``bar_chart`` and ``stacked_bar_chart``: horizontal bars with their values, rows as given.

Both share one row layout: a label column sized to the longest label (within limits), the bar
area, then the value (the total, for stacked rows) and an optional note. Negative values draw
no bar but keep their value text.
"""

from __future__ import annotations

import math

from generator.render.diagrams.svg import CONTENT_WIDTH, LABEL_PX, SMALL_PX, Box, render, title_from
from generator.render.diagrams.text import UNLIMITED, clean, safe_href, text_width, wrap
from generator.render.formatting import number

ROW_H = 26  # one-line labels
ROW_H_WRAPPED = 38  # when some label needs two lines
LINE_H = 15
BAR_H = 16
MIN_BAR_AREA = 200
LABEL_MIN, LABEL_MAX = 80, 240
GAP = 8
MARGIN = 8
LEGEND_H = 24


class _Rows:
    """The shared row layout: label column width, row height, and each row's label lines."""

    def __init__(self, rows: list[dict], top: float):
        widest = max((text_width(clean(row.get("label", "")), LABEL_PX) for row in rows), default=0)
        self.label_w = max(LABEL_MIN, min(LABEL_MAX, widest))
        most_lines = max((len(wrap(clean(row.get("label", "")), self.label_w, LABEL_PX, UNLIMITED))
                          for row in rows), default=1)
        self.row_h = ROW_H if most_lines == 1 else max(ROW_H_WRAPPED, most_lines * LINE_H + 8)
        self.top = top
        self.bar_x = MARGIN + self.label_w + GAP

    def scale(self, largest: float, tail_px: float) -> float:
        """Pixels per unit so that the longest bar and the ``tail_px`` of text after it fit in
        ``CONTENT_WIDTH`` (bars keep at least ``MIN_BAR_AREA``)."""
        area = max(MIN_BAR_AREA, CONTENT_WIDTH - self.bar_x - GAP - tail_px - MARGIN)
        return area / largest if largest > 0 else 0.0

    def height(self, count: int) -> float:
        return self.top + count * self.row_h + MARGIN

    def row(self, row: dict, index: int) -> dict:
        label = clean(row.get("label", ""))
        y = self.top + index * self.row_h
        lines = wrap(label, self.label_w, LABEL_PX, UNLIMITED)
        first = y + self.row_h / 2 + 5 - (len(lines) - 1) * LINE_H / 2
        return {
            "label_lines": [{"text": line, "y": first + number * LINE_H} for number, line in enumerate(lines)],
            "full_label": label,
            "href": safe_href(row.get("href")),
            "label_x": MARGIN + self.label_w,
            "text_y": y + self.row_h / 2 + 4,
            "bar_y": y + (self.row_h - BAR_H) / 2,
        }


def _amount(value) -> float | None:
    """A bar's value as a number; None when it is missing or not a finite number (no bar)."""
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return None
    return amount if math.isfinite(amount) else None


def _value_text(value: float | None, unit: str) -> str:
    return f"{number(value)} {clean(unit)}".strip() if value is not None else ""


def bar_chart(bars: list[dict], unit: str = "", *, title: str | None = None) -> str:
    """SVG horizontal bars. ``bars``: dicts with ``label``, ``value`` (number), optional
    ``href``, ``note`` and ``value_label`` (text shown instead of the formatted value)."""
    layout = _Rows(bars, MARGIN)
    amounts = [_amount(bar.get("value")) for bar in bars]
    values = [clean(bar.get("value_label") or _value_text(amount, unit)) for bar, amount in zip(bars, amounts)]
    notes = [clean(bar.get("note") or "") for bar in bars]
    tails = [text_width(value, SMALL_PX) + (GAP + text_width(note, SMALL_PX) if note else 0)
             for value, note in zip(values, notes)]
    scale = layout.scale(max((amount or 0 for amount in amounts), default=0), max(tails, default=0))
    rows = []
    for index, (bar, amount, value_text, note) in enumerate(zip(bars, amounts, values, notes)):
        row = layout.row(bar, index)
        length = max(amount or 0, 0) * scale
        row.update(bar=Box(layout.bar_x, row["bar_y"], length, BAR_H), value=value_text, note=note,
                   value_x=layout.bar_x + length + GAP)
        row["note_x"] = row["value_x"] + text_width(value_text, SMALL_PX) + GAP
        rows.append(row)
    right = max((row["value_x"] + tail for row, tail in zip(rows, tails)), default=layout.bar_x)
    width = max(right + MARGIN, layout.bar_x + MIN_BAR_AREA + MARGIN)
    height = layout.height(len(bars))
    return render(
        "bar_chart.svg.j2", kind="bar-chart", width=width, height=height,
        title=title or title_from(bar.get("label", "") for bar in bars), rows=rows,
    )


def stacked_bar_chart(rows: list[dict], series: list[tuple[str, str]], *,
                      unit: str = "", title: str | None = None) -> str:
    """SVG stacked horizontal bars with a legend. ``rows``: dicts with ``label``, ``values``
    ({series key: number}), optional ``href``; ``series``: (key, label) pairs, in stack order.
    Segments are classed ``series-1`` .. ``series-N`` (colours in diagrams.css)."""
    layout = _Rows(rows, MARGIN + LEGEND_H)
    bar_x = layout.bar_x

    legend = []
    legend_end = bar_x
    for index, (key, label) in enumerate(series):
        label = clean(label)
        legend.append({"x": legend_end, "label": label, "class": f"series-{index + 1}"})
        legend_end += 14 + 6 + text_width(label, SMALL_PX) + 18

    def part(row: dict, key: str) -> float:
        return max(_amount(row.get("values", {}).get(key)) or 0, 0)

    def total(row: dict) -> float:
        return sum(part(row, key) for key, _ in series)

    totals = [_value_text(total(row), unit) for row in rows]
    scale = layout.scale(max((total(row) for row in rows), default=0),
                         max((text_width(text, SMALL_PX) for text in totals), default=0))
    drawn = []
    for index, row in enumerate(rows):
        item = layout.row(row, index)
        segments = []
        x = bar_x
        for series_index, (key, series_label) in enumerate(series):
            value = part(row, key)
            if value <= 0:
                continue
            length = value * scale
            text = number(value)
            segments.append({
                "box": Box(x, item["bar_y"], length, BAR_H),
                "class": f"series-{series_index + 1}",
                "tooltip": f"{item['full_label']} · {clean(series_label)}: {_value_text(value, unit)}",
                "text": text if text_width(text, SMALL_PX) + 4 <= length else "",
            })
            x += length
        item.update(segments=segments, value=totals[index], value_x=x + GAP)
        drawn.append(item)
    right = max((row["value_x"] + text_width(row["value"], SMALL_PX) for row in drawn), default=bar_x)
    width = max(right, bar_x + MIN_BAR_AREA, legend_end) + MARGIN
    height = layout.height(len(rows))
    return render(
        "stacked_bar_chart.svg.j2", kind="stacked-bar-chart", width=width, height=height,
        title=title or title_from(row.get("label", "") for row in rows),
        legend=legend, legend_y=MARGIN, rows=drawn,
    )
