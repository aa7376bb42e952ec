"""A playbook step depends on a step that does not exist, or steps depend on each other in a
circle.

A step's `depends_on` lists the `id`s of other steps of the same playbook that must finish
first. Each id must belong to a step of that playbook (not the step itself), step ids must be
unique within the playbook, and following `depends_on` must never lead back to where it
started (a cycle can never be scheduled).
"""

import difflib

from generator.checks.examples import LEAD_HANDOFF
from generator.problem import Code, Example, Severity

_STEPS = LEAD_HANDOFF.replace("  - name: Agree the MQL definition\n",
                              "  - name: Agree the MQL definition\n    id: agree-mql\n") + """\
  - name: Route the leads
    depends_on: [{dependency}]
    raci:
      responsible: [automation-specialist]
      accountable: mops-manager
"""

CODE = Code(
    "R017", "step-dependency", Severity.ERROR,
    "A step depends on an unknown step, or the dependencies form a cycle.", __doc__,
    failing=(Example("playbooks/lead-handoff.yaml", _STEPS.format(dependency="agree-mq")),),
    passing=(Example("playbooks/lead-handoff.yaml", _STEPS.format(dependency="agree-mql")),),
)

CODES = (CODE,)


def check(catalog, context):
    for playbook_id, playbook in catalog.playbooks.items():
        ids: dict[str, int] = {}
        for index, step in enumerate(playbook.steps):
            if step.id is None:
                continue
            if step.id in ids:
                yield CODE.at(*catalog.locate("playbook", playbook_id, ("steps", index, "id")),
                              f"step {index + 1} has the id '{step.id}' of step "
                              f"{ids[step.id] + 1}; give each step its own id")
            else:
                ids[step.id] = index
        for index, step in enumerate(playbook.steps):
            for position, wanted in enumerate(step.depends_on):
                where = ("steps", index, "depends_on", position)
                if wanted == step.id:
                    yield CODE.at(*catalog.locate("playbook", playbook_id, where),
                                  f"step {index + 1} depends on itself; remove '{wanted}'")
                elif wanted not in ids:
                    hint = difflib.get_close_matches(wanted, sorted(ids), n=1, cutoff=0.6)
                    tip = (f"did you mean '{hint[0]}'?" if hint else
                           "give that step `id: " + wanted + "` or fix the id")
                    yield CODE.at(*catalog.locate("playbook", playbook_id, where),
                                  f"step {index + 1} depends on '{wanted}', which is no step "
                                  f"of this playbook; {tip}")
        cycle = _cycle(playbook.steps, ids)
        if cycle:
            first = ids[cycle[0]]
            names = " -> ".join(f"step {ids[c] + 1} ({c})" for c in cycle + [cycle[0]])
            yield CODE.at(*catalog.locate("playbook", playbook_id, ("steps", first, "depends_on")),
                          f"the steps depend on each other in a circle: {names}; remove one "
                          "of these dependencies")


def _cycle(steps, ids: dict[str, int]) -> list[str]:
    """The ids along one dependency cycle (in order), or an empty list."""
    edges = {step.id: [d for d in step.depends_on if d in ids and d != step.id]
             for step in steps if step.id}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in edges:
        if state.get(start):
            continue
        path, stack = [], [(start, iter(edges[start]))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return path[path.index(child):]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(edges[child])))
    return []
