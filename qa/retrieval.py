"""Index -> ranked sentences: dense and BM25 evidence about each sentence, its paragraph and its
document, fused by the weights of `qa.ranking`."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from qa.dense import DenseIndex, group_means
from qa.lexical import LexicalIndex, terms
from qa.ranking import TRAITS, WEIGHTS, question_types, sentence_traits
from qa.sentences import Sentence, SentenceTable

# How many of each ranking's best rows are considered for fusion.
CANDIDATES = 100
# Rows sampled once to standardise a query's cosines; more changes the statistics very little.
STATISTICS_SAMPLE = 4096


@dataclass(frozen=True)
class Hit:
    """A ranked sentence: `row` joins the sentence table, FAISS and BM25.

    `cosine` is the sentence's own similarity to the query and `coverage` the share of
    the query's terms it contains: the absolute evidence that abstention is decided on.
    """

    row: int
    score: float
    cosine: float
    coverage: float


@dataclass(frozen=True)
class Candidates:
    """The rows considered for one query and their feature matrix (columns as ranking.FEATURES)."""

    rows: np.ndarray
    features: np.ndarray
    cosine: np.ndarray
    query_terms: list[str]


class Retriever:
    """Ranks the sentences of one index for a query."""

    def __init__(
        self,
        sentences: Sequence[Sentence],
        dense: DenseIndex,
        lexical: LexicalIndex,
        documents: np.ndarray | None = None,
        weights: np.ndarray = WEIGHTS,
    ) -> None:
        """`documents`: each document's mean vector as the index stored it (computed if not given)."""
        self.sentences = sentences if isinstance(sentences, SentenceTable) else SentenceTable.of(sentences)
        self.weights = weights
        self.dense = dense
        self.lexical = lexical
        n = len(self.sentences)
        source, block = self.sentences.source, self.sentences.block
        new_document = np.r_[True, source[1:] != source[:-1]] if n else np.zeros(0, bool)
        new_paragraph = new_document | np.r_[True, block[1:] != block[:-1]] if n else new_document
        rows = np.arange(n)
        self.previous = np.where(new_paragraph, rows, rows - 1)
        self.next = np.where(np.r_[new_paragraph[1:], True] if n else new_paragraph, rows, rows + 1)
        self.paragraph = np.cumsum(new_paragraph) - 1
        self.document = np.cumsum(new_document) - 1
        self.paragraph_start = np.r_[np.flatnonzero(new_paragraph), n]
        self.document_start = np.r_[np.flatnonzero(new_document), n]
        self.documents = group_means(dense.vectors, self.document_start[:-1]) if documents is None else documents
        self._buffers: list[np.ndarray] = []
        self._buffers_lock = threading.Lock()
        # Filled in as rows become candidates: computing them all would slow every start.
        self._traits = np.full((n, TRAITS), np.nan, dtype=np.float32)
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(n, STATISTICS_SAMPLE, replace=False)) if n > STATISTICS_SAMPLE else np.arange(n)
        self._sample_vectors = dense.rows(sample)

    def search(self, query: str, vector: np.ndarray, k: int) -> list[Hit]:
        """The `k` best sentences, best first."""
        if not self.sentences or k < 1:
            return []
        found = self.candidates(query, vector)
        scores = found.features @ self.weights
        order = np.argsort(-scores, kind="stable")[:k]
        coverage = self.coverage(found.query_terms, found.rows[order])
        return [Hit(int(found.rows[i]), float(scores[i]), float(found.cosine[i]), c) for i, c in zip(order, coverage)]

    def candidates(self, query: str, vector: np.ndarray) -> Candidates:
        """Dense and BM25 top rows with their features; exposed for tuning the weights."""
        with self._bm25_buffer() as buffer:
            return self._candidates(query, vector, buffer)

    def _candidates(self, query: str, vector: np.ndarray, buffer: np.ndarray) -> Candidates:
        query_terms = terms([query])[0]
        bm25 = self.lexical.scores(query_terms, out=buffer)
        best_bm25 = float(bm25.max(initial=0.0))
        if best_bm25 > 0:
            bm25 /= best_bm25
        _, dense_rows = self.dense.search(vector[None, :], CANDIDATES)
        dense_rows = dense_rows[0][dense_rows[0] >= 0]  # an IVF search may come back short, padded with -1
        rows = np.union1d(dense_rows, _top(bm25, CANDIDATES)) if best_bm25 > 0 else np.sort(dense_rows)
        sample = self._sample_vectors @ vector
        mean, spread = float(sample.mean()), float(sample.std()) or 1.0

        paragraphs = self.paragraph[rows]
        members, offsets, position = self._paragraph_members(paragraphs)
        member_vectors = self.dense.rows(members)
        member_cosine = member_vectors @ vector
        best_cosine = np.maximum.reduceat(member_cosine, offsets)[position]
        bm25_paragraph_best = np.maximum.reduceat(bm25[members], offsets)[position]
        # Cosine with the paragraph's mean vector: (sum of vectors · query) / |sum of vectors|.
        sums = np.add.reduceat(member_vectors, offsets)
        norms = np.linalg.norm(sums, axis=1)
        paragraph_cosine = (np.add.reduceat(member_cosine, offsets) / np.where(norms > 0, norms, 1))[position]

        cosine = self.dense.similarity(vector, rows)
        has_previous, has_next = self.previous[rows] != rows, self.next[rows] != rows
        window = (bm25[rows] + bm25[self.previous[rows]] * has_previous + bm25[self.next[rows]] * has_next) / (
            1 + has_previous.astype(np.float32) + has_next
        )

        def z(values: np.ndarray) -> np.ndarray:
            return (values - mean) / spread

        evidence = self.coverage(query_terms, np.array([int(np.argmax(bm25))]))[0] if best_bm25 > 0 else 0.0
        dense_paragraph = z(paragraph_cosine)
        dense_paragraph_best = z(best_cosine)
        dense_document = z(self.documents[self.document[rows]] @ vector)
        asks = question_types(query)
        traits = self._traits_of(rows)
        columns = [
            z(cosine),
            dense_paragraph,
            dense_paragraph_best,
            dense_document,
            bm25[rows],
            bm25_paragraph_best,
            window,
            dense_paragraph * evidence,
            dense_paragraph_best * evidence,
            dense_document * evidence,
            bm25[rows] * evidence,
            bm25_paragraph_best * evidence,
            traits[:, 0],
            traits[:, 1] * asks[0],
            traits[:, 2] * asks[1],
            traits[:, 3] * asks[2],
            traits[:, 4] * asks[3],
        ]
        return Candidates(rows, np.stack(columns, axis=1).astype(np.float32), cosine, query_terms)

    @contextmanager
    def _bm25_buffer(self) -> Iterator[np.ndarray]:
        """A scores array reused from question to question (see LexicalIndex.scores): as many
        exist as questions were ever searched at once, not one per thread that asked."""
        with self._buffers_lock:
            buffer = self._buffers.pop() if self._buffers else np.zeros(len(self.sentences), dtype=np.float32)
        try:
            yield buffer
        finally:
            with self._buffers_lock:
                self._buffers.append(buffer)

    def _traits_of(self, rows: np.ndarray) -> np.ndarray:
        missing = rows[np.isnan(self._traits[rows, 0])]
        if len(missing):
            self._traits[missing] = sentence_traits([self.sentences.text[r] for r in missing])
        return self._traits[rows]

    def _paragraph_members(self, paragraphs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All rows of the given paragraphs, where each paragraph's rows start among them, and
        the position of each given paragraph among the distinct ones (for np.*.reduceat)."""
        distinct = np.unique(paragraphs)
        starts = self.paragraph_start[distinct]
        lengths = self.paragraph_start[distinct + 1] - starts
        offsets = np.cumsum(lengths) - lengths
        members = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
        return members, offsets, np.searchsorted(distinct, paragraphs)

    def coverage(self, query_terms: list[str], rows: np.ndarray) -> list[float]:
        """Share of the query's content terms found in each sentence."""
        wanted = set(query_terms)
        if not wanted:
            return [0.0] * len(rows)
        found = terms([self.sentences.text[r] for r in rows])
        return [len(wanted & set(t)) / len(wanted) for t in found]


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    return np.argpartition(-scores, k - 1)[:k]
