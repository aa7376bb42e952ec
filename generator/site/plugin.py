"""The ``mops`` MkDocs plugin: adds the generated catalog pages to a MkDocs build.

It only adapts: the catalog is loaded and checked by ``generator.checks.validate`` (the same
loader and rules as ``mops validate``) and the pages come from ``generator.render``. Here they
become virtual files whose "Edit this page" button opens their YAML source.
"""

from __future__ import annotations

import functools
import gc
import gzip
import html
import logging
import os
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import CountHandler

from generator.control_characters import visible
from generator.checks import validate
from generator.export.downloads import download_files
from generator.formats import FORMATS
from generator.languages import site_language_problem
from generator.site import mkdocs_internals
from generator.progress import Progress
from generator.i18n import Translator
from generator.render.html_blocks import HtmlBlocks, is_searchable
from generator.render.navigation import nav_paths, navigation
from generator.site import html_slots, parallel, search_tables, site_dir
from generator.site.config import MopsConfig, catalog_root, settings_from
from generator.site.incremental import GeneratedFile, LiveSite
from generator.site.navigation_cache import NavigationCache
from generator.site.sanitize import sanitize
from generator.site.headings import keep_unicode_in_heading_ids
from generator.site.not_found import fix_not_found_page
from generator.site.search_language import adapt_search, weigh_fields, with_search_worker_fitted

log = logging.getLogger("mkdocs.plugins.mops")
ASSETS = Path(__file__).parent / "assets"
RENDER_ASSETS = Path(__file__).parent.parent / "render" / "assets"
OVERRIDES = Path(__file__).parent / "overrides"
ASSET_FOLDER = "assets/mops"
HTML_BLOCKS_EXTENSION = "generator.render.html_blocks"
"""The Markdown extension's name, should mkdocs.yml list it: the plugin adds its own instance."""
WATCHED = ("catalog", "playbooks")
GC_THRESHOLD = (100_000, 50, 1_000)
"""The garbage collector's thresholds while MkDocs runs (Python's are 700, 10, 10). A build
makes millions of objects that live until it ends, and with the defaults the collector went
over them again and again: a tenth of the time of an 8,000-tool build. Peak memory grows by
8% (813 to 877 MB there)."""
LASTMOD = re.compile(r"\s*<lastmod>[^<]*</lastmod>")


class CatalogError(PluginError):
    """The catalog has errors; the message is the same text ``mops validate`` prints."""


