"""The built site in a real browser: headless Debian Chromium driven by Playwright.

The bundled catalog and the malicious fixture are each built once per session and served from
a local http.server thread on 127.0.0.1. Every request to another host is aborted and counted.
Without a browser these tests skip, unless MOPS_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks import validate
from generator.cli import main
from generator.i18n import Translator

TEXT = Translator("en").text

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="session")
def bundled(tmp_path_factory, serve):
    """The repository's own catalog, built with its mkdocs.yml: (base URL, catalog)."""
    site = tmp_path_factory.mktemp("bundled-site")
    assert main(["build", str(REPO), "--site-dir", str(site)]) == 0
    catalog, _ = validate(REPO)
    return serve(site), catalog


@pytest.fixture(scope="session")
def malicious(tmp_path_factory, serve):
    site = tmp_path_factory.mktemp("malicious-site")
    assert main(["build", str(FIXTURES / "malicious"), "--strict", "--site-dir",
                 str(site)]) == 0
    return serve(site)


def first_search_result(page, base: str, query: str, expected: str) -> str:
    """Type ``query`` into Material's search box; the first result's address once it
    contains ``expected`` (or, after a while, whatever is first)."""
    page.goto(base)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").type(query, delay=20)
    first = page.locator(".md-search-result__item .md-search-result__link").first
    first.wait_for(state="visible", timeout=20000)
    try:  # results refine as the search worker catches up with the typing
        page.wait_for_function(
            """expected => { const a = document.querySelector(
                   '.md-search-result__item .md-search-result__link');
               return a && a.getAttribute('href').includes(expected); }""",
            arg=expected, timeout=5000)
    except Exception:  # noqa: BLE001 - the assertion below reports what was found
        pass
    return first.get_attribute("href")


def _unique(values: dict) -> dict:
    """{value: key} for values that belong to exactly one key."""
    seen: dict = {}
    for key, value_list in values.items():
        for value in value_list:
            seen.setdefault(value, set()).add(key)
    return {value: keys.pop() for value, keys in seen.items() if len(keys) == 1}


def _misses(page, base, cases: dict) -> list:
    """The ``query -> expected page`` cases whose first search result is another page."""
    return [(query, found) for query, expected in sorted(cases.items())
            if expected not in (found := first_search_result(page, base, query, expected))]


def test_searching_a_tool_name_or_vendor_finds_its_page_first(page, bundled):
    base, catalog = bundled
    cases = {TEXT(tool.name): f"tools/{tool_id}/" for tool_id, tool in catalog.tools.items()}
    vendors = _unique({i: [t.vendor] for i, t in catalog.tools.items()})
    cases.update({vendor: f"tools/{tool_id}/" for vendor, tool_id in vendors.items()
                  if vendor.lower() not in TEXT(catalog.tools[tool_id].name).lower()})
    assert _misses(page, base, cases) == []


def test_searching_a_capability_finds_a_tool_that_has_it_first(page, bundled):
    base, catalog = bundled
    capabilities = _unique({i: t.capabilities for i, t in catalog.tools.items()})
    cases = {capability: f"tools/{tool_id}/"
             for capability, tool_id in sorted(capabilities.items())[:3]}
    assert _misses(page, base, cases) == []


def test_searching_a_role_name_finds_its_page_first(page, bundled):
    base, catalog = bundled
    cases = {TEXT(role.name): f"roles/{role_id}/" for role_id, role in catalog.roles.items()}
    assert _misses(page, base, cases) == []


def test_stack_map_shows_every_tool(page, bundled):
    base, catalog = bundled
    page.goto(base + "stack/")
    cards = page.locator("a.mops-card")
    assert cards.count() == len(catalog.tools)
    hrefs = {cards.nth(i).get_attribute("href") for i in range(cards.count())}
    assert hrefs == {f"../tools/{tool_id}/" for tool_id in catalog.tools}
    for i in range(cards.count()):
        assert cards.nth(i).is_visible()
    assert page.locator(".mops-legend").is_visible()


def test_playbook_page_shows_its_raci_matrix_and_flow_diagram(page, bundled):
    base, catalog = bundled
    playbook_id, playbook = next(iter(catalog.playbooks.items()))
    page.goto(base + f"playbooks/{playbook_id}/")
    matrix = page.locator("table.mops-raci-matrix")
    assert matrix.is_visible()
    assert matrix.locator("tbody tr").count() == len(playbook.steps)
    assert matrix.locator(".mops-raci--a").count() >= len(playbook.steps)
    diagram = page.locator(".mops-diagram svg").first
    assert diagram.is_visible()
    box = diagram.bounding_box()
    assert box["width"] > 200 and box["height"] > 40


@pytest.mark.parametrize("width", [1440, 390])
def test_raci_matrix_role_names_are_never_cut(page, bundled, width):
    """Long role names ('Salesforce administrator (revenue operations)') wrap onto a second
    turned line instead of ending in an ellipsis."""
    base, catalog = bundled
    page.set_viewport_size({"width": width, "height": 900})
    cut = {}
    for playbook_id in catalog.playbooks:
        page.goto(base + f"playbooks/{playbook_id}/")
        names = page.eval_on_selector_all(
            ".mops-raci-matrix__role a",
            "links => links.filter(a => a.scrollHeight > a.clientHeight + 1"
            " || a.scrollWidth > a.clientWidth + 1).map(a => a.textContent)")
        if names:
            cut[playbook_id] = names
    assert not cut


