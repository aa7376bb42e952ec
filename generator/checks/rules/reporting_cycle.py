"""Roles' `reports_to` lines form a loop.

Following `reports_to` from any role must end at a role that reports to nobody (usually the
CEO). A loop (A reports to B, B reports to A) makes the org chart impossible to draw. Break the
loop by changing one `reports_to`.
"""

from generator.problem import Code, Example, Severity

CODE = Code(
    "R003", "reporting-cycle", Severity.ERROR, "Roles' reports_to lines form a loop.", __doc__,
    failing=(Example("catalog/roles/mops-manager.yaml", """\
name: MOps manager
archetype: manager
reports_to: automation-specialist
summary: Leads the team.
"""),),
    passing=(Example("catalog/roles/mops-manager.yaml", """\
name: MOps manager
archetype: manager
summary: Leads the team.
"""),),
)

CODES = (CODE,)


def check(catalog, context):
    roles = catalog.roles
    reported: set = set()
    for start in roles:
        chain, current = [], start
        while current in roles and current not in chain:
            chain.append(current)
            current = roles[current].reports_to
        if current in chain:
            loop = chain[chain.index(current):]
            key = frozenset(loop)
            if key in reported:
                continue
            reported.add(key)
            first = min(loop)
            shown = loop[loop.index(first):] + loop[:loop.index(first)] + [first]
            yield CODE.at(*catalog.locate("role", first, ("reports_to",)),
                          f"reports_to forms a loop: {' -> '.join(shown)}; "
                          "change one reports_to so the chain ends at the top")
