"""Word list numbers ("1.", "2.", "b)", "iv.") as Word shows them before numbered paragraphs.

Word does not store these numbers in the text: a paragraph names a list (w:numPr, in its own
properties or its style's) and Word counts. python-docx exposes the numbering part's XML but not
the numbers, and docx2python, which computes them, is a second parser of the whole file; so the
counting is written here, for what steps and checklists use: decimal, letter and roman formats,
nine levels, a start value per level. Lists (w:num) that share a definition (w:abstractNum) share
its counts, as in Word, but for a level a list restarts (w:startOverride) where it is first used.
Bullets get no label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from qa.ingest.formats.list_numbers import formatted, whole_number

_VAL = qn("w:val")
_LEVELS = 9


@dataclass(frozen=True)
class _Level:
    """One level of a list definition: its number format, start value and label pattern ("%1.")."""

    format: str
    start: int
    text: str


@dataclass
class Numbering:
    """The numbering definitions of one document and the counts so far: `label` is called on each
    paragraph in reading order."""

    # (numId, level) -> its level's definition; numId -> its definition's id; the (numId, level)
    # pairs that restart at their own start.
    levels: dict[tuple[str, int], _Level]
    definitions: dict[str, str]
    restarts: set[tuple[str, int]]
    styles: dict[str, tuple[str, int]]
    counts: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: WordDocument) -> Numbering:
        """The document's lists (none where it has no numbering part) and its styles' lists."""
        part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/numbering")), None)
        root = getattr(part, "element", None)
        levels, definitions, restarts = _levels(root) if root is not None else ({}, {}, set())
        return cls(levels, definitions, restarts, _style_lists(document))

    def in_list(self, paragraph: etree._Element) -> bool:
        """Whether the paragraph is an item of a list, numbered or bulleted."""
        return self._list_of(paragraph) is not None

    def label(self, paragraph: etree._Element) -> str:
        """ "2. " for the second paragraph of a decimal list, "" for a bullet or a paragraph of no
        list; counts the paragraph."""
        reference = self._list_of(paragraph)
        if reference is None:
            return ""
        number, depth = reference
        level = self.levels.get((number, depth))
        if level is None:
            return ""
        counts = self.counts.setdefault(self.definitions[number], [None] * _LEVELS)
        previous = counts[depth]
        restart = (number, depth) in self.restarts
        self.restarts.discard((number, depth))
        counts[depth] = level.start if previous is None or restart else previous + 1
        counts[depth + 1 :] = [None] * (_LEVELS - depth - 1)
        if level.format in ("bullet", "none"):
            return ""
        text = level.text
        for shown in range(depth, -1, -1):
            above = self.levels.get((number, shown))
            if above is not None:
                count = counts[shown]
                text = text.replace(f"%{shown + 1}", formatted(above.start if count is None else count, above.format))
        return f"{text} " if text.strip() else ""

    def _list_of(self, paragraph: etree._Element) -> tuple[str, int] | None:
        """(numId, level) of the list the paragraph is in, by its own properties or its style's."""
        reference = _reference(paragraph.find(qn("w:pPr")))
        if reference is None:
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            reference = self.styles.get(style.get(_VAL, "")) if style is not None else None
        return None if reference is None or reference[0] == "0" else reference


def _levels(root: etree._Element) -> tuple[dict[tuple[str, int], _Level], dict[str, str], set[tuple[str, int]]]:
    """For every list (w:num) of the numbering part: (numId, level) -> _Level, numId -> the id of
    its definition, and the (numId, level) pairs it restarts (w:startOverride). A level whose
    number is not one is left out."""
    abstract: dict[str, dict[int, _Level]] = {}
    for definition in root.iterfind(qn("w:abstractNum")):
        levels = {}
        for level in definition.iterfind(qn("w:lvl")):
            depth = whole_number(level.get(qn("w:ilvl")), _LEVELS)
            if depth < _LEVELS:
                levels[depth] = _Level(
                    _value(level, "w:numFmt", "decimal"), whole_number(_value(level, "w:start", "1"), 1), _value(level, "w:lvlText", "")
                )
        abstract[definition.get(qn("w:abstractNumId"), "")] = levels
    levels_of: dict[tuple[str, int], _Level] = {}
    definitions: dict[str, str] = {}
    restarts: set[tuple[str, int]] = set()
    for instance in root.iterfind(qn("w:num")):
        number = instance.get(qn("w:numId"), "")
        definitions[number] = _value(instance, "w:abstractNumId", "")
        for depth, level in abstract.get(definitions[number], {}).items():
            levels_of[(number, depth)] = level
        for override in instance.iterfind(qn("w:lvlOverride")):
            depth = whole_number(override.get(qn("w:ilvl")), _LEVELS)
            start = override.find(qn("w:startOverride"))
            if start is not None and (number, depth) in levels_of:
                old = levels_of[(number, depth)]
                levels_of[(number, depth)] = _Level(old.format, whole_number(start.get(_VAL), old.start), old.text)
                restarts.add((number, depth))
    return levels_of, definitions, restarts


def _style_lists(document: WordDocument) -> dict[str, tuple[str, int]]:
    """Style id -> (numId, level) of the paragraph styles that number their paragraphs ("List
    Number"), through the styles they are based on."""
    elements = {style.get(qn("w:styleId"), ""): style for style in document.styles.element.iterfind(qn("w:style"))}
    found: dict[str, tuple[str, int]] = {}
    for style_id, style in elements.items():
        seen: set[str] = set()
        current: etree._Element | None = style
        while current is not None and style_id not in found:
            reference = _reference(current.find(qn("w:pPr")))
            if reference is not None:
                found[style_id] = reference
            identity = current.get(qn("w:styleId"), "")
            seen.add(identity)
            based = current.find(qn("w:basedOn"))
            parent = based.get(_VAL, "") if based is not None else ""
            current = elements.get(parent) if parent not in seen else None
    return found


def _reference(properties: etree._Element | None) -> tuple[str, int] | None:
    """(numId, level) of paragraph or style properties that name a list."""
    numbering = properties.find(qn("w:numPr")) if properties is not None else None
    if numbering is None:
        return None
    number = numbering.find(qn("w:numId"))
    if number is None:
        return None
    return number.get(_VAL, ""), min(whole_number(_value(numbering, "w:ilvl", "0"), 0), _LEVELS - 1)


def _value(element: etree._Element, child: str, default: str) -> str:
    found = element.find(qn(child))
    return found.get(_VAL, default) if found is not None else default
