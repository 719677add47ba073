"""Word reader: text behind content controls, tracked changes, fields, text boxes, notes, headers.

Every document is built here with python-docx, and the markup python-docx cannot write (content
controls, revisions, text boxes, a notes part) is injected as XML into its elements.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph

from qa.ingest.documents import BlockKind, Document
from qa.ingest.reading import SourceFile, UnreadableFileError, read_document

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
P, H, ITEM, TABLE_ROW = BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.ITEM, BlockKind.TABLE_ROW


def _xml(fragment: str):
    """One element from WordprocessingML written with the `w:`, `mc:`, `wps:`, `v:` ... prefixes."""
    return parse_xml(f"<w:wrapper {NAMESPACES}>{fragment}</w:wrapper>")[0]


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def _insert_after(paragraph: Paragraph, fragment: str) -> None:
    paragraph._p.addnext(_xml(fragment))


def _read(document: WordDocument, path: Path) -> Document:
    document.save(str(path))
    return read_document(SourceFile.at(path, path.parent))[0]


def _blocks(document: Document) -> list[tuple[BlockKind, str, str | None]]:
    return [(b.kind, document.block_text(b), b.section) for b in document.blocks]


def _sdt(content: str) -> str:
    return f"<w:sdt><w:sdtPr><w:alias w:val='Terms'/><w:id w:val='7'/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in cells) + "</w:tr>"


def test_block_content_controls_keep_paragraphs_tables_and_cells_in_place(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Service agreement", level=1)
    before = document.add_paragraph("This agreement is made with the tenants of Elm Court.")
    document.add_paragraph("The stairwells are cleaned every Monday.")
    nested_table = "<w:tbl>" + _row(_p("Deposit"), _p("900 euros")) + "</w:tbl>"
    _insert_after(
        before,
        _sdt(
            _p("The monthly fee is 450 euros, payable on the first working day.")
            + _sdt(_p("Either party may end the agreement with three months of notice."))
            + nested_table
        ),
    )
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Cleaner"
    table.rows[0].cells[1]._tc.append(_xml(_sdt(_p("Brightwater Cleaning"))))
    table._tbl.append(_xml(_sdt(_row(_p("Windows"), _sdt(_p("twice a year"))))))

    assert _blocks(_read(document, tmp_path / "agreement.docx")) == [
        (H, "Service agreement", "Service agreement"),
        (P, "This agreement is made with the tenants of Elm Court.", "Service agreement"),
        (P, "The monthly fee is 450 euros, payable on the first working day.", "Service agreement"),
        (P, "Either party may end the agreement with three months of notice.", "Service agreement"),
        (TABLE_ROW, "Deposit | 900 euros", "Service agreement"),
        (P, "The stairwells are cleaned every Monday.", "Service agreement"),
        (TABLE_ROW, "Cleaner | Brightwater Cleaning", "Service agreement"),
        (TABLE_ROW, "Windows | twice a year", "Service agreement"),
    ]


def test_run_level_markup_keeps_inserted_linked_and_field_text_but_not_deleted(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("The fee ")

    def run(text: str, tag: str = "w:t") -> str:
        return f"<w:r><{tag} xml:space='preserve'>{text}</{tag}></w:r>"

    for fragment in [
        f"<w:sdt><w:sdtPr><w:alias w:val='Amount'/></w:sdtPr><w:sdtContent>{run('is 450 euros')}</w:sdtContent></w:sdt>",
        f"<w:ins w:id='1' w:author='Ann' w:date='2024-01-01T00:00:00Z'>{run(' a month')}</w:ins>",
        f"<w:del w:id='2' w:author='Ann' w:date='2024-01-01T00:00:00Z'>{run(' (was 300 euros)', 'w:delText')}</w:del>",
        f"<w:moveFrom w:id='3' w:author='Ann'>{run(' moved away')}</w:moveFrom>",
        f"<w:moveTo w:id='4' w:author='Ann'>{run(', paid monthly')}</w:moveTo>",
        f"<w:hyperlink w:anchor='fees'>{run(', see the price list')}</w:hyperlink>",
        f"<w:fldSimple w:instr=' REF clause '>{run(' in clause 4')}</w:fldSimple>",
        f"<w:smartTag w:uri='urn:places' w:element='City'>{run(' of Lyon')}</w:smartTag>",
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>" + run(" PAGE ", "w:instrText"),
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        + run(" on page 2")
        + "<w:r><w:fldChar w:fldCharType='end'/></w:r>",
        "<w:r><w:tab/><w:t>and rises</w:t><w:br/><w:t>yearly.</w:t></w:r>",
    ]:
        for element in parse_xml(f"<w:wrapper {NAMESPACES}>{fragment}</w:wrapper>"):
            paragraph._p.append(element)

    assert _blocks(_read(document, tmp_path / "fee.docx")) == [
        (
            P,
            "The fee is 450 euros a month, paid monthly, see the price list in clause 4 of Lyon on page 2 and rises yearly.",
            None,
        )
    ]


def _text_box_run(text: str) -> str:
    """A text box as Word writes it: DrawingML in mc:Choice, the same box again in VML in mc:Fallback."""
    content = f"<w:txbxContent>{_p(text)}</w:txbxContent>"
    drawing = (
        "<w:drawing><wp:anchor><a:graphic><a:graphicData uri='http://schemas.microsoft.com/office/word/2010/"
        f"wordprocessingShape'><wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing>"
    )
    vml = f"<w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
    return (
        f"<w:r><mc:AlternateContent><mc:Choice Requires='wps'>{drawing}</mc:Choice>"
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_text_boxes_are_blocks_once_right_after_their_anchor(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Site visit", level=1)
    anchor = document.add_paragraph("The inspector walked the roof.")
    anchor._p.append(_xml(_text_box_run("Sidebar: the roof was repaired in 2021.")))
    vml_only = document.add_paragraph("Photos follow.")
    box = (
        "<w:pict><v:shape><v:textbox><w:txbxContent>"
        + _p("Caption: north facade.")
        + "</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    vml_only._p.append(_xml(f"<w:r>{box}</w:r>"))
    document.add_paragraph("The visit ended at noon.")

    assert _blocks(_read(document, tmp_path / "visit.docx")) == [
        (H, "Site visit", "Site visit"),
        (P, "The inspector walked the roof.", "Site visit"),
        (P, "Sidebar: the roof was repaired in 2021.", "Site visit"),
        (P, "Photos follow.", "Site visit"),
        (P, "Caption: north facade.", "Site visit"),
        (P, "The visit ended at noon.", "Site visit"),
    ]


def _add_notes(document: WordDocument, kind: str, notes: list[str]) -> None:
    """A footnotes or endnotes part, with Word's separator notes first, related to the document."""
    separators = (
        f"<w:{kind} w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>"
        f"<w:{kind} w:type='continuationSeparator' w:id='0'>{_p('continued separator text')}</w:{kind}>"
    )
    bodies = "".join(
        f"<w:{kind} w:id='{number}'><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space='preserve'> {text}</w:t></w:r>"
        f"<w:del w:id='9' w:author='Ann'><w:r><w:delText> struck</w:delText></w:r></w:del></w:p></w:{kind}>"
        for number, text in enumerate(notes, 1)
    )
    xml = f"<w:{kind}s {NAMESPACES}>{separators}{bodies}</w:{kind}s>"
    content_type, reltype = (CT.WML_FOOTNOTES, RT.FOOTNOTES) if kind == "footnote" else (CT.WML_ENDNOTES, RT.ENDNOTES)
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode(), document.part.package)
    document.part.relate_to(part, reltype)


