"""PDF layout: columns read one after the other, wrapped lines joined into their sentences,
slide titles as sections, running headers and footers left out. The PDFs are made here (fpdf2),
with their text drawn row by row across the columns, as many PDF producers draw it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from fpdf import FPDF

from qa.ingest.documents import BlockKind, Document
from qa.ingest.reading import SourceFile, read_document
from qa.ingest.sentences import Sentence, document_sentences

STORY = [
    "The river authority met in Hainburg on Monday to discuss the new crossing.",
    "Engineers said the steel for the deck comes from a mill in Linz.",
    "The old ferry keeps running until the bridge opens to traffic.",
    "Local shops expect more customers once the crossing is open.",
    "The council will publish the final budget in the spring, after the last survey of the riverbed.",
    "Cyclists get a separate lane on the eastern side of the deck.",
]
BRIDGE = "The new bridge over the Danube will be finished in 2041."
HEADER = "Riverside Gazette - Spring issue"
TITLES = ["Bridge works", "Ferry timetable", "Council budget"]


def _read(path: Path) -> tuple[Document, list[Sentence]]:
    document = read_document(SourceFile.at(path, path.parent))[0]
    return document, document_sentences(document)


def _new_pdf(orientation: str = "portrait") -> FPDF:
    pdf = FPDF(orientation=orientation)
    pdf.set_auto_page_break(False)
    return pdf


def _draw_by_row(pdf: FPDF, columns: list[list[str]], width: float, top: float, size: float = 10) -> None:
    """Lines of side-by-side columns `width` mm wide, drawn row by row: left line, then right line."""
    pdf.set_font("Helvetica", size=size)
    for row in range(max(len(lines) for lines in columns)):
        for number, lines in enumerate(columns):
            if row < len(lines):
                pdf.set_xy(10 + number * (width + 10), top + row * size / 2)
                pdf.cell(width, size / 2, lines[row])


def _furniture(pdf: FPDF, number: int, pages: int) -> None:
    pdf.set_font("Helvetica", size=8)
    pdf.set_xy(10, 5)
    pdf.cell(0, 5, HEADER)
    pdf.set_xy(10, pdf.h - 12)
    pdf.cell(0, 5, f"Page {number} of {pages}", align="C")


def _wrapped(pdf: FPDF, text: str, width: float, height: float = 5) -> list[str]:
    """The lines fpdf2 wraps `text` into at `width` mm in the current font."""
    return cast(list[str], pdf.multi_cell(width, height, text, dry_run=True, output="LINES"))


def _page_story(number: int) -> list[str]:
    """STORY, begun at another sentence on each page, so that no page repeats another's lines."""
    first = (number - 1) % len(STORY)
    return STORY[first:] + STORY[:first]


def _two_columns(path: Path, pages: int = 1) -> Path:
    """Each page's story wrapped to 80 mm and poured into two columns, under a title."""
    pdf = _new_pdf()
    for number in range(1, pages + 1):
        pdf.add_page()
        _furniture(pdf, number, pages)
        pdf.set_font("Helvetica", size=18)
        pdf.set_xy(10, 15)
        pdf.cell(0, 10, TITLES[number - 1])
        pdf.set_font("Helvetica", size=10)
        lines = _wrapped(pdf, " ".join(_page_story(number)), 80)
        half = (len(lines) + 1) // 2
        assert not lines[half - 1].rstrip().endswith("."), "a sentence must run on into the right column"
        _draw_by_row(pdf, [lines[:half], lines[half:]], 80, 35)
    pdf.output(str(path))
    return path


def test_two_columns_are_read_left_then_right_with_the_sentence_across_them_whole(tmp_path: Path) -> None:
    document, sentences = _read(_two_columns(tmp_path / "news.pdf"))
    assert [s.text for s in sentences] == STORY
    assert {(s.page, s.section) for s in sentences} == {(1, "Bridge works")}


def test_running_header_and_footer_dropped_and_pages_kept_in_columns(tmp_path: Path) -> None:
    document, sentences = _read(_two_columns(tmp_path / "news.pdf", pages=3))
    assert [(s.page, s.text) for s in sentences] == [(page, text) for page in (1, 2, 3) for text in _page_story(page)]
    assert HEADER not in document.text and "Page 2" not in document.text and "of 3" not in document.text


