"""Nearest sentences by inner product of unit vectors, with FAISS: exact search for ordinary
corpora, an inverted-file index (IVF, 8-bit scalar quantiser) above EXACT_SEARCH_UP_TO rows.

Beside an ANN index the table itself is kept in float16: the ANN index searches its own codes, and
the table only re-ranks its proposals and feeds the paragraph features, where half precision
(about 1e-3 of a cosine) changes nothing, while a million rows take 0.77 GB instead of 1.5 GB.
The IVF index is built from that float16 table: trained on a sample, filled shard by shard. A
client assembling a large index keeps the vectors a cluster's workers return in a VectorSpool as
they arrive, then hands the rows to a TableBuilder file by file, which writes the table to a file,
so that no more than one file's (or shard's) vectors are held as float32. Both files are
temporary (in TMPDIR); what fails there is a ScratchFileError."""

from __future__ import annotations

import math
import mmap
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import faiss
import numpy as np

# Exact search of one query over 200k 384-d vectors takes about 10 ms here; beyond that, IVF.
EXACT_SEARCH_UP_TO = 200_000
# Inverted lists visited per query; benchmarks/speed.py reports recall@10 against exact search.
NPROBE = 64
# The 8-bit codes blur near ties, so the ANN index proposes this many times k rows and their
# exact cosines, read from the vector table, decide the order.
REFINE = 4
_TRAINING_ROWS_PER_LIST = 50
# Rows added to an IVF index at a time (25 MB as float32 at 384 dimensions).
SHARD_ROWS = 16_384


class DenseIndex:
    """The vector table, and an ANN index over it for large corpora.

    The table is kept either way: it answers the neighbour and paragraph look-ups that
    context-aware ranking needs, and exact search (`faiss.knn` searches it in place).
    """

    def __init__(self, vectors: np.ndarray, ann: faiss.Index | None = None) -> None:
        # float16 only beside an ANN index: exact search (faiss.knn) reads float32.
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float16 if ann is not None else np.float32)
        self.ann = ann

    @staticmethod
    def approximate(count: int) -> bool:
        """Whether a table of `count` rows is searched by an ANN index (and kept in float16)."""
        return count > EXACT_SEARCH_UP_TO

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        """Exact up to EXACT_SEARCH_UP_TO rows; above, an IVF index over the float16 table,
        trained on a sample (`vectors`: float32 of shape (rows, dimension))."""
        if not cls.approximate(len(vectors)):
            return cls(vectors)
        table = np.ascontiguousarray(vectors, dtype=np.float16)
        return cls(table, _ivf_over(table))

    def write_table(self, handle: BinaryIO) -> None:
        """Write the vector table to `handle` as an .npy file (the bytes `np.save` writes),
        SHARD_ROWS rows at a time: of a memory-mapped table (a streamed build's, or a loaded large
        index's), no more than one shard's pages stay resident. Raises OSError when writing fails."""
        np.lib.format.write_array_header_1_0(handle, np.lib.format.header_data_from_array_1_0(self.vectors))
        for first in range(0, len(self.vectors), SHARD_ROWS):
            handle.write(self.vectors[first : first + SHARD_ROWS].tobytes())
            release(self.vectors)

    def save(self, path: Path) -> None:
        """The ANN index, if any, in FAISS's own binary format (not pickle)."""
        if self.ann is not None:
            faiss.write_index(self.ann, str(path))

    @classmethod
    def load(cls, vectors: np.ndarray, path: Path) -> DenseIndex:
        if not cls.approximate(len(vectors)):
            return cls(vectors)
        ann = faiss.read_index(str(path))
        if ann.ntotal != len(vectors):
            raise ValueError(f"the ANN index holds {ann.ntotal} vectors, the table {len(vectors)}")
        faiss.extract_index_ivf(ann).nprobe = NPROBE
        return cls(vectors, ann)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row ids of the `k` best rows for each query, best first (ids -1 past the end)."""
        k = min(k, len(self.vectors))
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if k == 0:
            empty = np.zeros((len(queries), 0))
            return empty.astype(np.float32), empty.astype(np.int64)
        # For one query, FAISS's OpenMP threads cost more than they save (13 ms against 6 ms at
        # 10k rows here, measured beside the ONNX encoder); batches keep every core.
        threads = faiss.omp_get_max_threads()
        if len(queries) == 1:
            faiss.omp_set_num_threads(1)
        try:
            if self.ann is not None:
                return self._refined(queries, *self.ann.search(queries, REFINE * k), k)
            return faiss.knn(queries, np.asarray(self.vectors, dtype=np.float32), k, faiss.METRIC_INNER_PRODUCT)
        finally:
            faiss.omp_set_num_threads(threads)

    def _refined(self, queries: np.ndarray, _: np.ndarray, proposed: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        rows = np.full((len(queries), k), -1, dtype=np.int64)
        for i, (query, ids) in enumerate(zip(queries, proposed, strict=False)):
            ids = ids[ids >= 0]
            exact = self.similarity(query, ids)
            best = np.argsort(-exact, kind="stable")[:k]
            scores[i, : len(best)], rows[i, : len(best)] = exact[best], ids[best]
        return scores, rows

    def rows(self, ids: np.ndarray) -> np.ndarray:
        """The given rows as float32, whatever the table keeps."""
        return np.asarray(self.vectors[ids], dtype=np.float32)

    def similarity(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Cosine of one query with the given rows."""
        return self.rows(ids) @ query


