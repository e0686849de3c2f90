"""Helpers shared by the robustness tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Options that keep a run self-contained: no config from above the test folder, no cache.
ISOLATED = ("--no-config", "--no-cache")

#: A user's term rule file (fill in ``preferred``).
ACME_RULE = """\
kind: term
rules:
  - code: XX101
    name: acme-name
    severity: warning
    preferred: {preferred}
    variants: [Acme AI]
"""


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def run_process(
    args: Sequence[str], cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> Result:
    """``python -m linter ARGS`` in a real process."""
    proc = subprocess.run(
        [sys.executable, "-m", "linter", *args], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})}, check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def assert_one_line_error(result: Result, *fragments: str) -> str:
    """Exit 2, exactly one non-empty stderr line holding every fragment, and no traceback."""
    assert result.code == 2, result
    assert "Traceback" not in result.stderr
    lines = result.error_lines
    assert len(lines) == 1, lines
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]
