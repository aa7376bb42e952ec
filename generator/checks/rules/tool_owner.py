"""A tool in use has no owner.

Every tool in use should have a business owner who answers for its budget and renewal. An
imported inventory often has none yet, so a tool without `owner` is a warning that asks for
review, not an error: find who is accountable and add `owner:` (a role id or a person id).
Retired tools need no owner.
"""

from generator.checks.examples import HUBSPOT
from generator.problem import Code, Example, Severity

CODE = Code(
    "R015", "tool-without-owner", Severity.WARNING, "A tool in use has no owner.", __doc__,
    failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT.replace("owner: mops-manager\n", "")),),
    passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT),),
)

CODES = (CODE,)


def check(catalog, context):
    for tool_id, tool in catalog.tools.items():
        if tool.owner is None and tool.lifecycle.value != "retired":
            yield CODE.at(*catalog.locate("tool", tool_id, ("name",)),
                          f"'{tool_id}' has no owner; ask who is accountable for it and add "
                          "`owner:` (a role or a person id)")
