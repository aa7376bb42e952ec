"""XLSX export: opens with pandas, one sheet per kind plus the RACI matrix, same bytes twice."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from generator.checks import validate
from generator.cli import main
from generator.export.xlsx_export import xlsx_bytes
from generator.settings import Settings

CRAFTED = Path(__file__).parent / "fixtures" / "insights"


@pytest.fixture(scope="module")
def catalog():
    return validate(CRAFTED)[0]


@pytest.fixture(scope="module")
def workbook(catalog):
    return xlsx_bytes(catalog, Settings())


def test_sheets_and_rows(catalog, workbook):
    sheets = pd.read_excel(io.BytesIO(workbook), sheet_name=None)
    assert list(sheets) == ["layers", "categories", "tasks", "kpis", "roles", "people", "teams", "tools",
                            "playbooks", "raci"]
    for kind, plural in (("tool", "tools"), ("role", "roles"), ("category", "categories"),
                         ("playbook", "playbooks")):
        assert list(sheets[plural]["id"]) == list(catalog.entities[kind])
    tools = sheets["tools"].set_index("id")
    assert tools.loc["marketo", "cost.amount"] == 36000
    assert tools.loc["hubspot", "licences.bought"] == 5
    assert pd.Timestamp(tools.loc["marketo", "contract.renewal"]) == pd.Timestamp("2026-06-21")


def test_raci_sheet(workbook):
    raci = pd.read_excel(io.BytesIO(workbook), sheet_name="raci").fillna("")
    assert list(raci.columns[:3]) == ["playbook", "step", "name"]
    assert list(raci["name"]) == ["Score leads", "Sync to the CRM"]
    first, second = raci.to_dict(orient="records")
    assert (first["automation-specialist"], first["mops-manager"], first["agency-contact"]) == (
        "R", "A", "I")
    assert second["mops-manager"] == "AC"


def test_formula_like_text_stays_text(workbook):
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["tools"]
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_same_bytes_every_time(catalog, workbook):
    assert xlsx_bytes(catalog, Settings()) == workbook


def test_wide_audience_has_no_cost_columns(catalog):
    tools = pd.read_excel(io.BytesIO(xlsx_bytes(catalog, Settings(audience="wide"))),
                          sheet_name="tools")
    assert not [c for c in tools.columns if c.startswith(("cost.", "contract."))]


def test_cli_says_what_it_wrote(tmp_path, capsys):
    out = tmp_path / "catalog.xlsx"
    assert main(["export", str(CRAFTED), "--format", "xlsx", "--out", str(out)]) == 0
    assert "raci" in pd.ExcelFile(out).sheet_names
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"wrote {out} (sheets: layers, categories, tasks, kpis, roles, people, teams, tools, "
        "playbooks, raci)")


def test_every_sheet_opens_ready_to_filter(workbook):
    """Header row bold and frozen, a filter over every column and row, columns sized to their
    content: the workbook is usable as soon as it opens."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    for sheet in book.worksheets:
        columns = sheet.max_column
        last = openpyxl.utils.get_column_letter(columns)
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        assert all(sheet.cell(1, c).font.b for c in range(1, columns + 1)), sheet.title
        widths = {c: sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width
                  for c in range(1, columns + 1)}
        assert all(6 <= w <= 60 for w in widths.values()), (sheet.title, widths)
    tools = book["tools"]
    header = {tools.cell(1, c).value: c for c in range(1, tools.max_column + 1)}
    width = lambda name: tools.column_dimensions[  # noqa: E731
        openpyxl.utils.get_column_letter(header[name])].width
    longest_name = max(len(str(tools.cell(r, header["name"]).value))
                       for r in range(2, tools.max_row + 1))
    assert width("name") >= longest_name
    assert width("contract.renewal") >= 10  # a whole date
    assert width("id") < width("name") or longest_name < 8


def test_raci_sheet_without_playbooks():
    catalog = validate(CRAFTED)[0]
    catalog.entities["playbook"].clear()
    raci = pd.read_excel(io.BytesIO(xlsx_bytes(catalog, Settings())), sheet_name="raci")
    assert list(raci.columns) == ["playbook", "step", "name"] and raci.empty
