"""Slides and spreadsheets: every input is generated here, with python-pptx, openpyxl and csv text.

openpyxl computes no formulas: it writes a formula cell with an empty cached value (<v></v>), and
a reader that asks for cached values (data_only=True) finds none. `_with_cached_values` writes
the cached results into the sheet XML afterwards, as Excel does when it saves, so the reader is
tested on the file shape Excel produces.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Inches

from qa.ingest.documents import BlockKind, Document
from qa.ingest.formats.pptx import parse_pptx
from qa.ingest.formats.spreadsheet import parse_csv, parse_xlsx
from qa.ingest.reading import SourceFile, read_document

H, P, ITEM, ROW, TABLE_ROW = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.ROW, BlockKind.TABLE_ROW
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # what an encrypted .xlsx or .pptx starts with


def _blocks(document: Document) -> list[tuple[BlockKind, str, str | None, int | None]]:
    return [(b.kind, document.block_text(b), b.section, b.page) for b in document.blocks]


# Slides ---------------------------------------------------------------------------------------


def _presentation() -> bytes:
    """A title slide; a slide with bullets, a table and notes; a hidden untitled slide; an empty title."""
    presentation = Presentation()
    title_slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    title_slide.shapes.title.text = "Fleet review 2026"
    title_slide.placeholders[1].text = "Prepared by the Agadez depot team"

    content = presentation.slides.add_slide(presentation.slide_layouts[1])
    content.shapes.title.text = "Maintenance"
    body = content.placeholders[1].text_frame
    body.text = "Vans are serviced every six months."
    body.paragraphs[0]._p.get_or_add_pPr().append(parse_xml(f'<a:buChar {nsdecls("a")} char="*"/>'))
    detail = body.add_paragraph()
    detail.text = "Van 14 needs new brake pads."
    detail.level = 1
    point = body.add_paragraph()
    point.text = "Front pads only."
    point.level = 2
    starred = body.add_paragraph()
    starred.text = "Tyres are checked weekly."
    starred._p.get_or_add_pPr().append(parse_xml(f'<a:buChar {nsdecls("a")} char="*"/>'))  # no API for bullets
    table = content.shapes.add_table(3, 3, Inches(1), Inches(5), Inches(8), Inches(1.5)).table
    for row, texts in enumerate(
        [("Vehicle", "Service", ""), ("Van 14", "19 June", "Agadez"), ("Van 15", "2 July", "")]
    ):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(2, 1).merge(table.cell(2, 2))
    content.notes_slide.notes_text_frame.text = "Mention the brake recall.\nAsk Ana about the mileage."

    untitled = presentation.slides.add_slide(presentation.slide_layouts[6])  # blank: no title placeholder
    untitled.shapes.add_textbox(Inches(5), Inches(1), Inches(3), Inches(1)).text_frame.text = "Top right"
    untitled.shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(1)).text_frame.text = "Bottom"
    group = untitled.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(3), Inches(3), Inches(1)).text_frame.text = "Group lower"
    group.shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(1)).text_frame.text = "Group upper"
    untitled.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).text_frame.text = "Top left"
    untitled._element.set("show", "0")  # hidden in the slide show; python-pptx has no API for it

    empty_title = presentation.slides.add_slide(presentation.slide_layouts[5])  # title only, left empty
    empty_title.shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(1)).text_frame.text = "Questions?"
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def test_slides_read_title_text_table_and_notes_in_reading_order() -> None:
    assert _blocks(parse_pptx("review.pptx", _presentation())) == [
        (H, "Fleet review 2026", "Fleet review 2026", 1),
        (P, "Prepared by the Agadez depot team", "Fleet review 2026", 1),
        (H, "Maintenance", "Maintenance", 2),
        (P, "Vans are serviced every six months.", "Maintenance", 2),  # a bullet of its own, leading in
        (ITEM, "Van 14 needs new brake pads.", "Maintenance", 2),
        (ITEM, "Front pads only.", "Maintenance", 2),
        (ITEM, "Tyres are checked weekly.", "Maintenance", 2),
        (TABLE_ROW, "Vehicle: Van 14; Service: 19 June; Service: Agadez", "Maintenance", 2),
        (TABLE_ROW, "Vehicle: Van 15; Service: 2 July", "Maintenance", 2),
        (H, "Speaker notes", "Maintenance › Speaker notes", 2),
        (P, "Mention the brake recall.", "Maintenance › Speaker notes", 2),
        (P, "Ask Ana about the mileage.", "Maintenance › Speaker notes", 2),
        (H, "Slide 3", "Slide 3", 3),
        (P, "Top left", "Slide 3", 3),
        (P, "Top right", "Slide 3", 3),
        (P, "Group upper", "Slide 3", 3),
        (P, "Group lower", "Slide 3", 3),
        (P, "Bottom", "Slide 3", 3),
        (H, "Slide 4", "Slide 4", 4),
        (P, "Questions?", "Slide 4", 4),
    ]


# Spreadsheets ----------------------------------------------------------------------------------


def _with_cached_values(data: bytes, sheet_path: str, values: dict[str, str]) -> bytes:
    """The workbook with `values` (by cell reference) as the cached results of its formula cells."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: source.read(name) for name in source.namelist()}
    root = etree.fromstring(members[sheet_path])
    for cell in root.iter(f"{SHEET_NS}c"):
        if cell.get("r") in values:
            cached = cell.find(f"{SHEET_NS}v")
            if cached is None:
                cached = etree.SubElement(cell, f"{SHEET_NS}v")
            cached.text = values[cell.get("r", "")]
    members[sheet_path] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return buffer.getvalue()


