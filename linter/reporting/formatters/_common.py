"""Helpers shared by the formatters: counts, plurals and source-line lookup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from linter.findings import Finding, Severity
from linter.reporting.report import Report

#: Severities from most to least serious, the order every summary uses.
SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION)


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"error": n, "warning": n, "suggestion": n}``, every key present, in that order."""
    counts = Counter(finding.severity for finding in findings)
    return {severity.value: counts[severity] for severity in SEVERITY_ORDER}


def rule_counts(findings: Iterable[Finding]) -> list[tuple[str, str, int]]:
    """``(code, name, count)`` per rule, most findings first, then by code."""
    findings = list(findings)
    counts = Counter(finding.rule for finding in findings)
    names: dict[str, str] = {}
    for finding in findings:
        names.setdefault(finding.rule, finding.name)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(code, names[code], count) for code, count in rows]


def plural(count: int, noun: str) -> str:
    """``"1 error"``, ``"2 errors"``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def source_line(report: Report, path: str, line: int) -> str | None:
    """The text of ``line`` in ``path``, or ``None`` when the source is unknown or too short."""
    source = report.sources.get(path)
    if source is None or line < 1:
        return None
    try:
        return source.line_text(line)
    except IndexError:
        return None
