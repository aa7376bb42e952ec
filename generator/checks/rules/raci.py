"""A playbook step's RACI assignment is inconsistent.

Each step needs exactly one Accountable role (the one who answers for the result) and at least
one Responsible role (who does the work). A role listed twice in the same letter is an error,
and so is a role in two of Responsible, Consulted and Informed: Consulted and Informed,
Responsible and Informed, or Responsible and Consulted (whoever does the work is neither asked
for input on it nor told of it). Being both Responsible and Accountable is allowed (common in
small teams).
"""

from generator.problem import Code, Example, Severity

WEBINAR = """\
name: Webinar
purpose: Run a webinar.
owner: mops-manager
steps:
  - name: Build the registration page
    raci:
      responsible: [automation-specialist]
"""

CODE = Code(
    "R006", "raci", Severity.ERROR, "A playbook step's RACI assignment is inconsistent.", __doc__,
    failing=(Example("playbooks/webinar.yaml", WEBINAR + """\
      accountable: [mops-manager, automation-specialist]
      informed: [automation-specialist]
"""),),
    passing=(Example("playbooks/webinar.yaml", WEBINAR + """\
      accountable: mops-manager
"""),),
)

CODES = (CODE,)


def check(catalog, context):
    for playbook_id, playbook in catalog.playbooks.items():
        for index, step in enumerate(playbook.steps):
            raci = step.raci
            base = ("steps", index, "raci")
            accountable = raci.accountable
            if isinstance(accountable, list) and len(accountable) != 1:
                yield CODE.at(*catalog.locate("playbook", playbook_id, base + ("accountable",)),
                              f"step {index + 1} '{step.name}' has {len(accountable)} accountable "
                              "roles; name exactly one (move the others to responsible or "
                              "consulted)")
            letters = {"responsible": raci.responsible, "consulted": raci.consulted,
                       "informed": raci.informed}
            for letter, roles in letters.items():
                seen: set = set()
                for position, role in enumerate(roles):
                    if role in seen:
                        yield CODE.at(*catalog.locate("playbook", playbook_id,
                                                      base + (letter, position)),
                                      f"role '{role}' is listed twice in {letter}; remove one")
                    seen.add(role)
            for first, second in (("consulted", "informed"), ("responsible", "informed"),
                                  ("responsible", "consulted")):
                for position, role in enumerate(letters[second]):
                    if role in letters[first]:
                        yield CODE.at(*catalog.locate("playbook", playbook_id,
                                                      base + (second, position)),
                                      f"role '{role}' is both {first} and {second} in step "
                                      f"{index + 1}; keep it in {first} only")
