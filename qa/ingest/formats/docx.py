"""Word (.docx): every word a reader of the document sees, in reading order, with python-docx.

python-docx opens the package and parses its XML parts; the text is then read from the parsed
elements by hand, because python-docx's own iterators (`iter_inner_content`, `Paragraph.text`,
`row.cells`) skip what sits one layer of markup down: content controls (`w:sdt`), tracked
insertions (`w:ins`, `w:moveTo`), fields (`w:fldSimple`), smart tags, text boxes, and notes.

What becomes blocks, in this order:

- the body: paragraphs (Heading N and Title styles are headings of levels N and 0, which make
  the sections, as are styles based on a Heading style and paragraphs with an outline level; a
  short paragraph in bold throughout is a heading one level below the last styled one; styles
  with "List" in their name and paragraphs in a numbered or bulleted list are items, a numbered
  one opening with its number as Word shows it, `qa.ingest.formats.docx_numbering`), table rows
  (a TABLE_ROW block each, read as `qa.ingest.formats.tables` says, with the header row
  `_is_header` finds), and each text box's paragraphs as their own blocks right after the
  paragraph the box is anchored in;
- footnotes, then endnotes, under a heading "Footnotes" / "Endnotes", so an answer taken from
  a note cites that section;
- headers, then footers, under a heading "Header" / "Footer": each distinct paragraph once,
  however many sections repeat it (first-page and even-page variants that differ are kept).

Notes, headers and footers come after the body because a heading is the only way to give their
blocks a section, and one before the body would become the section of the body's first blocks.
Deleted text (`w:del`, `w:moveFrom`) and field instructions are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.parts.document import DocumentPart
from docx.parts.styles import StylesPart
from docx.styles.style import BaseStyle
from lxml import etree

from qa.ingest.documents import BlockKind, Document, DocumentBuilder, looks_like_heading
from qa.ingest.formats.docx_numbering import Numbering
from qa.ingest.formats.tables import table_rows

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
# python-docx's qn() does not know the markup-compatibility namespace.
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ALTERNATE, _CHOICE, _FALLBACK = f"{_MC}AlternateContent", f"{_MC}Choice", f"{_MC}Fallback"
_TXBX_CONTENT, _VAL = qn("w:txbxContent"), qn("w:val")

# Inside a paragraph: the elements that are text, and the subtrees that hold none a reader sees
# (deleted or moved-away text, properties, field instructions). Everything else is descended into.
# Ruby text (w:rt) is a pronunciation guide printed above its base text, not more words.
_T = qn("w:t")
_MARKS = {qn("w:tab"): " ", qn("w:ptab"): " ", qn("w:br"): " ", qn("w:cr"): " ", qn("w:noBreakHyphen"): "-"}
_SKIPPED = {
    qn(f"w:{tag}") for tag in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "instrText", "delInstrText", "rt")
}
# Drawings and VML shapes are searched for text boxes only; their other text is not prose.
_SHAPES = {qn("w:drawing"), qn("w:pict"), qn("w:object")}
_NOTE_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}


@dataclass(frozen=True)
class _Style:
    """What a paragraph style makes of a paragraph: its block kind and, for a heading, its level
    (N for "Heading N", 0 for "Title", None where the name tells none)."""

    kind: BlockKind
    level: int | None = None
    # A heading known by its look alone: a short paragraph in bold (`DocumentBuilder.add_subheading`).
    by_look: bool = False


@dataclass(frozen=True)
class _Styles:
    """The `_Style` of each paragraph style id, from the names python-docx gives the styles, and
    the document's list numbers, counted as paragraphs are read."""

    styles: dict[str, _Style]
    default: _Style
    numbering: Numbering

    def of(self, paragraph: etree._Element) -> _Style:
        properties = paragraph.find(qn("w:pPr"))
        outline = _outline_level(properties)
        if outline is not None:
            return _Style(BlockKind.HEADING, outline)
        style = properties.find(qn("w:pStyle")) if properties is not None else None
        style_id = style.get(_VAL) if style is not None else None
        if style_id is None:
            return self.default
        # A style missing from styles.xml is judged by its id ("Heading1", "ListBullet").
        return self.styles.get(style_id) or _style_of(style_id)


