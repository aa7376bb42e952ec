"""The insights page of the action-list catalog (tests/fixtures/insights-actions) in Chromium at
1440 and 390 px: the action list comes first, severities are badges in colour, nothing is cut
or scrolls sideways, the site says which date it used; the iPaaS page lists its flows.

Screenshots go to MOPS_SCREENSHOTS (a folder) when it is set, to be looked at."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).parent.parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "insights-actions"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("insights") / "catalog"
    shutil.copytree(FIXTURE, root)
    (root / "docs").mkdir()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      audience: internal\n",
                            "      audience: internal\n      today: 2026-11-30\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert main(["build", str(root), "--strict", "--site-dir", str(root / "site")]) == 0
    return root / "site"


def shot(page, name: str) -> None:
    folder = os.environ.get("MOPS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


@pytest.mark.parametrize("width", [1440, 390])
def test_the_action_list_comes_first_and_reads_on_a_phone(page, serve, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(serve(site) + "insights/")
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("Act on these first") and headings[1].startswith("Findings")
    items = page.locator("article ol").first.locator("> li")
    assert items.count() == 14
    first = items.nth(0)
    assert first.inner_text().startswith("high Dec 2, 2026: Cancel Legacy DAM by Dec 2, 2026")
    badge = first.locator(".mops-severity")
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(198, 40, 40)"
    assert badge.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    assert "the date set for reports" in page.locator("article p").first.inner_text()
    # nothing wider than the screen, no badge or text cut off
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for index in range(items.count()):
        box = items.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    shot(page, f"insights-{width}.png")


def test_the_ipaas_page_lists_the_flows_it_carries(page, serve, site):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(serve(site) + "tools/zapier/")
    text = page.locator("article").inner_text()
    assert "No integrations" not in text
    assert "Flows between other tools that run through this one (1):" in text
    assert "HubSpot Marketing Hub → Salesforce Sales Cloud: leads (hourly)" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "zapier-390.png")