def _workbook() -> bytes:
    """Sheet "Fleet": a header with an empty cell, dates, a formula, a percentage, an empty row;
    sheet "Drivers" (hidden), its header below two empty rows."""
    workbook = openpyxl.Workbook()
    fleet = workbook.active
    fleet.title = "Fleet"
    fleet.append(["Vehicle", "Driver", None, "Next service", "Cost", "Share", "Active"])
    fleet.append(["Van 14", "Ana Ruiz", "spare key", dt.datetime(2026, 6, 19), 1200.0, 0.125, True])
    fleet.append([])
    fleet.append(["Van 15", None, None, dt.datetime(2026, 7, 2, 14, 30), "=E2*2", 0.5, False, "late"])
    fleet.append(["Van 16", "Li Wei", None, dt.time(9, 15), "=E2/3"])
    fleet["F2"].number_format = "0.0%"
    fleet["F4"].number_format = "0%"
    drivers = workbook.create_sheet("Drivers")
    drivers.sheet_state = "hidden"
    drivers.append([])
    drivers.append([])
    drivers.append(["Name", "Licence", "Hours"])
    drivers.append(["Ana Ruiz", "C1", 38.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    # E4 is cached as Excel saves it; E5 is left as openpyxl writes it, without a cached value.
    return _with_cached_values(buffer.getvalue(), "xl/worksheets/sheet1.xml", {"E4": "2400"})


def test_workbook_rows_name_their_values_under_the_sheet_name() -> None:
    assert _blocks(parse_xlsx("fleet.xlsx", _workbook())) == [
        (H, "Fleet", "Fleet", None),
        (
            ROW,
            "Vehicle: Van 14; Driver: Ana Ruiz; Column C: spare key; Next service: 19 June 2026; Cost: 1200; "
            "Share: 12.5%; Active: yes",
            "Fleet",
            2,
        ),
        (
            ROW,
            "Vehicle: Van 15; Next service: 2 July 2026 14:30; Cost: 2400; Share: 50%; Active: no; Column H: late",
            "Fleet",
            4,
        ),
        (ROW, "Vehicle: Van 16; Driver: Li Wei; Next service: 09:15", "Fleet", 5),
        (H, "Drivers", "Drivers", None),
        (ROW, "Name: Ana Ruiz; Licence: C1; Hours: 38.5", "Drivers", 4),
    ]


def test_a_stale_dimension_does_not_cut_rows_short() -> None:
    """Some writers declare <dimension ref="A1"/> whatever the sheet holds; the rows are all read."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Depot", "City"])
    workbook.active.append(["North", "Agadez"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"].replace(
        b'<dimension ref="A1:B2"/>', b'<dimension ref="A1"/>'
    )
    stale = io.BytesIO()
    with zipfile.ZipFile(stale, "w") as target:
        for name, content in members.items():
            target.writestr(name, content)
    assert b'<dimension ref="A1"/>' in members["xl/worksheets/sheet1.xml"]
    assert _blocks(parse_xlsx("depots.xlsx", stale.getvalue()))[1:] == [(ROW, "Depot: North; City: Agadez", "Sheet", 2)]


def test_csv_with_semicolons_quotes_and_a_blank_line() -> None:
    text = 'Vehicle;Driver;Cost\r\nVan 14;Ana Ruiz;3,5\r\n\r\n"Van 15; spare";"Li ""Wei""";4\r\n;;\r\n'
    assert _blocks(parse_csv("lists/fleet 2026.csv", text)) == [
        (H, "fleet 2026", "fleet 2026", None),
        (ROW, "Vehicle: Van 14; Driver: Ana Ruiz; Cost: 3,5", "fleet 2026", 2),
        (ROW, 'Vehicle: Van 15; spare; Driver: Li "Wei"; Cost: 4', "fleet 2026", 4),
    ]


def test_title_lines_above_the_header_row_are_titles_not_the_header() -> None:
    text = "Price list 2024,,\n,,\nValid from 1 March,,\nItem,Size,Price\nCoffee,Large,3.40\nTea,,2.10\n"
    assert _blocks(parse_csv("prices.csv", text)) == [
        (H, "prices", "prices", None),
        (P, "Price list 2024", "prices", 1),
        (P, "Valid from 1 March", "prices", 3),
        (ROW, "Item: Coffee; Size: Large; Price: 3.40", "prices", 5),
        (ROW, "Item: Tea; Price: 2.10", "prices", 6),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Depot\tCity\nNorth\tAgadez, Niger\n", "Depot: North; City: Agadez, Niger"),
        ("Depot,City\nNorth,Agadez\n", "Depot: North; City: Agadez"),
        ("Depot\nNorth depot\n", "Depot: North depot"),  # one column: the sniffer cannot tell, "," is used
    ],
)
def test_csv_delimiters_are_sniffed(text: str, expected: str) -> None:
    assert _blocks(parse_csv("depots.csv", text))[1:] == [(ROW, expected, "depots", 2)]


def test_csv_field_over_the_size_limit_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="is not a readable CSV file"):
        parse_csv("huge.csv", 'Note\n"' + "x" * 200_000 + '"\n')


