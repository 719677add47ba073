"""The index folder: plain files (JSON, .npy, bm25s' folder), written as a new generation and
switched to by an atomic rename, so that a crash mid-write leaves the previous index in force.

Every column is an .npy file, so that a large index loads without parsing and its biggest parts
(the vector table, the sentence texts) can stay memory-mapped.

One writer at a time: it holds the folder's lock (`writing`) while it checks what CURRENT names,
writes and switches. Readers take no lock: a generation, once CURRENT names it, is never changed,
only removed two switches later (or at the next switch, when it is found damaged). A reader that
loses the race with that removal reads the newer generation instead, and a process that has loaded
a generation keeps it: on POSIX, a removed file stays readable through the descriptors and mappings
already open on it."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from qa.index.dense import DenseIndex, ScratchFileError
from qa.index.lexical import LexicalIndex
from qa.ingest.sentences import KINDS, SentenceTable, TextColumn

logger = logging.getLogger(__name__)

FORMAT = 3
_POINTER = "CURRENT"
_LOCK = ".lock"
_GENERATION = re.compile(r"gen-[0-9a-f]{12}")
_LOAD_ATTEMPTS = 3
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
# What opening the lock file fails with when something else stands in its place: a folder, a
# link (O_NOFOLLOW), a file that may not be opened, a socket.
_NOT_A_LOCK_FILE = (errno.EISDIR, errno.ELOOP, errno.EACCES, errno.EPERM, errno.ENXIO)
_LOCK_FLAGS = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC


class IndexLoadError(RuntimeError):
    """The stored index is missing, unreadable or inconsistent and must be rebuilt."""


class IndexWriteError(OSError):
    """A new generation could not be written (a full disk, a read-only folder); the one CURRENT
    named before stays in force. The message names the index folder and says what to do."""


@dataclass(frozen=True)
class FileRecord:
    """What the index knows of one corpus file: its fingerprint and its rows in the table."""

    sha256: str
    size: int
    mtime_ns: int
    first: int
    count: int
    reader: str


@dataclass(frozen=True)
class SkipRecord:
    """What the index knows of a corpus file it left out: the version found unreadable (its
    fingerprint, `sha256` None when its bytes were not read, and the reader that tried it), why,
    as shown to users, and whether that would last (`lasting`; if not, it is tried again at each
    synchronisation). Kept so that an unchanged skipped file is not read, nor warned about, again."""

    sha256: str | None
    size: int
    mtime_ns: int
    reader: str
    reason: str
    lasting: bool = True


@dataclass
class StoredIndex:
    """Everything one generation of the index folder holds."""

    manifest: dict
    files: dict[str, FileRecord]
    sentences: SentenceTable
    dense: DenseIndex
    lexical: LexicalIndex
    documents: np.ndarray
    skipped: dict[str, SkipRecord] = field(default_factory=dict)


def current(folder: Path) -> str | None:
    """The generation CURRENT names, or None: no CURRENT, an unreadable one, or one that names
    anything but a generation of this folder (garbled bytes, `../x`, an absolute path)."""
    try:
        descriptor = os.open(folder / _POINTER, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # a FIFO must not block
    except OSError:
        return None
    try:
        content = os.read(descriptor, 64)
    except OSError:  # a folder where the file belongs
        return None
    finally:
        os.close(descriptor)
    name = content.decode("ascii", errors="replace").strip()
    return name if _GENERATION.fullmatch(name) else None


def save(folder: Path, stored: StoredIndex) -> str:
    """Write a new generation under the folder's lock and point CURRENT at it; return its name.

    Raises IndexWriteError, naming the folder, when the generation cannot be written (the disk
    is full, say); CURRENT then still names the previous generation.
    """
    with writing(folder) as writer:
        return writer.save(stored)


@contextmanager
def writing(folder: Path) -> Iterator[Writer]:
    """Hold the folder's lock (an advisory lock on its .lock file) for the block: one writer at a
    time across processes and threads. Not re-entrant: save through the Writer it yields.

    A damaged lock file (a folder, a link, a file that may not be opened) is replaced. Raises
    IndexWriteError when the folder or its lock file cannot be created.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = _open_lock(folder)
    except OSError as error:
        raise write_error(folder, error) from error
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield Writer(folder)
    finally:
        os.close(descriptor)  # and with it the lock


