"""Each kind of diagram page of the bundled site in Chromium, at 1440 px (desktop) and 390 px
(phone): the page never scrolls sideways, the diagram (or the list phones get instead) shows
its labels at a readable size, and the RACI matrix keeps its step column in place with a cue
that it scrolls. A screenshot of each page at each width is written to MOPS_SCREENSHOTS (a
folder) when that is set, to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli import main

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
WIDTHS = (1440, 390)
SMALLEST_TEXT_PX = 9  # rendered size: below this a label is a grey smudge on a phone
PAGES = {  # page -> what must be visible on it at each width (the diagram or its stand-in)
    "integrations/": ("svg.mops-network", "table"),
    "integrations/crm-cdp/": ("svg.mops-network", "table"),
    "tools/salesforce/": ("svg.mops-neighbourhood", "table"),
    "teams/enterprise/": ("svg.mops-org-chart", "ul.mops-org-list"),
    "playbooks/lead-handoff/": ("svg.mops-flow", "svg.mops-flow"),
    "insights/": ("ol.mops-calendar", "ol.mops-calendar"),
    "raci/": ("svg.mops-stacked-bar-chart", "table.mops-raci-matrix"),
    "tasks/": ("svg.mops-bar-chart", "table"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("diagram-site")
    assert main(["build", str(REPO), "--site-dir", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def site(built, serve) -> str:
    return serve(built)


@pytest.fixture
def at_width(browser):
    contexts = []

    def open_page(width: int):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, path: str, width: int) -> None:
    folder = os.environ.get("MOPS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        name = path.strip("/").replace("/", "_") or "home"
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)


VISIBLE_LABELS = """selector => {
    const shown = [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length);
    const sizes = [];
    for (const element of shown) {
        if (element instanceof SVGSVGElement) {
            const scale = element.getBoundingClientRect().width / element.viewBox.baseVal.width;
            for (const text of element.querySelectorAll('text'))
                if (text.textContent.trim())
                    sizes.push(parseFloat(text.getAttribute('font-size')) * scale);
        } else {
            for (const node of element.querySelectorAll('a, td, th, time, li'))
                if (node.textContent.trim() && node.getClientRects().length)
                    sizes.push(parseFloat(getComputedStyle(node).fontSize));
        }
    }
    return sizes;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", list(PAGES))
def test_diagram_page_fits_and_shows_readable_labels(site, at_width, path, width):
    page = at_width(width)
    page.goto(site + path)
    screenshot(page, path, width)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} at {width} px scrolls sideways by {overflow} px"
    selector = PAGES[path][WIDTHS.index(width)]
    assert page.evaluate(VISIBLE_LABELS, selector), f"{path} at {width} px shows no {selector} with labels"
    sizes = page.evaluate(VISIBLE_LABELS, "svg.mops-diagram")  # every diagram the page shows
    assert not sizes or min(sizes) >= SMALLEST_TEXT_PX, \
        f"{path} at {width} px: diagram labels shrink to {min(sizes):.1f} px"


def test_phone_gets_lists_where_a_diagram_would_be_too_small(site, at_width):
    page = at_width(390)
    page.goto(site + "teams/enterprise/")
    assert not page.locator("svg.mops-org-chart").is_visible()
    assert page.locator("ul.mops-org-list a").first.is_visible()
    page.goto(site + "integrations/")
    assert not page.locator("svg.mops-network").is_visible()
    page.goto(site + "tools/salesforce/")
    assert not page.locator("svg.mops-neighbourhood").is_visible()
    page.goto(site + "integrations/crm-cdp/")
    assert not page.locator("svg.mops-network").is_visible()
    assert page.locator("p.mops-view-narrow").is_visible()
    page = at_width(1440)
    page.goto(site + "teams/enterprise/")
    assert page.locator("svg.mops-org-chart").is_visible()
    assert not page.locator("ul.mops-org-list").first.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_raci_matrix_keeps_the_step_column_and_says_it_scrolls(site, at_width, width):
    page = at_width(width)
    page.goto(site + "playbooks/campaign-lifecycle/")
    matrix = page.locator(".mops-matrix").first
    step = matrix.locator("tbody th").first
    scrollable = matrix.evaluate("m => m.scrollWidth - m.clientWidth")
    if width == 390:
        assert scrollable > 0, "eight roles fit a phone? the test no longer tests scrolling"
        assert matrix.locator(".mops-scroll-cue").is_visible()
    else:
        assert not matrix.locator(".mops-scroll-cue").is_visible()
    before = step.bounding_box()["x"]
    matrix.evaluate("m => { m.scrollLeft = m.scrollWidth; }")
    page.wait_for_timeout(100)
    assert abs(step.bounding_box()["x"] - before) < 1, "the step column scrolled away"
    if scrollable > 0:  # the roles did move under it
        assert matrix.evaluate("m => m.scrollLeft") > 0


def test_404_page_is_styled_and_links_home_wherever_the_site_is_served(built, at_width):
    """Served like GitHub Pages does (404.html for any missing address) but at the root of a
    local server rather than at site_url's /mops-catalog/: styled, and its links work."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import urlsplit

    page = at_width(1440)

    class PagesLike(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesLike, directory=str(built)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        page.goto(base + "no/such/page/")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        assert header in ("sticky", "fixed"), "Material's stylesheet did not load"
        home = page.locator(".md-header__button.md-logo").first.get_attribute("href")
        resolved = page.evaluate("h => new URL(h, document.baseURI).href", home)
        assert urlsplit(resolved).path == "/"
        assert page.request.get(resolved).status == 200
    finally:
        server.shutdown()
        server.server_close()
