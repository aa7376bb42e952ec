"""Two entities of the same kind have the same name.

Names are what people search for and read in tables; two tools (or roles, teams, playbooks)
called the same are confusing and usually mean one was copied and not renamed. Names are
compared ignoring case and surrounding spaces. Rename one of them.
"""

from generator.checks.examples import HUBSPOT
from generator.problem import Code, Example, Severity

CODE = Code(
    "R002", "duplicate-name", Severity.ERROR, "Two entities of the same kind have the same name.", __doc__,
    failing=(Example("catalog/tools/marketo-sandbox.yaml",
                     HUBSPOT.replace("HubSpot Marketing Hub", "Marketo Engage")),),
    passing=(Example("catalog/tools/marketo-sandbox.yaml",
                     HUBSPOT.replace("HubSpot Marketing Hub", "Marketo Engage (sandbox)")),),
)


def _names(value):
    if isinstance(value, dict):
        return {(lang, text.strip().casefold()) for lang, text in value.items()}
    return {("", value.strip().casefold())}

CODES = (CODE,)


def check(catalog, context):
    for kind, entities in catalog.entities.items():
        seen: dict = {}
        for entity_id, entity in entities.items():
            for key in _names(entity.name):
                if key in seen and seen[key] != entity_id:
                    first = catalog.file_of(kind, seen[key])
                    yield CODE.at(*catalog.locate(kind, entity_id, ("name",)),
                                  f"the {kind} name '{key[1]}' is also used by '{seen[key]}' "
                                  f"({first}); give each {kind} its own name")
                else:
                    seen.setdefault(key, entity_id)
