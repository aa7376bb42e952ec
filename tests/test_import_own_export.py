"""``mops import`` of the catalog's own export, run as a user runs it (the CLI as a subprocess,
in temporary folders): every row is unchanged and every file stays byte for byte as it was,
for a new catalog (``mops init``) and for the bundled one, from CSV and from XLSX."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

REPOSITORY = Path(__file__).resolve().parent.parent
KINDS = ("roles", "people", "teams", "kpis", "tools", "playbooks")


def mops(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd or REPOSITORY, timeout=300)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def init_catalog(tmp_path: Path) -> Path:
    root = tmp_path / "X"
    result = mops("init", root)
    assert result.returncode == 0, result.stderr
    return root


def bundled_catalog(tmp_path: Path) -> Path:
    root = tmp_path / "bundled"
    for folder in ("catalog", "playbooks"):
        shutil.copytree(REPOSITORY / folder, root / folder)
    return root


@pytest.mark.parametrize("catalog", [init_catalog, bundled_catalog])
@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_importing_the_own_export_changes_nothing(tmp_path, catalog, format_):
    root = catalog(tmp_path)
    out = tmp_path / ("E" if format_ == "csv" else "E.xlsx")
    exported = mops("export", root, "--format", format_, "--out", out)
    assert exported.returncode == 0, exported.stderr
    before = snapshot(root)
    for plural in KINDS:
        sheet = out / f"{plural}.csv" if format_ == "csv" else out
        result = mops("import", sheet, root, "--kind", plural)
        assert result.returncode == 0, result.stdout + result.stderr
        rows = [line for line in result.stdout.splitlines() if line.startswith("row ")]
        assert all(": unchanged " in line for line in rows), result.stdout
        assert "; wrote 0 files" in result.stdout, result.stdout
        if plural == "tools":
            assert rows, result.stdout
    assert snapshot(root) == before


def test_a_default_the_file_leaves_out_is_no_change_but_another_value_is(tmp_path):
    """``type: licence``, ``example: false``, ``term: fixed`` equal the schema's defaults: a
    row giving them changes nothing; a row giving another value changes the file."""
    root = init_catalog(tmp_path)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,cost.amount,cost.type,cost.example,contract.term,licences.bought,"
                     "licences.active,licences.example\n"
                     "hubspot-marketing,9600,licence,true,fixed,3,2,false\n", encoding="utf-8")
    path = root / "catalog/tools/hubspot-marketing.yaml"
    before = path.read_bytes()
    result = mops("import", sheet, root)
    assert result.returncode == 0, result.stderr
    assert "row 2: unchanged tool 'hubspot-marketing'" in result.stdout
    assert path.read_bytes() == before
    sheet.write_text("id,licences.bought,licences.active,licences.example,contract.term\n"
                     "hubspot-marketing,3,2,true,month-to-month\n", encoding="utf-8")
    result = mops("import", sheet, root)
    assert "row 2: updated tool 'hubspot-marketing'" in result.stdout, result.stdout
    assert "licences.example: (none) -> True" in result.stdout
    assert "contract.term: (none) -> 'month-to-month'" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "example: true" in text.split("licences:")[1] and "term: month-to-month" in text


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_custom_fields_differing_only_in_case_come_back_as_written(tmp_path, format_):
    """Two tools' ``Cost Centre`` and ``Cost centre`` are two custom fields of the export:
    its ``custom.<key>`` headers are taken exactly as written, not as one field twice."""
    root = init_catalog(tmp_path)
    with (root / "catalog/tools/hubspot-marketing.yaml").open("a", encoding="utf-8") as file:
        file.write("custom:\n  Cost Centre: MKT-200\n")
    with (root / "catalog/tools/salesforce.yaml").open("a", encoding="utf-8") as file:
        file.write("custom:\n  Cost centre: SAL-100\n")
    out = tmp_path / ("E" if format_ == "csv" else "E.xlsx")
    assert mops("export", root, "--format", format_, "--out", out).returncode == 0
    before = snapshot(root)
    result = mops("import", out / "tools.csv" if format_ == "csv" else out, root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'custom.Cost Centre' -> custom field 'Cost Centre'" in result.stdout
    assert "'custom.Cost centre' -> custom field 'Cost centre'" in result.stdout
    assert "2 rows: 2 unchanged" in result.stdout
    assert snapshot(root) == before


def test_a_summary_sheet_says_it_has_no_header_row(tmp_path):
    """``--sheet Summary`` with a "Total, 1234" line above the inventory reads the inventory
    under its real header; a sheet of totals only is refused, saying why (exit 2)."""
    root = init_catalog(tmp_path)
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    for record in (["Total", 1234], [], ["Application Name", "Vendor", "ACV"],
                   ["Figma", "Figma", 1200]):
        summary.append(record)
    totals = workbook.create_sheet("Totals")
    totals.append(["Total", 1234])
    book = tmp_path / "inventory.xlsx"
    workbook.save(book)
    result = mops("import", book, root, "--sheet", "Summary", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the header is row 3" in result.stdout
    assert "'Application Name' -> name (synonym)" in result.stdout
    assert "row 4: created tool 'figma'" in result.stdout
    before = snapshot(root)
    result = mops("import", book, root, "--sheet", "Totals")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "sheet 'Totals' of 'inventory.xlsx' has no header row" in result.stderr
    assert "Check that this is the right sheet (--sheet)" in result.stderr
    assert snapshot(root) == before


def test_a_price_edited_in_the_export_is_real(tmp_path):
    """The export of an example cost says ``cost.example: true``; a user who types the real
    price over the amount and imports the sheet back gets a real price, not an example."""
    root = init_catalog(tmp_path)
    out = tmp_path / "E"
    assert mops("export", root, "--format", "csv", "--out", out).returncode == 0
    sheet = out / "tools.csv"
    text = sheet.read_text(encoding="utf-8-sig")
    assert ",9600,USD,year,licence,,,true," in text
    sheet.write_text(text.replace(",9600,USD,", ",12000,USD,", 1), encoding="utf-8")
    result = mops("import", sheet, root, "--dry-run")
    assert "row 2: updated tool 'hubspot-marketing'" in result.stdout, result.stdout
    assert "    cost.amount: 9600 -> 12000\n    cost.example: True -> False\n" in result.stdout
    assert "'example: true' cleared: the imported amount differs" in result.stdout
    assert "row 3: unchanged tool 'salesforce'" in result.stdout
    assert mops("import", sheet, root).returncode == 0
    written = (root / "catalog/tools/hubspot-marketing.yaml").read_text(encoding="utf-8")
    assert "  amount: 12000\n  currency: USD\n  period: year\n  example: false\n" in written
