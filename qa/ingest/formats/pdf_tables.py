"""PDF tables drawn with ruled lines, found by pdfplumber: each row as one text, named by its header.

PDFium's text lines cross a table's cells in the order the file draws them, and the layout reading
(`qa.ingest.formats.pdf_layout`) took a table's first column for headings and its other columns
for a paragraph each ("Amount £265 £1,326 £1,150 £35 each"). pdfplumber finds the cells from the
lines the page draws; it parses the page again with pdfminer.six, so it is asked only about pages
that draw enough straight lines to rule a table (`qa.ingest.formats.pdf`).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import pdfplumber
from pdfplumber.page import Page
from pdfplumber.table import Table as FoundTable

from qa.ingest.formats.pdf_layout import Line
from qa.ingest.formats.tables import table_rows

_log = logging.getLogger(__name__)
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
    """The ruled tables of the given pages (1-based numbers) of a PDF, top down, by page number.
    Pages turned by /Rotate or cut by a crop box are left out (PDFium and pdfplumber measure them
    from other corners); {} where pdfplumber cannot read the file, whose text lines are then read
    as they are (`qa.ingest.formats.pdf`)."""
    if not pages:
        return {}
    found: dict[int, list[Table]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data), pages=pages) as pdf:
            for page in pdf.pages:
                if page.rotation % 360 or tuple(page.cropbox) != tuple(page.mediabox):
                    continue
                tables = [table for table in (_table(page, each) for each in page.find_tables()) if table is not None]
                if tables:
                    found[page.page_number] = sorted(tables, key=lambda table: table.top)
    # pdfminer.six raises many kinds of error on a damaged file that PDFium reads (a TypeError for
    # a page without a MediaBox); none of them may cost the file's text.
    except Exception:
        _log.debug("pdfplumber could not read the PDF's tables", exc_info=True)
        return {}
    return found


def _table(page: Page, found: FoundTable) -> Table | None:
    """A found table as rows of text; a first row set in bold throughout, over rows that are not,
    is its header ("Payment | Amount | When due"), naming the cells below it. None for a box round
    a paragraph, and for text pdfminer.six cannot decode ("(cid:12)"), which PDFium reads."""
    rows = [[(" ".join((cell or "").split()), 1) for cell in row] for row in found.extract()]
    if any("(cid:" in text for row in rows for text, _ in row):
        return None
    kept = [i for i, row in enumerate(rows) if any(text for text, _ in row)]
    if len(kept) < _MIN_ROWS or max(sum(1 for text, _ in rows[i] if text) for i in kept) < _MIN_COLUMNS:
        return None
    header = kept[0] == 0 and _bold(page, found, 0) and not _bold(page, found, kept[1])
    x0, top, x1, bottom = found.bbox
    return Table(x0, x1, top, bottom, tuple(table_rows([rows[i] for i in kept], header)))


def _bold(page: Page, found: FoundTable, row: int) -> bool:
    """Whether every character in a row of the table is set in a bold font."""
    x0, top, x1, bottom = found.rows[row].bbox
    fonts = [char["fontname"] for char in page.within_bbox((x0, top, x1, bottom)).chars if char["text"].strip()]
    return bool(fonts) and all("bold" in font.lower() for font in fonts)
