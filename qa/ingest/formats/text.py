"""Plain text: lines, paragraphs, headings and list items recovered from layout alone."""

from __future__ import annotations

import re

from qa.ingest.documents import SECTION_SEPARATOR, Block, BlockKind, Document, is_labelled, is_labelled_field

_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\r]*\n")
# What opens a list item at the start of a line: a bullet, or a number of up to three digits and
# "." or ")", then a space.
LIST_MARKER = re.compile(r"[ \t]*(?:[-*•◦‣▪]|\d{1,3}[.)])[ \t]+")
TERMINAL = tuple(".!?:;\"”’')]…")  # what a sentence or a clause ends with
# A line this long that ends without punctuation is taken to be hard-wrapped prose.
_WRAPPED_LINE = 50
# Unpunctuated lines up to this many words are headings; longer ones only in Title Case.
_SHORT_HEADING_WORDS = 6
_TITLE_HEADING_WORDS = 12
_HAS_WORD = re.compile(r"[^\W_]")
# An FAQ's question line ("Q: When is payday?", "Question 3: ...") and the marker that opens the
# answer after it ("A: Employees are paid ..."), which names no content.
_FAQ_QUESTION = re.compile(r"[ \t]*(?:Q|Question)[ \t]*\d*[ \t]*[:.)][ \t]", re.IGNORECASE)
_FAQ_ANSWER = re.compile(r"[ \t]*(?:A|Answer)[ \t]*\d*[ \t]*[:.)][ \t]+", re.IGNORECASE)
# A line that ends in a closing bracket not after a full stop, question or exclamation mark.
_ENDS_IN_BRACKET = re.compile(r"(?<![.!?…:;])[)\]]\s*$")


def parse_text(source: str, text: str) -> Document:
    """Keep the file's own text, so that every span indexes the file itself. The file's first
    line is its title where `_is_title`. A heading written in capitals that opens the file, or
    one of two or more ("LEMON DRIZZLE CAKE", "CHEESE SCONES"), is above the headings in small
    letters after it ("Ingredients", "Method"), whose section is the path of the two ("LEMON
    DRIZZLE CAKE › Method"), until the next heading in capitals; one alone within the file ("DO
    NOT USE THE LIFT") is a heading like any other."""
    blocks: list[Block] = []
    section: str | None = None
    above: str | None = None
    laid_out = layout_blocks(text)
    if _is_title(text, laid_out):
        laid_out[0] = (BlockKind.HEADING, *laid_out[0][1:])
    headings = [" ".join(text[start:end].split()) for kind, start, end in laid_out if kind is BlockKind.HEADING]
    ranked = sum(1 for heading in headings if _in_capitals(heading)) >= 2
    for kind, start, end in laid_out:
        if kind is BlockKind.HEADING:
            heading = " ".join(text[start:end].split())
            if _in_capitals(heading) and (ranked or start == laid_out[0][1]):
                above = section = heading
            else:
                section = heading if above is None else f"{above}{SECTION_SEPARATOR}{heading}"
        blocks.append(Block(kind, start, end, section))
    return Document(source, text, tuple(blocks))


def _in_capitals(heading: str) -> bool:
    """Whether a heading is written in capitals: in two words or more, or one of four letters or
    more ("SUNDAY BEEF STEW", "FINES"; not an acronym alone, "FAQ")."""
    words = [word for word in heading.split() if any(c.isalpha() for c in word)]
    letters = sum(c.isalpha() for c in heading)
    return (len(words) >= 2 or letters >= 4) and not any(c.islower() for c in heading)


def _is_title(text: str, blocks: list[tuple[BlockKind, int, int]]) -> bool:
    """Whether the first block, a paragraph, is the file's title: one line, a paragraph of its own
    before others, that would be a heading (`_looks_like_heading`) but for the closing bracket it
    ends with ("Python (programming language)", "14 Maple Court (ground floor flat)"), and no
    labelled field. A longer first line without a full stop may be a fact ("Rent is due on
    the third day of every month") or a list's lead-in: it stays a paragraph."""
    if len(blocks) < 2 or blocks[0][0] is not BlockKind.PARAGRAPH:
        return False
    start, end = blocks[0][1], blocks[0][2]
    line = text[start:end]
    alone = _PARAGRAPH_BREAK.match(text, end) is not None and "\n" not in line
    bracketed = _ENDS_IN_BRACKET.search(line) is not None
    return alone and bracketed and not is_labelled_field(line) and _looks_like_heading(line.split())


