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

from generator.analysis.costs import annual_amount, cost_frame
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


def test_every_tool_owner_belongs_to_a_team_structure_or_another_department(catalog, links):
    outside = {role_id for role_id, role in catalog.roles.items() if role.department}
    assert all(tool.owner for tool in catalog.tools.values())
    assert sorted({tool.owner for tool in catalog.tools.values()
                   if tool.owner not in outside and not links.teams_of_role[tool.owner]}) == []


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
        for line in tool.cost_lines:
            assert line.example, tool_id
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


# RACI that a senior practitioner would sign ------------------------------------------------

def _step(catalog, playbook_id, name):
    return next(step for step in catalog.playbooks[playbook_id].steps if step.name == name)


def _accountable(step):
    return accountable_roles(step.raci)[0]


def test_leads_are_accepted_by_sdrs_and_a_sales_leader_answers_for_it(catalog):
    step = _step(catalog, "lead-handoff", "Accept or reject each lead")
    assert step.raci.responsible == ["sales-development-rep"]
    assert _accountable(step) == "sales-director"


def test_the_campaign_owner_is_accountable_for_the_brief_and_mops_for_qa(catalog):
    assert _accountable(_step(catalog, "campaign-lifecycle", "Write the campaign brief")) == \
        "marketing-manager"
    assert _accountable(_step(catalog, "campaign-lifecycle", "Review and test")) == "mops-manager"


def test_final_approval_has_the_same_accountable_role_in_both_playbooks(catalog):
    compliance = _step(catalog, "compliance-review", "Approve for release")
    content = _step(catalog, "content-production", "Give final approval")
    assert _accountable(compliance) == _accountable(content) == "marketing-manager"
    assert "cmo" in compliance.raci.consulted


def test_roles_outside_marketing_that_real_playbooks_need_exist_and_do_work(catalog):
    for role_id in ("sales-development-rep", "account-executive", "salesforce-admin",
                    "legal-counsel", "it-security-manager", "procurement-manager"):
        assert role_id in catalog.roles, role_id
    assert _accountable(_step(catalog, "martech-purchase", "Review security")) == \
        "it-security-manager"
    assert _accountable(_step(catalog, "martech-purchase", "Review privacy")) == "legal-counsel"
    assert "procurement-manager" in _step(catalog, "martech-purchase",
                                          "Negotiate the terms").raci.responsible


NEW_PLAYBOOKS = ["lead-lifecycle", "lead-scoring-governance", "attribution-utm",
                 "consent-privacy", "email-deliverability", "map-crm-change-management",
                 "access-review-offboarding", "event-webinar-operations"]


@pytest.mark.parametrize("playbook_id", NEW_PLAYBOOKS)
def test_playbooks_real_teams_run_have_raci_tools_outputs_and_kpis(catalog, playbook_id):
    playbook = catalog.playbooks[playbook_id]
    assert len(playbook.steps) >= 5 and playbook.kpis
    for step in playbook.steps:
        assert step.raci.responsible and len(accountable_roles(step.raci)) == 1, step.name
        assert step.outputs, step.name
    assert sum(1 for step in playbook.steps if step.tools) >= len(playbook.steps) - 1


def test_lead_lifecycle_covers_the_stages_sla_and_recycling(catalog):
    text = " ".join(_text(step.description) for step in catalog.playbooks["lead-lifecycle"].steps)
    for word in ("MQL", "SAL", "SQL", "Opportunity", "service level", "Recycled"):
        assert word in text, word


def test_new_categories_each_hold_a_tool(catalog):
    used = {tool.category for tool in catalog.tools.values()}
    for category in ("enrichment-intent", "etl-reverse-etl", "tag-management", "chatbots",
                     "consent-management"):
        assert category in catalog.categories and category in used, category


def test_revenue_kpis_exist_and_roi_uses_the_guides_formula(catalog):
    for kpi_id in ("pipeline-sourced", "pipeline-influenced", "mql-to-sql-rate", "marketing-roi",
                   "customer-acquisition-cost", "email-bounce-rate", "unsubscribe-rate"):
        assert kpi_id in catalog.kpis, kpi_id
    definition = _text(catalog.kpis["marketing-roi"].definition)
    assert "revenue" in definition.casefold() and "minus" in definition


# The "About MOps" pages carry the narrative facts of the sources, each with its source --------

