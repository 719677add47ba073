"""PDF page layout: a page's lines, with their boxes in points, put in reading order column by
column and joined into paragraphs where a line was only wrapped.

Hand-written geometry, because none of the fast extractors does this: pypdf and PDFium give lines
in the order the file draws them (row by row across columns in many files), and pdfminer.six's
layout analysis, which does order columns, reads about a third as fast (benchmarks/pdf_layout.py).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from itertools import pairwise

from qa.ingest.formats.text import TERMINAL

# Side-by-side lines this far apart (in font sizes) are in different columns.
_GUTTER_SIZES = 1.0
# A gap between side-by-side lines seen in at least this many rows is a column gutter.
_GUTTER_ROWS = 2
# How many lines above and below the rows of a gutter's gaps the lines that cross it are counted.
_GUTTER_REACH = 3
# Lines whose vertical overlap is at least this share of the smaller line are on one row.
_ROW_OVERLAP = 0.5
# A font this much larger than the body's, or smaller, starts a new paragraph.
_SIZE_CHANGE = 0.1
# A line spacing this many times the column's usual one is a paragraph break.
_PARAGRAPH_SPACING = 1.3
# After a line that was wrapped at a full stop, a capital goes on with the paragraph only on a
# line at most this many font sizes below it (single or 1.15 spacing, not space between
# paragraphs), not indented by this many font sizes more, not looking like a heading (without
# end punctuation and under this share of the column's width) and not opening with a label.
_LINE_STEP = 1.6
_INDENT = 0.5
_HEADING_WIDTH = 0.6
# Only after these: a line ending in a colon, a question mark or a bracket leads to something of its own.
_FULL_STOP = (".", "!", "…", '."', ".”", ".)")
# A line opening with a label starts something of its own: "(a) Rent is due …", "b) …", "Q: …", "A. …".
_LABEL = re.compile(r"(?:\(?[a-z0-9]{1,3}\)|(?:Q|A|Question|Answer)\s*[:.])\s", re.I)
_LIST_ITEM = re.compile(r"(?:[-*•◦‣▪]|\d{1,3}[.)])\s")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")


@dataclass(frozen=True)
class Line:
    """One line of one column as the page draws it; x grows rightwards and y downwards, in points.
    A table (`qa.ingest.formats.pdf_tables`) stands in the page as one line of its box and its
    `rows`' texts, so that it is read where it stands in its column."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_word: float  # width of the line's first word, in points
    rows: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """Lines joined where they were only wrapped; `size` is its first line's font size in points.
    A table (`qa.ingest.formats.pdf_tables`) is one of its `rows`' texts, of size 0."""

    text: str
    size: float
    rows: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Region:
    """Lines read top to bottom: one column of a band, or a stretch of full-width lines.

    `rights` is the column's right edge for each font size (rounded points) that two lines or
    more have, and `spacing` its usual distance from one line's top to the next one's (points).
    A title or a box set in another size than the body text does not move the body's edge.
    """

    lines: list[Line]
    band: int
    rights: dict[int, float]
    spacing: float | None

    @classmethod
    def of(cls, lines: list[Line], band: int) -> _Region:
        """The region of these lines, sorted top to bottom."""
        lines = sorted(lines, key=lambda line: line.top)
        steps = [b.top - a.top for a, b in pairwise(lines) if _same_size(a, b) and b.top > a.top]
        ends: dict[int, list[float]] = {}
        for line in lines:
            ends.setdefault(round(line.size), []).append(line.x1)
        rights = {size: max(x1s) for size, x1s in ends.items() if len(x1s) > 1}
        return cls(lines, band, rights, statistics.median(steps) if steps else None)


