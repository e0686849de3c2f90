"""A click test runner that keeps stderr apart from stdout, on every click version."""

from __future__ import annotations

from click.testing import CliRunner


def cli_runner() -> CliRunner:
    """A runner whose results have separate ``stdout`` and ``stderr``."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()
