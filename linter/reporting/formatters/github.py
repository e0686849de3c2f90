"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding."""

from __future__ import annotations

from linter.findings import Severity
from linter.reporting.report import Report

_COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.SUGGESTION: "notice",
}


def escape_data(value: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property value: as :func:`escape_data`, plus ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def render(report: Report, **_options: bool) -> str:
    """One workflow command per finding, then one ``::error`` per unreadable file.

    The text format's options are accepted and ignored. The result ends with
    a newline unless it is empty.
    """
    lines = [
        _command(
            _COMMANDS[finding.severity],
            {
                "file": finding.path,
                "line": finding.line,
                "col": finding.column,
                "endLine": finding.end_line,
                "endColumn": finding.end_column,
                "title": f"{finding.rule} {finding.name}",
            },
            finding.message,
        )
        for finding in report.findings
    ]
    lines += [
        _command("error", {"file": error.path, "title": "genai-lint"}, error.message)
        for error in report.errors
    ]
    return "".join(f"{line}\n" for line in lines)
