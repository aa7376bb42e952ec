"""Search on the bundled site built by Material (with the mops plugin) and by Zensical (from the
files of ``mops render``): typing a tool's name finds the same page first in both, and neither
site requests anything from another host (the ``page`` fixture aborts and reports such
requests)."""

from __future__ import annotations

import pytest

from engines import REPO, built_site
from generator.checks import validate

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOOLS = 6


def tool_names() -> list[tuple[str, str]]:
    catalog, _ = validate(REPO)
    tools = sorted(catalog.tools.items())
    step = max(1, len(tools) // TOOLS)
    return [(tool_id, tool.name if isinstance(tool.name, str) else next(iter(tool.name.values())))
            for tool_id, tool in tools[::step][:TOOLS]]


@pytest.fixture(scope="module")
def served(serve):
    return {engine: serve(built_site(engine)) for engine in ("material", "zensical")}


def material_first_hit(page, base: str, query: str) -> str:
    page.goto(base)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.dispatch_event("keyup")  # Material searches on keyup, which fill() does not send
    first = page.locator(".md-search-result__item .md-search-result__link").first
    first.wait_for(state="visible", timeout=20_000)
    return page.evaluate("() => document.querySelector("
                         "'.md-search-result__item .md-search-result__link').href")


def zensical_first_hit(page, base: str, query: str) -> str:
    """Zensical's search dialog lives in a shadow root; its results are links."""
    page.goto(base)
    page.click(".md-search__button")
    page.keyboard.type(query, delay=10)
    return page.wait_for_function(
        """() => { const host = [...document.querySelectorAll('div')].find(d => d.shadowRoot);
                   const link = host && host.shadowRoot.querySelector('a[href]');
                   return link && link.href; }""", timeout=20_000).json_value()


def page_of(url: str, base: str) -> str:
    return url.removeprefix(base).split("#")[0].split("?")[0]


@pytest.mark.parametrize(("tool_id", "name"), tool_names())
def test_a_tools_name_finds_the_same_page_first(served, page, tool_id, name):
    material = page_of(material_first_hit(page, served["material"], name), served["material"])
    zensical = page_of(zensical_first_hit(page, served["zensical"], name), served["zensical"])
    assert material == zensical == f"tools/{tool_id}/"
