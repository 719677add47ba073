"""How a table row reads as text, shared by the Markdown, HTML, Word and PowerPoint readers.

A row is given as its cells, each (text, columns it spans). Under a header row, each cell is
named by its column, as spreadsheet rows read: "Plan: Team; Monthly price: 20 euros" tells the
ranking and the embedding model what "20 euros" is, where "Team | 20 euros" does not, and the
header row is then no answer candidate of its own. Without one, the cells are joined with " | ".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Cells = Sequence[tuple[str, int]]

# A row's first cell: its value after a column's name ("Ticket: ", "Time (hh:mm): "), up to the next cell.
_FIRST_CELL = re.compile(r"^(?:(?:[^:;|\n]|:(?!\s)){1,60}:\s)?(?P<value>[^;|\n]*)")
# A named cell after the first: "; Name: value", the value up to the next such cell (a value may
# hold "; ": "Access: Weekdays 6:00–16:00; all day at weekends").
_NAMED_CELL = re.compile(r"(?:^|;\s)(?P<name>(?:[^:;|\n]|:(?!\s)){1,60}):\s(?P<value>.*?)(?=;\s(?:[^:;|\n]|:(?!\s)){1,60}:\s|$)")


def column_names(header: Cells) -> list[str]:
    """A header row's name of each column (a cell spanning two columns names both)."""
    return [text for text, span in header for _ in range(span)]


def named_row(names: Sequence[str], cells: Cells) -> str:
    """ "Name: value; Name: value" of the non-empty cells, each named by `names` (one per column)
    at its first column; a cell past the names, or under an empty one, is its value alone."""
    named, column = [], 0
    for text, span in cells:
        name = names[column] if column < len(names) else ""
        if text:
            named.append(f"{name}: {text}" if name else text)
        column += span
    return "; ".join(named)


def plain_row(cells: Cells) -> str:
    """The non-empty cells joined with " | ", like a Markdown table row."""
    return " | ".join(text for text, _ in cells if text)


def table_rows(rows: Sequence[Cells], header: bool) -> list[str]:
    """Each row's text: with `header` (the first row is one) and a row with text below it, the
    rows below named by it and the header left out; otherwise every row plain (so a blank form's
    header row is kept)."""
    names = column_names(rows[0]) if header and has_text(rows[1:]) else []
    if any(names):
        return [named_row(names, cells) for cells in rows[1:]]
    return [plain_row(cells) for cells in rows]


def has_text(rows: Sequence[Cells]) -> bool:
    """Whether any cell of the rows holds text."""
    return any(text for cells in rows for text, _ in cells)


def first_cell(row: str) -> str:
    """The value of a row's first non-empty cell (the rows leave empty cells out), as `named_row`
    and `plain_row` (and a spreadsheet's rows, `qa.ingest.formats.spreadsheet`) write it: "Adult"
    of "Ticket: Adult; Price: £14.50", "Team" of "Team | 20 euros"; the row names what it is about
    there."""
    match = _FIRST_CELL.match(row)
    return match.group("value").strip() if match else ""


def named_cells(row: str) -> list[tuple[str, str]]:
    """A row written by `named_row` as its (column name, value) pairs, in order; [] for a row
    without names ("Team | 20 euros")."""
    return [(m.group("name").strip(), m.group("value").strip()) for m in _NAMED_CELL.finditer(row)]
