"""Standard input: ``genai-lint - --stdin-filename docs/page.md`` lints the text as if it were
that file (syntax, config, per-file settings); with ``--fix`` the fixed text goes to stdout
and the report to stderr, as ruff does. Through CliRunner and a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import cli_runner, invoke, project_with

from linter.cli import cli

BAD = "Chat GPT answers questions.\n"
CONFIG = ("fail-on: warning\nper-file-ignores:\n  'docs/changelog/**': [GL101]\n"
          "per-file-severity:\n  'docs/blog/**': {GL101: suggestion}\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return project_with(tmp_path, monkeypatch, {".genai-lint.yaml": CONFIG})


def test_stdin_is_named_by_stdin_filename(project: Path) -> None:
    code, out, err = invoke("-", "--stdin-filename", "docs/page.md", "-q", stdin=BAD)
    assert (code, err) == (1, "")
    assert out == 'docs/page.md:1:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"\n'
    code, out, _ = invoke("-", "-q", stdin=BAD)  # unnamed: Markdown called "-"
    assert out.startswith("-:1:1: GL101 ")


@pytest.mark.parametrize(("name", "code", "severities"), [
    ("docs/page.md", 1, ["warning"]),
    ("docs/changelog/v1.md", 0, []),  # per-file-ignores
    ("docs/blog/post.md", 0, ["suggestion"]),  # per-file-severity
])
def test_per_file_settings_apply_as_for_that_path(
    project: Path, name: str, code: int, severities: list[str]
) -> None:
    status, out, _ = invoke("-", "--stdin-filename", name, "--format", "json", stdin=BAD)
    assert status == code
    data = json.loads(out)
    assert [f["severity"] for f in data["findings"]] == severities
    assert all(f["path"] == name for f in data["findings"])


def test_syntax_comes_from_the_name(project: Path) -> None:
    code_block = "```\nChat GPT\n```\n"
    assert invoke("-", "--stdin-filename", "a.md", stdin=code_block)[0] == 0  # code: skipped
    assert invoke("-", "--stdin-filename", "a.txt", stdin=code_block)[0] == 1  # plain text


def test_fix_prints_the_fixed_text_and_the_report_on_stderr(project: Path) -> None:
    text = "LLMs help. " + BAD
    code, out, err = invoke("-", "--stdin-filename", "docs/page.md", "--fix", stdin=text)
    assert out == "LLMs help. ChatGPT answers questions.\n"
    assert "GL401 [suggestion]" in err and "Fixed 1 problem." in err
    assert code == 0
    code, out, _ = invoke("-", "--stdin-filename", "page.md", "--fix", "--unsafe-fixes",
                          stdin=text)
    assert out == "Large language models (LLMs) help. ChatGPT answers questions.\n"
    assert not (project / "page.md").exists() and not (project / "docs").exists()


def test_fix_keeps_crlf_and_the_bom(project: Path) -> None:
    raw = "\ufeffChat GPT answers.\r\nMore.\r\n".encode()
    result = cli_runner().invoke(cli, ["-", "--fix"], input=raw, catch_exceptions=False)
    assert result.stdout_bytes == "\ufeffChatGPT answers.\r\nMore.\r\n".encode()


def test_diff_of_stdin(project: Path) -> None:
    code, out, _ = invoke("-", "--stdin-filename", "docs/page.md", "--diff", stdin=BAD)
    assert (code, out) == (1, "--- a/docs/page.md\n+++ b/docs/page.md\n@@ -1 +1 @@\n"
                              "-Chat GPT answers questions.\n+ChatGPT answers questions.\n")


@pytest.mark.parametrize(("args", "message"), [
    (["-", "docs"], "'-' (standard input) must be the only path"),
    (["docs", "--stdin-filename", "a.md"], "--stdin-filename needs '-'"),
])
def test_stdin_usage_errors(project: Path, args: list[str], message: str) -> None:
    code, out, err = invoke(*args, stdin=BAD)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1


def test_undecodable_stdin_is_exit_2(project: Path) -> None:
    code, _, err = invoke("-", "--stdin-filename", "a.md", stdin=b"ab\xffcd\n")
    assert code == 2
    assert err == "genai-lint: error: a.md: cannot decode: invalid UTF-8 at byte 2\n"


def test_stdin_in_a_real_process(project: Path) -> None:
    (project / "docs").mkdir()
    sub = project / "docs"

    def genai_lint(*args: str, cwd: Path = project) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "linter", *args], input=BAD, cwd=cwd,
                              capture_output=True, text=True, check=False)

    linted = genai_lint("-", "--stdin-filename", "docs/page.md", "-q")
    assert (linted.returncode, linted.stdout) == (
        1, 'docs/page.md:1:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"\n')
    ignored = genai_lint("-", "--stdin-filename", "changelog/v1.md", cwd=sub)  # from docs/
    assert ignored.returncode == 0, ignored.stdout
    fixed = genai_lint("-", "--stdin-filename", "docs/page.md", "--fix")
    assert (fixed.returncode, fixed.stdout) == (0, "ChatGPT answers questions.\n")
