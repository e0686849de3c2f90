"""Findings placed on a piece of text, as a check would place them (for tests that build
findings by hand: fixing, formatting)."""

from __future__ import annotations

from linter.files.source import SourceText
from linter.findings import Finding, Fix, Severity


def finding_on(
    source: SourceText, needle: str, *, path: str = "doc.md", rule: str = "GL101",
    name: str = "chatgpt-name", severity: Severity = Severity.WARNING, message: str = "msg",
    fix: str | None = None, occurrence: int = 0,
) -> Finding:
    """A finding on the ``occurrence``-th ``needle`` of ``source``."""
    start = -1
    for _ in range(occurrence + 1):
        start = source.text.index(needle, start + 1)
    end = start + len(needle)
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    return Finding(path, line, column, end_line, end_column, start, end, rule, name, severity,
                   message, needle, Fix(fix) if fix is not None else None)
