"""The previous site is deleted while the build runs, and the finished site is the same
(generator/site/background_clean.py)."""

import pytest

from generator.cli import main
from generator.site import background_clean
from generator.site.background_clean import TRASH_PREFIX, BackgroundClean
from test_site_plugin import project


@pytest.fixture
def alone(monkeypatch):
    """As in `mkdocs build`: no other thread runs (other tests may leave some behind)."""
    monkeypatch.setattr(background_clean.threading, "active_count", lambda: 1)


def old_site(tmp_path):
    site = tmp_path / "site"
    (site / "tools" / "x").mkdir(parents=True)
    (site / "tools" / "x" / "index.html").write_text("old")
    (site / "index.html").write_text("old")
    (site / ".git").mkdir()
    (site / f"{TRASH_PREFIX}-1").mkdir()  # left by an interrupted build
    return site


def test_everything_but_hidden_entries_goes(tmp_path, alone):
    site = old_site(tmp_path)
    BackgroundClean(str(site)).wait()
    assert sorted(p.name for p in site.iterdir()) == [".git"]


def test_with_other_threads_running_mkdocs_cleans_as_usual(tmp_path, monkeypatch):
    monkeypatch.setattr(background_clean.threading, "active_count", lambda: 2)
    site = old_site(tmp_path)
    before = sorted(p.name for p in site.iterdir())
    BackgroundClean(str(site)).wait()  # forking with threads is unsafe: nothing is moved
    assert sorted(p.name for p in site.iterdir()) == before


def test_a_missing_site_folder_is_left_alone(tmp_path):
    BackgroundClean(str(tmp_path / "none")).wait()
    assert not (tmp_path / "none").exists()


def test_rebuilding_removes_stale_pages_and_keeps_hidden_folders(tmp_path, alone):
    root = project(tmp_path)
    site = root / "site"
    assert main(["build", str(root), "--site-dir", str(site)]) == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (site / "stale" / "page").mkdir(parents=True)
    (site / "stale" / "page" / "index.html").write_text("gone next build")
    (site / ".git").mkdir()
    assert main(["build", str(root), "--site-dir", str(site)]) == 0
    second = {p.relative_to(site): p.read_bytes() for p in site.rglob("*")
              if p.is_file() and ".git" not in p.parts}
    assert second == first
    assert (site / ".git").is_dir()
    assert not any(p.name.startswith(TRASH_PREFIX) for p in site.iterdir())
