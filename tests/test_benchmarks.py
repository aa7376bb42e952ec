"""The benchmark scripts work: the generator writes a valid catalog and the runner's smoke size
measures everything and prints the tables. Nothing here checks a timing."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from generator.checks import validate

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


def test_generated_catalog_is_valid_and_in_proportion(tmp_path):
    done = subprocess.run([sys.executable, str(BENCHMARKS / "generate.py"), "60", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    catalog, problems = validate(tmp_path)
    assert problems == []  # clean even under --strict: no warnings either
    assert len(catalog.tools) == 60
    assert len(catalog.roles) == 5 and len(catalog.playbooks) == 3
    assert any(tool.integrations for tool in catalog.tools.values())
    assert any(tool.capabilities for tool in catalog.tools.values())


def test_generator_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    done = subprocess.run([sys.executable, str(BENCHMARKS / "generate.py"), "10", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "not empty" in done.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_smoke_run_prints_every_table(tmp_path):
    done = subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "--smoke",
                           "--work", str(tmp_path / "work")],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    number, ratio, verdict = r"[\d.]+", r"[\d.]+x", r"(yes|\*\*no\*\*)"
    validate_row = rf"^\| 25 \| 38 \| {number} \| {number} \| {ratio} \| {ratio} \| {verdict} \|$"
    assert re.search(validate_row, out, re.MULTILINE), out
    build_row = re.search(rf"^\| 25 \| (\d+) \| {number} \| {number} \| {ratio} \| {ratio} \| "
                          r"(\d+) \|", out, re.MULTILINE)
    assert build_row and int(build_row[1]) > 25 and int(build_row[2]) > 0, out
    edit_row = rf"^\| 25 \| {number} \| {number} \| {verdict} \| {number} \|$"
    assert re.search(edit_row, out, re.MULTILINE), out
    zensical_row = rf"^\| 25 \| {number} \| {number} \| {number} \| {number} \| \d+ \| " \
                   rf"{number} \| {number} \|$"
    if importlib.util.find_spec("zensical") is not None:
        assert re.search(zensical_row, out, re.MULTILINE), out
        assert done.stderr == ""  # not a terminal: no progress lines in CI logs
    else:
        assert "Zensical is not installed" in done.stderr
