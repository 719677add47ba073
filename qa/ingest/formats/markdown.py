"""Markdown: rendered to HTML by markdown-it-py, whose prose (raw HTML blocks included) becomes blocks."""

from __future__ import annotations

from collections.abc import Sequence

import lxml.html
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from qa.ingest.documents import Document, DocumentBuilder
from qa.ingest.formats.html_text import add_blocks


def _image_alt(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """An image renders as its alt text, so that it reads as part of the sentence around it."""
    return escapeHtml(self.renderInlineAsText(tokens[idx].children or [], options, env))


_PARSER = MarkdownIt("commonmark").enable("table")
_PARSER.add_render_rule("image", _image_alt)


def parse_markdown(source: str, text: str) -> Document:
    """Headings become sections; paragraphs, list items and table rows become blocks, whether written in
    Markdown or as raw HTML (<details>, <div>, <table>, ...), which is parsed as HTML with its tags stripped.

    Rendering first lets the HTML parser see raw HTML and the Markdown between its blank lines as one tree,
    as a browser does: a <details> holds the Markdown written inside it, and a <noscript> hides it.
    Code, scripts, styles and comments are left out.
    """
    builder = DocumentBuilder(source)
    add_blocks(builder, lxml.html.fragment_fromstring(_PARSER.render(text), create_parent="div"))
    return builder.build()
