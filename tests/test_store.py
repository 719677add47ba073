"""The index folder: round trips, atomic generations, and damage that must be detected."""

from __future__ import annotations

import hashlib
import json
import mmap
from pathlib import Path

import numpy as np
import pytest

from qa.index import store
from qa.index.dense import DenseIndex
from qa.index.lexical import LexicalIndex
from qa.index.store import FileRecord, IndexLoadError, StoredIndex
from qa.ingest.sentences import Sentence, SentenceTable


def _stored(texts: list[str]) -> StoredIndex:
    sentences = [Sentence("a.txt", t, i * 10, i * 10 + len(t), i, "Intro" if i else None) for i, t in enumerate(texts)]
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((len(texts), 8)).astype(np.float32)
    files = {"a.txt": FileRecord("0" * 64, 100, 1, 0, len(texts), "text 1")}
    manifest = {"format": store.FORMAT, "model": "fake", "dimension": 8}
    documents = vectors[:1] / np.linalg.norm(vectors[:1])
    return StoredIndex(manifest, files, SentenceTable.of(sentences), DenseIndex(vectors), LexicalIndex.build(texts), documents)


def test_round_trip(tmp_path: Path) -> None:
    original = _stored(["Troops leave in September.", "Gear stays behind."])
    store.save(tmp_path, original)
    loaded = store.load(tmp_path)
    assert list(loaded.sentences) == list(original.sentences)
    assert loaded.files == original.files
    np.testing.assert_array_equal(loaded.dense.vectors, original.dense.vectors)
    query = ["troop", "septemb"]
    np.testing.assert_allclose(loaded.lexical.scores(query), original.lexical.scores(query))


def test_rows_round_trip_with_sections_pages_and_any_text(tmp_path: Path) -> None:
    sentences = [
        Sentence("b.pdf", "Costs rose by 5 %.", 0, 18, 0, "Costs", 3),
        Sentence("b.pdf", "Les coûts ont augmenté — 成本上升.", 19, 50, 1, None, 4),
        Sentence("c\udcff.txt", "A lone surrogate \ud800 from a PDF.", 0, 33, 0),
    ]
    vectors = np.eye(3, 8, dtype=np.float32)
    files = {
        "b.pdf": FileRecord("0" * 64, 100, 1, 0, 2, "pdf 1"),
        "c\udcff.txt": FileRecord("1" * 64, 50, 1, 2, 1, "text 1"),
    }
    manifest = {"format": store.FORMAT, "model": "fake", "dimension": 8}
    texts = [s.text for s in sentences]
    stored = StoredIndex(manifest, files, SentenceTable.of(sentences), DenseIndex(vectors), LexicalIndex.build(texts), vectors[1:])
    store.save(tmp_path, stored)
    loaded = store.load(tmp_path)
    assert list(loaded.sentences) == sentences
    np.testing.assert_array_equal(loaded.documents, vectors[1:])


def _memory_mapped(array: np.ndarray) -> bool:
    while array is not None:
        if isinstance(array, mmap.mmap):
            return True
        array = getattr(array, "base", None)
    return False


