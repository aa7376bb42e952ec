"""JSON Schema files for editors, generated from the schema classes (never written by hand)."""

from __future__ import annotations

import json
import posixpath

from generator.load.files import ENTITY_FOLDERS, LIST_FILES
from generator.model.catalog import ENTITY_MODELS, LIST_MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schemas"
"""Where a catalog repository keeps the schema files (``mops init`` writes them there)."""


def schema_line(kind: str, relative_file: str) -> str:
    """The first line of a catalog file of ``kind`` at ``relative_file``: the comment that
    points YAML editors at its schema."""
    folder = posixpath.dirname(relative_file)
    path = posixpath.relpath(f"{SCHEMA_FOLDER}/{kind}.schema.json", folder or ".")
    return f"# yaml-language-server: $schema={path}"


def schema_files() -> dict[str, dict]:
    """``{file name: JSON Schema}`` for every kind of catalog file."""
    files = {}
    models = {**ENTITY_MODELS, **{kind: model for kind, (model, _) in LIST_MODELS.items()}}
    for kind, model in models.items():
        schema = model.model_json_schema()
        where = ENTITY_FOLDERS.get(kind) or LIST_FILES[kind]
        files[f"{kind}.schema.json"] = {
            "$schema": SCHEMA_DIALECT,
            "$id": f"{kind}.schema.json",
            **schema,
            "description": (schema.get("description") or "") + f" Lives in `{where}`.",
        }
    return files


def editor_globs() -> dict[str, str]:
    """``{schema file name: glob of the files it describes}`` for editor settings."""
    globs = {f"{kind}.schema.json": f"{folder}/**/*.yaml" for kind, folder in ENTITY_FOLDERS.items()}
    globs.update({f"{kind}.schema.json": path for kind, path in LIST_FILES.items()})
    return globs


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
