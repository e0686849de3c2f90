"""The command line: options → :mod:`linter.api` → formatter → exit code.

``genai-lint [OPTIONS] [PATHS]...`` lints (the ``check`` command is implied); ``rules``,
``explain``, ``entities``, ``test-rules`` and ``server`` (:mod:`linter.lsp`) are the other
commands (the knowledge-base pages
are rendered by :mod:`linter.kbpages`). Exit codes: 0 no finding at or above ``--fail-on``,
1 such findings, 2 a usage, configuration or internal error (one line on stderr, a traceback
only with ``--debug``). Results go to stdout, everything else to stderr.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from linter import __version__, kbpages
from linter.api import knowledge, ruleset, run
from linter.cache import DEFAULT_DIR as CACHE_DIR
from linter.config import Config, ConfigError, find_config, load_config
from linter.execution import Execution
from linter.findings import Severity
from linter.formatters import FORMATS, render
from linter.narrowing import FindingFilter
from linter.nlp import ModelError
from linter.report import Report
from linter.ruleinfo import RuleInfo
from linter.selection import SelectionError
from linter.suppress import next_line_comment
from linter.yamlload import YamlError

if TYPE_CHECKING:  # the knowledge base is imported when a command loads it
    from linter.knowledge import KnowledgeBase

PROG = "genai-lint"
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_SEVERITIES = [s.value for s in Severity]


class CliError(click.ClickException):
    """An error the user can act on: one line on stderr, exit code 2."""

    exit_code = EXIT_ERROR


def _fail(message: object) -> NoReturn:
    raise CliError(" ".join(str(message).split()))


class Interrupted(Exception):
    """Ctrl-C (SIGINT) during a command."""


class LintGroup(click.Group):
    """A group whose default command is ``check``: ``genai-lint docs/`` is ``genai-lint check
    docs/``. A subcommand is run when the first positional argument names one; options written
    before it move after it (``genai-lint --format json rules``)."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] in (*CONTEXT_SETTINGS["help_option_names"], "--version"):
            return super().parse_args(ctx, args)
        index = _first_positional(args, self.commands[self.default_command], ctx)
        if index is None or args[index] not in self.commands:
            args = [self.default_command, *args]
        elif index > 0:
            args = [args[index], *args[:index], *args[index + 1 :]]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] [PATHS]...")
        formatter.write_usage(ctx.command_path, "COMMAND [ARGS]...", prefix="       ")

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; Ctrl-C leaves as :class:`Interrupted` (click would print a blank
        line and turn it into ``Abort``), so the run ends with one line and exit code 130."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted from None

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        check = self.commands[self.default_command]
        with click.Context(check, info_name=ctx.info_name, parent=ctx.parent,
                           help_option_names=ctx.help_option_names) as sub:
            check.format_options(sub, formatter)
        self.format_commands(ctx, formatter)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run, turning every error into one stderr line and an exit code (see module doc)."""
        argv = list(sys.argv[1:] if args is None else args)
        code = _guarded(lambda: super(LintGroup, self).main(
            argv, prog_name or PROG, complete_var, standalone_mode=False, **extra), argv)
        if standalone_mode:
            sys.exit(code)
        return code


def _guarded(call: Any, argv: Sequence[str]) -> int:
    """Run ``call`` and map its outcome to an exit code, printing errors on one line."""
    debug = "--debug" in argv
    try:
        result = call()
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # click's own exit on a closed stdout pipe
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except click.exceptions.Abort:
        click.echo(f"{PROG}: aborted", err=True)
        return 130
    except (Interrupted, KeyboardInterrupt):
        click.echo(f"{PROG}: interrupted", err=True)
        return 130
    except click.ClickException as exc:
        if debug:
            traceback.print_exc()
        message = " ".join(exc.format_message().split())
        if isinstance(exc, click.UsageError):
            message += f" (see '{_help_command(exc.ctx)}')"
        click.echo(f"{PROG}: error: {message}", err=True)
        return exc.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_ERROR
    except Exception as exc:  # the last line of defence: one line, no traceback
        if debug:
            traceback.print_exc()
        detail = " ".join(str(exc).split())
        hint = "" if debug else " (run with --debug for a traceback)"
        click.echo(f"{PROG}: internal error: {type(exc).__name__}: {detail}{hint}", err=True)
        return EXIT_ERROR
    return result if isinstance(result, int) else EXIT_OK


def _help_command(ctx: click.Context | None) -> str:
    """The help command to suggest after a usage error in ``ctx``."""
    if ctx is None or ctx.parent is None or ctx.info_name == LintGroup.default_command:
        return f"{PROG} --help"
    return f"{PROG} {ctx.info_name} --help"


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at devnull so the interpreter's flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _first_positional(
    args: Sequence[str], command: click.Command, ctx: click.Context
) -> int | None:
    """Index of the first argument that is neither an option nor an option's value."""
    takes_value = set()
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and not param.is_flag and not param.count:
            takes_value.update(param.opts)
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--":
            return None
        elif arg.startswith("-") and arg != "-":
            skip = arg in takes_value
        else:
            return index
    return None


