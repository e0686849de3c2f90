"""``existence`` rules: flag any listed word or phrase, with its regular inflections."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.phrases import compile_phrases, find_words, inflections
from linter.checks.registry import BuildContext, Scope, optional_flag, required_strings, rule_kind
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


@rule_kind("existence", scope=Scope.PROSE, keys=("tokens", "ignorecase"))
def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> ExistenceRule:
    """Build an existence rule from its YAML entry (``tokens``, ``ignorecase``)."""
    tokens = required_strings(entry, "tokens")
    ignore_case = optional_flag(entry, "ignorecase", True)
    forms = [form for token in tokens for form in inflections(token)]
    message = str(entry.get("message") or 'Avoid "{match}"')
    return ExistenceRule(info, compile_phrases(forms, ignore_case), message)
