"""``flow``: numbered steps left to right with arrows, wrapping into rows (playbook steps).

Every row reads left to right; the arrow from the last box of a row drops below it, runs back
to the first column and down into the next row's first box.
"""

from __future__ import annotations

from generator.render.diagrams.svg import (
    Box, arrowhead, box_width, make_node, node_height, path, render, title_from,
)

PER_ROW = 4
BOX_H = 58
GAP_X = 28
GAP_Y = 40
MARGIN = 12  # the number badges sit on the boxes' top-left corners


NARROW_BOX_W = 300  # one step per row: the phone layout, read at its natural size


def flow(steps: list[dict], *, per_row: int = PER_ROW, title: str | None = None) -> str:
    """SVG step sequence. ``steps``: dicts with ``label``, ``sublabel``, optional ``href``.
    ``per_row`` 1 gives a single column for narrow screens. Every box is as tall as the
    wordiest step needs (names are wrapped, never shortened)."""
    box_w = box_width(steps, 120, 150) if per_row > 1 else NARROW_BOX_W
    box_h = max((node_height(step, box_w, BOX_H) for step in steps), default=BOX_H)
    boxes = []
    for index in range(len(steps)):
        row, column = divmod(index, per_row)
        boxes.append(Box(MARGIN + column * (box_w + GAP_X), MARGIN + row * (box_h + GAP_Y), box_w, box_h))
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
    columns = min(len(steps), per_row)
    width = 2 * MARGIN + columns * box_w + max(columns - 1, 0) * GAP_X
    height = max((box.bottom for box in boxes), default=0) + MARGIN
    return render(
        "flow.svg.j2", kind="flow", width=width, height=height,
        title=title or title_from(step.get("label", "") for step in steps),
        nodes=nodes, arrows=arrows,
    )
