"""The result of a lint run, as formatters receive it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from linter.findings import Finding
from linter.ruleinfo import RuleInfo
from linter.source import SourceText


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked, and why (one line)."""

    path: str
    message: str


@dataclass(frozen=True)
class Report:
    """Findings sorted by (path, line, column), plus what formatters need to render them.

    ``sources`` maps a finding's ``path`` to its decoded text, for showing the source line;
    a formatter must cope with a path that is missing from it.
    """

    findings: tuple[Finding, ...]
    files_checked: int
    rules: Mapping[str, RuleInfo]
    sources: Mapping[str, SourceText] = field(default_factory=dict)
    errors: tuple[FileError, ...] = ()
    fixed: int = 0
