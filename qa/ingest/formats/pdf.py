"""PDF: the lines of each page with their boxes (PDFium, through pypdfium2), read column by
column and joined into paragraphs where they were only wrapped, without running headers,
footers and page numbers; ruled tables row by row (`qa.ingest.formats.pdf_tables`). Scanned pages
are rendered and read by OCR (`needs_ocr` says which)."""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image

from qa.ingest.documents import BlockKind, Document, DocumentBuilder
from qa.ingest.formats.pdf_layout import Line, Paragraph, gutters, join_pages, paragraphs, rows
from qa.ingest.formats.pdf_tables import Table, ruled_tables
from qa.ingest.formats.text import TERMINAL, layout_blocks
from qa.ingest.ocr import DPI, FileOcr

# Lines on this many rows at the top or bottom of a page may be running headers or footers.
_EDGE_ROWS = 3
# A line found at the edge of at least this share of the pages is page furniture.
_FURNITURE_SHARE = 0.5
# A paragraph of at most _HEADING_WORDS set this much larger than the body text (the size most
# characters have) is a heading; a longer one is a lead paragraph, kept as an answer candidate.
_HEADING_SIZE = 1.15
_HEADING_WORDS = 20
_HAS_LETTER = re.compile(r"[^\W\d_]")
# PDFium writes a hyphen at a line end, which it takes for a word break, as one of these.
_PDFIUM_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})
# A page is scanned, and read by OCR, when its text layer holds no text, or fewer than
# _SCAN_MAX_CHARS characters (a stamp, a page number added by the scanner) while images cover at
# least _SCAN_IMAGE_SHARE of it. A page of running text has several hundred characters.
_SCAN_MAX_CHARS = 100
_SCAN_IMAGE_SHARE = 0.5
# A page that draws this many straight path segments (lines, a box's sides) or more may hold a
# ruled table: two rows of two cells drawn as boxes, or as six lines. A rule under a heading, a
# page's header and footer lines, a box around a note or a logo's curves are fewer. Only such
# pages are searched for tables (`qa.ingest.formats.pdf_tables`), which is slow: pages of 40 lines
# each were read at 12 pages/s searched, 288 not (2026-12-02, 2 cores, AVX-512).
_RULED_SEGMENTS = 12
# Characters side by side on a row this many font sizes apart may stand on either side of a column
# gutter (as `qa.ingest.formats.pdf_layout` reads one), or of a wide space between justified words.
_GAP = 1.0
# A character turned by more than this (radians) from the horizontal is set sideways.
_TURN = 0.1
_PAGE_NUMBER = re.compile(r"^[\s\-–—(\[]*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[\s\-–—)\]]*$", re.IGNORECASE)


class PdfError(ValueError):
    """A PDF that cannot be indexed; the message says which kind of problem."""


@dataclass(frozen=True)
class _Page:
    lines: list[Line]  # the text layer's
    scanned: bool  # see needs_ocr
    ruled: bool  # it draws enough lines to rule a table (see _RULED_SEGMENTS)


def parse_pdf(source: str, data: bytes, ocr: FileOcr | None = None) -> Document:
    """Blocks carry their 1-based page; furniture repeated across pages is left out.

    Scanned pages are rendered at `qa.ingest.ocr.DPI` and recognised through `ocr`, their blocks
    marked `ocr=True` (their text layer, if any, is left out); without `ocr` they keep their text layer.

    Raises:
        PdfError: the PDF is encrypted or damaged, or has no text layer and no `ocr` was given.
        qa.ingest.ocr.OcrUnavailableError: a page needs OCR and OCR cannot run.
    """
    with _opened(data) as document:
        pages = _read_pages(document)
        scanned = [number for number, page in enumerate(pages, 1) if page.scanned]
        try:
            recognised = ocr.pages(scanned, lambda number: _render(document, number)) if ocr and scanned else {}
        except pdfium.PdfiumError:
            raise PdfError("is a damaged PDF (a page cannot be drawn for OCR)") from None
    if not recognised and not any(page.lines for page in pages):
        raise PdfError("is a PDF without a text layer (scanned? it needs OCR first)")
    text_pages = [[] if number in recognised else page.lines for number, page in enumerate(pages, 1)]
    furniture = _furniture(text_pages)
    tables = ruled_tables(data, [n for n, page in enumerate(pages, 1) if page.ruled and text_pages[n - 1]])
    page_paragraphs = join_pages(
        [_page_paragraphs(_without_furniture(lines, furniture), tables.get(n, [])) for n, lines in enumerate(text_pages, 1)]
    )
    body = _body_size(page_paragraphs)
    page_paragraphs = [_wrapped_headings(found, body) for found in page_paragraphs]
    levels = _heading_levels(page_paragraphs, body)
    builder = DocumentBuilder(source)
    for number, found in enumerate(page_paragraphs, 1):
        for paragraph in found:
            _add(builder, paragraph, body, levels, number)
        for block in recognised.get(number, []):
            builder.add(block.text, block.kind, page=number, ocr=True, level=block.level)
    return builder.build()


