"""``network``: a layered map: one column per group (a stack layer), nodes in it, edges between.

It is a Sugiyama-style layered layout with the layers given (the stack's layers, so every map
reads the same way) instead of computed:

1. **Order**: within a column, nodes sort by the mean row of their neighbours, a few sweeps
   (ties keep the caller's order), which removes most crossings.
2. **Size**: a box is as tall as its wrapped label needs, and taller when many edges meet one
   of its sides, so their ends stay ``PORT_GAP`` apart (no black bundle at a busy tool).
3. **Route**: an edge leaves its source on the side facing the target and enters the target
   on the side facing back, as a chain of level-tangent Béziers. An edge that skips columns
   gets a slot of its own in each column in between (a "dummy node", ordered with the boxes
   in step 1), so it never runs under a box and never shares its track with another edge.
   Edges within one column bulge out into the gap beside it.
4. **Label**: an edge's text, wrapped onto lines that fit the gap between columns (never
   shortened), goes at the first spot along the edge where it overlaps no box, arrowhead or
   other label. When there is none the text is left off the picture: it is in the edge's
   tooltip, and every page with a map lists its flows in a table below it.

Edges marked ``live: False`` (one-off migrations) are drawn dashed. Colours come from classes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from generator.render.diagrams.svg import (
    ARROW_SIZE, SMALL_PX, TINY_PX, Box, arrowhead, box_width, make_node, node_height, path,
    render, title_from,
)
from generator.render.diagrams.text import UNLIMITED, clean, text_width, wrap

BOX_H = 40
PORT_GAP = 9  # least distance between two edge ends on one side of a box
ROW_GAP = 18
COLUMN_GAP = 84  # between columns when edges carry no text
LABELLED_GAP = 136  # between columns when they do: room for a label of two or three lines
MARGIN = 8
BULGE, MAX_BULGE = 20, 44  # how far an edge within one column swings out (more when longer)
BULGE_ROOM = MAX_BULGE * 0.75 + 4  # the margin a Bézier with that control offset needs
LABEL_LINE = TINY_PX + 2
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)
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
    """Where the columns are: ``left`` edge of the first, box width, gap between columns."""

    left: float
    box_w: float
    gap: float

    def column_x(self, column: int) -> float:
        return self.left + column * (self.box_w + self.gap)


def _sides(source_column: int, target_column: int) -> tuple[str, str]:
    """The box sides an edge leaves and enters by."""
    if source_column == target_column:
        side = "left" if source_column == 0 else "right"
        return side, side
    return ("right", "left") if source_column < target_column else ("left", "right")


def _ends_per_side(edges: list[dict], column_of: dict[str, int]) -> dict[tuple[str, str], int]:
    """How many edge ends meet each (node, side)."""
    count: dict[tuple[str, str], int] = {}
    for edge in edges:
        sides = _sides(column_of[edge["source"]], column_of[edge["target"]])
        for node_id, side in zip((edge["source"], edge["target"]), sides):
            count[node_id, side] = count.get((node_id, side), 0) + 1
    return count


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
        spread = min(box.h - 12, (len(ends_here) - 1) * PORT_GAP * 1.6)
        for index, (_, edge_index, end_index) in enumerate(ends_here):
            share = 0.5 if len(ends_here) == 1 else index / (len(ends_here) - 1)
            points[edge_index, end_index] = (box.right if side == "right" else box.x,
                                             box.cy - spread / 2 + spread * share)
    return points


def _route(start, end, source_column: int, target_column: int, slots: list[float],
           grid: _Grid) -> list[tuple]:
    """The edge as cubic Béziers (p0, c1, c2, p3) with level tangents at every joint;
    ``slots``: its y in each column it passes through."""
    if source_column == target_column:
        bulge = min(BULGE + 0.15 * abs(end[1] - start[1]), MAX_BULGE)
        bulge = -bulge if source_column == 0 else bulge
        return [(start, (start[0] + bulge, start[1]), (end[0] + bulge, end[1]), end)]
    step = 1 if target_column > source_column else -1
    waypoints = [start]
    for column, y in zip(range(source_column + step, target_column, step), slots):
        x = grid.column_x(column)
        near, far = (x, x + grid.box_w) if step == 1 else (x + grid.box_w, x)
        waypoints += [(near - step * 4, y), (far + step * 4, y)]
    waypoints.append(end)
    return [(p0, ((p0[0] + p3[0]) / 2, p0[1]), ((p0[0] + p3[0]) / 2, p3[1]), p3)
            for p0, p3 in zip(waypoints, waypoints[1:])]


def _label_spot(lines: list[str], segments: list[tuple], taken: _Taken, width: float) -> dict | None:
    """A place on the curve for a label of ``lines`` clear of ``taken`` boxes (then taken
    too), or None. Only the segments between columns are tried (the others run along a lane
    between two boxes, too narrow for text)."""
    label_w = max(text_width(line, TINY_PX) for line in lines) + 6
    label_h = len(lines) * LABEL_LINE + 2
    crossing = [segment for segment in segments if abs(segment[3][0] - segment[0][0]) > 24] or segments
    for t in LABEL_SPOTS:
        for segment in crossing:
            x, y = _bezier(*segment, t)
            candidate = Box(x - label_w / 2, y - label_h / 2, label_w, label_h)
            if candidate.x >= 0 and candidate.right <= width and not taken.overlaps(candidate):
                taken.add(candidate)
                first = candidate.y + 1 + LABEL_LINE / 2 + TINY_PX * 0.35
                return {"x": x, "lines": [{"text": line, "y": first + n * LABEL_LINE}
                                          for n, line in enumerate(lines)]}
    return None


def network(groups: list[dict], edges: list[dict], *, title: str | None = None,
            edge_labels: bool = True, kind: str = "network") -> str:
    """SVG layered network. ``groups``: dicts with ``label`` (may be empty) and ``nodes``
    (dicts with ``id``, ``label``, ``href``, optional ``lifecycle``, ``classes``); ``edges``:
    dicts with ``source``, ``target`` (node ids), ``direction`` ("out": source to target,
    "in": back, "both"), ``label`` and optional ``live`` (False: drawn dashed) and
    ``tooltip``. With ``edge_labels`` False, edge text is in tooltips only. Edges naming
    unknown nodes, and loops, are left out."""
    seen: set[str] = set()
    columns = []
    for group in groups:
        column = [node for node in group.get("nodes", []) if node["id"] not in seen]
        seen.update(node["id"] for node in column)
        columns.append(column)
    edges = [edge for edge in edges
             if edge.get("source") in seen and edge.get("target") in seen and edge["source"] != edge["target"]]
    column_of = {node["id"]: index for index, column in enumerate(columns) for node in column}
    chains: list[tuple[str, str]] = []  # the links to order by: through the dummies
    for edge_index, edge in enumerate(edges):
        low, high = sorted((column_of[edge["source"]], column_of[edge["target"]]))
        step = 1 if column_of[edge["target"]] > column_of[edge["source"]] else -1
        previous = edge["source"]
        for column in range(column_of[edge["source"]] + step, column_of[edge["target"]], step):
            dummy = f"\x00{edge_index}:{column}"
            columns[column].append({"id": dummy, "dummy": True})
            chains.append((previous, dummy))
            previous = dummy
        chains.append((previous, edge["target"]))
    columns = _order_columns(columns, chains)
    swinging = {column_of[edge["source"]] for edge in edges if column_of[edge["source"]] == column_of[edge["target"]]}
    box_w = box_width([node for column in columns for node in column if not node.get("dummy")], 96, 132)
    labelled = edge_labels and any(clean(edge.get("label") or "") for edge in edges)
    grid = _Grid(left=MARGIN + (BULGE_ROOM if 0 in swinging else 0), box_w=box_w,
                 gap=LABELLED_GAP if labelled else COLUMN_GAP)
    width = (grid.column_x(len(columns)) - grid.gap + MARGIN
             + (BULGE_ROOM if len(columns) - 1 in swinging else 0))

    ends_at = _ends_per_side(edges, column_of)
    heights = {node["id"]: 0 if node.get("dummy") else
               max(node_height(node, box_w, BOX_H),
                   max(ends_at.get((node["id"], side), 0) for side in ("left", "right")) * PORT_GAP * 1.6 + 12)
               for column in columns for node in column}

    def gaps(column: list[dict]) -> list[float]:
        """The space above each item but the first: less between two edge slots."""
        return [PORT_GAP if above.get("dummy") and below.get("dummy") else ROW_GAP * (0.6 if above.get("dummy") or below.get("dummy") else 1)
                for above, below in zip(column, column[1:])]

    column_heights = [sum(heights[node["id"]] for node in column) + sum(gaps(column)) for column in columns]
    column_h = max(column_heights, default=0)
    header_lines = [wrap(clean(group.get("label", "")), box_w + 2 * MARGIN - 2, SMALL_PX, UNLIMITED)
                    if clean(group.get("label", "")) else [] for group in groups]
    tallest_header = max((len(lines) for lines in header_lines), default=0)
    headers_h = tallest_header * (SMALL_PX + 2) + 16 if tallest_header else 0

    headers = []
    placed: dict[str, tuple[Box, int, dict]] = {}  # node id -> (box, column, node)
    slot_y: dict[str, float] = {}  # dummy id -> y of the edge through its column
    for index, (group, column, lines) in enumerate(zip(groups, columns, header_lines)):
        x = grid.column_x(index)
        label = clean(group.get("label", ""))
        headers.append({"x": x + box_w / 2, "full": label,
                        "lines": [{"text": line, "y": MARGIN + headers_h - 12 - (len(lines) - 1 - n) * (SMALL_PX + 2)}
                                  for n, line in enumerate(lines)]})
        y = MARGIN + headers_h + (column_h - column_heights[index]) / 2
        for node, gap in zip(column, [0.0, *gaps(column)]):
            y += gap
            if node.get("dummy"):
                slot_y[node["id"]] = y
            else:
                placed[node["id"]] = (Box(x, y, box_w, heights[node["id"]]), index, node)
                y += heights[node["id"]]

    ends = _edge_ends(edges, placed)
    taken = _Taken()  # label spots must avoid the boxes, the arrowheads and each other
    for box, _, _ in placed.values():
        taken.add(Box(box.x - ARROW_SIZE - 2, box.y - 2, box.w + 2 * ARROW_SIZE + 4, box.h + 4))
    label_w = grid.gap - 2 * ARROW_SIZE - 16
    drawn_edges = []
    for edge_index, edge in enumerate(edges):
        start, end = ends[edge_index, 0], ends[edge_index, 1]
        source_column, target_column = column_of[edge["source"]], column_of[edge["target"]]
        step = 1 if target_column > source_column else -1
        slots = [slot_y[f"\x00{edge_index}:{column}"] for column in range(source_column + step, target_column, step)]
        segments = _route(start, end, source_column, target_column, slots, grid)
        direction = edge.get("direction") if edge.get("direction") in DIRECTIONS else "out"
        heads = []
        if direction in ("out", "both"):
            heads.append(arrowhead(*end, *segments[-1][2]))
        if direction in ("in", "both"):
            heads.append(arrowhead(*start, *segments[0][1]))
        full_label = clean(edge.get("label") or "")
        source_label = clean(placed[edge["source"]][2].get("label", ""))
        target_label = clean(placed[edge["target"]][2].get("label", ""))
        arrow = {"out": "→", "in": "←", "both": "↔"}[direction]
        tooltip = clean(edge.get("tooltip") or "") or (
            f"{source_label} {arrow} {target_label}" + (f": {full_label}" if full_label else ""))
        spot = None
        if labelled and full_label:
            spot = _label_spot(wrap(full_label, label_w, TINY_PX, UNLIMITED), segments, taken, width)
        drawn_edges.append({
            "d": path("M", *start, *[part for _, c1, c2, p3 in segments for part in ("C", *c1, *c2, *p3)]),
            "heads": heads,
            "classes": ["edge", f"direction-{direction}"] + ([] if edge.get("live", True) else ["one-off"]),
            "tooltip": tooltip,
            "label": spot,
        })

    nodes = [make_node(node, placed[node["id"]][0], *node.get("classes", ()))
             for column in columns for node in column if not node.get("dummy")]
    return render(
        "network.svg.j2", kind=kind, width=width, height=MARGIN * 2 + headers_h + column_h,
        title=title or title_from(group.get("label", "") for group in groups),
        headers=headers, nodes=nodes, edges=drawn_edges,
    )
