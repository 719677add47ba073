"""Speed and scale of qa, measured side by side, written to benchmarks/RESULTS.md.

    bash benchmarks/run [--sizes 10000,100000,1000000] [--squad FILE] [--peers 2000] [--only encoding,reading,scale,peers]

(that script creates the benchmark's own environment, then runs this module in it).

Every speed figure comes with a ratio to a baseline measured in the same run, since absolute
times drift on a shared machine. The 10k corpus is the SQuAD v1.1 dev set (real sentences);
the larger ones are synthetic (see `synthetic_corpus`), written as real files with a matching
index, so that start-up, memory and latency are measured through the real `QA` class, each
size in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from benchmarks.machine import cpu
from benchmarks.results import write_section

if TYPE_CHECKING:
    from qa.index.embedding import Embedder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQUAD = ROOT.parent / "shared" / "data" / "squad-dev-v1.1.json.gz"
THROUGHPUT_ROUNDS = 3


def percentiles(timings_ms: list[float]) -> tuple[float, float]:
    ordered = sorted(timings_ms)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def squad_texts(squad: Path) -> tuple[list[str], list[str]]:
    """SQuAD dev sentences (as qa splits them) and questions."""
    from qa.evaluation import load_squad
    from qa.ingest.formats.text import parse_text
    from qa.ingest.sentences import document_sentences

    files, questions = load_squad(squad)
    sentences = [s.text for name, text in files.items() for s in document_sentences(parse_text(name, text))]
    return sentences, [q.text for q in questions]


def encoding_table(squad: Path, sentences: list[str], questions: list[str]) -> str:
    """Throughput of indexing-size batches, agreement with bare PyTorch, latency of one question
    and the SQuAD P@1 each backend gives, side by side."""
    from qa.index.embedding import BACKENDS, DEFAULT_BACKEND, Embedder

    batch, asked = sentences[:2000], questions[:300]
    bare_model = Embedder(backend="torch").model

    def bare_encode(texts: list[str]) -> np.ndarray:
        return bare_model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)

    encoders: list[tuple[str, str | None, Callable[[list[str]], np.ndarray]]] = [
        ("bare SentenceTransformer.encode (PyTorch fp32, batch 32)", None, bare_encode)
    ]
    encoders += [(f"qa, {b} backend{' (default)' if b == DEFAULT_BACKEND else ''}", b, Embedder(backend=b).encode) for b in BACKENDS]
    openvino = _openvino_encoder(Embedder(backend="onnx"))
    if openvino is not None:
        encoders.append(("OpenVINO fp32, same ONNX graph (benchmark only)", None, openvino))
    lines = [
        f"Throughput: {len(batch):,} SQuAD sentences in batches of 16 (qa) or 32 (bare), the best of "
        f"{THROUGHPUT_ROUNDS} interleaved rounds. Agreement: the "
        f"vectors of those sentences and the top 10 of them for {len(asked)} SQuAD questions, against bare "
        "PyTorch. One question: the same questions one at a time. P@1: the full SQuAD evaluation (hybrid, "
        "all questions) with that backend's vectors for sentences and questions. Alone vs in batch: the "
        "largest 1−cos between a sentence embedded alone and the same sentence in its batch (int8's "
        "activation scale is taken per batch, so its vectors depend on their neighbours).",
        "",
        f"CPU: {cpu()}.",
        "",
        "| encoder | sentences/s | × bare | max 1−cos | alone vs in batch 1−cos | top-10 overlap | question p50 ms | × bare | p95 ms | SQuAD P@1 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    # Throughput in interleaved rounds, the best of each encoder: a busy neighbour on this shared
    # machine then slows one round, not one encoder.
    rates: dict[str, float] = {}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(THROUGHPUT_ROUNDS):
        for name, _, encode in encoders:
            encode(batch[:32])
            start = time.perf_counter()
            vectors[name] = encode(batch)
            rates[name] = max(rates.get(name, 0.0), len(batch) / (time.perf_counter() - start))
    bare_name = encoders[0][0]
    bare, bare_rate = vectors[bare_name], rates[bare_name]
    bare_top = bare_p50 = None
    for name, backend, encode in encoders:
        top = np.argsort(-(encode(asked) @ vectors[name].T), axis=1)[:, :10]
        p50, p95 = percentiles(_one_at_a_time(encode, asked))
        bare_top = top if bare_top is None else bare_top
        bare_p50 = bare_p50 or p50
        overlap = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(top, bare_top, strict=False)])
        drift = float((1 - (vectors[name] * bare).sum(axis=1)).max())
        alone = np.concatenate([encode([text]) for text in batch[:200]])
        batch_drift = float((1 - (alone * vectors[name][:200]).sum(axis=1)).max())
        accuracy = f"{_squad_p_at_1(squad, backend):.3f}" if backend is not None and backend != "torch" else "= onnx" if backend else "—"
        lines.append(
            f"| {name} | {rates[name]:,.0f} | {rates[name] / bare_rate:.2f} | {drift:.1e} | {batch_drift:.1e} | {overlap:.3f} | {p50:.1f} | "
            f"{p50 / bare_p50:.2f} | {p95:.1f} | {accuracy} |"
        )
    return "\n".join(lines)


def _one_at_a_time(encode, texts: list[str]) -> list[float]:
    """Milliseconds to encode each text alone."""
    timings = []
    for text in texts:
        start = time.perf_counter()
        encode([text])
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _openvino_encoder(embedder: Embedder) -> Callable[[list[str]], np.ndarray] | None:
    """OpenVINO running qa's ONNX export, if the benchmark environment has it: read from the
    ONNX file (no conversion tool, so nothing of OpenVINO's telemetry runs)."""
    try:
        import openvino
    except ImportError:
        return None
    onnx = embedder.onnx_encoder
    if onnx is None:
        return None
    core = openvino.Core()
    compiled = core.compile_model(core.read_model(str(onnx.path)), "CPU", {"PERFORMANCE_HINT": "LATENCY"})
    request = compiled.create_infer_request()

    def encode(texts: list[str]) -> np.ndarray:
        order = np.argsort([-len(t) for t in texts], kind="stable")
        vectors = np.zeros((len(texts), compiled.output(0).get_partial_shape()[1].get_length()), dtype=np.float32)
        for first in range(0, len(texts), 16):
            rows = order[first : first + 16]
            tokens = onnx.tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([t.ids for t in tokens], dtype=np.int64)
            mask = np.array([t.attention_mask for t in tokens], dtype=np.int64)
            vectors[rows] = request.infer({"input_ids": ids, "attention_mask": mask})[0]
        return vectors

    return encode


def _squad_p_at_1(squad: Path, backend: str) -> float:
    """Hybrid P@1 over all SQuAD dev questions with this backend's vectors (own cached index)."""
    from qa.evaluation import eval_dir, gold_ranks, prepare

    previous = os.environ.get("QA_BACKEND")
    os.environ["QA_BACKEND"] = backend
    try:
        return float(np.mean(gold_ranks(prepare(squad, workdir=eval_dir(squad, backend)), "hybrid") == 1))
    finally:
        if previous is None:
            del os.environ["QA_BACKEND"]
        else:
            os.environ["QA_BACKEND"] = previous


def reading_table(sentences: list[str]) -> str:
    """Pages (or documents) per second of reading and splitting, per format, on generated files."""
    import docx
    from fpdf import FPDF

    from qa.ingest.reading import SourceFile, read_document
    from qa.ingest.sentences import document_sentences

    pages, per_page = 50, 25
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        pdf = FPDF()
        for page in range(pages):
            pdf.add_page()
            pdf.set_font("Helvetica", size=8)
            pdf.cell(0, 6, "Benchmark Report - generated", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=10)
            text = " ".join(sentences[page * per_page : (page + 1) * per_page])
            pdf.multi_cell(0, 5, text.encode("latin-1", "replace").decode("latin-1"))
            pdf.set_y(-15)
            pdf.cell(0, 6, f"Page {page + 1}", align="C")
        pdf.output(str(folder / "report.pdf"))
        body = "".join(f"<h2>Part {i}</h2><p>{' '.join(sentences[i * per_page:(i + 1) * per_page])}</p>" for i in range(pages))
        (folder / "page.html").write_text(f"<html><body><nav>Home News</nav><article>{body}</article></body></html>", encoding="utf-8")
        document = docx.Document()
        for i in range(pages):
            document.add_heading(f"Part {i}", level=2)
            document.add_paragraph(" ".join(sentences[i * per_page : (i + 1) * per_page]))
        document.save(str(folder / "memo.docx"))
        (folder / "notes.txt").write_text(
            "\n\n".join(" ".join(sentences[i * per_page : (i + 1) * per_page]) for i in range(pages)), encoding="utf-8"
        )
        lines = [
            f"{pages} pages (or parts) of {per_page} SQuAD sentences each, read and split into sentences.",
            "",
            "| format | pages/s | sentences/s |",
            "|---|---|---|",
        ]
        for name in ("notes.txt", "page.html", "memo.docx", "report.pdf"):
            path = folder / name
            start = time.perf_counter()
            read, _ = read_document(SourceFile.at(path, folder))
            count = len(document_sentences(read))
            elapsed = time.perf_counter() - start
            lines.append(f"| {path.suffix} | {pages / elapsed:,.1f} | {count / elapsed:,.0f} |")
    return "\n".join(lines)


def synthetic_corpus(folder: Path, index_dir: Path, size: int, sentences: Sequence[str], vectors: np.ndarray) -> None:
    """`size` sentences in files of 1,000 lines, with an index that matches them, built without the model.

    Each synthetic sentence is a real SQuAD sentence with its words shuffled (so the vocabulary
    stays that of real text); its vector is that sentence's real vector plus Gaussian noise (cosine about 0.85
    to the original), so that the vectors keep the clusters of real text, which random vectors
    would not (every ANN index looks broken on those).
    """
    from qa.index import store
    from qa.index.dense import DenseIndex, group_means
    from qa.index.embedding import Embedder
    from qa.index.indexing import manifest_for
    from qa.index.lexical import LexicalIndex
    from qa.index.store import FileRecord, StoredIndex
    from qa.ingest.reading import file_digest, list_files, reader_version
    from qa.ingest.sentences import Sentence, SentenceTable

    rng = np.random.default_rng(size)
    origin = rng.integers(0, len(sentences), size)
    noise = rng.standard_normal((size, vectors.shape[1])).astype(np.float32) * 0.03
    table = vectors[origin] + noise
    table /= np.linalg.norm(table, axis=1, keepdims=True)
    folder.mkdir(parents=True)
    texts = []
    for o in origin:
        words = sentences[o].rstrip(".").split()
        rng.shuffle(words)
        texts.append(" ".join(words) + ".")
    rows: list[Sentence] = []
    per_file = 1000
    for first in range(0, size, per_file):
        name = f"part-{first // per_file:05d}.txt"
        lines = texts[first : first + per_file]
        text = "\n".join(lines) + "\n"
        (folder / name).write_text(text, encoding="utf-8")
        offset = 0
        for block, line in enumerate(lines):
            rows.append(Sentence(name, line, offset, offset + len(line), block))
            offset += len(line) + 1
    records = {}
    for file in list_files(folder):
        first = int(file.source[5:10]) * per_file
        digest = file_digest(file.path)
        records[file.source] = FileRecord(digest, file.size, file.mtime_ns, first, min(per_file, size - first), reader_version(file))
    manifest = manifest_for(Embedder(), table.shape[1])
    documents = group_means(table, np.arange(0, size, per_file))
    stored = StoredIndex(manifest, records, SentenceTable.of(rows), DenseIndex.build(table), LexicalIndex.build(texts), documents)
    store.save(index_dir, stored)


def _memory_mb() -> dict[str, float]:
    """Peak resident memory of this process alone (VmHWM; ru_maxrss carries the parent's over
    exec), and what is resident now: anonymous memory, and file pages of the memory-mapped
    vector table, which the kernel can drop at any time."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "RssAnon", "RssFile"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


def serve(corpus: Path, index_dir: Path, questions: list[str]) -> dict:
    """Run in a fresh process: warm start, memory and answer() latency on one corpus."""
    imported = time.perf_counter()
    from qa import QA
    from qa.index.dense import DenseIndex

    imports = time.perf_counter() - imported
    start = time.perf_counter()
    bot = QA(corpus, index_dir=index_dir)
    warm_start = time.perf_counter() - start
    assert not bot.report.embedded, "the index should have been loaded, not rebuilt"
    bot.answer(questions[0])
    timings, retrieval = [], []
    for question in questions:
        start = time.perf_counter()
        bot.answer(question)
        timings.append((time.perf_counter() - start) * 1000)
    vectors = bot.embedder.encode(questions[:200])
    for vector, question in zip(vectors, questions, strict=False):
        start = time.perf_counter()
        bot.retriever.search(question, vector, 3)
        retrieval.append((time.perf_counter() - start) * 1000)
    memory = _memory_mb()  # before the exact search below reads the whole memory-mapped table
    dense = bot.retriever.dense
    recall = None
    if dense.ann is not None:
        _, approximate = dense.search(vectors, 10)
        _, exact = DenseIndex(dense.vectors).search(vectors, 10)
        recall = float(np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approximate, exact, strict=False)]))
    p50, p95 = percentiles(timings)
    return {
        "sentences": len(bot.retriever.sentences),
        "imports_s": imports,
        "warm_start_s": warm_start,
        "p50_ms": p50,
        "p95_ms": p95,
        "retrieval_p50_ms": percentiles(retrieval)[0],
        "memory_mb": memory,
        "ann_recall_at_10": recall,
        "ann": type(dense.ann).__name__ if dense.ann is not None else "exact (faiss.knn)",
    }


def scale_table(sizes: list[int], squad: Path, sentences: list[str], questions: list[str]) -> str:
    from qa.evaluation import prepare

    lines = [
        "| corpus | sentences | dense search | warm start s | answer() p50 ms | p95 ms | retrieval only p50 ms | "
        "ANN recall@10 | peak RSS MB | anonymous / file-backed RSS MB after 500 questions |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        prepared = prepare(squad)
        real = prepared.bot
        corpora = [("SQuAD dev (real)", real.corpus, real.index_dir)]
        vectors = real.retriever.dense.vectors
        texts = real.retriever.sentences.text
        for size in sizes:
            if size <= len(texts):
                continue
            folder, index_dir = Path(scratch) / f"corpus-{size}", Path(scratch) / f"index-{size}"
            synthetic_corpus(folder, index_dir, size, texts, vectors)
            corpora.append((f"synthetic {size:,}", folder, index_dir))
        for name, folder, index_dir in corpora:
            payload = json.dumps({"corpus": str(folder), "index_dir": str(index_dir), "questions": questions[:500]})
            result = subprocess.run(
                [sys.executable, "-m", "benchmarks.speed", "--serve"], input=payload, cwd=ROOT,
                capture_output=True, text=True, check=True,
            )
            r = json.loads(result.stdout.strip().splitlines()[-1])
            recall = f"{r['ann_recall_at_10']:.3f}" if r["ann_recall_at_10"] is not None else "—"
            lines.append(
                f"| {name} | {r['sentences']:,} | {r['ann']} | {r['warm_start_s']:.2f} | {r['p50_ms']:.1f} | "
                f"{r['p95_ms']:.1f} | {r['retrieval_p50_ms']:.1f} | {recall} | {r['memory_mb']['VmHWM']:,.0f} | "
                f"{r['memory_mb']['RssAnon']:,.0f} / {r['memory_mb']['RssFile']:,.0f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--squad", type=Path, default=DEFAULT_SQUAD)
    parser.add_argument("--peers", type=int, default=2000, help="questions for the peers table (0: leave it out)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections to measure, of {','.join(SECTIONS)}")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        payload = json.loads(sys.stdin.read())
        print(json.dumps(serve(Path(payload["corpus"]), Path(payload["index_dir"]), payload["questions"])))
        return
    chosen = args.only.split(",")
    if unknown := set(chosen) - set(SECTIONS):
        parser.error(f"--only takes {','.join(SECTIONS)}, not {','.join(sorted(unknown))}")
    sizes = [int(s) for s in args.sizes.split(",")]
    sentences, questions = squad_texts(args.squad)
    tables = {
        "encoding": lambda: encoding_table(args.squad, sentences, questions),
        "reading": lambda: reading_table(sentences),
        "scale": lambda: "Each corpus is served by a fresh process (`QA(corpus)` loading its stored index), asked 500 "
        "SQuAD questions one at a time. Warm start excludes imports. Synthetic corpora: see "
        "`synthetic_corpus` in this script.\n\n" + scale_table(sizes, args.squad, sentences, questions),
        "peers": lambda: _peers(args.squad, args.peers),
    }
    command = " ".join(["bash benchmarks/run", *sys.argv[1:]])
    for name in chosen:
        if name == "peers" and not args.peers:
            continue
        started = time.perf_counter()
        body = tables[name]()
        body += f"\n\n({(time.perf_counter() - started) / 60:.0f} minutes.)"
        print(f"## {SECTIONS[name]}\n\n{body}\n", flush=True)
        write_section(SECTIONS[name], body, command)


SECTIONS = {
    "encoding": "Encoding: indexing throughput, agreement, one question",
    "reading": "Reading documents",
    "scale": "Scale: start-up, memory and answer() latency",
    "peers": "Peers",
}


def _peers(squad: Path, questions: int) -> str:
    from benchmarks.peers import peers_table

    return peers_table(squad, questions)


if __name__ == "__main__":
    main()