def _style_of(style_name: str) -> _Style:
    if style_name == "Title":
        return _Style(BlockKind.HEADING, 0)
    if style_name.startswith("Heading"):
        number = style_name.removeprefix("Heading").strip()
        return _Style(BlockKind.HEADING, int(number) if number.isdecimal() else None)
    if "List" in style_name:
        return _Style(BlockKind.ITEM)
    return _Style(BlockKind.PARAGRAPH)


def _outline_level(properties: etree._Element | None) -> int | None:
    """The heading level an outline level (w:outlineLvl, 0-8 for levels 1-9; 9 is body text) in
    paragraph properties gives, if any: how Word marks a heading whatever the style is called."""
    outline = properties.find(qn("w:outlineLvl")) if properties is not None else None
    value = outline.get(_VAL, "") if outline is not None else ""
    return int(value) + 1 if value.isdecimal() and int(value) < 9 else None


def _paragraph_style(style: BaseStyle | None) -> _Style:
    """A style's `_Style` by its name; one that is a plain paragraph by name is a heading where its
    properties give an outline level, or where a style it is based on is a heading ("Badges",
    based on Heading 1)."""
    found = _style_of(style.name or "") if style is not None else _Style(BlockKind.PARAGRAPH)
    seen: set[str] = set()
    while found.kind is BlockKind.PARAGRAPH and style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        outline = _outline_level(style.element.find(qn("w:pPr")))
        if outline is not None:
            return _Style(BlockKind.HEADING, outline)
        style = getattr(style, "base_style", None)
        if style is not None and _style_of(style.name or "").kind is BlockKind.HEADING:
            return _style_of(style.name or "")
    return found


