"""A CSV file or an XLSX sheet read into headers and rows, saying what is wrong when it cannot.

CSV: the encoding is found from a byte-order mark (UTF-8, UTF-16, UTF-32), from the pattern of
zero bytes UTF-16 without a mark leaves (``A\\0p\\0p\\0``), else UTF-8, else Windows-1252 (what
Excel on Windows writes as "CSV"). The delimiter is the one of ``, ; TAB |`` that splits the
header and the first rows into the same number of cells. XLSX: the first sheet, or the one
named with ``--sheet``; formulas are kept as the text of the formula, never evaluated.

Control characters (ESC, backspace, vertical tab, ...: ``generator.control_characters``) cannot
be stored in a catalog value, and a terminal acts on them: they are removed from headers and
cells as the table is read, and each removal is said (a note of the table for a header, of the
row for a cell, naming the column).

Every row keeps its number as the spreadsheet shows it (the header is row 1). Two headers that
are exactly the same are an error (which column is meant?). A row with more cells than there
are headers is reported with the extra values, never cut silently; a row with fewer cells has
its missing trailing cells read as blank.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.control_characters import FORBIDDEN, describe

DELIMITERS = (",", ";", "\t", "|")
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
MAX_BYTES = 50 * 1024 * 1024


class UnreadableInput(Exception):
    """The file as a whole cannot be imported (exit 2)."""


@dataclass
class Row:
    number: int
    """The row number a spreadsheet shows (the header is row 1)."""
    cells: dict[str, object]
    """Header -> value: text from CSV; text, numbers, booleans or dates from XLSX."""
    problem: str | None = None
    """Why the row cannot be used as it is (too many cells), or None."""
    typed: bool = False
    """True for a workbook's rows: numbers, dates and booleans are cells of those types, so
    text is text (in CSV every cell is text, and ``12`` may be meant as a number)."""
    notes: list[str] = field(default_factory=list)
    """What reading changed in the row (control characters removed from a cell)."""


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    """What reading found out (encoding, delimiter, sheet), printed for the user."""


def read_table(path: Path, sheet: str | None = None, preferred: str | None = None,
               recognised: Callable[[str], bool] | None = None) -> Table:
    """The table in ``path``; for a workbook, ``sheet``, else the sheet named ``preferred``
    (``mops export`` names its sheets after the kinds), else the first. ``recognised`` says
    whether a cell is a header the import knows: the header row is the one with the most of
    them (see :func:`_header_row`)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet, preferred, recognised)
    if suffix in (".csv", ".tsv", ".txt"):
        if sheet:
            raise UnreadableInput("--sheet is for .xlsx workbooks; a CSV file has one table")
        return _read_csv(path, recognised)
    if suffix == ".xls":
        raise UnreadableInput(f"'{path.name}' is an old Excel .xls workbook; open it and save it "
                              "as .xlsx (or export it as CSV), then import that")
    raise UnreadableInput(f"'{path.name}' is neither a .csv nor an .xlsx file")


# --------------------------------------------------------------------------- CSV


def decode(raw: bytes) -> tuple[str, str]:
    """``(text, encoding name)`` of CSV bytes."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="strict"), f"{encoding} with BOM"
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return raw.decode(utf16), f"{utf16} without BOM"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "windows-1252"


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text of mostly Latin characters has a zero byte in every other position."""
    sample = raw[:4000]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _delimiter(text: str) -> str:
    """The delimiter that splits the most of the first lines into the same number (two or
    more) of cells; a title line above the header does not count against it."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=candidate))) for line in lines]
        wide = [c for c in counts if c >= 2]
        if not wide:
            continue
        common = max(set(wide), key=lambda c: (wide.count(c), c))
        score = (wide.count(common), common)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_csv(path: Path, recognised: Callable[[str], bool] | None = None) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(f"cannot read '{path}': {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise UnreadableInput(f"'{path.name}' is larger than {MAX_BYTES // 1048576} MiB")
    try:
        text, encoding = decode(raw)
    except UnicodeDecodeError as error:
        raise UnreadableInput(f"'{path.name}' starts with a byte-order mark but is not valid "
                              f"text in that encoding ({error.reason})") from None
    if "\x00" in text:
        raise UnreadableInput(f"'{path.name}' holds zero bytes, so it is not a text file in any "
                              "encoding this import can tell; save it as \"CSV UTF-8\"")
    delimiter = _delimiter(text)
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
    notes = [f"read as {encoding} text, cells separated by {names[delimiter]}s"]
    if encoding == "windows-1252":
        notes.append("the file is not UTF-8; it was read as Windows-1252 (check accented "
                     "letters, or save it as \"CSV UTF-8\")")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableInput(f"'{path.name}' is not valid CSV: {error}") from None
    return _table(records, path.name, notes, recognised)


# --------------------------------------------------------------------------- XLSX


def _read_xlsx(path: Path, sheet: str | None, preferred: str | None,
               recognised: Callable[[str], bool] | None = None) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises its own types for damaged workbooks
        raise UnreadableInput(f"cannot read '{path.name}' as a workbook: {error}") from None
    try:
        names = workbook.sheetnames
        if sheet is None:
            chosen = preferred if preferred in names else names[0]
        elif sheet in names:
            chosen = sheet
        else:
            raise UnreadableInput(f"'{path.name}' has no sheet '{sheet}'; its sheets are "
                                  + ", ".join(f"'{n}'" for n in names))
        records = [[_cell_value(v) for v in row]
                   for row in workbook[chosen].iter_rows(values_only=True)]
    finally:
        workbook.close()
    notes = [f"read sheet '{chosen}'" + (f" (of {len(names)}: use --sheet for another)"
                                         if len(names) > 1 and sheet is None
                                         and chosen == names[0] else "")]
    table = _table(records, path.name, notes, recognised, f"sheet '{chosen}' of '{path.name}'")
    for row in table.rows:
        row.typed = True
    return table


def _cell_value(value):
    """An XLSX cell as a plain value; a formula stays its text, ``=SUM(B2:B4)``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "text"):  # an array formula object
        return str(value.text)
    return value


