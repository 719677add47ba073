"""The index folder: plain files (JSON, .npy, bm25s' folder), written as a new generation and
switched to by an atomic rename, so that a crash mid-write leaves the previous index in force.

Every column is an .npy file, so that a large index loads without parsing and its biggest parts
(the vector table, the sentence texts) can stay memory-mapped."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from qa.dense import DenseIndex
from qa.lexical import LexicalIndex
from qa.sentences import SentenceTable, TextColumn

FORMAT = 2
_POINTER = "CURRENT"


class IndexLoadError(RuntimeError):
    """The stored index is missing, unreadable or inconsistent and must be rebuilt."""


@dataclass(frozen=True)
class FileRecord:
    """What the index knows of one corpus file: its fingerprint and its rows in the table."""

    sha256: str
    size: int
    mtime_ns: int
    first: int
    count: int
    reader: str


@dataclass
class StoredIndex:
    """Everything one generation of the index folder holds."""

    manifest: dict
    files: dict[str, FileRecord]
    sentences: SentenceTable
    dense: DenseIndex
    lexical: LexicalIndex
    documents: np.ndarray


def save(folder: Path, stored: StoredIndex) -> None:
    """Write a new generation, then point CURRENT at it.

    One writer at a time (an advisory lock), so that a second process never removes a
    generation that is still being written; the generation CURRENT named before is kept,
    and older ones are removed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _save_locked(folder, stored)


def _save_locked(folder: Path, stored: StoredIndex) -> None:
    try:
        previous = (folder / _POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        previous = None
    generation = f"gen-{uuid.uuid4().hex[:12]}"
    target = folder / generation
    target.mkdir()
    _save_sentences(target / "sentences", stored.sentences)
    _save_array(target / "vectors.npy", stored.dense.vectors)
    _save_array(target / "documents.npy", stored.documents)
    stored.dense.save(target / "dense.faiss")
    stored.lexical.save(target / "bm25")
    manifest = dict(
        stored.manifest,
        count=len(stored.sentences),
        files={s: asdict(r) for s, r in stored.files.items()},
        checksums=_checksums(target),
    )
    _write_json(target / "manifest.json", manifest)
    _sync_folder(target)
    _atomic_write_text(folder / _POINTER, generation)
    _sync_folder(folder)
    for old in folder.glob("gen-*"):
        if old.name not in (generation, previous):
            shutil.rmtree(old, ignore_errors=True)


def load(folder: Path) -> StoredIndex:
    """The generation CURRENT names, checked for consistency; IndexLoadError on any doubt."""
    try:
        generation = (folder / _POINTER).read_text(encoding="utf-8").strip()
        target = folder / generation
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise IndexLoadError(f"it is in format {manifest.get('format')!r} of another qa version; this one reads {FORMAT}")
        if _checksums(target) != manifest["checksums"]:
            raise IndexLoadError("a file of the index does not match its checksum")
        files = {source: FileRecord(**record) for source, record in manifest["files"].items()}
        # A large index stays memory-mapped: the ANN index searches its own compact copy of the
        # vectors, and answering reads only the rows of each query's candidates.
        mode = "r" if DenseIndex.approximate(manifest.get("count", 0)) else None
        sentences = _load_sentences(target / "sentences", mode)
        vectors = np.load(target / "vectors.npy", allow_pickle=False, mmap_mode=mode)
        documents = np.load(target / "documents.npy", allow_pickle=False)
        dense = DenseIndex.load(vectors, target / "dense.faiss")
        lexical = LexicalIndex.load(target / "bm25", len(sentences))
    except IndexLoadError:
        raise
    except FileNotFoundError as error:
        raise IndexLoadError(f"missing {Path(error.filename or '?').name}") from None
    except Exception as error:  # noqa: BLE001 - any parse failure means the files are damaged
        raise IndexLoadError(f"unreadable ({type(error).__name__}: {error})") from None
    count = manifest.get("count")
    rows = sum(record.count for record in files.values())
    if not (count == len(sentences) == len(vectors) == rows == lexical.size):
        raise IndexLoadError(f"inconsistent sizes: manifest {count}, sentences {len(sentences)}, vectors {len(vectors)}")
    if vectors.ndim != 2 or vectors.shape[1] != manifest.get("dimension") or vectors.dtype != dense.vectors.dtype:
        raise IndexLoadError(f"vectors of shape {vectors.shape} and type {vectors.dtype} do not match the index")
    if documents.shape != (len(sentences.sources), vectors.shape[1]) or documents.dtype != np.float32:
        raise IndexLoadError(f"document vectors of shape {documents.shape} for {len(sentences.sources)} documents")
    return StoredIndex(manifest, files, sentences, dense, lexical, documents)


_COLUMNS = ("source", "start", "end", "block", "section", "page")


def _save_sentences(folder: Path, table: SentenceTable) -> None:
    folder.mkdir()
    _write_json(folder / "names.json", {"sources": table.sources, "sections": table.sections})
    _save_array(folder / "text.npy", table.text.data)
    _save_array(folder / "offsets.npy", table.text.offsets)
    for name in _COLUMNS:
        _save_array(folder / f"{name}.npy", getattr(table, name))


def _load_sentences(folder: Path, mode: str | None) -> SentenceTable:
    names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    text = TextColumn(
        np.load(folder / "text.npy", allow_pickle=False, mmap_mode=mode),
        np.load(folder / "offsets.npy", allow_pickle=False),
    )
    columns = {name: np.load(folder / f"{name}.npy", allow_pickle=False) for name in _COLUMNS}
    table = SentenceTable(names["sources"], text=text, sections=names["sections"], **columns)
    if len(table) and not (0 <= table.source.min() and table.source.max() < len(table.sources)):
        raise IndexLoadError("sentence sources out of range")
    if len(table) and not (-1 <= table.section.min() and table.section.max() < len(table.sections)):
        raise IndexLoadError("sentence sections out of range")
    return table


def _save_array(path: Path, array: np.ndarray) -> None:
    with path.open("wb") as handle:
        np.save(handle, array, allow_pickle=False)
        _sync(handle)


def _checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file of a generation but the manifest: garbled bytes must not load."""
    sums = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            with path.open("rb") as handle:
                sums[path.relative_to(folder).as_posix()] = hashlib.file_digest(handle, "sha256").hexdigest()
    return sums


def _write_json(path: Path, value: object) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(value, handle)  # ASCII escapes: file names that are not valid UTF-8 round-trip too
        _sync(handle)


def _atomic_write_text(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        _sync(handle)
    os.replace(temporary, path)


def _sync_folder(folder: Path) -> None:
    """fsync every file of a folder tree and the folder entries, so a power cut keeps them."""
    for path in [*folder.rglob("*"), folder]:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _sync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())
