"""The whole resolved catalog as one JSON-ready document, with reverse links."""

from __future__ import annotations

import json

from generator.analysis.links import build_links
from generator.export.columns import RESTRICTED_FIELDS
from generator.model.catalog import KINDS, PLURAL
from generator.settings import Settings


def catalog_document(catalog, settings: Settings | None = None) -> dict:
    """``{"tools": [...], "roles": [...], ...}``: each entity with ``id``, fields and back-links
    (without cost and contract data when ``settings`` is for a wide audience)."""
    links = build_links(catalog)
    document: dict = {}
    for kind in KINDS:
        hidden = set() if settings is None or settings.shows_costs else set(
            RESTRICTED_FIELDS.get(kind, ()))
        items = []
        for entity_id, entity in catalog.entities[kind].items():
            item = {"id": entity_id, **entity.model_dump(mode="json", exclude={"id", *hidden})}
            item["source"] = catalog.file_of(kind, entity_id)
            item.update(_reverse(kind, entity_id, links))
            items.append(item)
        document[PLURAL[kind]] = items
    return document


def _reverse(kind: str, entity_id: str, links) -> dict:
    if kind == "role":
        return {
            "tools_owned": links.owned_tools.get(entity_id, []),
            "tools_administered": links.administered_tools.get(entity_id, []),
            "tools_used": links.used_tools.get(entity_id, []),
            "people": links.people_in_role.get(entity_id, []),
            "playbooks_owned": links.owned_playbooks.get(entity_id, []),
            "direct_reports": links.direct_reports.get(entity_id, []),
            "teams": links.teams_of_role.get(entity_id, []),
            "steps": {letter: [s.as_dict() for s in steps]
                      for letter, steps in links.role_steps.get(entity_id, {}).items()},
        }
    if kind == "person":
        return {"tools_owned": links.owned_tools.get(entity_id, []),
                "tools_administered": links.administered_tools.get(entity_id, [])}
    if kind == "tool":
        return {"used_in_steps": [s.as_dict() for s in links.tool_steps.get(entity_id, [])],
                "integrated_from": links.integrated_from.get(entity_id, [])}
    if kind == "category":
        return {"tools": links.tools_in_category.get(entity_id, [])}
    if kind == "layer":
        return {"categories": links.categories_in_layer.get(entity_id, [])}
    if kind == "kpi":
        return {"playbooks": links.playbooks_of_kpi.get(entity_id, []),
                "replaced_by": links.replaced_by.get(entity_id, [])}
    if kind == "task":
        return {"roles": links.roles_of_task.get(entity_id, [])}
    return {}


def render_json(catalog, settings: Settings | None = None) -> str:
    document = catalog_document(catalog, settings)
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
