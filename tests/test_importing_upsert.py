"""generator.importing.upsert: merging into files, merging duplicate rows, field changes,
category insertion that keeps the file's comments."""

from __future__ import annotations

import datetime as dt

import yaml

from generator.importing.rows import NewCategory
from generator.importing.upsert import (add_categories, changes, clear_examples, file_text,
                                        merge_duplicate, merge_into)


def test_merge_into_keeps_what_the_row_does_not_have():
    old = {"name": {"en": "Marketo", "ko": "마케토"}, "vendor": "Adobe",
           "contract": {"renewal": dt.date(2026, 1, 1), "notice_days": 30},
           "cost": [{"amount": 10}, {"amount": 5, "type": "media"}],
           "custom": {"a": 1}, "tags": ["x"]}
    new = {"name": "Marketo", "contract": {"renewal": dt.date(2027, 1, 1)},
           "cost": {"amount": 12, "currency": "USD"}, "custom": {"b": 2}, "tags": ["y"]}
    merged = merge_into(old, new)
    assert merged["name"] == {"en": "Marketo", "ko": "마케토"}  # same name: kept as written
    assert merged["contract"] == {"renewal": dt.date(2027, 1, 1), "notice_days": 30}
    assert merged["cost"] == [{"amount": 12, "currency": "USD"},
                              {"amount": 5, "type": "media"}]  # the licence line updated
    assert merged["custom"] == {"a": 1, "b": 2} and merged["tags"] == ["y"]
    assert old["contract"]["renewal"] == dt.date(2026, 1, 1)  # the input is not changed


def test_a_cost_line_of_another_type_is_added():
    assert merge_into({"cost": {"amount": 10}}, {"cost": {"amount": 3, "type": "usage"}}) == {
        "cost": [{"amount": 10}, {"amount": 3, "type": "usage"}]}


def test_duplicate_rows_lose_nothing():
    notes: list[str] = []
    first = {"name": "Zoom", "vendor": "Zoom", "cost": {"amount": 100},
             "contract": {"renewal": dt.date(2026, 9, 15)}}
    later = {"name": "ZOOM", "vendor": "Zoom", "cost": {"amount": 20},
             "contract": {"renewal": dt.date(2027, 1, 31)}, "departments": ["IT"]}
    merged = merge_duplicate(first, later, 9, 8, notes)
    assert merged["cost"] == [{"amount": 100}, {"amount": 20}]
    assert merged["contract"] == {"renewal": dt.date(2026, 9, 15)}
    assert merged["custom"] == {"contract.renewal (row 9)": dt.date(2027, 1, 31)}
    assert merged["departments"] == ["IT"] and merged["name"] == "Zoom"
    assert "its cost is added to row 8's as another cost line" in notes
    assert any("differs from row 8 in contract.renewal" in n for n in notes)


def test_changes_are_listed_by_field():
    before = {"vendor": "A", "contract": {"renewal": 1, "auto_renew": True}}
    after = {"vendor": "B", "contract": {"renewal": 1}, "url": "https://x.example"}
    assert [(c.field, c.before, c.after) for c in changes(before, after)] == [
        ("vendor", "A", "B"), ("contract.auto_renew", True, None),
        ("url", None, "https://x.example")]


def test_files_carry_the_schema_line_and_keep_leading_comments():
    text = file_text("tool", "catalog/tools/x.yaml", {"name": "X", "cost": {"amount": 12.0}})
    assert text == ("# yaml-language-server: $schema=../../schemas/tool.schema.json\n"
                    "name: X\ncost:\n  amount: 12\n")
    again = file_text("tool", "catalog/tools/x.yaml", {"name": "X"},
                      "# yaml-language-server: $schema=../../schemas/tool.schema.json\n"
                      "# ours\nname: Y\n")
    assert again.startswith("# yaml-language-server: $schema=../../schemas/tool.schema.json\n"
                            "# ours\nname: X\n")


def test_new_categories_go_into_the_unsorted_layer_and_comments_stay():
    text = ("# our taxonomy\nlayers:\n  - id: data\n    name: Data  # the data layer\n\n"
            "categories:\n  - id: crm\n    name: CRM\n    layer: data\n# end of file\n")
    result = add_categories(text, [NewCategory("survey", "Survey", 5)], layer_exists=False)
    assert "# our taxonomy" in result and "# the data layer" in result and "# end" in result
    data = yaml.safe_load(result)
    assert [layer["id"] for layer in data["layers"]] == ["data", "unsorted"]
    assert data["categories"][-1] == {"id": "survey", "name": "Survey", "layer": "unsorted"}
    unindented = "layers:\n- id: data\n  name: Data\ncategories:\n- id: crm\n  name: CRM\n" \
                 "  layer: data\n"
    data = yaml.safe_load(add_categories(unindented, [NewCategory("x", "X", 2)], False))
    assert [c["id"] for c in data["categories"]] == ["crm", "x"]
    assert yaml.safe_load(add_categories(None, [NewCategory("x", "X", 2)], False))[
        "layers"][0]["id"] == "unsorted"
    flow = ("# ours\nlayers: [{id: data, name: Data}]  # one line each\n"
            "categories: [{id: crm, name: CRM, layer: data}]\n# end\n")
    result = add_categories(flow, [NewCategory("x", "X", 2)], False)
    assert result.startswith("# ours\nlayers: [{id: data, name: Data}, {id: unsorted, ")
    assert "]  # one line each\n" in result and result.endswith("\n# end\n")
    data = yaml.safe_load(result)
    assert [c["id"] for c in data["categories"]] == ["crm", "x"]
    assert [c["id"] for c in data["layers"]] == ["data", "unsorted"]


def test_example_flags_cleared_only_for_a_changed_figure_the_row_does_not_flag():
    old = {"cost": [{"amount": 10, "example": True}, {"amount": 5, "type": "usage",
                                                     "example": True}],
           "licences": {"bought": 3, "active": 2, "example": True},
           "contract": {"renewal": dt.date(2027, 1, 1), "example": True}}
    row = {"cost": {"amount": 5, "type": "usage"}, "licences": {"bought": 4, "active": 2},
           "contract": {"renewal": dt.date(2027, 1, 1), "notice_days": 30}}
    merged = merge_into(old, row)
    notes = clear_examples(old, row, merged)
    assert [line["example"] for line in merged["cost"]] == [True, True]  # same amount
    assert merged["licences"]["example"] is False
    assert merged["contract"]["example"] is True  # only the notice changed
    assert notes == ["licences: 'example: true' cleared: the imported licence counts differ "
                     "from the file's, so they are real now (the site no longer labels them as "
                     "an example)"]
    repeated = {"cost": {"amount": 99, "example": True}}  # an edited export still says true
    merged = merge_into(old, repeated)
    assert len(clear_examples(old, repeated, merged)) == 1
    assert merged["cost"][0] == {"amount": 99, "example": False}
    real = {"cost": {"amount": 10}}
    flagged = {"cost": {"amount": 99, "example": True}}
    merged = merge_into(real, flagged)
    assert clear_examples(real, flagged, merged) == []  # the row marks it an example
    assert merged["cost"] == {"amount": 99, "example": True}
