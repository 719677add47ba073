"""Indexing on a Dask cluster (issue 15): sentences/s in process against a local cluster of 1 and
2 worker processes on this machine, the per-task costs measured here, and a scaling model for 10
and 100 machines built from them.

    .venv/bin/python -m benchmarks.cluster [--sentences 4000] [--ivf-rows 250000] [--write]

Every run indexes the same synthetic corpus (files of FILE_SENTENCES sentences of about 20 words)
into a fresh index folder; the model is loaded (and the workers warmed) before the clock starts,
so what is timed is reading, splitting, embedding, moving and saving.
"""

from __future__ import annotations

import argparse
import math
import pickle
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.results import write_section

FILE_SENTENCES = 500
MACHINES = (10, 100)
CORPORA = (10_000_000, 100_000_000)
# Assumed for the model (not measured here): a 1 Gbit/s link into the client, 70 % usable.
CLIENT_LINK_BYTES_S = 0.7 * 125e6
VECTOR_BYTES = 384 * 4
_WORDS = (
    "the report says crate depot harbour survey measures ice orchard foundry library archive tools shed "
    "engine river council budget school bridge tower station museum garden market road winter summer "
    "north south east west green old new small large public private first second third final annual"
).split()


@dataclass
class Run:
    """One timed indexing run."""

    name: str
    seconds: float
    sentences: int

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds


