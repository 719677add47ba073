"""Corpus folder -> up-to-date index: reuse what is stored, re-embed only files that changed."""

from __future__ import annotations

import ctypes
import dataclasses
import itertools
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from qa.index import store
from qa.index.dense import DenseIndex, ScratchFileError, TableBuilder, VectorSpool, group_means, release
from qa.index.embedding import Embedder
from qa.index.lexical import TERMS, LexicalIndex
from qa.index.normalization import NORMALIZATION
from qa.index.store import FileRecord, IndexLoadError, SkipRecord, StoredIndex
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
    """A corpus file left out of the index, with the reason shown to the user (also when it was
    found unreadable at an earlier synchronisation and has not changed since: it is not read again)."""

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


@dataclass(frozen=True)
class Unreadable:
    """A changed file found unreadable, in this process or on a cluster's worker: why, in words
    shown to users, and what the index keeps of the version found so: the `sha256` of the bytes
    read (None when they were not read), whether `ocr` was tried, and whether the same bytes would
    be skipped again (`lasting`, as `UnreadableFileError` says)."""

    reason: str
    sha256: str | None = None
    ocr: bool = False
    lasting: bool = True


# Changed files -> each with what reading it gave: a ReadFile, or why it is skipped (in any order,
# each as soon as it is read).
Reading = Callable[[list[SourceFile], Ocr], Iterable[tuple[SourceFile, ReadFile | Unreadable]]]


