"""Runs where some paths cannot be read: the rest is linted, each such path is named on one
stderr line, the summary says what happened and the exit code is 2 (issue 13, item 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import cli_runner

from linter import api
from linter.cli import cli
from linter.cli.check import exit_code as _exit_code
from linter.config import Config
from linter.findings import Severity
from linter.reporting.formatters import render
from linter.reporting.report import FileError, Report

BAD = "Chat GPT answers questions.\n"
GOOD = "ChatGPT answers questions.\n"
UNDECODABLE = b"ok \xff\n"


def invoke(*args: str) -> tuple[int, str, str]:
    result = cli_runner().invoke(cli, ["--no-claims", "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".genai-lint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_of_only_unreadable_files_says_so(project: Path) -> None:
    (project / "docs/a.md").write_bytes(UNDECODABLE)
    (project / "docs/b.md").write_bytes(b"\x00\x01")
    code, out, err = invoke("docs")
    assert code == 2
    assert out == "No problems found in 0 files; 2 paths could not be read.\n"
    assert err.splitlines() == [
        "genai-lint: error: docs/a.md: cannot decode: invalid UTF-8 at byte 3",
        "genai-lint: error: docs/b.md: cannot decode: binary file (contains NUL bytes), "
        "at byte 0",
    ]


def test_a_readable_file_next_to_a_missing_path_is_linted(project: Path) -> None:
    (project / "docs/a.md").write_text(BAD, encoding="utf-8")
    code, out, err = invoke("docs/a.md", "missing.md")
    assert code == 2
    assert out.startswith('docs/a.md:1:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"\n')
    assert out.endswith(
        "Found 1 problem (1 warning) in 1 of 1 file; 1 path could not be read.\n")
    assert err == "genai-lint: error: missing.md: path not found\n"


def test_a_clean_file_next_to_an_unreadable_one_is_still_exit_2(project: Path) -> None:
    (project / "docs/a.md").write_text(GOOD, encoding="utf-8")
    (project / "docs/b.md").write_bytes(UNDECODABLE)
    code, out, err = invoke("docs", "gone/")
    assert code == 2
    assert out == "No problems found in 1 file; 2 paths could not be read.\n"
    assert err.splitlines() == [
        "genai-lint: error: docs/b.md: cannot decode: invalid UTF-8 at byte 3",
        "genai-lint: error: gone: path not found",
    ]


def test_quiet_output_keeps_findings_and_stderr_lines(project: Path) -> None:
    (project / "docs/a.md").write_text(BAD, encoding="utf-8")
    code, out, err = invoke("-q", "docs", "missing.md")
    assert code == 2
    assert out == 'docs/a.md:1:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"\n'
    assert err == "genai-lint: error: missing.md: path not found\n"


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_hold_the_paths_and_stderr_names_them(project: Path, fmt: str) -> None:
    (project / "docs/a.md").write_text(BAD, encoding="utf-8")
    code, out, err = invoke("--format", fmt, "docs", "missing.md")
    assert code == 2
    assert err == "genai-lint: error: missing.md: path not found\n"
    if fmt == "json":
        data = json.loads(out)
        assert [f["path"] for f in data["findings"]] == ["docs/a.md"]
        assert data["summary"]["files"] == 1
        assert data["errors"] == [{"path": "missing.md", "message": "path not found"}]
    elif fmt == "sarif":
        run = json.loads(out)["runs"][0]
        assert [r["ruleId"] for r in run["results"]] == ["GL101"]
        assert run["invocations"][0]["executionSuccessful"] is False
        assert "missing.md" in json.dumps(run["invocations"])
    else:
        assert out.startswith("::warning file=docs/a.md,line=1,col=1,")
        assert "::error file=missing.md" in out


def test_the_library_raises_for_missing_paths_unless_asked_not_to(project: Path) -> None:
    (project / "docs/a.md").write_text(BAD, encoding="utf-8")
    with pytest.raises(api.PathNotFoundError, match=r"^path not found: nope\.md$"):
        api.run(["docs", "nope.md"], Config(), claims=False)
    report = api.run(["docs", "nope.md"], Config(), claims=False, missing_ok=True).report
    assert [f.path for f in report.findings] == ["docs/a.md"]
    assert report.errors == (FileError("nope.md", api.NOT_FOUND),)
    assert (report.files_checked, report.unread) == (1, 1)


def _report(*errors: FileError) -> Report:
    """A report of one clean file linted, and ``errors``."""
    return Report(findings=(), files_checked=1, rules={}, errors=errors)


def test_summary_tells_unread_paths_from_files_that_could_not_be_fixed() -> None:
    unread = FileError("a.md", "cannot read: Permission denied")
    unfixed = FileError("b.md", "not fixed: the file changed since it was linted", unread=False)
    assert render("text", _report(unread, unfixed), file_errors=False) == (
        "No problems found in 1 file; 1 path could not be read; 1 file could not be fixed.\n")
    assert render("text", _report(unfixed)).startswith("b.md: error: not fixed: ")
    assert _exit_code(_report(unfixed), Severity.WARNING) == 0  # it was linted
    assert _exit_code(_report(unread), Severity.WARNING) == 2


def test_real_process_lints_what_it_can(project: Path) -> None:
    (project / "docs/a.md").write_text(BAD, encoding="utf-8")
    (project / "docs/b.md").write_bytes(UNDECODABLE)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "--no-claims", "--no-cache", "docs", "missing.md"],
        cwd=project, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "genai-lint: error: docs/b.md: cannot decode: invalid UTF-8 at byte 3",
        "genai-lint: error: missing.md: path not found",
    ]
    assert proc.stdout.startswith("docs/a.md:1:1: GL101 [warning] ")
    assert proc.stdout.endswith(
        "Found 1 problem (1 warning) in 1 of 1 file; 2 paths could not be read.\n")