def write_corpus(folder: Path, count: int) -> None:
    """`count` sentences of 12-28 random words, FILE_SENTENCES to a text file, one per line."""
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True)
    for first in range(0, count, FILE_SENTENCES):
        lines = []
        for _ in range(min(FILE_SENTENCES, count - first)):
            words = rng.choice(_WORDS, int(rng.integers(12, 29)))
            lines.append(" ".join(words).capitalize() + ".")
        (folder / f"part-{first // FILE_SENTENCES:05d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def timed(name: str, work: Callable[[], int]) -> Run:
    started = time.perf_counter()
    sentences = work()
    return Run(name, time.perf_counter() - started, sentences)


def in_process(corpus: Path, scratch: Path) -> Run:
    from qa.index.embedding import Embedder
    from qa.index.indexing import synchronise

    embedder = Embedder()
    embedder.encode(["warm up"])
    return timed("in process", lambda: synchronise(corpus, scratch / "in-process", embedder)[1].sentences)


def on_local_cluster(corpus: Path, scratch: Path, workers: int, shared: bool) -> tuple[Run, float]:
    """A run on a warmed local cluster of `workers` processes, and the seconds starting it took."""
    from distributed import Client

    from qa.index.cluster import Cluster, Settings, _worker_embedder, local_cluster
    from qa.index.embedding import Embedder
    from qa.index.indexing import synchronise

    embedder = Embedder()
    started = time.perf_counter()
    # Plain TCP on loopback: the timed run connects to the warmed cluster by its address, as to a
    # scheduler (`--workers` itself adds TLS with a certificate of its own).
    with local_cluster(workers, private=False) as cluster, Client(cluster) as client:
        settings = Settings.of(embedder)
        client.run(lambda: _worker_embedder(settings).encode(["warm up"]).shape)
        startup = time.perf_counter() - started
        where = Cluster(cluster.scheduler_address, shared_folder=shared)
        name = f"--workers {workers}, files sent as {'paths' if shared else 'bytes'}"
        target = scratch / f"cluster-{workers}-{shared}"
        run = timed(name, lambda: synchronise(corpus, target, embedder, cluster=where)[1].sentences)
    return run, startup


@dataclass
class TaskCosts:
    """Per-sentence costs of moving one task's work, and of the client's merge (seconds, bytes)."""

    bytes_in: float  # file bytes sent to a worker, per sentence
    bytes_out: float  # pickled result (sentences and float32 vectors) back, per sentence
    pickle_s: float  # serialising and deserialising the result, per sentence
    merge_s: float  # the client's table, exact index, BM25 and save, per sentence


def task_costs(corpus: Path, scratch: Path) -> TaskCosts:
    """Measured on one file of the corpus (its result pickled as a worker's is) and on a merge of all."""
    from qa.index.cluster import _Read
    from qa.index.dense import VectorSpool
    from qa.index.embedding import Embedder
    from qa.index.indexing import ReadFile, _assemble, read_file
    from qa.index.store import save
    from qa.ingest.ocr import Ocr
    from qa.ingest.reading import list_files
    from qa.ingest.sentences import SentenceTable

    embedder = Embedder()
    files = list_files(corpus)
    reads = {file.source: (file, read_file(file, Ocr())) for file in files}
    first, read = reads[files[0].source]
    assert isinstance(read, ReadFile)
    vectors = embedder.encode([s.text for s in read.sentences[:50]])
    vectors = np.resize(vectors, (len(read.sentences), vectors.shape[1]))
    outcome = _Read(first.source, type(read)(read.sha256, read.sentences, read.encoding, read.ocr, vectors), "w", "id")
    started = time.perf_counter()
    payload = pickle.dumps(outcome, protocol=5)
    pickle.loads(payload)
    pickled = time.perf_counter() - started
    results = {
        s: (f, r, np.resize(vectors, (len(r.sentences), vectors.shape[1])))
        for s, (f, r) in reads.items()
        if isinstance(r, ReadFile)
    }
    count = sum(len(r.sentences) for _, r, _ in results.values())
    started = time.perf_counter()
    # What the client does with each result as it arrives (`_compare`), then the merge and save.
    spool = VectorSpool()
    fresh = {}
    for source, (file, result, own) in results.items():
        fresh[source] = (file, result.sha256, SentenceTable.of(result.sentences), "reader")
        spool.add(source, own)
    save(scratch / "merge", _assemble(None, {}, fresh, embedder, spool))
    merge = time.perf_counter() - started
    count_first = len(read.sentences)
    return TaskCosts(first.size / count_first, len(payload) / count_first, pickled / count_first, merge / count)


def ivf_seconds(rows: int) -> float:
    """Training and filling the IVF index of `rows` clustered unit vectors (its cost grows about
    as rows^1.5: sqrt(rows) lists, each trained on 50 rows)."""
    from qa.index.dense import DenseIndex

    rng = np.random.default_rng(1)
    centres = rng.standard_normal((1000, 384)).astype(np.float32)
    vectors = centres[rng.integers(0, 1000, rows)] + 0.3 * rng.standard_normal((rows, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    started = time.perf_counter()
    DenseIndex.build(vectors)
    return time.perf_counter() - started


def scaling(per_machine: float, costs: TaskCosts, ivf_s: float, ivf_rows: int) -> str:
    """The model: workers embed at `per_machine` sentences/s each; the client receives every
    result (its link, its unpickling) and merges; IVF training grows as rows^1.5 from the measured point."""
    link_rate = CLIENT_LINK_BYTES_S / costs.bytes_out
    client_rate = 1 / costs.pickle_s
    lines = [
        "| machines | sentences | workers' rate | client's limit (link / unpickling) | embedding | merge + save | IVF | total | bottleneck |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for machines in MACHINES:
        for count in CORPORA:
            workers = machines * per_machine
            flow = min(workers, link_rate, client_rate)
            embedding = count / flow
            merge = count * costs.merge_s
            ivf = ivf_s * (count / ivf_rows) ** 1.5 if ivf_rows else math.nan
            neck = "workers (embedding)" if flow == workers else "client link" if flow == link_rate else "client CPU"
            lines.append(
                f"| {machines} | {count / 1e6:.0f}M | {workers:,.0f}/s | {link_rate:,.0f} / {client_rate:,.0f}/s | "
                f"{_hours(embedding)} | {_hours(merge)} | {_hours(ivf)} | {_hours(embedding + merge + ivf)} | {neck} |"
            )
    return "\n".join(lines)


def _hours(seconds: float) -> str:
    return "n/a" if math.isnan(seconds) else f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.0f} min"


def table(sentences: int = 4000, ivf_rows: int = 250_000) -> str:
    """The Markdown of every measurement and the model."""
    with tempfile.TemporaryDirectory(prefix="qa-cluster-bench-") as folder:
        scratch = Path(folder)
        corpus = scratch / "corpus"
        write_corpus(corpus, sentences)
        base = in_process(corpus, scratch)
        runs, startups = [base], {}
        for workers, shared in ((1, True), (1, False), (2, True)):
            run, startups[workers] = on_local_cluster(corpus, scratch, workers, shared)
            runs.append(run)
        costs = task_costs(corpus, scratch)
    ivf_s = ivf_seconds(ivf_rows) if ivf_rows else math.nan
    rows = [
        f"| {run.name} | {run.sentences:,} | {run.seconds:.1f} | {run.rate:,.0f} | {(base.rate / run.rate - 1) * 100:+.0f} % |"
        for run in runs
    ]
    return "\n".join(
        [
            f"{sentences:,} synthetic sentences in files of {FILE_SENTENCES}; model loaded and workers warmed "
            f"before timing (starting a local cluster took {startups[1]:.1f} s with 1 worker, {startups[2]:.1f} s "
            "with 2, model loading included); plain TCP on loopback, where `--workers` adds TLS.",
            "",
            "| run | sentences | seconds | sentences/s | overhead against in process |",
            "| --- | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            "Per-task costs, per sentence: "
            f"{costs.bytes_in:.0f} bytes of file in, {costs.bytes_out:.0f} bytes of result out "
            f"({VECTOR_BYTES} of them the float32 vector), {costs.pickle_s * 1e6:.1f} µs to pickle and unpickle it, "
            f"{costs.merge_s * 1e6:.0f} µs of the client's merge (sentence table, exact index, BM25, save); "
            f"IVF training and filling at {ivf_rows:,} rows: {ivf_s:.0f} s.",
            "",
            f"Scaling model (2-core machines as this one, {base.rate:,.0f} sentences/s each as measured in process; "
            f"the client on a 1 Gbit/s link, 70 % usable; IVF time grows as rows^1.5 from the measured point):",
            "",
            scaling(base.rate, costs, ivf_s, ivf_rows),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=4000)
    parser.add_argument("--ivf-rows", type=int, default=250_000, help="0 skips the IVF measurement")
    parser.add_argument("--write", action="store_true", help="write the section to benchmarks/RESULTS.md")
    args = parser.parse_args()
    body = table(args.sentences, args.ivf_rows)
    print(body)
    if args.write:
        write_section("Indexing on a Dask cluster", body, ".venv/bin/python -m benchmarks.cluster --write")


if __name__ == "__main__":
    main()
