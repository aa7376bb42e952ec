"""Shared fixtures: a writable copy of the small valid catalog, edited per test."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


class CatalogDir:
    """A temporary catalog; ``write`` puts (dedented) text or bytes at a relative path."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def edit(self, relative: str, old: str, new: str) -> None:
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        (self.root / relative).write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def small_catalog(tmp_path) -> CatalogDir:
    root = tmp_path / "catalog-root"
    shutil.copytree(FIXTURES / "small", root)
    return CatalogDir(root)
