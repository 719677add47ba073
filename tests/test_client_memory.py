"""Issue 15, part 5: above the exact-search threshold the client keeps a cluster's vectors in a
VectorSpool as they arrive and builds the IVF index file by file (`_assemble` -> `_streamed`), and
the result equals the build from one array of every vector."""

from __future__ import annotations

import json
import os
import tempfile
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

import qa.index.dense
from qa.index import store
from qa.index.dense import DenseIndex, TableBuilder, VectorSpool, group_means
from qa.index.indexing import ReadFile, _assemble, _StoredRows, _synchronise
from qa.index.lexical import TERMS, LexicalIndex, terms
from qa.ingest.reading import SourceFile, file_digest
from qa.ingest.sentences import Sentence, SentenceTable

DIMENSION = 384
FILES, PER_FILE = 25, 200  # 5,000 rows
THRESHOLD = 1_000


class StubEmbedder:
    """Deterministic unit vectors around a few centres, so the IVF index has clusters to find."""

    identity = "stub"
    dimension = DIMENSION

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = [_vector(text) for text in texts]
        return np.array(rows, dtype=np.float32).reshape(len(texts), DIMENSION)


_CENTRES = np.random.default_rng(0).standard_normal((16, DIMENSION)).astype(np.float32)


def _vector(text: str) -> np.ndarray:
    number = int(text.split()[1])
    noise = np.random.default_rng(number).standard_normal(DIMENSION).astype(np.float32)
    vector = _CENTRES[number % len(_CENTRES)] + noise
    return vector / np.linalg.norm(vector)


def _fresh(files: range, version: int = 0) -> dict:
    """`_assemble`'s `fresh`: FILES files of PER_FILE sentences, sentence i reading "sentence i ..."."""
    fresh = {}
    for number in files:
        source = f"part-{number:03d}.txt"
        own = []
        for row in range(PER_FILE):
            text = f"sentence {number * PER_FILE + row + version * 100_000} word{row % 37} topic{number} item{row}"
            own.append(Sentence(source, text, 0, len(text), row))
        file = SourceFile(source, Path(source), 100 + number, version)
        fresh[source] = (file, f"{number + version:064x}", SentenceTable.of(own), "text 1")
    return fresh


def _embedded(fresh: dict) -> dict[str, np.ndarray]:
    return {source: StubEmbedder().encode(list(own.text)) for source, (_, _, own, _) in fresh.items()}


def _spool(embedded: dict[str, np.ndarray], kept: int = 0) -> VectorSpool:
    """The spool a cluster run fills: each file's vectors added as they arrive (here, last first)."""
    spool = VectorSpool(kept)
    for source in reversed(embedded):
        spool.add(source, embedded[source])
    return spool


def _in_memory(fresh: dict, vectors: dict[str, np.ndarray]) -> tuple[SentenceTable, DenseIndex, np.ndarray]:
    """The build from one float32 array of every vector (as `_assemble` did before)."""
    sources = sorted(fresh)
    table = SentenceTable.of([s for source in sources for s in fresh[source][2]])
    whole = np.concatenate([vectors[source] for source in sources])
    starts = np.arange(0, len(whole), PER_FILE)
    return table, DenseIndex.build(whole), group_means(whole, starts)


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qa.index.dense, "EXACT_SEARCH_UP_TO", THRESHOLD)


def _queries() -> np.ndarray:
    return StubEmbedder().encode([f"sentence {n}" for n in (3, 777, 1234, 4321, 4999)])


def _assert_same(built: store.StoredIndex, table: SentenceTable, dense: DenseIndex, documents: np.ndarray) -> None:
    assert list(built.sentences.text) == list(table.text)
    assert [s.source for s in built.sentences] == [s.source for s in table]
    assert built.dense.ann is not None and built.dense.vectors.dtype == np.float16
    assert built.dense.vectors.shape == dense.vectors.shape
    assert np.abs(built.dense.vectors.astype(np.float32) - dense.vectors.astype(np.float32)).max() <= 1e-3
    np.testing.assert_allclose(built.documents, documents, atol=1e-5)
    got_scores, got_rows = built.dense.search(_queries(), 10)
    want_scores, want_rows = dense.search(_queries(), 10)
    np.testing.assert_array_equal(got_rows, want_rows)
    np.testing.assert_allclose(got_scores, want_scores, atol=1e-3)


def test_a_cluster_build_above_the_threshold_equals_the_in_memory_build(tmp_path: Path) -> None:
    fresh = _fresh(range(FILES))
    embedded = _embedded(fresh)
    expected = _in_memory(fresh, embedded)
    spool = _spool(embedded)
    built = _assemble(None, {}, fresh, StubEmbedder(), spool)  # type: ignore[arg-type]
    assert not any(source in spool for source in embedded) and fresh == {}  # let go once used
    assert isinstance(built.dense.vectors.base, np.memmap)  # the table lives in a file, not in memory
    _assert_same(built, *expected)
    store.save(tmp_path / "index", built)
    _assert_same(store.load(tmp_path / "index"), *expected)


