"""Data flows through tools on their way out: I009 (still integrated) and I014 (carrying a flow
between two other tools, ``via``)."""

from __future__ import annotations

from generator.analysis.insights.base import Ref, Severity, insight
from generator.analysis.insights.common import ON_THE_WAY_OUT, lifecycle
from generator.checks.examples import HUBSPOT
from generator.problem import Example


ZAPIER = """\
name: Zapier
vendor: Zapier
category: marketing-automation
lifecycle: adopted
owner: mops-manager
"""
VIA_ZAPIER = """\
integrations:
  - tool: salesforce
    direction: out
    data: [leads]
    via: zapier
    frequency: hourly
"""


def _severity(tool) -> Severity:
    return Severity.HIGH if lifecycle(tool) == "retired" else Severity.MEDIUM


@insight("I009", "outgoing-tool-integrated", "A sunsetting or retired tool is still integrated.",
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT.replace("adopted", "sunsetting") + """\
integrations:
  - tool: marketo
    data: [contacts]
    frequency: daily
"""),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT.replace("adopted", "sunsetting") + """\
integrations:
  - tool: marketo
    data: [contacts]
    frequency: one-off
"""),))
def outgoing_tool_integrated(context):
    """A tool that is sunsetting or retired still has live integrations, in its own list or in
    another tool's (one-off flows, such as a migration, do not count).

    Data still flows through a tool on its way out: move those flows before it is switched off.
    """
    catalog = context.catalog
    incoming: dict[str, set[str]] = {}
    for tool_id, tool in catalog.tools.items():
        for integration in tool.integrations:
            if integration.live:
                incoming.setdefault(integration.tool, set()).add(tool_id)
    for tool_id, tool in catalog.tools.items():
        if lifecycle(tool) not in ON_THE_WAY_OUT:
            continue
        partners = sorted(({i.tool for i in tool.integrations if i.live}
                           | incoming.get(tool_id, set())) - {tool_id})
        if partners:
            yield context.finding(
                "I009", _severity(tool), [("tool", tool_id)] + [("tool", p) for p in partners],
                lifecycle(tool), action="move", tool=Ref("tool", tool_id),
                partners=[Ref("tool", p) for p in partners])


@insight("I014", "flow-via-outgoing-tool", "A flow between two tools runs through a sunsetting "
         "or retired tool.",
         failing=(Example("catalog/tools/zapier.yaml", ZAPIER.replace("adopted", "sunsetting")),
                  Example("catalog/tools/hubspot.yaml", HUBSPOT + VIA_ZAPIER)),
         passing=(Example("catalog/tools/zapier.yaml", ZAPIER),
                  Example("catalog/tools/hubspot.yaml", HUBSPOT + VIA_ZAPIER)))
def flow_via_outgoing_tool(context):
    """A live integration between two tools is carried by a third (`via`, typically an iPaaS
    such as Zapier or Workato) that is sunsetting or retired.

    When the tool in between is switched off, the flow stops although neither end changed:
    rebuild it natively or on another tool first. Each flow is reported on its own.
    """
    catalog = context.catalog
    for tool_id, tool in catalog.tools.items():
        for integration in tool.integrations:
            carrier = catalog.tools.get(integration.via) if integration.via else None
            if (carrier is None or lifecycle(carrier) not in ON_THE_WAY_OUT
                    or not integration.live or lifecycle(tool) == "retired"):
                continue
            yield context.finding(
                "I014", _severity(carrier),
                [("tool", integration.via), ("tool", tool_id), ("tool", integration.tool)],
                lifecycle(carrier), action="move", via=Ref("tool", integration.via),
                source=Ref("tool", tool_id), target=Ref("tool", integration.tool),
                data=", ".join(integration.data) or "-")
