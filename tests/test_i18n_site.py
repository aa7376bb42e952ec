"""The multilingual fixture built in Korean, Japanese and Traditional Chinese: labels, texts,
<html lang> and a search index fitted to the language."""

from __future__ import annotations

import json
from html import unescape

import pytest

from i18n_site import built_site

ZWSP = "\u200b"


@pytest.fixture(scope="module")
def sites():
    return {language: built_site(language) for language in ("ko", "ja", "zh-Hant")}


def page(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def search_index(site) -> dict:
    return json.loads(page(site, "search/search_index.json"))


@pytest.mark.parametrize("language", ["ko", "ja", "zh-Hant"])
def test_html_lang_is_the_site_language(sites, language):
    assert f'<html lang="{language}"' in page(sites[language], "tools/marketo/index.html")


@pytest.mark.parametrize(("language", "labels"), [
    ("ko", ["공급업체", "도입됨", "해지 통보 마감일", "이메일 캠페인을 발송하고"]),
    ("ja", ["ベンダー", "導入済み", "解約通知の期限", "メールキャンペーンを配信し"]),
    ("zh-Hant", ["供應商", "已採用", "解約通知期限", "發送電子郵件活動"]),
])
def test_tool_page_labels_and_description_are_in_the_language(sites, language, labels):
    html = page(sites[language], "tools/marketo/index.html")
    for label in labels:
        assert label in html, f"{language}: '{label}' missing"
    assert "Sends our email campaigns" not in html


@pytest.mark.parametrize(("language", "legend", "purpose"), [
    ("ko", "R: 실행 책임(직접 수행)", "검증된 리드를 하루 안에"),
    ("ja", "R: 実行責任者 (作業を行う)", "有望なリードを一日以内に"),
])
def test_playbook_page_raci_legend_and_purpose_are_in_the_language(sites, language, legend,
                                                                   purpose):
    html = page(sites[language], "playbooks/lead-handoff/index.html")
    assert legend in html and purpose in html


def test_text_missing_in_the_language_falls_back_to_english(sites):
    # The fixture gives the playbook step description in en, ko and ja, but not zh-Hant.
    html = page(sites["zh-Hant"], "playbooks/lead-handoff/index.html")
    assert "Marketing and sales agree which score" in html


def test_japanese_index_keeps_kanji_words_for_the_browser_segmenter(sites):
    index = search_index(sites["ja"])
    assert index["config"]["lang"] == ["ja"]
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "見込み客のスコアリング" in texts
    assert ZWSP not in texts


def test_chinese_index_is_segmented_into_words(sites):
    index = search_index(sites["zh-Hant"])
    assert "u200b" in index["config"]["separator"]
    marketo = next(doc["text"] for doc in index["docs"] if doc["location"] == "tools/marketo/")
    assert f"{ZWSP}電子郵件{ZWSP}" in marketo or f"{ZWSP}郵件{ZWSP}" in marketo


def test_korean_index_holds_the_korean_description(sites):
    index = search_index(sites["ko"])
    marketo = next(doc["text"] for doc in index["docs"] if doc["location"] == "tools/marketo/")
    assert "리드 스코어링 모델" in marketo


@pytest.mark.parametrize(("language", "renewal", "cost"), [
    ("ko", "2026. 12. 31.", "US$36,000"),
    ("ja", "2026/12/31", "$36,000"),
    ("zh-Hant", "2026年12月31日", "US$36,000"),
])
def test_dates_and_money_are_written_the_languages_way(sites, language, renewal, cost):
    text = unescape(page(sites[language], "tools/marketo/index.html"))
    assert renewal in text and cost in text


def test_playbook_cadence_given_per_language(sites):
    assert "毎週" in page(sites["ja"], "playbooks/lead-handoff/index.html")
    assert "매주" in page(sites["ko"], "playbooks/index.html")


def test_korean_date_does_not_turn_the_insights_intro_into_a_list(sites):
    # "2026. 6. 1." at the start of a Markdown paragraph would read as a numbered list.
    html = page(sites["ko"], "insights/index.html")
    intro = html[html.index("<h1"):html.index("<h2")]
    assert "2026. 6. 1." in intro and "<ol>" not in intro
