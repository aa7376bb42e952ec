"""The bundled site built with each engine, once per test session (shared by
tests/test_site_engines.py and tests/browser/test_engines_browser.py)."""

from __future__ import annotations

import functools
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
ZENSICAL_MISSING = ("Zensical is not installed here (pip install -e '.[zensical]'; versions from "
                    "0.0.74 need `zensical-ui`, which the package index may not carry): the "
                    "engine comparison is skipped")


def zensical_installed() -> bool:
    return importlib.util.find_spec("zensical") is not None


@functools.lru_cache(maxsize=None)
def built_site(engine: str) -> Path:
    """The bundled catalog built by ``mops build --engine ENGINE --strict``, in a temporary
    folder (removed when the interpreter exits)."""
    if engine == "zensical" and not zensical_installed():
        pytest.skip(ZENSICAL_MISSING)
    root = Path(tempfile.mkdtemp(prefix=f"mops-{engine}-"))
    for part in ("catalog", "playbooks", "docs"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    done = subprocess.run([sys.executable, "-m", "generator", "build", str(root), "--strict",
                           "--engine", engine, "--site-dir", str(root / "site")],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"
