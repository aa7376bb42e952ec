"""Where each generated page lives (paths relative to the docs root), in one place."""

from generator.model.catalog import PLURAL


def page_path(kind: str, entity_id: str) -> str:
    """``tools/marketo.md`` for a tool, ``roles/mops-manager.md`` for a role, and so on."""
    return f"{PLURAL[kind]}/{entity_id}.md"
