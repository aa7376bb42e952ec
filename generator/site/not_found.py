"""The 404 page, usable wherever the site is served.

A web server shows ``404.html`` for any missing address, at any depth, so MkDocs writes its
links from ``site_url``'s path (``/mops-catalog/assets/...``). Served anywhere else (a local
``python3 -m http.server -d site``, an intranet at another path) the page loses its styles and
every link. Here its links become relative (``./assets/...``), and a one-line script at the
top of ``<head>`` sets the page's ``<base>`` before any link is read: ``site_url``'s path when
the address starts with it, else the server's root.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

PAGE = "404.html"


def relative_not_found_page(html: str, site_url: str | None) -> str:
    """``html`` (the built 404 page) with relative links under a base set at load time."""
    prefix = urlsplit(site_url or "").path or "/"
    if not prefix.endswith("/"):
        prefix += "/"
    html = html.replace(f'"{prefix}', '"./')
    script = ('<script>(function(){var p=%s,b=document.createElement("base");'
              'b.href=location.pathname.indexOf(p)===0?p:"/";document.head.appendChild(b)})()</script>'
              % json.dumps(prefix))
    head = html.find("<head>")
    if head == -1:
        return html
    return html[:head + len("<head>")] + script + html[head + len("<head>"):]


def fix_not_found_page(site_dir: Path, site_url: str | None) -> None:
    """Rewrite ``site_dir/404.html`` in place, if the theme wrote one."""
    page = site_dir / PAGE
    if page.is_file():
        page.write_text(relative_not_found_page(page.read_text(encoding="utf-8"), site_url), encoding="utf-8")
