"""Ranked sentences -> the answer a person reads: passages with source, context and score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from qa.ingest.reading import page_label
from qa.ingest.sentences import Sentence
from qa.search.retrieval import Hit

NOT_FOUND = "I couldn't find that in the documents."
# Sentences on each side of the answer shown as its context, within its paragraph.
CONTEXT_SENTENCES = 2


@dataclass(frozen=True)
class Passage:
    """One answer sentence and where it comes from.

    `start`/`end` index the document's text (for .txt files, the file itself);
    `context[highlight_start:highlight_end]` is the sentence inside its context. `page` is the
    1-based page, slide or row number, and `location` says which ("p. 3", "slide 3", "row 14");
    `ocr` is True where the text was recognised from an image (a scan or a photo). `section` is the
    path of headings above the sentence, outermost first ("Campus parking › Lot B › Hours"; see
    `qa.ingest.documents.Block`).
    """

    text: str
    source: str
    score: float
    context: str
    start: int
    end: int
    highlight_start: int
    highlight_end: int
    section: str | None = None
    page: int | None = None
    location: str | None = None
    ocr: bool = False


@dataclass(frozen=True)
class Answer:
    """What `QA.answer` returns; `found` is False when the documents hold no answer.

    `confidence` estimates the chance that the first passage answers the question
    (`qa.search.confidence`, calibrated on TyDi QA and SQuAD); None when nothing was searched.
    """

    question: str
    text: str
    found: bool
    passages: list[Passage] = field(default_factory=list)
    confidence: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def make_passage(sentences: Sequence[Sentence], hit: Hit, previous: np.ndarray, following: np.ndarray) -> Passage:
    """The hit's sentence with up to CONTEXT_SENTENCES neighbours of its paragraph (or of its
    sheet's rows or its list's items) on each side, a space between sentences of one paragraph and
    a blank line between blocks; a neighbour that overlaps it (a list shown whole and its first
    item) is left out."""
    rows = [hit.row]
    for _ in range(CONTEXT_SENTENCES):
        if previous[rows[0]] != rows[0]:
            rows.insert(0, previous[rows[0]])
        if following[rows[-1]] != rows[-1]:
            rows.append(following[rows[-1]])
    rows = [int(r) for r in rows]
    near = {r: sentences[r] for r in rows}
    sentence = near[hit.row]
    rows = [r for r in rows if r == hit.row or not (near[r].start < sentence.end and sentence.start < near[r].end)]
    pieces: list[str] = []
    highlight_start = 0
    for i, row in enumerate(rows):
        if i:
            pieces.append(" " if near[rows[i - 1]].block == near[row].block else "\n\n")
        if row == hit.row:
            highlight_start = sum(len(piece) for piece in pieces)
        pieces.append(near[row].text)
    context = "".join(pieces)
    return Passage(
        text=sentence.text,
        source=sentence.source,
        score=round(hit.score, 4),
        context=context,
        start=sentence.start,
        end=sentence.end,
        highlight_start=highlight_start,
        highlight_end=highlight_start + len(sentence.text),
        section=sentence.section,
        page=sentence.page,
        location=page_label(sentence.source, sentence.page),
        ocr=sentence.ocr,
    )
