"""``org_chart``: a top-down tree of boxes joined by elbow connectors.

Layout: each subtree is as wide as its children side by side, and the parent is centred over
them. Two exceptions keep a big team from shrinking the chart to unreadable size: a parent
with ``HANGING_FROM`` or more children that are all leaves hangs them in two columns either
side of a vertical spine; and children that would be wider than ``max_width`` side by side
are stacked one below the other, indented, off a trunk down the parent's left side (as a
file tree), so every connector runs from a manager down to the people reporting to them and
never under another row. Below a stacked manager the whole subtree is an indented tree: every
report sits right of its own manager, never in the column of its manager's peers, so the
depth of each box is visible at any width. Several roots are drawn side by side, in rows of the same width.
Every box is as tall as the wordiest one needs: names are wrapped, never shortened.

``org_tree`` gives the same hierarchy as nested lists, for the indented list phones show.
"""

from __future__ import annotations

from generator.render.diagrams.svg import (
    CONTENT_WIDTH, Box, box_width, make_node, node_height, path, render, title_from,
)

BOX_H = 58
H_GAP = 20
V_GAP = 36
SPINE_GAP = 32
ROW_GAP = 12
STACK_GAP = 14  # between subtrees stacked one below the other
MARGIN = 8
INDENT = 28
HANGING_FROM = 4


def _children_and_roots(by_id: dict[str, dict]) -> tuple[dict[str, list[str]], list[str]]:
    """Children per node id, and the roots: nodes without a known parent, then cycle breakers."""
    parent_of = {node_id: node.get("parent") for node_id, node in by_id.items()}
    children: dict[str, list[str]] = {node_id: [] for node_id in by_id}
    roots = []
    for node_id, parent in parent_of.items():
        if parent in children and parent != node_id:
            children[parent].append(node_id)
        else:
            roots.append(node_id)

    reached: set[str] = set()

    def reach(node_id: str) -> None:
        stack = [node_id]
        while stack:
            current = stack.pop()
            if current not in reached:
                reached.add(current)
                stack.extend(children[current])

    for root in roots:
        reach(root)
    for node_id in by_id:  # nodes only reachable through a cycle: cut the cycle above them
        if node_id not in reached:
            parent = parent_of[node_id]
            children[parent].remove(node_id)
            roots.append(node_id)
            reach(node_id)
    return children, roots


def _rows(widths: list[float], limit: float) -> list[list[int]]:
    """Child indexes in rows: as many side by side as fit in ``limit`` (at least one per row)."""
    rows: list[list[int]] = []
    used = 0.0
    for index, width in enumerate(widths):
        if not rows or used + H_GAP + width > limit:
            rows.append([])
            used = -H_GAP
        used += H_GAP + width
        rows[-1].append(index)
    return rows