def _styles(document: WordDocument) -> _Styles:
    """Raises ValueError where the styles part is of another type, which python-docx cannot read."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.STYLES and not rel.is_external and not isinstance(rel.target_part, StylesPart):
            raise ValueError("the styles part is not styles XML")
    styles = {style.style_id: _paragraph_style(style) for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_style = _style_of(default.name or "") if default is not None else _Style(BlockKind.PARAGRAPH)
    return _Styles(styles, default_style, Numbering.of(document))


def parse_docx(source: str, data: bytes) -> Document:
    """The body, then footnotes and endnotes, then headers and footers (see the module docstring).

    A damaged file raises ValueError (or the zip and package errors reading.py already maps).
    """
    document = _open(data)
    body = document.element.find(qn("w:body"))
    if body is None:
        raise ValueError("the document part has no body")
    styles = _styles(document)
    builder = DocumentBuilder(source)
    for text, style in _blocks(body, styles):
        if style.by_look:
            builder.add_subheading(text)
        else:
            builder.add(text, style.kind, level=style.level)
    _add_group(builder, "Footnotes", _notes(document.part, RT.FOOTNOTES, "w:footnote", styles))
    _add_group(builder, "Endnotes", _notes(document.part, RT.ENDNOTES, "w:endnote", styles))
    _add_group(builder, "Header", _unique(_running(document.part, body, "w:headerReference", styles)))
    _add_group(builder, "Footer", _unique(_running(document.part, body, "w:footerReference", styles)))
    return builder.build()


def _open(data: bytes) -> WordDocument:
    """The package, parsed by python-docx. On malformed XML, or relationships and content types it
    cannot follow, python-docx fails with lxml's XMLSyntaxError, AttributeError or TypeError;
    those become ValueError, which reading.py reports as a damaged Word file."""
    try:
        return docx.Document(io.BytesIO(data))
    except (etree.XMLSyntaxError, AttributeError, TypeError) as error:
        raise ValueError(f"damaged package ({type(error).__name__}: {error})") from None


def _add_group(builder: DocumentBuilder, heading: str, blocks: Iterable[tuple[str, _Style]]) -> None:
    """Blocks after a heading of their own, which is added only when one of them has text."""
    texts = [(text, style) for text, style in blocks if text.strip()]
    if texts:
        builder.add(heading, BlockKind.HEADING)
    for text, style in texts:
        # A heading inside a note or header would take over the group's section.
        builder.add(text, BlockKind.PARAGRAPH if style.kind is BlockKind.HEADING else style.kind)


def _blocks(container: etree._Element, styles: _Styles) -> Iterator[tuple[str, _Style]]:
    """(text, style) of each paragraph, table row and text box paragraph, in reading order.

    `container` holds block-level content: a body, content control, table cell, text box,
    note, header or footer.
    """
    for child in container:
        if child.tag == _P:
            text, boxes = _paragraph(child)
            number = styles.numbering.label(child)
            style = styles.of(child)
            if style.kind is BlockKind.PARAGRAPH and styles.numbering.in_list(child):
                style = _Style(BlockKind.ITEM)
            elif style.kind is BlockKind.PARAGRAPH and looks_like_heading(text) and _all_bold(child):
                style = _Style(BlockKind.HEADING, by_look=True)
            yield (number + text if text.strip() else text), style
            for box in boxes:
                yield from _blocks(box, styles)
        elif child.tag == _TBL:
            rows = list(_table(child, styles))
            for text in table_rows(rows, _is_header(child)) if rows else []:
                yield text, _Style(BlockKind.TABLE_ROW)
        elif child.tag == _SDT:
            yield from _blocks_of(child.find(_SDT_CONTENT), styles)
        elif child.tag == _CUSTOM_XML:
            yield from _blocks(child, styles)
        elif child.tag == _ALTERNATE:
            yield from _blocks_of(_branch(child), styles)


def _blocks_of(container: etree._Element | None, styles: _Styles) -> Iterator[tuple[str, _Style]]:
    if container is not None:
        yield from _blocks(container, styles)


def _branch(alternate: etree._Element) -> etree._Element | None:
    """The one branch of an mc:AlternateContent to read: its Choice (Word's own), else its Fallback.

    Both hold the same content (a text box is written twice: DrawingML, then VML), so reading one
    keeps the text from being doubled.
    """
    choice = alternate.find(_CHOICE)
    return choice if choice is not None else alternate.find(_FALLBACK)


def _paragraph(paragraph: etree._Element) -> tuple[str, list[etree._Element]]:
    """A paragraph's visible text, and the text boxes (w:txbxContent) anchored in it."""
    pieces: list[str] = []
    boxes: list[etree._Element] = []
    _collect(paragraph, pieces, boxes)
    return "".join(pieces), boxes


def _collect(element: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
    """Text of `element`'s runs, through hyperlinks, fields, content controls and insertions."""
    for child in element:
        tag = child.tag
        if tag == _T:
            pieces.append(child.text or "")
        elif tag in _MARKS:
            pieces.append(_MARKS[tag])
        elif tag in _SKIPPED:
            continue
        elif tag in _SHAPES:
            boxes.extend(_text_boxes(child))
        elif tag == _ALTERNATE:
            branch = _branch(child)
            if branch is not None:
                _collect(branch, pieces, boxes)
        else:
            _collect(child, pieces, boxes)


def _text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """The outermost w:txbxContent under a drawing or VML shape; nested ones are read with them."""
    for child in element:
        if child.tag == _TXBX_CONTENT:
            yield child
        elif child.tag == _ALTERNATE:
            branch = _branch(child)
            if branch is not None:
                yield from _text_boxes(branch)
        else:
            yield from _text_boxes(child)


def _table(table: etree._Element, styles: _Styles) -> Iterator[list[tuple[str, int]]]:
    """Each row's (cell text, grid columns it spans); a horizontally merged cell once, a vertically
    merged one in each row.

    Read by hand rather than with python-docx's `Table.rows`, which skips rows and cells wrapped
    in content controls; a vertical merge repeats the top cell's text as `row.cells` does.
    """
    above: dict[int, str] = {}
    for row in _wrapped(table, _TR):
        column = _grid_before(row)
        texts = [("", column)] if column else []
        for cell in _wrapped(row, _TC):
            merge = _cell_property(cell, "w:vMerge")
            if merge is not None and merge.get(_VAL, "continue") == "continue":
                text = above.get(column, "")
            else:
                text = " ".join(" ".join(text for text, _ in _blocks(cell, styles)).split())
            above[column] = text
            grid_span = _cell_property(cell, "w:gridSpan")
            span = int(grid_span.get(_VAL, "1")) if grid_span is not None else 1
            texts.append((text, span))
            column += span
        yield texts


def _is_header(table: etree._Element) -> bool:
    """Whether the table's first row is a header: marked "repeat as header row" (w:tblHeader); set
    in bold throughout (every run with text in it bold of its own); or, in a table of three columns
    or more, given the table style's header look (Word's "Header Row" box, w:tblLook firstRow).

    Word ticks that box on every new table, so with two columns it is no evidence: such a table is
    as often a list of label | value pairs, whose first row is a pair like the others.
    """
    row = next(_wrapped(table, _TR), None)
    if row is None:
        return False
    properties = row.find(qn("w:trPr"))
    if _is_on(properties.find(qn("w:tblHeader")) if properties is not None else None):
        return True
    if _all_bold(row):
        return True
    look = table.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
    columns = len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
    return columns >= 3 and look is not None and _has_first_row_look(look)


def _has_first_row_look(look: etree._Element) -> bool:
    """w:firstRow on, or, in files that give only the older bit mask w:val, its 0x0020 bit."""
    first_row = look.get(qn("w:firstRow"))
    if first_row is not None:
        return first_row not in ("0", "false", "off")
    mask = look.get(_VAL, "0")
    return bool(mask) and all(c in "0123456789abcdefABCDEF" for c in mask) and bool(int(mask, 16) & 0x0020)


def _all_bold(element: etree._Element) -> bool:
    """Whether `element` has text and every run with text in it is bold of its own (w:b)."""
    runs = [run for run in element.iter(qn("w:r")) if "".join(run.itertext()).strip()]
    return bool(runs) and all(_is_on(run.find(f"{qn('w:rPr')}/{qn('w:b')}")) for run in runs)


def _is_on(toggle: etree._Element | None) -> bool:
    """A present on/off property (w:b, w:tblHeader) without a false value."""
    return toggle is not None and toggle.get(_VAL, "true") not in ("0", "false", "off")


def _wrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, including those wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _wrapped(content, tag)
        elif child.tag == _CUSTOM_XML:
            yield from _wrapped(child, tag)


def _cell_property(cell: etree._Element, name: str) -> etree._Element | None:
    properties = cell.find(qn("w:tcPr"))
    return properties.find(qn(name)) if properties is not None else None


def _grid_before(row: etree._Element) -> int:
    """Grid columns a row leaves empty before its first cell."""
    properties = row.find(qn("w:trPr"))
    before = properties.find(qn("w:gridBefore")) if properties is not None else None
    return int(before.get(_VAL, "0")) if before is not None else 0


def _notes(part: DocumentPart, reltype: str, tag: str, styles: _Styles) -> Iterator[tuple[str, _Style]]:
    """Blocks of each footnote or endnote, in the notes part's order; separators are skipped."""
    for rel in part.rels.values():
        if rel.reltype != reltype or rel.is_external:
            continue
        for note in _element(rel.target_part).iterchildren(qn(tag)):
            if note.get(qn("w:type")) not in _NOTE_SEPARATORS:
                yield from _blocks(note, styles)


def _running(part: DocumentPart, body: etree._Element, reference: str, styles: _Styles) -> Iterator[tuple[str, _Style]]:
    """Blocks of every header (or footer) the sections refer to, in the order of the references.

    The references are read from the section properties directly: python-docx's `section.header`
    would add a header definition to a section that has none.
    """
    related = part.related_parts
    for ref in body.iter(qn(reference)):
        yield from _blocks(_element(related[ref.get(qn("r:id"), "")]), styles)


def _element(part: Part) -> etree._Element:
    """A part's root element. python-docx 1.2 loads notes parts as plain bytes (it has no notes
    API), so those are parsed here with python-docx's own XML parser."""
    if isinstance(part, XmlPart):
        return part.element
    try:
        return parse_xml(part.blob)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"malformed XML in {part.partname}: {error}") from None


def _unique(blocks: Iterable[tuple[str, _Style]]) -> Iterator[tuple[str, _Style]]:
    """Each block text once: sections repeat the same header, in one part or in several."""
    seen: set[str] = set()
    for text, style in blocks:
        key = " ".join(text.split())
        if key not in seen:
            seen.add(key)
            yield text, style
