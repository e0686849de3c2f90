"""Tests for the command line, through click's CliRunner, ``main(argv)`` and real processes."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from clirunner import cli_runner

import linter.cli
import linter.cli.check
import linter.cli.common
from linter import __version__
from linter.cli import cli, main

BAD = "Chat GPT answers questions.\n"
GOOD = "ChatGPT answers questions.\n"
CLAIM = "DALL·E is a large language model.\n"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def invoke(*args: str, env: dict[str, str] | None = None) -> Run:
    result = cli_runner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a config file (so no config above it applies), as the working folder."""
    (tmp_path / ".genai-lint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- exit codes

BINARY = b"ab\xffcd\n"
EXIT_CASES: list[tuple[str, dict[str, str | bytes], list[str], int]] = [
    ("clean", {"docs/a.md": GOOD}, ["docs"], 0),
    ("warning", {"docs/a.md": BAD}, ["docs"], 1),
    ("default path is the current folder", {"docs/a.md": BAD}, [], 1),
    ("fail-on error", {"docs/a.md": BAD}, ["docs", "--fail-on", "error"], 0),
    ("claim error", {"docs/a.md": CLAIM}, ["docs", "--fail-on", "error"], 1),
    ("select other rule", {"docs/a.md": BAD}, ["--select", "GL102", "docs"], 0),
    ("select by name", {"docs/a.md": BAD}, ["--select", "gpt-4-name,chatgpt-name", "docs"], 1),
    ("ignore by name", {"docs/a.md": BAD}, ["docs", "--ignore", "chatgpt-name"], 0),
    ("ignore by code, repeated", {"docs/a.md": BAD}, ["--ignore", "GL102", "--ignore", "GL101"], 0),
    ("code block only", {"docs/a.md": "```\nChat GPT\n```\n"}, ["docs"], 0),
    ("suppressed", {"docs/a.md": "<!-- genai-lint-disable-next-line GL101 -->\n" + BAD},
     ["docs"], 0),
    ("empty folder", {"docs/.keep": ""}, ["docs"], 0),
    ("unknown rule", {"docs/a.md": BAD}, ["--select", "GL999", "docs"], 2),
    ("unknown ignore", {"docs/a.md": BAD}, ["--ignore", "no-such-rule", "docs"], 2),
    ("missing path", {"docs/a.md": BAD}, ["docs", "nope.md"], 2),
    ("unknown option", {"docs/a.md": BAD}, ["docs", "--bogus"], 2),
    ("bad format", {"docs/a.md": BAD}, ["--format", "xml", "docs"], 2),
    ("bad fail-on", {"docs/a.md": BAD}, ["--fail-on", "fatal", "docs"], 2),
    ("only undecodable", {"docs/a.md": BAD, "docs/bin.md": BINARY}, ["docs/bin.md"], 2),
    ("undecodable and good", {"docs/a.md": GOOD, "docs/bin.md": BINARY}, ["docs"], 2),
    ("undecodable and bad", {"docs/a.md": BAD, "docs/bin.md": BINARY}, ["docs"], 2),
]


@pytest.mark.parametrize(("files", "args", "code"), [c[1:] for c in EXIT_CASES],
                         ids=[c[0] for c in EXIT_CASES])
def test_exit_codes(
    project: Path, files: dict[str, str | bytes], args: list[str], code: int
) -> None:
    for name, text in files.items():
        write(project / name, text)
    result = invoke(*args)
    assert result.code == code, result.stderr
    if code == 2:
        assert result.stderr.count("\n") == 1, result.stderr  # one line, no traceback
        assert result.stderr.startswith("genai-lint: error: ")
        assert "Traceback" not in result.stderr


def test_main_returns_exit_codes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "docs/a.md", BAD)
    assert main(["docs"]) == 1
    assert main(["docs", "--ignore", "GL101"]) == 0
    assert main(["--bogus"]) == 2
    assert main(["--version"]) == 0
    assert main(["--help"]) == 0
    captured = capsys.readouterr()
    assert f"genai-lint {__version__}" in captured.out


def test_fail_on_suggestion_with_severity_override(project: Path) -> None:
    write(project / ".genai-lint.yaml", "severity:\n  GL101: suggestion\n")
    write(project / "docs/a.md", BAD)
    assert invoke("docs").code == 0
    assert invoke("docs", "--fail-on", "suggestion").code == 1
    write(project / ".genai-lint.yaml", "severity:\n  GL101: suggestion\nfail-on: suggestion\n")
    assert invoke("docs").code == 1
    assert invoke("docs", "--fail-on", "warning").code == 0


# --------------------------------------------------------------------------- paths and options


