"""Linting standard input (``genai-lint - --stdin-filename docs/page.md``), for editors and
pipes.

The text is named by ``--stdin-filename``: that name is the path findings show, picks the
markup syntax from its suffix, and is what per-file settings match (as for a file at that
path). Without it the text is Markdown named ``-``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from linter.files.reading import ReadError, ReadFile, decode_message, digest_of, label_for
from linter.files.source import DecodeError, decode

#: The name of standard input when no ``--stdin-filename`` is given.
STDIN_LABEL = "-"
#: The path standing for it then (Markdown, by its suffix).
_UNNAMED = Path("-.md")


def read_stdin(filename: str | None, stream: BinaryIO | None = None) -> tuple[ReadFile, bytes]:
    """The decoded text of ``stream`` (default: standard input) named ``filename``, and its
    bytes; :class:`ReadError` when it does not decode."""
    data = (stream if stream is not None else sys.stdin.buffer).read()
    label = label_for(filename) if filename else STDIN_LABEL
    try:
        source = decode(data)
    except DecodeError as exc:
        raise ReadError(f"{label}: {decode_message(exc)}") from None
    path = Path(filename) if filename else _UNNAMED
    return ReadFile(path, label, source, digest_of(data)), data
