"""Which PDF text extraction keeps sentences whole across columns, wrapped lines and slides.

    .venv-bench/bin/python -m benchmarks.pdf_layout   (the environment `bash benchmarks/run` makes)

Generates PDFs with fpdf2 (one column with headers and footers, two columns drawn row by row and
column by column, a three-column newsletter drawn both ways, slides), reads them with each candidate, splits
the text with qa's sentence splitter, and prints how many of the sentences written into the
PDFs come out exactly, and pages/s (reading plus splitting, the best of 3 rounds). Only qa's
own reader drops running headers and footers; the generated ones are short lines that no
candidate joins to a sentence.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from typing import Literal, cast

import pypdfium2 as pdfium
from fpdf import FPDF

from benchmarks.results import write_section
from qa.ingest.documents import Document, DocumentBuilder
from qa.ingest.formats.pdf import parse_pdf
from qa.ingest.formats.text import layout_blocks
from qa.ingest.sentences import document_sentences

ROUNDS = 3
STORY = [
    "The new bridge over the Danube will be finished in 2041.",
    "Engineers said the steel for the deck comes from a mill in Linz.",
    "The old ferry keeps running until the bridge opens to traffic.",
    "Local shops in Hainburg expect more customers once the crossing is open.",
    "The council will publish the final budget in the spring, after the last survey of the riverbed.",
    "Cyclists get a separate lane on the eastern side of the deck.",
    "Tolls will not be charged for the first 10 years of operation.",
    "About 400 workers from Austria and Slovakia are employed on the site.",
]
SLIDES = [
    ("Why Vienna needs the bridge", STORY[:3]),
    ("What the works cost", STORY[3:6]),
    ("Next steps for the council", STORY[6:]),
]


def _columns(pdf: FPDF, text: str, count: int, width: float, top: float, by_row: bool) -> None:
    """`text` wrapped to `width` mm and poured into `count` columns, drawn row by row or column by column."""
    lines = cast(list[str], pdf.multi_cell(width, 5, text, dry_run=True, output="LINES"))
    per_column = -(-len(lines) // count)
    cells = [(i % per_column, i // per_column, line) for i, line in enumerate(lines)]
    for row, column, line in sorted(cells) if by_row else cells:
        pdf.set_xy(10 + column * (width + 8), top + row * 5)
        pdf.cell(width, 5, line)


def _page(pdf: FPDF, title: str, size: float = 18) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    pdf.set_xy(10, 12)
    pdf.cell(0, 10, title)
    pdf.set_font("Helvetica", size=10)


def _furniture(pdf: FPDF, number: int) -> None:
    pdf.set_font("Helvetica", size=8)
    pdf.set_xy(10, 4)
    pdf.cell(0, 5, "Riverside Gazette")
    pdf.set_xy(10, pdf.eph + 12)
    pdf.cell(0, 5, f"Page {number}", align="C")


def single_column() -> bytes:
    """Two pages of justified paragraphs under a running header and a page-number footer."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for number, half in enumerate((STORY[:4], STORY[4:]), 1):
        _page(pdf, "Bridge report")
        _furniture(pdf, number)
        pdf.set_font("Helvetica", size=10)
        pdf.set_xy(10, 30)
        pdf.multi_cell(120, 5, " ".join(half))
    return bytes(pdf.output())


def two_columns(by_row: bool) -> bytes:
    """A title over two columns; a sentence runs from the foot of the left column to the top of the right."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    _page(pdf, "Bridge report")
    _columns(pdf, " ".join(STORY), 2, 80, 30, by_row)
    return bytes(pdf.output())


def newsletter(by_row: bool) -> bytes:
    """Three narrow columns of 9 pt text under a 22 pt title."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    _page(pdf, "Riverside news", size=22)
    pdf.set_font("Helvetica", size=9)
    _columns(pdf, " ".join(STORY), 3, 40, 30, by_row)
    return bytes(pdf.output())


def slides() -> bytes:
    """Landscape slides: a 28 pt title and bullets of 18 pt that wrap in a box, with a footer."""
    pdf = FPDF(orientation="landscape")
    pdf.set_auto_page_break(False)
    for number, (title, bullets) in enumerate(SLIDES, 1):
        _page(pdf, title, size=28)
        _furniture(pdf, number)
        pdf.set_font("Helvetica", size=18)
        pdf.set_xy(20, 40)
        for bullet in bullets:
            pdf.set_x(20)
            pdf.multi_cell(150, 9, f"- {bullet}")
            pdf.ln(4)
    return bytes(pdf.output())