def group_means(vectors: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Unit-length mean vector of each run of rows beginning at `starts` (ascending, from 0)."""
    if not len(starts):
        return np.zeros((0, vectors.shape[1]), dtype=np.float32)
    totals = np.add.reduceat(vectors, starts, axis=0, dtype=np.float32)
    norms = np.linalg.norm(totals, axis=1, keepdims=True)
    return totals / np.where(norms > 0, norms, 1)


def _ivf_over(table: np.ndarray) -> faiss.Index:
    """An IVF index (8-bit codes, inner product) over a float16 table of shape (rows, dimension):
    trained on the rows `_training_rows` picks, filled SHARD_ROWS rows at a time, so that no more
    than the sample or one shard is held as float32. A memory-mapped table's pages are dropped
    after each (see `release`)."""
    count, dimension = table.shape
    ann = faiss.IndexIVFScalarQuantizer(
        faiss.IndexFlatIP(dimension), dimension, _lists(count), faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
    )
    ann.train(_gathered(table, _training_rows(count)))
    for first in range(0, count, SHARD_ROWS):
        ann.add(np.asarray(table[first : first + SHARD_ROWS], dtype=np.float32))
        release(table)
    ann.nprobe = NPROBE
    return ann


def _gathered(table: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The rows `ids` (ascending) of a table of shape (rows, dimension) as float32 of shape
    (len(ids), dimension), read SHARD_ROWS table rows at a time, so that no more than one shard
    of a memory-mapped table is resident at once."""
    rows = np.empty((len(ids), table.shape[1]), dtype=np.float32)
    for first in range(0, len(table), SHARD_ROWS):
        low, high = np.searchsorted(ids, [first, first + SHARD_ROWS])
        rows[low:high] = table[first : first + SHARD_ROWS][ids[low:high] - first]
        release(table)
    return rows


def _training_rows(count: int) -> np.ndarray:
    """Ascending ids of a fixed sample of _TRAINING_ROWS_PER_LIST rows per inverted list (all
    rows of a smaller table)."""
    sample = np.random.default_rng(0).choice(count, min(count, _lists(count) * _TRAINING_ROWS_PER_LIST), replace=False)
    return np.sort(sample)


def _lists(count: int) -> int:
    """Inverted lists of an IVF index over `count` rows."""
    return int(4 * math.sqrt(count))


def release(array: np.ndarray) -> None:
    """Drop the pages of the file mapping `array` views, if any, from this process's resident
    memory (MADV_DONTNEED on a read-only file mapping: they are read from the file again when
    needed); nothing for an array in memory."""
    owner = array.base
    while isinstance(owner, np.ndarray):
        owner = owner.base
    if isinstance(owner, mmap.mmap):
        owner.madvise(mmap.MADV_DONTNEED)


class ScratchFileError(OSError):
    """A temporary file of a streamed vector table (VectorSpool, TableBuilder; in TMPDIR) could
    not be made, written or read: `errno` says why (ENOSPC: its disk is full) and `filename`
    names the temporary folder."""


@contextmanager
def _scratch() -> Iterator[None]:
    """Raise the OSErrors of the block, which works on a temporary table file, as ScratchFileError."""
    try:
        yield
    except OSError as error:
        folder = tempfile.gettempdir()
        reason = error.strerror or str(error)
        raise ScratchFileError(error.errno, f"a temporary vector table in {folder}: {reason}", folder) from error


class TableBuilder:
    """An IVF DenseIndex over `count` rows of `dimension` floats, given file by file, so that no
    more than one file's rows (or the training sample, or one shard) are held as float32 here.

    The float16 table goes, as an .npy file, to an unnamed temporary file (removed by the system
    once nothing maps it), which the finished index maps. The IVF index is built from that table
    at `finish`, and equals `DenseIndex.build` of the same rows. Raises ScratchFileError when the
    temporary file cannot be made or written (its disk is full, say).
    """

    def __init__(self, count: int, dimension: int) -> None:
        self.count, self.dimension = count, dimension
        self._filled = 0
        header = {"descr": np.dtype(np.float16).str, "fortran_order": False, "shape": (count, dimension)}
        with _scratch():
            self._file = tempfile.TemporaryFile()
            np.lib.format.write_array_header_1_0(self._file, header)
            self._offset = self._file.tell()

    def add(self, rows: np.ndarray) -> None:
        """Append the next rows of the table (float32 or float16, shape (rows, dimension))."""
        if self._filled + len(rows) > self.count or rows.shape[1:] != (self.dimension,):
            raise ValueError(f"rows of shape {rows.shape} do not fit a table of {self.count} x {self.dimension}")
        with _scratch():
            self._file.write(np.ascontiguousarray(rows, dtype=np.float16).tobytes())
        self._filled += len(rows)

    def finish(self) -> DenseIndex:
        """The index over every row added; ValueError unless all `count` rows were."""
        if self._filled != self.count:
            raise ValueError(f"{self._filled} rows of {self.count} were added")
        shape = (self.count, self.dimension)
        with _scratch(), self._file:  # closed once mapped: the mapping keeps the file
            self._file.flush()
            table = np.memmap(self._file, dtype=np.float16, mode="r", offset=self._offset, shape=shape)
        return DenseIndex(table, _ivf_over(table))


class VectorSpool:
    """The vectors of an update's fresh files (a cluster's workers' as they arrive, in any order, or
    embedded here before the assembly), kept until the table is assembled: as given (float32)
    while the index they go to stays within exact search (`kept`: the rows of other files besides
    them), else as float16 in an unnamed temporary file in $TMPDIR, so that no more than one file's
    vectors are held here; the file is closed, and its disk space freed, once every file's vectors
    were taken. Each file's document vector (the unit-length mean of its rows) is taken on
    arrival, from its float32 rows. Raises ScratchFileError when the temporary file cannot be
    made, written or read.
    """

    def __init__(self, kept: int = 0) -> None:
        self._kept = kept
        self._rows = 0
        self._means: dict[str, np.ndarray] = {}
        self._held: dict[str, np.ndarray] = {}
        self._written: dict[str, tuple[int, tuple[int, int]]] = {}  # source -> (byte offset, shape)
        self._file: BinaryIO | None = None

    def __contains__(self, source: object) -> bool:
        return source in self._means

    def add(self, source: str, vectors: np.ndarray) -> None:
        """Keep one file's vectors (float32 unit rows, shape (sentences >= 1, dimension))."""
        self._means[source] = group_means(vectors, np.zeros(1, dtype=np.int64))[0]
        self._rows += len(vectors)
        if self._file is None and not DenseIndex.approximate(self._kept + self._rows):
            self._held[source] = vectors
            return
        with _scratch():
            if self._file is None:
                self._file = tempfile.TemporaryFile()
            for held in list(self._held):  # the index is approximate now: its table will be float16
                self._write(self._file, held, self._held.pop(held))
            self._write(self._file, source, vectors)

    def _write(self, file: BinaryIO, source: str, vectors: np.ndarray) -> None:
        offset = file.seek(0, os.SEEK_END)
        file.write(np.ascontiguousarray(vectors, dtype=np.float16).tobytes())
        self._written[source] = (offset, vectors.shape)

    def take(self, source: str) -> tuple[np.ndarray, np.ndarray]:
        """One file's vectors (float32 as added, or float16 once written to the file; shape
        (sentences, dimension)) and its document vector (float32, shape (dimension,)), let go
        here. KeyError for a file not added (or taken already)."""
        mean = self._means.pop(source)
        if source in self._held:
            return self._held.pop(source), mean
        offset, shape = self._written.pop(source)
        assert self._file is not None
        with _scratch():
            self._file.seek(offset)
            data = self._file.read(shape[0] * shape[1] * np.dtype(np.float16).itemsize)
        if not self._written:
            self._file.close()
            self._file = None
        return np.frombuffer(data, dtype=np.float16).reshape(shape), mean
