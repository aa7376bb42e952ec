"""Site languages come from Material; mistyped codes get a suggestion; Babel locales resolve."""

from __future__ import annotations

import pytest

from generator.languages import (
    babel_locale,
    fallback_chain,
    site_language_problem,
    site_languages,
    suggest_language,
)


def test_site_languages_are_materials_theme_languages():
    languages = site_languages()
    for code in ("en", "ko", "ja", "zh-Hant", "id"):
        assert code in languages
    assert "jp" not in languages and "kr" not in languages


@pytest.mark.parametrize(("typed", "meant"), [
    ("jp", "ja"), ("kr", "ko"), ("cn", "zh"), ("in", "id"), ("zh-hant", "zh-Hant"),
    ("zh_Hant", "zh-Hant"), ("KO", "ko"), ("pt-br", "pt-BR"),
])
def test_suggest_language_for_common_mistakes(typed, meant):
    assert suggest_language(typed) == meant


def test_suggest_language_gives_up_on_nonsense():
    assert suggest_language("qqq") is None


@pytest.mark.parametrize(("language", "babel_name"), [
    ("en", "en"), ("ko", "ko"), ("ja", "ja"), ("zh-Hant", "zh_Hant"), ("zh-TW", "zh_Hant_TW"),
    ("id", "id"), ("pt-BR", "pt_BR"),
])
def test_babel_locale_maps_site_language(language, babel_name):
    assert str(babel_locale(language)) == babel_name


def test_babel_locale_falls_back_to_english():
    assert str(babel_locale("xx")) == "en"


@pytest.mark.parametrize(("language", "chain"), [
    ("zh-TW", ("zh-TW", "zh-Hant", "zh", "en")),  # Taiwan reads the Traditional catalog
    ("zh-Hant", ("zh-Hant", "zh", "en")),
    ("pt-BR", ("pt-BR", "pt", "en")),
    ("ko", ("ko", "en")),
    ("en", ("en",)),
    ("xx", ("xx", "en")),
])
def test_fallback_chain_ends_in_english(language, chain):
    assert fallback_chain(language) == chain


def test_site_language_problem_explains_and_suggests():
    assert site_language_problem("ko") is None
    assert site_language_problem("kr") == ("theme.language 'kr' in mkdocs.yml is not a language "
                                           "Material for MkDocs has an interface in; did you "
                                           "mean 'ko'?")
    assert "use one of af, ar" in site_language_problem("qqq")
