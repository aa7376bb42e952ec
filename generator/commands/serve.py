"""``mops serve [ROOT]``: MkDocs' live-reloading server with the mops plugin.

Editing a YAML file under ``catalog/`` or ``playbooks/`` rebuilds the site (the plugin tells
the server to watch them). Rebuilds are MkDocs' dirty builds: the plugin marks only the pages
an edit changed, and keeps the rest of the site as a full build would make it
(``generator.site.incremental``). Only saves start a build (not reads), and while a build
fails the last good site stays served with the error on its pages
(``generator.site.serve_errors``). A catalog with errors at the start is reported, and
serving starts once a fix is saved. A busy address is reported before anything is built.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import socket
import sys
import threading
import time
from pathlib import Path

from generator.commands import site_root
from generator.commands.build import mkdocs_logging, report_abort


def add_parser(sub):
    parser = sub.add_parser("serve", help="preview the site, rebuilt on every save",
                            description="Serve the site on a local address and rebuild it "
                            "whenever a catalog, playbook or docs file changes.")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT",
                        help="address to serve on (default: 127.0.0.1:8000)")
    parser.set_defaults(run=run)


def run(args) -> int:
    root = site_root(args.root)
    if root is None:
        return 2
    unusable = address_problem(args.dev_addr)
    if unusable:
        print(f"mops: error: {unusable}", file=sys.stderr)
        return 2
    while True:
        code = _serve(root, args)
        if code != WAIT_FOR_FIX:
            return code
        print("mops: waiting for a fix: save a file under catalog/ or playbooks/ and the site is "
              "built and served (Ctrl+C to stop)", file=sys.stderr)
        wait_for_change(root)


WAIT_FOR_FIX = -1
"""``_serve``'s answer when the first build met catalog errors: wait for a save, try again."""


def _serve(root: Path, args) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    from generator.site.plugin import CatalogError
    from generator.site.project import config_options

    with mkdocs_logging(echo_build_errors=True), config_options(root) as (config_file, overrides):
        overrides.pop("site_dir", None)  # serve builds into a temporary folder
        try:
            with _quiet_dirty_warning():
                serve(config_file=config_file, dev_addr=args.dev_addr, build_type="dirty",
                      **overrides)
        except Abort as error:
            if isinstance(error.__context__, CatalogError):
                print("mops: the catalog has errors (above); nothing to serve yet",
                      file=sys.stderr)
                return WAIT_FOR_FIX
            return report_abort(error)
        except ConfigurationError as error:
            print(f"mops: error: {error}", file=sys.stderr)
            return 2
        except OSError as error:
            if error.errno not in ADDRESS_ERRORS:
                raise
            # the address was taken while the site was built
            print(f"mops: error: {_address_message(args.dev_addr, error)}", file=sys.stderr)
            return 2
    return 0


def wait_for_change(root: Path) -> None:
    """Return once a file under the catalog's folders, docs or mkdocs.yml is saved (file
    events where the system has them, else polling), and the save has settled."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    from generator.site.incremental import changes_content

    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if changes_content(event):
                changed.set()

    handler = Handler()
    folders = [root / name for name in ("catalog", "playbooks", "docs") if (root / name).is_dir()]
    try:
        observer = Observer()
        observer.start()
    except OSError:
        observer = PollingObserver()
        observer.start()
    for folder in folders:
        observer.schedule(handler, str(folder), recursive=True)
    observer.schedule(handler, str(root), recursive=False)  # mkdocs.yml
    try:
        while not changed.wait(0.5):
            pass
        time.sleep(0.3)  # an editor's save can take several writes
    finally:
        observer.stop()
        observer.join()


def address_problem(dev_addr: str) -> str | None:
    """Why the server could not listen on ``dev_addr`` (``IP:PORT``), or None. Checked before
    the first build, so a busy port is reported at once, not after the site is built."""
    host, _, port = dev_addr.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        return f"--dev-addr must be IP:PORT, such as 127.0.0.1:8000 (got '{dev_addr}')"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((host, int(port)))
        except OSError as error:
            return _address_message(dev_addr, error)
    return None


def _address_message(dev_addr: str, error: OSError) -> str:
    host, _, port = dev_addr.rpartition(":")
    if error.errno == errno.EADDRINUSE:
        return (f"{dev_addr} is already in use (is another `mops serve` running?); serve on "
                f"another port with --dev-addr {host}:{int(port) + 1}")
    if error.errno == errno.EACCES:
        return (f"not allowed to listen on {dev_addr} (ports below 1024 need root); use "
                f"--dev-addr {host}:8000")
    return f"cannot listen on {dev_addr} ({error.strerror or error}); choose another with --dev-addr"


ADDRESS_ERRORS = (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL)


@contextlib.contextmanager
def _quiet_dirty_warning():
    """Drop MkDocs' warning that a dirty build may leave the navigation and links stale: the
    plugin keeps them right, and in strict mode the warning would stop every build."""
    from generator.site.mkdocs_internals import is_dirty_build_warning

    def keep(record: logging.LogRecord) -> bool:
        return not is_dirty_build_warning(record)

    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)
