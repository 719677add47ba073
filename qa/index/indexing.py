"""Corpus folder -> up-to-date index: reuse what is stored, re-embed only files that changed."""

from __future__ import annotations

import ctypes
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from qa.index import store
from qa.index.dense import DenseIndex, TableBuilder, group_means
from qa.index.embedding import Embedder
from qa.index.lexical import TERMS, LexicalIndex
from qa.index.normalization import NORMALIZATION
from qa.index.store import FileRecord, IndexLoadError, StoredIndex
from qa.ingest.ocr import Ocr
from qa.ingest.reading import SourceFile, UnreadableFileError, file_digest, list_files, read_document, reader_version
from qa.ingest.sentences import SPLITTER, Sentence, SentenceTable, document_sentences

if TYPE_CHECKING:
    from qa.index.cluster import Cluster

logger = logging.getLogger(__name__)

# Pages read by OCR are kept in this folder of the index folder, apart from the generations (which
# are removed two saves later): an unchanged file is not recognised again when the index is
# rebuilt, and a killed run keeps the pages it finished.
OCR_FOLDER = "ocr"


@dataclass(frozen=True)
class SkippedFile:
    """A corpus file left out of the index, with the reason shown to the user."""

    source: str
    reason: str


@dataclass
class IndexReport:
    """What one synchronisation did: the numbers the chat shows and the tests check."""

    files: int = 0
    sentences: int = 0
    embedded: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    rebuilt_because: str | None = None
    # Text files read this time in an encoding other than UTF-8: source -> codec ("cp1252", "utf-16-le").
    encodings: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.embedded or self.removed or self.rebuilt_because)


@dataclass(frozen=True)
class ReadFile:
    """A changed file as read and split: in this process, or on a cluster's worker, which also
    embeds it (`vectors`: one unit-length float32 row per sentence, made with the client's model)."""

    sha256: str
    sentences: list[Sentence]
    encoding: str | None
    ocr: bool  # some of its text was recognised by OCR
    vectors: np.ndarray | None = None


# Changed files -> each with what reading it gave: a ReadFile, or why it is skipped (in input order).
Reading = Callable[[list[SourceFile], Ocr], Iterable[tuple[SourceFile, ReadFile | str]]]


def synchronise(
    corpus: Path, index_dir: Path, embedder: Embedder, cluster: Cluster | None = None
) -> tuple[StoredIndex, IndexReport]:
    """Bring the stored index of `corpus` up to date and return it with a report of the work done.

    Comparing takes no lock; writing takes the index folder's lock and holds it until the new
    generation is in force. If another process saved a generation since this comparison began,
    the comparison is made again, under the lock, against that one: a stale view of the corpus
    never overwrites a newer update, and work another process did is not done again.
    Raises IndexWriteError (naming the folder) when the new generation cannot be saved.

    With `cluster` (a `qa.index.cluster.Cluster`), the changed files are read, split and embedded
    on its Dask workers; the comparison, the checks and the save stay here, and the index folder
    is the same as one built in process. Raises qa.index.cluster.ClusterError (nothing written)
    when the scheduler cannot be reached, a worker embeds with another model or a task fails.
    """
    if cluster is None:
        return _synchronise(corpus, index_dir, embedder, read_here)
    from qa.index.cluster import on_cluster  # distributed is imported only for a cluster run

    with on_cluster(cluster, embedder) as reading:
        return _synchronise(corpus, index_dir, embedder, reading)


def _synchronise(
    corpus: Path, index_dir: Path, embedder: Embedder, reading: Reading
) -> tuple[StoredIndex, IndexReport]:
    started_from = store.current(index_dir)  # before listing: a generation saved later is noticed
    plan = _compare(corpus, index_dir, embedder, reading)
    if (unchanged := _up_to_date(plan)) is not None:
        return unchanged
    with store.writing(index_dir) as writer:
        if writer.current() != started_from:
            logger.info("index at %s: another process saved it meanwhile; comparing again", index_dir)
            plan = _compare(corpus, index_dir, embedder, reading)
            if (unchanged := _up_to_date(plan)) is not None:
                return unchanged
        result = _assemble(plan.stored, plan.kept, plan.fresh, embedder, plan.vectors)
        writer.save(result, keep_previous=not plan.damaged)
        _prune_ocr(plan, result)
    plan.report.files, plan.report.sentences = len(result.files), len(result.sentences)
    return result, plan.report


