"""``mops export [ROOT] --format json|csv|xlsx|ics [--out PATH] [--audience internal|wide]``

``json`` and ``ics`` go to standard output unless ``--out`` names a file; ``xlsx`` needs
``--out FILE``; ``csv`` writes ``tools.csv``, ``roles.csv``, ... into the folder ``--out``.
Settings (audience, language) come from the ``mops`` plugin options in ``ROOT/mkdocs.yml``.

A file already at ``--out`` is replaced only when an earlier export wrote it
(``generator.export.destination``), else only with ``--force``; nothing is ever written into
the catalog's folders, the docs folder or a ``.git`` (exit 2 before anything is written).
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.commands import catalog_root
from generator.commands.deployment import catalog_and_settings, docs_folder
from generator.export import destination
from generator.load.places import inside_protected, repository_root


def _write_text(data: str, out: Path | None, newline: str | None = None):
    if out is None:
        sys.stdout.write(data)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(data, encoding="utf-8", newline=newline)
        print(f"wrote {out}", file=sys.stderr)


def _json(catalog, settings, out: Path | None):
    from generator.export.json_export import render_json

    _write_text(render_json(catalog, settings), out)


def _csv(catalog, settings, out: Path):
    from generator.export.csv_export import write_csv

    out.mkdir(parents=True, exist_ok=True)
    (out / destination.MARKER).write_text(destination.MARKER_TEXT, encoding="utf-8")
    for path in write_csv(catalog, settings, out):
        print(f"wrote {path}", file=sys.stderr)


def _xlsx(catalog, settings, out: Path):
    from generator.export.xlsx_export import sheet_names, xlsx_bytes

    out.parent.mkdir(parents=True, exist_ok=True)
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
    parser.add_argument("--force", action="store_true",
                        help="replace a file at --out that an earlier export did not write")
    parser.set_defaults(run=run)


def run(args) -> int:
    if args.format in NEEDS_OUT and args.out is None:
        print(f"mops: error: --format {args.format} needs --out with {NEEDS_OUT[args.format]}",
              file=sys.stderr)
        return 2
    if args.out is not None:
        root = catalog_root(args.root)
        if root is None:
            return 2
        problem = destination_problem(args.format, args.out, root, args.force)
        if problem:
            print(f"mops: error: {problem}", file=sys.stderr)
            return 2
    loaded = catalog_and_settings(args.root, "exporting", audience=args.audience)
    if isinstance(loaded, int):
        return loaded
    catalog, settings = loaded
    EXPORTERS[args.format](catalog, settings, args.out)
    return 0


def destination_problem(fmt: str, out: Path, root: Path, force: bool) -> str | None:
    """Why ``out`` may not be written by an export of format ``fmt``, or None."""
    example = root.resolve() / "exports" / (f"catalog.{fmt}" if fmt != "csv" else "csv")
    protected = inside_protected(out, root, docs_folder(root))
    if protected:
        return (f"'{out}' is or is inside {protected}; mops export never writes there. "
                f"Write to a path of its own, such as '{example}'")
    if fmt == "csv":
        if out.exists() and not out.is_dir():
            return f"'{out}' is a file; --format csv writes a folder of files"
        if out.resolve() in (root.resolve(), repository_root(root.resolve())):
            return (f"'{out}' is the catalog's root folder; --format csv writes a folder of "
                    f"files, so give it one of its own, such as '{example}'")
        if force or not out.is_dir() or (out / destination.MARKER).is_file():
            return None
        taken = [name for name in destination.csv_file_names() if (out / name).exists()]
        if taken:
            them = "it is" if len(taken) == 1 else "they are"
            return (f"the folder '{out}' holds {', '.join(taken)}, which mops export did not "
                    f"write (it marks its folders with a '{destination.MARKER}' file); {them} "
                    "left alone. Export into another folder, or add --force to replace "
                    + ("it" if len(taken) == 1 else "them"))
        return None
    if out.is_dir():
        return f"'{out}' is a folder; --format {fmt} writes one file: give a file name"
    if out.exists() and not force and not destination.written_by_export(fmt, out):
        return (f"'{out}' exists and is not a file mops export --format {fmt} wrote; it is "
                "left alone. Write to another path, or add --force to replace it")
    return None
