"""Markup to prose: the entry point. A file's syntax comes from its name (``.md``/``.markdown``
Markdown, ``.mdx`` MDX, anything else plain text); :func:`extract` turns its text into a
:class:`~linter.markup.segments.Document`: prose segments with exact source offset maps, the
spans that are not prose, and the comments.

Plain text: :mod:`linter.markup.plaintext`. Markdown and MDX: :mod:`linter.markup.markdown`.
"""

from __future__ import annotations

import gc
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.files.source import SourceText
    from linter.markup.segments import Document

SYNTAXES = ("markdown", "mdx", "text")

_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdx": "mdx"}


def syntax_for(path: str | PurePath) -> str:
    """The markup syntax of a file: ``markdown``, ``mdx`` or ``text``, from its suffix."""
    suffix = (path if isinstance(path, PurePath) else PurePath(path)).suffix
    return _SUFFIXES.get(suffix.lower(), "text")


def extract(source: SourceText, syntax: str) -> Document:
    """Extract the prose of ``source`` (``syntax`` is ``markdown``, ``mdx`` or ``text``)."""
    if syntax not in SYNTAXES:
        raise ValueError(f"unknown markup syntax {syntax!r}; expected one of {SYNTAXES}")
    # Imported here: a run whose files the prefilter rules out never loads the parsers.
    from linter.markup.markdown import MarkdownExtractor
    from linter.markup.plaintext import extract_text

    # Parsing allocates hundreds of thousands of acyclic objects on big files; the cyclic
    # garbage collector would rescan them over and over (about a third of the run time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        if syntax == "text":
            return extract_text(source)
        return MarkdownExtractor(source, mdx=syntax == "mdx").run()
    finally:
        if collecting:
            gc.enable()

