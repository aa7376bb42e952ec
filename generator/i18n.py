"""Interface labels in the site language, from message catalogs a translator edits.

Catalogs are YAML files in ``generator/locales/<language>.yaml`` mapping dotted keys to
text with ``{name}`` placeholders. English (``en.yaml``) is complete and is the fallback for any
key another language lacks (after related catalogs: ``zh-TW`` reads ``zh-Hant`` first).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from generator.languages import fallback_chain

LOCALES = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=None)
def _catalog(language: str) -> dict[str, str]:
    path = LOCALES / f"{language}.yaml"
    if not path.exists():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    return {str(k): str(v) for k, v in data.items()}


def available_languages() -> list[str]:
    return sorted(p.stem for p in LOCALES.glob("*.yaml"))


class Translator:
    def __init__(self, language: str = DEFAULT_LANGUAGE):
        self.language = language
        self._messages = {}
        for fallback in reversed(fallback_chain(language)):  # zh-TW: en, zh, zh-Hant, zh-TW
            self._messages.update(_catalog(fallback))

    def __call__(self, key: str, **values) -> str:
        text = self._messages.get(key)
        if text is None:
            raise KeyError(f"no message '{key}' in generator/locales/en.yaml")
        return text.format(**values) if values else text

    def text(self, value) -> str:
        """An entity's text field (a string, or ``{language: text}``) in this language."""
        if value is None or isinstance(value, str):
            return value or ""
        for language in fallback_chain(self.language):
            if language in value:
                return value[language]
        return next(iter(value.values()), "")
