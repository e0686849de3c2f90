"""Edits to a document's text: planned from the fixes of findings (skipping those that overlap
a protected span or each other), applied to the normalised text, or to the raw decoded text so
that untouched lines keep their newlines."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linter.files.source import SourceText
from linter.findings import Finding

_NEWLINE = re.compile(r"\r\n|\r|\n")


class FixError(Exception):
    """A file that was not fixed; ``str()`` is a one-line reason."""


@dataclass(frozen=True)
class Edit:
    """Replace normalised text ``[start, end)`` with ``replacement``."""

    start: int
    end: int
    replacement: str


def plan_edits(
    text: str, findings: Iterable[Finding], protected: Sequence[tuple[int, int]] = ()
) -> tuple[list[Edit], int]:
    """The edits to make for ``findings`` that carry a fix, sorted by position, and how many
    fixes were skipped: those overlapping a protected span or an earlier edit, or whose span no
    longer holds the text the finding names. A fix that changes nothing is dropped silently.
    """
    edits: list[Edit] = []
    skipped = 0
    last_end = -1
    spans = _Spans(protected)
    for finding in sorted(
        (f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end, f.rule)
    ):
        assert finding.fix is not None
        start, end, replacement = finding.start, finding.end, finding.fix.replacement
        if (
            not 0 <= start <= end <= len(text)
            or text[start:end] != finding.text
            or spans.overlaps(start, end)
            or start < last_end
        ):
            if not (edits and (start, end) == (edits[-1].start, edits[-1].end)
                    and replacement == edits[-1].replacement):
                skipped += 1  # the same edit twice (two rules agreeing) is not a skip
            continue
        if text[start:end] == replacement:
            continue
        edits.append(Edit(start, end, replacement))
        last_end = end
    return edits, skipped


class _Spans:
    """Protected spans, merged where they overlap, for a binary search per edit."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for lo, hi in sorted(spans):
            if hi <= lo:
                continue
            # Merge only spans that share a character: touching spans stay apart, so an
            # empty edit between them is not "inside" one.
            if merged and lo < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        self.starts = [lo for lo, _ in merged]
        self.ends = [hi for _, hi in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span (an empty edit: lies
        strictly inside one)."""
        index = bisect.bisect_right(self.ends, start)  # the first span ending after start
        if index == len(self.ends):
            return False
        lo = self.starts[index]
        return lo < end if start < end else lo < start


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits to normalised ``text`` (in one pass)."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts += (text[pos : edit.start], edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def apply_edits_raw(raw: str, source: SourceText, edits: Sequence[Edit]) -> str:
    """Apply edits given in normalised offsets of ``source`` to its raw decoded text.

    Offsets map line by line (a normalised line start is a raw line start), so the newline
    sequences of untouched lines are kept as they are. A newline in a replacement is written
    in the file's dominant newline style.
    """
    raw_starts = [0] + [m.end() for m in _NEWLINE.finditer(raw)]
    if len(raw_starts) != len(source.line_starts):
        raise FixError("the file's lines do not match what was linted")

    def to_raw(offset: int) -> int:
        line, column = source.position(offset)
        return raw_starts[line - 1] + column - 1

    parts: list[str] = []
    pos = 0
    for edit in edits:
        replacement = edit.replacement
        if source.newline != "\n":
            replacement = replacement.replace("\n", source.newline)
        parts += (raw[pos : to_raw(edit.start)], replacement)
        pos = to_raw(edit.end)
    parts.append(raw[pos:])
    return "".join(parts)


def is_edited(new_text: str, text: str, edits: Sequence[Edit]) -> bool:
    """Whether ``new_text`` is ``apply_edits(text, edits)``, compared run by run (a very
    large file is not copied whole once more)."""
    pos = new_pos = 0
    for edit in edits:
        for run in (text[pos : edit.start], edit.replacement):
            if not new_text.startswith(run, new_pos):
                return False
            new_pos += len(run)
        pos = edit.end
    return len(new_text) - new_pos == len(text) - pos and new_text.endswith(text[pos:])
