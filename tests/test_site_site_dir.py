"""Which folder a build may write, and replacing the site without losing anything
(generator/site/site_dir.py), through `mops build`, plain `mkdocs build` and the plugin.

Every case runs against temporary folders: a fake home folder (``HOME``), a real git
repository, and hashes of the whole tree before and after, so that a build that touches
anything outside its site folder fails here.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from generator.site import background_clean, site_dir
from generator.site.site_dir import MARKER, MARKER_TEXT, Replacement, SiteFolderError

PYTHON = [sys.executable, "-m", "generator"]


def snapshot(top: Path, skip: Path | None = None) -> dict[str, str]:
    """Every entry under ``top`` (hidden ones too) with its content's hash; ``skip`` left out."""
    found = {}
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        if skip is not None and (here == skip or skip in here.parents):
            dirs[:] = []
            continue
        for name in dirs + files:
            path = here / name
            if skip is not None and path == skip:
                continue
            key = path.relative_to(top).as_posix()
            if path.is_symlink():
                found[key] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[key] = "folder"
            else:
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def settled(parent: Path, timeout: float = 60) -> None:
    """Wait until the previous site's deletion, which goes on after a build, is over."""
    deadline = time.monotonic() + timeout
    while any(".mops-old-" in p.name or ".mops-new-" in p.name for p in parent.iterdir()):
        assert time.monotonic() < deadline, sorted(p.name for p in parent.iterdir())
        time.sleep(0.05)


