"""``mops render [ROOT] --out DIR``: the generated site as plain files any MkDocs-compatible
engine builds without the mops plugin (MkDocs + Material, Zensical).

Exit 0 written, 1 catalog errors, 2 usage or configuration errors (a bad --out among them).
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.commands import catalog_root
from generator.formats import text


def add_parser(sub):
    parser = sub.add_parser(
        "render", help="the site as plain files any MkDocs-like engine builds",
        description="Validate the catalog and write the whole generated site as plain files "
        "(Markdown pages, downloads, stylesheets, theme partials and a mkdocs.yml with the "
        "navigation) that `mkdocs build` or `zensical build` builds without the mops plugin. "
        "Exit 0 when written, 1 on catalog errors, 2 on usage or configuration errors.")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="folder to write (new, empty, or written by mops render before)")
    parser.add_argument("--engine", choices=("material", "zensical"), default="material",
                        help="the engine that will build the files: links inside HTML blocks "
                        "are page URLs for MkDocs (material, the default) and .md links, which "
                        "it resolves, for Zensical")
    parser.set_defaults(run=run)


def run(args) -> int:
    root = catalog_root(args.root)
    if root is None:
        return 2
    return render(root, Path(args.out), engine=args.engine)


def render(root: Path, out: Path, quiet: bool = False, engine: str = "material") -> int:
    """Write the plain-files site for the catalog at ``root`` into ``out``; the exit code."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from generator.checks import validate
    from generator.export.downloads import download_files
    from generator.i18n import Translator
    from generator.progress import Progress
    from generator.render.pages import render_pages
    from generator.site.config import MopsConfig, catalog_root as plugin_root, settings_from
    from generator.site.plain_files import RenderError, write_site_files
    from generator.site.project import config_options

    with config_options(root) as (config_file, overrides):
        try:
            config = load_config(config_file=config_file, **overrides)
        except (ConfigurationError, Abort) as error:
            print(f"mops: error: {error}", file=sys.stderr)
            return 2
        plugin = config.plugins.get("mops")
        options = plugin.config if plugin is not None else MopsConfig()
        settings = settings_from(options, config)
        catalog_at = plugin_root(options, config_file) if plugin is not None else root.resolve()
        with Progress("reading catalog files") as progress:
            catalog, problems = validate(catalog_at, today=settings.today,
                                         progress=progress.update)
        errors = [p for p in problems if p.severity.value == "error"]
        if errors:
            sys.stdout.write(text.render(errors, catalog_at))
            print("mops: error: fix the problems above before rendering", file=sys.stderr)
            return 1
        pages = render_pages(catalog, settings)
        downloads = download_files(catalog, settings)
        try:
            done = write_site_files(
                out, root=catalog_at, config_file=Path(config_file),
                docs_dir=Path(config.docs_dir), pages=pages, downloads=downloads,
                language_t=Translator(settings.language),
                directory_urls=config.use_directory_urls, repo_url=config.repo_url or "",
                edit_uri=config.edit_uri, engine=engine)
        except RenderError as error:
            print(f"mops: error: {error}", file=sys.stderr)
            return 2
    if not quiet:
        command = "zensical" if engine == "zensical" else "mkdocs"
        print(f"mops: {done.pages} generated pages and {done.files} files written to {out}; "
              f"build them with `{command} build -f {out / 'mkdocs.yml'}`", file=sys.stderr)
    return 0
