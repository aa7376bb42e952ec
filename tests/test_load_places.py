"""generator.load.places: the folders of a catalog repository no command writes into."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.places import inside_protected, protected_folders, repository_root


@pytest.fixture
def repo(tmp_path) -> Path:
    for folder in (".git", "catalog/tools", "playbooks", "pages", "exports"):
        (tmp_path / folder).mkdir(parents=True)
    return tmp_path


@pytest.mark.parametrize("path, what", [
    ("catalog", "the catalog's 'catalog' folder"),
    ("catalog/tools/new.json", "the catalog's 'catalog' folder"),
    ("playbooks/x", "the catalog's 'playbooks' folder"),
    ("docs", "the docs folder"),
    ("pages/downloads", "the docs folder"),
    (".git/hooks", "the repository's .git folder"),
    ("exports/.git/x", "a repository's .git folder"),
])
def test_the_catalog_docs_and_git_are_protected(repo, path, what):
    assert inside_protected(repo / path, repo, docs_dir=repo / "pages") == what


@pytest.mark.parametrize("path", ["exports/catalog.json", "site", "catalog-export", "."])
def test_other_places_are_not(repo, path):
    assert inside_protected(repo / path, repo, docs_dir=repo / "pages") is None


def test_a_catalog_in_a_subfolder_protects_the_repositorys_git(repo):
    root = repo / "marketing"
    (root / "catalog").mkdir(parents=True)
    assert repository_root(root) == repo.resolve()
    assert protected_folders(root)[repo.resolve() / ".git"] == "the repository's .git folder"
    assert inside_protected(repo / ".git" / "x", root) == "the repository's .git folder"


def test_render_refuses_a_git_folder(repo):
    from generator.site.plain_files import RenderError, check_out

    with pytest.raises(RenderError, match=r"\.git"):
        check_out(repo / ".git" / "rendered", repo)
