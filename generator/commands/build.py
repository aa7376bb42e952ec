"""``mops build [ROOT] [--site-dir DIR] [--strict]``: the MkDocs build, with the mops plugin.

A thin wrapper: catalog errors stop the build and are printed exactly as ``mops validate``
prints them; MkDocs warnings are printed as MkDocs prints them and, with ``--strict``, fail the
build. Exit 0 built, 1 catalog errors or strict warnings, 2 usage or configuration errors.
"""

from __future__ import annotations

import contextlib
import logging
import sys

from generator.commands import existing_root


def add_parser(sub):
    parser = sub.add_parser("build", help="build the documentation site",
                            description="Validate the catalog and build the MkDocs site from "
                            "it. Exit 0 when built, 1 on catalog errors (or warnings with "
                            "--strict), 2 on usage or configuration errors.")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.add_argument("--site-dir", help="where to write the site (default: from mkdocs.yml, "
                        "else ROOT/site)")
    parser.add_argument("--strict", action="store_true",
                        help="fail on any warning, such as a broken link")
    parser.set_defaults(run=run)


class _Output(logging.Handler):
    """MkDocs log lines as ``LEVEL - message`` on stderr, like the ``mkdocs`` command."""

    HIDDEN = ("Aborted with a BuildError!",)

    def emit(self, record):
        message = record.getMessage()
        if message in self.HIDDEN:
            return
        print(f"{record.levelname:<7} -  {message}", file=sys.stderr)


@contextlib.contextmanager
def mkdocs_logging():
    logger = logging.getLogger("mkdocs")
    handler = _Output(logging.INFO)
    logger.addHandler(handler)
    old_level, logger.level = logger.level, logging.INFO
    old_propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def run(args) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from generator.site.plugin import CatalogError
    from generator.site.project import config_options

    root = existing_root(args.root)
    if root is None:
        return 2
    with mkdocs_logging(), config_options(root, args.site_dir) as (config_file, overrides):
        try:
            config = load_config(config_file=config_file, strict=args.strict, **overrides)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except CatalogError as error:
            sys.stdout.write(f"{error}\n")
            print("mops: the catalog has errors; the site was not built", file=sys.stderr)
            return 1
        except ConfigurationError as error:
            print(f"mops: error: {error}", file=sys.stderr)
            return 2
        except Abort as error:
            print(f"mops: {error}", file=sys.stderr)
            return 1
    print(f"mops: site written to {config.site_dir}", file=sys.stderr)
    return 0
