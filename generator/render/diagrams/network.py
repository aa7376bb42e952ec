"""``network``: nodes in one column per group (layer), edges as curves with arrowheads.

Within a column, nodes are ordered by where their neighbours sit (a few barycentre sweeps,
ties kept in the caller's order), which removes most crossings. An edge leaves its source on
the side facing the target and enters the target on the side facing back; an edge that skips
columns threads through each column in between along the gap between two boxes nearest its
path, so it never runs under a box. Edges within one column bulge out on the right. Where
several edges meet one side of a node their ends are spread over its height. Edge labels sit
on the curve where they overlap neither a box nor another label; when there is no such spot
the label is only in the edge's tooltip. Legible up to about forty nodes; callers split bigger
maps.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from generator.render.diagrams.svg import (
    ARROW_SIZE, SMALL_PX, TINY_PX, Box, arrowhead, box_width, make_node, path, render, title_from,
)
from generator.render.diagrams.text import clean, fit, text_width, wrap

BOX_H = 40
ROW_GAP = 16
COLUMN_GAP = 84
HEADER_H = 40
MARGIN = 8
BULGE, MAX_BULGE = 20, 44  # how far an edge within one column swings out (more when longer)
BULGE_ROOM = MAX_BULGE * 0.75 + 4  # the margin a Bézier with that control offset needs
LABEL_SPOTS = (0.5, 0.35, 0.65, 0.2, 0.8)
SWEEPS = 4
CELL = 64  # side of the squares ``_Taken`` files boxes under
DIRECTIONS = ("in", "out", "both")


def _bezier(p0, p1, p2, p3, t: float) -> tuple[float, float]:
    u = 1 - t
    return tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                 for a, b, c, d in zip(p0, p1, p2, p3))


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


@dataclass
class _Taken:
    """The boxes label spots must avoid, filed under every ``CELL``-sized square they cover,
    so a candidate is compared only with the boxes sharing a square with it (two boxes that
    overlap share a point, hence a square) instead of with every box on the map."""

    cells: dict[tuple[int, int], list[Box]] = field(default_factory=dict)

    @staticmethod
    def _squares(box: Box):
        columns = range(math.floor(box.x / CELL), math.floor(box.right / CELL) + 1)
        rows = range(math.floor(box.y / CELL), math.floor(box.bottom / CELL) + 1)
        return ((column, row) for column in columns for row in rows)

    def add(self, box: Box) -> None:
        for square in self._squares(box):
            self.cells.setdefault(square, []).append(box)

    def overlaps(self, box: Box) -> bool:
        """Whether ``box`` overlaps any box added so far."""
        return any(_overlaps(box, other) for square in self._squares(box)
                   for other in self.cells.get(square, ()))


def _order_columns(columns: list[list[dict]], links: list[tuple[str, str]]) -> list[list[dict]]:
    """Each column's nodes sorted by the mean row of their neighbours, sweeping a few times."""
    neighbours: dict[str, list[str]] = {}
    for source, target in links:
        neighbours.setdefault(source, []).append(target)
        neighbours.setdefault(target, []).append(source)
    for _ in range(SWEEPS):
        row = {node["id"]: index for column in columns for index, node in enumerate(column)}

        def weight(item: tuple[int, dict]) -> tuple[float, int]:
            index, node = item
            rows = [row[other] for other in neighbours.get(node["id"], []) if other in row]
            return (sum(rows) / len(rows) if rows else index, index)

        columns = [[node for _, node in sorted(enumerate(column), key=weight)] for column in columns]
    return columns


@dataclass
class _Grid:
    """Where the columns are: ``left`` edge of the first, box width, and each column's lanes."""

    left: float
    box_w: float
    lanes: list[list[float]] = field(default_factory=list)
    """Per column, the y of each free lane: above the first box and below every box."""

    def column_x(self, column: int) -> float:
        return self.left + column * (self.box_w + COLUMN_GAP)

    def lane_y(self, column: int, wanted: float) -> float:
        """The y of the free lane (above, between or below the boxes) through ``column``
        nearest ``wanted``."""
        lanes = self.lanes[column]
        if not lanes:
            return wanted
        # lanes run top to bottom: the nearest is one of the two around ``wanted``
        at = bisect.bisect_left(lanes, wanted)
        return min(lanes[max(at - 1, 0):at + 1], key=lambda lane: (abs(lane - wanted), lane))

    def add_column(self, boxes: list[Box]) -> None:
        """The next column's boxes, top to bottom."""
        self.lanes.append([boxes[0].y - ROW_GAP / 2] + [box.bottom + ROW_GAP / 2 for box in boxes]
                          if boxes else [])


