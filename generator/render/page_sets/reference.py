"""Reference pages generated from the code: the section's index page, the YAML field reference
(from the schema classes) and the validation rules (every problem code, with the rules'
settings and examples)."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing

from pydantic import BaseModel

from generator.checks import RULE_CODES, all_codes
from generator.load.files import ENTITY_FOLDERS, LIST_FILES
from generator.model import schema
from generator.model.catalog import ENTITY_MODELS, LIST_MODELS

SCALARS = {str: "text", int: "whole number", float: "number", bool: "true / false",
           dt.date: "date (YYYY-MM-DD)"}


def _type_label(annotation, models: list) -> str:
    """A reader's description of a field type; nested schema classes are queued in ``models``."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is schema.Text:
        return "text, or {language: text}"
    if origin is typing.Annotated:
        ref = next((a for a in args[1:] if isinstance(a, schema.Ref)), None)
        return f"id of a {ref.kind}" if ref else _type_label(args[0], models)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        return " or ".join(_type_label(a, models) for a in options)
    if origin is list:
        return f"list of {_type_label(args[0], models)}"
    if origin is dict:
        return f"mapping of {_type_label(args[0], models)} to {_type_label(args[1], models)}"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in models:
            models.append(annotation)
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return SCALARS.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _model_section(model: type[BaseModel], models: list) -> dict:
    fields = []
    for name, info in model.model_fields.items():
        annotation = model.__annotations__.get(name, info.annotation)
        hints = typing.get_type_hints(model, include_extras=True)
        fields.append({
            "name": name,
            "type": _type_label(hints.get(name, annotation), models),
            "required": info.is_required(),
            "default": None if info.is_required() else _default(info.default),
            "description": info.description or "",
        })
    return {"name": model.__name__, "doc": (model.__doc__ or "").strip(), "fields": fields}


def _default(value) -> str | None:
    if value is None or value in ([], {}):
        return None
    return str(getattr(value, "value", value)).lower() if isinstance(value, bool) else \
        str(getattr(value, "value", value))


INDEX = "reference/index.md"
"""The Reference section's own page (``/reference/``): what each reference page is for."""


def reference_index(r) -> dict:
    if not r.wants(INDEX):
        return {}
    return {INDEX: r.page("reference-index.md.j2", INDEX, r.t("nav.reference"))}


def field_reference(r) -> dict:
    """Top-level kinds first (where each file lives), then every nested object they use."""
    path = "reference/fields.md"
    if not r.wants(path):
        return {}
    models: list = []
    kinds = []
    for kind, model in ENTITY_MODELS.items():
        kinds.append({"where": f"{ENTITY_FOLDERS[kind]}/<id>.yaml", "model": model})
    for kind, (model, _) in LIST_MODELS.items():
        kinds.append({"where": LIST_FILES[kind], "model": model})
    for item in kinds:
        if item["model"] not in models:
            models.append(item["model"])
    sections = []
    index = 0
    while index < len(models):  # _type_label appends nested models as it meets them
        sections.append(_model_section(models[index], models))
        index += 1
    where = {item["model"].__name__: item["where"] for item in kinds}
    return {path: r.page("reference-fields.md.j2", path, r.t("nav.fields"), sections=sections,
                         where=where)}


def rule_reference(r) -> dict:
    path = "reference/rules.md"
    if not r.wants(path):
        return {}
    codes = all_codes()
    return {path: r.page("reference-rules.md.j2", path, r.t("nav.rules"), codes=codes,
                         configurable=RULE_CODES)}
