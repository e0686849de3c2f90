"""Markdown tables read back from a document's table-cell segments: rows of cells, the first
row the header. Also the cells that quote someone else's words: a row that credits an author
("| Title | Author |") cites that author's work, whose title is theirs to spell."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from linter.markup.segments import Segment

#: Columns that credit a work's author: the row's other cells quote that work.
_AUTHOR_HEADER = re.compile(
    r"^\s*(?:authors?|author\(s\)|by|speakers?|presenters?|written\s+by|posted\s+by)\s*$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    segment: Segment
    line: int

    @property
    def start(self) -> int:
        """The cell's source offset (what identifies it across passes)."""
        return self.segment.pieces[0].src_start


def tables(segments: Sequence[Segment], line_of: Callable[[int], int]) -> list[list[list[Cell]]]:
    """Tables as rows of cells; the first row is the header."""
    rows: list[list[Cell]] = []
    for segment in segments:
        if segment.kind != "table_cell" or not segment.pieces:
            continue
        cell = Cell(segment, line_of(segment.pieces[0].src_start))
        if rows and rows[-1][0].line == cell.line:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    found: list[list[list[Cell]]] = []
    for row in rows:
        previous = found[-1][-1][0].line if found else -10
        gap = 2 if found and len(found[-1]) == 1 else 1
        if found and row[0].line == previous + gap:
            found[-1].append(row)
        else:
            found.append([row])
    return found


def cells_under(segments: Sequence[Segment], line_of: Callable[[int], int],
                header: re.Pattern[str]) -> frozenset[int]:
    """Source offsets of the body cells under a header cell that ``header`` finds."""
    found: set[int] = set()
    for table in tables(segments, line_of):
        columns = [i for i, cell in enumerate(table[0]) if header.search(cell.segment.text)]
        for row in table[1:]:
            found.update(row[i].start for i in columns if i < len(row))
    return frozenset(found)


def cited_cells(segments: Sequence[Segment], line_of: Callable[[int], int]) -> frozenset[int]:
    """Source offsets of the cells of rows that credit an author ("| Description | Author |"
    in a list of tutorials, papers or talks): titles and blurbs of other people's work."""
    found: set[int] = set()
    for table in tables(segments, line_of):
        if any(_AUTHOR_HEADER.match(cell.segment.text) for cell in table[0]):
            found.update(cell.start for row in table[1:] for cell in row)
    return frozenset(found)
