"""The JSON format: the DESIGN.md shape, plus a top-level ``errors`` list.

``errors`` (``[{"path": ..., "message": ...}]``, files that could not be checked) is an
addition to the documented shape; it comes after ``summary`` and is always present. A
finding's ``fix`` is ``{"replacement": ..., "safe": true|false}`` (``safe``: applied by
``--fix``; otherwise it needs ``--unsafe-fixes``). With ``--statistics``, ``statistics`` lists
``{"rule", "name", "count"}`` per rule, most findings first.
"""

from __future__ import annotations

import json
from typing import Any

from linter import __version__
from linter.findings import Finding
from linter.reporting.formatters._common import rule_counts, severity_counts
from linter.reporting.report import Report


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
        "fix": None if finding.fix is None else {"replacement": finding.fix.replacement,
                                                 "safe": finding.fix.safe},
    }


def to_dict(report: Report, statistics: bool = False) -> dict[str, Any]:
    """The whole report as a JSON-ready dict (with per-rule counts when ``statistics``)."""
    data = {
        "version": __version__,
        "findings": [finding_dict(finding) for finding in report.findings],
        "summary": {
            "files": report.files_checked,
            "findings": len(report.findings),
            **severity_counts(report.findings),
        },
        "errors": [{"path": error.path, "message": error.message} for error in report.errors],
    }
    if statistics:
        data["statistics"] = [{"rule": code, "name": name, "count": count}
                              for code, name, count in rule_counts(report.findings)]
    return data


def render(report: Report, *, statistics: bool = False, **_options: bool) -> str:
    """Render ``report`` as one JSON object (indent 2, UTF-8 kept), newline-terminated.

    ``statistics`` adds the per-rule counts; the text format's other options are ignored.
    """
    return json.dumps(to_dict(report, statistics), indent=2, ensure_ascii=False) + "\n"
