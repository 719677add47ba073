"""Files -> documents: find the readable files of a corpus folder and parse each by format."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qa.documents import Document
from qa.formats.markdown import parse_markdown
from qa.formats.text import parse_text


class UnreadableFileError(ValueError):
    """A file that cannot be indexed; the message says why, for the warning shown to users."""


def _decoded(parse: Callable[[str, str], Document]) -> Callable[[str, bytes], Document]:
    def read(source: str, data: bytes) -> Document:
        if b"\0" in data[:8192]:
            raise UnreadableFileError("looks binary (it contains NUL bytes)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UnreadableFileError(f"is not valid UTF-8 (byte {error.start}); re-save it as UTF-8") from None
        return parse(source, text)

    return read


PARSERS: dict[str, Callable[[str, bytes], Document]] = {
    ".txt": _decoded(parse_text),
    ".md": _decoded(parse_markdown),
    ".markdown": _decoded(parse_markdown),
}


@dataclass(frozen=True)
class SourceFile:
    """A corpus file as found on disk; `source` is its path relative to the corpus, with '/'."""

    source: str
    path: Path
    size: int
    mtime_ns: int


def list_files(folder: Path) -> list[SourceFile]:
    """Every file of a supported format under `folder`, in a stable order.

    Symlinked folders are not followed, so a symlink loop cannot trap the walk.
    """
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root, name)
            if name.startswith(".") or path.suffix.lower() not in PARSERS:
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            found.append(SourceFile(path.relative_to(folder).as_posix(), path, stat.st_size, stat.st_mtime_ns))
    return found


def read_document(file: SourceFile) -> tuple[Document, str]:
    """The parsed document and the sha256 of the bytes it was parsed from."""
    try:
        data = file.path.read_bytes()
    except OSError as error:
        raise UnreadableFileError(f"cannot be read ({error.strerror})") from None
    if not data.strip():
        raise UnreadableFileError("is empty")
    document = PARSERS[file.path.suffix.lower()](file.source, data)
    if not document.blocks:
        raise UnreadableFileError("holds no text")
    return document, hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, to tell an edited file from one that was only touched."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
