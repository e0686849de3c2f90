"""``substitution`` rules: wrong → right pairs; the fix keeps the source's casing."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.phrases import compile_phrases, find_words, match_case, sentence_initial
from linter.checks.registry import BuildContext, RuleError, Scope, optional_flag, rule_kind
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


@rule_kind("substitution", scope=Scope.PROSE, keys=("swap", "ignorecase"), fixable=True)
def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> SubstitutionRule:
    """Build a substitution rule from its YAML entry (``swap``, ``ignorecase``)."""
    value = entry.get("swap")
    if not isinstance(value, dict) or not value or not all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in value.items()
    ):
        raise RuleError("swap", "'swap' must map strings to strings")
    ignore_case = optional_flag(entry, "ignorecase", True)
    swap = {str(k): str(v) for k, v in value.items()}
    return SubstitutionRule(info, compile_phrases(swap, ignore_case), swap, ignore_case)
