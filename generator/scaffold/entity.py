"""The commented template ``mops new`` writes for a new tool, role, team, playbook or KPI."""

from __future__ import annotations

import posixpath
import textwrap
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.load.files import ENTITY_FOLDERS
from generator.model.catalog import ENTITY_MODELS
from generator.scaffold.fields import field_docs

LINE_WIDTH = 96
SCHEMA_FOLDER = "schemas"

_environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                           keep_trailing_newline=True, autoescape=False)
_environment.filters["wrap"] = lambda text, width: textwrap.wrap(text, max(width, 40))


def entity_path(kind: str, entity_id: str) -> str:
    """Where the file for a new entity goes, relative to the catalog root."""
    return f"{ENTITY_FOLDERS[kind]}/{entity_id}.yaml"


def entity_template(kind: str, entity_id: str) -> str:
    model = ENTITY_MODELS[kind]
    folder = posixpath.dirname(entity_path(kind, entity_id))
    schema_path = posixpath.relpath(f"{SCHEMA_FOLDER}/{kind}.schema.json", folder)
    kind_doc = " ".join((model.__doc__ or "").split())
    return _environment.get_template("entity.yaml.j2").render(
        kind=kind, entity_id=entity_id, kind_doc=kind_doc, schema_path=schema_path,
        docs=field_docs(model), width=LINE_WIDTH)
