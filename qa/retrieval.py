"""Index -> ranked sentences: dense and BM25 evidence about each sentence, its paragraph and its
document, fused by the weights of `qa.ranking`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.dense import DenseIndex
from qa.lexical import LexicalIndex, terms
from qa.ranking import WEIGHTS, question_types, sentence_traits
from qa.sentences import Sentence

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
    standardised: float


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
        self, sentences: list[Sentence], dense: DenseIndex, lexical: LexicalIndex, weights: np.ndarray = WEIGHTS
    ) -> None:
        self.sentences = sentences
        self.weights = weights
        self.dense = dense
        self.lexical = lexical
        n = len(sentences)
        self.previous, self.next = _neighbours(sentences)
        self.paragraph, self.paragraph_start = _groups([(s.source, s.block) for s in sentences])
        self.document, _ = _groups([s.source for s in sentences])
        self.paragraph_vectors = _centroids(dense.vectors, self.paragraph)
        self.document_vectors = _centroids(dense.vectors, self.document)
        self.traits = sentence_traits([s.text for s in sentences])
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(n, STATISTICS_SAMPLE, replace=False)) if n > STATISTICS_SAMPLE else np.arange(n)
        self._sample_vectors = np.ascontiguousarray(dense.vectors[sample])

    def search(self, query: str, vector: np.ndarray, k: int) -> list[Hit]:
        """The `k` best sentences, best first."""
        if not self.sentences or k < 1:
            return []
        found = self.candidates(query, vector)
        scores = found.features @ self.weights
        order = np.argsort(-scores, kind="stable")[:k]
        coverage = self.coverage(found.query_terms, found.rows[order])
        standardised = found.features[:, 0]  # the first feature is the sentence's z-scored cosine
        return [
            Hit(int(found.rows[i]), float(scores[i]), float(found.cosine[i]), c, float(standardised[i]))
            for i, c in zip(order, coverage)
        ]

    def candidates(self, query: str, vector: np.ndarray) -> Candidates:
        """Dense and BM25 top rows with their features; exposed for tuning the weights."""
        query_terms = terms([query])[0]
        bm25 = self.lexical.scores(query_terms)
        best_bm25 = float(bm25.max(initial=0.0))
        bm25 = bm25 / best_bm25 if best_bm25 > 0 else bm25
        _, dense_rows = self.dense.search(vector[None, :], CANDIDATES)
        rows = np.union1d(dense_rows[0], _top(bm25, CANDIDATES)) if best_bm25 > 0 else np.sort(dense_rows[0])
        sample = self._sample_vectors @ vector
        mean, spread = float(sample.mean()), float(sample.std()) or 1.0

        paragraphs = self.paragraph[rows]
        members = np.concatenate(
            [np.arange(self.paragraph_start[p], self.paragraph_start[p + 1]) for p in np.unique(paragraphs)]
        )
        member_cosine = self.dense.similarity(vector, members)
        best_cosine = _group_max(member_cosine, self.paragraph[members])
        best_bm25_in = _group_max(bm25[members], self.paragraph[members])

        cosine = self.dense.similarity(vector, rows)
        has_previous, has_next = self.previous[rows] != rows, self.next[rows] != rows
        window = (bm25[rows] + bm25[self.previous[rows]] * has_previous + bm25[self.next[rows]] * has_next) / (
            1 + has_previous.astype(np.float32) + has_next
        )

        def z(values: np.ndarray) -> np.ndarray:
            return (values - mean) / spread

        evidence = self.coverage(query_terms, np.array([int(np.argmax(bm25))]))[0] if best_bm25 > 0 else 0.0
        dense_paragraph = z(self.paragraph_vectors[paragraphs] @ vector)
        dense_paragraph_best = z(np.array([best_cosine[p] for p in paragraphs], dtype=np.float32))
        dense_document = z(self.document_vectors[self.document[rows]] @ vector)
        bm25_paragraph_best = np.array([best_bm25_in[p] for p in paragraphs], dtype=np.float32)
        asks = question_types(query)
        traits = self.traits[rows]
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

    def coverage(self, query_terms: list[str], rows: np.ndarray) -> list[float]:
        """Share of the query's content terms found in each sentence."""
        wanted = set(query_terms)
        if not wanted:
            return [0.0] * len(rows)
        found = terms([self.sentences[r].text for r in rows])
        return [len(wanted & set(t)) / len(wanted) for t in found]


def _neighbours(sentences: list[Sentence]) -> tuple[np.ndarray, np.ndarray]:
    """Row of the previous and next sentence in the same paragraph; a row's own id where none."""
    rows = np.arange(len(sentences))
    previous, following = rows.copy(), rows.copy()
    for i in range(1, len(sentences)):
        a, b = sentences[i - 1], sentences[i]
        if (a.source, a.block) == (b.source, b.block):
            previous[i], following[i - 1] = i - 1, i
    return previous, following


def _groups(keys: list) -> tuple[np.ndarray, np.ndarray]:
    """Group id of each row (runs of equal keys) and the first row of each group, plus the end."""
    ids = np.zeros(len(keys), dtype=np.int64)
    starts = [0] if keys else []
    for i in range(1, len(keys)):
        if keys[i] != keys[i - 1]:
            starts.append(i)
        ids[i] = len(starts) - 1
    return ids, np.array(starts + [len(keys)], dtype=np.int64)


def _centroids(vectors: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Unit-length mean vector of each group."""
    if not len(vectors):
        return vectors
    sums = np.zeros((int(group.max()) + 1, vectors.shape[1]), dtype=np.float32)
    np.add.at(sums, group, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return sums / np.where(norms > 0, norms, 1)


def _group_max(values: np.ndarray, group: np.ndarray) -> dict[int, float]:
    best: dict[int, float] = {}
    for g, v in zip(group.tolist(), values.tolist()):
        if v > best.get(g, -np.inf):
            best[g] = v
    return best


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    return np.argpartition(-scores, k - 1)[:k]
