"""The client's peak memory while it assembles and saves a large index (issue 15, part 5).

    .venv/bin/python -m benchmarks.client_memory [--rows 1000000] [--write]

The client's side of a cluster run is measured without the cluster and without the model: its
input is what `qa.index.cluster` hands `_assemble`, the sentences of FILE_SENTENCES-sentence files
(random words) and each file's unit-length float32 vectors (DIMENSION floats, drawn around
CLUSTERS centres so that the IVF index has clusters to find). Each measurement runs in a fresh
process and reads its peak resident memory (VmHWM, file-backed pages included) from /proc.

Two assemblies are measured side by side: `in memory`, what `_assemble` did before (every vector
in one float32 array, then `DenseIndex.build`, `group_means`, BM25 and the save), and `streamed`,
what it does now; and `rebuild (one file changed)`, the streamed index loaded again and saved
with one file's vectors new and every other row kept. Each run reports the peak after each step.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.results import write_section

ROOT = Path(__file__).resolve().parent.parent
FILE_SENTENCES = 1000
DIMENSION = 384
CLUSTERS = 256
_WORDS = (
    "the report says crate depot harbour survey measures ice orchard foundry library archive tools shed "
    "engine river council budget school bridge tower station museum garden market road winter summer "
    "north south east west green old new small large public private first second third final annual "
    "copper timber grain wool coal salt iron glass paper cotton silk steel stone clay sand lime"
).split()
REBUILD = "rebuild (one file changed)"
# The rebuild needs the streamed run's index, so it comes after it.
MODES = ("in memory", "streamed", REBUILD)


class SyntheticEmbedder:
    """What `_assemble` asks of an embedder when every vector is given: an identity and a width."""

    identity = "synthetic"
    dimension = DIMENSION

    def encode(self, texts: list[str]) -> np.ndarray:
        raise AssertionError("every vector is given; nothing is embedded on the client")


def cluster_inputs(rows: int) -> tuple[dict, dict[str, np.ndarray]]:
    """`_assemble`'s `fresh` and `embedded` for `rows` sentences, as a cluster run hands them over:
    per file its sentences, and its vectors (float32, shape (sentences, DIMENSION), unit rows)."""
    from qa.ingest.reading import SourceFile
    from qa.ingest.sentences import Sentence

    centres = np.random.default_rng(0).standard_normal((CLUSTERS, DIMENSION)).astype(np.float32)
    fresh, embedded = {}, {}
    for number, first in enumerate(range(0, rows, FILE_SENTENCES)):
        rng = np.random.default_rng(number + 1)
        count = min(FILE_SENTENCES, rows - first)
        source = f"part-{number:05d}.txt"
        sentences, offset = [], 0
        for block in range(count):
            text = " ".join(rng.choice(_WORDS, int(rng.integers(12, 29)))).capitalize() + "."
            sentences.append(Sentence(source, text, offset, offset + len(text), block))
            offset += len(text) + 2
        file = SourceFile(source, Path(source), offset, 0)
        fresh[source] = (file, f"{number:064x}", sentences, "text 1")
        vectors = centres[rng.integers(0, CLUSTERS, count)] + rng.standard_normal((count, DIMENSION), dtype=np.float32)
        embedded[source] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return fresh, embedded


def memory_mb() -> tuple[float, float]:
    """This process's peak resident memory so far and its resident memory now, MB (VmHWM, VmRSS;
    file-backed pages included)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmHWM"].split()[0]) / 1024, int(fields["VmRSS"].split()[0]) / 1024


def in_memory(fresh: dict, embedded: dict[str, np.ndarray], index_dir: Path, step: Callable[[str], None]) -> None:
    """What `_assemble` and the save did before: one float32 array of every vector, then the
    dense index, document means, sentence table and BM25 built from whole arrays."""
    from qa.index import store
    from qa.index.dense import DenseIndex, group_means
    from qa.index.indexing import manifest_for
    from qa.index.lexical import LexicalIndex
    from qa.index.store import FileRecord, StoredIndex
    from qa.ingest.sentences import Sentence, SentenceTable

    sentences: list[Sentence] = []
    files = {}
    for source, (file, sha256, own, reader) in sorted(fresh.items()):
        files[source] = FileRecord(sha256, file.size, file.mtime_ns, len(sentences), len(own), reader)
        sentences.extend(own)
    vectors = np.concatenate([embedded[source] for source in fresh])
    step("one float32 array of every vector")
    dense = DenseIndex.build(vectors)
    step("DenseIndex.build (IVF trained and filled, float16 table)")
    documents = group_means(vectors, np.array([r.first for r in files.values()], dtype=np.int64))
    step("group_means")
    table = SentenceTable.of(sentences)
    step("sentence table")
    lexical = LexicalIndex.build(table.text)
    step("LexicalIndex.build (BM25)")
    manifest = manifest_for(SyntheticEmbedder(), DIMENSION)  # type: ignore[arg-type]
    stored = StoredIndex(manifest, files, table, dense, lexical, documents)
    with store.writing(index_dir) as writer:
        writer.save(stored)
    step("save")


