"""A reference names an entity that does not exist.

Owners, users, `reports_to`, integration targets, categories, layers, RACI roles, step tools,
KPIs and tasks all name other entities by id. A reference to an id that has no file (a typo, or
an entity that was renamed or deleted) is an error; the message suggests the closest existing
id. Fix the id, or add the missing entity (`mops new role ID`).
"""

import difflib

from generator.model.references import references
from generator.checks.examples import HUBSPOT
from generator.problem import Code, Example, Severity

CODE = Code(
    "R001", "unknown-reference", Severity.ERROR, "A reference names an entity that does not exist.", __doc__,
    failing=(Example("catalog/tools/hubspot.yaml", """\
name: HubSpot Marketing Hub
vendor: HubSpot
category: marketing-automation
lifecycle: adopted
owner: marketing-ops
users: [automation-specialst]
"""),),
    passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
users: [automation-specialist]
"""),),
)


def _field(path) -> str:
    return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")

CODES = (CODE,)


def check(catalog, context):
    for kind, entities in catalog.entities.items():
        for entity_id, entity in entities.items():
            for path, target, value in references(entity):
                if value in catalog.known[target]:
                    continue
                hint = difflib.get_close_matches(value, sorted(catalog.known[target]), n=1,
                                                 cutoff=0.6)
                tip = f"; did you mean '{hint[0]}'?" if hint else (
                    f"; add it with `mops new {target} {value}`"
                    if target in ("tool", "role", "team", "playbook") else "")
                yield CODE.at(*catalog.locate(kind, entity_id, path),
                              f"unknown {target} '{value}' in {_field(path)}{tip}")
