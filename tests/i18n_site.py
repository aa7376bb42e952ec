"""Builds of the multilingual fixture (tests/fixtures/i18n) in a given site language.

Shared by tests/test_i18n_site.py and tests/browser/test_i18n_browser.py: each language is
built once per test session, through ``mops build`` like a user would, into a temporary folder
removed when the session ends.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from generator.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "i18n"

MKDOCS_YML = """\
site_name: MOps
theme:
  name: material
  font: false
  language: {language}
plugins:
  - search
  - mops:
      today: 2026-06-01
markdown_extensions:
  - tables
  - admonition
  - toc:
      permalink: true
"""


@functools.lru_cache(maxsize=None)
def built_site(language: str) -> Path:
    """The site folder of the fixture catalog built with ``theme.language: <language>``."""
    workspace = Path(tempfile.mkdtemp(prefix=f"mops-i18n-{language}-"))
    atexit.register(shutil.rmtree, workspace, ignore_errors=True)
    root = workspace / "catalog"
    shutil.copytree(FIXTURE, root)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(language=language), encoding="utf-8")
    assert main(["build", str(root), "--strict"]) == 0, f"the {language} build failed"
    return root / "site"
