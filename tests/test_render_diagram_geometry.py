"""Every diagram of a built site, read back from its SVG: no label cut short, none sticking out
of its box or the picture, no two labels on top of each other, no label over a box, no edge
through a box, no flow without its label or numbered marker on the picture. On the bundled
catalog's site and on a 250-tool synthetic one (``benchmarks/generate.py``), in English and in
Korean (wide characters wrap differently)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import diagram_geometry as geometry

REPO = Path(__file__).resolve().parent.parent


def build(root: Path, site: Path) -> Path:
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", str(root), "--site-dir", str(site)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic") / "catalog"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "250", str(root)],
                   check=True, capture_output=True)
    return root


def assert_readable(site: Path, least: int) -> None:
    count, found = geometry.site_problems(site)
    assert count >= least, f"only {count} diagrams found in {site}"
    assert found == [], "\n".join(found[:40])


def test_bundled_site_diagrams_are_readable(tmp_path):
    assert_readable(build(REPO, tmp_path / "site"), 60)


def test_bundled_site_in_korean_is_readable(tmp_path):
    root = tmp_path / "repo"
    for folder in ("catalog", "playbooks", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  language: en" in config
    (root / "mkdocs.yml").write_text(config.replace("  language: en", "  language: ko", 1), encoding="utf-8")
    assert_readable(build(root, tmp_path / "site"), 60)


def test_synthetic_site_of_250_tools_is_readable(synthetic, tmp_path):
    assert_readable(build(synthetic, tmp_path / "site"), 250)


@pytest.mark.parametrize("svg, defect", [
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><g class="node">'
     '<rect x="0" y="0" width="60" height="30"/><text x="30" y="20" text-anchor="middle" font-size="14">'
     'Marketing automation</text></g></svg>', "sticks out of its box"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><text x="10" y="20" font-size="11">'
     'product ev…</text></svg>', "cut short"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><text x="10" y="20" font-size="11">'
     'leads</text><text x="14" y="24" font-size="11">contacts</text></svg>', "overlap"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><g class="node"><rect x="0" y="0" '
     'width="60" height="30"/></g><text x="10" y="20" font-size="11">leads</text></svg>', "over a box"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><g class="node"><rect x="100" y="0" '
     'width="60" height="30"/></g><path class="line" d="M 0 15 H 300"/></svg>', "through a box"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text x="2" y="20" font-size="12">'
     '2026-12 2027-01 2027-02 2027-03</text></svg>', "out of the picture"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><g class="edge"><title>A → B: leads</title>'
     '<path class="line" d="M 0 15 H 100"/></g><g class="edge"><title>A → C: events</title>'
     '<path class="line" d="M 0 55 H 100"/></g><g class="edge-label"><title>A → B: leads</title>'
     '<text x="50" y="20" font-size="11">leads</text></g></svg>', "neither label nor marker"),
])
def test_the_geometry_reader_sees_each_defect(svg, defect):
    """The site tests above could pass by reading nothing: each defect they look for is found
    in a small picture that has it."""
    assert any(defect in problem for problem in geometry.problems(svg)), geometry.problems(svg)
