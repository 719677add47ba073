"""PDF, HTML and Word: text, pages, sections, and what must never be indexed."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from pathlib import Path

import pytest
from documents_factory import (
    HEADER,
    write_docx,
    write_drawing_pdf,
    write_encrypted_pdf,
    write_html,
    write_pdf,
    write_scanned_pdf,
)

from qa.ingest.documents import BlockKind
from qa.ingest.reading import READERS, SourceFile, UnreadableFileError, read_document
from qa.ingest.sentences import document_sentences


def _read(path: Path):
    return read_document(SourceFile.at(path, path.parent))[0]


def test_pdf_pages_sections_hyphens_and_furniture(tmp_path: Path) -> None:
    document = _read(write_pdf(tmp_path / "report.pdf"))
    sentences = document_sentences(document)
    texts = [s.text for s in sentences]
    assert "The agreement covers the withdrawal of all remaining troops from the northern bases." in texts
    assert HEADER not in document.text and "Page 1" not in document.text and "of 3" not in document.text
    by_text = {s.text: s for s in sentences}
    cost = by_text["The whole operation is expected to cost 42 million dollars."]
    assert (cost.page, cost.section) == (3, "Costs")
    trucks = next(s for s in sentences if s.text.startswith("Heavy trucks"))
    assert trucks.text.endswith("before the rainy season starts.") and (trucks.page, trucks.section) == (2, "Equipment")
    headings = [document.block_text(b) for b in document.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Background", "Equipment", "Costs"]


def test_scanned_pdf_is_read_by_ocr_page_by_page(tmp_path: Path) -> None:
    document = _read(write_scanned_pdf(tmp_path / "scan.pdf"))
    by_text = {s.text: s for s in document_sentences(document)}
    cost = by_text["The whole operation is expected to cost 42 million dollars."]
    assert (cost.page, cost.section, cost.ocr) == (3, "Costs", True)
    assert "The agreement covers the withdrawal of all remaining troops from the northern bases." in by_text
    assert all(block.ocr for block in document.blocks)


@pytest.mark.parametrize(
    ("write", "reason"),
    [(write_encrypted_pdf, "encrypted"), (write_drawing_pdf, "no text that OCR could read")],
)
def test_pdfs_that_cannot_be_read_say_why(tmp_path: Path, write, reason: str) -> None:
    with pytest.raises(UnreadableFileError, match=reason):
        _read(write(tmp_path / "bad.pdf"))


def test_corrupt_pdf_says_damaged(tmp_path: Path) -> None:
    data = write_pdf(tmp_path / "good.pdf").read_bytes()
    (tmp_path / "bad.pdf").write_bytes(data[: len(data) // 3])
    with pytest.raises(UnreadableFileError, match="damaged|without a text layer"):
        _read(tmp_path / "bad.pdf")


def test_a_pdf_sentence_cut_by_a_page_break_is_whole_on_its_first_page(tmp_path: Path) -> None:
    pages = [
        ["Fire drill", "In a drill everyone gathers on the lawn next to the bicycle shelter, where"],
        ["wardens take a roll call of every floor.", "The drill ends when the wardens say so."],
        ["Exits", "Use the stairs; lifts stop at the ground floor during a drill and are not to be re-"],
        ["started by staff.", "Doors close on their own."],
    ]
    sentences = document_sentences(_read(write_pdf(tmp_path / "drill.pdf", pages=pages)))
    assert [(s.text, s.page) for s in sentences] == [
        ("In a drill everyone gathers on the lawn next to the bicycle shelter, where wardens take a roll call of every floor.", 1),
        ("The drill ends when the wardens say so.", 2),
        ("Use the stairs; lifts stop at the ground floor during a drill and are not to be restarted by staff.", 3),
        ("Doors close on their own.", 4),
    ]


def test_pdf_heading_sizes_are_levels_and_a_section_is_their_path(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for size, line in [
        (24, "Site manual"), (18, "Lot B"), (14, "Hours"), (11, "Opens at 7:30 and closes at 19:00 on weekdays."),
        (11, "Holidays"), (11, "Closed on public holidays."),
        (14, "Fees"), (11, "A day pass costs 6 euros."), (18, "Garage C"), (11, "Open around the clock."),
    ]:  # fmt: skip
        pdf.set_font("Helvetica", size=size)
        pdf.cell(0, size * 0.6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(tmp_path / "manual.pdf"))
    sections = {s.text: s.section for s in document_sentences(_read(tmp_path / "manual.pdf"))}
    assert sections == {
        "Opens at 7:30 and closes at 19:00 on weekdays.": "Site manual › Lot B › Hours",
        "Closed on public holidays.": "Site manual › Lot B › Hours › Holidays",  # a heading in body type is the deepest
        "A day pass costs 6 euros.": "Site manual › Lot B › Fees",
        "Open around the clock.": "Site manual › Garage C",
    }


def test_html_main_text_only(tmp_path: Path) -> None:
    document = _read(write_html(tmp_path / "page.html"))
    text = document.text
    assert "handed over to the Nigerien army on August 5" in text
    assert "110 million dollars building the base, which opened in 2019 & served" in text
    assert "“orderly”" in text
    for boilerplate in ("Home", "World news", "cookies", "Recommended for you", "camels", "Privacy policy", "Copyright",
                        "trackingSecret", "secret-style-rule"):
        assert boilerplate not in text, boilerplate
    sections = {s.section for s in document_sentences(document) if "110 million" in s.text}
    assert sections == {"Drone base handed over › Cost of the base"}


def test_docx_paragraphs_headings_and_table_rows_in_order(tmp_path: Path) -> None:
    document = _read(write_docx(tmp_path / "mission.docx"))
    blocks = [(b.kind, document.block_text(b), b.section) for b in document.blocks]
    assert blocks == [
        (BlockKind.HEADING, "Training Mission", "Training Mission"),
        (BlockKind.PARAGRAPH, "The training mission taught 300 Nigerien officers to read satellite maps.", "Training Mission"),
        (BlockKind.HEADING, "Budget", "Training Mission › Budget"),
        (BlockKind.PARAGRAPH, "The budget table below lists each item of the mission.", "Training Mission › Budget"),
        (BlockKind.TABLE_ROW, "Item | Cost", "Training Mission › Budget"),
        (BlockKind.TABLE_ROW, "Instructors | 2.5 million dollars", "Training Mission › Budget"),
        (BlockKind.TABLE_ROW, "Simulators | 800,000 dollars", "Training Mission › Budget"),
        (BlockKind.PARAGRAPH, "Every officer passed the final examination in December.", "Training Mission › Budget"),
    ]


def test_damaged_docx_says_so(tmp_path: Path) -> None:
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFileError, match="damaged Word"):
        _read(tmp_path / "bad.docx")


def test_mixed_folder_answers_from_every_format_with_page_or_section(tmp_path: Path) -> None:
    from qa import QA

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_pdf(corpus / "report.pdf")
    write_html(corpus / "news.html")
    write_docx(corpus / "mission.docx")
    (corpus / "notes.md").write_text("# Field notes\n\nThe field hospital in Niamey has 40 beds.\n", encoding="utf-8")
    (corpus / "memo.txt").write_text("The ambassador flew home on a Tuesday.\n", encoding="utf-8")
    bot = QA(corpus, index_dir=tmp_path / "index")
    assert bot.report.files == 5 and not bot.report.skipped
    cases = [
        ("How much will the whole operation cost?", "report.pdf", "42 million", 3, "Costs"),
        ("How much did the US spend to build the drone base?", "news.html", "110 million", None, "Drone base handed over › Cost of the base"),
        ("How many officers did the training mission teach?", "mission.docx", "300 Nigerien officers", None, "Training Mission"),
        ("What did the simulators cost?", "mission.docx", "800,000", None, "Training Mission › Budget"),
        ("How many beds does the field hospital have?", "notes.md", "40 beds", None, "Field notes"),
        ("When did the ambassador fly home?", "memo.txt", "Tuesday", None, None),
    ]
    for question, source, fragment, page, section in cases:
        best = bot.answer(question).passages[0]
        assert (best.source, best.page, best.section) == (source, page, section), (question, best)
        assert fragment in best.text
    boilerplate = bot.answer("Recommended for you: privacy policy, cookies and terms of use", top_k=10).passages
    assert all("cookie" not in p.text.lower() and "privacy" not in p.text.lower() for p in boilerplate)


def _zip_without_office_parts() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "A zip file, not an Office document.")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("garbage.pdf", bytes(range(256)) * 12, "is a damaged PDF, or not a PDF at all"),
        ("cut.pdf", None, "is a damaged PDF"),
        ("garbage.docx", bytes(range(256)) * 12, "is a damaged Word file, or not a .docx at all"),
        ("other.docx", _zip_without_office_parts(), "is a damaged Word file, or not a .docx at all"),
        ("garbage.pptx", bytes(range(256)) * 12, "is a damaged presentation, or not a .pptx at all"),
        ("garbage.xlsx", bytes(range(256)) * 12, "is a damaged spreadsheet, or not a .xlsx at all"),
        ("garbage.jpg", bytes(range(256)) * 12, "is a damaged image, or not an image at all"),
    ],
)
def test_unreadable_files_are_explained_in_plain_words(tmp_path: Path, name: str, content: bytes | None, reason: str) -> None:
    """The reason is shown to users ("uploads/garbage.pdf was skipped: it …"): words, not the
    parser's exception class (PdfiumError, BadZipFile, UnidentifiedImageError)."""
    if content is None:
        data = write_pdf(tmp_path / "whole.pdf").read_bytes()
        content = data[: len(data) // 3]
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UnreadableFileError) as raised:
        _read(tmp_path / name)
    said = str(raised.value)
    assert said.startswith(reason), said
    assert "Error" not in said and "BadZip" not in said and "Exception" not in said, said


