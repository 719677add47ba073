"""Documents -> sentences: pysbd boundaries, corrected by a small rule layer, with offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

import numpy as np
import pysbd

from qa.ingest.documents import SECTION_SEPARATOR, BlockKind, Document, is_labelled_field

SPLITTER = f"pysbd {pysbd.__version__} + qa rules 14"

# pysbd ends a sentence after abbreviations that the next words continue ("approx. 5 km",
# "Moreno et al. [2019] measured"); the rules below join such pieces again. These never end a
# sentence, whatever follows ("cf. Art. 5", "vs. Jones", "Dr. Patel"):
_NEVER_FINAL = r"(?i:e\.g|i\.e|cf|vs|viz|approx|appr)|ca|Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt"
# ...and these end one only when a capital letter follows ("by Kim et al. The study", "voted No.
# Then"). Capitalised ones only in capitals: "no.", "art." and "sec." are words too.
_OFTEN_CONTINUED = (
    r"al|etc|incl|esp|resp|pp|para|eds?|figs?|eqs?|vols?|refs?|"
    r"Figs?|Eqs?|Vols?|Refs?|Nos?|Art|Sec|Sect|Ch|Chap|Tab|Eds?|Univ|Dept|St|Mt"
)
_ALWAYS_CONTINUED = re.compile(rf"\b(?:{_NEVER_FINAL})\.\s*$")
# A closing quote or bracket may stand between the abbreviation and the break ('"see Fig." and').
_ABBREVIATION_END = re.compile(rf"\b(?:{_NEVER_FINAL}|{_OFTEN_CONTINUED})\.[\"'”’)\]]?\s*$")
# Lower case, a number, a bracket, punctuation or a possessive "'s" continue the sentence; an
# opening quote after "no." or "etc." starts the next one.
_CONTINUATION = re.compile(r"\s*(?:[a-z0-9(\[{,;:]|['’]s\b)")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# A bare reply ("No.", "A: Yes.") says nothing without the sentence after it, which gives the
# reason ("No. Clean the housing with a damp cloth only."): the two are one answer.
_BARE_REPLY = re.compile(r"^\W*(?:A\s*[:.)]\s*)?(?:yes|no)\s*[.!]?[\"'”’)]*\s*$", re.IGNORECASE)
# A list this long or shorter, first item to last, is also one candidate (see document_sentences):
# about 250 word pieces, what the embedding models read of a text.
LIST_CHARS = 1000
# A sentence that ends so has said what it says: before a list, it leads into it only if it does
# not ("To reset the router:", "Please have these details ready").
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# pysbd slows down more than linearly with text length: longer paragraphs are cut first.
_CHUNK_CHARS = 2000
_CHUNK_BREAK = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\s")
# pysbd (clean=False) ends a sentence at every line break ("\n", "\r"). In a hard-wrapped text file
# most of them are not ends: a break before a lower-case word, a number or a continuing mark is
# given to pysbd as spaces (offsets kept). One before a capital stays a break, as a line may end
# without its full stop ("…on Sunday morning" / "The next convoy…"), and pysbd decides.
_LINE_BREAK = re.compile(r"(?:\r\n|\r|\n)(?=[ \t]*(.?))")
_CONTINUING_MARKS = frozenset("([{,;:%&-–—")
# pysbd ends a sentence at the dot of a hidden file's or folder's name ("the .env file", "~/.config/"):
# a dot after a space or a slash, the name right after it, is not a sentence's end.
_NAME_DOT = re.compile(r"(?:^|[\s/\\~])\.$")
# ... but where that dot opens the next sentence ("He said no. .NET is great."), the break is before it.
_SENTENCE_THEN_DOT = re.compile(r"(?<=[.!?…\"'”’)\]])\s+(\.)$")
# A heading that dates what is under it: a year, a month with its day, a numeric date ("3.1.0 — 9
# January 2025", "Board meeting, 4 March", "2024-05-14"). A release's or a meeting's date is often
# written nowhere else. Not a document's title (a first heading every later section sits under),
# whose year is mostly part of a name ("2015 Nepal earthquake", "1998 FIFA World Cup": Wikipedia's
# titles as candidates lowered TyDi dev's P@1), unless it holds a whole date, day, month and year,
# the date of what it is about ("Minutes of the board meeting, 4 March 2024", "7 July 2005 London
# bombings"; not "September 11 attacks").
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)\b"
_NUMERIC_DATE = r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
_DATED_HEADING = re.compile(
    rf"\b{_YEAR}|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}|\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|{_NUMERIC_DATE}"
)
_WHOLE_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+{_YEAR}"
    rf"|\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}|{_NUMERIC_DATE}"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One answer candidate; `start`/`end` index its document's text, `block` its paragraph.

    `kind` is its block's kind (a spreadsheet ROW is one candidate whose context is the rows
    around it); `page` the page, slide or row number; `ocr` whether it was read from an image.
    """

    source: str
    text: str
    start: int
    end: int
    block: int
    section: str | None = None
    page: int | None = None
    kind: BlockKind = BlockKind.PARAGRAPH
    ocr: bool = False


