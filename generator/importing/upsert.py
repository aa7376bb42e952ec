"""Rows matched to the catalog, merged, and written (or, in a dry run, only described).

A row updates the existing entity it names, by id, by name, or (tools) by a close name from
the same vendor; otherwise it creates one. An update changes only the fields the row has and
keeps every other field of the file. Rows that name the same entity twice (a tool with two
contracts) are merged: a second cost becomes a second cost line, and a value that differs
from the first row's is kept as a custom field ``<field> (row N)``, never dropped.

A row for an entity whose file has errors (it cannot be read, fails validation, or has a
name that is not an id) is matched to that file by id, file name, name or close name + vendor
and skipped, naming the file: it never becomes a second entity. An updated file is changed in
place (``yaml_edit``): only the lines of the changed values change.

Each row ends ``created``, ``updated`` (with the fields that changed, old -> new),
``unchanged``, ``merged`` into an earlier row, or ``skipped`` with the reason.
"""

from __future__ import annotations

import copy
import difflib
import re
import typing
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from generator.importing.rows import (UNCATEGORISED, UNSORTED_LAYER, UNSORTED_LAYER_NAME,
                                      Resolver, RowResult, name_key, salvage, slug)
from generator.importing.yaml_edit import BOM, EditError, dump, edit
from generator.load.files import ENTITY_FOLDERS, LIST_FILES, discover
from generator.model.catalog import ENTITY_MODELS
from generator.model.json_schema import schema_line
from generator.model.schema import is_id, reserved_id_message

CREATED, UPDATED, UNCHANGED, MERGED, SKIPPED, EMPTY = (
    "created", "updated", "unchanged", "merged", "skipped", "empty")
EMPTY_ROW = "the row is empty"
CLOSE_NAME = 0.85


@dataclass
class Change:
    field: str
    before: object
    after: object


@dataclass
class Outcome:
    number: int
    status: str
    entity_id: str | None = None
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ambiguous_dates: bool = False


@dataclass
class Plan:
    """What an import does: per row, and the files it writes."""

    outcomes: list[Outcome] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    """Relative path -> new text, for every file created or changed."""
    created_people: list[str] = field(default_factory=list)
    created_categories: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- matching


class Matcher:
    def __init__(self, kind: str, catalog, root: Path):
        self.kind = kind
        self.entities = catalog.entities[kind]
        self.known = catalog.known[kind]
        self.by_name: dict[str, str] = {}
        self.by_vendor: dict[str, list[tuple[str, str]]] = {}
        """Vendor -> ``(name key, id)`` of its tools: close names are only looked for among
        the same vendor's tools, so matching stays fast on large catalogs."""
        for entity_id, entity in self.entities.items():
            for text in _names(entity.name):
                self.by_name.setdefault(name_key(text), entity_id)
                if kind == "tool":
                    self.by_vendor.setdefault(name_key(entity.vendor), []).append(
                        (name_key(text), entity_id))
        self.broken = _files_with_errors(kind, catalog, root)
        """Id (the file's name) -> ``(relative path, the data it has or None)`` of the files
        of this kind that failed to load or validate."""

    def match(self, data: dict, id_given: str | None) -> tuple[str | None, str]:
        """``(existing id, how)`` or ``(None, "")``."""
        if id_given and id_given in self.known:
            return id_given, "id"
        if id_given:
            return None, ""
        names = _names(data.get("name") or "")
        for text in names:
            if name_key(text) in self.by_name:
                return self.by_name[name_key(text)], "name"
        if self.kind == "tool" and data.get("vendor"):
            same_vendor = self.by_vendor.get(name_key(data["vendor"]), [])
            for text in names:
                for other_name, other_id in same_vendor:
                    if difflib.SequenceMatcher(None, name_key(text), other_name).ratio() \
                            >= CLOSE_NAME:
                        other = self.entities[other_id]
                        return other_id, f"close name '{_first(other.name)}' and same vendor"
        return None, ""


    def file_with_errors(self, data: dict, id_given: str | None) -> tuple[str, str] | None:
        """``(id, relative path)`` of a file with errors that holds the row's entity: by id,
        by file name, by name, or (tools) by close name and the same vendor."""
        if id_given:
            return (id_given, self.broken[id_given][0]) if id_given in self.broken else None
        keys = [name_key(text) for text in _names(data.get("name") or "")]
        slugs = [slug(text) for text in _names(data.get("name") or "")]
        vendor = name_key(str(data.get("vendor") or ""))
        for stem, (relative, raw) in self.broken.items():
            names = [name_key(text) for text in _names(raw.get("name"))] if raw else []
            if stem in slugs or name_key(stem) in keys or any(k in names for k in keys):
                return stem, relative
            if self.kind == "tool" and raw and vendor and name_key(str(raw.get("vendor"))) \
                    == vendor and any(difflib.SequenceMatcher(None, k, n).ratio() >= CLOSE_NAME
                                      for k in keys for n in names):
                return stem, relative
        return None


