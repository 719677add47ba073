"""The document model every reader produces: plain text cut into blocks, with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

# Between the headings of a section's path, as the chat shows it.
SECTION_SEPARATOR = " › "
# A label and its value: a label of up to four words of two letters or more, a colon, a value
# ("Date: 14 May 2024", "Background: The 2023 Review"; not "Chapter 3: The Return", "Part A: Scope").
_LABEL_WORD = r"[^\W\d_](?:[^\W\d_]|['’&/-])*[^\W\d_]"
_LABELLED = re.compile(rf"[ \t]*{_LABEL_WORD}(?:[ \t]+{_LABEL_WORD}){{0,3}}:[ \t]+(?P<value>\S)")


def is_labelled(text: str) -> bool:
    """Whether a line opens with a label and a colon and has a value: "Date: 14 May 2024", but
    also a title such as "Background: The 2023 Review" (see `is_labelled_field`)."""
    return _LABELLED.match(text) is not None


def is_labelled_field(text: str, among_fields: bool = False) -> bool:
    """Whether a line is a labelled field, a fact however short, not a heading nor a list's
    lead-in: its value opens with a digit or a small letter ("Date: 14 May 2024", "IT Helpdesk:
    extension 4400"), or, `among_fields` (a line next to it is labelled too: "Chair: Helen Park"
    above "Apologies: Sam Ortiz"), with anything. Alone, "Background: The 2023 Review" is a title."""
    match = _LABELLED.match(text)
    if match is None:
        return False
    first = match.group("value")
    return among_fields or first.isdigit() or first.islower()


class BlockKind(StrEnum):
    """What a block is; headings are kept out of the answer candidates, but for one that asks a
    question, which is one candidate whole (see `qa.ingest.sentences.document_sentences`).

    A ROW (of a spreadsheet) is one answer candidate however many sentences it holds, and the
    rows around it, not sentences of its own block, are its context; the items around an ITEM
    are its context too. A TABLE_ROW (of a table in a Markdown, HTML, Word or PowerPoint file: its
    cells named by the header row, "Plan: Team; Monthly price: 20 euros", or "Team | 20 euros") is
    read as a paragraph, since such tables also lay out prose; it is never taken for a list item.
    """

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    ROW = "row"
    TABLE_ROW = "table row"


@dataclass(frozen=True)
class Block:
    """One paragraph, list item, row or heading of a document's plain text.

    `section` is the path of headings the block sits under, outermost first, joined by
    `SECTION_SEPARATOR` ("Campus parking › Lot B › Hours"); a heading's own section ends with
    itself. `page` is the 1-based page, slide or row number, as the format counts (see
    `qa.ingest.reading.Reader.unit`); `ocr` says the text was recognised from an image.
    """

    kind: BlockKind
    start: int
    end: int
    section: str | None = None
    page: int | None = None
    ocr: bool = False


@dataclass(frozen=True)
class Document:
    """A file's extracted plain text; block offsets index `text`.

    `encoding` is the codec a text format (.txt, .md, .html) was read with, None for others.
    """

    source: str
    text: str
    blocks: tuple[Block, ...]
    encoding: str | None = None

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


# A line in bold is a heading when it is this short and does not end as a sentence or a lead-in does.
_HEADING_WORDS = 10
_NOT_HEADING_ENDS = (".", ",", ";", ":", "!", "…")


def looks_like_heading(text: str) -> bool:
    """Whether a line set in bold throughout reads as a heading: up to _HEADING_WORDS words with a
    letter, not ending with a full stop, comma, semicolon, colon or exclamation mark ("Lunch hours",
    "Can I bring my dog?"; not "Do not open the cover." nor "Before you start:", a lead-in)."""
    words = text.split()
    stripped = text.rstrip().rstrip("*\"'”’)")
    return 0 < len(words) <= _HEADING_WORDS and any(c.isalpha() for c in text) and not stripped.endswith(_NOT_HEADING_ENDS)


@dataclass
class DocumentBuilder:
    """Accumulates blocks into one text, tracking the headings above each block as its section.

    Readers of formats whose text is not the file itself (Markdown, PDF, HTML, Word) emit
    blocks here, so that offsets always index the extracted text the sentences come from.
    """

    source: str
    _parts: list[str] = field(default_factory=list)
    _blocks: list[Block] = field(default_factory=list)
    _length: int = 0
    # The open headings, outermost first, with their levels.
    _headings: list[tuple[int, str]] = field(default_factory=list)
    # The level of the last heading whose format marks it as one (0 before any).
    _marked: int = 0

    def add(
        self,
        text: str,
        kind: BlockKind = BlockKind.PARAGRAPH,
        page: int | None = None,
        ocr: bool = False,
        level: int | None = None,
    ) -> None:
        """Append one block; whitespace runs become one space, and a block without text is skipped.

        A heading's `level` (1 for h1 or Heading 1; 0 for a Word Title; 1 or 2 for OCR's titles
        and subheadings) closes every open heading at that level or deeper; a heading whose format
        tells no level (a slide title, a sheet name) closes them all. Other kinds ignore `level`.
        """
        if kind is BlockKind.HEADING and text.strip():
            self._marked = 0 if level is None else level
        self._append(text, kind, page, ocr, level)

    def add_subheading(self, text: str) -> None:
        """Append a heading known by its look alone (a short line in bold, see `looks_like_heading`):
        one level below the last heading whose format marks it, so that it closes only the open
        headings at its level or deeper (the bold line before it, not the section it is in)."""
        self._append(text, BlockKind.HEADING, None, False, self._marked + 1)

    def _append(self, text: str, kind: BlockKind, page: int | None, ocr: bool, level: int | None) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        if kind is BlockKind.HEADING:
            depth = 0 if level is None else level
            self._headings = [
                (above, heading) for above, heading in self._headings if level is not None and above < depth
            ]
            self._headings.append((depth, text))
        section = SECTION_SEPARATOR.join(heading for _, heading in self._headings) or None
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._blocks.append(Block(kind, start, self._length, section, page, ocr))

    def build(self) -> Document:
        return Document(self.source, "".join(self._parts), tuple(self._blocks))
