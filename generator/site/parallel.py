"""Both cores for one ``mkdocs build``: forked workers share the rendering and the page passes.

MkDocs 1.x handles pages one after another, in two passes: it *populates* every page
(Markdown to HTML, then the ``page_content`` events: our sanitizer) and then *builds* every page
(the theme's template, the ``page_context`` events: Material's search indexing, and writing
the file). For a large catalog those two passes are most of the build, and each page is
independent of the others within a pass. So, in each pass, this module forks a worker that
does the pass for the last pages (about half the work, measured in characters) while MkDocs
does the first ones, then hands the worker's results back to MkDocs:

* populate: the worker sends back what a page holds after the pass (HTML, table of contents,
  title, anchors); MkDocs' populate pass then installs it instead of converting again.
* build: the worker writes its pages' HTML files itself and sends back the search-index
  entries it made; they are appended in page order, so the index is the same as a serial
  build's. Two builds give byte-identical sites either way (the tests compare them).

Before both passes, while the plugin renders the catalog's pages, a worker renders the tool
pages and the downloads (``render_site``).

Log records the worker emits (warnings about links, for instance) are replayed in the parent,
so ``--strict`` still counts them. The worker is used only when it is safe and pays: a build
(not ``serve``) in a process with a single thread, the plugins being only ``search`` and
``mops`` (another plugin's page events would run in the worker and its state would be lost),
and at least ``MIN_PAGES`` pages, unless the plugin's ``parallel: off`` turns it off.
Otherwise the build is the plain serial one.

The hook into MkDocs is replacing its page passes for the duration of one build
(``mkdocs_internals.set_page_passes``); MkDocs 1.x is frozen, and the pin ``mkdocs<2`` keeps it
so.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import traceback
from typing import Callable

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from generator.export.downloads import download_files
from generator.render.page_sets import PAGE_SETS
from generator.render.page_sets.entities import tool_pages
from generator.render.pages import render_pages
from generator.forking import can_fork
from generator.render.html_blocks import markdown_size
from generator.site.mkdocs_internals import (
    index_entries,
    page_passes,
    page_state,
    search_index,
    set_page_passes,
    set_page_state,
)

MIN_PAGES = 300
PAGE_COST = {"populate": 700, "build": 10_000}
"""What a page costs whatever its size, in characters of its text: MkDocs' and the Markdown
extensions' work per page (populate), the theme's template and search parser (build)."""
BLOCK_SHARE = 16
"""A character of an HTML block costs a sixteenth of a character of Markdown to populate: it
is only sanitized, never converted. Both figures are fitted to the time each page of a
2,000-tool build took (process time, one process)."""
WORKER_PAGE_SETS = [tool_pages]
"""What the worker renders while the parent renders the other page sets (about half the work)."""
SAFE_PLUGINS = {"search", "material/search", "mops"}
POPULATED = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids",
             "title", "mops_blocks")
"""Page attributes the populate pass sets (``title`` only when a plugin assigned one)."""

log = logging.getLogger("mkdocs.plugins.mops")


def worth_it(config, pages: int, mode: str = "auto") -> bool:
    """Whether a worker shares the build: ``mode`` is the plugin's ``parallel`` option."""
    return (mode == "auto" and pages >= MIN_PAGES and can_fork()
            and set(config.plugins) <= SAFE_PLUGINS)


def split(files, size: Callable) -> int:
    """The index from which the worker takes over: the one that divides the work (by
    ``size``) most evenly between the parent's pages before it and the worker's after it."""
    sizes = [size(file) for file in files]
    half, done = sum(sizes) / 2, 0
    best, best_gap = 0, half
    for index, value in enumerate(sizes, start=1):
        done += value
        if abs(done - half) < best_gap:
            best, best_gap = index, abs(done - half)
    return best


class Worker:
    """A forked child that runs ``work()`` and sends its result (or its failure) back, with
    the log records it emitted."""

    def __init__(self, work: Callable[[], object]):
        read, write = os.pipe()
        gc.freeze()  # the collector leaves what exists now alone: less copying after the fork
        self.pid = os.fork()
        if self.pid == 0:  # the child
            os.close(read)
            _run_child(work, write)
        os.close(write)
        self.pipe = os.fdopen(read, "rb")
        self.result = None
        self.done = False

    def wait(self):
        """The worker's result; its log records are replayed here first."""
        if not self.done:
            try:
                message = pickle.load(self.pipe)
            except EOFError:
                message = {"error": "the worker process ended without a result"}
            finally:
                self.pipe.close()
                os.waitpid(self.pid, 0)
            self.done = True
            gc.unfreeze()
            for record in message.get("records", []):
                logging.getLogger(record.name).handle(record)
            if "error" in message:
                raise PluginError(f"mops: a build worker failed:\n{message['error']}")
            self.result = message["result"]
        return self.result

    def stop(self) -> None:
        if not self.done:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pipe.close()
            self.done = True
            gc.unfreeze()