def test_options_before_or_after_paths(project: Path) -> None:
    write(project / "docs/a.md", BAD)
    before = invoke("--format", "json", "--ignore", "GL102", "docs")
    after = invoke("docs", "--format", "json", "--ignore", "GL102")
    mixed = invoke("--format=json", "docs", "--ignore=GL102")
    assert before.code == after.code == mixed.code == 1
    assert before.stdout == after.stdout == mixed.stdout
    assert json.loads(before.stdout)["summary"]["findings"] == 1


def test_check_subcommand_lints_a_folder_named_rules(project: Path) -> None:
    write(project / "rules/a.md", BAD)
    result = invoke("check", "rules", "--format", "json")
    assert result.code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["path"] == "rules/a.md"
    listing = invoke("rules")  # without check: the rules command
    assert listing.code == 0 and "GL101" in listing.stdout
    assert invoke("rules/").code == 1  # not a command name: linted
    assert invoke("check", "--", "rules").code == 1


def test_options_before_a_subcommand_move_after_it(project: Path) -> None:
    result = invoke("--format", "json", "rules")
    assert result.code == 0
    assert json.loads(result.stdout)[0]["code"] == "GL101"


def test_json_shape(project: Path) -> None:
    write(project / "docs/a.md", "# Intro\n\n" + BAD)
    write(project / "docs/bin.md", b"\x00\x01binary")
    result = invoke("docs", "--format", "json")
    assert result.code == 2  # a path could not be read
    data = json.loads(result.stdout)
    assert list(data) == ["version", "findings", "summary", "errors"]
    assert data["findings"] == [{
        "path": "docs/a.md", "line": 3, "column": 1, "end_line": 3, "end_column": 9,
        "rule": "GL101", "name": "chatgpt-name", "severity": "warning",
        "message": data["findings"][0]["message"], "fix": {"replacement": "ChatGPT", "safe": True},
    }]
    assert data["summary"] == {"files": 1, "findings": 1, "error": 0, "warning": 1,
                               "suggestion": 0}
    (error,) = data["errors"]
    assert error["path"] == "docs/bin.md" and "byte 0" in error["message"]
    assert result.stderr == f"genai-lint: error: docs/bin.md: {error['message']}\n"


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_other_formats(project: Path, fmt: str) -> None:
    write(project / "docs/a.md", BAD)
    result = invoke("docs", "--format", fmt)
    assert result.code == 1
    if fmt == "sarif":
        assert json.loads(result.stdout)["runs"][0]["results"][0]["ruleId"] == "GL101"
    else:
        assert result.stdout.startswith("::warning file=docs/a.md,line=1,col=1,")


def test_text_output_and_file_errors_on_stderr(project: Path) -> None:
    write(project / "docs/a.md", BAD)
    write(project / "docs/b.md", b"ok \xff\n")
    result = invoke("docs")
    assert result.code == 2
    assert result.stdout.startswith("docs/a.md:1:1: GL101 [warning] ")
    assert "docs/b.md" not in result.stdout
    assert result.stderr == "genai-lint: error: docs/b.md: cannot decode: invalid UTF-8 at byte 3\n"


def test_quiet_and_statistics(project: Path) -> None:
    write(project / "docs/a.md", BAD + BAD)
    quiet = invoke("docs", "-q")
    assert quiet.stdout.splitlines() == [
        'docs/a.md:1:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"',
        'docs/a.md:2:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"']
    stats = invoke("docs", "--statistics")
    assert stats.stdout.rstrip().endswith("2  GL101  chatgpt-name")


def test_colour(project: Path) -> None:
    write(project / "docs/a.md", BAD)
    assert "\x1b[" not in invoke("docs").stdout  # not a terminal
    assert "\x1b[" in invoke("docs", "--color").stdout
    assert "\x1b[" not in invoke("docs", "--no-color").stdout
    assert "\x1b[" in invoke("docs", "--color", env={"NO_COLOR": "1"}).stdout


def test_use_color_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert linter.cli.common.use_color(None) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert linter.cli.common.use_color(None) is False
    assert linter.cli.common.use_color(True) is True


def test_version() -> None:
    for args in (["--version"], ["docs", "--version"]):
        result = invoke(*args)
        assert (result.code, result.stdout) == (0, f"genai-lint {__version__}\n")


def test_help_lists_lint_options_and_commands() -> None:
    result = invoke("--help")
    assert result.code == 0
    for word in ("--format", "--fix", "--fail-on", "--select", "rules", "explain", "check"):
        assert word in result.stdout


def test_usage_errors_stay_short(project: Path) -> None:
    for args in (["--bogus"], ["docs", "--format"], ["explain"], ["rules", "extra"]):
        result = invoke(*args)
        assert result.code == 2, args
        assert result.stderr.count("\n") == 1, result.stderr
        assert "Usage:" not in result.stderr