def streamed(fresh: dict, embedded: dict[str, np.ndarray], index_dir: Path, step: Callable[[str], None]) -> None:
    """`_assemble` as it is, and the save, under the folder's lock as `synchronise` does."""
    from qa.index import store
    from qa.index.indexing import _assemble

    _record_steps(step)
    with store.writing(index_dir) as writer:
        writer.save(_assemble(None, {}, fresh, SyntheticEmbedder(), embedded))  # type: ignore[arg-type]
    step("save")


def _record_steps(step: Callable[[str], None]) -> None:
    """Record a step after each part of `_assemble` (in this process only)."""
    from qa.index import indexing
    from qa.index.dense import TableBuilder
    from qa.index.lexical import LexicalIndex
    from qa.ingest.sentences import SentenceTable

    _after(indexing, "_streamed", lambda: step("vectors written file by file to the float16 table file, document means"))
    _after(SentenceTable, "join", lambda: step("sentence table"))
    _after(LexicalIndex, "build", lambda: step("LexicalIndex.build (BM25)"))
    _after(TableBuilder, "finish", lambda: step("IVF trained on a sample of the table, filled shard by shard"))


def _after(owner: object, name: str, then: Callable[[], None]) -> None:
    """Make `owner.name` (a function, method or class method) call `then` after each call."""
    original = getattr(owner, name)

    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        then()
        return result

    setattr(owner, name, wrapped)


def rebuild(index_dir: Path, step: Callable[[str], None]) -> None:
    """One file of the stored index in `index_dir` changed: load it, as `synchronise` does, and
    assemble and save the new generation from its kept rows and the changed file's new vectors."""
    from qa.index import store
    from qa.index.indexing import _assemble
    from qa.ingest.reading import SourceFile

    stored = store.load(index_dir)
    step("stored index loaded")
    changed, record = next(iter(stored.files.items()))
    fresh, embedded = cluster_inputs(record.count)
    fresh = {changed: next(iter(fresh.values()))}
    embedded = {changed: next(iter(embedded.values())) * -1}
    kept = {s: (r, SourceFile(s, Path(s), r.size, r.mtime_ns)) for s, r in stored.files.items() if s != changed}
    _record_steps(step)
    with store.writing(index_dir) as writer:
        writer.save(_assemble(stored, kept, fresh, SyntheticEmbedder(), embedded))  # type: ignore[arg-type]
    step("save")


def measure(mode: str, rows: int, index_dir: Path) -> dict:
    """Run in a fresh process: peak and current resident memory after making the inputs and
    after each step (MB), and the seconds."""
    started = time.perf_counter()
    steps: list[tuple[str, float, float, float]] = []

    def step(name: str) -> None:
        steps.append((name, *memory_mb(), time.perf_counter() - started))

    if mode == REBUILD:
        step("imports")
        rebuild(index_dir, step)
    else:
        fresh, embedded = cluster_inputs(rows)
        step("inputs: sentences and per-file float32 vectors")
        started = time.perf_counter()
        (in_memory if mode == "in memory" else streamed)(fresh, embedded, index_dir, step)
    return {"mode": mode, "rows": rows, "steps": steps, "peak_mb": memory_mb()[0], "seconds": time.perf_counter() - started}


def table(results: list[dict]) -> str:
    """The markdown table of peaks and times, then each run's steps."""
    lines = [
        "| rows | assembly | peak RSS MB | assemble + save s |",
        "|---|---|---|---|",
    ]
    lines += [f"| {r['rows']:,} | {r['mode']} | {r['peak_mb']:,.0f} | {r['seconds']:.0f} |" for r in results]
    for r in results:
        lines += ["", f"{r['mode']}, {r['rows']:,} rows, after each step:", "", "| step | peak RSS MB | RSS now MB | s |", "|---|---|---|---|"]
        lines += [f"| {name} | {peak:,.0f} | {now:,.0f} | {s:.0f} |" for name, peak, now, s in r["steps"]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--modes", default=",".join(MODES), help=f"of {','.join(MODES)}")
    parser.add_argument("--write", action="store_true", help="write the table to benchmarks/RESULTS.md")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--index-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.rows, args.index_dir)))
        return
    modes = args.modes.split(",")
    if unknown := set(modes) - set(MODES):
        parser.error(f"--modes takes {','.join(MODES)}, not {','.join(sorted(unknown))}")
    results = []
    with tempfile.TemporaryDirectory(dir=ROOT) as scratch:
        for mode in modes:
            # The rebuild changes the index the streamed run saved.
            folder = Path(scratch) / ("streamed" if mode == REBUILD else mode.replace(" ", "-"))
            command = [sys.executable, "-m", "benchmarks.client_memory", "--rows", str(args.rows), "--measure", mode, "--index-dir", str(folder)]
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    body = (
        "The client's peak resident memory (VmHWM) while it assembles and saves an index of synthetic "
        f"sentences in files of {FILE_SENTENCES:,}, each file's float32 vectors given as a cluster's "
        "workers return them (see benchmarks/client_memory.py). `in memory`: the assembly before issue 15 "
        "part 5 (one float32 array of every vector); `streamed`: `_assemble` now; `rebuild (one file "
        "changed)`: the streamed index loaded again and rebuilt with one file's new vectors, the other "
        "rows kept.\n\n" + table(results)
    )
    print(body)
    if args.write:
        write_section("Client memory: assembling a large index", body, " ".join([".venv/bin/python -m benchmarks.client_memory", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