def org_chart(nodes: list[dict], *, max_width: float = CONTENT_WIDTH, title: str | None = None) -> str:
    """SVG org chart. ``nodes``: dicts with ``id``, ``label``, ``sublabel``, ``parent`` (id or
    None), ``href``; optional ``lifecycle``. Unknown parents make a node a root. Children wider
    than ``max_width`` side by side wrap into rows under their parent."""
    by_id: dict[str, dict] = {}
    for node in nodes:
        by_id.setdefault(node["id"], node)  # the first of duplicate ids wins
    children, roots = _children_and_roots(by_id)
    room = max_width - 2 * MARGIN
    box_w = box_width(list(by_id.values()), 120, 170)
    box_h = max((node_height(node, box_w, BOX_H) for node in by_id.values()), default=BOX_H)

    def hanging(node_id: str) -> bool:
        kids = children[node_id]
        return len(kids) >= HANGING_FROM and not any(children[kid] for kid in kids)

    sizes: dict[str, tuple[float, float]] = {}  # subtree width, height
    stacked: dict[str, bool] = {}

    def measure(node_id: str, indented: bool = False) -> tuple[float, float]:
        """Subtree size. ``indented``: the subtree hangs in a stacked list, so it is drawn as an
        indented tree all the way down (a report side by side or in two columns under its
        manager would stand in the column of its manager's peers)."""
        kids = children[node_id]
        if not kids:
            size = (box_w, box_h)
        elif indented:
            stacked[node_id] = True
            kid_sizes = [measure(kid, True) for kid in kids]
            size = (max(box_w, INDENT + max(w for w, _ in kid_sizes)),
                    box_h + sum(STACK_GAP + h for _, h in kid_sizes))
        elif hanging(node_id):
            pairs = (len(kids) + 1) // 2
            size = (2 * box_w + SPINE_GAP, box_h + V_GAP / 2 + pairs * (box_h + ROW_GAP) - ROW_GAP)
        else:
            kid_sizes = [measure(kid) for kid in kids]
            side_by_side = sum(w for w, _ in kid_sizes) + H_GAP * (len(kids) - 1)
            stacked[node_id] = side_by_side > room - INDENT
            if stacked[node_id]:
                return measure(node_id, True)
            else:
                size = (max(box_w, side_by_side), box_h + V_GAP + max(h for _, h in kid_sizes))
        sizes[node_id] = size
        return size

    boxes: dict[str, Box] = {}
    connectors = []

    def place(node_id: str, left: float, top: float) -> None:
        kids = children[node_id]
        width = sizes[node_id][0]
        if not kids:
            boxes[node_id] = Box(left, top, box_w, box_h)
        elif stacked.get(node_id):
            place_stacked(node_id, left, top)
        elif hanging(node_id):
            box = boxes[node_id] = Box(left + (width - box_w) / 2, top, box_w, box_h)
            for index, kid in enumerate(kids):
                pair, side = divmod(index, 2)
                kid_top = top + box_h + V_GAP / 2 + pair * (box_h + ROW_GAP)
                kid_left = left if side == 0 else left + box_w + SPINE_GAP
                boxes[kid] = Box(kid_left, kid_top, box_w, box_h)
                connectors.append(path("M", box.cx, kid_top + box_h / 2, "H", kid_left + (box_w if side == 0 else 0)))
            connectors.append(path("M", box.cx, box.bottom, "V", boxes[kids[-1]].cy))
        elif not stacked[node_id]:
            box = boxes[node_id] = Box(left + (width - box_w) / 2, top, box_w, box_h)
            row_width = sum(sizes[kid][0] for kid in kids) + H_GAP * (len(kids) - 1)
            kid_left = left + (width - row_width) / 2
            for kid in kids:
                place(kid, kid_left, box.bottom + V_GAP)
                connectors.append(path("M", box.cx, box.bottom, "V", box.bottom + V_GAP / 2,
                                       "H", boxes[kid].cx, "V", boxes[kid].y))
                kid_left += sizes[kid][0] + H_GAP

    def place_stacked(node_id: str, left: float, top: float) -> None:
        """Subtrees one below the other, each indented right of its manager and joined by an
        elbow to a trunk down the manager's left side (as a file tree)."""
        kids = children[node_id]
        box = boxes[node_id] = Box(left, top, box_w, box_h)
        trunk_x = left + INDENT / 2
        kid_top = box.bottom + STACK_GAP
        for kid in kids:
            place(kid, left + INDENT, kid_top)
            connectors.append(path("M", trunk_x, boxes[kid].cy, "H", boxes[kid].x))
            kid_top += sizes[kid][1] + STACK_GAP
        connectors.append(path("M", trunk_x, box.bottom, "V", boxes[kids[-1]].cy))

    for root in roots:
        measure(root)
    width = top = MARGIN
    for row in _rows([sizes[root][0] for root in roots], room):  # roots wrap like children
        left = MARGIN
        for index in row:
            place(roots[index], left, top)
            left += sizes[roots[index]][0] + H_GAP
        width = max(width, left - H_GAP + MARGIN)
        top += max(sizes[roots[index]][1] for index in row) + V_GAP
    height = max((box.bottom for box in boxes.values()), default=0) + MARGIN
    drawn = [make_node(by_id[node_id], boxes[node_id]) for node_id in by_id]
    return render(
        "org_chart.svg.j2", kind="org-chart", width=width, height=height,
        title=title or title_from(by_id[root].get("label", "") for root in roots),
        nodes=drawn, connectors=connectors,
    )


def org_tree(nodes: list[dict]) -> list[dict]:
    """The chart's hierarchy as nested lists (same roots, same cycle breaking): each item is
    the caller's node dict with ``reports`` (the items under it) added."""
    by_id: dict[str, dict] = {}
    for node in nodes:
        by_id.setdefault(node["id"], node)
    children, roots = _children_and_roots(by_id)

    def item(node_id: str) -> dict:
        return dict(by_id[node_id], reports=[item(kid) for kid in children[node_id]])

    return [item(root) for root in roots]
