"""The library API: lint a string or paths; the CLI is a thin layer over these functions.

>>> from linter.api import lint_text
>>> [f.rule for f in lint_text("Chat GPT answers questions.", claims=False)]
['GL101']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from linter import markup
from linter.checks.registry import CheckerSettings
from linter.checks.ruleset import RuleSet, load_ruleset
from linter.checks.selection import Selection, build_selection, resolve_refs
from linter.config import Config
from linter.files.discover import discover
from linter.files.reading import ReadError, ReadFile, label_for, read_file
from linter.files.source import SourceText
from linter.findings import Finding
from linter.markup.segments import Comment
from linter.markup.suppress import parse_directives
from linter.reporting.narrowing import FindingFilter, narrow_counting, wanted
from linter.reporting.report import FileError, Report
from linter.running.engine import Linter, SourceFile
from linter.running.execution import Execution, lint_sources
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
class Notice:
    """A non-fatal remark about an input (an unknown suppression directive or rule)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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
    if stdin is not None:
        inputs, errors = [stdin], []
    else:
        inputs, errors = _discover_and_read(paths, config, filters, missing_ok)
    everything, stats = lint_sources(
        linter, [SourceFile.of(read) for read in inputs], execution or Execution(), config
    )
    findings, hidden = narrow_counting(everything, filters)
    outcomes: tuple[FixOutcome, ...] = ()
    if fix:
        from linter.fixing.passes import fix_until_stable
        from linter.fixing.policy import FixPolicy

        findings, inputs, outcomes, fix_errors = fix_until_stable(
            linter, inputs, findings, filters, FixPolicy(unsafe=unsafe_fixes), store)
        errors.extend(fix_errors)
    report = Report(
        findings=tuple(findings),
        files_checked=len(inputs),
        rules=linter.rules.infos,
        sources={read.label: read.source for read in inputs},
        errors=tuple(sorted(errors, key=lambda e: e.path)),
        fixed=sum(outcome.applied for outcome in outcomes),
    )
    return LintRun(report, tuple(_notices(linter.rules, inputs)), outcomes, stats, hidden)


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


#: The notice for a file with text nested past the Markdown nesting limit (once per file).
NESTING_NOTICE = (f"quotes or lists nested past the Markdown nesting limit "
                  f"({markup.MAX_NESTING} levels): their text is linted with the markers ignored")


def _notices(rules: RuleSet, inputs: Sequence[ReadFile]) -> list[Notice]:
    """Per file: text nested past the Markdown nesting limit, and malformed directives and
    unknown rules in suppression comments. A file is parsed again only when a fast test on
    its text says it may hold either."""
    known = set(rules.infos) | set(rules.by_name)
    notices: list[Notice] = []
    may_hold = _directive_hint()
    for read in inputs:
        syntax = markup.syntax_for(read.path)
        directives = may_hold(read.source.text)  # a directive, typo'd or not
        deep = syntax != "text" and markup.may_pass_nesting_limit(read.source.text)
        if not (directives or deep):
            continue
        from linter.markup.outline import outline  # the file is parsed, in parts when large

        document = outline(read.source, syntax)
        notices.extend(_nesting_notices(read, document.past_nesting_limit))
        if directives:
            notices.extend(_directive_notices(read, document.comments, known))
    return sorted(notices, key=lambda n: (n.path, n.line, n.message))


def _nesting_notices(read: ReadFile, deep: Sequence[tuple[int, int]]) -> list[Notice]:
    """One notice at the first span nested past the nesting limit, if any."""
    if not deep:
        return []
    return [Notice(read.label, read.source.position(deep[0][0])[0], NESTING_NOTICE)]


def _directive_notices(
    read: ReadFile, comments: Sequence[Comment], known: set[str]
) -> list[Notice]:
    """Malformed directives and unknown rules in the suppression comments of one file."""
    if not comments:
        return []
    suppressions = parse_directives(comments, lambda offset: read.source.position(offset)[0])
    notices = [Notice(read.label, line, message) for line, message in suppressions.problems]
    notices += [Notice(read.label, line, f"unknown rule {rule!r} in a suppression")
                for line, rule in suppressions.unknown_rules(known)]
    return notices


@cache
def _directive_hint() -> Callable[[str], bool]:
    """A fast test that is False only when a text holds no suppression comment, typo'd or
    not: each starts with ``genai-lint`` or ``genai_lint`` in any case (see
    :func:`linter.markup.suppress.parse_directives`), and a comment is a slice of the text."""
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return lambda text: "genai" in text.lower()
    search = re2.compile("[Gg][Ee][Nn][Aa][Ii][-_][Ll][Ii][Nn][Tt]").search
    return lambda text: search(text) is not None


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
