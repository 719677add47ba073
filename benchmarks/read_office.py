"""How fast slides and spreadsheets are read, and what a 100,000-row sheet costs in memory and text.

    .venv-bench/bin/python -m benchmarks.read_office   (the environment `bash benchmarks/run` makes)

Generates a .pptx (python-pptx: a title, bullets, a table and notes per slide), an .xlsx of
100,000 rows x 6 columns twice (XlsxWriter, which writes as Excel does: shared strings and a
<dimension>; and openpyxl's write-only mode: inline strings and no <dimension>, which makes
openpyxl read each sheet twice) and the same rows as a ";" CSV. Reading means qa's reader plus
qa's sentence splitter (`document_sentences`), the best of 3 rounds. The peak memory of reading
each sheet is measured in a fresh process (how much its peak RSS, VmHWM in /proc, grows while
parse_xlsx reads the file), and the text length is compared with the limit reading.py puts on a
document.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

import openpyxl
import xlsxwriter
from pptx import Presentation
from pptx.util import Inches

from benchmarks.results import write_section
from qa.ingest.documents import Document
from qa.ingest.formats.pptx import parse_pptx
from qa.ingest.formats.spreadsheet import parse_csv, parse_xlsx
from qa.ingest.reading import MAX_ROW_CHARS
from qa.ingest.sentences import document_sentences

ROUNDS = 3
SLIDES = 300
ROWS = 100_000
HEADER = ["Vehicle", "Driver", "Depot", "Next service", "Mileage", "Active"]
DRIVERS = ["Ana Ruiz", "Li Wei", "Omar Haddad", "Sara Berg", "Kofi Mensah"]


def _row(index: int) -> list[object]:
    """One of the 6-column rows: text, a date, a decimal number and a boolean."""
    due = dt.datetime(2026, 1, 1) + dt.timedelta(days=index % 365)
    return [f"Van {index}", DRIVERS[index % 5], f"Depot {index % 40}", due, 10_000 + index * 3.5, index % 3 != 0]


def presentation(slides: int) -> bytes:
    """`slides` slides, each with a title, four bullets, a 4 x 3 table and two lines of notes."""
    deck = Presentation()
    for number in range(slides):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Depot {number} review"
        body = slide.placeholders[1].text_frame
        body.text = f"Depot {number} serviced {number % 17 + 3} vans this quarter."
        for line in ("Brake pads were replaced on two vans.", "Tyres are checked weekly.", "The wash bay reopens."):
            body.add_paragraph().text = line
        table = slide.shapes.add_table(4, 3, Inches(1), Inches(5), Inches(8), Inches(1.5)).table
        for row in range(4):
            for column in range(3):
                table.cell(row, column).text = f"Cell {row}.{column} of depot {number}"
        slide.notes_slide.notes_text_frame.text = "Mention the recall.\nAsk about mileage."
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def excel_like_workbook(path: Path, rows: int) -> None:
    """The rows as Excel saves them: shared strings, a <dimension>, dates as styled serials."""
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Fleet")
    date = workbook.add_format({"num_format": "d mmmm yyyy"})
    sheet.write_row(0, 0, HEADER)
    for index in range(rows):
        values = _row(index)
        sheet.write_row(index + 1, 0, values[:3])
        sheet.write_datetime(index + 1, 3, values[3], date)
        sheet.write_row(index + 1, 4, values[4:])
    workbook.close()


def openpyxl_workbook(path: Path, rows: int) -> None:
    """The rows as openpyxl's write-only mode saves them: inline strings, no <dimension>."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Fleet")
    sheet.append(HEADER)
    for index in range(rows):
        sheet.append(_row(index))
    workbook.save(path)


def csv_text(rows: int) -> str:
    """The rows as a ";" CSV, dates written as a spreadsheet shows them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    for index in range(rows):
        values = _row(index)
        writer.writerow([*values[:3], f"{values[3]:%d/%m/%Y}", values[4], values[5]])
    return buffer.getvalue()


def rate(read: Callable[[], Document], units: int) -> float:
    """Units per second of reading plus sentence splitting, the best of ROUNDS rounds."""
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        document_sentences(read())
        best = min(best, time.perf_counter() - start)
    return units / best


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB.

    Read from /proc rather than with resource.getrusage: Linux carries ru_maxrss across the
    fork and exec that start a fresh process, so a child would report its parent's peak.
    """
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kilobytes) / 1024


def peak_memory(path: Path) -> tuple[float, int]:
    """(MB the peak RSS grew by while parse_xlsx read the file, characters of text); run in a fresh process."""
    data = path.read_bytes()
    before = _peak_rss_mb()
    characters = len(parse_xlsx(path.name, data).text)
    return _peak_rss_mb() - before, characters


def _in_fresh_process(path: Path) -> tuple[float, int]:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(peak_memory, path).result()


def _characters(count: int) -> str:
    return f"{count:,}" + (" (over the limit)" if count > MAX_ROW_CHARS else "")


def _workbook_line(label: str, write: Callable[[Path, int], None]) -> str:
    """A table line for a workbook of ROWS rows written by `write`."""
    with TemporaryDirectory() as folder:
        path = Path(folder, "fleet.xlsx")
        write(path, ROWS)
        data = path.read_bytes()
        speed = rate(lambda: parse_xlsx("fleet.xlsx", data), ROWS)
        memory, characters = _in_fresh_process(path)
    return (
        f"| .xlsx, {label} | {len(data) / 2**20:.1f} MB | {speed:,.0f} rows/s | {memory:,.0f} MB "
        f"| {_characters(characters)} |"
    )


def table() -> str:
    """Reading speed per format and the 100k-row sheets' memory and text, as Markdown."""
    deck = presentation(SLIDES)
    text = csv_text(ROWS)
    csv_speed = rate(lambda: parse_csv("fleet.csv", text), ROWS)
    return "\n".join(
        [
            f"Reading plus sentence splitting, best of {ROUNDS} rounds; sheets of {ROWS:,} rows x {len(HEADER)} "
            "columns. Peak memory: the growth of peak RSS while parse_xlsx reads the file, in a fresh process. "
            f"reading.py skips a spreadsheet of over {MAX_ROW_CHARS:,} characters.",
            "",
            "| file | size | speed | peak memory | characters of text |",
            "|---|---|---|---|---|",
            f"| .pptx, {SLIDES} slides (python-pptx) | {len(deck) / 2**20:.1f} MB "
            f"| {rate(lambda: parse_pptx('deck.pptx', deck), SLIDES):,.0f} slides/s | | |",
            _workbook_line("as Excel writes it (XlsxWriter)", excel_like_workbook),
            _workbook_line("openpyxl write-only", openpyxl_workbook),
            f'| .csv, ";" | {len(text.encode()) / 2**20:.1f} MB | {csv_speed:,.0f} rows/s | '
            f"| {_characters(len(parse_csv('fleet.csv', text).text))} |",
        ]
    )


def main() -> None:
    """Print the table and write it to benchmarks/RESULTS.md."""
    body = table()
    print(body)
    write_section("Reading slides and spreadsheets", body, ".venv-bench/bin/python -m benchmarks.read_office")


if __name__ == "__main__":
    main()
