"""Calibrate when qa says "I couldn't find that": in-corpus versus out-of-corpus questions.

    .venv/bin/python -m benchmarks.calibrate_abstention [--squad ../shared/data/squad-dev-v1.1.json.gz]

The corpus is half of the SQuAD v1.1 dev articles; questions about that half are in corpus,
questions about the other half are not. The rule is fitted with the even articles as the
corpus and checked with the odd ones, and the trade-off curve of the shipped rule is printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from qa.dense import DenseIndex
from qa.engine import ABSTAIN_COVERAGE_WEIGHT, ABSTAIN_THRESHOLD
from qa.evaluation import Prepared, prepare
from qa.lexical import LexicalIndex
from qa.retrieval import Retriever

ROOT = Path(__file__).resolve().parent.parent


def evidence(prepared: Prepared, corpus_half: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Best hit's cosine, coverage and correctness for every question, over half of the articles."""
    full = prepared.bot.retriever
    sources = sorted({s.source for s in full.sentences})
    kept = {s for i, s in enumerate(sources) if i % 2 == corpus_half}
    rows = np.array([i for i, s in enumerate(full.sentences) if s.source in kept])
    sentences = [full.sentences[i] for i in rows]
    half = Retriever(sentences, DenseIndex(full.dense.vectors[rows]), LexicalIndex.build([s.text for s in sentences]))
    cosine, coverage, correct = [], [], []
    for question, vector, gold in zip(prepared.questions, prepared.vectors, prepared.gold):
        hit = half.search(question.text, vector, 1)[0]
        cosine.append(hit.cosine)
        coverage.append(hit.coverage)
        correct.append(int(rows[hit.row]) in gold)
    inside = np.array([q.source in kept for q in prepared.questions])
    return np.array(cosine), np.array(coverage), inside, np.array(correct)


def rates(score: np.ndarray, inside: np.ndarray, threshold: float) -> tuple[float, float]:
    """Share of in-corpus questions answered, share of out-of-corpus questions abstained on."""
    answered = score >= threshold
    return float(answered[inside].mean()), float((~answered[~inside]).mean())


def _logistic(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and offset of a one-feature logistic regression, by Newton's method."""
    w = np.zeros(2)
    design = np.stack([x, np.ones_like(x)], axis=1)
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ w))
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + 1e-6 * np.eye(2)
        w -= np.linalg.solve(hessian, design.T @ (p - y))
    return float(w[0]), float(w[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--squad", type=Path, default=ROOT.parent / "shared/data/squad-dev-v1.1.json.gz")
    args = parser.parse_args()
    prepared = prepare(args.squad)
    fit = evidence(prepared, 0)
    check = evidence(prepared, 1)

    best = None
    for weight in np.arange(0.0, 1.01, 0.05):
        score = fit[0] + weight * fit[1]
        threshold = float(np.quantile(score[fit[2]], 0.05))  # answer 95% of in-corpus questions
        answered, abstained = rates(score, fit[2], threshold)
        if best is None or abstained > best[3]:
            best = (weight, threshold, answered, abstained)
    print(f"fitted on the even half: coverage weight {best[0]:.2f}, threshold {best[1]:.3f} "
          f"(answers {best[2]:.1%} in corpus, abstains on {best[3]:.1%} out of corpus)\n")
    evidence_score = fit[0] + ABSTAIN_COVERAGE_WEIGHT * fit[1]
    slope, offset = _logistic(evidence_score[fit[2]], fit[3][fit[2]])
    print(f"confidence = sigmoid({slope:.2f} × evidence {offset:+.2f}): P(rank-1 sentence is right), in corpus\n")
    print(f"shipped rule: cosine + {ABSTAIN_COVERAGE_WEIGHT} × coverage ≥ threshold\n")
    print("| threshold | corpus | answered in corpus | abstained out of corpus |\n|---|---|---|---|")
    for threshold in sorted({round(ABSTAIN_THRESHOLD + d, 3) for d in (-0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.15)}):
        for name, (cosine, coverage, inside, _) in (("even (fit)", fit), ("odd (check)", check)):
            answered, abstained = rates(cosine + ABSTAIN_COVERAGE_WEIGHT * coverage, inside, threshold)
            mark = " **(shipped)**" if threshold == ABSTAIN_THRESHOLD else ""
            print(f"| {threshold:.3f}{mark} | {name} | {answered:.1%} | {abstained:.1%} |")


if __name__ == "__main__":
    main()
