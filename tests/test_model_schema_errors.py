"""Schema problems: each points at the exact node and says what to do."""

from generator.checks import validate


def only(catalog_dir, file):
    _, problems = validate(catalog_dir.root)
    return [(p.code, p.line, p.column, p.message) for p in problems if p.file == file]


TOOL = "catalog/tools/salesforce.yaml"


def test_valid_fixture_is_clean(small_catalog):
    catalog, problems = validate(small_catalog.root)
    assert problems == []
    assert set(catalog.tools) == {"marketo", "salesforce"}


def test_unknown_field_with_did_you_mean(small_catalog):
    small_catalog.edit(TOOL, "owner: mops-manager", "owner: mops-manager\nonwer: x")
    [(code, line, column, message)] = only(small_catalog, TOOL)
    assert (code, line, column) == ("S001", 6, 1)
    assert "did you mean 'owner'?" in message


def test_missing_required_field_points_at_mapping(small_catalog):
    small_catalog.edit(TOOL, "vendor: Salesforce\n", "")
    [(code, line, column, message)] = only(small_catalog, TOOL)
    assert (code, line, column) == ("S003", 1, 1)
    assert "'vendor'" in message


def test_an_empty_required_field_is_to_be_filled_in_not_removed(small_catalog):
    """Removing a required field gives S003, so the message only says to fill it in; an empty
    optional field may go."""
    small_catalog.edit(TOOL, "vendor: Salesforce", "vendor:")
    [(code, _, _, message)] = only(small_catalog, TOOL)
    assert message.endswith("; fill it in (the field is required)"), message
    assert "remove" not in message
    small_catalog.edit(TOOL, "vendor:", "vendor: Salesforce\nusers:")
    [(code, _, _, message)] = only(small_catalog, TOOL)
    assert message.endswith("; fill it in or remove the field"), message


def test_missing_field_in_nested_list_item(small_catalog):
    path = "playbooks/lead-handoff.yaml"
    small_catalog.edit(path, "      accountable: mops-manager\n", "")
    [(code, line, column, message)] = only(small_catalog, path)
    assert (code, line, column) == ("S003", 8, 7)
    assert "accountable" in message and "step 1, raci" in message


def test_yaml11_boolean_in_text_field_hints_to_quote(small_catalog):
    small_catalog.edit(TOOL, "vendor: Salesforce", "vendor: no")
    [(code, line, column, message)] = only(small_catalog, TOOL)
    assert (code, line, column) == ("S002", 2, 9)
    assert "boolean false" in message and '"no"' in message


def test_yaml11_float_in_text_field_hints_to_quote(small_catalog):
    small_catalog.edit(TOOL, "vendor: Salesforce", "vendor: 1.10")
    [(code, _, _, message)] = only(small_catalog, TOOL)
    assert code == "S002" and '"1.10"' in message and "1.1" in message


def test_unquoted_date_in_text_list_hints_to_quote(small_catalog):
    small_catalog.edit(TOOL, "owner: mops-manager", "owner: mops-manager\ntags: [2024-01-01]")
    [(code, line, column, message)] = only(small_catalog, TOOL)
    assert (code, line, column) == ("S002", 6, 8)
    assert '"2024-01-01"' in message


def test_wrong_type_list_for_text(small_catalog):
    small_catalog.edit(TOOL, "vendor: Salesforce", "vendor: [a, b]")
    [(code, _, column, message)] = only(small_catalog, TOOL)
    assert code == "S002" and column == 9 and "got a list" in message


def test_invalid_choice_with_suggestion(small_catalog):
    small_catalog.edit(TOOL, "lifecycle: adopted", "lifecycle: adoptd")
    [(code, line, column, message)] = only(small_catalog, TOOL)
    assert (code, line, column) == ("S004", 4, 12)
    assert "did you mean 'adopted'?" in message


def test_negative_cost_rejected(small_catalog):
    path = "catalog/tools/marketo.yaml"
    small_catalog.edit(path, "amount: 36000", "amount: -36000")
    [(code, line, column, message)] = only(small_catalog, path)
    assert (code, line, column) == ("S005", 13, 11)
    assert "at least 0" in message


def test_non_http_url_rejected(small_catalog):
    path = "catalog/tools/marketo.yaml"
    small_catalog.edit(path, "url: https://", "url: javascript://")
    [(code, _, column, message)] = only(small_catalog, path)
    assert code == "S006" and column == 6 and "http" in message


