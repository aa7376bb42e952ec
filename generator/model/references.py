"""Find every reference from one entity to another, from the ``Ref`` markers in the schema.

Nothing here lists fields by hand: a field typed ``RoleRef`` (or a list of them, at any depth)
is found by walking the schema annotations next to the validated values. The walk for each
annotation is worked out once (``_walker``) and parts of the schema that hold no reference at
all are skipped, so checking thousands of entities costs little.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator

from pydantic import BaseModel

from generator.model.schema import Ref


def references(entity: BaseModel) -> Iterator[tuple[tuple, tuple[str, ...], str]]:
    """Yield ``(path, target kinds, target id)`` for every reference held by ``entity``; the
    kinds are those the field may name (``("role",)``, or ``("role", "person")`` for an
    owner), and ``Catalog.kind_of`` says which one holds the id."""
    for name, walk in _fields(type(entity)):  # a partial entity may lack a required field
        yield from walk(getattr(entity, name, None), (name,))


@functools.cache
def _fields(model: type[BaseModel]) -> tuple:
    """``(field name, walker)`` for the fields of ``model`` that can hold a reference."""
    found = []
    for name, info in model.model_fields.items():
        marker = next((m for m in info.metadata if isinstance(m, Ref)), None)
        walk = _marked(marker, _walker(info.annotation)) if marker else _walker(info.annotation)
        if walk is not _nothing:
            found.append((name, walk))
    return tuple(found)


def _nothing(value, path):
    return iter(())


def _marked(marker: Ref, inner):
    def walk(value, path):
        if isinstance(value, str):
            yield path, marker.kinds, value
        elif value is not None:
            yield from inner(value, path)
    return walk


@functools.cache
def _walker(annotation):
    """A function ``(value, path) -> references`` for values of type ``annotation``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        marker = next((m for m in meta if isinstance(m, Ref)), None)
        return _marked(marker, _walker(base)) if marker else _walker(base)
    if origin is list:
        (item_type,) = typing.get_args(annotation)
        inner = _walker(item_type)
        if inner is _nothing:
            return _nothing

        def walk_list(value, path):
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield from inner(item, path + (index,))
        return walk_list
    if origin is typing.Union or type(annotation).__name__ == "UnionType":
        members = [(member, _walker(member)) for member in typing.get_args(annotation)]
        if all(inner is _nothing for _, inner in members):
            return _nothing

        def walk_union(value, path):
            for member, inner in members:
                if _fits(member, value):
                    yield from inner(value, path)
                    return
        return walk_union
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not _fields(annotation):
            return _nothing

        def walk_model(value, path):
            if isinstance(value, BaseModel):
                yield from ((path + p, k, v) for p, k, v in references(value))
        return walk_model
    return _nothing


def _fits(annotation, value) -> bool:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation) or annotation
    return isinstance(origin, type) and isinstance(value, origin)
