"""The `mops` command line as a subprocess: exit codes, formats, no tracebacks."""

import json
import os
import subprocess
import sys

import pytest


def mops(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_validate_clean_catalog_exits_0(small_catalog):
    result = mops("validate", str(small_catalog.root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "catalog is valid" in result.stderr


def test_validate_defaults_to_current_directory(small_catalog):
    small_catalog.edit("catalog/tools/marketo.yaml", "lifecycle: adopted", "lifecycle: live")
    result = mops("validate", cwd=small_catalog.root)
    assert result.returncode == 1
    assert result.stdout.startswith("catalog/tools/marketo.yaml:4:12: error S004 ")


def test_warnings_pass_unless_strict(small_catalog):
    small_catalog.write("catalog/tools/readme.txt", "x")
    assert mops("validate", str(small_catalog.root)).returncode == 0
    assert mops("validate", str(small_catalog.root), "--strict").returncode == 1


@pytest.mark.parametrize("fmt", ["json", "github", "text"])
def test_formats_on_a_broken_catalog(small_catalog, fmt):
    small_catalog.edit("catalog/tools/marketo.yaml", "owner: automation-specialist",
                       "owner: automation-specialst")
    result = mops("validate", str(small_catalog.root), "--format", fmt)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    if fmt == "json":
        [problem] = json.loads(result.stdout)
        assert problem["code"] == "R001" and problem["line"] == 5 and problem["column"] == 8
    elif fmt == "github":
        assert result.stdout.startswith(
            "::error file=catalog/tools/marketo.yaml,line=5,col=8,title=R001::unknown role")


def test_counts_are_written_as_english_plurals(small_catalog):
    result = mops("validate", str(small_catalog.root))
    assert "catalog is valid: 2 layers, 2 categories, 1 task, 1 kpi, 2 roles, 1 team, " \
        "2 tools, 1 playbook" in result.stderr
    small_catalog.edit("catalog/tools/marketo.yaml", "owner: automation-specialist",
                       "owner: nobody")
    assert "1 error, 0 warnings in 1 file" in mops("validate", str(small_catalog.root)).stdout


@pytest.mark.parametrize("command", [["validate"], ["report"], ["export", "--format", "json"],
                                     ["build"], ["serve", "--dev-addr", "127.0.0.1:0"]])
def test_a_folder_without_a_catalog_is_a_usage_error(tmp_path, command):
    """Run in the wrong folder, no command reports a valid empty catalog, builds an empty site
    into it or serves one."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "README.md").write_text("not a catalog")
    try:
        result = subprocess.run([sys.executable, "-m", "generator", command[0], str(tmp_path),
                                 *command[1:]], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"mops {command[0]} went on without a catalog")
    assert result.returncode == 2
    assert f"no catalog in '{tmp_path}'" in result.stderr
    assert "catalog/" in result.stderr and "mops init" in result.stderr
    assert "valid" not in result.stderr and result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "notes"]


def test_usage_errors_exit_2(tmp_path):
    assert mops("validate", str(tmp_path / "missing")).returncode == 2
    assert mops("validate", "--format", "xml").returncode == 2
    assert mops("frobnicate").returncode == 2
    assert mops().returncode == 2


def test_export_json_has_every_kind_with_reverse_links(small_catalog):
    result = mops("export", str(small_catalog.root), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("tools", "roles", "teams", "playbooks", "categories"):
        assert data[key], key
    manager = next(r for r in data["roles"] if r["id"] == "mops-manager")
    assert manager["tools_owned"] == ["salesforce"]
    assert manager["steps"]["accountable"] == [
        {"playbook": "lead-handoff", "step": 1, "name": "Agree the MQL definition"}]
    marketo = next(t for t in data["tools"] if t["id"] == "marketo")
    assert marketo["contract"]["renewal"] == "2026-12-31"
    assert marketo["used_in_steps"][0]["playbook"] == "lead-handoff"


def test_export_to_file_and_refuses_broken_catalog(small_catalog, tmp_path):
    out = tmp_path / "catalog.json"
    assert mops("export", str(small_catalog.root), "--out", str(out)).returncode == 0
    assert json.loads(out.read_text())["tools"]
    small_catalog.write("catalog/tools/bad.yaml", "name: [")
    result = mops("export", str(small_catalog.root))
    assert result.returncode == 1 and "Y001" in result.stderr


def test_schema_writes_one_file_per_kind(tmp_path):
    result = mops("schema", "--out", str(tmp_path))
    assert result.returncode == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["tool.schema.json", "role.schema.json", "person.schema.json",
                            "team.schema.json", "playbook.schema.json", "kpi.schema.json",
                            "categories.schema.json", "tasks.schema.json",
                            "acknowledgements.schema.json"])
    tool = json.loads((tmp_path / "tool.schema.json").read_text())
    assert tool["additionalProperties"] is False
    assert "lifecycle" in tool["required"]
    assert tool["properties"]["owner"]["anyOf"][0]["x-mops-ref"] == ["role", "person"]


def test_a_control_character_is_a_validation_error_not_a_traceback(small_catalog, tmp_path):
    small_catalog.edit("catalog/tools/salesforce.yaml", "vendor: Salesforce",
                       'vendor: "Sales\\e[2Jforce\\vx"')
    runs = {
        "validate": mops("validate", str(small_catalog.root)),
        "xlsx": mops("export", str(small_catalog.root), "--format", "xlsx", "--out",
                     str(tmp_path / "c.xlsx")),
        "build": mops("build", str(small_catalog.root), "--site-dir", str(tmp_path / "site")),
    }
    for what, result in runs.items():
        output = result.stdout + result.stderr
        assert result.returncode == 1, (what, output)
        assert "Traceback" not in output and "\x1b" not in output and "\x0b" not in output
        assert "catalog/tools/salesforce.yaml:2:9: error Y010 the value holds ESC (\\x1b) " \
               "after 'Sales'" in output, (what, output)
    assert not (tmp_path / "c.xlsx").exists()


ORDER = ["validate", "build", "render", "serve", "new", "diff", "report", "export", "import", "schema",
         "init"]


def test_help_lists_every_command_in_order_on_one_line_each():
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True,
                            text=True, env={**os.environ, "COLUMNS": "80"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    start = lines.index("  COMMAND") + 1
    listed = lines[start:start + len(ORDER)]
    assert [line.split()[0] for line in listed] == ORDER
    assert all(len(line.split()) > 2 for line in listed)  # a description on the same line
    assert lines[start + len(ORDER)] == ""  # and no description wrapped onto a second line


def test_every_format_option_states_its_default():
    from generator.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices
    checked = []
    for name, parser in commands.items():
        assert parser.description, f"{name} has no description"
        for action in parser._actions:
            if "--format" in action.option_strings:
                assert f"(default: {action.default})" in (action.help or ""), name
                checked.append(name)
    assert sorted(checked) == ["diff", "export", "report", "validate"]


def test_diff_help_says_which_argument_is_which():
    out = mops("diff", "--help").stdout
    for text in ("BASE", "the older side", "HEAD", "the working tree", "ROOT",
                 "to give ROOT, give HEAD too", "mops diff origin/main HEAD"):
        assert text in out
