"""The RACI matrix: every playbook step x every role, and the load it puts on each role.

Cells hold the letters a role has on a step, in R, A, C, I order (``"RA"`` when a role both does
and answers for a step, ``""`` when it has no part).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.analysis.links import accountable_roles

if TYPE_CHECKING:  # pandas is imported where it is used: commands that never need it start faster
    import pandas as pd

LETTERS = "RACI"
STEP_COLUMNS = ["playbook", "step", "name"]


def assignments(catalog) -> pd.DataFrame:
    """One row per (playbook, step, role, letter)."""
    import pandas as pd
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
    import pandas as pd
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


# --------------------------------------------------------------------------- for the pages

StepKey = tuple[str, int, str]  # (playbook id, step number from 1, step name)


@dataclass
class Matrix:
    """A RACI matrix as plain Python, read the way the page templates read a DataFrame:
    ``columns`` (role ids) and ``iterrows()`` -> ``(step key, {role: letters})``, every
    column present in every row (``""`` where the role has no part). Same rows, columns and
    letters as ``raci_matrix``, without pandas' cost per cell."""

    columns: list[str]
    rows: list[tuple[StepKey, dict[str, str]]]

    def iterrows(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass
class Raci:
    """Everything the pages need from the RACI assignments, worked out in one pass over the
    playbooks (``raci(catalog)``): one matrix per playbook, each role's steps and, when first
    asked for, the whole matrix (every step x every role: it grows with the square of the
    catalog, and only the RACI overview page needs it)."""

    position: dict[str, int]
    """Role id -> its place in the catalog: the order of the matrix columns."""
    steps: list[tuple[StepKey, dict[str, str]]]
    """Every step someone has a part in, in playbook and step order, with its letters."""
    by_playbook: dict[str, Matrix] = field(default_factory=dict)
    by_role: dict[str, list[tuple[str, int, str, str]]] = field(default_factory=dict)
    """Role id -> ``(playbook id, step number, step name, letters)`` in matrix row order."""

    @functools.cached_property
    def roles(self) -> list[str]:
        """The columns of the whole matrix: every role with a part in some step."""
        return _ordered_roles(self.position, {role for _, cells in self.steps for role in cells})

    @functools.cached_property
    def matrix(self) -> Matrix:
        """As ``raci_matrix(catalog)``: every step against every role."""
        return Matrix(self.roles, [(key, {role: cells.get(role, "") for role in self.roles})
                                   for key, cells in self.steps])

    def playbook_matrix(self, playbook_id: str) -> Matrix:
        """As ``raci_matrix(catalog, playbook_id)``: the playbook's steps and its roles only."""
        return self.by_playbook.get(playbook_id) or Matrix([], [])

    def role_steps(self, role_id: str) -> list[tuple[str, int, str, str]]:
        return self.by_role.get(role_id, [])


def _letters(step) -> dict[str, str]:
    """Role id -> its letters on ``step``, in R, A, C, I order (roles with none left out)."""
    raci = step.raci
    cells: dict[str, str] = {}
    for letter, roles in (("R", raci.responsible), ("A", accountable_roles(raci)),
                          ("C", raci.consulted), ("I", raci.informed)):
        for role in dict.fromkeys(roles):
            cells[role] = cells.get(role, "") + letter
    return cells


def _matrix(position: dict[str, int], steps: list[tuple[StepKey, dict[str, str]]]) -> Matrix:
    roles = _ordered_roles(position, {role for _, cells in steps for role in cells})
    return Matrix(roles, [(key, {role: cells.get(role, "") for role in roles})
                          for key, cells in steps])


def _ordered_roles(position: dict[str, int], roles: set[str]) -> list[str]:
    """As ``_role_order``, from each role's ``position`` in the catalog rather than a walk
    over every role of the catalog (once per playbook, that grows with its square)."""
    known = sorted((role for role in roles if role in position), key=position.__getitem__)
    return known + sorted(role for role in roles if role not in position)


def raci(catalog) -> Raci:
    """The RACI matrix, each playbook's and each role's steps, from one pass over the steps.

    Steps nobody has a part in are left out, as ``raci_matrix`` leaves them out."""
    steps_of: dict[str, list[tuple[StepKey, dict[str, str]]]] = {}
    for playbook_id, playbook in catalog.playbooks.items():
        steps = [((playbook_id, number, step.name), _letters(step))
                 for number, step in enumerate(playbook.steps, start=1)]
        steps_of[playbook_id] = [(key, cells) for key, cells in steps if cells]
    every_step = [step for steps in steps_of.values() for step in steps]
    by_role: dict[str, list[tuple[str, int, str, str]]] = {}
    for key, cells in every_step:
        for role, letters in cells.items():
            by_role.setdefault(role, []).append((*key, letters))
    position = {role: index for index, role in enumerate(catalog.roles)}
    return Raci(
        position=position,
        steps=every_step,
        by_playbook={playbook_id: _matrix(position, steps)
                     for playbook_id, steps in steps_of.items() if steps},
        by_role=by_role,
    )
