"""Material's search fitted to the site language: Chinese segmented, Japanese kanji kept whole
(in the index and in the queries of the search worker)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from material.plugins.search.plugin import SearchIndex

from generator.site.incremental import GeneratedFile
from generator.site.mkdocs_internals import HAN_QUERY_SEGMENTATION, search_index, search_worker
from generator.site.search_language import adapt_search, with_search_worker_fitted

ZWSP = "\u200b"


def configured(tmp_path, language: str, search_options: str = ""):
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ntheme:\n  name: material\n  language: {language}\n"
        f"plugins:\n  - search{search_options}\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins.on_config(config)
    return config


def indexed_text(config, html: str) -> str:
    index = config.plugins["material/search"].search_index
    page = SimpleNamespace(content=html, toc=[], url="page/", meta={}, title="Page")
    index.add_entry_from_context(page)
    return index.entries[-1]["text"]


def test_japanese_kanji_words_stay_whole(tmp_path):
    config = configured(tmp_path, "ja")
    adapt_search(config, "ja")
    assert indexed_text(config, "<p>見込み客の育成を管理します</p>") == "<p>見込み客の育成を管理します</p>"


def test_korean_text_is_indexed_as_written(tmp_path):
    config = configured(tmp_path, "ko")
    adapt_search(config, "ko")
    assert indexed_text(config, "<p>이메일 캠페인을 자동화</p>") == "<p>이메일 캠페인을 자동화</p>"


def test_chinese_words_are_separated_by_zero_width_spaces(tmp_path):
    config = configured(tmp_path, "zh-Hant")
    adapt_search(config, "zh-Hant")
    text = indexed_text(config, "<p>行銷自動化平台</p>")
    assert text.replace(ZWSP, "") == "<p>行銷自動化平台</p>"
    assert f"{ZWSP}自動化{ZWSP}" in text


def test_chinese_site_with_a_separator_that_drops_segmentation_is_refused(tmp_path):
    config = configured(tmp_path, "zh-Hant", ":\n      separator: '[\\s\\-]+'")
    with pytest.raises(PluginError, match="must include \\\\u200b"):
        adapt_search(config, "zh-Hant")


def test_disabled_search_is_left_alone(tmp_path):
    config = configured(tmp_path, "zh-Hant", ":\n      enabled: false\n      separator: '[\\s]+'")
    assert search_index(config) is None  # Material made no index
    adapt_search(config, "zh-Hant")  # a separator that would be refused: no search, no check
    segment = SearchIndex._segment_chinese
    japanese = configured(tmp_path, "ja", ":\n      enabled: false")
    adapt_search(japanese, "ja")
    assert SearchIndex._segment_chinese is segment  # Material's class is untouched


def test_search_without_material_is_left_alone(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - search\n",
                                         encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins.on_config(config)
    assert search_index(config) is None
    adapt_search(config, "ja")


def theme_files(config) -> Files:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return files


@pytest.mark.parametrize("language", ["ja", "ko", "en", "id"])
def test_outside_chinese_the_worker_keeps_a_querys_han_characters(tmp_path, language):
    config = configured(tmp_path, language)
    files = theme_files(config)
    original = search_worker(files)
    fitted = search_worker(with_search_worker_fitted(files, config, language))
    assert isinstance(fitted, GeneratedFile) and fitted.src_uri == original.src_uri
    assert len(files) == len(theme_files(config))  # replaced, not added
    script = fitted.content_string
    assert HAN_QUERY_SEGMENTATION.search(script) is None
    assert '=!0?' in script and script.count("sc=Han") == 1  # the step is there, never run


@pytest.mark.parametrize("language", ["zh", "zh-Hant", "zh-TW"])
def test_chinese_keeps_the_workers_han_query_segmentation(tmp_path, language):
    config = configured(tmp_path, language)
    files = theme_files(config)
    worker = search_worker(files)
    assert search_worker(with_search_worker_fitted(files, config, language)) is worker
    assert HAN_QUERY_SEGMENTATION.search(worker.content_string) is not None
