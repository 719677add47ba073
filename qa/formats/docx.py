"""Word (.docx): paragraphs, headings and tables in document order, with python-docx."""

from __future__ import annotations

import io

import docx
from docx.table import Table

from qa.documents import BlockKind, Document, DocumentBuilder


def parse_docx(source: str, data: bytes) -> Document:
    """Heading and Title styles become sections; list styles are items; a table row is one item."""
    document = docx.Document(io.BytesIO(data))
    builder = DocumentBuilder(source)
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            for row in part.rows:
                cells = _unique_cells(row.cells)
                builder.add(" | ".join(c for c in cells if c), BlockKind.ITEM)
            continue
        style = (part.style.name if part.style is not None else "") or ""
        if style.startswith("Heading") or style == "Title":
            kind = BlockKind.HEADING
        elif "List" in style:
            kind = BlockKind.ITEM
        else:
            kind = BlockKind.PARAGRAPH
        builder.add(part.text, kind)
    return builder.build()


def _unique_cells(cells) -> list[str]:
    """Cell texts of a row; a merged cell, which python-docx repeats, counts once."""
    seen: list[int] = []
    texts = []
    for cell in cells:
        if id(cell._tc) in seen:
            continue
        seen.append(id(cell._tc))
        texts.append(" ".join(cell.text.split()))
    return texts
