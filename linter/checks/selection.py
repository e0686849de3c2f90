"""Which rules run, and at what severity: --select/--ignore, per-rule severity, per-file ignores
and per-file severities."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from linter.checks.ruleset import RuleSet
from linter.findings import Finding, Severity

if TYPE_CHECKING:  # imported only when there are per-file ignores
    import pathspec


class SelectionError(ValueError):
    """A rule reference that names no loaded rule."""


@dataclass(frozen=True)
class Selection:
    """The active rule codes, severity overrides and per-path ignores.

    Per-path globs are relative to ``root`` (the config file's folder), whatever the current
    folder: a finding's path (relative to the current folder) is taken relative to ``root``
    before it is matched, and a path outside ``root`` matches no glob. Without ``root`` the
    path is matched as it is.
    """

    active: frozenset[str]
    severities: Mapping[str, Severity] = field(default_factory=dict)
    per_file: tuple[tuple[pathspec.PathSpec[Any], frozenset[str]], ...] = ()
    #: (paths, {code: severity}); a later match overrides an earlier one and ``severities``
    per_file_severity: tuple[tuple[pathspec.PathSpec[Any], Mapping[str, Severity]], ...] = ()
    root: str | None = None

    def keeps(self, finding: Finding) -> bool:
        if finding.rule not in self.active:
            return False
        if not self.per_file:
            return True
        path = self.glob_path(finding.path)
        return path is None or not any(
            finding.rule in codes and spec.match_file(path) for spec, codes in self.per_file
        )

    def severity_of(self, code: str, default: Severity, path: str | None = None) -> Severity:
        level = self.severities.get(code, default)
        if path is not None and self.per_file_severity:
            posix = self.glob_path(path)
            if posix is not None:
                for spec, levels in self.per_file_severity:
                    if code in levels and spec.match_file(posix):
                        level = levels[code]
        return level

    def glob_path(self, path: str) -> str | None:
        """``path`` as per-file globs see it: POSIX, relative to ``root``; ``None`` when it
        lies outside ``root``."""
        if self.root is None:
            return PurePosixPath(path).as_posix()
        return _relative_to(self.root, path)


def _relative_to(root: str, path: str) -> str | None:
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive on Windows
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return Path(rel).as_posix()


def resolve_refs(rules: RuleSet, refs: Iterable[str], what: str) -> frozenset[str]:
    """Rule codes for codes, names, code prefixes (``GL1``) or ``ALL``.

    An unknown reference raises SelectionError.
    """
    codes: set[str] = set()
    for raw in refs:
        ref = raw.strip()
        if not ref:
            continue
        code = rules.resolve(ref)
        prefixed = [c for c in rules.infos if c.startswith(ref.upper())]
        if ref.upper() == "ALL":
            codes.update(rules.infos)
        elif code:
            codes.add(code)
        elif prefixed and ref[:1].isalpha():
            codes.update(prefixed)
        else:
            raise SelectionError(f"{what}: unknown rule {ref!r} (see 'genai-lint rules')")
    return frozenset(codes)


def build_selection(
    rules: RuleSet,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    severities: Mapping[str, str] | None = None,
    per_file_ignores: Mapping[str, Iterable[str]] | None = None,
    per_file_severities: Mapping[str, Mapping[str, str]] | None = None,
    root: str | os.PathLike[str] | None = None,
) -> Selection:
    """Resolve references to codes; empty ``select`` means every rule. Per-file globs are
    relative to ``root`` (see :class:`Selection`)."""
    selected = resolve_refs(rules, select, "--select") if select else frozenset(rules.infos)
    active = selected - resolve_refs(rules, ignore, "--ignore")
    overrides = {}
    for ref, level in (severities or {}).items():
        for code in resolve_refs(rules, [ref], "severity"):
            overrides[code] = Severity.parse(level)
    if per_file_ignores or per_file_severities:
        import pathspec

        from linter.files.discover import glob_factory
    per_file = tuple(
        (
            pathspec.PathSpec.from_lines(glob_factory(), [glob]),
            resolve_refs(rules, refs, f"per-file-ignores[{glob}]"),
        )
        for glob, refs in (per_file_ignores or {}).items()
    )
    per_file_severity = tuple(
        (
            pathspec.PathSpec.from_lines(glob_factory(), [glob]),
            {
                code: Severity.parse(level)
                for ref, level in levels.items()
                for code in resolve_refs(rules, [ref], f"per-file-severity[{glob}]")
            },
        )
        for glob, levels in (per_file_severities or {}).items()
    )
    folder = os.path.abspath(root) if root is not None else None
    return Selection(active, overrides, per_file, per_file_severity, folder)
