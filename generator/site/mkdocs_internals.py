"""Every use of MkDocs' and Material's private internals, in one place.

MkDocs 1.x and Material 9.x have no public API for what the speed-ups and the live rebuilds of
the ``mops`` plugin need, so they reach into private names. Each such name is used here and
nowhere else in ``generator/``; the rest of the site stage calls the functions below.
``tests/test_site_mkdocs_internals.py`` exercises each of them on the real objects (a real
live-reload server, a real build, Material's real search plugin and parser), so an upgrade that
renames or reshapes one fails there, loudly, instead of silently switching a feature off. A
scheduled CI job runs those tests against the newest MkDocs 1.x and Material 9.x.

What is private, and what uses it:

* ``mkdocs.commands.build._populate_page`` / ``_build_page`` and a page's ``__dict__``: the
  forked build worker (``parallel.py``) takes over part of each pass.
* ``File._content``: what a generated file holds, read without a copy (``incremental.py``).
* ``LiveReloadServer._rebuild_cond`` / ``_want_rebuild``: asking ``mkdocs serve`` for a
  follow-up build (``incremental.py``); its ``_inject_js_into_html`` and ``_watched_paths``:
  the last good site served, with a banner, while a build fails (``serve_errors.py``).
* Material's search: the plugin's ``search_index`` / ``search_index_prev``, the index's
  ``entries`` and ``_segment_chinese``, and the ``Parser`` class with its parsing state
  (``search_language.py``, ``search_tables.py``, ``incremental.py``, ``parallel.py``).
* Material's search worker script (``assets/javascripts/workers/search.<hash>.min.js``): the
  step of its minified ``search`` that cuts a query's Han characters into the index's words
  (``search_language.py``).
* Material's language partials, read as the list of interface languages (the plugin's check
  of ``theme.language``; ``mops validate`` uses the copy in ``generator/languages.py``).
* MkDocs' warning about dirty builds, recognised by its text (``mops serve``).
* The theme's template loader, given a ``theme/`` prefix so our partials can include the
  theme's own (``navigation_cache.py``), and where our partials go among the theme folders.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from importlib import import_module
from importlib.resources import files as package_files
from typing import Any

import jinja2

# MkDocs' build passes ---------------------------------------------------------------------------

PagePass = Callable[..., Any]


def page_passes() -> tuple[PagePass, PagePass]:
    """MkDocs' own ``(populate, build)`` page passes."""
    build = import_module("mkdocs.commands.build")
    return build._populate_page, build._build_page


def set_page_passes(populate: PagePass, build_page: PagePass) -> None:
    """Make MkDocs' build call ``populate`` and ``build_page`` for each page (the signatures of
    ``_populate_page(page, config, files, dirty=False)`` and ``_build_page(page, config,
    doc_files, nav, env, dirty=False, excluded=False)``)."""
    build = import_module("mkdocs.commands.build")
    setattr(build, "_populate_page", populate)  # noqa: B010 - the names say what is replaced
    setattr(build, "_build_page", build_page)  # noqa: B010


def page_state(page, names) -> dict[str, Any]:
    """The values ``page`` holds under ``names`` (those it has), as stored: a property such as
    ``title`` is read as the value a plugin assigned, not computed."""
    stored = vars(page)
    return {name: stored[name] for name in names if name in stored}


def set_page_state(page, state: dict[str, Any]) -> None:
    """Store ``state`` (from ``page_state``) on ``page``."""
    vars(page).update(state)


# Files --------------------------------------------------------------------------------------

def file_content(file) -> str | bytes:
    """What a file holds, without the copy ``content_bytes`` / ``content_string`` make for a
    file given its content in memory."""
    content = file._content
    return content if content is not None else file.content_bytes


# The live-reload server ---------------------------------------------------------------------

def can_request_rebuild(server) -> bool:
    """Whether ``request_rebuild`` works on this server."""
    return hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")


def request_rebuild(server) -> bool:
    """Have ``mkdocs serve`` build again once its current build is done, as if its polling had
    seen a change; False (nothing done) where the server lacks the means."""
    if not can_request_rebuild(server):
        return False
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()
    return True


def can_inject_into_pages(server) -> bool:
    """Whether ``page_injector`` / ``set_page_injector`` work on this server."""
    return hasattr(server, "builder") and hasattr(server, "_inject_js_into_html")


def page_injector(server) -> Callable[[bytes, Any], bytes]:
    """What the server does to each HTML page it serves (adds its live-reload script):
    ``inject(content, epoch) -> content``."""
    return server._inject_js_into_html


def set_page_injector(server, inject: Callable[[bytes, Any], bytes]) -> None:
    server._inject_js_into_html = inject


def watched_paths(server) -> list[str]:
    """The paths the server watches for changes (absolute)."""
    return list(getattr(server, "_watched_paths", {}))


DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"
"""How MkDocs' warning about dirty builds begins (logger ``mkdocs.commands.build``)."""


def is_dirty_build_warning(record: logging.LogRecord) -> bool:
    return record.getMessage().startswith(DIRTY_BUILD_WARNING)


# Material's search --------------------------------------------------------------------------

