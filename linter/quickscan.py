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
from typing import Any

from linter.knowledge import KnowledgeBase

try:  # google-re2 is a dependency; without it Python's re is slower but equivalent here
    import re2 as _engine
except ImportError:  # pragma: no cover
    _engine = re

#: Characters Python's case-insensitive matching equates with an ASCII letter but RE2's
#: case folding does not (dotted capital I, dotless small i).
_FOLD = {0x130: "i", 0x131: "i"}


def _whitespace_class() -> str:
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
    """``maybe(text)`` is False only if no knowledge-base name can occur in ``text``."""

    def __init__(self, kb: KnowledgeBase) -> None:
        space = _whitespace_class()
        words = sorted(surface_forms(kb), key=len, reverse=True)
        alternation = "|".join(
            space.join(re.escape(part) for part in form.split()) for form in words
        )
        pattern = "(?i)(?:" + alternation + ")"
        if _engine is re:  # pragma: no cover
            self._pattern: Any = re.compile(pattern)
        else:
            options = _engine.Options()
            options.max_mem = 256 << 20  # hundreds of names: the default 8 MB DFA budget is short
            self._pattern = _engine.compile(pattern, options=options)

    def maybe(self, text: str) -> bool:
        return self._pattern.search(text.translate(_FOLD)) is not None
