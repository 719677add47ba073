"""BM25 over the sentence table with bm25s: stemmed, English stopwords and question words removed."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN

# Question words carry no evidence about which sentence answers: "When did ..." never matches "when".
STOPWORDS = sorted(
    set(STOPWORDS_EN)
    | {"what", "when", "who", "whom", "whose", "how", "where", "which", "why", "did", "does", "do", "has", "have", "had"}
)
_STOPWORD_SET = frozenset(STOPWORDS)
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s' default token pattern
_EMPTY_MARK = "EMPTY"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def terms(texts: list[str]) -> list[list[str]]:
    """The stemmed content terms of each text, as BM25 sees them.

    The same as `bm25s.tokenize(..., return_ids=False)` (a test holds them equal), written out
    because that call builds a vocabulary and a progress bar each time: 0.5 ms, three times
    per question.
    """
    stemmer = _stemmer()
    return [stemmer.stemWords([t for t in _TOKEN.findall(text.lower()) if t not in _STOPWORD_SET]) for text in texts]


class LexicalIndex:
    """Scores every sentence against a query; saved as bm25s' own folder of .npy and JSON files."""

    def __init__(self, bm25: bm25s.BM25, size: int, empty: bool = False) -> None:
        self._bm25 = bm25
        self.size = size
        self._empty = empty

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        bm25 = bm25s.BM25()
        tokens = bm25s.tokenize(texts, stopwords=STOPWORDS, stemmer=_stemmer(), show_progress=False)
        if not tokens.vocab:  # bm25s cannot index a corpus without a single term
            return cls(bm25, len(texts), empty=True)
        bm25.index(tokens, show_progress=len(texts) > 100_000)
        return cls(bm25, len(texts))

    def save(self, folder: Path) -> None:
        if self._empty:
            folder.mkdir()
            (folder / _EMPTY_MARK).touch()
        else:
            self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        if (folder / _EMPTY_MARK).exists():
            return cls(bm25s.BM25(), size, empty=True)
        bm25 = bm25s.BM25.load(str(folder), mmap=False, show_progress=False)
        if bm25.scores["num_docs"] != size:
            raise ValueError(f"BM25 index holds {bm25.scores['num_docs']} sentences, the table {size}")
        return cls(bm25, size)

    def scores(self, query_terms: list[str], out: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every sentence, zeros where no term matches; written into `out` if given.

        Summed here from bm25s' precomputed matrix, as `get_scores` does, but into `out`: bm25s
        allocates a fresh array per query, and a fresh array of a million rows cost 15 ms of page
        faults per question here, a reused one nothing.
        """
        if out is None:
            out = np.zeros(self.size, dtype=np.float32)
        else:
            out.fill(0)
        if self._empty:
            return out
        vocabulary, matrix = self._bm25.vocab_dict, self._bm25.scores
        for term in (vocabulary[t] for t in query_terms if t in vocabulary):
            postings = slice(matrix["indptr"][term], matrix["indptr"][term + 1])
            np.add.at(out, matrix["indices"][postings], matrix["data"][postings])
        return out