def synchronise(
    corpus: Path, index_dir: Path, embedder: Embedder, cluster: Cluster | None = None
) -> tuple[StoredIndex, IndexReport]:
    """Bring the stored index of `corpus` up to date and return it with a report of the work done.

    Comparing takes no lock; writing takes the index folder's lock and holds it until the new
    generation is in force. If another process saved a generation since this comparison began,
    the comparison is made again, under the lock, against that one: a stale view of the corpus
    never overwrites a newer update, and work another process did is not done again.
    Raises IndexWriteError (naming the folder) when the new generation cannot be saved, or its
    vector table cannot be assembled in the temporary folder (a large index's; its disk is full).

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
    try:
        plan = _compare(corpus, index_dir, embedder, reading)
        if (unchanged := _up_to_date(plan)) is not None:
            return unchanged
        with store.writing(index_dir) as writer:
            if writer.current() != started_from:
                logger.info("index at %s: another process saved it meanwhile; comparing again", index_dir)
                plan = _compare(corpus, index_dir, embedder, reading)
                if (unchanged := _up_to_date(plan)) is not None:
                    return unchanged
            result = _rebuilt(plan, embedder)
            if _same_data(plan):
                writer.relabel(result)  # nothing but the manifest is new: CURRENT's files are linked
            else:
                writer.save(result, keep_previous=not plan.damaged)
            _prune_ocr(plan, result)
    except ScratchFileError as error:  # nothing of the new generation was written yet
        raise store.write_error(index_dir, error) from error
    plan.report.files, plan.report.sentences = len(result.files), len(result.sentences)
    return result, plan.report


# The fresh files of a plan: source -> (file, sha256, its sentences, reader version as recorded).
_Fresh = dict[str, tuple[SourceFile, str, SentenceTable, str]]


@dataclass
class _Plan:
    """One comparison of the corpus folder with the stored index."""

    stored: StoredIndex | None
    damaged: bool  # the generation CURRENT names could not be read
    report: IndexReport
    ocr: Ocr
    kept: dict[str, tuple[FileRecord, SourceFile]] = field(default_factory=dict)
    fresh: _Fresh = field(default_factory=dict)
    # Skipped files: those the stored index found unreadable as they are now (not read again),
    # and those read anew and found unreadable.
    still_skipped: dict[str, tuple[SkipRecord, SourceFile]] = field(default_factory=dict)
    skipped: dict[str, SkipRecord] = field(default_factory=dict)
    # The fresh files' vectors: a cluster's as they arrive, or embedded here before the assembly.
    spool: VectorSpool = field(default_factory=VectorSpool)


@dataclass(frozen=True)
class _StoredRows:
    """What a new index copies of the stored one: its sentence table and its vector table (float32,
    or float16 and memory-mapped above the exact-search threshold)."""

    sentences: SentenceTable
    vectors: np.ndarray


def _compare(corpus: Path, index_dir: Path, embedder: Embedder, reading: Reading) -> _Plan:
    """Which files keep their stored rows, which stay skipped as the stored index found them
    (neither is read), and which are read anew (by `reading`; embedded later unless `reading`
    embedded them: then their vectors are in the plan's spool).

    Raises ScratchFileError when the spool's temporary file cannot be written."""
    report = IndexReport()
    files = list_files(corpus)
    stored, damaged = _load_compatible(index_dir, embedder, report)
    plan = _Plan(stored, damaged, report, Ocr(cache=index_dir / OCR_FOLDER))
    changed: list[SourceFile] = []
    for file in files:
        record = stored.files.get(file.source) if stored else None
        if record is not None and _holds(record, file):
            plan.kept[file.source] = (record, file)
            continue
        skip = stored.skipped.get(file.source) if stored else None
        if skip is not None and skip.lasting and _holds(skip, file):
            plan.still_skipped[file.source] = (skip, file)
            continue
        changed.append(file)
    plan.spool = VectorSpool(kept=sum(record.count for record, _ in plan.kept.values()))
    for file, read in reading(changed, plan.ocr):
        if isinstance(read, ReadFile) and read.encoding not in (None, "utf-8"):
            logger.info("read %s as %s", file.source, read.encoding)
            report.encodings[file.source] = read.encoding
        if isinstance(read, ReadFile) and not read.sentences:
            read = Unreadable("holds no sentences", read.sha256, read.ocr)
        if isinstance(read, Unreadable):
            _skip(plan, file, read)
            continue
        if read.ocr:
            plan.ocr.used.add(read.sha256)  # read on a worker: its OCR pages are kept too
        # Kept as a table: its columns take a quarter of the memory of Sentence objects.
        sentences = SentenceTable.of(read.sentences)
        plan.fresh[file.source] = (file, read.sha256, sentences, reader_version(file, ocr=read.ocr))
        if read.vectors is not None:
            plan.spool.add(file.source, read.vectors)
    report.removed = sorted(set(stored.files) - set(plan.kept) - set(plan.fresh)) if stored else []
    report.embedded = [file.source for file in changed if file.source in plan.fresh]
    reasons = {source: record.reason for source, (record, _) in plan.still_skipped.items()}
    reasons |= {source: record.reason for source, record in plan.skipped.items()}
    report.skipped = [SkippedFile(file.source, reasons[file.source]) for file in files if file.source in reasons]
    return plan


def _holds(record: FileRecord | SkipRecord, file: SourceFile) -> bool:
    """Whether a stored record is of the file as it is now: made with today's reader of its format
    (and OCR engine, if it was read with OCR), of a file of the same size and modification time,
    or else of the same bytes (a file that was only touched)."""
    if record.reader not in (reader_version(file), reader_version(file, ocr=True)):
        return False  # read again: its format's reader, or the OCR engine it was read with, changed
    if (record.size, record.mtime_ns) == (file.size, file.mtime_ns):
        return True
    return record.sha256 is not None and record.size == file.size and _digest_or_none(file) == record.sha256


def _skip(plan: _Plan, file: SourceFile, unreadable: Unreadable) -> None:
    """Record a file read anew and found unreadable, and warn about it, unless it was found so
    before: a file whose skip does not last is tried again at each synchronisation, and said again
    only when the outcome changes."""
    reader = reader_version(file, ocr=unreadable.ocr)
    record = SkipRecord(unreadable.sha256, file.size, file.mtime_ns, reader, unreadable.reason, unreadable.lasting)
    if plan.stored is not None and plan.stored.skipped.get(file.source) == record:
        logger.info("still skipped %s: it %s", file.source, unreadable.reason)
    else:
        logger.warning("skipped %s: it %s", file.source, unreadable.reason)
    plan.skipped[file.source] = record


def _skip_records(plan: _Plan) -> dict[str, SkipRecord]:
    """The skipped files the new index keeps, in source order: those still skipped as stored
    (with the size and time listed now, as files that were only touched), and those read anew."""
    records = {
        source: dataclasses.replace(record, size=file.size, mtime_ns=file.mtime_ns)
        for source, (record, file) in plan.still_skipped.items()
    }
    return dict(sorted((records | plan.skipped).items()))


def _skips_changed(plan: _Plan) -> bool:
    """Whether the skipped files differ from the stored index's: a file skipped for the first
    time, or as another version, or one that is gone or indexed now (files that were only touched
    do not count: they are hashed again on the next start, as indexed ones)."""
    stored = plan.stored.skipped if plan.stored is not None else {}
    if set(stored) != set(plan.still_skipped) | set(plan.skipped):
        return True
    return any(stored[source] != record for source, record in plan.skipped.items())


def read_here(files: list[SourceFile], ocr: Ocr) -> Iterable[tuple[SourceFile, ReadFile | Unreadable]]:
    """Each file read and split in this process, one after the other (`Reading` in process)."""
    for file in files:
        yield file, read_file(file, ocr)


def read_file(file: SourceFile, ocr: Ocr) -> ReadFile | Unreadable:
    """One file read (through `ocr`) and split into sentences, or why it is skipped."""
    try:
        document, digest = read_document(file, ocr)
    except UnreadableFileError as error:
        tried_ocr = error.sha256 is not None and error.sha256 in ocr.used
        return Unreadable(str(error), error.sha256, tried_ocr, error.lasting)
    return ReadFile(digest, document_sentences(document), document.encoding, digest in ocr.used)


def _up_to_date(plan: _Plan) -> tuple[StoredIndex, IndexReport] | None:
    """The stored index and the report, when nothing needs writing; else None (also when its BM25
    side was made with other terms: it is rebuilt from the stored sentences, nothing re-embedded;
    and when only the skipped files changed: the stored index is saved with them)."""
    if plan.stored is None or plan.report.changed or _skips_changed(plan) or plan.stored.manifest.get("terms") != TERMS:
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


def _rebuilt(plan: _Plan, embedder: Embedder) -> StoredIndex:
    """The new index the plan asks for: when no indexed file changed (see `_up_to_date`), the
    stored one with the skipped files of this synchronisation and, if its BM25 terms changed, its
    BM25 side rebuilt; else one assembled from the kept files' stored rows and the fresh files."""
    skipped = _skip_records(plan)
    if plan.stored is not None and not plan.report.changed:
        return _refreshed(plan.stored, plan.kept, skipped, embedder)
    assembled = _assemble(_take_rows(plan), plan.kept, plan.fresh, embedder, plan.spool)
    return dataclasses.replace(assembled, skipped=skipped)


def _same_data(plan: _Plan) -> bool:
    """Whether the new index holds the stored one's data files as they are: no indexed file
    changed and its BM25 terms are today's (only skipped files, or files only touched, differ)."""
    return plan.stored is not None and not plan.report.changed and plan.stored.manifest.get("terms") == TERMS


def _take_rows(plan: _Plan) -> _StoredRows | None:
    """The stored index's sentence and vector tables, which kept files' rows are copied from; the
    plan lets go of the rest (its ANN and BM25 indexes, about 0.5 GB at a million sentences), so
    that it is freed before the new ones are built."""
    stored, plan.stored = plan.stored, None
    return None if stored is None else _StoredRows(stored.sentences, stored.dense.vectors)


def _refreshed(
    stored: StoredIndex,
    kept: dict[str, tuple[FileRecord, SourceFile]],
    skipped: dict[str, SkipRecord],
    embedder: Embedder,
) -> StoredIndex:
    """The stored index with `skipped` as its skipped files, and its BM25 side rebuilt if it was
    made with other terms than today's TERMS. Its sentences, vectors, ANN index and document
    vectors stay as they are (nothing is embedded or trained again); files that were only touched
    take the size and time listed now."""
    files = {
        source: dataclasses.replace(record, size=kept[source][1].size, mtime_ns=kept[source][1].mtime_ns)
        for source, record in stored.files.items()
    }
    manifest = manifest_for(embedder, stored.dense.vectors.shape[1])
    same_terms = stored.manifest.get("terms") == TERMS
    lexical = stored.lexical if same_terms else LexicalIndex.build(stored.sentences.text)
    return dataclasses.replace(stored, manifest=manifest, files=files, lexical=lexical, skipped=skipped)


def _assemble(
    stored: _StoredRows | None,
    kept: dict[str, tuple[FileRecord, SourceFile]],
    fresh: _Fresh,
    embedder: Embedder,
    spool: VectorSpool,
) -> StoredIndex:
    """The new index, its table in source order: the stored rows of kept files, and the fresh
    files with their vectors from `spool` (a cluster's), or else embedded here. `spool` and `fresh`
    are emptied as their vectors and sentences are used, so that their memory is freed as the new
    index grows.

    Above the exact-search threshold the vectors are never gathered into one array: they go file
    by file to a float16 table file, and the IVF index is trained on a sample of it and filled
    from it shard by shard (`_streamed`, `TableBuilder`). Raises ScratchFileError when a temporary
    file of that table cannot be made or written."""
    _embed_missing(fresh, embedder, spool)
    files: dict[str, FileRecord] = {}
    first = 0
    for source in sorted(set(kept) | set(fresh)):
        if source in fresh:
            file, sha256, sentences, reader = fresh[source]
            count = len(sentences)
        else:
            record, file = kept[source]
            sha256, reader, count = record.sha256, record.reader, record.count
        files[source] = FileRecord(sha256, file.size, file.mtime_ns, first, count, reader)
        first += count
    parts = _file_vectors(files, stored, kept, spool)
    built: DenseIndex | TableBuilder
    if DenseIndex.approximate(first):
        built, documents = _streamed(parts, first, stored)
    else:
        built, documents = _in_memory(parts, embedder)
    # Joined once the vectors are let go: the table's text is the next biggest thing.
    table = SentenceTable.join([_file_rows(source, stored, kept, fresh) for source in files])
    fresh.clear()
    lexical = LexicalIndex.build(table.text)
    _give_back_freed_memory()
    # The IVF index is built once BM25's working memory is freed.
    dense = built.finish() if isinstance(built, TableBuilder) else built
    return StoredIndex(manifest_for(embedder, dense.vectors.shape[1]), files, table, dense, lexical, documents)


def _embed_missing(fresh: _Fresh, embedder: Embedder, spool: VectorSpool) -> None:
    """Embed here, in one call, the sentences of the fresh files whose vectors `spool` lacks (all
    of them in process, none after a cluster run), and add the vectors to it."""
    missing = [source for source in fresh if source not in spool]
    if not missing:  # nothing new (only removals, or a cluster embedded it all): no encoder needs to load
        return
    vectors = embedder.encode([text for source in missing for text in fresh[source][2].text])
    first = 0
    for source in missing:
        count = len(fresh[source][2])
        spool.add(source, vectors[first : first + count])
        first += count


def _file_vectors(
    files: dict[str, FileRecord],
    stored: _StoredRows | None,
    kept: dict[str, tuple[FileRecord, SourceFile]],
    spool: VectorSpool,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Each file's vectors (shape (sentences, dimension): float32, or float16 as a large stored
    table or the spool keeps them) and its document vector (float32, shape (dimension,)), in table
    order: fresh files' taken out of `spool`, kept files' read from the stored table."""
    for source in files:
        if source in spool:
            yield spool.take(source)
            continue
        assert stored is not None
        record = kept[source][0]
        rows = stored.vectors[record.first : record.first + record.count]
        yield rows, group_means(np.asarray(rows, dtype=np.float32), np.zeros(1, dtype=np.int64))[0]


def _file_rows(
    source: str, stored: _StoredRows | None, kept: dict[str, tuple[FileRecord, SourceFile]], fresh: _Fresh
) -> SentenceTable:
    """The sentences of one file of the new table: its fresh ones, or its rows of the stored table."""
    if source in fresh:
        return fresh[source][2]
    assert stored is not None
    record = kept[source][0]
    return stored.sentences.rows(slice(record.first, record.first + record.count))


def _in_memory(parts: Iterator[tuple[np.ndarray, np.ndarray]], embedder: Embedder) -> tuple[DenseIndex, np.ndarray]:
    """Exact search over one float32 array of every file's vectors (`parts`: each file's vectors
    and document vector, in table order), and the document vectors (float32, shape (files,
    dimension))."""
    files = list(parts)
    if not files:
        empty = np.zeros((0, embedder.dimension), dtype=np.float32)
        return DenseIndex.build(empty), empty
    return DenseIndex.build(np.concatenate([rows for rows, _ in files])), np.stack([mean for _, mean in files])


def _streamed(
    parts: Iterator[tuple[np.ndarray, np.ndarray]], count: int, stored: _StoredRows | None
) -> tuple[TableBuilder, np.ndarray]:
    """Every file's vectors (`parts`: each file's vectors and document vector, in table order,
    `count` rows in all) written file by file to a TableBuilder's float16 table and let go, the
    stored table's pages dropped as they are read; and the document vectors (float32, shape
    (files, dimension))."""
    head = next(parts)
    builder = TableBuilder(count, head[0].shape[1])
    documents = []
    for rows, mean in itertools.chain([head], parts):
        builder.add(rows)
        documents.append(mean)
        if stored is not None:
            release(stored.vectors)
    _give_back_freed_memory()
    return builder, np.stack(documents)


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
    """Drop the OCR pages of files neither in the new index (indexed or skipped: OCR found no text
    in a skipped one, and a new reader of its format reads it again) nor read with OCR this time."""
    cache = plan.ocr.page_cache()
    if cache is not None:
        skipped = {record.sha256 for record in result.skipped.values() if record.sha256 is not None}
        cache.prune({record.sha256 for record in result.files.values()} | skipped | plan.ocr.used)


def _digest_or_none(file: SourceFile) -> str | None:
    try:
        return file_digest(file.path)
    except OSError:
        return None
