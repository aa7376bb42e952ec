"""A reference names an entity that does not exist.

Owners, users, `reports_to`, integration targets, categories, layers, RACI roles, step tools,
KPIs, tasks and a person's role all name other entities by id; a tool's `owner` and
`technical_owner` may name a role or a person. A reference to an id that has no file (a typo,
or an entity that was renamed or deleted) is an error; the message suggests the closest
existing id. Fix the id, or add the missing entity (`mops new role ID`, `mops new person ID`).
"""

import difflib

from generator.model.references import references
from generator.checks.examples import HUBSPOT
from generator.model.paths import field_path
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

ADDABLE = ("tool", "role", "person", "team", "playbook", "kpi")

CODES = (CODE,)


def check(catalog, context):
    for kind in catalog.entities:
        for entity_id, entity in catalog.checkable(kind):  # files with schema errors too
            for path, targets, value in references(entity):
                if any(value in catalog.known[target] for target in targets):
                    continue
                existing = sorted(set().union(*(catalog.known[t] for t in targets)))
                hint = difflib.get_close_matches(value, existing, n=1, cutoff=0.6)
                what = " or ".join(targets)
                if hint:
                    tip = f"; did you mean '{hint[0]}'?"
                elif targets[0] in ADDABLE:
                    tip = ("; if it was removed or renamed, remove or change this reference; "
                           "if it is new, add it with " + " or ".join(
                               f"`mops new {t} {value}`" for t in targets if t in ADDABLE))
                elif targets[0] in ("category", "layer"):
                    tip = ("; if it was removed or renamed, change this reference; if it is "
                           "new, add it to catalog/categories.yaml (`mops init` ships the "
                           "default categories)")
                elif targets[0] == "task":
                    tip = ("; if it was removed or renamed, change this reference; if it is "
                           "new, add it to catalog/tasks.yaml")
                else:
                    tip = ""
                yield CODE.at(*catalog.locate(kind, entity_id, path),
                              f"unknown {what} '{value}' in {field_path(path)}{tip}")
