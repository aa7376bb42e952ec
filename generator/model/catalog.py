"""The catalog: every entity, validated against the schema, with where it came from.

``load_catalog(root)`` is the one entry point every consumer uses (the CLI, the site plugin,
the exporters). It reads and parses the files (``generator.load``), validates each against its
schema class and returns the entities plus the problems found so far. Cross-entity rules run
later, in ``generator.checks``.
"""

from __future__ import annotations

import contextlib
import gc
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.load import codes as load_codes
from generator.load.files import discover
from generator.load.parse import ParseCache, parse_files
from generator.load.yaml_source import ParsedYaml
from generator.model import codes, schema
from generator.model.schema_errors import schema_problems
from generator.problem import Problem, sort_problems

ID_RE = re.compile(schema.ID_PATTERN)

ENTITY_MODELS: dict[str, type[BaseModel]] = {
    "tool": schema.Tool,
    "role": schema.Role,
    "person": schema.Person,
    "team": schema.Team,
    "playbook": schema.Playbook,
    "kpi": schema.Kpi,
}
# list files: file kind -> (schema class, [(list field, entity kind)])
LIST_MODELS: dict[str, tuple[type[BaseModel], list[tuple[str, str]]]] = {
    "categories": (schema.Taxonomy, [("layers", "layer"), ("categories", "category")]),
    "tasks": (schema.TaskList, [("tasks", "task")]),
    "acknowledgements": (schema.AcknowledgementList, []),
}
KINDS = ("layer", "category", "task", "kpi", "role", "person", "team", "tool", "playbook")
PLURAL = {"layer": "layers", "category": "categories", "task": "tasks", "kpi": "kpis",
          "role": "roles", "person": "people", "team": "teams", "tool": "tools",
          "playbook": "playbooks"}
MODEL_OF_KIND: dict[str, type[BaseModel]] = {
    **ENTITY_MODELS, "layer": schema.Layer, "category": schema.Category, "task": schema.Task}


@dataclass
class Source:
    """Where an entity is defined: its file, and its path inside the file (for list files)."""

    file: str
    base: tuple
    parsed: ParsedYaml

    def locate(self, path: tuple = (), key: bool = False) -> tuple[str, int, int]:
        line, column = self.parsed.locate(self.base + tuple(path), key=key)
        return self.file, line, column


@dataclass
class Catalog:
    root: Path
    entities: dict[str, dict[str, BaseModel]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS})
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    known: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    """Ids that exist, including entities that failed validation (so references to them are
    not reported a second time)."""
    partial: dict[tuple[str, str], tuple[BaseModel, Source]] = field(default_factory=dict)
    """Entities whose file has schema errors: the fields that are valid (the others left
    out), so reference and date rules can check them in the same run. Never rendered."""
    documents: dict[str, tuple[BaseModel, Source]] = field(default_factory=dict)
    """List files that hold no entities (``acknowledgements``): the validated document and
    where it is."""

    # shortcuts: catalog.tools is catalog.entities["tool"], and so on
    layers = property(lambda self: self.entities["layer"])
    categories = property(lambda self: self.entities["category"])
    tasks = property(lambda self: self.entities["task"])
    kpis = property(lambda self: self.entities["kpi"])
    roles = property(lambda self: self.entities["role"])
    teams = property(lambda self: self.entities["team"])
    tools = property(lambda self: self.entities["tool"])
    playbooks = property(lambda self: self.entities["playbook"])
    people = property(lambda self: self.entities["person"])

    @property
    def acknowledgements(self) -> list:
        """The entries of ``catalog/acknowledgements.yaml`` (empty without the file)."""
        document = self.documents.get("acknowledgements")
        return list(document[0].acknowledgements) if document else []

    def kind_of(self, kinds, entity_id: str) -> str | None:
        """Which of ``kinds`` (e.g. role or person) has an entity ``entity_id``; None if none."""
        for kind in (kinds,) if isinstance(kinds, str) else kinds:
            if entity_id in self.known[kind]:
                return kind
        return None

    def checkable(self, kind: str):
        """``(id, entity)`` of every entity of ``kind`` a rule can check: the valid ones and
        the valid part of those with schema errors (``partial``)."""
        yield from self.entities[kind].items()
        for (partial_kind, entity_id), (entity, _) in self.partial.items():
            if partial_kind == kind:
                yield entity_id, entity

    def locate(self, kind: str, id: str, path: tuple = (), key: bool = False):
        source = self.sources.get((kind, id)) or self.partial[(kind, id)][1]
        return source.locate(path, key)

    def file_of(self, kind: str, id: str) -> str:
        return self.sources[(kind, id)].file


