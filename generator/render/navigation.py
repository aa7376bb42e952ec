"""The site navigation: section pages only. Entity pages (one per tool, role ...) stay out of
it, because Material renders the whole navigation into every page and a navigation listing
thousands of tools makes the build quadratic; they are reached through the section pages.

Paths that do not exist (a docs page someone removed) are skipped.
"""

from __future__ import annotations

import html

NAV = [
    ("site.home", "index.md"),
    ("nav.stack", ["stack/index.md", "stack/by-stage.md", "stack/by-owner.md", "tools/index.md",
                   "categories/index.md"]),
    ("nav.integrations", "integrations/index.md"),
    ("nav.roles", ["roles/index.md", "people/index.md", "teams/index.md", "tasks.md"]),
    ("nav.playbooks", ["playbooks/index.md", "raci.md", "kpis/index.md"]),
    ("nav.insights", ["insights/index.md", "insights/codes.md", "downloads/index.md"]),
    ("nav.about", ["about/index.md", "about/history.md", "about/people.md", "about/stack.md",
                   "about/challenges.md", "about/sources.md"]),
    ("nav.reference", ["reference/index.md", "how-to-change.md", "writing-descriptions.md",
                       "spreadsheets.md", "diagrams.md", "reference/fields.md",
                       "reference/rules.md"]),
]


def navigation(t, available) -> list:
    """The MkDocs ``nav`` value for the pages in ``available`` (paths in the docs folder)."""
    available = set(available)
    nav = []
    for key, entries in NAV:
        title = html.escape(t(key))
        if isinstance(entries, str):
            if entries in available:
                nav.append({title: entries})
            continue
        paths = [path for path in entries if path in available]
        if paths:
            nav.append({title: paths})
    return nav


def nav_paths(nav) -> set[str]:
    """Every page path a ``nav`` value lists."""
    found = set()
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found |= nav_paths(value)
        elif isinstance(value, str):
            found.add(value)
    return found
