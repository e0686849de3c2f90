"""``--diff-base``: only findings on lines a change adds or modifies (linter.reporting.gitdiff)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import cli_runner
from gitrepo import commit_all, git, init_repo, write

from linter.cli import cli
from linter.findings import Finding, Severity
from linter.reporting.gitdiff import ChangedLines, GitError, changed_lines, parse_diff

PARSE_CASES = [
    ("no diff", "", {}),
    (
        "added and changed lines",
        "diff --git a/docs/a.md b/docs/a.md\n--- a/docs/a.md\n+++ b/docs/a.md\n"
        "@@ -1 +1 @@\n-old\n+new\n@@ -5,0 +6,3 @@ ctx\n+x\n+y\n+z\n",
        {"docs/a.md": ((1, 1), (6, 8))},
    ),
    (
        "only deletions",
        "--- a/a.md\n+++ b/a.md\n@@ -3,2 +2,0 @@\n-gone\n-gone\n",
        {"a.md": ()},
    ),
    ("deleted file", "--- a/a.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n", {}),
    ("new file", "--- /dev/null\n+++ b/new.md\n@@ -0,0 +1,2 @@\n+a\n+b\n", {"new.md": ((1, 2),)}),
    (
        "renamed and edited: the new name",
        "diff --git a/old.md b/docs/new.md\nsimilarity index 90%\nrename from old.md\n"
        "rename to docs/new.md\n--- a/old.md\n+++ b/docs/new.md\n@@ -4,0 +5 @@\n+added\n",
        {"docs/new.md": ((5, 5),)},
    ),
    ("pure rename", "diff --git a/a.md b/b.md\nsimilarity index 100%\nrename from a.md\n"
     "rename to b.md\n", {}),
    ("name with a space", "--- a/x y.md\n+++ b/x y.md\t\n@@ -2 +2,2 @@\n", {"x y.md": ((2, 3),)}),
    ("quoted name", '+++ "b/t\\tab \\303\\251.md"\n@@ -1 +1 @@\n', {"t\tab é.md": ((1, 1),)}),
]


@pytest.mark.parametrize(("diff", "expected"), [c[1:] for c in PARSE_CASES],
                         ids=[c[0] for c in PARSE_CASES])
def test_parse_diff(diff: str, expected: dict[str, tuple[tuple[int, int], ...]]) -> None:
    assert parse_diff(diff) == expected


def _finding(path: str, line: int, end_line: int) -> Finding:
    return Finding(path, line, 1, end_line, 2, 0, 1, "GL101", "chatgpt-name", Severity.WARNING,
                   "m", "x")


def test_mask_keeps_findings_that_touch_a_changed_line(tmp_path: Path) -> None:
    a, b = str(tmp_path / "a.md"), str(tmp_path / "b.md")
    changed = ChangedLines({a: ((3, 4), (10, 10)), b: None})
    findings = [_finding(a, 2, 2), _finding(a, 2, 3), _finding(a, 4, 4), _finding(a, 5, 9),
                _finding(a, 9, 11), _finding(b, 100, 100), _finding(str(tmp_path / "c.md"), 1, 1)]
    assert changed.mask(findings) == [False, True, True, False, True, True, False]
    assert changed.wants_file(a) and changed.wants_file(b)
    assert not changed.wants_file(tmp_path / "c.md")
    assert not ChangedLines({a: ()}).wants_file(a)  # only deletions: nothing to report


@pytest.fixture
def pr_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose branch ``feature`` left ``main`` and changed some docs.

    Old debt stays on old lines; new findings are on added lines, in a renamed file, in an
    uncommitted edit and in an untracked file; ``main`` moved on after the branch point.
    """
    repo = init_repo(tmp_path / "repo")
    write(repo / ".genai-lint.yaml", "fail-on: warning\n")
    write(repo / "docs/old.md", "Chat GPT is old debt.\n\nNothing else.\n")
    write(repo / "docs/moved.md", "# Moved\n\nIntro line one.\n\nChat GPT in the moved file.\n\n"
                                  "More text.\nEven more text.\n")
    write(repo / "docs/untouched.md", "Open AI debt.\n")
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo / "docs/old.md", "Chat GPT is old debt.\n\nNothing else.\nOpen AI is new here.\n")
    git(repo, "mv", "docs/moved.md", "docs/renamed.md")
    with (repo / "docs/renamed.md").open("a", encoding="utf-8") as stream:
        stream.write("Github Copilot is new.\n")
    commit_all(repo, "feature")
    git(repo, "checkout", "-q", "main")
    write(repo / "docs/untouched.md", "OpenAI fixed on main.\n")
    commit_all(repo, "main moves on")
    git(repo, "checkout", "-q", "feature")
    with (repo / "docs/old.md").open("a", encoding="utf-8") as stream:
        stream.write("Ask Chat GPT later.\n")  # not committed
    write(repo / "docs/new.md", "Chat GPT in an untracked file.\n")
    monkeypatch.chdir(repo)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return repo


