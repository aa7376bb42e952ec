"""Reads the geometry of our inline SVG diagrams back out of their markup, and reports what a
reader would see as a defect: a label cut short, a label sticking out of its box, two labels
on top of each other, a label over a box, an edge running through a box.

Text boxes are estimated with the generator's own width estimate (``text_width``, which errs
wide) and the font size on each ``<text>``: ascent 0.8 em above the baseline, descent 0.25 em
below. Shared by ``test_render_diagram_geometry.py`` (bundled and synthetic sites) and the
unit tests of single diagrams.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.render.diagrams.svg import Box
from generator.render.diagrams.text import text_width

SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_BLOCK = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
SLACK = 0.6  # px: rounding of coordinates to one decimal
NOT_LABELS = {"badge-number"}  # the step number sits on its box's corner by design


@dataclass
class Rect(Box):
    """A box read back from the markup, with what it is (a label's text)."""

    what: str = ""

    def overlaps(self, other: Rect) -> bool:
        return (self.x < other.right - SLACK and other.x < self.right - SLACK
                and self.y < other.bottom - SLACK and other.y < self.bottom - SLACK)

    def inside(self, other: Rect) -> bool:
        return (self.x >= other.x - SLACK and self.right <= other.right + SLACK
                and self.y >= other.y - SLACK and self.bottom <= other.bottom + SLACK)

    def contains_point(self, x: float, y: float, margin: float) -> bool:
        return (self.x + margin < x < self.right - margin
                and self.y + margin < y < self.bottom - margin)


def _text_rect(element: ET.Element) -> Rect:
    text = "".join(element.itertext())
    px = float(element.get("font-size", 12))
    width = text_width(text, px)
    x, y = float(element.get("x", 0)), float(element.get("y", 0))
    anchor = element.get("text-anchor", "start")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return Rect(left, y - 0.8 * px, width, 1.05 * px, text)


def _rect(element: ET.Element, what: str) -> Rect:
    return Rect(float(element.get("x", 0)), float(element.get("y", 0)),
                float(element.get("width", 0)), float(element.get("height", 0)), what)


def _path_points(d: str) -> list[tuple[float, float]]:
    """Points along an SVG path of M, L, H, V and C commands (absolute), Béziers sampled."""
    tokens = re.findall(r"[MLHVC]|-?\d+(?:\.\d+)?", d)
    points: list[tuple[float, float]] = []
    x = y = 0.0
    index = 0
    command = "M"
    while index < len(tokens):
        if tokens[index] in "MLHVC":
            command = tokens[index]
            index += 1
        numbers = tokens[index:]
        if command in "ML":
            x, y = float(numbers[0]), float(numbers[1])
            if command == "L" and points:
                (x0, y0) = points[-1]
                points += [(x0 + (x - x0) * t / 20, y0 + (y - y0) * t / 20) for t in range(1, 20)]
            points.append((x, y))
            index += 2
        elif command in "HV":
            x0, y0 = x, y
            if command == "H":
                x = float(numbers[0])
            else:
                y = float(numbers[0])
            points += [(x0 + (x - x0) * t / 20, y0 + (y - y0) * t / 20) for t in range(1, 21)]
            index += 1
        elif command == "C":
            c = [float(n) for n in numbers[:6]]
            x0, y0 = x, y
            for step in range(1, 41):
                t = step / 40
                u = 1 - t
                points.append((u**3 * x0 + 3 * u * u * t * c[0] + 3 * u * t * t * c[2] + t**3 * c[4],
                               u**3 * y0 + 3 * u * u * t * c[1] + 3 * u * t * t * c[3] + t**3 * c[5]))
            x, y = c[4], c[5]
            index += 6
        else:  # pragma: no cover - we write no other commands
            raise ValueError(f"path command {command} in {d}")
    return points


def problems(svg: str, where: str = "") -> list[str]:
    """Every geometry defect in one diagram, as sentences naming ``where`` it is."""
    root = ET.fromstring(svg)
    found: list[str] = []
    nodes: list[Rect] = []
    labels: list[Rect] = []
    for group in root.iter(f"{SVG_NS}g"):
        classes = (group.get("class") or "").split()
        if "node" not in classes:
            continue
        box = next(group.iter(f"{SVG_NS}rect"))
        node = _rect(box, "box")
        nodes.append(node)
        for text in group.iter(f"{SVG_NS}text"):
            if text.get("class") in NOT_LABELS:
                continue
            rect = _text_rect(text)
            if not rect.inside(Rect(node.x + 2, node.y, node.w - 4, node.h, "")):
                found.append(f"{where}: label {rect.what!r} sticks out of its box")
    inside_nodes = {id(t) for g in root.iter(f"{SVG_NS}g") if "node" in (g.get("class") or "").split()
                    for t in g.iter(f"{SVG_NS}text")}
    for text in root.iter(f"{SVG_NS}text"):
        content = "".join(text.itertext())
        if content.rstrip().endswith(("…", "...")):
            found.append(f"{where}: label {content!r} is cut short")
        if id(text) in inside_nodes or text.get("class") in NOT_LABELS or not content.strip():
            continue
        rect = _text_rect(text)
        labels.append(rect)
        for node in nodes:
            if rect.overlaps(node):
                found.append(f"{where}: label {content!r} lies over a box")
                break
        for frame in root.iter(f"{SVG_NS}rect"):
            if "label-room" in (frame.get("class") or ""):
                room = _rect(frame, "room")
                if rect.overlaps(room) and not rect.inside(room):
                    found.append(f"{where}: label {content!r} sticks out of its frame")
    for index, rect in enumerate(labels):
        for other in labels[index + 1:]:
            if rect.overlaps(other):
                found.append(f"{where}: labels {rect.what!r} and {other.what!r} overlap")
    view = [float(n) for n in root.get("viewBox", "0 0 0 0").split()]
    for rect in labels:
        if rect.x < view[0] - SLACK or rect.right > view[0] + view[2] + SLACK:
            found.append(f"{where}: label {rect.what!r} runs out of the picture")
    for path in root.iter(f"{SVG_NS}path"):
        if "line" not in (path.get("class") or "").split() and "edge" not in (path.get("class") or "").split():
            continue
        points = _path_points(path.get("d", ""))
        if not points:
            continue
        ends = points[0], points[-1]
        for node in nodes:
            if any(abs(px - min(max(px, node.x), node.right)) < 1.5
                   and abs(py - min(max(py, node.y), node.bottom)) < 1.5 for px, py in ends):
                continue  # the edge's own source or target
            if any(node.contains_point(px, py, 2) for px, py in points):
                found.append(f"{where}: an edge runs through a box at "
                             f"({math.floor(node.x)}, {math.floor(node.y)})")
                break
    found += _unlabelled_edges(root, where)
    return found


def _unlabelled_edges(root: ET.Element, where: str) -> list[str]:
    """On a map whose edges carry text (it has an edge label or marker), every edge with text
    (not marked ``bare``) has its label or a numbered marker on the picture, matched by title."""
    def title(group: ET.Element) -> str:
        element = group.find(f"{SVG_NS}title")
        return "".join(element.itertext()) if element is not None else ""

    groups = [(set((g.get("class") or "").split()), g) for g in root.iter(f"{SVG_NS}g")]
    shown = Counter(title(g) for classes, g in groups if classes & {"edge-label", "edge-marker"})
    if not shown:
        return []
    needed = Counter(title(g) for classes, g in groups if "edge" in classes and "bare" not in classes)
    return [f"{where}: the flow {flow!r} has neither label nor marker on the picture"
            for flow in sorted((needed - shown).elements())]


def site_problems(site: Path) -> tuple[int, list[str]]:
    """(number of diagrams, their defects) for every page of a built site."""
    count = 0
    found: list[str] = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "mops-diagram" not in text:
            continue
        for block in SVG_BLOCK.findall(text):
            if "mops-diagram" not in block.split(">", 1)[0]:
                continue
            count += 1
            found += problems(block, str(page.relative_to(site)))
    return count, found