def search_plugin(config):
    """The search plugin of this configuration (Material's, or MkDocs' own), or None."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def search_index(config):
    """Material's search index for this build: None without Material's search, or when it is
    disabled (``enabled: false``), or when it does not have the shape used here."""
    plugin = search_plugin(config)
    if not getattr(getattr(plugin, "config", None), "enabled", True):
        return None  # a disabled plugin MkDocs kept from an earlier build keeps its old index
    index = getattr(plugin, "search_index", None)
    return index if hasattr(plugin, "search_index_prev") and hasattr(index, "entries") else None


def index_entries(index) -> list[dict]:
    """The index's entries so far, in page order (the list itself: appending adds entries)."""
    return index.entries


def set_index_entries(index, entries: list[dict]) -> None:
    index.entries = entries


def forget_previous_index(config_or_plugin) -> None:
    """Drop the index Material keeps from the last build for its one-page merge in dirty
    builds (we complete the index ourselves)."""
    plugin = (search_plugin(config_or_plugin) if hasattr(config_or_plugin, "plugins")
              else config_or_plugin)
    if plugin is not None and hasattr(plugin, "search_index_prev"):
        plugin.search_index_prev = None


def index_text_as_written(index) -> None:
    """Stop Material's index cutting Han characters into Chinese words (it does so whatever
    the site language when jieba is installed)."""
    index._segment_chinese = _as_written


def _as_written(text: str) -> str:
    return text


def _material_search():
    return import_module("material.plugins.search.plugin")


def material_search_parser() -> type:
    """Material's own search ``Parser`` class (whatever is installed in its place)."""
    return _MATERIAL_PARSER if _MATERIAL_PARSER is not None else _material_search().Parser


_MATERIAL_PARSER: type | None = None


def use_search_parser(parser_class: type) -> None:
    """Material's search parses pages with ``parser_class`` (a subclass of its ``Parser``)
    until ``restore_search_parser``."""
    global _MATERIAL_PARSER
    module = _material_search()
    if _MATERIAL_PARSER is None:
        _MATERIAL_PARSER = module.Parser
    module.Parser = parser_class


def restore_search_parser() -> None:
    global _MATERIAL_PARSER
    if _MATERIAL_PARSER is not None:
        _material_search().Parser = _MATERIAL_PARSER
        _MATERIAL_PARSER = None


def search_parser_in_use() -> type:
    return _material_search().Parser


def parser_at_top_level(parser) -> bool:
    """Whether Material's search ``parser`` stands between top-level elements: no element open,
    nothing pending or being skipped, and no heading nested below the top open."""
    if parser.context or parser.rawdata or parser.cdata_elem is not None:
        return False
    if any(not isinstance(entry, str) for entry in parser.skip):  # a data-search-exclude
        return False
    return parser.section is None or parser.section.depth <= 1


def open_section(parser) -> None:
    """What the parser does at the first start tag of a page with no heading before it: open
    the page's untitled first section."""
    if parser.section is None:
        module = _material_search()
        parser.section = module.Section(module.Element("hx"))
        parser.data.append(parser.section)


# Material's search worker --------------------------------------------------------------------

SEARCH_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
"""Where Material's search worker is among the theme's files (the name holds a hash)."""

HAN_QUERY_SEGMENTATION = re.compile(
    r'(?P<query>[\w$]+)=(?P=query)\.replace\('
    r'(?:new RegExp\("\\\\p\{sc=Han\}\+","gu"\)|/\\p\{sc=Han\}\+/gu),')
"""The start of the worker's "experimental Chinese segmentation" of a query, minified:
``q=q.replace(new RegExp("\\p{sc=Han}+","gu"),v=>[...segment(v,index)].join("* "))``."""


def search_worker(files):
    """Material's search worker script among a build's files, or None."""
    return next((file for file in files if SEARCH_WORKER.fullmatch(file.src_uri)), None)


def without_han_query_segmentation(script: str) -> str | None:
    """Material's search worker ``script`` with the cut of a query's Han characters into the
    index's words taken out (its branch never runs); None if the script has no such step (a
    Material that no longer has it)."""
    def never(match: re.Match) -> str:
        query = match["query"]
        return f"{query}=!0?{query}:{match[0][len(query) + 1:]}"

    changed, count = HAN_QUERY_SEGMENTATION.subn(never, script)
    return changed if count == 1 else None


# Material's templates and theme -------------------------------------------------------------

def material_languages() -> tuple[str, ...]:
    """Every ``theme.language`` the installed Material translates its interface into (its
    ``partials/languages/<code>.html`` files)."""
    folder = package_files("material") / "templates" / "partials" / "languages"
    return tuple(sorted(entry.name.removesuffix(".html") for entry in folder.iterdir()
                        if entry.name.endswith(".html")))


THEME_PREFIX = "theme"


def add_theme_folder(config, folder: str) -> None:
    """Put ``folder`` among the theme's template folders: after the project's own
    ``custom_dir`` (whose partials stay the project's) and before the theme's."""
    dirs = config.theme.dirs
    custom = config.theme.custom_dir
    at = 1 if custom and dirs and dirs[0] == custom else 0
    if folder not in dirs:
        dirs.insert(at, folder)


def with_theme_prefix(env: jinja2.Environment, theme_dirs: list[str], ours: str) -> None:
    """Let templates include the theme's own version of a template we override, as
    ``theme/<name>``: the theme folders (a project's ``custom_dir`` among them) without ours."""
    theme = jinja2.FileSystemLoader([d for d in theme_dirs if d != ours])
    loaders = [env.loader] if env.loader is not None else []
    env.loader = jinja2.ChoiceLoader([*loaders, jinja2.PrefixLoader({THEME_PREFIX: theme})])