class MopsPlugin(BasePlugin[MopsConfig]):
    live: LiveSite | None = None
    """Kept between the builds of ``mkdocs serve`` (see ``generator.site.incremental``)."""

    def on_startup(self, command, dirty):
        self.live = LiveSite(dirty) if command == "serve" else None
        self.replace_site = command in ("build", "gh-deploy") and not dirty
        self.gc_threshold = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLD)
        search_tables.install()

    def on_shutdown(self):
        if self.live:
            self.live.close()
        self.live = None
        gc.set_threshold(*getattr(self, "gc_threshold", gc.get_threshold()))
        search_tables.uninstall()

    @event_priority(50)  # before Material's search, which fails obscurely on a bad language
    def on_config(self, config):
        self.root = catalog_root(self.config, config.config_file_path)
        if not self.root.is_dir():
            raise PluginError(f"mops: catalog root '{self.root}' is not a folder "
                              "(set `root:` under the mops plugin in mkdocs.yml)")
        site_dir.check(config.site_dir, root=self.root, docs_dir=config.docs_dir,
                       config_file=config.config_file_path)
        if getattr(self, "replace_site", False):  # strict mode fails a build on warnings
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)
        self.settings = settings_from(self.config, config)
        weigh_fields(config)
        keep_unicode_in_heading_ids(config)
        language_problem = site_language_problem(self.settings.language,
                                                 mkdocs_internals.material_languages())
        if language_problem:
            raise PluginError(f"mops: {language_problem}")
        today, codes = self.settings.today, self.settings.codes
        with Progress("reading catalog files") as progress:
            catalog, problems = (
                self.live.validate(self.root, today, codes) if self.live
                else validate(self.root, today=today, progress=progress.update, codes=codes))
        if any(p.severity.value == "error" for p in problems):
            raise CatalogError(FORMATS["text"](problems, self.root).rstrip("\n"))
        for problem in problems:  # a file name may hold control characters: shown, not sent
            log.info("catalog: %s:%s:%s: %s %s", visible(problem.file), problem.line,
                     problem.column, problem.code, visible(problem.message))
        if self.live:
            self.pages, self.downloads = self.live.render(catalog, self.settings, download_files)
        else:
            self.pages, self.downloads = parallel.render_site(catalog, self.settings, config,
                                                              self.config.parallel)
        self.assets = sorted(p for folder in (ASSETS, RENDER_ASSETS) if folder.is_dir()
                             for p in folder.glob("*.css"))
        config.extra_css = [*(f"{ASSET_FOLDER}/{p.name}" for p in self.assets),
                            *config.extra_css]
        mkdocs_internals.add_theme_folder(config, str(OVERRIDES))
        self.docs_pages = _docs_pages(config.docs_dir)
        if config.nav is None:
            config.nav = navigation(Translator(self.settings.language),
                                    [*self.pages, *self.docs_pages])
        self.nav_paths = nav_paths(config.nav)
        self.html_blocks = HtmlBlocks(defer=lambda block: not is_searchable(block))
        config.markdown_extensions = [
            *(name for name in config.markdown_extensions if name != HTML_BLOCKS_EXTENSION),
            self.html_blocks]
        return config

    def on_pre_build(self, config):
        """Just before MkDocs cleans the site folder: a full build goes to a new folder,
        swapped in by ``_replace_site`` when the build ends well (``site_dir.Replacement``)."""
        adapt_search(config, self.settings.language)
        self.building = config
        if getattr(self, "replace_site", False):
            self.replacement = site_dir.Replacement(config.site_dir)
            config.site_dir = str(self.replacement.folder)
        site_dir.mark(config.site_dir)

    def on_files(self, files, config):
        self.link_targets: dict[tuple[str, str], File | None] = {}  # (folder, .md link)
        for path, page in self.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"mops: docs/{path} would replace a generated page; "
                                  "rename or remove it")
            inclusion = (InclusionLevel.INCLUDED if path in self.nav_paths
                         else InclusionLevel.NOT_IN_NAV)
            file = GeneratedFile.generated(config, path, content=page.markdown,
                                           inclusion=inclusion)
            file.edit_uri = self._edit_uri(page.edit_path, config)
            files.append(file)
        for asset in self.assets:
            files.append(GeneratedFile.generated(config, f"{ASSET_FOLDER}/{asset.name}",
                                                 content=asset.read_bytes()))
        for path, content in self.downloads.items():  # JSON, CSV, XLSX and iCalendar exports
            files.append(GeneratedFile.generated(config, path, content=content))
        files = with_search_worker_fitted(files, config, self.settings.language)
        total = (self.live.plan(config, files) if self.live
                 else len(files.documentation_pages()))
        self.progress = Progress("building pages", total=total)
        return files

    def on_nav(self, nav, config, files):
        self.parallel = None
        if self.live:
            self.live.restore_navigation(nav)
        elif parallel.worth_it(config, len(files.documentation_pages()), self.config.parallel):
            self.parallel = parallel.ParallelBuild(config, files, nav, self.progress)
        return nav

    def on_env(self, env, config, files):
        if self.live:
            self.live.keep_templates(env)
        mkdocs_internals.with_theme_prefix(env, config.theme.dirs, str(OVERRIDES))
        env.globals["mops_navigation"] = NavigationCache()
        if self.parallel is not None:
            self.parallel.start_build(files, env)
        return env

    def on_post_page(self, output, page, config):
        self.progress.advance()
        return html_slots.put_back(output, getattr(page, "mops_blocks", []))

    def _edit_uri(self, edit_path: str | None, config) -> str | None:
        """The YAML source relative to the docs folder (``../catalog/tools/x.yaml``): MkDocs
        joins it to ``repo_url`` + ``edit_uri``, which point at the docs folder."""
        if edit_path is None:
            return None
        return _relative_source(self.root, edit_path, config.docs_dir)

    def on_page_content(self, page_html, page, config, files):
        page.mops_blocks = self.html_blocks.take_deferred()  # see generator.render.html_blocks
        if page.file.generated_by is None:
            return page_html
        if page.title:
            page.title = _inert_title(page.title)

        def resolve(href: str) -> str | None:
            target, _, anchor = href.partition("#")
            if not target.endswith(".md") or "://" in target or target.startswith("/"):
                return None
            folder = posixpath.dirname(page.file.src_uri)
            if (folder, target) not in self.link_targets:  # pages in a folder share links
                path = posixpath.normpath(posixpath.join(folder, target))
                self.link_targets[folder, target] = files.get_file_from_path(path)
            found = self.link_targets[folder, target]
            if found is None:
                log.warning("mops: %s links to '%s', which is not a page", page.file.src_uri,
                            target)
                return None
            return found.url_relative_to(page.file) + (f"#{anchor}" if anchor else "")

        page.mops_blocks = [sanitize(block, resolve) for block in page.mops_blocks]
        return sanitize(page_html, resolve)

    @event_priority(-100)  # after Material's search has indexed the page
    def on_page_context(self, context, page, config, nav):
        if self.live:
            self.live.record_search(page, config)
        return context

    @event_priority(100)  # before Material's search writes its index
    def _finish_pages(self, config):
        self._end_helpers()
        self.progress.close()
        _reproducible_sitemap(Path(config.site_dir))
        fix_not_found_page(Path(config.site_dir), config.site_url)
        if self.live:
            self.live.finish(config)

    @event_priority(-1000)  # after every other plugin has written its files
    def _replace_site(self, config):
        """Swap the new site in, unless strict mode is about to fail the build."""
        failed = config.strict and getattr(self, "warnings", None) is not None \
            and bool(self.warnings.get_counts())
        self._end_replacement(succeeded=not failed)

    on_post_build = CombinedEvent(_finish_pages, _replace_site)

    def on_build_error(self, error):
        self._end_helpers()
        self._end_replacement(succeeded=False)
        if getattr(self, "progress", None) is not None:
            self.progress.close()

    def _end_helpers(self) -> None:
        if getattr(self, "parallel", None) is not None:
            self.parallel.end()
            self.parallel = None

    def _end_replacement(self, succeeded: bool) -> None:
        """The new site in place (or dropped), and ``site_dir`` the real folder again, which
        ``mkdocs gh-deploy`` publishes next."""
        if getattr(self, "warnings", None) is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None
        replacement, self.replacement = getattr(self, "replacement", None), None
        if replacement is None:
            return
        self.building.site_dir = str(replacement.site)
        if not succeeded:
            replacement.abandon()
            return
        new = replacement.folder
        try:
            replacement.finish()
        except OSError as error:
            raise PluginError(f"mops: could not put the new site in place of "
                              f"'{replacement.site}' ({error}); it is in '{new}'") from error

    def on_serve(self, server, config, builder):
        folders = [self.root / folder for folder in WATCHED if (self.root / folder).is_dir()]
        if self.live:
            self.live.serve(server, folders)
        else:
            for folder in folders:
                server.watch(str(folder))
        return server


@functools.lru_cache(maxsize=65536)  # rebuilds while serving ask for the same paths again
def _relative_source(root: Path, edit_path: str, docs_dir: str) -> str:
    return Path(os.path.relpath(root / edit_path, docs_dir)).as_posix()


def _docs_pages(docs_dir: str) -> list[str]:
    root = Path(docs_dir)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md")) \
        if root.is_dir() else []


def _inert_title(title: str) -> str:
    """A page title safe in every place Material prints it: escaped for the header and nav,
    and with ``</`` broken by a zero-width space, because Material's ``<title>`` prints it
    through ``striptags``, which turns entities back into characters."""
    text = html.unescape(title)
    return html.escape(text, quote=False).replace("&lt;/", "&lt;\u200b/")


def _reproducible_sitemap(site_dir: Path) -> None:
    """Drop the build date from sitemap.xml and write sitemap.xml.gz without a timestamp, so
    two builds of the same catalog are byte-identical."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = LASTMOD.sub("", sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    with open(site_dir / "sitemap.xml.gz", "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
            packed.write(text.encode("utf-8"))
