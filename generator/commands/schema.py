"""``mops schema [--out DIR]``: JSON Schema files for editors, one per kind."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.model.json_schema import dumps, schema_files


def add_parser(sub):
    parser = sub.add_parser("schema", help="JSON Schema files for editor completion",
                            description="Write one JSON Schema file per kind (tool.schema.json, "
                            "...), which editors use to complete and check catalog files.")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="folder to write into (default: print them all)")
    parser.set_defaults(run=run)


def run(args) -> int:
    files = schema_files()
    if args.out is None:
        for name, schema in files.items():
            sys.stdout.write(f"# {name}\n{dumps(schema)}")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in files.items():
        (args.out / name).write_text(dumps(schema), encoding="utf-8")
    print(f"wrote {len(files)} schema files to {args.out}", file=sys.stderr)
    return 0
