"""CSV export: one file per kind, flattened columns, audience, formula guard, CLI."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from generator.checks import validate
from generator.cli import main
from generator.export.csv_export import csv_texts
from generator.settings import Settings

CRAFTED = Path(__file__).parent / "fixtures" / "insights"
FILES = ["layers.csv", "categories.csv", "tasks.csv", "kpis.csv", "roles.csv", "people.csv", "teams.csv",
         "tools.csv", "playbooks.csv"]


@pytest.fixture(scope="module")
def catalog():
    return validate(CRAFTED)[0]


def table(text: str) -> dict[str, dict[str, str]]:
    assert text.startswith("\ufeffid,")  # the byte-order mark Excel needs to see UTF-8
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))}


def test_one_file_per_kind_with_one_row_per_entity(catalog):
    files = csv_texts(catalog, Settings())
    assert list(files) == FILES
    assert set(table(files["tools.csv"])) == set(catalog.tools)
    assert set(table(files["roles.csv"])) == set(catalog.roles)


def test_nested_fields_and_lists(catalog):
    tools = table(csv_texts(catalog, Settings())["tools.csv"])
    marketo = tools["marketo"]
    assert marketo["cost.amount"] == "36000" and marketo["cost.period"] == "year"
    assert marketo["contract.renewal"] == "2026-06-21" and marketo["contract.auto_renew"] == "true"
    assert marketo["capabilities"] == "email-marketing; lead-scoring"
    assert marketo["integrations"].startswith("salesforce:both:leads|campaign\\: members|a\\|b; ")
    assert tools["salesforce"]["cost.amount"] == "1200.5"
    assert tools["canva"]["name.ko"] == "캔바"
    assert table(csv_texts(catalog, Settings())["teams.csv"])["small-team"]["members"] == \
        "mops-manager:1; automation-specialist:2"


def test_text_that_looks_like_a_formula_is_guarded(catalog):
    tools = table(csv_texts(catalog, Settings())["tools.csv"])
    assert tools["salesforce"]["description"].startswith("'=HYPERLINK")


def test_wide_audience_has_no_cost_or_contract_columns(catalog):
    text = csv_texts(catalog, Settings(audience="wide"))["tools.csv"]
    header = text.removeprefix("\ufeff").splitlines()[0].split(",")
    assert not [h for h in header if h.startswith(("cost.", "contract."))]
    assert "36000" not in text and "2026-06-21" not in text


def test_cli_writes_the_folder(tmp_path, capsys):
    assert main(["export", str(CRAFTED), "--format", "csv", "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([*FILES, ".mops-export"])
    assert (tmp_path / "out" / "tools.csv").read_bytes() == \
        csv_texts(validate(CRAFTED)[0], Settings())["tools.csv"].encode()


def test_cli_needs_an_out_folder(tmp_path, capsys):
    assert main(["export", str(CRAFTED), "--format", "csv"]) == 2
    assert "--out" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["export", str(CRAFTED), "--format", "csv", "--out", str(tmp_path / "file")]) == 2


def test_cli_follows_the_deployment_audience(tmp_path, capsys):
    root = tmp_path / "crafted"
    shutil.copytree(CRAFTED, root)
    (root / "mkdocs.yml").write_text("plugins:\n  - mops:\n      audience: wide\n")
    assert main(["export", str(root), "--format", "csv", "--out", str(tmp_path / "wide")]) == 0
    assert "cost.amount" not in (tmp_path / "wide" / "tools.csv").read_text()
    assert main(["export", str(root), "--format", "csv", "--out", str(tmp_path / "all"),
                 "--audience", "internal"]) == 0
    assert "cost.amount" in (tmp_path / "all" / "tools.csv").read_text()
