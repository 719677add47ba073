"""The client's peak memory while it takes in a cluster's results and assembles and saves a large
index (issue 15, part 5).

    .venv/bin/python -m benchmarks.client_memory [--rows 1000000] [--write]

The client's side of a cluster run is measured without the cluster and without the model: a
synthetic `Reading` hands `qa.index.indexing` each file as a cluster's workers return it, the
sentences of a FILE_SENTENCES-sentence file (random words) and their unit-length float32 vectors
(DIMENSION floats, drawn around CLUSTERS centres so that the IVF index has clusters to find), made
as the file is asked for. The corpus folder holds one placeholder file per synthetic file, so that
the comparison with the stored index runs as it does for a real corpus. Each measurement runs in
a fresh process and reads its peak resident memory (VmHWM, file-backed pages included) from /proc,
reset after each step, so that each step reports its own peak.

Three runs: `in memory`, the assembly before issue 15 part 5 (every file's sentences and vectors
held, then every vector in one float32 array, `DenseIndex.build`, `group_means`, BM25 and the save);
`streamed`, `synchronise`'s path now (each file's vectors spooled as it arrives); and `rebuild (one
file changed)`, the streamed run's index brought up to date after one file changed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from benchmarks.results import write_section

if TYPE_CHECKING:
    from qa.index.indexing import ReadFile
    from qa.ingest.reading import SourceFile
    from qa.ingest.sentences import Sentence

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
    """What indexing asks of an embedder when every vector is given: an identity and a width."""

    identity = "synthetic"
    dimension = DIMENSION

    def encode(self, texts: list[str]) -> np.ndarray:
        raise AssertionError("every vector is given; nothing is embedded on the client")


def synthetic_file(number: int, rows: int, version: int = 0) -> tuple[list[Sentence], np.ndarray]:
    """File `number` of a corpus of `rows` sentences: its sentences and their vectors (float32 unit
    rows, shape (sentences, DIMENSION)); another `version` gives other sentences and vectors."""
    from qa.ingest.sentences import Sentence

    centres = np.random.default_rng(0).standard_normal((CLUSTERS, DIMENSION)).astype(np.float32)
    rng = np.random.default_rng([number + 1, version])
    count = min(FILE_SENTENCES, rows - number * FILE_SENTENCES)
    source = _name(number)
    sentences, offset = [], 0
    for block in range(count):
        text = " ".join(rng.choice(_WORDS, int(rng.integers(12, 29)))).capitalize() + "."
        sentences.append(Sentence(source, text, offset, offset + len(text), block))
        offset += len(text) + 2
    vectors = centres[rng.integers(0, CLUSTERS, count)] + rng.standard_normal((count, DIMENSION), dtype=np.float32)
    return sentences, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _name(number: int) -> str:
    return f"part-{number:05d}.txt"


def _files(rows: int) -> int:
    return -(-rows // FILE_SENTENCES)


def placeholder_corpus(folder: Path, rows: int) -> None:
    """One small file per synthetic file of a corpus of `rows` sentences (the synthetic reading
    makes their sentences; only their names, sizes and times are read)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(_files(rows)):
        (folder / _name(number)).write_text("made by benchmarks.client_memory\n", encoding="utf-8")


def synthetic_reading(rows: int, version: int = 0) -> Callable[..., Iterator[tuple[SourceFile, ReadFile]]]:
    """A `Reading` that hands over each changed file as a cluster's worker returns it: its
    synthetic sentences and vectors, made when it is asked for."""
    from qa.index.indexing import ReadFile

    def reading(files: list[SourceFile], ocr: object) -> Iterator[tuple[SourceFile, ReadFile]]:
        for file in files:
            number = int(file.source[5:10])
            sentences, vectors = synthetic_file(number, rows, version)
            yield file, ReadFile(f"{number:032x}{version:032x}", sentences, None, False, vectors)

    return reading


def memory_mb() -> tuple[float, float]:
    """This process's peak resident memory since the last reset and its resident memory now, MB
    (VmHWM, VmRSS; file-backed pages included)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmHWM"].split()[0]) / 1024, int(fields["VmRSS"].split()[0]) / 1024


def _reset_peak() -> None:
    """Start VmHWM again from the resident memory now (Linux: /proc/self/clear_refs, 5)."""
    Path("/proc/self/clear_refs").write_text("5")


def in_memory(rows: int, index_dir: Path, step: Callable[[str], None]) -> None:
    """What `_assemble` and the save did before: every file's sentences and vectors held, then
    one float32 array of every vector, and the dense index, document means, sentence table and
    BM25 built from whole arrays."""
    from qa.index import store
    from qa.index.dense import DenseIndex, group_means
    from qa.index.indexing import manifest_for
    from qa.index.lexical import LexicalIndex
    from qa.index.store import FileRecord, StoredIndex
    from qa.ingest.sentences import SentenceTable

    sentences: list[Sentence] = []
    parts, files = [], {}
    for number in range(_files(rows)):
        own, vectors = synthetic_file(number, rows)
        files[_name(number)] = FileRecord(f"{number:064x}", 0, 0, len(sentences), len(own), "text 1")
        sentences.extend(own)
        parts.append(vectors)
    step("every file's sentences and float32 vectors, as the cluster returned them")
    vectors = np.concatenate(parts)
    del parts
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


def streamed(rows: int, corpus: Path, index_dir: Path, step: Callable[[str], None], version: int = 0) -> None:
    """`synchronise`'s path, as a cluster run takes it: the comparison with the stored index (if
    any), each changed file's vectors spooled as it arrives, the assembly and the save."""
    from qa.index.indexing import _synchronise

    _record_steps(step)
    _synchronise(corpus, index_dir, SyntheticEmbedder(), synthetic_reading(rows, version))  # type: ignore[arg-type]
    step("save")


