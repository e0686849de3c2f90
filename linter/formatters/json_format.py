"""The JSON format: the DESIGN.md shape, plus a top-level ``errors`` list.

``errors`` (``[{"path": ..., "message": ...}]``, files that could not be checked) is an
addition to the documented shape; it comes after ``summary`` and is always present.
"""

from __future__ import annotations

import json
from typing import Any

from linter import __version__
from linter.findings import Finding
from linter.formatters._common import severity_counts
from linter.report import Report


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as the JSON contract spells it, keys in contract order."""
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "fix": None if finding.fix is None else {"replacement": finding.fix.replacement},
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    return {
        "version": __version__,
        "findings": [finding_dict(finding) for finding in report.findings],
        "summary": {
            "files": report.files_checked,
            "findings": len(report.findings),
            **severity_counts(report.findings),
        },
        "errors": [{"path": error.path, "message": error.message} for error in report.errors],
    }


def render(report: Report, **_options: bool) -> str:
    """Render ``report`` as one JSON object (indent 2, UTF-8 kept), newline-terminated.

    The text format's options are accepted and ignored.
    """
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