@pytest.mark.parametrize(("failure", "lasting"), [(KeyError("/Root"), True), (MemoryError(), False)])
def test_a_reader_failing_unforeseen_is_said_in_plain_words_and_logged_as_it_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, failure: Exception, lasting: bool
) -> None:
    """A parser library failing in a way qa did not foresee (its bug, a structure it never met):
    users read plain words, the log says the exception at INFO (shown with --verbose) and its
    traceback at DEBUG. The same bytes would fail again, unless memory ran out."""

    def failing(source, data, ocr):  # type: ignore[no-untyped-def]
        raise failure

    monkeypatch.setitem(READERS, ".pdf", dataclasses.replace(READERS[".pdf"], parse=failing))
    path = write_pdf(tmp_path / "report.pdf")
    with caplog.at_level(logging.DEBUG, logger="qa.ingest.reading"), pytest.raises(UnreadableFileError) as raised:
        _read(path)
    assert str(raised.value) == "could not be parsed; it may be damaged"
    assert raised.value.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() and raised.value.lasting == lasting
    (said,) = [record.getMessage() for record in caplog.records if record.levelno == logging.INFO]
    assert said == f"could not parse report.pdf ({type(failure).__name__}: {failure})"
    assert [record.exc_info is not None for record in caplog.records if record.levelno == logging.DEBUG] == [True]
