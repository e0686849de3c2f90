"""Content maps: offsets in markdown-it's inline content back to offsets in the source."""

from __future__ import annotations

import bisect
import re

# markdown-it >= 4 trims with this set; older versions use str.strip().
MD_TRIM = "\t\n\x0b\x0c\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + (
    "\u2028\u2029\u202f\u205f\u3000"
)


class Unlocatable(Exception):
    """A prose fragment could not be mapped back to the source exactly."""



class ContentMap:
    """Runs ``(content_start, source_start, length)`` mapping inline content to the source."""

    __slots__ = ("runs", "starts")

    def __init__(self, runs: list[tuple[int, int, int]]) -> None:
        self.runs = runs
        self.starts = [run[0] for run in runs]

    def cover(self, start: int, end: int) -> list[tuple[int, int]]:
        """``(source_start, length)`` pieces exactly covering content ``[start, end)``."""
        runs = self.runs
        index = bisect.bisect_right(self.starts, start) - 1
        out = []
        pos = start
        while pos < end:
            if index < 0 or index >= len(runs):
                raise Unlocatable
            c, s, n = runs[index]
            if not c <= pos < c + n:
                raise Unlocatable
            length = min(end, c + n) - pos
            out.append((s + pos - c, length))
            pos += length
            index += 1
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span from the first mapped character of ``[start, end)`` to the last."""
        runs = self.runs
        index = bisect.bisect_right(self.starts, start) - 1
        if index >= 0 and start < runs[index][0] + runs[index][2]:
            src_start = runs[index][1] + start - runs[index][0]
        elif index + 1 < len(runs) and runs[index + 1][0] < end:
            src_start = runs[index + 1][1]
        else:
            raise Unlocatable
        index = bisect.bisect_right(self.starts, end - 1) - 1
        if index < 0:
            raise Unlocatable
        c, s, n = runs[index]
        src_end = s + min(end - c, n)
        if src_end <= src_start:
            raise Unlocatable
        return src_start, src_end


def anchor(text: str, line: str, end: int) -> tuple[int, int] | None:
    """Locate content ``line`` as the source text ending at ``end``: ``(lead, src_start)``.

    ``lead`` counts leading characters of ``line`` that are not in the source (markdown-it
    pads partially consumed tabs with spaces).
    """
    n = len(line)
    if n <= end and text[end - n : end] == line:
        return 0, end - n
    stripped = line.lstrip(" \t")
    k = len(stripped)
    if k and k <= end and text[end - k : end] == stripped:
        return n - k, end - k
    return None


def row_cells(text: str, start: int, end: int) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """Split a table row like markdown-it's ``escapedSplit``, keeping source positions."""
    raw = text[start:end]
    line = raw.strip(MD_TRIM)
    base = start + len(raw) - len(raw.lstrip(MD_TRIM))
    cells: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last = 0
    for match in re.finditer(r"\|", line):
        pos = match.start()
        if pos and line[pos - 1] == "\\":
            current.append((last, pos - 1))  # an escaped pipe drops its backslash
            last = pos
        else:
            current.append((last, pos))
            cells.append(current)
            current = []
            last = pos + 1
    current.append((last, len(line)))
    cells.append(current)
    out = []
    for ranges in cells:
        string = "".join(line[a:b] for a, b in ranges)
        runs = []
        offset = 0
        for a, b in ranges:
            if b > a:
                runs.append((offset, base + a, b - a))
                offset += b - a
        out.append((string, runs))
    if out and out[0][0] == "":
        out.pop(0)
    if out and out[-1][0] == "":
        out.pop()
    return out


def slice_runs(
    runs: list[tuple[int, int, int]], start: int, end: int
) -> list[tuple[int, int, int]]:
    """The part of ``runs`` covering content ``[start, end)``, renumbered from 0."""
    out = []
    for c, s, n in runs:
        a, b = max(c, start), min(c + n, end)
        if b > a:
            out.append((a - start, s + a - c, b - a))
    return out



def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)
