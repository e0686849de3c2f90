"""Which fixes a run applies: the safe ones with ``--fix``, the unsafe ones too with
``--unsafe-fixes``, and never an acronym's expansion in a sentence that still holds an error
(expanding "LLM" in "DALL·E is an LLM" would only dress up a wrong claim).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from linter.checks.info import RuleInfo
from linter.findings import Finding, Severity
from linter.markup.textutil import sentence_bounds

#: Rule kinds whose fix adds an expansion to a sentence.
EXPANDING_KINDS = frozenset({"acronym"})
#: How far (characters) to look for a sentence's ends around a finding.
SENTENCE_LIMIT = 2000


@dataclass(frozen=True)
class FixPolicy:
    """``unsafe``: also apply unsafe fixes (``--unsafe-fixes``)."""

    unsafe: bool = False

    def allows(self, finding: Finding) -> bool:
        """Whether the finding's fix is of a tier this run applies."""
        return finding.fix is not None and (finding.fix.safe or self.unsafe)

    def applicable(
        self, findings: Sequence[Finding], texts: Mapping[str, str],
        rules: Mapping[str, RuleInfo],
    ) -> set[Finding]:
        """The findings (of the files whose texts are given, by label) whose fix to apply now.

        An expansion is held back while its sentence holds an error finding; once that is
        fixed (a wrong vendor) a later fix pass expands it.
        """
        errors: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.severity is Severity.ERROR:
                errors.setdefault(finding.path, []).append(finding)
        return {
            f for f in findings
            if self.allows(f) and not (
                _kind(rules, f) in EXPANDING_KINDS
                and _shares_sentence(f, errors.get(f.path, ()), texts.get(f.path, "")))
        }


def _kind(rules: Mapping[str, RuleInfo], finding: Finding) -> str:
    info = rules.get(finding.rule)
    return info.kind if info is not None else ""


def _shares_sentence(finding: Finding, others: Iterable[Finding], text: str) -> bool:
    """Whether one of ``others`` lies in the sentence of ``finding`` in ``text``."""
    others = list(others)
    if not others:
        return False
    lo, hi = sentence_bounds(text, finding.start, finding.end, SENTENCE_LIMIT)
    return any(other.start < hi and lo < other.end for other in others)
