"""``mops export [ROOT] --format json [--out FILE]``"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.checks import validate
from generator.commands import existing_root
from generator.formats import text

EXPORTERS = {}


def _json(catalog, out: Path | None):
    from generator.export.json_export import render_json

    data = render_json(catalog)
    if out is None:
        sys.stdout.write(data)
    else:
        out.write_text(data, encoding="utf-8")


EXPORTERS["json"] = _json


def add_parser(sub):
    parser = sub.add_parser("export", help="write the resolved catalog as JSON (or spreadsheets)")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.add_argument("--format", choices=sorted(EXPORTERS), default="json")
    parser.add_argument("--out", type=Path, help="output file (or folder for csv); default stdout")
    parser.set_defaults(run=run)


def run(args) -> int:
    root = existing_root(args.root)
    if root is None:
        return 2
    catalog, problems = validate(root)
    errors = [p for p in problems if p.severity.value == "error"]
    if errors:
        sys.stderr.write(text.render(errors, root))
        print("mops: error: fix the problems above before exporting", file=sys.stderr)
        return 1
    EXPORTERS[args.format](catalog, args.out)
    return 0
