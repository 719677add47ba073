"""Spreadsheets (.xlsx with openpyxl, .csv with the standard library): each row one readable block.

Every sheet is a section: a heading with the sheet's name (a CSV file's name without its
extension), added when the sheet has a row with a value. Its first row with several values is
the header row (rows of one value above it are titles, kept as paragraphs; in a sheet of one
column, the first row); every later row with a value becomes one ROW block that names each value
by its column:

    Vehicle: Van 14; Driver: Ana Ruiz; Next service: 19 June 2026

A column with an empty header cell, or past the header's last cell, is named by its letter
("Column C"); empty cells are left out and empty rows skipped. `page` is the row number the
sheet shows (1-based; in a CSV file the record number, blank lines counted as a spreadsheet
application shows them). The header row is not a block of its own: its names are in every row.

Values are written as people read them: dates "19 June 2026" (with "14:30" when there is a
time of day), times "14:30", numbers without a spurious ".0" and to Excel's 15 significant
digits, cells formatted as percentages "12.5%", booleans "yes" / "no". A formula shows the
value Excel cached when it last saved the file (openpyxl computes none; a file written by a
program that never computed it shows the formula cell as empty). CSV values are text already
and are kept as written.

Hidden sheets are read: like hidden columns, they hide nothing from someone who opens the file.
Sheets are streamed row by row (openpyxl's read-only mode), so memory stays bounded by the text
of the rows rather than by a workbook of cell objects.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from qa.ingest.documents import BlockKind, Document, DocumentBuilder

# English month names written out: strftime("%B") follows the process locale.
_MONTHS = "January February March April May June July August September October November December".split()
# The first bytes of an OLE compound file: what a password-protected .xlsx is (the encrypted zip
# sits inside one), and what an old binary .xls renamed to .xlsx is. Checked so that the warning
# can say so rather than report a "bad zip".
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What openpyxl raises on bytes it cannot read as a workbook: not a zip, a missing part (KeyError;
# OSError "File contains no valid workbook part"), malformed XML (lxml's or ElementTree's error),
# attributes or cell values of the wrong type, a style index past a missing styles part
# (IndexError), date serials out of range, a zip whose members are encrypted (RuntimeError) or
# compressed with a method zipfile lacks (NotImplementedError).
_DAMAGED = (
    RuntimeError,
    NotImplementedError,
    zipfile.BadZipFile,
    InvalidFileException,
    OSError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    OverflowError,
    etree.XMLSyntaxError,
    ElementTree.ParseError,
)
_CSV_DELIMITERS = ",;\t|"
# The sniffer's quote search takes time quadratic in a line's length: 16 KB keeps a file that is
# one long line of quoted fields to half a second.
_SNIFF_CHARS = 16 * 1024


def parse_xlsx(source: str, data: bytes) -> Document:
    """Each worksheet's heading and rows, in workbook order (see the module docstring).

    Raises ValueError, with a message that reads after "it" ("is a damaged spreadsheet, or not a
    .xlsx at all"), when the bytes are not a workbook openpyxl can read.
    """
    if data.startswith(_OLE_SIGNATURE):
        raise ValueError("is an encrypted (password-protected) spreadsheet, or an old .xls file named .xlsx")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            return _workbook(source, workbook)
        finally:
            workbook.close()
    except _DAMAGED:
        raise ValueError("is a damaged spreadsheet, or not a .xlsx at all") from None


def _workbook(source: str, workbook: Any) -> Document:
    """The document of an open read-only workbook; its sheets are parsed as they are read."""
    builder = DocumentBuilder(source)
    for sheet in workbook.worksheets:
        # The <dimension> a file declares may be stale or absent ("A1"), which would cut rows
        # short or pad each one to the declared width; without it every stored cell is read.
        sheet.reset_dimensions()
        rows = (_sheet_row(row) for row in sheet.iter_rows())
        _add_sheet(builder, sheet.title, enumerate(rows, 1))
    return builder.build()


def parse_csv(source: str, text: str) -> Document:
    """The file's rows under a heading of the file's name without its extension.

    The delimiter (",", ";", tab or "|") is found by `csv.Sniffer` in the first 16 KB, and is ","
    where the sniffer cannot tell; quoting follows RFC 4180, as spreadsheet applications write it.
    Raises ValueError on a row the csv module cannot read (a field over its size limit).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    builder = DocumentBuilder(source)
    try:
        _add_sheet(builder, PurePosixPath(source).stem, enumerate(reader, 1))
    except csv.Error as error:
        raise ValueError(f"is not a readable CSV file (record {reader.line_num}: {error})") from None
    return builder.build()


def _delimiter(text: str) -> str:
    """The sniffed delimiter only: the sniffer's guesses at quoting and escaping are often wrong
    on a small sample (it turns off doubled quotes when the sample has none)."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # a cut line would count its delimiters short
    try:
        return csv.Sniffer().sniff(sample, delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _add_sheet(builder: DocumentBuilder, name: str, rows: Iterable[tuple[int, Sequence[str]]]) -> None:
    """A sheet's heading and row blocks from its (row number, cell texts) in order, "" for empty cells.

    Rows of one value above the first row of several ("Price list 2024" above "Item, Size,
    Price") are titles, kept as paragraphs; where no row has several values (a one-column list),
    the first row is the header as usual.
    """
    names: list[str] | None = None
    titles: list[tuple[int, Sequence[str]]] = []
    for number, cells in rows:
        filled = sum(1 for cell in cells if cell.strip())
        if not filled:
            continue
        if names is None and filled == 1:
            titles.append((number, cells))
            continue
        if names is None:
            builder.add(name, BlockKind.HEADING)
            for title_number, title in titles:
                builder.add(" ".join(cell.strip() for cell in title if cell.strip()), BlockKind.PARAGRAPH, page=title_number)
            titles = []
            names = _names(cells)
            continue
        builder.add(_row_text(names, cells), BlockKind.ROW, page=number)
    if titles:  # one value per row throughout: the first row names the column
        builder.add(name, BlockKind.HEADING)
        names = _names(titles[0][1])
        for number, cells in titles[1:]:
            builder.add(_row_text(names, cells), BlockKind.ROW, page=number)


def _names(header: Sequence[str]) -> list[str]:
    """The header row's name of each column; an empty header cell's column is named by its letter."""
    return [cell.strip() or _column(index) for index, cell in enumerate(header)]


def _row_text(names: Sequence[str], cells: Sequence[str]) -> str:
    """The row as "Name: value; Name: value", of its non-empty cells."""
    return "; ".join(
        f"{names[index] if index < len(names) else _column(index)}: {cell.strip()}"
        for index, cell in enumerate(cells)
        if cell.strip()
    )


def _column(index: int) -> str:
    """The name of a column without a header: "Column C" for index 2."""
    return f"Column {get_column_letter(index + 1)}"


def _sheet_row(cells: tuple[Any, ...]) -> list[str]:
    """Texts of a read-only row's cells (openpyxl's ReadOnlyCell or EmptyCell)."""
    return [_cell_text(cell) for cell in cells]


def _cell_text(cell: Any) -> str:
    """A cell's value as people read it; "" for an empty cell."""
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return f"{_value_text(value * 100)}%"
    return _value_text(value)


def _value_text(value: Any) -> str:
    """Text of a value openpyxl read: str, bool, int, float, datetime, date, time, timedelta or None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, dt.datetime):
        return _date_text(value.date()) + (f" {_time_text(value.time())}" if value.time() != dt.time() else "")
    if isinstance(value, dt.date):
        return _date_text(value)
    if isinstance(value, dt.time):
        return _time_text(value)
    return str(value)


def _date_text(value: dt.date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _time_text(value: dt.time) -> str:
    """Hours and minutes ("14:30"), with seconds where there are some ("14:30:05")."""
    return f"{value:%H:%M:%S}" if value.second else f"{value:%H:%M}"