def _files_with_errors(kind: str, catalog, root: Path) -> dict[str, tuple[str, dict | None]]:
    stems = catalog.known[kind] - set(catalog.entities[kind])
    if not stems:
        return {}
    found = {}
    for found_kind, relative in discover(root)[0]:
        stem = Path(relative).stem
        if found_kind == kind and stem in stems and stem not in found:
            try:
                raw = _load((root / relative).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                raw = None
            found[stem] = (relative, raw)
    return found


def _names(value) -> list[str]:
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return [value] if isinstance(value, str) and value else []


def _first(value) -> str:
    names = _names(value)
    return names[0] if names else ""


# --------------------------------------------------------------------------- merging


def merge_into(old: dict, new: dict) -> dict:
    """``old`` with the fields of ``new``: objects merged field by field, cost lines matched
    by type, lists and plain values replaced."""
    merged = copy.deepcopy(old)
    for key, value in new.items():
        current = merged.get(key)
        if key == "name" and any(name_key(n) == name_key(v) for n in _names(current)
                                 for v in _names(value)):
            continue  # the same name written another way: the file's spelling stays
        if key == "cost":
            merged[key] = _merge_cost(current, value)
        elif isinstance(value, dict) and isinstance(current, dict):
            merged[key] = merge_into(current, value)
        elif isinstance(value, str) and isinstance(current, dict):  # a text in one language
            if value not in current.values():
                language = "en" if "en" in current else next(iter(current))
                merged[key] = {**current, language: value}
        else:
            merged[key] = value
    return merged


def without_defaults(model, old: dict, merged: dict) -> dict:
    """``merged`` without the values the row added that only repeat the schema's default
    (``type: licence``, ``example: false``, ``term: fixed``) where the file (``old``) leaves
    the field out: writing them changes nothing, so an export imported back is unchanged and
    its files stay as they are. An object the file lacks that holds nothing but defaults is
    left out too; list items are compared with the file's item at the same place (a single
    cost line counts as the first of a list)."""
    result = {}
    for key, value in merged.items():
        field_info = model.model_fields.get(key)
        if key in old or field_info is None:
            result[key] = _nested_without_defaults(field_info, old.get(key), value)
            continue
        if _is_default(field_info, value):
            continue
        sub = _submodel(field_info.annotation)
        if sub is not None and isinstance(value, dict) and not without_defaults(sub, {}, value):
            continue  # an object of defaults only
        result[key] = value
    return result


def _nested_without_defaults(field_info, old, value):
    sub = _submodel(field_info.annotation) if field_info is not None else None
    if sub is None:
        return value
    if isinstance(value, dict) and isinstance(old, dict):
        return without_defaults(sub, old, value)
    if isinstance(value, list):
        olds = old if isinstance(old, list) else [old] if isinstance(old, dict) else []
        return [_item_without_defaults(sub, previous, item)
                if isinstance(item, dict) and isinstance(previous, dict) else item
                for item, previous in zip(value, olds + [None] * len(value))]
    return value


def _item_without_defaults(model, old: dict, item: dict) -> dict:
    """A list item (a cost line) the row replaces: without the defaults it adds, and with
    the defaults the file's item writes out and the row leaves out (``currency: USD``), in
    the file's order."""
    item = without_defaults(model, old, item)
    kept = {key: item[key] if key in item else value for key, value in old.items()
            if key in item or (key in model.model_fields
                               and _is_default(model.model_fields[key], value))}
    return {**kept, **item}


def _submodel(annotation):
    """The model class a field holds (``Cost`` for ``Cost | list[Cost] | None``), or None."""
    if isinstance(annotation, type):
        return annotation if issubclass(annotation, BaseModel) else None
    for argument in typing.get_args(annotation):
        found = _submodel(argument)
        if found is not None:
            return found
    return None


def _is_default(field_info, value) -> bool:
    if field_info.is_required():
        return False
    default = field_info.get_default(call_default_factory=True)
    if isinstance(default, Enum):
        default = default.value
    if isinstance(value, Enum):
        value = value.value
    return type(value) is type(default) and value == default


EXAMPLE_FIGURES = {"cost": (("amount",), "amount"),
                   "licences": (("bought", "active"), "licence counts"),
                   "contract": (("start", "renewal"), "contract dates"),
                   "reviews": (("security", "privacy"), "review dates")}
"""The figures each object's ``example`` flag says are illustrative, and what they are."""


def clear_examples(old: dict, row: dict, merged: dict) -> list[str]:
    """An imported figure that differs from the file's is real: the ``example: true`` the
    file gives its cost line (licences, contract, reviews) is set to false in ``merged``, also
    when the row repeats it (an export edited in a spreadsheet still says ``true``); a row
    that marks a line ``example`` the file does not is followed. Returns a note for each flag
    cleared."""
    notes = []
    for key, (figures, what) in EXAMPLE_FIGURES.items():
        if key not in row or key not in old or key not in merged:
            continue
        after_lines = _cost_lines(merged[key])
        for number, (before, after) in enumerate(zip(_cost_lines(old[key]), after_lines), 1):
            if not (isinstance(before, dict) and isinstance(after, dict)) or \
                    before.get("example") is not True or after.get("example") is not True:
                continue
            changed = [f for f in figures if f in after and after.get(f) != before.get(f)]
            if changed:
                after["example"] = False
                where = key if len(after_lines) == 1 else f"{key} line {number}"
                notes.append(f"{where}: 'example: true' cleared: the imported {what} "
                             "differ from the file's, so they are real now (the site no longer "
                             "labels them as an example)" if what.endswith("s") else
                             f"{where}: 'example: true' cleared: the imported {what} differs "
                             "from the file's, so it is real now (the site no longer labels it "
                             "as an example)")
    return notes


def _line_type(line: dict) -> str:
    return line.get("type", "licence")


def _merge_cost(old, new):
    if old is None or isinstance(new, list):
        return new
    lines = old if isinstance(old, list) else [old]
    for index, line in enumerate(lines):
        if _line_type(line) == _line_type(new) and line.get("label") == new.get("label",
                                                                                 line.get("label")):
            updated = {**line, **new}
            lines = lines[:index] + [updated] + lines[index + 1:]
            return lines if isinstance(old, list) else updated
    return [*lines, new]


def merge_duplicate(first: dict, later: dict, number: int, first_number: int,
                    notes: list[str]) -> dict:
    """Row ``number`` names the same entity as row ``first_number``: its data merged into the
    first row's without losing a value."""
    merged = copy.deepcopy(first)
    flat_first, flat_later = flatten(first), flatten(later)
    custom = merged.setdefault("custom", {}) if "custom" in first or _has_conflicts(
        flat_first, flat_later) else merged.get("custom")
    if "cost" in later:
        if "cost" not in merged:
            merged["cost"] = later["cost"]
        elif _cost_lines(later["cost"]) != _cost_lines(merged["cost"]):
            lines = _cost_lines(merged["cost"])
            extra = [line for line in _cost_lines(later["cost"]) if line not in lines]
            merged["cost"] = lines + extra
            notes.append(f"its cost is added to row {first_number}'s as another cost line")
    conflicts = []
    for path, value in flat_later.items():
        if path.startswith("cost") or path.startswith("custom."):
            continue
        if path not in flat_first:
            _set(merged, path, value)
        elif path == "name":
            continue  # matched as the same entity: the first row's spelling is kept
        elif flat_first[path] != value:
            conflicts.append(path)
            assert custom is not None
            custom[f"{path} (row {number})"] = _simple(value)
    for key, value in (later.get("custom") or {}).items():
        target = merged.setdefault("custom", {})
        if key not in target:
            target[key] = value
        elif target[key] != value:
            target[f"{key} (row {number})"] = value
            conflicts.append(f"custom field '{key}'")
    if conflicts:
        notes.append(f"differs from row {first_number} in {', '.join(conflicts)}: row "
                     f"{first_number}'s values kept, this row's kept as custom fields "
                     f"'<field> (row {number})'")
    if merged.get("custom") == {}:
        merged.pop("custom")
    return merged


def _has_conflicts(first: dict, later: dict) -> bool:
    return any(p in first and first[p] != v for p, v in later.items()
               if not p.startswith(("cost", "custom.")))


def _cost_lines(cost) -> list:
    return list(cost) if isinstance(cost, list) else [cost]


def _simple(value):
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _set(data: dict, path: str, value) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        data = data.setdefault(key, {})
    data[keys[-1]] = value


def flatten(data: dict, prefix: str = "") -> dict:
    """``{"contract": {"renewal": d}}`` -> ``{"contract.renewal": d}`` (lists and per-language
    texts stay whole values)."""
    flat = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and key not in ("name", "description", "summary", "purpose",
                                                   "definition", "trigger", "cadence"):
            flat.update(flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def changes(before: dict, after: dict) -> list[Change]:
    """The fields that differ, by path (``contract.renewal``); when either side has several
    cost lines, costs are compared line by line (``cost line 2.amount``)."""
    old, new = flatten(_cost_by_line(before, after)), flatten(_cost_by_line(after, before))
    return [Change(path, old.get(path), new.get(path))
            for path in dict.fromkeys([*old, *new]) if old.get(path) != new.get(path)]


def _cost_by_line(data: dict, other: dict) -> dict:
    if not any(isinstance(d.get("cost"), list) for d in (data, other)) or "cost" not in data:
        return data
    lines = {f"cost line {number}": line
             for number, line in enumerate(_cost_lines(data["cost"]), 1)}
    return {**{k: v for k, v in data.items() if k != "cost"}, **lines}


# --------------------------------------------------------------------------- YAML


def file_text(kind: str, relative: str, data: dict, old_text: str | None = None) -> str:
    """A catalog file: the schema line, then ``data``. With ``old_text`` (the file as it is),
    that text with only the values that differ rewritten: comments, key order, quoting and
    blank lines stay (:func:`yaml_edit.edit`); the schema line is added if it has none.
    Raises :class:`EditError` when the change cannot be made that way."""
    if old_text is None:
        return schema_line(kind, relative) + "\n" + dump(data)
    text = edit(old_text, _load(old_text) or {}, data, list(ENTITY_MODELS[kind].model_fields))
    leading = []
    for line in text.removeprefix(BOM).splitlines():
        if not line.startswith("#"):
            break
        leading.append(line)
    if any("$schema=" in line for line in leading):
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    return (BOM if text.startswith(BOM) else "") + schema_line(kind, relative) + newline \
        + text.removeprefix(BOM)


def ordered(model, data: dict) -> dict:
    """``data`` with its top-level keys in the schema's order (unknown keys last)."""
    order = list(model.model_fields)
    return dict(sorted(data.items(), key=lambda item: order.index(item[0])
                       if item[0] in order else len(order)))


# --------------------------------------------------------------------------- the plan


def plan(kind: str, root: Path, catalog, results: list[RowResult], mapping,
         table_rows, resolver: Resolver | None) -> Plan:
    model = ENTITY_MODELS[kind]
    folder = ENTITY_FOLDERS[kind]
    matcher = Matcher(kind, catalog, root)
    outcome_of: dict[int, Outcome] = {}
    rows_by_number = {r.number: r for r in table_rows}
    groups: dict[str, list[RowResult]] = {}
    new_names: dict[str, str] = {}
    how_matched: dict[str, str] = {}
    result_plan = Plan()
    for result in results:
        outcome = Outcome(result.number, SKIPPED, reason=result.reason, notes=result.notes,
                          ambiguous_dates=result.ambiguous_dates)
        outcome_of[result.number] = outcome
        result_plan.outcomes.append(outcome)
        if result.reason == EMPTY_ROW:
            outcome.status, outcome.reason = EMPTY, ""
        if result.data is None:
            continue
        target, how = matcher.match(result.data, result.id_given)
        broken = (matcher.file_with_errors(result.data, result.id_given)
                  if target not in catalog.entities[kind] else None)
        if broken:
            outcome.entity_id = broken[0]
            outcome.reason = (f"{broken[1]} has errors: fix it (`mops validate` lists them), "
                              "then import again")
            continue
        if target is None and not result.id_given:
            target = _earlier_row(result.data, groups, new_names)
        if target is None:
            target = result.id_given or _new_id(result.data, catalog.known[kind], groups,
                                                kind)
            if not target:
                outcome.reason = "no id, and no name to make one from"
                continue
            if not is_id(target):
                outcome.reason = (reserved_id_message(target) if target.lower() in (
                    "con", "prn", "aux", "nul") or re.fullmatch(r"(com|lpt)\d", target)
                    else f"'{target}' is not a valid id (lowercase letters, digits and "
                    "hyphens, at most 63 characters)")
                continue
        outcome.entity_id = target
        if target not in groups:
            for text in _names(result.data.get("name") or ""):
                new_names.setdefault(name_key(text), target)
        groups.setdefault(target, []).append(result)
        how_matched.setdefault(target, how)
    for target, group in groups.items():
        first = group[0]
        data: dict = first.data or {}
        primary = outcome_of[first.number]
        for later in group[1:]:
            outcome = outcome_of[later.number]
            assert later.data is not None  # grouped rows all have data
            if later.data == data or later.data == first.data:
                outcome.status = MERGED
                outcome.reason = f"repeats row {first.number}: merged into it"
                continue
            data = merge_duplicate(data, later.data, later.number, first.number, outcome.notes)
            outcome.status = MERGED
            outcome.reason = f"names the same {kind} as row {first.number}: merged into it"
        exists = target in catalog.entities[kind] or target in catalog.known[kind]
        relative = (catalog.file_of(kind, target) if (kind, target) in catalog.sources
                    else f"{folder}/{target}.yaml")
        old_text = (root / relative).read_text(encoding="utf-8") if exists and (
            root / relative).is_file() else None
        old = _load(old_text) if old_text is not None else {}
        if exists and old is None:
            primary.status, primary.reason = SKIPPED, (f"{relative} exists but cannot be read "
                                                       "as a mapping; fix it first")
            continue
        if not exists and kind == "tool":
            data = {**first.defaults, **data}
            if not data.get("vendor"):
                data["vendor"] = "unknown"
                primary.notes.append("no vendor: written as 'unknown'; fill it in")
            if data.get("category") == UNCATEGORISED and resolver is not None:
                resolver.uncategorised(first.number, primary.notes)
        if exists and how_matched.get(target) != "id":
            data = {k: v for k, v in data.items() if k != "name"}  # found by its name: kept
        merged = (without_defaults(model, old or {}, merge_into(old or {}, data)) if exists
                  else ordered(model, data))
        if exists:
            primary.notes.extend(clear_examples(old or {}, data, merged))
        try:
            model.model_validate(merged)
        except ValidationError as error:
            row = rows_by_number[first.number]
            fixed = copy.deepcopy(merged)
            salvaged = salvage(kind, fixed, error, mapping, row, first)
            previous = old or {}
            for key in previous:  # a field the file has stays as it was, never dropped
                if key not in fixed:
                    fixed[key] = previous[key]
            if not salvaged or _invalid(model, fixed):
                primary.status, primary.reason = SKIPPED, _reason(error)
                for later in group[1:]:
                    outcome_of[later.number].status = SKIPPED
                    outcome_of[later.number].reason = (f"names the same {kind} as row "
                                                       f"{first.number}, which was skipped")
                continue
            merged = fixed
            primary.notes = first.notes
        if exists:
            primary.changes = changes(old or {}, merged)
            primary.status = UPDATED if primary.changes else UNCHANGED
            if how_matched.get(target) and how_matched[target] not in ("id", "name"):
                primary.notes.append(f"matched '{target}' by {how_matched[target]}")
            if primary.changes:
                try:
                    result_plan.files[relative] = file_text(kind, relative, merged, old_text)
                except EditError as error:
                    primary.status = SKIPPED
                    primary.reason = (f"{relative} could not be changed without rewriting "
                                      f"more of it ({error}); make these changes by hand")
        else:
            primary.status = CREATED
            result_plan.files[relative] = file_text(kind, relative, merged)
    if resolver is not None:
        _created_people_and_categories(root, catalog, resolver, result_plan)
    return result_plan


def _earlier_row(data: dict, groups: dict[str, list[RowResult]],
                 new_names: dict[str, str]) -> str | None:
    """The new entity an earlier row of the file created under the same name (and vendor,
    where both rows give one)."""
    for text in _names(data.get("name") or ""):
        target = new_names.get(name_key(text))
        if target is None:
            continue
        first = groups[target][0].data or {}
        vendors = {name_key(str(d.get("vendor"))) for d in (first, data) if d.get("vendor")}
        if len(vendors) <= 1:
            return target
    return None


def _invalid(model, data) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return True
    return False


def _load(text: str):
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _new_id(data: dict, known: set[str], groups: dict, kind: str) -> str:
    base = slug(_first(data.get("name") or ""))
    if not base:
        return ""
    candidate = base
    if (candidate in known or candidate in groups) and kind == "tool" and data.get("vendor"):
        candidate = slug(f"{base}-{data['vendor']}")
    number = 2
    while candidate in known:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _reason(error: ValidationError) -> str:
    reasons = []
    for item in error.errors():
        if item["type"] == "list_type" and len(error.errors()) > 1:
            continue  # the other branch of a one-or-many field says what is wrong
        location = ".".join(str(p) for p in item["loc"] if isinstance(p, str)
                            and not p[:1].isupper() and "[" not in p)
        if item["type"] == "missing":
            reasons.append(f"no value for '{location}'")
        else:
            reasons.append(f"'{location}': {item['msg'].lower()} (got {item['input']!r})")
    return "; ".join(dict.fromkeys(reasons))


def _created_people_and_categories(root: Path, catalog, resolver: Resolver, result: Plan):
    used_people = set()
    used_categories = set()
    for text in list(result.files.values()):
        data = _load(text.split("\n", 1)[1]) or {}
        used_people |= {data.get("owner"), data.get("technical_owner")}
        used_categories |= {data.get("category"), *(data.get("categories") or [])}
    for person in resolver.new_people.values():
        if person.id not in used_people:
            continue
        relative = f"{ENTITY_FOLDERS['person']}/{person.id}.yaml"
        if (root / relative).exists():
            continue
        result.files[relative] = file_text("person", relative, person.data)
        result.created_people.append(person.id)
    new = [c for c in resolver.new_categories.values() if c.id in used_categories]
    if new:
        relative = LIST_FILES["categories"]
        path = root / relative
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        result.files[relative] = add_categories(old, new, resolver.unsorted_layer_exists)
        result.created_categories = [c.id for c in new]


def add_categories(text: str | None, new: list, layer_exists: bool) -> str:
    """``catalog/categories.yaml`` with ``new`` categories added to the ``unsorted`` layer
    (created if need be), the rest of the file as it was (comments kept)."""
    layer = [{"id": UNSORTED_LAYER, "name": UNSORTED_LAYER_NAME,
              "description": "Categories created by `mops import`; move each tool to a "
                             "category of its layer, or move the category to a layer."}]
    categories = [{"id": c.id, "name": c.name, "layer": UNSORTED_LAYER} for c in new]
    if text is None:
        return (schema_line("categories", LIST_FILES["categories"]) + "\n"
                + dump({"layers": layer, "categories": categories}))
    if not layer_exists:
        text = _append_items(text, "layers", layer)
    return _append_items(text, "categories", categories)


def _append_items(text: str, key: str, items: list[dict]) -> str:
    """Add ``items`` at the end of the block list under the top-level ``key:``."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(rf"{key}\s*:\s*(#.*)?$", line)),
                 None)
    if start is None:
        data = _load(text) or {}
        if key in data:  # written in flow style ([...]): the list gets the items, in flow style
            return edit(text, data, {**data, key: [*(data[key] or []), *items]})
        return text.rstrip("\n") + "\n" + dump({key: items})
    end = start + 1
    last_item = start
    indent = "  "
    while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "-", "#")):
        if lines[end].lstrip().startswith("- "):
            indent = lines[end][: len(lines[end]) - len(lines[end].lstrip())]
        if lines[end].strip() and not lines[end].lstrip().startswith("#"):
            last_item = end
        end += 1
    block = dump(items).splitlines()
    base = block[0][: len(block[0]) - len(block[0].lstrip())]
    added = [indent + line[len(base):] if line.startswith(base) else line for line in block]
    return "\n".join(lines[: last_item + 1] + added + lines[last_item + 1:]) + "\n"
