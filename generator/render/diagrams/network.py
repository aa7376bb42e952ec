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
DIRECTIONS = ("in", "out", "both")


def _bezier(p0, p1, p2, p3, t: float) -> tuple[float, float]:
    u = 1 - t
    return tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                 for a, b, c, d in zip(p0, p1, p2, p3))


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


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

    box_w = box_width([node for column in columns for node in column], 96, 124)
    column_of = {node["id"]: index for index, column in enumerate(columns) for node in column}
    inner = {column_of[edge["source"]] for edge in edges if column_of[edge["source"]] == column_of[edge["target"]]}
    tallest = max((len(column) for column in columns), default=0)
    column_h = tallest * BOX_H + max(tallest - 1, 0) * ROW_GAP
    left = MARGIN + (BULGE_ROOM if 0 in inner else 0)  # room for edges swinging out of the first column
    headers, column_boxes = [], []
    placed: dict[str, tuple[Box, int, dict]] = {}
    for index, (group, column) in enumerate(zip(groups, columns)):
        x = left + index * (box_w + COLUMN_GAP)
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
        column_boxes.append(boxes)

    def gap_y(column: int, wanted: float) -> float:
        """The y of the free lane through ``column`` nearest ``wanted``."""
        boxes = column_boxes[column]
        if not boxes:
            return wanted
        lanes = [boxes[0].y - ROW_GAP / 2] + [box.bottom + ROW_GAP / 2 for box in boxes]
        return min(lanes, key=lambda lane: (abs(lane - wanted), lane))

    # Which side of which node each edge end uses, then spread the ends over each side.
    sides_of = []
    for edge in edges:
        source_box, source_column, _ = placed[edge["source"]]
        target_box, target_column, _ = placed[edge["target"]]
        if source_column == target_column:
            side = "left" if source_column == 0 else "right"
            sides_of.append((side, side))
        else:
            sides_of.append(("right", "left") if source_column < target_column else ("left", "right"))
    ports: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for edge_index, (edge, sides) in enumerate(zip(edges, sides_of)):
        ends = ((edge["source"], edge["target"]), (edge["target"], edge["source"]))
        for end_index, ((node_id, other_id), side) in enumerate(zip(ends, sides)):
            ports.setdefault((node_id, side), []).append((placed[other_id][0].cy, edge_index, end_index))
    points: dict[tuple[int, int], tuple[float, float]] = {}
    for (node_id, side), attached in ports.items():
        box = placed[node_id][0]
        attached.sort()
        spread = box.h * 0.7
        for index, (_, edge_index, end_index) in enumerate(attached):
            y = box.cy if len(attached) == 1 else box.cy - spread / 2 + spread * index / (len(attached) - 1)
            points[edge_index, end_index] = (box.right if side == "right" else box.x, y)

    width = (left + len(groups) * box_w + max(len(groups) - 1, 0) * COLUMN_GAP + MARGIN
             + (BULGE_ROOM if len(groups) - 1 in inner else 0))
    node_boxes = [box for box, _, _ in placed.values()]
    label_boxes: list[Box] = []
    drawn_edges = []
    for edge_index, edge in enumerate(edges):
        start, end = points[edge_index, 0], points[edge_index, 1]
        source_column, target_column = placed[edge["source"]][1], placed[edge["target"]][1]
        segments = []  # cubic Béziers as (p0, c1, c2, p3)
        if source_column == target_column:
            bulge = min(BULGE + 0.15 * abs(end[1] - start[1]), MAX_BULGE)
            bulge = -bulge if source_column == 0 else bulge
            segments.append((start, (start[0] + bulge, start[1]), (end[0] + bulge, end[1]), end))
        else:
            step = 1 if target_column > source_column else -1
            waypoints = [start]
            for column in range(source_column + step, target_column, step):
                share = (column - source_column) / (target_column - source_column)
                y = gap_y(column, start[1] + (end[1] - start[1]) * share)
                column_x = left + column * (box_w + COLUMN_GAP)
                near, far = (column_x, column_x + box_w) if step == 1 else (column_x + box_w, column_x)
                waypoints += [(near - step * 4, y), (far + step * 4, y)]
            waypoints.append(end)
            for p0, p3 in zip(waypoints, waypoints[1:]):
                middle = (p0[0] + p3[0]) / 2
                segments.append((p0, (middle, p0[1]), (middle, p3[1]), p3))
        d = [part for p0, c1, c2, p3 in segments for part in ("C", *c1, *c2, *p3)]
        direction = edge.get("direction") if edge.get("direction") in DIRECTIONS else "out"
        heads = []
        if direction in ("out", "both"):
            heads.append(arrowhead(*end, *segments[-1][2]))
        if direction in ("in", "both"):
            heads.append(arrowhead(*start, *segments[0][1]))

        full_label = clean(edge.get("label") or "")
        label = fit(full_label, COLUMN_GAP - 2 * ARROW_SIZE - 6, TINY_PX)
        spot = None
        if label:
            label_w = text_width(label, TINY_PX) + 4
            candidates = [_bezier(*segment, t) for t in LABEL_SPOTS for segment in segments]
            for x, y in candidates:
                candidate = Box(x - label_w / 2, y - TINY_PX + 1, label_w, TINY_PX + 2)
                inside = candidate.x >= 0 and candidate.right <= width
                if inside and not any(_overlaps(candidate, other) for other in node_boxes + label_boxes):
                    label_boxes.append(candidate)
                    spot = {"x": x, "y": y + TINY_PX * 0.35, "text": label}
                    break
        source_label = clean(placed[edge["source"]][2].get("label", ""))
        target_label = clean(placed[edge["target"]][2].get("label", ""))
        arrow = {"out": "→", "in": "←", "both": "↔"}[direction]
        drawn_edges.append({
            "d": path("M", *start, *d),
            "heads": heads,
            "classes": ["edge", f"direction-{direction}"],
            "tooltip": f"{source_label} {arrow} {target_label}" + (f": {full_label}" if full_label else ""),
            "label": spot,
        })

    nodes = [make_node(node, placed[node["id"]][0]) for column in columns for node in column]
    height = MARGIN * 2 + HEADER_H + column_h
    return render(
        "network.svg.j2", kind="network", width=width, height=height,
        title=title or title_from(group.get("label", "") for group in groups),
        headers=headers, nodes=nodes, edges=drawn_edges,
    )
