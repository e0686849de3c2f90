"""Code points to LSP positions.

A finding's columns count code points (see :class:`linter.findings.Finding`); an LSP
``Position.character`` counts units of the position encoding agreed at ``initialize``:
UTF-16 code units unless the client offers another (a character outside the Basic
Multilingual Plane, such as most emoji, is two UTF-16 units, four UTF-8 bytes, one UTF-32
unit). Lines are the same in both: the source text is split at ``\\n``, ``\\r\\n`` and ``\\r``,
as LSP splits it.
"""

from __future__ import annotations

from linter.files.source import SourceText

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """The length of ``text`` in the units of ``encoding`` (a lone surrogate, which JSON can
    carry, counts as one UTF-16 unit)."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def lsp_position(
    source: SourceText, line: int, column: int, encoding: str = UTF16
) -> tuple[int, int]:
    """The 0-based LSP ``(line, character)`` of a 1-based ``line`` and code-point ``column``."""
    return line - 1, units(source.line_text(line)[: column - 1], encoding)