# The block kinds in the order the sentence table numbers them.
KINDS = tuple(BlockKind)


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, as (start, end) offsets into `text`."""
    spans: list[tuple[int, int]] = []
    for chunk_start, chunk_end in _chunks(text):
        for start, end in _pysbd_spans(text[chunk_start:chunk_end]):
            start, end = chunk_start + start, chunk_start + end
            touching = bool(spans) and start == spans[-1][1]
            previous = text[spans[-1][0] : spans[-1][1]] if spans else ""
            name_start = _SENTENCE_THEN_DOT.search(previous) if touching else None
            if name_start:  # "He said no. | .NET is great." was cut after the name's dot
                dot = spans[-1][0] + name_start.start(1)
                spans[-1] = (spans[-1][0], spans[-1][0] + name_start.start())
                spans.append((dot, end))
            elif spans and _is_false_break(previous, text[start:end], touching):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def _chunks(text: str) -> list[tuple[int, int]]:
    """Pieces of at most about _CHUNK_CHARS, cut after a sentence end where there is one."""
    pieces = []
    start = 0
    while len(text) - start > _CHUNK_CHARS:
        matches = list(_CHUNK_BREAK.finditer(text, start, start + _CHUNK_CHARS))
        sentence_ends = [m.end() for m in matches if not m.group().isspace()]
        cut = (sentence_ends or [m.end() for m in matches] or [start + _CHUNK_CHARS])[-1]
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _pysbd_spans(text: str) -> list[tuple[int, int]]:
    """pysbd's segments located in `text` (pysbd returns strings, not offsets); a hard-wrapped
    line's break is read as spaces (see _LINE_BREAK)."""
    text = _LINE_BREAK.sub(_unwrapped, text)
    spans = []
    cursor = 0
    for segment in _segmenter().segment(text):
        piece = segment.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # pysbd altered the text; fall back to its own length
            start = cursor
        cursor = start + len(piece)
        spans.append((start, cursor))
    return spans


def _unwrapped(found: re.Match[str]) -> str:
    """A line break before a lower-case word, a number or a continuing mark as spaces; any other as it is."""
    following = found.group(1)
    wrapped = following.islower() or following.isdigit() or following in _CONTINUING_MARKS
    return " " * len(found.group()) if wrapped else found.group()


def _is_false_break(previous: str, current: str, touching: bool) -> bool:
    """A break right after an abbreviation that the next words continue is not a sentence end;
    nor is one before or after a piece without letters ("Call 555 0199. | 24/7.", "1. | Open"), or
    after a bare reply ("No. | Clean the housing with a damp cloth only."), or inside a word (no
    space between the pieces, `touching`) at a hidden file's dot ("the . | env file") or before a
    small letter."""
    if _ALWAYS_CONTINUED.search(previous) or not _HAS_LETTER.search(previous) or not _HAS_LETTER.search(current):
        return True
    if touching and (_NAME_DOT.search(previous) is not None or current[:1].islower()):
        return True
    if _BARE_REPLY.match(previous):
        return True
    return _ABBREVIATION_END.search(previous) is not None and _CONTINUATION.match(current) is not None