@dataclass
class _Plan:
    """One comparison of the corpus folder with the stored index."""

    stored: StoredIndex | None
    damaged: bool  # the generation CURRENT names could not be read
    report: IndexReport
    ocr: Ocr
    kept: dict[str, tuple[FileRecord, SourceFile]] = field(default_factory=dict)
    # source -> (file, sha256, sentences, reader version as recorded)
    fresh: dict[str, tuple[SourceFile, str, list[Sentence], str]] = field(default_factory=dict)
    # source -> its fresh sentences' vectors, where a cluster embedded them already
    vectors: dict[str, np.ndarray] = field(default_factory=dict)


def _compare(corpus: Path, index_dir: Path, embedder: Embedder, reading: Reading) -> _Plan:
    """Which files keep their stored rows and which are read anew (by `reading`; embedded later
    unless `reading` embedded them)."""
    report = IndexReport()
    files = list_files(corpus)
    stored, damaged = _load_compatible(index_dir, embedder, report)
    plan = _Plan(stored, damaged, report, Ocr(cache=index_dir / OCR_FOLDER))
    changed: list[SourceFile] = []
    for file in files:
        record = stored.files.get(file.source) if stored else None
        if record and record.reader not in (reader_version(file), reader_version(file, ocr=True)):
            record = None  # read again: its format's reader, or the OCR engine it was read with, changed
        if record and (record.size, record.mtime_ns) == (file.size, file.mtime_ns):
            plan.kept[file.source] = (record, file)
            continue
        if record and record.size == file.size and _digest_or_none(file) == record.sha256:
            plan.kept[file.source] = (record, file)
            continue
        changed.append(file)
    for file, read in reading(changed, plan.ocr):
        if isinstance(read, str):
            _skip(report, file.source, read)
            continue
        if read.encoding not in (None, "utf-8"):
            logger.info("read %s as %s", file.source, read.encoding)
            report.encodings[file.source] = read.encoding
        if not read.sentences:
            _skip(report, file.source, "holds no sentences")
            continue
        if read.ocr:
            plan.ocr.used.add(read.sha256)  # read on a worker: its OCR pages are kept too
        plan.fresh[file.source] = (file, read.sha256, read.sentences, reader_version(file, ocr=read.ocr))
        if read.vectors is not None:
            plan.vectors[file.source] = read.vectors
    report.removed = sorted(set(stored.files) - set(plan.kept) - set(plan.fresh)) if stored else []
    report.embedded = list(plan.fresh)
    return plan


def read_here(files: list[SourceFile], ocr: Ocr) -> Iterable[tuple[SourceFile, ReadFile | str]]:
    """Each file read and split in this process, one after the other (`Reading` in process)."""
    for file in files:
        yield file, read_file(file, ocr)


def read_file(file: SourceFile, ocr: Ocr) -> ReadFile | str:
    """One file read (through `ocr`) and split into sentences, or why it is skipped."""
    try:
        document, digest = read_document(file, ocr)
    except UnreadableFileError as error:
        return str(error)
    except Exception as error:  # noqa: BLE001 - a parser library failing on one file must not stop the others
        return f"could not be parsed ({type(error).__name__}: {error})"
    return ReadFile(digest, document_sentences(document), document.encoding, digest in ocr.used)


def _up_to_date(plan: _Plan) -> tuple[StoredIndex, IndexReport] | None:
    """The stored index and the report, when nothing needs writing; else None (also when its BM25
    side was made with other terms: it is rebuilt from the stored sentences, nothing re-embedded)."""
    if plan.stored is None or plan.report.changed or plan.stored.manifest.get("terms") != TERMS:
        return None
    # Files that were only touched keep their rows; they are hashed again on the next start.
    plan.report.files, plan.report.sentences = len(plan.stored.files), len(plan.stored.sentences)
    return plan.stored, plan.report


