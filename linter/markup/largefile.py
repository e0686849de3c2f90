"""Very large Markdown files are extracted in parts, so memory stays bounded.

markdown-it keeps a token for every block, line item and table cell of a file: about 20
times the file's size. A file above :data:`SPLIT_MIN_CHARS` is cut before ATX headings
("# ...") at column 0 that follow a blank line. Every block is closed there (a blank line
closes paragraphs, tables and quotes; an unindented heading closes lists and indented code)
except a fenced code block, an HTML block or front matter that is still open, so each part is
checked: it is kept only when no code, HTML or front-matter span of the part reaches its final
blank line (and, for the first part, any front matter it starts with closed in it); otherwise
the part grows to the next heading. A file that may hold link reference definitions (they
apply to the whole document) or that is MDX is not split. The findings are those of one
extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.files.source import SourceText
from linter.markup.extract import extract
from linter.markup.segments import Comment, Document, Piece, Segment

#: Files at least this long (characters) are extracted in parts.
SPLIT_MIN_CHARS = 4_000_000
#: The size a part aims at (characters).
PART_CHARS = 1_000_000

#: A blank line, then an ATX heading at column 0: the heading's offset is a cut point.
_CUT = re.compile(r"\n[ \t]*\n(?=#{1,6}(?:[ \t\n]|$))")
#: Anything that could start a link reference definition, inside any container.
_REFERENCE = re.compile(
    r"(?m)^(?:[ \t>]|[-+*][ \t]|\d{1,9}[.)][ \t])*\[(?:[^\[\]\\]|\\.){0,999}\]:"
)


def splittable(source: SourceText, syntax: str) -> bool:
    """Whether ``source`` is extracted in parts."""
    text = source.text
    return syntax == "markdown" and len(text) >= SPLIT_MIN_CHARS and not _REFERENCE.search(text)


def parts(source: SourceText) -> Iterator[Document]:
    """The documents of consecutive parts, with offsets in the whole file's text."""
    text = source.text
    cuts = [match.end() for match in _CUT.finditer(text)]
    start = 0
    index = 0
    while start < len(text):
        while index < len(cuts) and cuts[index] - start < PART_CHARS:
            index += 1
        while True:
            end = cuts[index] if index < len(cuts) else len(text)
            part = text[start:end]
            document = extract(SourceText.from_text(part), "markdown")
            if end == len(text) or _closed(document, part, first=start == 0):
                break
            # An open block crosses this cut: try a cut twice as far (few retries, ever).
            while index < len(cuts) and cuts[index] < end + (end - start):
                index += 1
        yield _shifted(document, start) if start else document
        start = end
        index += 1


def _closed(document: Document, part: str, *, first: bool) -> bool:
    """No code, HTML or front-matter span reaches the part's final blank line."""
    blank = part.rfind("\n", 0, len(part) - 1) + 1
    if any(end >= blank for _, end in document.protected):
        return False
    if first and part.startswith(("---", "+++")):
        return any(start == 0 for start, _ in document.protected)
    return True


def _shifted(document: Document, offset: int) -> Document:
    segments = tuple(
        Segment(
            s.text,
            tuple(
                Piece(p.prose_start, p.prose_len, p.src_start + offset, p.src_end + offset, p.role)
                for p in s.pieces
            ),
            s.kind,
        )
        for s in document.segments
    )
    comments = tuple(Comment(c.text, c.start + offset, c.end + offset) for c in document.comments)
    protected = tuple((start + offset, end + offset) for start, end in document.protected)
    deep = tuple((start + offset, end + offset) for start, end in document.past_nesting_limit)
    return Document(segments, comments, protected, deep)
