"""CSV export: one file per kind (``tools.csv``, ``roles.csv``, ...), columns as described in
``generator.export.columns``; ``mops import`` reads ``tools.csv`` and the like back.

A cell that starts like a formula (``=``, ``+``, ``-``, ``@``, also after spaces or tabs) gets a
leading ``'`` so that a spreadsheet shows it as text instead of running it, and so does each
item of a list cell (a spreadsheet that splits at ``;`` makes each item a cell); the import
takes the ``'`` off again. Each
file starts with a UTF-8 byte-order mark, without which Excel reads accented and non-Latin text
as gibberish."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from generator.export.columns import cell_text, guard, rows
from generator.model.catalog import KINDS, PLURAL

BYTE_ORDER_MARK = "\ufeff"


def csv_texts(catalog, settings, sheets: dict | None = None) -> dict[str, str]:
    """``{"tools.csv": text, ...}``: every kind's sheet as CSV text (``\\n`` line ends);
    ``sheets`` (kind -> ``(headers, rows)``) saves building the rows again."""
    files = {}
    for kind in KINDS:
        headers, records = (sheets or {}).get(kind) or rows(kind, catalog.entities[kind],
                                                            settings.shows_costs)
        frame = pd.DataFrame([[guard(cell_text(r.get(h))) for h in headers] for r in records],
                             columns=headers, dtype=str)
        files[f"{PLURAL[kind]}.csv"] = BYTE_ORDER_MARK + frame.to_csv(index=False,
                                                                      lineterminator="\n")
    return files


def write_csv(catalog, settings, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in csv_texts(catalog, settings).items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written
