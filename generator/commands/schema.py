"""``mops schema [--out DIR] [--force]``: JSON Schema files for editors, one per kind.

A file of the same name already in DIR is replaced only when it is a schema file mops wrote
(a JSON Schema whose ``$id`` is its file name), else only with ``--force``. DIR may not be or
lie inside the catalog's folders, the docs folder or a ``.git``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.load.places import inside_protected
from generator.model.json_schema import dumps, schema_files


def add_parser(sub):
    parser = sub.add_parser("schema", help="JSON Schema files for editor completion",
                            description="Write one JSON Schema file per kind (tool.schema.json, "
                            "...), which editors use to complete and check catalog files.")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="folder to write into (default: print them all)")
    parser.add_argument("--force", action="store_true",
                        help="replace files of the same names that mops did not write")
    parser.set_defaults(run=run)


def run(args) -> int:
    files = schema_files()
    if args.out is None:
        for name, schema in files.items():
            sys.stdout.write(f"# {name}\n{dumps(schema)}")
        return 0
    problem = _out_problem(args.out, list(files), args.force)
    if problem:
        print(f"mops: error: {problem}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in files.items():
        (args.out / name).write_text(dumps(schema), encoding="utf-8")
    print(f"wrote {len(files)} schema files to {args.out}", file=sys.stderr)
    return 0


def _out_problem(out: Path, names: list[str], force: bool) -> str | None:
    protected = inside_protected(out, Path.cwd())
    if protected:
        return (f"'{out}' is or is inside {protected}; mops schema never writes there. "
                "Give a folder of its own, such as 'schemas'")
    if out.exists() and not out.is_dir():
        return f"'{out}' is a file; --out takes a folder"
    taken = [name for name in names if (out / name).exists() and not _schema_file(out / name)]
    if taken and not force:
        return (f"'{out}' holds {', '.join(taken)}, which mops schema did not write; "
                f"{'it is' if len(taken) == 1 else 'they are'} left alone. Write to another "
                f"folder, or add --force to replace {'it' if len(taken) == 1 else 'them'}")
    return None


def _schema_file(path: Path) -> bool:
    """Whether ``path`` is a schema file mops wrote: a JSON Schema whose ``$id`` is its name."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return (isinstance(document, dict) and document.get("$id") == path.name
            and str(document.get("$schema", "")).startswith("https://json-schema.org/"))
