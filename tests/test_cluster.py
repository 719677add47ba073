"""Indexing on a Dask cluster (a local one of 2 worker processes): the same index as in process,
and the faults of issue 15 — a killed worker, a killed client, a worker with another backend,
an unreachable scheduler."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from distributed import Client
from distributed.security import Security

from qa import QA
from qa.cli import main
from qa.index import store
from qa.index.cluster import Cluster, ClusterError, ClusterReading, local_cluster
from qa.index.embedding import Embedder
from qa.index.indexing import synchronise
from qa.index.store import StoredIndex

# Small chunks, so that a file of a few dozen sentences is embedded by several tasks.
CHUNK = 16
TOPICS = ("harbour", "glacier", "orchard", "foundry", "library", "vineyard")
MANIFEST = ("format", "model", "normalization", "normalized", "splitter", "terms", "dimension")
QUESTIONS = ("Where is the crane of the harbour kept?", "What does the glacier survey measure?")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local cluster of 2 worker processes, shared by the module."""
    with local_cluster(2, private=False) as cluster:  # plain tcp: the CLI runs below connect by address
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six files of 40 sentences each (three chunks apiece) and one unreadable file."""
    folder = tmp_path_factory.mktemp("cluster-corpus")
    for number, topic in enumerate(TOPICS):
        _write(folder / f"{topic}.txt", topic, 40, number)
    (folder / "empty.md").write_text("   \n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[StoredIndex, Path]:
    """The corpus indexed in process, and where."""
    index_dir = tmp_path_factory.mktemp("reference-index")
    stored, _ = synchronise(corpus, index_dir, Embedder())
    return stored, index_dir


def _write(path: Path, topic: str, count: int, seed: int) -> None:
    lines = [
        f"The {topic} survey number {seed * 100 + i} found that crate {i} of the {topic} holds {i * 7 + seed} tools."
        for i in range(count)
    ]
    lines[3] = f"The crane of the {topic} is kept in shed {seed}, and the glacier survey measures the ice of the {topic}."
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def _assert_same_index(built: StoredIndex, expected: StoredIndex) -> None:
    assert built.files == expected.files
    assert built.skipped == expected.skipped
    assert built.sentences.sources == expected.sentences.sources
    assert [built.sentences[i] for i in range(len(built.sentences))] == [
        expected.sentences[i] for i in range(len(expected.sentences))
    ]
    np.testing.assert_allclose(built.dense.vectors, expected.dense.vectors, atol=1e-5, rtol=0)
    np.testing.assert_allclose(built.documents, expected.documents, atol=1e-5, rtol=0)
    assert {k: built.manifest[k] for k in MANIFEST} == {k: expected.manifest[k] for k in MANIFEST}


def _answers(bot: QA) -> list[list[tuple[str, str]]]:
    return [[(p.source, p.text) for p in bot.answer(q, top_k=5).passages] for q in QUESTIONS]


def test_an_index_built_on_the_cluster_equals_one_built_in_process(
    scheduler: str, corpus: Path, reference: tuple[StoredIndex, Path], tmp_path: Path
) -> None:
    expected, expected_dir = reference
    built, report = synchronise(corpus, tmp_path, Embedder(), cluster=Cluster(scheduler, chunk=CHUNK))
    assert sorted(report.embedded) == sorted(f"{topic}.txt" for topic in TOPICS)
    assert [s.source for s in report.skipped] == ["empty.md"]
    _assert_same_index(built, expected)
    _assert_same_index(store.load(tmp_path), expected)
    bot = QA(corpus, index_dir=tmp_path)
    assert bot.report.embedded == [] and bot.report.rebuilt_because is None
    assert _answers(bot) == _answers(QA(corpus, index_dir=expected_dir))


def test_the_cli_applies_only_changes_on_the_cluster_reading_shared_paths(
    scheduler: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "corpus"
    shutil.copytree(corpus, edited)
    index = tmp_path / "index"
    QA(edited, index_dir=index)
    _write(edited / "harbour.txt", "harbour", 45, 9)
    _write(edited / "quarry.txt", "quarry", 5, 7)
    (edited / "orchard.txt").unlink()
    command = ["index", "--corpus", str(edited), "--index-dir", str(index), "--scheduler", scheduler, "--shared-folder"]
    assert main(command) == 0
    assert "embedded 2 files, removed 1, skipped 1" in capsys.readouterr().out
    stored = store.load(index)
    report = QA(edited, index_dir=index).report
    assert report.embedded == [] and report.removed == []
    fresh, _ = synchronise(edited, tmp_path / "in-process", Embedder())
    _assert_same_index(stored, fresh)


def test_an_unchanged_skipped_file_is_not_sent_to_the_workers_again(
    scheduler: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client decides what changed, skipped files included, as in process."""
    sent: list[list[str]] = []
    real = ClusterReading.__call__

    def spying(self, files, ocr):  # type: ignore[no-untyped-def]
        sent.append([file.source for file in files])
        return real(self, files, ocr)

    monkeypatch.setattr(ClusterReading, "__call__", spying)
    edited = tmp_path / "corpus"
    shutil.copytree(corpus, edited)
    index = tmp_path / "index"
    reports = [synchronise(edited, index, Embedder(), cluster=Cluster(scheduler, chunk=CHUNK))[1] for _ in range(2)]
    (edited / "empty.md").write_text("\n\n", encoding="utf-8")  # another version, as empty
    reports.append(synchronise(edited, index, Embedder(), cluster=Cluster(scheduler, chunk=CHUNK))[1])
    assert [sorted(files) for files in sent] == [sorted([*(f"{topic}.txt" for topic in TOPICS), "empty.md"]), [], ["empty.md"]]
    assert all([(s.source, s.reason) for s in report.skipped] == [("empty.md", "is empty")] for report in reports)
    in_process = QA(edited, index_dir=index).report
    assert in_process.embedded == [] and [s.source for s in in_process.skipped] == ["empty.md"]
    assert len(sent) == 3


