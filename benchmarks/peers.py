"""qa beside txtai and Haystack on the same corpus, questions and model, in one run.

Part of `bash benchmarks/run` (the "Peers" section of benchmarks/RESULTS.md); alone, in the
benchmark environment that script creates: `.venv-bench/bin/python -m benchmarks.peers`.

The corpus is every sentence of the SQuAD v1.1 dev set as qa splits it (so all three rank the
same candidates), the questions the first --questions of the dev set, the model the local
all-MiniLM-L6-v2. txtai: `Embeddings(hybrid=True)`. Haystack: in-memory BM25 and embedding
retrievers joined by reciprocal rank fusion.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

from qa.evaluation import prepare
from qa.index.embedding import default_model

ROOT = Path(__file__).resolve().parent.parent
DEPTH = 100


def metrics(ranked: list[list[int]], gold: list[set[int]]) -> tuple[float, float]:
    """P@1 and MRR (a gold sentence outside the returned DEPTH counts 0)."""
    reciprocal = []
    for rows, wanted in zip(ranked, gold, strict=False):
        rank = next((i + 1 for i, row in enumerate(rows) if row in wanted), None)
        reciprocal.append(1 / rank if rank else 0.0)
    return float(np.mean([r == 1 for r in reciprocal])), float(np.mean(reciprocal))


def timed(search, questions: list[str]) -> tuple[list[list[int]], float]:
    ranked, timings = [], []
    for question in questions:
        start = time.perf_counter()
        ranked.append(search(question))
        timings.append((time.perf_counter() - start) * 1000)
    return ranked, statistics.median(timings)


def run_qa(corpus: Path, questions: list[str]) -> tuple[list[list[int]], float, float]:
    from qa import QA

    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        bot = QA(corpus, index_dir=Path(scratch))  # a fresh index: reading, splitting, embedding, BM25
        index_time = time.perf_counter() - start
        retriever = bot.retriever
        ranked, p50 = timed(lambda q: [h.row for h in retriever.search(q, bot.embedder.encode([q])[0], DEPTH).hits], questions)
    return ranked, p50, index_time


def run_txtai(texts: list[str], questions: list[str], model: str) -> tuple[list[list[int]], float, float]:
    from txtai import Embeddings

    embeddings = Embeddings(path=model, hybrid=True, content=False)
    start = time.perf_counter()
    embeddings.index([(i, text, None) for i, text in enumerate(texts)])
    index_time = time.perf_counter() - start
    ranked, p50 = timed(lambda q: [int(i) for i, _ in embeddings.search(q, DEPTH)], questions)
    return ranked, p50, index_time


def run_haystack(texts: list[str], questions: list[str], model: str) -> tuple[list[list[int]], float, float]:
    from haystack import Document, Pipeline
    from haystack.components.joiners import DocumentJoiner
    from haystack.components.retrievers.in_memory import InMemoryBM25Retriever, InMemoryEmbeddingRetriever
    from haystack.document_stores.in_memory import InMemoryDocumentStore
    from haystack_integrations.components.embedders.sentence_transformers import (
        SentenceTransformersDocumentEmbedder,
        SentenceTransformersTextEmbedder,
    )

    store = InMemoryDocumentStore()
    embedder = SentenceTransformersDocumentEmbedder(model=model, progress_bar=False)
    start = time.perf_counter()
    embedder.warm_up()
    documents = embedder.run([Document(id=str(i), content=text) for i, text in enumerate(texts)])["documents"]
    store.write_documents(documents)
    index_time = time.perf_counter() - start
    pipeline = Pipeline()
    pipeline.add_component("text_embedder", SentenceTransformersTextEmbedder(model=model, progress_bar=False))
    pipeline.add_component("bm25", InMemoryBM25Retriever(document_store=store, top_k=DEPTH))
    pipeline.add_component("dense", InMemoryEmbeddingRetriever(document_store=store, top_k=DEPTH))
    pipeline.add_component("joiner", DocumentJoiner(join_mode="reciprocal_rank_fusion", top_k=DEPTH))
    pipeline.connect("text_embedder.embedding", "dense.query_embedding")
    pipeline.connect("bm25", "joiner")
    pipeline.connect("dense", "joiner")
    pipeline.warm_up()

    def search(question: str) -> list[int]:
        result = pipeline.run({"text_embedder": {"text": question}, "bm25": {"query": question}})
        return [int(d.id) for d in result["joiner"]["documents"]]

    ranked, p50 = timed(search, questions)
    return ranked, p50, index_time


def peers_table(squad: Path, count: int) -> str:
    prepared = prepare(squad)
    texts = list(prepared.bot.retriever.sentences.text)
    questions = [q.text for q in prepared.questions[:count]]
    gold = prepared.gold[:count]
    model = default_model()
    rows = []
    for name, run in (("qa (hybrid, default settings)", lambda: run_qa(prepared.bot.corpus, questions)),
                      ("txtai 9.14, Embeddings(hybrid=True)", lambda: run_txtai(texts, questions, model)),
                      ("Haystack 3.4, BM25 + embedding retrievers, RRF", lambda: run_haystack(texts, questions, model))):
        ranked, p50, index_time = run()
        p_at_1, mrr = metrics(ranked, gold)
        rows.append((name, p_at_1, mrr, p50, index_time))
    qa_p50 = rows[0][3]
    lines = [
        f"{len(texts):,} SQuAD dev sentences (qa's splitting) as candidates for the first {len(questions):,} dev "
        "questions, all with the local all-MiniLM-L6-v2. Index time: from the texts to a searchable index (qa's "
        "includes reading and splitting the files).",
        "",
        "| system | P@1 | MRR | p50 ms per question | × qa's p50 | index time s |",
        "|---|---|---|---|---|---|",
    ]
    for name, p_at_1, mrr, p50, index_time in rows:
        lines.append(f"| {name} | {p_at_1:.3f} | {mrr:.3f} | {p50:.1f} | {p50 / qa_p50:.1f} | {index_time:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--squad", type=Path, default=ROOT.parent / "shared/data/squad-dev-v1.1.json.gz")
    parser.add_argument("--questions", type=int, default=2000)
    args = parser.parse_args()
    print(peers_table(args.squad, args.questions))


if __name__ == "__main__":
    main()
