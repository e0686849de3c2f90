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
    spaces = [c for c in map(chr, range(0x3001)) if re.match(r"\s", c)] + ["\u00a0"]
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(set(spaces))) + "]+"


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
    return {form for form in forms if form.strip()}


class QuickScan:
    """``maybe(text)`` is False only if no knowledge-base name can occur in ``text``."""

    def __init__(self, kb: KnowledgeBase) -> None:
        space = _whitespace_class()
        words = sorted(surface_forms(kb), key=len, reverse=True)
        alternation = "|".join(
            space.join(re.escape(part) for part in form.split()) for form in words
        )
        self._pattern: Any = _engine.compile("(?i)(?:" + alternation + ")")

    def maybe(self, text: str) -> bool:
        return self._pattern.search(text.translate(_FOLD)) is not None
