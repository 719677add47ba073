"""Index -> ranked sentences: dense and BM25 evidence for each sentence and its neighbours, fused."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.dense import DenseIndex
from qa.lexical import LexicalIndex, terms
from qa.sentences import Sentence

# How many of each ranking's best rows are considered for fusion.
CANDIDATES = 100


@dataclass(frozen=True)
class Hit:
    """A ranked sentence: `row` joins the sentence table, FAISS and BM25."""

    row: int
    score: float
    cosine: float
    coverage: float


class Retriever:
    """Ranks sentences for a query vector and its words."""

    def __init__(self, sentences: list[Sentence], dense: DenseIndex, lexical: LexicalIndex) -> None:
        self.sentences = sentences
        self.dense = dense
        self.lexical = lexical
        self.previous, self.next = _neighbours(sentences)

    def search(self, query: str, vector: np.ndarray, k: int) -> list[Hit]:
        """The `k` best sentences, best first."""
        n = len(self.sentences)
        if n == 0 or k < 1:
            return []
        query_terms = terms([query])[0]
        bm25 = self.lexical.scores(query_terms)
        dense_scores, dense_rows = self.dense.search(vector[None, :], CANDIDATES)
        pool = np.union1d(dense_rows[0], _top(bm25, CANDIDATES))
        window = np.stack([self.previous[pool], pool, self.next[pool]])
        cosine = self.dense.similarity(vector, window.ravel()).reshape(window.shape)
        lexical = bm25[window]
        present = window != pool  # the row itself stands in for missing neighbours
        fused = _standardise(cosine[1]) + 0.5 * _standardise(_mean(cosine, present)) + _standardise(
            lexical[1]
        ) + 0.5 * _standardise(_mean(lexical, present))
        order = np.argsort(-fused, kind="stable")[:k]
        coverage = self._coverage(query_terms, pool[order])
        return [Hit(int(pool[i]), float(fused[i]), float(cosine[1, i]), c) for i, c in zip(order, coverage)]

    def _coverage(self, query_terms: list[str], rows: np.ndarray) -> list[float]:
        """Share of the query's content terms found in each sentence."""
        wanted = set(query_terms)
        if not wanted:
            return [0.0] * len(rows)
        found = terms([self.sentences[r].text for r in rows])
        return [len(wanted & set(t)) / len(wanted) for t in found]


def _neighbours(sentences: list[Sentence]) -> tuple[np.ndarray, np.ndarray]:
    """Row of the previous and next sentence in the same paragraph; a row's own id where none."""
    n = len(sentences)
    rows = np.arange(n)
    previous, following = rows.copy(), rows.copy()
    for i in range(1, n):
        a, b = sentences[i - 1], sentences[i]
        if (a.source, a.block) == (b.source, b.block):
            previous[i], following[i - 1] = i - 1, i
    return previous, following


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    return np.argpartition(-scores, k - 1)[:k]


def _mean(window: np.ndarray, present: np.ndarray) -> np.ndarray:
    weights = np.vstack([present[0], np.ones(window.shape[1], bool), present[2]])
    return (window * weights).sum(axis=0) / weights.sum(axis=0)


def _standardise(values: np.ndarray) -> np.ndarray:
    spread = values.std()
    return (values - values.mean()) / spread if spread > 0 else np.zeros_like(values)
