"""How candidate sentences are scored: named features, and one linear weight for each.

The weights were fitted by `benchmarks/tune_ranking.py` on the even-numbered articles of the
SQuAD v1.1 dev set (a listwise softmax loss over the candidates of each question) and are
checked on the odd-numbered ones. No library ranks with context features like these, and
seventeen weights are all the model there is, so it is written out here.
"""

from __future__ import annotations

import re

import numpy as np

# z: cosine standardised against the query's cosines with the whole corpus (a fixed sample).
# Bn: BM25 divided by the query's best BM25 score. "cov" is the lexical evidence of the query:
# the share of its terms found in its best BM25 sentence; features "*cov" are scaled by it.
FEATURES = (
    "dense",  # z of the sentence
    "dense_paragraph",  # z of the paragraph's mean vector
    "dense_paragraph_best",  # z of the best sentence of the paragraph
    "dense_document",  # z of the document's mean vector
    "bm25",  # Bn of the sentence
    "bm25_paragraph_best",  # Bn of the best sentence of the paragraph
    "bm25_window",  # mean Bn of the sentence and its neighbours
    "dense_paragraph*cov",
    "dense_paragraph_best*cov",
    "dense_document*cov",
    "bm25*cov",
    "bm25_paragraph_best*cov",
    "log_words",  # log(1 + words in the sentence)
    "number_for_quantity",  # a number, for how many / how much / when questions
    "capitals_for_who",  # share of capitalised words, for who questions
    "year_for_when",  # a year, for when / what year questions
    "place_for_where",  # "in/at/from + Capitalised", for where questions
)

WEIGHTS = np.array(
    [0.464, 0.644, 0.933, 0.18, 2.36, 1.84, 0.422, -0.582, -0.293, -0.229, 2.5, 1.61, 1.09, 0.821, 0.279, 1.08, 0.637],
    dtype=np.float32,
)

_QUANTITY = re.compile(r"\b(how (many|much|long|old|far|large|big|tall)|what (percentage|number|year|century)|when)\b", re.I)
_WHEN = re.compile(r"\b(when|what (year|century|decade))\b", re.I)
_WHO = re.compile(r"\b(who|whom|whose)\b", re.I)
_WHERE = re.compile(r"\bwhere\b", re.I)
_NUMBER = re.compile(r"\d")
_YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")
_PLACE = re.compile(r"\b(in|at|from|near|to)\s+(the\s+)?[A-Z]")


def question_types(question: str) -> np.ndarray:
    """Which answer types the question asks for: quantity, who, when, where (0 or 1 each)."""
    patterns = (_QUANTITY, _WHO, _WHEN, _WHERE)
    return np.array([1.0 if p.search(question) else 0.0 for p in patterns], dtype=np.float32)


TRAITS = 5


def sentence_traits(texts: list[str]) -> np.ndarray:
    """Per sentence: log word count, has a number, share of capitalised words, has a year, names a place."""
    traits = np.zeros((len(texts), TRAITS), dtype=np.float32)
    for i, text in enumerate(texts):
        words = text.split()
        capitals = sum(1 for w in words[1:] if w[:1].isupper())
        traits[i] = (
            np.log1p(len(words)),
            _NUMBER.search(text) is not None,
            capitals / max(1, len(words)),
            _YEAR.search(text) is not None,
            _PLACE.search(text) is not None,
        )
    return traits