def test_vectors_embedded_here_above_the_threshold_equal_the_in_memory_build() -> None:
    fresh = _fresh(range(FILES))
    expected = _in_memory(fresh, _embedded(fresh))
    built = _assemble(None, {}, fresh, StubEmbedder(), VectorSpool())  # type: ignore[arg-type]
    _assert_same(built, *expected)


def test_kept_rows_are_copied_from_the_stored_table_file_by_file(tmp_path: Path) -> None:
    fresh = _fresh(range(FILES))
    store.save(tmp_path / "index", _assemble(None, {}, dict(fresh), StubEmbedder(), _spool(_embedded(fresh))))  # type: ignore[arg-type]
    stored = store.load(tmp_path / "index")
    assert isinstance(stored.dense.vectors.base, np.memmap)
    changed = _fresh(range(3, 4), version=1)
    kept = {source: (stored.files[source], fresh[source][0]) for source in fresh if source not in changed}
    # The in-memory build sees the stored rows as they are kept: float16.
    everything = {**{s: fresh[s] for s in kept}, **changed}
    vectors = {s: stored.dense.vectors[stored.files[s].first :][:PER_FILE].astype(np.float32) for s in kept}
    expected = _in_memory(everything, {**vectors, **_embedded(changed)})
    sha256 = changed["part-003.txt"][1]
    rows = _StoredRows(stored.sentences, stored.dense.vectors)
    built = _assemble(rows, kept, changed, StubEmbedder(), _spool(_embedded(changed), len(stored.sentences) - PER_FILE))  # type: ignore[arg-type]
    _assert_same(built, *expected)
    assert built.files["part-003.txt"].sha256 == sha256


def test_a_streamed_table_is_written_as_the_npy_file_of_its_rows(tmp_path: Path) -> None:
    rows = StubEmbedder().encode([f"sentence {n}" for n in range(1_200)])
    builder = TableBuilder(len(rows), DIMENSION)
    for first in range(0, len(rows), 500):
        builder.add(rows[first : first + 500])
    dense = builder.finish()
    with (tmp_path / "table.npy").open("wb") as handle:
        dense.write_table(handle)
    np.testing.assert_array_equal(np.load(tmp_path / "table.npy"), rows.astype(np.float16))
    assert (tmp_path / "table.npy").read_bytes() == _npy_bytes(rows.astype(np.float16), tmp_path / "saved.npy")
    expected = DenseIndex.build(rows)
    assert dense.ann is not None and dense.ann.ntotal == len(rows)
    np.testing.assert_array_equal(dense.search(_queries(), 10)[1], expected.search(_queries(), 10)[1])


def _npy_bytes(array: np.ndarray, path: Path) -> bytes:
    np.save(path, array, allow_pickle=False)
    return path.read_bytes()


def test_a_builder_refuses_rows_beyond_its_count_or_missing_rows() -> None:
    rows = StubEmbedder().encode([f"sentence {n}" for n in range(1_100)])
    builder = TableBuilder(len(rows), DIMENSION)
    builder.add(rows[:1_000])
    with pytest.raises(ValueError, match="1000 rows of 1100"):
        builder.finish()
    with pytest.raises(ValueError, match="do not fit"):
        builder.add(rows)


def test_the_exact_path_keeps_one_float32_array_in_memory() -> None:
    fresh = _fresh(range(4))
    embedded = _embedded(fresh)
    built = _assemble(None, {}, fresh, StubEmbedder(), _spool(embedded))  # type: ignore[arg-type]
    assert built.dense.ann is None and built.dense.vectors.dtype == np.float32
    assert not isinstance(built.dense.vectors.base, np.memmap)
    np.testing.assert_array_equal(built.dense.vectors, np.concatenate(list(embedded.values())))
    np.testing.assert_array_equal(built.documents, group_means(built.dense.vectors, np.arange(0, 4 * PER_FILE, PER_FILE)))


def test_the_table_of_kept_and_fresh_rows_equals_the_table_of_their_sentences(tmp_path: Path) -> None:
    sentences = [
        Sentence("a.txt", "One.", 0, 4, 0, "Intro", 1),
        Sentence("a.txt", "Two.", 5, 9, 1, None, 2, ocr=True),
        Sentence("b.txt", "Three é.", 0, 9, 0, "Body"),
        Sentence("c.txt", "Four.", 0, 5, 0, "Body"),
        Sentence("c.txt", "Five.", 6, 11, 1, "Intro"),
    ]
    stored = SentenceTable.of(sentences)
    pieces = [stored.rows(slice(2, 5)), SentenceTable.of([Sentence("a.txt", "New.", 0, 4, 0, "Other")])]
    joined, expected = SentenceTable.join(pieces), SentenceTable.of(sentences[2:] + [Sentence("a.txt", "New.", 0, 4, 0, "Other")])
    assert list(joined) == list(expected)
    assert (joined.sources, joined.sections) == (expected.sources, expected.sections)
    for name in ("source", "section", "start", "end", "block", "page", "kind", "ocr"):
        np.testing.assert_array_equal(getattr(joined, name), getattr(expected, name))
        assert getattr(joined, name).dtype == getattr(expected, name).dtype
    np.testing.assert_array_equal(joined.text.offsets, expected.text.offsets)
    assert list(SentenceTable.join([stored.rows(slice(0, 5))])) == sentences
    assert len(SentenceTable.join([])) == 0


