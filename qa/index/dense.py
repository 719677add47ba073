"""Nearest sentences by inner product of unit vectors, with FAISS: exact search for ordinary
corpora, an inverted-file index (IVF, 8-bit scalar quantiser) above EXACT_SEARCH_UP_TO rows.

Beside an ANN index the table itself is kept in float16: the ANN index searches its own codes, and
the table only re-ranks its proposals and feeds the paragraph features, where half precision
(about 1e-3 of a cosine) changes nothing, while a million rows take 0.77 GB instead of 1.5 GB."""

from __future__ import annotations

import math
from pathlib import Path

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
        """Exact up to EXACT_SEARCH_UP_TO rows; above, an IVF index trained on a sample."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        count, dimension = vectors.shape
        if not cls.approximate(count):
            return cls(vectors)
        lists = int(4 * math.sqrt(count))
        quantiser = faiss.IndexFlatIP(dimension)
        ann = faiss.IndexIVFScalarQuantizer(
            quantiser, dimension, lists, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        rng = np.random.default_rng(0)
        sample = rng.choice(count, min(count, lists * _TRAINING_ROWS_PER_LIST), replace=False)
        ann.train(vectors[np.sort(sample)])
        ann.add(vectors)
        ann.nprobe = NPROBE
        return cls(vectors, ann)

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
