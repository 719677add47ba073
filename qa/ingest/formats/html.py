"""HTML: the main text only, found by trafilatura; navigation, banners and footers stay out.

trafilatura in precision mode is best on article pages but drops lists, headings and short pages
that have no article wrapper. Its extract is therefore checked against the page's visible text
(boilerplate removed), and when it holds much less, trafilatura in recall mode and then the visible
text itself are used instead.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from qa.ingest.documents import BlockKind, Document, DocumentBuilder
from qa.ingest.formats.html_text import add_blocks, definition_items
from qa.ingest.formats.markdown import parse_markdown

# An extract holding less than this share of the visible text (furniture removed) has lost main text.
# Measured on generated pages (articles with bylines, tables, lists and "related" links; list-only,
# heading-only, table-only and FAQ pages, with and without nav/cookie banner/footer): complete extracts
# keep 0.89-1.0 of the visible text, the rest being bylines and "related" links that trafilatura rightly
# drops; precision mode's failures keep 0.04 (a list of links) and 0.37 (lists dropped, headings kept).
# 0.5 lies between the two with a margin on both sides, leaning to the trafilatura extract, which
# keeps boilerplate out better than the visible text does.
MIN_SHARE_OF_VISIBLE_TEXT = 0.5

# Page furniture whatever it holds: the site's navigation, forms and asides.
_FURNITURE_TAGS = frozenset({"nav", "aside", "form", "dialog"})
# The page's own header and footer; inside an article or section they hold its title or byline instead.
_PAGE_TAGS = frozenset({"header", "footer"})
_SECTIONING = ("article", "main", "section")
_FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"}
)
_FURNITURE_WORDS = (
    "cookie", "consent", "gdpr", "banner", "nav", "navbar", "navigation", "menu", "footer", "breadcrumb", "sidebar",
    "popup",
)  # fmt: skip
# A furniture word (or its plural) as a whole part of an id or class: between separators ("site-nav",
# "nav_main", "cookies") or as a camelCase hump ("mainNav"); not inside another word ("unavailable",
# "navy-theme").
_FURNITURE_NAME = re.compile(
    r"(?:(?<![A-Za-z])(?i:{words})|{humps})s?(?![a-z])".format(
        words="|".join(_FURNITURE_WORDS), humps="|".join(w.capitalize() for w in _FURNITURE_WORDS)
    )
)
# An element holding more than this share of the body's text is the content, whatever its name says
# ("layout with-sidebar").
_MOST_OF_THE_PAGE = 0.5
_NEVER_FURNITURE = frozenset({"html", "body", "main", "article"})


class NoMainTextError(ValueError):
    """The page has no main text that trafilatura could find."""


def parse_html(source: str, html: str) -> Document:
    """The page's main text: trafilatura's precise extract when it holds most of the visible text
    and the headings of the text it keeps, else its recall-mode extract of the page without its
    furniture (on the same terms), else the visible text itself.

    trafilatura drops boilerplate, scripts and styles, and keeps headings as Markdown, which the
    Markdown parser turns into sections.
    """
    page = trafilatura.load_html(html)
    if page is None:
        raise NoMainTextError("has no main text")
    if page.find(".//dl") is not None:
        # trafilatura makes a definition list's terms and definitions items of one flat list,
        # which parts "Locker deposit" from "5 euros": they are joined first.
        _join_definitions(page)
        html = lxml.html.tostring(page, encoding="unicode")
    _remove_furniture(page)
    visible = _visible_text(source, page)
    wanted = MIN_SHARE_OF_VISIBLE_TEXT * len(visible.text)
    precise = _extract(source, html, favor_precision=True)
    if precise is not None and len(precise.text) >= wanted and _keeps_headings(precise, visible):
        return precise
    recalled = _extract(source, page, favor_precision=False)
    # Recall mode falls back to trafilatura's baseline on short pages, whose lines run together into
    # one paragraph: such an extract has far fewer blocks than the page shows.
    if (
        recalled is not None
        and len(recalled.text) >= wanted
        and len(recalled.blocks) >= MIN_SHARE_OF_VISIBLE_TEXT * len(visible.blocks)
        and _keeps_headings(recalled, visible)
    ):
        return recalled
    if not visible.blocks:
        raise NoMainTextError("has no main text")
    return visible


def _join_definitions(page: HtmlElement) -> None:
    """Each definition list as lists of "Term: definition" items and, for an FAQ's questions and
    answers, paragraphs (see `definition_items`)."""
    for dl in list(page.iter("dl")):
        if dl.getparent() is None or any(a.tag == "dl" for a in dl.iterancestors()):
            continue  # a list inside a definition is read with it
        replacement = lxml.html.Element("div")
        for text, kind in definition_items(dl):
            if kind is BlockKind.PARAGRAPH:
                etree.SubElement(replacement, "p").text = text
            else:
                last = replacement[-1] if len(replacement) else None
                items = last if last is not None and last.tag == "ul" else etree.SubElement(replacement, "ul")
                etree.SubElement(items, "li").text = text
        replacement.tail = dl.tail
        dl.getparent().replace(dl, replacement)


def _keeps_headings(extract: Document, visible: Document) -> bool:
    """Whether an extract keeps at least MIN_SHARE_OF_VISIBLE_TEXT of the headings whose text it
    keeps: a visible heading counts where the first block after it that is no heading is a block of
    the extract too, and is kept where the extract has a heading of the same text.

    Headings are short, so an extract can keep most of the characters and lose them all (a FAQ
    page whose questions are <h3> headings came out of precision mode as its answers alone); they
    are the sections, and a FAQ's questions. A heading dropped with its text ("More stories" and
    its teasers) is furniture the extract rightly left out.
    """
    kept_texts = {extract.block_text(block) for block in extract.blocks}
    kept_headings = {extract.block_text(block) for block in extract.blocks if block.kind is BlockKind.HEADING}
    counted = kept = 0
    text_after_kept = False  # whether the first block after this point that is no heading was kept
    for block in reversed(visible.blocks):  # one pass, from the end: each heading meets its text first
        text = visible.block_text(block)
        if block.kind is not BlockKind.HEADING:
            text_after_kept = text in kept_texts
        elif text_after_kept:
            counted += 1
            kept += text in kept_headings
    return kept >= MIN_SHARE_OF_VISIBLE_TEXT * counted


def _extract(source: str, html: str | HtmlElement, favor_precision: bool) -> Document | None:
    """trafilatura's extract in precision or recall mode, parsed; None if it found nothing."""
    markdown = trafilatura.extract(
        html,
        output_format="markdown",
        include_formatting=True,
        include_links=False,
        include_images=False,
        include_tables=True,
        include_comments=False,
        favor_precision=favor_precision,
        favor_recall=not favor_precision,
    )
    return parse_markdown(source, markdown) if markdown else None


