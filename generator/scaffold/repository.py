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
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.model.json_schema import dumps, editor_globs, schema_files

FILES = Path(__file__).parent / "repository"
SCHEMA_FOLDER = "schemas"


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


def requirements() -> str:
    try:
        pinned = f"mops-catalog=={version('mops-catalog')}"
    except PackageNotFoundError:
        pinned = "mops-catalog"
    return ("# The mops command the checks and the site build use. If your organisation "
            "installs it\n# from elsewhere (a private index, a git URL), change this line.\n"
            f"{pinned}\n")


def generated_files() -> dict[str, str]:
    files = {f"{SCHEMA_FOLDER}/{name}": dumps(schema) for name, schema in schema_files().items()}
    files[".vscode/settings.json"] = editor_settings()
    files["requirements.txt"] = requirements()
    return files


def write_repository(target: Path) -> list[str]:
    """Write every file under ``target`` (which must be empty); the paths written."""
    written = []
    for relative, source in repository_files().items():
        _write(target / relative, source.read_bytes())
        written.append(relative)
    for relative, text in generated_files().items():
        _write(target / relative, text.encode("utf-8"))
        written.append(relative)
    return sorted(written)


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as file:
        file.write(content)
