"""Findings as LSP diagnostics: range, severity, rule code, documentation link, source."""

from __future__ import annotations

from lsprotocol import types

from linter.files.source import SourceText
from linter.findings import Finding, Severity
from linter.lsp.positions import UTF16, lsp_position

SOURCE = "genai-lint"
RULE_DOCS = "https://github.com/genai-lint/genai-lint/blob/main/docs/rules/{code}.md"

#: ``suggestion`` (style) is Information, not Hint: editors list Information in their
#: problems view, while a Hint is only a faint mark in the text that is easy to miss.
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}


def rule_doc_url(code: str) -> str:
    """The documentation page of rule ``code`` (``docs/rules/GL101.md`` in the repository)."""
    return RULE_DOCS.format(code=code)


def finding_range(finding: Finding, source: SourceText, encoding: str = UTF16) -> types.Range:
    """The LSP range of a finding in ``source`` (the text it was found in)."""
    start = lsp_position(source, finding.line, finding.column, encoding)
    end = lsp_position(source, finding.end_line, finding.end_column, encoding)
    return types.Range(types.Position(*start), types.Position(*end))


def to_diagnostic(finding: Finding, source: SourceText, encoding: str = UTF16) -> types.Diagnostic:
    """The diagnostic of one finding."""
    return types.Diagnostic(
        range=finding_range(finding, source, encoding),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=rule_doc_url(finding.rule)),
        source=SOURCE,
    )