def test_all_tools_fits_a_phone(page, bundled):
    """At 390 px the All tools table shows every tool's owner without scrolling sideways:
    the vendor moves under the tool's name (it is a column of its own on wider screens)."""
    base, catalog = bundled
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(base + "tools/")
    table = page.locator("article table").first
    sizes = table.evaluate("t => [t.scrollWidth, t.closest('.md-typeset__scrollwrap, article')"
                           ".clientWidth, t.getBoundingClientRect().right]")
    assert sizes[0] <= sizes[1] and sizes[2] <= 390, sizes
    headers = table.locator("thead th")
    visible = [headers.nth(i).inner_text() for i in range(headers.count())
               if headers.nth(i).is_visible()]
    assert visible == ["Tool", "Category", "Lifecycle", "Owner"]
    first_id = min(catalog.tools, key=lambda i: TEXT(catalog.tools[i].name).lower())
    first_row = table.locator("tbody tr").first
    assert catalog.tools[first_id].vendor in first_row.locator("td").first.inner_text()
    page.set_viewport_size({"width": 1440, "height": 900})
    assert [headers.nth(i).inner_text() for i in range(headers.count())
            if headers.nth(i).is_visible()] == ["Tool", "Vendor", "Category", "Lifecycle",
                                                 "Owner"]
    assert not first_row.locator(".mops-tools__vendor").is_visible()


SPLIT_WORDS = """() => {
  /* Words of table cells drawn on more than one line ("Spreadshe / ets"). Lines may break
     between words and after a hyphen or slash; web addresses, e-mail addresses and code
     (ids) may break anywhere, as they can be longer than any cell. */
  const split = [];
  for (const cell of document.querySelectorAll("article td, article th")) {
    if (cell.getClientRects().length === 0) continue;  // hidden (a column phones drop)
    const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (node.parentElement.closest(
          "code, a[href^='http:'], a[href^='https:'], a[href^='mailto:']")) continue;
      const words = /[^\\s\\-\\/–—]+[\\-\\/–—]*/g;
      for (let word = words.exec(node.data); word; word = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                         .map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(word[0]);
      }
    }
  }
  return split;
}"""


def test_table_cells_on_a_phone_break_between_words(page, bundled):
    """At 390 px no word in a table cell is split across lines ('Spreadshe / ets',
    'manageme / nt'): a cell is at least as wide as its longest word, and a table that cannot
    fit scrolls sideways inside its frame, the page itself never wider than the phone."""
    base, catalog = bundled
    page.set_viewport_size({"width": 390, "height": 900})
    paths = ["tools/", "raci/", "insights/", "kpis/", "roles/", "teams/"]
    paths += [f"tools/{tool_id}/" for tool_id in list(catalog.tools)[:12]]
    paths += [f"roles/{role_id}/" for role_id in list(catalog.roles)[:4]]
    paths += [f"people/{person_id}/" for person_id in list(catalog.people)[:4]]
    if catalog.people:
        paths.append("people/")
    split, too_wide = {}, {}
    for path in paths:
        assert page.goto(base + path).status == 200, path
        words = page.evaluate(SPLIT_WORDS)
        if words:
            split[path] = words
        if page.evaluate("document.documentElement.scrollWidth") > 390:
            too_wide[path] = page.evaluate("document.documentElement.scrollWidth")
    assert page.locator("article table").count() > 0
    assert not split, split
    assert not too_wide, too_wide


def test_team_org_chart_and_tool_neighbourhood_render(page, bundled):
    base, catalog = bundled
    team_id = next(iter(catalog.teams))
    page.goto(base + f"teams/{team_id}/")
    assert page.locator(".mops-diagram svg").first.is_visible()
    tool_id = next(i for i, t in catalog.tools.items() if t.integrations)
    page.goto(base + f"tools/{tool_id}/")
    assert page.locator(".mops-diagram svg").first.is_visible()


def test_pages_request_nothing_from_other_hosts(page, bundled):
    base, catalog = bundled
    for path in ("", "stack/", "raci/", "integrations/", "tasks/",
                 f"tools/{next(iter(catalog.tools))}/", "reference/fields/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    assert page.outside_requests == []


MALICIOUS_PAGES = ["", "stack/", "tools/", "tools/marketo/", "tools/salesforce/",
                   "categories/marketing-automation/", "roles/mops-manager/",
                   "playbooks/lead-handoff/", "raci/", "integrations/marketing-automation/"]


def test_malicious_content_is_shown_as_text_and_never_runs(page, malicious):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in MALICIOUS_PAGES:
        page.goto(malicious + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None, path
        found = page.evaluate("""() => ({
            iframes: document.querySelectorAll('iframe').length,
            handlers: [...document.querySelectorAll('*')].filter(e =>
                [...e.attributes].some(a => a.name.startsWith('on'))).length,
            scriptLinks: [...document.querySelectorAll('[href],[src]')].filter(e =>
                /^\\s*(javascript|data|vbscript):/i.test(e.getAttribute('href') ||
                                                         e.getAttribute('src') || '')).length,
            boldInArticle: document.querySelectorAll('article b, article i, article u').length,
        })""")
        assert found == {"iframes": 0, "handlers": 0, "scriptLinks": 0, "boldInArticle": 0}, path
    assert dialogs == []

    page.goto(malicious + "tools/marketo/")
    heading = page.locator("article h1").inner_text()
    assert "<b>Bold</b>" in heading and "<script>" in heading
    article = page.locator("article").inner_text()
    assert "<iframe" in article and "[click me](javascript:" in article
    assert page.locator("article a", has_text="a safe link").get_attribute("href") == \
        "https://example.com/docs"
    page.goto(malicious + "roles/mops-manager/")
    assert "</title><script>" in page.locator("article h1").inner_text()
