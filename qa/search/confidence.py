"""How sure an answer is: the calibrated probability that the first passage answers the question.

A logistic regression over evidence about the best candidates, fitted by
`.venv/bin/python -m benchmarks.fit_ranking` on the fit data (TyDi QA English train, the fit half
of SQuAD v1.1 and SQuAD 2.0 dev; each as one corpus and as small corpora of about 150 sentences):
in-corpus questions (right when the first passage holds the answer), out-of-corpus questions (a
corpus of other articles) and SQuAD 2.0's impossible questions (never right). An answer is
`found` when its confidence reaches the fit's threshold, chosen so that 95.5 % of the fit data's
in-corpus questions are answered. The coefficients of each embedding model are in `qa.search.fits`.
"""

from __future__ import annotations

import math

import numpy as np

from qa.search.fits import Fit
from qa.search.retrieval import Hit

EVIDENCE = (
    "score",  # the ranking's score of the first passage
    "lead",  # how far it leads the second
    "cosine",  # its cosine with the question (after an FAQ line, the higher of its and that line's)
    "coverage",  # IDF-weighted share of the question's terms in it and its context (ranking's heading_coverage)
    "paragraph_coverage",  # the same over its whole paragraph
    "missing",  # IDF share of the rarest term of the question absent from that paragraph
    "unknown",  # IDF-weighted share of the question's terms that no sentence of the corpus holds
)


def evidence(best: Hit, second_score: float, unknown: float) -> np.ndarray:
    """The EVIDENCE vector of one answer, from its first passage and the second one's score."""
    values = (best.score, best.score - second_score, best.cosine, best.coverage, best.paragraph_coverage, best.missing, unknown)
    return np.array(values, dtype=np.float64)


def confidence(values: np.ndarray, fit: Fit) -> float:
    """P(the first passage answers the question), from an `evidence` vector and the embedding
    model's fit; in [0, 1]."""
    return 1 / (1 + math.exp(-float(values @ fit.coefficients + fit.intercept)))