def _record_steps(step: Callable[[str], None]) -> None:
    """Record a step after each part of `_synchronise` (in this process only)."""
    from qa.index import indexing
    from qa.index.dense import TableBuilder
    from qa.index.lexical import LexicalIndex
    from qa.ingest.sentences import SentenceTable

    _after(indexing, "_compare", lambda: step("comparison: files handed over one by one, their vectors spooled"))
    _after(indexing, "_streamed", lambda: step("vectors written file by file to the float16 table file"))
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


def measure(mode: str, rows: int, corpus: Path, index_dir: Path) -> dict:
    """Run in a fresh process: the peak resident memory of each step and the resident memory
    after it (MB), the seconds, and the peak of the whole run."""
    steps: list[tuple[str, float, float, float]] = []
    started = time.perf_counter()

    def step(name: str) -> None:
        steps.append((name, *memory_mb(), time.perf_counter() - started))
        _reset_peak()

    import qa.index.indexing  # noqa: F401 - the imports' memory is counted apart

    step("imports")
    if mode == "in memory":
        in_memory(rows, index_dir, step)
    elif mode == "streamed":
        placeholder_corpus(corpus, rows)
        streamed(rows, corpus, index_dir, step)
    else:
        (corpus / _name(0)).write_text("changed by benchmarks.client_memory\n", encoding="utf-8")
        streamed(rows, corpus, index_dir, step, version=1)
    peak = max(memory_mb()[0], *(s[1] for s in steps))
    return {"mode": mode, "rows": rows, "steps": steps, "peak_mb": peak, "seconds": time.perf_counter() - started}


def table(results: list[dict]) -> str:
    """The markdown table of peaks and times, then each run's steps."""
    lines = [
        "| rows | run | peak RSS MB | seconds |",
        "|---|---|---|---|",
    ]
    lines += [f"| {r['rows']:,} | {r['mode']} | {r['peak_mb']:,.0f} | {r['seconds']:.0f} |" for r in results]
    for r in results:
        lines += [
            "",
            f"{r['mode']}, {r['rows']:,} rows, step by step:",
            "",
            "| step | peak RSS MB during it | RSS MB after it | s |",
            "|---|---|---|---|",
        ]
        lines += [f"| {name} | {peak:,.0f} | {now:,.0f} | {s:.0f} |" for name, peak, now, s in r["steps"]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--modes", default=",".join(MODES), help=f"of {','.join(MODES)}")
    parser.add_argument("--write", action="store_true", help="write the table to benchmarks/RESULTS.md")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.rows, args.corpus, args.index_dir)))
        return
    modes = args.modes.split(",")
    if unknown := set(modes) - set(MODES):
        parser.error(f"--modes takes {','.join(MODES)}, not {','.join(sorted(unknown))}")
    results = []
    with tempfile.TemporaryDirectory(dir=ROOT) as scratch:
        for mode in modes:
            # The rebuild changes the corpus and the index of the streamed run.
            name = "streamed" if mode == REBUILD else mode.replace(" ", "-")
            folders = ["--corpus", str(Path(scratch, f"{name}-corpus")), "--index-dir", str(Path(scratch, name))]
            command = [sys.executable, "-m", "benchmarks.client_memory", "--rows", str(args.rows), "--measure", mode]
            done = subprocess.run([*command, *folders], cwd=ROOT, capture_output=True, text=True, check=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    body = (
        "The client's peak resident memory (VmHWM, reset after each step) while it takes in a cluster's "
        f"results and assembles and saves an index of synthetic sentences in files of {FILE_SENTENCES:,}, "
        "each file's sentences and float32 vectors handed over as a cluster's workers return them (see "
        "benchmarks/client_memory.py). `in memory`: the assembly before issue 15 part 5 (every result held, "
        "then one float32 array of every vector), with today's BM25 build (5,930 MB before it, with the per-file "
        "arrays kept to the end); `streamed`: `synchronise` now, each file's vectors spooled "
        "as it arrives; `rebuild (one file changed)`: that index brought up to date after one file changed. "
        "The temporary vector files go to $TMPDIR.\n\n" + table(results)
    )
    print(body)
    if args.write:
        stamp = " ".join([".venv/bin/python -m benchmarks.client_memory", *sys.argv[1:]])
        write_section("Client memory: assembling a large index", body, stamp)


if __name__ == "__main__":
    main()
