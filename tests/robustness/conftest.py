"""Fixtures for the robustness tests."""

from __future__ import annotations

import pytest
from rbhelpers import Result

from linter.cli import main


@pytest.fixture
def lint(capsys: pytest.CaptureFixture[str]):
    """``lint(*args)``: run ``genai-lint ARGS`` in this process (spaCy loads once per session)."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run