def document_sentences(document: Document) -> list[Sentence]:
    """Every answer candidate of a document: the sentences of its paragraphs and items, each row
    whole, each heading that asks a question ("Is it dishwasher safe?") or, below the document's
    title, holds a date ("3.1.0 — 9 January 2025", for "When did 3.1.0 come out?") whole, and each
    short list whole; other headings and text without letters are left out.

    A question heading is a row like an FAQ's "Q:" line, which the ranking knows to answer nothing
    (`qa.search.ranking`), so that the sentence after it is matched by its words and meaning, as
    the answer after a "Q:" line is.

    A list (a run of items in one section) of up to LIST_CHARS is one candidate whole, so that a
    question about the whole ("How do I reset the router?") gets all the steps, and each item
    stays a candidate of its own, for a question about one of them ("How long do I press the red
    button?"). Where the paragraph right before the list ends with a colon or with no full stop,
    question or exclamation mark, its last sentence leads into the list ("To reset the router:",
    "Please have these details ready") and alone answers nothing: that sentence's candidate runs on
    to the end of the list. A candidate's text is always the document's span (line breaks and, in
    a text file, list markers included).
    """
    items = {
        i: split_sentences(document.block_text(b)) for i, b in enumerate(document.blocks) if b.kind is BlockKind.ITEM
    }
    lead_ins, lists = _short_lists(document, items)
    titled = _has_title(document)
    sentences = []
    for index, block in enumerate(document.blocks):
        text = document.block_text(block)
        dated = (
            _WHOLE_DATE.search(text) is not None
            if index == 0 and titled
            else _DATED_HEADING.search(text) is not None
        )
        if block.kind is BlockKind.HEADING and not text.rstrip().endswith("?") and not dated:
            continue
        whole = block.kind in (BlockKind.ROW, BlockKind.HEADING)
        spans = [(0, len(text))] if whole else list(items[index]) if index in items else split_sentences(text)
        if index in lead_ins and spans:
            spans[-1] = (spans[-1][0], document.blocks[lead_ins[index]].end - block.start)
        elif index in lists:
            spans.insert(0, (0, document.blocks[lists[index]].end - block.start))
        for start, end in spans:
            piece = document.text[block.start + start : block.start + end]
            if _HAS_LETTER.search(piece):
                sentences.append(
                    Sentence(
                        document.source,
                        piece,
                        block.start + start,
                        block.start + end,
                        index,
                        block.section,
                        block.page,
                        block.kind,
                        block.ocr,
                    )
                )
    return sentences


def _has_title(document: Document) -> bool:
    """Whether the document opens with its title: a heading every later block's section sits
    under ("Release notes" over "Release notes › 3.1.0 — 9 January 2025"; not "4.0.0 — 2 February
    2026" over "3.9.0 — 5 November 2025", a changelog's first release)."""
    blocks = document.blocks
    if not blocks or blocks[0].kind is not BlockKind.HEADING or blocks[0].section is None:
        return False
    title = blocks[0].section
    return all(b.section == title or (b.section or "").startswith(title + SECTION_SEPARATOR) for b in blocks[1:])