class _Recorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        record.msg, record.args, record.exc_info, record.exc_text = \
            record.getMessage(), None, None, None
        self.records.append(record)


def _run_child(work, write_fd: int) -> None:
    recorder = _Recorder()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.handlers = []
    mkdocs_logger.propagate = True
    logging.getLogger().handlers = [recorder]
    try:
        message = {"result": work()}
    except BaseException:  # noqa: BLE001 - everything goes back to the parent
        message = {"error": traceback.format_exc()}
    message["records"] = recorder.records
    try:
        with os.fdopen(write_fd, "wb") as pipe:
            pickle.dump(message, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)


def render_site(catalog, settings, config, mode: str = "auto") -> tuple[dict, dict[str, bytes]]:
    """``render_pages`` and ``download_files`` for the plugin; in a large catalog a worker
    renders ``WORKER_PAGE_SETS`` and the downloads while this process renders the rest."""
    if not worth_it(config, len(catalog.entities["tool"]), mode):
        return render_pages(catalog, settings), download_files(catalog, settings)
    worker = Worker(lambda: (render_pages(catalog, settings, WORKER_PAGE_SETS),
                             download_files(catalog, settings)))
    try:
        pages = render_pages(catalog, settings,
                             [s for s in PAGE_SETS if s not in WORKER_PAGE_SETS])
    except BaseException:
        worker.stop()
        raise
    worker_pages, downloads = worker.wait()
    if pages.keys() & worker_pages.keys():
        raise ValueError(f"two page sets both write {sorted(pages.keys() & worker_pages)[0]}")
    return dict(sorted({**pages, **worker_pages}.items())), downloads


def _populate_cost(file) -> int:
    if not file.generated_by:
        return PAGE_COST["populate"] + os.path.getsize(file.abs_src_path)
    markdown = file.content_string
    left = markdown_size(markdown)
    return PAGE_COST["populate"] + left + (len(markdown) - left) // BLOCK_SHARE


class ParallelBuild:
    """One build's two passes, each shared with a worker. Created in ``on_nav`` (the populate
    pass starts right after it), continued in ``on_env`` (before the build pass), ended in
    ``on_post_build`` or ``on_build_error``."""

    def __init__(self, config, files, nav, progress):
        self.config = config
        self.nav = nav
        self.progress = progress
        self.populate_original, self.build_original = page_passes()
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in pages:  # what MkDocs' build does next for pages outside the nav
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        start = split(pages, _populate_cost)
        self.populated_by_worker = {f.src_uri for f in pages[start:]}
        self.populate_worker = Worker(lambda: self._populate(pages[start:], files))
        self.build_worker: Worker | None = None
        self.built_by_worker: set[str] = set()
        set_page_passes(self.populate_page, self.build_page)

    # populate pass ------------------------------------------------------------
    def _populate(self, share, files) -> dict[str, dict]:
        results = {}
        for file in share:
            page = file.page
            self.populate_original(page, self.config, files)
            state = page_state(page, POPULATED)
            state["links_to_anchors"] = {target.src_uri: links for target, links in
                                         (page.links_to_anchors or {}).items()}
            results[file.src_uri] = state
        return results

    def populate_page(self, page, config, files, dirty=False):
        if page.file.src_uri not in self.populated_by_worker:
            return self.populate_original(page, config, files, dirty)
        state = dict(self.populate_worker.wait()[page.file.src_uri])
        links = state.pop("links_to_anchors")
        set_page_state(page, state)
        page.links_to_anchors = {files.get_file_from_path(target): anchors
                                 for target, anchors in links.items()}
        return None

    # build pass ---------------------------------------------------------------
    def start_build(self, files, env) -> None:
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        start = split(doc_files, lambda f: PAGE_COST["build"] + len(f.page.content or ""))
        share = doc_files[start:]
        self.built_by_worker = {f.src_uri for f in share}
        self.build_worker = Worker(lambda: self._build(share, doc_files, self.nav, env))

    def _build(self, share, doc_files, nav, env) -> list[dict]:
        self.progress.shown = False  # the parent's line counts the worker's pages
        index = search_index(self.config)
        before = len(index_entries(index)) if index is not None else 0
        for file in share:
            self.build_original(file.page, self.config, doc_files, nav, env,
                                excluded=file.inclusion.is_excluded())
        return index_entries(index)[before:] if index is not None else []

    def build_page(self, page, config, doc_files, nav, env, dirty=False, excluded=False):
        if page.file.src_uri not in self.built_by_worker:
            return self.build_original(page, config, doc_files, nav, env, dirty, excluded)
        if not self.build_worker.done:
            entries = self.build_worker.wait()
            index = search_index(config)
            if index is not None:
                index_entries(index).extend(entries)
            self.progress.advance(len(self.built_by_worker))
        return None

    def end(self) -> None:
        set_page_passes(self.populate_original, self.build_original)
        for worker in (self.populate_worker, self.build_worker):
            if worker is not None:
                worker.stop()
