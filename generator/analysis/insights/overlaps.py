"""Overlapping tools: I001 (tools in use that share capabilities) and I015 (a tool being
evaluated that would duplicate one in use)."""

from __future__ import annotations

from collections import defaultdict

from generator.analysis.insights.base import Ref, Severity, insight
from generator.analysis.insights.common import IN_USE, decision_date, lifecycle, yearly
from generator.code_settings import Option
from generator.checks.examples import HUBSPOT
from generator.problem import Example

GENERIC = ("reporting", "dashboards", "analytics-dashboards", "integrations", "api",
           "user-management", "permissions", "sso", "settings", "data-export", "mobile-app",
           "notifications")
GENERIC_OPTION = Option(
    "generic", GENERIC, "Capabilities almost every tool lists (reports, settings, an API): "
    "sharing them is no overlap, so they raise none.", "words")


def _capabilities(tool, generic) -> list[str]:
    return [c for c in dict.fromkeys(tool.capabilities) if c not in generic]


def _groups(tools: dict, generic) -> dict[tuple[str, ...], list[str]]:
    """``{tools sharing capabilities: the capabilities they all share}``: capabilities held by
    the same set of tools are one group, so a pair is reported once with all it shares."""
    holders: dict[str, list[str]] = defaultdict(list)
    for tool_id, tool in tools.items():
        for capability in _capabilities(tool, generic):
            holders[capability].append(tool_id)
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for capability, ids in sorted(holders.items()):
        if len(ids) >= 2:
            groups[tuple(sorted(ids))].append(capability)
    return dict(sorted(groups.items()))


@insight("I001", "capability-overlap", "Tools in use share capabilities.",
         options=(GENERIC_OPTION,),
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
capabilities: [email-marketing, forms]
"""),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
capabilities: [social-publishing, reporting]
"""),))
def capability_overlap(context):
    """Two or more tools that are adopted or being piloted list the same capabilities. Tools
    are grouped: each group of tools is reported once, with every capability they all share.

    Overlapping tools cost twice and confuse people about which one to use. Decide which tool
    owns the capability and plan to consolidate, or record why both are needed in
    `catalog/acknowledgements.yaml`. Capabilities nearly every tool has (reporting, settings,
    an API: the `generic` option) raise no overlap. The amount at stake is the yearly cost of
    the group's tools but the dearest: what consolidating onto one of them would save. The date
    is the group's next decision date (a cancel-by or renewal date).
    """
    generic = set(context.option("I001", "generic"))
    in_use = {tool_id: tool for tool_id, tool in context.catalog.tools.items()
              if lifecycle(tool) in IN_USE}
    for tools, capabilities in _groups(in_use, generic).items():
        costs = {tool_id: yearly(context, tool_id) for tool_id in tools}
        known = sorted(((cost, tool_id) for tool_id, cost in costs.items() if cost),
                       reverse=True)
        savings = tuple((tool_id, cost) for cost, tool_id in known[1:])
        dates = [d for d in (decision_date(in_use[t].contract, context.today) for t in tools)
                 if d] if context.settings.shows_costs else []
        yield context.finding(
            "I001", Severity.MEDIUM, [("tool", t) for t in tools], action="consolidate",
            due=min(dates) if dates else None,
            amount=sum(cost for _, cost in savings) if savings else None, savings=savings,
            count=len(tools), capability=", ".join(capabilities),
            tools=[Ref("tool", t) for t in tools])


@insight("I015", "evaluation-overlaps-stack", "A tool being evaluated duplicates tools in use.",
         options=(GENERIC_OPTION,),
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT.replace("adopted", "evaluating") + """\
capabilities: [email-marketing]
"""),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT.replace("adopted", "evaluating") + """\
capabilities: [chat]
"""),))
def evaluation_overlaps(context):
    """A tool in `evaluating` lists capabilities that tools already adopted or being piloted
    provide.

    A decision is pending: either the new tool replaces the ones in use (plan the move and the
    end of their contracts) or the evaluation stops. Generic capabilities (the `generic`
    option) are left out, as for I001.
    """
    generic = set(context.option("I015", "generic"))
    tools = context.catalog.tools
    in_use = {tool_id: tool for tool_id, tool in tools.items() if lifecycle(tool) in IN_USE}
    for tool_id, tool in tools.items():
        if lifecycle(tool) != "evaluating":
            continue
        wanted = set(_capabilities(tool, generic))
        shared = {other: sorted(wanted & set(_capabilities(used, generic)))
                  for other, used in in_use.items()}
        shared = {other: caps for other, caps in sorted(shared.items()) if caps}
        if not shared:
            continue
        capabilities = sorted({c for caps in shared.values() for c in caps})
        yield context.finding(
            "I015", Severity.LOW, [("tool", tool_id)] + [("tool", t) for t in shared],
            action="decide", tool=Ref("tool", tool_id),
            tools=[Ref("tool", t) for t in shared], capability=", ".join(capabilities))
