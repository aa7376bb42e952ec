"""generator.importing.headers: synonyms, notes in headers, --map files, conflicts."""

from __future__ import annotations

import pytest

from generator.importing.headers import describe, map_headers, normalise, read_map
from generator.importing.tables import UnreadableInput

SAAS = ["Application Name", "Vendor/Supplier", "Category/Type", "Business Owner", "Owner Email",
        "Department", "Annual Contract Value (USD)", "Contract End Date", "Auto-Renew",
        "Licenses Purchased", "Active Users (30d)", "SSO Enabled", "Status", "Cost Center"]


def test_normalise():
    assert normalise("Annual Contract Value (USD)") == "annual contract value"
    assert normalise("  renewal_DATE ") == "renewal date"
    assert normalise("R&D Owner") == "r and d owner"


def test_saas_management_headers():
    mapping = map_headers("tool", SAAS)
    targets = {c.header: c.target for c in mapping.columns}
    assert targets == {
        "Application Name": "name", "Vendor/Supplier": "vendor", "Category/Type": "category",
        "Business Owner": "owner", "Owner Email": "owner.email", "Department": "departments",
        "Annual Contract Value (USD)": "cost.amount", "Contract End Date": "contract.renewal",
        "Auto-Renew": "contract.auto_renew", "Licenses Purchased": "licences.bought",
        "Active Users (30d)": "licences.active", "SSO Enabled": "access.sso",
        "Status": "lifecycle", "Cost Center": "custom"}
    acv = mapping.target_of("Annual Contract Value (USD)")
    assert (acv.currency, acv.period) == ("USD", "year")
    assert mapping.target_of("Cost Center").custom_key == "Cost Center"
    lines = describe(mapping)
    assert "  'Annual Contract Value (USD)' -> cost.amount (synonym, amounts in USD, per year)" \
        in lines
    assert "  'Cost Center' -> custom field 'Cost Center' (no matching field)" in lines


@pytest.mark.parametrize("header, target, period", [
    ("App", "name", None), ("Tool", "name", None), ("ACV", "cost.amount", "year"),
    ("Renewal Date", "contract.renewal", None), ("Monthly Cost (EUR)", "cost.amount", "month"),
    ("MRR", "cost.amount", "month"), ("cost.amount", "cost.amount", None),
    ("custom.cost centre", "custom", None), ("name.ko", "name.ko", None)])
def test_more_headers(header, target, period):
    column = map_headers("tool", [header]).columns[0]
    assert (column.target, column.period) == (target, period)


def test_two_columns_for_one_field_need_a_map(tmp_path):
    with pytest.raises(UnreadableInput, match="'Tool' and 'Product' both mean 'name'"):
        map_headers("tool", ["Tool", "Product"])
    map_file = tmp_path / "map.yaml"
    map_file.write_text("Product: custom\nSoftware: name\nInternal code: ignore\n")
    mapping = map_headers("tool", ["Tool", "Product", "Software", "Internal code"],
                          read_map(map_file, "tool"))
    assert {c.header: c.target for c in mapping.columns} == {
        "Tool": "custom", "Product": "custom", "Software": "name"}
    assert "  'Tool' -> custom field 'Tool' (name is taken by --map)" in describe(mapping)
    assert mapping.unused == ["Internal code"]


def test_map_file_errors(tmp_path):
    map_file = tmp_path / "map.yaml"
    map_file.write_text("Spend: cost.amont\n")
    with pytest.raises(UnreadableInput, match="no tool field; did you mean 'cost.amount'"):
        read_map(map_file, "tool")
    map_file.write_text("- a\n- b\n")
    with pytest.raises(UnreadableInput, match="must be a mapping"):
        read_map(map_file, "tool")
    map_file.write_text("a: [\n")
    with pytest.raises(UnreadableInput, match="not valid YAML"):
        read_map(map_file, "tool")


def test_kinds_without_custom_fields_report_unused_columns():
    mapping = map_headers("role", ["name", "archetype", "summary", "Favourite colour"])
    assert mapping.unused == ["Favourite colour"]
    assert "  'Favourite colour' -> not imported" in describe(mapping)


@pytest.mark.parametrize("header", ["Dept", "Dept.", "DEPT", "Business Unit", "Team(s)", "Teams",
                                    "Department"])
def test_department_headers_are_the_tools_departments(header):
    mapping = map_headers("tool", ["Application Name", header])
    assert mapping.target_of(header).target == "departments"
    assert mapping.target_of("Application Name").target == "name"


def test_a_name_word_of_one_kind_is_not_the_name_of_another():
    assert map_headers("team", ["Team"]).target_of("Team").target == "name"
    assert map_headers("role", ["Job title"]).target_of("Job title").target == "name"
    assert map_headers("person", ["Dept."]).target_of("Dept.").target == "department"


def test_custom_headers_of_an_export_are_exact_but_other_headers_are_not():
    mapping = map_headers("tool", ["name", "custom.Cost Centre", "custom.Cost centre"])
    assert [c.custom_key for c in mapping.columns if c.target == "custom"] == [
        "Cost Centre", "Cost centre"]
    with pytest.raises(UnreadableInput, match="both be the custom field"):
        map_headers("tool", ["name", "Cost Centre", "cost centre"])
