"""generator.importing.yaml_edit: a hand-written file changed in place, every line the change
does not touch kept byte for byte (comments, order, quoting, blank lines, indentation)."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import textwrap

import pytest
import yaml

from generator.importing.yaml_edit import EditError, edit

HAND_WRITTEN = textwrap.dedent("""\
    # yaml-language-server: $schema=../../schemas/tool.schema.json
    # Marketo: our main platform. Owned by MOps since 2021.
    name:   Marketo Engage     # the product name, not the instance
    vendor: 'Adobe'
    category: marketing-automation
    lifecycle: adopted

    # --- money -------------------------------------------------------------
    cost:
      amount: 30_000   # list price
      currency: "USD"
      period: year
    contract:
      renewal: 2026-12-31
      notice_days: 30
      auto_renew: yes   # check with legal
    tags: [mops, core]
    departments:
    - Marketing
    - Sales
    integrations:
      - tool: salesforce   # the CRM sync
        direction: both
        data: leads, contacts

      - tool: zoom
        direction: in
    description: >
      Runs every nurture
      and scoring.
    notes: |
      Line one
        indented
    empty:
    nothing: ~
    # end of file: keep me
    """)
ORDER = ["name", "vendor", "category", "lifecycle", "owner", "cost", "contract", "tags",
         "departments", "integrations", "description", "notes", "empty", "nothing", "custom"]


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines ``after`` drops from ``before`` and the lines it adds (difflib)."""
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="",
                                     n=0))[2:]
    return ([line[1:] for line in diff if line.startswith("-")],
            [line[1:] for line in diff if line.startswith("+")])


def updated(text: str, change) -> tuple[dict, str]:
    old = yaml.load(text, Loader=yaml.CSafeLoader)
    new = copy.deepcopy(old)
    change(new)
    result = edit(text, old, new, ORDER)
    assert yaml.load(result, Loader=yaml.CSafeLoader) == new
    return new, result


def test_changed_values_are_the_only_changed_lines():
    def change(data):
        data["cost"]["amount"] = 36000
        data["vendor"] = "Adobe Inc"
        data["contract"]["renewal"] = dt.date(2027, 1, 31)
        data["contract"]["auto_renew"] = False

    _, result = updated(HAND_WRITTEN, change)
    assert changed_lines(HAND_WRITTEN, result) == (
        ["vendor: 'Adobe'", "  amount: 30_000   # list price", "  renewal: 2026-12-31",
         "  auto_renew: yes   # check with legal"],
        ["vendor: 'Adobe Inc'", "  amount: 36000   # list price", "  renewal: 2027-01-31",
         "  auto_renew: false   # check with legal"])


def test_new_keys_and_items_take_the_indentation_around_them():
    def change(data):
        data["owner"] = "mops-manager"  # goes where the schema puts it, after lifecycle
        data["departments"].append("IT")  # a list written without indentation
        data["integrations"][1]["frequency"] = "daily"
        data["integrations"].append({"tool": "slack", "direction": "out"})  # an indented one
        data["tags"].append("yes")  # a flow list stays one; 'yes' stays text
        data["custom"] = {"Cost center": "MKT-1", "No": "off"}

    _, result = updated(HAND_WRITTEN, change)
    removed, added = changed_lines(HAND_WRITTEN, result)
    assert removed == ["tags: [mops, core]"]
    assert added == ["owner: mops-manager", "tags: [mops, core, 'yes']", "- IT",
                     "    frequency: daily", "  - tool: slack", "    direction: out",
                     "custom:", "  Cost center: MKT-1", "  'No': 'off'"]
    lines = result.splitlines()
    assert lines[lines.index("owner: mops-manager") - 1] == "lifecycle: adopted"
    assert lines[-1] == "# end of file: keep me"  # new keys go before the closing comment
    assert lines[lines.index("- IT") - 1] == "- Sales"


def test_empty_null_and_block_values_are_rewritten_in_place():
    def change(data):
        data["empty"] = "now set"
        data["nothing"] = {"a": 1}
        data["notes"] = "Line one\nline two\n"
        data["description"] = "One line."

    _, result = updated(HAND_WRITTEN, change)
    removed, added = changed_lines(HAND_WRITTEN, result)
    assert added == ["description: One line.", "  line two", "empty: now set", "nothing:",
                     "  a: 1"]
    assert removed == ["description: >", "  Runs every nurture", "  and scoring.",
                       "    indented", "empty:", "nothing: ~"]


