"""A text given per language uses a language code no site can be built in, or gives no text.

Names, descriptions and other free text may be written per language, as a mapping from
language code to text (``description: {en: ..., ko: ...}``); a site shows the text in its
``theme.language`` and falls back to English. The keys must be the codes Material for MkDocs
uses for ``theme.language`` (``en``, ``ko``, ``ja``, ``zh-Hant``, ``id``, ...): a text under
``jp`` or ``kr`` (country codes) would never appear on any page. An empty mapping gives no
text at all. Use the suggested code, or write the text in at least one language.
"""

from __future__ import annotations

import functools
import typing

from pydantic import BaseModel

from generator.languages import site_languages, suggest_language
from generator.model.schema import Text
from generator.checks.examples import HUBSPOT
from generator.model.paths import field_path
from generator.problem import Code, Example, Severity

CODE = Code(
    "R010", "text-language", Severity.ERROR, "A per-language text uses an unknown language code or is empty.", __doc__,
    failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
description:
  en: Runs our nurture emails.
  jp: ナーチャリングメールを配信します。
"""),),
    passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
description:
  en: Runs our nurture emails.
  ja: ナーチャリングメールを配信します。
"""),),
)

_PER_LANGUAGE = typing.get_args(Text)[1]  # the {language code: text} member of Text

CODES = (CODE,)


def check(catalog, context):
    for kind, entities in catalog.entities.items():
        for entity_id, entity in entities.items():
            for path, texts in _per_language_texts(entity, ()):
                yield from _problems(catalog, kind, entity_id, path, texts)


def _problems(catalog, kind, entity_id, path, texts: dict):
    field = field_path(path)
    if not texts:
        yield CODE.at(*catalog.locate(kind, entity_id, path),
                      f"{field} gives no text; write it in at least one language "
                      f"(for example en: ...) or remove the field")
    for code in texts:
        if code in site_languages():
            continue
        meant = suggest_language(code)
        tip = (f"did you mean '{meant}'?" if meant
               else "use a theme.language code such as en, ko, ja, zh-Hant or id")
        yield CODE.at(*catalog.locate(kind, entity_id, path + (code,), key=True),
                      f"'{code}' in {field} is not a language a site can be built in; {tip}")


def _per_language_texts(model: BaseModel, path: tuple):
    """``(path, mapping)`` for every per-language text in ``model``, nested models included."""
    texts, others = _fields(type(model))
    for name in texts:
        value = getattr(model, name)
        if isinstance(value, dict):
            yield path + (name,), value
    for name in others:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _per_language_texts(value, path + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _per_language_texts(item, path + (name, index))


@functools.lru_cache(maxsize=None)
def _fields(model_class) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The class's text fields, and the other fields that may hold models or lists of them."""
    texts, others = [], []
    for name, info in model_class.model_fields.items():
        if _PER_LANGUAGE in typing.get_args(info.annotation):
            texts.append(name)
        elif _holds_model(info.annotation):
            others.append(name)
    return tuple(texts), tuple(others)


def _holds_model(annotation) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in typing.get_args(annotation))