def test_a_worker_killed_mid_run_leaves_a_complete_and_right_index(
    scheduler: str, corpus: Path, reference: tuple[StoredIndex, Path], tmp_path: Path
) -> None:
    expected, _ = reference
    outcome: dict[str, object] = {}

    def index() -> None:
        try:
            outcome["stored"], _ = synchronise(corpus, tmp_path, Embedder(), cluster=Cluster(scheduler, chunk=CHUNK))
        except Exception as error:  # noqa: BLE001 - handed to the test's thread
            outcome["error"] = error

    with Client(scheduler) as client:
        run = threading.Thread(target=index)
        run.start()
        busy = _busy_worker(client)
        pid = client.run(os.getpid, workers=[busy])[busy]
        os.kill(pid, signal.SIGKILL)
        run.join(timeout=120)
        assert busy not in client.scheduler_info()["workers"]
    assert "error" not in outcome, outcome.get("error")
    _assert_same_index(outcome["stored"], expected)  # type: ignore[arg-type]


def _busy_worker(client: Client, timeout_s: float = 60) -> str:
    """The address of a worker running one of the run's tasks, once there is one."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        busy = [worker for worker, keys in client.processing().items() if keys]
        if busy:
            return busy[0]
        time.sleep(0.05)
    raise AssertionError("no task reached a worker")


def test_a_client_killed_mid_run_leaves_the_previous_index_and_a_re_run_finishes(
    scheduler: str, corpus: Path, tmp_path: Path
) -> None:
    edited = tmp_path / "corpus"
    shutil.copytree(corpus, edited)
    index = tmp_path / "index"
    QA(edited, index_dir=index)
    before = store.current(index)
    for number in range(4):
        _write(edited / f"added-{number}.txt", "archive", 60, number)
    command = [sys.executable, "-m", "qa", "index", "--corpus", str(edited), "--index-dir", str(index)]
    with Client(scheduler) as client, subprocess.Popen([*command, "--scheduler", scheduler], cwd=ROOT) as indexing:
        try:
            _busy_worker(client)
        finally:
            indexing.send_signal(signal.SIGKILL)
    assert store.current(index) == before
    assert "added-0.txt" not in store.load(index).files
    _, report = synchronise(edited, index, Embedder(), cluster=Cluster(scheduler, chunk=CHUNK))
    assert sorted(report.embedded) == [f"added-{number}.txt" for number in range(4)]
    assert QA(edited, index_dir=index).report.embedded == []


def test_a_worker_with_another_backend_is_refused_before_anything_is_written(corpus: Path, tmp_path: Path) -> None:
    with local_cluster(1, env={"QA_BACKEND": "onnx-int8"}, private=False) as other:
        with pytest.raises(ClusterError, match=r"embeds with .*\+int8.*never mix"):
            synchronise(corpus, tmp_path / "index", Embedder(), cluster=Cluster(other.scheduler_address))
    assert not (tmp_path / "index").exists()


def test_an_unreachable_scheduler_is_named_within_15_seconds(corpus: Path, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    started = time.monotonic()
    with pytest.raises(ClusterError, match=address):
        synchronise(corpus, tmp_path / "index", Embedder(), cluster=Cluster(address))
    assert time.monotonic() - started < 15
    assert not (tmp_path / "index").exists()


def test_the_local_cluster_of_workers_refuses_other_clients() -> None:
    with local_cluster(1) as cluster, Client(cluster) as own:
        assert cluster.scheduler_address.startswith("tls://127.0.0.1:")
        assert own.submit(sum, [1, 2]).result() == 3
        # Another user of the machine: in plain tcp, or in TLS with a certificate of their own.
        with pytest.raises((OSError, TimeoutError)):
            Client(cluster.scheduler_address.replace("tls://", "tcp://"), timeout=3)
        with pytest.raises((OSError, TimeoutError)):
            Client(cluster.scheduler_address, security=Security.temporary(), timeout=3)
