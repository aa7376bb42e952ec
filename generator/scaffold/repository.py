"""``mops init``: a new catalog repository that validates and builds as it is.

The files to copy live in ``repository/`` next to this module, laid out as in the new
repository; a path part starting with ``dot-`` becomes a dot file (``dot-github`` is
``.github``), so packaging tools do not skip them as hidden. Generated on the way: the JSON
Schema files (``schemas/``), the editor settings that wire them up, and ``requirements.txt``.

This repository's own workflows, ``.gitlab-ci.yml`` and ``docs/how-to-change.md`` are the same
files; a test keeps the two copies equal.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.model.json_schema import dumps, editor_globs, schema_files
from generator.scaffold.install_source import VARIABLE, Requirement, running_requirement

FILES = Path(__file__).parent / "repository"
SCHEMA_FOLDER = "schemas"
_templates = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                         keep_trailing_newline=True)


def repository_files() -> dict[str, Path]:
    """``{path in the new repository: file to copy}``."""
    files = {}
    for source in sorted(FILES.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            parts = source.relative_to(FILES).parts
            target = "/".join("." + p[len("dot-"):] if p.startswith("dot-") else p for p in parts)
            files[target] = source
    return files


def editor_settings() -> str:
    """``.vscode/settings.json``: which schema file checks which YAML files."""
    schemas = {f"./{SCHEMA_FOLDER}/{name}": [glob] for name, glob in editor_globs().items()}
    return json.dumps({"yaml.schemas": schemas}, indent=2) + "\n"


def requirements(requirement: Requirement | None = None) -> str:
    """``requirements.txt``: the mops running now (``generator.scaffold.install_source``)."""
    return _templates.get_template("requirements.txt.j2").render(
        requirement=requirement or running_requirement(), variable=VARIABLE)


def generated_files(requirement: Requirement) -> dict[str, str]:
    files = {f"{SCHEMA_FOLDER}/{name}": dumps(schema) for name, schema in schema_files().items()}
    files[".vscode/settings.json"] = editor_settings()
    files["requirements.txt"] = requirements(requirement)
    return files


def write_repository(target: Path, requirement: Requirement) -> list[str]:
    """Write every file under ``target`` (which must be empty); the paths written."""
    written = []
    for relative, source in repository_files().items():
        _write(target / relative, source.read_bytes())
        written.append(relative)
    for relative, text in generated_files(requirement).items():
        _write(target / relative, text.encode("utf-8"))
        written.append(relative)
    return sorted(written)


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as file:
        file.write(content)
