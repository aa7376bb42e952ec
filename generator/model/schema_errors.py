"""Turn pydantic validation errors into problems that point at the YAML and say what to do."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing

from pydantic import BaseModel, ValidationError

from generator.load.yaml_source import ParsedYaml
from generator.model import codes
from generator.model.paths import field_path
from generator.problem import Problem

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
}
_RANGE = {"greater_than_equal", "greater_than", "less_than_equal", "less_than", "too_short",
          "too_long", "string_too_short", "string_too_long"}


def describe(value) -> str:
    """How a value YAML produced reads to a person."""
    if value is None:
        return "nothing (the value is empty or null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def _clean_loc(loc: tuple, data) -> tuple:
    """Drop pydantic's union-member tags from ``loc``, keeping only real keys and indexes."""
    path, current = [], data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and not path_is_tag(part):
            path.append(part)  # a missing or unknown key
            current = None
        # else: a union tag such as 'str' or 'list[...]', not part of the data
    return tuple(path)


def path_is_tag(part: str) -> bool:
    """Whether ``part`` of a pydantic location names a union member (``str``, ``list[...]``,
    a schema class such as ``Cost``) rather than a key of the data."""
    return (any(c in part for c in "[]()") or part[:1].isupper()
            or part in {"str", "int", "float", "bool", "date", "constrained-str",
                        "function-after"})


