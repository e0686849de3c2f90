"""The ``check`` command (``genai-lint [OPTIONS] [PATHS]...``): options →
:func:`linter.running.api.run` → formatter, diff or fixed text → exit code.

Exit codes: 0 no finding at or above ``--fail-on`` (or ``--exit-zero``), 1 such findings, 2 a
usage, configuration or read error. With ``--diff``, as with ruff: 1 when fixes would change a
file, 0 when none would (findings without a fix do not count), 2 on errors.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from linter import __version__
from linter.checks.selection import SelectionError
from linter.cli.common import (
    CONTEXT_SETTINGS,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    PROG,
    common_options,
    config_options,
    fail,
    load_cli_config,
    split_refs,
    use_color,
    warn,
)
from linter.config import Config
from linter.datafiles.lines import YamlError
from linter.files.reading import ReadError
from linter.findings import Severity
from linter.reporting.formatters import FORMATS, render
from linter.reporting.narrowing import FindingFilter, SeverityFloor
from linter.reporting.report import Report
from linter.running import api
from linter.running.cache import DEFAULT_DIR as CACHE_DIR
from linter.running.execution import Execution
from linter.running.nlp import ModelError

_SEVERITIES = [s.value for s in Severity]


@dataclass(frozen=True)
class Output:
    """Where a run's output goes: stdout, or ``--output-file``."""

    path: str | None
    color: bool

    def write(self, text: str) -> None:
        if self.path is None:
            click.echo(text, nl=False, color=self.color)
            return
        try:
            Path(self.path).write_text(text, encoding="utf-8", newline="\n")
        except OSError as exc:
            fail(f"--output-file: cannot write {self.path}: {exc.strerror or exc}")


def _report_options(func: Any) -> Any:
    func = click.option("--output-file", "-o", metavar="PATH",
                        help="Write the report (or the diff) to PATH instead of stdout.")(func)
    func = click.option("--exit-zero", is_flag=True,
                        help="Exit 0 even when findings are reported (2 still means an "
                             "error).")(func)
    func = click.option("--min-severity", type=click.Choice(_SEVERITIES), default=None,
                        help="Hide (and leave unfixed) findings below this severity; "
                             "--fail-on only sets the exit code.")(func)
    return func


def _fix_options(func: Any) -> Any:
    func = click.option("--diff", "show_diff", is_flag=True,
                        help="Print the fixes as a unified diff and write nothing (exit 1 "
                             "when a file would change, else 0).")(func)
    func = click.option("--unsafe-fixes", is_flag=True,
                        help="With --fix or --diff, also apply the unsafe fixes: style "
                             "rewrites (acronym expansions, casing, variants, rule-file "
                             "substitutions).")(func)
    func = click.option("--fix", is_flag=True,
                        help="Apply the safe fixes to the files: name spellings and vendors "
                             "(style rewrites need --unsafe-fixes).")(func)
    return func


def _narrowing_options(func: Any) -> Any:
    func = click.option("--write-baseline", metavar="FILE",
                        help="Record the findings in FILE (for --baseline) and exit 0.")(func)
    func = click.option("--baseline", metavar="FILE",
                        help="Report only findings not recorded in FILE "
                             "(see --write-baseline).")(func)
    func = click.option("--diff-base", metavar="REF",
                        help="Report only findings on lines added or changed since the merge "
                             "base of git revision REF and HEAD (untracked files count).")(func)
    return func


def _performance_options(func: Any) -> Any:
    func = click.option("--cache-dir", metavar="PATH",
                        help=f"Cache folder (default: {CACHE_DIR} in the config file's folder, "
                             "else in the current folder).")(func)
    func = click.option("--no-cache", is_flag=True,
                        help="Neither read nor write the cache of per-file results.")(func)
    func = click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                        help="Worker processes for large runs (default: the number of CPUs; "
                             "small runs stay in one process).")(func)
    return func


def _filters(
    diff_base: str | None, baseline: str | None, min_severity: str | None
) -> list[FindingFilter]:
    """The filters the options ask for, the baseline first; a problem is exit 2."""
    filters: list[FindingFilter] = []
    if baseline is not None:
        from linter.reporting.baseline import BaselineError, load_baseline

        try:
            filters.append(load_baseline(baseline))
        except BaselineError as exc:
            fail(exc)
    if diff_base is not None:
        from linter.reporting.gitdiff import GitError, changed_lines

        try:
            filters.append(changed_lines(diff_base))
        except GitError as exc:
            fail(f"--diff-base: {exc}")
    if min_severity is not None:
        filters.append(SeverityFloor(Severity(min_severity)))
    return filters


