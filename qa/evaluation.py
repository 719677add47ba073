"""ReQA-style evaluation: every sentence of a SQuAD file is a candidate for every question."""

from __future__ import annotations

import bisect
import gzip
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.engine import QA
from qa.lexical import terms


@dataclass(frozen=True)
class Question:
    """A SQuAD question with the corpus file and character offsets of its answers."""

    text: str
    source: str
    answer_starts: tuple[int, ...]


def load_squad(path: Path) -> tuple[dict[str, str], list[Question]]:
    """Files to write (one per article: title line, then one paragraph per block) and questions.

    SQuAD v2 questions without an answer are left out: ReQA has no gold sentence for them.
    """
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)["data"]
    files: dict[str, str] = {}
    questions: list[Question] = []
    for number, article in enumerate(data):
        source = f"{number:03d}_{article['title'][:60].replace('/', '_')}.txt"
        text = article["title"].replace("_", " ")
        for paragraph in article["paragraphs"]:
            text += "\n\n"
            offset = len(text)
            text += paragraph["context"].replace("\n", " ")
            for qa in paragraph["qas"]:
                if qa["answers"]:
                    starts = tuple(sorted({offset + a["answer_start"] for a in qa["answers"]}))
                    questions.append(Question(qa["question"], source, starts))
        files[source] = text + "\n"
    return files, questions


SLICES = (("low", 0.0, 1 / 3), ("middle", 1 / 3, 2 / 3), ("high", 2 / 3, 1.01))


@dataclass
class Prepared:
    """A SQuAD file indexed as a corpus, with each question's vector, gold rows and word overlap."""

    bot: QA
    questions: list[Question]
    vectors: np.ndarray
    gold: list[set[int]]
    overlap: np.ndarray
    held_out: np.ndarray


def prepare(squad: Path, limit: int | None = None, model: str | None = None, workdir: Path | None = None) -> Prepared:
    """Write the articles as .txt files and index them like any corpus (cached between runs)."""
    files, questions = load_squad(squad)
    workdir = workdir or Path(tempfile.gettempdir()) / f"qa-eval-{squad.name.split('.')[0]}"
    corpus = workdir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = corpus / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    bot = QA(corpus, index_dir=workdir / "index", model=model)
    if limit is not None:
        questions = questions[:limit]
    sentences = bot.retriever.sentences
    rows_of: dict[str, list[int]] = {}
    for row, sentence in enumerate(sentences):
        rows_of.setdefault(sentence.source, []).append(row)
    gold = []
    for question in questions:
        rows = rows_of.get(question.source, [])
        ends = [sentences[r].end for r in rows]
        # The sentence holding the first character of an answer.
        gold.append({rows[min(bisect.bisect_right(ends, start), len(rows) - 1)] for start in question.answer_starts if rows})
    vectors = bot.embedder.encode([q.text for q in questions])
    question_terms = terms([q.text for q in questions])
    overlap = np.array(
        [_overlap(set(qt), [set(t) for t in terms([sentences[r].text for r in g])]) for qt, g in zip(question_terms, gold)]
    )
    order = sorted(files)
    held_out = np.array([order.index(q.source) % 2 == 1 for q in questions])
    return Prepared(bot, questions, vectors, gold, overlap, held_out)


def _overlap(question_terms: set[str], gold_terms: list[set[str]]) -> float:
    """Share of the question's content-word stems found in its gold sentence (the best, if several)."""
    if not question_terms or not gold_terms:
        return 0.0
    return max(len(question_terms & g) for g in gold_terms) / len(question_terms)


def gold_ranks(prepared: Prepared, method: str) -> np.ndarray:
    """1-based rank of the first gold sentence per question; a gold row never ranked gets 10**9."""
    retriever = prepared.bot.retriever
    ranks = np.full(len(prepared.questions), 10**9)
    for i, (question, vector, gold) in enumerate(zip(prepared.questions, prepared.vectors, prepared.gold)):
        if method == "dense":
            scores = retriever.dense.vectors @ vector
        elif method == "bm25":
            scores = retriever.lexical.scores(terms([question.text])[0])
        else:
            found = retriever.candidates(question.text, vector)
            scores = np.full(len(retriever.sentences), -np.inf, dtype=np.float32)
            scores[found.rows] = found.features @ retriever.weights
        best_gold = max(scores[list(gold)]) if gold else -np.inf
        if np.isfinite(best_gold):
            # Ties count against the gold sentence: a query BM25 scores 0 everywhere ranks nothing.
            tied = int((scores == best_gold).sum()) - sum(1 for g in gold if scores[g] == best_gold)
            ranks[i] = int((scores > best_gold).sum()) + tied + 1
    return ranks


def _latency_ms(prepared: Prepared, method: str, count: int = 200) -> float:
    """Median wall time of one question, query encoding included."""
    retriever = prepared.bot.retriever
    timings = []
    for question in prepared.questions[:count]:
        start = time.perf_counter()
        vector = prepared.bot.embedder.encode([question.text])[0]
        if method == "dense":
            retriever.dense.search(vector[None, :], 10)
        elif method == "bm25":
            retriever.lexical.scores(terms([question.text])[0]).argmax()
        else:
            retriever.search(question.text, vector, 3)
        timings.append((time.perf_counter() - start) * 1000)
    return float(np.median(timings))


def run_evaluation(squad: Path, limit: int | None = None, model: str | None = None) -> str:
    """The evaluation table as Markdown: P@1, MRR, R@5, R@10 and p50 latency, by overlap slice."""
    prepared = prepare(squad, limit=limit, model=model)
    lines = [
        f"ReQA-style evaluation on {squad.name}: {len(prepared.questions):,} questions, "
        f"{len(prepared.bot.retriever.sentences):,} candidate sentences",
        "",
        "| method | questions | P@1 | MRR | R@5 | R@10 | p50 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    groups = [("all", np.ones(len(prepared.questions), bool))]
    groups += [("held-out half (odd articles)", prepared.held_out)]
    groups += [(f"{name} overlap [{low:.2f}, {min(high, 1):.2f}{')' if high < 1 else ']'}", (prepared.overlap >= low) & (prepared.overlap < high)) for name, low, high in SLICES]
    for method in ("hybrid", "dense", "bm25"):
        ranks = gold_ranks(prepared, method)
        latency = _latency_ms(prepared, method)
        for label, mask in groups:
            r = ranks[mask]
            if not len(r):
                continue
            lines.append(
                f"| {method}, {label} | {len(r):,} | {np.mean(r == 1):.3f} | {np.mean(1 / r):.3f} | "
                f"{np.mean(r <= 5):.3f} | {np.mean(r <= 10):.3f} | {latency:.1f} |"
            )
    return "\n".join(lines)
