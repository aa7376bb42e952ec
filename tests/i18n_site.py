"""Builds of the multilingual fixture (tests/fixtures/i18n) in a given site language.

Shared by tests/test_i18n_site.py and tests/browser/test_i18n_browser.py; each language is
built once per test session, through ``mops build`` like a user would.
"""

from __future__ import annotations

import shutil
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


def build_site(workspace: Path, language: str) -> Path:
    """The built site folder of the fixture catalog with ``theme.language: <language>``."""
    root = workspace / f"catalog-{language}"
    shutil.copytree(FIXTURE, root)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(language=language), encoding="utf-8")
    assert main(["build", str(root), "--strict"]) == 0, f"the {language} build failed"
    return root / "site"
