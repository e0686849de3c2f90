"""The records a check produces: severities, fixes and findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    """How serious a finding is; ordered so that ERROR ranks highest."""

    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            allowed = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {allowed})") from None


_RANKS = {Severity.SUGGESTION: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class Fix:
    """A replacement for the finding's whole span.

    ``safe`` fixes (name spellings, vendors) keep the author's meaning and are applied by
    ``--fix``; the others rewrite style (acronym expansions, casing, variants, a rule file's
    substitutions) and need ``--unsafe-fixes`` as well. The rule's kind decides which (see
    :attr:`linter.checks.info.RuleInfo.fix_safe`).
    """

    replacement: str
    safe: bool = True

    @property
    def applicability(self) -> str:
        """``"safe"`` or ``"unsafe"`` (the word the output formats use)."""
        return "safe" if self.safe else "unsafe"


@dataclass(frozen=True)
class Finding:
    """One problem at one place in a source file.

    ``start`` and ``end`` are character offsets into the decoded, newline-normalised
    text of the file; ``line``/``column`` are 1-based, ``end_column`` is exclusive.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    rule: str
    name: str
    severity: Severity
    message: str
    text: str
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)
