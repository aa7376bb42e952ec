"""Where each generated page lives (paths relative to the docs root), in one place."""

import posixpath

from generator.model.catalog import PLURAL


def page_path(kind: str, entity_id: str) -> str:
    """``tools/marketo.md`` for a tool, ``roles/mops-manager.md`` for a role, and so on."""
    return f"{PLURAL[kind]}/{entity_id}.md"


def relative_url(here: str, path: str) -> str:
    """``path`` (a page path like ``tools/x.md``) as a link from the page at ``here``.

    Links inside raw HTML (cards, diagrams) keep this ``.md`` form too; the site plugin turns
    them into page URLs, as MkDocs does for Markdown links."""
    return posixpath.relpath(path, posixpath.dirname(here) or ".")
