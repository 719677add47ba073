"""How firmly each seed question is answered, under each backend: its gold sentence's rank, the
score by which rank 1 leads rank 2 (or trails the gold sentence), by which the gold sentence
leads rank 4 (what a top-3 check would not see), and the answer's confidence, as a Markdown table.

    .venv/bin/python -m benchmarks.seed_margins

tests/seed_questions.py holds a question to rank 1 only where the margin is comfortable under
every backend, and to the top 3 where its lead over rank 4 is; a rank-1 question to `found` where
its confidence is comfortably above the threshold under every backend. Each backend runs in its own
process over a fresh index of seeds/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("onnx", "onnx-int8")
TOP_K = 5


def measure() -> list[dict]:
    """Rank (None past TOP_K), margin, lead over rank 4 and confidence of every seed question with
    this process's backend."""
    sys.path.insert(0, str(ROOT / "tests"))
    from seed_questions import SEED_QUESTIONS, SEED_TOP_THREE

    from qa import QA

    bot = QA(ROOT / "seeds", index_dir=tempfile.mkdtemp(prefix="qa-margins-"))
    rows = []
    for question, fragments in SEED_QUESTIONS + SEED_TOP_THREE:
        answer = bot.answer(question, top_k=TOP_K)
        passages = answer.passages
        ranks = [i for i, p in enumerate(passages) if any(f in p.text for f in fragments)]
        rank = ranks[0] + 1 if ranks else None
        margin = None
        if rank == 1:
            margin = passages[0].score - passages[1].score
        elif rank is not None:
            margin = passages[rank - 1].score - passages[0].score
        lead = passages[rank - 1].score - passages[3].score if rank is not None and rank <= 3 else None
        rows.append({"question": question, "rank": rank, "margin": margin, "lead": lead, "confidence": answer.confidence})
    return rows


def main() -> None:
    if os.environ.get("QA_MARGINS_CHILD"):
        print(json.dumps(measure()))
        return
    results = {}
    for backend in BACKENDS:
        env = dict(os.environ, QA_BACKEND=backend, QA_MARGINS_CHILD="1")
        output = subprocess.run(
            [sys.executable, "-m", "benchmarks.seed_margins"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout
        results[backend] = json.loads(output.strip().splitlines()[-1])
    header = " | ".join(f"{b} rank | {b} margin | {b} lead over rank 4 | {b} confidence" for b in BACKENDS)
    print(f"| question | {header} |")
    print("|---" * (1 + 4 * len(BACKENDS)) + "|")
    for i, row in enumerate(results[BACKENDS[0]]):
        cells = []
        for backend in BACKENDS:
            measured = results[backend][i]
            margin, lead = ("—" if measured[key] is None else f"{measured[key]:+.3f}" for key in ("margin", "lead"))
            cells += [str(measured["rank"] or f"> {TOP_K}"), margin, lead, f"{measured['confidence']:.3f}"]
        print(f"| {row['question']} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
