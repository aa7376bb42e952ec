"""The RACI matrix: every playbook step x every role, and the load it puts on each role.

Cells hold the letters a role has on a step, in R, A, C, I order (``"RA"`` when a role both does
and answers for a step, ``""`` when it has no part).
"""

from __future__ import annotations

import pandas as pd

from generator.analysis.links import accountable_roles

LETTERS = "RACI"
STEP_COLUMNS = ["playbook", "step", "name"]


def assignments(catalog) -> pd.DataFrame:
    """One row per (playbook, step, role, letter)."""
    rows = []
    for playbook_id, playbook in catalog.playbooks.items():
        for number, step in enumerate(playbook.steps, start=1):
            raci = step.raci
            by_letter = {"R": raci.responsible, "A": accountable_roles(raci),
                         "C": raci.consulted, "I": raci.informed}
            for letter, roles in by_letter.items():
                for role in dict.fromkeys(roles):
                    rows.append((playbook_id, number, step.name, role, letter))
    return pd.DataFrame(rows, columns=[*STEP_COLUMNS, "role", "letter"])


def _role_order(catalog, roles) -> list[str]:
    """Roles in catalog order (unknown ids last, sorted), so columns are stable."""
    known = [r for r in catalog.roles if r in roles]
    return known + sorted(set(roles) - set(known))


def raci_matrix(catalog, playbook_id: str | None = None,
                table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Steps (rows, in playbook and step order) x roles (columns) -> letters.

    ``table`` is ``assignments(catalog)`` when the caller already has it (one matrix per
    playbook would otherwise rebuild it for every playbook).
    """
    table = assignments(catalog) if table is None else table
    if playbook_id is not None:
        table = table[table["playbook"] == playbook_id]
    if table.empty:
        return pd.DataFrame(columns=_role_order(catalog, []))
    table = table.assign(order=table["letter"].map(LETTERS.index)).sort_values("order")
    matrix = table.pivot_table(index=STEP_COLUMNS, columns="role", values="letter",
                               aggfunc="".join, fill_value="")
    step_order = {(p, n): i for i, (p, n) in enumerate(
        (p, n) for p in catalog.playbooks for n in range(1, len(catalog.playbooks[p].steps) + 1))}
    rows = sorted(matrix.index, key=lambda key: step_order.get(key[:2], len(step_order)))
    return matrix.reindex(index=rows, columns=_role_order(catalog, matrix.columns))


def role_load(catalog) -> pd.DataFrame:
    """Per role: how many steps it is R, A, C and I on (roles with no steps are left out)."""
    table = assignments(catalog)
    counts = table.groupby(["role", "letter"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(LETTERS), fill_value=0)
    return counts.reindex(_role_order(catalog, counts.index)).astype(int)
