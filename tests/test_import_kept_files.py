"""``mops import`` into files people wrote by hand: an update changes only the lines of the
fields it changes (comments, order, quoting, blank lines kept), and a row for a tool whose file
has errors is skipped with the file named, never made into a second tool."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from generator.checks import validate
from generator.cli import main

EVERY_FIELD = Path(__file__).parent / "fixtures" / "every_field"

HUBSPOT = """\
# yaml-language-server: $schema=../../schemas/tool.schema.json
#
# HubSpot Marketing Hub: email, landing pages and forms for the EMEA team.
# Reviewed with IT in March; see the vendor review folder for the DPA.

name: HubSpot Marketing Hub   # as on the invoice
vendor: "HubSpot"
category: marketing-automation
lifecycle: adopted
owner: mops-manager            # Ana's team

# Money ---------------------------------------------------------------------
cost:
  amount: 18_000     # 3 seats + 10k contacts tier
  currency: USD
  period: year

contract:
  renewal: 2026-09-30   # ask procurement 90 days before
  notice_days: 60
  auto_renew: yes

departments: [Marketing, Sales]

# Everything below is maintained by the MOps manager.
description: |
  Sends the **monthly newsletter** and runs the EMEA nurture.

  Forms on the website post into it.
tags:
- email
- forms        # website forms only
"""

SHEET = """\
Application Name,Vendor,Annual Contract Value (USD),Contract End Date,Auto-Renew,Cost Center
HubSpot Marketing Hub,HubSpot,"$21,000.00",10/31/2026,No,MKT-200
"""


def catalog_with(tmp_path: Path, tools: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    (root / "catalog" / "tools").mkdir(parents=True)
    for name in ("categories.yaml", "tasks.yaml"):
        shutil.copy(EVERY_FIELD / "catalog" / name, root / "catalog" / name)
    shutil.copytree(EVERY_FIELD / "catalog" / "roles", root / "catalog" / "roles")
    for name, text in tools.items():
        (root / "catalog" / "tools" / name).write_text(text, encoding="utf-8")
    return root


def run_import(capsys, *args) -> tuple[int, str]:
    code = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def diff(before: str, after: str) -> tuple[list[str], list[str]]:
    lines = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="",
                                      n=0))[2:]
    return ([line[1:] for line in lines if line.startswith("-") and not line.startswith("---")],
            [line[1:] for line in lines if line.startswith("+")])


def test_an_update_changes_only_the_lines_of_the_changed_fields(tmp_path, capsys):
    root = catalog_with(tmp_path, {"hubspot.yaml": HUBSPOT})
    assert validate(root)[1] == []
    sheet = tmp_path / "apps.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    file = root / "catalog/tools/hubspot.yaml"

    code, out = run_import(capsys, sheet, root, "--dry-run")
    assert code == 0
    assert file.read_text(encoding="utf-8") == HUBSPOT  # a dry run writes nothing
    assert "row 2: updated tool 'hubspot'" in out
    for change in ("    cost.amount: 18000 -> 21000", "    contract.renewal: 2026-09-30 -> "
                   "2026-10-31", "    contract.auto_renew: True -> False",
                   "    custom.Cost Center: (none) -> 'MKT-200'"):
        assert change in out, out
    assert "1 row: 1 updated; would write 1 file (dry run: nothing written)" in out

    code, out = run_import(capsys, sheet, root)
    assert code == 0, out
    after = file.read_text(encoding="utf-8")
    assert diff(HUBSPOT, after) == (
        ["  amount: 18_000     # 3 seats + 10k contacts tier",
         "  renewal: 2026-09-30   # ask procurement 90 days before",
         "  auto_renew: yes"],
        ["  amount: 21000     # 3 seats + 10k contacts tier",
         "  renewal: 2026-10-31   # ask procurement 90 days before",
         "  auto_renew: false",
         "custom:",
         "  Cost Center: MKT-200"])
    assert validate(root)[1] == []
    # importing the same sheet again changes nothing
    code, out = run_import(capsys, sheet, root)
    assert "row 2: unchanged tool 'hubspot'" in out and file.read_text() == after


def test_a_cost_line_of_another_type_keeps_the_first_lines_comments(tmp_path, capsys):
    root = catalog_with(tmp_path, {"hubspot.yaml": HUBSPOT})
    sheet = tmp_path / "usage.csv"
    sheet.write_text("Tool,Vendor,Cost,Cost type,Billing period\n"
                     "HubSpot Marketing Hub,HubSpot,400,usage,month\n", encoding="utf-8")
    code, out = run_import(capsys, sheet, root, "--dry-run")
    changes = [line for line in out.splitlines() if line.startswith("    ")]
    assert changes == ["    cost line 2.amount: (none) -> 400",
                       "    cost line 2.type: (none) -> 'usage'",
                       "    cost line 2.period: (none) -> 'month'"]  # the first line is as it was
    code, out = run_import(capsys, sheet, root)
    assert code == 0, out
    after = (root / "catalog/tools/hubspot.yaml").read_text(encoding="utf-8")
    removed, added = diff(HUBSPOT, after)
    assert removed == ["  amount: 18_000     # 3 seats + 10k contacts tier", "  currency: USD",
                       "  period: year"]
    assert added == ["  - amount: 18_000     # 3 seats + 10k contacts tier",
                     "    currency: USD", "    period: year", "  - amount: 400",
                     "    type: usage", "    period: month"]
    catalog, problems = validate(root)
    assert problems == [] and len(catalog.tools["hubspot"].cost_lines) == 2


BROKEN_SCHEMA = HUBSPOT.replace("lifecycle: adopted", "lifecycle: maybe")  # mid-edit
BROKEN_SYNTAX = "# Zoom, being rewritten\nname: Zoom\nvendor: [Zoom\ncategory: crm\n"
BAD_FILE_NAME = "name: Miro\nvendor: Miro\ncategory: crm\nlifecycle: adopted\n"


def test_a_row_for_a_file_with_errors_is_skipped_not_made_a_second_tool(tmp_path, capsys):
    files = {"hubspot.yaml": BROKEN_SCHEMA, "zoom.yaml": BROKEN_SYNTAX,
             "Miro Board.yaml": BAD_FILE_NAME}
    root = catalog_with(tmp_path, files)
    sheet = tmp_path / "apps.csv"
    sheet.write_text(textwrap.dedent("""\
        id,Tool,Vendor,Category,Annual cost
        ,HubSpot Marketing Hub,HubSpot,marketing-automation,21000
        ,Hubspot Marketing Hubb,HubSpot,marketing-automation,21000
        ,ZOOM,Zoom Video,crm,1000
        ,Miro Board,Miro,crm,800
        hubspot,Anything,HubSpot,marketing-automation,1
        ,Loom,Atlassian,crm,300
        """), encoding="utf-8")
    for dry_run in (["--dry-run"], []):
        code, out = run_import(capsys, sheet, root, *dry_run)
        assert code == 1
        for number, tool_id, file in ((2, "hubspot", "hubspot.yaml"),
                                      (3, "hubspot", "hubspot.yaml"),
                                      (4, "zoom", "zoom.yaml"),
                                      (5, "Miro Board", "Miro Board.yaml"),
                                      (6, "hubspot", "hubspot.yaml")):
            assert (f"row {number}: skipped tool '{tool_id}': catalog/tools/{file} has errors: "
                    "fix it (`mops validate` lists them), then import again") in out, out
        assert "row 7: created tool 'loom'" in out
    assert sorted(p.name for p in (root / "catalog/tools").iterdir()) == sorted(
        [*files, "loom.yaml"])  # no second HubSpot, Zoom or Miro
    for name, text in files.items():
        assert (root / "catalog/tools" / name).read_text(encoding="utf-8") == text

    # once the file is fixed, the row updates it
    (root / "catalog/tools/hubspot.yaml").write_text(HUBSPOT, encoding="utf-8")
    sheet.write_text("Tool,Vendor,Annual cost\nHubSpot Marketing Hub,HubSpot,21000\n",
                     encoding="utf-8")
    code, out = run_import(capsys, sheet, root)
    assert "row 2: updated tool 'hubspot'" in out and "cost.amount: 18000 -> 21000" in out
    assert yaml.safe_load((root / "catalog/tools/hubspot.yaml").read_text())["cost"] == {
        "amount": 21000, "currency": "USD", "period": "year"}


def test_the_cli_reports_a_skipped_broken_file_without_a_traceback(tmp_path):
    root = catalog_with(tmp_path, {"zoom.yaml": BROKEN_SYNTAX})
    sheet = tmp_path / "apps.csv"
    sheet.write_text("Tool,Vendor\nZoom,Zoom\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator", "import", str(sheet), str(root)],
                         capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "row 2: skipped tool 'zoom': catalog/tools/zoom.yaml has errors" in run.stdout
    assert not (root / "catalog/tools/zoom-zoom.yaml").exists()


def test_a_value_the_schema_refuses_leaves_the_files_value_as_it_was(tmp_path, capsys):
    with_url = HUBSPOT.replace("lifecycle: adopted\n",
                              "lifecycle: adopted\nurl: https://www.hubspot.com  # login\n")
    root = catalog_with(tmp_path, {"hubspot.yaml": with_url})
    sheet = tmp_path / "apps.csv"
    sheet.write_text("Tool,Vendor,Website,Cost\nHubSpot Marketing Hub,HubSpot,see wiki,19000\n",
                     encoding="utf-8")
    code, out = run_import(capsys, sheet, root)
    assert code == 0 and "kept as custom field 'Website'" in out
    after = (root / "catalog/tools/hubspot.yaml").read_text(encoding="utf-8")
    assert "url: https://www.hubspot.com  # login\n" in after  # not dropped with the bad value
    assert diff(with_url, after) == (
        ["  amount: 18_000     # 3 seats + 10k contacts tier"],
        ["  amount: 19000     # 3 seats + 10k contacts tier", "custom:", "  Website: see wiki"])
    assert validate(root)[1] == []


def test_a_file_that_cannot_be_changed_in_place_is_left_alone_and_the_row_skipped(
        tmp_path, capsys):
    aliased = HUBSPOT.replace('vendor: "HubSpot"', "vendor: &maker HubSpot") + (
        "custom:\n  Maker: *maker   # the same text as the vendor\n")
    root = catalog_with(tmp_path, {"hubspot.yaml": aliased})
    assert validate(root)[1] == []
    sheet = tmp_path / "apps.csv"
    sheet.write_text("Tool,Vendor\nHubSpot Marketing Hub,HubSpot Inc\n", encoding="utf-8")
    code, out = run_import(capsys, sheet, root)
    assert code == 1
    assert ("row 2: skipped tool 'hubspot': catalog/tools/hubspot.yaml could not be changed "
            "without rewriting more of it (it uses YAML anchors and aliases (&name, *name)); "
            "make these changes by hand\n    vendor: 'HubSpot' -> 'HubSpot Inc'") in out
    assert "wrote 0 files" in out
    assert (root / "catalog/tools/hubspot.yaml").read_text(encoding="utf-8") == aliased


def test_an_owner_whose_person_file_has_errors_is_not_created_again(tmp_path, capsys):
    root = catalog_with(tmp_path, {})
    (root / "catalog/people").mkdir()
    person = "name: Kim Lee\nemail: kim.lee@example.com\ndepartment: IT\nphone: 555\n"
    (root / "catalog/people/kim.yaml").write_text(person, encoding="utf-8")  # unknown field
    sheet = tmp_path / "apps.csv"
    sheet.write_text("Tool,Vendor,Category,Business Owner,IT Owner\n"
                     "Zoom,Zoom,crm,Kim Lee,kim.lee@example.com\n", encoding="utf-8")
    code, out = run_import(capsys, sheet, root)
    assert code == 0, out
    zoom = yaml.safe_load((root / "catalog/tools/zoom.yaml").read_text(encoding="utf-8"))
    assert zoom["owner"] == zoom["technical_owner"] == "kim"
    assert sorted(p.name for p in (root / "catalog/people").iterdir()) == ["kim.yaml"]
    assert (root / "catalog/people/kim.yaml").read_text(encoding="utf-8") == person


def test_an_update_of_the_bundled_catalog_touches_only_the_changed_values(tmp_path, capsys):
    """The repository's own catalog, as its authors wrote it (flow mappings, long lines,
    Markdown blocks): an update changes the cost and renewal lines and adds the custom field."""
    source = Path(__file__).parent.parent
    root = tmp_path / "repo"
    for folder in ("catalog", "playbooks"):
        shutil.copytree(source / folder, root / folder)
    errors_before = [p for p in validate(root)[1] if p.severity.name == "ERROR"]
    tools = ("hubspot", "salesforce", "asana")
    before = {t: (root / f"catalog/tools/{t}.yaml").read_text(encoding="utf-8") for t in tools}
    sheet = tmp_path / "finance.csv"
    sheet.write_text("Tool ID,Annual Contract Value (USD),Contract End Date,Cost Center\n"
                     + "".join(f"{t},123456,2031-03-31,MKT-{n}\n" for n, t in enumerate(tools)),
                     encoding="utf-8")
    code, out = run_import(capsys, sheet, root)
    assert code == 0, out
    for number, name in enumerate(tools):
        after = (root / f"catalog/tools/{name}.yaml").read_text(encoding="utf-8")
        removed, added = diff(before[name], after)
        assert removed and all("amount" in line or "renewal" in line for line in removed), name
        assert sum("123456" in line for line in added) == 1
        assert sum("2031-03-31" in line for line in added) == 1
        assert [line for line in added if "123456" not in line and "2031-03-31" not in line] \
            in (["custom:", f"  Cost Center: MKT-{number}"], [f"  Cost Center: MKT-{number}"])
    assert [p for p in validate(root)[1] if p.severity.name == "ERROR"] == errors_before
