"""``capitalization`` rules: a common noun is lower-case mid-sentence.

Not flagged: a sentence or line start, headings, title-like lines and link texts, ALL CAPS,
and a use inside a longer capitalised name ("Google Cloud Generative AI", "Large Language
Model Meta AI"), where the capitals belong to the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.phrases import (
    compile_phrases,
    find_words,
    in_capitalised_name,
    inflections,
    sentence_initial,
)
from linter.checks.registry import BuildContext, Scope, required_strings, rule_kind
from linter.markup.segments import Segment
from linter.markup.textutil import looks_like_title

_SKIPPED_KINDS = frozenset({"heading"})


@dataclass(frozen=True)
class CapitalizationRule:
    """``forms`` maps each lower-case spelling (with plurals) to itself, the fix."""

    info: RuleInfo
    pattern: re.Pattern[str]
    forms: dict[str, str]

    def find(self, segment: Segment) -> Iterator[Match]:
        if segment.kind in _SKIPPED_KINDS or _title_line(segment.text):
            return
        text = segment.text
        for found in find_words(self.pattern, segment):
            start, end = found.span()
            used = found.group(0)
            right = self.forms.get(" ".join(used.split()).lower())
            if right is None or used == right or used.isupper() or "\n" in used:
                continue
            if sentence_initial(text, start) or in_capitalised_name(text, start, end):
                continue
            if _title_line(_line_around(text, start, end)):
                continue  # a heading line in plain text
            message = f'Write "{right}" in lower case mid-sentence, not "{used}"'
            yield Match(self.info.code, start, end, message, right)


@rule_kind("capitalization", scope=Scope.PROSE, keys=("terms",), fixable=True)
def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> CapitalizationRule:
    """Build a capitalization rule from its YAML entry (``terms``: lower-case forms)."""
    forms = {
        form.lower(): form
        for term in required_strings(entry, "terms")
        for form in inflections(str(term))[:2]  # the term and its plural
    }
    return CapitalizationRule(info, compile_phrases(forms, ignore_case=True), forms)


def _title_line(text: str) -> bool:
    """A title-like line (a heading, a list item or cell naming a paper): mostly capitalised,
    no full stop (a short question such as "What is Generative AI?" is a heading too)."""
    stripped = text.rstrip()
    if not looks_like_title(stripped):
        return False
    return not stripped.endswith((".", "!", "?")) or (
        stripped.endswith("?") and len(stripped.split()) <= 8
    )


def _line_around(text: str, start: int, end: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]
