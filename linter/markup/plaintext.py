"""Plain text to prose: every blank-line separated paragraph is one exact segment."""

from __future__ import annotations

import re

from linter.files.source import SourceText
from linter.markup.segments import Document, Piece, Segment

_TEXT_PARAGRAPH = re.compile(r"[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")


def extract_text(source: SourceText) -> Document:
    """Every blank-line separated paragraph is one exact segment of kind ``text``."""
    text = source.text
    segments = []
    for match in _TEXT_PARAGRAPH.finditer(text):
        raw = match.group()
        start = match.start() + len(raw) - len(raw.lstrip())
        end = match.end() - len(raw) + len(raw.rstrip())
        prose = text[start:end]
        segments.append(Segment(prose, (Piece(0, len(prose), start, end),), kind="text"))
    return Document(tuple(segments))