def _plain_pypdf(mode: Literal["plain", "layout"]) -> Callable[[bytes], Document]:
    """pypdf's text per page cut into blocks by line layout, as qa read PDFs before (without furniture)."""
    from pypdf import PdfReader

    def parse(data: bytes) -> Document:
        builder = DocumentBuilder("bench.pdf")
        for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, 1):
            text = re.sub(r"(\w)-\n(?=[a-z])", r"\1", page.extract_text(extraction_mode=mode))
            for kind, start, end in layout_blocks(text):
                builder.add(text[start:end], kind, page=number)
        return builder.build()

    return parse


def _pdfminer(data: bytes) -> Document:
    """pdfminer.six's own layout analysis: its text boxes in its reading order, each cut into blocks as one line."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    builder = DocumentBuilder("bench.pdf")
    for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
        for box in page:
            if isinstance(box, LTTextContainer):
                text = " ".join(re.sub(r"(\w)-\n(?=[a-z])", r"\1", box.get_text()).split())
                for kind, start, end in layout_blocks(text):
                    builder.add(text[start:end], kind, page=number)
    return builder.build()


CANDIDATES: dict[str, Callable[[bytes], Document]] = {
    "pypdf extract_text (qa before)": _plain_pypdf("plain"),
    'pypdf extract_text(extraction_mode="layout")': _plain_pypdf("layout"),
    "pdfminer.six LAParams text boxes": _pdfminer,
    "qa: pypdfium2 lines + pdf_layout": lambda data: parse_pdf("bench.pdf", data),
}
PDFS: dict[str, Callable[[], bytes]] = {
    "one column": single_column,
    "two columns, drawn by row": lambda: two_columns(by_row=True),
    "two columns, drawn by column": lambda: two_columns(by_row=False),
    "newsletter, by row": lambda: newsletter(by_row=True),
    "newsletter, by column": lambda: newsletter(by_row=False),
    "slides": slides,
}


def measure(parse: Callable[[bytes], Document], pdfs: dict[str, bytes]) -> tuple[dict[str, int], float]:
    """Expected sentences found exactly per PDF, and pages/s over all of them (best of ROUNDS)."""
    whole = {}
    for name, data in pdfs.items():
        texts = {sentence.text for sentence in document_sentences(parse(data))}
        whole[name] = sum(sentence in texts for sentence in STORY)
    pages = sum(len(pdfium.PdfDocument(data)) for data in pdfs.values())
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for data in pdfs.values():
            document_sentences(parse(data))
        best = min(best, time.perf_counter() - start)
    return whole, pages / best


def table() -> str:
    """Per candidate: sentences whole per PDF (of len(STORY)) and pages/s, as a Markdown table."""
    pdfs = {name: make() for name, make in PDFS.items()}
    lines = [
        "Sentences written into generated PDFs that come out whole after qa's sentence splitter, of "
        f"{len(STORY)} per PDF; pages/s of reading plus splitting, best of {ROUNDS} rounds.",
        "",
        f"| candidate | {' | '.join(pdfs)} | sentences whole | pages/s |",
        "|---" * (len(pdfs) + 3) + "|",
    ]
    for name, parse in CANDIDATES.items():
        try:
            whole, rate = measure(parse, pdfs)
        except ImportError as error:  # pypdf and pdfminer.six are in benchmarks/requirements.txt, not in qa's
            lines.append(f"| {name} | {error.name} is not installed |")
            continue
        total = f"{sum(whole.values())}/{len(STORY) * len(pdfs)}"
        lines.append(f"| {name} | {' | '.join(str(whole[pdf]) for pdf in pdfs)} | {total} | {rate:,.1f} |")
    return "\n".join(lines)


def main() -> None:
    """Print the table and write it to benchmarks/RESULTS.md."""
    body = table()
    print(body)
    write_section("PDF layout: sentences kept whole", body, ".venv-bench/bin/python -m benchmarks.pdf_layout")


if __name__ == "__main__":
    main()