def test_a_cost_becoming_cost_lines_keeps_the_first_lines_text():
    def change(data):
        data["cost"] = [data["cost"], {"amount": 500, "type": "usage", "period": "month"}]

    _, result = updated(HAND_WRITTEN, change)
    assert "  - amount: 30_000   # list price\n    currency: \"USD\"\n    period: year\n" \
           "  - amount: 500\n    type: usage\n    period: month\ncontract:\n" in result
    assert "# --- money ----" in result


def test_line_endings_and_byte_order_mark_stay():
    text = "\ufeff# ours\r\nname: X\r\nvendor: V\r\n"
    old = yaml.load(text.removeprefix("\ufeff"), Loader=yaml.CSafeLoader)
    result = edit(text, old, {**old, "vendor": "W", "url": "https://w.example"})
    assert result == "\ufeff# ours\r\nname: X\r\nvendor: W\r\nurl: https://w.example\r\n"
    no_newline = edit("name: X", {"name": "X"}, {"name": "X", "vendor": "V"})
    assert no_newline == "name: X\nvendor: V\n"


def test_quoted_text_keeps_its_quotes_and_shortened_lists_lose_only_their_items():
    text = 'name: "Zoom"  # quoted\ndepartments:\n  - IT\n  - Sales  # maybe\n  - HR\n'
    old = yaml.load(text, Loader=yaml.CSafeLoader)
    result = edit(text, old, {"name": 'Zoom "Pro"', "departments": ["IT"]})
    assert result == 'name: "Zoom \\"Pro\\""  # quoted\ndepartments:\n  - IT\n'


def test_what_cannot_be_written_in_place_is_refused():
    text = "base: &base\n  a: 1\nother:\n  <<: *base\n  b: 2\n"
    old = yaml.load(text, Loader=yaml.CSafeLoader)
    with pytest.raises(EditError, match="anchors and aliases"):
        edit(text, old, {**old, "other": {"a": 2, "b": 2}})
    merged = "a: 1\n<<: {b: 2}\n"  # a merge key: 'b' is in the data, not in the text
    with pytest.raises(EditError, match="key 'b' not found"):
        edit(merged, {"a": 1, "b": 2}, {"a": 1, "b": 3})


def test_flow_collections_change_value_by_value():
    text = ('cost: {amount: 9600, currency: USD, label: "Marketing contacts", example: true}\n'
            "tags: [legacy, migration]   # see the retirement plan\n")
    old = yaml.load(text, Loader=yaml.CSafeLoader)
    result = edit(text, old, {"cost": {**old["cost"], "amount": 12000, "period": "quarter"},
                              "tags": ["legacy", "migration", "a, b", "yes"]})
    assert result == ('cost: {amount: 12000, currency: USD, label: "Marketing contacts", '
                      "example: true, period: quarter}\n"
                      "tags: [legacy, migration, 'a, b', 'yes']   # see the retirement plan\n")
    shorter = edit(text, old, {**old, "tags": ["legacy"]})
    assert shorter.endswith("tags: [legacy]   # see the retirement plan\n")


def test_a_comment_after_a_value_stays_out_of_its_multi_line_replacement():
    text = "notes: short   # keep me\nvendor: V\n"
    old = yaml.load(text, Loader=yaml.CSafeLoader)
    result = edit(text, old, {"notes": "two\nlines", "vendor": "V"})
    assert result == "notes: |-   # keep me\n  two\n  lines\nvendor: V\n"
    result = edit(text, old, {"notes": {"a": 1}, "vendor": "V"})
    assert result == "notes:   # keep me\n  a: 1\nvendor: V\n"


def test_values_written_another_way_are_not_touched():
    text = "reviewed: 2026-01-02 10:30:00\nrating: 4.0\nvendor: V\n"
    old = yaml.load(text, Loader=yaml.CSafeLoader)
    # the import's data holds these the way it writes them ("2026-01-02T10:30:00", 4)
    new = {"reviewed": "2026-01-02T10:30:00", "rating": 4, "vendor": "W"}
    assert edit(text, old, new) == "reviewed: 2026-01-02 10:30:00\nrating: 4.0\nvendor: W\n"
    with pytest.raises(EditError, match="cannot be read"):
        edit("a: 1\n---\nb: 2\n", {"a": 1}, {"a": 2})
