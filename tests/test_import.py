"""``mops import``: lossless round trip, header synonyms, every skipped row reported."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pandas as pd
import pytest
import yaml

from generator.checks import validate
from generator.cli import main
from generator.commands.import_ import KINDS_BY_PLURAL
from generator.export.csv_export import csv_texts, write_csv
from generator.export.xlsx_export import xlsx_bytes
from generator.model.catalog import ENTITY_MODELS
from generator.settings import Settings

CRAFTED = Path(__file__).parent / "fixtures" / "insights"
ENTITY_KINDS = {"tools": "catalog/tools", "roles": "catalog/roles", "teams": "catalog/teams",
                "kpis": "catalog/kpis", "playbooks": "playbooks"}


def empty_catalog(tmp_path: Path) -> Path:
    """The crafted catalog's list files (layers, categories, tasks) and no entity files."""
    root = tmp_path / "empty"
    (root / "catalog").mkdir(parents=True)
    for name in ("categories.yaml", "tasks.yaml"):
        shutil.copy(CRAFTED / "catalog" / name, root / "catalog" / name)
    return root


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_csv_export_import_export_is_lossless(tmp_path, capsys):
    first = tmp_path / "first"
    write_csv(validate(CRAFTED)[0], Settings(), first)
    root = empty_catalog(tmp_path)
    for plural in ENTITY_KINDS:
        assert main(["import", str(first / f"{plural}.csv"), "--kind", plural, str(root)]) == 0
    catalog, problems = validate(root)
    assert not problems
    assert csv_texts(catalog, Settings()) == {
        p.name: p.read_text(encoding="utf-8") for p in first.iterdir()}
    for plural, folder in ENTITY_KINDS.items():  # the same data (defaults now written out)
        model = ENTITY_MODELS[KINDS_BY_PLURAL[plural]]
        for path in (CRAFTED / folder).glob("*.yaml"):
            imported = root / folder / path.name
            assert model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))) == \
                model.model_validate(yaml.safe_load(imported.read_text(encoding="utf-8")))


def test_xlsx_import_gives_the_same_tools(tmp_path, capsys):
    workbook = tmp_path / "catalog.xlsx"
    workbook.write_bytes(xlsx_bytes(validate(CRAFTED)[0], Settings()))
    root = empty_catalog(tmp_path)
    for plural in ENTITY_KINDS:
        assert main(["import", str(workbook), "--kind", plural, str(root)]) == 0
    catalog, problems = validate(root)
    assert not problems
    assert csv_texts(catalog, Settings()) == csv_texts(validate(CRAFTED)[0], Settings())


def test_synonyms_and_ids_from_names(tmp_path, capsys):
    root = empty_catalog(tmp_path)
    sheet = write(tmp_path / "inventory.csv", """
        Product,Supplier,Category,Status,Owner,Annual cost,Renewal date,Seats,Notes,Colour
        Marketo Engage,Adobe,marketing-automation,adopted,mops-manager,"36000",2026-12-31,10,Core,blue
        Canvá Pro,Canva,design,piloting,mops-manager,,,,,red
        """)
    assert main(["import", str(sheet), "--kind", "tools", str(root)]) == 1  # licences half set
    err = capsys.readouterr().err
    assert "column 'Colour' is not a tool field; ignored" in err
    marketo_row = "row 2 skipped: no value for 'licences.active'"
    assert marketo_row in err
    tool = yaml.safe_load((root / "catalog/tools/canva-pro.yaml").read_text())
    assert tool == {"name": "Canvá Pro", "vendor": "Canva", "category": "design",
                    "lifecycle": "piloting", "owner": "mops-manager"}
    sheet.write_text(sheet.read_text().replace("Seats", "Pronoun"), encoding="utf-8")
    assert main(["import", str(sheet), "--kind", "tools", str(root)]) == 1  # canva-pro exists
    tool = yaml.safe_load((root / "catalog/tools/marketo-engage.yaml").read_text())
    assert tool["cost"] == {"amount": 36000}
    assert tool["contract"] == {"renewal": dt.date(2026, 12, 31)}
    assert tool["description"] == "Core"
    assert list(tool)[:5] == ["name", "vendor", "category", "lifecycle", "owner"]  # schema order


