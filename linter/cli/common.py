"""What every command of the command line shares: exit codes, errors, config loading and the
options that several commands take."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import click

from linter.config import Config, ConfigError, find_config, load_config, shadowed_table

PROG = "genai-lint"
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CliError(click.ClickException):
    """An error the user can act on: one line on stderr, exit code 2."""

    exit_code = EXIT_ERROR


def fail(message: object) -> NoReturn:
    """Leave with exit code 2 and ``message`` on one stderr line."""
    raise CliError(" ".join(str(message).split()))


def warn(message: str) -> None:
    """One ``genai-lint: warning: …`` line on stderr."""
    click.echo(f"{PROG}: warning: {message}", err=True)


def split_refs(values: Iterable[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` → ``("a", "b", "c")``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def load_cli_config(config_path: str | None, no_config: bool) -> Config:
    """The configuration a command uses; a problem is exit 2. When ``.genai-lint.yaml`` and a
    ``[tool.genai-lint]`` table sit in the same folder, a warning (once per process) says
    that the YAML file wins."""
    if no_config:
        return Config()
    try:
        path = Path(config_path) if config_path is not None else find_config(Path.cwd())
        config = load_config(path)
    except ConfigError as exc:
        fail(exc)
    if path is not None:
        _warn_shadowed(os.path.abspath(path))
    return config


@cache
def _warn_shadowed(path: str) -> None:
    table = shadowed_table(Path(path))
    if table is not None:
        shown = os.path.relpath(table) if table.is_relative_to(Path.cwd()) else str(table)
        warn(f"both {Path(path).name} and [tool.genai-lint] in {shown} configure genai-lint; "
             f"{Path(path).name} wins and the table is ignored")


def use_color(option: bool | None) -> bool:
    """``--color/--no-color``, else: stdout is a terminal and ``NO_COLOR`` is unset."""
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def config_options(func: Any) -> Any:
    func = click.option("--no-config", is_flag=True,
                        help="Ignore configuration files; use the defaults.")(func)
    func = click.option("--config", "config_path", metavar="PATH",
                        help="Configuration file (default: .genai-lint.yaml or "
                             "[tool.genai-lint] in pyproject.toml, found upward; the YAML "
                             "file wins when a folder has both).")(func)
    return func


def common_options(func: Any) -> Any:
    func = click.option("--debug", is_flag=True,
                        help="Show tracebacks for internal errors and, when linting, counters "
                             "of the work done (files, cache hits, words parsed).")(func)
    return func
