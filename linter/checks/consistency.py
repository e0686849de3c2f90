"""``consistency`` rules: one document uses one variant of a term group.

The variant a document uses most wins (on a tie, the one used first); every use of another
variant is flagged, with the winning variant as its fix.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from linter.checks.base import Match
from linter.checks.phrases import (
    compile_phrases,
    find_words,
    in_capitalised_name,
    match_case,
    sentence_initial,
)
from linter.ruleinfo import RuleInfo
from linter.segments import Segment


@dataclass(frozen=True)
class ConsistencyRule:
    """A group of interchangeable ``variants`` (matched case-insensitively when ``ignorecase``)."""

    info: RuleInfo
    pattern: re.Pattern[str]
    variants: tuple[str, ...]
    ignore_case: bool = True

    def find_document(self, segments: Sequence[Segment]) -> Iterator[tuple[Segment, Match]]:
        uses = [
            (segment, found, self._variant(found.group(0)))
            for segment in segments
            for found in _free_uses(self.pattern, segment)
        ]
        counts = Counter(variant for *_, variant in uses)
        if len(counts) < 2:
            return
        first = {variant: i for i, (*_, variant) in reversed(list(enumerate(uses)))}
        chosen = max(counts, key=lambda v: (counts[v], -first[v]))
        for segment, found, variant in uses:
            if variant == chosen:
                continue
            start, end = found.span()
            text = found.group(0)
            fix = match_case(text, chosen, variant, sentence_initial(segment.text, start))
            message = f'Use one variant per document: "{chosen}" (used most), not "{text}"'
            yield segment, Match(self.info.code, start, end, message, fix)

    def _variant(self, text: str) -> str:
        key = " ".join(text.split())
        for variant in self.variants:
            if variant == key or (self.ignore_case and variant.lower() == key.lower()):
                return variant
        return key  # pragma: no cover - the pattern came from the variants


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


def build(info: RuleInfo, entry: dict) -> ConsistencyRule:
    """Build a consistency rule from a validated YAML entry (``variants``, ``ignorecase``)."""
    variants = tuple(str(v) for v in entry["variants"])
    ignore_case = bool(entry.get("ignorecase", True))
    return ConsistencyRule(info, compile_phrases(variants, ignore_case), variants, ignore_case)
