"""``mops serve [ROOT]``: MkDocs' live-reloading server with the mops plugin.

Editing a YAML file under ``catalog/`` or ``playbooks/`` rebuilds the site (the plugin tells
the server to watch them). Rebuilds are MkDocs' dirty builds: the plugin marks only the pages
an edit changed, and keeps the rest of the site as a full build would make it
(``generator.site.incremental``).
"""

from __future__ import annotations

import contextlib
import logging
import sys

from generator.commands import existing_root
from generator.commands.build import mkdocs_logging, report_abort


def add_parser(sub):
    parser = sub.add_parser("serve", help="preview the site, rebuilding when a file changes",
                            description="Serve the site on a local address and rebuild it "
                            "whenever a catalog, playbook or docs file changes.")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT",
                        help="address to serve on (default: 127.0.0.1:8000)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    from generator.site.project import config_options

    root = existing_root(args.root)
    if root is None:
        return 2
    with mkdocs_logging(echo_build_errors=True), config_options(root) as (config_file, overrides):
        overrides.pop("site_dir", None)  # serve builds into a temporary folder
        try:
            with _quiet_dirty_warning():
                serve(config_file=config_file, dev_addr=args.dev_addr, build_type="dirty",
                      **overrides)
        except Abort as error:
            return report_abort(error)
        except ConfigurationError as error:
            print(f"mops: error: {error}", file=sys.stderr)
            return 2
    return 0


DIRTY_WARNING = "A 'dirty' build is being performed"


@contextlib.contextmanager
def _quiet_dirty_warning():
    """Drop MkDocs' warning that a dirty build may leave the navigation and links stale: the
    plugin keeps them right, and in strict mode the warning would stop every build."""
    def keep(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)

    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)
