"""ruff and mypy on generator/, configured in pyproject.toml (``[tool.ruff]``, ``[tool.mypy]``).
Each is also shown to report a planted mistake, so a configuration that checks nothing fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed: the test extra brings it (pip install -e .[test])")
    return path


def run(*command, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True,
                          text=True)


def test_ruff_finds_nothing():
    done = run(tool("ruff"), "check", "generator")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing():
    done = run(tool("mypy"))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def copy(tmp_path) -> Path:
    shutil.copytree(REPO / "generator", tmp_path / "generator",
                    ignore=shutil.ignore_patterns("__pycache__", "*.yaml", "*.j2", "assets"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    return tmp_path


def test_planted_mistakes_are_reported(copy):
    (copy / "generator/forking.py").write_text(
        "import os\n\n\ndef can_fork() -> bool:\n    return undefined_name + 1\n",
        encoding="utf-8")
    ruff = run(tool("ruff"), "check", "generator", cwd=copy)
    assert ruff.returncode != 0 and "F821" in ruff.stdout and "F401" in ruff.stdout
    mypy = run(tool("mypy"), "--no-incremental", cwd=copy)
    assert mypy.returncode != 0 and "generator/forking.py" in mypy.stdout, mypy.stdout
