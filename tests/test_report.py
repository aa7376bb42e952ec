"""``mops report``: text, JSON and Markdown, settings from mkdocs.yml, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main

CRAFTED = Path(__file__).parent / "fixtures" / "insights"


def report(capsys, *args) -> tuple[int, str, str]:
    code = main(["report", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def crafted(tmp_path) -> Path:
    root = tmp_path / "crafted"
    shutil.copytree(CRAFTED, root)
    return root


def test_json_lists_findings_costs_and_renewals(capsys):
    code, out, _ = report(capsys, str(CRAFTED), "--format", "json", "--today", "2026-06-01")
    assert code == 0
    document = json.loads(out)
    assert document["today"] == "2026-06-01"
    codes = {f["code"] for f in document["findings"]}
    assert codes == {f"I{n:03d}" for n in range(1, 13)}  # I012: old-tool is retired, renews
    overlap = next(f for f in document["findings"] if f["code"] == "I001")
    assert overlap["severity"] == "medium"
    assert overlap["entities"] == [{"kind": "tool", "id": "hubspot"},
                                   {"kind": "tool", "id": "marketo"}]
    assert document["costs"]["total_annual"] == 42120 + 999  # old-tool renews by itself
    assert document["costs"]["by"]["category"][0] == {
        "group": "marketing-automation", "tools": 2, "annual": 42000.0, "one_off": 0.0}
    assert [r["tool"] for r in document["renewals"]] == ["old-tool", "old-tool", "marketo",
                                                         "hubspot", "legacy-crm", "hubspot"]
    first = document["actions"][0]
    assert (first["code"], first["due"], first["amount"], first["action"]) == (
        "I012", "2026-06-05", 999.0, "cancel Old tool by 2026-06-05")
    assert document["savings"] == 999 + 6000 and document["today_source"] == "option"


def test_text_is_a_summary_and_reproducible(capsys):
    first = report(capsys, str(CRAFTED), "--today", "2026-06-01")
    assert first == report(capsys, str(CRAFTED), "--today", "2026-06-01")
    code, out, _ = first
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Insights on 2026-06-01 (the date set for reports)"
    assert lines[2] == "Act on these first:"
    assert lines[3] == ("  1. HIGH    2026-06-05  Cancel Old tool by 2026-06-05  "
                        "(USD 999 a year)  [I012]")
    findings = lines[lines.index("Findings:") + 1]
    assert findings.startswith("HIGH") and "I005" in findings  # most severe first
    assert "43,119 a year, 5,432 one-off" in out
    assert "not in the totals: salesforce 1,200.50 EUR" in out
    assert "2026-07-01  cancel-by  hubspot" in out


def test_markdown_is_the_site_report(capsys):
    code, out, _ = report(capsys, str(CRAFTED), "--format", "markdown", "--today", "2026-06-01")
    assert code == 0
    assert out.startswith("# Insights")
    assert "### I001:" in out
    assert "| **Total** | **5** | **$43,119** | **$5,432** |" in out
    assert out.index("## Act on these first") < out.index("## Findings")
    assert "<svg" not in out


def test_markdown_pastes_without_entities_or_broken_links(capsys):
    """Pasted into Slack, Confluence or a pull request: characters as typed (escaped only where
    Markdown would act), no relative links (the site's address is unknown here), no HTML."""
    code, out, _ = report(capsys, str(CRAFTED), "--format", "markdown", "--today", "2026-06-01")
    assert code == 0
    assert "&#" not in out and "&lt;" not in out and "&amp;" not in out
    assert ".md)" not in out and "](" not in out  # names without links
    assert "Marketo Engage" in out
    assert "<span" not in out


def test_markdown_links_are_absolute_with_the_sites_address(crafted, capsys):
    code, out, _ = report(capsys, str(crafted), "--format", "markdown", "--today", "2026-06-01",
                          "--site-url", "https://ops.example.com/catalog/")
    assert code == 0
    assert "[Marketo Engage](https://ops.example.com/catalog/tools/marketo/)" in out
    assert "(https://ops.example.com/catalog/insights/codes/)" in out
    assert ".md)" not in out and "](../" not in out
    (crafted / "mkdocs.yml").write_text("site_name: Ops\nsite_url: https://wiki.example.org/\n")
    code, out, _ = report(capsys, str(crafted), "--format", "markdown", "--today", "2026-06-01")
    assert "[Marketo Engage](https://wiki.example.org/tools/marketo/)" in out


def test_text_cost_tables_have_column_headers(capsys):
    code, out, _ = report(capsys, str(CRAFTED), "--today", "2026-06-01")
    lines = out.splitlines()
    at = lines.index("  by category:")
    assert lines[at + 1].split() == ["Category", "Tools", "Per", "year", "One-off"]
    assert lines[at + 2].split()[0] == "marketing-automation"
    assert lines[at + 2].split()[1:] == ["2", "42,000", "0"]


def test_settings_come_from_mkdocs_yml(crafted, capsys):
    (crafted / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search\n  - mops:\n      currency: EUR\n"
        "      licence_use_threshold: 0.1\n      today: 2026-06-01\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:x.y\n")
    code, out, _ = report(capsys, str(crafted), "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["today"] == "2026-06-01"
    assert document["costs"]["total_annual"] == 1200.5
    assert "I004" not in {f["code"] for f in document["findings"]}


def test_wide_audience_reports_no_costs(capsys):
    code, out, _ = report(capsys, str(CRAFTED), "--format", "json", "--today", "2026-06-01",
                          "--audience", "wide")
    document = json.loads(out)
    assert code == 0 and "costs" not in document and "renewals" not in document
    assert "36000" not in out and "2026-06-21" not in out
    code, out, _ = report(capsys, str(CRAFTED), "--format", "markdown", "--audience", "wide")
    assert "$" not in out and "## Renewals" not in out


def test_errors_and_bad_input(crafted, capsys):
    with pytest.raises(SystemExit) as usage_error:
        main(["report", str(CRAFTED), "--today", "June"])
    assert usage_error.value.code == 2 and "'June' is not a date" in capsys.readouterr().err
    code, _, err = report(capsys, str(crafted / "missing"))
    assert code == 2 and "is not a folder" in err
    (crafted / "catalog/tools/canva.yaml").write_text("name: [\n")
    code, _, err = report(capsys, str(crafted))
    assert code == 1 and "fix the problems above" in err
    (crafted / "catalog/tools/canva.yaml").unlink()
    (crafted / "mkdocs.yml").write_text("plugins:\n  - mops:\n      audience: everyone\n")
    code, _, err = report(capsys, str(crafted))
    assert code == 2 and "audience must be" in err
    assert "Traceback" not in err


def test_text_and_markdown_never_send_a_control_character_to_the_terminal(capsys, monkeypatch):
    from generator.commands import report as command

    for fmt in ("text", "markdown"):
        monkeypatch.setitem(command.FORMATS, fmt, lambda catalog, settings: "a\x1b[2Jb\x9b\nc\n")
        code, out, _ = report(capsys, str(CRAFTED), "--format", fmt, "--today", "2026-06-01")
        assert code == 0 and out == "a\\x1b[2Jb\\x9b\nc\n"
