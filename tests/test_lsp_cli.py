"""``genai-lint server``: the thin CLI command, and its error without pygls."""

from __future__ import annotations

import importlib.util

import pytest
from clirunner import cli_runner

from linter.cli import cli


def test_server_is_listed_in_help() -> None:
    result = cli_runner().invoke(cli, ["--help"])
    assert "server" in result.output


def test_server_without_pygls_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pygls" else real(name, *a))
    result = cli_runner().invoke(cli, ["server"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "genai-lint: error: the language server needs pygls: pip install 'genai-lint[lsp]'")
