"""Containers nested past markdown-it's nesting limit: a cheap test for them, and their lines
made flat (container markers blanked) to be read again."""

from __future__ import annotations

import bisect
import re

from linter.markup.parser import MAX_NESTING

_NOT_NEWLINE = re.compile(r"[^\n]")
#: What opens containers at the start of a line: indentation, ``>`` and list markers.
_CONTAINER_PREFIX = re.compile(r"(?m)^(?:[ \t>]|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))+")
#: A cheap first test for :func:`may_pass_nesting_limit`: a long run of prefix characters.
_LONG_PREFIX = re.compile(r"(?m)^[ \t>*+\-0-9.)]{12,}")


def flattened(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` with everything outside ``spans`` blanked and, inside them, each line's
    container prefix (indentation, ``>``, list markers) blanked: the same offsets and
    newlines, and nothing left that nests."""
    blank = _NOT_NEWLINE.sub(" ", text)
    parts = []
    last = 0
    for start, end in spans:
        parts.append(blank[last:start])
        parts.append(_CONTAINER_PREFIX.sub(lambda m: " " * len(m.group()), text[start:end]))
        last = end
    parts.append(blank[last:])
    return "".join(parts)


def clipped(
    spans: list[tuple[int, int]], within: tuple[tuple[int, int], ...]
) -> list[tuple[int, int]]:
    """The parts of ``spans`` that lie inside ``within`` (sorted, not overlapping)."""
    starts = [start for start, _ in within]
    parts = []
    for start, end in spans:
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        while index < len(within) and within[index][0] < end:
            low, high = max(start, within[index][0]), min(end, within[index][1])
            if low < high:
                parts.append((low, high))
            index += 1
    return parts


def may_pass_nesting_limit(text: str) -> bool:
    """False only when no line of ``text`` opens containers deep enough to reach
    :data:`MAX_NESTING` (each level takes at least one column of a line's prefix of
    indentation, ``>`` and list markers; half the limit is required, for a margin)."""
    for candidate in _LONG_PREFIX.finditer(text):
        prefix = _CONTAINER_PREFIX.match(text, candidate.start())
        if prefix is not None and _columns(prefix.group()) >= MAX_NESTING // 2:
            return True
    return False


def _columns(prefix: str) -> int:
    """The columns ``prefix`` spans, a tab reaching the next multiple of 4."""
    column = 0
    for char in prefix:
        column = column + 4 - column % 4 if char == "\t" else column + 1
    return column
