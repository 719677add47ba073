"""Slide decks for the benchmark folders' .pptx files (python-pptx), built alike in each."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches

# A slide: its layout ("title", "points" or "table"), its title, its lines and its speaker notes.
Slide = tuple[str, str, Sequence[str], str]
_LAYOUTS = {"title": 0, "points": 1, "table": 5}


def write_deck(path: Path, slides: Sequence[Slide], table: Sequence[Sequence[str]], wide: bool) -> None:
    """The slides as a deck: a title slide's lines as its subtitle, a slide of points with a line
    that opens with two spaces one level in, a table slide holding `table`; each with its speaker
    notes. `wide`: 16:9 (13.333 by 7.5 inches), the points and the table as wide as the slide;
    else PowerPoint's default 4:3."""
    deck = Presentation()
    if wide:
        deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    for layout, title, lines, notes in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[_LAYOUTS[layout]])
        slide.shapes.title.text = title
        if layout == "title":
            slide.placeholders[1].text = "\n".join(lines)
        elif layout == "points":
            body = slide.placeholders[1]
            if wide:
                body.width = Inches(12)
            frame = body.text_frame
            frame.text = lines[0]
            for line in lines[1:]:
                paragraph = frame.add_paragraph()
                paragraph.text = line.strip()
                paragraph.level = 1 if line.startswith("  ") else 0
        else:
            box = (Inches(0.6), Inches(1.6), Inches(12), Inches(4)) if wide else (Inches(0.7), Inches(1.8), Inches(8.5), Inches(2.5))
            shape = slide.shapes.add_table(len(table), len(table[0]), *box)
            for r, row in enumerate(table):
                for c, text in enumerate(row):
                    shape.table.cell(r, c).text = text
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    deck.save(str(path))
