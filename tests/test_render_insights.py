"""The insights pages and downloads, rendered and built (generator/render/insights.py).

The build-level test makes a wide-audience site from the crafted catalog and searches every
file it wrote (pages, search index, downloads, inside the XLSX workbook too) for cost and
contract figures.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import icalendar
import pandas as pd
import pytest

from generator.checks import validate
from generator.cli import main
from generator.render.insights import ACTIONS_SHOWN, build_report, insight_pages
from generator.render.pages import Renderer
from generator.settings import Settings
from conftest import FIXTURES, REPO

TODAY = dt.date(2026, 6, 1)
# every cost and contract figure of the crafted catalog, as it may be written
COST_FIGURES = ["36000", "36,000", "36&#44;000", "42,120", "42120", "42&#44;120", "5432",
                "5,432", "5&#44;432", "1200.5", "1,200.5", "1&#44;200", "2026-06-21",
                "2026-08-15", "2026-07-10", "2026-07-01", "2025-06-21"]


@pytest.fixture(scope="module")
def catalog():
    return validate(FIXTURES / "insights")[0]


def pages(catalog, **settings):
    return insight_pages(Renderer(catalog, Settings(today=TODAY, **settings)))


def test_pages_and_their_sections(catalog):
    rendered = pages(catalog)
    assert list(rendered) == ["insights/index.md", "insights/codes.md", "downloads/index.md"]
    report = rendered["insights/index.md"].markdown
    for heading in ("## Findings", "### I001:", "### I011:", "## Costs", "### By category",
                    "### By owner", "### Other currencies", "## Renewals", "## RACI load"):
        assert heading in report, heading
    assert report.count("<svg") == 1  # cost by category
    assert report.count('<ol class="mops-calendar"') == 1  # renewals
    assert "[Agency contact](../roles/agency-contact.md)" in report  # I002 links the role
    assert "| Jul 1, 2026 | [HubSpot Marketing Hub](../tools/hubspot.md) | Last day to cancel" \
        in report
    assert "FY2026 Q3" in report
    codes = rendered["insights/codes.md"].markdown
    assert all(f"## I{n:03d}: " in codes for n in range(1, 18))


def test_the_renewals_calendar_says_it_covers_a_year_and_the_table_the_windows(catalog):
    """The calendar spans twelve months: the sentence about the next 90 days belongs to the
    table under it, not above a calendar that goes on to next year."""
    report = pages(catalog)["insights/index.md"].markdown
    section = report[report.index("## Renewals"):report.index("## RACI load")]
    calendar = section.index('<ol class="mops-calendar"')
    caption = section.index("Renewal and cancel-by dates over the next twelve months")
    window = section.index("in the next 90 days")
    table = section.index("| Date |")
    assert caption < calendar < window < table


def test_a_long_action_list_shows_the_most_urgent_and_says_how_many_more(tmp_path, capsys):
    """A synthetic 40-tool catalog has well over ACTIONS_SHOWN actions: the site lists exactly
    the first ACTIONS_SHOWN (in the action list's order), then one line with how many more there
    are and where they are; the savings stay those of every action; `mops report --format
    markdown` keeps the whole list."""
    generate = Path(__file__).parent.parent / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(generate), "40", str(tmp_path)], check=True,
                   capture_output=True)
    big = validate(tmp_path)[0]
    settings = Settings(today=TODAY)
    full = build_report(big, settings).actions
    total = len(full.actions)
    assert total > ACTIONS_SHOWN and full.savings
    page = insight_pages(Renderer(big, settings))["insights/index.md"].markdown
    section = page[page.index("## Act on these first"):page.index("## Findings")]
    items = [line for line in section.splitlines() if line.startswith("1. ")]
    assert len(items) == ACTIONS_SHOWN
    for item, finding in zip(items, full.actions):
        assert f"· [{finding.code}](codes.md#" in item
    more = [line for line in section.splitlines() if line.startswith("Not listed here")]
    assert more == [f"Not listed here: {total - ACTIONS_SHOWN} more of the {total} actions. "
                    f"The savings above count all {total}. Every one is under its code in "
                    "the findings below, and the command mops report lists them all."]
    assert section.index(items[-1]) < section.index(more[0])
    assert settings.currency and f"{full.savings:,.0f}" in section.replace("&#44;", ",")
    assert main(["report", str(tmp_path), "--format", "markdown", "--today", "2026-06-01"]) == 0
    printed = capsys.readouterr().out
    assert "Not listed here" not in printed
    listed = printed[printed.index("## Act on these first"):printed.index("## Findings")]
    assert sum(line.startswith("1. ") for line in listed.splitlines()) == total


def test_findings_speak_the_site_language(catalog):
    report = pages(catalog, language="ko")["insights/index.md"].markdown
    assert "### I001: 기능이 겹치는 사용 중인 도구" in report
    assert ("사용 중인 도구 2개가 email-marketing 기능을 함께 제공합니다: "
            "[HubSpot Marketing Hub](../tools/hubspot.md), [Marketo Engage](../tools/marketo.md)"
            in report)
    english = pages(catalog)["insights/index.md"].markdown
    assert ("2 tools in use share email-marketing: [HubSpot Marketing Hub](../tools/hubspot.md), "
            "[Marketo Engage](../tools/marketo.md)") in english  # names, not ids


def test_fiscal_year_setting_changes_the_quarters(catalog):
    report = pages(catalog, fiscal_year_start=4)["insights/index.md"].markdown
    assert "FY2027 Q1" in report and "FY2026 Q3" not in report


def test_downloads_page_links_every_file(catalog):
    downloads = pages(catalog)["downloads/index.md"].markdown
    for name in ("catalog.json", "catalog.xlsx", "renewals.ics", "csv/tools.csv",
                 "csv/roles.csv"):
        assert f"]({name})" in downloads, name
    assert "renewals.ics" not in pages(catalog, audience="wide")["downloads/index.md"].markdown


def test_wide_audience_pages_have_no_costs_or_contracts(catalog):
    rendered = pages(catalog, audience="wide")
    text = "\n".join(page.markdown for page in rendered.values())
    assert "## Costs" not in text and "## Renewals" not in text and "$" not in text
    assert "I005" not in rendered["insights/index.md"].markdown


# --------------------------------------------------------------------------- built sites


def project(tmp_path: Path, audience: str) -> Path:
    root = tmp_path / audience
    shutil.copytree(FIXTURES / "insights", root)
    (root / "docs").mkdir()  # only generated pages: the test does not depend on docs/
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      audience: internal\n" in config
    config = config.replace("      audience: internal\n",
                            f"      audience: {audience}\n      today: {TODAY.isoformat()}\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert main(["build", str(root), "--strict", "--site-dir", str(root / "site")]) == 0
    return root / "site"


def every_text(site: Path):
    """``(path, text)`` for every file written, archives opened."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if path.suffix == ".xlsx":
            archive = zipfile.ZipFile(io.BytesIO(data))
            for member in archive.namelist():
                yield f"{path}:{member}", archive.read(member).decode("utf-8", "replace")
            continue
        yield str(path), data.decode("utf-8", "replace")


def test_wide_build_holds_no_cost_or_contract_figure(tmp_path):
    site = project(tmp_path, "wide")
    assert (site / "insights" / "index.html").is_file()
    assert (site / "search" / "search_index.json").is_file()
    assert not (site / "downloads" / "renewals.ics").exists()
    checked = 0
    for name, text in every_text(site):
        checked += 1
        for figure in COST_FIGURES:
            assert figure not in text, f"{figure!r} in {name}"
    assert checked > 20


def test_internal_build_has_insights_and_downloads(tmp_path):
    site = project(tmp_path, "internal")
    html = (site / "insights" / "index.html").read_text(encoding="utf-8")
    assert "36,000" in html and "<svg" in html
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("insights/" in doc["location"] for doc in index["docs"])
    downloads = site / "downloads"
    assert (downloads / "csv" / "tools.csv").read_text(encoding="utf-8-sig").startswith("id,name,")
    sheets = pd.read_excel(downloads / "catalog.xlsx", sheet_name=None)
    assert "raci" in sheets and len(sheets["tools"]) == 6
    calendar = icalendar.Calendar.from_ical((downloads / "renewals.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 7  # with the retired old-tool, which renews
    assert json.loads((downloads / "catalog.json").read_text())["tools"][0]["id"]
    page = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'href="renewals.ics"' in page and 'href="csv/tools.csv"' in page
