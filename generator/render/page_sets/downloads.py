"""The index page of the CSV downloads (``downloads/csv/``), so the folder's address shows a
page, not a directory listing (or a 404 on hosts without listings)."""

from __future__ import annotations

from generator.export.downloads import CSV_FOLDER, download_paths

CSV_INDEX = f"{CSV_FOLDER}/index.md"


def csv_index_page(r) -> dict:
    if not r.wants(CSV_INDEX):
        return {}
    files = {path: path.rsplit("/", 1)[1] for path in download_paths(r.settings)
             if path.startswith(f"{CSV_FOLDER}/")}
    return {CSV_INDEX: r.page("downloads-csv.md.j2", CSV_INDEX, r.t("downloads.csv.title"),
                              files=files)}
