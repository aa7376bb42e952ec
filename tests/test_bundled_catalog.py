"""The reference catalog shipped in the repository is complete, valid and densely linked.

A new team starts from this content, so it must validate cleanly and every part of it must be
connected: roles do work in playbooks, adopted tools are used, tasks are covered, KPIs are moved.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from generator.analysis.links import accountable_roles, build_links
from generator.checks import validate

REPO = Path(__file__).parent.parent
# The catalog's dates (renewals, reviews) are written relative to this day.
TODAY = dt.date(2026, 11, 23)

NAMED_PRODUCTS = [
    "Marketo", "Salesforce", "WordPress", "Asana", "Zoom", "Encharge", "Hotjar", "Canva",
    "Slack", "Excel", "Google Sheets", "Airtable", "Google Analytics", "Facebook Ads Manager",
    "HubSpot", "Zapier", "Fullstory", "CoSchedule", "Smartsheet",
]


@pytest.fixture(scope="module")
def validated():
    return validate(REPO, today=TODAY)


@pytest.fixture(scope="module")
def catalog(validated):
    return validated[0]


@pytest.fixture(scope="module")
def links(catalog):
    return build_links(catalog)


def test_validates_without_any_problem(validated):
    _, problems = validated
    assert problems == []


def test_has_at_least_thirty_tools_including_every_named_product(catalog):
    assert len(catalog.tools) >= 30
    names = [tool.name.casefold() for tool in catalog.tools.values()]
    missing = [product for product in NAMED_PRODUCTS
               if not any(product.casefold() in name for name in names)]
    assert missing == []


def test_has_the_22_survey_tasks_from_84_5_down_to_8_5_percent(catalog):
    shares = [task.share for task in catalog.tasks.values()]
    assert len(shares) == 22
    assert shares[0] == 84.5 and shares[-1] == 8.5
    assert shares == sorted(shares, reverse=True)


def test_every_task_is_covered_by_a_role(catalog, links):
    assert [task for task in catalog.tasks if not links.roles_of_task[task]] == []


def test_every_role_is_responsible_or_accountable_in_some_step(catalog):
    doing = set()
    for playbook in catalog.playbooks.values():
        for step in playbook.steps:
            doing.update(step.raci.responsible)
            doing.update(accountable_roles(step.raci))
    assert sorted(set(catalog.roles) - doing) == []


def test_every_adopted_tool_is_used_by_a_playbook_step(catalog, links):
    unused = [tool_id for tool_id, tool in catalog.tools.items()
              if tool.lifecycle.value == "adopted" and not links.tool_steps[tool_id]]
    assert unused == []


def test_every_tool_owner_belongs_to_a_team_structure(catalog, links):
    assert sorted({tool.owner for tool in catalog.tools.values()
                   if not links.teams_of_role[tool.owner]}) == []


def test_at_least_two_capability_overlaps_among_tools_in_use(catalog):
    providers = defaultdict(set)
    for tool_id, tool in catalog.tools.items():
        if tool.lifecycle.value in ("adopted", "piloting"):
            for capability in tool.capabilities:
                providers[capability].add(tool_id)
    overlapping_pairs = {frozenset(tools) for tools in providers.values() if len(tools) > 1}
    assert len(overlapping_pairs) >= 2


def test_has_a_sunsetting_and_an_evaluating_tool(catalog):
    lifecycles = {tool.lifecycle.value for tool in catalog.tools.values()}
    assert {"sunsetting", "evaluating"} <= lifecycles


def test_costs_are_examples_and_renewals_fall_in_the_coming_year(catalog):
    for tool_id, tool in catalog.tools.items():
        if tool.cost:
            assert tool.cost.example, tool_id
        if tool.contract and tool.contract.renewal:
            assert dt.date(2026, 12, 1) <= tool.contract.renewal <= dt.date(2027, 12, 31), tool_id


def test_some_personal_data_tools_lack_reviews_and_some_reviews_are_old(catalog):
    personal = [tool for tool in catalog.tools.values() if tool.data and tool.data.personal_data]
    assert any(not tool.reviews for tool in personal)
    dates = [when for tool in catalog.tools.values() if tool.reviews
             for when in (tool.reviews.security, tool.reviews.privacy) if when]
    assert min(dates) < TODAY - dt.timedelta(days=365)


def test_has_at_least_eight_playbooks_that_move_every_useful_kpi(catalog, links):
    assert len(catalog.playbooks) >= 8
    unmoved = [kpi_id for kpi_id, kpi in catalog.kpis.items()
               if not kpi.vanity and not links.playbooks_of_kpi[kpi_id]]
    assert unmoved == []


def test_vanity_metrics_are_replaced(catalog):
    replacements = {kpi.replaces: kpi_id for kpi_id, kpi in catalog.kpis.items() if kpi.replaces}
    assert replacements == {"page-views": "conversion-rate", "video-views": "video-engagement",
                            "email-open-rate": "click-through-rate"}
    assert all(catalog.kpis[vanity].vanity for vanity in replacements)
    for kpi_id in ("meetings-booked", "sales-accepted-leads", "free-trial-sign-ups", "new-mrr"):
        assert kpi_id in catalog.kpis


def test_teams_cover_three_sizes_and_three_operating_models(catalog):
    teams = catalog.teams.values()
    assert {team.company_size.value for team in teams} == {"small", "mid-size", "enterprise"}
    assert {team.operating_model.value for team in teams} == {
        "one-person-band", "supporting-marketing", "strategic-partner"}


# Facts checked against the sources (../shared/mops-reference.md and the articles it digests).
# Each of these failed on an earlier version of the catalog that stretched or misquoted a source.

def _text(value) -> str:
    if isinstance(value, dict):
        return " ".join(value.values())
    return value or ""


def test_the_25_percent_one_person_figure_is_not_credited_to_a_named_survey(catalog):
    text = " ".join(_text(catalog.teams["one-person-band"].description).split())
    assert "25%" in text
    assert "What is marketing operations and who are MOps professionals?" in text
    assert "career survey" not in text.casefold()


def test_case_study_results_belong_to_the_whole_engagement_of_a_mops_company(catalog):
    texts = {
        "click-through-rate": _text(catalog.kpis["click-through-rate"].description),
        "lead-to-mql-rate": _text(catalog.kpis["lead-to-mql-rate"].description),
        "campaign-lifecycle": _text(catalog.playbooks["campaign-lifecycle"].description),
        "marketo": _text(catalog.tools["marketo"].description),
    }
    for where, text in texts.items():
        flat = " ".join(text.split())
        assert "Macro" in flat and "marketing operations company" in flat, where
        assert "agency" not in flat, where
        for product in ("Marketo", "Salesforce", "WordPress", "Asana", "Zoom"):
            assert product in flat, (where, product)
    assert "5.5%" in texts["click-through-rate"]
    campaign = " ".join(texts["campaign-lifecycle"].split())
    for figure in ("200%", "106%", "5.5%", "55.31%"):
        assert figure in campaign


def test_brand_consistency_gives_3_5_times_the_visibility_not_up_to(catalog):
    text = " ".join(_text(step.description) for step in catalog.playbooks["compliance-review"].steps)
    assert "3.5 times" in text and "up to 3.5" not in text


def test_38_percent_are_organisations_without_alignment_not_marketers(catalog):
    for text in (_text(catalog.playbooks["lead-handoff"].description),
                 _text(catalog.roles["sales-director"].description)):
        flat = " ".join(text.split())
        assert "38% of organisations" in flat
        assert "38% of marketers" not in flat


def test_video_engagement_counts_viewers_who_watched_the_whole_video(catalog):
    definition = _text(catalog.kpis["video-engagement"].definition)
    assert "whole video" in definition and "75%" not in definition


# Positions by company size in the MOps guide (Encharge, 2022).
SMALL = {"mops-manager", "martech-specialist", "marketing-automation-specialist",
         "demand-generation-specialist"}
MID_SIZE = SMALL | {"data-analytics-specialist", "process-manager", "project-manager"}
ENTERPRISE_LEADS = {"vp-marketing-operations", "martech-manager", "data-analytics-manager",
                    "web-platform-manager", "content-manager", "process-manager"}


def test_team_members_agree_with_the_positions_for_their_company_size(catalog):
    for team_id, team in catalog.teams.items():
        roles = {member.role for member in team.members}
        size = team.company_size.value
        if size == "small":
            assert roles <= SMALL, team_id
        elif size == "mid-size":
            assert roles <= MID_SIZE, (team_id, roles - MID_SIZE)
        else:
            assert ENTERPRISE_LEADS <= roles, (team_id, ENTERPRISE_LEADS - roles)


def test_enterprise_only_roles_appear_only_in_enterprise_teams(catalog):
    for team_id, team in catalog.teams.items():
        if team.company_size.value != "enterprise":
            roles = {member.role for member in team.members}
            assert not roles & {"vp-marketing-operations", "data-analytics-manager",
                                "martech-manager"}, team_id


def test_the_init_starter_tasks_all_carry_a_survey_share():
    starter = yaml.safe_load((REPO / "generator/scaffold/repository/catalog/tasks.yaml")
                             .read_text(encoding="utf-8"))
    assert "survey" in starter["source"]
    assert all(task.get("share") is not None for task in starter["tasks"]), starter["tasks"]
    survey = yaml.safe_load((REPO / "catalog/tasks.yaml").read_text(encoding="utf-8"))
    shares = {task["id"]: task["share"] for task in survey["tasks"]}
    for task in starter["tasks"]:
        assert shares.get(task["id"]) == task["share"], task["id"]
