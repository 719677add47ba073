"""Documents -> sentences: pysbd boundaries, corrected by a small rule layer, with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from qa.documents import BlockKind, Document

SPLITTER = f"pysbd {pysbd.__version__} + qa rules 1"

# pysbd ends a sentence after these even when the next word continues it ("approx. 5 km").
_CONTINUING_ABBREVIATIONS = re.compile(
    r"(?:\b(?:approx|appr|ca|cf|e\.g|i\.e|vs|viz|etc|incl|esp|resp|Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Gov|"
    r"Lt|Col|Capt|Sgt|Univ|Dept|Fig|No|Nos|Vol|pp|St|Mt)\.)\s*$"
)
_STARTS_LIKE_CONTINUATION = re.compile(r"\s*[a-z0-9(]")
_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Sentence:
    """One answer candidate; `start`/`end` index its document's text, `block` its paragraph."""

    source: str
    text: str
    start: int
    end: int
    block: int
    section: str | None = None
    page: int | None = None


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, as (start, end) offsets into `text`."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for segment in _segmenter().segment(text):
        piece = segment.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # pysbd altered the text; fall back to its own length
            start = cursor
        end = start + len(piece)
        cursor = end
        if spans and _is_false_break(text[spans[-1][0] : spans[-1][1]], text[start:end]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _is_false_break(previous: str, current: str) -> bool:
    """A break right after an abbreviation that the next words continue is not a sentence end."""
    if _CONTINUING_ABBREVIATIONS.search(previous) is None:
        return False
    return _STARTS_LIKE_CONTINUATION.match(current) is not None or previous.endswith(
        ("Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "Capt.", "Sgt.")
    )


def document_sentences(document: Document) -> list[Sentence]:
    """Every answer candidate of a document: headings and text without letters are left out."""
    sentences = []
    for index, block in enumerate(document.blocks):
        if block.kind is BlockKind.HEADING:
            continue
        text = document.block_text(block)
        for start, end in split_sentences(text):
            piece = text[start:end]
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
                    )
                )
    return sentences
