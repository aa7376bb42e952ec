"""Every rule in generator/checks/rules: a failing and a passing case, with exact positions."""

import datetime as dt

import pytest

from generator.checks import RULE_CODES, RULES, run_checks, validate

MARKETO = "catalog/tools/marketo.yaml"
PLAYBOOK = "playbooks/lead-handoff.yaml"


def found(catalog_dir, today=None):
    catalog, problems = validate(catalog_dir.root, today=today)
    return {(p.code, p.file, p.line, p.column) for p in problems}, problems


def test_fixture_passes_every_rule(small_catalog):
    catalog, problems = validate(small_catalog.root)
    assert problems == []
    assert run_checks(catalog, today=dt.date(2026, 1, 1)) == []


def test_every_rule_documents_itself():
    for rule in RULES:
        assert rule.__doc__ and len(rule.__doc__.strip()) > 60, rule.__name__
        assert all(code.code in RULE_CODES for code in rule.CODES)


# R001 unknown-reference -------------------------------------------------------------------


@pytest.mark.parametrize("path,old,new,line,column,expect", [
    (MARKETO, "owner: automation-specialist", "owner: automation-specialst", 5, 8,
     "unknown role or person 'automation-specialst' in owner; did you mean 'automation-specialist'?"),
    (MARKETO, "users: [mops-manager]", "users: [mops-manger]", 6, 9,
     "unknown role 'mops-manger' in user 1; did you mean 'mops-manager'?"),
    (MARKETO, "  - tool: salesforce", "  - tool: salesforse", 9, 11, "unknown tool 'salesforse'"),
    (MARKETO, "category: marketing-automation", "category: email", 3, 11, "unknown category"),
    (PLAYBOOK, "      accountable: mops-manager", "      accountable: cmo", 9, 20,
     "unknown role 'cmo' in step 1, raci.accountable"),
    (PLAYBOOK, "tools: [marketo, salesforce]", "tools: [marketo, hubspot]", 10, 22,
     "unknown tool 'hubspot'"),
    (PLAYBOOK, "kpis: [conversion-rate]", "kpis: [conversion]", 11, 8, "unknown kpi"),
    ("catalog/roles/automation-specialist.yaml", "reports_to: mops-manager",
     "reports_to: vp-mops", 3, 13, "unknown role 'vp-mops'"),
    ("catalog/roles/mops-manager.yaml", "tasks: [run-campaigns]", "tasks: [run-campaign]", 4, 9,
     "did you mean 'run-campaigns'?"),
    ("catalog/categories.yaml", "layer: data", "layer: dta", 12, 12, "unknown layer 'dta'"),
])
def test_unknown_reference(small_catalog, path, old, new, line, column, expect):
    small_catalog.edit(path, old, new)
    keys, problems = found(small_catalog)
    assert ("R001", path, line, column) in keys
    assert any(expect in p.message for p in problems)


def test_reference_to_an_invalid_entity_is_not_reported_twice(small_catalog):
    small_catalog.edit("catalog/tools/salesforce.yaml", "vendor: Salesforce\n", "")
    keys, _ = found(small_catalog)
    assert {k[0] for k in keys} == {"S003"}


# R002 duplicate-name ----------------------------------------------------------------------


def test_duplicate_name(small_catalog):
    small_catalog.edit("catalog/tools/salesforce.yaml", "Salesforce Sales Cloud", "marketo engage")
    keys, _ = found(small_catalog)
    assert keys == {("R002", "catalog/tools/salesforce.yaml", 1, 7)}


# R003 reporting-cycle ---------------------------------------------------------------------


def test_reporting_cycle(small_catalog):
    small_catalog.edit("catalog/roles/mops-manager.yaml", "archetype: manager",
                       "archetype: manager\nreports_to: automation-specialist")
    keys, problems = found(small_catalog)
    assert keys == {("R003", "catalog/roles/automation-specialist.yaml", 3, 13)}
    assert "automation-specialist -> mops-manager -> automation-specialist" in problems[0].message


def test_self_reporting_is_a_cycle(small_catalog):
    small_catalog.edit("catalog/roles/mops-manager.yaml", "archetype: manager",
                       "archetype: manager\nreports_to: mops-manager")
    keys, _ = found(small_catalog)
    assert keys == {("R003", "catalog/roles/mops-manager.yaml", 3, 13)}


# R004 self-integration, R005 duplicate-integration ----------------------------------------


def test_self_integration(small_catalog):
    small_catalog.edit(MARKETO, "  - tool: salesforce", "  - tool: marketo")
    keys, _ = found(small_catalog)
    assert keys == {("R004", MARKETO, 9, 11)}


def test_duplicate_integration_is_a_warning(small_catalog):
    small_catalog.edit(MARKETO, "    data: [leads, contacts]",
                       "    data: [leads, contacts]\n  - tool: salesforce")
    _, problems = found(small_catalog)
    assert [(p.code, p.line, p.severity.value) for p in problems] == [("R005", 12, "warning")]


