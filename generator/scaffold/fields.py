"""What a commented template says about each field, read from the schema classes.

``field_docs(model)`` walks a pydantic class (``generator/model/schema.py``) and returns one
``FieldDoc`` per field: its docstring, whether it is required, what kind of value it takes
(``hint``), an example value for optional fields, and the nested fields of objects such as a
tool's ``cost`` or a playbook's ``steps``. Nothing here lists fields by hand.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from dataclasses import dataclass, field

from pydantic import BaseModel

from generator.load.files import ENTITY_FOLDERS, LIST_FILES
from generator.model.schema import Ref

WHERE = {**{kind: f"{folder}/<id>.yaml" for kind, folder in ENTITY_FOLDERS.items()},
         "layer": LIST_FILES["categories"], "category": LIST_FILES["categories"],
         "task": LIST_FILES["tasks"]}


@dataclass
class FieldDoc:
    name: str
    description: str
    required: bool
    hint: str
    """What kind of value the field takes, e.g. ``the id of a role (catalog/roles/<id>.yaml)``."""
    example: str = ""
    """A YAML value to show for an optional field (required fields are left empty)."""
    children: list[FieldDoc] = field(default_factory=list)
    """The fields of a nested object (``cost``) or of each item of a list of them (``steps``)."""
    is_list: bool = False


def field_docs(model: type[BaseModel]) -> list[FieldDoc]:
    hints = typing.get_type_hints(model, include_extras=True)
    docs = []
    for name, info in model.model_fields.items():
        annotation, required = _optional(hints[name])
        doc = FieldDoc(name, " ".join((info.description or "").split()),
                       info.is_required() and required, "")
        nested, doc.is_list = _nested_model(annotation)
        if nested is not None:
            doc.children = field_docs(nested)
            doc.hint = "a list of objects like this one" if doc.is_list else "an object"
        else:
            doc.hint, example = _describe(annotation)
            doc.example = _default(info.default) or example
        docs.append(doc)
    return docs


def _optional(annotation) -> tuple[object, bool]:
    """``(annotation without None, whether None is not allowed)``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) < len(typing.get_args(annotation)):
            return (members[0] if len(members) == 1 else typing.Union[tuple(members)]), False
    return annotation, True


def _strip(annotation) -> tuple[object, list]:
    metadata = []
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *more = typing.get_args(annotation)
        for item in more:  # a Field(ge=0) holds its constraints in its own metadata
            metadata.extend([item, *getattr(item, "metadata", [])])
    return annotation, metadata


def _nested_model(annotation) -> tuple[type[BaseModel] | None, bool]:
    annotation, _ = _strip(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        # one object or a list of them (a tool's cost lines): the template shows one object
        single = [a for a in typing.get_args(annotation)
                  if isinstance(a, type) and issubclass(a, BaseModel)]
        if single:
            return single[0], False
    if typing.get_origin(annotation) is list:
        item, _ = _strip(typing.get_args(annotation)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item, True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def _describe(annotation) -> tuple[str, str]:
    """``(hint, example YAML value)`` for a field type."""
    annotation, metadata = _strip(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    ref = next((m for m in metadata if isinstance(m, Ref)), None)
    if ref is not None:
        where = ", ".join(WHERE[kind] for kind in ref.kinds)
        return f"the id of a {ref.kind} ({where})", f"{ref.kinds[0]}-id"
    if origin in (typing.Union, types.UnionType):
        plain = [a for a in args if typing.get_origin(_strip(a)[0]) not in (list, dict)]
        if any(typing.get_origin(_strip(a)[0]) is dict for a in args):
            return ("text; for several languages a mapping such as {en: Text, de: Text}",
                    "Text")
        return _describe(plain[0])  # one role id, where a list of them is also read
    if origin is dict:
        return ("a mapping of your own field names to values (text, a number, true or false, "
                "or a date)", '{"cost centre": MKT-200}')
    if origin is list:
        hint, example = _describe(args[0])
        return f"a list: [{example}, ...]; each is {hint}", f"[{example}]"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        values = [m.value for m in annotation]
        return "one of " + ", ".join(values), values[0]
    if annotation is bool:
        return "true or false", "false"
    if annotation in (int, float):
        minimum = next((m.ge for m in metadata if hasattr(m, "ge")), None)
        whole = "a whole number" if annotation is int else "a number"
        return whole + (f", at least {minimum}" if minimum is not None else ""), "0"
    if annotation is dt.date:
        return "a date, YYYY-MM-DD", "2026-01-31"
    described = next((m.description for m in metadata if getattr(m, "description", None)), "")
    described = described[:1].lower() + described[1:].rstrip(".")
    pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
    if "http" in (pattern or ""):
        return described or "a web address", "https://example.com"
    if pattern and pattern.startswith("^[A-Z]{3}"):
        return "a three-letter currency code", "USD"
    if pattern and "@" in pattern:
        return described or "an e-mail address", "name@example.com"
    if pattern and "minute|hour" in pattern:
        return described or "a duration", "2 days"
    if pattern:
        return described or "an id", "an-id"
    return "text", "Text"


def _default(value) -> str:
    if value is None or value in ([], {}) or type(value).__name__ == "PydanticUndefinedType":
        return ""
    value = getattr(value, "value", value)
    return json.dumps(value) if isinstance(value, bool) else str(value)
