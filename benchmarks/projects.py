"""The two MkDocs projects a build benchmark compares, for one synthetic catalog.

* The **mops project**: the catalog folder plus a ``mkdocs.yml`` that uses the ``mops`` plugin,
  with the theme, features and Markdown settings of this repository's ``mkdocs.yml``.
* The **bare project**: the same pages (the Markdown the plugin generates, written out as
  ordinary ``.md`` files), the same navigation and the same theme settings, but no plugin
  except search. Its build time is what MkDocs and Material need for those pages anyway, so
  the ratio between the two is the cost of loading, checking and rendering the catalog.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

REPOSITORY = Path(__file__).resolve().parent.parent
SHARED_SETTINGS = ("site_name", "repo_url", "repo_name", "edit_uri", "theme",
                   "markdown_extensions", "validation")
TODAY = dt.date(2026, 1, 15)  # a fixed date, so date-based pages are the same in every run


def shared_settings() -> dict:
    """The settings both projects take from this repository's ``mkdocs.yml``."""
    config = yaml.safe_load((REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8"))
    return {key: config[key] for key in SHARED_SETTINGS if key in config}


def _write_config(folder: Path, config: dict) -> Path:
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def mops_project(catalog: Path) -> Path:
    """Turn the catalog folder into a MkDocs project; returns its ``mkdocs.yml``."""
    (catalog / "docs").mkdir(exist_ok=True)
    return _write_config(catalog, {
        **shared_settings(),
        "docs_dir": "docs",
        "plugins": ["search", {"mops": {"root": ".", "today": TODAY}}],
    })


def bare_project(catalog: Path, out: Path) -> Path:
    """Write the generated pages of ``catalog`` as plain Markdown files under ``out/docs``;
    returns the bare project's ``mkdocs.yml``."""
    from generator.checks import validate
    from generator.i18n import Translator
    from generator.render.navigation import nav_paths, navigation
    from generator.render.pages import render_pages
    from generator.settings import Settings

    catalog_data, problems = validate(catalog, today=TODAY)
    errors = [p for p in problems if p.severity.value == "error"]
    if errors:
        raise SystemExit(f"the catalog in {catalog} has {len(errors)} errors; regenerate it")
    settings = shared_settings()
    language = settings.get("theme", {}).get("language", "en")
    pages = render_pages(catalog_data, Settings(language=language, today=TODAY,
                                                repo_url=settings.get("repo_url", "")))
    docs = out / "docs"
    for folder in {(docs / path).parent for path in pages}:
        folder.mkdir(parents=True, exist_ok=True)
    for path, page in pages.items():
        (docs / path).write_text(page.markdown, encoding="utf-8")
    nav = navigation(Translator(language), list(pages))
    in_nav = nav_paths(nav)
    # entity pages stay out of the navigation, as the plugin marks them
    hidden_folders = sorted({path.split("/")[0] for path in pages
                             if "/" in path and path not in in_nav})
    return _write_config(out, {
        **settings,
        "docs_dir": "docs",
        "nav": nav,
        "not_in_nav": "\n".join(f"/{folder}/*.md" for folder in hidden_folders),
        "plugins": ["search"],
    })
