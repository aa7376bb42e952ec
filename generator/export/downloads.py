"""The files the site offers for download, by path under the site root: the JSON export, one
CSV file per kind, the XLSX workbook and (unless the build is for a wide audience, which leaves
contract data out) the iCalendar feed of renewal and cancel-by dates."""

from __future__ import annotations

from generator.export.columns import rows
from generator.export.csv_export import csv_texts
from generator.export.ics_export import ics_text
from generator.export.json_export import render_json
from generator.export.xlsx_export import xlsx_bytes
from generator.model.catalog import KINDS, PLURAL

FOLDER = "downloads"
JSON_FILE = f"{FOLDER}/catalog.json"
XLSX_FILE = f"{FOLDER}/catalog.xlsx"
ICS_FILE = f"{FOLDER}/renewals.ics"
CSV_FOLDER = f"{FOLDER}/csv"


def download_paths(settings) -> list[str]:
    """Every download's path, without building any of them."""
    paths = [JSON_FILE, XLSX_FILE, *(f"{CSV_FOLDER}/{PLURAL[kind]}.csv" for kind in KINDS)]
    if settings.shows_costs:
        paths.append(ICS_FILE)
    return paths


def download_files(catalog, settings) -> dict[str, bytes]:
    """``{path: content}`` for every download (the paths ``download_paths`` lists)."""
    sheets = {kind: rows(kind, catalog.entities[kind], settings.shows_costs) for kind in KINDS}
    files = {JSON_FILE: render_json(catalog, settings).encode("utf-8"),
             XLSX_FILE: xlsx_bytes(catalog, settings, sheets)}
    for name, text in csv_texts(catalog, settings, sheets).items():
        files[f"{CSV_FOLDER}/{name}"] = text.encode("utf-8")
    if settings.shows_costs:
        files[ICS_FILE] = ics_text(catalog, settings).encode("utf-8")
    return files
