"""The document model every reader produces: plain text cut into blocks, with offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block is; only headings are kept out of the answer candidates.

    A ROW (of a spreadsheet) is one answer candidate however many sentences it holds, and the
    rows around it, not sentences of its own block, are its context.
    """

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    ROW = "row"


@dataclass(frozen=True)
class Block:
    """One paragraph, list item, row or heading of a document's plain text.

    `page` is the 1-based page, slide or row number, as the format counts (see
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


@dataclass
class DocumentBuilder:
    """Accumulates blocks into one text, tracking the nearest heading as each block's section.

    Readers of formats whose text is not the file itself (Markdown, PDF, HTML, Word) emit
    blocks here, so that offsets always index the extracted text the sentences come from.
    """

    source: str
    _parts: list[str] = field(default_factory=list)
    _blocks: list[Block] = field(default_factory=list)
    _length: int = 0
    _section: str | None = None

    def add(self, text: str, kind: BlockKind = BlockKind.PARAGRAPH, page: int | None = None, ocr: bool = False) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        if kind is BlockKind.HEADING:
            self._section = text
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._blocks.append(Block(kind, start, self._length, self._section, page, ocr))

    def build(self) -> Document:
        return Document(self.source, "".join(self._parts), tuple(self._blocks))
