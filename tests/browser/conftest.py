"""Shared by the browser tests: headless Debian Chromium (Playwright) and a local server.

Without a browser these tests skip, unless MOPS_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def _unavailable(reason: str):
    if os.environ.get("MOPS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (MOPS_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
    except Exception as error:  # noqa: BLE001 - any launch failure means "no browser"
        playwright.stop()
        _unavailable(f"Chromium did not start: {error}")
    yield chromium
    chromium.close()
    playwright.stop()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    servers = []

    def start(site: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser):
    """A fresh page whose requests to any host but 127.0.0.1 are aborted and reported."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def route(request_route):
        url = request_route.request.url
        host = urlsplit(url).hostname
        if urlsplit(url).scheme in ("data", "blob") or host == "127.0.0.1":
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.outside_requests = outside
    yield tab
    context.close()
    assert outside == [], f"requests left localhost: {outside}"
