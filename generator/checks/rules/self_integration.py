"""A tool lists an integration with itself, or the same flow twice.

An integration describes data moving between two different tools. An entry that names the tool
itself is an error. Several entries may name the same tool when the flows differ (direction,
method, frequency or `via`); two entries alike in all of these are a warning (merge their
`data` lists). A `via` tool that is the tool itself or its target is also reported.
"""

from generator.checks.examples import HUBSPOT
from generator.problem import Code, Example, Severity

CODE = Code(
    "R004", "self-integration", Severity.ERROR, "A tool is integrated with itself.", __doc__,
    failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
integrations:
  - tool: hubspot
    data: [contacts]
"""),),
    passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
integrations:
  - tool: salesforce
    data: [contacts]
"""),),
)
DUPLICATE = Code(
    "R005", "duplicate-integration", Severity.WARNING,
    "A tool lists the same integration twice.",
    "Two entries name the same tool with the same direction, method, frequency and `via`: "
    "merge them into one and combine their `data` lists. Flows that differ in any of these "
    "may name the same tool.",
    failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
integrations:
  - tool: salesforce
    data: [contacts]
  - tool: salesforce
    data: [contacts]
"""),),
    passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
integrations:
  - tool: salesforce
    data: [contacts, companies]
"""),),
)

CODES = (CODE, DUPLICATE)


def check(catalog, context):
    for tool_id, tool in catalog.tools.items():
        seen: dict = {}
        for index, integration in enumerate(tool.integrations):
            where = ("integrations", index, "tool")
            if integration.tool == tool_id:
                yield CODE.at(*catalog.locate("tool", tool_id, where),
                              f"'{tool_id}' is integrated with itself; name the other tool")
            elif integration.via in (tool_id, integration.tool):
                yield CODE.at(*catalog.locate("tool", tool_id, ("integrations", index, "via")),
                              f"via names '{integration.via}', one of the two ends; "
                              "name the tool in between or remove via")
            flow = (integration.tool, integration.direction, integration.method,
                    integration.frequency, integration.via)
            if flow in seen:
                yield DUPLICATE.at(*catalog.locate("tool", tool_id, where),
                                   f"'{integration.tool}' is already listed as integration "
                                   f"{seen[flow] + 1} with the same direction and method; merge "
                                   "the two entries (or say how the flows differ)")
            else:
                seen[flow] = index
