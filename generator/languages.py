"""The languages a site can be built in, and how to recognise a mistyped language code.

A site's language is Material for MkDocs' ``theme.language``, so the codes Material ships
interface translations for are the codes that matter: a catalog text written under any other
key (``jp`` instead of ``ja``) could never appear on a page. ``SITE_LANGUAGES`` is that list, as
data (``mops validate`` does not read the theme's files); the plugin checks a site's language
against the installed Material's own list, and a contract test
(``tests/test_site_mkdocs_internals.py``) fails when the two part. Dates and numbers are formatted
with Babel, whose locale names are the same codes with ``_`` (``zh-Hant`` -> ``zh_Hant``).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import lru_cache

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel is imported where it is used: `mops validate` starts faster
    from babel import Locale

DEFAULT_LANGUAGE = "en"
SITE_LANGUAGES = (
    "af", "ar", "az", "be", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es",
    "et", "eu", "fa", "fi", "fr", "gl", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja",
    "ka", "kn", "ko", "ku-IQ", "lb", "lt", "lv", "mk", "mn", "ms", "my", "nb", "nl", "nn", "pl",
    "pt", "pt-BR", "ro", "ru", "sa", "sh", "si", "sk", "sl", "sq", "sr", "sv", "ta", "te", "th",
    "tl", "tr", "uk", "ur", "uz", "vi", "zh", "zh-Hant", "zh-TW",
)
"""The ``theme.language`` codes Material for MkDocs 9.x translates its interface into."""

# Country or legacy codes people often write for a language; the value is the language code.
_COMMON_MISTAKES = {
    "jp": "ja", "kr": "ko", "cn": "zh", "tw": "zh-TW", "hk": "zh-Hant", "in": "id",
    "iw": "he", "gr": "el", "dk": "da", "se": "sv", "cz": "cs", "ua": "uk", "vn": "vi",
    "br": "pt-BR", "zh-hk": "zh-Hant", "zh-cn": "zh", "zh-hans": "zh",
}


def site_languages() -> tuple[str, ...]:
    """Every ``theme.language`` code Material for MkDocs translates its interface into."""
    return SITE_LANGUAGES


def suggest_language(code: str, known: Sequence[str] = SITE_LANGUAGES) -> str | None:
    """The site language ``code`` was probably meant to be (``jp`` -> ``ja``), or None."""
    lowered = code.lower().replace("_", "-")
    by_lower = {language.lower(): language for language in known}
    if lowered in by_lower:
        return by_lower[lowered]
    if lowered in _COMMON_MISTAKES:
        return _COMMON_MISTAKES[lowered]
    close = difflib.get_close_matches(lowered, list(by_lower), n=1, cutoff=0.75)
    return by_lower[close[0]] if close else None


def site_language_problem(language: str, known: Sequence[str] = SITE_LANGUAGES) -> str | None:
    """Why ``language`` cannot be a site's ``theme.language`` (None when it can); ``known``:
    the languages the theme has (the installed Material's, in the plugin)."""
    if language in known:
        return None
    meant = suggest_language(language, known)
    tip = f"did you mean '{meant}'?" if meant else f"use one of {', '.join(known)}"
    return (f"theme.language '{language}' in mkdocs.yml is not a language Material for MkDocs "
            f"has an interface in; {tip}")


@lru_cache(maxsize=None)
def fallback_chain(language: str) -> tuple[str, ...]:
    """Where to look for a text in ``language``, best first, ending in English:
    ``zh-TW`` -> ``zh-TW, zh-Hant, zh, en`` (Taiwan writes Traditional Chinese)."""
    if "-" not in language and "_" not in language:  # a bare language names no script
        return tuple(dict.fromkeys([language, DEFAULT_LANGUAGE]))
    from babel import Locale, UnknownLocaleError

    chain = [language]
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = None
    if locale is not None and locale.script:
        chain.append(f"{locale.language}-{locale.script}")
    chain += [language.split("-")[0], DEFAULT_LANGUAGE]
    return tuple(dict.fromkeys(chain))


@lru_cache(maxsize=None)
def babel_locale(language: str) -> Locale:
    """Babel's locale for a site language; English for a language Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)