def test_every_skipped_row_is_reported_with_its_reason(tmp_path, capsys):
    root = empty_catalog(tmp_path)
    sheet = write(tmp_path / "tools.csv", """
        id,name,vendor,category,lifecycle,owner,cost.amount,integrations
        good,Good,V,design,adopted,mops-manager,10,
        ,,,,,,
        Bad_Id,Bad,V,design,adopted,mops-manager,
        good,Again,V,design,adopted,mops-manager,
        no-vendor,No vendor,,design,adopted,mops-manager,
        odd-cost,Odd,V,design,adopted,mops-manager,lots
        odd-state,Odd,V,design,maybe,mops-manager,
        odd-flow,Odd,V,design,adopted,mops-manager,,a:out:x:y:native:daily:z
        """)
    assert main(["import", str(sheet), "--kind", "tools", str(root)]) == 1
    err = capsys.readouterr().err
    for expected in ("row 3 skipped: the row is empty",
                     "row 4 skipped: 'Bad_Id' is not a valid id",
                     "row 5 skipped: the id 'good' is already used by row 2",
                     "row 6 skipped: no value for 'vendor'",
                     "row 7 skipped: 'cost.amount'",
                     "row 8 skipped: 'lifecycle'",
                     "row 9 skipped: column 'integrations': 'a:out:x:y:native:daily:z' should be",
                     "imported 1 tools", "skipped 7 rows"):
        assert expected in err
    assert sorted(p.name for p in (root / "catalog/tools").iterdir()) == ["good.yaml"]


def test_existing_files_are_kept_unless_forced(tmp_path, capsys):
    root = empty_catalog(tmp_path)
    sheet = write(tmp_path / "tools.csv", """
        id,name,vendor,category,lifecycle,owner
        good,Good,V,design,adopted,mops-manager
        """)
    target = root / "catalog/tools/good.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("name: Mine\n")
    assert main(["import", str(sheet), "--kind", "tools", str(root)]) == 1
    assert "catalog/tools/good.yaml exists already (--force replaces it)" in capsys.readouterr().err
    assert target.read_text() == "name: Mine\n"
    assert main(["import", str(sheet), "--force", "--kind", "tools", str(root)]) == 0
    assert yaml.safe_load(target.read_text())["name"] == "Good"


@pytest.mark.parametrize("content, message", [
    ("name,vendor\nA,B\n", "no column for 'category', 'lifecycle'"),
    ("Tool,Product,vendor,category,lifecycle,owner\n", "'Tool' and 'Product' both mean 'name'"),
])
def test_unusable_files_exit_2(tmp_path, capsys, content, message):
    sheet = tmp_path / "tools.csv"
    sheet.write_text(content)
    assert main(["import", str(sheet), "--kind", "tools", str(empty_catalog(tmp_path))]) == 2
    assert message in capsys.readouterr().err


def test_unreadable_inputs_exit_2(tmp_path, capsys):
    root = empty_catalog(tmp_path)
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    assert main(["import", str(tmp_path / "bad.xlsx"), "--kind", "tools", str(root)]) == 2
    (tmp_path / "list.txt").write_text("x")
    assert main(["import", str(tmp_path / "list.txt"), "--kind", "tools", str(root)]) == 2
    assert main(["import", str(tmp_path / "missing.csv"), "--kind", "tools", str(root)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("mops: error:") == 3


def test_xlsx_uses_the_sheet_named_after_the_kind(tmp_path, capsys):
    workbook = tmp_path / "inventory.xlsx"
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        pd.DataFrame({"note": ["x"]}).to_excel(writer, sheet_name="readme", index=False)
        pd.DataFrame({"Tool": ["Hotjar"], "Vendor": ["Contentsquare"], "Category": ["design"],
                      "Lifecycle": ["adopted"], "Owner": ["mops-manager"],
                      "Renewal": [pd.Timestamp("2027-01-31")], "Licences": [5],
                      "Active licences": [2]}).to_excel(writer, sheet_name="tools", index=False)
    root = empty_catalog(tmp_path)
    assert main(["import", str(workbook), "--kind", "tools", str(root)]) == 0
    tool = yaml.safe_load((root / "catalog/tools/hotjar.yaml").read_text())
    assert tool["licences"] == {"bought": 5, "active": 2}
    assert str(tool["contract"]["renewal"]) == "2027-01-31"


def test_semicolon_separated_files_and_other_encodings(tmp_path, capsys):
    root = empty_catalog(tmp_path)
    sheet = tmp_path / "tools.csv"
    sheet.write_text("Tool;Vendor;Category;Status;Owner;Cost\nMiro;Miro;design;adopted;"
                     "mops-manager;1200\n", encoding="utf-8")
    assert main(["import", str(sheet), "--kind", "tools", str(root)]) == 0
    assert yaml.safe_load((root / "catalog/tools/miro.yaml").read_text())["cost"] == {
        "amount": 1200}
    sheet.write_bytes("Tool,Vendor\nCaf\xe9,X\n".encode("cp1252"))
    assert main(["import", str(sheet), "--kind", "tools", str(root)]) == 2
    assert "is not UTF-8 text" in capsys.readouterr().err
