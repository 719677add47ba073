"""Indexing on a Dask distributed cluster: the changed files of a corpus are read, split and
embedded on the workers; comparing, checking and saving stay with the client.

From Python::

    from qa.index.cluster import Cluster
    from qa.index.embedding import Embedder
    from qa.index.indexing import synchronise

    stored, report = synchronise(corpus, index_dir, Embedder(), cluster=Cluster(scheduler="tcp://10.0.0.5:8786"))
    stored, report = synchronise(corpus, index_dir, Embedder(), cluster=Cluster(workers=4))  # on this machine

and from the command line, `python -m qa index --corpus DIR --scheduler tcp://HOST:PORT` or
`--workers N`. The index folder is the one `synchronise` makes in process (same manifest, same
atomic switch to a new generation), and opening it in process re-embeds nothing.

Work: the client lists the corpus and decides what changed, as in process; only changed files go
out. One task per file reads and splits it, and embeds it too when it holds at most
EMBED_CHUNK sentences; a bigger file's sentences come back and go out again in embedding tasks of
EMBED_CHUNK sentences, so one huge file is spread over several workers. Each worker process
builds its embedder once (`_worker_embedder`, cached per process), so the model loads once.
Each file is handed to the client's comparison as soon as it is in, and its vectors go to the
client's VectorSpool (a temporary file, for a large index), so the client never holds them all.

Files go to the workers either as bytes, inside the task (the default: nothing needs to be
shared, and the scheduler keeps them until the task is done, so a killed worker's file is read
again elsewhere), or as paths (`shared_folder=True`, `--shared-folder`: the corpus is at the
same path on every worker, on a network file system; a local cluster started for the run reads
paths, as it shares this machine's folders). Bytes cost the client's upload: about 150 bytes a
sentence for text, against 1,536 bytes a sentence of vectors coming back either way.

Faults: a task whose worker dies is run again on another by the scheduler (up to Dask's
`distributed.scheduler.allowed-failures`), and a task that raises is retried TASK_RETRIES times.
Nothing is saved until every file is in, so a client killed mid-run leaves the previous index in
force. Every worker says which model it embeds with (its embedder's identity: weights and
backend) before any work and with every result; another identity than the client's is refused
with ClusterError before any vector is accepted. A worker follows the client's model and backend
unless its own environment pins them ($QA_MODEL, $QA_BACKEND).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from distributed import Client, Future, LocalCluster, as_completed, get_worker
from distributed.security import Security

from qa.index.embedding import Embedder
from qa.index.indexing import ReadFile, Reading, Unreadable, read_file
from qa.ingest.ocr import Ocr
from qa.ingest.reading import MAX_FILE_BYTES, SourceFile

# Sentences per embedding task: about 7 s of one core, and 3 MB of vectors back.
EMBED_CHUNK = 2000
CONNECT_TIMEOUT_S = 10
# How long a run waits for a first worker to join the scheduler.
WORKERS_TIMEOUT_S = 60
TASK_RETRIES = 2
# Read tasks handed to the scheduler ahead of the results, per worker: bounds the file bytes
# the client holds (and the scheduler keeps) while the workers are busy.
READS_AHEAD_PER_WORKER = 4


class ClusterError(RuntimeError):
    """Indexing on the cluster failed; the message says why, and nothing was written."""


@dataclass(frozen=True)
class Cluster:
    """Where to index: an existing Dask scheduler (`scheduler`, "tcp://HOST:PORT"), or a local
    cluster of `workers` processes on 127.0.0.1 started for the run and stopped after it.

    `shared_folder`: whether workers read the corpus at the client's paths (True) or get each
    file's bytes from the client (False); None: paths on a local cluster, bytes on a scheduler.
    `chunk`: the most sentences one task embeds. Raises ValueError unless exactly one of
    `scheduler` and `workers` (at least 1) is given.
    """

    scheduler: str | None = None
    workers: int | None = None
    shared_folder: bool | None = None
    chunk: int = EMBED_CHUNK

    def __post_init__(self) -> None:
        if (self.scheduler is None) == (self.workers is None):
            raise ValueError("give either a scheduler address or a number of local workers")
        if self.workers is not None and self.workers < 1:
            raise ValueError(f"a local cluster needs at least 1 worker, not {self.workers}")

    @property
    def paths(self) -> bool:
        """Whether workers are sent paths rather than bytes."""
        return self.shared_folder if self.shared_folder is not None else self.workers is not None


@dataclass(frozen=True)
class Settings:
    """The embedder the client asks the workers for (its identity is what must match)."""

    model: str
    backend: str
    batch_size: int

    @classmethod
    def of(cls, embedder: Embedder) -> Settings:
        return cls(embedder.model_name, embedder.backend, embedder.batch_size)


@contextmanager
def on_cluster(cluster: Cluster, embedder: Embedder) -> Iterator[Reading]:
    """A `Reading` that runs on the cluster, for the block; the connection (and a local cluster)
    closes after it. Raises ClusterError when the scheduler cannot be reached within
    CONNECT_TIMEOUT_S, no worker joins within WORKERS_TIMEOUT_S, or a worker embeds with another
    model than `embedder`."""
    settings = Settings.of(embedder)
    with _client(cluster, settings) as client:
        work = ClusterReading(client, settings, embedder.identity, cluster.paths, cluster.chunk)
        work.check_workers()
        yield work


@contextmanager
def _client(cluster: Cluster, settings: Settings) -> Iterator[Client]:
    """A client of the scheduler, or of a local cluster whose workers are pinned to `settings`."""
    if cluster.workers is not None:
        local = local_cluster(cluster.workers, {"QA_MODEL": settings.model, "QA_BACKEND": settings.backend})
        with local, Client(local) as client:
            yield client
        return
    try:
        client = Client(cluster.scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as error:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {cluster.scheduler} within {CONNECT_TIMEOUT_S} s ({error}); "
            "nothing was written"
        ) from None
    with client:
        yield client


def local_cluster(workers: int, env: dict[str, str] | None = None, private: bool = True) -> LocalCluster:
    """A cluster of `workers` processes of one thread each on this machine, `env` set in each (close
    it after use). Everything listens on 127.0.0.1 only: the scheduler, the workers, and the
    scheduler's HTTP endpoint (health and metrics, on a free port; no dashboard).

    `private`: TLS with a certificate made for this cluster alone (`Security.temporary()`), so that
    no other user of the machine can run code on its workers or pose as one (loopback is not
    private on a shared machine); a `Client(cluster)` gets the credentials from the cluster. Without
    it, anyone who can reach the address can connect (as to any plain Dask cluster)."""
    security = {"protocol": "tls://", "security": Security.temporary()} if private else {}
    return LocalCluster(
        n_workers=workers,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        env=env,
        **security,
    )


@dataclass
class _Pending:
    """A file read on a worker whose sentences are being embedded in chunks."""

    read: ReadFile
    chunks: list[np.ndarray | None]


@dataclass
class ClusterReading:
    """Reads, splits and embeds changed files on the cluster's workers (a `Reading`)."""

    client: Client
    settings: Settings
    identity: str
    paths: bool
    chunk: int

    def check_workers(self) -> None:
        """Wait for a first worker, then check every worker's model. Raises ClusterError."""
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except TimeoutError:
            raise ClusterError(
                f"no worker joined the scheduler at {self.client.scheduler.address} within {WORKERS_TIMEOUT_S} s"
            ) from None
        for worker, identity in self.client.run(_worker_identity, self.settings).items():
            self._check(worker, identity)

    def __call__(self, files: list[SourceFile], ocr: Ocr) -> Iterator[tuple[SourceFile, ReadFile | Unreadable]]:
        """Each file with what reading it gave, as soon as it is in (in any order), so that the
        client never holds every file's vectors at once (the OCR of workers is their own: `ocr`'s
        page cache is for this machine). Raises ClusterError; the tasks still out are cancelled
        when the run stops early."""
        by_source = {file.source: file for file in files}
        done: dict[str, ReadFile | Unreadable] = {}
        queue = list(reversed(files))
        waiting = as_completed(loop=self.client.loop)
        pending: dict[str, _Pending] = {}
        try:
            self._read_more(queue, waiting, done)
            yield from _handed_over(done, by_source)
            for future in waiting:
                self._receive(future, pending, waiting, done)
                self._read_more(queue, waiting, done)
                yield from _handed_over(done, by_source)
        finally:
            self.client.cancel(list(waiting.futures))

    def _read_more(self, queue: list[SourceFile], waiting: as_completed, done: dict[str, ReadFile | Unreadable]) -> None:
        """Hand the scheduler read tasks until READS_AHEAD_PER_WORKER per worker are out."""
        ahead = READS_AHEAD_PER_WORKER * max(1, len(self.client.scheduler_info()["workers"]))
        while queue and waiting.count() < ahead:
            file = queue.pop()
            data = None if self.paths else _bytes_of(file)
            if isinstance(data, Unreadable):
                done[file.source] = data
                continue
            source = SourceFile(file.source, Path(os.path.abspath(file.path)), file.size, file.mtime_ns)
            waiting.add(
                self.client.submit(_read_task, source, data, self.settings, self.chunk, retries=TASK_RETRIES, pure=False)
            )

    def _receive(
        self, future: Future, pending: dict[str, _Pending], waiting: as_completed, done: dict[str, ReadFile | Unreadable]
    ) -> None:
        """Take one finished task's result: a read file, or a chunk of a big file's vectors."""
        try:
            outcome = future.result()
        except Exception as error:  # noqa: BLE001 - any failure of a task stops the run, named
            raise ClusterError(f"a task failed on the cluster ({type(error).__name__}: {error}); nothing was written") from error
        if isinstance(outcome, _Chunk):
            self._check(outcome.worker, outcome.identity)
            entry = pending[outcome.source]
            entry.chunks[outcome.index] = outcome.vectors
            chunks = [chunk for chunk in entry.chunks if chunk is not None]
            if len(chunks) == len(entry.chunks):
                done[outcome.source] = _with_vectors(entry.read, np.concatenate(chunks))
                del pending[outcome.source]
            return
        if isinstance(outcome.read, ReadFile) and outcome.read.vectors is not None:
            self._check(outcome.worker, outcome.identity)
        if isinstance(outcome.read, Unreadable) or outcome.read.vectors is not None or not outcome.read.sentences:
            done[outcome.source] = outcome.read
            return
        pending[outcome.source] = self._embed_in_chunks(outcome.source, outcome.read, waiting)

    def _embed_in_chunks(self, source: str, read: ReadFile, waiting: as_completed) -> _Pending:
        """Embedding tasks of at most `chunk` sentences for a big file (run before new reads)."""
        texts = [sentence.text for sentence in read.sentences]
        starts = range(0, len(texts), self.chunk)
        for index, start in enumerate(starts):
            chunk = texts[start : start + self.chunk]
            waiting.add(
                self.client.submit(
                    _embed_task, source, index, chunk, self.settings, retries=TASK_RETRIES, priority=1, pure=False
                )
            )
        return _Pending(read, [None] * len(starts))

    def _check(self, worker: str, identity: str) -> None:
        """Refuse a worker that embeds with another model or backend than the client."""
        if identity != self.identity:
            raise ClusterError(
                f"worker {worker} embeds with {identity}, but this index is built with {self.identity}: "
                "vectors of two models must never mix. Give every worker the same model package and backend "
                "(unset $QA_MODEL and $QA_BACKEND there, or set them as here); nothing was written"
            )