EXPECTED = [
    ("docs/new.md", 1, "GL101"),
    ("docs/old.md", 4, "GL107"),
    ("docs/old.md", 5, "GL101"),
    ("docs/renamed.md", 9, "GL106"),
]


def _invoke(*args: str) -> tuple[int, str, str]:
    runner = cli_runner()
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _located(stdout: str) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["rule"]) for f in json.loads(stdout)["findings"]]


def test_diff_base_reports_only_changed_lines(pr_repo: Path) -> None:
    code, stdout, _ = _invoke("--diff-base", "main", "--no-claims", "--format", "json")
    assert code == 1
    assert _located(stdout) == EXPECTED
    # without --diff-base the old debt is there too
    code, stdout, _ = _invoke("--no-claims", "--format", "json")
    assert {("docs/old.md", 1, "GL101"), ("docs/untouched.md", 1, "GL107")} <= set(
        _located(stdout))


def test_diff_base_in_a_real_process(pr_repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "linter", "docs", "--diff-base", "main", "--no-claims",
         "--no-color"],
        cwd=pr_repo, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("docs/")]
    assert [tuple(line.split(":")[:2]) for line in lines] == [
        (path, str(line)) for path, line, _ in EXPECTED]
    assert done.stderr == ""


def test_diff_base_from_a_subfolder_matches_labels(pr_repo: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pr_repo / "docs")
    code, stdout, _ = _invoke("--diff-base", "main", "--no-claims", "--format", "json", ".")
    assert code == 1
    assert _located(stdout) == [(p.removeprefix("docs/"), n, r) for p, n, r in EXPECTED]


def test_no_change_passes(pr_repo: Path) -> None:
    git(pr_repo, "stash", "-q", "--include-untracked")
    code, stdout, stderr = _invoke("--diff-base", "HEAD", "--no-claims")
    assert (code, stderr) == (0, "")
    assert "No problems found" in stdout


def test_not_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = write(tmp_path / "plain/a.md", "Chat GPT.\n").parent
    monkeypatch.chdir(folder)
    code, stdout, stderr = _invoke("--diff-base", "main", "--no-claims")
    assert (code, stdout) == (2, "")
    assert stderr == "genai-lint: error: --diff-base: not a git repository\n"
    with pytest.raises(GitError):
        changed_lines("main", folder)


def test_unknown_revision(pr_repo: Path) -> None:
    code, stdout, stderr = _invoke("--diff-base", "no-such-branch", "--no-claims")
    assert (code, stdout) == (2, "")
    assert stderr == "genai-lint: error: --diff-base: unknown git revision 'no-such-branch'\n"


def test_fix_touches_only_changed_lines(pr_repo: Path) -> None:
    code, _, _ = _invoke("--diff-base", "main", "--no-claims", "--fix", "docs/old.md")
    assert code == 0
    assert (pr_repo / "docs/old.md").read_text(encoding="utf-8") == (
        "Chat GPT is old debt.\n\nNothing else.\nOpenAI is new here.\nAsk ChatGPT later.\n")