def load_catalog(root: Path | str, workers: int | None = None, cache: ParseCache | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 ) -> tuple[Catalog, list[Problem]]:
    """Read, parse and validate every catalog file under ``root``; with a ``cache``, files
    unchanged since it last saw them are not read and parsed again. ``progress(done, total)``,
    when given, is called after each file."""
    root = Path(root)
    catalog = Catalog(root=root)
    found, problems = discover(root)
    parse = cache.parse_files if cache is not None else parse_files
    with _no_cycle_collection():
        for done, (kind, relative, parsed) in enumerate(parse(root, found, workers), 1):
            if progress is not None:
                progress(done, len(found))
            _add_parsed(catalog, problems, kind, relative, parsed)
    return catalog, sort_problems(problems)


@contextlib.contextmanager
def _no_cycle_collection():
    """Pause Python's cycle collector while loading. Loading creates millions of objects and
    keeps them all, so every collection pass would scan the growing catalog again and find no
    garbage (the data has no reference cycles); pausing it saves about a sixth of the loading
    time at 8,000 tools.
    Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _add_parsed(catalog: Catalog, problems, kind, relative, parsed: ParsedYaml):
    problems.extend(parsed.problems)
    if parsed.data is None:
        if kind in ENTITY_MODELS:
            catalog.known[kind].add(Path(relative).stem)
    elif kind in ENTITY_MODELS:
        _add_entity(catalog, problems, kind, relative, parsed)
    else:
        _add_list_file(catalog, problems, kind, relative, parsed)


def _root_is_mapping(data, parsed, relative, problems) -> bool:
    if isinstance(data, dict):
        return True
    problems.append(codes.WRONG_TYPE.at(
        relative, *parsed.locate(()), "the file must be a mapping of fields (`name: ...` lines), "
        f"not {'a list' if isinstance(data, list) else 'a single value'}"))
    return False


def _new_only(schema_found: list[Problem], parsed: ParsedYaml) -> list[Problem]:
    """Schema problems, less those at a place the parser already reported (one cause, one message)."""
    reported = {(p.line, p.column) for p in parsed.problems}
    return [p for p in schema_found if (p.line, p.column) not in reported]


def _add_entity(catalog: Catalog, problems, kind, relative, parsed: ParsedYaml):
    stem = Path(relative).stem
    valid_id = schema.is_id(stem)
    if stem in schema.WINDOWS_RESERVED_IDS:
        problems.append(load_codes.BAD_FILE_NAME.at(
            relative, 1, 1, f"{schema.reserved_id_message(stem)}; rename the file"))
    elif not valid_id:
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:63]
        problems.append(load_codes.BAD_FILE_NAME.at(
            relative, 1, 1, f"'{stem}' is not a valid id (lowercase letters, digits and hyphens, "
            f"at most 63 characters); rename the file to '{suggestion or 'an-id'}.yaml'"))
    catalog.known[kind].add(stem)
    if not _root_is_mapping(parsed.data, parsed, relative, problems):
        return
    model = ENTITY_MODELS[kind]
    try:
        entity = model.model_validate(parsed.data)
    except ValidationError as error:
        problems.extend(_new_only(schema_problems(error, model, parsed.data, parsed, relative),
                                  parsed))
        if valid_id and (kind, stem) not in catalog.partial and stem not in catalog.entities[kind]:
            catalog.partial[(kind, stem)] = (_valid_part(model, parsed.data, error),
                                             Source(relative, (), parsed))
        return
    if not valid_id:
        return
    if stem in catalog.entities[kind]:
        other = catalog.sources[(kind, stem)].file
        problems.append(codes.INVALID_VALUE.at(
            relative, 1, 1, f"another {kind} already has the id '{stem}' ({other}); rename one"))
        return
    catalog.entities[kind][stem] = entity
    catalog.sources[(kind, stem)] = Source(relative, (), parsed)


def _valid_part(model: type[BaseModel], data: dict, error: ValidationError) -> BaseModel:
    """An unvalidated ``model`` holding the fields of ``data`` that have no error, each
    validated on its own; a list or object with an error inside keeps its valid part (see
    ``_partial_value``), so the rules still check it. Missing required fields are absent."""
    wrong = {item["loc"][0] for item in error.errors() if item["loc"]}
    entity = model.model_construct()
    valid, kept = [], {}
    for name, value in data.items():
        if name not in model.model_fields:
            continue
        if name in wrong:
            part = _partial_value(model.model_fields[name].annotation, value, item=False)
            if part is not None:
                kept[name] = part
            continue
        try:
            model.__pydantic_validator__.validate_assignment(entity, name, value)
            valid.append(name)
        except ValidationError:
            continue
    if not kept:
        return entity
    return model.model_construct(**{name: getattr(entity, name) for name in valid}, **kept)


def _partial_value(annotation, value, item: bool = True):
    """The valid part of a value with an error inside: a list keeps every item in its place
    (an item with errors as its valid part, None when nothing of it is valid), an object its
    valid fields; None for anything else. A field's own value (``item`` False) is never kept
    whole: its constraints are in its ``FieldInfo``, not in ``annotation``."""
    for member in _members(annotation):
        bare = _bare(member)
        if typing.get_origin(bare) is list and isinstance(value, list):
            (item_type,) = typing.get_args(bare)
            return [_partial_value(item_type, item) for item in value]
        if isinstance(bare, type) and issubclass(bare, BaseModel) and isinstance(value, dict):
            try:
                return bare.model_validate(value)
            except ValidationError as error:
                return _valid_part(bare, value, error)
    for member in _members(annotation) if item else ():
        try:
            return TypeAdapter(member).validate_python(value)
        except (ValidationError, TypeError):
            continue
    return None


def _bare(annotation):
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _members(annotation) -> list:
    """The types a field's annotation allows (each with its constraints), without ``None``."""
    if typing.get_origin(_bare(annotation)) in (typing.Union, types.UnionType):
        return [m for member in typing.get_args(_bare(annotation)) for m in _members(member)]
    return [] if annotation is type(None) else [annotation]