def _page_paragraphs(lines: list[Line], tables: list[Table]) -> list[Paragraph]:
    """A page's paragraphs in reading order, each table as one paragraph of its rows where it
    stands: in its column, among that column's lines (`Line.rows`); lines inside it are its
    cells' text. A table that holds none of the lines is left out, its text read as lines.

    The page was cut at a table's top before (2026-12-02): a table in the left one of two columns
    cut the right column in two, and its halves were read before and after the table, the first
    joined to the left column's last line above the table."""
    for table in tables:
        outside = [line for line in lines if not table.holds(line)]
        if len(outside) == len(lines):
            continue  # no text line of PDFium's in it: the two do not agree where it stands
        box = Line(table.rows[0], table.x0, table.x1, table.top, table.bottom, 0.0, table.x1 - table.x0, table.rows)
        lines = [*outside, box]
    return paragraphs(lines)


def needs_ocr(page: pdfium.PdfPage, lines: list[Line]) -> bool:
    """Whether a page is scanned: no text layer but something drawn, or under _SCAN_MAX_CHARS
    characters of text on a page that images cover for the most part. A page of text never is."""
    characters = sum(len(line.text) for line in lines)
    if characters >= _SCAN_MAX_CHARS:
        return False
    if characters == 0:
        return any(True for _ in page.get_objects(max_depth=1))
    return _image_share(page) >= _SCAN_IMAGE_SHARE


def _image_share(page: pdfium.PdfPage) -> float:
    """The share of the page's area its images cover (overlaps counted twice, at most 1)."""
    width, height = page.get_size()
    covered = 0.0
    for image in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = image.get_bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return min(1.0, covered / (width * height)) if width * height > 0 else 0.0


def _segments(page: pdfium.PdfPage) -> int:
    """How many straight path segments (lines, a box's sides) the page draws."""
    count = 0
    for path in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH]):
        for index in range(pdfium_raw.FPDFPath_CountSegments(path.raw)):
            segment = pdfium_raw.FPDFPath_GetPathSegment(path.raw, index)
            count += pdfium_raw.FPDFPathSegment_GetType(segment) == pdfium_raw.FPDF_SEGMENT_LINETO
    return count


def _render(document: pdfium.PdfDocument, number: int) -> Image.Image:
    """Page `number` (1-based) as a grayscale image at `DPI` dots per inch."""
    page = document[number - 1]
    try:
        return page.render(scale=DPI / 72, grayscale=True).to_pil()
    finally:
        page.close()


def _is_heading(paragraph: Paragraph, body: float) -> bool:
    """Short, and set larger than the body text."""
    return paragraph.size > _HEADING_SIZE * body and len(paragraph.text.split()) <= _HEADING_WORDS


def _wrapped_headings(found: list[Paragraph], body: float) -> list[Paragraph]:
    """A page's paragraphs, a heading set over two lines or more made one: a heading that ends
    without punctuation and the next paragraph, a heading of its size, joined ("Arden Kestrel" and
    "Owner's Manual (excerpt)", which would else be two sections, the second in place of the first)."""
    joined: list[Paragraph] = []
    for paragraph in found:
        last = joined[-1] if joined else None
        if (
            last is not None
            and _is_heading(last, body)
            and _is_heading(paragraph, body)
            and _level_size(last.size) == _level_size(paragraph.size)
            and not last.text.endswith(TERMINAL)
        ):
            joined[-1] = Paragraph(f"{last.text} {paragraph.text}", last.size)
        else:
            joined.append(paragraph)
    return joined