@dataclass(frozen=True)
class Writer:
    """The holder of an index folder's lock: what it reads of CURRENT stays true until it saves."""

    folder: Path

    def current(self) -> str | None:
        """The generation CURRENT names, as `current`."""
        return current(self.folder)

    def save(self, stored: StoredIndex, keep_previous: bool = True) -> str:
        """Write a new generation and point CURRENT at it; return its name.

        The generation CURRENT named before is kept, unless `keep_previous` is False (the caller
        found it damaged); older ones, and what crashed writers left, are removed. Raises
        IndexWriteError, naming the folder, when the new generation cannot be written; nothing
        of it is left behind then.
        """
        return self._switch(stored, keep_previous, _write_generation)

    def relabel(self, stored: StoredIndex) -> str:
        """As `save`, for an index whose data files are CURRENT's own, unchanged, and only its
        manifest new (files skipped or only touched): the new generation's data files are hard links
        to CURRENT's (a generation is never changed once written), so gigabytes are not written
        again for one skipped upload. Where the file system makes no links, `save`."""
        previous = self.current()
        if previous is None:
            return self.save(stored)
        try:
            return self._switch(stored, True, lambda target, new: _link_generation(self.folder / previous, target, new))
        except IndexWriteError as error:
            if not isinstance(error.__cause__, OSError) or error.__cause__.errno not in _NO_LINKS:
                raise
            return self.save(stored)

    def _switch(self, stored: StoredIndex, keep_previous: bool, write: Callable[[Path, StoredIndex], None]) -> str:
        previous = self.current() if keep_previous else None
        generation = f"gen-{uuid.uuid4().hex[:12]}"
        try:
            _write_and_switch(self.folder, generation, stored, write)
        except OSError as error:
            raise write_error(self.folder, error) from error
        try:
            _fsync(self.folder)
        except OSError as error:
            logger.warning("index at %s: %s may not survive a power cut (%s)", self.folder, generation, error)
        _remove_old(self.folder, keep={generation, previous})
        return generation


def _write_and_switch(folder: Path, generation: str, stored: StoredIndex, write: Callable[[Path, StoredIndex], None]) -> None:
    """Write the generation (by `write`), then point CURRENT at it; on any failure before the
    switch the partial generation is removed (nothing ever reads it: CURRENT never named it)."""
    target = folder / generation
    try:
        write(target, stored)
        _point_at(folder, generation)
    except BaseException:
        if current(folder) != generation:
            _remove(target)
        raise


def _write_generation(target: Path, stored: StoredIndex) -> None:
    target.mkdir()
    _save_sentences(target / "sentences", stored.sentences)
    _save_table(target / "vectors.npy", stored.dense)
    _save_array(target / "documents.npy", stored.documents)
    stored.dense.save(target / "dense.faiss")
    stored.lexical.save(target / "bm25")
    _write_json(target / "manifest.json", _manifest(stored, _checksums(target)))
    _sync_folder(target)


# errno values of a file system that makes no hard links (or none across these folders).
_NO_LINKS = frozenset({errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK})


def _link_generation(source: Path, target: Path, stored: StoredIndex) -> None:
    """A generation of `stored`'s manifest whose data files are hard links to generation `source`'s,
    which must hold `stored`'s data as they are; its checksums are the ones `source` recorded."""
    recorded = json.loads((source / "manifest.json").read_text(encoding="utf-8"))["checksums"]
    target.mkdir()
    for relative in recorded:
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        os.link(source / relative, target / relative)
    _write_json(target / "manifest.json", _manifest(stored, recorded))
    _sync_folder(target)


def _manifest(stored: StoredIndex, checksums: dict[str, str]) -> dict:
    return dict(
        stored.manifest,
        count=len(stored.sentences),
        files={s: asdict(r) for s, r in stored.files.items()},
        skipped={s: asdict(r) for s, r in stored.skipped.items()},
        checksums=checksums,
    )


def _point_at(folder: Path, generation: str) -> None:
    pointer = folder / _POINTER
    if pointer.is_dir() and not pointer.is_symlink():
        _remove(pointer)  # a rename cannot replace a folder
    _atomic_write_text(pointer, generation)


def _remove_old(folder: Path, keep: set[str | None]) -> None:
    """Generations not kept, and pointer files of writers that crashed (all writers hold the lock)."""
    for old in [*folder.glob("gen-*"), *folder.glob(f".{_POINTER}.*.tmp")]:
        if old.name not in keep:
            _remove(old)


