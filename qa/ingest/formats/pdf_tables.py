"""PDF tables drawn with ruled lines, found by pdfplumber: each row as one text, named by its header.

PDFium's text lines cross a table's cells in the order the file draws them, and the layout reading
(`qa.ingest.formats.pdf_layout`) took a table's first column for headings and its other columns
for a paragraph each ("Amount £265 £1,326 £1,150 £35 each"). pdfplumber finds the cells from the
lines the page draws; it parses the page again with pdfminer.six, so it is asked only about pages
that draw lines at all.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from qa.ingest.formats.pdf_layout import Line
from qa.ingest.formats.tables import table_rows

# A table is at least this many rows and columns with text; a box around a paragraph is none.
_MIN_ROWS = 2
_MIN_COLUMNS = 2


@dataclass(frozen=True)
class Table:
    """A table's box in points (x rightwards, y down from the page's top) and its rows' texts."""

    x0: float
    x1: float
    top: float
    bottom: float
    rows: tuple[str, ...]

    def holds(self, line: Line) -> bool:
        """Whether the middle of a text line lies in the table's box."""
        x, y = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


def ruled_tables(data: bytes, pages: list[int]) -> dict[int, list[Table]]:
    """The ruled tables of the given pages (1-based numbers) of a PDF, top down, by page number;
    {} where pdfplumber cannot read the file (the text layer is read as before)."""
    if not pages:
        return {}
    found: dict[int, list[Table]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data), pages=pages) as pdf:
            for page in pdf.pages:
                tables = [table for table in map(_table, page.find_tables()) if table is not None]
                if tables:
                    found[page.page_number] = sorted(tables, key=lambda table: table.top)
    except (PdfminerException, MalformedPDFException):
        return {}
    return found


def _table(found: pdfplumber.table.Table) -> Table | None:
    """A found table as rows of text; a first row with text in every cell and no digit is its
    header ("Payment | Amount | When due"), naming the cells below it."""
    rows = [[(" ".join((cell or "").split()), 1) for cell in row] for row in found.extract()]
    rows = [row for row in rows if any(text for text, _ in row)]
    if len(rows) < _MIN_ROWS or max(sum(1 for text, _ in row if text) for row in rows) < _MIN_COLUMNS:
        return None
    header = all(text and not any(c.isdigit() for c in text) for text, _ in rows[0])
    x0, top, x1, bottom = found.bbox
    return Table(x0, x1, top, bottom, tuple(table_rows(rows, header)))