def _model_at(model: type[BaseModel], path: tuple):
    """The schema class describing the mapping at ``path`` (or None)."""
    current: typing.Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation):
    """Strip Optional, list and Annotated to the model class inside, where there is one."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union) or str(origin) == "<class 'types.UnionType'>":
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else members[0]
        else:
            break
    return annotation


def _required(model: type[BaseModel], loc: tuple) -> bool:
    """Whether the field at ``loc`` must be there (removing it would be an S003)."""
    owner = _model_at(model, loc[:-1])
    field = owner.model_fields.get(loc[-1]) if owner and isinstance(loc[-1], str) else None
    return field is not None and field.is_required()


def _value_at(data, path):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _name(path: tuple) -> str:
    return field_path(path)


def schema_problems(error: ValidationError, model: type[BaseModel], data, parsed: ParsedYaml,
                    file: str, base: tuple = ()) -> list[Problem]:
    """Problems for every error in ``error``; ``base`` is where ``data`` sits inside the file."""
    grouped: dict[tuple, list[dict]] = {}
    for item in error.errors(include_url=False):
        loc = _clean_loc(tuple(item["loc"]), data)
        item["on_key"] = "[key]" in item["loc"]
        grouped.setdefault(loc, []).append(item)
    problems = []
    for loc, items in grouped.items():
        deeper = any(other[: len(loc)] == loc and len(other) > len(loc) for other in grouped)
        if deeper and all(i["type"] in _EXPECTED for i in items):
            continue  # a union's other branch failed too; the deeper error says what is wrong
        problems.append(_one_problem(loc, items, model, data, parsed, file, base))
    return problems


def _one_problem(loc, items, model, data, parsed: ParsedYaml, file, base) -> Problem:
    types = [i["type"] for i in items]
    value = _value_at(data, loc)
    where = _name(loc)
    if "extra_forbidden" in types:
        line, col = parsed.locate(base + loc, key=True)
        owner = _model_at(model, loc[:-1])
        known = list(owner.model_fields) if owner else []
        cut = _cut_by_flow_comma(parsed, line, col, data, loc)
        if cut:
            return codes.UNKNOWN_FIELD.at(file, line, col, cut)
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        tip = f"did you mean '{hint[0]}'?" if hint else f"known fields: {', '.join(known)}"
        return codes.UNKNOWN_FIELD.at(file, line, col, f"unknown field '{loc[-1]}'; {tip}")
    if "missing" in types:
        line, col = parsed.locate(base + loc[:-1])
        owner = _model_at(model, loc[:-1])
        doc = ""
        if owner and loc[-1] in owner.model_fields:
            doc = (owner.model_fields[loc[-1]].description or "").split("\n")[0]
        what = f" ({doc.rstrip('.')})" if doc else ""
        parent = f" in {_name(loc[:-1])}" if [p for p in loc[:-1] if isinstance(p, str)] else ""
        return codes.MISSING_FIELD.at(file, line, col,
                                      f"missing required field '{loc[-1]}'{parent}{what}; add it")
    line, col = parsed.locate(base + loc, key=any(i["on_key"] for i in items))
    if any(t in ("enum", "literal_error") for t in types):
        item = next(i for i in items if i["type"] in ("enum", "literal_error"))
        expected = item.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        hint = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        tip = f"; did you mean '{hint[0]}'?" if hint else ""
        return codes.INVALID_CHOICE.at(file, line, col, f"{where} must be one of "
                                       f"{', '.join(choices)}; got {describe(value)}{tip}")
    if any(t == "string_pattern_mismatch" for t in types):
        item = next(i for i in items if i["type"] == "string_pattern_mismatch")
        pattern = item.get("ctx", {}).get("pattern", "")
        if pattern.startswith("^https?"):
            text = (f"{where} must be an http:// or https:// address; got {describe(value)}")
        elif pattern.startswith("^[A-Z]\\d"):
            text = f"{where} must be a finding or rule code such as I001; got {describe(value)}"
        elif "A-Z" in pattern and "{3}" in pattern:
            text = f"{where} must be a three-letter currency code such as USD; got {describe(value)}"
            if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{3}", value.strip()):
                text += f"; did you mean '{value.strip().upper()}'?"
        elif "@" in pattern:
            text = f"{where} must be an e-mail address such as ana@example.com; got {describe(value)}"
        elif "minute|hour" in pattern:
            text = (f"{where} must be a number and a unit such as '30 minutes', '2 hours', "
                    f"'3 days' or '1 week'; got {describe(value)}")
        elif "[a-z]{2,3}" in pattern:
            text = f"'{loc[-1] if loc else value}' is not a language code such as en, ko or zh-Hant"
        else:
            suggestion = _slug(str(value))
            text = (f"{where} must be an id (lowercase letters, digits and hyphens); got "
                    f"{describe(value)}" + (f"; did you mean '{suggestion}'?" if suggestion else ""))
        return codes.INVALID_FORMAT.at(file, line, col, text)
    expected = [_EXPECTED[t] for t in types if t in _EXPECTED]
    if expected:
        wanted = " or ".join(dict.fromkeys(expected))
        text = f"{where} must be {wanted}; got {describe(value)}"
        raw = parsed.implicit.get(base + loc)
        if raw is not None and "text" in expected and value is not None:
            text += f" (YAML reads an unquoted {raw} that way); put it in quotes: \"{raw}\""
        elif value is None:
            text += ("; fill it in (the field is required)" if _required(model, loc)
                     else "; fill it in or remove the field")
        return codes.WRONG_TYPE.at(file, line, col, text)
    if any(t in _RANGE for t in types):
        item = next(i for i in items if i["type"] in _RANGE)
        ctx = item.get("ctx", {})
        if "ge" in ctx:
            text = f"{where} must be at least {ctx['ge']}; got {describe(value)}"
        elif "le" in ctx:
            text = f"{where} must be at most {ctx['le']}; got {describe(value)}"
        elif item["type"] == "too_short" or item["type"] == "string_too_short":
            text = f"{where} must not be empty; add at least {ctx.get('min_length', 1)} item"
            if item["type"] == "string_too_short":
                text = f"{where} must not be empty text"
        else:
            text = f"{where} is too long (at most {ctx.get('max_length')})"
        return codes.OUT_OF_RANGE.at(file, line, col, text)
    if "reserved_id" in types:
        return codes.INVALID_FORMAT.at(file, line, col, f"{where}: {items[0]['msg']}")
    message = items[0]["msg"]
    return codes.INVALID_VALUE.at(file, line, col, f"{where}: {message}")


def _cut_by_flow_comma(parsed: ParsedYaml, line: int, col: int, data, loc: tuple) -> str:
    """The message for an unknown field that is really the rest of a value cut at a comma
    inside a ``{...}`` flow mapping (``{name: Send welcome, nurture emails}``), or ''."""
    mapping = _value_at(data, loc[:-1])
    if not isinstance(mapping, dict) or mapping.get(loc[-1]) is not None or not parsed.text:
        return ""
    lines = parsed.text.splitlines()
    if not 0 < line <= len(lines):
        return ""
    before = lines[line - 1][: col - 1]
    if "{" not in before or not before.rstrip().endswith(","):
        return ""
    keys = list(mapping)
    index = keys.index(loc[-1]) if loc[-1] in keys else 0
    previous = keys[index - 1] if index > 0 else None
    if previous is None or not isinstance(mapping[previous], str):
        return (f"unknown field '{loc[-1]}': inside {{...}} (YAML flow syntax) a comma separates "
                "fields, so the text after a comma is read as a field name; put a value that "
                "holds a comma in quotes")
    whole = f"{mapping[previous]}, {loc[-1]}"
    return (f"unknown field '{loc[-1]}': inside {{...}} (YAML flow syntax) a comma separates "
            f"fields, so '{previous}' was cut at its comma; put the value in quotes: "
            f"{previous}: \"{whole}\"")


def _slug(text: str) -> str:
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:63].strip("-")
    return slug if slug and slug != text else ""
