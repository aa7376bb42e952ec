"""Spreadsheet rows for each kind: entities flattened into columns, and rows rebuilt into
entities. The CSV and XLSX exports write these rows and ``mops import`` reads them back, so an
export read by import gives the same YAML data.

How fields become columns (derived from the schema classes, in schema order, after ``id``):

* a nested object becomes dotted columns: ``cost.amount``, ``contract.renewal``;
* a list of values is joined with ``"; "``: ``email-marketing; lead-scoring``, each value
  guarded against formulas as a whole cell is (a spreadsheet may split at ``;``);
* a text field written in several languages goes into one column per language: ``name.en``,
  ``name.ko`` (the plain ``name`` column holds a text written once, for every language);
* integrations are ``tool:direction:data1|data2:via:method:frequency`` (trailing empty parts
  left out), joined with ``"; "``; team members are ``role:headcount``
  (``role:headcount:reports_to`` when the member reports to another member);
* a field that takes one object or a list of them (a tool's ``cost`` lines) gets the dotted
  columns of its first item (``cost.amount``...) and a ``cost.more`` column holding any further
  items as JSON;
* custom fields get a column each: ``custom.<name>``;
* any other list of objects (playbook steps) is written as JSON;
* inside values a backslash escapes the separators ``;``, ``:`` and ``|`` and itself.

Values are Python values (``str``, ``int``, ``float``, ``bool``, ``datetime.date``, or ``None``
for an empty cell); ``cell_text`` turns one into the text a CSV file holds.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from pydantic import BaseModel

from generator.model.catalog import MODEL_OF_KIND

LIST_SEPARATOR = ";"
PART_SEPARATOR = ":"
ITEM_SEPARATOR = "|"
ESCAPED = "\\" + LIST_SEPARATOR + PART_SEPARATOR + ITEM_SEPARATOR

RESTRICTED_FIELDS = {"tool": ("cost", "contract")}
"""Fields a wide-audience build leaves out (``settings.shows_costs`` false)."""


# --------------------------------------------------------------------------- escaping


def escape(value: str) -> str:
    return "".join("\\" + c if c in ESCAPED else c for c in value)


def unescape(text: str) -> str:
    result, chars = [], iter(text)
    for char in chars:
        result.append(next(chars, "\\") if char == "\\" else char)
    return "".join(result)


def split_escaped(text: str, separator: str) -> list[str]:
    """Split on each ``separator`` not escaped by a backslash; the escapes stay in the parts."""
    parts, current, chars = [], [], iter(text)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, "\\"))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def split(text: str, separator: str) -> list[str]:
    """The values in ``text`` (escapes undone, surrounding spaces and empty values dropped)."""
    values = (unescape(part.strip()) for part in split_escaped(text, separator))
    return [value for value in values if value]


# --------------------------------------------------------------------------- field shapes


@dataclass(frozen=True)
class Column:
    """One schema field as it appears in a sheet."""

    path: tuple[str, ...]
    shape: str
    """``value``, ``text`` (may have per-language columns), ``list``, ``integrations``,
    ``members``, ``json``, ``custom`` (a column per key), or ``first`` / ``more`` (the first
    item of a one-or-many field, dotted, and the items after it as JSON)."""
    scalar: type | None = None
    """For a ``value`` or ``first`` column: ``bool``, ``int``, ``float`` or ``datetime.date``
    when the field takes one (its cell is read back as that), else None (text)."""

    @property
    def header(self) -> str:
        return ".".join(self.path)


MODEL_LISTS = {("tool", "integrations"): "integrations", ("team", "members"): "members"}


def _unwrap(annotation):
    """``X | None`` -> ``X``; ``Annotated[X, ...]`` -> ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _is_text(annotation) -> bool:
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return False
    return any(typing.get_origin(_unwrap(a)) is dict for a in typing.get_args(annotation))