@dataclass(frozen=True)
class _Read:
    """A read task's result: the file as read (with its vectors when small enough), or why skipped."""

    source: str
    read: ReadFile | Unreadable
    worker: str
    identity: str


@dataclass(frozen=True)
class _Chunk:
    """An embedding task's result: the `index`-th chunk of a big file's vectors."""

    source: str
    index: int
    vectors: np.ndarray
    worker: str
    identity: str


def _handed_over(
    done: dict[str, ReadFile | Unreadable], files: dict[str, SourceFile]
) -> Iterator[tuple[SourceFile, ReadFile | Unreadable]]:
    """The files in `done` with what reading them gave, each taken out of `done` as it is handed over."""
    while done:
        source, read = done.popitem()
        yield files[source], read


def _bytes_of(file: SourceFile) -> bytes | Unreadable:
    """The file's bytes to ship (none past MAX_FILE_BYTES: the worker refuses the file by its
    size), or why it cannot be read, as `read_file` says it."""
    if file.size > MAX_FILE_BYTES:
        return b""
    try:
        return file.path.read_bytes()
    except OSError as error:
        return Unreadable(f"cannot be read ({error.strerror})", lasting=False)


def _read_task(file: SourceFile, data: bytes | None, settings: Settings, chunk: int) -> _Read:
    """On a worker: read and split one file (from `data`, else from its path), and embed its
    sentences if there are at most `chunk` of them."""
    embedder = _worker_embedder(settings)
    read = _read(file, data)
    if isinstance(read, ReadFile) and 0 < len(read.sentences) <= chunk:
        read = _with_vectors(read, embedder.encode([sentence.text for sentence in read.sentences]))
    return _Read(file.source, read, get_worker().address, embedder.identity)


