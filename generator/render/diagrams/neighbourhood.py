"""``neighbourhood``: one entity in the middle, its neighbours left and right, arrows between.

Neighbours that send data in sit on the left, those that receive it on the right (arrows read
left to right through the centre); two-way neighbours fill whichever side is shorter. The
short data text of each link is written over the middle of its edge: edge ends are spread over
the centre box's side, so neighbouring edges stay a label's height apart there.
"""

from __future__ import annotations

from generator.render.diagrams.svg import (
    ARROW_SIZE, SMALL_PX, Box, arrowhead, box_width, make_node, path, render,
)
from generator.render.diagrams.text import clean, fit

BOX_H = 42
ROW_GAP = 14
EDGE_GAP = 170
MARGIN = 8
DIRECTIONS = ("in", "out", "both")


def _sides(neighbours: list[dict]) -> tuple[list[dict], list[dict]]:
    left = [item for item in neighbours if item.get("direction") == "in"]
    right = [item for item in neighbours if item.get("direction") == "out"]
    for item in neighbours:
        if item.get("direction") not in ("in", "out"):
            (left if len(left) <= len(right) else right).append(item)
    return left, right


def neighbourhood(center: dict, neighbours: list[dict], *, title: str | None = None) -> str:
    """SVG hub and spokes. ``center``: dict with ``label``, ``href``. ``neighbours``: dicts with
    ``label``, ``href``, ``direction`` (as the centre sees it: "in" flows into the centre,
    "out" from it, "both" each way) and ``data`` (short text on the edge)."""
    left, right = _sides(neighbours)
    box_w = box_width(neighbours, 110, 170)
    center_w = box_width([center], 120, 200)
    rows = max(len(left), len(right), 1)
    column_h = rows * BOX_H + (rows - 1) * ROW_GAP
    height = column_h + 2 * MARGIN
    center_h = max(BOX_H + 16, column_h * 0.5)
    left_room = box_w + EDGE_GAP if left else 0  # a side without neighbours takes no room
    center_box = Box(MARGIN + left_room, MARGIN + (column_h - center_h) / 2, center_w, center_h)
    width = center_box.right + (EDGE_GAP + box_w if right else 0) + MARGIN

    nodes = [make_node(center, center_box, "center")]
    edges = []
    for side, items in (("left", left), ("right", right)):
        offset = (column_h - (len(items) * BOX_H + (len(items) - 1) * ROW_GAP)) / 2
        x = MARGIN if side == "left" else center_box.right + EDGE_GAP
        for index, item in enumerate(items):
            box = Box(x, MARGIN + offset + index * (BOX_H + ROW_GAP), box_w, BOX_H)
            nodes.append(make_node(item, box, "neighbour"))
            # attachment points spread over the centre box's side, in the same order
            share = (index + 0.5) / len(items)
            port_y = center_box.y + 8 + share * (center_h - 16)
            if side == "left":
                start, end = (box.right, box.cy), (center_box.x, port_y)
            else:
                start, end = (box.x, box.cy), (center_box.right, port_y)
            direction = item.get("direction") if item.get("direction") in DIRECTIONS else "both"
            heads = []
            # "in": towards the centre (the end); "out": towards the neighbour (the start)
            if direction in ("in", "both"):
                heads.append(arrowhead(*end, *start))
            if direction in ("out", "both"):
                heads.append(arrowhead(*start, *end))
            label_x = (start[0] + end[0]) / 2
            label_y = (start[1] + end[1]) / 2
            data = clean(item.get("data") or "")
            edges.append({
                "d": path("M", *start, "L", *end),
                "heads": heads,
                "classes": ["edge", f"direction-{direction}"],
                "tooltip": " · ".join(part for part in (clean(item.get("label", "")), data) if part),
                "data": fit(data, EDGE_GAP - 2 * ARROW_SIZE - 8, SMALL_PX),
                "label_x": label_x,
                "label_y": label_y - 4,
            })
    return render(
        "neighbourhood.svg.j2", kind="neighbourhood", width=width, height=height,
        title=title or clean(center.get("label", "")), nodes=nodes, edges=edges,
    )
