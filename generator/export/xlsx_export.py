"""XLSX export: one sheet per kind (the CSV columns, with numbers, dates and booleans as such)
plus a ``raci`` sheet: every playbook step against every role, with the R/A/C/I letters.
Text that looks like a formula stays text."""

from __future__ import annotations

import io

import pandas as pd

from generator.analysis.raci import raci_matrix
from generator.export.columns import rows
from generator.export.reproducible import data_date, fixed_zip
from generator.model.catalog import KINDS, PLURAL

RACI_SHEET = "raci"


def xlsx_bytes(catalog, settings) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl", date_format="YYYY-MM-DD") as writer:
        for kind in KINDS:
            headers, records = rows(kind, catalog.entities[kind], settings.shows_costs)
            frame = pd.DataFrame([[r.get(h) for h in headers] for r in records], columns=headers)
            frame.to_excel(writer, sheet_name=PLURAL[kind], index=False)
        raci_matrix(catalog).reset_index().to_excel(writer, sheet_name=RACI_SHEET, index=False)
        for sheet in writer.book.worksheets:
            _text_not_formulas(sheet)
    return fixed_zip(buffer.getvalue(), data_date(catalog, settings))


def _text_not_formulas(sheet) -> None:
    """openpyxl stores any text starting with ``=`` as a formula; catalog text is never one."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