def test_sentence_wrapped_over_short_lines_with_a_number_at_a_line_start_is_one_sentence(tmp_path: Path) -> None:
    """Narrow columns at a page's foot: capitalised and letterless line starts, the last just above a footer."""
    columns = [
        (
            [
                "Engineers said the steel",
                "for the deck comes from",
                "a mill in Linz.",
                "The new bridge over the",
                "Danube will be",
                "finished in",
                "2041.",
            ],
            ["Local shops expect more", "customers once the", "crossing is open."],
        ),
        (
            [
                "Cyclists get a separate",
                "lane on the eastern",
                "side of the deck.",
                "The new tunnel under the",
                "Vienna Woods will",
                "open to traffic in",
                "2045.",
            ],
            ["Tolls will not be charged", "in the first years of", "operation."],
        ),
    ]
    pdf = _new_pdf()
    for number, (left, right) in enumerate(columns, 1):
        pdf.add_page()
        _furniture(pdf, number, len(columns))
        _draw_by_row(pdf, [left, right], 45, pdf.h - 20 - 5 * len(left))
    pdf.output(str(tmp_path / "newsletter.pdf"))
    document, sentences = _read(tmp_path / "newsletter.pdf")
    assert [(s.page, s.text) for s in sentences] == [
        (1, "Engineers said the steel for the deck comes from a mill in Linz."),
        (1, BRIDGE),
        (1, "Local shops expect more customers once the crossing is open."),
        (2, "Cyclists get a separate lane on the eastern side of the deck."),
        (2, "The new tunnel under the Vienna Woods will open to traffic in 2045."),
        (2, "Tolls will not be charged in the first years of operation."),
    ]
    assert not [b for b in document.blocks if b.kind is BlockKind.HEADING]


def test_slides_big_titles_are_sections_and_wrapped_bullets_are_whole_items(tmp_path: Path) -> None:
    slides = [
        (
            "Why the city of Vienna needs a second bridge over the river",
            ["About 400 workers from Austria and Slovakia are employed on the site.", BRIDGE],
        ),
        ("What the works cost", ["Tolls will not be charged for the first 10 years of operation."]),
    ]
    pdf = _new_pdf("landscape")
    for number, (title, bullets) in enumerate(slides, 1):
        pdf.add_page()
        _furniture(pdf, number, len(slides))
        pdf.set_font("Helvetica", size=28)
        pdf.set_xy(15, 15)
        pdf.cell(0, 12, title)
        pdf.set_font("Helvetica", size=18)
        pdf.set_xy(20, 40)
        for bullet in bullets:
            pdf.set_x(20)
            pdf.multi_cell(120, 9, f"- {bullet}")
    assert _wrapped(pdf, f"- {slides[0][1][0]}", 120, 9)[1].startswith("Slovakia")
    pdf.output(str(tmp_path / "slides.pdf"))
    document, sentences = _read(tmp_path / "slides.pdf")
    headings = [(b.page, document.block_text(b)) for b in document.blocks if b.kind is BlockKind.HEADING]
    assert headings == [(number, title) for number, (title, _) in enumerate(slides, 1)]
    items = [(b.page, b.section, document.block_text(b)) for b in document.blocks if b.kind is BlockKind.ITEM]
    assert items == [(number, title, bullet) for number, (title, bullets) in enumerate(slides, 1) for bullet in bullets]
    # Each bullet is one candidate; the two of the first slide are also one together (a short list).
    assert [s.text for s in sentences] == ["\n\n".join(slides[0][1]), *slides[0][1], *slides[1][1]]


def test_question_answered_from_the_sentence_that_runs_across_two_columns(tmp_path: Path) -> None:
    from qa import QA

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _two_columns(corpus / "news.pdf", pages=2)
    best = (
        QA(corpus, index_dir=tmp_path / "index").answer("When will the council publish the final budget?").passages[0]
    )
    assert (best.source, best.text) == ("news.pdf", STORY[4])
    assert best.page in (1, 2) and best.section == TITLES[best.page - 1]


def test_a_heading_after_a_full_last_line_is_not_joined_to_the_paragraph(tmp_path: Path) -> None:
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    lines = [
        ("", "The survey of households in the region ran from March to June of last year and"),
        ("", "reached most of the villages in the valley, with help from the local councils."),
        ("B", "Results"),
        ("", "The response rate was high, at 87 percent of the households that were contacted."),
    ]
    for row, (style, text) in enumerate(lines):
        pdf.set_font("Helvetica", style, 11)
        pdf.text(60, 100 + 14 * row, text)
    pdf.output(str(tmp_path / "survey.pdf"))
    document, sentences = _read(tmp_path / "survey.pdf")
    assert [(b.kind, document.block_text(b), b.section) for b in document.blocks] == [
        (BlockKind.PARAGRAPH, " ".join(text for _, text in lines[:2]), None),
        (BlockKind.HEADING, "Results", "Results"),
        (BlockKind.PARAGRAPH, lines[3][1], "Results"),
    ]


