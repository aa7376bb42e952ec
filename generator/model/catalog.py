"""The catalog: every entity, validated against the schema, with where it came from.

``load_catalog(root)`` is the one entry point every consumer uses (the CLI, the site plugin,
the exporters). It reads and parses the files (``generator.load``), validates each against its
schema class and returns the entities plus the problems found so far. Cross-entity rules run
later, in ``generator.checks``.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.load import codes as load_codes
from generator.load.files import discover, read_text
from generator.load.yaml_source import ParsedYaml, parse_yaml
from generator.model import codes, schema
from generator.model.schema_errors import schema_problems
from generator.problem import Problem, sort_problems
from generator.progress import Progress

ID_RE = re.compile(schema.ID_PATTERN)

ENTITY_MODELS: dict[str, type[BaseModel]] = {
    "tool": schema.Tool,
    "role": schema.Role,
    "team": schema.Team,
    "playbook": schema.Playbook,
    "kpi": schema.Kpi,
}
# list files: file kind -> (schema class, [(list field, entity kind)])
LIST_MODELS: dict[str, tuple[type[BaseModel], list[tuple[str, str]]]] = {
    "categories": (schema.Taxonomy, [("layers", "layer"), ("categories", "category")]),
    "tasks": (schema.TaskList, [("tasks", "task")]),
}
KINDS = ("layer", "category", "task", "kpi", "role", "team", "tool", "playbook")
PLURAL = {"layer": "layers", "category": "categories", "task": "tasks", "kpi": "kpis",
          "role": "roles", "team": "teams", "tool": "tools", "playbook": "playbooks"}
MODEL_OF_KIND: dict[str, type[BaseModel]] = {
    **ENTITY_MODELS, "layer": schema.Layer, "category": schema.Category, "task": schema.Task}
PARALLEL_THRESHOLD = 600  # files; below it a second process costs more than it saves


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

    # shortcuts: catalog.tools is catalog.entities["tool"], and so on
    layers = property(lambda self: self.entities["layer"])
    categories = property(lambda self: self.entities["category"])
    tasks = property(lambda self: self.entities["task"])
    kpis = property(lambda self: self.entities["kpi"])
    roles = property(lambda self: self.entities["role"])
    teams = property(lambda self: self.entities["team"])
    tools = property(lambda self: self.entities["tool"])
    playbooks = property(lambda self: self.entities["playbook"])

    def locate(self, kind: str, id: str, path: tuple = (), key: bool = False):
        return self.sources[(kind, id)].locate(path, key)

    def file_of(self, kind: str, id: str) -> str:
        return self.sources[(kind, id)].file


def _parse_one(root: Path, kind: str, relative: str):
    source = read_text(root, relative, kind)
    if source.text is None:
        return kind, relative, ParsedYaml(problems=source.problems)
    parsed = parse_yaml(source.text, relative)
    parsed.problems[:0] = source.problems
    return kind, relative, parsed


def _parse_many(root: Path, jobs):
    return [_parse_one(root, kind, relative) for kind, relative in jobs]


def parse_files(root: Path, found: list[tuple[str, str]], workers: int | None = None):
    """Parse every file, yielding ``(kind, relative, parsed)`` in the order of ``found``.

    With enough files, other processes parse the later parts while this one parses (and its
    caller validates) the first part. Their results come back pickled, which costs about a
    fifth of what parsing them here would, so it only pays above ``PARALLEL_THRESHOLD`` files.
    Workers are forked, which is only safe while no other thread runs (``mkdocs serve`` has
    several), so while other threads run every file is parsed in this process.
    """
    if workers is None:
        alone = threading.active_count() == 1
        big = len(found) >= PARALLEL_THRESHOLD
        workers = min(2, os.cpu_count() or 1) if alone and big else 1
    if workers <= 1 or len(found) < workers:
        for kind, relative in found:
            yield _parse_one(root, kind, relative)
        return
    size = -(-len(found) // workers)
    first, *rest = [found[start:start + size] for start in range(0, len(found), size)]
    with ProcessPoolExecutor(max_workers=len(rest)) as pool:
        later = [pool.submit(_parse_many, root, part) for part in rest]
        for kind, relative in first:
            yield _parse_one(root, kind, relative)
        for part in later:
            yield from part.result()


def load_catalog(root: Path | str, workers: int | None = None,
                 cache: ParseCache | None = None) -> tuple[Catalog, list[Problem]]:
    """Read, parse and validate every catalog file under ``root``; with a ``cache``, files
    unchanged since it last saw them are not read and parsed again."""
    root = Path(root)
    catalog = Catalog(root=root)
    found, problems = discover(root)
    parse = cache.parse_files if cache is not None else parse_files
    with _no_cycle_collection(), Progress("reading catalog files", total=len(found)) as progress:
        for kind, relative, parsed in parse(root, found, workers):
            progress.advance()
            _add_parsed(catalog, problems, kind, relative, parsed)
    return catalog, sort_problems(problems)


class ParseCache:
    """Parsed files kept between loads of one catalog (``mops serve`` reloads it after every
    edit), by path and the file's modification time, size and inode: only files that changed
    are read and parsed again. A parsed file is never changed once made, so sharing it between
    catalogs is safe."""

    def __init__(self):
        self._parsed: dict[tuple[str, str], tuple[tuple, ParsedYaml]] = {}

    def parse_files(self, root: Path, found: list[tuple[str, str]], workers: int | None = None):
        """``parse_files`` with the cache: ``(kind, relative, parsed)`` in the order of
        ``found``."""
        stamps = {(kind, relative): _stamp(root / relative) for kind, relative in found}
        stale = [key for key in found
                 if self._parsed.get(key, (None,))[0] != stamps[key] or stamps[key] is None]
        fresh = {(kind, relative): parsed
                 for kind, relative, parsed in parse_files(root, stale, workers)}
        # stamps were taken before reading: a file saved meanwhile is parsed again next time
        self._parsed = {key: (stamps[key], fresh[key] if key in fresh else self._parsed[key][1])
                        for key in found}
        for kind, relative in found:
            yield kind, relative, self._parsed[(kind, relative)][1]


def _stamp(path: Path) -> tuple | None:
    try:
        link, target = os.lstat(path), os.stat(path)
    except OSError:
        return None
    return (link.st_mtime_ns, link.st_ino, target.st_mtime_ns, target.st_size, target.st_ino)


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
