"""``mops build [ROOT] [--site-dir DIR] [--strict] [--today DATE] [--engine material|zensical]``:
the site.

``--engine material`` (the default) is the MkDocs build with the mops plugin. ``--engine
zensical`` writes the plain files ``mops render`` writes into a temporary folder and builds them
with Zensical (an optional dependency: ``pip install 'mops-catalog[zensical]'``); the site
replaces the old one only when the build succeeds, as with Material.

A thin wrapper: catalog errors stop the build and are printed exactly as ``mops validate``
prints them; MkDocs warnings are printed as MkDocs prints them and, with ``--strict``, fail the
build. Exit 0 built, 1 catalog errors or strict warnings, 2 usage or configuration errors.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys

from generator.commands import date_argument, site_root


def add_parser(sub):
    parser = sub.add_parser("build", help="build the site (validates first)",
                            description="Validate the catalog and build the MkDocs site from "
                            "it. Exit 0 when built, 1 on catalog errors (or warnings with "
                            "--strict), 2 on usage or configuration errors.")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.add_argument("--site-dir", metavar="DIR", help="where to write the site (default: from mkdocs.yml, "
                        "else ROOT/site)")
    parser.add_argument("--strict", action="store_true",
                        help="fail on any warning, such as a broken link")
    parser.add_argument("--today", type=date_argument, metavar="DATE",
                        help="the date the insights page counts from (YYYY-MM-DD), as "
                        "MOPS_TODAY=DATE would set it; default: MOPS_TODAY, the today option in "
                        "mkdocs.yml, the date of the last commit, or today")
    parser.add_argument("--engine", choices=ENGINES, default="material",
                        help="material: MkDocs with Material and the mops plugin (default); "
                        "zensical: the files of `mops render`, built by Zensical")
    parser.set_defaults(run=run)


ENGINES = ("material", "zensical")


@contextlib.contextmanager
def report_date(today):
    """``MOPS_TODAY`` set to ``today`` (when given) while the site is built."""
    from generator.settings import TODAY_VARIABLE

    if today is None:
        yield
        return
    before = os.environ.get(TODAY_VARIABLE)
    os.environ[TODAY_VARIABLE] = today.isoformat()
    try:
        yield
    finally:
        if before is None:
            del os.environ[TODAY_VARIABLE]
        else:
            os.environ[TODAY_VARIABLE] = before


class _Output(logging.Handler):
    """MkDocs log lines as ``LEVEL - message`` on stderr, like the ``mkdocs`` command."""

    def __init__(self, echo_build_errors: bool):
        super().__init__(logging.INFO)
        self.echo_build_errors = echo_build_errors

    def emit(self, record):
        if (not self.echo_build_errors and record.name == "mkdocs.commands.build"
                and record.levelno >= logging.ERROR):
            return  # the error that stopped the build: report_abort prints it
        print(f"{record.levelname:<7} -  {record.getMessage()}", file=sys.stderr)


@contextlib.contextmanager
def mkdocs_logging(echo_build_errors: bool = False):
    """While serving, rebuild errors must show as they happen; a one-off build reports the
    error that stopped it once, at the end."""
    logger = logging.getLogger("mkdocs")
    handler = _Output(echo_build_errors)
    logger.addHandler(handler)
    old_level, logger.level = logger.level, logging.INFO
    old_propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def report_abort(error) -> int:
    """Print why MkDocs stopped (it turns a plugin's error into ``Abort``); exit code 1, or 2
    for a site folder that may not be written. Catalog errors go to stdout exactly as
    ``mops validate`` prints them."""
    from generator.site.plugin import CatalogError
    from generator.site.site_dir import SiteFolderError

    cause = error.__context__
    if isinstance(cause, SiteFolderError):
        print(f"mops: error: {cause}", file=sys.stderr)
        return 2
    if isinstance(cause, CatalogError):
        sys.stdout.write(f"{cause}\n")
        print("mops: the catalog has errors; the site was not built", file=sys.stderr)
    else:
        print(f"mops: {cause or error}", file=sys.stderr)
    return 1


def run(args) -> int:
    with report_date(getattr(args, "today", None)):
        return _run(args)


def _run(args) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from generator.site.project import config_options

    root = site_root(args.root)
    if root is None:
        return 2
    if getattr(args, "engine", "material") == "zensical":
        return build_with_zensical(root, args.site_dir, args.strict)
    with mkdocs_logging(), config_options(root, args.site_dir) as (config_file, overrides):
        try:
            config = load_config(config_file=config_file, strict=args.strict, **overrides)
        except (ConfigurationError, Abort) as error:  # MkDocs has logged what is wrong
            print(f"mops: error: {error}", file=sys.stderr)
            return 2
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except ConfigurationError as error:
            print(f"mops: error: {error}", file=sys.stderr)
            return 2
        except Abort as error:
            return report_abort(error)
    print(f"mops: site written to {config.site_dir}", file=sys.stderr)
    return 0


def zensical_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("zensical") is not None


def build_with_zensical(root, site_dir: str | None, strict: bool) -> int:
    """``mops render`` into a temporary folder, then ``zensical build`` of it into the site
    folder (checked as a Material build checks it, and swapped in only when the build works)."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    from generator.commands.render import render
    from generator.site import site_dir as site_folder

    if not zensical_installed():
        print("mops: error: the zensical engine is not installed: "
              "pip install 'mops-catalog[zensical]'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="mops-zensical-") as temporary:
        out = Path(temporary) / "site-files"
        code = render(root, out, quiet=True, engine="zensical")
        if code:
            return code
        config_file = out / "mkdocs.yml"
        site = Path(site_dir).resolve() if site_dir else _site_dir(root)
        try:
            site_folder.check(site, root=root.resolve(), docs_dir=root.resolve() / "docs")
        except site_folder.SiteFolderError as error:
            print(f"mops: error: {error}", file=sys.stderr)
            return 2
        command = [sys.executable, "-m", "zensical", "build", "-f", str(config_file)]
        done = subprocess.run(command + (["--strict"] if strict else []), cwd=out)
        if done.returncode != 0:
            print("mops: the Zensical build failed; the site was not replaced", file=sys.stderr)
            return 1
        replacement = site_folder.Replacement(site)  # Zensical builds inside its project only
        try:
            shutil.copytree(out / "site", replacement.folder, dirs_exist_ok=True)
        except BaseException:
            replacement.abandon()
            raise
        site_folder.mark(replacement.folder)
        replacement.finish()
    print(f"mops: site written to {site} (Zensical)", file=sys.stderr)
    return 0


def _site_dir(root):
    """The site folder mkdocs.yml names (relative to it), else ROOT/site."""
    from pathlib import Path

    from mkdocs.config import load_config

    from generator.site.project import config_options

    with config_options(root) as (config_file, overrides):
        config = load_config(config_file=config_file, **overrides)
        return Path(config.site_dir).resolve()

