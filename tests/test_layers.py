"""The layer contract in pyproject.toml (``[tool.importlinter]``): data flows one way, load ->
model -> checks -> analysis -> export -> render -> site, and no stage imports a later one.
``lint-imports`` checks the real package; the contract is also shown to catch a stage reaching
back, in a copy of the package with one such import added."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.exists():
        pytest.fail("import-linter is not installed: the test extra brings it (pip install -e .[test])")
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=folder, env=env,
                          capture_output=True, text=True)


def test_the_package_keeps_its_layers():
    done = lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


@pytest.mark.parametrize("module, reaching_back", [
    ("generator/load/files.py", "import generator.model.catalog"),
    ("generator/analysis/links.py", "import generator.render.urls"),
    ("generator/render/urls.py", "import generator.site.plugin"),
    ("generator/problem.py", "import generator.load.files"),
])
def test_a_stage_reaching_back_breaks_the_contract(tmp_path, module, reaching_back):
    shutil.copytree(REPO / "generator", tmp_path / "generator",
                    ignore=shutil.ignore_patterns("__pycache__", "*.yaml", "*.j2", "assets"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    path = tmp_path / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{reaching_back}  # noqa\n",
                    encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "BROKEN" in done.stdout or "broken" in done.stdout, done.stdout