def _short_lists(document: Document, items: dict[int, list[tuple[int, int]]]) -> tuple[dict[int, int], dict[int, int]]:
    """The short lists (runs of ITEM blocks in one section, of up to LIST_CHARS, not most of whose
    items hold several sentences): the index of each one's lead-in paragraph (the block right
    before it, in its section, not ended as a sentence is) mapped to the index of its last item;
    and, for lists of two items or more without one, the index of the first item mapped to that of
    the last. `items`: the sentence spans of each ITEM block, by its index.

    A list of paragraphs ("1. Budget. Tom reported ... The committee agreed ...", minutes' agenda
    points) is no candidate whole: each of its sentences answers for itself, and the whole, holding
    every point's words, outranked the one sentence that answers."""
    blocks = document.blocks
    lead_ins: dict[int, int] = {}
    lists: dict[int, int] = {}
    first = 0
    while first < len(blocks):
        last = first
        if blocks[first].kind is BlockKind.ITEM:
            section = blocks[first].section
            while last + 1 < len(blocks) and blocks[last + 1].kind is BlockKind.ITEM and blocks[last + 1].section == section:
                last += 1
            paragraphs = sum(len(items[i]) > 1 for i in range(first, last + 1))
            if blocks[last].end - blocks[first].start <= LIST_CHARS and 2 * paragraphs <= last - first + 1:
                before = blocks[first - 1] if first else None
                if (
                    before is not None
                    and before.kind is BlockKind.PARAGRAPH
                    and before.section == section
                    and not _SENTENCE_END.search(document.block_text(before))
                    and not is_labelled_field(document.block_text(before))  # "Date: 14 May 2024"
                ):
                    lead_ins[first - 1] = last
                elif last > first:
                    lists[first] = last
        first = last + 1
    return lead_ins, lists


class TextColumn(Sequence[str]):
    """Many strings as one UTF-8 buffer and their offsets.

    A million Python strings cost about 150 MB and a JSON parse that peaks far higher; two
    arrays cost their bytes, and the buffer can stay memory-mapped from the index folder.
    """

    def __init__(self, data: np.ndarray, offsets: np.ndarray) -> None:
        self.data = data
        self.offsets = offsets
        if data.dtype != np.uint8 or offsets.ndim != 1 or len(offsets) == 0 or offsets[-1] != len(data):
            raise ValueError("a text column needs uint8 data and offsets that end at its length")

    @classmethod
    def of(cls, texts: Iterable[str]) -> TextColumn:
        # surrogatepass: text extracted from PDFs may hold lone surrogates, which must round-trip.
        encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        start, end = self.offsets[index], self.offsets[index + 1]
        return self.data[start:end].tobytes().decode("utf-8", "surrogatepass")


