"""``neighbourhood``: one entity in the middle, its neighbours left and right, arrows between.

Neighbours that send data in sit on the left, those that receive it on the right (arrows read
left to right through the centre); two-way neighbours fill whichever side is shorter. It is a
three-column ``network``, so it shares that layout's guarantees: boxes as tall as their text,
edge ends spread apart, edge text wrapped and placed clear of boxes and other labels.
"""

from __future__ import annotations

from generator.render.diagrams.network import network
from generator.render.diagrams.text import clean


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
    "out" from it, "both" each way), ``data`` (text on the edge) and optional ``live``."""
    left, right = _sides(neighbours)
    hub = "\x00centre"  # an id no neighbour has (ids here are positions, labels may repeat)
    groups = [{"label": "", "nodes": [dict(item, id=f"left-{n}") for n, item in enumerate(left)]},
              {"label": "", "nodes": [dict(center, id=hub, classes=("center",))]},
              {"label": "", "nodes": [dict(item, id=f"right-{n}") for n, item in enumerate(right)]}]
    groups = [group for group in groups if group["nodes"]]
    edges = []
    for side, items in (("left", left), ("right", right)):
        for n, item in enumerate(items):
            both = item.get("direction") not in ("in", "out")
            source, target = (f"left-{n}", hub) if side == "left" else (hub, f"right-{n}")
            data = clean(item.get("data") or "")
            edges.append({"source": source, "target": target, "direction": "both" if both else "out",
                          "label": data, "live": item.get("live", True),
                          "tooltip": " · ".join(part for part in (clean(item.get("label", "")), data) if part)})
    return network(groups, edges, title=title or clean(center.get("label", "")), kind="neighbourhood")
