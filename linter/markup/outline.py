"""A document's outline: what fixing checks stays the same (its blocks' kinds in order, the
spans that are not prose, its comments) and what notices report (text nested past the Markdown
nesting limit), without the prose itself."""

from __future__ import annotations

from dataclasses import dataclass

from linter.files.source import SourceText
from linter.markup import largefile
from linter.markup.extract import extract
from linter.markup.segments import Comment, Document


@dataclass(frozen=True)
class Outline:
    """What fixing checks of a document: its blocks' kinds in order, the spans that are not
    prose (code, HTML, front matter) and its comments; and the spans nested past the Markdown
    nesting limit (see :attr:`linter.markup.segments.Document.past_nesting_limit`)."""

    kinds: tuple[str, ...]
    protected: tuple[tuple[int, int], ...]
    comments: tuple[Comment, ...]
    past_nesting_limit: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, document: Document) -> Outline:
        """The outline of an extracted document."""
        return cls(tuple(segment.kind for segment in document.segments), document.protected,
                   document.comments, document.past_nesting_limit)


def outline(source: SourceText, syntax: str) -> Outline:
    """The :class:`Outline` of ``source``; a very large file is extracted part by part (see
    :mod:`linter.markup.largefile`), so fixing it takes no more memory than linting it."""
    if largefile.splittable(source, syntax):
        kinds: list[str] = []
        protected: list[tuple[int, int]] = []
        comments: list[Comment] = []
        deep: list[tuple[int, int]] = []
        for document in largefile.parts(source):
            kinds.extend(segment.kind for segment in document.segments)
            protected.extend(document.protected)
            comments.extend(document.comments)
            deep.extend(document.past_nesting_limit)
        return Outline(tuple(kinds), tuple(protected), tuple(comments), tuple(deep))
    return Outline.of(extract(source, syntax))