def _one_or_many(annotation):
    """The model class of a ``Model | list[Model]`` field, else None."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    models = [_unwrap(a) for a in typing.get_args(annotation) if a is not type(None)]
    single = [m for m in models if isinstance(m, type) and issubclass(m, BaseModel)]
    many = [_unwrap(typing.get_args(m)[0]) for m in models if typing.get_origin(m) is list]
    return single[0] if len(single) == 1 and many == single and len(models) == 2 else None


def _model_columns(kind: str, model: type[BaseModel], prefix: tuple = (),
                   shape: str = "value") -> list[Column]:
    columns = []
    for name, info in model.model_fields.items():
        if not prefix and name == "id":
            continue
        path = prefix + (name,)
        annotation = _unwrap(info.annotation)
        item_model = _one_or_many(annotation)
        if item_model is not None:
            columns.extend(_model_columns(kind, item_model, path, shape="first"))
            columns.append(Column(path + ("more",), "more"))
        elif _is_text(annotation):
            columns.append(Column(path, "text"))
        elif typing.get_origin(annotation) is dict:
            columns.append(Column(path, "custom"))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            columns.extend(_model_columns(kind, annotation, path))
        elif typing.get_origin(annotation) is list:
            item = _unwrap(typing.get_args(annotation)[0])
            if isinstance(item, type) and issubclass(item, BaseModel):
                columns.append(Column(path, MODEL_LISTS.get((kind, name), "json")))
            else:
                columns.append(Column(path, "list" if shape == "value" else shape))
        else:
            columns.append(Column(path, shape, _scalar_type(annotation)))
    return columns


SCALARS = (bool, int, float, dt.date)
"""Field types whose cells are read back typed (``bool`` before ``int``: it is one)."""


def _scalar_type(annotation) -> type | None:
    members = [_unwrap(a) for a in typing.get_args(annotation)] \
        if typing.get_origin(annotation) in (typing.Union, types.UnionType) else [annotation]
    for scalar in SCALARS:
        if any(member is scalar for member in members):
            return scalar
    return None


@lru_cache(maxsize=None)
def columns_of(kind: str, shows_costs: bool = True) -> tuple[Column, ...]:
    """The columns of ``kind``'s sheet, in schema order (``id`` comes first, separately)."""
    hidden = () if shows_costs else RESTRICTED_FIELDS.get(kind, ())
    return tuple(c for c in _model_columns(kind, MODEL_OF_KIND[kind]) if c.path[0] not in hidden)


# --------------------------------------------------------------------------- entity -> row


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _dig(data: dict, path: tuple):
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _encode(column: Column, value):
    if value is None or value == []:
        return None
    if column.shape == "more":
        return json.dumps(value, ensure_ascii=False) if value else None
    if column.shape == "list":
        # each item guarded: a spreadsheet that reads `;` as the separator makes it a cell
        return "; ".join(guard(escape(str(v))) for v in value)
    if column.shape == "first" and isinstance(value, list):
        return "; ".join(escape(str(v)) for v in value)
    if column.shape == "integrations":
        return "; ".join(_integration_text(i) for i in value)
    if column.shape == "members":
        return "; ".join(f"{escape(m['role'])}:{m['headcount']}"
                         + (f":{escape(m['reports_to'])}" if m.get("reports_to") else "")
                         for m in value)
    if column.shape == "json":
        return json.dumps(value, ensure_ascii=False)
    return value


def _integration_text(item: dict) -> str:
    parts = [escape(item["tool"]), item["direction"], "|".join(escape(d) for d in item["data"]),
             escape(item.get("via") or ""), item.get("method") or "", item.get("frequency") or ""]
    while parts[-1] == "" and len(parts) > 3:
        parts.pop()
    return ":".join(parts)


def headers(kind: str, rows: list[dict], shows_costs: bool = True) -> list[str]:
    """``id`` and every column; a text field gets a column per language ``rows`` use."""
    used = {header for row in rows for header in row}
    result = ["id"]
    for column in columns_of(kind, shows_costs):
        prefix = column.header + "."
        if column.shape == "custom":  # only the custom fields the rows have
            result.extend(sorted(h for h in used if h.startswith(prefix)))
            continue
        result.append(column.header)
        if column.shape == "text":
            result.extend(sorted(h for h in used if h.startswith(prefix)))
    return result


