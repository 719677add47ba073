"""PDF: text per page with pypdf, without running headers, footers and page numbers, with
words hyphenated across line ends joined again."""

from __future__ import annotations

import io
import re
from collections import Counter

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from qa.documents import Document, DocumentBuilder
from qa.formats.text import layout_blocks

# Lines this close to the top or bottom of a page may be running headers or footers.
_EDGE_LINES = 3
# A line found at the edge of at least this share of the pages is page furniture.
_FURNITURE_SHARE = 0.5
_PAGE_NUMBER = re.compile(r"^\W*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
_HYPHENATED = re.compile(r"(\w)-\n(?=[a-z])")


class PdfError(ValueError):
    """A PDF that cannot be indexed; the message says which kind of problem."""


def parse_pdf(source: str, data: bytes) -> Document:
    """Blocks carry their 1-based page; furniture repeated across pages is left out."""
    pages = _page_lines(data)
    furniture = _furniture(pages)
    builder = DocumentBuilder(source)
    for number, lines in enumerate(pages, 1):
        kept = [line for i, line in enumerate(lines) if not _is_furniture(line, i, len(lines), furniture)]
        text = _HYPHENATED.sub(r"\1", "\n".join(kept))
        for kind, start, end in layout_blocks(text):
            builder.add(text[start:end], kind, page=number)
    return builder.build()


def _page_lines(data: bytes) -> list[list[str]]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfError("is an encrypted PDF (it needs a password)")
        pages = [(page.extract_text() or "").splitlines() for page in reader.pages]
    except PdfError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise PdfError(f"is a damaged PDF ({type(error).__name__})") from None
    pages = [[line.strip() for line in lines if line.strip()] for lines in pages]
    if not any(pages):
        raise PdfError("is a PDF without a text layer (scanned? it needs OCR first)")
    return pages


def _shape(line: str) -> str:
    """A line with its digits blurred, so that "Page 3" and "Page 4" are the same furniture."""
    return re.sub(r"\d+", "#", line.lower())


def _furniture(pages: list[list[str]]) -> set[str]:
    """Shapes of lines that stand at the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
        counts.update({_shape(line) for line in edges})
    needed = max(2, _FURNITURE_SHARE * len(pages))
    return {shape for shape, count in counts.items() if count >= needed}


def _is_furniture(line: str, index: int, count: int, furniture: set[str]) -> bool:
    at_edge = index < _EDGE_LINES or index >= count - _EDGE_LINES
    return at_edge and (_shape(line) in furniture or _PAGE_NUMBER.match(line) is not None)
