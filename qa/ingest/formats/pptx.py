"""Slides (.pptx): each slide's title, text, tables and speaker notes, in reading order, with python-pptx.

What becomes blocks, slide by slide (every block's `page` is the 1-based slide number):

- the title (the slide's title placeholder) as a heading, so the section of the slide's other
  blocks; a slide without a title, or with an empty one, gets the heading "Slide N";
- its shapes top to bottom, then left to right, by position (a group is read as one shape at
  its own position, its members in the same order inside it): each paragraph of a text frame is
  a block, and each table row a TABLE_ROW block (a merged cell once, in the row it starts in),
  read as `qa.ingest.formats.tables` says, the header row being the first where the table marks
  it so (PowerPoint's default);
- the speaker notes, after the slide's own text, under a heading of their own (below), one
  paragraph block per paragraph.

A paragraph is an item when it is indented (level > 0) or its own properties give it a bullet
character or automatic number, unless it is a first-level paragraph and the next one is indented
under it (then it leads in to its points: "In scope", then the points in scope); otherwise a
paragraph, also where the bullet is inherited from the master (the usual level-0 bullets of a
content placeholder): read as items, a slide's "Total budget: £1.45 million" and "Delivery
partner: £920,000" became one list, shown whole for "What's the total budget?" (0.28 against 0.76
for the line alone). python-pptx has no API for bullets, so the markup is read here.

The speaker notes come under a heading "Speaker notes", one level below the slide's title, so that
an answer from them is cited as such ("deck.pptx, slide 3 — Budget › Speaker notes").

Hidden slides are read too: hiding a slide is a choice about the slide show, not about what the
file holds, and appendix or backup slides are often the ones holding the details people ask about.
Date, footer and slide-number placeholders are left out: they repeat on every slide or hold a
field, not content. Charts, pictures and SmartArt hold no text python-pptx reads.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

import pptx
from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PythonPptxError
from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.slide import Slide
from pptx.table import Table
from pptx.text.text import TextFrame, _Paragraph

from qa.ingest.documents import BlockKind, Document, DocumentBuilder
from qa.ingest.formats.tables import table_rows

# Placeholders whose text is slide furniture rather than content.
_FURNITURE = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
# Bullet markup a paragraph may carry in its own properties (a:pPr); python-pptx exposes none.
_BULLETS = (qn("a:buChar"), qn("a:buAutoNum"))
_NOTES_HEADING = "Speaker notes"
# The first bytes of an OLE compound file: what a password-protected .pptx is (the encrypted zip
# sits inside one), and what an old binary .ppt renamed to .pptx is. Checked so that the warning
# can say so rather than report a "bad zip".
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What python-pptx raises on a package it cannot read: not a zip, a missing part, malformed XML,
# or parts of the wrong type (ValueError, TypeError, AttributeError while it follows relationships),
# a zip whose members are encrypted (RuntimeError) or compressed with a method zipfile lacks
# (NotImplementedError).
_DAMAGED = (
    RuntimeError,
    NotImplementedError,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    etree.XMLSyntaxError,
    PythonPptxError,
)


def parse_pptx(source: str, data: bytes) -> Document:
    """The slides' blocks in order (see the module docstring), each with its slide number as `page`.

    Raises ValueError, with a message that reads after "it" ("is a damaged presentation, or not a
    .pptx at all"), when the bytes are not a presentation python-pptx can read.
    """
    if data.startswith(_OLE_SIGNATURE):
        raise ValueError("is an encrypted (password-protected) presentation, or an old .ppt file named .pptx")
    try:
        return _parse(source, pptx.Presentation(io.BytesIO(data)))
    except _DAMAGED:
        raise ValueError("is a damaged presentation, or not a .pptx at all") from None


def _parse(source: str, presentation: Presentation) -> Document:
    builder = DocumentBuilder(source)
    for number, slide in enumerate(presentation.slides, 1):
        for text, kind in _slide(slide, number):
            builder.add(text, kind, page=number)
        if slide.has_notes_slide and (notes := slide.notes_slide.notes_text_frame) is not None and notes.text.strip():
            builder.add(_NOTES_HEADING, BlockKind.HEADING, page=number, level=1)
            for paragraph in notes.paragraphs:
                builder.add(paragraph.text, BlockKind.PARAGRAPH, page=number)
    return builder.build()


def _slide(slide: Slide, number: int) -> Iterator[tuple[str, BlockKind]]:
    """(text, kind) of the slide's heading and shapes, in that order."""
    title = slide.shapes.title
    title_text = title.text_frame.text if title is not None and title.has_text_frame else ""
    yield (title_text if title_text.strip() else f"Slide {number}"), BlockKind.HEADING
    others = [shape for shape in slide.shapes if title is None or shape.shape_id != title.shape_id]
    yield from _shapes(others)


def _shapes(shapes: Iterable[BaseShape]) -> Iterator[tuple[str, BlockKind]]:
    """Blocks of shapes in reading order; a group's members in their order within the group."""
    for shape in sorted(shapes, key=_position):
        if shape.is_placeholder and shape.placeholder_format.type in _FURNITURE:
            continue
        if isinstance(shape, GroupShape):
            yield from _shapes(shape.shapes)
        elif isinstance(shape, Shape):
            yield from _paragraphs(shape.text_frame)
        elif isinstance(shape, GraphicFrame) and shape.has_table:
            yield from ((row, BlockKind.TABLE_ROW) for row in _rows(shape.table))


def _position(shape: BaseShape) -> tuple[int, int]:
    """(top, left) in EMU; a shape without a position of its own or its layout's sorts first."""
    return shape.top or 0, shape.left or 0


def _paragraphs(frame: TextFrame) -> Iterator[tuple[str, BlockKind]]:
    """Each paragraph of a text frame; a first-level one that the next is indented under leads in to
    it (see the module docstring)."""
    paragraphs = list(frame.paragraphs)
    for paragraph, after in zip(paragraphs, [*paragraphs[1:], None], strict=True):
        leads_in = paragraph.level == 0 and after is not None and after.level > 0
        item = _is_bulleted(paragraph) and not leads_in
        yield paragraph.text, BlockKind.ITEM if item else BlockKind.PARAGRAPH


def _is_bulleted(paragraph: _Paragraph) -> bool:
    """Indented, or with a bullet or number of its own (see the module docstring)."""
    if paragraph.level > 0:
        return True
    properties = paragraph._p.pPr
    return properties is not None and any(properties.find(tag) is not None for tag in _BULLETS)


def _rows(table: Table) -> Iterator[str]:
    """Each row as one line (see the module docstring); cells a merge spans are skipped, so its
    text comes once."""
    rows = [
        [(" ".join(cell.text.split()), cell.span_width if cell.is_merge_origin else 1) for cell in row.cells if not cell.is_spanned]
        for row in table.rows
    ]
    yield from table_rows(rows, table.first_row) if rows else []