def test_bad_id_in_reference_field(small_catalog):
    small_catalog.edit(TOOL, "owner: mops-manager", "owner: MOps Manager")
    [(code, _, _, message)] = only(small_catalog, TOOL)
    assert code == "S006" and "did you mean 'mops-manager'?" in message


def test_per_language_text_accepted_and_bad_language_code_reported(small_catalog):
    small_catalog.edit(TOOL, "name: Salesforce Sales Cloud",
                       "name:\n  en: Salesforce Sales Cloud\n  ko: 세일즈포스")
    assert only(small_catalog, TOOL) == []
    small_catalog.edit(TOOL, "  ko: 세일즈포스", "  Korean!: 세일즈포스")
    [(code, line, _, _)] = only(small_catalog, TOOL)
    assert code in ("S002", "S006") and line in (1, 3)


def test_all_problems_in_all_files_in_one_run(small_catalog):
    small_catalog.edit(TOOL, "lifecycle: adopted", "lifecycle: x\nfoo: 1")
    small_catalog.edit("catalog/roles/mops-manager.yaml", "archetype: manager", "archetype: boss")
    _, problems = validate(small_catalog.root)
    assert {(p.file, p.code) for p in problems} == {
        (TOOL, "S004"), (TOOL, "S001"), ("catalog/roles/mops-manager.yaml", "S004")}


def test_duplicate_ids_in_list_file(small_catalog):
    path = "catalog/categories.yaml"
    small_catalog.edit(path, "  - id: crm\n", "  - id: marketing-automation\n")
    _, problems = validate(small_catalog.root)
    assert ("S007", path, 10) in {(p.code, p.file, p.line) for p in problems}


def test_a_file_named_as_windows_reserves_is_refused(small_catalog):
    small_catalog.write("catalog/roles/aux.yaml", small_catalog.read(
        "catalog/roles/mops-manager.yaml"))
    catalog, problems = validate(small_catalog.root)
    [problem] = [p for p in problems if p.file == "catalog/roles/aux.yaml"]
    assert problem.code == "F001" and "Windows" in problem.message
    assert "aux" not in catalog.roles


def test_a_list_id_windows_reserves_is_refused(small_catalog):
    path = "catalog/categories.yaml"
    small_catalog.edit(path, "  - id: crm\n", "  - id: nul\n")
    [(code, line, _, message)] = [p for p in only(small_catalog, path) if p[0] != "R001"]
    assert code == "S006" and line == 10 and "Windows" in message


def test_comma_in_a_flow_mapping_says_how_to_quote(small_catalog):
    path = "playbooks/lead-handoff.yaml"
    small_catalog.edit(path, "  - name: Agree the MQL definition\n    raci:\n",
                       "  - {name: Send welcome, nurture emails, raci: {responsible: "
                       "[automation-specialist], accountable: mops-manager}}\n    raci:\n")
    text = small_catalog.read(path).replace(
        "\n    raci:\n      responsible: [automation-specialist]\n      accountable: mops-manager"
        "\n    tools: [marketo, salesforce]", "")
    small_catalog.write(path, text)
    [(code, line, column, message)] = only(small_catalog, path)
    assert (code, line, column) == ("S001", 6, 26)
    assert "inside {...} (YAML flow syntax) a comma separates fields" in message
    assert "put the value in quotes: name: \"Send welcome, nurture emails\"" in message


def test_a_wrong_value_inside_a_list_or_object_hides_no_other_problem(small_catalog):
    """One run reports everything the file says: a wrong method in integration 2 still lets
    the unknown tools of integrations 1 and 2 be reported (at their own positions), and a
    wrong notice period still lets the contract's dates be compared."""
    small_catalog.edit(TOOL, "owner: mops-manager", """owner: mops-manager
integrations:
  - tool: marketoo
    direction: both
  - tool: nosuch
    direction: in
    method: carrier-pigeon
  - tool: marketo
    direction: out
contract:
  start: 2026-05-01
  renewal: 2026-01-01
  notice_days: soon""")
    found = {(code, line) for code, line, _, _ in only(small_catalog, TOOL)}
    assert found == {("R001", 7), ("R001", 9), ("S004", 11), ("R007", 16), ("S002", 17)}
