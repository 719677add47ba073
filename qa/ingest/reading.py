"""Files -> documents: find the readable files of a corpus folder and parse each by format."""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError

from qa.ingest.decoding import BinaryFileError, decode
from qa.ingest.documents import Document
from qa.ingest.formats.docx import parse_docx
from qa.ingest.formats.html import NoMainTextError, parse_html
from qa.ingest.formats.image import ImageError, parse_image
from qa.ingest.formats.markdown import parse_markdown
from qa.ingest.formats.pdf import PdfError, parse_pdf
from qa.ingest.formats.pptx import parse_pptx
from qa.ingest.formats.spreadsheet import parse_csv, parse_xlsx
from qa.ingest.formats.text import parse_text
from qa.ingest.ocr import FileOcr, Ocr, OcrUnavailableError, engine_identity

logger = logging.getLogger(__name__)

# Past these a file would stall indexing for many minutes; it is skipped with a warning instead.
MAX_FILE_BYTES = 100 * 2**20
MAX_TEXT_CHARS = 10_000_000
# A spreadsheet's rows carry their column names, so a 100,000-row sheet of six columns is about
# 11.6 million characters; rows are read streaming, and 25 million is about 200,000 such rows.
MAX_ROW_CHARS = 25_000_000


# Why a file is skipped when its reader fails in a way it does not explain (a parser library's bug
# or an unforeseen structure); the exception itself is logged at INFO, in the reader's words.
NOT_PARSED = "could not be parsed; it may be damaged"


class UnreadableFileError(ValueError):
    """A file that cannot be indexed; the message says why, for the warning shown to users.

    `sha256`: of the bytes found unreadable (None when they were not read). `lasting`: whether the
    same bytes would be skipped again by the same reader; False when the cause may pass (the file
    could not be opened, OCR cannot run, memory ran out), so that it is worth trying again."""

    def __init__(self, reason: str, sha256: str | None = None, lasting: bool = True) -> None:
        super().__init__(reason)
        self.sha256 = sha256
        self.lasting = lasting


# A reader: (source, bytes, the file's OCR) -> document; readers of formats without images of
# text ignore the OCR.
Parse = Callable[[str, bytes, FileOcr], Document]


def _decoded(parse: Callable[[str, str], Document]) -> Callable[[str, bytes], Document]:
    """A text format's reader: the bytes are decoded first, and the document says how."""

    def read(source: str, data: bytes) -> Document:
        try:
            decoded = decode(data)
        except BinaryFileError as error:
            raise UnreadableFileError(str(error)) from None
        return replace(parse(source, decoded.text), encoding=decoded.encoding)

    return read


def _unreadable(parse: Callable[[str, bytes], Document]) -> Callable[[str, bytes], Document]:
    """A reader whose ValueError (an encrypted or damaged file, said in its message) skips the file."""

    def read(source: str, data: bytes) -> Document:
        try:
            return parse(source, data)
        except ValueError as error:
            raise UnreadableFileError(str(error)) from None

    return read


def _text_only(parse: Callable[[str, bytes], Document]) -> Parse:
    """A reader of a format that holds no images of text: it is given no OCR."""

    def read(source: str, data: bytes, _ocr: FileOcr) -> Document:
        return parse(source, data)

    return read


def _read_docx(source: str, data: bytes) -> Document:
    try:
        return parse_docx(source, data)
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError):
        raise UnreadableFileError("is a damaged Word file, or not a .docx at all") from None


@dataclass(frozen=True)
class Reader:
    """How one format is read; `version` is recorded per file, and a new one re-reads the file.

    `unit` names what its blocks' `page` numbers count: "p." (pages), "slide" or "row";
    `max_chars` is the most text a file of the format may hold.
    """

    parse: Parse
    version: str
    unit: str = "p."
    max_chars: int = MAX_TEXT_CHARS


def _version(revision: int, *libraries: str) -> str:
    """qa's own revision of a reader plus every library it goes through: a change to any re-reads."""
    return " + ".join([f"qa {revision}"] + [f"{name} {version(name)}" for name in libraries])


# Bump a revision when the parser code of that format changes what it extracts.
# Files read with OCR also record `qa.ingest.ocr.engine_identity()` (see `reader_version`).
_TEXT = Reader(_text_only(_decoded(parse_text)), "text " + _version(11, "charset-normalizer"))
_MARKDOWN = Reader(
    _text_only(_decoded(parse_markdown)), "markdown " + _version(13, "markdown-it-py", "lxml", "charset-normalizer")
)
_HTML = Reader(
    _text_only(_decoded(parse_html)), "html " + _version(14, "trafilatura", "markdown-it-py", "lxml", "charset-normalizer")
)
_IMAGE = Reader(parse_image, "image " + _version(2, "Pillow"))
READERS: dict[str, Reader] = {
    ".txt": _TEXT,
    ".md": _MARKDOWN,
    ".markdown": _MARKDOWN,
    ".html": _HTML,
    ".htm": _HTML,
    ".pdf": Reader(parse_pdf, "pdf " + _version(16, "pypdfium2", "pdfplumber", "pdfminer.six")),
    ".docx": Reader(_text_only(_read_docx), "docx " + _version(11, "python-docx")),
    ".pptx": Reader(_text_only(_unreadable(parse_pptx)), "pptx " + _version(6, "python-pptx", "lxml"), unit="slide"),
    ".xlsx": Reader(
        _text_only(_unreadable(parse_xlsx)), "xlsx " + _version(2, "openpyxl"), unit="row", max_chars=MAX_ROW_CHARS
    ),
    ".csv": Reader(
        _text_only(_unreadable(_decoded(parse_csv))), "csv " + _version(3, "charset-normalizer"), "row", MAX_ROW_CHARS
    ),
    ".png": _IMAGE,
    ".jpg": _IMAGE,
    ".jpeg": _IMAGE,
    ".tif": _IMAGE,
    ".tiff": _IMAGE,
}


