"""Korean and Japanese builds in headless Chromium: translated labels, <html lang>, and a search
for a word from a description that finds the right page (Traditional Chinese too).

Browser, server and page fixtures come from conftest.py (skipped without a browser, unless
MOPS_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import json

import pytest

from i18n_site import built_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(serve):
    """``{language: base URL}`` of the Korean, Japanese and Chinese builds, on 127.0.0.1."""
    return {language: serve(built_site(language)) for language in ("ko", "ja", "zh-Hant")}


def search(page, words: str) -> list[str]:
    """Type ``words`` into Material's search box; the result links, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(words)
    box.dispatch_event("keyup")  # Material searches on keyup, which fill() does not send
    page.wait_for_selector(".md-search-result__item > a", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a",
                                     "links => links.map(link => link.href)")


@pytest.mark.parametrize(("language", "labels"), [
    ("ko", ["개요", "공급업체", "도입됨", "해지 통보 마감일"]),
    ("ja", ["概要", "ベンダー", "導入済み", "解約通知の期限"]),
])
def test_tool_page_speaks_the_language(served, page, language, labels):
    page.goto(served[language] + "tools/marketo/")
    assert page.get_attribute("html", "lang") == language
    text = page.inner_text("article")
    for label in labels:
        assert label in text, f"{language}: '{label}' not on the page"
    search_placeholder = {"ko": "검색", "ja": "検索"}[language]  # Material's own interface
    assert page.get_attribute("input.md-search__input", "placeholder") == search_placeholder


@pytest.mark.parametrize(("language", "legend", "heading"), [
    ("ko", "R: 실행 책임", "RACI 매트릭스"),
    ("ja", "R: 実行責任者", "RACI マトリクス"),
])
def test_playbook_page_has_translated_raci(served, page, language, legend, heading):
    page.goto(served[language] + "playbooks/lead-handoff/")
    text = page.inner_text("article")
    assert legend in text and heading in text


@pytest.mark.parametrize(("language", "word", "expected"), [
    ("ko", "스코어링", "tools/marketo/"),
    ("ko", "파이프라인", "tools/salesforce/"),
    ("ko", "방문자", "tools/matomo/"),
    ("ja", "見込み", "tools/marketo/"),  # kanji + kana: found only if jieba leaves it whole
    ("ja", "商談", "tools/salesforce/"),
    ("ja", "計測", "tools/matomo/"),
    ("zh-Hant", "評分", "tools/marketo/"),  # words jieba split out of a sentence at build time
    ("zh-Hant", "銷售管道", "tools/salesforce/"),
])
def test_search_word_from_a_description_finds_its_page(served, page, language, word, expected):
    page.goto(served[language])
    results = search(page, word)
    assert results, f"{language}: no result for '{word}'"
    assert results[0] == served[language] + expected, (language, word, results)


def test_a_kanji_word_is_found_when_the_index_also_holds_its_first_kanji_alone(served, page):
    """Material's worker cut a query's kanji into words of the index, keeping only the first:
    with 見 alone on some page (何を見ているか), 見込み was searched as 見み and nothing came
    up. The Japanese site's worker leaves the query as typed."""
    index = json.loads((built_site("ja") / "search" / "search_index.json")
                       .read_text(encoding="utf-8"))
    index["docs"].append({"location": "kanji/", "title": "見", "text": "<p>見</p>"})
    page.route("**/search/search_index.json", lambda route: route.fulfill(json=index))
    page.goto(served["ja"])
    results = search(page, "見込み")
    assert results and results[0] == served["ja"] + "tools/marketo/", results