def entity_row(kind: str, entity_id: str, entity: BaseModel, shows_costs: bool = True) -> dict:
    """``{header: value}`` for one entity (headers missing from it are empty)."""
    data = _plain(entity.model_dump(mode="python", exclude_defaults=False))
    row: dict = {"id": entity_id}
    for column in columns_of(kind, shows_costs):
        if column.shape in ("first", "more"):
            value = _one_or_many_value(data, column.path)
            row[column.header] = _encode(column, value)
            continue
        value = _dig(data, column.path)
        if column.shape == "custom":
            for key, item in (value or {}).items():
                row[f"{column.header}.{key}"] = item
            continue
        if column.shape == "text" and isinstance(value, dict):
            for language, text in value.items():
                row[f"{column.header}.{language}"] = text
            continue
        if column.shape == "json" and value:
            value = _plain(_dump_items(entity, column.path))
        row[column.header] = _encode(column, value)
    return row


def _one_or_many_value(data: dict, path: tuple):
    """The value for a ``first`` column (from the first item) or a ``more`` column (the items
    after the first, without their defaults) of a one-or-many field."""
    *parents, last = path
    items = _dig(data, tuple(parents[:1]))
    if items is None:
        return None
    items = items if isinstance(items, list) else [items]
    if last == "more" and len(parents) == 1:
        defaults = _item_defaults(parents[0])
        return [{k: v for k, v in item.items() if defaults.get(k, object()) != v}
                for item in items[1:]]
    return _dig(items[0], tuple(parents[1:]) + (last,))


@lru_cache(maxsize=None)
def _item_defaults_cached(field_name: str) -> tuple:
    from generator.model import schema

    model = _one_or_many(_unwrap(schema.Tool.model_fields[field_name].annotation))
    return tuple((name, _plain(info.default)) for name, info in model.model_fields.items()
                 if not info.is_required())


def _item_defaults(field_name: str) -> dict:
    return dict(_item_defaults_cached(field_name))


def _dump_items(entity: BaseModel, path: tuple) -> list:
    """A list of objects without the fields left at their defaults (shorter JSON)."""
    items = entity
    for key in path:
        items = getattr(items, key)
    return [item.model_dump(mode="json", exclude_defaults=True) for item in items]


def rows(kind: str, entities: dict, shows_costs: bool = True) -> tuple[list[str], list[dict]]:
    """``(headers, rows)`` for every entity of ``kind``, in catalog order."""
    records = [entity_row(kind, entity_id, entity, shows_costs)
               for entity_id, entity in entities.items()]
    return headers(kind, records, shows_costs), records


def cell_text(value) -> str:
    """A value as text: dates ISO, booleans ``true``/``false``, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


FORMULA_STARTS = ("=", "+", "-", "@")


def _needs_guard(text: str) -> bool:
    if text.startswith("'"):
        return _needs_guard(text[1:])
    return text.startswith(("\t", "\r")) or text.lstrip().startswith(FORMULA_STARTS)


def guard(text: str) -> str:
    """CSV text a spreadsheet will not run as a formula: a leading ``'`` before ``=``, ``+``,
    ``-``, ``@``, also after spaces or tabs (some spreadsheets skip them), before a tab or
    carriage return, and before a ``'`` that already guards one; ``unguard`` takes it off."""
    return "'" + text if _needs_guard(text) else text


def unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and _needs_guard(text[1:]) else text


# --------------------------------------------------------------------------- row -> data


class CellError(ValueError):
    """A cell that cannot be read; the message names the column."""


def row_data(kind: str, cells: dict[str, str]) -> dict:
    """The YAML data for one row: ``cells`` maps headers (as written by the export) to text.
    Empty cells are left out, so schema defaults apply."""
    data: dict = {}
    more: dict[str, list] = {}
    for column in columns_of(kind):
        value = _decode(column, cells)
        if value is None:
            continue
        if column.shape == "more":
            more[column.path[0]] = value
            continue
        target = data
        for key in column.path[:-1]:
            target = target.setdefault(key, {})
        target[column.path[-1]] = value
    for name, items in more.items():
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise CellError(f"column '{name}.more' must be a JSON list of objects")
        data[name] = ([data[name]] if name in data else []) + items
    return data


