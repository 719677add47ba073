"""Markdown: rendered to HTML by markdown-it-py, whose prose (raw HTML blocks included) becomes blocks."""

from __future__ import annotations

import re
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


# Elements whose content html_text skips (or that an HTML parser reads as raw text to their end
# tag). Written inline without a closing tag, as prose often names them ("the <textarea>
# element"), one would swallow the rest of the file: such a tag is shown as the text it is.
_SWALLOWING = frozenset(
    {"script", "style", "textarea", "title", "pre", "iframe", "noscript", "template", "xmp", "plaintext", "noembed",
     "noframes", "select", "option", "button", "object", "canvas", "svg", "math", "head"}
)  # fmt: skip
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


def _inline_html(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """Inline raw HTML as written, but an opening tag of a swallowing element that the same
    paragraph never closes is escaped, so that it reads as text."""
    content = tokens[idx].content
    tag = _TAG.match(content)
    if tag is None or tag.group(1) or tag.group(2).lower() not in _SWALLOWING:
        return content
    closing = re.compile(rf"<\s*/\s*{re.escape(tag.group(2))}\s*>", re.IGNORECASE)
    if any(t.type == "html_inline" and closing.match(t.content) for t in tokens[idx + 1 :]):
        return content
    return escapeHtml(content)


_PARSER = MarkdownIt("commonmark").enable("table")
_PARSER.add_render_rule("image", _image_alt)
_PARSER.add_render_rule("html_inline", _inline_html)


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
