"""generator.importing.rows: one row into tool data, categories and owners resolved."""

from __future__ import annotations

from pathlib import Path

from generator.checks import validate
from generator.importing.headers import map_headers
from generator.importing.rows import Options, Resolver, column_date_orders, read_row, slug
from generator.importing.tables import Row

EVERY_FIELD = Path(__file__).parent / "fixtures" / "every_field"


def read(cells: dict, catalog=None, options=None):
    catalog = catalog or validate(EVERY_FIELD)[0]
    mapping = map_headers("tool", list(cells))
    row = Row(2, cells)
    options = options or Options()
    resolver = Resolver(catalog)
    orders = column_date_orders(mapping, [row], options)
    return read_row("tool", row, mapping, resolver, options, orders), resolver


def test_slug():
    assert slug("Canvá Pro (Teams)") == "canva-pro-teams" and slug("6sense") == "6sense"


def test_a_saas_row():
    result, resolver = read({
        "Application Name": "Marketo Engage", "Vendor/Supplier": "Adobe",
        "Category/Type": "marketing automation", "Business Owner": "Ana López",
        "Department": "Marketing, Sales", "Annual Contract Value (USD)": "$48,000.00",
        "Contract End Date": "12/31/2026", "Auto-Renew": "Yes", "Licenses Purchased": "10",
        "Active Users (30d)": "8", "SSO Enabled": "TRUE", "Status": "Active",
        "Cost Center": "MKT-100"})
    assert result.data == {
        "name": "Marketo Engage", "vendor": "Adobe", "category": "marketing-automation",
        "owner": "ana-lopez", "departments": ["Marketing", "Sales"],
        "cost": {"amount": 48000.0, "currency": "USD", "period": "year"},
        "contract": {"renewal": __import__("datetime").date(2026, 12, 31), "auto_renew": True},
        "licences": {"bought": 10, "active": 8}, "access": {"sso": True},
        "lifecycle": "adopted", "custom": {"Cost Center": "MKT-100"}}
    assert resolver.new_people == {} and resolver.new_categories == {}


def test_unreadable_values_are_kept_as_custom_fields():
    result, _ = read({"Tool": "Fivetran", "Vendor": "Fivetran", "ACV": "=B17*12",
                      "SSO": "N/A", "Seats": "12"})
    assert result.data["custom"] == {"ACV": "=B17*12", "SSO": "N/A", "Seats": "12"}
    assert "cost" not in result.data and "licences" not in result.data
    assert any("formulas are not evaluated" in note for note in result.notes)
    assert any("licences need both counts" in note for note in result.notes)
    assert result.defaults == {"lifecycle": "adopted", "category": "uncategorised"}


def test_new_category_and_new_person_are_created_once():
    catalog = validate(EVERY_FIELD)[0]
    first, resolver = read({"Tool": "A", "Vendor": "V", "Type": "Survey tools",
                            "Owner": "Kim Lee", "Owner Email": "kim@example.com"}, catalog)
    assert first.data["category"] == "survey-tools" and first.data["owner"] == "kim-lee"
    assert resolver.new_people["kim-lee"].data == {"name": "Kim Lee", "email": "kim@example.com"}
    assert resolver.category("survey tool", 3, []) == "survey-tools"  # close spelling
    assert resolver.owner("kim lee", None, None, 3, [], "owner") == "kim-lee"
    assert resolver.owner("", "KIM@example.com", None, 3, [], "owner") == "kim-lee"
    assert resolver.owner("IT administrator", None, None, 3, [], "owner") == "it-admin"


def test_date_order_comes_from_the_column():
    result, _ = read({"Tool": "A", "Vendor": "V", "Renewal Date": "03/04/2027"},
                     options=Options(date_order="dmy"))
    assert result.data["contract"]["renewal"].isoformat() == "2027-04-03" and not result.notes[:1]


def test_a_cell_naming_several_owners_keeps_them_all():
    result, resolver = read({"Tool": "A", "Vendor": "V", "Business Owner": "Kim Lee; Bo Chan"})
    assert result.data["owner"] == "kim-lee"
    assert result.data["custom"] == {"Business Owner": "Kim Lee; Bo Chan"}
    assert any("names 2 people: the first is the owner" in note for note in result.notes)
    result, _ = read({"Tool": "A", "Vendor": "V", "Business Owner": "Lee, Kim"})
    assert result.data["owner"] == "lee-kim" and "custom" not in result.data
