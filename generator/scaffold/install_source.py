"""Where the running mops came from, as the ``requirements.txt`` line of a catalog repository
that ``mops init`` makes: the new repository's README and CI install exactly this mops.

In order:

* ``MOPS_REQUIREMENT``, when set, is the line as given (a pinned version on a private index, a
  git URL, a wheel's address): for organisations that publish mops their own way.
* A mops installed from git (``pip install git+https://...``) is installed from the same
  repository at the same commit; pip records both in the installation's ``direct_url.json``
  (PEP 610).
* A mops installed from an archive's web address is installed from that address.
* A mops installed from a folder (``pip install .`` or ``-e .``, as this repository's scripts
  do) is installed from the same folder when the folder is a git checkout whose commit is on
  a remote branch and nothing in it is uncommitted: then from that remote at that commit, which
  a fresh machine (CI) can reach. Otherwise from the folder itself, which only this machine
  has: the file says so, and ``mops init`` warns.
* A mops installed from a package index is installed by name and version from an index.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

DISTRIBUTION = "mops-catalog"
VARIABLE = "MOPS_REQUIREMENT"
_SCP_LIKE = re.compile(r"^(?P<user>[\w.-]+)@(?P<host>[\w.-]+):(?P<path>[^/].*)$")


@dataclass
class Requirement:
    line: str
    """What pip installs: a ``requirements.txt`` line."""
    source: str
    """Where it comes from, in words, for the comment above the line."""
    local_only: bool = False
    """True when the line names a folder or file on this machine only."""


def running_requirement() -> Requirement:
    """The requirement that installs the mops running now (see the module's docstring)."""
    given = os.environ.get(VARIABLE, "").strip()
    if given:
        return Requirement(given, f"the line given in the {VARIABLE} variable when this repository was made")
    installed = list(distributions(name=DISTRIBUTION))
    for found in installed:  # a stray *.egg-info in a source folder has no record: skip it
        recorded = found.read_text("direct_url.json")
        if recorded:
            return from_direct_url(json.loads(recorded), found.version)
    source = Path(__file__).resolve().parents[2]
    if (source / "pyproject.toml").is_file() or not installed:  # run from a source folder
        return folder_requirement(source)
    return Requirement(f"{DISTRIBUTION}=={installed[0].version}", "a package index (PyPI, or "
                       "your organisation's own: pip's --index-url or PIP_INDEX_URL)")


def from_direct_url(direct_url: dict, version: str) -> Requirement:
    """The requirement for an installation whose PEP 610 record is ``direct_url``."""
    url = direct_url.get("url", "")
    subdirectory = direct_url.get("subdirectory")
    fragment = f"#subdirectory={subdirectory}" if subdirectory else ""
    vcs = direct_url.get("vcs_info")
    if vcs:
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        at = f"@{revision}" if revision else ""
        return Requirement(f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{url}{at}{fragment}",
                           f"the {vcs.get('vcs', 'git')} repository mops {version} was "
                           "installed from, at the same commit")
    if urlparse(url).scheme != "file":
        return Requirement(f"{DISTRIBUTION} @ {url}{fragment}",
                           f"the address mops {version} was installed from")
    path = Path(url2pathname(unquote(urlparse(url).path)))
    if subdirectory:
        path = path / subdirectory
    return folder_requirement(path) if path.is_dir() else Requirement(
        f"{DISTRIBUTION} @ {path.as_uri()}", f"the file mops {version} was installed from, "
        "on the machine that ran mops init", local_only=True)


def folder_requirement(folder: Path) -> Requirement:
    """A mops installed from ``folder``: its git remote at the same commit, when a fresh
    machine can get that; else the folder."""
    remote = _published_commit(folder)
    if remote:
        url, commit = remote
        return Requirement(f"{DISTRIBUTION} @ git+{url}@{commit}", "the git repository of the "
                           f"folder mops was installed from ({folder}), at the same commit")
    return Requirement(f"{DISTRIBUTION} @ {folder.as_uri()}", "the folder mops was installed "
                       "from, on the machine that ran mops init", local_only=True)


def _published_commit(folder: Path) -> tuple[str, str] | None:
    """``(remote URL, commit)`` when ``folder`` is a clean git checkout whose commit is on a
    remote-tracking branch (so it was pushed, as far as this clone knows)."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                                  text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "--verify", "HEAD")
    if not commit or git("status", "--porcelain", "--untracked-files=no") != "":
        return None
    branches = git("branch", "-r", "--contains", commit, "--format=%(refname:short)") or ""
    for branch in branches.splitlines():
        remote = branch.split("/", 1)[0]
        url = installable_url(git("remote", "get-url", remote) or "")
        if url:
            return url, commit
    return None


def installable_url(url: str) -> str | None:
    """A git remote as pip takes it (``git@github.com:acme/mops.git`` becomes
    ``ssh://git@github.com/acme/mops.git``); None for a remote on this machine (a path or a
    ``file:`` URL), which another machine cannot reach."""
    match = _SCP_LIKE.match(url)
    if match and "://" not in url:
        return f"ssh://{match['user']}@{match['host']}/{match['path']}"
    scheme = urlparse(url).scheme
    return url if "://" in url and scheme not in ("", "file") else None