# --------------------------------------------------------------------------- both


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


LOOKED_AT = 20
"""How many rows from the top may hold the header (title lines and notes above it)."""


def _header_row(records: list[list], recognised: Callable[[str], bool] | None) -> int | None:
    """The index of the header row among the first rows, or None when none is one.

    The row with the most cells ``recognised`` as headers the import knows (the first of
    equals); when no row has any, the most header-like row: the first whose filled cells
    (two or more) are mostly labels (words, not numbers, dates or amounts), or, in a
    one-column sheet, its first label. A "Total, 1234" line is never a header."""
    window = records[:LOOKED_AT]
    if recognised is not None:
        scores: list[int] = [sum(1 for v in record if not _blank(v)
                                 and recognised(str(v).strip())) for record in window]
        best = max(scores, default=0)
        if best:
            return scores.index(best)
    filled = [[v for v in record if not _blank(v)] for record in window]
    for index, cells in enumerate(filled):
        if len(cells) >= 2 and sum(map(_label, cells)) * 2 > len(cells):
            return index
    if all(len(cells) <= 1 for cells in filled):  # a one-column sheet
        return next((i for i, cells in enumerate(filled) if cells and _label(cells[0])), None)
    return None


def _label(value) -> bool:
    """A cell that can name a column: text with a letter in it, not a number or a date."""
    return isinstance(value, str) and any(c.isalpha() for c in value)


def _table(records: list[list], name: str, notes: list[str],
           recognised: Callable[[str], bool] | None = None, where: str = "") -> Table:
    where = where or f"'{name}'"
    if not any(not _blank(v) for record in records for v in record):
        raise UnreadableInput(f"{where} is empty: no header row")
    start = _header_row(records, recognised)
    if start is None:
        raise UnreadableInput(
            f"{where} has no header row: none of its first {LOOKED_AT} rows names the "
            "columns (no header this import knows, such as 'Application Name', 'Vendor' or "
            "the headers mops export writes, and no row of column names; a line such as "
            "'Total, 1234' is data, not headers). Check that this is the right "
            + ("sheet (--sheet)" if where.startswith("sheet") else "file")
            + ", or add a header row above the data")
    if any(not _blank(v) for record in records[:start] for v in record):
        notes.append(f"the header is row {start + 1}; the {start} row(s) above it (a title or "
                     "export note) are not data")
    headers = []
    for index, header in enumerate(records[start]):
        text = str(header) if not _blank(header) else ""
        cleaned, removed = without_control_characters(text)
        if removed:
            notes.append(f"the header of column {index + 1} held {removed}, which a catalog "
                         f"cannot store: removed, the column is read as '{cleaned.strip()}'")
        headers.append(cleaned.strip())
    while headers and headers[-1] == "":
        headers.pop()  # trailing empty header cells (a sheet formatted further right)
    if not headers:
        raise UnreadableInput(f"'{name}' has an empty header row")
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        if header == "":
            raise UnreadableInput(f"column {index + 1} of '{name}' has no header, but the other "
                                  "columns do; name it (or delete the column)")
        if header in seen:
            raise UnreadableInput(f"columns {seen[header] + 1} and {index + 1} of '{name}' are "
                                  f"both headed '{header}'; rename one so it is clear which "
                                  "one to use")
        seen[header] = index
    rows = []
    for offset, record in enumerate(records[start + 1:], start=start + 2):
        values = list(record)
        extra = values[len(headers):]
        values = values[:len(headers)] + [""] * (len(headers) - len(values))
        cells = dict(zip(headers, values))
        row_notes = []
        for header, value in cells.items():
            if isinstance(value, str):
                cells[header], removed = without_control_characters(value)
                if removed:
                    row_notes.append(f"column '{header}' held {removed}, which a catalog "
                                     f"cannot store: removed, read as {cells[header]!r}")
        problem = None
        if any(not _blank(v) for v in extra):
            shown = ", ".join(repr(str(v)) for v in extra if not _blank(v))
            problem = (f"the row has {len(headers) + len(extra)} cells but the header has "
                       f"{len(headers)} columns; the extra values ({shown}) belong to no column "
                       "(a value with an unquoted delimiter in it?): fix the row and import "
                       "again")
        rows.append(Row(offset, cells, problem, notes=row_notes))
    return Table(headers, rows, notes)


def without_control_characters(text: str) -> tuple[str, str]:
    """``text`` without the control characters a catalog value may not hold, and what was
    removed, named (``"ESC (\\x1b)"``; "" when nothing was)."""
    found = FORBIDDEN.findall(text)
    if not found:
        return text, ""
    names = [describe(c) for c in dict.fromkeys(found)]
    return FORBIDDEN.sub("", text), ", ".join(names)
