"""The library API: lint a string or paths; the CLI is a thin layer over these functions.

>>> from linter.api import lint_text
>>> [f.rule for f in lint_text("Chat GPT answers questions.", claims=False)]
['GL101']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from linter.checks.registry import CheckerSettings
from linter.checks.ruleset import RuleSet, load_ruleset
from linter.checks.selection import Selection, build_selection, resolve_refs
from linter.config import Config
from linter.files.discover import discover
from linter.files.reading import ReadError, ReadFile, label_for, read_file
from linter.files.source import SourceText
from linter.findings import Finding
from linter.reporting.narrowing import FindingFilter, narrow_counting, wanted
from linter.reporting.report import FileError, Report
from linter.running.engine import Linter, SourceFile
from linter.running.execution import Execution, lint_sources
from linter.running.notices import Notice, collect_notices
from linter.running.stats import LintStats

if TYPE_CHECKING:
    from linter.fixing.fixfile import FixOutcome
    from linter.fixing.store import FixStore

#: The message of a path given to lint that does not exist (see ``run``'s ``missing_ok``).
NOT_FOUND = "path not found"


class PathNotFoundError(Exception):
    """Paths given to lint that do not exist; ``str()`` names them on one line."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = tuple(paths)
        shown = ", ".join(self.paths)
        noun = "path" if len(self.paths) == 1 else "paths"
        super().__init__(f"{noun} not found: {shown}")


@dataclass(frozen=True)
class LintRun:
    """A :class:`Report` plus the notices, per-file fix outcomes, work counters and how many
    findings each filter hid."""

    report: Report
    notices: tuple[Notice, ...] = ()
    fixes: tuple[FixOutcome, ...] = ()
    stats: LintStats | None = None
    #: per filter given to :func:`run`, how many findings it hid
    hidden: tuple[int, ...] = ()


def lint_text(
    text: str,
    *,
    syntax: str = "markdown",
    path: str = "<text>",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    claims: bool = True,
    config: Config | None = None,
) -> list[Finding]:
    """Findings for ``text`` (``syntax``: ``markdown``, ``mdx`` or ``text``), sorted by position.

    ``select``/``ignore`` take rule codes, names or code prefixes (an unknown one raises
    :class:`~linter.checks.selection.SelectionError`); ``claims=False`` skips the spaCy-based claim
    rules. ``config`` supplies extra rule and knowledge files, severities and the model.
    """
    return lint_texts([text], syntax=syntax, path=path, select=select, ignore=ignore,
                      claims=claims, config=config)[0]


def lint_texts(
    texts: Sequence[str],
    *,
    syntax: str = "markdown",
    path: str = "<text>",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    claims: bool = True,
    config: Config | None = None,
) -> list[list[Finding]]:
    """Findings for each of ``texts``, linted in one batch (one spaCy pass); see lint_text."""
    linter = linter_for(config or Config(), select=select, ignore=ignore, claims=claims)
    return linter.lint_each([SourceFile(path, SourceText.from_text(t), syntax) for t in texts])


def linter_for(
    config: Config,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    claims: bool = True,
) -> Linter:
    """The :class:`Linter` for ``config`` and the options (see :func:`run` for how
    ``select`` and ``ignore`` combine with the config's). Rule, selection and knowledge
    problems raise (``YamlError``, ``SelectionError``); the rules and the claim analyzer
    are built once per process and shared by every linter."""
    rules = ruleset(config)
    selection = _selection(rules, config, select, ignore)
    settings = CheckerSettings(config.model, tuple(config.knowledge_files))
    checker = rules.sentence_checker(selection.active, settings) if claims else None
    return Linter(rules, selection, checker)


def lint_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: Config,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    claims: bool = True,
    fix: bool = False,
) -> Report:
    """Lint files and folders; see :func:`run` (this returns only its report)."""
    return run(paths, config, select=select, ignore=ignore, claims=claims, fix=fix).report