def _split_refs(values: Iterable[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` → ``("a", "b", "c")``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _load_config(config_path: str | None, no_config: bool) -> Config:
    if no_config:
        return Config()
    try:
        path = Path(config_path) if config_path is not None else find_config(Path.cwd())
        return load_config(path)
    except ConfigError as exc:
        _fail(exc)


def _use_color(option: bool | None) -> bool:
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _config_options(func: Any) -> Any:
    func = click.option("--no-config", is_flag=True,
                        help="Ignore configuration files; use the defaults.")(func)
    func = click.option("--config", "config_path", metavar="PATH",
                        help="Configuration file (default: .genai-lint.yaml or "
                             "[tool.genai-lint] in pyproject.toml, found upward).")(func)
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


def _filters(diff_base: str | None, baseline: str | None) -> list[FindingFilter]:
    """The filters ``--baseline`` and ``--diff-base`` ask for; a problem is exit 2."""
    filters: list[FindingFilter] = []
    if baseline is not None:
        from linter.baseline import BaselineError, load_baseline

        try:
            filters.append(load_baseline(baseline))
        except BaselineError as exc:
            _fail(exc)
    if diff_base is not None:
        from linter.gitdiff import GitError, changed_lines

        try:
            filters.append(changed_lines(diff_base))
        except GitError as exc:
            _fail(f"--diff-base: {exc}")
    return filters


def _performance_options(func: Any) -> Any:
    func = click.option("--cache-dir", metavar="PATH",
                        help=f"Cache folder (default: {CACHE_DIR} in the current folder).")(func)
    func = click.option("--no-cache", is_flag=True,
                        help="Neither read nor write the cache of per-file results.")(func)
    func = click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                        help="Worker processes for large runs (default: the number of CPUs; "
                             "small runs stay in one process).")(func)
    return func


def _execution(jobs: int | None, no_cache: bool, cache_dir: str | None, show: bool) -> Execution:
    """Workers, cache and progress bar (on a terminal stderr, when ``show``) for a lint run."""
    from linter import progress

    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    folder = None if no_cache else Path(cache_dir if cache_dir else CACHE_DIR)
    return Execution(jobs=jobs or 1, cache_dir=folder, progress=show and progress.wanted())


def _common_options(func: Any) -> Any:
    func = click.option("--debug", is_flag=True,
                        help="Show tracebacks for internal errors and, when linting, counters "
                             "of the work done (files, cache hits, words parsed).")(func)
    return func


@click.group(cls=LintGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name=PROG, message="%(prog)s %(version)s")
def cli() -> None:
    """Lint documentation for conflated or wrong AI terminology.

    With no command, lint PATHS (default: the current folder); 'genai-lint check PATHS' is the
    explicit form, for a path named like a command.
    """


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--fail-on", type=click.Choice(_SEVERITIES), default=None,
              help="Lowest severity that fails the run (default: from config, else warning).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules (codes, names or code prefixes; comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rules (codes, names or code prefixes; comma-separated).")
@_config_options
@click.option("--no-claims", is_flag=True,
              help="Skip the claim rules (no spaCy); term rules still run.")
@click.option("--statistics", is_flag=True, help="Count findings per rule (text format).")
@click.option("-q", "--quiet", is_flag=True, help="Findings only, one line each (text format).")
@click.option("--color/--no-color", default=None,
              help="Colour the output (default: when stdout is a terminal and NO_COLOR is unset).")
@_narrowing_options
@_performance_options
@_common_options
@click.version_option(__version__, "--version", prog_name=PROG, message="%(prog)s %(version)s")
def check(
    paths: tuple[str, ...], fmt: str, fix: bool, fail_on: str | None, select: tuple[str, ...],
    ignore: tuple[str, ...], config_path: str | None, no_config: bool, no_claims: bool,
    statistics: bool, quiet: bool, color: bool | None, diff_base: str | None,
    baseline: str | None, write_baseline: str | None, debug: bool,
    jobs: int | None = None, no_cache: bool = False, cache_dir: str | None = None,
) -> int:
    """Lint PATHS (files and folders; default: the current folder)."""
    config = _load_config(config_path, no_config)
    if write_baseline is not None and fix:
        _fail("--write-baseline cannot be combined with --fix")
    filters = _filters(diff_base, None if write_baseline is not None else baseline)
    try:
        result = run(paths or (".",), config, select=_split_refs(select),
                     ignore=_split_refs(ignore), claims=not no_claims, fix=fix, filters=filters,
                     execution=_execution(jobs, no_cache, cache_dir, fmt == "text" and not quiet),
                     missing_ok=True)
    except (SelectionError, YamlError) as exc:
        _fail(exc)
    except ModelError as exc:  # no spaCy pipeline: the claim rules cannot run
        _fail(f"{exc} (or use --no-claims)")
    report = result.report
    if debug and result.stats is not None:
        click.echo(f"{PROG}: debug: {result.stats.summary()}", err=True)
    use_color = _use_color(color)
    for notice in result.notices:
        click.echo(f"{PROG}: warning: {notice}", err=True)
    if write_baseline is not None:
        return _record_baseline(write_baseline, report)
    _echo_file_errors(report)
    if fmt != "text" and fix and report.fixed and not quiet:
        files = sum(1 for outcome in result.fixes if outcome.applied)
        click.echo(f"{PROG}: fixed {report.fixed} problem(s) in {files} file(s)", err=True)
    output = render(fmt, report, color=use_color, statistics=statistics, quiet=quiet,
                    file_errors=False)
    click.echo(output, nl=False, color=use_color)
    return _exit_code(report, Severity(fail_on) if fail_on else config.fail_on)


def _echo_file_errors(report: Report) -> None:
    """One stderr line per path that could not be read (or fixed), whatever the format."""
    for error in report.errors:
        click.echo(f"{PROG}: error: {error.path}: {error.message}", err=True)


def _record_baseline(path: str, report: Report) -> int:
    """``--write-baseline``: record the findings, say how many on stderr, exit 0."""
    from linter.baseline import BaselineError, write_baseline

    _echo_file_errors(report)
    try:
        count = write_baseline(path, report.findings)
    except BaselineError as exc:
        _fail(exc)
    noun = "finding" if count == 1 else "findings"
    click.echo(f"{PROG}: recorded {count} {noun} in baseline {path}", err=True)
    return EXIT_OK


def _exit_code(report: Report, fail_on: Severity) -> int:
    """2 when a path could not be read (whatever was found in the others), else 1 when a
    finding is at or above ``fail_on``, else 0."""
    if report.unread:
        return EXIT_ERROR
    if any(f.severity.rank >= fail_on.rank for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_OK


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@_config_options
@_common_options
def rules(fmt: str, config_path: str | None, no_config: bool, debug: bool) -> int:
    """List the rules: code, name, kind, severity and whether --fix can fix them."""
    infos = [info for _, info in sorted(_rule_infos(config_path, no_config).items())]
    if fmt == "json":
        data = [
            {"code": i.code, "name": i.name, "kind": i.kind, "severity": i.severity.value,
             "fixable": i.fixable, "summary": i.summary}
            for i in infos
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    header = ("code", "name", "kind", "severity", "fixable", "summary")
    rows = [(i.code, i.name, i.kind, i.severity.value, "yes" if i.fixable else "no", i.summary)
            for i in infos]
    widths = [max(len(row[col]) for row in [header, *rows]) for col in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[-1]]).rstrip())
    return EXIT_OK


@cli.command("test-rules", context_settings=CONTEXT_SETTINGS)
@click.argument("files", nargs=-1, type=click.Path())
@_config_options
@_common_options
def test_rules(files: tuple[str, ...], config_path: str | None, no_config: bool,
               debug: bool) -> int:
    """Check every rule's own examples: bad ones fire, good ones do not, fixed is what --fix
    makes of bad. With FILES (rule YAML files), test the rules those files define."""
    from linter.ruletest import check_rules

    config = _load_config(config_path, no_config)
    extra = tuple(Path(f) for f in files)
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        _fail(f"rule file not found: {', '.join(missing)}")
    known = {f.resolve() for f in config.rule_files}
    added = tuple(f for f in extra if f.resolve() not in known)
    config = dataclasses.replace(config, rule_files=(*config.rule_files, *added))
    try:
        infos = ruleset(config).infos
        wanted = {str(f.resolve()) for f in extra}
        chosen = [i for i in infos.values() if not extra or i.origin in wanted]
        results = check_rules(chosen, config)
    except YamlError as exc:
        _fail(exc)
    failures = [r for r in results if not r.passed]
    for result in failures:
        shown = f" {result.example!r}" if result.example else ""
        click.echo(f"{result.code} {result.label}:{shown}: {result.detail}")
    click.echo(f"{len(chosen)} rules, {len(results)} checks, {len(failures)} failed.")
    return EXIT_FINDINGS if failures else EXIT_OK


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("rule")
@_config_options
@_common_options
def explain(rule: str, config_path: str | None, no_config: bool, debug: bool) -> int:
    """Explain a rule (by code or name) or a knowledge-base entity (by name): why, examples,
    sources and how to fix; for an entity, its facts and their sources."""
    infos = _rule_infos(config_path, no_config)
    code = rule.upper() if rule.upper() in infos else next(
        (c for c, i in infos.items() if i.name == rule.lower()), None)
    kb = _knowledge(config_path, no_config)
    if code is None:
        entity = kbpages.lookup(kb, rule)
        if entity is None:
            _fail(f"unknown rule or entity {rule!r} (see '{PROG} rules')")
        click.echo(kbpages.entity_text(kb, entity), nl=False)
        return EXIT_OK
    click.echo(explain_text(infos[code], lambda source: kbpages.citation(kb, source)), nl=False)
    return EXIT_OK


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@_config_options
@_common_options
def entities(name: str | None, fmt: str, config_path: str | None, no_config: bool,
             debug: bool) -> int:
    """List what the knowledge base knows, or show one entity's facts and sources.

    NAME is an entity's id, name or alias (case-insensitive); a version's name shows that
    version. The knowledge files of the configuration ('knowledge-files') are included.
    """
    kb = _knowledge(config_path, no_config)
    if name is None:
        chosen = kbpages.ordered(kb)
    else:
        entity = kbpages.lookup(kb, name)
        if entity is None:
            _fail(kbpages.unknown_message(kb, name, f"{PROG} entities"))
        chosen = [entity]
    if fmt == "json":
        document = kbpages.entities_document(kb, chosen)
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    elif name is None:
        click.echo(kbpages.listing_text(kb, chosen), nl=False)
    else:
        click.echo(kbpages.entity_text(kb, chosen[0]), nl=False)
    return EXIT_OK


@cli.command(context_settings=CONTEXT_SETTINGS)
@_common_options
def server(debug: bool) -> int:
    """Run the language server (LSP over stdin and stdout) for editors: diagnostics as you
    type and quick fixes; see the README's "Editor integration"."""
    from linter.lsp import ServerUnavailable, serve

    try:
        return serve()
    except ServerUnavailable as exc:
        _fail(exc)


def explain_text(info: RuleInfo, cite: Callable[[str], str] = str) -> str:
    """The ``explain`` page of one rule."""
    fixable = ", fixable" if info.fixable else ""
    lines = [f"{info.code} {info.name} ({info.kind}, {info.severity.value}{fixable})", "",
             info.summary]
    if info.rationale and info.rationale != info.summary:
        lines += ["", "Why", *kbpages.wrap(info.rationale)]
    labels = (("bad", "Flagged"), ("good", "Not flagged"), ("fixed", "Fixed"))
    if any(info.examples.get(key) for key, _ in labels):
        lines += ["", "Examples"]
        for key, label in labels:
            for example in info.examples.get(key, ()):
                lines.append(f"  {label + ':':<12} {example}")
    if info.sources:
        lines += ["", "Sources", *(f"  - {cite(source)}" for source in info.sources)]
    lines += ["", "How to fix", *kbpages.wrap(_how_to_fix(info))]
    return "\n".join(lines) + "\n"


def _how_to_fix(info: RuleInfo) -> str:
    if info.fixable:
        how = (f"Replace the flagged text with the suggested spelling; '{PROG} --fix' does it "
               "for you (it never touches code, URLs or HTML).")
    else:
        how = ("Rewrite the sentence so that it states the fact correctly (see the examples "
               "that are not flagged); there is no automatic fix.")
    return (f"{how} To keep a line as it is, put {next_line_comment([info.code])} on the "
            f"line above it.")


def _knowledge(config_path: str | None, no_config: bool) -> KnowledgeBase:
    config = _load_config(config_path, no_config)
    try:
        return knowledge(config)
    except YamlError as exc:
        _fail(exc)


def _rule_infos(config_path: str | None, no_config: bool) -> dict[str, RuleInfo]:
    config = _load_config(config_path, no_config)
    try:
        return dict(ruleset(config).infos)
    except YamlError as exc:
        _fail(exc)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    return int(cli.main(args=argv, prog_name=PROG, standalone_mode=False))


def console() -> None:
    """The ``genai-lint`` command: :func:`main`, then flush the output and leave at once.

    With spaCy loaded, an orderly interpreter teardown (freeing every object of the
    pipeline) takes about 0.15 s, longer than a whole cached run; everything this program
    writes is written and closed before, and its worker processes have ended (mypy leaves
    the same way).
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be written
            code = code or EXIT_ERROR
    os._exit(code)
