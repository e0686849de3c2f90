"""The human-readable format: one header per finding, the source line, a caret, a summary."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import click

from linter.checks.docurls import DOCS_URL, doc_url
from linter.findings import Finding, Severity
from linter.reporting.formatters._common import (
    SEVERITY_ORDER,
    plural,
    rule_counts,
    severity_counts,
    source_line,
)
from linter.reporting.report import Report

#: Source lines longer than this (characters) are shown as an excerpt around the finding.
LONG_LINE = 1000
#: Characters of context an excerpt keeps on each side of the finding.
EXCERPT_CONTEXT = 80

_SEVERITY_STYLE: dict[Severity, dict[str, Any]] = {
    Severity.ERROR: {"fg": "red", "bold": True},
    Severity.WARNING: {"fg": "yellow", "bold": True},
    Severity.SUGGESTION: {"fg": "cyan", "bold": True},
}


def render(
    report: Report, *, color: bool = False, statistics: bool = False, quiet: bool = False,
    file_errors: bool = True,
) -> str:
    """Render ``report`` for a terminal.

    ``quiet`` keeps only ``path:line:col: CODE [severity] message`` lines (and
    unreadable-file lines); ``statistics`` appends counts per rule. Otherwise a line before
    the summary says where the rules are documented; with ``color``, each rule code is also
    a terminal hyperlink to its page. ``file_errors=False`` leaves out the lines of
    paths that could not be read or fixed (the CLI prints them on stderr); the summary
    still counts them. ANSI colours only when ``color`` is true. The result ends with a
    newline unless it is empty.
    """

    def style(text: str, **styles: Any) -> str:
        return click.style(text, **styles) if color else text

    lines: list[str] = []
    for finding in report.findings:
        lines.extend(_finding_lines(report, finding, style, quiet=quiet, linked=color))
    for error in report.errors if file_errors else ():
        lines.append(f"{style(error.path, bold=True)}: {style('error', fg='red', bold=True)}: "
                     f"{error.message}")
    if not quiet:
        docs = _docs_line(report)
        if docs:
            lines.append(docs)
        lines.append(style(_summary(report), bold=True))
        if report.fixed:
            lines.append(style(f"Fixed {plural(report.fixed, 'problem')}.", fg="green"))
    if statistics and report.findings:
        if lines:
            lines.append("")
        lines.extend(_statistics(report))
    return "".join(f"{line}\n" for line in lines)


def _finding_lines(
    report: Report, finding: Finding, style: Callable[..., str], *, quiet: bool, linked: bool
) -> list[str]:
    sev_style = _SEVERITY_STYLE[finding.severity]
    where = style(f"{finding.path}:{finding.line}:{finding.column}:", bold=True)
    code = _linked(report, finding.rule, style(finding.rule, **sev_style), linked)
    severity = style(f"[{finding.severity.value}]", **sev_style)
    lines = [f"{where} {code} {severity} {finding.message}"]
    if quiet:
        return lines
    text = source_line(report, finding.path, finding.line)
    if text is not None:
        number = str(finding.line)
        width = max(4, len(number))
        gutter = style(f"{number:>{width}} |", fg="blue", bold=True)
        blank_gutter = style(f"{'':>{width}} |", fg="blue", bold=True)
        end = finding.end_column if finding.end_line == finding.line else len(text) + 1
        text, column, end = excerpt(text, finding.column, end)
        pad, carets = caret(text, column, end)
        lines.append(f"{gutter} {text}" if text else gutter)
        lines.append(f"{blank_gutter} {pad}{style(carets, **sev_style)}")
    if finding.fix is not None:
        label = "fix:" if finding.fix.safe else "unsafe fix (--unsafe-fixes):"
        lines.append(f"  {style(label, fg='green', bold=True)} replace with "
                     f"\"{finding.fix.replacement}\"")
    return lines


def _linked(report: Report, code: str, shown: str, linked: bool) -> str:
    """``shown`` as a terminal hyperlink (OSC 8) to the rule's docs page, when ``linked`` and
    the rule has one."""
    info = report.rules.get(code)
    url = doc_url(info) if info is not None and linked else None
    return f"\x1b]8;;{url}\x1b\\{shown}\x1b]8;;\x1b\\" if url else shown


def _docs_line(report: Report) -> str | None:
    """Where the rules of the findings are documented, when one ships with genai-lint."""
    if not any(doc_url(report.rules[f.rule]) for f in report.findings if f.rule in report.rules):
        return None
    return f"Rule docs: genai-lint explain CODE, or {DOCS_URL}/CODE.md"


def excerpt(text: str, column: int, end_column: int) -> tuple[str, int, int]:
    """A source line as shown under a finding, and the span's columns in it.

    A line longer than :data:`LONG_LINE` characters (a minified or generated file, a
    paragraph without line breaks) is cut to the span and :data:`EXCERPT_CONTEXT` characters
    on each side, marked with "…" where cut; printing it whole for each of its findings
    would make the output grow with the square of the line's length.
    """
    if len(text) <= LONG_LINE:
        return text, column, end_column
    start = min(max(column - 1, 0), len(text))
    end = min(max(end_column - 1, start), len(text))
    lo = max(start - EXCERPT_CONTEXT, 0)
    hi = min(max(end, start + 1) + EXCERPT_CONTEXT, len(text), lo + LONG_LINE)
    before = "…" if lo > 0 else ""
    after = "…" if hi < len(text) else ""
    shift = len(before) - lo
    return before + text[lo:hi] + after, column + shift, min(end_column + shift, hi + shift + 1)


def caret(text: str, column: int, end_column: int) -> tuple[str, str]:
    """Padding and ``^`` marks that sit under ``text[column-1:end_column-1]`` on a terminal.

    Tabs in the padding are kept so they expand as in the line above; wide (East Asian
    wide/fullwidth, most emoji) characters take two cells, combining and format
    characters none. At least one ``^`` is returned, even for an empty span.
    """
    start = max(column - 1, 0)
    end = max(end_column - 1, start)
    pad = "".join("\t" if char == "\t" else " " * _cells(char) for char in text[:start])
    return pad, "^" * max(1, sum(_cells(char) for char in text[start:end]))


def _cells(char: str) -> int:
    """Terminal cells a character occupies (tabs count as one caret)."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _summary(report: Report) -> str:
    """One sentence: the findings (or none) in the files linted, then the paths that could
    not be read and the files that could not be fixed, if any."""
    files = report.files_checked
    total = len(report.findings)
    tail = "".join(f"; {clause}" for clause in _error_clauses(report))
    if not total:
        return f"No problems found in {plural(files, 'file')}{tail}."
    counts = severity_counts(report.findings)
    parts = ", ".join(plural(counts[s.value], s.value) for s in SEVERITY_ORDER if counts[s.value])
    with_findings = len({finding.path for finding in report.findings})
    files_text = f"{with_findings} of {plural(files, 'file')}"
    return f"Found {plural(total, 'problem')} ({parts}) in {files_text}{tail}."


def _error_clauses(report: Report) -> list[str]:
    """``1 path could not be read``, ``2 files could not be fixed``: the non-zero ones."""
    unread = report.unread
    unfixed = len(report.errors) - unread
    clauses = []
    if unread:
        clauses.append(f"{plural(unread, 'path')} could not be read")
    if unfixed:
        clauses.append(f"{plural(unfixed, 'file')} could not be fixed")
    return clauses


def _statistics(report: Report) -> list[str]:
    rows = rule_counts(report.findings)
    count_width = max(len("count"), *(len(str(n)) for _, _, n in rows))
    code_width = max(len("rule"), *(len(code) for code, _, _ in rows))
    lines = [f"{'count':>{count_width}}  {'rule':<{code_width}}  name"]
    lines += [f"{n:>{count_width}}  {code:<{code_width}}  {name}" for code, name, n in rows]
    return lines