def test_the_spool_holds_float32_within_exact_search_and_writes_float16_beyond(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    embedded = _embedded(_fresh(range(3)))
    first, second, third = embedded
    spool = VectorSpool(kept=THRESHOLD - 2 * PER_FILE)
    spool.add(first, embedded[first])
    spool.add(second, embedded[second])  # THRESHOLD rows in all: still exact search
    vectors, mean = spool.take(first)
    assert vectors is embedded[first]
    np.testing.assert_array_equal(mean, group_means(embedded[first], np.zeros(1, dtype=np.int64))[0])
    spool.add(third, embedded[third])  # past the threshold: every vector held is written as float16
    for source in (third, second):
        vectors, mean = spool.take(source)
        np.testing.assert_array_equal(vectors, embedded[source].astype(np.float16))
        # The document vector is the float32 rows' mean, taken on arrival.
        np.testing.assert_array_equal(mean, group_means(embedded[source], np.zeros(1, dtype=np.int64))[0])
    assert not any(source in spool for source in embedded)
    with pytest.raises(KeyError):
        spool.take(first)
    # Every vector taken: the temporary file is closed, its disk space given back.
    assert not _open_under(tmp_path)


def _open_under(folder: Path) -> list[str]:
    """The files under `folder` this process holds open (deleted ones too)."""
    found = []
    for descriptor in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{descriptor}")
        except OSError:  # the listing's own descriptor, closed by now
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def _placeholders(folder: Path, fresh: dict) -> Path:
    """One file per fresh file (a synthetic Reading makes its sentences; their hashes are real)."""
    folder.mkdir()
    for source in fresh:
        (folder / source).write_text(f"{source} as the cluster read it\n", encoding="utf-8")
    return folder


def _handing_over(fresh: dict, handed: list[weakref.ref]) -> Callable[..., Iterator[tuple[SourceFile, ReadFile]]]:
    """A Reading that hands over each file's sentences and vectors as a cluster does, last file
    first; it checks that, once the index is past exact search, no file's vectors (`handed`: a
    reference to each) are held after the next one arrives."""

    def reading(files: list[SourceFile], ocr: object) -> Iterator[tuple[SourceFile, ReadFile]]:
        for number, file in enumerate(reversed(files)):
            if number * PER_FILE > THRESHOLD + PER_FILE:
                assert all(vectors() is None for vectors in handed[:-1]), "a file's vectors are still held"
            sentences = list(fresh[file.source][2])
            vectors = StubEmbedder().encode([s.text for s in sentences])
            handed.append(weakref.ref(vectors))
            yield file, ReadFile(file_digest(file.path), sentences, None, False, vectors)
            del vectors

    return reading


def test_a_cluster_runs_vectors_are_let_go_as_each_file_arrives(tmp_path: Path) -> None:
    fresh = _fresh(range(FILES))
    expected = _in_memory(fresh, _embedded(fresh))
    corpus = _placeholders(tmp_path / "corpus", fresh)
    handed: list[weakref.ref] = []
    reading = _handing_over(fresh, handed)
    built, report = _synchronise(corpus, tmp_path / "index", StubEmbedder(), reading)  # type: ignore[arg-type]
    assert len(handed) == FILES and report.embedded == sorted(fresh)
    _assert_same(built, *expected)
    _assert_same(store.load(tmp_path / "index"), *expected)


def test_new_bm25_terms_remake_only_the_bm25_side_of_a_large_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing is read, embedded or trained again, and a file only touched keeps its rows."""
    fresh = _fresh(range(FILES))
    expected = _in_memory(fresh, _embedded(fresh))
    corpus, index = _placeholders(tmp_path / "corpus", fresh), tmp_path / "index"
    reading = _handing_over(fresh, [])
    _synchronise(corpus, index, StubEmbedder(), reading)  # type: ignore[arg-type]
    (manifest_path,) = index.glob("gen-*/manifest.json")
    manifest_path.write_text(json.dumps(dict(json.loads(manifest_path.read_text()), terms="qa terms 1")))
    os.utime(corpus / "part-007.txt", ns=(1, 1))
    with monkeypatch.context() as patch:
        patch.setattr(qa.index.dense, "_ivf_over", lambda table: pytest.fail("the IVF index was trained again"))
        patch.setattr(StubEmbedder, "encode", lambda self, texts: pytest.fail("sentences were embedded again"))
        _, report = _synchronise(corpus, index, StubEmbedder(), reading)  # type: ignore[arg-type]
    assert not report.changed and report.sentences == FILES * PER_FILE
    loaded = store.load(index)
    assert loaded.manifest["terms"] == TERMS and loaded.files["part-007.txt"].mtime_ns == 1
    _assert_same(loaded, *expected)
    query = terms(["word5 topic7 item12"])[0]
    np.testing.assert_array_equal(loaded.lexical.scores(query), LexicalIndex.build(expected[0].text).scores(query))
