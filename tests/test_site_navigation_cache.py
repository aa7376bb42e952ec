"""Generated pages outside the navigation share one rendering of it per folder, and every page
comes out as Material would render it (generator/site/navigation_cache.py)."""

from pathlib import Path

import generator.site.plugin as plugin
from generator.cli import main
from generator.site.navigation_cache import NavigationCache
from test_site_plugin import project


class NoCache(NavigationCache):
    """What Material does on its own: the navigation rendered for every page."""

    @staticmethod
    def key(page):
        return None


class CountingCache(NavigationCache):
    renders: list[str] = []

    def keep(self, page, html):
        CountingCache.renders.append(page.file.src_uri if page else "404.html")
        return super().keep(page, html)


def pages(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}


def test_every_page_gets_the_navigation_material_renders(tmp_path, monkeypatch):
    root = project(tmp_path)
    assert main(["build", str(root), "--strict", "--site-dir", str(root / "cached")]) == 0
    monkeypatch.setattr(plugin, "NavigationCache", NoCache)
    assert main(["build", str(root), "--strict", "--site-dir", str(root / "plain")]) == 0
    cached, plain = pages(root / "cached"), pages(root / "plain")
    assert cached.keys() == plain.keys()
    assert [page for page in cached if cached[page] != plain[page]] == []


def test_the_navigation_is_rendered_once_per_folder_of_entity_pages(tmp_path, monkeypatch):
    root = project(tmp_path)
    monkeypatch.setattr(plugin, "NavigationCache", CountingCache)
    CountingCache.renders = []
    assert main(["build", str(root), "--site-dir", str(root / "site")]) == 0
    tools = [uri for uri in CountingCache.renders
             if uri.startswith("tools/") and uri != "tools/index.md"]
    assert len(tools) == 1  # the first tool page; every other one reuses its navigation
    assert len(list((root / "site" / "tools").glob("*/index.html"))) > 1
    assert "index.md" in CountingCache.renders  # pages in the navigation render their own