def _sides(source_column: int, target_column: int) -> tuple[str, str]:
    """The box sides an edge leaves and enters by."""
    if source_column == target_column:
        side = "left" if source_column == 0 else "right"
        return side, side
    return ("right", "left") if source_column < target_column else ("left", "right")


def _edge_ends(edges: list[dict], placed: dict) -> dict[tuple[int, int], tuple[float, float]]:
    """(edge index, 0 = source end / 1 = target end) -> point. Ends meeting one side of a box
    are spread over its height, ordered by the height of the box at their other end."""
    attached: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for edge_index, edge in enumerate(edges):
        ends = ((edge["source"], edge["target"]), (edge["target"], edge["source"]))
        sides = _sides(placed[edge["source"]][1], placed[edge["target"]][1])
        for end_index, ((node_id, other_id), side) in enumerate(zip(ends, sides)):
            attached.setdefault((node_id, side), []).append((placed[other_id][0].cy, edge_index, end_index))
    points = {}
    for (node_id, side), ends_here in attached.items():
        box = placed[node_id][0]
        ends_here.sort()
        spread = box.h * 0.7
        for index, (_, edge_index, end_index) in enumerate(ends_here):
            share = 0.5 if len(ends_here) == 1 else index / (len(ends_here) - 1)
            points[edge_index, end_index] = (box.right if side == "right" else box.x,
                                             box.cy - spread / 2 + spread * share)
    return points


def _route(start, end, source_column: int, target_column: int, grid: _Grid) -> list[tuple]:
    """The edge as cubic Béziers (p0, c1, c2, p3) with level tangents at every joint."""
    if source_column == target_column:
        bulge = min(BULGE + 0.15 * abs(end[1] - start[1]), MAX_BULGE)
        bulge = -bulge if source_column == 0 else bulge
        return [(start, (start[0] + bulge, start[1]), (end[0] + bulge, end[1]), end)]
    step = 1 if target_column > source_column else -1
    waypoints = [start]
    for column in range(source_column + step, target_column, step):
        share = (column - source_column) / (target_column - source_column)
        y = grid.lane_y(column, start[1] + (end[1] - start[1]) * share)
        x = grid.column_x(column)
        near, far = (x, x + grid.box_w) if step == 1 else (x + grid.box_w, x)
        waypoints += [(near - step * 4, y), (far + step * 4, y)]
    waypoints.append(end)
    return [(p0, ((p0[0] + p3[0]) / 2, p0[1]), ((p0[0] + p3[0]) / 2, p3[1]), p3)
            for p0, p3 in zip(waypoints, waypoints[1:])]


def _label_spot(label: str, segments: list[tuple], taken: _Taken, width: float) -> dict | None:
    """A place on the curve for ``label`` clear of ``taken`` boxes (then taken too), or None."""
    label_w = text_width(label, TINY_PX) + 4
    for t in LABEL_SPOTS:
        for segment in segments:
            x, y = _bezier(*segment, t)
            candidate = Box(x - label_w / 2, y - TINY_PX + 1, label_w, TINY_PX + 2)
            if candidate.x >= 0 and candidate.right <= width and not taken.overlaps(candidate):
                taken.add(candidate)
                return {"x": x, "y": y + TINY_PX * 0.35, "text": label}
    return None


