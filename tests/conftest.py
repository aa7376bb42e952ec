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


# The fast tier: `pytest -m "not slow"` (under a minute) for everyday work; CI runs everything.
# Modules that build whole sites, serve them or drive a browser are slow as a whole; a few
# other tests are named one by one. Mark a new slow test with `@pytest.mark.slow` (or add its
# module here when all of it builds sites).
SLOW_MODULES = {
    "browser", "test_benchmarks", "test_commands_render", "test_commands_serve",
    "test_i18n_site", "test_render_diagram_geometry", "test_scripts", "test_site_engines",
    "test_site_incremental", "test_site_mkdocs_internals", "test_site_navigation_cache",
    "test_site_parallel", "test_site_plugin", "test_site_search_tables", "test_site_site_dir",
}
SLOW_TESTS = {
    "test_init.py::test_the_ci_install_command_installs_this_mops",
    "test_init.py::test_builds_strictly",
    "test_lint.py::test_planted_mistakes_are_reported",
    "test_cli.py::test_a_control_character_is_a_validation_error_not_a_traceback",
    "test_cli.py::test_usage_errors_exit_2",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        module = "browser" if path.parent.name == "browser" else path.stem
        if module in SLOW_MODULES or f"{path.name}::{item.originalname}" in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
