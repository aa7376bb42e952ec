"""The action list on a catalog with every case of issue 15 (tests/fixtures/insights-actions,
reported on 2026-11-30): the whole list, in order, with dates, amounts and actions; savings;
acknowledgements; where the report's date comes from; the tool page of an iPaaS."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from generator.analysis.actions import action_list
from generator.analysis.insights import insights
from generator.checks import validate
from generator.cli import main
from generator.render.insights import insight_pages
from generator.render.pages import Renderer, render_pages
from generator.settings import Settings, dated

ACTIONS = Path(__file__).parent / "fixtures" / "insights-actions"
TODAY = dt.date(2026, 11, 30)
D = dt.date


@pytest.fixture(scope="module")
def catalog():
    catalog, problems = validate(ACTIONS, today=TODAY)
    assert problems == []
    return catalog


@pytest.fixture(scope="module")
def findings(catalog):
    return insights(catalog, Settings(today=TODAY))


def test_the_whole_action_list(findings):
    listed = action_list(findings)
    assert [(f.due, f.severity.value, f.code, f.action, f.amount) for f in listed.actions] == [
        (D(2026, 12, 2), "high", "I012", "cancel Legacy DAM by 2026-12-02", 15000.0),
        (D(2027, 1, 10), "medium", "I005", "let Cvent end on 2027-01-10; move its data first",
         6000.0),
        (D(2027, 1, 16), "medium", "I001", "choose one of HubSpot Marketing Hub, Marketo Engage "
         "for email-marketing, landing-pages, or acknowledge the overlap", 9600.0),
        (D(2027, 1, 16), "medium", "I006", "give notice by 2027-01-16 or HubSpot Marketing Hub "
         "renews on 2027-02-15", 9600.0),
        (D(2027, 1, 16), "medium", "I004", "remove 4 unused seats of HubSpot Marketing Hub by "
         "2027-01-16", 3840.0),
        (D(2027, 1, 20), "medium", "I016", "find the notice period of Vidyard before 2027-01-20 "
         "and record it", 3000.0),
        (D(2027, 1, 30), "low", "I006", "give notice by 2027-01-30 or ON24 renews on 2027-03-01",
         12000.0),
        (None, "medium", "I001", "choose one of FullStory, Hotjar for heatmaps, "
         "session-recording, or acknowledge the overlap", 1000.0),
        (None, "medium", "I002", "confirm who owns Semrush", None),
        (None, "medium", "I013", "confirm the next renewal date of ON24 and record it", None),
        (None, "medium", "I014", "move the flow from HubSpot Marketing Hub to Salesforce Sales "
         "Cloud off Zapier", None),
        (None, "low", "I015", "decide whether Drift replaces HubSpot Marketing Hub, or stop the "
         "evaluation", None),
        (None, "low", "I017", "remove the acknowledgement of I001 for HubSpot Marketing Hub, "
         "Looker from catalog/acknowledgements.yaml, or correct it", None),
        (None, "low", "I017", "remove the acknowledgement of R009 for Old CRM from "
         "catalog/acknowledgements.yaml, or correct it", None),
    ]
    # the retired DAM (15,000), HubSpot once (the overlap's 9,600 covers its unused seats),
    # Hotjar (the cheaper of the expired-acknowledgement pair)
    assert listed.savings == 15000 + 9600 + 1000


def test_what_is_left_out_and_why(findings):
    by_code = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    # owners in IT (a person), Legal, Sales and Data are normal: only the agency role is asked
    assert [f.entities for f in by_code["I002"]] == [(("tool", "semrush"),
                                                      ("role", "agency-contact"))]
    # the generic `reporting` shared with Looker raises nothing; one finding per group
    overlaps = {f.subjects: f.values["capability"] for f in by_code["I001"]}
    assert overlaps == {frozenset({"hubspot", "marketo"}): "email-marketing, landing-pages",
                        frozenset({"canva", "figma"}): "design",
                        frozenset({"fullstory", "hotjar"}): "heatmaps, session-recording"}
    # old-crm's one-off migration is no live flow; Zapier has no flows of its own (I014 instead)
    assert "I009" not in by_code
    # month-to-month Gong has no renewal findings; stack size leaves evaluating Drift out
    assert not any(f.subjects == {"gong"} for f in findings)
    assert by_code["I010"][0].values["count"] == 17
    # the stale ON24 date is replaced by the implied next renewal everywhere
    assert by_code["I013"][0].values["next"] == D(2027, 3, 1)


def test_acknowledged_and_expired(findings):
    design = next(f for f in findings if f.code == "I001" and f.subjects == {"canva", "figma"})
    assert not design.is_open and design.acknowledged.until == D(2027, 6, 30)
    assert design.as_dict()["status"] == "acknowledged"
    recordings = next(f for f in findings if f.subjects == {"hotjar", "fullstory"})
    assert recordings.is_open and recordings.acknowledged.expired
    assert action_list(findings).acknowledged == [design]


def test_retired_renewing_contract_is_in_costs_and_calendar(catalog):
    rendered = insight_pages(Renderer(catalog, Settings(today=TODAY, today_source="option")))
    page = rendered["insights/index.md"].markdown
    assert page.index("## Act on these first") < page.index("## Findings") < page.index("## Costs")
    first = page.split("## Act on these first", 1)[1].split("\n1. ", 2)[1]
    assert first.startswith('<span class="mops-badge mops-severity mops-severity--high">high'
                            '</span> **Dec 2, 2026**: Cancel [Legacy DAM](../tools/legacy-dam.md) '
                            'by Dec 2, 2026 ($15,000 a year)')
    assert "**Savings you can act on: $25,600 a year" in page
    assert "| [Digital asset management](../categories/dam.md) | 1 | $15,000 | $0 |" in page
    assert '| <span class="mops-badge mops-lifecycle--retired">Retired</span> | 1 | $15,000 |' \
        in page
    assert "| Dec 2, 2026 | [Legacy DAM](../tools/legacy-dam.md) | Last day to cancel" in page
    assert "| Jan 30, 2027 | [ON24](../tools/webinars.md) | Last day to cancel" in page
    assert "implied: the recorded date has passed" in page
    assert "Media &#40;ad&#41; spend is kept apart from these totals: $120,000 a year." in page
    assert "&#40;the date set for reports&#41;" in page.split("\n\n")[1]


def test_an_ipaas_page_lists_the_flows_it_carries(catalog):
    page = render_pages(catalog, Settings(today=TODAY), only={"tools/zapier.md"})
    text = page["tools/zapier.md"].markdown
    assert "No integrations" not in text
    assert "Flows between other tools that run through this one &#40;1&#41;:" in text
    assert ("- [HubSpot Marketing Hub](hubspot.md) → [Salesforce Sales Cloud](salesforce.md): "
            "leads (hourly)") in text


def test_report_formats_agree(capsys):
    assert main(["report", str(ACTIONS), "--format", "json", "--today", "2026-11-30"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [a["code"] for a in document["actions"]] == [
        "I012", "I005", "I001", "I006", "I004", "I016", "I006", "I001", "I002", "I013", "I014",
        "I015", "I017", "I017"]
    assert document["actions"][0] | {} == {**document["actions"][0], "due": "2026-12-02",
                                          "amount": 15000.0, "status": "open",
                                          "savings": [{"tool": "legacy-dam", "amount": 15000.0}]}
    assert document["savings"] == 25600 and document["currency"] == "USD"
    assert main(["report", str(ACTIONS), "--format", "markdown", "--today", "2026-11-30"]) == 0
    markdown = capsys.readouterr().out
    actions = markdown.split("## Act on these first", 1)[1].split("## ", 1)[0]
    assert actions.splitlines()[4] == (
        "1. `high` **Dec 2, 2026**: Cancel Legacy DAM by Dec 2, 2026 ($15,000 a year) · I012")
    assert actions.index("Cancel Legacy DAM") < actions.index("Let Cvent end")


def test_the_report_date_and_where_it_comes_from(tmp_path):
    assert dated(Settings(today=TODAY, today_source="flag"), None, {"MOPS_TODAY": "2027-01-01"}
                 ).today == TODAY  # --today wins
    from_env = dated(Settings(today=TODAY), None, {"MOPS_TODAY": "2027-01-01"})
    assert (from_env.today, from_env.today_source) == (D(2027, 1, 1), "environment")
    assert dated(Settings(today=TODAY), None, {}).today_source == "option"
    with pytest.raises(ValueError, match="MOPS_TODAY='2027-02-30' is not a date"):
        dated(Settings(), None, {"MOPS_TODAY": "2027-02-30"})
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {"GIT_COMMITTER_DATE": "2026-05-04T10:00:00+00:00",
           "GIT_AUTHOR_DATE": "2026-05-04T10:00:00+00:00", "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    for command in (["init", "-q"], ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q",
                                     "--allow-empty", "-m", "x"]):
        subprocess.run(["git", "-C", str(repo), *command], check=True, env=env)
    from_commit = dated(Settings(), repo, {})
    assert (from_commit.reference_date(), from_commit.today_source) == (D(2026, 5, 4), "commit")
    assert from_commit.today is None  # validation keeps the real date for "review in future"
    assert dated(Settings(), tmp_path, {}).today_source == "system"


def test_the_calendar_feed_has_the_implied_renewal(catalog):
    from generator.export.ics_export import ics_text

    feed = ics_text(catalog, Settings(today=TODAY))
    assert "DTSTART;VALUE=DATE:20270301" in feed  # ON24's next renewal, not Mar 1, 2026
    assert "DTSTART;VALUE=DATE:20260301" not in feed
    assert "DTSTART;VALUE=DATE:20261202" in feed  # the retired DAM's cancel-by date
