"""Where a "disable RULE for this line" comment goes, and what it says.

The comment is a ``disable-next-line`` directive (see :mod:`linter.markup.suppress`), written in the
document's markup, on its own line above the finding's line with that line's indentation. A
line that continues a paragraph (or list item, or quote) is the exception: a comment on a line
of its own would end the paragraph there and change how the document renders, so the comment
goes at the end of the line before instead (an inline comment, also hidden; the directive
applies to the line after the one it ends on). Plain text has no comments, so no directive.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter import markup
from linter.files.source import SourceText
from linter.findings import Finding
from linter.markup.segments import Document
from linter.markup.suppress import next_line_comment


@dataclass(frozen=True)
class Insertion:
    """Insert ``text`` at ``offset`` (a code-point offset into the normalised source)."""

    offset: int
    text: str


def disable_insertion(source: SourceText, syntax: str, finding: Finding) -> Insertion | None:
    """The insertion that keeps ``finding`` from being reported; ``None`` for plain text."""
    comment = next_line_comment([finding.rule], syntax)
    if comment is None:
        return None
    line = finding.line
    if line > 1 and _continues_block(markup.extract(source, syntax), source, finding):
        return Insertion(_inline_point(source, line - 1), f" {comment}")
    text = source.line_text(line)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    return Insertion(source.line_starts[line - 1], f"{indent}{comment}\n")


def _continues_block(document: Document, source: SourceText, finding: Finding) -> bool:
    """Whether the prose the finding is in starts on an earlier line."""
    for segment in document.segments:
        if not segment.pieces:
            continue
        first, last = segment.pieces[0].src_start, segment.pieces[-1].src_end
        if first <= finding.start < max(last, first + 1):
            return source.position(first)[0] < finding.line
    return False


def _inline_point(source: SourceText, line: int) -> int:
    """Where an inline comment goes on ``line``: at its end, but before trailing spaces and a
    final unescaped backslash, so that a hard line break stays one."""
    text = source.line_text(line)
    end = len(text.rstrip(" \t"))
    backslashes = end - len(text[:end].rstrip("\\"))
    if backslashes % 2 and end == len(text):
        end -= 1
    return source.line_starts[line - 1] + end