def test_a_line_wrapped_after_a_full_stop_goes_on_with_its_paragraph(tmp_path: Path) -> None:
    """A full line ending a sentence, then a capital: the paragraph goes on (justified or ragged
    text wraps there as anywhere), unless the next line is indented or short and unpunctuated. A
    title set over two lines is one heading."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 20)
    pdf.text(60, 60, "Arden Kestrel")
    pdf.text(60, 84, "Owner's Manual")
    lines = [
        (60, "The temporary spare wheel, where fitted, must be inflated to 4.2 bar (60 psi)."),
        (60, "Do not drive faster than 80 km/h on the space saver."),
        (80, "Cars without a spare wheel carry a tyre repair kit under the boot floor."),
        (60, "Check the pressures when the tyres are cold, once a month and before a trip."),
    ]
    pdf.set_font("Helvetica", "", 11)
    for row, (x, text) in enumerate(lines):
        pdf.text(x, 120 + 14 * row, text)
    pdf.output(str(tmp_path / "manual.pdf"))
    document, _ = _read(tmp_path / "manual.pdf")
    title = "Arden Kestrel Owner's Manual"
    assert [(b.kind, document.block_text(b), b.section) for b in document.blocks] == [
        (BlockKind.HEADING, title, title),
        (BlockKind.PARAGRAPH, f"{lines[0][1]} {lines[1][1]}", title),
        (BlockKind.PARAGRAPH, f"{lines[2][1]} {lines[3][1]}", title),
    ]


@pytest.mark.parametrize(
    "opening",
    ["(a) Rent is due on the first day of each month.", "Q: Is there parking at the cottage?", "A. Yes, for two cars."],
)
def test_a_line_opening_with_a_label_after_a_full_stop_starts_a_paragraph(tmp_path: Path, opening: str) -> None:
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    first = "The tenant must keep the garden tidy and report any damage to the agent at once."
    for row, text in enumerate([first, opening]):
        pdf.text(60, 120 + 14 * row, text)
    pdf.output(str(tmp_path / "lease.pdf"))
    document, _ = _read(tmp_path / "lease.pdf")
    assert [document.block_text(b) for b in document.blocks][:2] == [first, opening]


def test_numbered_steps_keep_their_numbers_and_are_one_list_with_their_lead_in(tmp_path: Path) -> None:
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    lines = ["To get a parking permit:", "1. Fill in form PK-1 on the intranet.", "2. Attach a copy of your licence.",
             "- Bring it to reception."]  # fmt: skip
    for line in lines:
        pdf.set_x(20)
        pdf.multi_cell(150, 7, line)
        pdf.ln(3)
    pdf.output(str(tmp_path / "permit.pdf"))
    document, sentences = _read(tmp_path / "permit.pdf")
    assert [document.block_text(b) for b in document.blocks if b.kind is BlockKind.ITEM] == [
        "1. Fill in form PK-1 on the intranet.", "2. Attach a copy of your licence.", "Bring it to reception."
    ]
    assert sentences[0].text.startswith("To get a parking permit:") and sentences[0].text.endswith("Bring it to reception.")


def _ruled_table_pdf(path: Path) -> Path:
    """A paragraph, a ruled table of three columns drawn by fpdf, a paragraph, and a boxed note."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "The payments due under this agreement are set out below.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.table(col_widths=(60, 35, 75)) as table:
        for cells in (
            ("Payment", "Amount", "When due"),
            ("Holding deposit", "£265", "Paid 14 August 2025"),
            ("Security deposit", "£1,326", "Before 1 September 2025"),
            ("Replacement key or fob", "£35 each", "On request"),
        ):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(3)
    pdf.multi_cell(0, 5, "All payments are made to the agent.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 5, "Keep this agreement in a safe place.", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_ruled_table_is_read_row_by_row_where_it_stands(tmp_path: Path) -> None:
    """Read as lines, the first column became headings and the others one paragraph each
    ("Amount £265 £1,326 £35 each When due")."""
    document, _ = _read(_ruled_table_pdf(tmp_path / "agreement.pdf"))
    assert [(b.kind, document.block_text(b)) for b in document.blocks] == [
        (BlockKind.PARAGRAPH, "The payments due under this agreement are set out below."),
        (BlockKind.TABLE_ROW, "Payment: Holding deposit; Amount: £265; When due: Paid 14 August 2025"),
        (BlockKind.TABLE_ROW, "Payment: Security deposit; Amount: £1,326; When due: Before 1 September 2025"),
        (BlockKind.TABLE_ROW, "Payment: Replacement key or fob; Amount: £35 each; When due: On request"),
        (BlockKind.PARAGRAPH, "All payments are made to the agent."),
        (BlockKind.PARAGRAPH, "Keep this agreement in a safe place."),  # a box around one paragraph is no table
    ]


def test_question_answered_from_a_row_of_a_ruled_table(tmp_path: Path) -> None:
    from qa import QA

    (tmp_path / "corpus").mkdir()
    _ruled_table_pdf(tmp_path / "corpus" / "agreement.pdf")
    answer = QA(tmp_path / "corpus", index_dir=tmp_path / "index").answer("How much do I pay for a replacement key?")
    assert answer.passages[0].text == "Payment: Replacement key or fob; Amount: £35 each; When due: On request"
    assert answer.found


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.replace(b"/MediaBox", b"/MediaBoz"),  # pdfminer.six fails, PDFium reads it as Letter
        lambda data: data.replace(b"/Type /Page\n", b"/Type /Page /Rotate 90\n", 1),  # the two measure from other corners
    ],
)
def test_a_table_pdfplumber_cannot_place_is_read_as_lines_once(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    """A page without a MediaBox made the whole file unreadable; a turned page had its table's text twice."""
    path = _ruled_table_pdf(tmp_path / "agreement.pdf")
    path.write_bytes(damage(path.read_bytes()))
    document, _ = _read(path)
    assert document.text.count("Replacement key or fob") == 1
    assert "All payments are made to the agent." in document.text


def test_a_table_that_goes_on_over_a_page_keeps_its_column_names(tmp_path: Path) -> None:
    """Its rows on the next page, under no header of their own, read "Charge 59 | £59 | On request"."""
    pdf = _new_pdf()
    pdf.set_auto_page_break(True)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    with pdf.table(col_widths=(60, 35, 75), repeat_headings=0) as table:
        for cells in [("Item", "Amount", "When due")] + [(f"Charge {i}", f"£{i}", "On request") for i in range(60)]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.output(str(tmp_path / "charges.pdf"))
    document, _ = _read(tmp_path / "charges.pdf")
    rows = [(b.page, document.block_text(b)) for b in document.blocks]
    assert rows[-1] == (2, "Item: Charge 59; Amount: £59; When due: On request")
    assert all(text.startswith("Item: Charge ") for _, text in rows)


def _glyph_by_glyph_pdf(path: Path) -> Path:
    """A heading and two paragraphs, every glyph placed on its own, as a browser's "Save as PDF"
    (Chromium's Skia) writes text: PDFium's text rectangles then hold a glyph or a few each."""
    pdf = _new_pdf()
    pdf.add_page()

    def draw(line: str, size: float, y: float) -> None:
        pdf.set_font("Helvetica", size=size)
        x = 20.0
        for glyph in line:
            pdf.text(x, y, glyph)
            x += pdf.get_string_width(glyph)

    draw("Terms of Membership", 20, 30)
    pdf.set_font("Helvetica", size=11)
    y = 44.0
    for paragraph in (
        "Membership is open to anyone aged 16 or over. Members aged 16 and 17 must have a parent or guardian sign the form.",
        "The club is open Monday to Friday from 6:00 to 22:00.",
    ):
        for line in _wrapped(pdf, paragraph, 120):
            draw(line, 11, y)
            y += 6
        y += 4
    pdf.output(str(path))
    return path


def test_a_pdf_that_places_every_glyph_on_its_own_is_read_as_words(tmp_path: Path) -> None:
    """Read by PDFium's text rectangles, a browser's PDF came out in scraps and out of order:
    "f T M b h i e r m s o e m e r s p" for the title, "Monday to F riday fr om"."""
    document, _ = _read(_glyph_by_glyph_pdf(tmp_path / "terms.pdf"))
    assert [(b.kind, document.block_text(b)) for b in document.blocks] == [
        (BlockKind.HEADING, "Terms of Membership"),
        (
            BlockKind.PARAGRAPH,
            "Membership is open to anyone aged 16 or over. Members aged 16 and 17 must have a parent or guardian sign the form.",
        ),
        (BlockKind.PARAGRAPH, "The club is open Monday to Friday from 6:00 to 22:00."),
    ]


LEFT = "Membership is open to anyone aged 16 or over. All prices are per calendar month and include VAT."
RIGHT = (
    "A freeze costs five pounds per month and must be requested at reception at least seven days before the next "
    "collection date. A medical freeze is free of charge if you provide a doctor's note, and can last up to six "
    "months. Your minimum term is extended by the length of any freeze. Flexi memberships can be cancelled at any "
    "time by giving one full calendar month's notice in writing."
)


def _table_in_a_column_pdf(path: Path) -> Path:
    """Two columns drawn one after the other: on the left two short paragraphs, a longer one and
    a ruled table as wide as the column; on the right one paragraph reaching past the table's top."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_left_margin(10)
    pdf.set_xy(10, 20)
    for paragraph in ("Prices held.", "No joining fee.", LEFT):
        pdf.multi_cell(85, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.table(width=85, col_widths=(45, 40), align="LEFT") as table:
        for cells in (("Membership", "Monthly price"), ("Off-Peak", "£29"), ("Premium", "£52")):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.set_left_margin(110)
    pdf.set_xy(110, 20)
    pdf.multi_cell(85, 5, RIGHT)
    pdf.output(str(path))
    return path


def test_a_table_in_one_of_two_columns_leaves_the_other_column_whole(tmp_path: Path) -> None:
    """The page was cut at the table's top: the right column's lines above it were read before
    the table, joined to the left column's, and the rest after it; and the short lines' wide gaps
    to the right column put the gutter inside the left one, whose full lines then crossed it."""
    document, _ = _read(_table_in_a_column_pdf(tmp_path / "terms.pdf"))
    assert [document.block_text(b) for b in document.blocks] == [
        "Prices held.",
        "No joining fee.",
        LEFT,
        "Membership: Off-Peak; Monthly price: £29",
        "Membership: Premium; Monthly price: £52",
        RIGHT,
    ]


FETE = (
    "Our annual summer fete will take place on Saturday 14 June on the recreation ground behind the village hall. "
    "Stallholders should arrive between eight and nine o'clock to set up, and vehicles must leave the field before "
    "ten. The tombola, the cake stall and the children's races are organised by the parent teacher association, whose "
    "volunteers will be wearing yellow tabards. Refreshments, including homemade scones and locally roasted coffee, "
    "are served in the marquee throughout the afternoon."
)
PLOTS = (
    "Water troughs on the lower site will be switched off on 31 October for the winter. Plot holders are reminded "
    "that bonfires are permitted only on Wednesday evenings after six. Communal equipment, including the rotavator, "
    "strimmer and wheelbarrows, may be borrowed from the container by the main gate; please record every loan in the "
    "book. The committee thanks everybody who contributed to the harvest festival."
)


def _justified_columns_pdf(path: Path) -> Path:
    """Two columns 60 mm wide, 8 mm apart, of text justified as a browser justifies it: every
    glyph placed on its own, the spaces between words stretched to fill each line but the last."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for column, paragraph in enumerate((FETE, PLOTS)):
        x0, y = 15.0 + column * 68.0, 30.0
        lines = _wrapped(pdf, paragraph, 60)
        for number, line in enumerate(lines):
            words = line.split()
            stretch = (60 - sum(pdf.get_string_width(w) for w in words)) / max(1, len(words) - 1)
            space = stretch if number < len(lines) - 1 else pdf.get_string_width(" ")
            x = x0
            for word in words:
                for glyph in word:
                    pdf.text(x, y, glyph)
                    x += pdf.get_string_width(glyph)
                x += space
            y += 5
    pdf.output(str(path))
    return path


def test_justified_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    """Spaces between justified words wider than a font size cut their lines, and where a few of
    them lined up down a column they were taken for a gutter: the columns were read across."""
    document, _ = _read(_justified_columns_pdf(tmp_path / "newsletter.pdf"))
    assert [document.block_text(b) for b in document.blocks] == [FETE, PLOTS]


def test_text_turned_sideways_is_read_whole(tmp_path: Path) -> None:
    """A stamp set sideways in the margin came out a letter per line, "r a", read character by
    character as if each stood on a row of its own."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(30, 30)
    pdf.multi_cell(150, 5, FETE)
    pdf.set_font("Helvetica", size=16)
    with pdf.rotation(90, x=12, y=200):
        pdf.text(12, 200, "arXiv:2401.01234v2 [cs.CL] 12 Jan 2024")
    pdf.output(str(tmp_path / "paper.pdf"))
    document, _ = _read(tmp_path / "paper.pdf")
    texts = [document.block_text(b) for b in document.blocks]
    assert "arXiv:2401.01234v2 [cs.CL] 12 Jan 2024" in texts
    assert FETE in texts
