"""Spreadsheet columns: separators and escapes, formula guards, language columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.export.columns import (
    cell_text, columns_of, entity_row, escape, guard, row_data, rows, split, unguard)
from generator.model.schema import Team, Tool

VALUES = st.text(alphabet=st.sampled_from("ab;:|\\ =+-@'x"), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and s)


@given(st.lists(VALUES, min_size=1, max_size=5))
def test_escaped_lists_split_back(values):
    assert split("; ".join(escape(v) for v in values), ";") == values


@given(st.text(max_size=20))
def test_guard_is_undone_by_unguard(text):
    guarded = guard(text)
    assert unguard(guarded) == text
    assert not guarded.lstrip().startswith(("=", "+", "-", "@"))


def test_space_or_tab_before_a_formula_is_guarded():
    for text in (" =cmd|' /C calc'!A0", "\t=1+1", "  +1", "\u00a0@SUM(A1)", "\n-2"):
        assert guard(text) == "'" + text and unguard(guard(text)) == text


def formula_fields(cell: str) -> list[str]:
    """Fields of ``cell`` a spreadsheet could run, whether it reads ``,`` or ``;`` (as in
    several European locales) as the separator: each after its leading spaces."""
    return [f for f in cell.split(";") if f.lstrip().startswith(("=", "+", "-", "@"))]


def test_every_item_of_a_list_cell_is_guarded():
    tool = Tool.model_validate({
        "name": "T", "vendor": "V", "category": "c", "lifecycle": "adopted",
        "departments": ["Sales", "=HYPERLINK(\"http://evil.example\")", " -1+2", "'@x"]})
    row = entity_row("tool", "t", tool)
    cell = guard(cell_text(row["departments"]))
    assert formula_fields(cell) == []
    cells = {h: unguard(guard(cell_text(v))) for h, v in row.items() if v is not None}
    assert Tool.model_validate(row_data("tool", cells)) == tool


def test_columns_follow_the_schema_and_flatten_objects():
    tool_columns = [c.header for c in columns_of("tool")]
    assert tool_columns[:3] == ["name", "vendor", "category"]
    assert "cost.amount" in tool_columns and "contract.renewal" in tool_columns
    assert "cost.amount" not in [c.header for c in columns_of("tool", shows_costs=False)]
    assert "contract.renewal" not in [c.header for c in columns_of("tool", shows_costs=False)]
    assert {c.header: c.shape for c in columns_of("team")}["members"] == "members"
    assert {c.header: c.shape for c in columns_of("playbook")}["steps"] == "json"


def test_integrations_and_members_round_trip():
    tool = Tool.model_validate({
        "name": {"en": "Tool", "de": "Werkzeug"}, "vendor": "V", "category": "c",
        "lifecycle": "adopted", "owner": "o",
        "integrations": [{"tool": "crm", "direction": "in", "data": ["a:b", "c|d", "e;f"],
                          "via": "zapier"}, {"tool": "x"}]})
    row = entity_row("tool", "tool", tool)
    assert row["integrations"] == r"crm:in:a\:b|c\|d|e\;f:zapier; x:both:"
    assert row["name.de"] == "Werkzeug" and row.get("name") is None
    assert rows("tool", {"tool": tool})[0][:4] == ["id", "name", "name.de", "name.en"]
    cells = {h: "" if v is None else str(v) for h, v in row.items()}
    assert Tool.model_validate(row_data("tool", cells)) == tool

    team = Team.model_validate({"name": "T", "company_size": "small",
                                "operating_model": "one-person-band",
                                "members": [{"role": "a", "headcount": 3}, {"role": "b"}]})
    row = entity_row("team", "t", team)
    assert row["members"] == "a:3; b:1"
    assert Team.model_validate(row_data("team", {"members": row["members"], "name": "T",
                                                  "company_size": "small",
                                                  "operating_model": "one-person-band"})) == team


IDS = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zs",
                                                                          "Zl", "Zp"]),
                min_size=1, max_size=10)
PHRASES = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
MARKDOWN = st.text(alphabet=st.sampled_from("ab ;:|\\=-'\n*`"), min_size=1, max_size=30).filter(
    str.strip)
TOOLS = st.fixed_dictionaries(
    {"name": st.one_of(PHRASES, st.dictionaries(st.sampled_from(["en", "ko", "de"]), PHRASES,
                                                min_size=1)),
     "vendor": PHRASES, "category": IDS, "lifecycle": st.sampled_from(["adopted", "retired"]),
     "owner": IDS},
    optional={
        "users": st.lists(IDS, max_size=3),
        "integrations": st.lists(st.fixed_dictionaries(
            {"tool": IDS, "direction": st.sampled_from(["in", "out", "both"]),
             "data": st.lists(PHRASES, max_size=3)},
            optional={"via": IDS}), max_size=3),
        "cost": st.fixed_dictionaries({"amount": st.floats(0, 1e7, allow_nan=False).map(
            lambda x: round(x, 2)), "period": st.sampled_from(["month", "year", "one-off"])}),
        "data": st.fixed_dictionaries({"personal_data": st.booleans(),
                                       "categories": st.lists(PHRASES, max_size=2)}),
        "description": MARKDOWN,
    })


@given(TOOLS)
def test_any_tool_survives_row_and_back(data):
    """Entity -> row -> CSV text cells -> entity gives the same tool (the import's path)."""
    tool = Tool.model_validate(data)
    row = entity_row("tool", "x", tool)
    cells = {h: unguard(guard(cell_text(v))) for h, v in row.items() if v is not None}
    assert Tool.model_validate(row_data("tool", cells)) == tool


def test_cells_read_back_as_the_values_a_yaml_file_holds():
    """Import writes what ``row_data`` gives into YAML files: numbers, yes/no and dates come
    back as numbers, booleans and dates (written `amount: 36000`), not as quoted text
    (`amount: '36000'`) that only validates because the schema converts it."""
    import datetime as dt
    from pathlib import Path

    from generator.checks import validate

    catalog, _ = validate(Path(__file__).parent / "fixtures" / "every_field")
    row = entity_row("tool", "marketo", catalog.tools["marketo"])
    cells = {h: cell_text(v) for h, v in row.items() if v is not None}
    data = row_data("tool", cells)
    assert data["cost"][0]["amount"] == 36000 and type(data["cost"][0]["amount"]) is int
    assert data["cost"][0]["period"] == "year"
    assert data["licences"] == {"bought": 10, "active": 8, "example": True}
    assert data["contract"]["renewal"] == dt.date(2026, 12, 31)
    assert data["contract"]["notice_days"] == 0 and data["contract"]["auto_renew"] is True
    assert data["access"] == {"sso": True, "scim": False}
    assert data["data"]["personal_data"] is True
    assert data["reviews"]["security"] == dt.date(2025, 6, 1)
    assert Tool.model_validate(data) == catalog.tools["marketo"]
    # a cell that is not what the field takes stays as written, for validation to report
    assert row_data("tool", {**cells, "licences.bought": "ten"})["licences"]["bought"] == "ten"