def _read(file: SourceFile, data: bytes | None) -> ReadFile | Unreadable:
    """`read_file` of the file at its path, or of `data` written to a temporary file of the same
    name (so that its format, known by the suffix, and its source are kept)."""
    if data is None:
        return read_file(file, Ocr())
    with tempfile.TemporaryDirectory(prefix="qa-read-") as folder:
        path = Path(folder, Path(file.source).name)
        path.write_bytes(data)
        return read_file(SourceFile(file.source, path, file.size, file.mtime_ns), Ocr())


def _embed_task(source: str, index: int, texts: list[str], settings: Settings) -> _Chunk:
    """On a worker: the vectors of one chunk of a big file's sentences."""
    embedder = _worker_embedder(settings)
    return _Chunk(source, index, embedder.encode(texts), get_worker().address, embedder.identity)


def _worker_identity(settings: Settings) -> str:
    """On a worker: the identity of the embedder it would use for `settings`."""
    return _worker_embedder(settings).identity


@lru_cache(maxsize=4)
def _worker_embedder(settings: Settings) -> Embedder:
    """The worker process's embedder for `settings`, built once (its encoder loads on first use
    and stays): $QA_MODEL and $QA_BACKEND on the worker, when set, win over the client's."""
    return Embedder(
        os.environ.get("QA_MODEL") or settings.model,
        os.environ.get("QA_BACKEND") or settings.backend,
        settings.batch_size,
    )


def _with_vectors(read: ReadFile, vectors: np.ndarray) -> ReadFile:
    return ReadFile(read.sha256, read.sentences, read.encoding, read.ocr, vectors)
