"""A playbook step uses a tool that is retired.

Retired tools are kept in the catalog for history; a step that still names one tells people to
use something that is gone. Replace the tool in the step, or change the tool's lifecycle.
"""

from generator.checks.examples import LEAD_HANDOFF, RETIRED_SALESFORCE
from generator.problem import Code, Example, Severity

CODE = Code(
    "R009", "retired-tool-in-use", Severity.WARNING, "A playbook step uses a retired tool.", __doc__,
    failing=(Example("catalog/tools/salesforce.yaml", RETIRED_SALESFORCE),
             Example("playbooks/lead-handoff.yaml", LEAD_HANDOFF + """\
    tools: [marketo, salesforce]
""")),
    passing=(Example("catalog/tools/salesforce.yaml", RETIRED_SALESFORCE),
             Example("playbooks/lead-handoff.yaml", LEAD_HANDOFF + """\
    tools: [marketo]
""")),
)

CODES = (CODE,)


def check(catalog, context):
    for playbook_id, playbook in catalog.playbooks.items():
        for index, step in enumerate(playbook.steps):
            for position, tool_id in enumerate(step.tools):
                tool = catalog.tools.get(tool_id)
                if tool is not None and tool.lifecycle.value == "retired":
                    yield CODE.at(*catalog.locate("playbook", playbook_id,
                                                  ("steps", index, "tools", position)),
                                  f"step {index + 1} uses '{tool_id}', which is retired; "
                                  "replace it or update the tool's lifecycle")
