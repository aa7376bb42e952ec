"""Contract tests for generator/site/mkdocs_internals.py: each private MkDocs or Material name it
uses is exercised on the real object (a real build, a real live-reload server, Material's real
search plugin and parser). An upgrade that renames or reshapes one fails here, loudly; the
scheduled CI job (.github/workflows/newest-mkdocs.yml) runs these against the newest releases."""

from __future__ import annotations

import inspect
import logging
import threading
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.languages import SITE_LANGUAGES
from generator.site import mkdocs_internals as internals
from generator.site.parallel import POPULATED


def write_project(tmp_path: Path, extra: str = "", pages: int = 3) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for number in range(pages):
        (docs / f"page-{number}.md").write_text(
            f"# Page {number}\n\nText {number}.\n\n## Part\n\nMore.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nrepo_url: https://git.example.com/team/stack\n"
        f"theme:\n  name: material\nplugins:\n  - search\n{extra}", encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def configured(config_file: Path, **overrides):
    config = load_config(str(config_file), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    return config


# MkDocs' build passes ---------------------------------------------------------------------------

def test_the_page_passes_are_what_a_build_calls(tmp_path):
    populate, build_page = internals.page_passes()
    assert list(inspect.signature(populate).parameters) == ["page", "config", "files", "dirty"]
    assert list(inspect.signature(build_page).parameters) == [
        "page", "config", "doc_files", "nav", "env", "dirty", "excluded"]
    populated, built, states = [], [], []

    def counting_populate(page, config, files, dirty=False):
        populated.append(page.file.src_uri)
        result = populate(page, config, files, dirty)
        states.append(internals.page_state(page, POPULATED))
        return result

    def counting_build(page, config, doc_files, nav, env, dirty=False, excluded=False):
        built.append(page.file.src_uri)
        return build_page(page, config, doc_files, nav, env, dirty, excluded)

    config = configured(write_project(tmp_path), site_dir=str(tmp_path / "site"))
    internals.set_page_passes(counting_populate, counting_build)
    try:
        build(config)
    finally:
        internals.set_page_passes(populate, build_page)
    assert internals.page_passes() == (populate, build_page)
    assert sorted(populated) == sorted(built) == [f"page-{n}.md" for n in range(3)]
    # what the build worker sends back is what a page holds after populating
    for state in states:
        assert {"markdown", "content", "toc", "meta", "present_anchor_ids",
                "_title_from_render"} <= state.keys()
        assert "<h2" in state["content"] and state["_title_from_render"].startswith("Page")


def test_page_state_moves_a_populated_page(tmp_path):
    config = configured(write_project(tmp_path), site_dir=str(tmp_path / "site"))
    file = File("page-0.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, SimpleNamespace(get_file_from_path=lambda path: None))
    other = Page(None, File("page-0.md", config.docs_dir, config.site_dir, True), config)
    internals.set_page_state(other, internals.page_state(page, POPULATED))
    assert other.content == page.content and other.title == page.title == "Page 0"
    assert other.toc.items[0].title == "Page 0"


def test_file_content_is_what_a_generated_file_holds(tmp_path):
    config = configured(write_project(tmp_path))
    generated = File.generated(config, "x.md", content="# X\n")
    assert internals.file_content(generated) == "# X\n"
    on_disk = File("page-0.md", config.docs_dir, config.site_dir, True)
    assert internals.file_content(on_disk) == on_disk.content_bytes


# The live-reload server ---------------------------------------------------------------------

def test_a_rebuild_requested_is_built_by_the_real_server(tmp_path):
    builds = threading.Semaphore(0)
    server = LiveReloadServer(builder=builds.release, host="127.0.0.1", port=0,
                              root=str(tmp_path), shutdown_delay=0.05)
    assert internals.can_request_rebuild(server)
    serving = threading.Thread(target=server.serve, daemon=True)
    serving.start()
    try:
        assert internals.request_rebuild(server)
        assert builds.acquire(timeout=10), "the server did not build after the request"
        assert internals.request_rebuild(server)
        assert builds.acquire(timeout=10)
    finally:
        server.shutdown()
        serving.join(timeout=10)
    assert not internals.request_rebuild(object())  # no means: nothing done, no error


def test_the_dirty_build_warning_is_recognised(tmp_path):
    config = configured(write_project(tmp_path), site_dir=str(tmp_path / "site"))
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("mkdocs.commands.build")
    logger.addHandler(handler)
    try:
        build(config, dirty=True)
    finally:
        logger.removeHandler(handler)
    assert any(internals.is_dirty_build_warning(record) for record in records), \
        [record.getMessage() for record in records]


# Material's search --------------------------------------------------------------------------

def searched(tmp_path, extra: str = ""):
    config = configured(write_project(tmp_path, extra=extra.replace("\n", "\n    ")
                                      if extra else ""))
    config.plugins.on_config(config)
    return config


def test_the_search_index_and_its_entries(tmp_path):
    config = searched(tmp_path)
    plugin = internals.search_plugin(config)
    index = internals.search_index(config)
    assert plugin is config.plugins["material/search"] and index is plugin.search_index
    page = SimpleNamespace(content="<h1 id='a'>A</h1><p>text</p>", toc=[], url="a/", meta={},
                           title="A")
    index.add_entry_from_context(page)
    entries = internals.index_entries(index)
    assert entries and entries[-1]["location"] == "a/"
    internals.set_index_entries(index, [])
    assert plugin.search_index.entries == []
    plugin.search_index_prev = index
    internals.forget_previous_index(config)
    assert plugin.search_index_prev is None


def test_han_text_kept_as_written(tmp_path):
    config = searched(tmp_path)
    index = internals.search_index(config)
    page = SimpleNamespace(content="<p>行銷自動化平台</p>", toc=[], url="z/", meta={}, title="Z")
    index.add_entry_from_context(page)
    assert "\u200b" in index.entries[-1]["text"]  # Material segments with jieba by default
    internals.index_text_as_written(index)
    index.add_entry_from_context(page)
    assert index.entries[-1]["text"] == "<p>行銷自動化平台</p>"


def test_the_search_parser_and_its_state():
    material = internals.material_search_parser()
    assert material.__module__ == "material.plugins.search.plugin"
    parser = material()
    assert internals.parser_at_top_level(parser) and parser.section is None
    internals.open_section(parser)
    assert parser.section is not None and parser.data == [parser.section]
    parser.handle_data("words")
    parser.close()
    assert parser.data[0].text == ["words"]
    inside = material()
    inside.feed("<div>")
    assert not internals.parser_at_top_level(inside)
    excluded = material()
    excluded.feed("<span data-search-exclude>")
    assert not internals.parser_at_top_level(excluded)
    nested = material()
    nested.feed("<div><h2 id='x'>X</h2>")
    assert nested.section.depth == 2 and not internals.parser_at_top_level(nested)
    nested.feed("</div>")  # closed: the section goes on at the top level
    assert nested.section.depth == 0 and internals.parser_at_top_level(nested)
    pending = material()
    pending.feed("<p")  # an unfinished tag waits in the parser
    assert not internals.parser_at_top_level(pending)


def test_a_search_parser_is_used_and_put_back():
    module = __import__("material.plugins.search.plugin", fromlist=["Parser"])
    original = module.Parser

    class Counting(original):
        fed = 0

        def feed(self, data):
            Counting.fed += 1
            super().feed(data)

    internals.use_search_parser(Counting)
    try:
        index = module.SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[])
        index.add_entry_from_context(SimpleNamespace(content="<p>x</p>", toc=[], url="x/",
                                                     meta={}, title="X"))
        assert Counting.fed == 1 and internals.search_parser_in_use() is Counting
        assert internals.material_search_parser() is original
    finally:
        internals.restore_search_parser()
    assert module.Parser is original


# Material's search worker --------------------------------------------------------------------

def theme_files(config):
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return files


def test_materials_search_worker_is_found_among_the_theme_files(tmp_path):
    files = theme_files(configured(write_project(tmp_path)))
    worker = internals.search_worker(files)
    assert worker is not None and worker.src_uri.startswith("assets/javascripts/workers/search.")
    assert "importScripts" in Path(worker.abs_src_path).read_text(encoding="utf-8")


def test_the_han_query_step_of_materials_worker_is_taken_out(tmp_path):
    worker = internals.search_worker(theme_files(configured(write_project(tmp_path))))
    script = Path(worker.abs_src_path).read_text(encoding="utf-8")
    changed = internals.without_han_query_segmentation(script)
    assert changed is not None, ("Material's search worker no longer cuts a query's Han "
                                 "characters the way HAN_QUERY_SEGMENTATION expects")
    step = internals.HAN_QUERY_SEGMENTATION.search(script)
    query = step["query"]
    assert changed == script.replace(step[0], f"{query}=!0?{query}:{step[0][len(query) + 1:]}")
    assert internals.without_han_query_segmentation(changed) is None  # nothing left to take


def test_a_worker_without_the_han_query_step_is_reported_as_such():
    assert internals.without_han_query_segmentation("search(e){return this.index.search(e)}") \
        is None


# Material's templates and theme -------------------------------------------------------------

def test_materials_languages_are_the_ones_mops_knows():
    languages = internals.material_languages()
    assert {"en", "ja", "ko", "zh-Hant", "id"} <= set(languages)
    assert languages == SITE_LANGUAGES, (
        "Material's interface languages changed: update SITE_LANGUAGES in "
        f"generator/languages.py (added {sorted(set(languages) - set(SITE_LANGUAGES))}, "
        f"removed {sorted(set(SITE_LANGUAGES) - set(languages))})")


def test_materials_source_partial_has_the_attribute_we_drop():
    folder = Path(__import__("material").__file__).parent / "templates" / "partials"
    source = (folder / "source.html").read_text(encoding="utf-8")
    assert ' data-md-component="source"' in source
    assert (folder / "nav.html").exists()


def test_our_folder_goes_after_the_projects_custom_dir(tmp_path):
    custom = tmp_path / "custom"
    (custom / "partials").mkdir(parents=True)
    config = load_config(str(write_project(tmp_path, extra="")))
    internals.add_theme_folder(config, "/ours")
    assert config.theme.dirs[0] == "/ours"
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  custom_dir: custom\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    internals.add_theme_folder(config, "/ours")
    internals.add_theme_folder(config, "/ours")
    assert config.theme.dirs[:2] == [str(custom), "/ours"]
    assert config.theme.dirs.count("/ours") == 1


def test_the_theme_prefix_reaches_the_themes_own_partial(tmp_path):
    ours = tmp_path / "ours" / "partials"
    ours.mkdir(parents=True)
    (ours / "nav.html").write_text("ours", encoding="utf-8")
    config = load_config(str(write_project(tmp_path)))
    internals.add_theme_folder(config, str(tmp_path / "ours"))
    env = config.theme.get_env()
    internals.with_theme_prefix(env, config.theme.dirs, str(tmp_path / "ours"))
    assert env.get_template("partials/nav.html").render() == "ours"
    theirs = env.get_template("theme/partials/nav.html")
    assert "md-nav" in Path(theirs.filename).read_text(encoding="utf-8")
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("theme/partials/no-such-partial.html")


def test_pages_served_pass_through_the_injector_and_watched_paths_are_listed(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert internals.can_inject_into_pages(server)
        inject = internals.page_injector(server)
        page = inject(b"<html><body><p>x</p></body></html>", 1)
        assert b"<script" in page and b"<p>x</p>" in page  # the live-reload script went in
        internals.set_page_injector(server, lambda content, epoch: inject(content, epoch) + b"!")
        assert internals.page_injector(server)(b"<html><body></body></html>", 1).endswith(b"!")
        server.watch(str(tmp_path))
        assert internals.watched_paths(server) == [str(tmp_path)]
    finally:
        server.server_close()


PRIVATE = ["_populate_page", "_build_page", "._content", "_rebuild_cond", "_want_rebuild",
           "_segment_chinese", "search_index_prev", "_inject_js_into_html", "_watched_paths",
           "__dict__", "material.plugins", "partials/languages", "A 'dirty' build",
           ".search_index", ".entries"]


def test_no_other_module_names_a_private_part():
    generator = Path(internals.__file__).parent.parent
    found = []
    for path in sorted(generator.rglob("*.py")):
        if path.name == "mkdocs_internals.py":
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(generator)}: {name}" for name in PRIVATE if name in text]
    assert found == []
