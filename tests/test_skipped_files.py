"""Skipped files are remembered by the index (qa.index.indexing, qa.index.store), with the real
model and real files: an unchanged skipped file is neither read nor warned about again, at a
refresh or a restart, yet stays listed with its reason; a changed one is read again, a repaired
one is indexed, a removed one is forgotten; an index saved before skipped files were kept loads
as it is."""

from __future__ import annotations

import errno
import json
import logging
import os
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from documents_factory import write_pdf
from PIL import Image

from qa import QA
from qa.index import indexing, store
from qa.ingest.ocr import Engine
from qa.ingest.reading import SourceFile, file_digest, reader_version

DAMAGED = "is a damaged PDF"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file was read (parsed) by indexing, by source."""
    counted: Counter[str] = Counter()
    real = indexing.read_document

    def counting(file: SourceFile, ocr=None):  # type: ignore[no-untyped-def]
        counted[file.source] += 1
        return real(file, ocr)

    monkeypatch.setattr(indexing, "read_document", counting)
    return counted


def _warned(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The files warned about as skipped, in order."""
    return [
        str(record.args[0])
        for record in caplog.records
        if record.name == "qa.index.indexing" and record.levelno == logging.WARNING and record.msg.startswith("skipped")
        and isinstance(record.args, tuple)
    ]


def _pdf_bytes(tmp_path: Path) -> bytes:
    return write_pdf(tmp_path / "whole.pdf").read_bytes()


def _reasons(bot: QA) -> dict[str, str]:
    return {skipped.source: skipped.reason for skipped in bot.report.skipped}


