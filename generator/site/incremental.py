"""Fast rebuilds while ``mkdocs serve`` runs: only what an edit changed is parsed, rendered,
converted and written.

MkDocs keeps a plugin that has ``on_startup`` from one build of ``serve`` to the next, so the
plugin keeps a ``LiveSite``: the last catalog, its pages and what the last build wrote.

* Loading: parsed files are cached by modification time (``ParseCache``); the schema and the
  rules still run over the whole catalog, which is fast.
* Rendering: ``generator.render.incremental`` finds the pages that can show a changed entity,
  and only those are rendered again. While serving, the changed entity's own page comes
  first: a build renders and writes just that page (the one its author is looking at), then
  asks the server for follow-up builds that update the other pages, smallest first, about
  ``BATCH_MARKDOWN`` characters of Markdown at a time, and the downloads last. A build is not
  interrupted once started, so batches keep a later edit from waiting for every page of the
  one before; a later edit's own page again goes first.
* Building: in a dirty build (``mops serve`` asks MkDocs for one; ``mkdocs serve --dirty`` does
  too) MkDocs converts and writes only files whose ``is_modified()`` is true. Generated files
  say whether their content differs from the last build's; the first build, and any build after
  a change the generated Markdown does not show (mkdocs.yml, settings, the navigation, a docs
  page, a failed build), start from an empty site folder and build everything.

What a dirty build would get wrong is put right here: the pages in the navigation that are not
built again get the title and metadata they had (the navigation on every page shows them), the
search index keeps the entries of pages not built again (Material's own merge keeps only one
page's), and files of pages that are gone are deleted. The site is then the same, byte for
byte, as a full build of the same sources (``tests/test_site_incremental.py``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from mkdocs import utils
from mkdocs.structure.files import File, InclusionLevel

from generator.checks import validate
from generator.load.parse import ParseCache
from generator.render.incremental import (
    ReferenceCache,
    affected_paths,
    changed_entities,
    own_paths,
    rerender,
)
from generator.site import mkdocs_internals
from generator.site.mkdocs_internals import index_entries, search_index
from generator.site.serve_errors import keep_last_good_site

log = logging.getLogger("mkdocs.plugins.mops")
BATCH_MARKDOWN = 2_000_000
"""Characters of Markdown one follow-up build renders and converts (a few seconds' work)."""


class GeneratedFile(File):
    """A file the plugin adds; ``modified`` is whether its content changed since the last
    build (a plain generated file counts as modified in every build)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class _Modified:
    """Stands in for ``File.is_modified`` of a docs file that must be built again."""

    def __call__(self) -> bool:
        return True


class TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory between builds (MkDocs makes a new
    template environment for every build, which would compile Material's templates again).
    Jinja checks each template's source against the cached checksum."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class LiveSite:
    """What one ``mkdocs serve`` keeps between builds. ``dirty``: MkDocs builds dirty, so only
    modified files are built; otherwise only loading and rendering are incremental."""

    def __init__(self, dirty: bool):
        self.dirty = dirty
        self.cache = ParseCache()
        self.catalog = None
        self.settings = None
        self.pages: dict = {}
        self.downloads: dict[str, bytes] = {}
        self.stale: set[str] = set()  # pages left for a follow-up build
        self.stale_downloads = False
        self.server = None  # set once serving: it can be asked for a follow-up build
        self.observer = None  # the file-event watcher, while serving
        # what the last completed build wrote
        self.complete = False
        self.signature = None
        self.built: dict[str, tuple] = {}  # generated file -> (content, edit URI, inclusion)
        self.page_paths: set[str] = set()
        self.outputs: set[str] = set()
        self.shown: dict[str, tuple] = {}  # page -> (title, meta) as built, for the navigation
        self.search: dict[str, list] = {}  # page -> its search index entries
        self.files = None
        self.indexed = 0
        self.search_plugin = None
        self.templates = TemplateCache()
        self.references = ReferenceCache()

    # loading and rendering -----------------------------------------------------------------
    def validate(self, root: Path, today, codes=None):
        return validate(root, today=today, cache=self.cache, codes=codes)

    def render(self, catalog, settings, downloads) -> tuple[dict, dict]:
        """The pages and downloads of ``catalog``: only what changed since the last call is
        made again, and while serving dirty, the changed entities' own pages first (the rest
        is left in ``stale`` for a follow-up build). ``downloads(catalog, settings)`` makes
        the downloads."""
        first = self.catalog is None or settings != self.settings
        changed = set() if first else changed_entities(self.catalog, catalog)
        wanted = None if first else affected_paths(self.catalog, catalog, changed,
                                                   self.references)
        if wanted is None:
            self.pages, self.stale = rerender(catalog, {}, None, settings), set()
        else:
            wanted |= self.stale
            deferring = self.dirty and self.server is not None
            now = (own_paths(changed) or self._batch(wanted)) if deferring else wanted
            self.pages = rerender(catalog, self.pages, now, settings)
            self.stale = wanted - now
            if self.stale:
                log.info("mops: updating %d of %d changed pages now, the rest in the next build",
                         len(now), len(wanted))
        self.stale_downloads |= first or bool(changed)
        if self.stale_downloads and not self.stale:
            self.downloads, self.stale_downloads = downloads(catalog, settings), False
        self.catalog, self.settings = catalog, settings
        return self.pages, self.downloads

    def _batch(self, paths: set[str]) -> set[str]:
        """The smallest pages of ``paths``, up to ``BATCH_MARKDOWN`` characters (at least one
        page; pages not rendered yet count as empty)."""
        batch, size = set(), 0
        for length, path in sorted((len(getattr(self.pages.get(p), "markdown", "")), p)
                                   for p in paths):
            if batch and size + length > BATCH_MARKDOWN:
                break
            batch.add(path)
            size += length
        return batch

    # building ------------------------------------------------------------------------------
    def plan(self, config, files) -> int:
        """Mark what this build converts and writes; the number of pages it builds."""
        self.files = files
        self.indexed = 0
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        if not self.dirty:
            return len(pages)
        signature = (self.settings, repr(config.nav), _config_text(config))
        page_paths = {file.src_uri for file in pages}
        docs_changed = [file for file in pages
                        if not isinstance(file, GeneratedFile) and file.is_modified()]
        full = not self.complete or signature != self.signature or bool(docs_changed)
        self.complete, self.signature = False, signature
        if full:
            utils.clean_directory(config.site_dir)
            self.built, self.shown, self.search, self.outputs = {}, {}, {}, set()
        for file in files:
            if isinstance(file, GeneratedFile):
                file.modified = self.built.get(file.src_uri) != _built(file)
            elif file.is_documentation_page() and page_paths != self.page_paths:
                file.is_modified = _Modified()  # a docs page may link to a page come or gone
        outputs = {file.abs_dest_path for file in files}
        _delete(self.outputs - outputs, config.site_dir)
        self.outputs, self.page_paths = outputs, page_paths
        return sum(file.is_modified() for file in pages)

    def keep_templates(self, env) -> None:
        """Compile the theme's templates once per ``serve``, not once per build."""
        if env.bytecode_cache is None:
            env.bytecode_cache = self.templates

    def restore_navigation(self, nav) -> None:
        """Give the navigation's pages that are not built again their last title and meta."""
        if not self.dirty:
            return
        for page in nav.pages:
            if not page.file.is_modified() and page.file.src_uri in self.shown:
                page.title, page.meta = self.shown[page.file.src_uri]

    def record_search(self, page, config) -> None:
        """Keep the search entries Material's search just made for ``page``."""
        index = search_index(config)
        if not self.dirty or index is None:
            return
        self.search[page.file.src_uri] = index_entries(index)[self.indexed:]
        self.indexed = len(index_entries(index))

    def finish(self, config) -> None:
        """Before the search index is written: complete it, and remember this build."""
        if not self.dirty:
            return
        pages = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        index = search_index(config)
        if index is not None:
            mkdocs_internals.set_index_entries(
                index, [entry for file in pages for entry in self.search.get(file.src_uri, ())])
            self.search_plugin = mkdocs_internals.search_plugin(config)
            mkdocs_internals.forget_previous_index(self.search_plugin)  # not Material's merge
        self.search = {file.src_uri: self.search[file.src_uri] for file in pages
                       if file.src_uri in self.search}
        for file in pages:
            if file.page is not None and file.page.content is not None:
                self.shown[file.src_uri] = (file.page.title, file.page.meta)
        self.built = {file.src_uri: _built(file) for file in self.files
                      if isinstance(file, GeneratedFile)}
        self.complete = True
        if self.stale or self.stale_downloads:
            self._ask_for_build()

    def serve(self, server, folders: list[Path]) -> None:
        """Start serving: remember the server, and have it watch ``folders``.

        MkDocs polls watched folders every half second. The catalog folders are also watched
        through the operating system's file events where it has them, so a saved file starts
        the rebuild at once; the polling stays, for file systems that send no events (the same
        change seen twice only asks for a build that is coming anyway, or finds nothing).
        Only events that change content count (``changes_content``): a build reads the catalog,
        and reads must not ask for the next build. A failed build leaves the last good site
        served (``generator.site.serve_errors``)."""
        self.server = server
        keep_last_good_site(server)
        for folder in folders:
            server.watch(str(folder))
        if not self._can_ask(server):
            return
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer

            handler = FileSystemEventHandler()
            handler.on_any_event = lambda event: changes_content(event) and self._ask_for_build()
            self.observer = Observer()
            for folder in folders:
                self.observer.schedule(handler, str(folder), recursive=True)
            self.observer.daemon = True
            self.observer.start()
        except (ImportError, OSError) as error:  # no file events here: polling alone
            log.debug("mops: file events unavailable (%s); polling only", error)
            self.observer = None

    def close(self) -> None:
        """When serving stops. MkDocs keeps Material's search plugin for the rest of the
        process, with the index it keeps for its own dirty merge: drop it, or a later build
        in the same process would merge it into its index."""
        if self.search_plugin is not None:
            mkdocs_internals.forget_previous_index(self.search_plugin)
        if self.observer is not None:
            self.observer.stop()
            self.observer = None

    @staticmethod
    def _can_ask(server) -> bool:
        return mkdocs_internals.can_request_rebuild(server)

    def _ask_for_build(self) -> None:
        """Have the server build again (once the current build is done), as if its polling
        had seen a change. MkDocs has no public call for it; if its server ever lacks the
        means, builds stop deferring and do everything at once."""
        if self.server is None or not mkdocs_internals.request_rebuild(self.server):
            self.server = None


CONTENT_EVENTS = frozenset({"created", "modified", "deleted", "moved"})
"""The file events that can change what a build makes. Watchdog also reports files being opened
and closed without a write (inotify): every build reads the catalog, so asking for a build on
those would start one build after another."""


def changes_content(event) -> bool:
    """Whether a watchdog ``event`` can change the site: a file created, written, deleted or
    moved, or a folder deleted or moved (a folder "modified" only means its list changed, and
    the files' own events say how)."""
    if event.event_type not in CONTENT_EVENTS:
        return False
    return not event.is_directory or event.event_type in ("deleted", "moved")


def _delete(paths, site_dir: str) -> None:
    """Delete the files of pages and downloads that are gone, and folders left empty."""
    top = Path(site_dir)
    for path in map(Path, paths):
        if path.is_file():
            path.unlink()
        folder = path.parent
        while folder != top and top in folder.parents and folder.is_dir() \
                and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _built(file: File) -> tuple:
    return mkdocs_internals.file_content(file), file.edit_uri, file.inclusion


def _config_text(config) -> bytes | None:
    path = config.config_file_path
    return Path(path).read_bytes() if path and os.path.isfile(path) else None

