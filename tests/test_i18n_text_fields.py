"""Entity text given per language: validated with clear messages, shown in the site language."""

from __future__ import annotations

import pytest

from generator.checks import validate
from generator.i18n import Translator

MARKETO = "catalog/tools/marketo.yaml"
PLAYBOOK = "playbooks/lead-handoff.yaml"


def problems_after(catalog_dir, path, old, new):
    catalog_dir.edit(path, old, new)
    _, problems = validate(catalog_dir.root)
    return [(p.code, p.line, p.column, p.message) for p in problems]


def test_texts_in_several_languages_are_valid(small_catalog):
    small_catalog.edit(MARKETO, "name: Marketo Engage",
                       "name:\n  en: Marketo Engage\n  ko: 마케토\n  ja: マルケト\n"
                       "  zh-Hant: 馬凱多\n  id: Marketo Engage")
    _, problems = validate(small_catalog.root)
    assert problems == []


@pytest.mark.parametrize(("text", "code", "message"), [
    ("  ko: 42", "S002", "name.ko must be text; got the number 42"),
    ("  ko: [a, b]", "S002", "name.ko must be text; got a list"),
    ("  ko: ''", "S005", "name.ko must not be empty text"),
    ("  ko:", "S002", "name.ko must be text; got nothing"),
    ("  Korean: 마케토", "S006", "'Korean' is not a language code such as en, ko or zh-Hant"),
    ("  zh_Hant: 馬凱多", "S006", "'zh_Hant' is not a language code"),
])
def test_schema_errors_in_a_text_mapping_name_the_language(small_catalog, text, code, message):
    found = problems_after(small_catalog, MARKETO, "name: Marketo Engage",
                           f"name:\n  en: Marketo Engage\n{text}")
    assert len(found) == 1, found
    assert found[0][0] == code and found[0][1] == 3
    assert message in found[0][3]


@pytest.mark.parametrize(("key", "meant"), [("jp", "ja"), ("kr", "ko"), ("zh-hant", "zh-Hant")])
def test_language_code_no_site_uses_is_an_error_with_a_suggestion(small_catalog, key, meant):
    found = problems_after(small_catalog, MARKETO, "name: Marketo Engage",
                           f"name:\n  en: Marketo Engage\n  {key}: マルケト")
    assert found == [("R010", 3, 3, f"'{key}' in name is not a language a site can be built in; "
                                    f"did you mean '{meant}'?")]


def test_unknown_code_without_a_likely_meaning_lists_examples(small_catalog):
    found = problems_after(small_catalog, MARKETO, "name: Marketo Engage",
                           "name:\n  en: Marketo Engage\n  qqq: x")
    assert found[0][0] == "R010"
    assert "such as en, ko, ja, zh-Hant or id" in found[0][3]


def test_empty_text_mapping_is_an_error(small_catalog):
    found = problems_after(small_catalog, MARKETO, "name: Marketo Engage", "name: {}")
    assert found == [("R010", 1, 7, "name gives no text; write it in at least one language "
                                    "(for example en: ...) or remove the field")]


def test_nested_text_mappings_are_checked(small_catalog):
    found = problems_after(small_catalog, PLAYBOOK, "  - name: Agree the MQL definition",
                           "  - name: Agree the MQL definition\n"
                           "    description:\n      en: Agree it\n      jp: 合意する")
    assert [(code, line) for code, line, _, _ in found] == [("R010", 9)]
    assert "'jp' in step 1, description" in found[0][3]


TEXT = {"en": "Email engine", "ko": "이메일 엔진", "zh-Hant": "電子郵件引擎"}


@pytest.mark.parametrize(("language", "expected"), [
    ("ko", "이메일 엔진"),
    ("zh-Hant", "電子郵件引擎"),
    ("ja", "Email engine"),  # no Japanese text: the default language
    ("en", "Email engine"),
])
def test_translator_picks_the_site_language_then_english(language, expected):
    assert Translator(language).text(TEXT) == expected


def test_translator_uses_some_text_when_english_is_missing_too():
    assert Translator("ja").text({"ko": "이메일 엔진"}) == "이메일 엔진"
    assert Translator("ko").text("plain text") == "plain text"


def test_taiwan_site_reads_traditional_chinese_texts_and_labels():
    t = Translator("zh-TW")
    assert t.text(TEXT) == "電子郵件引擎"
    assert t("nav.tools") == Translator("zh-Hant")("nav.tools") != Translator("en")("nav.tools")
