"""The index folder: round trips, atomic generations, and damage that must be detected."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa import store
from qa.dense import DenseIndex
from qa.lexical import LexicalIndex
from qa.sentences import Sentence, SentenceTable
from qa.store import FileRecord, IndexLoadError, StoredIndex


def _stored(texts: list[str]) -> StoredIndex:
    sentences = [Sentence("a.txt", t, i * 10, i * 10 + len(t), i, "Intro" if i else None) for i, t in enumerate(texts)]
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((len(texts), 8)).astype(np.float32)
    files = {"a.txt": FileRecord("0" * 64, 100, 1, 0, len(texts), "text 1")}
    manifest = {"format": store.FORMAT, "model": "fake", "dimension": 8}
    return StoredIndex(manifest, files, SentenceTable.of(sentences), DenseIndex(vectors), LexicalIndex.build(texts))


def test_round_trip(tmp_path: Path) -> None:
    original = _stored(["Troops leave in September.", "Gear stays behind."])
    store.save(tmp_path, original)
    loaded = store.load(tmp_path)
    assert list(loaded.sentences) == list(original.sentences)
    assert loaded.files == original.files
    np.testing.assert_array_equal(loaded.dense.vectors, original.dense.vectors)
    query = ["troop", "septemb"]
    np.testing.assert_allclose(loaded.lexical.scores(query), original.lexical.scores(query))


def test_a_new_generation_replaces_the_old_one_and_keeps_the_one_before(tmp_path: Path) -> None:
    store.save(tmp_path, _stored(["First version."]))
    store.save(tmp_path, _stored(["Second version."]))
    second = (tmp_path / "CURRENT").read_text()
    store.save(tmp_path, _stored(["Third version.", "With two sentences."]))
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == sorted([second, (tmp_path / "CURRENT").read_text()])
    assert [s.text for s in store.load(tmp_path).sentences] == ["Third version.", "With two sentences."]


def test_an_unfinished_generation_leaves_the_previous_index_in_force(tmp_path: Path) -> None:
    store.save(tmp_path, _stored(["Complete index."]))
    (tmp_path / "gen-crashed").mkdir()
    (tmp_path / "gen-crashed" / "vectors.npy").write_bytes(b"half")
    assert [s.text for s in store.load(tmp_path).sentences] == ["Complete index."]


def _damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _damage_garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2 :] = b"\x00" * (len(data) - len(data) // 2)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_garble, Path.unlink])
@pytest.mark.parametrize("name", ["manifest.json", "sentences.json", "vectors.npy", "bm25/params.index.json"])
def test_damaged_files_are_detected(tmp_path: Path, name: str, damage) -> None:
    store.save(tmp_path, _stored(["Troops leave in September.", "Gear stays behind."]))
    (target,) = tmp_path.glob(f"gen-*/{name}")
    damage(target)
    with pytest.raises(IndexLoadError):
        store.load(tmp_path)


def test_rows_that_disagree_with_the_manifest_are_detected(tmp_path: Path) -> None:
    store.save(tmp_path, _stored(["One.", "Two."]))
    (manifest_path,) = tmp_path.glob("gen-*/manifest.json")
    manifest = json.loads(manifest_path.read_text())
    manifest["count"] = 3
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexLoadError, match="inconsistent"):
        store.load(tmp_path)


def test_no_index_yet(tmp_path: Path) -> None:
    with pytest.raises(IndexLoadError):
        store.load(tmp_path / "empty")


def test_no_pickle_anywhere(tmp_path: Path) -> None:
    store.save(tmp_path, _stored(["Troops leave in September.", "Gear stays behind."]))
    for path in tmp_path.rglob("*.npy"):
        np.load(path, allow_pickle=False)
    assert not list(tmp_path.rglob("*.pkl")) and not list(tmp_path.rglob("*.pickle"))


def test_garbled_vectors_with_an_intact_header_are_detected(tmp_path: Path) -> None:
    store.save(tmp_path, _stored([f"Sentence number {i}." for i in range(200)]))
    (vectors,) = tmp_path.glob("gen-*/vectors.npy")
    data = bytearray(vectors.read_bytes())
    data[-100:] = b"\x01" * 100
    vectors.write_bytes(bytes(data))
    with pytest.raises(IndexLoadError, match="checksum"):
        store.load(tmp_path)
