"""An id names both a role and a person.

A tool's `owner` and `technical_owner` may name a role (`catalog/roles/`) or a person
(`catalog/people/`). An id that is both makes every such reference ambiguous, so it is an
error: rename the person's file (for example after their name, `ana-lopez.yaml`) and the
references to it.
"""

from generator.problem import Code, Example, Severity

CODE = Code(
    "R016", "role-and-person-id", Severity.ERROR, "An id names both a role and a person.",
    __doc__,
    failing=(Example("catalog/people/mops-manager.yaml", """\
name: Ana López
role: mops-manager
"""),),
    passing=(Example("catalog/people/ana-lopez.yaml", """\
name: Ana López
role: mops-manager
"""),),
)

CODES = (CODE,)


def check(catalog, context):
    for person_id in catalog.people:
        if person_id in catalog.known["role"]:
            yield CODE.at(*catalog.locate("person", person_id, ("name",)),
                          f"'{person_id}' is both a role ({catalog.file_of('role', person_id)}) "
                          "and a person; rename the person so owners are unambiguous")