# Bad input ------------------------------------------------------------------------------------


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _malformed_part(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: source.read(name) for name in source.namelist()}
    part = next(name for name in members if name.endswith(("slide1.xml", "sheet1.xml")))
    members[part] = members[part][:-40]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in members.items():
            target.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("damage", [_truncated, _malformed_part, lambda _: b"PK\x03\x04 not really a zip"])
@pytest.mark.parametrize(
    ("parse", "make", "noun"),
    [(parse_pptx, _presentation, "presentation"), (parse_xlsx, _workbook, "spreadsheet")],
)
def test_damaged_files_are_value_errors(
    parse: Callable[[str, bytes], Document], make: Callable[[], bytes], noun: str, damage: Callable[[bytes], bytes]
) -> None:
    with pytest.raises(ValueError, match=f"^is a damaged {noun}, or not a \\.\\w+ at all$"):
        parse("broken", damage(make()))


@pytest.mark.parametrize(("parse", "noun"), [(parse_pptx, "presentation"), (parse_xlsx, "spreadsheet")])
def test_encrypted_files_say_so(parse: Callable[[str, bytes], Document], noun: str) -> None:
    with pytest.raises(ValueError, match=f"^is an encrypted \\(password-protected\\) {noun}"):
        parse("secret", OLE_HEADER)


def test_a_workbook_read_as_slides_and_slides_read_as_a_workbook_are_value_errors() -> None:
    with pytest.raises(ValueError, match="damaged presentation"):
        parse_pptx("sheet.pptx", _workbook())
    with pytest.raises(ValueError, match="damaged spreadsheet"):
        parse_xlsx("slides.xlsx", _presentation())


# End to end -----------------------------------------------------------------------------------


def _fleet_sheet() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Vans"
    sheet.append(["Vehicle", "Driver", "Next service"])
    sheet.append(["Van 12", "Omar Haddad", dt.datetime(2026, 5, 3)])
    sheet.append(["Van 14", "Ana Ruiz", dt.datetime(2026, 6, 19)])
    sheet.append(["Van 15", "Li Wei", dt.datetime(2026, 7, 2)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_answers_cite_the_slide_and_the_row(tmp_path: Path) -> None:
    from qa import QA

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "review.pptx").write_bytes(_presentation())
    (corpus / "vans.xlsx").write_bytes(_fleet_sheet())
    (corpus / "depots.csv").write_text("Depot;City;Manager\nNorth;Agadez;Sara Berg\nSouth;Niamey;Kofi Mensah\n")
    (corpus / "secret.xlsx").write_bytes(OLE_HEADER)
    bot = QA(corpus, index_dir=tmp_path / "index")

    slide = bot.answer("Which van needs new brake pads?").passages[0]
    assert (slide.source, slide.section, slide.page, slide.location) == ("review.pptx", "Maintenance", 2, "slide 2")
    assert "brake pads" in slide.text

    row = bot.answer("Who drives Van 14?").passages[0]
    assert (row.source, row.section, row.page, row.location) == ("vans.xlsx", "Vans", 3, "row 3")
    assert row.text == "Vehicle: Van 14; Driver: Ana Ruiz; Next service: 19 June 2026"
    # The neighbouring rows of the sheet are its context, one a line.
    assert row.context == (
        "Vehicle: Van 12; Driver: Omar Haddad; Next service: 3 May 2026\n\n"
        "Vehicle: Van 14; Driver: Ana Ruiz; Next service: 19 June 2026\n\n"
        "Vehicle: Van 15; Driver: Li Wei; Next service: 2 July 2026"
    )
    assert row.context[row.highlight_start : row.highlight_end] == row.text

    record = bot.answer("Who manages the depot in Niamey?").passages[0]
    assert (record.source, record.section, record.page) == ("depots.csv", "depots", 3)
    assert "Kofi Mensah" in record.text


def test_a_100_000_row_sheet_is_read_whole(tmp_path: Path) -> None:
    rows = "\n".join(f"Van {i};Driver {i};{i % 28 + 1} June 2026;Depot {i % 7};{i * 13} km;ok" for i in range(100_000))
    (tmp_path / "fleet.csv").write_text("Vehicle;Driver;Next service;Depot;Odometer;Status\n" + rows + "\n")
    document, _ = read_document(SourceFile.at(tmp_path / "fleet.csv", tmp_path))
    assert len(document.blocks) == 100_001  # the sheet's heading and every row
    last = document.blocks[-1]
    assert (document.block_text(last), last.page) == (
        "Vehicle: Van 99999; Driver: Driver 99999; Next service: 12 June 2026; Depot: Depot 4; "
        "Odometer: 1299987 km; Status: ok",
        100_001,
    )
