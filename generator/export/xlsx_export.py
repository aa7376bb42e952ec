"""XLSX export: one sheet per kind (the CSV columns, with numbers, dates and booleans as such)
plus a ``raci`` sheet: every playbook step against every role, with the R/A/C/I letters.

Written with openpyxl's streaming (write-only) workbook, which is several times faster than
building cells in memory. Text that looks like a formula is stored as text, never run.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from generator.analysis.raci import STEP_COLUMNS, raci_matrix
from generator.export.columns import rows
from generator.export.reproducible import data_date, fixed_zip
from generator.model.catalog import KINDS, PLURAL

RACI_SHEET = "raci"
DATE_FORMAT = "yyyy-mm-dd"


def xlsx_bytes(catalog, settings, sheets: dict | None = None) -> bytes:
    """The workbook; ``sheets`` (kind -> ``(headers, rows)``) saves building the rows again."""
    workbook = Workbook(write_only=True)
    for kind in KINDS:
        headers, records = (sheets or {}).get(kind) or rows(kind, catalog.entities[kind],
                                                            settings.shows_costs)
        _write_sheet(workbook, PLURAL[kind], headers, ([r.get(h) for h in headers]
                                                      for r in records))
    matrix = raci_matrix(catalog)  # index: (playbook, step, name); columns: role ids
    _write_sheet(workbook, RACI_SHEET, [*STEP_COLUMNS, *map(str, matrix.columns)],
                 ([*map(_plain, step), *(letters or None for letters in row)]
                  for step, row in zip(matrix.index, matrix.itertuples(index=False))))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_zip(buffer.getvalue(), data_date(catalog, settings))


def _write_sheet(workbook, title: str, headers: list[str], values) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append([_cell(sheet, h) for h in headers])
    for row in values:
        sheet.append([_cell(sheet, v) for v in row])


def _cell(sheet, value):
    """The value as it is, or a styled cell where openpyxl would get it wrong: text starting
    with ``=`` (it would become a formula) and dates (shown as YYYY-MM-DD)."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _plain(value):
    """numpy scalars -> Python values openpyxl takes."""
    return value.item() if hasattr(value, "item") else value
