"""A fast, conservative test for knowledge-base names in a text, run before the exact one.

It answers "no" only when the claim analyzer's mention finder would find no name either. It
looks for every form the finder looks for (:func:`linter.knowledge.surface.surface_forms`),
matched at least as loosely: names as written and class terms in any case, each as whole
words when it starts or ends with a letter or digit (the finder's own boundaries are
stricter), and version patterns as written. One RE2 automaton scans a megabyte in about a
millisecond; the Python patterns of the finder take tens. A "yes" is then checked by the finder
itself, so results never change.
"""

from __future__ import annotations

import heapq
import re
import string
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from typing import Any

from linter.knowledge.surface import NAME, PATTERN, TERM, Form

try:  # google-re2 is a dependency; without it Python's re is slower but equivalent here
    import re2 as _engine
except ImportError:  # pragma: no cover
    _engine = re

#: Characters Python's case-insensitive matching equates with an ASCII letter but RE2's
#: case folding does not (dotted capital I, dotless small i).
_FOLD = {0x130: "i", 0x131: "i"}
#: RE2's ``\b`` is a boundary between these and anything else.
_ASCII_WORD = frozenset(string.ascii_letters + string.digits + "_")

#: :func:`whitespace_class`, computed once (a test keeps the two equal).
WHITESPACE = (r"[\x{9}-\x{d}\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}-\x{2029}"
              r"\x{202f}\x{205f}\x{3000}]+")
#: What may stand between a class term's words: whitespace, hyphens, a non-breaking hyphen or
#: an en dash ("music-generation model", "encoder–decoder").
_TERM_SEPARATOR = WHITESPACE[:-2] + r"\-\x{2011}\x{2013}]+"
_TERM_WORDS = re.compile(r"[^\s\-\u2011\u2013]+").findall
#: Python's classes that RE2 reads differently (``\d`` is any decimal digit to Python, ASCII
#: ones to RE2): a version pattern using them is searched with Python's engine.
_PYTHON_ONLY = re.compile(r"(?<!\\)(?:\\\\)*\\[DwWsSbBAZ]")
_DIGIT = re.compile(r"(?<!\\)((?:\\\\)*)\\d")
#: A character a pattern matches literally: a plain one, or punctuation escaped.
_LITERAL_CHAR = re.compile(r"[^\\()\[\]{}?*+|.^$]|\\[^\w\s]")
_LITERAL_RUN = re.compile(r"(?:[^\\()\[\]{}?*+|.^$]|\\[^\w\s])*")


def whitespace_class() -> str:
    """Everything Python's ``\\s`` matches (the finder's patterns use it), as an RE2 class."""
    codes = sorted({ord(c) for c in map(chr, range(0x3001)) if re.match(r"\s", c)} | {0xA0})
    ranges: list[list[int]] = []
    for code in codes:  # runs of neighbours become ranges: a short class keeps the DFA small
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in ranges)
    return "[" + "".join(parts) + "]+"


def _spaced(text: str) -> str:
    """``text`` with each run of whitespace one space."""
    return " ".join(text.split())


def _loose(text: str) -> str:
    """``text`` case-folded, with each run of whitespace, hyphens and dashes one space."""
    if text.isascii():
        return " ".join(text.lower().replace("-", " ").split())
    return " ".join(_TERM_WORDS(text.translate(_FOLD).casefold()))


def _whole_words(body: str, form: str) -> str:
    """``body`` (the pattern of ``form``) with ``\\b`` at each end that is a letter or digit."""
    left = r"\b" if form[:1] in _ASCII_WORD else ""
    right = r"\b" if form[-1:] in _ASCII_WORD else ""
    return left + body + right


def _occurs(haystack: str, needle: str, bounded: bool) -> bool:
    """Whether ``needle`` occurs in ``haystack`` (as whole words at its word-character ends
    when ``bounded``), the literal counterpart of :func:`_whole_words`."""
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not bounded or (
            (needle[0] not in _ASCII_WORD or start == 0 or haystack[start - 1] not in _ASCII_WORD)
            and (needle[-1] not in _ASCII_WORD or end == len(haystack)
                 or haystack[end] not in _ASCII_WORD)
        ):
            return True
        start = haystack.find(needle, start + 1)
    return False