def execution(jobs: int | None, no_cache: bool, cache_dir: str | None, show: bool,
              root: Path | None = None) -> Execution:
    """Workers, cache and progress bar (on a terminal stderr, when ``show``) for a lint run.
    The cache folder defaults to ``root`` (the config file's folder), else the current one."""
    from linter.running import progress

    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    folder = None
    if not no_cache:
        folder = Path(cache_dir) if cache_dir else (root or Path()) / CACHE_DIR
    return Execution(jobs=jobs or 1, cache_dir=folder, progress=show and progress.wanted())


def _check_usage(paths: Sequence[str], stdin_filename: str | None, fix: bool,
                 show_diff: bool, unsafe_fixes: bool, write_baseline: str | None) -> None:
    if write_baseline is not None and (fix or show_diff):
        fail(f"--write-baseline cannot be combined with {'--fix' if fix else '--diff'}")
    if unsafe_fixes and not (fix or show_diff):
        fail("--unsafe-fixes needs --fix or --diff")
    if "-" in paths and len(paths) > 1:
        fail("'-' (standard input) must be the only path")
    if stdin_filename is not None and "-" not in paths:
        fail("--stdin-filename needs '-' (standard input) as the path")


@click.command("check", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text",
              show_default=True, help="Output format.")
@_fix_options
@click.option("--fail-on", type=click.Choice(_SEVERITIES), default=None,
              help="Lowest severity that fails the run (default: from config, else warning).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules (codes, names or code prefixes; comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rules (codes, names or code prefixes; comma-separated).")
@config_options
@click.option("--stdin-filename", metavar="PATH",
              help="With '-' as the path: the name of the text read from standard input "
                   "(its syntax, config and per-file settings are those of PATH).")
@click.option("--no-claims", is_flag=True,
              help="Skip the claim rules (no spaCy); term rules still run.")
@click.option("--statistics", is_flag=True,
              help="Count findings per rule (text: a table; json: a 'statistics' list).")
@click.option("-q", "--quiet", is_flag=True,
              help="Findings only, one line each (text format).")
@click.option("--color/--no-color", default=None,
              help="Colour the output (default: when stdout is a terminal and NO_COLOR is unset).")
@_report_options
@_narrowing_options
@_performance_options
@common_options
@click.version_option(__version__, "--version", prog_name=PROG, message="%(prog)s %(version)s")
def check(
    paths: tuple[str, ...], fmt: str, fix: bool, unsafe_fixes: bool, show_diff: bool,
    fail_on: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
    config_path: str | None, no_config: bool, stdin_filename: str | None, no_claims: bool,
    statistics: bool, quiet: bool, color: bool | None, output_file: str | None,
    exit_zero: bool, min_severity: str | None, diff_base: str | None,
    baseline: str | None, write_baseline: str | None, debug: bool,
    jobs: int | None = None, no_cache: bool = False, cache_dir: str | None = None,
) -> int:
    """Lint PATHS (files and folders; default: the current folder; '-': standard input)."""
    _check_usage(paths, stdin_filename, fix, show_diff, unsafe_fixes, write_baseline)
    config = load_cli_config(config_path, no_config)
    filters = _filters(diff_base, None if write_baseline is not None else baseline,
                       min_severity)
    stdin = _stdin(stdin_filename) if paths == ("-",) else None
    store = None
    if show_diff or stdin is not None:
        from linter.fixing.store import MemoryStore

        store = MemoryStore({stdin[0].label: stdin[1]} if stdin is not None else None)
    show_progress = fmt == "text" and not quiet and not show_diff and stdin is None
    try:
        result = api.run(
            paths or (".",), config, select=split_refs(select), ignore=split_refs(ignore),
            claims=not no_claims, fix=fix or show_diff, unsafe_fixes=unsafe_fixes,
            store=store, filters=filters, missing_ok=True,
            stdin=stdin[0] if stdin is not None else None,
            execution=execution(jobs, no_cache, cache_dir, show_progress, config.root))
    except (SelectionError, YamlError) as exc:
        fail(exc)
    except ModelError as exc:  # no spaCy pipeline: the claim rules cannot run
        fail(f"{exc} (or use --no-claims)")
    return _finish(result, config, store, _Settings(
        fmt, fix, show_diff, stdin is not None, statistics, quiet, color, output_file,
        exit_zero, fail_on, baseline if write_baseline is None else None, write_baseline,
        debug))


