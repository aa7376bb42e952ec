"""Find every reference from one entity to another, from the ``Ref`` markers in the schema.

Nothing here lists fields by hand: a field typed ``RoleRef`` (or a list of them, at any depth)
is found by walking the schema annotations next to the validated values.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator

from pydantic import BaseModel

from generator.model.schema import Ref


def references(entity: BaseModel) -> Iterator[tuple[tuple, str, str]]:
    """Yield ``(path, target kind, target id)`` for every reference held by ``entity``."""
    for name, info in type(entity).model_fields.items():
        value = getattr(entity, name)
        marker = next((m for m in info.metadata if isinstance(m, Ref)), None)
        if marker is not None and isinstance(value, str):
            yield (name,), marker.kind, value
        else:
            yield from _walk(info.annotation, value, (name,))


def _walk(annotation, value, path: tuple):
    if value is None:
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        marker = next((m for m in meta if isinstance(m, Ref)), None)
        if marker is not None and isinstance(value, str):
            yield path, marker.kind, value
        else:
            yield from _walk(base, value, path)
    elif origin is list and isinstance(value, list):
        (item_type,) = typing.get_args(annotation)
        for index, item in enumerate(value):
            yield from _walk(item_type, item, path + (index,))
    elif origin is typing.Union or type(annotation).__name__ == "UnionType":
        for member in typing.get_args(annotation):
            if _fits(member, value):
                yield from _walk(member, value, path)
                return
    elif isinstance(value, BaseModel):
        yield from ((path + p, k, v) for p, k, v in references(value))


def _fits(annotation, value) -> bool:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation) or annotation
    return isinstance(origin, type) and isinstance(value, origin)
