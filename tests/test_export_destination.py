"""Where ``mops export --out`` and ``mops schema --out`` may write, as a user runs them: a file
the user owns is never replaced without --force, an earlier export's output is, and nothing is
ever written into the catalog's folders, the docs folder or ``.git``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.export import destination

SMALL = Path(__file__).parent / "fixtures" / "small"


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(SMALL, root)
    (root / ".git").mkdir()  # a repository root as far as the checks are concerned
    (root / "docs").mkdir(exist_ok=True)
    return root


def mops(*args, cwd: Path) -> subprocess.CompletedProcess:
    home = cwd.parent / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, "HOME": str(home)})


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["json", "ics", "xlsx"])
def test_a_file_export_did_not_write_is_left_alone(repo, fmt):
    notes = repo / "notes.txt"
    notes.write_text("my own notes\n")
    result = mops("export", "--format", fmt, "--out", "notes.txt", cwd=repo)
    assert result.returncode == 2, result.stderr
    assert notes.read_text() == "my own notes\n"
    assert "'notes.txt'" in result.stderr and "--force" in result.stderr
    assert "another path" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["json", "ics", "xlsx"])
def test_an_earlier_export_is_replaced_and_force_replaces_anything(repo, fmt):
    out = repo / "exports" / f"catalog.{fmt}"
    first = mops("export", "--format", fmt, "--out", out, cwd=repo)
    assert first.returncode == 0, first.stderr
    written = out.read_bytes()
    again = mops("export", "--format", fmt, "--out", out, cwd=repo)
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == written
    notes = repo / "notes.txt"
    notes.write_text("mine")
    assert mops("export", "--format", fmt, "--out", notes, "--force", cwd=repo).returncode == 0
    assert notes.read_bytes() == written


def test_an_export_of_another_format_is_not_taken_for_one(repo):
    out = repo / "exports" / "catalog.json"
    assert mops("export", "--out", out, cwd=repo).returncode == 0
    written = out.read_bytes()
    result = mops("export", "--format", "ics", "--out", out, cwd=repo)
    assert result.returncode == 2 and out.read_bytes() == written


def test_look_alike_files_are_not_exports(tmp_path):
    (tmp_path / "list.json").write_text('[{"tools": 1}]')
    (tmp_path / "mine.json").write_text('{"tools": [], "budget": 1}')
    (tmp_path / "other.ics").write_text("BEGIN:VCALENDAR\nPRODID:-//someone//else//EN\n")
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    for name, fmt in (("list.json", "json"), ("mine.json", "json"), ("other.ics", "ics"),
                      ("book.xlsx", "xlsx"), ("missing.json", "json")):
        assert not destination.written_by_export(fmt, tmp_path / name), name


@pytest.mark.parametrize("out", ["catalog", "catalog/tools", "playbooks", "docs", ".git",
                                 "catalog/export", "docs/downloads/x"])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_never_writes_into_the_catalog_docs_or_git_even_forced(repo, out, fmt):
    before = tree(repo)
    target = out if fmt == "csv" else f"{out}/catalog.json"
    result = mops("export", "--format", fmt, "--out", target, "--force", cwd=repo)
    assert result.returncode == 2, result.stderr
    assert "never writes there" in result.stderr and "Traceback" not in result.stderr
    assert tree(repo) == before


def test_csv_into_the_catalog_root_is_refused(repo):
    before = tree(repo)
    result = mops("export", "--format", "csv", "--out", ".", cwd=repo)
    assert result.returncode == 2 and "root folder" in result.stderr
    assert tree(repo) == before


def test_csv_leaves_a_folder_with_the_users_own_files_alone(repo):
    mine = repo / "inventory"
    mine.mkdir()
    (mine / "tools.csv").write_text("Software,Owner\nHubSpot,Kim\n")
    result = mops("export", "--format", "csv", "--out", mine, cwd=repo)
    assert result.returncode == 2
    assert "tools.csv" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["tools.csv"]
    assert (mine / "tools.csv").read_text() == "Software,Owner\nHubSpot,Kim\n"


def test_csv_replaces_its_own_folder_and_keeps_other_files(repo):
    out = repo / "exports" / "csv"
    assert mops("export", "--format", "csv", "--out", out, cwd=repo).returncode == 0
    assert (out / destination.MARKER).is_file()
    assert sorted(p.name for p in out.iterdir() if p.name != destination.MARKER) == \
        sorted(destination.csv_file_names())
    (out / "README.txt").write_text("kept")
    (out / "tools.csv").write_text("edited by hand")
    assert mops("export", "--format", "csv", "--out", out, cwd=repo).returncode == 0
    assert (out / "README.txt").read_text() == "kept"
    assert (out / "tools.csv").read_text(encoding="utf-8-sig").startswith("id,")


def test_a_new_folder_for_a_file_export_is_made(repo):
    out = repo / "exports" / "2026" / "catalog.json"
    result = mops("export", "--out", out, cwd=repo)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["tools"]


def test_schema_leaves_files_of_the_same_name_alone(repo):
    schemas = repo / "schemas"
    schemas.mkdir()
    (schemas / "tool.schema.json").write_text('{"mine": true}')
    result = mops("schema", "--out", "schemas", cwd=repo)
    assert result.returncode == 2
    assert "tool.schema.json" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in schemas.iterdir()) == ["tool.schema.json"]
    assert (schemas / "tool.schema.json").read_text() == '{"mine": true}'
    assert mops("schema", "--out", "schemas", "--force", cwd=repo).returncode == 0
    assert json.loads((schemas / "tool.schema.json").read_text())["$id"] == "tool.schema.json"
    assert mops("schema", "--out", "schemas", cwd=repo).returncode == 0  # its own: replaced


@pytest.mark.parametrize("out", ["catalog/schemas", ".git/schemas", "docs"])
def test_schema_never_writes_into_the_catalog_docs_or_git(repo, out):
    before = tree(repo)
    result = mops("schema", "--out", out, "--force", cwd=repo)
    assert result.returncode == 2 and "never writes there" in result.stderr
    assert tree(repo) == before
