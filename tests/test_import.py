"""``mops import`` as a user runs it: a raw SaaS-management export into a new repository, the
export -> import -> export round trip, upserts, dry runs, and every way a file can be wrong."""

from __future__ import annotations

import codecs
import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from generator.checks import validate
from generator.cli import main
from generator.commands.import_ import KINDS_BY_PLURAL
from generator.export.csv_export import csv_texts, write_csv
from generator.export.xlsx_export import xlsx_bytes
from generator.model.catalog import ENTITY_MODELS
from generator.problem import Severity
from generator.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
CRAFTED = FIXTURES / "insights"
EVERY_FIELD = FIXTURES / "every_field"
SAAS_CSV = FIXTURES / "import" / "saas-export.csv"
SAAS_XLSX = FIXTURES / "import" / "saas-export.xlsx"
KIND_ORDER = ["roles", "people", "teams", "kpis", "tools", "playbooks"]  # referenced first


def list_files_only(source: Path, tmp_path: Path) -> Path:
    """``source``'s list files (layers, categories, tasks) and no entity files."""
    root = tmp_path / "empty"
    (root / "catalog").mkdir(parents=True)
    for name in ("categories.yaml", "tasks.yaml"):
        shutil.copy(source / "catalog" / name, root / "catalog" / name)
    return root