def _load_compatible(index_dir: Path, embedder: Embedder, report: IndexReport) -> tuple[StoredIndex | None, bool]:
    """The stored index if its rows can be reused, and whether the generation CURRENT names is damaged."""
    try:
        stored = store.load(index_dir)
    except IndexLoadError as error:
        if os.path.lexists(index_dir / "CURRENT"):
            report.rebuilt_because = f"the stored index cannot be used ({error})"
            logger.warning("index at %s: %s; rebuilding", index_dir, report.rebuilt_because)
            return None, True
        report.rebuilt_because = "there was no index yet"
        return None, False
    expected = _manifest_basis(embedder)
    for key in ("model", "normalization", "splitter"):
        if stored.manifest.get(key) != expected[key]:
            report.rebuilt_because = f"the {key} changed ({stored.manifest.get(key)} -> {expected[key]})"
            logger.info("index at %s: %s; rebuilding", index_dir, report.rebuilt_because)
            return None, False
    return stored, False


def _manifest_basis(embedder: Embedder) -> dict:
    """What makes stored rows reusable: the same model, text normalisation and splitter (readers
    are checked per file)."""
    return {
        "format": store.FORMAT,
        "model": embedder.identity,
        "normalization": NORMALIZATION,
        "normalized": True,
        "splitter": SPLITTER,
        "terms": TERMS,
    }


def _assemble(
    stored: StoredIndex | None,
    kept: dict[str, tuple[FileRecord, SourceFile]],
    fresh: dict[str, tuple[SourceFile, str, list[Sentence], str]],
    embedder: Embedder,
    embedded: dict[str, np.ndarray],
) -> StoredIndex:
    """The new table in source order: stored rows of kept files, new embeddings for fresh ones
    (those in `embedded`, made on a cluster, are taken as they are, and taken out of `embedded`
    as they are used, so that their memory is freed file by file).

    Above the exact-search threshold the vectors are never gathered into one array: they go file
    by file to a float16 table file, and the IVF index is trained on a sample of it and filled
    from it shard by shard (`_streamed`, `TableBuilder`)."""
    parts = _fresh_vectors(fresh, embedder, embedded)
    files: dict[str, FileRecord] = {}
    first = 0
    for source in sorted(set(kept) | set(fresh)):
        if source in fresh:
            file, sha256, own, reader = fresh[source]
            count = len(own)
        else:
            assert stored is not None
            record, file = kept[source]
            parts[source] = stored.dense.vectors[record.first : record.first + record.count]
            sha256, reader, count = record.sha256, record.reader, record.count
        files[source] = FileRecord(sha256, file.size, file.mtime_ns, first, count, reader)
        first += count
    ordered = {source: parts.pop(source) for source in files}
    built: DenseIndex | TableBuilder
    if DenseIndex.approximate(first):
        built, documents = _streamed(ordered, embedded, stored)
    else:
        built, documents = _in_memory(ordered, files, embedder)
    # Made once the cluster's vectors are freed: the table's text is the next biggest thing.
    table = SentenceTable.join([_file_rows(source, stored, kept, fresh) for source in files])
    lexical = LexicalIndex.build(table.text)
    _give_back_freed_memory()
    # The IVF index is built once BM25's working memory is freed.
    dense = built.finish() if isinstance(built, TableBuilder) else built
    return StoredIndex(manifest_for(embedder, dense.vectors.shape[1]), files, table, dense, lexical, documents)


def _file_rows(
    source: str,
    stored: StoredIndex | None,
    kept: dict[str, tuple[FileRecord, SourceFile]],
    fresh: dict[str, tuple[SourceFile, str, list[Sentence], str]],
) -> SentenceTable:
    """The sentences of one file of the new table: its fresh ones, or its rows of the stored table."""
    if source in fresh:
        return SentenceTable.of(fresh[source][2])
    assert stored is not None
    record = kept[source][0]
    return stored.sentences.rows(slice(record.first, record.first + record.count))


