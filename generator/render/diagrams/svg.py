"""Shared SVG plumbing: the Jinja environment, boxes, arrowheads and path strings.

Geometry is computed in Python and handed to the templates in ``templates/svg/`` as plain
numbers and ``Node`` records; the templates only write markup. Every value a template prints
goes through ``_finalize``: strings through ``inert`` (see ``text.py``) unless they are
``Markup`` we built ourselves from numbers (path data, point lists), and numbers are printed
with at most one decimal, so the same input always gives the same bytes.

That is all the escaping there is: Jinja's autoescape is off, since it would only escape
``_finalize``'s output again (safe, but a large share of the build time at thousands of
diagrams). For the same reason the shared pieces are includes (``_nodes.svg.j2``), not macros:
a macro's output is a plain string, which ``_finalize`` would escape.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.render.diagrams.text import UNLIMITED, clean, inert, safe_href, text_width, wrap

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "svg"
LIFECYCLES = ("evaluating", "piloting", "adopted", "sunsetting", "retired")

CONTENT_WIDTH = 680  # Material's content column at desktop size: diagrams up to it are not scaled
# Font sizes, shared by the layout code (text widths) and the templates (font-size).
LABEL_PX = 14  # box labels, bar labels
SMALL_PX = 12  # sublabels, values, legends, column headers
TINY_PX = 11  # network edge labels, axis ticks, step numbers
BOX_PADDING = 10
ARROW_SIZE = 8


@functools.lru_cache(maxsize=1 << 16)
def num(value: float) -> str:
    """A coordinate as the shortest text with at most one decimal: ``12``, ``12.5``.

    Memoised: diagrams print the same few thousand coordinates over and over (and the cache
    may answer ``1.0`` for ``1``, or ``0.0`` for ``-0.0``, which print the same anyway)."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _finalize(value):
    kind = type(value)  # the common cases first, by exact type (bool is not float or int)
    if kind is Markup:
        return value
    if kind is float or kind is int:
        return num(value)
    if isinstance(value, Markup):
        return value
    if isinstance(value, bool) or value is None:
        raise TypeError(f"diagram template printed {value!r}")
    if isinstance(value, (int, float)):
        return num(value)
    return inert(value)


_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=False,  # _finalize escapes every printed value (see above)
    auto_reload=False,  # the templates ship with the code: no file check per diagram
    finalize=_finalize,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)
_ENV.globals.update(LABEL_PX=LABEL_PX, SMALL_PX=SMALL_PX, TINY_PX=TINY_PX)


def render(template: str, **context) -> str:
    """Render an SVG template as one block: no indentation, no blank lines, starts with ``<svg``."""
    text = _ENV.get_template(template).render(**context)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def path(*parts) -> Markup:
    """SVG path data from commands and numbers: ``path("M", 0, 0, "L", 10, 5)``."""
    return Markup(" ".join([part if isinstance(part, str) else num(part) for part in parts]))


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass
class TextLine:
    text: str
    y: float
    role: str  # "label" or "sublabel": the CSS class and the font size
    px: int


@dataclass
class Node:
    """A labelled, optionally linked box as the templates draw it."""

    box: Box
    lines: list[TextLine]
    tooltip: str
    href: str | None = None
    classes: list[str] = field(default_factory=list)
    number: int | None = None


LINE_GAP = {"label": LABEL_PX + 2, "sublabel": SMALL_PX + 2}


NODE_PADDING_Y = 8  # room above the first and below the last line of a box


def _node_texts(item: dict, width: float) -> list[tuple[str, str, int]]:
    """(role, line, font px) for every line of a box ``width`` wide: the whole label, then the
    whole sublabel, each wrapped at spaces (never shortened)."""
    room = width - 2 * BOX_PADDING
    label = clean(item.get("label", ""))
    sublabel = clean(item.get("sublabel") or "")
    texts = [("label", line, LABEL_PX) for line in wrap(label, room, LABEL_PX, UNLIMITED)]
    if sublabel:
        texts += [("sublabel", line, SMALL_PX) for line in wrap(sublabel, room, SMALL_PX, UNLIMITED)]
    return texts


def node_height(item: dict, width: float, minimum: float) -> float:
    """The height a box ``width`` wide needs for all of its text, at least ``minimum``."""
    block = sum(LINE_GAP[role] for role, _, _ in _node_texts(item, width))
    return max(minimum, block + 2 * NODE_PADDING_Y)


def make_node(item: dict, box: Box, *classes: str, number: int | None = None) -> Node:
    """A ``Node`` for a caller's dict (``label``, ``sublabel``, ``href``, ``lifecycle``): the
    label and then the sublabel, wrapped to the box's width and centred in its height (give
    the box ``node_height``: text is never shortened)."""
    full = clean(item.get("label", ""))
    sublabel = clean(item.get("sublabel") or "")
    texts = _node_texts(item, box.w)
    block = sum(LINE_GAP[role] for role, _, _ in texts)
    y = box.cy - block / 2
    lines = []
    for role, text, px in texts:
        lines.append(TextLine(text, y + LINE_GAP[role] / 2 + px * 0.35, role, px))
        y += LINE_GAP[role]
    lifecycle = str(item.get("lifecycle") or "")
    return Node(
        box=box,
        lines=lines,
        tooltip=" · ".join(part for part in (full, sublabel) if part),
        href=safe_href(item.get("href")),
        classes=["node", *classes] + ([f"lifecycle-{lifecycle}"] if lifecycle in LIFECYCLES else []),
        number=number,
    )


def box_width(items: list[dict], low: float, high: float) -> float:
    """One width for all boxes of a diagram: wide enough for most labels, within ``low..high``."""
    widest = max(
        (max(text_width(clean(item.get("label", "")), LABEL_PX),
             text_width(clean(item.get("sublabel") or ""), SMALL_PX)) for item in items),
        default=0,
    )
    return max(low, min(high, widest + 2 * BOX_PADDING))


def arrowhead(tip_x: float, tip_y: float, from_x: float, from_y: float,
              size: float = ARROW_SIZE) -> Markup:
    """Points of a triangle with its tip at (tip_x, tip_y), pointing away from (from_x, from_y)."""
    angle = math.atan2(tip_y - from_y, tip_x - from_x)
    spread = 0.45
    back = [(tip_x - size * math.cos(angle + side * spread), tip_y - size * math.sin(angle + side * spread))
            for side in (-1, 1)]
    points = [(tip_x, tip_y), *back]
    return Markup(" ".join(f"{num(x)},{num(y)}" for x, y in points))


def title_from(labels) -> str:
    """A fallback accessible title: the first few labels, joined (no words of our own)."""
    labels = [clean(label) for label in labels if clean(label)]
    return ", ".join(labels[:4]) + (", …" if len(labels) > 4 else "")
