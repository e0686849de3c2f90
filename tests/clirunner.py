"""A click test runner that keeps stderr apart from stdout, on every click version, and the
helpers CLI tests share (``invoke``, ``project_with``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner


def cli_runner() -> CliRunner:
    """A runner whose results have separate ``stdout`` and ``stderr``."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()


def invoke(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    """Run ``genai-lint args`` (stdin: ``stdin``); return the exit code, stdout and stderr."""
    from linter.cli import cli

    result = cli_runner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def project_with(root: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Path:
    """``root`` with ``files`` (path → UTF-8 text) as the working folder, colour off."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8", newline="\n")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    return root