@pytest.fixture
def home(tmp_path) -> Path:
    """A fake home folder holding a git repository whose root is the catalog root."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "taxes.txt").write_text("keep me")
    (home / ".bashrc").write_text("# keep me too")
    repo = home / "projects" / "stack"
    shutil.copytree(FIXTURES / "small", repo)
    (home / "projects" / "other-project.txt").write_text("a neighbour")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return home


def mops(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home)}
    return subprocess.run([*PYTHON, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def with_mkdocs_yml(root: Path, extra: str = "") -> Path:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    if extra:
        with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
            config.write(extra)
    return root


# -- refused: exit 2, nothing anywhere touched --------------------------------------------

@pytest.mark.parametrize("site, reason", [
    (".", "is the repository's root folder"),
    ("..", "holds the repository's root folder"),
    ("~", "is your home folder"),
    ("catalog", "is the catalog's 'catalog' folder"),
    ("catalog/tools", "is inside the catalog's 'catalog' folder"),
    ("playbooks", "is the catalog's 'playbooks' folder"),
    ("docs", "is the docs folder"),
    (".git", "is the repository's .git folder"),
])
def test_a_bare_catalog_refuses_folders_a_build_would_destroy(home, site, reason):
    root = home / "projects" / "stack"
    before = snapshot(home.parent)
    result = mops("build", ".", "--site-dir", str(home) if site == "~" else site,
                  cwd=root, home=home)
    assert result.returncode == 2, result.stderr
    assert reason in result.stderr and "Traceback" not in result.stderr
    assert "--site-dir" in result.stderr  # says how to go on
    assert snapshot(home.parent) == before


@pytest.mark.parametrize("site, reason", [
    ("catalog", "is the catalog's 'catalog' folder"),
    ("docs", "should not be within the 'site_dir'"),  # MkDocs' own check sees this one
    ("playbooks", "is the catalog's 'playbooks' folder"),
])
def test_a_catalog_with_mkdocs_yml_refuses_them_too(home, site, reason):
    root = with_mkdocs_yml(home / "projects" / "stack")
    before = snapshot(home.parent)
    result = mops("build", ".", "--site-dir", site, cwd=root, home=home)
    assert result.returncode == 2, result.stderr
    assert reason in result.stderr and "Traceback" not in result.stderr
    assert snapshot(home.parent) == before


def test_the_repository_root_is_refused_when_the_catalog_is_in_a_subfolder(home):
    repo = home / "projects" / "stack"
    (repo / "mops").mkdir()
    for folder in ("catalog", "playbooks"):
        (repo / folder).rename(repo / "mops" / folder)
    before = snapshot(home.parent)
    result = mops("build", "mops", "--site-dir", ".", cwd=repo, home=home)
    assert result.returncode == 2, result.stderr
    assert "is the repository's root folder" in result.stderr
    assert snapshot(home.parent) == before


def test_the_home_folder_is_refused_even_when_it_holds_no_catalog(home, tmp_path):
    root = tmp_path / "elsewhere"
    shutil.copytree(FIXTURES / "small", root)
    before = snapshot(tmp_path)
    result = mops("build", str(root), "--site-dir", str(home), cwd=tmp_path, home=home)
    assert result.returncode == 2, result.stderr
    assert "is your home folder" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_folder_holding_files_the_build_did_not_write_is_refused(home):
    root = home / "projects" / "stack"
    foreign = home / "Documents"
    before = snapshot(home.parent)
    result = mops("build", ".", "--site-dir", str(foreign), cwd=root, home=home)
    assert result.returncode == 2, result.stderr
    assert "holds files a build did not write (taxes.txt)" in result.stderr
    assert "Empty the folder yourself" in result.stderr
    assert snapshot(home.parent) == before


def test_a_folder_holding_only_hidden_files_is_not_empty(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "small", root)
    site = tmp_path / "site"
    site.mkdir()
    (site / ".env").write_text("SECRET=1")
    before = snapshot(tmp_path)
    result = mops("build", str(root), "--site-dir", str(site), cwd=tmp_path, home=tmp_path)
    assert result.returncode == 2 and "(.env)" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_site_built_before_sites_were_marked_is_refused_with_a_way_out(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "small", root)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("an old site")
    result = mops("build", str(root), cwd=tmp_path, home=tmp_path)
    assert result.returncode == 2
    assert "delete that site once" in result.stderr


def test_plain_mkdocs_build_makes_the_same_check(home):
    root = with_mkdocs_yml(home / "projects" / "stack")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("site_dir: site", "site_dir: catalog"))
    before = snapshot(home.parent)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root,
                            env={**os.environ, "HOME": str(home)}, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode != 0
    assert "is the catalog's 'catalog' folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(home.parent) == before


def test_serve_makes_the_same_check_on_each_build(tmp_path):
    """`mops serve` and `mkdocs serve` build into a temporary folder; the plugin checks it
    like any site folder."""
    from mkdocs.config import load_config

    root = with_mkdocs_yml(shutil.copytree(FIXTURES / "small", tmp_path / "root"))
    served = tmp_path / "served"
    served.mkdir()
    (served / "notes.txt").write_text("not a site")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(served))
    plugin = config.plugins["mops"]
    plugin.on_startup(command="serve", dirty=True)
    try:
        with pytest.raises(SiteFolderError, match="holds files a build did not write"):
            plugin.on_config(config)
    finally:
        plugin.on_shutdown()


def test_a_link_to_the_catalog_is_the_catalog(home):
    root = home / "projects" / "stack"
    (home / "out").symlink_to(root / "catalog")
    before = snapshot(home.parent)
    result = mops("build", ".", "--site-dir", str(home / "out"), cwd=root, home=home)
    assert result.returncode == 2
    assert "is the catalog's 'catalog' folder" in result.stderr
    assert snapshot(home.parent) == before


def test_the_file_system_root_and_its_neighbours_are_refused(tmp_path, monkeypatch):
    root = tmp_path / "a" / "root"
    shutil.copytree(FIXTURES / "small", root)
    monkeypatch.setenv("HOME", str(tmp_path / "b" / "home"))
    with pytest.raises(SiteFolderError, match="is the file system root"):
        site_dir.check(Path(tmp_path.anchor), root=root)
    with pytest.raises(SiteFolderError, match="holds your home folder"):
        site_dir.check(tmp_path / "b", root=root)
    import pwd

    with pytest.raises(SiteFolderError, match="is your home folder"):
        site_dir.check(pwd.getpwuid(os.getuid()).pw_dir, root=root)  # whatever HOME says
    with pytest.raises(SiteFolderError, match="holds the folder of the MkDocs configuration"):
        site_dir.check(tmp_path / "config", root=root,
                       config_file=tmp_path / "config" / "inner" / "mkdocs.yml")
    site_dir.check(root / "site", root=root)  # the usual place is fine


# -- allowed: nothing outside the site folder changes --------------------------------------

def test_an_empty_or_missing_folder_is_built_and_marked(home):
    root = home / "projects" / "stack"
    for site in (home / "empty-site", root / "site"):
        if site.name == "empty-site":
            site.mkdir()
        before = snapshot(home.parent, skip=site)
        result = mops("build", ".", "--site-dir", str(site), cwd=root, home=home)
        assert result.returncode == 0, result.stderr
        settled(site.parent)
        assert (site / "tools" / "marketo" / "index.html").is_file()
        assert (site / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
        assert snapshot(home.parent, skip=site) == before
        umask = os.umask(0)
        os.umask(umask)
        assert site.stat().st_mode & 0o777 == 0o777 & ~umask  # a web server can read it


def test_rebuilding_a_site_replaces_it_and_keeps_hidden_entries(home):
    root = home / "projects" / "stack"
    site = root / "site"
    assert mops("build", ".", cwd=root, home=home).returncode == 0
    settled(root)
    first = snapshot(site)
    (site / "stale" / "page").mkdir(parents=True)
    (site / "stale" / "page" / "index.html").write_text("gone next build")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    before = snapshot(home.parent, skip=site)
    result = mops("build", ".", cwd=root, home=home)
    assert result.returncode == 0, result.stderr
    settled(root)
    assert snapshot(home.parent, skip=site) == before
    second = snapshot(site)
    assert second.pop(".git") == "folder"
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    second.pop(".git/HEAD")
    assert second == first  # the stale page is gone, everything else is byte-identical


def test_plain_mkdocs_build_builds_twice_into_its_marked_site(tmp_path):
    root = with_mkdocs_yml(shutil.copytree(FIXTURES / "small", tmp_path / "root"))
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        settled(root)
    assert (root / "site" / MARKER).is_file()
    assert (root / "site" / "stack" / "index.html").is_file()


# -- a build that fails or is killed halfway leaves the previous site whole ------------------

KILL_HOOK = """
import os, signal

