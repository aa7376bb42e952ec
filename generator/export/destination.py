"""Where an export may write: files an earlier export wrote are replaced, anything else is not.

``mops export --out PATH`` must never overwrite a file of the user's. A file already at PATH is
replaced only when it is recognisably an export of the same format (``written_by_export``):

* JSON: one object whose keys are all kinds of the catalog document, ``tools`` among them;
* iCalendar: a calendar whose ``PRODID`` is the renewal feed's;
* XLSX: a workbook holding every sheet an export writes (``tools``, ``roles``, ..., ``RACI``);
* CSV: the export writes a folder, and marks it with ``MARKER``; in a marked folder the
  kinds' files (``tools.csv``, ...) are replaced, in any other folder none is.

Everything else needs ``--force``. The catalog's own folders, the docs folder and a ``.git``
are refused even with it (``generator.load.places``).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from generator.model.catalog import KINDS, PLURAL

MARKER = ".mops-export"
MARKER_TEXT = ("This folder holds CSV files written by `mops export --format csv`.\n"
               "The next export into it replaces them (tools.csv, roles.csv, ...); any other "
               "file here is left alone.\n")
DOCUMENT_KEYS = {"layers", "categories", "tasks", *(PLURAL[kind] for kind in KINDS)}
"""The top-level keys of ``json_export.catalog_document``."""
ICS_PRODUCT_ID = "PRODID:-//mops-catalog//renewals//EN"
MAX_SNIFF = 256 * 1024 * 1024
"""A file larger than this is no export of a catalog; it is not read to find out."""


def csv_file_names() -> list[str]:
    """The files ``mops export --format csv`` writes into its folder."""
    return [f"{PLURAL[kind]}.csv" for kind in KINDS]


def written_by_export(fmt: str, path: Path) -> bool:
    """Whether the file at ``path`` is one ``mops export --format fmt`` wrote."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_SNIFF:
            return False
        if fmt == "json":
            document = json.loads(path.read_text(encoding="utf-8"))
            return (isinstance(document, dict) and "tools" in document
                    and set(document) <= DOCUMENT_KEYS)
        if fmt == "ics":
            text = path.read_text(encoding="utf-8")
            return text.startswith("BEGIN:VCALENDAR") and ICS_PRODUCT_ID in text.splitlines()
        if fmt == "xlsx":
            return _export_workbook(path)
    except (OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile, KeyError):
        return False
    return False


def _export_workbook(path: Path) -> bool:
    from generator.export.xlsx_export import sheet_names  # openpyxl: only when needed

    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
    names = set(re.findall(r'<sheet\b[^>]*\bname="([^"]*)"', workbook))
    return set(sheet_names()) <= names