def test_an_unchanged_skipped_file_is_read_and_warned_about_once(
    seed_copy: Path, tmp_path: Path, reads: Counter[str], caplog: pytest.LogCaptureFixture
) -> None:
    whole = _pdf_bytes(tmp_path)
    (seed_copy / "report.pdf").write_bytes(whole[: len(whole) // 3])
    (seed_copy / "empty.txt").write_text("", encoding="utf-8")
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    reasons = _reasons(bot)
    assert set(reasons) == {"empty.txt", "report.pdf"} and reasons["report.pdf"].startswith(DAMAGED)

    (seed_copy / "notes.txt").write_text("The well in Agadez was dug in 1931.\n", encoding="utf-8")
    assert bot.refresh().embedded == ["notes.txt"]  # a new generation, which keeps what was skipped
    bot.refresh()
    restarted = QA(seed_copy, index_dir=tmp_path / "index")

    assert reads["report.pdf"] == reads["empty.txt"] == 1
    assert sorted(_warned(caplog)) == ["empty.txt", "report.pdf"]
    for each in (bot, restarted):  # still listed as skipped, with the reason found when it was read
        assert _reasons(each) == reasons
    skipped = [(info.source, info.sentences, info.skipped) for info in restarted.files() if info.skipped]
    assert skipped == [("empty.txt", 0, "is empty"), ("report.pdf", 0, reasons["report.pdf"])]
    assert restarted.report.embedded == [] and restarted.report.files == 2


def test_a_changed_skipped_file_is_read_again_and_a_repaired_one_is_indexed(
    seed_copy: Path, tmp_path: Path, reads: Counter[str], caplog: pytest.LogCaptureFixture
) -> None:
    whole = _pdf_bytes(tmp_path)
    pdf = seed_copy / "report.pdf"
    pdf.write_bytes(whole[: len(whole) // 3])
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    os.utime(pdf, ns=(1, 1))  # touched only: the same bytes are not read again
    bot.refresh()
    assert reads["report.pdf"] == 1 and _reasons(bot)["report.pdf"].startswith(DAMAGED)

    pdf.write_bytes(whole[: len(whole) // 2])  # another damaged version
    bot.refresh()
    bot.refresh()
    assert reads["report.pdf"] == 2 and _warned(caplog) == ["report.pdf", "report.pdf"]
    assert _reasons(bot)["report.pdf"].startswith(DAMAGED)

    pdf.write_bytes(whole)  # repaired
    report = bot.refresh()
    assert reads["report.pdf"] == 3 and report.embedded == ["report.pdf"] and report.skipped == []
    assert bot.answer("What will the whole operation cost?").passages[0].source == "report.pdf"
    assert store.load(tmp_path / "index").skipped == {}
    assert _warned(caplog) == ["report.pdf", "report.pdf"]


def test_a_removed_skipped_file_is_forgotten(seed_copy: Path, tmp_path: Path) -> None:
    (seed_copy / "empty.txt").write_text("", encoding="utf-8")
    QA(seed_copy, index_dir=tmp_path / "index")
    assert set(store.load(tmp_path / "index").skipped) == {"empty.txt"}
    (seed_copy / "empty.txt").unlink()
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    assert bot.report.skipped == [] and bot.report.embedded == [] and bot.report.removed == []
    assert store.load(tmp_path / "index").skipped == {}
    assert [info.source for info in bot.files() if info.skipped] == []


def test_an_index_saved_before_skipped_files_were_kept_is_not_rebuilt(
    seed_copy: Path, tmp_path: Path, reads: Counter[str], caplog: pytest.LogCaptureFixture
) -> None:
    (seed_copy / "empty.txt").write_text("", encoding="utf-8")
    first = QA(seed_copy, index_dir=tmp_path / "index")
    (manifest_path,) = (tmp_path / "index").glob("gen-*/manifest.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest["skipped"]  # as the previous version of qa saved it
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    bot = QA(seed_copy, index_dir=tmp_path / "index")
    assert bot.report.rebuilt_because is None and bot.report.embedded == []
    assert _reasons(bot) == {"empty.txt": "is empty"} and reads["empty.txt"] == 2  # read once more
    assert np.array_equal(bot.retriever.dense.vectors, first.retriever.dense.vectors)
    assert set(store.load(tmp_path / "index").skipped) == {"empty.txt"}  # and kept from now on

    again = QA(seed_copy, index_dir=tmp_path / "index")
    assert _reasons(again) == {"empty.txt": "is empty"} and reads["empty.txt"] == 2
    assert _warned(caplog) == ["empty.txt", "empty.txt"]


def test_a_file_that_cannot_be_opened_is_tried_again_at_each_refresh_and_warned_about_once(
    seed_copy: Path,
    tmp_path: Path,
    reads: Counter[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its bytes were never read, so nothing says a later try would fail too (the tests run as
    root, whom permissions do not stop: opening it is refused here)."""
    (seed_copy / "locked.txt").write_text("The locked cabinet holds the 1931 survey of the well.\n", encoding="utf-8")
    locked = [True]
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "locked.txt" and locked[0]:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    bot.refresh()
    bot.refresh()
    assert reads["locked.txt"] == 3 and _reasons(bot) == {"locked.txt": "cannot be read (Permission denied)"}
    assert _warned(caplog) == ["locked.txt"]

    locked[0] = False
    report = bot.refresh()
    assert report.embedded == ["locked.txt"] and report.skipped == []
    assert bot.answer("What does the locked cabinet hold?").passages[0].source == "locked.txt"


def test_a_photo_ocr_finds_no_text_in_is_recognised_once(
    seed_copy: Path, tmp_path: Path, reads: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its record names the OCR engine (a new engine reads it again), and its recognised page is
    kept in the index's OCR folder (a new reader of its format finds it there)."""
    pixels = np.random.default_rng(3).normal(150, 30, (500, 700)).clip(0, 255).astype(np.uint8)
    Image.fromarray(pixels).convert("RGB").save(seed_copy / "wall.jpg")
    pages = Counter[str]()
    real = Engine.read
    monkeypatch.setattr(Engine, "read", lambda engine, image: pages.update(["read"]) or real(engine, image))
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    assert _reasons(bot) == {"wall.jpg": "shows no text that OCR could read"}
    (seed_copy / "notes.txt").write_text("The well in Agadez was dug in 1931.\n", encoding="utf-8")
    bot.refresh()  # a new generation: the OCR folder is pruned to the files it knows
    bot.refresh()
    assert reads["wall.jpg"] == 1 and pages["read"] == 1 and _reasons(bot) == {"wall.jpg": "shows no text that OCR could read"}
    record = store.load(tmp_path / "index").skipped["wall.jpg"]
    assert record.reader == reader_version(SourceFile.at(seed_copy / "wall.jpg", seed_copy), ocr=True)
    assert list((tmp_path / "index" / "ocr").glob(f"*/{file_digest(seed_copy / 'wall.jpg')}/*.json"))


def test_a_change_of_skipped_files_alone_links_the_stored_data_instead_of_writing_it_again(
    seed_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    bot = QA(seed_copy, index_dir=index)
    before = index / store.current(index)  # type: ignore[operator]
    (seed_copy / "empty.txt").write_text("", encoding="utf-8")  # a skipped upload, say
    report = bot.refresh()
    after = index / store.current(index)  # type: ignore[operator]
    assert after != before and [s.source for s in report.skipped] == ["empty.txt"]
    data = [path.relative_to(before) for path in before.rglob("*") if path.is_file() and path.name != "manifest.json"]
    assert data and all(os.path.samefile(before / relative, after / relative) for relative in data)
    restarted = QA(seed_copy, index_dir=index)  # the new generation's checksums hold
    assert restarted.report.rebuilt_because is None and [s.source for s in restarted.report.skipped] == ["empty.txt"]
    assert "September 15" in restarted.answer("When will US troops leave Niger?").passages[0].text
    (seed_copy / "notes.txt").write_text("The well in Agadez was dug in 1931.\n", encoding="utf-8")
    bot.refresh()  # an indexed file changed: a generation of its own, nothing linked
    newest = index / store.current(index)  # type: ignore[operator]
    assert not os.path.samefile(after / "vectors.npy", newest / "vectors.npy")