built = 0

def on_post_page(output, page, config):
    global built
    built += 1
    if built == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return output
"""


def built_site(tmp_path: Path, extra: str = "") -> tuple[Path, Path, dict[str, str]]:
    root = with_mkdocs_yml(shutil.copytree(FIXTURES / "small", tmp_path / "root"), extra)
    assert mops("build", ".", cwd=root, home=tmp_path).returncode == 0
    settled(root)
    return root, root / "site", snapshot(tmp_path)


def test_a_killed_build_leaves_the_previous_site_whole(tmp_path):
    root, site, before = built_site(tmp_path)
    (root / "kill.py").write_text(KILL_HOOK)
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("hooks:\n  - kill.py\n")
    before = snapshot(tmp_path, skip=root)
    site_before = snapshot(site)
    result = mops("build", ".", cwd=root, home=tmp_path)
    assert result.returncode == -signal.SIGKILL
    assert snapshot(site) == site_before
    assert snapshot(tmp_path, skip=root) == before
    # the next build clears what the killed one left
    (root / "kill.py").write_text("")
    assert mops("build", ".", cwd=root, home=tmp_path).returncode == 0
    settled(root)
    assert not [p.name for p in root.iterdir() if ".mops-" in p.name]


def test_a_build_failing_in_strict_mode_leaves_the_previous_site_whole(tmp_path):
    root, site, _ = built_site(tmp_path)
    site_before = snapshot(site)
    (root / "docs" / "writing-descriptions.md").write_text(
        "# Writing\n\nSee [the guide](no-such-page.md).\n", encoding="utf-8")
    result = mops("build", ".", "--strict", cwd=root, home=tmp_path)
    assert result.returncode == 1 and "no-such-page.md" in result.stderr
    settled(root)
    assert snapshot(site) == site_before


def test_a_build_stopped_by_catalog_errors_leaves_the_previous_site_whole(tmp_path):
    root, site, _ = built_site(tmp_path)
    site_before = snapshot(site)
    tool = root / "catalog" / "tools" / "marketo.yaml"
    tool.write_text(tool.read_text().replace("owner: automation-specialist", "owner: nobody"))
    result = mops("build", ".", cwd=root, home=tmp_path)
    assert result.returncode == 1 and "nobody" in result.stdout
    settled(root)
    assert snapshot(site) == site_before


# -- the swap itself ----------------------------------------------------------------------

def new_site(parent: Path, text: str) -> Path:
    site = parent / "site"
    site.mkdir(parents=True)
    (site / MARKER).write_text(MARKER_TEXT)
    (site / "index.html").write_text(text)
    return site


def build_with(replacement: Replacement, text: str) -> None:
    (replacement.folder / "index.html").write_text(text)
    site_dir.mark(replacement.folder)


def test_without_an_atomic_swap_two_renames_do(tmp_path, monkeypatch):
    monkeypatch.setattr(site_dir, "_exchange", lambda new, site: False)
    site = new_site(tmp_path, "old")
    (site / ".git").mkdir()
    replacement = Replacement(site)
    build_with(replacement, "new")
    replacement.finish()
    background_clean.wait()
    assert (site / "index.html").read_text() == "new" and (site / ".git").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_where_the_site_folder_cannot_be_renamed_entries_are_moved(tmp_path, monkeypatch):
    monkeypatch.setattr(site_dir, "_exchange", lambda new, site: False)
    site = new_site(tmp_path, "old")
    (site / "old-only.html").write_text("stale")
    (site / ".git").mkdir()
    replacement = Replacement(site)
    build_with(replacement, "new")
    rename = os.rename

    def no_renaming_the_site(source, target):
        if Path(source) == site:
            raise OSError(16, "Device or resource busy")
        rename(source, target)

    monkeypatch.setattr(site_dir.os, "rename", no_renaming_the_site)
    replacement.finish()
    background_clean.wait()
    assert sorted(p.name for p in site.iterdir()) == [".git", MARKER, "index.html"]
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_abandoned_build_leaves_the_old_site(tmp_path):
    site = new_site(tmp_path, "old")
    replacement = Replacement(site)
    build_with(replacement, "half")
    replacement.abandon()
    background_clean.wait()
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_stopped_between_the_two_renames_gets_the_old_site_back(tmp_path):
    """Killed after the old site was moved aside: the next build puts it back, with its
    hidden entries, before it starts."""
    old = new_site(tmp_path, "old")
    (old / ".git").mkdir()
    old.rename(tmp_path / ".site.mops-old-1234")
    (tmp_path / ".site.mops-new-5678").mkdir()  # the half-built one
    Replacement(tmp_path / "site").abandon()
    background_clean.wait()
    assert (tmp_path / "site" / "index.html").read_text() == "old"
    assert (tmp_path / "site" / ".git").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_hidden_entry_left_in_an_old_site_goes_back_to_the_site(tmp_path):
    site = new_site(tmp_path, "new")
    old = new_site(tmp_path / "x", "old").rename(tmp_path / ".site.mops-old-1234")
    (old / ".git").mkdir()
    Replacement(site).abandon()
    background_clean.wait()
    assert (site / ".git").is_dir() and (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "x"]
