"""The theme's navigation, rendered once per folder for the generated pages outside it.

Material renders the whole navigation into every page. On a page that is not in the
navigation (a tool's, a role's ...) nothing in it is marked active, and its links are relative
to the page's folder, so every such page in one folder gets the same HTML: at 8,000 tools,
8,000 renderings of one navigation, a third of the theme's work. ``overrides/partials/nav.html``
asks this cache first and otherwise includes the theme's own partial (``theme/partials/nav.html``,
which ``mkdocs_internals.with_theme_prefix`` makes reachable past the override).

One cache lives for one build (``on_env`` makes a new one).
"""

from __future__ import annotations

import posixpath


class NavigationCache:
    def __init__(self):
        self.html: dict[str, str] = {}

    @staticmethod
    def key(page) -> str | None:
        """The folder shared by the pages that get the same navigation; None for a page that
        must have its own (in the navigation, hand-written, or no page at all)."""
        if page is None or page.file.generated_by is None or page.file.inclusion.is_in_nav():
            return None
        return posixpath.dirname(page.url.rstrip("/"))

    def get(self, page) -> str | None:
        key = self.key(page)
        return None if key is None else self.html.get(key)

    def keep(self, page, html: str) -> str:
        key = self.key(page)
        if key is not None:
            self.html[key] = html
        return html