def _fresh_vectors(
    fresh: dict[str, tuple[SourceFile, str, list[Sentence], str]], embedder: Embedder, embedded: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """The vectors of each fresh file's sentences (float32, shape (sentences, dimension)): the
    `embedded` ones if a cluster made them all, else embedded here in one call."""
    if fresh and set(embedded) == set(fresh):
        return dict(embedded)
    texts = [s.text for _, _, own, _ in fresh.values() for s in own]
    # Nothing new (only removals, or new BM25 terms): no encoder needs to load.
    vectors = embedder.encode(texts) if texts else np.zeros((0, 0), dtype=np.float32)
    parts, first = {}, 0
    for source, (_, _, own, _) in fresh.items():
        parts[source] = vectors[first : first + len(own)]
        first += len(own)
    return parts


def _in_memory(
    parts: dict[str, np.ndarray], files: dict[str, FileRecord], embedder: Embedder
) -> tuple[DenseIndex, np.ndarray]:
    """Exact search over one float32 array of every file's vectors (`parts`, in table order),
    and the document vectors (float32, shape (files, dimension))."""
    if parts:
        vectors = np.concatenate(list(parts.values()))
    else:
        vectors = np.zeros((0, embedder.dimension), dtype=np.float32)
    documents = group_means(vectors, np.array([record.first for record in files.values()], dtype=np.int64))
    return DenseIndex.build(vectors), documents


def _streamed(
    parts: dict[str, np.ndarray], embedded: dict[str, np.ndarray], stored: StoredIndex | None
) -> tuple[TableBuilder, np.ndarray]:
    """Every file's vectors (`parts`, in table order, emptied here) written file by file to a
    TableBuilder's float16 table, each file's vectors freed (from `embedded` too) and the stored
    table's pages dropped once written; and the document vectors (float32, (files, dimension))."""
    count = sum(len(part) for part in parts.values())
    builder = TableBuilder(count, next(iter(parts.values())).shape[1])
    documents = []
    for source in list(parts):
        part = np.asarray(parts.pop(source), dtype=np.float32)
        embedded.pop(source, None)
        builder.add(part)
        documents.append(group_means(part, np.zeros(1, dtype=np.int64)))
        _release(stored)
    _give_back_freed_memory()
    return builder, np.concatenate(documents)


def _release(stored: StoredIndex | None) -> None:
    """Drop the pages of the stored table this process has read (see `DenseIndex.release`)."""
    if stored is not None:
        stored.dense.release()


def _give_back_freed_memory() -> None:
    """Return the heap memory freed so far to the system (glibc's malloc_trim, as Dask advises for
    its workers): the pages of freed vectors otherwise stay resident, as what is allocated next
    (Python objects, in their own arenas; arrays above malloc's mmap threshold) does not reuse
    them. Nothing without glibc."""
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def manifest_for(embedder: Embedder, dimension: int) -> dict:
    """The manifest of an index built with this embedder (file records and checksums come at save)."""
    return dict(_manifest_basis(embedder), dimension=dimension, versions=_versions())


def _versions() -> dict[str, str]:
    """Library versions recorded for diagnosis; only the model, splitter and readers force a rebuild."""
    return {name: version(name) for name in ("sentence-transformers", "faiss-cpu", "bm25s", "pysbd", "torch")}


def _prune_ocr(plan: _Plan, result: StoredIndex) -> None:
    """Drop the OCR pages of files neither in the new index nor read with OCR this time (those
    OCR found no text in are kept: they would be read again at each start)."""
    cache = plan.ocr.page_cache()
    if cache is not None:
        cache.prune({record.sha256 for record in result.files.values()} | plan.ocr.used)


def _digest_or_none(file: SourceFile) -> str | None:
    try:
        return file_digest(file.path)
    except OSError:
        return None


def _skip(report: IndexReport, source: str, reason: str) -> None:
    logger.warning("skipped %s: it %s", source, reason)
    report.skipped.append(SkippedFile(source, reason))