def _large(monkeypatch) -> tuple[StoredIndex, np.ndarray, list[str]]:
    """An index large enough to be memory-mapped when loaded, with its vectors and texts."""
    import qa.index.dense

    monkeypatch.setattr(qa.index.dense, "EXACT_SEARCH_UP_TO", 100)
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((3_000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = [f"Sentence number {i} about topic {i % 7}." for i in range(3_000)]
    sentences = [Sentence("a.txt", t, 0, len(t), i) for i, t in enumerate(texts)]
    files = {"a.txt": FileRecord("0" * 64, 100, 1, 0, len(texts), "text 1")}
    manifest = {"format": store.FORMAT, "model": "fake", "dimension": 16}
    dense = DenseIndex.build(vectors)
    stored = StoredIndex(manifest, files, SentenceTable.of(sentences), dense, LexicalIndex.build(texts), vectors[:1])
    return stored, vectors, texts


def test_a_large_index_is_memory_mapped_with_a_half_precision_table(tmp_path: Path, monkeypatch) -> None:
    stored, vectors, texts = _large(monkeypatch)
    store.save(tmp_path, stored)
    loaded = store.load(tmp_path)
    assert _memory_mapped(loaded.dense.vectors) and loaded.dense.vectors.dtype == np.float16
    assert _memory_mapped(loaded.sentences.text.data)
    assert [s.text for s in loaded.sentences[2995:]] == texts[2995:]
    np.testing.assert_allclose(loaded.dense.similarity(vectors[7], np.arange(10)), vectors[:10] @ vectors[7], atol=2e-3)
    assert loaded.dense.search(vectors[7:8], 1)[1][0, 0] == 7


def test_a_new_generation_replaces_the_old_one_and_keeps_the_one_before(tmp_path: Path) -> None:
    store.save(tmp_path, _stored(["First version."]))
    store.save(tmp_path, _stored(["Second version."]))
    second = (tmp_path / "CURRENT").read_text()
    store.save(tmp_path, _stored(["Third version.", "With two sentences."]))
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == sorted([second, (tmp_path / "CURRENT").read_text()])
    assert [s.text for s in store.load(tmp_path).sentences] == ["Third version.", "With two sentences."]


def test_a_loaded_generation_stays_readable_after_later_saves_remove_it(tmp_path: Path, monkeypatch) -> None:
    stored, vectors, texts = _large(monkeypatch)
    store.save(tmp_path, stored)
    first = (tmp_path / "CURRENT").read_text()
    loaded = store.load(tmp_path)
    store.save(tmp_path, _stored(["Second version."]))
    store.save(tmp_path, _stored(["Third version."]))
    assert not (tmp_path / first).exists()
    assert _memory_mapped(loaded.dense.vectors) and _memory_mapped(loaded.sentences.text.data)
    assert [s.text for s in loaded.sentences[2995:]] == texts[2995:]
    assert loaded.dense.search(vectors[7:8], 1)[1][0, 0] == 7


def test_a_generation_removed_while_it_is_read_gives_way_to_the_newer_one(tmp_path: Path, monkeypatch) -> None:
    store.save(tmp_path, _stored(["First version."]))
    store.save(tmp_path, _stored(["Second version."]))
    real_digest = hashlib.file_digest

    def digest_while_two_saves_happen(handle, name: str):
        monkeypatch.setattr(hashlib, "file_digest", real_digest)
        store.save(tmp_path, _stored(["Third version."]))
        store.save(tmp_path, _stored(["Fourth version."]))  # removes the second, which is being read
        return real_digest(handle, name)

    monkeypatch.setattr(hashlib, "file_digest", digest_while_two_saves_happen)
    assert [s.text for s in store.load(tmp_path).sentences] == ["Fourth version."]


def test_what_a_crashed_writer_left_is_removed_by_the_next_save(tmp_path: Path) -> None:
    store.save(tmp_path, _stored(["First version."]))
    (tmp_path / "gen-0123456789ab").mkdir()
    (tmp_path / "gen-0123456789ab" / "vectors.npy").write_bytes(b"half")
    (tmp_path / ".CURRENT.0123abcd.tmp").write_text("gen-0123456789ab")
    first = (tmp_path / "CURRENT").read_text()
    second = store.save(tmp_path, _stored(["Second version."]))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".lock", "CURRENT", first, second])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe\x00",
        b"gen-0123",
        b"../gen-0123456789ab",
        b"/tmp/gen-0123456789ab",
        b"gen-0123456789ab/../../x",
        b"gen-0123456789ab\n" * 2,
    ],
)
def test_a_pointer_that_names_no_generation_of_the_folder_names_none(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "CURRENT").write_bytes(content)
    assert store.current(tmp_path) is None
    with pytest.raises(IndexLoadError, match="names no generation"):
        store.load(tmp_path)


def test_a_pointer_names_its_generation(tmp_path: Path) -> None:
    generation = store.save(tmp_path, _stored(["One."]))
    assert store.current(tmp_path) == generation == (tmp_path / "CURRENT").read_text()


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
@pytest.mark.parametrize(
    "name",
    ["manifest.json", "sentences/names.json", "sentences/text.npy", "vectors.npy", "documents.npy", "bm25/params.index.json"],
)
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