def test_flows_that_differ_may_name_the_same_tool(small_catalog):
    small_catalog.edit(MARKETO, "    data: [leads, contacts]",
                       "    data: [leads, contacts]\n  - tool: salesforce\n    direction: out\n"
                       "    data: [activities]\n    method: file\n    frequency: weekly")
    _, problems = found(small_catalog)
    assert problems == []


# R006 raci ---------------------------------------------------------------------------------


def test_two_accountable_roles(small_catalog):
    small_catalog.edit(PLAYBOOK, "accountable: mops-manager",
                       "accountable: [mops-manager, automation-specialist]")
    keys, problems = found(small_catalog)
    assert keys == {("R006", PLAYBOOK, 9, 20)}
    assert "exactly one" in problems[0].message


def test_single_item_accountable_list_is_fine(small_catalog):
    small_catalog.edit(PLAYBOOK, "accountable: mops-manager", "accountable: [mops-manager]")
    assert found(small_catalog)[0] == set()


def test_no_responsible_role(small_catalog):
    small_catalog.edit(PLAYBOOK, "responsible: [automation-specialist]", "responsible: []")
    keys, _ = found(small_catalog)
    assert keys == {("S005", PLAYBOOK, 8, 20)}


def test_role_both_consulted_and_informed(small_catalog):
    small_catalog.edit(PLAYBOOK, "accountable: mops-manager",
                       "accountable: mops-manager\n      consulted: [mops-manager]\n"
                       "      informed: [mops-manager]")
    keys, _ = found(small_catalog)
    assert keys == {("R006", PLAYBOOK, 11, 18)}


def test_role_twice_in_responsible(small_catalog):
    small_catalog.edit(PLAYBOOK, "responsible: [automation-specialist]",
                       "responsible: [automation-specialist, automation-specialist]")
    keys, _ = found(small_catalog)
    assert keys == {("R006", PLAYBOOK, 8, 44)}


# R007 impossible-date ----------------------------------------------------------------------


def test_renewal_before_start(small_catalog):
    small_catalog.edit(MARKETO, "renewal: 2026-12-31", "renewal: 2024-12-31")
    keys, _ = found(small_catalog)
    assert keys == {("R007", MARKETO, 18, 12)}


def test_notice_period_before_start(small_catalog):
    small_catalog.edit(MARKETO, "notice_days: 60", "notice_days: 900")
    keys, _ = found(small_catalog)
    assert keys == {("R007", MARKETO, 20, 16)}


def test_review_in_the_future(small_catalog):
    small_catalog.edit(MARKETO, "url:", "reviews:\n  security: 2030-01-01\nurl:")
    keys, _ = found(small_catalog, today=dt.date(2026, 11, 1))
    assert keys == {("R007", MARKETO, 22, 13)}
    keys, _ = found(small_catalog, today=dt.date(2030, 6, 1))
    assert keys == set()


# R008 licences -----------------------------------------------------------------------------


def test_more_active_than_bought(small_catalog):
    small_catalog.edit(MARKETO, "url:", "licences:\n  bought: 5\n  active: 7\nurl:")
    _, problems = found(small_catalog)
    assert [(p.code, p.line, p.column, p.severity.value) for p in problems] == [
        ("R008", 23, 11, "warning")]


# R009 retired-tool-in-use -------------------------------------------------------------------


def test_retired_tool_in_step(small_catalog):
    small_catalog.edit("catalog/tools/salesforce.yaml", "lifecycle: adopted", "lifecycle: retired")
    _, problems = found(small_catalog)
    assert [(p.code, p.file, p.line, p.column) for p in problems] == [
        ("R009", PLAYBOOK, 10, 22)]


# R011 team-reporting -------------------------------------------------------------------------

TEAM = "catalog/teams/small-team.yaml"


def test_member_reports_to_a_member(small_catalog):
    small_catalog.edit(TEAM, "    headcount: 2", "    headcount: 2\n    reports_to: mops-manager")
    assert found(small_catalog)[0] == set()


def test_member_reports_to_someone_outside_the_team(small_catalog):
    small_catalog.edit(TEAM, "    headcount: 2", "    headcount: 2\n    reports_to: cmo")
    keys, _ = found(small_catalog)
    assert ("R011", TEAM, 8, 17) in keys


def test_member_reporting_loop(small_catalog):
    small_catalog.edit(TEAM, "  - role: mops-manager",
                       "  - role: mops-manager\n    reports_to: automation-specialist")
    small_catalog.edit(TEAM, "    headcount: 2", "    headcount: 2\n    reports_to: mops-manager")
    keys, _ = found(small_catalog)
    assert {k[0] for k in keys} == {"R011"}


# R015 tool-without-owner, R016 role-and-person-id ------------------------------------------


