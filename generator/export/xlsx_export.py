"""XLSX export: one sheet per kind (the CSV columns, with numbers, dates and booleans as such)
plus a ``raci`` sheet: every playbook step against every role, with the R/A/C/I letters.

Written with openpyxl's streaming (write-only) workbook, which is several times faster than
building cells in memory. Text that looks like a formula is stored as text, never run. Every
sheet opens ready to use: the header row bold and frozen, a filter on every column, and columns
as wide as their content (within limits).
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from generator.analysis.raci import STEP_COLUMNS, raci
from generator.export.columns import rows
from generator.export.reproducible import fixed_zip
from generator.model.catalog import KINDS, PLURAL

RACI_SHEET = "raci"
DATE_FORMAT = "yyyy-mm-dd"
WIDTH_LIMITS = (6, 60)
"""Narrowest and widest column, in characters (long descriptions wrap in the cell instead)."""
WIDTH_SAMPLE = 1000
"""Rows looked at to size the columns."""


def sheet_names() -> list[str]:
    """The workbook's sheets, in order."""
    return [*(PLURAL[kind] for kind in KINDS), RACI_SHEET]


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
    return fixed_zip(buffer.getvalue(), settings.reference_date())


def _sparse_row(row: list, column: dict[str, int], cells: dict[str, str]) -> list:
    """``row`` with each role's letters in its column (the rest stays empty)."""
    for role, letters in cells.items():
        row[column[role]] = letters
    return row


def _write_sheet(workbook, title: str, headers: list[str], values) -> None:
    sheet = workbook.create_sheet(title)
    values = list(values)
    for index, width in enumerate(_widths(headers, values), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(values) + 1}"
    sheet.append([_header(sheet, h) for h in headers])
    for row in values:  # mostly empty cells in the raci sheet: those need no check
        sheet.append([None if v is None else _cell(sheet, v) for v in row])


def _widths(headers: list[str], values: list) -> list[int]:
    """Each column's width: its longest header or value (of the first rows), plus room for the
    filter button, within ``WIDTH_LIMITS``."""
    low, high = WIDTH_LIMITS
    widths = [len(str(h)) + 3 for h in headers]  # the filter button covers the header's end
    for row in values[:WIDTH_SAMPLE]:
        for index, value in enumerate(row):
            if value is not None:
                shown = 10 if isinstance(value, dt.date) else len(str(value))
                widths[index] = max(widths[index], shown + 1)
    return [min(max(width, low), high) for width in widths]


def _header(sheet, text: str):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    cell.data_type = "s"
    return cell


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