def layout_blocks(text: str) -> list[tuple[BlockKind, int, int]]:
    """Blocks recovered from layout alone, as (kind, start, end) offsets into `text`.

    A newline ends a unit unless the line looks hard-wrapped (long, or followed by a
    lowercase continuation); short unpunctuated lines are headings, which become the
    section of what follows and are never answers, but for a labelled field ("Date: 14 May
    2024", "Location: Room 4B" among other fields: `is_labelled_field`), which is a fact; a line
    of neither letters nor digits (a rule, a heading's "-----" underline) is no block. A numbered
    line in title case over what follows is a heading ("1. Eligibility", "4. Working Abroad"; see
    _numbered_heading), and an FAQ answer's "A:" after a "Q:" line is no part of its text. Also
    used for the paragraphs of PDFs, which come one line each, so that the last two rules have
    nothing to act on there.
    """
    units = [
        (start, end)
        for para_start, para_end in _spans(_PARAGRAPH_BREAK, text)
        for start, end in _units(text, para_start, para_end)
        if _HAS_WORD.search(text, start, end)  # a rule or an underline ("-----" under a heading) is no block
    ]
    blocks: list[tuple[BlockKind, int, int]] = []
    labelled = [is_labelled(text[start:end]) for start, end in units]
    for i, (start, end) in enumerate(units):
        among_fields = (i > 0 and labelled[i - 1]) or (i + 1 < len(units) and labelled[i + 1])
        kind, begin = _classify(text, start, end, among_fields)
        answer = _FAQ_ANSWER.match(text, start, end) if i else None
        if kind is BlockKind.ITEM and _numbered_heading(text, units, blocks, i):
            kind, begin = BlockKind.HEADING, start
        elif answer and answer.end() < end and _FAQ_QUESTION.match(text, units[i - 1][0], units[i - 1][1]):
            kind, begin = BlockKind.PARAGRAPH, answer.end()  # "A: 30 days" is an answer, however short
        blocks.append((kind, begin, end))
    return blocks


def _numbered_heading(
    text: str, units: list[tuple[int, int]], blocks: list[tuple[BlockKind, int, int]], i: int
) -> bool:
    """Whether the numbered unit `i` heads what follows it ("1. Eligibility" over a paragraph)
    rather than being a step ("1. Unplug the router", with a line of explanation under it): one
    line without end punctuation whose words are capitalised (but for words of up to three
    letters, "Equipment and Security"), no numbered item just before it (`blocks`: the units before
    it as classified) and something just after it that is not a numbered item."""
    start, end = units[i]
    unit = text[start:end]
    marker = LIST_MARKER.match(unit)
    if marker is None or not _is_numbered(unit) or "\n" in unit or unit.endswith(TERMINAL):
        return False
    words = unit[marker.end() :].split()
    if not words or len(words) > _TITLE_HEADING_WORDS or not all(w[:1].isupper() or len(w) <= 3 for w in words):
        return False
    after = i + 1 < len(units) and not _is_numbered(text[units[i + 1][0] : units[i + 1][1]])
    before = blocks[-1] if blocks else None
    after_item = before is not None and before[0] is BlockKind.ITEM and _is_numbered(text[before[1] : before[2]])
    return after and not after_item


def _is_numbered(unit: str) -> bool:
    """Whether a unit opens with a list number ("2. ", "3) ")."""
    marker = LIST_MARKER.match(unit)
    return marker is not None and marker.group().strip()[:1].isdigit()


def _spans(separator: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-blank stretches of text[start:end] between separators, trimmed of white space."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for match in separator.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lines = _spans(re.compile(r"\n"), text, start, end)
    units: list[tuple[int, int]] = []
    for line in lines:
        if units and _continues(text, units[-1], line):
            units[-1] = (units[-1][0], line[1])
        else:
            units.append(line)
    return units


def _continues(text: str, previous: tuple[int, int], line: tuple[int, int]) -> bool:
    last_line = text[previous[0] : previous[1]].rsplit("\n", 1)[-1].strip()
    nxt = text[line[0] : line[1]]
    if last_line.endswith(TERMINAL) or LIST_MARKER.match(nxt):
        return False
    if nxt[0].isupper() and is_labelled(last_line) and is_labelled(nxt):  # "Location: ..." then "Attendees: ..."
        return False
    return nxt[0].islower() or len(last_line) >= _WRAPPED_LINE


def _classify(text: str, start: int, end: int, among_fields: bool) -> tuple[BlockKind, int]:
    unit = text[start:end]
    marker = LIST_MARKER.match(unit)
    if marker:
        # A bullet is no text; a number is ("2. Press the red button"), as a reader sees it.
        numbered = marker.group().strip()[:1].isdigit()
        return BlockKind.ITEM, start + (len(marker.group()) - len(marker.group().lstrip()) if numbered else marker.end())
    if "\n" not in unit and reads_as_heading(unit, among_fields):
        return BlockKind.HEADING, start
    return BlockKind.PARAGRAPH, start


def reads_as_heading(line: str, among_fields: bool = False) -> bool:
    """Whether a line standing alone reads as a heading by its words: without end punctuation,
    no labelled field ("Date: 14 May 2024"; `is_labelled_field`), and of at most six words, or
    twelve in title case ("Bin store and car park", "Terms of Business for Private Clients")."""
    return not line.endswith(TERMINAL) and not is_labelled_field(line, among_fields) and _looks_like_heading(line.split())


def _looks_like_heading(words: list[str]) -> bool:
    if len(words) <= _SHORT_HEADING_WORDS:
        return True
    capitalised = sum(1 for word in words if word[:1].isupper() or len(word) <= 3)
    return len(words) <= _TITLE_HEADING_WORDS and capitalised == len(words)
