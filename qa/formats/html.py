"""HTML: the main text only, found by trafilatura; navigation, banners and footers stay out."""

from __future__ import annotations

import trafilatura

from qa.documents import Document
from qa.formats.markdown import parse_markdown


class NoMainTextError(ValueError):
    """The page has no main text that trafilatura could find."""


def parse_html(source: str, html: bytes) -> Document:
    """trafilatura finds the encoding, drops boilerplate, scripts and styles, and keeps headings
    as Markdown, which the Markdown parser turns into sections."""
    markdown = trafilatura.extract(
        html,
        output_format="markdown",
        include_formatting=True,
        include_links=False,
        include_images=False,
        include_tables=True,
        include_comments=False,
        favor_precision=True,
    )
    if not markdown:
        raise NoMainTextError("has no main text")
    return parse_markdown(source, markdown)
