"""While ``mops serve`` (or ``mkdocs serve``) runs, a build that fails leaves the last good site
served, with the error on every page.

MkDocs' live-reload server, when a rebuild fails, logs the error and then holds every page
request until a build succeeds. Here the server's builder is wrapped (``keep_last_good_site``):

* a failed build is reported in the terminal (the error as ``mops validate`` prints it for a
  catalog error) and does not stop the server: it goes on serving the site of the last build
  that succeeded, and open pages reload to show:
* a banner with the error on every served HTML page, until a build succeeds again;
* while the site is broken, a build is tried again only when a watched file changed since the
  build that failed: nothing that just reads the files, nor MkDocs' polling seeing the same
  save a second time, repeats the failure.

MkDocs has no public interface for this: the server's ``builder`` attribute and what it does to
each page it serves (adds the live-reload script) are replaced on the server object, through
``mkdocs_internals``.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from generator.site import mkdocs_internals

log = logging.getLogger("mkdocs.plugins.mops")
_templates = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                         autoescape=True, keep_trailing_newline=False)


def keep_last_good_site(server) -> LastGoodSite | None:
    """Wrap ``server``'s builder (once); None if the server lacks what is wrapped."""
    if not mkdocs_internals.can_inject_into_pages(server):
        return None
    if isinstance(getattr(server, "builder", None), _Builder):
        return server.builder.site
    return LastGoodSite(server)


class _Builder:
    """The server's builder, as a callable that knows its ``LastGoodSite``."""

    def __init__(self, site: LastGoodSite):
        self.site = site

    def __call__(self, config=None) -> None:
        self.site.build(config)


class LastGoodSite:
    def __init__(self, server):
        self.server = server
        self.builder = server.builder
        self.inject = mkdocs_internals.page_injector(server)
        self.error: str | None = None
        """The text of the error that stopped the last build; None after a good build."""
        self.failed_on: frozenset | None = None
        """The watched files (path, modification time, size) when the failed build started."""
        server.builder = _Builder(self)
        mkdocs_internals.set_page_injector(server, self.inject_banner)

    def build(self, config=None) -> None:
        if self.error is not None and self.failed_on == watched_files(self.server):
            log.debug("mops: nothing changed since the build that failed; not building again")
            return
        before = watched_files(self.server)
        try:
            self.builder() if config is None else self.builder(config)
        except (Exception, SystemExit) as error:
            self.error, self.failed_on = error_text(error), before
            _report(error, self.error)
            log.warning("mops: the site was not rebuilt. Still serving the last site that "
                        "built, with the error above shown on its pages; save a fix and it "
                        "rebuilds.")
            return
        if self.error is not None:
            log.info("mops: the site builds again; the error is gone from its pages")
        self.error = self.failed_on = None

    def inject_banner(self, content: bytes, epoch) -> bytes:
        content = self.inject(content, epoch)
        if self.error is None:
            return content
        banner = _templates.get_template("serve-error.html").render(error=self.error)
        at = content.rfind(b"</body>")
        at = len(content) if at < 0 else at
        return content[:at] + banner.encode("utf-8") + content[at:]


def error_text(error: BaseException) -> str:
    """What stopped a build: MkDocs turns a plugin's error into ``Abort('Aborted with a
    BuildError!')``; the error it stands for is the one shown."""
    from mkdocs.exceptions import Abort

    if isinstance(error, Abort) and error.__context__ is not None:
        error = error.__context__
    return str(error).strip() or type(error).__name__


def _report(error: BaseException, text: str) -> None:
    """Print what stopped the build, unless MkDocs did: it logs a ``BuildError`` (a plugin's
    error, such as a catalog error) before it aborts. An unexpected error gets its traceback."""
    from mkdocs.exceptions import Abort, MkDocsException

    if isinstance(error, Abort):
        return
    log.error("%s", text if isinstance(error, MkDocsException) else traceback.format_exc())


def watched_files(server) -> frozenset:
    """``(path, modification time, size)`` of every file under the server's watched paths."""
    found = set()
    for watched in mkdocs_internals.watched_paths(server):
        if os.path.isfile(watched):
            found.add(_stat(watched))
            continue
        for folder, _, names in os.walk(watched):
            found.update(_stat(os.path.join(folder, name)) for name in names)
    return frozenset(item for item in found if item is not None)


def _stat(path: str) -> tuple | None:
    try:
        stat = os.stat(path)
    except OSError:  # deleted meanwhile
        return None
    return path, stat.st_mtime_ns, stat.st_size
