"""The site navigation: section pages only. Entity pages (one per tool, role ...) stay out of
it, because Material renders the whole navigation into every page and a navigation listing
thousands of tools makes the build quadratic; they are reached through the section pages.

Paths ending in ``*`` expand to every page in that folder (after the folder's index page).
Paths that do not exist (a docs page someone removed) are skipped.
"""

from __future__ import annotations

import fnmatch
import html
import posixpath

NAV = [
    ("site.home", "index.md"),
    ("nav.stack", ["stack/index.md", "stack/by-stage.md", "stack/by-owner.md", "tools/index.md",
                   "categories/index.md"]),
    ("nav.integrations", ["integrations/index.md", "integrations/*.md"]),
    ("nav.roles", ["roles/index.md", "teams/index.md", "tasks.md"]),
    ("nav.playbooks", ["playbooks/index.md", "raci.md", "kpis/index.md"]),
    ("nav.insights", ["insights/index.md", "insights/codes.md", "downloads/index.md"]),
    ("nav.reference", ["how-to-change.md", "writing-descriptions.md", "reference/fields.md",
                       "reference/rules.md"]),
]


def _expand(pattern: str, available: list[str], taken: set[str]) -> list[str]:
    if "*" not in pattern:
        return [pattern] if pattern in available and pattern not in taken else []
    folder = posixpath.dirname(pattern)
    return [p for p in sorted(available) if posixpath.dirname(p) == folder
            and fnmatch.fnmatch(p, pattern) and p not in taken]


def navigation(t, available) -> list:
    """The MkDocs ``nav`` value for the pages in ``available`` (paths in the docs folder)."""
    available = list(available)
    taken: set[str] = set()
    nav = []
    for key, entries in NAV:
        title = html.escape(t(key))
        if isinstance(entries, str):
            entries = [entries]
        paths = []
        for pattern in entries:
            for path in _expand(pattern, available, taken):
                taken.add(path)
                paths.append(path)
        if len(paths) == 1 and isinstance(dict(NAV)[key], str):
            nav.append({title: paths[0]})
        elif paths:
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
