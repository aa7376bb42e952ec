"""The previous site is deleted while the build runs, and the finished site is the same
(generator/site/background_clean.py)."""

from generator.cli import main
from generator.site.background_clean import TRASH_PREFIX, BackgroundClean
from test_site_plugin import project


def test_everything_but_hidden_entries_goes(tmp_path):
    site = tmp_path / "site"
    (site / "tools" / "x").mkdir(parents=True)
    (site / "tools" / "x" / "index.html").write_text("old")
    (site / "index.html").write_text("old")
    (site / ".git").mkdir()
    (site / f"{TRASH_PREFIX}-1").mkdir()  # left by an interrupted build
    cleaning = BackgroundClean(str(site))
    cleaning.wait()
    assert sorted(p.name for p in site.iterdir()) == [".git"]


def test_a_missing_site_folder_is_left_alone(tmp_path):
    BackgroundClean(str(tmp_path / "none")).wait()
    assert not (tmp_path / "none").exists()


def test_rebuilding_removes_stale_pages_and_keeps_hidden_folders(tmp_path):
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
