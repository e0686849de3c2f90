"""``--baseline`` / ``--write-baseline``: adopt genai-lint on a tree with old findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import invoke as _invoke
from gitrepo import write

from linter.api import lint_paths
from linter.config import Config
from linter.reporting.baseline import BaselineError, load_baseline, write_baseline
from linter.reporting.formatters.sarif import FINGERPRINT_KEY, to_sarif

DEBT = "# Guide\n\nChat GPT answers questions.\n\nAsk Open AI.\n"


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with two findings in docs/guide.md, as the working folder."""
    write(tmp_path / ".genai-lint.yaml", "fail-on: warning\n")
    write(tmp_path / "docs/guide.md", DEBT)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def _findings(stdout: str) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["rule"]) for f in json.loads(stdout)["findings"]]


def test_write_baseline_records_and_exits_zero(docs: Path) -> None:
    code, stdout, stderr = _invoke("--write-baseline", "baseline.json", "--no-claims", "docs")
    assert (code, stdout) == (0, "")
    assert stderr == "genai-lint: recorded 2 findings in baseline baseline.json\n"
    data = json.loads((docs / "baseline.json").read_text(encoding="utf-8"))
    assert [(e["rule"], e["path"], e["text"]) for e in data["findings"]] == [
        ("GL101", "docs/guide.md", "Chat GPT"), ("GL107", "docs/guide.md", "Open AI")]


def test_baseline_fingerprints_are_sarifs(docs: Path) -> None:
    report = lint_paths(["docs"], Config(), claims=False)
    write_baseline("baseline.json", report.findings)
    results = to_sarif(report)["runs"][0]["results"]
    sarif = [result["partialFingerprints"][FINGERPRINT_KEY] for result in results]
    assert load_baseline("baseline.json").fingerprints == frozenset(sarif)


def test_baseline_survives_lines_inserted_above(docs: Path) -> None:
    _invoke("--write-baseline", "baseline.json", "--no-claims", "docs")
    write(docs / "docs/guide.md", DEBT.replace("# Guide\n", "# Guide\n\nA new intro.\n\nMore.\n"))
    code, stdout, stderr = _invoke("--baseline", "baseline.json", "--no-claims", "docs")
    assert (code, stderr) == (0, "genai-lint: the baseline baseline.json hid 2 findings\n")
    assert "No problems found" in stdout
    code, stdout, _ = _invoke("--no-claims", "--format", "json", "docs")
    assert _findings(stdout) == [("docs/guide.md", 7, "GL101"), ("docs/guide.md", 9, "GL107")]


def test_new_finding_after_baseline_is_reported(docs: Path) -> None:
    _invoke("--write-baseline", "baseline.json", "--no-claims", "docs")
    write(docs / "docs/guide.md", DEBT + "\nGithub Copilot writes tests. Chat GPT too.\n")
    write(docs / "docs/other.md", "Open AI again.\n")
    code, stdout, err = _invoke("--baseline", "baseline.json", "--no-claims", "--format", "json")
    assert code == 1
    assert _findings(stdout) == [
        ("docs/guide.md", 7, "GL106"), ("docs/guide.md", 7, "GL101"), ("docs/other.md", 1, "GL107")
    ]
    assert err == "genai-lint: the baseline baseline.json hid 2 findings\n"


def test_baseline_count_leaves_out_what_diff_base_and_min_severity_hid(docs: Path) -> None:
    """The count is of findings only the baseline hid; ``-q`` leaves the line out."""
    _invoke("--write-baseline", "baseline.json", "--no-claims", "docs")
    code, _, err = _invoke("--baseline", "baseline.json", "--min-severity", "error",
                           "--no-claims", "docs")
    assert (code, err) == (0, "genai-lint: the baseline baseline.json hid 0 findings\n")
    code, _, err = _invoke("--baseline", "baseline.json", "--ignore", "GL107", "--no-claims",
                           "docs")
    assert err == "genai-lint: the baseline baseline.json hid 1 finding\n"
    assert _invoke("--baseline", "baseline.json", "-q", "--no-claims", "docs")[2] == ""


def test_baseline_paths_are_relative_to_the_baseline_file(docs: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _invoke("--write-baseline", "baseline.json", "--no-claims", "docs")
    monkeypatch.chdir(docs / "docs")
    code, stdout, _ = _invoke("--baseline", "../baseline.json", "--no-claims", ".")
    assert code == 0, stdout


def test_rewriting_a_baseline_ignores_the_old_one(docs: Path) -> None:
    write(docs / "baseline.json", json.dumps({"version": 1, "findings": []}))
    code, _, stderr = _invoke("--baseline", "baseline.json", "--write-baseline", "baseline.json",
                              "--no-claims", "docs")
    assert code == 0
    assert "recorded 2 findings" in stderr


def test_baseline_in_a_real_process(docs: Path) -> None:
    def genai_lint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "linter", "--no-claims", *args], cwd=docs,
                              capture_output=True, text=True, check=False)

    written = genai_lint("--write-baseline", ".genai-lint-baseline.json")
    assert (written.returncode, written.stdout) == (0, "")
    assert "recorded 2 findings" in written.stderr
    clean = genai_lint("--baseline", ".genai-lint-baseline.json")
    assert clean.returncode == 0
    assert clean.stderr == "genai-lint: the baseline .genai-lint-baseline.json hid 2 findings\n"
    write(docs / "docs/guide.md", DEBT + "Chat GPT, once more.\n")
    again = genai_lint("--baseline", ".genai-lint-baseline.json", "--no-color")
    assert again.returncode == 1
    assert again.stdout.startswith("docs/guide.md:6:1: GL101 ")


BAD_BASELINES = [
    ("missing", None, "baseline file not found: baseline.json"),
    ("not json", "{", "baseline baseline.json is not valid JSON (line 1: Expecting property "
                      "name enclosed in double quotes)"),
    ("wrong shape", "[]", "baseline baseline.json is not a genai-lint baseline (expected an "
                          "object with a 'findings' list; write one with --write-baseline)"),
    ("wrong version", '{"version": 9, "findings": []}',
     "baseline baseline.json has version 9, expected 1"),
    ("entry without fingerprint", '{"version": 1, "findings": [{"rule": "GL101"}]}',
     "baseline baseline.json: finding 1 has no 'fingerprint'"),
]


@pytest.mark.parametrize(("content", "message"), [c[1:] for c in BAD_BASELINES],
                         ids=[c[0] for c in BAD_BASELINES])
def test_bad_baseline_is_exit_2(docs: Path, content: str | None, message: str) -> None:
    if content is not None:
        write(docs / "baseline.json", content)
    code, stdout, stderr = _invoke("--baseline", "baseline.json", "--no-claims", "docs")
    assert (code, stdout) == (2, "")
    assert stderr == f"genai-lint: error: {message}\n"
    with pytest.raises(BaselineError):
        load_baseline(docs / "baseline.json")


def test_unwritable_baseline_is_exit_2(docs: Path) -> None:
    code, _, stderr = _invoke("--write-baseline", "no/such/folder/b.json", "--no-claims", "docs")
    assert code == 2
    assert stderr.startswith("genai-lint: error: cannot write baseline no/such/folder/b.json: ")
    assert stderr.count("\n") == 1


def test_write_baseline_with_fix_is_refused(docs: Path) -> None:
    code, _, stderr = _invoke("--write-baseline", "b.json", "--fix", "--no-claims", "docs")
    assert code == 2
    assert stderr == "genai-lint: error: --write-baseline cannot be combined with --fix\n"
    assert (docs / "docs/guide.md").read_text(encoding="utf-8") == DEBT
