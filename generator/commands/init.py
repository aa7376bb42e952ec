"""``mops init DIR``: start a new catalog repository, ready to validate, build and publish."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.scaffold.install_source import VARIABLE, running_requirement


def add_parser(sub):
    parser = sub.add_parser(
        "init", help="start a new catalog repository in a new folder",
        description="Write a catalog repository into DIR: mkdocs.yml, example tools, roles, a "
        "team, a KPI and a playbook, the CI workflows (GitHub and GitLab), JSON Schema files and "
        "editor settings. DIR must be empty or not exist yet. Its requirements.txt installs "
        "the mops that made it (the git repository, address or folder it was installed from; "
        f"or the line in the {VARIABLE} variable).")
    parser.add_argument("dir", metavar="DIR", type=Path, help="the folder to create")
    parser.set_defaults(run=run)


def run(args) -> int:
    target: Path = args.dir
    if target.exists() and not target.is_dir():
        print(f"mops: error: '{target}' is a file; give a new or empty folder", file=sys.stderr)
        return 2
    if target.is_dir() and any(target.iterdir()):
        print(f"mops: error: '{target}' is not empty; mops init only writes into a new or "
              "empty folder, so nothing is overwritten", file=sys.stderr)
        return 2
    target.mkdir(parents=True, exist_ok=True)
    from generator.scaffold.repository import write_repository  # Jinja: only when used

    requirement = running_requirement()
    written = write_repository(target, requirement)
    print(f"wrote {len(written)} files to {target}. Next:\n"
          f"  cd {target}\n"
          "  mops validate          # check the example catalog\n"
          "  mops serve             # see the site while you edit\n"
          "  git init && git add . && git commit -m 'Start the catalog'\n"
          "then push it, turn on Pages (GitHub: Settings > Pages > Source: GitHub Actions), "
          "and set repo_url in mkdocs.yml.", file=sys.stderr)
    if requirement.local_only:
        print(f"mops: note: requirements.txt installs mops from {requirement.line.split(' @ ')[-1]}"
              ", which only this machine has. Before you push, change that line to one CI can "
              f"install (a git URL or a package index), or run mops init with {VARIABLE} set "
              "to it.", file=sys.stderr)
    return 0
