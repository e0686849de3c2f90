"""A fast, conservative test for knowledge-base names in a text, run before the exact one.

It answers "no" only when the claim analyzer's mention finder would find no name either:
every surface form the finder looks for (entity and vendor aliases, class terms and their
regular plurals) is searched as a literal, case-insensitively, with any run of whitespace
between its words and without the finder's word-boundary rules. One RE2 automaton scans a
megabyte in about a millisecond; the Python patterns of the finder take tens. A "yes" is
then checked by the finder itself, so results never change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linter.knowledge.base import KnowledgeBase

try:  # google-re2 is a dependency; without it Python's re is slower but equivalent here
    import re2 as _engine
except ImportError:  # pragma: no cover
    _engine = re

#: Characters Python's case-insensitive matching equates with an ASCII letter but RE2's
#: case folding does not (dotted capital I, dotless small i).
_FOLD = {0x130: "i", 0x131: "i"}


#: :func:`whitespace_class`, computed once (a test keeps the two equal).
WHITESPACE = (r"[\x{9}-\x{d}\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}-\x{2029}"
              r"\x{202f}\x{205f}\x{3000}]+")


#: What may stand between a name's words: whitespace or hyphens ("music-generation model").
_SEPARATOR = WHITESPACE[:-2] + r"\-]+"
_WORDS_OF = re.compile(r"[^\s\-]+").findall


def _loose(text: str) -> str:
    """``text`` case-folded, with each run of whitespace and hyphens one space."""
    return " ".join(_WORDS_OF(text.casefold()))


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


def surface_forms(kb: KnowledgeBase) -> set[str]:
    """Literals covering every form the finder matches (a plural's stem stands for it)."""
    forms: set[str] = set()
    for entity in kb.entities.values():
        forms.update(entity.aliases)
    for vendor in kb.vendors.values():
        forms.update(vendor.aliases)
    from linter.knowledge.misspellings import misspelt_names

    forms.update(misspelt_names(kb))  # "Chat GPT is an LLM"
    for table in (kb.categories, kb.concepts, kb.architectures):
        for term in table.values():
            for text in term.terms:
                forms.add(text)
                if text.endswith("y"):
                    forms.add(text[:-1])  # "...ies"
    for entity in kb.entities.values():
        for pattern in entity.patterns:  # a version pattern starts with its family's name
            literal = re.match(r"[\w·. -]+", pattern)
            if literal and len(literal.group(0).strip()) >= 2:
                forms.add(literal.group(0).strip())
    return {form for form in forms if form.strip()}


class QuickScan:
    """``maybe(text)`` is False only if no knowledge-base name can occur in ``text``.

    The automaton takes tens of milliseconds to compile, more than a pre-commit run on a small
    file takes in all: the first texts of a run (up to ``LITERAL_BUDGET`` characters) are
    searched for each literal instead, case-folded with their whitespace collapsed (a
    superset of what the automaton matches); the automaton is compiled when more text comes.
    """

    LITERAL_BUDGET = 2_048

    def __init__(self, forms: Iterable[str]) -> None:
        """``forms``: :func:`surface_forms` of a knowledge base."""
        self._forms = sorted(forms, key=len, reverse=True)
        self._folded = tuple({_loose(f) for f in self._forms})
        self._budget = self.LITERAL_BUDGET
        self._pattern: Any = None

    def maybe(self, text: str) -> bool:
        if self._pattern is None and len(text) <= self._budget:
            self._budget -= len(text)
            folded = _loose(text.translate(_FOLD))
            return any(form in folded for form in self._folded)
        return self._automaton().search(text.translate(_FOLD)) is not None

    def _automaton(self) -> Any:
        if self._pattern is None:
            alternation = "|".join(
                _SEPARATOR.join(re.escape(part) for part in _WORDS_OF(form)) for form in self._forms
            )
            pattern = "(?i)(?:" + alternation + ")"
            if _engine is re:  # pragma: no cover
                self._pattern = re.compile(pattern)
            else:
                options = _engine.Options()
                options.max_mem = 256 << 20  # hundreds of names: the default 8 MB DFA is short
                self._pattern = _engine.compile(pattern, options=options)
        return self._pattern
