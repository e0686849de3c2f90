"""``existence`` rules: flag any listed word or phrase, with its regular inflections."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.phrases import compile_phrases, find_words, inflections
from linter.markup.segments import Segment


@dataclass(frozen=True)
class ExistenceRule:
    """Words to avoid; ``message`` may name the match as ``{match}``."""

    info: RuleInfo
    pattern: re.Pattern[str]
    message: str

    def find(self, segment: Segment) -> Iterator[Match]:
        for found in find_words(self.pattern, segment):
            start, end = found.span()
            message = self.message.replace("{match}", found.group(0))
            yield Match(self.info.code, start, end, message)


def build(info: RuleInfo, entry: dict) -> ExistenceRule:
    """Build an existence rule from a validated YAML entry (``tokens``, ``ignorecase``)."""
    forms = [form for token in entry["tokens"] for form in inflections(token)]
    message = str(entry.get("message") or 'Avoid "{match}"')
    return ExistenceRule(info, compile_phrases(forms, entry.get("ignorecase", True)), message)
