"""``substitution`` rules: wrong → right pairs; the fix keeps the source's casing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.phrases import compile_phrases, find_words, match_case, sentence_initial
from linter.markup.segments import Segment


@dataclass(frozen=True)
class SubstitutionRule:
    """``swap`` maps each wrong spelling (lower-cased when ``ignorecase``) to the right one."""

    info: RuleInfo
    pattern: re.Pattern[str]
    swap: dict[str, str]
    ignore_case: bool = True

    def find(self, segment: Segment) -> Iterator[Match]:
        for found in find_words(self.pattern, segment):
            start, end = found.span()
            wrong = found.group(0)
            written, right = self._lookup(wrong)
            fix = match_case(wrong, right, written, sentence_initial(segment.text, start))
            if fix == wrong:
                continue
            yield Match(self.info.code, start, end, f'Write "{fix}", not "{wrong}"', fix)

    def _lookup(self, wrong: str) -> tuple[str, str]:
        key = " ".join(wrong.split())
        if self.ignore_case:
            key = key.lower()
        for written, right in self.swap.items():
            if (written.lower() if self.ignore_case else written) == key:
                return written, right
        return key, next(iter(self.swap.values()))  # pragma: no cover - the pattern came from swap


def build(info: RuleInfo, entry: dict) -> SubstitutionRule:
    """Build a substitution rule from a validated YAML entry (``swap``, ``ignorecase``)."""
    swap = {str(k): str(v) for k, v in entry["swap"].items()}
    ignore_case = bool(entry.get("ignorecase", True))
    return SubstitutionRule(info, compile_phrases(swap, ignore_case), swap, ignore_case)
