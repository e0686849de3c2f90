"""What every check returns: a match in prose coordinates, before it becomes a Finding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from linter.markup.segments import Segment


@dataclass(frozen=True)
class Match:
    """Rule ``code`` matched prose ``[start, end)`` of one segment."""

    code: str
    start: int
    end: int
    message: str
    replacement: str | None = None


class DocumentScan(Protocol):
    """A document-level check (``start_document()``) fed a document's prose segments in
    order, so that a very large file is checked part by part in bounded memory."""

    def feed(self, segment: Segment) -> list[tuple[Segment, Match]]:
        """Take the next prose segment; return the matches already decided."""
        ...

    def finish(self) -> list[tuple[Segment, Match]]:
        """The matches decided once the whole document was seen."""
        ...
