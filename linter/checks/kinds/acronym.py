"""``acronym`` rules: an acronym is expanded at its first use in a document, correctly.

Accepted first uses: "large language model (LLM)", "LLM (large language model)", a use the
expansion closely follows ("LLM: a large language model", "LLMs, or large language models"), or
any use after the expansion has appeared in the document's prose. A parenthesised expansion that
differs from the rule's ("LLM (Large Learning Model)") is flagged. Headings are skipped: they
neither count as the first use nor need an expansion (the body that follows expands it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.phrases import (
    compile_phrases,
    find_words,
    in_capitalised_name,
    initials,
    match_case,
    sentence_initial,
)
from linter.checks.registry import BuildContext, Scope, required_string, rule_kind
from linter.markup.segments import Segment

_AFTER = re.compile(r"\s*\(([^()\n]{3,80})\)")
_NEAR = 40  # characters after a first use within which a spelled-out expansion counts
_ARTICLE = re.compile(r"(?:^|(?<=\s))([Aa]n?) $")


@dataclass(frozen=True)
class AcronymRule:
    """``acronym`` (and its plural with -s) and its one right ``expansion``."""

    info: RuleInfo
    pattern: re.Pattern[str]
    acronym: str
    expansion: str
    expanded: re.Pattern[str]

    def start_document(self) -> _FirstUse:
        """A scan of one document's prose, fed segment by segment."""
        return _FirstUse(self)

    def check_first(self, segment: Segment, start: int, end: int) -> Match | None:
        """A Match when the first use at ``[start, end)`` is unexpanded or wrongly expanded."""
        text = segment.text
        found_start, used = start, text[start:end]
        plural = used.endswith("s") and not self.acronym.endswith("s")
        right = self.expansion + ("s" if plural else "")
        after = _AFTER.match(text, end)
        if after and after.group(1).strip().lower() in (right.lower(), self.expansion.lower()):
            return None
        if after and initials(after.group(1)) == initials(self.expansion):
            return self._wrong(start, after.end(), f"{used} ({right})", after.group(1))
        before = self._before(text, start) if text[end : end + 1] == ")" else None
        if before is not None:
            lo, words = before
            if initials(words) == initials(self.expansion):
                fixed = match_case(words, right, words, sentence_initial(text, lo))
                return self._wrong(lo, end + 1, f"{fixed} ({used})", words)
        article = _ARTICLE.search(text, 0, start)
        if article is not None:
            start, used = article.start(), f"{article.group(1)} {used}"
            right = ("an " if right[0].lower() in "aeiou" else "a ") + right
        fix = match_case(used, right, used, sentence_initial(text, start))
        fix += f" ({text[found_start:end]})"
        message = f'Expand "{text[found_start:end]}" at its first use: "{fix}"'
        return Match(self.info.code, start, end, message, fix)

    def defined_after(self, text: str, end: int) -> bool:
        """The expansion follows closely ("LLM: a large language model", "LLMs, or large
        language models,", "LLM stands for large language model")."""
        stop = text.find(". ", end, end + _NEAR)
        return self.expanded.search(text, end, end + _NEAR if stop == -1 else stop) is not None

    def _wrong(self, start: int, end: int, fix: str, given: str) -> Match:
        message = f'"{self.acronym}" stands for "{self.expansion}", not "{given.strip()}"'
        return Match(self.info.code, start, end, message, fix)

    def _before(self, text: str, start: int) -> tuple[int, str] | None:
        """The words before a "(ACRONYM)" use, as many as the expansion has."""
        if text[start - 1 : start] != "(":
            return None
        head = text[: start - 1].rstrip()
        words = head.split()[-len(self.expansion.split()) :]
        if not words:
            return None
        lo = len(head) - len(" ".join(words))
        return (lo, text[lo : len(head)]) if " ".join(words) == text[lo : len(head)] else None


class _FirstUse:
    """Finds the first use of one acronym in a document and judges it; then it is done."""

    def __init__(self, rule: AcronymRule) -> None:
        self.rule = rule
        self.done = False

    def feed(self, segment: Segment) -> list[tuple[Segment, Match]]:
        if self.done:
            return []
        rule, text = self.rule, segment.text
        if segment.kind == "heading":
            self.done = rule.expanded.search(text) is not None
            return []
        for found in find_words(rule.pattern, segment):
            start, end = found.span()
            if in_capitalised_name(text, start, end, after=False):
                continue  # "Google GenAI SDK", "TensorRT LLM": part of a name
            self.done = True
            if rule.expanded.search(text, 0, start) or rule.defined_after(text, end):
                return []
            match = rule.check_first(segment, start, end)
            return [] if match is None else [(segment, match)]
        self.done = rule.expanded.search(text) is not None
        return []

    def finish(self) -> list[tuple[Segment, Match]]:
        return []


@rule_kind("acronym", scope=Scope.DOCUMENT, keys=("acronym", "expansion"), fixable=True)
def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> AcronymRule:
    """Build an acronym rule from its YAML entry (``acronym``, ``expansion``)."""
    acronym = required_string(entry, "acronym")
    expansion = required_string(entry, "expansion")
    forms = [acronym] if acronym.endswith("s") else [acronym, acronym + "s"]
    return AcronymRule(
        info,
        compile_phrases(forms),
        acronym,
        expansion,
        compile_phrases([expansion, expansion + "s"], ignore_case=True),
    )