def new_repository(tmp_path: Path, capsys) -> Path:
    root = tmp_path / "repo"
    assert main(["init", str(root)]) == 0
    capsys.readouterr()
    return root


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run_import(capsys, *args) -> tuple[int, str, str]:
    code = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def tool(root: Path, tool_id: str) -> dict:
    return yaml.safe_load((root / f"catalog/tools/{tool_id}.yaml").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ a raw SaaS export


@pytest.mark.parametrize("sheet", [SAAS_CSV, SAAS_XLSX], ids=["csv", "xlsx"])
def test_raw_saas_export_imports_into_a_new_repository(tmp_path, capsys, sheet):
    root = new_repository(tmp_path, capsys)
    code, out, err = run_import(capsys, sheet, root)
    assert code == 0, out + err
    assert err == ""
    catalog, problems = validate(root)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    # no row lost: all 47 rows accounted for, each tool there
    statuses = [line.split(":")[1].split()[0] for line in out.splitlines()
                if line.startswith("row ")]
    assert len(statuses) == 46 and "skipped" not in statuses  # + one empty row
    assert "47 rows: 41 created, 2 updated, 3 merged, 1 empty (nothing in it)" in out
    assert len(catalog.tools) == 2 + 41  # init's two tools, updated, and 41 new ones
    # the mapping is printed
    assert "  'Application Name' -> name (synonym)" in out
    assert "  'Cost Center' -> custom field 'Cost Center' (no matching field)" in out
    marketo = tool(root, "marketo-engage")
    assert marketo["owner"] == "jane-cooper" and marketo["category"] == "marketing-automation"
    assert marketo["cost"] == {"amount": 48000, "currency": "USD", "period": "year"}
    assert marketo["contract"] == {"renewal": dt.date(2026, 12, 31), "auto_renew": True}
    assert marketo["licences"] == {"bought": 10, "active": 8}
    assert marketo["access"] == {"sso": True}
    assert marketo["custom"]["Cost Center"] == "MKT-100"
    assert catalog.people["jane-cooper"].email == "jane.cooper@acme.example"
    assert catalog.people["design-lead"].email == "design.lead@acme.example"  # owner by e-mail
    # values as people write them
    assert tool(root, "semrush")["cost"] == {"amount": 4800, "currency": "EUR", "period": "year"}
    assert tool(root, "semrush")["contract"]["renewal"] == dt.date(2026, 12, 31)  # 31.12.2026
    assert tool(root, "hootsuite")["contract"]["renewal"] == dt.date(2026, 12, 31)  # serial
    assert tool(root, "bynder")["cost"]["currency"] == "EUR"
    assert catalog.tools["salesforce"].licences.bought == 1200  # "1,200"
    assert tool(root, "fivetran")["custom"]["Annual Contract Value (USD)"] == "=B17*12"
    assert "'=B17*12' is a formula; formulas are not evaluated" in out
    assert tool(root, "okta")["custom"]["SSO Enabled"] == "N/A"
    # statuses, duplicates, missing vendor, categories
    lifecycles = {t: catalog.tools[t].lifecycle.value for t in
                  ("mailchimp", "drift", "6sense", "highspot", "clearbit", "looker-studio")}
    assert lifecycles == {"mailchimp": "retired", "drift": "retired", "6sense": "evaluating",
                          "highspot": "piloting", "clearbit": "sunsetting",
                          "looker-studio": "piloting"}
    assert [line.amount for line in catalog.tools["zoom-webinars"].cost_lines] == [6490, 1200]
    assert tool(root, "zoom-webinars")["custom"]["contract.renewal (row 10)"] == \
        dt.date(2027, 1, 31)
    assert "row 12: merged tool 'slack': repeats row 11" in out
    assert catalog.tools["qualtrics"].vendor == "unknown"
    assert catalog.tools["sprout-social"].category == "social-media-management"
    assert catalog.tools["zoominfo"].category == "enrichment-intent"
    assert catalog.categories["email-marketing"].layer == "unsorted"
    assert catalog.layers["unsorted"]
    text = (root / "catalog/tools/marketo-engage.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/tool.schema.json\n")
    # importing the same file again changes nothing
    code, out, _ = run_import(capsys, sheet, root)
    assert code == 0
    assert "47 rows: 43 unchanged, 3 merged, 1 empty (nothing in it); wrote 0 files" in out


def test_csv_and_xlsx_exports_give_the_same_catalog(tmp_path, capsys):
    from_csv = new_repository(tmp_path / "a", capsys)
    from_xlsx = new_repository(tmp_path / "b", capsys)
    assert run_import(capsys, SAAS_CSV, from_csv)[0] == 0
    assert run_import(capsys, SAAS_XLSX, from_xlsx)[0] == 0
    for path in sorted((from_csv / "catalog").rglob("*.yaml")):
        relative = path.relative_to(from_csv)
        csv_data = yaml.safe_load(path.read_text(encoding="utf-8"))
        xlsx_data = yaml.safe_load((from_xlsx / relative).read_text(encoding="utf-8"))
        if isinstance(csv_data, dict) and "App ID" in csv_data.get("custom", {}):
            # the workbook keeps the number a number, CSV has only text
            assert int(csv_data["custom"].pop("App ID")) == xlsx_data["custom"].pop("App ID")
        assert csv_data == xlsx_data, relative


# ------------------------------------------------------------------ export -> import -> export


def import_every_kind(source_files: dict[str, Path], root: Path, capsys) -> None:
    for plural in KIND_ORDER:
        code, out, err = run_import(capsys, source_files[plural], "--kind", plural, root)
        assert code == 0, out + err


def test_every_new_field_survives_csv_export_import_export(tmp_path, capsys):
    first = tmp_path / "first"
    write_csv(validate(EVERY_FIELD)[0], Settings(), first)
    root = list_files_only(EVERY_FIELD, tmp_path)
    import_every_kind({p: first / f"{p}.csv" for p in KIND_ORDER}, root, capsys)
    catalog, problems = validate(root)
    assert [p.code for p in problems] == ["R015"]  # zapier has no owner in the source too
    assert csv_texts(catalog, Settings()) == {
        p.name: p.read_text(encoding="utf-8") for p in first.iterdir()}
    for plural in KIND_ORDER:
        kind = KINDS_BY_PLURAL[plural]
        model = ENTITY_MODELS[kind]
        for entity_id, original in validate(EVERY_FIELD)[0].entities[kind].items():
            assert catalog.entities[kind][entity_id] == original, entity_id
    marketo = catalog.tools["marketo"]
    assert len(marketo.cost_lines) == 4 and marketo.contract.notice_days == 0
    assert marketo.custom["last audit"] == dt.date(2025, 3, 1)
    assert marketo.custom["seats per region"] == 4 and marketo.custom["gdpr approved"] is True
    assert catalog.tools["zapier"].contract.notice_days is None


def test_every_new_field_survives_xlsx_export_import_export(tmp_path, capsys):
    source = validate(EVERY_FIELD)[0]
    workbook = tmp_path / "catalog.xlsx"
    workbook.write_bytes(xlsx_bytes(source, Settings()))
    root = list_files_only(EVERY_FIELD, tmp_path)
    import_every_kind({p: workbook for p in KIND_ORDER}, root, capsys)
    catalog, _ = validate(root)
    assert csv_texts(catalog, Settings()) == csv_texts(source, Settings())
    for kind in ("tool", "person", "playbook", "role"):
        assert catalog.entities[kind] == source.entities[kind]


def test_crafted_catalog_round_trip(tmp_path, capsys):
    first = tmp_path / "first"
    write_csv(validate(CRAFTED)[0], Settings(), first)
    root = list_files_only(CRAFTED, tmp_path)
    for plural in ("roles", "teams", "kpis", "tools", "playbooks"):
        assert run_import(capsys, first / f"{plural}.csv", "--kind", plural, root)[0] == 0
    catalog, problems = validate(root)
    assert not problems
    assert csv_texts(catalog, Settings()) == {
        p.name: p.read_text(encoding="utf-8") for p in first.iterdir()}


# ------------------------------------------------------------------ upsert and dry run


def test_upsert_updates_only_the_fields_the_sheet_has(tmp_path, capsys):
    root = list_files_only(EVERY_FIELD, tmp_path)
    shutil.copytree(EVERY_FIELD / "catalog" / "roles", root / "catalog" / "roles")
    (root / "catalog/tools").mkdir()
    marketo = root / "catalog/tools/marketo.yaml"
    marketo.write_text("# our main platform\nname: Marketo Engage\nvendor: Adobe\n"
                       "category: marketing-automation\nlifecycle: adopted\n"
                       "description: Runs every nurture.\ncost:\n  amount: 30000\n"
                       "contract:\n  renewal: 2026-12-31\n  notice_days: 30\n",
                       encoding="utf-8")
    sheet = write(tmp_path / "apps.csv", """
        Tool,Supplier,Annual cost,Renewal date,Status
        marketo engage,Adobe,"$36,000",01/31/2027,Active
        Marketo Engag,Adobe,"$36,000",01/31/2027,Active
        Marketo Engagr,Adobe Inc,5,,Active
        """)
    before = marketo.read_text(encoding="utf-8")
    code, out, _ = run_import(capsys, sheet, root, "--dry-run")
    assert code == 0
    assert marketo.read_text(encoding="utf-8") == before  # a dry run writes nothing
    assert not (root / "catalog/tools/marketo-engagr.yaml").exists()
    assert "row 2: updated tool 'marketo'" in out
    assert "    cost.amount: 30000 -> 36000" in out
    assert "cost.currency" not in out  # '$' is USD, the default the file leaves out
    assert "    contract.renewal: 2026-12-31 -> 2027-01-31" in out
    assert "row 3: merged tool 'marketo': names the same tool as row 2" in out  # close name
    assert "name:" not in out  # matched by name: the file's spelling stays
    assert "row 4: created tool 'marketo-engagr'" in out  # another vendor: not the same tool
    assert "dry run: nothing written" in out
    assert run_import(capsys, sheet, root)[0] == 0
    data = yaml.safe_load(marketo.read_text(encoding="utf-8"))
    assert data["description"] == "Runs every nurture."  # kept
    assert data["contract"] == {"renewal": dt.date(2027, 1, 31), "notice_days": 30}
    assert marketo.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/tool.schema.json\n# our main platform\n")


def test_lifecycle_default_date_order_and_ambiguous_rows(tmp_path, capsys):
    root = list_files_only(EVERY_FIELD, tmp_path)
    sheet = write(tmp_path / "apps.csv", """
        App,Vendor,Category,Renewal Date
        Miro,Miro,collaboration,03/04/2027
        Loom,Atlassian,collaboration,05/06/2027
        """)
    code, out, _ = run_import(capsys, sheet, root, "--lifecycle", "piloting", "--dry-run")
    assert code == 0
    assert ("row 2: created tool 'miro'" in out and "column 'Renewal Date': '03/04/2027' could "
            "be day/month or month/day; read as month/day (2027-03-04)" in out)
    assert "row 3: created tool 'loom'" in out and "'05/06/2027' could be" in out
    assert "rows 2, 3 have dates that read either way (day/month or month/day" in out
    run_import(capsys, sheet, root, "--lifecycle", "piloting", "--date-order", "dmy")
    miro = tool(root, "miro")
    assert miro["lifecycle"] == "piloting" and miro["contract"]["renewal"] == dt.date(2027, 4, 3)
    one = write(tmp_path / "one.csv", """
        App,Vendor,Category,Renewal Date
        Loom,Atlassian,collaboration,05/06/2027
        """)
    out = run_import(capsys, one, root, "--dry-run")[1]
    assert "row 2 has dates that read either way (day/month or month/day; its note says" in out


def test_map_file_names_what_the_import_does_not_know(tmp_path, capsys):
    root = list_files_only(EVERY_FIELD, tmp_path)
    sheet = write(tmp_path / "apps.csv", """
        Programme,Maker,Bucket,Yearly outlay,Internal
        Miro,Miro,crm,1200,x
        """)
    code, _, err = run_import(capsys, sheet, root)
    assert code == 2 and "no column for 'name'" in err and "--map" in err
    map_file = write(tmp_path / "map.yaml", """
        Programme: name
        Maker: vendor
        Bucket: category
        Yearly outlay: cost.amount
        Internal: ignore
        """)
    code, out, _ = run_import(capsys, sheet, root, "--map", map_file)
    assert code == 0 and "  'Yearly outlay' -> cost.amount (--map, per year)" in out
    assert "  'Internal' -> not imported" in out
    assert tool(root, "miro")["cost"] == {"amount": 1200, "period": "year"}


def test_owner_names_match_roles_and_people_before_creating_one(tmp_path, capsys):
    root = list_files_only(EVERY_FIELD, tmp_path)
    shutil.copytree(EVERY_FIELD / "catalog" / "roles", root / "catalog" / "roles")
    shutil.copytree(EVERY_FIELD / "catalog" / "people", root / "catalog" / "people")
    sheet = write(tmp_path / "apps.csv", """
        Tool,Vendor,Category,Owner,IT Owner,Department
        A,V,crm,MOps manager,raj.patel@example.com,Marketing
        B,V,crm,ana lópez,,Marketing
        C,V,crm,Kim Lee,IT administrator,IT
        D,V,crm,kim.lee@example.com,,IT
        """)
    code, out, _ = run_import(capsys, sheet, root)
    assert code == 0
    owners = {t: (tool(root, t).get("owner"), tool(root, t).get("technical_owner"))
              for t in "abcd"}
    assert owners == {"a": ("mops-manager", "raj-patel"), "b": ("ana-lopez", None),
                      "c": ("kim-lee", "it-admin"), "d": ("kim-lee", None)}
    # the e-mail's name is the person of row 4: one person, the address added
    assert yaml.safe_load((root / "catalog/people/kim-lee.yaml").read_text()) == {
        "name": "Kim Lee", "email": "kim.lee@example.com", "department": "IT"}
    assert validate(root)[1] == []


# ------------------------------------------------------------------ what cannot be imported


def test_every_skipped_row_is_reported_with_its_reason(tmp_path, capsys):
    root = list_files_only(EVERY_FIELD, tmp_path)
    sheet = write(tmp_path / "tools.csv", """
        id,name,vendor,category,lifecycle,integrations
        good,Good,V,crm,adopted,
        Bad_Id,Bad,V,crm,adopted,
        con,Device,V,crm,adopted,
        odd-state,Odd,V,crm,maybe,
        odd-flow,Odd,V,crm,adopted,a:out:x:y:native:daily:z
        ragged,Ragged,V,crm,adopted,,extra
        ,,,,,
        """)
    code, out, _ = run_import(capsys, sheet, root)
    assert code == 1
    for expected in ("row 3: skipped: 'Bad_Id' is not a valid id",
                     "row 4: skipped: 'con' is a device name Windows reserves",
                     "row 5: skipped tool 'odd-state': 'lifecycle': input should be",
                     "row 6: skipped: column 'integrations': 'a:out:x:y:native:daily:z' should be",
                     "row 7: skipped: the row has 7 cells but the header has 6 columns; the "
                     "extra values ('extra') belong to no column",
                     "7 rows: 1 created, 5 skipped, 1 empty"):
        assert expected in out, out
    assert sorted(p.name for p in (root / "catalog/tools").iterdir()) == ["good.yaml"]


@pytest.mark.parametrize("content, message", [
    ("Vendor,Category\nA,B\n", "no column for 'name' among 'Vendor', 'Category'"),
    ("Tool,Product,vendor\n", "'Tool' and 'Product' both mean 'name'"),
    ("Tool,Owner,Owner\nA,b,c\n", "columns 2 and 3 of 'tools.csv' are both headed 'Owner'"),
])
def test_unusable_files_exit_2(tmp_path, capsys, content, message):
    sheet = tmp_path / "tools.csv"
    sheet.write_text(content)
    code, _, err = run_import(capsys, sheet, list_files_only(EVERY_FIELD, tmp_path))
    assert code == 2 and message in err


def test_unreadable_inputs_exit_2(tmp_path, capsys):
    root = list_files_only(EVERY_FIELD, tmp_path)
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    (tmp_path / "list.doc").write_text("x")
    for name in ("bad.xlsx", "list.doc", "missing.csv"):
        code, _, err = run_import(capsys, tmp_path / name, root)
        assert code == 2 and err.startswith("mops: error:") and "Traceback" not in err
    code, _, err = run_import(capsys, SAAS_CSV, root, "--sheet", "Apps")
    assert code == 2 and "--sheet is for .xlsx workbooks" in err


def test_utf16_without_bom_is_read_not_refused(tmp_path, capsys):
    root = list_files_only(EVERY_FIELD, tmp_path)
    sheet = tmp_path / "apps.csv"
    sheet.write_bytes("Tool\tVendor\tCategory\nMiro\tMiro\tcollaboration\n".encode("utf-16-le"))
    code, out, _ = run_import(capsys, sheet, root)
    assert code == 0 and "utf-16-le without BOM" in out and "separated by tabs" in out
    sheet.write_bytes(codecs.BOM_UTF16_LE + "Tool,Vendor\nLoom,Atlassian\n".encode("utf-16-le"))
    assert run_import(capsys, sheet, root)[0] == 0
    assert tool(root, "loom")["category"] == "uncategorised"


# ------------------------------------------------------------------ control characters


def test_control_characters_in_cells_are_removed_and_said_never_written(tmp_path):
    """A cell pasted from a terminal (ESC colour codes, a backspace) must not reach the YAML:
    validate would then refuse the catalog (Y010) and terminals would act on the text."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "HOME": str(tmp_path / "home")}

    def mops(*args):
        return subprocess.run([sys.executable, "-m", "generator", *map(str, args)],
                              capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)

    (tmp_path / "home").mkdir()
    assert mops("init", "repo").returncode == 0
    sheet = tmp_path / "evil.csv"
    sheet.write_text("Name,Vendor,Notes\x1b[0m\n"
                     "Evil\x1b[31mTool,Acme\x08 Corp,fine\n", encoding="utf-8")
    result = mops("import", sheet, "repo")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "\x1b" not in result.stdout + result.stderr and "\x08" not in result.stdout
    assert "row 2: created tool 'evil-31mtool'" in result.stdout
    assert "column 'Name' held ESC (\\x1b)" in result.stdout
    assert "column 'Vendor' held backspace (\\x08)" in result.stdout
    assert "the header of column 3 held ESC (\\x1b)" in result.stdout
    assert "1 row: 1 created; wrote 2 files" in result.stdout  # the tool and categories.yaml
    written = (tmp_path / "repo/catalog/tools/evil-31mtool.yaml").read_text(encoding="utf-8")
    assert "\\e" not in written and "\x1b" not in written and "\\x1b" not in written
    assert yaml.safe_load(written)["name"] == "Evil[31mTool"
    validated = mops("validate", "repo")
    assert "Y010" not in validated.stdout + validated.stderr


def test_dept_business_unit_and_teams_columns_fill_departments(tmp_path, capsys):
    root = new_repository(tmp_path, capsys)
    for header in ("Dept.", "Business Unit", "Team(s)"):
        sheet = write(tmp_path / "apps.csv", f"""
            Application Name,Vendor,{header}
            Figma,Figma,Marketing; Design
            """)
        code, out, _ = run_import(capsys, sheet, root)
        assert code == 0, out
        assert f"'{header}' -> departments (synonym)" in out
        assert tool(root, "figma")["departments"] == ["Marketing", "Design"]
        (root / "catalog/tools/figma.yaml").unlink()


def test_a_real_imported_price_clears_the_example_flag(tmp_path, capsys):
    root = new_repository(tmp_path, capsys)  # hubspot-marketing: 9600 USD a year, example
    path = root / "catalog/tools/hubspot-marketing.yaml"
    assert tool(root, "hubspot-marketing")["cost"]["example"] is True
    same = write(tmp_path / "same.csv", """
        Tool,Vendor,Annual cost
        HubSpot Marketing Hub,HubSpot,"$9,600"
        """)
    code, out, _ = run_import(capsys, same, root)
    assert "row 2: unchanged tool 'hubspot-marketing'" in out  # the same figure: still example
    sheet = write(tmp_path / "apps.csv", """
        Tool,Vendor,Annual cost
        HubSpot Marketing Hub,HubSpot,"$12,000"
        """)
    before = path.read_bytes()
    code, out, _ = run_import(capsys, sheet, root, "--dry-run")
    assert code == 0
    assert path.read_bytes() == before
    assert "    cost.amount: 9600 -> 12000\n    cost.example: True -> False\n" in out
    assert ("note: cost: 'example: true' cleared: the imported amount differs from the file's, "
            "so it is real now") in out
    assert run_import(capsys, sheet, root)[0] == 0
    assert tool(root, "hubspot-marketing")["cost"] == {
        "amount": 12000, "currency": "USD", "period": "year", "example": False}
