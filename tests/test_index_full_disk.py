"""A save that runs out of disk space: a clear error naming the folder, the previous generation
in force, nothing half-written left behind, and the next save (space back) succeeds."""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import re
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

import qa.index.dense
from qa import QA
from qa.index import store
from qa.index.dense import DenseIndex
from qa.index.indexing import ReadFile, Unreadable, _synchronise, read_here
from qa.index.store import IndexWriteError
from qa.ingest.ocr import Ocr
from qa.ingest.reading import SourceFile


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small corpus and its index, built by QA."""
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "a.txt").write_text(
        "The depot in Agadez stores grain.\nThe bridge was repaired in May.\n", encoding="utf-8"
    )
    index = tmp_path_factory.mktemp("built") / "index"
    QA(corpus, index_dir=index)
    return corpus, index


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _half_written_array(handle, array: np.ndarray, **kwargs: object) -> None:
    """np.save that writes the header and half the data, then finds the disk full."""
    handle.write(b"\x93NUMPY" + array.tobytes()[: array.nbytes // 2])
    _no_space()


def _break_call(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, number: int, broken: Callable) -> None:
    """Call `number` (counted from 1) of owner.name goes to `broken`; the others go through."""
    real = getattr(owner, name)
    calls = 0

    def call(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return (broken if calls == number else real)(*args, **kwargs)

    monkeypatch.setattr(owner, name, call)


def _fsyncs_before_the_switch(index: Path) -> int:
    """How many fsync calls a save makes before CURRENT is switched (the last: the new pointer file)."""
    calls: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        real_fsync, real_replace = os.fsync, os.replace
        patch.setattr(os, "fsync", lambda descriptor: (calls.append("fsync"), real_fsync(descriptor))[1])
        patch.setattr(os, "replace", lambda *args: (calls.append("replace"), real_replace(*args))[1])
        store.save(index, store.load(index))
    return calls.index("replace")


@pytest.mark.parametrize("where", ["first fsync", "middle fsync", "pointer fsync", "third array half-written"])
def test_a_full_disk_keeps_the_previous_generation(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    index, probe = tmp_path / "index", tmp_path / "probe"
    shutil.copytree(built[1], index)
    shutil.copytree(built[1], probe)
    stored = store.load(index)
    before = (index / "CURRENT").read_text()
    entries = sorted(p.name for p in index.iterdir())
    if where == "third array half-written":
        _break_call(monkeypatch, np, "save", 3, _half_written_array)
    else:
        fsyncs = _fsyncs_before_the_switch(probe)
        number = {"first fsync": 1, "middle fsync": fsyncs // 2, "pointer fsync": fsyncs}[where]
        _break_call(monkeypatch, os, "fsync", number, _no_space)
    with pytest.raises(IndexWriteError, match="the disk is full") as raised:
        store.save(index, stored)
    monkeypatch.undo()
    assert str(index) in str(raised.value)
    assert (index / "CURRENT").read_text() == before
    assert sorted(p.name for p in index.iterdir()) == entries  # no half-written generation or pointer file left
    assert [s.text for s in store.load(index).sentences] == [s.text for s in stored.sentences]
    store.save(index, stored)
    assert (index / "CURRENT").read_text() != before
    assert store.load(index).files == stored.files


def test_a_full_disk_stops_the_start_with_a_message_and_loses_nothing(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(built[0], corpus)
    shutil.copytree(built[1], index)
    (corpus / "b.txt").write_text("The ferry to Gaya leaves at dawn.\n", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _no_space)
    message = f"cannot save the index in {re.escape(str(index.resolve()))}: the disk is full; free some space"
    with pytest.raises(IndexWriteError, match=message):
        QA(corpus, index_dir=index)
    monkeypatch.undo()
    assert QA(corpus, index_dir=index).report.embedded == ["b.txt"]


def test_no_room_for_the_lock_file_is_a_full_disk_too(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = store.load(built[1])
    real_open = os.open
    monkeypatch.setattr(
        os, "open", lambda path, *args: _no_space() if str(path).endswith(".lock") else real_open(path, *args)
    )
    with pytest.raises(IndexWriteError, match="the disk is full"):
        store.save(tmp_path / "new", stored)
    assert not list((tmp_path / "new").iterdir())


# A large index's vector table is assembled in temporary files (qa.index.dense: the VectorSpool of
# a cluster's vectors, the TableBuilder's float16 table) and copied into the new generation. A
# small threshold makes these 120 sentences a large index.
THRESHOLD, TOPICS, PER_FILE, DIMENSION = 100, ("harbour", "glacier", "orchard", "foundry", "library", "vineyard"), 20, 32


class _HashEmbedder:
    """Unit vectors seeded by each text's CRC, so that a run needs no model."""

    identity = "hash-embedder"
    dimension = DIMENSION

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = [np.random.default_rng(zlib.crc32(text.encode())).standard_normal(DIMENSION) for text in texts]
        vectors = np.array(rows, dtype=np.float32).reshape(len(texts), DIMENSION)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _topic_file(folder: Path, topic: str) -> None:
    lines = [f"The {topic} survey number {i} found that crate {i} holds {i * 7} tools." for i in range(PER_FILE)]
    (folder / f"{topic}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def _as_on_a_cluster(files: list[SourceFile], ocr: Ocr) -> Iterator[tuple[SourceFile, ReadFile | Unreadable]]:
    """`read_here`, each file's vectors made as a cluster's worker makes them."""
    for file, read in read_here(files, ocr):
        if isinstance(read, ReadFile):
            read = dataclasses.replace(read, vectors=_HashEmbedder().encode([s.text for s in read.sentences]))
        yield file, read


class _FillingFile(io.FileIO):
    """A temporary file on a disk that fills up: the first write goes through, the next finds no space."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "w+b")
        self.writes = 0

    def write(self, data) -> int:  # type: ignore[no-untyped-def, override]
        self.writes += 1
        if self.writes > 1:
            _no_space()
        return super().write(data)


class _FillingHandle:
    """A file of the new generation on a disk that fills up after `room` bytes."""

    def __init__(self, handle, room: int) -> None:  # type: ignore[no-untyped-def]
        self.handle, self.room = handle, room

    def write(self, data) -> int:  # type: ignore[no-untyped-def]
        allowed = bytes(memoryview(data).cast("B")[: self.room])
        self.handle.write(allowed)
        self.room -= len(allowed)
        if len(allowed) < memoryview(data).nbytes:
            _no_space()
        return len(allowed)


@pytest.mark.parametrize("reading", ["in process", "cluster"])
@pytest.mark.parametrize("where", ["vector spool in TMPDIR", "table file in TMPDIR", "index disk"])
def test_a_disk_filling_while_a_large_table_is_written_keeps_the_previous_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, reading: str
) -> None:
    monkeypatch.setattr(qa.index.dense, "EXACT_SEARCH_UP_TO", THRESHOLD)
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for topic in TOPICS[:3]:
        _topic_file(corpus, topic)
    read = read_here if reading == "in process" else _as_on_a_cluster
    _synchronise(corpus, index, _HashEmbedder(), read)  # type: ignore[arg-type]
    before, entries = (index / "CURRENT").read_text(), sorted(p.name for p in index.iterdir())
    for topic in TOPICS[3:]:  # 120 sentences: past the threshold
        _topic_file(corpus, topic)
    if where == "index disk":
        write_table = DenseIndex.write_table
        monkeypatch.setattr(DenseIndex, "write_table", lambda dense, out: write_table(dense, _FillingHandle(out, 200)))
    else:
        number = 1 if where == "vector spool in TMPDIR" else 2  # the spool's file is made first
        _break_call(monkeypatch, tempfile, "TemporaryFile", number, lambda: _FillingFile(tmp_path / "scratch"))
    scratch = tempfile.gettempdir()
    with pytest.raises(IndexWriteError, match="the disk is full") as raised:
        _synchronise(corpus, index, _HashEmbedder(), read)  # type: ignore[arg-type]
    monkeypatch.undo()
    message = str(raised.value)
    assert str(index) in message
    # Which disk to free; TMPDIR can be moved.
    assert (f"({scratch}); free some space there, or set TMPDIR" in message) == (where != "index disk")
    assert (index / "CURRENT").read_text() == before
    assert sorted(p.name for p in index.iterdir()) == entries  # no half-written generation left
    monkeypatch.setattr(qa.index.dense, "EXACT_SEARCH_UP_TO", THRESHOLD)
    built, report = _synchronise(corpus, index, _HashEmbedder(), read)  # type: ignore[arg-type]
    assert sorted(report.embedded) == sorted(f"{topic}.txt" for topic in TOPICS[3:])
    assert built.dense.ann is not None and store.load(index).files == built.files
