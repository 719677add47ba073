"""A save that runs out of disk space: a clear error naming the folder, the previous generation
in force, nothing half-written left behind, and the next save (space back) succeeds."""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from qa import QA
from qa.index import store
from qa.index.store import IndexWriteError


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
