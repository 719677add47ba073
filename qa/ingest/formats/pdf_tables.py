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
from qa.ingest.formats.tables import column_names, named_row, table_rows

_log = logging.getLogger(__name__)
# A table is at least this many rows and columns with text; a box around a paragraph is none.
_MIN_ROWS = 2
_MIN_COLUMNS = 2
# A table without a header that starts in this top share of the page right after a page whose last
# table had one, with as many columns, goes on with that table: its header names its rows.
_CONTINUED_TOP = 0.25


@dataclass(frozen=True)
class Table:
    """A table's box in points (x rightwards, y down from the page's top), its rows' texts and the
    column names they were given (none: no header)."""

    x0: float
    x1: float
    top: float
    bottom: float
    rows: tuple[str, ...]
    names: tuple[str, ...] = ()

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
            carried: tuple[str, ...] = ()
            previous = 0
            for page in pdf.pages:
                if page.rotation % 360 or tuple(page.cropbox) != tuple(page.mediabox):
                    carried = ()
                    continue
                tables: list[Table] = []
                for each in sorted(page.find_tables(), key=lambda table: table.bbox[1]):
                    starts_page = not tables and page.page_number == previous + 1
                    continued = carried if starts_page and each.bbox[1] < _CONTINUED_TOP * page.height else ()
                    table = _table(page, each, continued)
                    if table is not None:
                        tables.append(table)
                carried, previous = (tables[-1].names if tables else ()), page.page_number
                if tables:
                    found[page.page_number] = tables
    # pdfminer.six raises many kinds of error on a damaged file that PDFium reads (a TypeError for
    # a page without a MediaBox); none of them may cost the file's text.
    except Exception:
        _log.debug("pdfplumber could not read the PDF's tables", exc_info=True)
        return {}
    return found


def _table(page: Page, found: FoundTable, continued: tuple[str, ...]) -> Table | None:
    """A found table as rows of text; a first row set in bold throughout, over rows that are not,
    is its header ("Payment | Amount | When due"), naming the cells below it; without one, the
    column names of the table it goes on with (`continued`), if it has as many columns. None for
    a box round a paragraph, and for text pdfminer.six cannot decode ("(cid:12)"), which PDFium
    reads."""
    rows = [[(" ".join((cell or "").split()), 1) for cell in row] for row in found.extract()]
    if any("(cid:" in text for row in rows for text, _ in row):
        return None
    kept = [i for i, row in enumerate(rows) if any(text for text, _ in row)]
    if len(kept) < _MIN_ROWS or max(sum(1 for text, _ in rows[i] if text) for i in kept) < _MIN_COLUMNS:
        return None
    header = kept[0] == 0 and _bold(page, found, 0) and not _bold(page, found, kept[1])
    x0, top, x1, bottom = found.bbox
    body = [rows[i] for i in kept]
    if header:
        return Table(x0, x1, top, bottom, tuple(table_rows(body, True)), tuple(column_names(body[0])))
    if continued and len(continued) == len(rows[0]):
        return Table(x0, x1, top, bottom, tuple(named_row(continued, cells) for cells in body), continued)
    return Table(x0, x1, top, bottom, tuple(table_rows(body, False)))


def _bold(page: Page, found: FoundTable, row: int) -> bool:
    """Whether every character in a row of the table is set in a bold font."""
    x0, top, x1, bottom = found.rows[row].bbox
    fonts = [char["fontname"] for char in page.within_bbox((x0, top, x1, bottom)).chars if char["text"].strip()]
    return bool(fonts) and all("bold" in font.lower() for font in fonts)
