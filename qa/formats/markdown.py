"""Markdown: markup removed with markdown-it-py's parser, headings kept as sections."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from qa.documents import BlockKind, Document, DocumentBuilder

_PARSER = MarkdownIt("commonmark").enable("table")


def parse_markdown(source: str, text: str) -> Document:
    """Paragraphs, list items and table rows become blocks; code and raw HTML are left out."""
    builder = DocumentBuilder(source)
    depth_in_items = 0
    kind = BlockKind.PARAGRAPH
    row: list[str] | None = None
    for token in _PARSER.parse(text):
        if token.type == "list_item_open":
            depth_in_items += 1
        elif token.type == "list_item_close":
            depth_in_items -= 1
        elif token.type == "heading_open":
            kind = BlockKind.HEADING
        elif token.type == "paragraph_open":
            kind = BlockKind.ITEM if depth_in_items else BlockKind.PARAGRAPH
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            builder.add(" | ".join(cell for cell in row if cell), BlockKind.ITEM)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(_plain(token.children or []))
        elif token.type == "inline":
            builder.add(_plain(token.children or []), kind)
    return builder.build()


def _plain(children: list[Token]) -> str:
    """Text of inline tokens: emphasis and link marks drop out, images give their alt text."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_plain(child.children or []))
    return "".join(parts)
