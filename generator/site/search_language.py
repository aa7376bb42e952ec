"""Fit Material's built-in search to the site language.

Material already takes most of it from ``theme.language``: each language's interface file sets
the lunr language, the word separator and the pipeline (Japanese loads lunr.ja with
TinySegmenter and splits on Japanese punctuation; Korean and Indonesian split on spaces and
match word beginnings; Chinese splits on zero-width spaces). Three things are left to us:

- Chinese has no spaces between words. Material inserts them while indexing when ``jieba`` is
  installed (a dependency of this project); without it a Chinese word could never be found.
- Material runs jieba over Han characters whatever the site language, so on a Japanese site it
  would cut kanji words with a Chinese dictionary (見込み -> 見 込 み) and their search would
  fail. Outside Chinese, the index keeps text as written and the browser segments it.
- Material's search worker cuts the Han characters of every query into words found in the
  index, again whatever the language. Its cut keeps only the longest word that starts the run
  and drops the rest: on a Japanese site whose index holds the single kanji 見 (from a sentence
  such as 何を見ているか), a search for 見込み became a search for 見み and found nothing.
  Outside Chinese the site gets the worker without that step: a query keeps its words as
  typed, as the index keeps the text, and lunr (TinySegmenter for Japanese) matches them.

``adapt_search(config, language)`` is called once all plugins have read their configuration;
``with_search_worker_fitted(files, config, language)`` with the build's files.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.site.incremental import GeneratedFile
from generator.site.mkdocs_internals import (
    index_text_as_written,
    search_index,
    search_plugin,
    search_worker,
    without_han_query_segmentation,
)

CHINESE = ("zh", "zh-Hant", "zh-TW")
ZERO_WIDTH_SPACE = "\u200b"


TAGS_BOOST = 1000.0


def weigh_fields(config) -> None:
    """Give page keywords (Material's ``tags`` field: tool names, vendors, capabilities, role
    names) the weight of a title instead of Material's default 1e6.

    At 1e6 a single keyword sharing a prefix with one query word outranks a page whose title
    matches every word ("Content manager" found Hotjar, made by Contentsquare). Called before
    the search plugin reads its configuration; an explicit ``fields: tags:`` in mkdocs.yml wins.
    """
    search = search_plugin(config)
    fields = getattr(getattr(search, "config", None), "fields", None)
    if isinstance(fields, dict):
        fields.setdefault("tags", {"boost": TAGS_BOOST})


def adapt_search(config, language: str) -> None:
    index = search_index(config)
    if index is None:  # no search, or disabled (``enabled: false``)
        return
    if language in CHINESE:
        _check_chinese_segmentation(search_plugin(config).config.separator or "")
    else:
        index_text_as_written(index)


def with_search_worker_fitted(files, config, language: str):
    """The build's ``files`` with Material's search worker replaced, outside Chinese, by one
    whose queries keep their Han characters as typed."""
    worker = search_worker(files)
    if language in CHINESE or worker is None:
        return files
    script = _fitted_worker(worker.abs_src_path)
    if script is None:  # a Material without the step: nothing to take out
        return files
    files.remove(worker)
    files.append(GeneratedFile.generated(config, worker.src_uri, content=script))
    return files


@lru_cache(maxsize=4)
def _fitted_worker(path: str) -> str | None:
    return without_han_query_segmentation(Path(path).read_text(encoding="utf-8"))


def _check_chinese_segmentation(separator: str) -> None:
    try:
        import jieba
    except ImportError:
        raise PluginError("mops: Chinese search needs word segmentation: `pip install jieba` "
                          "(a dependency of mops-catalog)") from None
    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict..." on every build
    if ZERO_WIDTH_SPACE not in separator and "\\u200b" not in separator:
        raise PluginError("mops: the search separator in mkdocs.yml must include \\u200b for a "
                          "Chinese site, e.g. separator: '[\\s\\u200b\\-]+' (or leave it out: "
                          "Material's default for the language has it)")