class QuickScan:
    """``maybe(text)`` is False only if no knowledge-base name can occur in ``text``.

    The automaton takes tens of milliseconds to compile, more than a pre-commit run on a small
    file takes in all: the first texts of a run (up to ``LITERAL_BUDGET`` characters) are
    searched for each form literally instead, at least as loosely; the automaton is compiled
    when more text comes.
    """

    LITERAL_BUDGET = 2_048

    def __init__(self, forms: Iterable[Form]) -> None:
        """``forms``: :func:`linter.knowledge.surface.surface_forms` of a knowledge base."""
        self._forms = frozenset(forms)
        self._names = tuple({_spaced(text) if text.isascii() else _spaced(text.translate(_FOLD))
                             for kind, text in self._forms if kind == NAME})
        self._terms = tuple({_loose(text) for kind, text in self._forms if kind == TERM})
        #: each version pattern with the literal text its every match starts with
        self._patterns = tuple((literal_start(text), text.translate(_FOLD))
                               for kind, text in self._forms if kind == PATTERN)
        self._budget = self.LITERAL_BUDGET
        self._pattern: Any = None

    def maybe(self, text: str) -> bool:
        text = text.translate(_FOLD)
        if self._pattern is None and len(text) <= self._budget:
            self._budget -= len(text)
            return self._literal_maybe(text)
        automaton, python = self._automaton()
        return automaton.search(text) is not None or any(p.search(text) for p in python)

    def starts(self, text: str) -> Iterator[int] | None:
        """Every position of ``text`` where a form matches, in order, found as they are asked
        for (none when no name occurs; None when the literal path answered "maybe", which
        tells no positions). A name the finder finds starts at one of them."""
        if self._pattern is None and len(text) <= self._budget:
            return None if self.maybe(text) else iter(())
        text = text.translate(_FOLD)  # (one character for one: the positions hold)
        automaton, python = self._automaton()
        found = heapq.merge(*(_each_start(pattern, text) for pattern in (automaton, *python)))
        return (start for start, _ in groupby(found))

    def _literal_maybe(self, text: str) -> bool:
        spaced = _spaced(text)
        if any(_occurs(spaced, name, True) for name in self._names):
            return True
        # a case-folded non-ASCII letter may become ASCII ones ("ﬁ" → "fi"): its neighbours'
        # boundaries are not the automaton's, so such a text is searched without boundaries
        loose = _loose(text)
        if any(_occurs(loose, term, text.isascii()) for term in self._terms):
            return True
        # (a pattern is compiled only when its start occurs: compiling them all costs more
        # than the rest of a clean file's scan)
        return any(start in text and _python(pattern).search(text) is not None
                   for start, pattern in self._patterns)

    def _automaton(self) -> tuple[Any, list[re.Pattern[str]]]:
        """The RE2 automaton of every form, and the version patterns RE2 cannot run."""
        if self._pattern is None:
            ordered = sorted(self._forms, key=lambda form: (-len(form[1]), form))
            parts = {form: _automaton_part(*form) for form in ordered}
            python = [_python(text) for (kind, text), part in parts.items() if not part]
            try:
                automaton = _compile("|".join(filter(None, parts.values())) or "(?!)")
            except _engine.error:  # a version pattern RE2 cannot run
                python.extend(_python(text) for (kind, text), part in parts.items()
                              if kind == PATTERN and part and not _compiles(part))
                automaton = _compile("|".join(
                    part for (kind, text), part in parts.items()
                    if part and (kind != PATTERN or _compiles(part))) or "(?!)")
            self._pattern = (automaton, python)
        return self._pattern  # type: ignore[no-any-return]


def _automaton_part(kind: str, text: str) -> str:
    """The RE2 pattern of one form ("" for a version pattern only Python's engine reads)."""
    if kind == PATTERN:
        text = text.translate(_FOLD)
        return "" if _PYTHON_ONLY.search(text) else "(?:" + _DIGIT.sub(r"\1\\p{Nd}", text) + ")"
    if kind == NAME:
        words = _spaced(text.translate(_FOLD)).split(" ")
        return _whole_words(WHITESPACE.join(map(re.escape, words)), text)
    body = _TERM_SEPARATOR.join(map(re.escape, _TERM_WORDS(text)))
    return _whole_words("(?i:" + body + ")", text)


@lru_cache(maxsize=4)
def quick_scan_of(forms: frozenset[Form]) -> QuickScan:
    """The quick scan of ``forms``, one per process: the claim prefilter (from the name digest)
    and the mention finder (from the knowledge base) share it, and its automaton."""
    return QuickScan(forms)


def _python(pattern: str) -> re.Pattern[str]:
    """A version pattern for Python's engine, on text whose dotted and dotless i are "i"."""
    return re.compile(pattern.translate(_FOLD))


def _each_start(pattern: Any, text: str) -> Iterator[int]:
    """Where ``pattern`` matches in ``text``: each start, also one inside an earlier match."""
    match = pattern.search(text)
    while match is not None:
        yield match.start()
        match = pattern.search(text, match.start() + 1)


def literal_start(pattern: str) -> str:
    """The literal text every match of ``pattern`` starts with ("" when there is none)."""
    depth, index = 0, 0
    while index < len(pattern):  # an alternative at the top level has its own start
        char = pattern[index]
        if char == "\\":
            index += 1
        elif char == "[":
            index = pattern.find("]", index + 2)
            if index < 0:
                return ""
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return ""
        index += 1
    run = _LITERAL_RUN.match(pattern)
    pieces = _LITERAL_CHAR.findall(run.group(0)) if run else []
    if pattern[run.end() if run else 0 :][:1] in ("?", "*", "{"):
        pieces.pop()  # "Qwen2?": the last character is optional
    return "".join(piece[-1] for piece in pieces).translate(_FOLD)


def _compile(pattern: str) -> Any:
    if _engine is re:  # pragma: no cover
        return re.compile(pattern)
    options = _engine.Options()
    options.max_mem = 256 << 20  # hundreds of names: the default 8 MB DFA is short
    return _engine.compile(pattern, options=options)


def _compiles(pattern: str) -> bool:
    """Whether RE2 accepts ``pattern``."""
    try:
        _compile(pattern)
    except _engine.error:
        return False
    return True