def network(groups: list[dict], edges: list[dict], *, title: str | None = None) -> str:
    """SVG layered network. ``groups``: dicts with ``label`` and ``nodes`` (dicts with ``id``,
    ``label``, ``href``, optional ``lifecycle``); ``edges``: dicts with ``source``, ``target``
    (node ids), ``direction`` ("out": source to target, "in": back, "both") and ``label``.
    Edges naming unknown nodes, and loops, are left out."""
    seen: set[str] = set()
    columns = []
    for group in groups:
        column = [node for node in group.get("nodes", []) if node["id"] not in seen]
        seen.update(node["id"] for node in column)
        columns.append(column)
    edges = [edge for edge in edges
             if edge.get("source") in seen and edge.get("target") in seen and edge["source"] != edge["target"]]
    columns = _order_columns(columns, [(edge["source"], edge["target"]) for edge in edges])

    # Columns, with room at the outer sides only where edges swing out of the first or last one.
    column_of = {node["id"]: index for index, column in enumerate(columns) for node in column}
    swinging = {column_of[edge["source"]] for edge in edges if column_of[edge["source"]] == column_of[edge["target"]]}
    box_w = box_width([node for column in columns for node in column], 96, 124)
    tallest = max((len(column) for column in columns), default=0)
    column_h = tallest * BOX_H + max(tallest - 1, 0) * ROW_GAP
    grid = _Grid(left=MARGIN + (BULGE_ROOM if 0 in swinging else 0), box_w=box_w)
    width = (grid.column_x(len(columns)) - COLUMN_GAP + MARGIN
             + (BULGE_ROOM if len(columns) - 1 in swinging else 0))

    headers = []
    placed: dict[str, tuple[Box, int, dict]] = {}  # node id -> (box, column, node)
    for index, (group, column) in enumerate(zip(groups, columns)):
        x = grid.column_x(index)
        label = clean(group.get("label", ""))
        lines = wrap(label, box_w + COLUMN_GAP * 0.7, SMALL_PX, 2)
        headers.append({"x": x + box_w / 2, "full": label,
                        "lines": [{"text": line, "y": MARGIN + HEADER_H - 12 - (len(lines) - 1 - n) * (SMALL_PX + 2)}
                                  for n, line in enumerate(lines)]})
        offset = (column_h - (len(column) * BOX_H + max(len(column) - 1, 0) * ROW_GAP)) / 2
        boxes = []
        for row, node in enumerate(column):
            box = Box(x, MARGIN + HEADER_H + offset + row * (BOX_H + ROW_GAP), box_w, BOX_H)
            placed[node["id"]] = (box, index, node)
            boxes.append(box)
        grid.add_column(boxes)

    ends = _edge_ends(edges, placed)
    taken = _Taken()  # label spots must avoid the boxes, and each other
    for box, _, _ in placed.values():
        taken.add(box)
    drawn_edges = []
    for edge_index, edge in enumerate(edges):
        start, end = ends[edge_index, 0], ends[edge_index, 1]
        segments = _route(start, end, column_of[edge["source"]], column_of[edge["target"]], grid)
        direction = edge.get("direction") if edge.get("direction") in DIRECTIONS else "out"
        heads = []
        if direction in ("out", "both"):
            heads.append(arrowhead(*end, *segments[-1][2]))
        if direction in ("in", "both"):
            heads.append(arrowhead(*start, *segments[0][1]))
        full_label = clean(edge.get("label") or "")
        label = fit(full_label, COLUMN_GAP - 2 * ARROW_SIZE - 6, TINY_PX)
        source_label = clean(placed[edge["source"]][2].get("label", ""))
        target_label = clean(placed[edge["target"]][2].get("label", ""))
        arrow = {"out": "→", "in": "←", "both": "↔"}[direction]
        drawn_edges.append({
            "d": path("M", *start, *[part for _, c1, c2, p3 in segments for part in ("C", *c1, *c2, *p3)]),
            "heads": heads,
            "classes": ["edge", f"direction-{direction}"],
            "tooltip": f"{source_label} {arrow} {target_label}" + (f": {full_label}" if full_label else ""),
            "label": _label_spot(label, segments, taken, width) if label else None,
        })

    nodes = [make_node(node, placed[node["id"]][0]) for column in columns for node in column]
    return render(
        "network.svg.j2", kind="network", width=width, height=MARGIN * 2 + HEADER_H + column_h,
        title=title or title_from(group.get("label", "") for group in groups),
        headers=headers, nodes=nodes, edges=drawn_edges,
    )
