"""HTML -> blocks: the prose of an lxml tree with its tags stripped, shared by the Markdown and HTML readers.

Headings, paragraphs, list items and table rows become blocks in document order; scripts, styles,
templates, code and comments never become text. Table rows read as `qa.ingest.formats.tables`
says; a table's header row is its first row where that is in `<thead>` or all `<th>`, as in
every Markdown table.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from qa.ingest.documents import BlockKind, DocumentBuilder
from qa.ingest.formats.tables import column_names, has_text, named_row, plain_row

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


def add_blocks(builder: DocumentBuilder, root: HtmlElement) -> None:
    """Add the prose under `root` to `builder`: h1-h6 as headings of levels 1-6, li/dt/dd and table
    rows as items, every other block element (p, div, summary, ...) as a paragraph."""

    def emit(text: str, kind: BlockKind, level: int | None) -> None:
        builder.add(text, kind, level=level)

    _block(root, BlockKind.PARAGRAPH, None, emit)


def _block(element: HtmlElement, kind: BlockKind, level: int | None, emit: _Emit) -> None:
    """Emit the text of a block element: its own inline text as `kind`, nested blocks as their own."""
    parts: list[str] = [element.text or ""]
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
        emit("".join(parts), kind, level)
        parts.clear()
        if tag in _ROWS:
            emit(_row_text(child), BlockKind.ITEM, None)
        elif tag == "dl":
            for item in definition_items(child):
                emit(item, BlockKind.ITEM, None)
        else:
            _block(child, _kind(tag, kind), int(tag[1]) if tag in _HEADINGS else level, emit)
    else:
        parts.append(_inline_text(child))


def definition_items(dl: HtmlElement) -> list[str]:
    """A definition list's items, "Term: definition", one per <dd>, so that a term and its value
    ("Locker deposit: 5 euros") are one answer; terms given together share their definitions, a
    term without one is an item of its own. <div> wrappers of term groups (HTML5) are read through."""
    entries = [e for child in dl for e in (child if child.tag == "div" else (child,)) if e.tag in ("dt", "dd")]
    items: list[str] = []
    names: list[str] = []
    defined = False
    for entry in entries:
        text = " ".join(_inline_text(entry).split())
        if entry.tag == "dt":
            if defined:
                names, defined = [], False
            names.append(text)
        else:
            items.append(f"{', '.join(n for n in names if n)}: {text}" if any(names) else text)
            defined = True
    return items if defined else items + names


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


def _row_text(row: HtmlElement) -> str:
    """A table row as one line, as `qa.ingest.formats.tables` reads it; the header row itself ""
    when a row below it holds text (that row's cells carry its names)."""
    table = next(row.iterancestors("table"), None)
    header = table.find(".//tr") if table is not None else None
    names = column_names(_cells(header)) if header is not None and _is_header(header) else []
    if header is row and any(names) and table is not None:
        below = [_cells(other) for other in table.iterfind(".//tr") if other is not row]
        return "" if has_text(below) else plain_row(_cells(row))
    return named_row(names, _cells(row)) if any(names) else plain_row(_cells(row))


def _is_header(row: HtmlElement) -> bool:
    """In <thead>, or all its cells <th>."""
    parent = row.getparent()
    return (parent is not None and parent.tag == "thead") or all(cell.tag == "th" for cell in row if cell.tag in _CELLS)


def _cells(row: HtmlElement) -> list[tuple[str, int]]:
    """(text, columns spanned) of each cell of a row."""
    spans = []
    for cell in row:
        if cell.tag in _CELLS:
            span = cell.get("colspan", "1").strip()
            spans.append((" ".join(_inline_text(cell).split()), int(span) if span.isdecimal() and 0 < int(span) <= 1000 else 1))
    return spans
