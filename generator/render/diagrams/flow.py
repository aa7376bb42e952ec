"""``flow``: numbered steps left to right with arrows, wrapping into rows (playbook steps).

Every row reads left to right; the arrow from the last box of a row drops below it, runs back
to the first column and down into the next row's first box.
"""

from __future__ import annotations

from generator.render.diagrams.svg import (
    Box, arrowhead, box_width, make_node, path, render, title_from,
)

PER_ROW = 4
BOX_H = 58
GAP_X = 28
GAP_Y = 40
MARGIN = 12  # the number badges sit on the boxes' top-left corners


def flow(steps: list[dict], *, title: str | None = None) -> str:
    """SVG step sequence. ``steps``: dicts with ``label``, ``sublabel``, optional ``href``."""
    box_w = box_width(steps, 120, 150)
    boxes = []
    for index in range(len(steps)):
        row, column = divmod(index, PER_ROW)
        boxes.append(Box(MARGIN + column * (box_w + GAP_X), MARGIN + row * (BOX_H + GAP_Y), box_w, BOX_H))
    arrows = []
    for before, after in zip(boxes, boxes[1:]):
        if after.y == before.y:
            tip = (after.x, after.cy)
            d = path("M", before.right, before.cy, "H", after.x)
            tail = (before.right, before.cy)
        else:
            turn_y = before.bottom + GAP_Y / 2
            d = path("M", before.cx, before.bottom, "V", turn_y, "H", after.cx, "V", after.y)
            tip, tail = (after.cx, after.y), (after.cx, turn_y)
        arrows.append({"d": d, "head": arrowhead(*tip, *tail)})
    nodes = [make_node(step, box, "step", number=index + 1) for index, (step, box) in enumerate(zip(steps, boxes))]
    columns = min(len(steps), PER_ROW)
    width = 2 * MARGIN + columns * box_w + max(columns - 1, 0) * GAP_X
    height = max((box.bottom for box in boxes), default=0) + MARGIN
    return render(
        "flow.svg.j2", kind="flow", width=width, height=height,
        title=title or title_from(step.get("label", "") for step in steps),
        nodes=nodes, arrows=arrows,
    )
