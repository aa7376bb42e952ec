"""A ``CatalogDiff`` as a Markdown pull-request comment or as JSON."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.diff.compare import KIND_ORDER, CatalogDiff
from generator.formats.counts import counted
from generator.i18n import Translator
from generator.render.escape import gfm_code, gfm_text
from generator.render.paste import page_url as pasted_page_url
from generator.render.urls import page_path

MARKER = "<!-- mops-diff -->"
"""The first line of the comment: the workflow finds its earlier comment by it and updates it."""
KINDS_WITH_PAGES = ("tool", "role", "person", "team", "playbook", "kpi", "category")
HEADINGS = {"tool": "Tools", "role": "Roles", "person": "People", "team": "Teams",
            "playbook": "Playbooks", "kpi": "KPIs", "category": "Categories",
            "layer": "Stack layers", "task": "Tasks"}
assert set(HEADINGS) == set(KIND_ORDER), "every kind the diff compares needs a heading"
PROBLEM_LIMIT = 20
ENTITY_LIMIT = 50
"""Entries listed per kind: a comment must stay short even when a change imports hundreds of
tools."""
SIZE_LIMIT = 65_536
"""GitHub refuses a comment longer than this (counted in UTF-16 code units, to be safe): a
longer one is cut at a line and says so."""

_environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                           undefined=StrictUndefined, keep_trailing_newline=True,
                           trim_blocks=True, lstrip_blocks=True, autoescape=False)
_environment.filters["text"] = gfm_text
_environment.filters["code"] = gfm_code
_environment.globals["counted"] = counted


def page_url(kind: str, entity_id: str, site_url: str = "",
             directory_urls: bool = True) -> str | None:
    """``https://.../tools/marketo/`` under ``site_url``, or the path from the site's root
    (``tools/marketo/``) without one; None for kinds without pages."""
    if kind not in KINDS_WITH_PAGES:
        return None
    path = pasted_page_url("index.md", page_path(kind, entity_id), directory_urls)
    if path is None:
        return None
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def number(amount: float) -> str:
    return f"{amount:,.2f}".removesuffix(".00")


def signed(amount: float) -> str:
    return ("+" if amount >= 0 else "−") + number(abs(amount))


def money(cost: dict | None) -> str:
    if cost is None:
        return "—"
    if "lines" in cost:
        return " + ".join(money(line) for line in cost["lines"])
    period = {"month": "/ month", "quarter": "/ quarter", "year": "/ year",
              "one-off": "one-off"}[cost["period"]]
    media = " media spend" if cost.get("type") == "media" else ""  # not in the totals
    return f"{number(cost['amount'])} {cost['currency']} {period}{media}"


ARROWS = {"out": "→", "in": "←", "both": "↔"}
"""A flow's direction between the tool that lists it and the other one."""


def flow(change) -> str:
    """``marketo`` → ``salesforce``: the two ends of an integration, its direction between."""
    return f"{gfm_code(change.tool)} {ARROWS.get(change.direction, '↔')} {gfm_code(change.other)}"


def setting(value) -> str:
    """An integration's setting in the comment: a code span, a list of them, or none."""
    if isinstance(value, list):
        return ", ".join(gfm_code(v) for v in value) if value else "none"
    return gfm_code(value) if value is not None else "none"


def _summary(diff: CatalogDiff) -> str:
    """``Tools: 1 added, 2 changed · Playbooks: 1 changed``."""
    parts = []
    for kind in KIND_ORDER:
        counts: dict[str, int] = {}
        for change in diff.entities:
            if change.kind == kind:
                counts[change.change] = counts.get(change.change, 0) + 1
        if counts:
            parts.append(f"{HEADINGS[kind]}: " + ", ".join(f"{n} {what}" for what, n in
                                                          sorted(counts.items())))
    return " · ".join(parts) or "No entities added, removed or changed."


def _size(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def within_limit(comment: str) -> str:
    """``comment``, or as many of its lines as fit under ``SIZE_LIMIT`` with a note saying it
    was cut."""
    if _size(comment) <= SIZE_LIMIT:
        return comment
    note = _environment.get_template("diff-cut.md.j2").render(limit=f"{SIZE_LIMIT:,}")
    lines, size = [], _size(note)
    for line in comment.splitlines(keepends=True):
        size += _size(line)
        if size > SIZE_LIMIT:
            break
        lines.append(line)
    return "".join(lines).rstrip("\n") + "\n" + note


def markdown(diff: CatalogDiff, site_url: str = "", language: str = "en",
             directory_urls: bool = True) -> str:
    """The comment. Entities link to their pages only when the site's address is known: a
    link relative to the site would be broken in a pull request, Slack or an e-mail."""
    t = Translator(language)
    groups = [(kind, [c for c in diff.entities if c.kind == kind]) for kind in KIND_ORDER]
    return within_limit(_environment.get_template("diff.md.j2").render(
        diff=diff,
        summary=_summary(diff),
        groups=[(kind, changes) for kind, changes in groups if changes],
        headings=HEADINGS,
        problem_limit=PROBLEM_LIMIT,
        entity_limit=ENTITY_LIMIT,
        page_url=lambda kind, entity_id: (page_url(kind, entity_id, site_url, directory_urls)
                                          if site_url else None),
        name=lambda change: gfm_text(t.text(change.name)),
        step_name=lambda step: gfm_text(t.text(step.step)),
        value=lambda v: gfm_code(v) if v is not None else "none",
        codes=lambda ids: ", ".join(gfm_code(i) for i in ids),
        money=money, number=number, signed=signed, flow=flow, setting=setting,
    ))


def as_json(diff: CatalogDiff, site_url: str = "", directory_urls: bool = True) -> str:
    data = dataclasses.asdict(diff)
    for change in data["entities"]:
        if change["change"] != "removed":
            change["url"] = page_url(change["kind"], change["id"], site_url, directory_urls)
    data["new_problems"] = [p.as_dict() for p in diff.new_problems]
    data["fixed_problems"] = [p.as_dict() for p in diff.fixed_problems]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
