"""How a table row under a header row reads: each cell named by its column, as spreadsheet rows read.

"Plan: Team; Monthly price: 20 euros" tells the ranking and the embedding model what "20 euros"
is, where "Team | 20 euros" does not; the header row is then no answer candidate of its own.
"""

from __future__ import annotations

from collections.abc import Sequence


def named_row(names: Sequence[str], cells: Sequence[tuple[str, int]]) -> str:
    """ "Name: value; Name: value" of the non-empty cells, each given as (text, columns it spans)
    and named by the header's name of its first column (`names`: one per column); a cell past
    the names, or under an empty one, is its value alone."""
    named, column = [], 0
    for text, span in cells:
        name = names[column] if column < len(names) else ""
        if text:
            named.append(f"{name}: {text}" if name else text)
        column += span
    return "; ".join(named)
