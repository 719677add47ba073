"""Nearest sentences by inner product of unit vectors, with FAISS."""

from __future__ import annotations

import faiss
import numpy as np


class DenseIndex:
    """Exact inner-product search over the sentence vectors.

    `faiss.knn` searches the vector table in place, so the vectors are held once, and
    the same table answers the neighbour look-ups that context-aware ranking needs.
    """

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.vectors)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row ids of the `k` best rows for each query, best first."""
        k = min(k, len(self.vectors))
        if k == 0:
            empty = np.zeros((len(queries), 0))
            return empty.astype(np.float32), empty.astype(np.int64)
        scores, ids = faiss.knn(np.ascontiguousarray(queries, dtype=np.float32), self.vectors, k, faiss.METRIC_INNER_PRODUCT)
        return scores, ids

    def similarity(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Cosine of one query with the given rows."""
        return self.vectors[ids] @ query
