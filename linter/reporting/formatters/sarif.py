"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, IDE viewers).

One run; columns are Unicode code points (``run.columnKind``), 1-based, ``endColumn``
exclusive, exactly as in our own contract. Each result carries a ``partialFingerprints``
entry that ignores line numbers, so a finding keeps its identity when text moves.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from linter import __version__
from linter.checks.docurls import REPOSITORY, doc_url
from linter.checks.info import RuleInfo
from linter.findings import Finding, Severity
from linter.reporting.fingerprint import fingerprint_all
from linter.reporting.report import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = REPOSITORY
TOOL_NAME = "genai-lint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "genaiLint/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


def to_sarif(report: Report) -> dict[str, Any]:
    """The report as a SARIF log (a JSON-ready dict)."""
    rules = _rules(report)
    index = {rule.code: position for position, rule in enumerate(rules)}
    fingerprints = fingerprint_all(report.findings)
    results = [
        _result(finding, index[finding.rule], fingerprint)
        for finding, fingerprint in zip(report.findings, fingerprints, strict=True)
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": error.message},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(error.path)}}],
            }
            for error in report.errors
        ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, **_options: bool) -> str:
    """Render ``report`` as SARIF JSON (indent 2), newline-terminated.

    The text format's options are accepted and ignored.
    """
    return json.dumps(to_sarif(report), indent=2, ensure_ascii=False) + "\n"


def _rules(report: Report) -> list[RuleInfo]:
    """All known rules by code, plus a stand-in for any code a finding uses but none lists."""
    rules = dict(report.rules)
    for finding in report.findings:
        if finding.rule not in rules:
            rules[finding.rule] = RuleInfo(
                code=finding.rule, name=finding.name, kind="unknown",
                severity=finding.severity, summary=finding.name,
            )
    return [rules[code] for code in sorted(rules)]


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    description = rule.rationale or rule.summary
    url = doc_url(rule)
    return {
        "id": rule.code,
        **({"helpUri": url} if url else {}),
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": description},
        "help": {"text": description},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "tags": [rule.kind],
            "kind": rule.kind,
            "severity": rule.severity.value,
            "fixable": rule.fixable,
            "fix": rule.fix_applicability,
            "sources": list(rule.sources),
        },
    }


def _fix_text(finding: Finding) -> str:
    assert finding.fix is not None
    text = f'Replace with "{finding.fix.replacement}"'
    return text if finding.fix.safe else f"{text} (unsafe fix: --fix --unsafe-fixes)"


def _artifact(path: str) -> dict[str, str]:
    """An artifactLocation: relative paths against ``%SRCROOT%``, absolute ones as file URIs."""
    posix = path.replace("\\", "/")
    if posixpath.isabs(posix):
        return {"uri": PurePosixPath(posix).as_uri()}
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _region(finding: Finding) -> dict[str, int]:
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    artifact = _artifact(finding.path)
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {**_region(finding), "snippet": {"text": finding.text}},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": _fix_text(finding)},
                "artifactChanges": [
                    {
                        "artifactLocation": dict(artifact),
                        "replacements": [
                            {
                                "deletedRegion": _region(finding),
                                "insertedContent": {"text": finding.fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result