def run(
    paths: Sequence[str | os.PathLike[str]],
    config: Config,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    claims: bool = True,
    fix: bool = False,
    unsafe_fixes: bool = False,
    store: FixStore | None = None,
    filters: Sequence[FindingFilter] = (),
    execution: Execution | None = None,
    missing_ok: bool = False,
    stdin: ReadFile | None = None,
) -> LintRun:
    """Discover, read and lint ``paths``; with ``fix``, apply the fixes and re-lint.

    A path that does not exist raises :class:`PathNotFoundError` before anything is read, or
    with ``missing_ok`` becomes a :class:`FileError` ("path not found") like a file that
    cannot be read, decoded or fixed: it is in the report and the run goes on. Rule,
    selection and knowledge problems raise (``YamlError``, ``SelectionError``). ``select``
    replaces the config's ``select`` (and then its ``ignore`` does not apply); ``ignore``
    adds to the config's ``ignore``. ``filters`` (a changed-lines set, a baseline) narrow
    the files linted and the findings reported and fixed; ``LintRun.hidden`` counts, per
    filter, the findings it hid. ``fix`` applies safe fixes, and unsafe ones too with
    ``unsafe_fixes``; ``store`` says where fixed text goes (default: the files; a
    :class:`~linter.fixing.store.MemoryStore` for a preview). ``stdin``, a text read from
    standard input (see :mod:`linter.files.stdin`), is linted instead of ``paths``.
    ``execution`` sets worker processes, the cache folder and progress (default: none).
    """
    linter = linter_for(config, select=select, ignore=ignore, claims=claims)
    errors: list[FileError]
    if stdin is not None:
        inputs, errors = [stdin], []
    else:
        inputs, errors = _discover_and_read(paths, config, filters, missing_ok)
    results = lint_sources(
        linter, [SourceFile.of(read) for read in inputs], execution or Execution(), config
    )
    findings, hidden = narrow_counting(results.findings, filters)
    notices = dict(results.notices)
    outcomes: tuple[FixOutcome, ...] = ()
    if fix:
        from linter.fixing.passes import fix_until_stable
        from linter.fixing.policy import FixPolicy

        fixed = fix_until_stable(
            linter, inputs, findings, filters, FixPolicy(unsafe=unsafe_fixes), store)
        findings, inputs, outcomes = fixed.findings, fixed.inputs, fixed.outcomes
        errors.extend(fixed.errors)
        changed = {outcome.label for outcome in outcomes if outcome.applied}
        notices = {label: found for label, found in notices.items() if label not in changed}
        notices.update(fixed.notices)
    report = Report(
        findings=tuple(findings),
        files_checked=len(inputs),
        rules=linter.rules.infos,
        sources={read.label: read.source for read in inputs},
        errors=tuple(sorted(errors, key=lambda e: e.path)),
        fixed=sum(outcome.applied for outcome in outcomes),
    )
    known = set(linter.rules.infos) | set(linter.rules.by_name)
    return LintRun(report, tuple(collect_notices(inputs, notices, known)), outcomes,
                   results.stats, hidden)


def _discover_and_read(
    paths: Sequence[str | os.PathLike[str]], config: Config,
    filters: Sequence[FindingFilter], missing_ok: bool,
) -> tuple[list[ReadFile], list[FileError]]:
    """The files ``paths`` name (see :func:`run`), read, and the paths that failed."""
    found = discover(
        list(paths),
        extensions=config.extensions,
        include=config.include,
        exclude=config.exclude,
        respect_gitignore=config.respect_gitignore,
        root=config.root,
    )
    if found.missing and not missing_ok:
        raise PathNotFoundError(found.missing)
    errors = [FileError(label_for(path), message) for path, message in found.errors]
    errors.extend(FileError(label_for(path), NOT_FOUND) for path in found.missing)
    inputs, read_errors = _read_all(wanted(found.files, filters))
    errors.extend(read_errors)
    return inputs, errors


def _read_all(paths: Sequence[Path]) -> tuple[list[ReadFile], list[FileError]]:
    inputs: list[ReadFile] = []
    errors: list[FileError] = []
    for path in paths:
        try:
            inputs.append(read_file(path))
        except ReadError as exc:
            errors.append(FileError(label_for(path), str(exc)))
    return inputs, errors


def ruleset(config: Config) -> RuleSet:
    """The shipped rules plus the config's ``rule_files``, loaded once per process."""
    return _load_rules(tuple(config.rule_files), tuple(config.knowledge_files))


@lru_cache(maxsize=8)
def _load_rules(rule_files: tuple[Path, ...], knowledge_files: tuple[Path, ...]) -> RuleSet:
    return load_ruleset(rule_files, knowledge_files)


def _check_config_refs(rules: RuleSet, config: Config) -> None:
    """A rule reference in the config that names no rule raises SelectionError naming the
    file, the line and the key (not the command-line option it would otherwise seem)."""
    settings = {
        "select": config.select,
        "ignore": config.ignore,
        "severity": tuple(config.severity),
        "per_file_ignores": tuple(r for refs in config.per_file_ignores.values() for r in refs),
        "per_file_severity": tuple(
            r for levels in config.per_file_severity.values() for r in levels),
    }
    for key, refs in settings.items():
        if refs:
            resolve_refs(rules, refs, config.origin(key))


def _selection(
    rules: RuleSet, config: Config, select: Iterable[str], ignore: Iterable[str]
) -> Selection:
    select = tuple(select)
    ignore = tuple(ignore)
    _check_config_refs(rules, config)
    return build_selection(
        rules,
        select=select or config.select,
        ignore=ignore if select else (*config.ignore, *ignore),
        severities={ref: level.value for ref, level in config.severity.items()},
        per_file_ignores=config.per_file_ignores,
        per_file_severities={
            glob: {ref: level.value for ref, level in levels.items()}
            for glob, levels in config.per_file_severity.items()
        },
        root=config.root,
    )