# --------------------------------------------------------------------------- errors


def test_missing_paths_are_named_and_the_rest_is_linted(project: Path) -> None:
    write(project / "docs/a.md", BAD)
    result = invoke("docs", "missing.md", "gone/")
    assert result.code == 2
    assert result.stdout.startswith("docs/a.md:1:1: GL101 [warning] ")
    assert result.stdout.endswith(
        "Found 1 problem (1 warning) in 1 of 1 file; 2 paths could not be read.\n")
    assert result.stderr == ("genai-lint: error: gone: path not found\n"
                             "genai-lint: error: missing.md: path not found\n")


def test_unknown_rule_is_one_line(project: Path) -> None:
    result = invoke("--select", "GL999")
    assert result.code == 2
    assert result.stderr == (
        "genai-lint: error: --select: unknown rule 'GL999' (see 'genai-lint rules')\n")


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("fail-on: warning\nselct: [GL101]\n", ".genai-lint.yaml:2: unknown key 'selct'"),
        ("fail-on: fatal\n", ".genai-lint.yaml:1: 'fail-on' must be one of"),
        ("select: [GL101\n", ".genai-lint.yaml:2: invalid YAML"),
    ],
)
def test_bad_config_is_one_line_naming_file_and_line(
    project: Path, config: str, expected: str
) -> None:
    write(project / ".genai-lint.yaml", config)
    write(project / "docs/a.md", BAD)
    for args in (["docs"], ["rules"], ["explain", "GL101"]):
        result = invoke(*args)
        assert result.code == 2
        assert result.stderr.startswith(f"genai-lint: error: {expected}"), result.stderr
        assert result.stderr.count("\n") == 1
    assert invoke("--no-config", "docs").code == 1


def test_config_option(project: Path) -> None:
    write(project / "other.yaml", "ignore: [GL101]\n")
    write(project / "docs/a.md", BAD)
    assert invoke("docs", "--config", "other.yaml").code == 0
    missing = invoke("docs", "--config", "nope.yaml")
    assert missing.code == 2 and missing.stderr.startswith("genai-lint: error: nope.yaml")


def test_unknown_suppression_codes_warn_on_stderr(project: Path) -> None:
    write(project / "docs/a.md", "<!-- genai-lint-disable GL999 -->\n" + GOOD +
          "<!-- genai-lint-disabel -->\n")
    result = invoke("docs")
    assert result.code == 0
    assert result.stderr.splitlines() == [
        "genai-lint: warning: docs/a.md:1: unknown rule 'GL999' in a suppression",
        "genai-lint: warning: docs/a.md:3: unknown directive 'genai-lint-disabel' "
        "(did you mean 'genai-lint-disable'?)",
    ]


def test_internal_error_without_and_with_debug(project: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something broke\nbadly")

    monkeypatch.setattr(linter.cli.check.api, "run", boom)
    quiet = invoke("docs")
    assert quiet.code == 2
    assert quiet.stderr == ("genai-lint: internal error: RuntimeError: something broke badly "
                            "(run with --debug for a traceback)\n")
    loud = invoke("docs", "--debug")
    assert loud.code == 2
    assert "Traceback" in loud.stderr and "something broke" in loud.stderr


# --------------------------------------------------------------------------- --fix


def test_fix_keeps_crlf_bom_and_mode_and_is_idempotent(project: Path) -> None:
    raw = ("\ufeff# Chat GPT\r\n\r\n" + BAD.replace("\n", "\r\n") +
           "\r\n```\r\nChat GPT in code\r\n```\r\n\r\nInline `Chat GPT` stays.\r\n").encode()
    path = write(project / "docs/a.md", raw)
    os.chmod(path, 0o600)
    result = invoke("docs", "--fix")
    assert result.code == 0, result.stdout
    assert result.stdout.endswith("Fixed 2 problems.\n")
    fixed = path.read_bytes()
    assert fixed == raw.replace(b"# Chat GPT", b"# ChatGPT").replace(
        b"Chat GPT answers", b"ChatGPT answers")
    assert fixed.startswith(b"\xef\xbb\xbf")
    assert fixed.count(b"\r\n") == raw.count(b"\r\n") and b"\n" not in fixed.replace(b"\r\n", b"")
    assert b"Chat GPT in code" in fixed and b"`Chat GPT`" in fixed
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = invoke("docs", "--fix")
    assert again.code == 0
    assert "Fixed" not in again.stdout
    assert path.read_bytes() == fixed


def test_fix_with_json_reports_remaining_and_counts_on_stderr(project: Path) -> None:
    write(project / "docs/a.md", BAD + CLAIM)
    result = invoke("docs", "--fix", "--format", "json")
    assert result.code == 1  # the claim error has no fix
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["findings"]] == ["GL201"]
    assert data["findings"][0]["line"] == 2
    assert result.stderr == "genai-lint: fixed 1 problem(s) in 1 file(s)\n"


