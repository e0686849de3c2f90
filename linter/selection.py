"""Which rules run, and at what severity: --select/--ignore, per-rule severity, per-file ignores
and per-file severities."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from linter.findings import Finding, Severity
from linter.ruleset import RuleSet

if TYPE_CHECKING:  # imported only when there are per-file ignores
    import pathspec


class SelectionError(ValueError):
    """A rule reference that names no loaded rule."""


@dataclass(frozen=True)
class Selection:
    """The active rule codes, severity overrides and per-path ignores."""

    active: frozenset[str]
    severities: Mapping[str, Severity] = field(default_factory=dict)
    per_file: tuple[tuple[pathspec.PathSpec, frozenset[str]], ...] = ()
    #: (paths, {code: severity}); a later match overrides an earlier one and ``severities``
    per_file_severity: tuple[tuple[pathspec.PathSpec, Mapping[str, Severity]], ...] = ()

    def keeps(self, finding: Finding) -> bool:
        if finding.rule not in self.active:
            return False
        path = PurePosixPath(finding.path).as_posix()
        return not any(
            finding.rule in codes and spec.match_file(path) for spec, codes in self.per_file
        )

    def severity_of(self, code: str, default: Severity, path: str | None = None) -> Severity:
        level = self.severities.get(code, default)
        if path is not None and self.per_file_severity:
            posix = PurePosixPath(path).as_posix()
            for spec, levels in self.per_file_severity:
                if code in levels and spec.match_file(posix):
                    level = levels[code]
        return level


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
) -> Selection:
    """Resolve references to codes; empty ``select`` means every rule."""
    selected = resolve_refs(rules, select, "--select") if select else frozenset(rules.infos)
    active = selected - resolve_refs(rules, ignore, "--ignore")
    overrides = {}
    for ref, level in (severities or {}).items():
        for code in resolve_refs(rules, [ref], "severity"):
            overrides[code] = Severity.parse(level)
    if per_file_ignores or per_file_severities:
        import pathspec
    per_file = tuple(
        (
            pathspec.PathSpec.from_lines("gitwildmatch", [glob]),
            resolve_refs(rules, refs, f"per-file-ignores[{glob}]"),
        )
        for glob, refs in (per_file_ignores or {}).items()
    )
    per_file_severity = tuple(
        (
            pathspec.PathSpec.from_lines("gitwildmatch", [glob]),
            {
                code: Severity.parse(level)
                for ref, level in levels.items()
                for code in resolve_refs(rules, [ref], f"per-file-severity[{glob}]")
            },
        )
        for glob, levels in (per_file_severities or {}).items()
    )
    return Selection(active, overrides, per_file, per_file_severity)
