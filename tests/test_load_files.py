"""Reading files: encodings, BOM, size, symlinks, stray files and bad names."""

import os

from generator.checks import validate


def problems_for(catalog, file):
    _, problems = validate(catalog.root)
    return [p for p in problems if p.file == file]


def test_non_utf8_reported_with_position(small_catalog):
    small_catalog.write("catalog/tools/latin.yaml", b"name: Caf\xe9\n")
    [problem] = problems_for(small_catalog, "catalog/tools/latin.yaml")
    assert (problem.code, problem.line, problem.column) == ("Y005", 1, 10)


def test_utf16_file_is_reported(small_catalog):
    small_catalog.write("catalog/tools/wide.yaml", "name: x\n".encode("utf-16"))
    [problem] = problems_for(small_catalog, "catalog/tools/wide.yaml")
    assert problem.code == "Y005"


def test_byte_order_mark_is_a_warning_and_the_file_is_read(small_catalog):
    text = small_catalog.read("catalog/tools/salesforce.yaml")
    small_catalog.write("catalog/tools/salesforce.yaml", b"\xef\xbb\xbf" + text.encode())
    catalog, problems = validate(small_catalog.root)
    assert [(p.code, p.severity.value) for p in problems] == [("Y006", "warning")]
    assert "salesforce" in catalog.tools


def test_huge_file_rejected_without_reading(small_catalog):
    path = small_catalog.root / "catalog/tools/huge.yaml"
    with open(path, "wb") as handle:
        handle.write(b"name: x\n")
        handle.truncate(50 * 1024 * 1024)
    [problem] = problems_for(small_catalog, "catalog/tools/huge.yaml")
    assert problem.code == "Y008" and "50.0 MiB" in problem.message


def test_symlink_outside_repository_rejected(small_catalog, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: secret\n")
    os.symlink(outside, small_catalog.root / "catalog/tools/linked.yaml")
    [problem] = problems_for(small_catalog, "catalog/tools/linked.yaml")
    assert problem.code == "Y009"


def test_symlink_inside_repository_is_read(small_catalog):
    os.symlink("salesforce.yaml", small_catalog.root / "catalog/tools/sfdc.yaml")
    _, problems = validate(small_catalog.root)
    assert [p.code for p in problems] == ["R002"]  # same name twice: it was read


def test_stray_file_reported(small_catalog):
    small_catalog.write("catalog/roles/notes.txt", "hello")
    [problem] = problems_for(small_catalog, "catalog/roles/notes.txt")
    assert (problem.code, problem.severity.value) == ("F002", "warning")


def test_bad_file_name_reported_not_skipped(small_catalog):
    text = small_catalog.read("catalog/roles/mops-manager.yaml")
    small_catalog.write("catalog/roles/MOps Lead.yaml", text.replace("MOps manager", "Lead"))
    [problem] = problems_for(small_catalog, "catalog/roles/MOps Lead.yaml")
    assert problem.code == "F001" and "mops-lead.yaml" in problem.message


def test_too_long_id_reported(small_catalog):
    name = "a" * 64
    small_catalog.write(f"catalog/kpis/{name}.yaml", "name: Long\ndefinition: x\n")
    [problem] = problems_for(small_catalog, f"catalog/kpis/{name}.yaml")
    assert problem.code == "F001"


def test_empty_file_and_list_root(small_catalog):
    small_catalog.write("catalog/tools/empty.yaml", "")
    small_catalog.write("catalog/tools/listed.yaml", "- a\n- b\n")
    assert [p.code for p in problems_for(small_catalog, "catalog/tools/empty.yaml")] == ["Y007"]
    [problem] = problems_for(small_catalog, "catalog/tools/listed.yaml")
    assert problem.code == "S002" and "mapping" in problem.message


def test_nested_folders_are_read(small_catalog):
    text = small_catalog.read("catalog/tools/salesforce.yaml")
    small_catalog.write("catalog/tools/crm/pipedrive.yaml", text.replace(
        "Salesforce Sales Cloud", "Pipedrive"))
    catalog, problems = validate(small_catalog.root)
    assert problems == [] and "pipedrive" in catalog.tools


def test_a_linked_entity_folder_outside_the_repository_is_refused(small_catalog, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret-kpi.yaml").write_text("name: Secret\ndefinition: D\n")
    kpis = small_catalog.root / "catalog/kpis"
    (kpis / "conversion-rate.yaml").rename(elsewhere / "conversion-rate.yaml")
    kpis.rmdir()
    os.symlink(elsewhere, kpis)
    catalog, problems = validate(small_catalog.root)
    assert [(p.code, p.file) for p in problems if p.code == "Y009"] == [("Y009", "catalog/kpis")]
    assert catalog.kpis == {}


def test_a_linked_catalog_folder_outside_the_repository_is_refused(small_catalog, tmp_path):
    (small_catalog.root / "catalog").rename(tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", small_catalog.root / "catalog")
    catalog, problems = validate(small_catalog.root)
    assert {(p.code, p.file) for p in problems if p.code == "Y009"} == {("Y009", "catalog")}
    assert not catalog.tools and not catalog.categories and not catalog.kpis


def test_a_linked_folder_inside_the_repository_is_read(small_catalog):
    roles = small_catalog.root / "catalog/roles"
    roles.rename(small_catalog.root / "shared-roles")
    os.symlink("../shared-roles", roles)
    os.symlink("../../shared-roles", small_catalog.root / "catalog/tools/more")
    small_catalog.write("shared-roles/analyst.yaml", small_catalog.read(
        "catalog/roles/mops-manager.yaml").replace("MOps manager", "Analyst"))
    catalog, problems = validate(small_catalog.root)
    assert "analyst" in catalog.roles
    # the tools folder's link to the roles is walked too: its files are read (as tools), not
    # skipped without a word
    assert any(p.file.startswith("catalog/tools/more/") for p in problems)