@dataclass(frozen=True)
class _Settings:
    """The options that decide what a finished run prints and returns."""

    fmt: str
    fix: bool
    show_diff: bool
    stdin: bool
    statistics: bool
    quiet: bool
    color: bool | None
    output_file: str | None
    exit_zero: bool
    fail_on: str | None
    baseline: str | None
    write_baseline: str | None
    debug: bool


def _stdin(filename: str | None) -> tuple[Any, bytes]:
    from linter.files.stdin import read_stdin

    try:
        return read_stdin(filename)
    except ReadError as exc:
        fail(exc)


def _finish(result: api.LintRun, config: Config, store: Any, opts: _Settings) -> int:
    """Print what the run found (stderr notes, then the report, diff or fixed text) and
    return the exit code."""
    report = result.report
    if opts.debug and result.stats is not None:
        click.echo(f"{PROG}: debug: {result.stats.summary()}", err=True)
    for notice in result.notices:
        warn(str(notice))
    if opts.write_baseline is not None:
        return _record_baseline(opts.write_baseline, report)
    _echo_file_errors(report)
    if opts.baseline is not None and not opts.quiet:
        hid = result.hidden[0]
        noun = "finding" if hid == 1 else "findings"
        click.echo(f"{PROG}: the baseline {opts.baseline} hid {hid} {noun}", err=True)
    if opts.show_diff:
        return _print_diff(result, store, opts)
    color = use_color(opts.color) and opts.output_file is None
    if opts.stdin and opts.fix:  # the fixed text on stdout, the report on stderr (as ruff)
        (fixed,) = store.current.values()  # the bytes as fixed: encoding, BOM, newlines kept
        click.echo(fixed, nl=False)  # bytes go to the binary stream as they are
    elif opts.fmt != "text" and opts.fix and report.fixed and not opts.quiet:
        files = sum(1 for outcome in result.fixes if outcome.applied)
        click.echo(f"{PROG}: fixed {report.fixed} problem(s) in {files} file(s)", err=True)
    output = render(opts.fmt, report, color=color, statistics=opts.statistics,
                    quiet=opts.quiet, file_errors=False)
    if opts.stdin and opts.fix and opts.output_file is None:
        click.echo(output, nl=False, err=True)
    else:
        Output(opts.output_file, color).write(output)
    fail_on = Severity(opts.fail_on) if opts.fail_on else config.fail_on
    return exit_code(report, fail_on, opts.exit_zero)


def _print_diff(result: api.LintRun, store: Any, opts: _Settings) -> int:
    """``--diff``: the diff on stdout (or ``--output-file``), a count on stderr."""
    from linter.fixing.preview import unified_diffs

    changed = store.changed()
    Output(opts.output_file, False).write(unified_diffs(changed))
    fixes = result.report.fixed
    if not opts.quiet:
        click.echo(f"{PROG}: would fix {fixes} problem{'s' if fixes != 1 else ''} in "
                   f"{len(changed)} file{'s' if len(changed) != 1 else ''}", err=True)
    if result.report.unread:
        return EXIT_ERROR
    return EXIT_FINDINGS if changed and not opts.exit_zero else EXIT_OK


def _echo_file_errors(report: Report) -> None:
    """One stderr line per path that could not be read (or fixed), whatever the format."""
    for error in report.errors:
        click.echo(f"{PROG}: error: {error.path}: {error.message}", err=True)


def _record_baseline(path: str, report: Report) -> int:
    """``--write-baseline``: record the findings, say how many on stderr, exit 0."""
    from linter.reporting.baseline import BaselineError, write_baseline

    _echo_file_errors(report)
    try:
        count = write_baseline(path, report.findings)
    except BaselineError as exc:
        fail(exc)
    noun = "finding" if count == 1 else "findings"
    click.echo(f"{PROG}: recorded {count} {noun} in baseline {path}", err=True)
    return EXIT_OK


def exit_code(report: Report, fail_on: Severity, exit_zero: bool = False) -> int:
    """2 when a path could not be read (whatever was found in the others), else 1 when a
    finding is at or above ``fail_on`` (unless ``exit_zero``), else 0."""
    if report.unread:
        return EXIT_ERROR
    if not exit_zero and any(f.severity.rank >= fail_on.rank for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_OK