class SentenceTable(Sequence[Sentence]):
    """The sentences of an index, kept by column: a million rows cost a few arrays rather than
    a million objects. Rows come back as `Sentence` on demand.

    `section` numbers the distinct `sections` (-1: none), `page` is 0 where there is none,
    `kind` numbers the block kinds in `KINDS` order and `ocr` is a boolean column.
    """

    # The per-row columns besides the text, as the index folder stores them.
    COLUMNS = ("source", "start", "end", "block", "section", "page", "kind", "ocr")

    def __init__(
        self,
        sources: list[str],
        source: np.ndarray,
        text: TextColumn,
        start: np.ndarray,
        end: np.ndarray,
        block: np.ndarray,
        sections: list[str],
        section: np.ndarray,
        page: np.ndarray,
        kind: np.ndarray,
        ocr: np.ndarray,
    ) -> None:
        self.sources = sources
        self.source = np.asarray(source, dtype=np.int32)
        self.text = text
        self.start = np.asarray(start, dtype=np.int64)
        self.end = np.asarray(end, dtype=np.int64)
        self.block = np.asarray(block, dtype=np.int64)
        self.sections = sections
        self.section = np.asarray(section, dtype=np.int32)
        self.page = np.asarray(page, dtype=np.int32)
        self.kind = np.asarray(kind, dtype=np.uint8)
        self.ocr = np.asarray(ocr, dtype=np.bool_)
        columns = (self.source, self.start, self.end, self.block, self.section, self.page, self.kind, self.ocr)
        if any(len(column) != len(text) for column in columns):
            raise ValueError("the columns of a sentence table must have the same length")

    @classmethod
    def of(cls, sentences: Sequence[Sentence]) -> SentenceTable:
        sources = list(dict.fromkeys(s.source for s in sentences))
        sections = list(dict.fromkeys(s.section for s in sentences if s.section is not None))
        source_number = {source: i for i, source in enumerate(sources)}
        section_number = {section: i for i, section in enumerate(sections)}
        return cls(
            sources,
            np.array([source_number[s.source] for s in sentences], dtype=np.int32),
            TextColumn.of(s.text for s in sentences),
            np.array([s.start for s in sentences], dtype=np.int64),
            np.array([s.end for s in sentences], dtype=np.int64),
            np.array([s.block for s in sentences], dtype=np.int64),
            sections,
            np.array([-1 if s.section is None else section_number[s.section] for s in sentences], dtype=np.int32),
            np.array([s.page or 0 for s in sentences], dtype=np.int32),
            np.array([KINDS.index(s.kind) for s in sentences], dtype=np.uint8),
            np.array([s.ocr for s in sentences], dtype=np.bool_),
        )

    @classmethod
    def join(cls, pieces: Sequence[SentenceTable]) -> SentenceTable:
        """One table of the pieces' rows in order, equal to `SentenceTable.of` of all their
        sentences: sources and sections numbered in the order they first appear. Made column by
        column, so no Sentence objects are made (a million cost about 0.4 GB)."""
        if not pieces:
            return cls.of([])
        sources: dict[str, int] = {}
        sections: dict[str, int] = {}
        columns = {name: np.concatenate([getattr(piece, name) for piece in pieces]) for name in cls.COLUMNS}
        columns["source"] = np.concatenate([_renumbered(piece.source, piece.sources, sources) for piece in pieces])
        columns["section"] = np.concatenate([_renumbered(piece.section, piece.sections, sections) for piece in pieces])
        starts = np.cumsum([0] + [len(piece.text.data) for piece in pieces[:-1]])
        offsets = [piece.text.offsets[1:] + start for piece, start in zip(pieces, starts, strict=True)]
        data = np.concatenate([piece.text.data for piece in pieces])
        text = TextColumn(data, np.concatenate([np.zeros(1, dtype=np.int64), *offsets]))
        return cls(list(sources), text=text, sections=list(sections), **columns)

    def rows(self, rows: slice) -> SentenceTable:
        """The rows `rows` (a slice with step 1), column by column: no Sentence objects are made,
        and the names lists are the whole table's."""
        start, stop = self.text.offsets[rows.start], self.text.offsets[rows.stop]
        text = TextColumn(np.asarray(self.text.data[start:stop]), self.text.offsets[rows.start : rows.stop + 1] - start)
        columns = {name: getattr(self, name)[rows] for name in self.COLUMNS}
        return SentenceTable(self.sources, text=text, sections=self.sections, **columns)

    def __len__(self) -> int:
        return len(self.text)

    @overload
    def __getitem__(self, index: int) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...

    def __getitem__(self, index: int | slice) -> Sentence | list[Sentence]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        section, page = int(self.section[index]), int(self.page[index])
        return Sentence(
            self.sources[self.source[index]],
            self.text[index],
            int(self.start[index]),
            int(self.end[index]),
            int(self.block[index]),
            self.sections[section] if section >= 0 else None,
            page or None,
            KINDS[self.kind[index]],
            bool(self.ocr[index]),
        )


def _renumbered(column: np.ndarray, names: list[str], numbers: dict[str, int]) -> np.ndarray:
    """`column` (indices into `names`, -1 for none) as indices into `numbers`, which gains the
    names not in it yet in the order their rows first appear."""
    used, first_rows = np.unique(column[column >= 0], return_index=True)
    for local in used[np.argsort(first_rows, kind="stable")]:
        numbers.setdefault(names[local], len(numbers))
    mapping = np.array([numbers.get(name, -1) for name in names] + [-1], dtype=np.int32)
    return mapping[column]
