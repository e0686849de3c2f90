"""``consistency`` rules: one document uses one variant of a term group.

The variant a document uses most wins (on a tie, the one used first); every use of another
variant is flagged, with the winning variant as its fix.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.phrases import (
    compile_phrases,
    find_words,
    in_capitalised_name,
    match_case,
    sentence_initial,
)
from linter.checks.registry import BuildContext, Scope, optional_flag, required_strings, rule_kind
from linter.markup.segments import Segment


@dataclass(frozen=True)
class ConsistencyRule:
    """A group of interchangeable ``variants`` (matched case-insensitively when ``ignorecase``)."""

    info: RuleInfo
    pattern: re.Pattern[str]
    variants: tuple[str, ...]
    ignore_case: bool = True

    def start_document(self) -> _Uses:
        """A scan of one document's prose, fed segment by segment."""
        return _Uses(self)

    def variant_of(self, text: str) -> str:
        key = " ".join(text.split())
        for variant in self.variants:
            if variant == key or (self.ignore_case and variant.lower() == key.lower()):
                return variant
        return key  # pragma: no cover - the pattern came from the variants


@dataclass(frozen=True)
class _Use:
    """One use of a variant: its own small segment (the matched words only, so a long
    document's paragraphs are not kept), and whether it starts a sentence."""

    segment: Segment
    variant: str
    initial: bool


class _Uses:
    """Collects a document's uses of the group; on :meth:`finish`, flags those of the
    variants other than the one used most (on a tie, the one used first)."""

    def __init__(self, rule: ConsistencyRule) -> None:
        self.rule = rule
        self.uses: list[_Use] = []

    def feed(self, segment: Segment) -> list[tuple[Segment, Match]]:
        for found in _free_uses(self.rule.pattern, segment):
            start, end = found.span()
            self.uses.append(_Use(segment.slice(start, end), self.rule.variant_of(found.group(0)),
                                  sentence_initial(segment.text, start)))
        return []

    def finish(self) -> list[tuple[Segment, Match]]:
        counts = Counter(use.variant for use in self.uses)
        if len(counts) < 2:
            return []
        first = {use.variant: i for i, use in reversed(list(enumerate(self.uses)))}
        chosen = max(counts, key=lambda v: (counts[v], -first[v]))
        found = []
        for use in self.uses:
            if use.variant == chosen:
                continue
            text = use.segment.text
            fix = match_case(text, chosen, use.variant, use.initial)
            message = f'Use one variant per document: "{chosen}" (used most), not "{text}"'
            found.append((use.segment, Match(self.rule.info.code, 0, len(text), message, fix)))
        return found


def _free_uses(pattern: re.Pattern[str], segment: Segment) -> list[re.Match[str]]:
    """Uses that choose a variant: not part of a longer capitalised name ("GenAI Studio"),
    and not a definition pair ("generative AI (GenAI)"), whose two halves are both left out."""
    text = segment.text
    found = [m for m in find_words(pattern, segment) if not in_capitalised_name(text, *m.span())]
    paired: set[int] = set()
    for i, (left, right) in enumerate(pairwise(found)):
        if text[left.end() : right.start()].strip() == "(" and text[right.end() :][:1] == ")":
            paired.update((i, i + 1))
    return [m for i, m in enumerate(found) if i not in paired]


@rule_kind("consistency", scope=Scope.DOCUMENT, keys=("variants", "ignorecase"), fixable=True)
def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> ConsistencyRule:
    """Build a consistency rule from its YAML entry (``variants``, ``ignorecase``)."""
    variants = tuple(str(v) for v in required_strings(entry, "variants"))
    ignore_case = optional_flag(entry, "ignorecase", True)
    return ConsistencyRule(info, compile_phrases(variants, ignore_case), variants, ignore_case)