def rows(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by vertical overlap, top row first, each row left to right."""
    grouped: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: (line.top, line.x0)):
        if grouped and _overlap(grouped[-1][0], line):
            grouped[-1].append(line)
        else:
            grouped.append([line])
    return [sorted(row, key=lambda line: line.x0) for row in grouped]


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """A page's lines as paragraphs in reading order; a table's line as a paragraph of its rows."""
    found: list[list[Line]] = []
    previous: tuple[Line, _Region] | None = None
    for region in _regions(lines):
        for line in region.lines:
            if previous is not None and _continues(*previous, line, region):
                found[-1].append(line)
            else:
                found.append([line])
            previous = (line, region)
    return [
        Paragraph("\n".join(group[0].rows), 0.0, group[0].rows) if group[0].rows else Paragraph(_joined(group), group[0].size)
        for group in found
    ]


def join_pages(pages: list[list[Paragraph]]) -> list[list[Paragraph]]:
    """The pages' paragraphs with one that a page break cuts made whole again, on the page it
    starts on: a page's last paragraph that ends without a full stop (or with a hyphenated word)
    goes on with the next page's first when that opens in lower case in the same type size."""
    joined = [list(found) for found in pages]
    for number in range(len(joined) - 1):
        if not joined[number] or not joined[number + 1]:
            continue
        last, first = joined[number][-1], joined[number + 1][0]
        if last.rows or first.rows:
            continue
        opens_lower = first.text[:1].islower()
        hyphenated = _HYPHEN_END.search(last.text[-2:]) is not None
        if opens_lower and round(last.size) == round(first.size) and (hyphenated or not last.text.endswith(TERMINAL)):
            text = last.text[:-1] + first.text if hyphenated else f"{last.text} {first.text}"
            joined[number][-1] = Paragraph(text, last.size)
            del joined[number + 1][0]
    return joined


def _overlap(a: Line, b: Line) -> bool:
    shared = min(a.bottom, b.bottom) - max(a.top, b.top)
    return shared >= _ROW_OVERLAP * min(a.bottom - a.top, b.bottom - b.top)


def gutters(page_rows: list[list[Line]]) -> list[float]:
    """The middles (x, points) of the gaps between side-by-side lines that recur on several rows:
    of where the most rows' gaps overlap, since a short line ("… first visit.") leaves a wider gap
    than the column's full lines do, which its middle would cut through. Not where the lines
    after the gaps start at different places, nor where as many lines cross it as gaps hold it
    there and on the few rows around (`_clear`): wide spaces between justified words line up by
    chance on a few rows of one column."""
    found: list[tuple[Line, Line]] = []
    for row in page_rows:
        for left, right in pairwise(row):
            if right.x0 - left.x1 >= _GUTTER_SIZES * max(left.size, right.size):
                found.append((left, right))
    events = sorted([(left.x1, 1) for left, _ in found] + [(right.x0, -1) for _, right in found])
    middles, depth = [], 0
    deepest, span = 0, (0.0, 0.0)
    for (x, step), (following, _) in pairwise([*events, (0.0, 0)]):
        depth += step
        if depth > deepest and depth >= _GUTTER_ROWS:
            deepest, span = depth, (x, following)
        if depth < _GUTTER_ROWS <= deepest:
            middles.append(sum(span) / 2)
            deepest = 0
    return [middle for middle in middles if _clear(middle, found, page_rows)]


def _clear(middle: float, found: list[tuple[Line, Line]], page_rows: list[list[Line]]) -> bool:
    """Whether a column starts after the gaps that hold `middle` (at least _GUTTER_ROWS of the
    lines after them start within a point of one another) and fewer lines cross it than gaps hold
    it, from _GUTTER_REACH lines above the first such gap to as far below the last."""
    holding = [(left, right) for left, right in found if left.x1 < middle < right.x0]
    starts = sorted(right.x0 for _, right in holding)
    aligned = max(sum(1 for other in starts if 0 <= other - start <= 1.0) for start in starts)
    reach = _GUTTER_REACH * statistics.median(left.bottom - left.top for left, _ in holding)
    top, bottom = min(left.top for left, _ in holding) - reach, max(left.bottom for left, _ in holding) + reach
    crossing = sum(
        1 for row in page_rows for line in row if top <= line.top and line.bottom <= bottom and line.x0 < middle < line.x1
    )
    return aligned >= _GUTTER_ROWS and crossing < len(holding)


def _regions(lines: list[Line]) -> list[_Region]:
    """Bands of full-width lines and of columns, top down; each column read before the next."""
    page_rows = rows(lines)
    middles = gutters(page_rows)
    regions: list[_Region] = []
    band: list[Line] = []
    spanning = False
    for line in (line for row in page_rows for line in row):
        crosses = any(line.x0 < middle < line.x1 for middle in middles)
        if band and crosses != spanning:
            regions += _columns(band, [] if spanning else middles, len(regions))
            band = []
        band.append(line)
        spanning = crosses
    if band:
        regions += _columns(band, [] if spanning else middles, len(regions))
    return regions


def _columns(band: list[Line], gutters: list[float], number: int) -> list[_Region]:
    columns: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]
    for line in band:
        centre = (line.x0 + line.x1) / 2
        columns[sum(middle < centre for middle in gutters)].append(line)
    return [_Region.of(column, number) for column in columns if column]


def _continues(previous: Line, region: _Region, line: Line, current: _Region) -> bool:
    """Whether `line` goes on with the paragraph that `previous` ends."""
    if previous.rows or line.rows or _LIST_ITEM.match(line.text) or not _same_size(previous, line):
        return False
    if region is current and region.spacing and line.top - previous.top > _PARAGRAPH_SPACING * region.spacing:
        return False
    if _hyphenated(previous, line):
        return True
    first_word = line.text.split(maxsplit=1)[0]
    goes_on = first_word[0].islower() or not _HAS_LETTER.search(first_word)
    ended = previous.text.endswith(TERMINAL)
    right = region.rights.get(round(previous.size)) if region.band == current.band else None
    if right is not None and previous.x1 + line.first_word > right:
        # The next line's first word did not fit: the line was wrapped, also after a full stop,
        # unless space, an indent, a label or a heading in body type starts a new paragraph there.
        if goes_on or not ended:
            return True
        spaced = line.top - previous.top > _LINE_STEP * line.size
        indented = line.x0 > previous.x0 + _INDENT * line.size
        heading = not line.text.endswith(TERMINAL) and line.x1 - line.x0 < _HEADING_WIDTH * (right - previous.x0)
        return previous.text.endswith(_FULL_STOP) and not (spaced or indented or heading or _LABEL.match(line.text))
    return not ended and goes_on


def _same_size(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) <= _SIZE_CHANGE * max(a.size, b.size)


def _joined(lines: list[Line]) -> str:
    """Line texts joined by spaces, a word hyphenated across a line end made whole again."""
    pieces = [lines[0].text]
    for previous, line in pairwise(lines):
        if _hyphenated(previous, line):
            pieces[-1] = pieces[-1][:-1]
        else:
            pieces.append(" ")
        pieces.append(line.text)
    return "".join(pieces)


def _hyphenated(previous: Line, line: Line) -> bool:
    """Whether a word is cut by a hyphen at the end of `previous` and goes on at the start of `line`."""
    return _HYPHEN_END.search(previous.text[-2:]) is not None and line.text[0].islower()
