"""What every check returns (a :class:`Match` in prose coordinates, before it becomes a
Finding), and what the engine asks of the checks of each scope
(:class:`~linter.checks.registry.Scope`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from linter.checks.info import RuleInfo
    from linter.markup.segments import Segment


@dataclass(frozen=True)
class Match:
    """Rule ``code`` matched prose ``[start, end)`` of one segment."""

    code: str
    start: int
    end: int
    message: str
    replacement: str | None = None


class RawPattern(Protocol):
    """The file-level prefilter of a check: ``search`` finds something in the raw text only
    when the check can match somewhere in it."""

    def search(self, text: str) -> object: ...


class ProseCheck(Protocol):
    """A check of one prose segment at a time (``Scope.PROSE``)."""

    @property
    def info(self) -> RuleInfo: ...

    @property
    def pattern(self) -> RawPattern: ...

    def find(self, segment: Segment) -> Iterable[Match]: ...


class DocumentScan(Protocol):
    """A document-level check (``start_document()``) fed a document's prose segments in
    order, so that a very large file is checked part by part in bounded memory."""

    def feed(self, segment: Segment) -> list[tuple[Segment, Match]]:
        """Take the next prose segment; return the matches already decided."""
        ...

    def finish(self) -> list[tuple[Segment, Match]]:
        """The matches decided once the whole document was seen."""
        ...


class DocumentCheck(Protocol):
    """A check over a whole document (``Scope.DOCUMENT``)."""

    @property
    def info(self) -> RuleInfo: ...

    @property
    def pattern(self) -> RawPattern: ...

    def start_document(self) -> DocumentScan: ...


class SentenceChecker(Protocol):
    """The one checker of a ``Scope.SENTENCES`` kind (the claim analyzer): it picks candidate
    sentences, which the engine parses in one batch."""

    def candidates(self, segment: Segment) -> list[tuple[int, int]]: ...

    def analyze(self, texts: Sequence[str]) -> list[list[Match]]: ...

    def could_match(self, text: str) -> bool:
        """False only when ``text`` (a file or a segment) holds no candidate and no table
        claim; the engine then skips it."""
        ...

    def table_matches(
        self, segments: Sequence[Segment], line_of: Callable[[int], int]
    ) -> list[tuple[Segment, Match]]: ...

    def past_name_cells(
        self, segments: Sequence[Segment], line_of: Callable[[int], int]
    ) -> frozenset[int]:
        """Source offsets of table cells under a column of former names ("Former name"):
        history, not claims; the engine does not parse them."""
        ...
