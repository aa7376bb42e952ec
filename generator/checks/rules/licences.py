"""More licences are in use than were bought.

`licences.active` counts seats in use and `licences.bought` the seats paid for; more active
than bought usually means the numbers are out of date (or the contract is breached). Update
the counts.
"""

from generator.checks.examples import HUBSPOT
from generator.problem import Code, Example, Severity

CODE = Code(
    "R008", "licences", Severity.WARNING, "More licences are active than were bought.", __doc__,
    failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
licences:
  bought: 10
  active: 12
"""),),
    passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
licences:
  bought: 12
  active: 12
"""),),
)

CODES = (CODE,)


def check(catalog, context):
    for tool_id, tool in catalog.tools.items():
        if tool.licences and tool.licences.active > tool.licences.bought:
            yield CODE.at(*catalog.locate("tool", tool_id, ("licences", "active")),
                          f"{tool.licences.active} active licences but only "
                          f"{tool.licences.bought} bought; update the counts")
