"""Dirty rebuilds while serving (generator/site/incremental.py): after each edit the served site
must equal, byte for byte, a full build of the same sources."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from conftest import FIXTURES, REPO

SERVE_URL = "http://127.0.0.1:8000/mops-catalog/"


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "small", root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    return root


def live_reload_server(site: Path) -> LiveReloadServer:
    """MkDocs' real live-reload server, not started: the plugin asks it for builds through the
    same attributes as while serving (a renamed one fails these tests)."""
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))


class Serving:
    """What ``mkdocs serve --dirty`` does between edits, without the web server: one plugin
    instance kept across builds, a fresh configuration and a dirty build for each. Once
    ``serve`` is called, the plugin can ask for follow-up builds; ``settle`` runs them."""

    def __init__(self, root: Path, site: Path):
        self.root, self.site = root, site
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=True)
        self.stop_plugins = config.plugins.on_shutdown
        self.server = None

    def shutdown(self):
        self.stop_plugins()
        if self.server is not None:
            self.server.server_close()

    def serve(self):
        self.server = live_reload_server(self.site)
        config = self.config()
        config.plugins.on_serve(self.server, config=config, builder=None)

    def settle(self) -> list[list[str]]:
        """Run the builds the plugin asked for; the pages each converted."""
        builds = []
        while self.server._want_rebuild:
            self.server._want_rebuild = False
            builds.append(self.build())
            assert len(builds) < 100
        return builds

    def config(self):
        return load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site))

    def build(self) -> list[str]:
        """Build; the pages the build converted (from MkDocs' debug log)."""
        logger = logging.getLogger("mkdocs.commands.build")
        built = []
        handler = logging.Handler(logging.DEBUG)
        handler.emit = lambda record: built.append(record.getMessage())
        old_level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        try:
            build(self.config(), serve_url=SERVE_URL, dirty=True)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(old_level)
        return [m.removeprefix("Building page ") for m in built if m.startswith("Building page")]


def full_build(root: Path, site: Path) -> None:
    """A plain ``mkdocs build`` in its own process (no plugin state shared)."""
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                           str(root / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def differences(one: Path, two: Path) -> list[str]:
    """Files and folders only one site has, and files whose bytes differ."""
    paths = {p.relative_to(one).as_posix() for p in one.rglob("*")}
    others = {p.relative_to(two).as_posix() for p in two.rglob("*")}
    return sorted(paths ^ others) + sorted(
        f for f in paths & others if (one / f).is_file()
        and (one / f).read_bytes() != (two / f).read_bytes())


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def serving(tmp_path):
    root = project(tmp_path)
    session = Serving(root, tmp_path / "served")
    yield session
    session.shutdown()


def test_dirty_rebuilds_equal_full_builds(serving, tmp_path):
    root = serving.root
    first = serving.build()
    assert "tools/marketo.md" in first and "index.md" in first  # the first build is complete

    def check(step: str) -> list[str]:
        built = serving.build()
        full_build(root, tmp_path / step)
        assert differences(serving.site, tmp_path / step) == [], step
        return built

    tool = root / "catalog/tools/marketo.yaml"
    replace(tool, "name: ", "name: Renamed ")
    built = check("tool-name")
    assert "tools/marketo.md" in built and "tools/salesforce.md" in built
    assert "reference/fields.md" not in built and "how-to-change.md" not in built
    assert len(built) < len(first) / 2

    assert check("nothing-changed") == []

    source = (root / "catalog/tools/salesforce.yaml").read_text(encoding="utf-8")
    (root / "catalog/tools/new-crm.yaml").write_text(
        source.replace("name: ", "name: New CRM ", 1), encoding="utf-8")
    assert "tools/new-crm.md" in check("tool-added")

    (root / "catalog/tools/new-crm.yaml").unlink()
    check("tool-deleted")
    assert not (serving.site / "tools/new-crm").exists()

    replace(root / "catalog/roles/mops-manager.yaml", "name: ", "name: Head of ")
    check("role-name")

    replace(root / "catalog/categories.yaml", "name: ", "name: Renamed ")
    check("category-name")

    page = next(p for p in sorted((root / "docs").glob("*.md")))
    page.write_text(page.read_text(encoding="utf-8").replace("# ", "# Retitled ", 1),
                    encoding="utf-8")
    assert len(check("docs-title")) == len(first)  # a title in the navigation: everything


def test_the_edited_page_comes_first_and_the_rest_follows(serving, tmp_path):
    first = serving.build()
    serving.serve()
    replace(serving.root / "catalog/tools/marketo.yaml", "name: ", "name: Renamed ")
    assert serving.build() == ["tools/marketo.md"]
    assert "Renamed" in (serving.site / "tools/marketo/index.html").read_text(encoding="utf-8")
    assert serving.server._want_rebuild
    (rest,) = serving.settle()
    assert "tools/salesforce.md" in rest and "tools/marketo.md" not in rest
    full_build(serving.root, tmp_path / "full")
    assert differences(serving.site, tmp_path / "full") == []

    # a second edit while pages of the first are still waiting: both are caught up
    replace(serving.root / "catalog/tools/salesforce.yaml", "name: ", "name: New ")
    assert serving.build() == ["tools/salesforce.md"]
    replace(serving.root / "catalog/tools/marketo.yaml", "name: ", "name: Again ")
    assert serving.build() == ["tools/marketo.md"]
    serving.settle()
    full_build(serving.root, tmp_path / "again")
    assert differences(serving.site, tmp_path / "again") == []
    assert len(first) > 20


def test_follow_up_builds_come_in_batches(serving, tmp_path, monkeypatch):
    import generator.site.incremental as incremental

    monkeypatch.setattr(incremental, "BATCH_MARKDOWN", 1)  # one page per follow-up build
    serving.build()
    serving.serve()
    replace(serving.root / "catalog/tools/marketo.yaml", "name: ", "name: Renamed ")
    assert serving.build() == ["tools/marketo.md"]
    replace(serving.root / "catalog/tools/salesforce.yaml", "name: ", "name: New ")
    assert serving.build() == ["tools/salesforce.md"]  # a later edit's own page goes first
    builds = serving.settle()
    assert len(builds) > 3 and all(len(built) <= 1 for built in builds)
    full_build(serving.root, tmp_path / "full")
    assert differences(serving.site, tmp_path / "full") == []


def test_a_saved_file_asks_for_a_build_at_once(serving):
    serving.build()
    serving.serve()
    time.sleep(0.2)
    serving.server._want_rebuild = False
    replace(serving.root / "catalog/tools/marketo.yaml", "name: ", "name: Renamed ")
    waited = 0.0
    while not serving.server._want_rebuild and waited < 5:
        time.sleep(0.02)
        waited += 0.02
    assert serving.server._want_rebuild  # from file events, not MkDocs' polling


def test_reading_the_catalog_asks_for_no_build(serving):
    """Every build reads the catalog; watchdog reports those reads (opened, closed without a
    write), and a build asked for on them started the next build for ever."""
    serving.build()
    serving.serve()
    time.sleep(0.2)
    serving.server._want_rebuild = False
    for path in sorted((serving.root / "catalog").rglob("*.yaml")):
        path.read_bytes()
    time.sleep(1.0)
    assert not serving.server._want_rebuild


def test_only_content_changes_count():
    from watchdog import events

    from generator.site.incremental import changes_content

    path = "/c/catalog/tools/x.yaml"
    assert changes_content(events.FileModifiedEvent(path))
    assert changes_content(events.FileCreatedEvent(path))
    assert changes_content(events.FileDeletedEvent(path))
    assert changes_content(events.FileMovedEvent(path + ".tmp", path))  # an editor's safe save
    assert changes_content(events.DirMovedEvent("/c/catalog/tools", "/c/catalog/t"))
    assert not changes_content(events.FileOpenedEvent(path))
    assert not changes_content(events.FileClosedNoWriteEvent(path))
    assert not changes_content(events.DirModifiedEvent("/c/catalog/tools"))


def test_search_index_keeps_every_page(serving):
    serving.build()
    index = serving.site / "search/search_index.json"
    before = json.loads(index.read_text(encoding="utf-8"))["docs"]
    replace(serving.root / "catalog/tools/marketo.yaml", "name: ", "name: Renamed ")
    serving.build()
    after = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert len(after) == len(before)
    assert any("Renamed" in entry["title"] for entry in after)
    assert {e["location"] for e in after} == {e["location"] for e in before}
