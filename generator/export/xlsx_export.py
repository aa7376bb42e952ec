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

from generator.analysis.raci import STEP_COLUMNS, raci
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
    matrix = raci(catalog)  # the cells of raci_matrix(catalog), kept sparse
    column = {role: index for index, role in enumerate(matrix.roles, start=len(STEP_COLUMNS))}
    _write_sheet(workbook, RACI_SHEET, [*STEP_COLUMNS, *map(str, matrix.roles)],
                 (_sparse_row([*step, *[None] * len(column)], column, cells)
                  for step, cells in matrix.steps))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_zip(buffer.getvalue(), data_date(catalog, settings))


def _sparse_row(row: list, column: dict[str, int], cells: dict[str, str]) -> list:
    """``row`` with each role's letters in its column (the rest stays empty)."""
    for role, letters in cells.items():
        row[column[role]] = letters
    return row


def _write_sheet(workbook, title: str, headers: list[str], values) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append([_cell(sheet, h) for h in headers])
    for row in values:  # mostly empty cells in the raci sheet: those need no check
        sheet.append([None if v is None else _cell(sheet, v) for v in row])


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