def _remove_furniture(page: HtmlElement) -> None:
    """Remove the page's navigation, banners, forms, asides, footers and hidden elements (their tails stay)."""
    page_chars = len(page.text_content())
    for element in list(page.iter(etree.Element)):
        if _is_furniture(element, page_chars):
            element.drop_tree()


def _visible_text(source: str, page: HtmlElement) -> Document:
    """The text a reader sees in the page's body, as blocks."""
    body = page.find("body")
    builder = DocumentBuilder(source)
    add_blocks(builder, page if body is None else body)
    return builder.build()


def _is_furniture(element: HtmlElement, page_chars: int) -> bool:
    """Navigation, header, footer, aside, form, cookie banner or hidden element; never one that holds
    the page's <main> or <article>, or most of its text, whatever its class says ("page-with-sidebar")."""
    if element.tag in _NEVER_FURNITURE or not _looks_like_furniture(element):
        return False
    if len(element.text_content()) > _MOST_OF_THE_PAGE * page_chars:
        return False
    return next(element.iterdescendants("main", "article"), None) is None


def _looks_like_furniture(element: HtmlElement) -> bool:
    """Furniture by its tag, ARIA role, hidden state, or a furniture word in its id or class."""
    if element.tag in _FURNITURE_TAGS:
        return True
    if element.tag in _PAGE_TAGS:
        return next(element.iterancestors(*_SECTIONING), None) is None
    if element.get("role") in _FURNITURE_ROLES or element.get("hidden") is not None:
        return True
    if element.get("aria-hidden") == "true" or "display:none" in element.get("style", "").replace(" ", ""):
        return True
    return _FURNITURE_NAME.search(f"{element.get('id', '')} {element.get('class', '')}") is not None