def test_tool_without_owner_is_a_warning_asking_for_review(small_catalog):
    small_catalog.edit(MARKETO, "owner: automation-specialist\n", "")
    _, problems = found(small_catalog)
    assert [(p.code, p.file, p.line, p.severity.value) for p in problems] == [
        ("R015", MARKETO, 1, "warning")]
    assert "ask who is accountable" in problems[0].message
    small_catalog.edit(MARKETO, "lifecycle: adopted", "lifecycle: retired")
    _, problems = found(small_catalog)
    assert "R015" not in {p.code for p in problems}  # a retired tool needs no owner


def test_owner_may_be_a_person_but_an_id_may_not_be_both(small_catalog):
    small_catalog.write("catalog/people/ana-lopez.yaml", "name: Ana López\nrole: mops-manager\n")
    small_catalog.edit(MARKETO, "owner: automation-specialist",
                       "owner: ana-lopez\ntechnical_owner: mops-manager")
    _, problems = found(small_catalog)
    assert problems == []
    small_catalog.edit(MARKETO, "owner: ana-lopez", "owner: ana-lopes")
    _, problems = found(small_catalog)
    [problem] = problems
    assert problem.code == "R001" and "unknown role or person 'ana-lopes'" in problem.message
    assert "did you mean 'ana-lopez'?" in problem.message
    small_catalog.write("catalog/people/mops-manager.yaml", "name: Someone\n")
    keys, _ = found(small_catalog)
    assert ("R016", "catalog/people/mops-manager.yaml", 1, 7) in keys


# R017 step-dependency ----------------------------------------------------------------------

TWO_STEPS = """
    name: Lead hand-off
    purpose: Pass qualified leads to sales.
    owner: mops-manager
    steps:
      - name: First
        id: first
        depends_on: [{first}]
        raci: {{responsible: [automation-specialist], accountable: mops-manager}}
      - name: Second
        id: {second_id}
        depends_on: [{second}]
        raci: {{responsible: [automation-specialist], accountable: mops-manager}}
    """


@pytest.mark.parametrize("first, second_id, second, line, expect", [
    ("", "second", "first", None, None),
    ("", "second", "frist", 11, "step 2 depends on 'frist', which is no step of this playbook; "
     "did you mean 'first'?"),
    ("", "second", "second", 11, "step 2 depends on itself"),
    ("second", "second", "first", 7, "in a circle: step 1 (first) -> step 2 (second) -> step 1"),
    ("", "first", "", 10, "step 2 has the id 'first' of step 1"),
])
def test_step_dependencies(small_catalog, first, second_id, second, line, expect):
    small_catalog.write(PLAYBOOK, TWO_STEPS.format(first=first, second_id=second_id,
                                                   second=second))
    _, problems = found(small_catalog)
    if expect is None:
        assert problems == []
    else:
        assert [(p.code, p.line) for p in problems] == [("R017", line)]
        assert expect in problems[0].message


def test_an_unknown_reference_suggests_removing_it_as_well_as_adding_the_entity(small_catalog):
    """A reference left behind by a removed entity is more likely to go than the entity to
    come back: the message says both."""
    small_catalog.edit("catalog/tools/salesforce.yaml", "owner: mops-manager",
                       "owner: demand-gen-lead")
    _, problems = validate(small_catalog.root)
    [problem] = [p for p in problems if p.code == "R001"]
    assert "if it was removed or renamed, remove or change this reference" in problem.message
    assert "if it is new, add it with `mops new role demand-gen-lead`" in problem.message


def test_reference_and_date_problems_come_in_the_same_run_as_schema_errors(small_catalog):
    """A file with a schema error still has its other references and dates checked, so
    fixing the schema error does not reveal new errors in a second run."""
    small_catalog.edit(MARKETO, "lifecycle: adopted", "lifecycle: in use")
    small_catalog.edit(MARKETO, "users: [mops-manager]", "users: [mops-manger]")
    small_catalog.edit(MARKETO, "renewal: 2026-12-31", "renewal: 2024-12-31")
    keys, problems = found(small_catalog)
    assert {code for code, *_ in keys} == {"S004", "R001", "R007"}
    assert ("R001", MARKETO, 6, 9) in keys and ("R007", MARKETO, 18, 12) in keys


def test_raci_documentation_names_every_pair_the_rule_refuses():
    from generator.checks.rules import raci

    doc = " ".join(raci.__doc__.split())
    for pair in ("Consulted and Informed", "Responsible and Informed",
                 "Responsible and Consulted"):
        assert pair in doc


def test_unknown_category_says_where_categories_live(small_catalog):
    small_catalog.edit(MARKETO, "category: marketing-automation", "category: webinars")
    _, problems = found(small_catalog)
    [problem] = problems
    assert problem.code == "R001"
    assert problem.message.startswith("unknown category 'webinars' in category")
    assert "add it to catalog/categories.yaml" in problem.message
