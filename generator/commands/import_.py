"""``mops import FILE [ROOT] --kind tools [--map FILE] [--sheet NAME] [--date-order ORDER]
[--lifecycle STATE] [--dry-run]``

Brings a spreadsheet inventory into the catalog: a SaaS-management or procurement export, a
finance sheet, a hand-kept list, or a file ``mops export`` wrote. How the file is read, how
columns are matched, how values are read, and how rows become files are the modules of
``generator.importing``. This command prints what it chose and did: the column mapping, then
each row's outcome (created, updated with the changed fields, unchanged, merged, skipped with
the reason) and the people and categories it created.

Exit 0 when every row was imported or merged, 1 when any row was skipped, 2 when the file
cannot be used at all (nothing is written then).
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.formats.counts import counted
from generator.importing import headers as header_matching
from generator.importing import rows as row_reading
from generator.importing import upsert
from generator.importing.tables import UnreadableInput, read_table
from generator.importing.values import DATE_ORDERS
from generator.importing.yaml_edit import plain
from generator.model.catalog import ENTITY_MODELS, PLURAL, load_catalog
from generator.model.schema import Lifecycle

KINDS_BY_PLURAL = {PLURAL[kind]: kind for kind in ENTITY_MODELS}
REQUIRED_COLUMNS = {"tool": ("name",)}
"""Columns a tools sheet cannot do without (everything else has a default or is created)."""


def add_parser(sub):
    parser = sub.add_parser(
        "import", help="create or update tools from a CSV or XLSX inventory",
        description="Create or update one catalog file per spreadsheet row. Columns are "
        "matched by header (the export's headers and what SaaS-management, procurement and "
        "finance tools call them); unmatched columns become custom fields. Prints the mapping "
        "and what happened to every row.")
    parser.add_argument("file", type=Path, help="a .csv file or an .xlsx workbook")
    parser.add_argument("root", nargs="?", help="catalog root (default: .)")
    parser.__class__ = _root_after_options(type(parser))
    parser.add_argument("--kind", default="tools", choices=sorted(KINDS_BY_PLURAL),
                        help="what the rows are (default: tools)")
    parser.add_argument("--map", type=Path, metavar="FILE",
                        help="a YAML file of 'header: field' lines for headers the import does "
                        "not recognise (field may also be 'custom' or 'ignore')")
    parser.add_argument("--sheet", help="the workbook sheet to read (default: the first)")
    parser.add_argument("--date-order", choices=DATE_ORDERS,
                        help="how to read dates like 03/04/2026: mdy (US), dmy or ymd "
                        "(default: from the column; ambiguous rows are listed)")
    parser.add_argument("--lifecycle", choices=[s.value for s in Lifecycle], default="adopted",
                        help="lifecycle of tools whose row has none (default: adopted)")
    parser.add_argument("--dry-run", action="store_true",
                        help="only say what would be created and changed; write nothing")
    parser.set_defaults(run=run)


def _root_after_options(parser_class):
    """Python before 3.12 gives an optional positional nothing when options separate it from
    the first one (``FILE --kind tools ROOT``); take ROOT from what is left over instead."""

    class Parser(parser_class):
        def parse_known_args(self, args=None, namespace=None):
            namespace, extras = super().parse_known_args(args, namespace)
            if namespace.root is None and extras and not extras[0].startswith("-"):
                namespace.root = extras.pop(0)
            return namespace, extras

    return Parser


def run(args) -> int:
    file, root = args.file, Path(args.root or ".")
    if not root.is_dir():
        return _error(f"'{root}' is not a folder; give the catalog's root folder")
    if not file.is_file():
        return _error(f"'{file}' is not a file")
    kind = KINDS_BY_PLURAL[args.kind]
    try:
        result = import_file(kind, file, root, map_file=args.map, sheet=args.sheet,
                             options=row_reading.Options(args.date_order, args.lifecycle))
    except UnreadableInput as error:
        return _error(str(error))
    mapping, table, plan = result
    out = sys.stdout
    for note in table.notes:
        print(f"{file}: {note}", file=out)
    print(f"{file}: columns", file=out)
    for line in header_matching.describe(mapping):
        print(line, file=out)
    counts: dict[str, int] = {}
    for outcome in plan.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        if outcome.status == upsert.EMPTY:
            continue
        print(_outcome_line(kind, outcome), file=out)
        for change in outcome.changes:
            print(f"    {change.field}: {_shown(change.before)} -> {_shown(change.after)}",
                  file=out)
        for note in outcome.notes:
            print(f"    note: {note}", file=out)
    created = "to be created" if args.dry_run else "created"
    for person in plan.created_people:
        print(f"person '{person}' {created} (catalog/people/{person}.yaml)", file=out)
    for category in plan.created_categories:
        print(f"category '{category}' {created} in the '{row_reading.UNSORTED_LAYER}' layer "
              "(catalog/categories.yaml)", file=out)
    ambiguous = [str(o.number) for o in plan.outcomes if o.ambiguous_dates]
    if ambiguous:
        rows, one = ", ".join(ambiguous), len(ambiguous) == 1
        print((f"row {rows} has dates" if one else f"rows {rows} have dates") + " that read "
              "either way (day/month or month/day; " + ("its" if one else "each row's") +
              " note says how it was read): check " + ("it" if one else "them") +
              ", or import again with --date-order mdy or dmy", file=out)
    summary = ", ".join(
        f"{counts[s]} {s}" + ((" (nothing in it)" if counts[s] == 1 else " (nothing in them)")
                              if s == upsert.EMPTY else "")
        for s in (upsert.CREATED, upsert.UPDATED, upsert.UNCHANGED, upsert.MERGED,
                  upsert.SKIPPED, upsert.EMPTY) if counts.get(s))
    verb = "would write" if args.dry_run else "wrote"
    if not args.dry_run:
        for relative, text in plan.files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    print(f"{counted(len(plan.outcomes), 'row')}: {summary or 'none'}; {verb} "
          f"{counted(len(plan.files), 'file')}"
          + (" (dry run: nothing written)" if args.dry_run else ""), file=out)
    return 1 if counts.get(upsert.SKIPPED) else 0


def import_file(kind: str, file: Path, root: Path, map_file: Path | None = None,
                sheet: str | None = None, options: row_reading.Options | None = None):
    """``(mapping, table, plan)`` for importing ``file`` into the catalog at ``root``."""
    options = options or row_reading.Options()
    given = header_matching.read_map(map_file, kind) if map_file else None
    table = read_table(file, sheet, preferred=PLURAL[kind],
                       recognised=header_matching.recognised(kind, given))
    mapping = header_matching.map_headers(kind, table.headers, given)
    missing = [f for f in REQUIRED_COLUMNS.get(kind, ("name",))
               if f not in mapping.targets() and not any(
                   t.startswith(f + ".") for t in mapping.targets())]
    if missing and "id" not in mapping.targets():
        raise UnreadableInput(
            f"no column for {', '.join(repr(m) for m in missing)} among "
            f"{', '.join(repr(h) for h in table.headers)}; name the column that holds it with "
            "a --map file (e.g. \"Software\": name)")
    catalog, _ = load_catalog(root)
    resolver = row_reading.Resolver(catalog) if kind == "tool" else None
    orders = row_reading.column_date_orders(mapping, table.rows, options)
    results = [row_reading.read_row(kind, row, mapping, resolver, options, orders)
               for row in table.rows]
    plan = upsert.plan(kind, root, catalog, results, mapping, table.rows, resolver)
    return mapping, table, plan


def _outcome_line(kind: str, outcome) -> str:
    what = f" {kind} '{outcome.entity_id}'" if outcome.entity_id else ""
    line = f"row {outcome.number}: {outcome.status}{what}"
    if outcome.reason:
        line += f": {outcome.reason}"
    return line


def _shown(value) -> str:
    if value is None:
        return "(none)"
    value = plain(value)
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return repr(value) if isinstance(value, str) else str(value)


def _error(message: str) -> int:
    print(f"mops: error: {message}", file=sys.stderr)
    return 2