def _remove(path: Path) -> None:
    """Remove a file, a link or a folder tree; what cannot be removed stays (it is never read)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            logger.warning("could not remove %s: %s", path, error)


def write_error(folder: Path, error: OSError) -> IndexWriteError:
    """The IndexWriteError for `error`, met while saving a new generation of the index in
    `folder` (or, a ScratchFileError, while assembling its vector table in the temporary folder)."""
    if error.errno in _DISK_FULL and isinstance(error, ScratchFileError):
        return IndexWriteError(
            f"cannot save the index in {folder}: the disk is full where its vector table is assembled "
            f"({error.filename}); free some space there, or set TMPDIR to a folder on a bigger disk, and "
            "try again (the index saved before stays in use)"
        )
    if error.errno in _DISK_FULL:
        return IndexWriteError(
            f"cannot save the index in {folder}: the disk is full; free some space and try again "
            "(the index saved before stays in use)"
        )
    return IndexWriteError(f"cannot save the index in {folder}: {error}")


def _open_lock(folder: Path) -> int:
    """A descriptor of the folder's lock file, replacing whatever else stands in its place.

    Raises OSError when no lock file can be opened or created.
    """
    descriptor = _open_lock_file(folder / _LOCK)
    return descriptor if descriptor is not None else _replace_lock(folder)


def _open_lock_file(path: Path) -> int | None:
    """A descriptor of the regular file at `path` (created if missing), or None when something
    else stands there. Raises OSError on other failures (a full disk, a read-only folder)."""
    try:
        descriptor = os.open(path, _LOCK_FLAGS, 0o644)
    except OSError as error:
        if error.errno not in _NOT_A_LOCK_FILE:
            raise
        return None
    if stat.S_ISREG(os.fstat(descriptor).st_mode):
        return descriptor
    os.close(descriptor)
    return None


def _replace_lock(folder: Path) -> int:
    """Replace a damaged lock file, one process at a time (under a lock on the folder itself), so
    that two processes never each lock a lock file of their own. Raises OSError on failure."""
    logger.warning("index at %s: the lock file cannot be opened; replacing it", folder)
    directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(directory, fcntl.LOCK_EX)
        descriptor = _open_lock_file(folder / _LOCK)  # another process may have replaced it meanwhile
        if descriptor is None:
            _remove(folder / _LOCK)
            descriptor = os.open(folder / _LOCK, _LOCK_FLAGS, 0o644)
        return descriptor
    finally:
        os.close(directory)


def load(folder: Path) -> StoredIndex:
    """The generation CURRENT names, checked for consistency; IndexLoadError on any doubt.

    When a writer switches CURRENT twice while this reads, the generation being read is removed:
    the newer one is read instead.
    """
    generation = current(folder)
    for _ in range(_LOAD_ATTEMPTS - 1):
        try:
            return _load_generation(folder, generation)
        except IndexLoadError:
            newer = current(folder)
            if newer == generation:
                raise
            generation = newer
    return _load_generation(folder, generation)


def _load_generation(folder: Path, generation: str | None) -> StoredIndex:
    if generation is None:
        raise IndexLoadError(f"{_POINTER} is missing or names no generation of {folder}")
    target = folder / generation
    if target.is_symlink():
        raise IndexLoadError(f"{generation} is a link, not a generation of {folder}")
    try:
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise IndexLoadError(f"it is in format {manifest.get('format')!r} of another qa version; this one reads {FORMAT}")
        if _checksums(target) != manifest["checksums"]:
            raise IndexLoadError("a file of the index does not match its checksum")
        files = {source: FileRecord(**record) for source, record in manifest["files"].items()}
        # Indexes saved before skipped files were kept have none: those are read once more.
        skipped = {source: SkipRecord(**record) for source, record in manifest.get("skipped", {}).items()}
        # A large index stays memory-mapped: the ANN index searches its own compact copy of the
        # vectors, and answering reads only the rows of each query's candidates.
        mode: Literal["r"] | None = "r" if DenseIndex.approximate(manifest.get("count", 0)) else None
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
    return StoredIndex(manifest, files, sentences, dense, lexical, documents, skipped)


def _save_sentences(folder: Path, table: SentenceTable) -> None:
    folder.mkdir()
    _write_json(folder / "names.json", {"sources": table.sources, "sections": table.sections})
    _save_array(folder / "text.npy", table.text.data)
    _save_array(folder / "offsets.npy", table.text.offsets)
    for name in SentenceTable.COLUMNS:
        _save_array(folder / f"{name}.npy", getattr(table, name))


def _load_sentences(folder: Path, mode: Literal["r"] | None) -> SentenceTable:
    names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    text = TextColumn(
        np.load(folder / "text.npy", allow_pickle=False, mmap_mode=mode),
        np.load(folder / "offsets.npy", allow_pickle=False),
    )
    columns = {name: np.load(folder / f"{name}.npy", allow_pickle=False) for name in SentenceTable.COLUMNS}
    table = SentenceTable(names["sources"], text=text, sections=names["sections"], **columns)
    if len(table) and not (0 <= table.source.min() and table.source.max() < len(table.sources)):
        raise IndexLoadError("sentence sources out of range")
    if len(table) and not (-1 <= table.section.min() and table.section.max() < len(table.sections)):
        raise IndexLoadError("sentence sections out of range")
    if len(table) and table.kind.max() >= len(KINDS):
        raise IndexLoadError("sentence kinds out of range")
    return table


def _save_array(path: Path, array: np.ndarray) -> None:
    with path.open("wb") as handle:
        np.save(handle, array, allow_pickle=False)
        _sync(handle)


def _save_table(path: Path, dense: DenseIndex) -> None:
    with path.open("wb") as handle:
        dense.write_table(handle)
        _sync(handle)


def _checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file of a generation but the manifest: garbled bytes must not load, nor a
    link (it could lead out of the index folder) or a folder where a file belongs."""
    sums = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.name != "manifest.json":
            with path.open("rb") as handle:
                sums[path.relative_to(folder).as_posix()] = hashlib.file_digest(handle, "sha256").hexdigest()
    return sums


def _write_json(path: Path, value: object) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(value, handle)  # ASCII escapes: file names that are not valid UTF-8 round-trip too
        _sync(handle)


def _atomic_write_text(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            _sync(handle)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """fsync every file of a folder tree and the folder entries, so a power cut keeps them."""
    for path in [*folder.rglob("*"), folder]:
        _fsync(path)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())
