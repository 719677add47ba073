"""Word tables for the benchmark folders' .docx files (python-docx), built alike in each."""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table


def add_table(table: Table, rows: Sequence[Sequence[str]], marked: bool) -> None:
    """The rows in `table` (made with one row and as many columns as a row has), the first in bold
    and, if `marked`, marked as its header row (<w:tblHeader>, repeated at the top of each page)."""
    header, *body = rows
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    if marked:
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(marker)
    for row in body:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
