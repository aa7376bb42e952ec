"""Insights on the crafted catalog (tests/fixtures/insights) with the report date 2026-06-01:
each finding, its severity and the entities it names; settings that change them; costs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.analysis.costs import annual_amount, cost_tables
from generator.analysis.insights import INSIGHTS, Finding, Severity, insights, stack_size
from generator.analysis.insights.base import EXAMPLE_DAY, Context
from generator.analysis.renewals import contract_dates, fiscal_quarter
from generator.checks import validate
from generator.analysis.codes import code_settings as parse_code_settings
from generator.settings import Settings

CRAFTED = Path(__file__).parent / "fixtures" / "insights"
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def catalog():
    catalog, problems = validate(CRAFTED, today=TODAY)
    assert not [p for p in problems if p.severity.value == "error"], problems
    return catalog


def found(catalog, code: str, **settings) -> list[Finding]:
    return [f for f in insights(catalog, Settings(today=TODAY, **settings)) if f.code == code]


def summary(findings) -> list[tuple]:
    return [(f.severity.value, f.entities) for f in findings]


def test_every_insight_is_documented_with_a_stable_code():
    assert list(INSIGHTS) == [f"I{n:03d}" for n in range(1, 18)]
    for item in INSIGHTS.values():
        assert item.summary and len(item.doc) > 40 and item.name


def test_capability_overlap_between_tools_in_use(catalog):
    findings = found(catalog, "I001")
    assert summary(findings) == [("medium", (("tool", "hubspot"), ("tool", "marketo")))]
    assert "email-marketing" in findings[0].message


def test_owner_in_no_team(catalog):
    assert summary(found(catalog, "I002")) == [
        ("medium", (("tool", "hubspot"), ("role", "agency-contact")))]


def test_adopted_tool_no_playbook_uses(catalog):
    assert summary(found(catalog, "I003")) == [("low", (("tool", "canva"),))]


def test_under_used_licences_follow_the_threshold(catalog):
    assert summary(found(catalog, "I004")) == [("medium", (("tool", "hubspot"),))]
    assert "1 of 5" in found(catalog, "I004")[0].message
    assert found(catalog, "I004", codes=parse_code_settings({"I004": {"threshold": 0.2}})) == []  # 20% is not below 20%


def test_renewals_by_window(catalog):
    by_tool = {f.entities[0][1]: f for f in found(catalog, "I005")}
    assert set(by_tool) == {"marketo", "legacy-crm", "hubspot"}  # old-tool is retired
    assert by_tool["marketo"].severity is Severity.HIGH  # in 20 days
    assert by_tool["legacy-crm"].severity is Severity.MEDIUM  # in 39 days
    assert "ends on 2026-07-10" in by_tool["legacy-crm"].message  # no auto-renewal
    assert by_tool["hubspot"].severity is Severity.LOW  # in 75 days
    assert {f.entities[0][1] for f in found(catalog, "I005", renewal_windows=(30,))} == {"marketo"}


def test_cancel_by_dates(catalog):
    by_tool = {f.entities[0][1]: f for f in found(catalog, "I006")}
    assert set(by_tool) == {"marketo", "hubspot"}
    # marketo: renews 2026-06-21 with 30 days' notice, so the last day was 2026-05-22
    assert by_tool["marketo"].severity is Severity.HIGH
    assert "2026-05-22" in by_tool["marketo"].message and "passed" in by_tool["marketo"].message
    # hubspot: renews 2026-08-15 with 45 days' notice: cancel by 2026-07-01, in 30 days
    assert by_tool["hubspot"].severity is Severity.HIGH
    assert "2026-07-01" in by_tool["hubspot"].message


def test_reviews_older_than_the_policy(catalog):
    findings = found(catalog, "I007")
    assert summary(findings) == [("medium", (("tool", "salesforce"),))]
    assert "security review" in findings[0].message
    assert found(catalog, "I007", codes=parse_code_settings({"I007": {"max_age_days": 1000}})) == []
    assert len(found(catalog, "I007", codes=parse_code_settings({"I007": {"max_age_days": 100}}))) == 4  # both reviews of two tools


def test_missing_reviews_for_personal_data(catalog):
    findings = found(catalog, "I008")
    assert summary(findings) == [("high", (("tool", "hubspot"),))]
    assert "security or privacy" in findings[0].message


def test_outgoing_tools_still_integrated(catalog):
    assert summary(found(catalog, "I009")) == [
        ("medium", (("tool", "legacy-crm"), ("tool", "salesforce"))),
        ("high", (("tool", "old-tool"), ("tool", "marketo"))),
    ]


def test_stack_size_against_the_reference_ranges(catalog):
    (finding,) = found(catalog, "I010")
    assert finding.severity is Severity.INFO and finding.message.startswith("5 tools in use")
    assert "CabinetM" in finding.message

    def message(count: int, retired: int = 0) -> str:
        tools = {f"t{i}": SimpleNamespace(lifecycle=SimpleNamespace(value="adopted"))
                 for i in range(count)}
        tools |= {f"r{i}": SimpleNamespace(lifecycle=SimpleNamespace(value="retired"))
                  for i in range(retired)}
        context = Context(SimpleNamespace(tools=tools), Settings(), None, TODAY)
        return next(stack_size(context)).message

    assert "fewer than the 25-50" in message(24, retired=10)
    assert "within the 25-50" in message(25) and "within the 25-50" in message(50)
    assert "above the 25-50" in message(51) and "below the 250+" in message(249)
    assert "enterprise range" in message(250)


def test_other_currency_is_reported(catalog):
    assert summary(found(catalog, "I011")) == [("low", (("tool", "salesforce"),))]
    eur = found(catalog, "I011", currency="EUR")
    assert {f.entities[0][1] for f in eur} == {"marketo", "hubspot", "legacy-crm", "canva"}


def test_wide_audience_leaves_contract_and_cost_insights_out(catalog):
    codes = {f.code for f in insights(catalog, Settings(today=TODAY, audience="wide"))}
    assert codes == {"I001", "I002", "I003", "I004", "I007", "I008", "I009", "I010"}


def test_findings_are_sorted_and_repeatable(catalog):
    first = insights(catalog, Settings(today=TODAY))
    assert first == insights(catalog, Settings(today=TODAY))
    assert first == sorted(first, key=lambda f: (f.code, f.entities, f.message))
    assert all(isinstance(f.as_dict()["entities"], list) for f in first)


# --------------------------------------------------------------------------- costs


def test_costs_are_annual_by_dimension_with_totals(catalog):
    tables = cost_tables(catalog, Settings())
    # marketo 36000/year + hubspot 500/month + canva 120/year; legacy-crm is one-off;
    # salesforce is in EUR; old-tool is retired but its contract renews by itself: still paid
    assert tables.total_annual == 36000 + 500 * 12 + 120 + 999
    assert tables.total_one_off == 5432
    by_category = {row.group: (row.tools, row.annual, row.one_off)
                   for row in tables.by["category"].itertuples()}
    assert by_category == {"marketing-automation": (2, 42000, 0), "design": (2, 1119, 0),
                           "crm": (1, 0, 5432)}
    assert list(tables.by["category"]["group"]) == ["marketing-automation", "design", "crm"]
    by_owner = {row.group: row.annual for row in tables.by["owner"].itertuples()}
    assert by_owner == {"automation-specialist": 36000, "agency-contact": 6000,
                        "mops-manager": 120 + 999}
    layers = {row.group for row in tables.by["layer"].itertuples()}
    assert layers == {"engagement", "content", "data"}
    assert {row.group for row in tables.by["lifecycle"].itertuples()} == {
        "adopted", "piloting", "sunsetting", "retired"}
    assert list(tables.other_currencies["tool"]) == ["salesforce"]
    assert tables.as_dict()["other_currencies"][0]["annual"] == 1200.5


def test_costs_in_another_deployment_currency(catalog):
    tables = cost_tables(catalog, Settings(currency="EUR"))
    assert tables.total_annual == 1200.5
    assert set(tables.other_currencies["tool"]) == {"marketo", "hubspot", "legacy-crm", "canva",
                                                    "old-tool"}


def test_annual_amounts():
    def cost(amount, period):
        return SimpleNamespace(amount=amount, period=SimpleNamespace(value=period))

    assert annual_amount(cost(100.0, "month")) == (1200.0, 0.0)
    assert annual_amount(cost(100.0, "year")) == (100.0, 0.0)
    assert annual_amount(cost(100.0, "one-off")) == (0.0, 100.0)


# --------------------------------------------------------------------------- dates


def test_contract_dates_in_a_range(catalog):
    dates = contract_dates(catalog, TODAY, TODAY + dt.timedelta(days=90))
    assert [(d.date.isoformat(), d.tool, d.kind) for d in dates] == [
        ("2026-06-05", "old-tool", "cancel-by"),  # retired, but its contract renews by itself
        ("2026-06-10", "old-tool", "renewal"),
        ("2026-06-21", "marketo", "renewal"),
        ("2026-07-01", "hubspot", "cancel-by"),
        ("2026-07-10", "legacy-crm", "renewal"),
        ("2026-08-15", "hubspot", "renewal"),
    ]


@pytest.mark.parametrize("day, first_month, expected", [
    (dt.date(2026, 1, 1), 1, "FY2026 Q1"),
    (dt.date(2026, 12, 31), 1, "FY2026 Q4"),
    (dt.date(2026, 7, 1), 7, "FY2027 Q1"),
    (dt.date(2026, 6, 30), 7, "FY2026 Q4"),
    (dt.date(2026, 10, 15), 4, "FY2027 Q3"),
])
def test_fiscal_quarters(day, first_month, expected):
    assert fiscal_quarter(day, first_month) == expected


# --------------------------------------------------------------------------- documented examples

EXAMPLES = [(item, kind, examples) for item in INSIGHTS.values()
            for kind, examples in (("failing", item.failing), ("passing", item.passing))
            if examples]


def test_every_insight_but_the_informational_has_examples():
    assert [item.code for item in INSIGHTS.values() if not (item.failing and item.passing)] == [
        "I010"]  # stack size is reported for every catalog


@pytest.mark.parametrize("item, kind, examples", EXAMPLES,
                         ids=[f"{i.code}-{k}" for i, k, _ in EXAMPLES])
def test_insight_examples_do_what_the_codes_page_says(small_catalog, item, kind, examples):
    for example in examples:
        small_catalog.write(example.path, example.text)
    catalog, problems = validate(small_catalog.root, today=EXAMPLE_DAY)
    assert not [p for p in problems if p.severity.value == "error"], problems
    codes = {f.code for f in insights(catalog, Settings(today=EXAMPLE_DAY))}
    assert (item.code in codes) == (kind == "failing"), codes
