"""Narrowing a run to some findings: the protocol ``--diff-base`` and ``--baseline`` share."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from linter.findings import Finding, Severity


class FindingFilter(Protocol):
    """Decides which files to lint and which of their findings to report."""

    def wants_file(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` can have a reported finding at all (else it is not linted)."""
        ...

    def mask(self, findings: Sequence[Finding]) -> list[bool]:
        """For each finding, whether to report it; given every finding of each file it names."""
        ...


def wanted(paths: Sequence[Path], filters: Sequence[FindingFilter]) -> list[Path]:
    """The ``paths`` every filter wants."""
    return [path for path in paths if all(f.wants_file(path) for f in filters)]


def narrow(findings: Sequence[Finding], filters: Sequence[FindingFilter]) -> list[Finding]:
    """The findings every filter keeps; each filter sees all of ``findings``."""
    return narrow_counting(findings, filters)[0]


def narrow_counting(
    findings: Sequence[Finding], filters: Sequence[FindingFilter]
) -> tuple[list[Finding], tuple[int, ...]]:
    """:func:`narrow`, and per filter how many findings it alone hid (the others kept them:
    a baseline's count leaves out what ``--diff-base`` hid anyway)."""
    masks = [f.mask(findings) for f in filters]
    kept: list[Finding] = []
    hidden = [0] * len(filters)
    for finding, *keep in zip(findings, *masks, strict=True):
        if all(keep):
            kept.append(finding)
        elif keep.count(False) == 1:
            hidden[keep.index(False)] += 1
    return kept, tuple(hidden)


class SeverityFloor:
    """``--min-severity``: hides the findings below ``level`` (every file is linted)."""

    def __init__(self, level: Severity) -> None:
        self.level = level

    def wants_file(self, path: str | os.PathLike[str]) -> bool:
        return True

    def mask(self, findings: Sequence[Finding]) -> list[bool]:
        return [finding.severity.rank >= self.level.rank for finding in findings]
