"""Where a value sits in a file, said the way people count: ``integration 1, tool``.

Every message that names a place inside a file uses ``field_path``, so list positions are
1-based everywhere (the first step is step 1), whether the place comes from a pydantic error or
from a cross-entity rule.
"""

from __future__ import annotations

SINGULAR = {
    "integrations": "integration", "steps": "step", "members": "member", "layers": "layer",
    "categories": "category", "tasks": "task", "users": "user", "tools": "tool",
    "capabilities": "capability", "kpis": "kpi", "responsible": "responsible",
    "consulted": "consulted", "informed": "informed", "accountable": "accountable",
    "acknowledgements": "acknowledgement", "cost": "cost line", "depends_on": "depends_on",
    "data": "data", "outputs": "output", "tags": "tag", "departments": "department",
    "skills": "skill", "responsibilities": "responsibility", "subjects": "subject",
    "stages": "stage", "residency": "residency",
}


def field_path(path: tuple) -> str:
    """``("steps", 0, "raci", "accountable")`` -> ``step 1, raci.accountable``."""
    groups: list[str] = []
    names: list[str] = []
    for part in path:
        if isinstance(part, int):
            if names:
                last = names.pop()
                label = SINGULAR.get(last, f"{last} item")
                names.append(f"{label} {part + 1}")
            else:
                names.append(f"item {part + 1}")
            groups.append(".".join(names))
            names = []
        else:
            names.append(str(part))
    if names:
        groups.append(".".join(names))
    return ", ".join(groups) if groups else "the file"
