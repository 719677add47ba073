"""BM25 over the sentence table with bm25s: stemmed, English stopwords and question words removed."""

from __future__ import annotations

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
_EMPTY_MARK = "EMPTY"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def terms(texts: list[str]) -> list[list[str]]:
    """The stemmed content terms of each text, as BM25 sees them."""
    return bm25s.tokenize(texts, stopwords=STOPWORDS, stemmer=_stemmer(), return_ids=False, show_progress=False)


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

    def scores(self, query_terms: list[str]) -> np.ndarray:
        """BM25 score of every sentence, zeros where no term matches."""
        known = [] if self._empty else [t for t in query_terms if t in self._bm25.vocab_dict]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)
