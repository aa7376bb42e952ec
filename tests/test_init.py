"""``mops init``: a new catalog repository that validates and builds as it is; and this
repository's generated files (schemas, editor settings) never drift from the generator."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.checks import validate
from generator.cli import main
from generator.model.json_schema import dumps, editor_globs, schema_files
from generator.scaffold.repository import editor_settings, repository_files

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def new_repository(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("init") / "our-catalog"
    assert main(["init", str(target)]) == 0
    return target


def test_writes_a_complete_repository(new_repository):
    for relative in ("mkdocs.yml", "requirements.txt", "README.md", ".gitignore",
                     ".github/workflows/pull-request.yml", ".github/workflows/publish.yml",
                     ".gitlab-ci.yml", ".vscode/settings.json", "docs/how-to-change.md",
                     "catalog/categories.yaml", "catalog/tasks.yaml", "playbooks/lead-handoff.yaml"):
        assert (new_repository / relative).is_file(), relative
    assert not list(new_repository.rglob("dot-*"))
    assert (new_repository / "requirements.txt").read_text().splitlines()[-1].startswith(
        "mops-catalog")


def test_the_readme_names_every_place_catalog_data_lives(new_repository):
    """The new repository's README is a team's map: every entity folder and list file (people
    and acknowledgements included) is in its table, and importing an inventory is one of its
    first commands."""
    from generator.model.catalog import ENTITY_MODELS, LIST_MODELS, PLURAL

    readme = (new_repository / "README.md").read_text(encoding="utf-8")
    for kind in ENTITY_MODELS:
        folder = "playbooks/" if kind == "playbook" else f"catalog/{PLURAL[kind]}/"
        assert f"| `{folder}` |" in readme, folder
    for name in LIST_MODELS:
        assert f"| `catalog/{name}.yaml` |" in readme, name
    assert "mops import " in readme


def test_the_example_catalog_validates(new_repository):
    catalog, problems = validate(new_repository)
    assert problems == []
    for kind in ("tool", "role", "team", "playbook", "kpi"):
        assert catalog.entities[kind], kind


def test_validate_command_exits_0(new_repository, capsys):
    assert main(["validate", str(new_repository)]) == 0


@pytest.mark.skipif(not (REPO / "generator/site/plugin.py").exists(), reason="no site plugin")
def test_builds_strictly(new_repository, tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["build", str(new_repository), "--strict", "--site-dir", str(site)]) == 0, \
        capsys.readouterr().err
    assert (site / "index.html").is_file()
    how_to = (site / "how-to-change" / "index.html").read_text(encoding="utf-8")
    assert "```" not in how_to, "a fenced block inside a list is not rendered by Python-Markdown"
    assert (site / "tools" / "hubspot-marketing" / "index.html").is_file()


def test_editor_wiring_points_at_schema_files_that_exist(new_repository):
    settings = json.loads((new_repository / ".vscode/settings.json").read_text())
    wired = settings["yaml.schemas"]
    assert len(wired) == len(schema_files())
    for schema_path, globs in wired.items():
        assert (new_repository / schema_path).is_file()
        assert globs == [editor_globs()[Path(schema_path).name]]
    tool = new_repository / "catalog/tools/salesforce.yaml"
    first = tool.read_text().splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert (tool.parent / first).resolve() == (new_repository / "schemas/tool.schema.json")


@pytest.mark.parametrize("occupied", ["file-inside", "is-a-file"])
def test_refuses_anything_but_a_new_or_empty_folder(tmp_path, capsys, occupied):
    target = tmp_path / "target"
    if occupied == "file-inside":
        target.mkdir()
        (target / "notes.txt").write_text("mine")
    else:
        target.write_text("mine")
    assert main(["init", str(target)]) == 2
    assert "mops: error:" in capsys.readouterr().err
    if target.is_dir():
        assert [p.name for p in target.iterdir()] == ["notes.txt"]
    else:
        assert target.read_text() == "mine"


def test_an_empty_folder_is_fine(tmp_path):
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / "mkdocs.yml").is_file()


# ---------------------------------------------------------------- this repository's own copies


def test_committed_schemas_equal_the_generated_ones():
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").glob("*.json")}
    assert committed == {name: dumps(schema) for name, schema in schema_files().items()}, \
        "run `mops schema --out schemas`"


def test_editor_settings_match_the_schema_files():
    assert (REPO / ".vscode/settings.json").read_text(encoding="utf-8") == editor_settings()


def test_the_how_to_page_is_the_one_new_repositories_get():
    assert repository_files()["docs/how-to-change.md"].read_bytes() == \
        (REPO / "docs/how-to-change.md").read_bytes()


def test_the_pull_request_loop_works_in_a_new_repository(tmp_path, capsys, monkeypatch):
    """init, commit, add a role with ``mops new``, and see it in ``mops diff``."""
    main(["init", str(tmp_path)])
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "HOME": str(tmp_path)}
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "start"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, env=env)
    monkeypatch.chdir(tmp_path)
    assert main(["new", "role", "analyst"]) == 0
    path = tmp_path / "catalog/roles/analyst.yaml"
    text = path.read_text().replace("\nname:\n", "\nname: Analyst\n")
    path.write_text(text.replace("\narchetype:\n", "\narchetype: modeler\n")
                    .replace("\nsummary:\n", "\nsummary: Makes the numbers useful.\n"))
    capsys.readouterr()
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "- **added** Analyst `analyst`" in out  # no site_url yet: no link
    assert "No new validation problems" in out


def test_the_ci_install_command_installs_this_mops(new_repository, tmp_path):
    """The generated workflows' install step, run as CI runs it on a fresh machine: a new
    virtual environment and ``pip install -r requirements.txt``. Dependencies come from this
    test environment (``PIP_NO_DEPS``) so the test needs no index for them; mops itself is
    installed from where the running mops came from."""
    import os
    import sys

    import yaml

    workflow = yaml.safe_load((new_repository / ".github/workflows/pull-request.yml").read_text())
    install = [step["run"] for step in workflow["jobs"]["check"]["steps"]
               if step.get("name") == "Install mops"]
    gitlab = yaml.safe_load((new_repository / ".gitlab-ci.yml").read_text())
    assert install == ["pip install -r requirements.txt"] == gitlab["before_script"]
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(fresh)], check=True)
    env = {**os.environ, "PATH": f"{fresh / 'bin'}:{os.environ['PATH']}", "PIP_NO_DEPS": "1",
           "VIRTUAL_ENV": str(fresh)}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(install[0], shell=True, cwd=new_repository, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    site_packages = next(fresh.glob("lib/python*/site-packages"))
    assert list(site_packages.glob("mops_catalog-*.dist-info"))
    # the installed mops runs, with this environment's packages for its dependencies
    (site_packages / "dependencies.pth").write_text(
        next(p for p in sys.path if p.endswith("site-packages")) + "\n")
    checked = subprocess.run([str(fresh / "bin/mops"), "validate", "."], cwd=new_repository,
                             env=env, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    where = subprocess.run([str(fresh / "bin/python"), "-c",
                            "import generator; print(generator.__file__)"],
                           env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(fresh))  # this install, not the test environment's


def test_init_ships_the_full_default_taxonomy(tmp_path):
    """A new repository has every layer and category the bundled catalog uses, so a real
    team's first tools validate without writing a taxonomy first."""
    assert main(["init", str(tmp_path / "new")]) == 0
    catalog, problems = validate(tmp_path / "new")
    assert problems == []
    bundled, _ = validate(REPO)
    used = {tool.category for tool in bundled.tools.values()} | {
        c for tool in bundled.tools.values() for c in tool.categories}
    assert used <= set(catalog.categories)
    assert set(bundled.categories) <= set(catalog.categories)
    assert set(bundled.layers) <= set(catalog.layers)