def _decode(column: Column, cells: dict[str, str]):
    if column.shape == "text":  # kept exactly: Markdown may end with a line break
        prefix = column.header + "."
        translations = {h[len(prefix):]: v for h, v in cells.items()
                        if h.startswith(prefix) and v.strip()}
        text = cells.get(column.header, "")
        return translations or (text if text.strip() else None)
    if column.shape == "custom":
        prefix = column.header + "."
        found = {h[len(prefix):]: custom_value(v) for h, v in cells.items()
                 if h.startswith(prefix) and h[len(prefix):].strip() and str(v).strip()}
        return found or None
    text = cells.get(column.header, "").strip()
    if not text:
        return None
    if column.shape == "more":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CellError(f"column '{column.header}' is not valid JSON ({error.msg})") from None
    if column.shape == "list":
        return [unguard(item) for item in split(text, LIST_SEPARATOR)]
    if column.shape == "integrations":
        return [_parse_integration(column, item) for item in split_escaped(text, LIST_SEPARATOR)
                if item.strip()]
    if column.shape == "members":
        return [_parse_member(column, item) for item in split_escaped(text, LIST_SEPARATOR)
                if item.strip()]
    if column.shape == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CellError(f"column '{column.header}' is not valid JSON ({error.msg})") from None
    return _typed(column.scalar, text)


def _typed(scalar: type | None, text: str):
    """``text`` as the value the field takes, written as ``cell_text`` writes it; the text
    itself when it is not one (validation then says what is wrong)."""
    try:
        if scalar is bool:
            return {"true": True, "false": False}[text.lower()]
        if scalar is int:
            return int(text)
        if scalar is float:
            number = float(text)
            return int(number) if number.is_integer() else number
        if scalar is dt.date:
            return dt.date.fromisoformat(text)
    except (KeyError, ValueError):
        pass
    return text


def _parse_integration(column: Column, item: str) -> dict:
    parts = split_escaped(item, PART_SEPARATOR)
    if len(parts) > 6:
        raise CellError(f"column '{column.header}': '{item.strip()}' should be "
                        "tool:direction:data|data:via:method:frequency (escape other colons "
                        "as \\:)")
    tool, direction, data, via, method, frequency = (parts + [""] * 5)[:6]
    result: dict = {"tool": unescape(tool.strip())}
    if direction.strip():
        result["direction"] = unescape(direction.strip())
    if split(data, ITEM_SEPARATOR):
        result["data"] = split(data, ITEM_SEPARATOR)
    for name, value in (("via", via), ("method", method), ("frequency", frequency)):
        if value.strip():
            result[name] = unescape(value.strip())
    return result


def custom_value(value):
    """A custom field's cell as the value YAML would hold: XLSX numbers, dates and booleans
    stay as they are; CSV text ``true`` / ``false``, a whole or decimal number written the
    plain way, or an ISO date becomes one; anything else stays text."""
    if not isinstance(value, str):
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else value.isoformat()
        return value
    text = value  # read exactly: a value with spaces around it is text, kept as written
    if text in ("true", "false"):
        return text == "true"
    if text.lstrip("-").isdigit() and str(int(text)) == text:
        return int(text)
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is not None and repr(number) == text:
        return number
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else text
    except ValueError:
        return text


def _parse_member(column: Column, item: str) -> dict:
    role, *rest = split_escaped(item, PART_SEPARATOR)
    result: dict = {"role": unescape(role.strip())}
    if rest:
        headcount = rest[0].strip()
        if not headcount.isdigit() or len(rest) > 2 or (len(rest) == 2 and not rest[1].strip()):
            raise CellError(f"column '{column.header}': '{item.strip()}' should be "
                            "role:headcount or role:headcount:reports_to")
        result["headcount"] = int(headcount)
        if len(rest) == 2:
            result["reports_to"] = unescape(rest[1].strip())
    return result