def test_a_section_is_the_path_of_heading_levels_above_it(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Site manual", level=0)  # the Title style
    document.add_heading("Lot B", level=1)
    document.add_heading("Hours", level=2)
    document.add_paragraph("Opens at 7:30.")
    document.add_heading("Fees", level=3)
    document.add_paragraph("A day pass costs 6 euros.")
    document.add_heading("Garage C", level=1)
    document.add_paragraph("Open around the clock.")
    paragraph = document.paragraphs[-1]
    paragraph._p.append(_xml("<w:r><w:footnoteReference w:id='1'/></w:r>"))
    _add_notes(document, "footnote", ["Closed on 1 May."])

    assert _blocks(_read(document, tmp_path / "manual.docx")) == [
        (H, "Site manual", "Site manual"),
        (H, "Lot B", "Site manual › Lot B"),
        (H, "Hours", "Site manual › Lot B › Hours"),
        (P, "Opens at 7:30.", "Site manual › Lot B › Hours"),
        (H, "Fees", "Site manual › Lot B › Hours › Fees"),
        (P, "A day pass costs 6 euros.", "Site manual › Lot B › Hours › Fees"),
        (H, "Garage C", "Site manual › Garage C"),
        (P, "Open around the clock.", "Site manual › Garage C"),
        (H, "Footnotes", "Footnotes"),
        (P, "Closed on 1 May.", "Footnotes"),
    ]


def test_custom_heading_styles_and_outline_levels_are_headings(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    badges = document.styles.add_style("Badge heading", WD_STYLE_TYPE.PARAGRAPH)
    badges.base_style = document.styles["Heading 1"]
    outlined = document.styles.add_style("Sub topic", WD_STYLE_TYPE.PARAGRAPH)
    outlined.element.get_or_add_pPr().append(_xml("<w:outlineLvl w:val='1'/>"))
    document.add_paragraph("Office guide", style="Title")
    document.add_paragraph("Badges", style="Badge heading")
    document.add_paragraph("Lost badges are replaced at reception.")
    document.add_paragraph("Wi-Fi access", style="Sub topic")
    document.add_paragraph("Join the network named Guest.")
    direct = document.add_paragraph("Parking")
    direct._p.get_or_add_pPr().append(_xml("<w:outlineLvl w:val='0'/>"))
    document.add_paragraph("Use Lot B.")

    assert _blocks(_read(document, tmp_path / "office.docx")) == [
        (H, "Office guide", "Office guide"),
        (H, "Badges", "Office guide › Badges"),
        (P, "Lost badges are replaced at reception.", "Office guide › Badges"),
        (H, "Wi-Fi access", "Office guide › Badges › Wi-Fi access"),
        (P, "Join the network named Guest.", "Office guide › Badges › Wi-Fi access"),
        (H, "Parking", "Office guide › Parking"),
        (P, "Use Lot B.", "Office guide › Parking"),
    ]


def test_rows_under_a_header_row_name_their_cells(tmp_path: Path) -> None:
    document = docx.Document()
    marked = document.add_table(rows=3, cols=3)
    for row, texts in zip(marked.rows, [("Plan", "Price", "Seats"), ("Team", "20 euros", "10"), ("Solo", "", "1")], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    marked.rows[0]._tr.get_or_add_trPr().append(_xml("<w:tblHeader/>"))
    marked.cell(1, 1).merge(marked.cell(1, 2))  # "20 euros" spans Price and Seats
    bold = document.add_table(rows=2, cols=2)  # a header row set in bold
    for cell, text in zip(bold.rows[0].cells, ("Route", "Last ferry"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    bold.cell(1, 0).text, bold.cell(1, 1).text = "Vell", "21:40"
    looked = document.add_table(rows=2, cols=3)  # three columns with Word's "Header Row" look
    for row, texts in zip(looked.rows, [("Lot", "Opens", "Last shuttle"), ("Lot B", "06:30", "21:00")], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    unmarked = document.add_table(rows=2, cols=2)  # two columns with that look: label | value pairs
    for row, texts in zip(unmarked.rows, [("Phone", "555 0100"), ("Fax", "555 0199")], strict=True):
        row.cells[0].text, row.cells[1].text = texts
    unmarked.cell(0, 0).paragraphs[0].runs[0].bold = True  # a bold first cell alone is no header
    form = document.add_table(rows=3, cols=2)  # a blank form keeps its header
    for cell, text in zip(form.rows[0].cells, ("Name", "Signature"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    no_look = document.add_table(rows=2, cols=3)
    no_look._tbl.tblPr.remove(no_look._tbl.tblPr.find(qn("w:tblLook")))
    for row, texts in zip(no_look.rows, [("Mon", "Tue", "Wed"), ("open", "closed", "open")], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text

    assert _blocks(_read(document, tmp_path / "plans.docx")) == [
        (TABLE_ROW, "Plan: Team; Price: 20 euros 10", None),
        (TABLE_ROW, "Plan: Solo; Seats: 1", None),
        (TABLE_ROW, "Route: Vell; Last ferry: 21:40", None),
        (TABLE_ROW, "Lot: Lot B; Opens: 06:30; Last shuttle: 21:00", None),
        (TABLE_ROW, "Phone | 555 0100", None),
        (TABLE_ROW, "Fax | 555 0199", None),
        (TABLE_ROW, "Name | Signature", None),
        (TABLE_ROW, "Mon | Tue | Wed", None),
        (TABLE_ROW, "open | closed | open", None),
    ]


def test_footnotes_and_endnotes_come_after_the_body_in_sections_of_their_own(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Budget", level=1)
    paragraph = document.add_paragraph("The grant covers two years.")
    paragraph._p.append(_xml("<w:r><w:footnoteReference w:id='1'/></w:r>"))
    _add_notes(document, "footnote", ["Source: ministry letter of 3 May 2023.", "Figures are in euros."])
    _add_notes(document, "endnote", ["The audit is due in 2025."])

    assert _blocks(_read(document, tmp_path / "budget.docx")) == [
        (H, "Budget", "Budget"),
        (P, "The grant covers two years.", "Budget"),
        (H, "Footnotes", "Footnotes"),
        (P, "Source: ministry letter of 3 May 2023.", "Footnotes"),
        (P, "Figures are in euros.", "Footnotes"),
        (H, "Endnotes", "Endnotes"),
        (P, "The audit is due in 2025.", "Endnotes"),
    ]


def test_headers_and_footers_once_per_distinct_text_after_the_body(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Part one of the lease.")
    first = document.sections[0]
    first.header.paragraphs[0].text = "Elm Court Lease"
    first.footer.paragraphs[0].text = "Confidential"
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "Draft for signature"
    document.add_section()  # linked to the first section's header and footer: the same parts
    document.add_paragraph("Part two of the lease.")
    third = document.add_section()
    third.header.is_linked_to_previous = False  # a part of its own, with the same text again
    third.header.paragraphs[0].text = "Elm Court Lease"
    third.footer.is_linked_to_previous = False
    third.footer.paragraphs[0].text = "Confidential"
    document.add_paragraph("Part three of the lease.")

    blocks = _blocks(_read(document, tmp_path / "lease.docx"))
    assert blocks == [
        (P, "Part one of the lease.", None),
        (P, "Part two of the lease.", None),
        (P, "Part three of the lease.", None),
        (H, "Header", "Header"),
        (P, "Elm Court Lease", "Header"),
        (P, "Draft for signature", "Header"),
        (H, "Footer", "Footer"),
        (P, "Confidential", "Footer"),
    ]


def test_headings_lists_and_merged_cells_as_before(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Fleet", style="Title")
    document.add_paragraph("Trucks are serviced monthly.", style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    for row, texts in zip(
        table.rows, [("Kind", "Count", "Depot"), ("Trucks", "12", "Agadez"), ("", "4", "")], strict=True
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Count and depot"
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(2, 2).text = "Niamey"

    assert _blocks(_read(document, tmp_path / "fleet.docx")) == [
        (H, "Fleet", "Fleet"),
        (ITEM, "Trucks are serviced monthly.", "Fleet"),
        (TABLE_ROW, "Kind: Trucks; Count and depot: 12; Count and depot: Agadez", "Fleet"),
        (TABLE_ROW, "Kind: Trucks; Count and depot: 4; Count and depot: Niamey", "Fleet"),
    ]


def test_malformed_notes_part_is_a_damaged_word_file(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Some text.")
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"<w:footnotes><unclosed>", document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    with pytest.raises(UnreadableFileError, match="damaged Word"):
        _read(document, tmp_path / "broken.docx")


def test_answer_found_inside_a_content_control(tmp_path: Path) -> None:
    from qa import QA

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    document = docx.Document()
    document.add_heading("Service agreement", level=1)
    intro = document.add_paragraph("This agreement is made between Brightwater Cleaning and the tenants of Elm Court.")
    document.add_paragraph("The stairwells are cleaned every Monday and Thursday morning.")
    _insert_after(
        intro,
        _sdt(
            _p("The monthly fee is 450 euros, payable on the first working day of each month.")
            + _p("Either party may end the agreement with three months of notice in writing.")
        ),
    )
    document.save(str(corpus / "agreement.docx"))

    answer = QA(corpus, index_dir=tmp_path / "index").answer("How much is the monthly fee?")
    assert answer.found
    best = answer.passages[0]
    assert (best.source, best.section) == ("agreement.docx", "Service agreement")
    assert "450 euros" in best.text


def test_numbered_paragraphs_open_with_their_number_as_word_shows_it(tmp_path: Path) -> None:
    document = docx.Document()
    for step in ("Open the cover.", "Press the red button."):
        document.add_paragraph(step, style="List Number")
    document.add_paragraph("Cables", style="List Bullet")
    numbering = document.part.numbering_part.element
    numbering.insert(0, _xml(
        "<w:abstractNum w:abstractNumId='90'>"
        "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='%1.'/></w:lvl>"
        "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='lowerLetter'/><w:lvlText w:val='%1.%2)'/></w:lvl>"
        "<w:lvl w:ilvl='2'><w:start w:val='1'/><w:numFmt w:val='lowerRoman'/><w:lvlText w:val='(%3)'/></w:lvl>"
        "</w:abstractNum>"
    ))
    numbering.append(_xml(
        "<w:num w:numId='90'><w:abstractNumId w:val='90'/>"
        "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='4'/></w:lvlOverride></w:num>"
    ))
    # Another list of the same definition goes on counting; one that restarts begins again.
    numbering.append(_xml("<w:num w:numId='91'><w:abstractNumId w:val='90'/></w:num>"))
    numbering.append(_xml(
        "<w:num w:numId='92'><w:abstractNumId w:val='90'/>"
        "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='1'/></w:lvlOverride></w:num>"
    ))
    last = document.add_paragraph("Done.")
    steps = ((0, "Unplug it."), (1, "Wait."), (2, "Count to ten."), (1, "Plug it in."), (0, "Check the light."), (0, ""))
    for number, level, text in [(90, *step) for step in steps] + [(91, 0, "Go on."), (92, 0, "Start again."), (92, 0, "Next.")]:
        paragraph = _xml(
            f"<w:p><w:pPr><w:numPr><w:ilvl w:val='{level}'/><w:numId w:val='{number}'/></w:numPr></w:pPr>"
            f"<w:r><w:t>{text}</w:t></w:r></w:p>"
        )
        last._p.addnext(paragraph)
        last = Paragraph(paragraph, last._parent)
    blocks = [(kind, text) for kind, text, _ in _blocks(_read(document, tmp_path / "steps.docx"))]
    assert blocks == [
        (ITEM, "1. Open the cover."),
        (ITEM, "2. Press the red button."),
        (ITEM, "Cables"),
        (P, "Done."),
        (ITEM, "4. Unplug it."),
        (ITEM, "4.a) Wait."),
        (ITEM, "(i) Count to ten."),
        (ITEM, "4.b) Plug it in."),
        (ITEM, "5. Check the light."),
        (ITEM, "7. Go on."),
        (ITEM, "1. Start again."),
        (ITEM, "2. Next."),
    ]


def test_a_short_paragraph_in_bold_is_a_heading_below_the_styled_one(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Campus", 1)
    document.add_heading("Parking", 2)
    for lot, hours in (("Lot B", "Lot B opens at 7."), ("Lot C", "Lot C opens at 8.")):
        document.add_paragraph().add_run(lot).bold = True
        document.add_paragraph(hours)
    document.add_paragraph().add_run("Do not park on the grass.").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("Note").bold = True
    mixed.add_run(" the gates")
    document.add_heading("Canteen", 2)
    document.add_paragraph("Lunch is at noon.")
    assert _blocks(_read(document, tmp_path / "campus.docx")) == [
        (H, "Campus", "Campus"),
        (H, "Parking", "Campus › Parking"),
        (H, "Lot B", "Campus › Parking › Lot B"),
        (P, "Lot B opens at 7.", "Campus › Parking › Lot B"),
        (H, "Lot C", "Campus › Parking › Lot C"),
        (P, "Lot C opens at 8.", "Campus › Parking › Lot C"),
        (P, "Do not park on the grass.", "Campus › Parking › Lot C"),
        (P, "Note the gates", "Campus › Parking › Lot C"),
        (H, "Canteen", "Campus › Canteen"),
        (P, "Lunch is at noon.", "Campus › Canteen"),
    ]
