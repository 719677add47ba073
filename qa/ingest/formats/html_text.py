"""HTML -> blocks: the prose of an lxml tree with its tags stripped, shared by the Markdown and HTML readers.

Headings, paragraphs, list items and table rows become blocks in document order; scripts, styles,
templates, code and comments never become text. Tables are read whole (`_table`): their rows as
`qa.ingest.formats.tables` says, a cell spanning rows in each of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

from qa.ingest.documents import BlockKind, DocumentBuilder, looks_like_heading
from qa.ingest.formats.list_numbers import LOWER_LETTER, LOWER_ROMAN, UPPER_LETTER, UPPER_ROMAN, formatted, whole_number
from qa.ingest.formats.tables import plain_row, table_rows

# (text, kind, heading level or None) of one block.
_Emit = Callable[[str, BlockKind, int | None], None]

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ITEMS = frozenset({"li", "dt", "dd"})
_ROWS = frozenset({"tr"})
_CELLS = frozenset({"td", "th"})
# Elements whose content is a block of its own: text before, inside and after them never runs together.
_BLOCKS = _HEADINGS | _ITEMS | _CELLS | frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "details", "dialog", "dir",
        "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "html",
        "legend", "main", "menu", "nav", "ol", "p", "section", "summary", "table", "tbody", "tfoot", "thead", "ul",
    }
)  # fmt: skip
# Never prose: code (left out like Markdown code blocks), scripts and what a reader does not see as text.
_SKIPPED = frozenset(
    {
        "button", "canvas", "head", "iframe", "math", "noscript", "object", "option", "pre", "script", "select",
        "style", "svg", "template", "textarea", "title",
    }
)  # fmt: skip


# The level given to a heading known by its look alone, a paragraph in bold
# (`DocumentBuilder.add_subheading` places it).
_BY_LOOK = -1
_BOLD = frozenset({"b", "strong"})
# An item's number with no text of its own yet: it goes before the text of the block inside it.
_NUMBER_ONLY = re.compile(r"\s*(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)\.\s*")
# <ol type=...>: the number style of its items.
_OL_TYPES = {"a": LOWER_LETTER, "A": UPPER_LETTER, "i": LOWER_ROMAN, "I": UPPER_ROMAN}
# Block children read whole, whose text a number cannot open.
_SPECIAL = _ROWS | frozenset({"table", "dl"})


def add_blocks(builder: DocumentBuilder, root: HtmlElement) -> None:
    """Add the prose under `root` to `builder`: h1-h6 as headings of levels 1-6, a short paragraph
    all in bold (<p><strong>Opening hours</strong></p>, Markdown's "**Opening hours**") as a
    heading one level below the last h1-h6, li/dt/dd as items, table rows as table rows, every
    other block element (p, div, summary, ...) as a paragraph."""

    def emit(text: str, kind: BlockKind, level: int | None) -> None:
        if kind is BlockKind.HEADING and level == _BY_LOOK:
            builder.add_subheading(text)
        else:
            builder.add(text, kind, level=level)

    _block(root, BlockKind.PARAGRAPH, None, emit)


def _block(element: HtmlElement, kind: BlockKind, level: int | None, emit: _Emit, prefix: str = "") -> None:
    """Emit the text of a block element, after `prefix`: its own inline text as `kind`, nested
    blocks as their own; an item of a numbered list (<ol>) opens with its number, as a browser
    shows it ("2. Press the red button"), also where its text is in a block inside it
    (<li><p>Press the red button</p></li>, a Markdown list with blank lines between items)."""
    parts: list[str] = [prefix + _number(element) + (element.text or "")]
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in _SKIPPED:  # comments and processing instructions have no str tag
            _child(child, tag, kind, level, parts, emit)
        parts.append(child.tail or "")
    emit("".join(parts), kind, level)


def _child(child: HtmlElement, tag: str, kind: BlockKind, level: int | None, parts: list[str], emit: _Emit) -> None:
    """Inline children add to the parent's text; block children end it and are emitted on their own."""
    if tag == "br":
        parts.append(" ")
    elif tag in _ROWS or tag in _BLOCKS:
        before = "".join(parts)
        parts.clear()
        carried = before.strip() + " " if _NUMBER_ONLY.fullmatch(before) and tag not in _SPECIAL else ""
        if not carried:
            emit(before, kind, level)
        if tag == "table":
            _table(child, emit)
        elif tag in _ROWS:  # a row outside any table
            emit(plain_row(_cells(child)), BlockKind.TABLE_ROW, None)
        elif tag == "dl":
            for text, block_kind in definition_items(child):
                emit(text, block_kind, None)
        elif tag == "p" and kind is BlockKind.PARAGRAPH and _is_bold_line(child):
            emit(_inline_text(child), BlockKind.HEADING, _BY_LOOK)
        else:
            _block(child, _kind(tag, kind), int(tag[1]) if tag in _HEADINGS else level, emit, carried)
    else:
        parts.append(_inline_text(child))


def _is_bold_line(paragraph: HtmlElement) -> bool:
    """Whether a <p> holds one <b> or <strong> and nothing else but white space, and reads as a
    heading (`looks_like_heading`)."""
    children = [child for child in paragraph if isinstance(child.tag, str)]
    if len(children) != 1 or children[0].tag not in _BOLD or (paragraph.text or "").strip() or (children[0].tail or "").strip():
        return False
    if children[0].find(".//br") is not None:  # lines in one bold run: "Lot B<br>Opens 7"
        return False
    return looks_like_heading(_inline_text(children[0]))


def _number(element: HtmlElement) -> str:
    """ "3. " for the third <li> of an <ol>, as a browser numbers it: from the list's `start` (or,
    `reversed`, from its number of items down), an item's `value` setting its own, in the list's
    `type` ("c. ", "iii. "); "" for any other element."""
    parent = element.getparent()
    if element.tag != "li" or parent is None or parent.tag != "ol":
        return ""
    items = [sibling for sibling in parent if sibling.tag == "li"]
    step = -1 if parent.get("reversed") is not None else 1
    number = whole_number(parent.get("start"), len(items) if step < 0 else 1)
    style = _OL_TYPES.get(parent.get("type") or "1", "decimal")
    for item in items:
        number = whole_number(item.get("value"), number)
        if item is element:
            return f"{formatted(number, style)}. "
        number += step
    return ""


def definition_items(dl: HtmlElement) -> list[tuple[str, BlockKind]]:
    """A definition list's blocks: items "Term: definition", one per <dd>, so that a term and its
    value ("Locker deposit: 5 euros") are one answer; terms given together share their
    definitions, a term without one is an item of its own. <div> wrappers of term groups (HTML5) are
    read through. A term that asks a question (an FAQ written as <dt>/<dd>) and its definitions are
    paragraphs of their own, as a question heading and its answer are (read as one item, "How do I
    cancel?: Text CANCEL", the answer was shown as ": Text CANCEL"); a term without a definition
    before such a question is an item of its own, no name of its answer."""
    entries = [e for child in dl for e in (child if child.tag == "div" else (child,)) if e.tag in ("dt", "dd")]
    blocks: list[tuple[str, BlockKind]] = []
    names: list[str] = []
    defined = False
    for entry in entries:
        text = " ".join(_inline_text(entry).split())
        if entry.tag == "dt":
            if defined:
                names, defined = [], False
            if text.endswith("?"):
                blocks += [(name, BlockKind.ITEM) for name in names if name]
                names = []
                blocks.append((text, BlockKind.PARAGRAPH))
            else:
                names.append(text)
        elif any(names):
            blocks.append((f"{', '.join(n for n in names if n)}: {text}", BlockKind.ITEM))
            defined = True
        else:
            blocks.append((text, BlockKind.PARAGRAPH if blocks and blocks[-1][1] is BlockKind.PARAGRAPH else BlockKind.ITEM))
            defined = True
    return blocks if defined else blocks + [(name, BlockKind.ITEM) for name in names]


def _kind(tag: str, parent: BlockKind) -> BlockKind:
    """A heading or item tag sets the kind; other blocks take their parent's (a <p> inside an <li> is an item)."""
    if tag in _HEADINGS:
        return BlockKind.HEADING
    if tag in _ITEMS:
        return BlockKind.ITEM
    return parent


def _inline_text(element: HtmlElement) -> str:
    """All the text of an element, block children separated by spaces (for inline elements and table cells)."""
    texts: list[str] = []
    _block(element, BlockKind.PARAGRAPH, None, lambda text, _kind, _level: texts.append(text))
    return " ".join(texts)


def _table(table: HtmlElement, emit: _Emit) -> None:
    """A table's captions as paragraphs, then its rows as table rows, read as `qa.ingest.formats.tables`
    says, with its first row as the header where that row is in <thead> or all <th>. A cell that
    spans rows (rowspan) is in each of them, at its column; a table inside a cell is read as part
    of that cell's text."""
    for caption in table.iterfind("caption"):
        emit(_inline_text(caption), BlockKind.PARAGRAPH, None)
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
    if not rows:
        return
    grid: list[list[tuple[str, int]]] = []
    above: dict[int, tuple[str, int, int]] = {}  # first column -> (text, rows it still spans, columns)
    for row in rows:
        cells: list[tuple[str, int]] = []
        column = 0
        for cell in (cell for cell in row if cell.tag in _CELLS):
            column = _carried(above, column, cells)
            text, span = _cell(cell)
            cells.append((text, span))
            down = _count(cell.get("rowspan"))
            if down > 1:
                above[column] = (text, down - 1, span)
            column += span
        while above and max(above) >= column:  # cells spanning down into the row's last columns
            if column in above:
                column = _carried(above, column, cells)
            else:
                cells.append(("", 1))
                column += 1
        grid.append(cells)
    for text in table_rows(grid, _is_header(rows[0])):
        emit(text, BlockKind.TABLE_ROW, None)


def _carried(above: dict[int, tuple[str, int, int]], column: int, cells: list[tuple[str, int]]) -> int:
    """Add to `cells` the cells spanning down from rows above into `column` (and the ones that
    follow it directly); the next free column."""
    while column in above:
        text, rows_left, span = above.pop(column)
        cells.append((text, span))
        if rows_left > 1:
            above[column] = (text, rows_left - 1, span)
        column += span
    return column


def _is_header(row: HtmlElement) -> bool:
    """In <thead>, or all its cells <th>."""
    parent = row.getparent()
    return (parent is not None and parent.tag == "thead") or all(cell.tag == "th" for cell in row if cell.tag in _CELLS)


def _cell(cell: HtmlElement) -> tuple[str, int]:
    """A cell's text and the columns it spans."""
    return " ".join(_inline_text(cell).split()), _count(cell.get("colspan"))


def _count(span: str | None) -> int:
    """A colspan or rowspan: 1 where absent or not a number from 1 to 1000."""
    value = (span or "1").strip()
    return int(value) if value.isdecimal() and 0 < int(value) <= 1000 else 1


def _cells(row: HtmlElement) -> list[tuple[str, int]]:
    """(text, columns spanned) of each cell of a row."""
    return [_cell(cell) for cell in row if cell.tag in _CELLS]
