"""generator.importing.tables: encodings, delimiters, sheets, duplicate headers, ragged rows."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest
from openpyxl import Workbook

from generator.importing.tables import UnreadableInput, read_table

TEXT = "Application Name,Vendor,Cost\nCafé Pro,Caféine,\"1,200\"\nSlack,Salesforce,10\n"


@pytest.mark.parametrize("encoded, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 with BOM"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le with BOM"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be with BOM"),
    (TEXT.encode("utf-16-le"), "utf-16-le without BOM"),
    (TEXT.encode("utf-16-be"), "utf-16-be without BOM"),
    (TEXT.encode("cp1252"), "windows-1252"),
])
def test_encodings(tmp_path, encoded, encoding):
    path = tmp_path / "apps.csv"
    path.write_bytes(encoded)
    table = read_table(path)
    assert table.headers == ["Application Name", "Vendor", "Cost"]
    assert [r.cells["Application Name"] for r in table.rows] == ["Café Pro", "Slack"]
    assert table.rows[0].cells["Cost"] == "1,200"
    assert encoding in table.notes[0]


@pytest.mark.parametrize("delimiter, name", [(";", "semicolon"), ("\t", "tab"),
                                             ("|", "vertical bar"), (",", "comma")])
def test_delimiters(tmp_path, delimiter, name):
    path = tmp_path / "apps.csv"
    path.write_text(delimiter.join(["Tool", "Cost", "Notes"]) + "\n"
                    + delimiter.join(["Miro", "1.200,00", "a, b"]) + "\n", encoding="utf-8")
    if delimiter == ",":
        path.write_text('Tool,Cost,Notes\nMiro,"1.200,00","a, b"\n', encoding="utf-8")
    table = read_table(path)
    assert table.rows[0].cells == {"Tool": "Miro", "Cost": "1.200,00", "Notes": "a, b"}
    assert f"separated by {name}s" in table.notes[0]


def test_exact_duplicate_headers_are_an_error(tmp_path):
    path = tmp_path / "apps.csv"
    path.write_text("Tool,Owner,Owner\nMiro,Ana,Bo\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="columns 2 and 3 of 'apps.csv' are both headed "
                                              "'Owner'"):
        read_table(path)


def test_ragged_rows_say_what_is_wrong(tmp_path):
    path = tmp_path / "apps.csv"
    path.write_text("Tool,Cost\nMiro,1,200\nSlack\n\nZoom,5\n", encoding="utf-8")
    table = read_table(path)
    too_long, short, blank, fine = table.rows
    assert too_long.number == 2 and "3 cells but the header has 2 columns" in too_long.problem
    assert "'200'" in too_long.problem
    assert short.problem is None and short.cells == {"Tool": "Slack", "Cost": ""}
    assert blank.cells == {"Tool": "", "Cost": ""} and blank.number == 4
    assert fine.number == 5 and fine.problem is None


def test_binary_and_empty_files(tmp_path):
    path = tmp_path / "apps.csv"
    path.write_bytes(b"\x00\x01\x02\x00\x00\x00\x00\x00")
    with pytest.raises(UnreadableInput):
        read_table(path)
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="no header row"):
        read_table(path)
    path.write_text("Tool,,Cost\nA,b,1\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="column 2 of 'apps.csv' has no header"):
        read_table(path)


def test_xlsx_sheets_types_and_formulas(tmp_path):
    workbook = Workbook()
    first = workbook.active
    first.title = "Readme"
    first.append(["Nothing here"])
    apps = workbook.create_sheet("Apps")
    apps.append(["Tool", "Renewal", "Seats", "SSO", "Cost"])
    apps.append(["Miro", dt.datetime(2026, 12, 31), 12, True, "=B2*12"])
    path = tmp_path / "apps.xlsx"
    workbook.save(path)
    assert read_table(path).headers == ["Nothing here"]
    assert "use --sheet" in read_table(path).notes[0]
    table = read_table(path, sheet="Apps")
    assert table.rows[0].cells == {"Tool": "Miro", "Renewal": dt.date(2026, 12, 31),
                                   "Seats": 12, "SSO": True, "Cost": "=B2*12"}
    assert read_table(path, preferred="Apps").headers[0] == "Tool"
    with pytest.raises(UnreadableInput, match="has no sheet 'Tools'; its sheets are 'Readme', "
                                              "'Apps'"):
        read_table(path, sheet="Tools")


def test_title_lines_above_the_header(tmp_path):
    path = tmp_path / "apps.csv"
    path.write_text("Applications export\nGenerated 2026-05-01\n\nTool,Cost\nMiro,5\n",
                    encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Tool", "Cost"]
    assert [(r.number, r.cells) for r in table.rows] == [(5, {"Tool": "Miro", "Cost": "5"})]
    assert "the header is row 4; the 3 row(s) above it" in table.notes[-1]
    single = tmp_path / "one.csv"
    single.write_text("Tool\nMiro\nLoom\n", encoding="utf-8")  # a one-column sheet
    assert [r.cells["Tool"] for r in read_table(single).rows] == ["Miro", "Loom"]
    semicolons = tmp_path / "eu.csv"
    semicolons.write_text("Export, May 2026\nTool;Kosten;Notiz\nMiro;1.200,00;a, b\n",
                          encoding="utf-8")
    table = read_table(semicolons)
    assert table.headers == ["Tool", "Kosten", "Notiz"]
    assert table.rows[0].cells["Notiz"] == "a, b"


def test_the_header_is_the_row_of_known_headers_not_the_first_filled_one(tmp_path):
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    for record in (["Total", 1234], ["Tools", 2], [], ["Application Name", "Vendor", "ACV"],
                   ["Figma", "Figma", 1200]):
        summary.append(record)
    totals = workbook.create_sheet("Totals")
    totals.append(["Total", 1234])
    totals.append(["Average", 617])
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    known = {"Application Name", "Vendor", "ACV"}.__contains__
    table = read_table(path, sheet="Summary", recognised=known)
    assert table.headers == ["Application Name", "Vendor", "ACV"]
    assert [r.number for r in table.rows] == [5]
    # without knowing any header: the most header-like row (labels, not "Total, 1234")
    assert read_table(path, sheet="Summary").headers == ["Application Name", "Vendor", "ACV"]
    with pytest.raises(UnreadableInput, match="sheet 'Totals' of 'book.xlsx' has no header "
                                              "row: none of its first 20 rows names"):
        read_table(path, sheet="Totals", recognised=known)
    csv_path = tmp_path / "totals.csv"
    csv_path.write_text("Total,1234\nAverage,617\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="'totals.csv' has no header row"):
        read_table(csv_path)
