"""Redoing only the pages an edit can change (generator/render/incremental.py): after every kind
of edit, the result must equal a full render of the edited catalog."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.checks import validate
from generator.load.parse import ParseCache
from generator.render.incremental import affected_paths, changed_entities, update_pages
from generator.render.pages import render_pages
from generator.settings import Settings

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
TODAY = dt.date(2026, 6, 1)
SETTINGS = Settings(today=TODAY)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A synthetic 60-tool catalog (integrations, playbooks, teams, KPIs) and its pages."""
    root = tmp_path_factory.mktemp("generated") / "catalog"
    done = subprocess.run([sys.executable, str(BENCHMARKS / "generate.py"), "60", str(root)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def root(generated, tmp_path) -> Path:
    copy = tmp_path / "catalog"
    shutil.copytree(generated, copy)
    return copy


def load(root: Path) -> dict:
    return yaml.safe_load(root.read_text(encoding="utf-8"))


def save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def tool_with_integrations(root: Path) -> Path:
    return next(p for p in sorted((root / "catalog/tools").glob("*.yaml"))
                if load(p).get("integrations"))


def rename(path: Path) -> None:
    data = load(path)
    data["name"] = f"{data['name']} renamed"
    save(path, data)


def change_category(root: Path) -> None:
    path = tool_with_integrations(root)
    data = load(path)
    categories = [c["id"] for c in load(root / "catalog/categories.yaml")["categories"]]
    data["category"] = next(c for c in categories if c != data["category"])
    save(path, data)


def drop_integrations(root: Path) -> None:
    path = tool_with_integrations(root)
    data = load(path)
    del data["integrations"]
    save(path, data)


def delete_tool(root: Path) -> None:
    """A tool no playbook step uses (deleting a used one would be an error)."""
    used = {tool for p in (root / "playbooks").glob("*.yaml")
            for step in load(p)["steps"] for tool in step.get("tools", [])}
    integrated = {i["tool"] for p in (root / "catalog/tools").glob("*.yaml")
                  for i in load(p).get("integrations", [])}
    path = next(p for p in sorted((root / "catalog/tools").glob("*.yaml"))
                if p.stem not in used | integrated)
    path.unlink()


def add_tool(root: Path) -> None:
    source = tool_with_integrations(root)
    data = load(source)
    data["name"] = "A brand new tool"
    save(source.with_name("brand-new-tool.yaml"), data)


def rename_role(root: Path) -> None:
    rename(sorted((root / "catalog/roles").glob("*.yaml"))[1])


def move_role(root: Path) -> None:
    """Change whom a role reports to (team org charts follow reporting lines)."""
    roles = sorted((root / "catalog/roles").glob("*.yaml"))
    assert load(roles[1])["reports_to"] == roles[0].stem
    data = load(roles[2])
    data["reports_to"] = roles[1].stem
    save(roles[2], data)


def edit_playbook(root: Path) -> None:
    path = sorted((root / "playbooks").glob("*.yaml"))[0]
    data = load(path)
    data["steps"][0]["name"] = "A renamed first step"
    data["steps"][0]["tools"] = data["steps"][0].get("tools", [])[1:]
    save(path, data)


def rename_kpi(root: Path) -> None:
    rename(sorted((root / "catalog/kpis").glob("*.yaml"))[0])


def rename_team(root: Path) -> None:
    rename(sorted((root / "catalog/teams").glob("*.yaml"))[0])


def rename_category(root: Path) -> None:
    path = root / "catalog/categories.yaml"
    data = load(path)
    data["categories"][0]["name"] = "A renamed category"
    save(path, data)


def change_contract(root: Path) -> None:
    path = next(p for p in sorted((root / "catalog/tools").glob("*.yaml")) if "contract" in load(p))
    data = load(path)
    data["contract"]["notice_days"] = data["contract"].get("notice_days", 0) + 45
    save(path, data)


EDITS = [
    pytest.param(lambda root: rename(root / "catalog/tools/tool-00001.yaml"), id="tool-name"),
    pytest.param(change_category, id="tool-category"),
    pytest.param(drop_integrations, id="tool-integrations"),
    pytest.param(change_contract, id="tool-contract"),
    pytest.param(delete_tool, id="delete-tool"),
    pytest.param(add_tool, id="add-tool"),
    pytest.param(rename_role, id="role-name"),
    pytest.param(move_role, id="role-reports-to"),
    pytest.param(edit_playbook, id="playbook-step"),
    pytest.param(rename_kpi, id="kpi-name"),
    pytest.param(rename_team, id="team-name"),
    pytest.param(rename_category, id="category-name"),
]


@pytest.mark.parametrize("edit", EDITS)
def test_incremental_pages_equal_a_full_render(root, edit):
    before, problems = validate(root, today=TODAY)
    assert not problems
    pages = render_pages(before, SETTINGS)
    edit(root)
    after, problems = validate(root, today=TODAY)
    assert not [p for p in problems if p.severity.value == "error"]
    assert changed_entities(before, after)
    full = render_pages(after, SETTINGS)
    updated = update_pages(before, after, pages, SETTINGS)
    assert list(updated) == list(full)
    assert [path for path in full if updated[path] != full[path]] == []


def test_a_tool_edit_renders_its_neighbourhood_not_the_site(root):
    before, _ = validate(root, today=TODAY)
    rename(root / "catalog/tools/tool-00001.yaml")
    after, _ = validate(root, today=TODAY)
    assert changed_entities(before, after) == {("tool", "tool-00001")}
    paths = affected_paths(before, after)
    assert "tools/tool-00001.md" in paths and "tools/index.md" in paths
    assert len(paths) < len(render_pages(after, SETTINGS)) / 2
    assert "reference/fields.md" not in paths and "raci.md" not in paths


def test_no_change_renders_nothing(root):
    before, _ = validate(root, today=TODAY)
    after, _ = validate(root, today=TODAY)
    assert affected_paths(before, after) == set()


def test_a_list_file_change_renders_everything(root):
    before, _ = validate(root, today=TODAY)
    rename_category(root)
    after, _ = validate(root, today=TODAY)
    assert affected_paths(before, after) is None


def test_parse_cache_reparses_only_changed_files(root, monkeypatch):
    import generator.load.parse as parse_module

    cache = ParseCache()
    first, _ = validate(root, today=TODAY, cache=cache)
    parsed = []
    real = parse_module._parse_one
    monkeypatch.setattr(parse_module, "_parse_one",
                        lambda *args: parsed.append(args[2]) or real(*args))
    rename(root / "catalog/tools/tool-00001.yaml")
    second, problems = validate(root, today=TODAY, cache=cache)
    assert parsed == ["catalog/tools/tool-00001.yaml"]
    assert second.tools["tool-00001"].name.endswith("renamed")
    (root / "catalog/tools/tool-00002.yaml").unlink()
    third, problems = validate(root, today=TODAY, cache=cache)
    assert "tool-00002" not in third.tools and len(parsed) == 1
    monkeypatch.undo()
    plain, plain_problems = validate(root, today=TODAY)
    assert third.entities == plain.entities and problems == plain_problems
