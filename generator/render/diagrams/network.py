"""``network``: a layered map: one column per group (a stack layer), nodes in it, edges between.

It is a Sugiyama-style layered layout with the layers given (the stack's layers, so every map
reads the same way) instead of computed:

1. **Order**: with ``order_groups``, the columns come in the order that lets edges skip the
   fewest columns (every order is tried, up to ``ORDER_GROUPS_UP_TO`` columns; ties keep the
   caller's order). With ``bands_within``, a group whose tools send each other data is split
   into two sub-columns of one shaded band, senders first, while the map stays within that
   width. Within a column, nodes sort by the mean row of their neighbours, a few sweeps
   (ties keep the caller's order), which removes most crossings.
2. **Size**: a box is as tall as its wrapped label needs, and taller when many edges meet one
   of its sides, so their ends stay ``PORT_GAP`` apart (no black bundle at a busy tool).
3. **Route**: an edge leaves its source on the side facing the target and enters the target
   on the side facing back, as a chain of level-tangent Béziers. An edge that skips columns
   gets a slot of its own in each column in between (a "dummy node", ordered with the boxes
   in step 1), so it never runs under a box and never shares its track with another edge.
   Edges within one column bulge out into the gap beside it that fewer other edges cross.
4. **Label**: an edge's text, wrapped onto lines that fit the gap between columns (never
   shortened), goes at the first spot along the edge where it overlaps no box, arrowhead or
   other label. When there is none, a small numbered marker goes on the edge instead (at the
   first spot along any of its segments clear of boxes, arrowheads, labels and markers), and a
   legend under the map gives each number its flow: every flow stays identifiable on the
   picture. Its text is in the edge's tooltip too, and every page with a map lists its flows
   in a table below it.

Edges marked ``live: False`` (one-off migrations) are drawn dashed. Colours come from classes.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from generator.render.diagrams.svg import (
    ARROW_SIZE, SMALL_PX, TINY_PX, Box, arrowhead, box_width, make_node, node_height, path,
    render, title_from,
)
from generator.render.diagrams.text import UNLIMITED, clean, text_width, wrap

BOX_H = 40
PORT_GAP = 14  # distance between two edge ends on one side of a box
SLOT_GAP = 9  # between two edges passing through a column side by side
ROW_GAP = 18
COLUMN_GAP = 84  # between columns when edges carry no text
BANDED_GAP = 68  # on a banded map without edge text
LABELLED_GAP = 136  # between columns when they do: room for a label of two or three lines
MARGIN = 8
BULGE, MAX_BULGE = 20, 44  # how far an edge within one column swings out (more when longer)
BULGE_ROOM = MAX_BULGE * 0.75 + 4  # the margin a Bézier with that control offset needs
LABEL_LINE = TINY_PX + 2
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)
MARKER_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8) + tuple(n / 20 for n in (3, 17, 2, 18, 1, 19, 9, 11, 7, 13, 5, 15))
MARKER_R = 7.5  # radius of a numbered marker's circle (two digits fit at TINY_PX)
LEGEND_LINE = TINY_PX + 5
LEGEND_GAP = 10  # between the map and its legend
SWEEPS = 8
ORDER_GROUPS_UP_TO = 7  # 5,040 orders
BAND_PAD = 10  # a band's shading reaches this far beyond its boxes
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


def _order_groups(groups: list[dict], edges: list[dict]) -> list[dict]:
    """``groups`` in the order in which edges skip the fewest columns in between."""
    if len(groups) > ORDER_GROUPS_UP_TO:
        return groups
    group_of = {node["id"]: index for index, group in enumerate(groups) for node in group.get("nodes", [])}
    pairs: dict[tuple[int, int], int] = {}  # (group, group) -> edges between them
    for edge in edges:
        if edge.get("source") in group_of and edge.get("target") in group_of:
            pair = tuple(sorted((group_of[edge["source"]], group_of[edge["target"]])))
            pairs[pair] = pairs.get(pair, 0) + 1

    def skipped(order: tuple[int, ...]) -> int:
        position = {group: index for index, group in enumerate(order)}
        return sum(count * max(abs(position[a] - position[b]) - 1, 0) for (a, b), count in pairs.items())

    best = min(itertools.permutations(range(len(groups))), key=skipped)  # first of the best
    return [groups[index] for index in best]


def _halves(nodes: list[dict], edges: list[dict]) -> tuple[list[dict], list[dict], int]:
    """A band's nodes in two sub-columns, senders before receivers of the flows within the
    band (longest path from the senders, cycles broken, capped at the second sub-column;
    tools without such flows fill the shorter one), and how many of those flows then run
    between the two instead of bulging along one column."""
    ids = {node["id"] for node in nodes}
    inner = [(edge["source"], edge["target"]) if edge.get("direction") != "in" else (edge["target"], edge["source"])
             for edge in edges if edge["source"] in ids and edge["target"] in ids]
    rank: dict[str, int] = {}
    for _ in range(len(ids)):  # relax: each pass lets ranks grow by one along the flows
        changed = False
        for source, target in inner:
            wanted = min(rank.get(source, 0) + 1, 1)
            if rank.get(target, 0) < wanted and rank.get(source, 0) == 0:
                rank[target] = wanted
                changed = True
        if not changed:
            break
    touched = {node_id for pair in inner for node_id in pair}
    halves: tuple[list[dict], list[dict]] = ([], [])
    for node in nodes:
        if node["id"] in touched:
            halves[rank.get(node["id"], 0)].append(node)
    for node in nodes:
        if node["id"] not in touched:
            halves[len(halves[1]) < len(halves[0])].append(node)
    side = {node["id"]: n for n, half in enumerate(halves) for node in half}
    return halves[0], halves[1], sum(side[a] != side[b] for a, b in inner)


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


def _bulge_sides(edges: list[dict], column_of: dict[str, int], columns: int) -> list[str]:
    """Per column, the side its edges within the column swing out to: outwards for the first
    and last column, else towards the gap fewer other edges cross."""
    crossing = [0] * max(columns - 1, 0)  # edges across the gap after each column
    for edge in edges:
        low, high = sorted((column_of[edge["source"]], column_of[edge["target"]]))
        for gap in range(low, high):
            crossing[gap] += 1
    sides = []
    for column in range(columns):
        if column == 0 or column == columns - 1:
            sides.append("left" if column == 0 else "right")
        else:
            sides.append("left" if crossing[column - 1] < crossing[column] else "right")
    return sides


def _sides(source_column: int, target_column: int, bulge: list[str]) -> tuple[str, str]:
    """The box sides an edge leaves and enters by."""
    if source_column == target_column:
        return bulge[source_column], bulge[source_column]
    return ("right", "left") if source_column < target_column else ("left", "right")


def _ends_per_side(edges: list[dict], column_of: dict[str, int], bulge: list[str]) -> dict[tuple[str, str], int]:
    """How many edge ends meet each (node, side)."""
    count: dict[tuple[str, str], int] = {}
    for edge in edges:
        sides = _sides(column_of[edge["source"]], column_of[edge["target"]], bulge)
        for node_id, side in zip((edge["source"], edge["target"]), sides):
            count[node_id, side] = count.get((node_id, side), 0) + 1
    return count


def _edge_ends(edges: list[dict], placed: dict, bulge: list[str]) -> dict[tuple[int, int], tuple[float, float]]:
    """(edge index, 0 = source end / 1 = target end) -> point. Ends meeting one side of a box
    are spread over its height, ordered by the height of the box at their other end."""
    attached: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for edge_index, edge in enumerate(edges):
        ends = ((edge["source"], edge["target"]), (edge["target"], edge["source"]))
        sides = _sides(placed[edge["source"]][1], placed[edge["target"]][1], bulge)
        for end_index, ((node_id, other_id), side) in enumerate(zip(ends, sides)):
            attached.setdefault((node_id, side), []).append((placed[other_id][0].cy, edge_index, end_index))
    points = {}
    for (node_id, side), ends_here in attached.items():
        box = placed[node_id][0]
        ends_here.sort()
        spread = min(box.h - 12, (len(ends_here) - 1) * PORT_GAP)
        for index, (_, edge_index, end_index) in enumerate(ends_here):
            share = 0.5 if len(ends_here) == 1 else index / (len(ends_here) - 1)
            points[edge_index, end_index] = (box.right if side == "right" else box.x,
                                             box.cy - spread / 2 + spread * share)
    return points


def _route(start, end, source_column: int, target_column: int, slots: list[float],
           grid: _Grid, side: str) -> list[tuple]:
    """The edge as cubic Béziers (p0, c1, c2, p3) with level tangents at every joint;
    ``slots``: its y in each column it passes through; ``side``: where an edge within one
    column swings out."""
    if source_column == target_column:
        bulge = min(BULGE + 0.15 * abs(end[1] - start[1]), MAX_BULGE)
        bulge = -bulge if side == "left" else bulge
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


def _crossings(routes: list[list[tuple]], grid: _Grid) -> int:
    """How many times two edges cross between two columns (where a crossing is read as one:
    edges that swap order across a gap)."""
    by_gap: dict[int, list[tuple[float, float]]] = {}
    for segments in routes:
        for p0, _, _, p3 in segments:
            if abs(p3[0] - p0[0]) <= 24:  # along a lane or a bulge, not across a gap
                continue
            left, right = (p0, p3) if p0[0] < p3[0] else (p3, p0)
            gap = math.floor(((left[0] + right[0]) / 2 - grid.left) / (grid.box_w + grid.gap))
            by_gap.setdefault(gap, []).append((left[1], right[1]))
    return sum((a[0] - b[0]) * (a[1] - b[1]) < 0
               for ends in by_gap.values() for a, b in itertools.combinations(ends, 2))


def _free_spot(segments: list[tuple], spots: tuple[float, ...], w: float, h: float,
               taken: _Taken, width: float) -> Box | None:
    """The first ``w`` × ``h`` box centred on the curve (at each of ``spots`` along each
    segment in turn) that stays in the picture and clear of ``taken`` boxes (then taken too)."""
    for t in spots:
        for segment in segments:
            x, y = _bezier(*segment, t)
            candidate = Box(x - w / 2, y - h / 2, w, h)
            if candidate.x >= 0 and candidate.right <= width and not taken.overlaps(candidate):
                taken.add(candidate)
                return candidate
    return None


def _label_spot(lines: list[str], segments: list[tuple], taken: _Taken, width: float) -> dict | None:
    """A place on the curve for a label of ``lines`` clear of ``taken`` boxes (then taken
    too), or None. Only the segments between columns are tried (the others run along a lane
    between two boxes, too narrow for text)."""
    crossing = [segment for segment in segments if abs(segment[3][0] - segment[0][0]) > 24] or segments
    box = _free_spot(crossing, LABEL_SPOTS, max(text_width(line, TINY_PX) for line in lines) + 6,
                     len(lines) * LABEL_LINE + 2, taken, width)
    if box is None:
        return None
    first = box.y + 1 + LABEL_LINE / 2 + TINY_PX * 0.35
    return {"x": box.cx, "lines": [{"text": line, "y": first + n * LABEL_LINE}
                                    for n, line in enumerate(lines)]}


def _marker_spot(segments: list[tuple], taken: _Taken, width: float) -> tuple[float, float] | None:
    """A place on the curve for a numbered marker clear of ``taken`` boxes (then taken too),
    or None. Every segment is tried, the lanes between two boxes too: a marker needs little room."""
    box = _free_spot(segments, MARKER_SPOTS, 2 * MARKER_R + 2, 2 * MARKER_R + 2, taken, width)
    return None if box is None else (box.cx, box.cy)


def network(groups: list[dict], edges: list[dict], *, title: str | None = None,
            edge_labels: bool = True, order_groups: bool = False, bands_within: float | None = None,
            most_crossings: float | None = None, kind: str = "network") -> str:
    """SVG layered network. ``groups``: dicts with ``label`` (may be empty) and ``nodes``
    (dicts with ``id``, ``label``, ``href``, optional ``lifecycle``, ``classes``); ``edges``:
    dicts with ``source``, ``target`` (node ids), ``direction`` ("out": source to target,
    "in": back, "both"), ``label`` and optional ``live`` (False: drawn dashed) and
    ``tooltip``. With ``edge_labels`` False, edge text is in tooltips only; otherwise an edge
    whose text finds no room gets a numbered marker, explained in a legend under the map. Edges naming
    unknown nodes, and loops, are left out. ``order_groups``: the columns may come in another
    order than the groups (see step 1). ``bands_within`` (a width): each group is drawn as a
    shaded band, and a band with flows between its own nodes is split into two sub-columns,
    senders first, as long as the map stays within that width (busiest band first), so those
    flows run across the band instead of piling up beside one column. ``most_crossings``:
    when the edges cross each other more often than this per edge, the map would be a tangle
    nobody can follow, and the result is "" (the caller shows something else). ``kind``
    names the diagram's CSS class."""
    if order_groups:
        groups = _order_groups(groups, edges)
    seen: set[str] = set()
    columns = []
    for group in groups:
        column = [node for node in group.get("nodes", []) if node["id"] not in seen]
        seen.update(node["id"] for node in column)
        columns.append(column)
    edges = [edge for edge in edges
             if edge.get("source") in seen and edge.get("target") in seen and edge["source"] != edge["target"]]
    banded = bands_within is not None  # room is dearer: narrower boxes and gaps
    box_w = box_width([node for column in columns for node in column], 96, 112 if banded else 132)
    labelled = edge_labels and any(clean(edge.get("label") or "") for edge in edges)
    gap = LABELLED_GAP if labelled else BANDED_GAP if banded else COLUMN_GAP
    band_of = list(range(len(columns)))  # column -> group
    if banded:
        split = [_halves(column, edges) for column in columns]
        chosen: set[int] = set()
        for band in sorted(range(len(columns)), key=lambda band: -split[band][2]):
            count = len(columns) + len(chosen) + 1
            if split[band][2] and 2 * MARGIN + 2 * BULGE_ROOM + count * box_w + (count - 1) * gap <= bands_within:
                chosen.add(band)
        columns = [half for band, column in enumerate(columns)
                   for half in ((split[band][0], split[band][1]) if band in chosen else (column,))]
        band_of = [band for band in range(len(split)) for _ in range(2 if band in chosen else 1)]
    column_of = {node["id"]: index for index, column in enumerate(columns) for node in column}
    chains: list[tuple[str, str]] = []  # the links to order by: through the dummies
    for edge_index, edge in enumerate(edges):
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
    grid = _Grid(left=MARGIN + (BULGE_ROOM if 0 in swinging else 0), box_w=box_w, gap=gap)
    width = (grid.column_x(len(columns)) - grid.gap + MARGIN
             + (BULGE_ROOM if len(columns) - 1 in swinging else 0))

    bulge = _bulge_sides(edges, column_of, len(columns))
    ends_at = _ends_per_side(edges, column_of, bulge)
    heights = {node["id"]: 0 if node.get("dummy") else
               max(node_height(node, box_w, BOX_H),
                   max(ends_at.get((node["id"], side), 0) for side in ("left", "right")) * PORT_GAP + 12)
               for column in columns for node in column}

    def gaps(column: list[dict]) -> list[float]:
        """The space above each item but the first: less between two edge slots."""
        return [SLOT_GAP if above.get("dummy") and below.get("dummy") else ROW_GAP * (0.6 if above.get("dummy") or below.get("dummy") else 1)
                for above, below in zip(column, column[1:])]

    column_heights = [sum(heights[node["id"]] for node in column) + sum(gaps(column)) for column in columns]
    column_h = max(column_heights, default=0)
    spans = []  # per group: (left, right) of its columns
    for band in range(len(groups)):
        own = [index for index, of in enumerate(band_of) if of == band]
        spans.append((grid.column_x(own[0]), grid.column_x(own[-1]) + box_w))
    header_lines = [wrap(clean(group.get("label", "")), right - left + 2 * MARGIN - 2, SMALL_PX, UNLIMITED)
                    if clean(group.get("label", "")) else [] for group, (left, right) in zip(groups, spans)]
    tallest_header = max((len(lines) for lines in header_lines), default=0)
    headers_h = tallest_header * (SMALL_PX + 2) + 16 if tallest_header else 0
    headers = []
    for group, lines, (left, right) in zip(groups, header_lines, spans):
        headers.append({"x": (left + right) / 2, "full": clean(group.get("label", "")),
                        "lines": [{"text": line, "y": MARGIN + headers_h - 12 - (len(lines) - 1 - n) * (SMALL_PX + 2)}
                                  for n, line in enumerate(lines)]})
    bands = ([Box(left - BAND_PAD, MARGIN / 2, right - left + 2 * BAND_PAD, headers_h + column_h + MARGIN)
              for left, right in spans] if banded else [])

    placed: dict[str, tuple[Box, int, dict]] = {}  # node id -> (box, column, node)
    slot_y: dict[str, float] = {}  # dummy id -> y of the edge through its column
    for index, column in enumerate(columns):
        x = grid.column_x(index)
        y = MARGIN + headers_h + (column_h - column_heights[index]) / 2
        for node, gap in zip(column, [0.0, *gaps(column)]):
            y += gap
            if node.get("dummy"):
                slot_y[node["id"]] = y
            else:
                placed[node["id"]] = (Box(x, y, box_w, heights[node["id"]]), index, node)
                y += heights[node["id"]]

    ends = _edge_ends(edges, placed, bulge)
    label_w = grid.gap - 2 * ARROW_SIZE - 16
    drawn_edges = []
    texts: list[tuple[int, list[str], list[tuple]]] = []  # (edge, label lines, route) to place
    routes = []
    for edge_index, edge in enumerate(edges):
        start, end = ends[edge_index, 0], ends[edge_index, 1]
        source_column, target_column = column_of[edge["source"]], column_of[edge["target"]]
        step = 1 if target_column > source_column else -1
        slots = [slot_y[f"\x00{edge_index}:{column}"] for column in range(source_column + step, target_column, step)]
        segments = _route(start, end, source_column, target_column, slots, grid, bulge[source_column])
        routes.append(segments)
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
        if labelled and full_label:
            texts.append((len(drawn_edges), wrap(full_label, label_w, TINY_PX, UNLIMITED), segments))
        drawn_edges.append({
            "d": path("M", *start, *[part for _, c1, c2, p3 in segments for part in ("C", *c1, *c2, *p3)]),
            "heads": heads,
            "classes": ["edge", f"direction-{direction}"] + ([] if edge.get("live", True) else ["one-off"]),
            "tooltip": tooltip,
            "label": None,
            "marker": None,
            "bare": not (labelled and full_label),
        })
    # Labels in the order of the edges; an edge whose label finds no spot gets a numbered marker
    # instead, placed after every label (so it takes no label's spot). A marker that finds no
    # spot either goes first on the next round (it needs little room, the labels move around
    # it). Each round marks at least one more edge or moves one more marker first, so it ends.
    marked: set[int] = set()  # edges drawn with a marker
    first: set[int] = set()  # of those, the ones placed before the labels
    while True:
        taken = _Taken()  # spots must avoid the boxes, the arrowheads and each other
        for box, _, _ in placed.values():
            taken.add(Box(box.x - ARROW_SIZE - 2, box.y - 2, box.w + 2 * ARROW_SIZE + 4, box.h + 4))
        markers = {index: _marker_spot(segments, taken, width)
                   for index, _, segments in texts if index in first}
        spots = {index: _label_spot(lines, segments, taken, width)
                 for index, lines, segments in texts if index not in marked}
        markers.update({index: _marker_spot(segments, taken, width)
                        for index, _, segments in texts if index in marked - first})
        missing = {index for index, spot in spots.items() if spot is None}
        stuck = {index for index, at in markers.items() if at is None and index not in first}
        if not missing and not stuck:
            break
        marked |= missing
        first |= stuck
    height = MARGIN * 2 + headers_h + column_h
    legend = []
    legend_y = height - MARGIN + LEGEND_GAP
    text_w = width - 2 * MARGIN - 2 * MARKER_R - 8
    for index, spot in spots.items():
        drawn_edges[index]["label"] = spot
    for number, index in enumerate(sorted(marked), 1):  # numbered in the order of the edges
        at, tooltip = markers[index], drawn_edges[index]["tooltip"]
        if at is not None:
            drawn_edges[index]["marker"] = {"x": at[0], "y": at[1], "text_y": at[1] + TINY_PX * 0.35,
                                            "number": number}
        lines = wrap(tooltip, text_w, TINY_PX, UNLIMITED)
        first = legend_y + MARKER_R
        legend.append({"number": number, "x": MARGIN + MARKER_R, "y": first, "text_y": first + TINY_PX * 0.35,
                       "text_x": MARGIN + 2 * MARKER_R + 6, "tooltip": tooltip,
                       "lines": [{"text": line, "y": first + TINY_PX * 0.35 + n * LEGEND_LINE}
                                 for n, line in enumerate(lines)]})
        legend_y += max(2 * MARKER_R + 4, len(lines) * LEGEND_LINE + 2)
    if legend:
        height = legend_y + MARGIN

    if most_crossings is not None and _crossings(routes, grid) > most_crossings * len(edges):
        return ""
    nodes = [make_node(node, placed[node["id"]][0], *node.get("classes", ()))
             for column in columns for node in column if not node.get("dummy")]
    return render(
        "network.svg.j2", kind=kind, width=width, height=height,
        title=title or title_from(group.get("label", "") for group in groups),
        headers=headers, bands=bands, nodes=nodes, edges=drawn_edges, legend=legend,
        marker_r=MARKER_R,
    )
