"""The bundled site built by Material (with the mops plugin) and by Zensical (from the files of
``mops render``): the same pages, every entity's page, the same links, all resolving, nothing
loaded from other hosts. docs/engines.md lists the differences that remain."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from engines import REPO, built_site
from generator.checks import validate
from generator.render.pages import KINDS_WITH_PAGES

pytestmark = pytest.mark.slow
FOLDER = {"tool": "tools", "role": "roles", "person": "people", "team": "teams",
          "playbook": "playbooks", "kpi": "kpis", "category": "categories"}
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HREF = re.compile(r'<a [^>]*href="([^"]*)"')
SOURCE = re.compile(r'<(?:script|img|iframe|source|video|audio|embed)\b[^>]*src="(?:https?:)?//'
                    r'|<link\b(?![^>]*rel="(?:canonical|alternate)")[^>]*href="(?:https?:)?//',
                    re.I)


@pytest.fixture(scope="module")
def sites() -> dict[str, Path]:
    return {engine: built_site(engine) for engine in ("material", "zensical")}


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def article_links(site: Path, page: str) -> set[str]:
    """The pages and files the page's own content links to, as paths in the site."""
    found = ARTICLE.search((site / page).read_text(encoding="utf-8"))
    links = set()
    for href in HREF.findall(found.group(1) if found else ""):
        if "://" in href or href.startswith(("#", "mailto:", "data:")):
            continue
        target = href.split("#")[0].split("?")[0]
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        links.add(f"{path}/index.html" if target.endswith("/") or target in ("", ".")
                  else path)
    return {link.removeprefix("./") for link in links}


def test_the_same_pages(sites):
    assert pages(sites["material"]) == pages(sites["zensical"])


def test_every_entity_has_its_page_in_both(sites):
    catalog, _ = validate(REPO)
    expected = [f"{FOLDER[kind]}/{entity_id}/index.html" for kind in KINDS_WITH_PAGES
                for entity_id in catalog.entities.get(kind, {})]
    assert len(expected) > 100
    for site in sites.values():
        assert [path for path in expected if not (site / path).is_file()] == []


def test_the_same_links_and_all_resolve(sites):
    checked = 0
    for page in sorted(pages(sites["material"])):
        material = article_links(sites["material"], page)
        assert material == article_links(sites["zensical"], page), page
        for site in sites.values():
            assert [link for link in material if not (site / link).exists()] == [], page
        checked += len(material)
    assert checked > 1000


def test_nothing_comes_from_other_hosts(sites):
    """What pages load (scripts, styles, images, fonts): from the site itself. The browser
    test (tests/browser/test_engines_browser.py) watches the requests too."""
    for site in sites.values():
        for page in site.rglob("*.html"):
            found = SOURCE.search(page.read_text(encoding="utf-8"))
            assert found is None, (page, found and found.group(0))
        for sheet in site.rglob("*.css"):
            assert not re.search(r"@import|url\((['\"]?)(?:https?:)?//", sheet.read_text(
                encoding="utf-8")), sheet
