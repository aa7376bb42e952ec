"""The RACI matrix and the load per role (generator/analysis/raci.py)."""

from pathlib import Path

from generator.analysis.raci import raci_matrix, role_load
from generator.checks import validate

REPO = Path(__file__).resolve().parent.parent


def test_matrix_combines_letters_per_role_and_keeps_step_order(small_catalog):
    small_catalog.write("playbooks/lead-handoff.yaml", """
        name: Lead hand-off
        purpose: Pass qualified leads to sales.
        owner: mops-manager
        steps:
          - name: Score leads
            raci:
              responsible: [mops-manager, automation-specialist]
              accountable: mops-manager
              informed: [automation-specialist]
          - name: Agree the MQL definition
            raci:
              responsible: [automation-specialist]
              accountable: mops-manager
              consulted: [mops-manager]
        """)
    catalog, problems = validate(small_catalog.root)
    matrix = raci_matrix(catalog)
    assert list(matrix.index) == [("lead-handoff", 1, "Score leads"),
                                  ("lead-handoff", 2, "Agree the MQL definition")]
    assert list(matrix.columns) == ["automation-specialist", "mops-manager"]
    assert matrix.loc[("lead-handoff", 1, "Score leads"), "mops-manager"] == "RA"
    assert matrix.loc[("lead-handoff", 1, "Score leads"), "automation-specialist"] == "RI"
    assert matrix.loc[("lead-handoff", 2, "Agree the MQL definition"), "mops-manager"] == "AC"

    load = role_load(catalog)
    assert load.loc["mops-manager"].to_dict() == {"R": 1, "A": 2, "C": 1, "I": 0}
    assert load.loc["automation-specialist"].to_dict() == {"R": 2, "A": 0, "C": 0, "I": 1}


def test_matrix_of_one_playbook_and_of_none(small_catalog):
    catalog, _ = validate(small_catalog.root)
    assert len(raci_matrix(catalog, "lead-handoff")) == 1
    assert raci_matrix(catalog, "no-such-playbook").empty


def _rows(frame):
    return [(tuple(key), {role: row[role] for role in frame.columns}) for key, row in frame.iterrows()]


def _same(matrix, frame):
    assert list(matrix.columns) == list(frame.columns)
    assert [(key, dict(row)) for key, row in matrix.iterrows()] == _rows(frame)


def test_plain_matrices_match_the_dataframes(small_catalog):
    """``raci(catalog)`` (what the pages use) holds what ``raci_matrix`` computes with pandas:
    the whole matrix, each playbook's, each role's steps; unknown roles last, sorted."""
    from generator.analysis.raci import raci

    for root in (small_catalog.root, REPO):
        catalog, _ = validate(root)
        plain = raci(catalog)
        _same(plain.matrix, raci_matrix(catalog))
        for playbook_id in [*catalog.playbooks, "no-such-playbook"]:
            _same(plain.playbook_matrix(playbook_id), raci_matrix(catalog, playbook_id))
        full = raci_matrix(catalog)
        for role_id in [*catalog.roles, "no-such-role"]:
            expected = ([(*key, full[role_id][key]) for key in full.index if full[role_id][key]]
                        if role_id in full.columns else [])
            assert plain.role_steps(role_id) == expected
