"""The ``requirements.txt`` line ``mops init`` writes: the mops that made the repository, from
where it was installed (generator/scaffold/install_source.py)."""

from __future__ import annotations

import subprocess

import pytest

from generator.scaffold import install_source
from generator.scaffold.install_source import (
    from_direct_url,
    installable_url,
    running_requirement,
)
from generator.scaffold.repository import requirements

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(folder, *args) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                          text=True, env={**GIT_ENV, "HOME": str(folder)}).stdout.strip()


def test_a_git_install_is_installed_from_the_same_commit():
    requirement = from_direct_url({
        "url": "https://github.com/acme/mops-catalog.git",
        "vcs_info": {"vcs": "git", "commit_id": "0123abcd", "requested_revision": "v0.1.0"},
        "subdirectory": "tools/mops"}, "0.1.0")
    assert requirement.line == ("mops-catalog @ git+https://github.com/acme/mops-catalog.git"
                                "@0123abcd#subdirectory=tools/mops")
    assert not requirement.local_only


def test_an_archive_address_is_kept():
    requirement = from_direct_url({"url": "https://files.example.com/mops-0.1.0.tar.gz",
                                   "archive_info": {"hash": "sha256=00"}}, "0.1.0")
    assert requirement.line == "mops-catalog @ https://files.example.com/mops-0.1.0.tar.gz"


def test_a_folder_that_is_no_pushed_checkout_is_named_as_local(tmp_path):
    folder = tmp_path / "mops catalog"
    folder.mkdir()
    requirement = from_direct_url({"url": folder.as_uri(), "dir_info": {"editable": True}},
                                  "0.1.0")
    assert requirement.local_only
    assert requirement.line == f"mops-catalog @ {folder.as_uri()}"  # spaces as %20
    text = requirements(requirement)
    assert "only on the machine that ran `mops init`" in text
    assert "MOPS_REQUIREMENT" in text
    assert text.splitlines()[-1] == requirement.line


def test_a_pushed_clean_checkout_is_installed_from_its_remote(tmp_path):
    folder = tmp_path / "mops-catalog"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    (folder / "pyproject.toml").write_text("[project]\nname = 'mops-catalog'\n")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "one")
    commit = git(folder, "rev-parse", "HEAD")
    record = {"url": folder.as_uri(), "dir_info": {"editable": True}}
    git(folder, "remote", "add", "origin", "git@github.com:acme/mops-catalog.git")
    assert from_direct_url(record, "0.1.0").local_only  # not on any remote branch yet
    git(folder, "update-ref", "refs/remotes/origin/main", commit)  # as a push leaves it
    requirement = from_direct_url(record, "0.1.0")
    assert requirement.line == \
        f"mops-catalog @ git+ssh://git@github.com/acme/mops-catalog.git@{commit}"
    assert not requirement.local_only
    (folder / "pyproject.toml").write_text("[project]\nname = 'changed'\n")
    assert from_direct_url(record, "0.1.0").local_only  # uncommitted changes: not that commit


def test_a_clone_of_a_local_folder_is_local(tmp_path):
    """Cloned from a folder on this machine: its remote is a path no other machine has."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    (origin / "pyproject.toml").write_text("[project]\nname = 'mops-catalog'\n")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "one")
    git(tmp_path, "clone", "-q", str(origin), str(tmp_path / "clone"))
    requirement = from_direct_url({"url": (tmp_path / "clone").as_uri(), "dir_info": {}}, "0.1")
    assert requirement.local_only
    assert requirement.line == f"mops-catalog @ {(tmp_path / 'clone').as_uri()}"


@pytest.mark.parametrize(("remote", "url"), [
    ("git@github.com:acme/mops.git", "ssh://git@github.com/acme/mops.git"),
    ("https://gitlab.example.com/ops/mops.git", "https://gitlab.example.com/ops/mops.git"),
    ("ssh://git@host:2222/ops/mops.git", "ssh://git@host:2222/ops/mops.git"),
    ("/srv/git/mops.git", None),  # a clone of a folder on this machine: CI cannot reach it
    ("file:///srv/git/mops.git", None),
    ("../mops", None),
])
def test_remotes_become_urls_pip_takes(remote, url):
    assert installable_url(remote) == url


def test_the_variable_wins(monkeypatch):
    monkeypatch.setenv("MOPS_REQUIREMENT", "mops-catalog==0.1.0")
    requirement = running_requirement()
    assert requirement.line == "mops-catalog==0.1.0" and not requirement.local_only
    assert "MOPS_REQUIREMENT" in requirement.source


def test_an_index_install_is_pinned_by_version(monkeypatch):
    class Installed:
        version = "0.1.0"

        def read_text(self, name):
            return None  # no direct_url.json: installed from an index

    monkeypatch.delenv("MOPS_REQUIREMENT", raising=False)
    monkeypatch.setattr(install_source, "distributions", lambda name: [Installed()])
    monkeypatch.setattr(install_source, "__file__", "/site-packages/generator/scaffold/x.py")
    assert running_requirement().line == "mops-catalog==0.1.0"
