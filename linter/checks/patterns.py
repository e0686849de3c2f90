"""Compile patterns from rule files in linear time (RE2), so no pattern can hang a run.

RE2 matches in time linear in the text, but google-re2's Python wrapper encodes the whole
``str`` to UTF-8 (and counts characters up to ``pos``) at every call: asking whether a
pattern matches after each of thousands of names in one long paragraph would be quadratic.
:class:`Pattern` therefore matches a long text through a UTF-8 copy made once per text, with
an offset map between characters and bytes; short texts go straight to RE2. Both ways give
the same answers.
"""

from __future__ import annotations

import bisect
import re
from array import array
from functools import lru_cache
from typing import Any

try:  # google-re2 is a declared dependency; the fallback only serves unusual platforms.
    import re2 as _engine

    LINEAR_TIME = True
except ImportError:  # pragma: no cover - exercised only without the wheel
    import re as _engine

    LINEAR_TIME = False


class PatternError(ValueError):
    """A rule-file pattern that does not compile."""


def compile_pattern(pattern: str) -> Any:
    """Compile a user-supplied pattern with RE2 (no backreferences or lookaround).

    RE2 is told not to log: its own report of a bad pattern would add lines to stderr.
    """
    try:
        if LINEAR_TIME:
            options = _engine.Options()
            options.log_errors = False
            return Pattern(_engine.compile(pattern, options=options))
        return Pattern(_engine.compile(pattern))
    except PatternError:
        raise
    except Exception as exc:  # re2 raises its own error type
        raise PatternError(f"bad pattern {pattern!r}: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    """RE2's message, decoded (it comes as bytes), on one line."""
    reason = exc.args[0] if exc.args else exc
    if isinstance(reason, bytes):
        reason = reason.decode("utf-8", "replace")
    return " ".join(str(reason).split()) or type(exc).__name__


#: Texts at least this long (characters) are matched through a cached UTF-8 copy.
CACHED_MIN_CHARS = 4096
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class Pattern:
    """A compiled rule-file pattern: ``match``, ``search`` and ``fullmatch`` as in :mod:`re`.

    On a text of :data:`CACHED_MIN_CHARS` or more, a match is a :class:`Found` (``start``,
    ``end``, ``span`` and ``group()`` of the whole match only).
    """

    def __init__(self, compiled: Any) -> None:
        self.compiled = compiled
        self.pattern: str = compiled.pattern
        regexp = getattr(compiled, "_regexp", None)
        anchors = getattr(_engine, "_Anchor", None)
        # The byte-level entry point of google-re2's wrapper, when this version has it.
        self._bytes = regexp.Match if LINEAR_TIME and regexp and anchors else None
        self._anchors = anchors

    def __getstate__(self) -> Any:
        return self.compiled

    def __setstate__(self, compiled: Any) -> None:
        self.__init__(compiled)  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r})"

    def _anchor(self, name: str) -> Any:
        """google-re2's anchor ``name`` (only asked for when ``_bytes`` is set, so is
        ``_anchors``)."""
        return getattr(self._anchors, name)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        if self._bytes is None or len(text) < CACHED_MIN_CHARS:
            return self.compiled.match(text, pos, endpos)
        return self._run(self._anchor("ANCHOR_START"), text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        if self._bytes is None or len(text) < CACHED_MIN_CHARS:
            return self.compiled.search(text, pos, endpos)
        return self._run(self._anchor("UNANCHORED"), text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        if self._bytes is None or len(text) < CACHED_MIN_CHARS:
            return self.compiled.fullmatch(text, pos, endpos)
        return self._run(self._anchor("ANCHOR_BOTH"), text, pos, endpos)

    def _run(self, anchor: Any, text: str, pos: int, endpos: int | None) -> Found | None:
        assert self._bytes is not None
        pos = max(0, min(pos, len(text)))
        endpos = len(text) if endpos is None else max(0, min(endpos, len(text)))
        if pos > endpos:
            return None
        encoded = _utf8(text)
        spans = self._bytes(anchor, encoded.data, encoded.byte(pos), encoded.byte(endpos))
        start, end = spans[0]
        if start < 0:
            return None
        return Found(text, encoded.char(start), encoded.char(end))


class Found:
    """A match on a long text: its span and ``group()`` (the whole match)."""

    __slots__ = ("_end", "_start", "string")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string = string
        self._start = start
        self._end = end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("only the whole match (group 0) is kept for a long text")
        return self.string[self._start : self._end]


class _Utf8:
    """A text's UTF-8 bytes and the map between character and byte offsets.

    ``wide`` holds the character offset of each non-ASCII character, ``extra`` the bytes
    beyond one that the characters before it take (cumulative), ``byte_at`` its byte offset.
    """

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8", "surrogatepass")
        self.ascii = len(self.data) == len(text)
        self.wide = array("q")
        self.byte_at = array("q")
        self.extra = array("q", [0])
        if self.ascii:
            return
        total = 0
        for found in _NON_ASCII.finditer(text):
            index, code = found.start(), ord(found.group())
            self.wide.append(index)
            self.byte_at.append(index + total)
            total += 1 if code < 0x800 else 2 if code < 0x10000 else 3
            self.extra.append(total)

    def byte(self, char: int) -> int:
        """The byte offset of character offset ``char``."""
        if self.ascii:
            return char
        return char + self.extra[bisect.bisect_left(self.wide, char)]

    def char(self, byte: int) -> int:
        """The character offset of byte offset ``byte`` (at a character boundary)."""
        if self.ascii:
            return byte
        return byte - self.extra[bisect.bisect_left(self.byte_at, byte)]


@lru_cache(maxsize=4)
def _utf8(text: str) -> _Utf8:
    return _Utf8(text)