def _add_list_file(catalog: Catalog, problems, file_kind, relative, parsed: ParsedYaml):
    model, lists = LIST_MODELS[file_kind]
    data = parsed.data
    if not _root_is_mapping(data, parsed, relative, problems):
        return
    try:
        document = model.model_validate(data)
    except ValidationError as error:
        problems.extend(_new_only(schema_problems(error, model, data, parsed, relative), parsed))
        for field_name, kind in lists:  # keep the ids that exist, so references resolve
            for item in data.get(field_name) or []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    catalog.known[kind].add(item["id"])
        return
    if not lists:
        catalog.documents[file_kind] = (document, Source(relative, (), parsed))
    for field_name, kind in lists:
        for index, item in enumerate(getattr(document, field_name)):
            catalog.known[kind].add(item.id)
            if item.id in catalog.entities[kind]:
                line, col = parsed.locate((field_name, index, "id"))
                first = catalog.sources[(kind, item.id)].locate(("id",))
                problems.append(codes.INVALID_VALUE.at(
                    relative, line, col, f"the {kind} id '{item.id}' is used twice (first at line "
                    f"{first[1]}); give each {kind} its own id"))
                continue
            catalog.entities[kind][item.id] = item
            catalog.sources[(kind, item.id)] = Source(relative, (field_name, index), parsed)
