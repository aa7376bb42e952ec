"""``mops export [ROOT] --format json|csv|xlsx|ics [--out PATH] [--audience internal|wide]``

``json`` and ``ics`` go to standard output unless ``--out`` names a file; ``xlsx`` needs
``--out FILE``; ``csv`` writes ``tools.csv``, ``roles.csv``, ... into the folder ``--out``.
Settings (audience, language) come from the ``mops`` plugin options in ``ROOT/mkdocs.yml``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.commands.deployment import catalog_and_settings


def _write_text(data: str, out: Path | None, newline: str | None = None):
    if out is None:
        sys.stdout.write(data)
    else:
        out.write_text(data, encoding="utf-8", newline=newline)
        print(f"wrote {out}", file=sys.stderr)


def _json(catalog, settings, out: Path | None):
    from generator.export.json_export import render_json

    _write_text(render_json(catalog, settings), out)


def _csv(catalog, settings, out: Path):
    from generator.export.csv_export import write_csv

    for path in write_csv(catalog, settings, out):
        print(f"wrote {path}", file=sys.stderr)


def _xlsx(catalog, settings, out: Path):
    from generator.export.xlsx_export import sheet_names, xlsx_bytes

    out.write_bytes(xlsx_bytes(catalog, settings))
    print(f"wrote {out} (sheets: {', '.join(sheet_names())})", file=sys.stderr)


def _ics(catalog, settings, out: Path | None):
    from generator.export.ics_export import ics_text

    if out is None:
        sys.stdout.buffer.write(ics_text(catalog, settings).encode("utf-8"))
    else:
        _write_text(ics_text(catalog, settings), out, newline="")


EXPORTERS = {"json": _json, "csv": _csv, "xlsx": _xlsx, "ics": _ics}
NEEDS_OUT = {"csv": "a folder", "xlsx": "a file"}


def add_parser(sub):
    parser = sub.add_parser(
        "export", help="the catalog as JSON, CSV, XLSX or a renewals calendar",
        description="Write the validated catalog as JSON, CSV (one file per kind), XLSX (one "
        "sheet per kind plus a RACI matrix) or an iCalendar feed of renewal and cancel-by dates.")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.add_argument("--format", choices=sorted(EXPORTERS), default="json",
                        help="json (one document), csv (a file per kind), xlsx (a workbook) or "
                        "ics (an iCalendar feed of renewal dates) (default: json)")
    parser.add_argument("--out", type=Path, metavar="PATH",
                        help="output file (a folder for csv); json and ics default to stdout")
    parser.add_argument("--audience", choices=("internal", "wide"),
                        help="'wide' leaves cost and contract data out (default: the mops "
                        "plugin's audience in ROOT/mkdocs.yml, else internal)")
    parser.set_defaults(run=run)


def run(args) -> int:
    if args.format in NEEDS_OUT and args.out is None:
        print(f"mops: error: --format {args.format} needs --out with {NEEDS_OUT[args.format]}",
              file=sys.stderr)
        return 2
    if args.format == "csv" and args.out.exists() and not args.out.is_dir():
        print(f"mops: error: '{args.out}' is a file; --format csv writes a folder of files",
              file=sys.stderr)
        return 2
    loaded = catalog_and_settings(args.root, "exporting", audience=args.audience)
    if isinstance(loaded, int):
        return loaded
    catalog, settings = loaded
    EXPORTERS[args.format](catalog, settings, args.out)
    return 0
