"""Prose extracted from a document, with a map from every prose character to the source.

A :class:`Segment` is one run of prose (a paragraph, a heading, a table cell, a list item's
paragraph, ...). Its ``text`` is what checks read; its ``pieces`` map that text back to
offsets in the file's normalised source text (``SourceText.text``), so a finding's location
is always computed, never searched for.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

#: Stands in the prose for something that is not prose (inline code, an HTML tag, a URL,
#: a JSX expression). Checks never report a span that contains it.
PLACEHOLDER = "\ufffc"


@dataclass(frozen=True)
class Piece:
    """``text[prose_start:prose_start+prose_len]`` comes from ``source[src_start:src_end]``.

    When the lengths are equal the mapping is character by character (``exact``); otherwise
    (an entity such as ``&amp;``, an escape such as ``\\*``, a placeholder) the prose
    characters map to the whole source span.
    """

    prose_start: int
    prose_len: int
    src_start: int
    src_end: int
    role: str = "text"  # "text", "link" (link text), "alt" (image alt), "placeholder"

    @property
    def exact(self) -> bool:
        return self.prose_len == self.src_end - self.src_start


@dataclass(frozen=True)
class Segment:
    """One run of prose and its offset map. ``kind`` names the block it came from."""

    text: str
    pieces: tuple[Piece, ...]
    kind: str = "paragraph"  # paragraph, heading, table_cell, text, jsx_text, ...
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p.prose_start for p in self.pieces))

    def piece_at(self, index: int) -> Piece:
        """The piece that holds prose character ``index``."""
        pos = bisect.bisect_right(self._starts, index) - 1
        return self.pieces[max(pos, 0)]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the prose span ``[start, end)`` to a source span ``[src_start, src_end)``."""
        first = self.piece_at(start)
        last = self.piece_at(max(end - 1, start))
        if first.exact:
            src_start = first.src_start + (start - first.prose_start)
        else:
            src_start = first.src_start
        src_end = last.src_start + (end - last.prose_start) if last.exact else last.src_end
        return src_start, src_end

    def slice(self, start: int, end: int) -> Segment:
        """The prose ``[start, end)`` as a segment of its own (offsets from 0) that maps to
        the same source; only the pieces it touches are kept (their prose offsets shifted,
        so an entity or escape still maps to its whole source span)."""
        lo = max(bisect.bisect_right(self._starts, start) - 1, 0)
        hi = max(bisect.bisect_left(self._starts, end), lo + 1)
        pieces = tuple(
            Piece(p.prose_start - start, p.prose_len, p.src_start, p.src_end, p.role)
            for p in self.pieces[lo:hi]
        )
        return Segment(self.text[start:end], pieces, self.kind)

    def roles(self, start: int, end: int) -> set[str]:
        """The roles of the pieces that the prose span ``[start, end)`` touches."""
        lo = bisect.bisect_right(self._starts, start) - 1
        hi = bisect.bisect_left(self._starts, end)
        return {p.role for p in self.pieces[max(lo, 0) : max(hi, lo + 1)]}


@dataclass(frozen=True)
class Comment:
    """An HTML comment in the source (suppression directives live in these)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """What the markup layer extracts from one file."""

    segments: tuple[Segment, ...]
    comments: tuple[Comment, ...] = ()
    #: source spans that are never prose (code, front matter, HTML); fixes must not touch them
    protected: tuple[tuple[int, int], ...] = ()
    #: source spans nested past the Markdown parser's nesting limit, whose prose was read
    #: with their quote and list markers ignored
    past_nesting_limit: tuple[tuple[int, int], ...] = ()
