"""The command line: options → :mod:`linter.running.api` → formatter → exit code.

``genai-lint [OPTIONS] [PATHS]...`` lints (the ``check`` command is implied); ``rules``,
``explain``, ``entities``, ``test-rules`` and ``server`` (:mod:`linter.lsp`) are the other
commands (the knowledge-base pages
are rendered by :mod:`linter.knowledge.pages`). Exit codes: 0 no finding at or above ``--fail-on``,
1 such findings, 2 a usage, configuration or internal error (one line on stderr, a traceback
only with ``--debug``). Results go to stdout, everything else to stderr.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from linter import __version__
from linter.checks.info import RuleInfo
from linter.cli.check import check
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
)
from linter.datafiles.lines import YamlError
from linter.knowledge.loaded import knowledge
from linter.running.api import ruleset

if TYPE_CHECKING:  # the knowledge base is imported when a command loads it
    from linter.knowledge.base import KnowledgeBase


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

    def main(
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
            _print_traceback()
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
            _print_traceback()
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


@click.group(cls=LintGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name=PROG, message="%(prog)s %(version)s")
def cli() -> None:
    """Lint documentation for conflated or wrong AI terminology.

    With no command, lint PATHS (default: the current folder); 'genai-lint check PATHS' is the
    explicit form, for a path named like a command.
    """


cli.add_command(check)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@config_options
@common_options
def rules(fmt: str, config_path: str | None, no_config: bool, debug: bool) -> int:
    """List the rules: code, name, kind, severity, whether they can be fixed (a safe fix, for
    --fix, or an unsafe one, for --fix --unsafe-fixes) and what they catch."""
    from linter.checks import docs as ruledocs

    infos = [info for _, info in sorted(_rule_infos(config_path, no_config).items())]
    if fmt == "json":
        data = [
            {"code": i.code, "name": i.name, "kind": i.kind, "severity": i.severity.value,
             "fixable": i.fixable, "fix": i.fix_applicability, "summary": i.summary,
             "docs": ruledocs.doc_url(i)}
            for i in infos
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    header = ("code", "name", "kind", "severity", "fixable", "summary")
    rows = [(i.code, i.name, i.kind, i.severity.value, i.fix_applicability or "no", i.summary)
            for i in infos]
    widths = [max(len(row[col]) for row in [header, *rows]) for col in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[-1]]).rstrip())
    return EXIT_OK


@cli.command("test-rules", context_settings=CONTEXT_SETTINGS)
@click.argument("files", nargs=-1, type=click.Path())
@config_options
@common_options
def test_rules(files: tuple[str, ...], config_path: str | None, no_config: bool,
               debug: bool) -> int:
    """Check every rule's own examples: bad ones fire, good ones do not, fixed is what --fix
    makes of bad. With FILES (rule YAML files), test the rules those files define."""
    from linter.cli.ruletest import check_rules

    config = load_cli_config(config_path, no_config)
    extra = tuple(Path(f) for f in files)
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        fail(f"rule file not found: {', '.join(missing)}")
    known = {f.resolve() for f in config.rule_files}
    added = tuple(f for f in extra if f.resolve() not in known)
    config = dataclasses.replace(config, rule_files=(*config.rule_files, *added))
    try:
        infos = ruleset(config).infos
        wanted = {str(f.resolve()) for f in extra}
        chosen = [i for i in infos.values() if not extra or i.origin in wanted]
        results = check_rules(chosen, config)
    except YamlError as exc:
        fail(exc)
    failures = [r for r in results if not r.passed]
    for result in failures:
        shown = f" {result.example!r}" if result.example else ""
        click.echo(f"{result.code} {result.label}:{shown}: {result.detail}")
    click.echo(f"{len(chosen)} rules, {len(results)} checks, {len(failures)} failed.")
    return EXIT_FINDINGS if failures else EXIT_OK


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("rule")
@config_options
@common_options
def explain(rule: str, config_path: str | None, no_config: bool, debug: bool) -> int:
    """Explain a rule (by code or name) or a knowledge-base entity (by name): why, examples,
    sources and how to fix; for an entity, its facts and their sources."""
    from linter.checks import docs as ruledocs
    from linter.knowledge import pages as kbpages

    infos = _rule_infos(config_path, no_config)
    code = rule.upper() if rule.upper() in infos else next(
        (c for c, i in infos.items() if i.name == rule.lower()), None)
    kb = _knowledge(config_path, no_config)
    if code is None:
        entity = kbpages.lookup(kb, rule)
        if entity is None:
            fail(f"unknown rule or entity {rule!r} (see '{PROG} rules')")
        click.echo(kbpages.entity_text(kb, entity), nl=False)
        return EXIT_OK
    click.echo(ruledocs.explain_text(infos[code], lambda source: kbpages.citation(kb, source)),
               nl=False)
    return EXIT_OK


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@config_options
@common_options
def entities(name: str | None, fmt: str, config_path: str | None, no_config: bool,
             debug: bool) -> int:
    """List what the knowledge base knows, or show one entity's facts and sources.

    NAME is an entity's id, name or alias (case-insensitive); a version's name shows that
    version. The knowledge files of the configuration ('knowledge-files') are included.
    """
    from linter.knowledge import pages as kbpages

    kb = _knowledge(config_path, no_config)
    if name is None:
        chosen = kbpages.ordered(kb)
    else:
        entity = kbpages.lookup(kb, name)
        if entity is None:
            fail(kbpages.unknown_message(kb, name, f"{PROG} entities"))
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
@common_options
def server(debug: bool) -> int:
    """Run the language server (LSP over stdin and stdout) for editors: diagnostics as you
    type and quick fixes; see the README's "Editor integration"."""
    from linter.lsp import ServerUnavailable, serve

    try:
        return serve()
    except ServerUnavailable as exc:
        fail(exc)


def _knowledge(config_path: str | None, no_config: bool) -> KnowledgeBase:
    config = load_cli_config(config_path, no_config)
    try:
        return knowledge(config)
    except YamlError as exc:
        fail(exc)


def _rule_infos(config_path: str | None, no_config: bool) -> dict[str, RuleInfo]:
    config = load_cli_config(config_path, no_config)
    try:
        return dict(ruleset(config).infos)
    except YamlError as exc:
        fail(exc)


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


def _print_traceback() -> None:
    """The current exception's traceback on stderr (``--debug``; imported only then)."""
    import traceback

    traceback.print_exc()
