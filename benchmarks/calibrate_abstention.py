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

    print("At the threshold that answers 95% of the in-corpus questions of the even half:\n")
    print("| coverage weight | threshold | answered in corpus (even / odd) | abstained out of corpus (even / odd) |")
    print("|---|---|---|---|")
    for weight in (0.0, 0.25, 0.5, 0.75, 1.0):
        threshold = float(np.quantile((fit[0] + weight * fit[1])[fit[2]], 0.05))
        cells = [rates(half[0] + weight * half[1], half[2], threshold) for half in (fit, check)]
        print(f"| {weight:.2f} | {threshold:.3f} | {cells[0][0]:.1%} / {cells[1][0]:.1%} | {cells[0][1]:.1%} / {cells[1][1]:.1%} |")

    print(f"\nThe shipped rule, cosine + {ABSTAIN_COVERAGE_WEIGHT} × coverage ≥ threshold, around its threshold:\n")
    print("| threshold | answered in corpus (even / odd) | abstained out of corpus (even / odd) |\n|---|---|---|")
    for step in range(-4, 5):
        threshold = round(ABSTAIN_THRESHOLD + 0.05 * step, 3)
        cells = [rates(h[0] + ABSTAIN_COVERAGE_WEIGHT * h[1], h[2], threshold) for h in (fit, check)]
        mark = " (shipped)" if step == 0 else ""
        print(f"| {threshold:.2f}{mark} | {cells[0][0]:.1%} / {cells[1][0]:.1%} | {cells[0][1]:.1%} / {cells[1][1]:.1%} |")

    evidence_score = fit[0] + ABSTAIN_COVERAGE_WEIGHT * fit[1]
    slope, offset = _logistic(evidence_score[fit[2]], fit[3][fit[2]])
    print(f"\nconfidence = sigmoid({slope:.2f} × evidence {offset:+.2f}): P(the rank-1 sentence is right), in corpus")

if __name__ == "__main__":
    main()
