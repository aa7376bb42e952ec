"""A team member reports to a role that is not in the same team structure.

A member's `reports_to` draws the team's org chart when it differs from the role's usual
reporting line. It must name another member of the same team, and the lines inside one team
must not loop. Add the manager to the team's `members`, or remove the member's `reports_to`.
"""

from generator.checks.examples import SMALL_TEAM
from generator.problem import Code, Example, Severity

CODE = Code(
    "R011", "team-reporting", Severity.ERROR, "A team member reports to a role outside the team, or the lines loop.", __doc__,
    failing=(Example("catalog/teams/small-team.yaml", SMALL_TEAM + """\
  - role: automation-specialist
    reports_to: mops-manager
"""),),
    passing=(Example("catalog/teams/small-team.yaml", SMALL_TEAM + """\
  - role: mops-manager
  - role: automation-specialist
    reports_to: mops-manager
"""),),
)

CODES = (CODE,)


def check(catalog, context):
    for team_id, team in catalog.teams.items():
        boss_of = {m.role: m.reports_to for m in team.members}
        for index, member in enumerate(team.members):
            if member.reports_to is None:
                continue
            where = ("members", index, "reports_to")
            if member.reports_to not in boss_of:
                yield CODE.at(*catalog.locate("team", team_id, where),
                              f"'{member.role}' reports to '{member.reports_to}', who is not a "
                              f"member of this team; add that role to members or remove "
                              "reports_to")
                continue
            seen, current = {member.role}, member.reports_to
            while current is not None and current not in seen:
                seen.add(current)
                current = boss_of.get(current)
            if current == member.role:
                yield CODE.at(*catalog.locate("team", team_id, where),
                              f"the reporting lines in this team loop back to '{member.role}'; "
                              "change one reports_to")
