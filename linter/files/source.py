"""Bytes to text: encoding and BOM detection, newline normalisation, line/column index."""

from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass
from functools import cached_property

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """The bytes are not text we can read; ``offset`` is the first bad byte."""

    def __init__(self, reason: str, offset: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset


@dataclass(frozen=True)
class SourceText:
    """A decoded file. ``text`` uses ``\\n`` only; ``newline`` is the style to write back.

    ``line_starts`` (the offset where each line starts) is computed on first use: a run
    answered from the cache reads every file but never asks for a position.
    """

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"

    @classmethod
    def from_text(cls, raw: str, encoding: str = "utf-8", bom: bytes = b"") -> SourceText:
        if "\r" not in raw:
            return cls(raw, encoding, bom, "\n")
        newline = detect_newline(raw)
        return cls(raw.replace("\r\n", "\n").replace("\r", "\n"), encoding, bom, newline)

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        """The offset where each line starts (the first is 0)."""
        return _line_starts(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    def encode(self, text: str) -> bytes:
        """Encode normalised ``text`` back with this file's encoding, BOM and newline style."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.encoding)


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return tuple(starts)


def detect_newline(raw: str) -> str:
    """The first newline style used in ``raw`` (``\\n`` when there is none)."""
    carriage = raw.find("\r")
    if carriage == -1:
        return "\n"
    newline = raw.find("\n", 0, carriage)
    if newline != -1:
        return "\n"
    return "\r\n" if raw[carriage + 1 : carriage + 2] == "\n" else "\r"


def decode(data: bytes) -> SourceText:
    """Decode file bytes: BOM-marked UTF-8/16/32, else strict UTF-8. Binary data is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                raw = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} at byte {exc.start + len(bom)}",
                                  exc.start + len(bom)) from None
            return SourceText.from_text(raw, encoding, bom)
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes)", data.index(b"\x00"))
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid UTF-8 at byte {exc.start}", exc.start) from None
    return SourceText.from_text(raw)