@dataclass(frozen=True)
class SourceFile:
    """A corpus file as found on disk; `source` is its path relative to the corpus, with '/'."""

    source: str
    path: Path
    size: int
    mtime_ns: int

    @classmethod
    def at(cls, path: Path, corpus: Path) -> SourceFile:
        """The file as it is on disk now (OSError if it is not there)."""
        stat = path.stat()
        return cls(path.relative_to(corpus).as_posix(), path, stat.st_size, stat.st_mtime_ns)


def not_a_document(name: str) -> bool:
    """A hidden file, or the lock file Office keeps beside an open document ("~$report.docx")."""
    return name.startswith((".", "~$"))


def list_files(folder: Path) -> list[SourceFile]:
    """Every file of a supported format under `folder`, in a stable order.

    Symlinked folders are not followed, so a symlink loop cannot trap the walk, and a symlinked
    file counts only if it points inside the folder (as `qa.sources` serves only such files).
    """
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    inside = folder.resolve()
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root, name)
            if not_a_document(name) or path.suffix.lower() not in READERS:
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(inside):
                continue  # a link out of the folder: its file is not the corpus's to index or serve
            try:
                found.append(SourceFile.at(path, folder))
            except OSError:  # gone already, or a link to nowhere
                continue
    return found


def page_label(source: str, page: int | None) -> str | None:
    """Where in its file a passage is, as a citation says it: "p. 3", "slide 3", "row 14"."""
    if page is None:
        return None
    reader = READERS.get(Path(source).suffix.lower())
    return f"{reader.unit if reader else 'p.'} {page}"


def reader_version(file: SourceFile, ocr: bool = False) -> str:
    """The reader that parses this file, with its version, as the index records it; for a file
    read with OCR (`ocr`), the OCR engine's identity too, so that a new engine re-reads only those."""
    version = READERS[file.path.suffix.lower()].version
    return f"{version} + {engine_identity()}" if ocr else version


def read_document(file: SourceFile, ocr: Ocr | None = None) -> tuple[Document, str]:
    """The parsed document and the sha256 of the bytes it was parsed from.

    Scanned pages and images are recognised through `ocr` (its `used` then holds the sha256);
    None reads them with the default engine, keeping no page. Raises UnreadableFileError, saying
    why, for a file that cannot be indexed (also when OCR is needed but cannot run, and when the
    reader fails in a way it does not explain: that is logged at INFO, with the traceback at DEBUG).
    """
    if file.size > MAX_FILE_BYTES:
        raise UnreadableFileError(f"is {file.size / 2**20:,.0f} MB; files over {MAX_FILE_BYTES // 2**20} MB are not read")
    try:
        data = file.path.read_bytes()
    except OSError as error:
        raise UnreadableFileError(f"cannot be read ({error.strerror})", lasting=False) from None
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise UnreadableFileError("is empty", digest)
    reader = READERS[file.path.suffix.lower()]
    ocr = ocr if ocr is not None else Ocr()
    try:
        document = reader.parse(file.source, data, ocr.file(file.source, digest))
    except UnreadableFileError as error:  # said by the format's reader
        raise UnreadableFileError(str(error), digest, error.lasting) from None
    except (PdfError, NoMainTextError, ImageError) as error:
        raise UnreadableFileError(str(error), digest) from None
    except OcrUnavailableError as error:
        raise UnreadableFileError(f"needs OCR, which cannot run: {error}", digest, lasting=False) from None
    except Exception as error:  # noqa: BLE001 - a parser library failing on one file must not stop the others
        logger.info("could not parse %s (%s: %s)", file.source, type(error).__name__, error)
        logger.debug("the reader's traceback for %s", file.source, exc_info=error)
        raise UnreadableFileError(NOT_PARSED, digest, lasting=not isinstance(error, MemoryError | OSError)) from None
    if not document.blocks:
        raise UnreadableFileError("shows no text that OCR could read" if digest in ocr.used else "holds no text", digest)
    if len(document.text) > reader.max_chars:
        raise UnreadableFileError(
            f"holds {len(document.text):,} characters of text; the limit is {reader.max_chars:,} (split the file)",
            digest,
        )
    return document, digest


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, to tell an edited file from one that was only touched."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