ABOUT = REPO / "docs" / "about"
ABOUT_FACTS = {
    "index.md": ["umbrella term", "people, process, technology and data", "15 to 25%", "McKinsey",
                 "Compliance and risk assessment", "Martech stack management"],
    "history.md": ["2005", "IDG", "Gary Katz", "70 people", "150 applications in 2011",
                   "8,000 in 2020", "250,000", "600,000", "15,000 open positions"],
    "people.md": ["three quarters", "30%", "13.8%", "6.4%", "65%", "fewer than 100 employees",
                  "5%", "70%", "10 hours a week", "Half", "internal or external",
                  "process or technology", "The State of the Marketing Ops Professional"],
    "stack.md": ["25 to 50", "250 or more", "home-grown", "12 tools per role", "31", "32% of CMOs",
                 "25 to 30%", "64%", "chatbots that capture leads", "CabinetM"],
    "challenges.md": ["Lack of experience", "Lack of process", "Lack of technology",
                      "Lack of reporting", "Lack of communication", "likes",
                      "email addresses collected", "minus the cost of producing it", "1.5 times",
                      "38%"],
    "sources.md": ["What is marketing operations and who are MOps professionals?", "Encharge"],
}


@pytest.mark.parametrize("page", sorted(ABOUT_FACTS))
def test_about_pages_carry_the_facts_of_the_sources(page):
    text = " ".join((ABOUT / page).read_text(encoding="utf-8").split())
    missing = [fact for fact in ABOUT_FACTS[page] if fact not in text]
    assert missing == []
    if page != "sources.md":
        assert "Source" in text


def test_about_pages_are_in_the_navigation():
    from generator.render.navigation import navigation, nav_paths

    pages = [f"about/{name}" for name in ABOUT_FACTS]
    assert set(pages) <= nav_paths(navigation(lambda key: key, pages))


# Realism: costs, fictional company data, integrations ---------------------------------------

def test_ad_spend_is_media_and_kept_apart_from_the_stacks_licences(catalog):
    media = {tool_id for tool_id, tool in catalog.tools.items()
             for line in tool.cost_lines if line.type.value == "media"}
    assert media == {"google-ads", "facebook-ads-manager", "linkedin-campaign-manager"}
    spend = sum(annual_amount(line)[0] for tool_id in media
                for line in catalog.tools[tool_id].cost_lines)
    assert spend == 228000
    stack = cost_frame(catalog)
    assert not set(stack["tool"]) & media
    assert stack["annual"].sum() < spend * 2  # the ads no longer dwarf the stack's own cost


def test_pricing_bases_fit_the_products(catalog):
    def bases(tool_id):
        return {line.basis.value for line in catalog.tools[tool_id].cost_lines if line.basis}
    assert bases("marketo") == {"per-contact"}
    assert "contacts" in catalog.tools["marketo"].cost_lines[0].label
    assert bases("zapier") == {"per-task"}
    assert bases("salesforce") == {"per-seat"}
    assert bases("zoominfo") == {"per-seat", "per-record"}


def test_fictional_contracts_seats_and_reviews_are_marked_as_examples(catalog):
    for tool_id, tool in catalog.tools.items():
        for part in (tool.contract, tool.licences, tool.reviews):
            if part is not None:
                assert part.example, tool_id


def _flows(catalog, tool_id, other):
    return [i for i in catalog.tools[tool_id].integrations if i.tool == other]


def test_hubspot_to_marketo_is_a_one_off_migration(catalog):
    [flow] = _flows(catalog, "hubspot", "marketo")
    assert flow.frequency.value == "one-off" and not flow.live


def test_warehouse_loads_go_through_an_elt_tool(catalog):
    for source in ("marketo", "salesforce"):
        [flow] = _flows(catalog, source, "snowflake")
        assert flow.via == "fivetran" and flow.method.value == "ipaas", source
    assert catalog.tools["fivetran"].category == "etl-reverse-etl"


def test_wordpress_sends_embedded_forms_and_the_tracking_script_to_marketo(catalog):
    [flow] = _flows(catalog, "wordpress", "marketo")
    assert flow.method.value == "embed"
    assert any("form" in item for item in flow.data)
    assert any("Munchkin" in item for item in flow.data)


def test_every_integration_says_how_and_how_often_and_none_is_recorded_twice(catalog):
    pairs = set()
    for tool_id, tool in catalog.tools.items():
        for flow in tool.integrations:
            assert flow.method and flow.frequency, (tool_id, flow.tool)
            pair = frozenset((tool_id, flow.tool))
            assert pair not in pairs, pair
            pairs.add(pair)


def test_salesforce_is_owned_by_revenue_operations_not_the_martech_manager(catalog):
    salesforce = catalog.tools["salesforce"]
    assert salesforce.owner == "salesforce-admin"
    assert catalog.roles["salesforce-admin"].department == "Revenue operations"
    for role_id in ("legal-counsel", "it-security-manager", "procurement-manager",
                    "sales-development-rep"):
        assert catalog.roles[role_id].department, role_id
