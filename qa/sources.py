"""The cited place of an answer: which corpus file a URL may name, and how it is shown.

A PDF opens in the browser's own viewer at the page (`/source/report.pdf#page=3`); every other
format is shown as an HTML view of the text qa extracted from it, with the answer sentence marked
and scrolled into view (`/source/notes.txt?start=120&end=180#answer`). Nothing here runs a
document's markup: an `.html` file's text is escaped like any other, and a download goes out as
an attachment the browser saves rather than shows.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from qa.ingest.ocr import Ocr
from qa.ingest.reading import READERS, SourceFile, UnreadableFileError, read_document

ROUTE = "/source"
ANCHOR = "answer"
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".markdown": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}
# The view's one script: the marked sentence to the middle of the window (the #answer fragment
# alone puts it at the very top). Allowed by its hash; no other script may run on the page.
_SCROLL = f"document.getElementById('{ANCHOR}')?.scrollIntoView({{block: 'center'}});"
_SCROLL_HASH = base64.b64encode(hashlib.sha256(_SCROLL.encode()).digest()).decode()
VIEW_POLICY = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCROLL_HASH}'"
# A raw file never runs anything, even if a browser were to render it.
FILE_POLICY = "default-src 'none'; sandbox"
_STYLE = """
body { font: 16px/1.6 system-ui, sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; color: #1f2937; }
header { border-bottom: 1px solid #e5e7eb; margin-bottom: 1em; }
h1 { font-size: 1.2em; word-break: break-all; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: #fde68a; padding: 0 2px; border-radius: 2px; }
"""


class SourceNotFound(LookupError):
    """A path that names no servable file of the corpus (missing, outside it, hidden, another type)."""


def resolve(corpus: Path, relative: str) -> Path:
    """The corpus file a URL path names, after every check; SourceNotFound otherwise.

    Refused: absolute paths, `..` and hidden parts, back-slashes, NUL, files of formats qa does not
    read, and anything that (through a symlink) lies outside the corpus folder.
    """
    if not relative or "\\" in relative or "\x00" in relative or relative.startswith("/"):
        raise SourceNotFound(relative)
    parts = PurePosixPath(relative).parts
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        raise SourceNotFound(relative)
    root = corpus.resolve()
    try:
        path = (root / Path(*parts)).resolve(strict=True)
    except (OSError, RuntimeError):
        raise SourceNotFound(relative) from None
    if not path.is_relative_to(root) or not path.is_file() or path.suffix.lower() not in READERS:
        raise SourceNotFound(relative)
    return path


def source_url(source: str, page: int | None = None, start: int | None = None, end: int | None = None) -> str:
    """Where a citation links: a PDF at its page, any other file's text view at the sentence."""
    url = f"{ROUTE}/{quote(source)}"
    if PurePosixPath(source).suffix.lower() == ".pdf":
        return url + (f"#page={page}" if page else "")
    if start is not None and end is not None:
        return f"{url}?start={start}&end={end}#{ANCHOR}"
    return url


def download_url(source: str) -> str:
    """The file itself, as an attachment."""
    return f"{ROUTE}/{quote(source)}?download=1"


def media_type(path: Path) -> str:
    """The file's content type, by its extension (only formats qa reads are ever served)."""
    return MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")


def opens_inline(path: Path) -> bool:
    """Whether the file itself is shown (a PDF, in the browser's viewer) rather than its text view."""
    return path.suffix.lower() == ".pdf"


def text_view(corpus: Path, path: Path, start: int | None = None, end: int | None = None, ocr: Ocr | None = None) -> str:
    """An HTML page of the document's extracted text, `text[start:end]` marked (when it is a span
    of the text) and scrolled into view. Every character of the document is escaped. Scans and
    photos are read through `ocr`: give the index's, whose page cache holds their text already."""
    root = corpus.resolve()
    source = path.relative_to(root).as_posix()
    title = escape(source)
    download = escape(download_url(source), quote=True)
    try:
        document, _ = read_document(SourceFile.at(path, root), ocr)
    except (UnreadableFileError, OSError) as error:
        body = f"<p>This file cannot be shown: it {escape(str(error))}.</p>"
    else:
        text = document.text
        if start is not None and end is not None and 0 <= start < end <= len(text):
            body = (
                f'<div class="text">{escape(text[:start])}<mark id="{ANCHOR}">{escape(text[start:end])}</mark>'
                f"{escape(text[end:])}</div><script>{_SCROLL}</script>"
            )
        else:
            body = f'<div class="text">{escape(text)}</div>'
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_STYLE}</style></head><body><header><h1>{title}</h1>"
        f'<p><a href="{download}">Download the file</a></p></header>{body}</body></html>'
    )