def _heading_levels(page_paragraphs: list[list[Paragraph]], body: float) -> dict[float, int]:
    """Heading level by font size (points, to the half point, as `_level_size` rounds): the
    document's largest heading size is level 1, the next largest 2, and so on."""
    sizes = {_level_size(p.size) for found in page_paragraphs for p in found if _is_heading(p, body)}
    return {size: level for level, size in enumerate(sorted(sizes, reverse=True), 1)}


def _level_size(size: float) -> float:
    return round(size * 2) / 2


def _add(builder: DocumentBuilder, paragraph: Paragraph, body: float, levels: dict[float, int], page: int) -> None:
    """A paragraph as one block: a heading, of its size's level, if it is one; else as laid out,
    where a short unpunctuated line in body type is a heading below every larger one. A table's
    rows are a block each."""
    if paragraph.rows:
        for row in paragraph.rows:
            builder.add(row, BlockKind.TABLE_ROW, page=page)
        return
    if _is_heading(paragraph, body):
        builder.add(paragraph.text, BlockKind.HEADING, page=page, level=levels[_level_size(paragraph.size)])
        return
    for kind, start, end in layout_blocks(paragraph.text):
        builder.add(paragraph.text[start:end], kind, page=page, level=len(levels) + 1)


def _body_size(page_paragraphs: list[list[Paragraph]]) -> float:
    """The font size (points) that most characters of the document have."""
    sizes: Counter[float] = Counter()
    for found in page_paragraphs:
        for paragraph in found:
            if not paragraph.rows:
                sizes[round(paragraph.size, 1)] += len(paragraph.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _read_pages(document: pdfium.PdfDocument) -> list[_Page]:
    try:
        return [_read_page(document, index) for index in range(len(document))]
    except pdfium.PdfiumError:
        raise PdfError("is a damaged PDF (a page cannot be read)") from None


@contextmanager
def _opened(data: bytes) -> Iterator[pdfium.PdfDocument]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_raw.FPDF_ERR_PASSWORD:
            raise PdfError("is an encrypted PDF (it needs a password)") from None
        raise PdfError("is a damaged PDF, or not a PDF at all") from None
    try:
        yield document
    finally:
        document.close()


def _read_page(document: pdfium.PdfDocument, index: int) -> _Page:
    """A page's text lines (`_lines`), with y measured down from the page's top, and whether it is
    scanned."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        lines = _lines(textpage, page.get_height())
        return _Page(lines, needs_ocr(page, lines), _segments(page) >= _RULED_SEGMENTS)
    finally:
        textpage.close()
        page.close()


def _lines(textpage: pdfium.PdfTextPage, height: float) -> list[Line]:
    """The page's characters in PDFium's reading order, cut into lines where PDFium ends a line,
    where a character stands on another row or back to the left of the one before, and where one
    stands more than _GAP font sizes to the right of the one before at a column gutter
    (`qa.ingest.formats.pdf_layout.gutters`; not at a wide space between justified words).
    Boxes are PDFium's loose ones (the font's ascent and descent), so that every line of one size
    is as tall; a line's size is its first character's. Turned text (a margin stamp, a page's
    content set sideways) is cut only where PDFium ends its lines.

    PDFium's text rectangles were the lines before (2026-12-02), but a browser's "Save as PDF"
    (Chromium, Skia) places glyphs one by one: PDFium gives a rectangle per glyph or per few, which
    overlap ("Te" and "Terms of Membership"), and their text came out doubled and out of order
    ("Monday to F riday fr om")."""
    pieces: list[tuple[Line, bool]] = []  # each line, and whether a wide gap cut it from the one before
    text: list[str] = []
    # The open line's box (left, bottom, right, top), its first character's size, the width of its
    # first word (0 until a space ends it), whether its text is turned (by its first character;
    # turned text goes on until PDFium ends its line) and whether a wide gap cut it from the line
    # before; and the box of its last character.
    left = bottom = right = top = size = first_word = 0.0
    turned = gapped = False
    last: tuple[float, float, float, float] | None = None
    rect = pdfium_raw.FS_RECTF()

    def close() -> None:
        joined = " ".join("".join(text).translate(_PDFIUM_HYPHENS).split())
        if joined and last is not None:
            line = Line(joined, left, right, height - top, height - bottom, size, first_word or right - left)
            pieces.append((line, gapped and bool(pieces)))
        text.clear()

    count, index = textpage.count_chars(), -1
    # The page's UTF-16 code units, one per character index, read in one call.
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_raw.FPDFText_GetText(textpage, 0, count, buffer)
    codes = buffer[:count]
    while index + 1 < count:
        index += 1
        at = index
        code = codes[at]
        char = chr(code)
        if 0xD800 <= code < 0xDC00 and at + 1 < count:  # a character beyond U+FFFF, as two UTF-16 halves
            low = codes[at + 1]
            if 0xDC00 <= low < 0xE000:
                char = chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                index += 1
        if char in "\r\n":
            close()
            last = None
            continue
        if unicodedata.category(char) == "Cf":  # a zero-width joiner or mark: part of its word
            text.append(char)
            continue
        if char.isspace() or not char.isprintable() and char not in "\x02\ufffe":
            if last is not None and not first_word:
                first_word = right - left
            text.append(" ")
            continue
        pdfium_raw.FPDFText_GetLooseCharBox(textpage, at, rect)
        box = (rect.left, rect.bottom, rect.right, rect.top)
        cut_by_gap = False
        if last is not None and turned:
            if not _sideways(textpage, at):
                close()
                last = None
        elif last is not None:
            on_row = bottom <= (box[1] + box[3]) / 2 <= top
            wide = box[0] - last[2] > _GAP * size
            if not on_row or wide or box[2] < last[0]:
                close()
                cut_by_gap, last = wide and on_row, None
        if last is None:
            left, bottom, right, top = box
            size = float(pdfium_raw.FPDFText_GetFontSize(textpage, at)) or box[3] - box[1]
            first_word, turned, gapped = 0.0, _sideways(textpage, at), cut_by_gap
        else:
            left, bottom, right, top = min(left, box[0]), min(bottom, box[1]), max(right, box[2]), max(top, box[3])
        text.append(char)
        last = box
    close()
    return _rejoined(pieces)


def _sideways(textpage: pdfium.PdfTextPage, index: int) -> bool:
    """Whether the character is turned away from the horizontal (by more than _TURN radians)."""
    angle = pdfium_raw.FPDFText_GetCharAngle(textpage, index)
    return _TURN < angle < 2 * math.pi - _TURN


def _rejoined(pieces: list[tuple[Line, bool]]) -> list[Line]:
    """The lines, each piece that a wide gap cut from the one before joined to it again unless a
    column gutter of the page lies in that gap: the gaps between justified words are as wide as
    a narrow gutter, but they do not line up down a column."""
    middles = gutters(rows([line for line, _ in pieces]))
    joined: list[Line] = []
    for line, gapped in pieces:
        before = joined[-1] if joined else None
        if gapped and before is not None and not any(before.x1 <= middle <= line.x0 for middle in middles):
            joined[-1] = Line(
                f"{before.text} {line.text}",
                before.x0,
                max(before.x1, line.x1),
                min(before.top, line.top),
                max(before.bottom, line.bottom),
                before.size,
                before.first_word,
            )
        else:
            joined.append(line)
    return joined


def _shape(line: str) -> str:
    """A line with its digits blurred, so that "Page 3" and "Page 4" are the same furniture."""
    return re.sub(r"\d+", "#", line.lower())


def _edge_lines(lines: list[Line]) -> list[Line]:
    page_rows = rows(lines)
    edges = page_rows[:_EDGE_ROWS] + page_rows[_EDGE_ROWS:][-_EDGE_ROWS:]
    return [line for row in edges for line in row]


def _furniture(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines that stand on the top or bottom rows of most pages.

    Only shapes with letters: a number ending a sentence ("2041.") is no furniture however often
    one stands at a page's foot, and bare page numbers are matched by _PAGE_NUMBER anyway.
    """
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(line.text) for line in _edge_lines(lines)})
    needed = max(2, _FURNITURE_SHARE * len(pages))
    return {shape for shape, count in counts.items() if count >= needed and _HAS_LETTER.search(shape)}


def _without_furniture(lines: list[Line], furniture: set[str]) -> list[Line]:
    dropped = {
        id(line)
        for line in _edge_lines(lines)
        if _shape(line.text) in furniture or _PAGE_NUMBER.match(line.text) is not None
    }
    return [line for line in lines if id(line) not in dropped]
