"""Building one prose segment: prose text and the pieces that map it to the source, with MDX
expressions shown as placeholders where prose touches them."""

from __future__ import annotations

import bisect
from typing import Any

from linter.markup.segments import PLACEHOLDER, Piece, Segment
from linter.markup.urls import mask_urls


class SegmentBuilder:
    """Accumulates prose and pieces for one segment."""

    __slots__ = (
        "emitted", "gap", "length", "next", "parts", "pieces", "region_starts", "regions", "text"
    )

    def __init__(
        self, text: str, regions: list[tuple[int, int, str]], starts: list[int], lower: int
    ) -> None:
        self.text = text
        self.parts: list[str] = []
        self.pieces: list[list[Any]] = []  # [prose_start, prose_len, src_start, src_end, role]
        self.length = 0
        self.regions = regions
        self.region_starts = starts
        self.emitted: set[int] = set()  # expression regions already shown as a placeholder
        # MDX regions from source offset ``lower`` on that the prose skips over (blanked, so
        # whitespace to markdown-it) still show as placeholders; -1: only regions it touches
        self.next = bisect.bisect_left(starts, lower) if lower >= 0 else len(regions)
        self.gap = -1  # end of the last skipped region shown, while prose may need a space

    def add(self, prose: str, src_start: int, src_end: int, role: str) -> None:
        pieces = self.pieces
        n = len(prose)
        if (
            pieces
            and n == src_end - src_start
            and pieces[-1][4] == role
            and pieces[-1][3] == src_start
            and pieces[-1][1] == pieces[-1][3] - pieces[-1][2]
        ):
            pieces[-1][1] += n
            pieces[-1][3] = src_end
        else:
            pieces.append([self.length, n, src_start, src_end, role])
        self.parts.append(prose)
        self.length += n

    def mapped(self, prose: str, src_start: int, src_end: int, role: str) -> None:
        """Add ``prose`` standing for the source span ``[src_start, src_end)``."""
        if self.regions:
            self.flush(src_start, prose[:1])
        self.add(prose, src_start, src_end, role)

    def source(self, src_start: int, length: int, role: str) -> None:
        """Add source text ``[src_start, src_start+length)`` verbatim (MDX regions removed)."""
        end = src_start + length
        if not self.regions:
            self.add(self.text[src_start:end], src_start, end, role)
            return
        self.flush(src_start, self.text[src_start : src_start + 1])
        index = bisect.bisect_right(self.region_starts, src_start) - 1
        pos = src_start
        if index < 0:
            index = 0
        while index < len(self.regions) and self.regions[index][0] < end:
            r_start, r_end, _kind = self.regions[index]
            if r_end > pos:
                if r_start > pos:
                    self.add(self.text[pos:r_start], pos, r_start, role)
                self._region(index)
                pos = max(pos, min(r_end, end))
            index += 1
        if pos < end:
            self.add(self.text[pos:end], pos, end, role)

    def _region(self, index: int) -> None:
        """Prose touches MDX region ``index``: an expression shows once as a placeholder."""
        start, end, kind = self.regions[index]
        if kind == "expr" and index not in self.emitted:
            self.emitted.add(index)
            self.add(PLACEHOLDER, start, end, "placeholder")

    def flush(self, upto: int, following: str = "") -> None:
        """Show the skipped expression regions that start before ``upto``, spaced as in the
        source from the prose around them; ``following`` is the prose about to be added."""
        regions = self.regions
        while self.next < len(regions) and regions[self.next][0] < upto:
            index = self.next
            self.next += 1
            start, end, kind = regions[index]
            if kind != "expr" or index in self.emitted:
                continue
            if self.parts and not self.parts[-1][-1:].isspace():
                self._space(start - 1)
            self._region(index)
            self.gap = end
        if self.gap >= 0 and upto > self.gap and following and not following.isspace():
            self._space(self.gap)
        self.gap = -1

    def skip(self, upto: int) -> None:
        """Regions before ``upto`` are in a link destination or the like: not prose."""
        while self.next < len(self.regions) and self.regions[self.next][0] < upto:
            self.next += 1

    def _space(self, pos: int) -> None:
        """Add the source space at ``pos`` to the prose, if it is one and not in a region."""
        if 0 <= pos < len(self.text) and self.text[pos] == " ":
            index = bisect.bisect_right(self.region_starts, pos) - 1
            if index < 0 or self.regions[index][1] <= pos:
                self.add(" ", pos, pos + 1, "text")

    def newline(self, prose: str, src: int, role: str) -> None:
        """A line break in the prose, at the source newline ``src``."""
        if self.regions:
            self.flush(src, prose)
            index = bisect.bisect_right(self.region_starts, src) - 1
            if index >= 0 and src < self.regions[index][1]:  # inside a multi-line region
                start, end, _kind = self.regions[index]
                if self.pieces and self.pieces[-1][3] <= start:  # first touch of the region
                    if not self.parts[-1][-1:].isspace():
                        self._space(start - 1)
                    self._region(index)
                self.gap = end
                return
        self.add(prose, src, src + 1, role)

    def segment(self, kind: str) -> tuple[Segment, list[tuple[int, int]]] | None:
        """The finished segment (URLs masked) and the URLs' source spans."""
        text, pieces, spans = mask_urls("".join(self.parts), self.pieces)
        if not text.replace(PLACEHOLDER, "").strip():
            return None
        return (
            Segment(text, tuple(Piece(*p) for p in pieces), kind=kind),
            spans,
        )
