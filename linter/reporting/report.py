"""The result of a lint run, as formatters receive it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from linter.checks.info import RuleInfo
from linter.files.source import SourceText
from linter.findings import Finding


@dataclass(frozen=True)
class FileError:
    """A path that could not be checked or fixed, and why (one line).

    ``unread``: the path was not linted (missing, unreadable or undecodable); otherwise it
    was linted and only ``--fix`` failed on it.
    """

    path: str
    message: str
    unread: bool = True


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

    @property
    def unread(self) -> int:
        """How many paths could not be read, and so were not linted."""
        return sum(1 for error in self.errors if error.unread)