# --------------------------------------------------------------------------- rules, explain


def test_rules_text_and_json(project: Path) -> None:
    text = invoke("rules")
    assert text.code == 0
    header, first = text.stdout.splitlines()[:2]
    assert header.split()[:5] == ["code", "name", "kind", "severity", "fixable"]
    assert first.split()[:5] == ["GL101", "chatgpt-name", "term", "warning", "safe"]
    by_code = {line.split()[0]: line.split()[4] for line in text.stdout.splitlines()[1:]}
    assert (by_code["GL114"], by_code["GL205"], by_code["GL201"]) == ("safe", "safe", "no")
    assert {by_code[c] for c in ("GL401", "GL406", "GL408")} == {"unsafe"}
    data = json.loads(invoke("rules", "--format", "json").stdout)
    assert {"code", "name", "kind", "severity", "fixable", "fix", "docs"} <= set(data[0])
    assert data[0]["docs"] == (
        "https://github.com/genai-lint/genai-lint/blob/main/docs/rules/GL101.md")
    assert {rule["fix"] for rule in data if rule["kind"] == "acronym"} == {"unsafe"}
    kinds = {rule["kind"] for rule in data}
    assert {"term", "claim"} <= kinds
    assert all(rule["fixable"] for rule in data if rule["kind"] == "term")
    assert {rule["code"] for rule in data if rule["fixable"] and rule["kind"] == "claim"} == {
        "GL205"}


@pytest.mark.parametrize("ref", ["GL101", "gl101", "chatgpt-name"])
def test_explain(project: Path, ref: str) -> None:
    result = invoke("explain", ref)
    assert result.code == 0
    out = result.stdout
    assert out.startswith("GL101 chatgpt-name (term, warning, safe fix (--fix))\n")
    assert out.endswith(
        "\nDocs\n  https://github.com/genai-lint/genai-lint/blob/main/docs/rules/GL101.md\n")
    for section in ("Examples", "Sources", "How to fix"):
        assert f"\n{section}\n" in out
    assert "Flagged:     Chat GPT answers questions in plain language." in out
    assert "Fixed:       ChatGPT answers questions in plain language." in out
    assert "genai-lint --fix" in out


def test_explain_claim_rule_and_unknown(project: Path) -> None:
    claim = invoke("explain", "model-category")
    assert claim.code == 0 and "\nWhy\n" in claim.stdout and "no automatic fix" in claim.stdout
    unknown = invoke("explain", "GL999")
    assert unknown.code == 2
    assert unknown.stderr == (
        "genai-lint: error: unknown rule or entity 'GL999' (see 'genai-lint rules')\n")


# --------------------------------------------------------------------------- real processes


def _commands() -> list[list[str]]:
    commands = [[sys.executable, "-m", "linter"]]
    installed = shutil.which("genai-lint")
    if installed:
        commands.append([installed])
    return commands


@pytest.mark.parametrize("command", _commands(), ids=lambda c: Path(c[-1]).name)
def test_real_process(project: Path, command: Sequence[str]) -> None:
    write(project / "docs/good.md", GOOD)
    write(project / "docs/bad.md", BAD)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}

    def proc(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *args], capture_output=True, text=True, env=env,
                              cwd=project, timeout=120, check=False)

    ok = proc("docs/good.md")
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout == "No problems found in 1 file.\n"
    bad = proc("--format", "json", "docs")
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["summary"]["findings"] == 1
    for args in (["--bogus"], ["--select", "nope"]):
        failed = proc(*args)
        assert failed.returncode == 2, args
        assert failed.stdout == ""
        assert len(failed.stderr.splitlines()) == 1 and "Traceback" not in failed.stderr
    missing = proc("docs", "missing.md")
    assert missing.returncode == 2
    assert missing.stderr == "genai-lint: error: missing.md: path not found\n"
    assert missing.stdout.endswith("in 1 of 2 files; 1 path could not be read.\n")
    version = proc("--version")
    assert (version.returncode, version.stdout) == (0, f"genai-lint {__version__}\n")


def test_real_process_closed_pipe(project: Path) -> None:
    for index in range(200):
        write(project / f"docs/{index:03}.md", BAD * 5)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    with subprocess.Popen([sys.executable, "-m", "linter", "docs", "--no-claims"], cwd=project,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.readline()
        child.stdout.close()
        stderr = child.stderr.read().decode()
        child.wait(timeout=120)
    assert "Traceback" not in stderr
