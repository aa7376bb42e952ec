"""The schema classes themselves: one-or-many cost lines, references to several kinds, the
contract term rule, the unknown notice period, durations, custom values; and the new kinds
(people, acknowledgements) as the loader reads them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.analysis.renewals import cancel_by
from generator.checks import validate
from generator.model import schema
from generator.model.references import references

EVERY_FIELD = Path(__file__).parent / "fixtures" / "every_field"
TOOL = {"name": "X", "vendor": "V", "category": "crm", "lifecycle": "adopted"}


def test_cost_is_one_line_or_a_list_and_reads_as_lines():
    one = schema.Tool.model_validate({**TOOL, "cost": {"amount": 10}})
    many = schema.Tool.model_validate({**TOOL, "cost": [{"amount": 10},
                                                        {"amount": 5, "type": "media"}]})
    assert [c.amount for c in one.cost_lines] == [10]
    assert [(c.amount, c.type.value) for c in many.cost_lines] == [(10, "licence"), (5, "media")]
    assert schema.Tool.model_validate(TOOL).cost_lines == []
    with pytest.raises(ValidationError):
        schema.Tool.model_validate({**TOOL, "cost": []})


def test_quarter_is_a_period_and_basis_is_checked():
    tool = schema.Tool.model_validate({**TOOL, "cost": {"amount": 1, "period": "quarter",
                                                        "basis": "per-seat"}})
    assert tool.cost_lines[0].period is schema.Period.QUARTER
    with pytest.raises(ValidationError):
        schema.Tool.model_validate({**TOOL, "cost": {"amount": 1, "basis": "per-head"}})


def test_owner_is_optional_and_refers_to_a_role_or_a_person():
    tool = schema.Tool.model_validate({**TOOL, "owner": "ana", "technical_owner": "it-admin"})
    found = {path: kinds for path, kinds, _ in references(tool)}
    assert found[("owner",)] == ("role", "person")
    assert found[("technical_owner",)] == ("role", "person")
    assert found[("category",)] == ("category",)
    assert schema.Tool.model_validate(TOOL).owner is None


def test_month_to_month_contract_has_no_renewal_date():
    with pytest.raises(ValidationError, match="month-to-month contract has no renewal date"):
        schema.Contract.model_validate({"term": "month-to-month", "renewal": "2026-01-01"})
    assert schema.Contract.model_validate({"term": "month-to-month"}).renewal is None


def test_unknown_notice_period_differs_from_none_needed():
    unknown = schema.Contract.model_validate({"renewal": "2026-06-30", "auto_renew": True})
    sixty = schema.Contract.model_validate({"renewal": "2026-06-30", "auto_renew": True,
                                            "notice_days": 60})
    zero = schema.Contract.model_validate({"renewal": "2026-06-30", "auto_renew": True,
                                           "notice_days": 0})
    assert unknown.notice_days is None and zero.notice_days == 0
    assert cancel_by(unknown) is None and cancel_by(zero) is None
    assert cancel_by(sixty) == dt.date(2026, 5, 1)


@pytest.mark.parametrize("duration, ok", [("2 days", True), ("1 day", True), ("1.5 hours", True),
                                          ("30 minutes", True), ("1 week", True),
                                          ("2days", False), ("two days", False),
                                          ("3 months", False), ("2 days\n", False)])
def test_step_duration_pattern(duration, ok):
    step = {"name": "S", "raci": {"responsible": ["a"], "accountable": "a"},
            "duration": duration}
    if ok:
        assert schema.Step.model_validate(step).duration == duration
    else:
        with pytest.raises(ValidationError):
            schema.Step.model_validate(step)


def test_custom_values_are_simple_values_only():
    tool = schema.Tool.model_validate({**TOOL, "custom": {
        "centre": "MKT", "seats": 4, "ratio": 0.5, "ok": True, "audit": dt.date(2025, 1, 1)}})
    assert tool.custom == {"centre": "MKT", "seats": 4, "ratio": 0.5, "ok": True,
                           "audit": dt.date(2025, 1, 1)}
    assert type(tool.custom["ok"]) is bool and type(tool.custom["seats"]) is int
    for bad in ({"x": [1, 2]}, {"x": {"a": 1}}, {"x": None}, {"": "empty key"}):
        with pytest.raises(ValidationError):
            schema.Tool.model_validate({**TOOL, "custom": bad})


def test_integration_method_frequency_and_live():
    flow = schema.Integration.model_validate({"tool": "a", "method": "embed",
                                              "frequency": "one-off"})
    assert flow.method is schema.SyncMethod.EMBED and not flow.live
    assert schema.Integration.model_validate({"tool": "a"}).live
    with pytest.raises(ValidationError):
        schema.Integration.model_validate({"tool": "a", "method": "zapier"})


def test_every_field_catalog_loads_people_and_acknowledgements():
    catalog, problems = validate(EVERY_FIELD)
    assert [p.code for p in problems] == ["R015"]  # zapier has no owner yet
    assert set(catalog.people) == {"ana-lopez", "raj-patel"}
    assert catalog.people["raj-patel"].department == "IT"
    assert catalog.kind_of(("role", "person"), "ana-lopez") == "person"
    assert catalog.kind_of(("role", "person"), "mops-manager") == "role"
    [first, second] = catalog.acknowledgements
    assert (first.code, sorted(first.subjects), first.until) == (
        "I001", ["marketo", "salesforce"], dt.date(2027, 1, 31))
    assert second.until is None and second.by is None


def test_acknowledgement_needs_a_reason_and_a_code(small_catalog):
    small_catalog.write("catalog/acknowledgements.yaml", """
        acknowledgements:
          - code: overlap
            subjects: [marketo]
          - code: I001
            reason: known
            until: someday
        """)
    _, problems = validate(small_catalog.root)
    found = sorted((p.code, p.line) for p in problems)
    assert ("S003", 2) in found  # reason missing in the first entry
    assert ("S006", 2) in found  # 'overlap' is no code
    assert ("S002", 6) in found  # until is no date
    assert all(p.file == "catalog/acknowledgements.yaml" for p in problems)


def test_role_department_and_person_file(small_catalog):
    small_catalog.write("catalog/people/ana.yaml", """
        name: Ana
        email: not-an-address
        role: mops-manager
        """)
    _, problems = validate(small_catalog.root)
    assert [(p.code, p.file, p.line) for p in problems] == [
        ("S006", "catalog/people/ana.yaml", 2)]


@pytest.mark.parametrize("relative, old, new, expect", [
    ("catalog/acknowledgements.yaml", None, "acknowledgements:\n  - code: i1\n    reason: r\n",
     "must be a finding or rule code such as I001; got 'i1'"),
    ("catalog/people/ana.yaml", None, "name: Ana\nemail: ana at example\n",
     "email must be an e-mail address"),
    ("playbooks/lead-handoff.yaml", "    tools: [marketo, salesforce]",
     "    duration: 2days\n    tools: [marketo, salesforce]",
     "step 1, duration must be a number and a unit such as '30 minutes'"),
])
def test_format_messages_say_what_is_expected(small_catalog, relative, old, new, expect):
    if old is None:
        small_catalog.write(relative, new)
    else:
        small_catalog.edit(relative, old, new)
    _, problems = validate(small_catalog.root)
    assert any(expect in p.message for p in problems), [p.message for p in problems]


def test_lowercase_currency_gets_the_code_suggested(small_catalog):
    small_catalog.edit("catalog/tools/marketo.yaml", "currency: USD", "currency: eur")
    _, problems = validate(small_catalog.root)
    [problem] = problems
    assert problem.code == "S006" and "did you mean 'EUR'?" in problem.message
