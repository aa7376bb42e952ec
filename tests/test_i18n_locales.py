"""Message catalogs: every language has exactly the keys of en.yaml, with the same placeholders."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml

from generator.languages import site_languages
from generator.i18n import Translator

LOCALES = Path(__file__).parent.parent / "generator" / "locales"
TRANSLATIONS = ["ko", "zh-Hant", "ja", "id"]


def messages(language: str) -> dict:
    return yaml.safe_load((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_catalog_has_exactly_the_english_keys(language):
    english, translated = messages("en"), messages(language)
    missing = sorted(set(english) - set(translated))
    extra = sorted(set(translated) - set(english))
    assert not missing, f"{language}.yaml lacks: {missing}"
    assert not extra, f"{language}.yaml has keys en.yaml does not: {extra}"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_catalog_keeps_every_placeholder(language):
    english, translated = messages("en"), messages(language)
    for key, text in translated.items():
        assert isinstance(text, str) and text.strip(), f"{language}: {key} is not text"
        assert placeholders(text) == placeholders(english[key]), (
            f"{language}: {key} has {sorted(placeholders(text))}, "
            f"en.yaml has {sorted(placeholders(english[key]))}")


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_translated_labels_are_used(language):
    t, english = Translator(language), Translator("en")
    for key in ("nav.tools", "raci.legend", "lifecycle.adopted", "archetype.about.maker",
                "tool.contract.cancel_by"):
        assert t(key) != english(key), f"{language}: {key} is still English"
    assert "12" in t("tool.contract.notice_days", days=12)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_material_has_an_interface_in_the_language(language):
    assert language in site_languages()
