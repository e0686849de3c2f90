"""Reporting options: ``--output-file``, ``--exit-zero``, ``--min-severity`` (hides lower
findings; ``--fail-on`` only sets the exit code), ``-q`` with the severity, ``--statistics``
in JSON. Through CliRunner and a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import invoke, project_with

#: one finding of each severity: GL201 error, GL101 warning, GL401 suggestion
DOC = "LLMs help writers.\n\nChat GPT answers questions.\n\nDALL·E is a large language model.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return project_with(tmp_path, monkeypatch,
                        {".genai-lint.yaml": "fail-on: warning\n", "docs/a.md": DOC})


def _rules(out: str) -> list[str]:
    return [f["rule"] for f in json.loads(out)["findings"]]


def test_min_severity_hides_lower_findings(project: Path) -> None:
    assert _rules(invoke("docs", "--format", "json")[1]) == ["GL401", "GL101", "GL201"]
    code, out, _ = invoke("docs", "--format", "json", "--min-severity", "warning")
    assert (code, _rules(out)) == (1, ["GL101", "GL201"])
    code, out, _ = invoke("docs", "--format", "json", "--min-severity", "error")
    assert (code, _rules(out)) == (1, ["GL201"])
    assert json.loads(out)["summary"]["findings"] == 1
    # --fail-on only sets the exit code: every finding is still shown
    code, out, _ = invoke("docs", "--format", "json", "--fail-on", "error")
    assert (code, len(_rules(out))) == (1, 3)
    code, out, _ = invoke("docs", "-q", "--min-severity", "error", "--fail-on", "error")
    assert code == 1
    assert out == ("docs/a.md:5:1: GL201 [error] DALL·E is a text-to-image model, "
                   "not a large language model\n")


def test_min_severity_leaves_hidden_findings_unfixed(project: Path) -> None:
    invoke("docs", "--fix", "--min-severity", "error")
    assert (project / "docs/a.md").read_text(encoding="utf-8") == DOC


def test_exit_zero(project: Path) -> None:
    code, out, _ = invoke("docs", "--exit-zero")
    assert code == 0
    assert "Found 3 problems" in out
    assert invoke("docs", "missing.md", "--exit-zero")[0] == 2  # errors still count


def test_output_file(project: Path) -> None:
    code, out, err = invoke("docs", "--format", "json", "--output-file", "report.json")
    assert (code, out, err) == (1, "", "")
    data = json.loads((project / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["findings"] == 3
    invoke("docs", "-o", "report.txt", "--color")
    text = (project / "report.txt").read_text(encoding="utf-8")
    assert text.startswith("docs/a.md:1:1: GL401 [suggestion]") and "\x1b" not in text
    code, _, err = invoke("docs", "--output-file", "no/such/folder/r.txt")
    assert code == 2 and err.startswith("genai-lint: error: --output-file: cannot write")


def test_statistics_in_json(project: Path) -> None:
    data = json.loads(invoke("docs", "--format", "json", "--statistics")[1])
    assert data["statistics"] == [{"rule": "GL101", "name": "chatgpt-name", "count": 1},
                                  {"rule": "GL201", "name": "model-category", "count": 1},
                                  {"rule": "GL401", "name": "llm-expanded", "count": 1}]
    assert "statistics" not in json.loads(invoke("docs", "--format", "json")[1])


def test_reporting_in_a_real_process(project: Path) -> None:
    def genai_lint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "linter", *args], cwd=project,
                              capture_output=True, text=True, check=False)

    done = genai_lint("docs", "--min-severity", "warning", "--exit-zero", "-q",
                      "--output-file", "out.txt")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (project / "out.txt").read_text(encoding="utf-8").splitlines() == [
        'docs/a.md:3:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"',
        "docs/a.md:5:1: GL201 [error] DALL·E is a text-to-image model, not a large language "
        "model"]
