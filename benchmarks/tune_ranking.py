"""Fit the ranking weights of qa/ranking.py on half of the SQuAD v1.1 dev articles.

    .venv/bin/python -m benchmarks.tune_ranking [--squad ../shared/data/squad-dev-v1.1.json.gz]

Fits on the even-numbered articles with a listwise softmax loss over each question's
candidates (the same features the product computes), then prints P@1 and MRR on both
halves for the shipped weights and the fitted ones, and the fitted weights to paste.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch

from qa.evaluation import prepare
from qa.ranking import FEATURES, WEIGHTS

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--squad", type=Path, default=ROOT.parent / "shared/data/squad-dev-v1.1.json.gz")
    parser.add_argument("--l2", type=float, default=1e-3)
    args = parser.parse_args()
    prepared = prepare(args.squad)
    retriever = prepared.bot.retriever
    features, golds = [], []
    for question, vector, gold in zip(prepared.questions, prepared.vectors, prepared.gold):
        found = retriever.candidates(question.text, vector)
        features.append(found.features)
        golds.append(np.isin(found.rows, list(gold)))
    width = max(len(f) for f in features)
    X = np.zeros((len(features), width, len(FEATURES)), dtype=np.float32)
    Y = np.zeros((len(features), width), dtype=bool)
    valid = np.zeros((len(features), width), dtype=bool)
    for i, (f, g) in enumerate(zip(features, golds)):
        X[i, : len(f)], Y[i, : len(g)], valid[i, : len(f)] = f, g, True
    X, Y, valid = torch.tensor(X), torch.tensor(Y), torch.tensor(valid)
    tune = torch.tensor(~prepared.held_out) & Y.any(1)

    weights = torch.zeros(len(FEATURES), requires_grad=True)
    optimiser = torch.optim.LBFGS([weights], max_iter=300)

    def loss() -> torch.Tensor:
        optimiser.zero_grad()
        scores = (X[tune] @ weights).masked_fill(~valid[tune], -1e9)
        value = (torch.logsumexp(scores, 1) - torch.logsumexp(scores.masked_fill(~Y[tune], -1e9), 1)).mean()
        value = value + args.l2 * (weights**2).sum()
        value.backward()
        return value

    optimiser.step(loss)
    print("| weights | tuning P@1 | tuning MRR | held-out P@1 | held-out MRR |\n|---|---|---|---|---|")
    for name, w in (("shipped", torch.tensor(WEIGHTS)), ("fitted", weights.detach())):
        scores = (X @ w).masked_fill(~valid, -1e9)
        best_gold = scores.masked_fill(~Y, -1e9).max(1).values
        rank = (scores > best_gold[:, None]).sum(1) + 1
        rank = torch.where(Y.any(1), rank, torch.tensor(10**9))
        cells = []
        for half in (~torch.tensor(prepared.held_out), torch.tensor(prepared.held_out)):
            r = rank[half].float()
            cells += [f"{(r == 1).float().mean():.3f}", f"{(1 / r).mean():.3f}"]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\nWEIGHTS = [" + ", ".join(f"{w:.3g}" for w in weights.detach().tolist()) + "]")
    for name, w in zip(FEATURES, weights.detach().tolist()):
        print(f"  {name:28s} {w:+.3f}")


if __name__ == "__main__":
    main()
