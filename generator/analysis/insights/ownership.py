"""Who owns and uses tools: I002 (owners outside every team) and I003 (adopted tools no
playbook uses)."""

from __future__ import annotations

from generator.analysis.insights.base import Ref, Severity, insight
from generator.analysis.insights.common import department, in_marketing, lifecycle, yearly
from generator.checks.examples import HUBSPOT, LEAD_HANDOFF
from generator.problem import Example


AGENCY = """\
name: Agency contact
archetype: maker
summary: Works for the agency that set up the tool.
"""
AGENCY_TOOL = Example("catalog/tools/hubspot.yaml", HUBSPOT.replace("mops-manager", "agency-contact"))


@insight("I002", "owner-outside-teams", "A tool's owner is in no team structure.",
         failing=(Example("catalog/roles/agency-contact.yaml", AGENCY), AGENCY_TOOL),
         passing=(Example("catalog/roles/agency-contact.yaml", AGENCY + "department: Agency\n"),
                  AGENCY_TOOL))
def owner_outside_teams(context):
    """A tool (not retired) is owned by a marketing role (or a person holding one) that no
    team structure includes.

    Nobody in the team as designed would administer, budget for or renew the tool: confirm who
    owns it, and add the role to a team or give the tool an owner who is in one. Owners in
    other departments (a role's or person's `department`, e.g. IT or Legal) are normal for
    shared tools and raise nothing; a role without a department is taken to be in marketing.
    """
    catalog = context.catalog
    people = catalog.people
    in_teams = {member.role for team in catalog.teams.values() for member in team.members}
    for tool_id, tool in catalog.tools.items():
        owner = tool.owner
        if not owner or lifecycle(tool) == "retired" or not in_marketing(department(context, owner)):
            continue
        kind = "person" if owner in people else "role"
        role = people[owner].role if kind == "person" else owner
        if role in in_teams:
            continue
        yield context.finding("I002", Severity.MEDIUM, [("tool", tool_id), (kind, owner)],
                              action="confirm", tool=Ref("tool", tool_id), role=Ref(kind, owner))


@insight("I003", "adopted-tool-without-playbook", "An adopted tool is used in no playbook step.",
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT),
                  Example("playbooks/lead-handoff.yaml",
                          LEAD_HANDOFF + "    tools: [marketo, salesforce, hubspot]\n")))
def adopted_without_playbook(context):
    """An adopted tool appears in no step of any playbook.

    Either the tool is shelfware (most teams use only a fraction of what they own) or the
    processes that use it are not written down. Add it to the steps that use it, or plan to
    sunset it. The amount is its yearly cost.
    """
    for tool_id, tool in context.catalog.tools.items():
        if lifecycle(tool) == "adopted" and not context.links.tool_steps.get(tool_id):
            yield context.finding("I003", Severity.LOW, [("tool", tool_id)], action="document",
                                  amount=yearly(context, tool_id), tool=Ref("tool", tool_id))
